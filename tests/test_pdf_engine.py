"""The two PDF engines (issue 13): pdfium's character API (the default) and pdfplumber give the
same letter, field by field, on the corpus PDFs and the text-layer PDFs of ../shared/real; pages
turned by /Rotate or with a media box away from 0,0 read as the upright page does."""
from __future__ import annotations

import csv
import io

import pytest
from conftest import PDFS, REAL

from congvan import parse_bytes
from congvan.load import pdf as pdf_loader
from congvan.load import pdfium as pdfium_text
from congvan.settings import Settings

pikepdf = pytest.importorskip("pikepdf")

CORPUS = sorted(PDFS.glob("*.pdf"))


def _real_text_layer_pdfs() -> list:
    """The digital PDFs of ../shared/real (MANIFEST.tsv kind 'digital')."""
    manifest = REAL / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return sorted(REAL / r["file"] for r in rows if r["kind"] == "digital" and r["file"].endswith(".pdf"))


def _parse(data: bytes, engine: str) -> dict:
    return parse_bytes(data, "letter.pdf", Settings(ocr="off", pdf_engine=engine)).model_dump(mode="json")


def _boxes_close(a, b, where: str):
    """The two outputs with their boxes (provenance `bbox`) compared within 2 pt (a line's box is
    the union of its words', each within about 1 pt), and then left out: everything else must be
    equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        if "bbox" in a and "bbox" in b and a["bbox"] and b["bbox"]:
            assert all(abs(x - y) <= 2.0 for x, y in zip(a["bbox"], b["bbox"])), (where, a["bbox"], b["bbox"])
        return {k: _boxes_close(v, b.get(k), where) for k, v in a.items() if k != "bbox"}
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [_boxes_close(x, y, where) for x, y in zip(a, b)]
    return a


def _assert_same(a: dict, b: dict, where: str) -> None:
    """Field by field, so that a failure names the field: document.* one by one, then the rest."""
    a, b = _boxes_close(a, b, where), _boxes_close(b, a, where)
    assert a.keys() == b.keys()
    for key in a["document"]:
        assert a["document"][key] == b["document"][key], f"{where}: document.{key}"
    for key in a:
        if key != "document":
            assert a[key] == b[key], f"{where}: {key}"


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_engines_agree_on_the_corpus_pdfs(path):
    data = path.read_bytes()
    _assert_same(_parse(data, "pdfium"), _parse(data, "pdfplumber"), path.name)


REAL_PDFS = _real_text_layer_pdfs()


@pytest.mark.skipif(not REAL_PDFS, reason="../shared/real is not here")
@pytest.mark.parametrize("path", REAL_PDFS, ids=[p.stem for p in REAL_PDFS])
def test_engines_agree_on_the_real_text_layer_pdfs(path):
    data = path.read_bytes()
    _assert_same(_parse(data, "pdfium"), _parse(data, "pdfplumber"), path.name)


def test_pdfium_words_are_pdfplumbers_within_a_point():
    """The words themselves, before any layout: same texts on every page of a corpus letter (as
    sets: pdfminer's font-size noise can change the order of its runs), boxes within 1 pt, same
    size and emphasis."""
    import pdfplumber
    import pypdfium2 as pdfium

    path = PDFS / "cv-232-BTTTT-KHTC-2018.pdf"
    with pdfplumber.open(path) as pl:
        doc = pdfium.PdfDocument(path)
        try:
            for i, page in enumerate(pl.pages, start=1):
                theirs = pdf_loader._words(page, i)
                p = doc[i - 1]
                tp = p.get_textpage()
                ours = pdf_loader._to_words(pdfium_text.words(pdfium_text.chars(p, tp, pdfium_text.frame(p))), i)
                tp.close()
                key = lambda w: (w.text, round(w.top), round(w.x0))  # noqa: E731
                assert sorted(w.text for w in ours) == sorted(w.text for w in theirs), f"page {i}"
                for a, b in zip(sorted(ours, key=key), sorted(theirs, key=key)):
                    assert a.text == b.text and a.size == b.size and a.bold == b.bold and a.italic == b.italic
                    assert max(abs(a.x0 - b.x0), abs(a.x1 - b.x1), abs(a.top - b.top), abs(a.bottom - b.bottom)) <= 1.0, \
                        (i, a, b)
        finally:
            doc.close()


def test_upright_words_are_pdfplumbers_word_extractor():
    """The written-out word grouping gives pdfplumber's WordExtractor's records exactly (same
    words, order, boxes, fonts) on every upright page of the corpus and real text-layer PDFs,
    and the turned pages of a /Rotate 90 render (pdfplumber's own grouping) too; with or without
    the blank characters."""
    import pypdfium2 as pdfium
    from pdfplumber.utils.text import WordExtractor

    upright = 0
    turned = _turned((PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes(), 90)
    for data in [p.read_bytes() for p in CORPUS + REAL_PDFS] + [turned]:
        doc = pdfium.PdfDocument(data)
        try:
            for page in doc:
                tp = page.get_textpage()
                for fr in (pdfium_text.frame(page), pdfium_text.frame(page, rotate=90)):
                    chars = pdfium_text.chars(page, tp, fr)
                    theirs = WordExtractor(**pdfium_text.WORD_OPTIONS).extract_words([c for c in chars if c["word"]])
                    assert pdfium_text.words(chars) == theirs
                    # the loader's characters of a page without tables leave the blanks out: the same words
                    assert pdfium_text.words(pdfium_text.chars(page, tp, fr, blanks=False)) == theirs
                    upright += all(c["upright"] for c in chars if c["word"]) and bool(theirs)
                tp.close()
        finally:
            doc.close()
    assert upright >= 60  # the fast grouping itself was compared, not only the fallback


def test_tables_are_looked_for_on_every_page_pdfplumber_finds_one():
    """The pdfium ruling test may say yes too often, never too rarely: each page where
    pdfplumber's finder keeps a table has rulings by it (the letter with the most tables)."""
    import pdfplumber
    import pypdfium2 as pdfium

    for path in [PDFS / "cv-232-BTTTT-KHTC-2018.pdf"]:
        with pdfplumber.open(path) as pl:
            doc = pdfium.PdfDocument(path)
            try:
                for i, page in enumerate(pl.pages, start=1):
                    if pdf_loader._tables(page, i, Settings()):
                        assert pdfium_text.has_rulings(doc[i - 1]), f"{path.name} page {i}"
            finally:
                doc.close()


QD2463 = REAL / "laocai-qd2463-2026-ubnd.pdf"


@pytest.mark.skipif(not QD2463.exists(), reason="../shared/real is not here")
def test_a_cell_line_exactly_on_the_tolerance_reads_alike_without_pdfminer():
    """laocai-qd2463's page 2: a cell holds tops exactly CELL_LINE_TOLERANCE apart in pdfium's
    float32 (430.059 and 433.059; pdfminer 3.00000096 apart). Rounded, both engines read the cell
    alike, so pdfium's tables need no pdfminer page; shifted onto a rounding boundary, the pair
    is still sent to pdfminer."""
    import pdfplumber
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(QD2463)
    try:
        page = doc[1]
        tp = page.get_textpage()
        fr = pdfium_text.reading_frame(page, tp)
        chars = pdfium_text.chars(page, tp, fr)
        ours = pdfium_text.find_tables(page, chars, fr, pdf_loader.TABLE_SETTINGS)
        tp.close()
    finally:
        doc.close()
    tops = sorted({c["top"] for c in chars})
    assert any(abs(b - a - pdfium_text.CELL_LINE_TOLERANCE) < 1e-6 for a in tops for b in tops)
    assert ours is not None
    with pdfplumber.open(QD2463) as pl:
        theirs = pdf_loader._tables(pl.pages[1], 2, Settings())
    assert [t.rows for t in pdf_loader._kept_tables(ours, 2)] == [t.rows for t in theirs]
    pair = [c for c in chars if abs(c["top"] - 430.059) < 1e-3][:1] + \
        [c for c in chars if abs(c["top"] - 433.059) < 1e-3][:1]
    shift = 430.065 - pair[0]["top"]  # onto a boundary of the second decimal
    edgy = [{**c, "top": c["top"] + shift} for c in pair]
    assert pdfium_text._tie_on_edge(edgy) and not pdfium_text._tie_on_edge(pair)


def _turned(data: bytes, rotate: int, offset: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """Each page redrawn so that, shown with /Rotate `rotate` and a media box moved by `offset`,
    it looks as before: a scanner's landscape page or a cropped export."""
    pdf = pikepdf.open(io.BytesIO(data))
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        w, h = x1 - x0, y1 - y0
        dx, dy = offset
        cm = {0: (1, 0, 0, 1, dx, dy), 90: (0, 1, -1, 0, h + dx, dy), 180: (-1, 0, 0, -1, w + dx, h + dy),
              270: (0, -1, 1, 0, dx, w + dy)}[rotate]
        page.contents_coalesce()
        body = page.Contents.read_bytes()
        page.Contents.write(("q %s cm\n" % " ".join(f"{v:g}" for v in cm)).encode() + body + b"\nQ")
        bw, bh = (h, w) if rotate in (90, 270) else (w, h)
        page.MediaBox = pikepdf.Array([dx, dy, dx + bw, dy + bh])
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]
        page.Rotate = rotate
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def upright():
    data = (PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes()
    return data, _parse(data, "pdfium")


@pytest.mark.parametrize("rotate, offset", [(90, (0, 0)), (180, (0, 0)), (270, (0, 0)), (0, (30, -50)),
                                            (90, (12, 40))])
def test_turned_and_offset_pages_read_as_the_upright_letter(upright, rotate, offset):
    data, want = upright
    got = _parse(_turned(data, rotate, offset), "pdfium")
    assert got["document"]["number"] == "232/BTTTT-KHTC"
    assert got["document"]["date"] == "2018-07-19"
    for letter in (got, want):
        letter["source"].pop("sha256", None)  # the bytes differ, the letter does not
    _assert_same(got, want, f"/Rotate {rotate}, offset {offset}")


def test_the_frame_follows_rotate_and_the_media_box():
    import pypdfium2 as pdfium

    data = (PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes()
    base = pdfium.PdfDocument(data)
    w, h = base[0].get_width(), base[0].get_height()
    base.close()
    for rotate in (0, 90, 180, 270):
        doc = pdfium.PdfDocument(_turned(data, rotate, (7, 9)))
        fr = pdfium_text.frame(doc[0])
        # the page as shown: the upright page's size, its top-left corner at 0,0
        assert (round(fr.width, 2), round(fr.height, 2)) == (round(w, 2), round(h, 2))
        x, y = fr.point(7, 9)  # the media box's lower-left corner
        assert (round(x, 2), round(y, 2)) in {(0, round(h, 2)), (round(w, 2), 0), (round(w, 2), round(h, 2)), (0, 0)}
        doc.close()


def test_the_engine_setting_and_option():
    from congvan.cli import _args

    assert Settings().pdf_engine == "pdfium"
    assert _args(["x.pdf", "--pdf-engine", "pdfplumber"]).pdf_engine == "pdfplumber"
    with pytest.raises(ValueError):
        pdf_loader._engine(Settings(pdf_engine="poppler"))
    assert pdfium_text.WORD_OPTIONS["x_tolerance"] == 1.5 and pdfium_text.WORD_OPTIONS["y_tolerance"] == 2.5


def test_cell_text_is_pdfplumbers_extract_text_on_every_table_cell():
    """pdfium.cell_text, written out for upright characters, gives pdfplumber's extract_text on
    the characters of every cell of every ruled table of the corpus and real text-layer PDFs."""
    import pypdfium2 as pdfium
    from pdfplumber.table import TableFinder
    from pdfplumber.utils import extract_text

    cells = 0
    for path in CORPUS + REAL_PDFS:
        doc = pdfium.PdfDocument(path)
        try:
            for i in range(min(len(doc), 30)):
                page = doc[i]
                if not pdfium_text.has_rulings(page):
                    continue
                tp = page.get_textpage()
                fr = pdfium_text.reading_frame(page, tp)
                chars = pdfium_text.chars(page, tp, fr)
                tp.close()
                index = pdfium_text.CharIndex(chars)
                finder = TableFinder(pdfium_text._TablePage(pdfium_text.edges(page, fr), chars, fr),
                                     pdf_loader.TABLE_SETTINGS)
                for t in finder.tables:
                    for row in t.rows:
                        for cell in row.cells:
                            if cell is None:
                                continue
                            x0, top, x1, bottom = cell
                            got = [pdfium_text._snapped(m[3]) for m in index.band(x0, top, x1, bottom)]
                            if got:
                                cells += 1
                                assert pdfium_text.cell_text(got) == extract_text(got), (path.name, i + 1, cell)
        finally:
            doc.close()
    assert cells >= 500  # the corpus alone has hundreds of cells
