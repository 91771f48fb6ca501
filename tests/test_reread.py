"""The second reading of handwritten blanks (parser/reread.py) and OCR mark repair (parser/lexicon.py)."""
from __future__ import annotations

import pytest
from conftest import REAL, gold, skip_or_fail

from congvan.lexicon import repair
from congvan.reread import _date_values, _number_value, digits
from congvan.settings import RereadSettings


@pytest.mark.parametrize("token, value", [("04", "04"), ("A5", "15"), ("v06", "06"), ("24-", "24"), ("42 8", None),
                                          ("pS", None), ("S", None), ("2336", "2336")])
def test_digits_of_a_blank(token, value):
    assert digits(token, 6) == value


@pytest.mark.parametrize("text, value", [  # as Tesseract 'eng' and PP-OCR read the number lines of real scans
    ("S6: 01 /TTr-UBND", "01"), ("So: 1105/KH-DKT", "1105"), ("Sé6: 07 /CT-UBND", "07"), ("S: 42 8GP-BCT", None),
    ("S6: /TTr-UBND", None), ("Sé: pS /QD-XPVPHC", None), ("sé: 05 /BB-SNV", "05")])
def test_number_blank(text, value):
    assert _number_value(text, RereadSettings()) == value


@pytest.mark.parametrize("text, day, month", [
    ("Quang Nedi, ngayv06 thang 01 nam 2025", "06", "01"), ("Quang Ngai, ngay A5thang 3 nam 2024", "15", "3"),
    ("Quing Ngai, ngayx0thang 3 nm 2018", None, "3"),  # a partial reading is no day
    ("Lao Cai, ngay 02 thang  nam 2026", "02", None)])
def test_date_blanks(text, day, month):
    assert _date_values(text) == (day, month)


@pytest.mark.parametrize("ocr, fixed", [
    ("kiêm tra việc chầp hành", "kiểm tra việc chấp hành"), ("CHÁP THUẬN CHỦ TRƯƠNG ĐẢU TƯ", "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ"),
    ("giải quyêt TTHC", "giải quyết TTHC"), ("Sở Nông nghiệp và Phát triên nông thôn", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("- Giám đôc sở (đê báo cáo)", "- Giám đốc sở (đê báo cáo)"),  # 'báo cáo' is a word: 'đê báo' is not re-spelt
    ("thôn Thụ Xà, tỉnh Lào Cai", "thôn Thụ Xà, tỉnh Lào Cai"),  # names are left as read
    ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),  # modern tone placement kept
    ("bảo quản vật liệu nô công nghiệp", "bảo quản vật liệu nổ công nghiệp"),  # a term of data/terms.json
])
def test_marks_restored_from_the_word_list(ocr, fixed):
    assert repair(ocr)[0] == fixed


@pytest.mark.parametrize("ocr, doubtful, fixed", [
    # two real syllables read with confidence are what was printed, though their letters spell a word
    ("Trong đó, các tỉnh", (), "Trong đó, các tỉnh"), ("năm và tháng", (), "năm và tháng"),
    ("Trong đó, các tỉnh", ("đó,",), "Tròng đỏ, các tỉnh"),  # ... unless OCR doubted one of them
    ("hoạt đông của", (), "hoạt động của"),  # one syllable re-spelt
    ("hàng hóa nguy hiêm loại", (), "hàng hóa nguy hiểm loại"),  # 'hiêm' is no syllable
])
def test_confident_real_syllables_are_not_respelt(ocr, doubtful, fixed):
    assert repair(ocr, doubtful=doubtful)[0] == fixed


def _scan(name, parsed):
    from congvan import ocr, rapid

    if not REAL.is_dir():
        pytest.skip("../shared/real is absent")
    if ocr.available() is None or not rapid.available():
        skip_or_fail("tesseract 'vie' and rapidocr-onnxruntime are needed for the second reading")
    return parsed(REAL / name, ocr="auto")


def test_two_readers_that_agree_give_the_handwritten_number(parsed):
    letter = _scan("09-TTR.pdf", parsed)
    assert letter.document.number == gold("real/09-TTR.json")["document"]["number"] == "09/TTr-UBND"
    [r] = [r for r in letter.document.readings if r.field == "number"]
    assert r.decided and r.value == "09" and {x.engine for x in r.readings} == {"tesseract-eng", "rapidocr"}
    assert 0 < r.confidence <= 1


def test_readers_that_disagree_leave_an_honest_null(parsed):
    letter = _scan("01-TTr.pdf", parsed)  # handwritten "01": Tesseract 'eng' reads 04, PP-OCR 01
    assert letter.document.number is None
    assert any(w.code == "number_unreadable" and "does not agree" in w.message for w in letter.warnings)


def test_purpose_notes_of_noi_nhan_on_ocr_lines():
    from collections import Counter

    from congvan.normalize import strip_ocr_junk

    assert strip_ocr_junk("- Bộ trưởng (đê b/c);", Counter()) == "- Bộ trưởng (để b/c);"
    assert strip_ocr_junk("- Thành viên đoàn (đề thực hiện);", Counter()) == "- Thành viên đoàn (để thực hiện);"


def test_a_noi_nhan_label_read_again_is_no_item(parsed):
    """299-UB: the page OCR read the label 'Nơi nhận:' as '"6t:g' junk; its crop reads 'Nơi nhận:'
    and the first item again: neither becomes an item (the list is gold's)."""
    letter = _scan("299-UB.pdf", parsed)
    want = [x.rstrip(";.") for x in gold("real/299-UB.json")["document"]["distribution"]]
    assert [x.rstrip(";.") for x in letter.document.distribution] == want


@pytest.mark.parametrize("prev, nxt, fixed", [
    # bct-cv2265's trích yếu: 'nguy' ends one line, 'hiêm' begins the next
    ("Giấy phép vận chuyển hàng hóa nguy", "hiêm loại 1,2,3,4.9", ("Giấy phép vận chuyển hàng hóa nguy", "hiểm loại 1,2,3,4.9")),
    ("ĐỐI TƯỢNG ÁP DỤNG CỦA NGHỊ", "QUYÉT", ("ĐỐI TƯỢNG ÁP DỤNG CỦA NGHỊ", "QUYẾT")),  # 09-TTR
    ("đặt trụ sở chính hoặc chỉ", "nhánh trên địa bàn", ("đặt trụ sở chính hoặc chi", "nhánh trên địa bàn")),
    # 09-TTR: 'nhân dân' is a word, so 'dân tỉnh' / 'Thực' is no 'dân tình'
    ("Kính gửi: Hội đồng nhân dân tỉnh", "Thực hiện quy định", ("Kính gửi: Hội đồng nhân dân tỉnh", "Thực hiện quy định")),
    ("Căn cứ Luật;", "trong đó có", ("Căn cứ Luật;", "trong đó có")),  # no word across a semicolon
])
def test_a_word_wrapped_over_two_ocr_lines_is_repaired(prev, nxt, fixed):
    from congvan.lexicon import repair_across

    got = repair_across(prev, nxt, (), ())
    assert got[:2] == fixed and (got[2] > 0) == (fixed != (prev, nxt))


@pytest.mark.parametrize("read, fixed", [
    # what running text prints is kept, however a word of the list would spell it (real scans)
    ("theo quy định tại khoản 1 Điều 5", "theo quy định tại khoản 1 Điều 5"),  # not 'tài khoản'
    ("Sở Xây dựng, UBND cấp tỉnh đôn đốc", "Sở Xây dựng, UBND cấp tỉnh đôn đốc"),  # not 'cấp tính'
    ("hạ tầng): Từ quý II/2026 đến quý III/2026", "hạ tầng): Từ quý II/2026 đến quý III/2026"),  # not 'Tứ quý'
    ("ký quỹ) ngay sau khi được cấp", "ký quỹ) ngay sau khi được cấp"),  # not 'ngày sau'
    # a misread that text hardly prints is repaired as before
    ("kết nối với hệ thông thông tin", "kết nối với hệ thống thông tin"),
    ("- Nhu trên;", "- Như trên;"),
    ("công tác quán lý nhà nước", "công tác quản lý nhà nước"),  # the sample spells it 'quản lí'
    ("phương án nỗ mìn", "phương án nổ mìn"),  # a term of the letters (data/terms.json)
    # two words as close: the one text prints ('kiêm toàn' is a word of the list too; cp-nq19)
    ("- Kiêm toán nhà nước;", "- Kiểm toán nhà nước;"),
    # two real syllables changed, where text prints the word and never the run as read (cp-nq19)
    ("cơ quan có thâm quyên cấp phép", "cơ quan có thẩm quyền cấp phép"),
    ("Căn cứ khoản 2, trong đó có", "Căn cứ khoản 2, trong đó có"),  # not 'tròng đỏ'
    # the thin 'i' OCR lost beside a marked vowel (probes scanned: qd-1883, cv-2419, cv-7103, bc-904)
    ("thực hiện một số nhẹm vụ, quyền hạn", "thực hiện một số nhiệm vụ, quyền hạn"),
    ("V/v trả lờ kiến nghị các khó khăn", "V/v trả lời kiến nghị các khó khăn"),
    ("V/v triển kha thực hiện Nghị định số", "V/v triển khai thực hiện Nghị định số"),
    ("theo kến nghị của Công ty", "theo kiến nghị của Công ty"),
    ("các sở, ban ngành thuộc tỉnh", "các sở, ban ngành thuộc tỉnh"),  # words of the list stay
])
def test_the_word_list_repair_keeps_what_text_prints(read, fixed):
    assert repair(read, (), ())[0] == fixed


@pytest.mark.parametrize("read, fixed", [
    ("V/v triển khai thực hiện thủ tục câp", "V/v triển khai thực hiện thủ tục cấp"),  # bct-cv2265: -p takes sắc or nặng
    ("hiêm loại 1,2,3,4.9", "hiểm loại 1,2,3,4.9"),
    ("PHẠM VI ĐIỀU CHỈNH CỦA NGHỊ QUYÉT", "PHẠM VI ĐIỀU CHỈNH CỦA NGHỊ QUYẾT"),
    ("Nguồn: (1ï) net, sec", "Nguồn: (1ï) net, sec"),  # specks and codes are no misspelt words
    ("Giàng Seo Phử", "Giàng Seo Phử"),  # a name is left as read
])
def test_a_word_that_is_no_syllable_is_the_nearest_one_text_prints(read, fixed):
    from congvan.lexicon import repair_syllables

    got, n = repair_syllables(read)
    assert got == fixed and (n > 0) == (read != fixed)


def _item(text, conf, low):
    from congvan.types import Line

    return Line(text=text, x0=110.0, x1=400.0, top=397.0, bottom=409.0, page=4, conf=conf, low_conf_words=low)


def test_a_doubted_word_is_taken_from_the_crops_reading_of_the_line():
    """cp-nq19: the page OCR read 'TGĐĐ' with low confidence, its crop 'TGĐ' but 'Công' for 'Cổng'
    (the page's, read with confidence): the line takes the crop's word where the page doubted."""
    from congvan.reread import _merged

    ln = _item("- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐĐ Cổng TTĐT,", 89.03, ("TGĐÐ",))
    crop = [("- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Công TTĐT,", 85.33)]
    assert _merged(ln, crop, RereadSettings()).text == "- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT,"


@pytest.mark.parametrize("crop", [
    [("- Lưu: VT, P.KTTHTien3l", 68.72)],  # 575-UB: a crop read with less confidence than item_conf
    [("- Lưu: VT, P.KTTHTien3l", 90.0), ("- Bộ Tài chính;", 90.0)],  # two lines: no one-for-one reading
    [("- Lưu: Văn thư, KTTH, P.KTTHTien3l", 90.0)],  # words that do not stand one for one
])
def test_a_crop_that_does_not_read_the_line_with_confidence_changes_nothing(crop):
    from congvan.reread import _merged

    ln = _item("- Lưu: VT, P.KTTHT¡en3I", 68.60, ("P.KTTHT¡en3I",))
    assert _merged(ln, crop, RereadSettings()) is ln


def test_a_crop_that_caught_the_next_item_is_no_reading_of_the_line():
    """A phone capture of 1894/QĐ-UBND (probes-photo): the crop around '- Như Điều 3;' (read at 84)
    read the item under it, '- Bộ Tài chính', at 92; that is not what the line says. A line the
    page doubted word by word has little to compare with: any confident reading of it may do."""
    from congvan.reread import _like
    from congvan.settings import RereadSettings
    from congvan.types import Line

    s = RereadSettings()
    assert not _like(Line(text="- Như Điều 3;", conf=84.4), [("- Bộ Tài chính", 92.0)], s)
    assert _like(Line(text="- Bộ Tài chính (bực);", conf=72.6, low_conf_words=("(bực);",)),
                 [("- Bộ Tài chính (b/c);", 91.0)], s)
    assert _like(Line(text="- 8ộ T@i", conf=40.0, low_conf_words=("8ộ", "T@i")), [("- Bộ Tài chính;", 90.0)], s)
