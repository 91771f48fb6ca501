"""References as OCR damages them in real scans (lines from ../shared/real letters, as Tesseract
read them), and laws cited by name and number: one document each."""
from __future__ import annotations

import pytest

from congvan import parse_bytes
from congvan.find.notation import parse_notation, repair_type_code
from congvan.find.references import find_mentions


@pytest.mark.parametrize("printed, canonical", [
    ("464/Q0Đ-BCT", "464/QĐ-BCT"),  # cuchc-qd26: Đ read as 0 and Đ
    ("512/QĐĐ - UBND", "512/QĐ-UBND"),  # sct-bb-yenthanh: Đ doubled
    ("300-KL/TỪ", "300-KL/TU"),  # laocai-qd2336: Tỉnh ủy's TU read with a horn and a tone mark
    ("23⁄BB-VPHC", "23/BB-VPHC"),  # cuchc-qd26: a fraction slash
    ("202/BC--BQL", "202/BC-BQL"),  # laocai-qd2336: a doubled dash
    ("668-NQ/ĐU", "668-NQ/ĐU"),  # a known code with its Đ is left alone
    ("52-NQ/TW", "52-NQ/TW"),
])
def test_notation_damage_repaired(printed, canonical):
    assert parse_notation(printed).canonical == canonical


def test_type_code_repair_needs_a_known_code():
    assert repair_type_code("QĐ") == "QĐ"
    assert repair_type_code("BTTT") == "BTTT"  # BTTTT (an issuer) losing a T, not the type BTT with one doubled
    assert repair_type_code("QQĐ") == "QĐ"


def test_mentions_read_through_ocr_damage():
    text = ("Căn cứ Văn bản sỐ 1 1654/ANKT-ANTCĐT ngày 02 tháng 7 năm 2026 của Cục An ninh kinh tế; "
            "Căn cứ Quyết định số 464/Q0Đ-BCT ngày 16 tháng 3 năm 2026 của Bộ trưởng Bộ Công Thương")
    got = [(m.notation.canonical, m.date) for m in find_mentions(text)]
    assert got == [("11654/ANKT-ANTCĐT", "2026-07-02"), ("464/QĐ-BCT", "2026-03-16")]


def test_law_with_its_number_is_one_mention():
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025; "
            "Căn cứ Luật Cán bộ, công chức số 80/2025/QH15; Luật Đầu tư, Luật Xây dựng")
    got = [(m.law_name, m.notation.canonical if m.notation else None, m.date) for m in find_mentions(text)]
    assert got == [("Luật Tổ chức chính quyền địa phương", "72/2025/QH15", "2025-06-16"),
                   ("Luật Cán bộ, công chức", "80/2025/QH15", None),
                   ("Luật Đầu tư", None, None), ("Luật Xây dựng", None, None)]


LETTER = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 15/QĐ-UBND
Lào Cai, ngày 02 tháng 7 năm 2026
QUYẾT ĐỊNH
Về việc chấp thuận chủ trương đầu tư
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Căn cứ Luật Đầu tư số 143/2025/QH15 ngày 11 tháng 12 năm 2025;
Căn cứ Luật Ban hành văn bản quy phạm pháp luật năm 2015;
Căn cứ Nghị định số 17/2022/NĐ-CP ngày 31 tháng 01 năm 2022 của Chính phủ;
QUYẾT ĐỊNH:
Điều 1. Nhà đầu tư thực hiện theo Điều 47 Luật Đầu tư và Luật Ban hành văn bản q1 phạm pháp luật,
khoản 15 Điều 1 Nghị định sỐ 17/2022/NĐ-GE.
Điều 2. Phần vốn nhà nước theo Luật Đầu tư công.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""


def test_damaged_and_short_mentions_resolve_to_one_reference():
    refs = [(r.number, r.title) for r in parse_bytes(LETTER.encode(), "qd.txt").references if not r.self]
    assert refs == [("143/2025/QH15", "Luật Đầu tư"),  # 'Điều 47 Luật Đầu tư' is that law
                    (None, "Luật Ban hành văn bản quy phạm pháp luật"),  # 'văn bản q1' cut inside a word
                    ("17/2022/NĐ-CP", None),  # 'NĐ-GE': same number, year and type, an unknown issuer
                    (None, "Luật Đầu tư công")]  # a name that goes on past a whole word is another law


def test_dotted_number_of_a_series():
    # Nghị quyết 66.18/2026/NQ-CP, one of the Government's numbered series of 2026
    n = parse_notation("66.18/2026/NQ-CP")
    assert (n.n, n.year, n.type_code, n.canonical) == ("66.18", 2026, "NQ", "66.18/2026/NQ-CP")
    assert parse_notation("Điều 1. 23/QĐ-UBND").canonical == "23/QĐ-UBND"  # a label's dot is no series


def test_notation_with_ocr_i_for_its_leading_1():
    assert parse_notation("I3/UB-TP").canonical == "13/UB-TP"  # H14.1999: 'phiếu trình số I3/UB-TP'
    assert parse_notation("Il/QĐ") is None or parse_notation("Il/QĐ").n is None  # no digit: no number


def test_paragraph_cut_after_so_is_read_with_the_next():
    from congvan.find import Text, _rejoined
    from congvan.find.references import find_mentions
    from congvan.spans import Src

    # H14.1999 as the paragraph builder gave it: the citation cut after "số" at a line break
    items = [Text(Src(s), "1", None, "body") for s in (
        "Nghị định dưới luật của Hội đồng Chính phủ số : 88/CP, ngày 17/8/1994, số",
        "60/CP. ngày 05/7/1994 về quyền sở hữu nhà ở và quyền sử dụng đất ở tại đô",
        "Xét đề nghị của ông Chủ tịch UBND Thị xã tại phiếu trình số",
        "Sau khi xem xét cụ thể.")]
    joined = list(_rejoined(iter(items)))
    assert [t.src.text for t in joined][1:] == [items[2].src.text, items[3].src.text]  # no number next: apart
    got = [(m.notation.canonical, m.date) for m in find_mentions(joined[0].src.text)]
    assert got == [("88/CP", "1994-08-17"), ("60/CP", "1994-07-05")]
