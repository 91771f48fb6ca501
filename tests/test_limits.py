"""The limits of Settings that hostile input meets (issue 16, docs/robustness.md): decompressed
bytes per PDF page and DOCX part, image pixels, the wall-time budget, and fields of absurd
length; and invisible text (clipped away, render mode 3) kept out of the letter in both PDF
engines. Each on a real input: a seed letter, its rendered PDF, or a bomb made the way
scripts/hostile.py makes the corpus's."""
from __future__ import annotations

import pytest
from conftest import PDFS, SEEDS

import hostile  # noqa: E402  (scripts/ is on the test path)

from congvan import parse_bytes
from congvan.errors import InputError
from congvan.settings import Settings

MIB = 2**20
SEED = "cv-1959-BTTTT-UDCNTT-2013"
NUMBER, DATE = "1959/BTTTT-UDCNTT", "2013-07-04"


def _nd(letter) -> tuple:
    """(number, date as ISO text) of the letter."""
    d = letter.document.date
    return letter.document.number, None if d is None else str(d)


def _codes(letter) -> list[str]:
    return [str(w.code) for w in letter.warnings]


def test_a_docx_part_inflating_past_the_limit_is_refused_before_it_is_read():
    good = hostile.docx_bytes((SEEDS / f"{SEED}.txt").read_text(encoding="utf-8"))
    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    bomb = hostile.zip_bomb_part(good, "word/document.xml", head, b" ", 3 * MIB, b"</w:body></w:document>")
    assert len(bomb) < 100_000  # a few KB standing for 3 MiB
    with pytest.raises(InputError, match=r"word/document\.xml inflates to 3 MiB.*Settings\.max_inflated_bytes"):
        parse_bytes(bomb, "x.docx", Settings(ocr="off", max_inflated_bytes=2 * MIB))
    letter = parse_bytes(good, "x.docx", Settings(ocr="off", max_inflated_bytes=2 * MIB))
    assert _nd(letter) == (NUMBER, DATE)


def _qq_pdf(total: int, twice: bool = False) -> bytes:
    unit = b"q Q\n"
    data = hostile.deflate_repeat(unit, total)
    filters = b"/Filter /FlateDecode"
    if twice:
        import zlib

        data, filters = zlib.compress(data, 9), b"/Filter [/FlateDecode /FlateDecode]"
    return hostile.one_page_pdf(data, filters)


@pytest.mark.parametrize("twice", [False, True])
def test_a_page_inflating_past_the_limit_is_not_read(twice):
    """A content stream of q Q operators: over the limit the page is left unread with a `limit`
    warning (neither pdfium nor pdfminer inflates it); under it the page is read as usual."""
    pdf = _qq_pdf(3 * MIB, twice)
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_inflated_bytes=2 * MIB))
    assert _codes(letter) == ["limit"] and "Settings.max_inflated_bytes" in letter.warnings[0].message
    assert letter.source.text_source == "none"
    under = parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_inflated_bytes=4 * MIB))
    assert "limit" not in _codes(under)


def test_the_limit_counts_the_forms_a_page_draws():
    """A page whose own stream is small but draws a form XObject holding the bomb."""
    import zlib

    form = hostile.stream(hostile.deflate_repeat(b"q Q\n", 3 * MIB),
                          b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Filter /FlateDecode")
    pdf = hostile.one_page_pdf(zlib.compress(b"/Fm0 Do\n"), b"/Filter /FlateDecode",
                               resources=b"<< /XObject << /Fm0 6 0 R >> >>", extra_objects=[form])
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_inflated_bytes=2 * MIB))
    assert _codes(letter) == ["limit"]


def test_a_seed_pdf_is_under_every_limit():
    pdf = (PDFS / f"{SEED}.pdf").read_bytes()
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="off"))
    assert _nd(letter) == (NUMBER, DATE)
    assert not {"limit", "truncated"} & set(_codes(letter))


def test_an_image_of_too_many_pixels_keeps_its_page_from_being_read():
    img = hostile.stream(b"\x00" * 16, b"/Type /XObject /Subtype /Image /Width 20000 /Height 20000 "
                         b"/ColorSpace /DeviceGray /BitsPerComponent 8")
    pdf = hostile.one_page_pdf(b"q 595 0 0 842 0 0 cm /Im0 Do Q\n", resources=b"<< /XObject << /Im0 6 0 R >> >>",
                               extra_objects=[img])
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_image_pixels=10**8))
    assert _codes(letter) == ["limit"] and "20,000 x 20,000" in letter.warnings[0].message


def test_the_time_budget_stops_the_page_loop_with_a_truncated_warning():
    """A budget already spent (max_seconds=0): no page is read, and the warning says why; the
    same PDF without a budget reads its letter."""
    pdf = (PDFS / f"{SEED}.pdf").read_bytes()
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_seconds=0))
    assert _codes(letter) == ["truncated"] and "Settings.max_seconds" in letter.warnings[0].message
    assert parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_seconds=None)).document.number == NUMBER


def test_the_time_budget_stops_the_finders_with_a_limit_warning():
    text = (SEEDS / f"{SEED}.txt").read_bytes()
    letter = parse_bytes(text, "x.txt", Settings(ocr="off", max_seconds=0))
    assert "limit" in _codes(letter) and letter.references == []
    assert _nd(letter) == (NUMBER, DATE)  # the header is read before
    full = parse_bytes(text, "x.txt", Settings(ocr="off"))
    assert full.references and "limit" not in _codes(full)


def _with_digits(field: str) -> bytes:
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    digits = "7" * 5000
    if field == "number":
        out = text.replace("Số: 1959/BTTTT-UDCNTT", f"Số: {digits}/BTTTT-UDCNTT", 1)
    else:
        a, b = hostile.header_date_span(text, SEED)
        out = text[:a] + (f"ngày {digits} tháng 7 năm 2013" if field == "day" else f"ngày 4 tháng 7 năm {digits}") + text[b:]
    assert out != text
    return out.encode()


def test_a_5000_digit_number_is_left_null_with_a_warning_not_cut():
    letter = parse_bytes(_with_digits("number"), "x.txt", Settings(ocr="off"))
    assert letter.document.number is None and str(letter.document.date) == DATE
    assert "number_unreadable" in _codes(letter)
    assert letter.document.issuer.code == "BTTTT"  # the codes after the digits still name the issuer


@pytest.mark.parametrize("field", ["day", "year"])
def test_a_5000_digit_day_or_year_gives_an_invalid_date_warning(field):
    letter = parse_bytes(_with_digits(field), "x.txt", Settings(ocr="off"))
    assert letter.document.date is None and letter.document.number == NUMBER
    assert "invalid_date" in _codes(letter)


@pytest.mark.parametrize("field", ["day", "year"])
def test_a_5000_digit_day_or_year_in_an_annex_kem_theo_line_is_not_read_in_silence(field):
    """qd-43 has no date line: its date comes from its annexes' "(Ban hành kèm theo Quyết định số
    43/2008/QĐ-TTg ngày 24 tháng 3 năm 2008 ...)" lines. The first one's day or year made 5,000
    digits: an `invalid_date` warning names that annex, and the date is the other lines'."""
    base = "qd-43-2008-QD-TTg"
    text = (SEEDS / f"{base}.txt").read_text(encoding="utf-8")
    a, b = hostile.header_date_span(text, base)
    digits = "7" * 5000
    out = text[:a] + (f"ngày {digits} tháng 3 năm 2008" if field == "day" else f"ngày 24 tháng 3 năm {digits}") + text[b:]
    assert out != text
    letter = parse_bytes(out.encode(), "x.txt", Settings(ocr="off"))
    bad = [w for w in letter.warnings if w.code == "invalid_date"]
    assert len(bad) == 1 and "kèm theo" in bad[0].message and "5,000 digits" in bad[0].message
    assert bad[0].where == letter.annexes[0].label and len(bad[0].message) < 400
    assert _nd(letter) == ("43/2008/QĐ-TTg", "2008-03-24")
    assert letter.annexes[0].attached_to.date is None


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("mode", hostile.INVISIBLE_MODES)
def test_invisible_text_is_not_read_in_either_engine(engine, mode):
    pytest.importorskip("pikepdf")
    pytest.importorskip("reportlab")
    pdf = hostile.invisible_header(PDFS / f"{SEED}.pdf", mode)
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="off", pdf_engine=engine))
    assert _nd(letter) == (NUMBER, DATE)
    assert "999/QĐ" not in letter.text


@pytest.mark.parametrize("base", ["cv-1234-STC-NS-2025", "qd-43-2008-QD-TTg"])
def test_utf8_with_damaged_bytes_is_read_as_utf8_not_cp1252(base):
    """20 invalid sequences dropped into a short letter's body (the corpus's invalid-utf8 case)
    once sent the whole file to cp1252 and lost every Vietnamese letter of the header."""
    import random

    from congvan.load.text import decode
    from conftest import ROOT

    src = next(p for d in ("seeds", "authored") for p in (ROOT / "corpora" / d).glob(base + ".*"))
    data = bytearray(src.read_bytes())
    rng = random.Random(16)
    for _ in range(20):
        j = rng.randrange(len(data) // 2, len(data))
        data[j:j] = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"])
    assert decode(bytes(data))[1] == "utf-8 (damaged)"
    letter = parse_bytes(bytes(data), src.name, Settings(ocr="off"))
    want = hostile.TRUTH[base]
    assert _nd(letter) == want and "replacement_character" in _codes(letter)


def test_windows_1258_with_decomposed_tones_reads_the_letter():
    text = (SEEDS / f"{SEED}.txt").read_text(encoding="utf-8")
    data = hostile.cp1258_decomposed(text)
    assert b"?" not in data and data.decode("cp1258") != text  # tones as combining marks after the letter
    letter = parse_bytes(data, "x.txt", Settings(ocr="off"))
    assert _nd(letter) == (NUMBER, DATE)


def test_a_letter_citing_many_documents_compiles_no_regex_per_citation():
    """phuluc-784 with 300 more 'Căn cứ Quyết định số N/QĐ-UBND ...' lines (scripts/hostile.py's
    text_many, made small): each becomes a legal basis of its plans, and the plans' citations are
    found by their runs of digits, not by a regex compiled per cited document (10,000 of them
    took 20 s of compiling)."""
    from congvan.extract import frameworks

    base = "phuluc-784-STTTT-2020"
    text = (SEEDS / f"{base}.txt").read_text(encoding="utf-8")
    cites = "\n".join(f"Căn cứ Quyết định số {i + 100}/QĐ-UBND ngày {i % 28 + 1}/{i % 12 + 1}/2019 của Ủy ban nhân dân tỉnh;"
                      for i in range(300))
    frameworks._whole.cache_clear()
    letter = parse_bytes((text + "\n" + cites + "\n").encode(), "x.txt", Settings(ocr="off"))
    laws = {r.title for r in letter.references if not r.number and r.title}
    assert frameworks._whole.cache_info().currsize <= len(laws)  # only the names without a digit
    for fw in letter.frameworks:
        assert {f"{i + 100}/QĐ-UBND" for i in range(300)} <= set(fw.legal_bases)


def _folds(monkeypatch, text: str) -> int:
    """How many characters are accent-folded while the letter is parsed."""
    from congvan import domain

    calls = [0]
    fold = domain.fold

    def counted(t):
        calls[0] += len(t)
        return fold(t)

    monkeypatch.setattr(domain, "fold", counted)
    parse_bytes(text.encode(), "x.txt", Settings(ocr="off"))
    monkeypatch.setattr(domain, "fold", fold)
    return calls[0]


def test_a_letter_repeated_grows_the_work_linearly(monkeypatch):
    """phuluc-784 (two plans and an annex of legal bases) written 4 and 8 times over, as
    scripts/hostile.py's "letter 50 times": twice the letter, about twice the text folded.
    Each plan's text was folded and searched once for every plan and every annex of bases (the
    cube of the repeats: 50 times took 20 s of CPU)."""
    text = (SEEDS / "phuluc-784-STTTT-2020.txt").read_text(encoding="utf-8")
    four, eight = (_folds(monkeypatch, "\n".join([text] * n)) for n in (4, 8))
    assert eight < 2.5 * four


def test_a_table_cell_loses_its_markdown_as_a_line_does():
    from congvan.normalize import strip_markdown, strip_markdown_text
    from congvan.types import Line

    for cell in ["**Tổng cộng**", "__a__ b", "*ghi chú*", "[Điều 5](http://x)", r"1\.", "## Mục", "a  ", "* b", "x*"]:
        assert strip_markdown_text(cell) == strip_markdown(Line(cell)).text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_pdf_of_many_pages_builds_only_the_pages_it_reads(engine, monkeypatch):
    """scripts/hostile.py's 100,000 empty pages made 3,000: pdfminer builds a page object for
    the first max_pages (and one to see that more follow), not for the whole tree; the warning
    still counts them all (pdfium's count)."""
    from pdfminer.pdfpage import PDFPage

    n = 3000
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    built = [0]
    init = PDFPage.__init__

    def counted(self, *args, **kwargs):
        built[0] += 1
        init(self, *args, **kwargs)

    monkeypatch.setattr(PDFPage, "__init__", counted)
    letter = parse_bytes(hostile.raw_pdf(objs), "x.pdf", Settings(ocr="off", max_pages=5, pdf_engine=engine))
    assert built[0] <= 6
    assert letter.source.pages == 5
    assert "the PDF has 3,000 pages; only the first 5 were read" in [w.message for w in letter.warnings]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_page_drawing_more_objects_than_the_limit_is_not_read(engine):
    """scripts/hostile.py's page of 200,000 one-letter text objects made 3,000: over
    max_page_objects the page is not read by either engine (nor sent to OCR), with a `limit`
    warning; under it, read as before."""
    import zlib

    content = b"".join(b"BT /F1 4 Tf %d %d Td (a) Tj ET\n" % (10 + (i % 140) * 4, 10 + (i // 140) % 200 * 4)
                       for i in range(3000))
    pdf = hostile.one_page_pdf(zlib.compress(content), b"/Filter /FlateDecode")
    letter = parse_bytes(pdf, "x.pdf", Settings(ocr="auto", max_page_objects=2000, pdf_engine=engine))
    assert _codes(letter)[:1] == ["limit"]
    assert letter.warnings[0].message == ("page 1 is not read: it draws 3,000 objects, more than the 2,000 a page "
                                          "may have (Settings.max_page_objects)")
    assert letter.source.text_source == "none"
    with pytest.raises(InputError, match="no letter structure found"):  # under it: its a's read, no letter
        parse_bytes(pdf, "x.pdf", Settings(ocr="off", max_page_objects=4000, pdf_engine=engine))
