"""Văn bản hợp nhất (VBHN): a consolidated text prints its number and date only in the
authentication block after its last article ('XÁC THỰC VĂN BẢN HỢP NHẤT'), laid out like a
header: issuer and 'Số: …/VBHN-…' on the left, the title and the place and date on the right,
then the authority, Nơi nhận and the signer. Also the signer lines such a block brings: a rank
before the name ('Thượng tướng Nguyễn Văn Gấu'), OCR's lost period in 'KT. BỘ TRƯỞNG'."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import REAL, SEEDS, skip_or_fail

from congvan import parse_bytes
from congvan.extract.closing import read_signer
from congvan.settings import Settings
from congvan.types import Line

SEED = SEEDS / "qd-43-2008-QD-TTg.txt"


def _consolidated(block: list[str]) -> bytes:
    """The seed decision's articles as a consolidated circular: its first page's header (issuer,
    quốc hiệu, tên loại, title) without number or date, the articles, then `block`."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Điều 1."))
    end = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận"))
    head = ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "", "THÔNG TƯ", "Quy định về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước", ""]
    body = [ln for ln in lines[start:end] if not ln.strip().startswith(("KT.", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"))]
    return "\n".join(head + body + block).encode("utf-8")


BLOCK = ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG XÁC THỰC VĂN BẢN HỢP NHẤT",
         "Số: 05/VBHN-BTTTT Hà Nội, ngày 10 tháng 3 năm 2020",
         "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG",
         "Nơi nhận:", "- Văn phòng Chính phủ;", "- Cổng TTĐT Chính phủ;", "- Lưu: VT, PC.",
         "Thượng tướng Nguyễn Văn Hùng"]


def test_the_authentication_block_gives_number_date_and_type():
    doc = parse_bytes(_consolidated(BLOCK), "vbhn.txt").document
    assert (doc.type, doc.number, doc.date, doc.place) == ("VBHN", "05/VBHN-BTTTT", date(2020, 3, 10), "Hà Nội")
    assert doc.issuer.name == "Bộ Thông tin và Truyền thông"
    # the first page's title is the subject; its tên loại names the text consolidated, not this one
    assert doc.subject.startswith("Quy định về ứng dụng công nghệ thông tin")
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn Hùng")
    assert doc.distribution == ["Văn phòng Chính phủ", "Cổng TTĐT Chính phủ", "Lưu: VT, PC"]


def test_the_block_on_two_rows_and_a_letter_without_one():
    """The issuer on the row above the title; and without the block the same text has no number."""
    doc = parse_bytes(_consolidated(["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "XÁC THỰC VĂN BẢN HỢP NHẤT", *BLOCK[1:]]),
                      "vbhn.txt").document
    assert (doc.type, doc.number, doc.date) == ("VBHN", "05/VBHN-BTTTT", date(2020, 3, 10))
    plain = parse_bytes(_consolidated(BLOCK[2:]), "plain.txt").document
    assert plain.type == "TT" and plain.number is None


def test_a_consolidated_text_attached_after_the_closing_is_not_the_letters_block():
    """A công văn that sends a consolidated text: its own number and closing stand; the block
    after its Nơi nhận is the attached text's."""
    letter = ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/BTTTT-PC", "Hà Nội, ngày 02 tháng 4 năm 2020",
              "V/v gửi văn bản hợp nhất", "Kính gửi: Các Sở Thông tin và Truyền thông",
              "Bộ gửi kèm văn bản hợp nhất để các đơn vị biết, thực hiện.",
              "Nơi nhận:", "- Như trên;", "- Lưu: VT, PC.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phạm Hồng Hải", ""]
    doc = parse_bytes(("\n".join(letter) + "\n").encode("utf-8") + _consolidated(BLOCK), "cv.txt").document
    assert (doc.type, doc.number, doc.date) == ("CV", "12/BTTTT-PC", date(2020, 4, 2))
    assert doc.signer.name == "Phạm Hồng Hải" and doc.distribution == ["Như trên", "Lưu: VT, PC"]


def _ocr_line(text: str) -> Line:
    return Line(text=text, page=1, conf=92.0, x0=300.0, x1=500.0, top=100.0, bottom=112.0)


@pytest.mark.parametrize("read, name", [("Nguyên Văn Gấu", "Nguyễn Văn Gấu"), ("Lễ Thị Hoa", "Lê Thị Hoa"),
                                        ("Mà Văn Dũng", "Mà Văn Dũng"),  # spelt like both Ma and Mã: as read
                                        ("Trần Phước Hiên", "Trần Phước Hiên")])  # only the family name
def test_an_ocr_family_name_with_a_wrong_mark_is_the_family_name(read, name):
    signer, notes = read_signer([_ocr_line("CHỦ TỊCH"), _ocr_line(read)])
    assert signer["name"] == name
    assert any("signer's name read with" in n for n in notes) == (name != read)


@pytest.mark.parametrize("printed, name", [("Thượng tướng Nguyễn Văn Gấu", "Nguyễn Văn Gấu"),
                                           ("PGS.TS. Lê Quân", "Lê Quân"), ("PGS. TS. Lê Quân", "Lê Quân"),
                                           ("Đại tá Hồ Văn Minh", "Hồ Văn Minh"), ("Trần Văn Tá", "Trần Văn Tá")])
def test_a_rank_or_title_before_the_name_is_not_the_name(printed, name):
    signer, _ = read_signer([_ocr_line("KT, BỘ TRƯỞNG"), _ocr_line("THỨ TRƯỞNG"), _ocr_line(printed)])
    assert signer == {"authority": "KT. BỘ TRƯỞNG", "position": "THỨ TRƯỞNG", "name": name}


def test_the_real_consolidated_circular():
    """bqp-vbhn46: 26 scanned pages, the first page's issuer block under two received stamps; the
    block on p.26 gives issuer, place and type; its handwritten number and day stay null."""
    from congvan import ocr, parse_file

    path = REAL / "bqp-vbhn46-2026.pdf"
    if not path.exists():
        pytest.skip("../shared/real is absent")
    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    doc = parse_file(path, Settings.resolve(ocr="auto")).document
    assert (doc.type, doc.issuer.name, doc.place) == ("VBHN", "Bộ Quốc phòng", "Hà Nội")
    assert doc.number is None and doc.date is None  # '46' and '04' are handwritten
    assert doc.signer.authority == "KT. BỘ TRƯỞNG"
    assert doc.distribution[:2] == ["Các đ/c lãnh đạo BQP", "Bộ Nội vụ"]
