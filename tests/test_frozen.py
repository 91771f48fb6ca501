"""The records that flow between stages are built once: frozen, and their sequences tuples, so
no later stage can change what an earlier one found (checked on what a real seed gives)."""
from __future__ import annotations

import dataclasses

import pytest
from conftest import PDFS, SEEDS

from congvan.extract import header, sections, tables
from congvan.layout import layout_page
from congvan.load import load
from congvan.normalize import normalize_lines
from congvan.segment import segment
from congvan.settings import Settings


def _mutable_parts(record, path="") -> list[str]:
    """Where a record is not frozen, or holds a list, a set or a dict (a mapping proxy is read-only)."""
    out = []
    if dataclasses.is_dataclass(record):
        if not record.__dataclass_params__.frozen:
            out.append(path or type(record).__name__)
        for f in dataclasses.fields(record):
            out += _mutable_parts(getattr(record, f.name), f"{path}.{f.name}")
    elif isinstance(record, (list, set, dict)):
        out.append(path)
    elif isinstance(record, tuple):
        for k, v in enumerate(record):
            out += _mutable_parts(v, f"{path}[{k}]")
    return out


def _parts(name: str):
    path = SEEDS / name
    loaded = load(path.read_bytes(), name, Settings(ocr="off"))
    lines, _, _ = normalize_lines([ln for p in loaded.pages for ln in p.lines], markdown=path.suffix == ".md")
    return segment(lines)


@pytest.fixture(scope="module")
def parts():
    return _parts("cv-232-BTTTT-KHTC-2018.md")  # a công văn with its number, annexes and tables


def test_parts_are_frozen(parts):
    assert parts.annexes and parts.body and parts.number is not None
    assert _mutable_parts(parts) == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        parts.body = ()


def test_paragraphs_sections_and_header_are_frozen(parts):
    paras = sections.paragraphs(list(parts.body))
    roots = sections.build_tree(paras)
    assert any(p.seps for p in paras) and any(n.children for n in roots)  # joined paragraphs, a nested tree
    assert _mutable_parts(tuple(paras)) == [] and _mutable_parts(tuple(roots)) == []
    head = header.read_header(parts)
    assert head.values["number"] == "232/BTTTT-KHTC"
    with pytest.raises(TypeError):
        head.values["number"] = "1/X"  # a read-only mapping
    assert _mutable_parts(dataclasses.replace(head, values=None)) == []


def test_tables_are_frozen():
    parts = _parts("qd-43-2008-QD-TTg.txt")  # its annex tables have totals to check
    by_table: dict[int, list] = {}
    for ln in (ln for a in parts.annexes for ln in a.body if ln.cells is not None):
        by_table.setdefault(ln.table, []).append(ln.cells)
    built = [tables.build_table(rows) for rows in by_table.values()]
    assert all(b.rows and b.columns for b in built) and any(b.checks for b in built)
    assert _mutable_parts(tuple(built)) == []
    with pytest.raises(TypeError):
        next(b for b in built if b.checks).checks[0]["ok"] = True  # each check a read-only mapping


def test_page_layout_is_frozen():
    page = load((PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes(), "cv-232.pdf", Settings(ocr="off")).pages[0]
    layout, _ = layout_page(page, first_page=True, closing_seen=False)
    assert layout.lines and isinstance(layout.lines, tuple)
    with pytest.raises(TypeError):
        layout.dropped["x"] = 1


@pytest.mark.parametrize("name", ["cv-232-BTTTT-KHTC-2018.pdf", "cv-232-BTTTT-KHTC-2018.md"])
def test_loaded_pages_are_frozen(name):
    """What a loader returns (a digital PDF's words and tables, a text's lines) is frozen too: the
    OCR step builds new pages instead of filling the empty ones in."""
    path = (PDFS if name.endswith(".pdf") else SEEDS) / name
    loaded = load(path.read_bytes(), name, Settings(ocr="off"))
    assert loaded.pages and any(p.words or p.lines for p in loaded.pages)
    assert _mutable_parts(dataclasses.replace(loaded, pdf_data=None)) == []
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.pages[0].words = ()
