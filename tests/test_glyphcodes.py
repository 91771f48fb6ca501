"""Glyph-id text layers and simple fonts read through the wrong table (parser/glyphcodes.py).

The examples are what the layers of Lào Cai letters rewritten by Ghostscript give, next to
what the printed page shows.
"""
from __future__ import annotations

import zipfile

import pytest
import regex as re
from conftest import REAL

from congvan import glyphcodes


@pytest.mark.parametrize("shown, letter", [
    ("7", "T"), ("L", "i"), ("Ӄ", "ế"), ("Ӌ", "ệ"), ("ѭ", "ư"), ("ѫ", "ơ"), ("Ѭ", "Ư"), ("Ѫ", "Ơ"),
    ("ÿ", "đ"), ("Ĉ", "Đ"), ("¬", "À"), ("ă", "ă"), ("Ǌ", "ũ"), ("Ƭ", "Ĩ"), ("\x1d", ":"), ("\x13", "0"),
    ("͋", "ể"), ("˱", "ư"), ("˯", "ơ"),  # the older version of the font: another offset
    (" ", " "),
])
def test_glyph_ids(shown, letter):
    assert glyphcodes.decode_glyph(shown) == letter


@pytest.mark.parametrize("shown, letter", [("‡", "à"), ("Ù", "ô"), ("·", "á"), ("˙", "ú"), ("Ö", "…"),
                                           ("£", "Á"), ("a", "a")])
def test_simple_font_letters(shown, letter):
    assert glyphcodes.decode_simple(shown) == letter


def _chars(runs):
    """pdfplumber-style characters of (font, text) runs."""
    return [{"text": ch, "fontname": font, "word": not ch.isspace()} for font, text in runs for ch in text]


def test_fonts_decoded_by_what_they_show():
    runs = [("XKNDLD+TimesNewRomanPSMT", "7LӃS WөF WKӵF KLӋQ"), ("TimesNewRomanPSMT", " gi·m s·t "),
            ("XKNDLD+TimesNewRomanPSMT", "YLӋF OұS"), ("TimesNewRomanPSMT", " cÙng "),
            ("ISOGOA+TimesNewRomanPSMT", "1894")]  # a healthy subset font: the number an e-office stamps
    chars, modes = glyphcodes.decode_chars(_chars(runs))
    assert "".join(c["text"] for c in chars) == "Tiếp tục thực hiện giám sát việc lập công 1894"
    assert modes == {"XKNDLD+TimesNewRomanPSMT": "glyph", "TimesNewRomanPSMT": "simple"}


def test_healthy_page_is_left_alone():
    runs = [("ABCDEF+TimesNewRomanPSMT", "Tiếp tục thực hiện giám sát việc lập hộ chiếu nổ mìn")]
    chars, modes = glyphcodes.decode_chars(_chars(runs))
    assert modes == {} and "".join(c["text"] for c in chars) == runs[0][1]


def _docx_words(path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return set(re.findall(r"[\p{L}\p{M}]+", re.sub(r"<[^>]+>", " ", xml).lower()))


@pytest.mark.skipif(not (REAL / "laocai-tb1894-2026-sct.pdf").exists(), reason="../shared/real is absent")
def test_glyph_id_letter_reads_like_its_word_original(parsed):
    """TB 1894 of the Lào Cai Sở Công Thương: its PDF's layer is in glyph ids, its Word original
    is beside it. Decoded, the PDF's words are the Word file's words, and nothing is OCR'd."""
    letter = parsed(REAL / "laocai-tb1894-2026-sct.pdf")
    assert letter.source.text_source == "pdf_text"
    words = re.findall(r"[\p{L}\p{M}]+", letter.text.lower())
    original = _docx_words(REAL / "laocai-tb1894-2026-sct.docx")
    known = sum(1 for w in words if w in original)
    assert len(words) > 500 and known / len(words) >= 0.98
    doc = letter.document
    assert (doc.number, str(doc.date), doc.issuer.name) == ("1894/TB-SCT", "2026-04-09", "Sở Công Thương")
    assert doc.signer.name == "Hoàng Văn Thuân" and doc.signer.position == "PHÓ GIÁM ĐỐC"


@pytest.mark.skipif(not (REAL / "laocai-kh1105-2026-dkt.pdf").exists(), reason="../shared/real is absent")
def test_glyph_id_titles_are_the_letters_own(parsed):
    """A title read from a decoded layer is not 'repaired' against the known positions."""
    letter = parsed(REAL / "laocai-kh1105-2026-dkt.pdf")
    assert letter.document.signer.position == "TRƯỞNG ĐOÀN"
    assert letter.document.number == "1105/KH-ĐKT"


def test_one_character_for_two_capitals():
    """The simple bold font shows Ì and Ã alike ('Ã'): the word the neighbours make decides."""
    runs = [("TimesNewRomanPS-BoldMT", "LÃNH ĐẠO ĐƠN VỊ · TÃNH HÃNH THỰC HIỆN · CỘNG HÒA XÃ HỘI "),
            ("TimesNewRomanPS-BoldMT", "gi·m s·t v‡ ph·p luật c·c ") ]
    chars, modes = glyphcodes.decode_chars(_chars(runs))
    text = "".join(c["text"] for c in chars)
    assert modes == {"TimesNewRomanPS-BoldMT": "simple"}
    assert "LÃNH ĐẠO" in text and "TÌNH HÌNH" in text and "XÃ HỘI" in text


# --- a text written out of such a layer (pdftotext): decoded word by word, the fonts gone --------

@pytest.mark.parametrize("shown, read", [
    ("7ӌ1+", "TỈNH"),  # every character a glyph id
    ("YLӋF", "việc"),
    ("THѬѪNG", "THƯƠNG"),  # ASCII letters of the simple font, the horn letters in glyph ids
    ("bҧo", "bảo"),
    ("ÿӏa", "địa"),  # not 'đị~': the 'a' is the simple font's
    ("\x14\x13\x18\x13\x124Ĉ\x106&7", "1050/QĐ-SCT"),  # digits and punctuation as control codes
    ("1105\x12.+\x10Ĉ.7", "1105/KH-ĐKT"),  # the number in the simple font, its code in glyph ids
    ("0\x11&ѭӡQJ", "M.Cường"),
    ("GX\\ӋW", "duyệt"),
])
def test_words_of_a_glyph_id_text(shown, read):
    assert glyphcodes.decode_words(shown) == read


def test_plain_vietnamese_is_no_glyph_id_text():
    from conftest import ROOT

    for path in sorted((ROOT / "corpora" / "seeds").glob("*.md")) + sorted((ROOT / "corpora" / "authored").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert not glyphcodes.glyph_text(text), path.name
        assert glyphcodes.decode_words(text) == text  # nothing a syllable already: 'Cường', 'QĐ-UBND'


@pytest.mark.parametrize("name, number, subject_start", [
    ("laocai-tb1894-2026-sct", "1894/TB-SCT", "Kết quả kiểm tra việc chấp hành"),
    ("laocai-kh1105-2026-dkt", "1105/KH-ĐKT", "Kiểm tra việc chấp hành Quy định pháp luật"),
])
def test_pdftotext_of_a_glyph_id_layer_parses(name, number, subject_start, tmp_path):
    """Two real Lào Cai letters whose text layer is in glyph ids, as `pdftotext -layout` writes them."""
    import shutil
    import subprocess

    from congvan import parse_bytes

    pdf = REAL / f"{name}.pdf"
    if not pdf.exists() or shutil.which("pdftotext") is None:
        pytest.skip("../shared/real or pdftotext (poppler-utils) not here")
    out = tmp_path / f"{name}.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, timeout=60)
    raw = out.read_text(encoding="utf-8")
    assert "7+ѬѪ1*" in raw or "7ӌ1+" in raw  # the layer is glyph ids indeed
    letter = parse_bytes(out.read_bytes(), out.name)
    doc = letter.document
    assert (doc.number, doc.place) == (number, "Lào Cai") and doc.subject.startswith(subject_start)
    assert doc.signer.name == "Hoàng Văn Thuân"
    assert any("glyph ids" in n for n in letter.source.normalizations)
