"""Shared paths and helpers for the tests: the seed corpus, its rendered PDFs, ../shared/real."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
PDFS = ROOT / "corpora" / "pdf"
GOLD = ROOT / "gold"
REAL = ROOT.parent / "shared" / "real"


def skip_or_fail(reason: str) -> None:
    """Skip a test whose tool or data is missing, except under CI (CI=true), whose own script
    installs them: there a missing one is a failed install and must not pass quietly."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed():
    """Parse a path once per session (parsing is pure, so results are shared)."""
    from congvan import parse_file
    from congvan.settings import Settings

    cache: dict = {}

    def get(path, ocr: str = "off"):
        key = (str(path), ocr)
        if key not in cache:
            cache[key] = parse_file(path, Settings.resolve(ocr=ocr))
        return cache[key]

    return get


@pytest.fixture(scope="session")
def rendered_pdfs(tmp_path_factory):
    """The seeds rendered as official-layout PDFs (scripts/render_pdf.py), made fresh."""
    pytest.importorskip("reportlab")
    from render_pdf import render_seed

    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for src in sorted(SEEDS.iterdir()):
        target = out / (src.stem + ".pdf")
        render_seed(src, target)
        paths[src.stem] = target
    return paths
