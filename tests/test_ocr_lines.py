"""OCR'd words laid out by the engine's own lines (parser/layout.py `group_rows`) and the specks
of a scan that OCR reads as marks (parser/normalize.py `strip_ocr_junk`).

The boxes are Tesseract's for the closing of cuchc-qd26 (Cục Hóa chất, a colour scan with a
seal over the signer), in points.
"""
from __future__ import annotations

from collections import Counter

import pytest
from conftest import REAL, skip_or_fail

from congvan.layout import group_rows
from congvan.normalize import strip_ocr_junk
from congvan.types import Word


def _w(text, top, bottom, x0, x1, line):
    return Word(text=text, x0=x0, x1=x1, top=top, bottom=bottom, page=3, conf=95.0, line=line)


CLOSING = [
    _w("Nơi", 421.7, 430.3, 101, 120, 1), _w("nhận:", 421.9, 433.0, 123, 153, 1),
    _w("_CỤC", 425.3, 445.7, 386, 422, 2), _w("TRƯỞNG", 421.9, 435.6, 426, 483, 2),
    _w("-", 439.9, 440.9, 99, 102, 3), _w("Như", 435.4, 443.3, 105, 124, 3),
    _w("Điều", 433.4, 443.5, 127, 148, 3), _w("3;", 435.8, 445.4, 152, 159, 3),
]


def _rows(words):
    return [" ".join(w.text for w in r.words) for r in group_rows(words)]


def test_an_ocr_line_is_not_torn_apart():
    rows = _rows(CLOSING)
    assert any("Như Điều 3;" in r for r in rows), rows
    assert any("_CỤC TRƯỞNG" in r for r in rows), rows


def test_a_line_of_specks_over_the_text_is_a_row_of_its_own():
    """Tesseract read a seal's specks as a line of their own across the subject line (sct-bb):
    the two overlap on the page, so they are two rows, not one interleaved."""
    words = [_w("Thực", 100, 110, 150, 175, 1), _w("tế", 100, 110, 178, 190, 1), _w("khu", 100, 110, 193, 210, 1),
             _w("r3", 101, 111, 140, 148, 2), _w("Ẳ", 102, 112, 185, 189, 2)]
    rows = _rows(words)
    assert "Thực tế khu" in rows and len(rows) == 2, rows


def test_rows_follow_their_middles_not_a_tall_words_top():
    """cp-nq19: Tesseract put the signer's 'THỦ TƯỚNG' (large type, top 222.6) on the line of the
    second Nơi nhận item (middle 240), whose row then began as high as the first item's (223-234):
    the rows keep the order of their middles."""
    words = [_w("-", 228, 229, 111, 114, 1), _w("Ban", 224, 231, 117, 135, 1), _w("Bí", 223, 231, 138, 148, 1),
             _w("thư;", 223, 231, 151, 166, 1),
             _w("Thủ", 236, 244, 117, 135, 2), _w("tướng;", 236, 244, 138, 165, 2),
             _w("THỦ", 222.6, 247, 447, 477, 2), _w("TƯỚNG", 222.8, 247, 487, 531, 2)]
    rows = _rows(words)
    assert rows[0].startswith("- Ban Bí thư;") and rows[1].startswith("Thủ tướng;"), rows


@pytest.mark.parametrize("line, clean", [
    ("-_ 3. Yêu cầu bồi thường tranh vẽ 3D", "3. Yêu cầu bồi thường tranh vẽ 3D"),
    ("Luật Tổ chức chính quyền ‹địa phương", "Luật Tổ chức chính quyền địa phương"),
    ("- Như trên;", "- Như trên;"),  # a list dash is the letter's
    ("| trên địa bàn", "trên địa bàn"),
    (": phòng, chống dịch bệnh mùa mưa", "phòng, chống dịch bệnh mùa mưa"),  # cv-2290 photographed: a speck
    ("Kính gửi: Sở Y tế", "Kính gửi: Sở Y tế"),  # a label's colon is the letter's
    ("- Bộ trưởng (để b/©);", "- Bộ trưởng (để b/c);"),  # a 150 dpi scan of cv-232: no letter prints ©
    ("„ QUYẾT ĐỊNH", "QUYẾT ĐỊNH"),  # qd-2867 scanned: a low quote Vietnamese print does not use
    ("- Tưu Văn phòng Đảng ủy.", "- Lưu Văn phòng Đảng ủy."),  # cv-2449 scanned: no word is 'tưu'
    ("- Thường trực Tỉnh ủy (để b/C);", "- Thường trực Tỉnh ủy (để b/c);"),
    ("vấn đề phát „ sinh khi thực hiện", "vấn đề phát sinh khi thực hiện"),
])
def test_ocr_specks_removed(line, clean):
    assert strip_ocr_junk(line, Counter()) == clean


def test_a_line_that_is_one_speck_is_dropped():
    """qd-2867 scanned: OCR read a speck as a line ':' between 'TM. ỦY BAN NHÂN DÂN' and 'KT. CHỦ
    TỊCH', which cut the signer's authority in two; the letter's own './.' is kept."""
    from congvan.normalize import normalize_lines
    from congvan.types import Line

    lines = [Line(text=t, page=2, conf=90.0) for t in ("TM. ỦY BAN NHÂN DÂN", ":", "KT. CHỦ TỊCH", "./.")]
    out, notes, _ = normalize_lines(lines, markdown=False)
    assert [ln.text for ln in out] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "./."]
    assert any("speck" in n for n in notes)


@pytest.mark.skipif(not (REAL / "cuchc-qd26-2026-xpvphc.pdf").exists(), reason="../shared/real is absent")
def test_signer_title_read_in_its_order(parsed):
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    letter = parsed(REAL / "cuchc-qd26-2026-xpvphc.pdf", ocr="auto")
    assert letter.document.signer.position == "CỤC TRƯỞNG"
    assert "Như Điều 3" in letter.document.distribution
