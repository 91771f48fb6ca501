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


def script(name: str):
    """A module of scripts/ (scripts/NAME.py), loaded once."""
    import importlib.util
    import sys

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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


PG_ENV = "CONGVAN_TEST_PG"  # a PostgreSQL URL the archive tests may create databases on (.ci/run starts one)


class PostgresServer:
    """The test server of $CONGVAN_TEST_PG: a fresh database for each archive, dropped at the end."""

    def __init__(self, url: str):
        import psycopg

        self.url, self.made = url, []
        self.admin = psycopg.connect(url, autocommit=True, connect_timeout=5)

    def url_of(self, name: str) -> str:
        from urllib.parse import urlsplit, urlunsplit

        return urlunsplit(urlsplit(self.url)._replace(path="/" + name))

    def new(self, template: str | None = None) -> str:
        """A new, empty database (or a copy of `template`'s), as a postgresql:// URL."""
        import uuid

        name = f"congvan_test_{uuid.uuid4().hex[:12]}"
        self.admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return self.url_of(name)

    def close(self) -> None:
        for name in self.made:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server of $CONGVAN_TEST_PG; the test is skipped without one (failed under CI)."""
    url = os.environ.get(PG_ENV)
    if not url:
        skip_or_fail(f"no PostgreSQL server: set {PG_ENV} (bash scripts/pg_throwaway.sh start prints it)")
    try:
        server = PostgresServer(url)
    except ImportError:
        skip_or_fail("psycopg is not installed (pip install -e '.[test]')")
    except Exception as exc:  # psycopg.OperationalError: not reachable
        skip_or_fail(f"the PostgreSQL server of {PG_ENV} is not reachable ({str(exc).strip().splitlines()[-1]})")
    yield server
    server.close()
