"""Kính gửi and Nơi nhận items read against the closed vocabulary of addressees
(parser/lexicon.py repair_addressee, data/addressees.json) and the 'Lưu' item's codes
(parser/extract/closing.py), on lines OCR gave for the real scans and the damaged seeds."""
from __future__ import annotations

import pytest

from congvan.extract.closing import read_distribution
from congvan.lexicon import repair_addressee
from congvan.types import Line


def _ocr_line(text, top, conf=90.0):
    return Line(text=text, x0=90.0, x1=300.0, top=top, bottom=top + 12, page=1, conf=conf)


@pytest.mark.parametrize("read, printed", [
    ("- Bệ Tài chính:", "- Bộ Tài chính:"),  # 575-UB's page OCR
    ("- Văn phòng Trung ương Đàng;", "- Văn phòng Trung ương Đảng;"),  # the damaged seeds (scripts/damage.py)
    ("- Trung ương Đoan Thanh niên cộng sản Hồ Chí Minh;", "- Trung ương Đoàn Thanh niên cộng sản Hồ Chí Minh;"),
    ("- Viện Kiểrn sát nhân dân tối cao;", "- Viện Kiểm sát nhân dân tối cao;"),
    ("- Trung ưng Hội Liên hiệp Phụ nữ Việt Nam;", "- Trung ương Hội Liên hiệp Phụ nữ Việt Nam;"),
    ("- ăn phòng Chủ tịch nước;", "- Văn phòng Chủ tịch nước;"),
    ("- Viện Kiểm sát nhân ân tối ca0;", "- Viện Kiểm sát nhân dân tối cao;"),  # two tokens of six
    ("- UBTW Mặt trận Tố quốc Việt Nàm;", "- UBTW Mặt trận Tổ quốc Việt Nam;"),
    ("- Hoi đồng Dân tộc và các Ủy ban của Quốc hội;", "- Hội đồng Dân tộc và các Ủy ban của Quốc hội;"),  # marks only
    ("- Vu KHTC;", "- Vụ KHTC;"),  # an organ's head before its code, its mark lost
    ("- Tòa án nhân dân tỉnh, Cuc THADS tỉnh;", "- Tòa án nhân dân tỉnh, Cục THADS tỉnh;"),
])
def test_an_addressee_misread_is_spelt_as_the_vocabulary_has_it(read, printed):
    assert repair_addressee(read)[0] == printed


@pytest.mark.parametrize("item", [
    # items of the real scans as read, right: nothing changes
    "- Các cơ quan chuyên trách TMGV Tỉnh Ủy;", "- Thường trực Tỉnh ủy:", "- Văn phòng Đoàn ĐBQH",
    "- Đoàn Nghỉ lễ Quân đội;",  # bqp-vbhn46: 'Nghi lễ' misread, but no phrase of the vocabulary: as read
    "- Phó Thủ tướng TT Trương Hòa Bình", "- UBND huyện Tư Nghĩa;", "Bà Huỳnh Thị Gái (Địa chỉ: Thôn Thụ Xà)",
    "- Sở Tài chính;", "- Bộ Nội vụ;",
    # phrases a letter prints that are one mark from one of the vocabulary's
    "- Thủ trưởng các đơn vị;",  # not 'Thứ trưởng'
    "- Thủ trưởng các cơ quan, đơn vị;",
    "- Uỷ ban nhân dân tỉnh;",  # the old spelling of 'Ủy' is the phrase as read, not 'Uỷ Báo nhân dân'
    # 05's gold: a list of Sở after 'Các Sở:', 'Xã hội, Nội vụ' is no 'Bộ Nội vụ' (the comma parts them)
    "Các Sở: Tài chính, Kế hoạch và Đầu tư, Xây dựng, Lao động - Thương binh và Xã hội, Nội vụ, Tư pháp",
    "- Cục Thú y;",  # two marks from 'Cục Thuế' in a phrase of two: left alone
    "- UBND tỉnh Kiên Giang;",  # not 'Tiền Giang'
    "- VP BCĐ TW vế phòng, chống tham nhũng;",  # no phrase near: as read
    "- Trần Vu KHTC", "- VU KHTC",  # a head word starts an addressee, in a mixed-case item
    # Nơi nhận lists as letters print them (public templates): nothing changes
    "- Bộ trưởng (để b/c);", "- Vụ GDĐH (để thực hiện);", "- Đ/c Trưởng phòng (để b/c);", "- Lưu: PA05 (Đ4).",
    "- Ủy ban MTTQ Việt Nam xã;", "- Phòng Văn hóa - Xã hội;", "- Công an xã; Trạm Y tế xã;", "- Bộ tài chính;",
    "- Văn phòng Đăng ký đất đai TP.HCM (để b/c);", "- Tổng Giám Đốc \"để báo cáo\";", "- Lưu VT, P.KTT&NHS.",
])
def test_what_no_phrase_is_near_is_left_as_read(item):
    assert repair_addressee(item) == (item, 0)


def test_the_distribution_of_an_ocr_scan_is_read_against_the_vocabulary():
    """575-UB's Nơi nhận as its page OCR read it: 'Bệ Tài chính' and the drafter's code with the
    '¡' and the 'I' OCR gave for 'i' and '1' ('P.KTTHTien31', printed small after 'P.KTTH')."""
    lines = [_ocr_line(t, 100 + 13 * k) for k, t in enumerate(
        ["- Như trên;", "- Bệ Tài chính:", "- CT, PCT UBND tỉnh;", "- Lưu: VT, P.KTTHT¡en3I"])]
    assert read_distribution(lines) == ["Như trên", "Bộ Tài chính:", "CT, PCT UBND tỉnh", "Lưu: VT, P.KTTHTien31"]


@pytest.mark.parametrize("line", ["- Lưu: VT, NCbdv205.", "- Lưu: VT, NC(Tr112)", "- Lưu: VT, CĐS (2b). 66",
                                  "- Lưu: VT, NC(ong1?2)."])
def test_a_filed_item_read_with_digits_keeps_them(line):
    """The 'Lưu' items of 2352-07, 46-TB, cp-nq19 and 04CT as OCR read them: only a letter after
    the last digits is a digit; the rest is as read."""
    assert read_distribution([_ocr_line(line, 100)]) == [line.lstrip("- ").rstrip(".")]


def test_a_text_layer_item_is_the_letters_own():
    """A PDF's text layer (x0 given, no confidence) is what the letter prints: never re-spelt."""
    ln = Line(text="- Bệ Tài chính;", x0=90.0, x1=300.0, top=100, bottom=112, page=1)
    assert read_distribution([ln]) == ["Bệ Tài chính"]


@pytest.mark.parametrize("lines, subject", [
    # qd-43's trích yếu as its damaged copy reads it (scripts/damage.py, seed 1): a text, read as OCR output
    ((Line(text="Phê duyệt Kế hoạch ứng dụng công nghệ thông tin"),
      Line(text="trong hoạt động của cơ quan nhà nước năm 200B")),
     "Phê duyệt Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước năm 2008"),
    ((_ocr_line("V/v kế hoạch năm 200x", 100),), "kế hoạch năm 200x"),  # no digit's look-alike: as read
    ((Line(text="V/v kế hoạch năm 200B", x0=90.0, x1=300.0, top=100, bottom=112),), "kế hoạch năm 200B"),  # text layer
])
def test_a_year_read_with_a_letter_for_its_last_digit(lines, subject):
    from congvan.extract.header import _Reading, _subject
    from congvan.segment import Parts

    r = _Reading()
    _subject(Parts(subject=lines), r)
    assert r.values["subject"] == subject


@pytest.mark.parametrize("line, item", [
    ("- Như trên;`", "Như trên"),  # a stray glyph after the item, in a text an OCR produced (a damaged seed)
    ("- Bộ Nội vụ; .", "Bộ Nội vụ"),  # bqp-vbhn46's page OCR: a speck after the ';'
    ("- Lưu: VT, CĐS (2b). 66", "Lưu: VT, CĐS (2b). 66"),  # digits: the item's own
    ('- Như Điều 3 "để thi hành";', 'Như Điều 3 "để thi hành"'),
])
def test_marks_after_an_items_closing_semicolon_are_no_part_of_it(line, item):
    from congvan.extract.header import clean_item

    assert clean_item(line) == item


@pytest.mark.parametrize("read, subject", [
    # cv-1959's and qd-43's trích yếu in damaged copies (scripts/damage.py): a word before its number misread
    ("V/v đôn đốc triển khai Quyết định sô 1605/QĐ-TTg ngảy 27/8/2010 của TTgCP",
     "đôn đốc triển khai Quyết định số 1605/QĐ-TTg ngày 27/8/2010 của TTgCP"),
    ("V/v kế hoạch của cơ quan nhà nước nắm 2008", "kế hoạch của cơ quan nhà nước năm 2008"),
    ("V/v chiến lược phát triển Việt Nam 2030", "chiến lược phát triển Việt Nam 2030"),  # a name: as read
    ("V/v so sánh số liệu năm 2019", "so sánh số liệu năm 2019"),
])
def test_a_word_before_its_number_is_spelt_as_printed(read, subject):
    from congvan.extract.header import _Reading, _subject
    from congvan.segment import Parts

    r = _Reading()
    _subject(Parts(subject=(Line(text=read),)), r)
    assert r.values["subject"] == subject


@pytest.mark.parametrize("read, printed", [("Nhưtrên", "Như trên"), ("NHƯTRÊN", "NHƯ TRÊN"), ("Nhưtrên;", "Như trên;")])
def test_phrase_whose_spaces_ocr_lost(read, printed):
    """OCR of a phone capture runs a short phrase's words together ('Nhưtrên'): spaced again."""
    assert repair_addressee(read) == (printed, 1)


def test_a_number_in_an_item_is_no_misspelling():
    # Thông tư 37/2023/TT-BGTVT's Nơi nhận: 'Như Điều 30' is not the vocabulary's 'Như Điều 3'
    from congvan.lexicon import repair_addressee

    assert repair_addressee("Như Điều 30")[0] == "Như Điều 30"
    assert repair_addressee("Như Điểu 3")[0] == "Như Điều 3"  # a mark OCR lost is still put back
    assert repair_addressee("Viện Kiểm sát nhân dân tối ca0")[0] == "Viện Kiểm sát nhân dân tối cao"  # and a letter read as 0


@pytest.mark.parametrize("read, printed", [
    # the probes-scan letters (gold/probes 1883/QĐ-UBND, 904/BC-SNNMT, 2449-CV/ĐU) as OCR read their notes
    ("- Bộ Công Thương (h/c);", "- Bộ Công Thương (b/c);"),
    ("- Sở Xây dựng, Sở Công Thương (ph);", "- Sở Xây dựng, Sở Công Thương (p/h);"),
    ("- Thường trực Đảng ủy (để b/cc);", "- Thường trực Đảng ủy (để b/c);"),
    ("- Như trên (uh);", "- Như trên (uh);"),  # two marks from 't/h': left as read
    ("- Lưu: VT, TH (An).", "- Lưu: VT, TH (An)."),  # a name, no note
    ("- VPCP (HC);", "- VPCP (HC);"),  # a code, no slash near
])
def test_an_ocr_read_purpose_note_is_read_as_the_abbreviation_it_is_one_mark_from(read, printed):
    from congvan.extract.closing import _misread_item

    assert _misread_item(read) == printed


def test_an_ocr_read_filed_copy_with_its_l_read_as_t():
    # QD-1050-SCT's scan: '- Tưu: VI, CN(M.Cường).'
    from collections import Counter

    from congvan.normalize import strip_ocr_junk

    assert strip_ocr_junk("- Tưu: VI, CN(M.Cường).", Counter()) == "- Lưu: VI, CN(M.Cường)."
