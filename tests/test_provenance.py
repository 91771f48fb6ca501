"""Provenance (schema 2): every reference, date, deadline and header value of the corpus letters
points at its own characters in `letter.text`, and, from a PDF, at a box on its page that holds
those words. Checked over the whole corpus (the seeds as text and as PDFs rendered fresh from
them, and the authored letters), not a sample."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from conftest import ROOT, SEEDS

AUTHORED = ROOT / "corpora" / "authored"
TEXTS = sorted(SEEDS.iterdir()) + sorted(AUTHORED.iterdir())


def _cut(letter, span) -> str | None:
    return None if span is None else letter.text[span.start:span.end]


def items(letter):
    """(kind, value as printed, provenance, may the value be a correction of its line) for every
    value that must be placed."""
    for r in letter.references:
        yield "reference", r.raw, next((o for o in r.occurrences if _cut(letter, o.span) == r.raw),
                                       r.occurrences[0] if r.occurrences else None), False
        for o in r.occurrences:
            if o.span is not None:
                yield "mention", _cut(letter, o.span), o, False
    for d in letter.deadlines:
        yield "deadline", d.raw, d.provenance, False
    for d in letter.dates:
        yield "date", d.raw, d.provenance, False
    doc = letter.document
    pv = doc.provenance
    if doc.number_raw:
        yield "number", doc.number_raw, (pv.get("number") or [None])[0], False
    issuer_lines = pv.get("issuer", [])
    for k, raw in enumerate(doc.issuer.raw):  # the issuer's lines as printed, one provenance each
        yield "issuer", raw, issuer_lines[k] if k < len(issuer_lines) else None, False
    for name in ("place", "subject"):
        if getattr(doc, name):
            yield name, getattr(doc, name), (pv.get(name) or [None])[0], True
    for name in ("recipients", "distribution"):
        got = pv.get(name, [])
        for k, value in enumerate(getattr(doc, name)):
            yield name, value, got[k] if k < len(got) else None, True
    for name in ("authority", "position", "name"):
        value = getattr(doc.signer, name)
        if value:
            yield f"signer.{name}", value, (pv.get(f"signer.{name}") or [None])[0], True


def check_spans(letter) -> tuple[int, list[str]]:
    """How many values were placed exactly, and what is wrong with the others."""
    exact, problems = 0, []
    for kind, value, prov, may_correct in items(letter):
        got = _cut(letter, prov.span if prov else None)
        if got == value:
            exact += 1
        elif got is not None and may_correct and fuzz.ratio(got, value) >= 60 and \
                letter.text[prov.span.start - 1: prov.span.start] in ("", "\n") and \
                letter.text[prov.span.end:prov.span.end + 1] in ("", "\n"):
            pass  # a corrected value ('THỦ TRƯỞNG' read as 'THỨ TRƯỞNG') points at its whole line
        else:
            problems.append(f"{kind}: {value[:60]!r} -> {got!r}")
    return exact, problems


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_letters_place_every_value(parsed, path):
    letter = parsed(path)
    exact, problems = check_spans(letter)
    assert not problems, problems
    assert exact >= 10


def test_rendered_pdfs_place_every_value_and_box(parsed, rendered_pdfs):
    import pdfplumber

    total = 0
    for stem, pdf in rendered_pdfs.items():
        letter = parsed(pdf)
        exact, problems = check_spans(letter)
        assert not problems, (stem, problems)
        total += exact
        with pdfplumber.open(pdf) as doc:
            for kind, value, prov, _ in items(letter):
                if prov is None or prov.span is None:
                    continue
                assert prov.page is not None and prov.bbox is not None, (stem, kind, value)
                x0, top, x1, bottom = prov.bbox
                page = doc.pages[prov.page - 1]
                crop = page.crop((max(0, x0 - 1), max(0, top - 1), min(page.width, x1 + 1),
                                  min(page.height, bottom + 1)))
                held = _squeeze(crop.extract_text() or "")
                want = _squeeze(letter.text[prov.span.start:prov.span.end])
                if want not in held:
                    # a value that runs on to the next page: the box holds its start, the next page the rest
                    k = max(k for k in range(len(want) + 1) if held.endswith(want[:k]) or k == 0)
                    rest = _squeeze(doc.pages[prov.page].extract_text() or "") if prov.page < len(doc.pages) else ""
                    assert k >= 3 and want[k:] and want[k:][:10] in rest[:40], (stem, kind, value, prov)
    assert total >= 300


def test_rewritten_header_values_point_at_their_printed_line(parsed, rendered_pdfs):
    """The values the parser rewrites point at the whole line they were read from: the tên loại
    ('QUYẾT ĐỊNH' for type_name 'Quyết định') and the place and date line (its day, month, year)."""
    from congvan.domain import fold

    checked = 0
    for path in TEXTS + list(rendered_pdfs.values()):
        letter = parsed(path)
        doc, pv = letter.document, letter.document.provenance
        for name in ("type", "date"):
            for prov in pv.get(name, []):
                line = _cut(letter, prov.span)
                assert line and line == line.strip() and "\n" not in line, (path.name, name, line)
                if name == "type":
                    assert fold(line).startswith(fold(doc.type_name)), (path.name, line, doc.type_name)
                elif doc.date is not None:  # a date left blank at issue has its line and no value
                    digits = re.findall(r"\d+", line)
                    assert {str(doc.date.year), str(doc.date.month)} <= {d.lstrip("0") for d in digits}, (path.name, line)
                checked += 1
    assert checked >= 10


def _squeeze(text: str) -> str:
    """Text without white space, hyphens or marks: a value wrapped over lines (or cut by a hyphen at
    a line end, or printed with the old tone placement 'Toà' the letter's text writes 'Tòa') reads
    the same in the page's box as in the letter's text."""
    from congvan.domain import fold

    return re.sub(r"[\s\-]", "", fold(unicodedata.normalize("NFC", text)))


def test_sections_know_their_title_and_paragraphs(parsed):
    placed = total = 0
    for path in TEXTS:
        letter = parsed(path)

        def walk(sections):
            nonlocal placed, total
            for s in sections:
                if s.title:
                    total += 1
                    placed += _cut(letter, s.title_span) == s.title
                    assert s.title_span is None or _cut(letter, s.title_span) == s.title
                for line, span in zip(s.text.split("\n"), s.text_spans):
                    total += 1
                    placed += _cut(letter, span) == line
                    assert span is None or _cut(letter, span) == line
                walk(s.children)

        walk(letter.body)
        for a in letter.annexes:
            walk(a.body)
    assert total > 300 and placed / total >= 0.97, (placed, total)


def test_table_cells_point_at_their_text(parsed):
    cells = placed = 0
    for path in TEXTS:
        letter = parsed(path)
        for t in letter.tables + [t for a in letter.annexes for t in a.tables]:
            for r in t.rows:
                for c, pv in zip(r.cells, r.cell_provenance):
                    if c:
                        cells += 1
                        got = _cut(letter, pv.span if pv else None)
                        assert got is None or got == c
                        placed += got == c
    assert cells > 100 and placed / cells >= 0.9, (placed, cells)


def test_emitters_run_no_finder():
    """The renderings read the model and its spans: no finder, no search in emit/."""
    calls = re.compile(r"\bfind_(?:mentions|dates|deadlines|all)\b|\bPERIOD\b|\.find\(|finditer|first_date")
    for src in (ROOT / "parser" / "emit").glob("*.py"):
        hits = [ln for ln in src.read_text(encoding="utf-8").splitlines() if calls.search(ln)]
        assert not hits, (src.name, hits)


def test_assemble_only_converts():
    """The stages run from parser/pipeline.py, in the order it writes once; parser/assemble.py
    imports no stage that reads or finds (load, layout, legacy fonts, normalize, segment, the
    second reading, the finders, resolve) and no other module runs the pipeline's stages."""
    import ast

    stages = {"load", "layout", "encoding", "normalize", "reread"}  # resolve and find: their records only
    runners = {"segment", "find_all", "resolve", "load", "layout_pages", "normalize_lines", "reread"}
    tree = ast.parse((ROOT / "parser" / "assemble.py").read_text(encoding="utf-8"))
    imported = {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not imported & stages and not names & runners, (imported & stages, names & runners)
    pipeline = (ROOT / "parser" / "pipeline.py").read_text(encoding="utf-8")
    body = pipeline[pipeline.index("def parse_bytes"):]
    order = [body.index(call) for call in ("load(", "_letter_lines(", "segment(", "_read_fields(", "find_all(",
                                          "_resolve(", "_document(", "find_frameworks(")]
    assert order == sorted(order)


def test_html_marks_come_from_spans(parsed):
    from congvan.emit import render

    letter = parsed(SEEDS / "cv-232-BTTTT-KHTC-2018.md")
    page = render(letter, "html")
    deadline = letter.deadlines[0]
    assert deadline.provenance.span is not None
    assert f'data-deadline="1">{deadline.raw}</mark>' in page
    cited = letter.references[0]
    shown = letter.text[cited.occurrences[0].citation.start:cited.occurrences[0].citation.end]
    assert f'<a href="#ref-1">{shown}</a></mark>' in page


def test_schema_lists_the_vocabularies():
    from congvan.models import SCHEMA_VERSION, Letter

    schema = Letter.model_json_schema()
    defs = schema["$defs"]
    assert SCHEMA_VERSION == "2.3"
    for name in ("WarningCode", "SectionKind", "RowKind", "CheckKind", "FrameworkKind"):
        assert defs[name]["enum"], name
    assert {"text", "dates"} <= set(schema["properties"])
    assert "occurrences" in defs["Reference"]["properties"] and "provenance" in defs["Deadline"]["properties"]


def test_ocr_values_carry_confidence(parsed):
    """A scanned letter's values carry the OCR confidence of the lines they stand on."""
    from conftest import REAL, skip_or_fail

    scans = sorted(Path(REAL).glob("*.pdf")) if REAL.exists() else []
    if not scans:
        pytest.skip("../shared/real is absent")
    import shutil

    if shutil.which("tesseract") is None:
        skip_or_fail("tesseract is not installed")
    letter = None
    for p in scans:
        candidate = parsed(p, ocr="auto")
        if candidate.source.text_source == "ocr" and candidate.document.number_raw:
            letter = candidate
            break
    assert letter is not None
    prov = letter.document.provenance["number"][0]
    assert prov.confidence is not None and 0 < prov.confidence <= 1
    assert prov.bbox is not None and prov.page == 1


@pytest.mark.parametrize("line, base", [
    ("Kính gửi: Sở Thông tin và Truyền thông", 40),  # already collapsed: one run
    ("Số:  232/BTTTT-KHTC", 0),  # a double space: the gap maps nowhere
    (" Hà Nội, ngày 19 tháng 7 năm 2018 ", 12),  # spaces at the ends
    ("Nơi nhận:\u00a0- Như trên;", 3),  # a no-break space is white space too
    ("", 5),
])
def test_a_collapsed_line_maps_each_character_back_to_the_line(line, base):
    from congvan.spans import collapse

    src = collapse(line, base)
    assert src.text == " ".join(line.split())
    for start, at, length in src.runs:  # every mapped stretch is the line's own characters
        assert src.text[start:start + length] == line[at - base:at - base + length]
    mapped = sum(length for _, _, length in src.runs)
    assert mapped >= len(src.text) - src.text.count(" ")  # every word is mapped
