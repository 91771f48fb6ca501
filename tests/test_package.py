"""The distribution: a wheel built from the repository holds only the `congvan` namespace."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out),
                        str(ROOT)], capture_output=True, text=True, timeout=300)
    if p.returncode != 0 and "No module named" in p.stderr:
        pytest.skip(f"cannot build a wheel here: {p.stderr.strip().splitlines()[-1]}")
    assert p.returncode == 0, p.stderr[-2000:]
    (path,) = out.glob("congvan-*.whl")
    return path, p.stdout + p.stderr


def test_wheel_holds_only_the_congvan_namespace(wheel):
    path, _ = wheel
    names = zipfile.ZipFile(path).namelist()
    outside = [n for n in names if not (n.startswith("congvan/") or n.split("/")[0].endswith(".dist-info"))]
    assert not outside, outside
    # the stages, the models and the data files are all inside
    for needed in ("congvan/__init__.py", "congvan/models/__init__.py", "congvan/load/pdf.py",
                   "congvan/emit/html.py", "congvan/data/doc_types.json", "congvan/__main__.py",
                   "congvan/archive/cli.py", "congvan/archive/store.py"):
        assert needed in names, needed
    entry = zipfile.ZipFile(path).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "parse = congvan.cli:main" in entry
    assert "congvan = congvan.archive.cli:main" in entry


def test_building_prints_no_setuptools_warning(wheel):
    _, log = wheel
    bad = [ln for ln in log.splitlines() if "Warning" in ln or "deprecated" in ln.lower()]
    assert not bad, bad


def test_import_names():
    code = ("import congvan, congvan.models; print(callable(congvan.parse_file), congvan.models.SCHEMA_VERSION)")
    p = subprocess.run([sys.executable, "-c", code], cwd="/", capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.startswith("True "), p.stderr


def test_no_sys_path_edits():
    """Tests and scripts import the installed `congvan` (and scripts/ through pytest's pythonpath),
    never by editing sys.path."""
    edits = [f"{p.relative_to(ROOT)}:{k}" for d in ("tests", "scripts", "parser") for p in (ROOT / d).rglob("*.py")
             for k, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"sys\.path\.(?:insert|append)\(", line)]
    assert not edits, edits
