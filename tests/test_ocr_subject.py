"""A scan's trích yếu and place and date as OCR reads them (no bold, no blank lines): a long
wrapped subject line is never centred on the page, but its next line starts under it or centres
under it; a notation's code is no syllable for the word list; the comma OCR lost before 'ngày'
and the 'Về' it lost before 'việc'. Lines and positions are those OCR gave for real letters
(gold/probes: 1883/QĐ-UBND, 226/QĐ-BQLCKCN, 2449-CV/ĐU, 904/QĐ-UBND, 2167/QĐ-UBND) drawn at
their columns and scanned (scripts/layout_pdf.py)."""
from __future__ import annotations

import pytest

from congvan import domain, lexicon
from congvan.segment import _flush_under, _subject_line
from congvan.types import Line


def _ocr(text, x0, x1, top, size=11.0):
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + size, conf=92.0)


TYPE = _ocr("QUYẾT ĐỊNH", 250, 345, 200)


@pytest.mark.parametrize("first, second", [
    # 1883: a centred block, its lines' starts 6 pt apart, their centres 13 pt
    (_ocr("Về việc Ủy quyền cho Giám đốc Sở Công Thương thực hiện một số", 50, 454, 220),
     _ocr("nhiệm vụ, quyền hạn của Ủy ban nhân dân tỉnh trong lĩnh vực vật liệu", 44, 487, 234)),
    # 226: two long lines set flush
    (_ocr("Về việc điều chỉnh, bổ sung thành viên Hội đồng thẩm định Quy hoạch các", 54, 476, 220),
     _ocr("khu công nghiệp do Ban Quản lý các khu công nghiệp tỉnh Lào Cai quản lý", 54, 476, 234)),
])
def test_a_long_subjects_next_line_goes_on(first, second):
    assert _flush_under(second, first)
    assert _subject_line(second, second.text, [first], TYPE, False) == "take"


def test_a_blank_lines_gap_or_a_finished_sentence_ends_the_subject():
    first = _ocr("Về việc điều chỉnh, bổ sung thành viên Hội đồng thẩm định Quy hoạch các", 54, 476, 220)
    far = _ocr("khu công nghiệp do Ban Quản lý các khu công nghiệp tỉnh Lào Cai quản lý", 54, 476, 250)
    assert not _flush_under(far, first)
    ended = _ocr("Về việc điều chỉnh thành viên Hội đồng thẩm định.", 54, 476, 220)
    assert not _flush_under(_ocr("Căn cứ Luật Tổ chức chính quyền địa phương", 54, 476, 234), ended)


def test_a_notations_code_is_not_spelt_as_a_word():
    # 2449-CV/ĐU's trích yếu: 'TU ngày' is no 'từ ngày'
    line = "V/v triển khai thực hiện Chương trình hành động số 104-CTr/TU ngày 30/8/2026"
    assert lexicon.repair(line, domain.issuer_heads(), ()) == (line, 0)
    assert lexicon.repair("nguy hiêm loại 1", domain.issuer_heads(), ())[0] == "nguy hiểm loại 1"


def test_ocr_lost_comma_and_ve(tmp_path):
    from congvan import parse_file
    from congvan.settings import Settings

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 904 /QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nLào Cai ngày 26 tháng 8 năm 2025\n\nQUYẾT ĐỊNH\n"
            "việc công bố địa bàn ưu đãi đầu tư cấp xã trên địa bàn tỉnh Lào Cai\n\n"
            "Căn cứ Luật Đầu tư ngày 11 tháng 12 năm 2025;\n")
    path = tmp_path / "qd.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path, Settings.resolve(ocr="off")).document
    assert (doc.place, str(doc.date)) == ("Lào Cai", "2025-08-26")
    # 1894/QĐ-UBND's scan: the place's capital read small as well
    path.write_text(text.replace("Lào Cai ngày 26", "lào Cai ngày 26"), encoding="utf-8")
    doc = parse_file(path, Settings.resolve(ocr="off")).document
    assert (doc.place, str(doc.date)) == ("Lào Cai", "2025-08-26")


@pytest.mark.parametrize("read, subject", [
    ("việc công bố địa bàn ưu đãi đầu tư cấp xã", "công bố địa bàn ưu đãi đầu tư cấp xã"),  # 2167's scan
    ("V; việc thành lập Tổ công tác", "thành lập Tổ công tác"),  # 'Về' read as a speck
    ("công bố địa bàn ưu đãi đầu tư", "công bố địa bàn ưu đãi đầu tư"),
])
def test_what_ocr_left_of_ve_viec(read, subject):
    from congvan.extract.header import OCR_LOST_VE

    assert OCR_LOST_VE.sub("", read, count=1) == subject
