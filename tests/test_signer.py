"""The signer block (parser/extract/closing.py read_signer) and its second reading on scans
(parser/reread.py reread_closing), on real letters."""
from __future__ import annotations

import pytest
from conftest import REAL, skip_or_fail

from congvan.extract.closing import read_signer
from congvan.types import Line


def _ocr_line(text, top):
    return Line(text=text, x0=380.0, x1=500.0, top=top, bottom=top + 12, page=1, conf=90.0)


def test_a_heading_is_no_title_and_a_chapter_no_name():
    """bqp-vbhn46: the closing column ran into headings of the text ('QUY ĐỊNH CHUNG', 'Chương V'):
    an honest null, not a signer called 'Chương V'."""
    signer, notes = read_signer([_ocr_line("QUY ĐỊNH CHUNG", 100), _ocr_line("Chương V", 140)])
    assert signer == {"authority": None, "position": None, "name": None}
    assert any("left out" in n for n in notes)


def test_titles_and_name_of_an_ocr_signer_block():
    signer, _ = read_signer([_ocr_line("KT. CHỦ TỊCH", 100), _ocr_line("PHÓ CHỦ TỊCH", 114),
                             _ocr_line("Trần Hoàng Tuấn", 180)])
    assert signer == {"authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Hoàng Tuấn"}


@pytest.mark.parametrize("line, item", [
    ("- Lưu: VT, Hồ sơ đoàn kiểm tra. x5", "Lưu: VT, Hồ sơ đoàn kiểm tra"),  # cuchc-qd26: a handwritten mark
    ("- Lưu: VT, NCTH. do Bộ Quốc phòng quản lý, có hiệu lực", "Lưu: VT, NCTH"),  # bqp-vbhn46: a footnote beside it
    ("- Lưu: VT. NC(Tr112).", "Lưu: VT. NC(Tr112)"),  # upper case after the period: the item's own
    ("- Lưu: VT, CĐS (2b). 66", "Lưu: VT, CĐS (2b). 66"),  # a count: as read
])
def test_the_filed_item_ends_at_its_period(line, item):
    from congvan.extract.closing import read_distribution

    assert read_distribution([_ocr_line("- Như trên;", 100), _ocr_line(line, 114)]) == ["Như trên", item]


@pytest.mark.parametrize("names, first", [("Vũ Việt Linh Triệu Vũ", "Vũ Việt Linh"),
                                          ("Trần Văn Hùng Nguyễn Lê Anh", "Trần Văn Hùng"),  # 'Lê' a middle name
                                          ("Trần Lê Hùng Vũ An", "Trần Lê Hùng")])
def test_two_parties_side_by_side_give_the_first_signer(names, first):
    """A record's signature blocks on one row, OCR'd as one line each (sct-bb): 'ĐD SỞ CÔNG
    THƯƠNG ĐD,UBND XÃYÊN THÀNH' / 'Vũ Việt Linh Triệu Vũ': the first party's title and name."""
    signer, notes = read_signer([_ocr_line("ĐD SỞ CÔNG THƯƠNG ĐD,UBND XÃYÊN THÀNH", 100), _ocr_line(names, 170)])
    assert signer == {"authority": None, "position": "ĐD SỞ CÔNG THƯƠNG", "name": first}
    assert any("side by side" in n for n in notes)


def test_a_record_signed_by_parties_has_a_closing():
    """A biên bản ends with 'ĐẠI DIỆN …' blocks, no Nơi nhận nor KT./TM.: its signer is read."""
    from congvan import parse_bytes

    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBIÊN BẢN\n"
            "Kiểm tra hiện trường khu vực nổ mìn\n\nHôm nay, ngày 08 tháng 6 năm 2026, tại mỏ đá Yên Thành.\n"
            "Biên bản được lập thành 03 bản, mỗi bên giữ 01 bản./.\n"
            "ĐẠI DIỆN SỞ CÔNG THƯƠNG\nVũ Việt Linh\n")
    doc = parse_bytes(text.encode("utf-8"), "bb.txt").document
    assert (doc.type, doc.signer.position, doc.signer.name) == ("BB", "ĐẠI DIỆN SỞ CÔNG THƯƠNG", "Vũ Việt Linh")


@pytest.mark.skipif(not (REAL / "cuchc-qd26-2026-xpvphc.pdf").exists(), reason="../shared/real is absent")
def test_name_under_the_seal_read_again(parsed):
    """cuchc-qd26: the page OCR reads only the seal's specks where the name is; the crop of the
    block under 'CỤC TRƯỞNG' at 400 dpi reads it, and says so in the readings."""
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    doc = parsed(REAL / "cuchc-qd26-2026-xpvphc.pdf", ocr="auto").document
    assert doc.signer.name == "Phùng Mạnh Ngọc"
    [reading] = [r for r in doc.readings if r.field == "signer.name"]
    assert reading.decided and reading.value == doc.signer.name and reading.confidence >= 0.6


@pytest.mark.skipif(not (REAL / "laocai-kh1105-2026-dkt.pdf").exists(), reason="../shared/real is absent")
def test_issuer_name_ending_in_a_number(parsed):
    """'SỞ CÔNG THƯƠNG / ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT': the last line goes on
    the body's name ('SỐ' folds like the head word 'SỞ')."""
    issuer = parsed(REAL / "laocai-kh1105-2026-dkt.pdf").document.issuer
    assert issuer.parent == "Sở Công Thương"
    assert issuer.name.lower() == "đoàn kiểm tra theo quyết định số 1050/qđ-sct"


@pytest.mark.skipif(not (REAL / "46-TB.pdf").exists(), reason="../shared/real is absent")
def test_poorly_read_distribution_line_read_again(scans_46):
    """46-TB: the page OCR reads '- Như trên;' as 'ng' (confidence 0); the crop of that line
    alone reads it, and the item is back, first in the list as printed."""
    doc = scans_46.document
    assert doc.distribution[:2] == ["Như trên", "CT, PCT UBND tỉnh"]
    assert any("read again from a crop" in n for n in scans_46.source.normalizations)


@pytest.fixture
def scans_46(parsed):
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    return parsed(REAL / "46-TB.pdf", ocr="auto")
