"""LayoutSettings (parser/settings.py): every layout threshold is a named setting, and the
settings are really read: changing one changes what a real letter parses into."""
from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from congvan import parse_bytes
from congvan.settings import LayoutSettings, PageThresholds, Settings

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = ROOT / "parser" / "layout.py"
PDF_1959 = ROOT / "corpora" / "pdf" / "cv-1959-BTTTT-UDCNTT-2013.pdf"

TRIVIAL = {0, 1, 2}  # indexes, counts, halves (a middle is (a + b) / 2, a majority len / 2)
# numbers in layout.py that are no threshold, with why
ALLOWED = {
    100: "percent scale of margin_percentile; a table's id is page * 100 + its index on the page",
}


def _numbers(source: str) -> list[tuple[int, object]]:
    """(line, value) of every numeric literal in the code (docstrings and regexes are strings)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            out.append((node.lineno, node.value))
    return out


def test_no_bare_threshold_in_layout():
    bare = [(line, v) for line, v in _numbers(LAYOUT.read_text(encoding="utf-8"))
            if v not in TRIVIAL and v not in ALLOWED]
    assert not bare, f"numeric literals in parser/layout.py (make them LayoutSettings fields): {bare}"


def test_every_field_documented_and_resolved_per_page():
    source = (ROOT / "parser" / "settings.py").read_text(encoding="utf-8").splitlines()
    for f in dataclasses.fields(LayoutSettings):
        line = next(ln for ln in source if ln.strip().startswith(f"{f.name}:"))
        assert "#" in line and len(line.split("#", 1)[1].strip()) > 10, f"{f.name} has no comment"
    # fractions of the page become points with the page's own size, not an assumed 600 pt
    s = LayoutSettings()
    a4, landscape = s.for_page(595.0, 842.0), s.for_page(842.0, 595.0)
    assert a4.date_column_min_x == pytest.approx(0.35 * 595.0)
    assert landscape.date_column_min_x == pytest.approx(0.35 * 842.0)
    assert landscape.page_number_bottom == pytest.approx(0.9 * 595.0)
    assert s.for_page(None, None).width == s.fallback_page_width
    assert isinstance(a4, PageThresholds) and Settings().layout == s
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.column_gap = 10.0  # type: ignore[misc]


@pytest.fixture(scope="module")
def pdf_1959() -> bytes:
    if not PDF_1959.is_file():
        pytest.skip("corpora/pdf not rendered")
    return PDF_1959.read_bytes()


def _parse(data: bytes, **layout):
    return parse_bytes(data, "cv-1959.pdf", Settings(ocr="off", layout=dataclasses.replace(LayoutSettings(), **layout)))


@pytest.fixture(scope="module")
def base(pdf_1959):
    return _parse(pdf_1959)


def test_column_gap_is_read(pdf_1959, base):
    """The closing band Nơi nhận | signer is cut into its columns where words are column_gap
    apart: with a gap no row has (400 pt), the signer's KT. BỘ TRƯỞNG / THỨ TRƯỞNG fall into the
    Nơi nhận list."""
    assert base.document.signer.authority == "KT. BỘ TRƯỞNG"
    assert base.document.distribution[0] == "Như trên"
    wide = _parse(pdf_1959, column_gap=400.0)
    assert wide.document.signer.authority is None
    assert "KT. BỘ TRƯỞNG" in wide.document.distribution


def test_page_number_zones_are_read(pdf_1959, base):
    """Page numbers are dropped only in the top and bottom zones of the page: with no zone, a
    page number ("5") stays, a line of the letter's text after the Nơi nhận list (whose
    'Lưu' item ends it)."""
    assert "page number removed (7)" in base.source.normalizations
    kept = _parse(pdf_1959, page_number_top=0.0, page_number_bottom=1.0)
    assert not any(n.startswith("page number removed") for n in kept.source.normalizations)
    assert kept.text.splitlines().count("5") == 1 and base.text.splitlines().count("5") == 0
    assert kept.document.distribution == base.document.distribution
    assert kept.document.distribution[-1] == "Lưu: VT, UDCNTT"
