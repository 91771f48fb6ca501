"""The PDF path's two-column header band and closing on letters drawn as a word processor lays
them out: a note printed across the page above the header (an archive's or a portal's line) is
no column's, and a signer's block printed under the Nơi nhận list in its column is the signer's.
The words are those of real letters (gold/probes: CV-216-ATMT-ATĐ, CTr-104-CTr/TU)."""
from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("reportlab")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _draw(path, rows):
    """rows: (y from the top, [(x, text, centred)]) drawn on an A4 page in DejaVu Serif 12."""
    from pathlib import Path

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not Path(FONT).exists():
        pytest.skip("DejaVu Serif is not installed (fonts-dejavu)")
    pdfmetrics.registerFont(TTFont("TestSerif", FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    for y, cells in rows:
        if y is None:  # a page break
            c.showPage()
            continue
        c.setFont("TestSerif", 12)
        for x, text, centred in cells:
            (c.drawCentredString if centred else c.drawString)(x, height - y, text)
    c.showPage()
    c.save()


NOTE_ABOVE = [
    (40, [(60, "[Bản sao điện tử từ hệ thống quản lý văn bản - Đối chiếu bản gốc khi trích dẫn nguyên văn]", False)]),
    (70, [(150, "BỘ CÔNG THƯƠNG", True), (410, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)]),
    (86, [(150, "CỤC KỸ THUẬT AN TOÀN", True), (410, "Độc lập - Tự do - Hạnh phúc", True)]),
    (102, [(150, "VÀ MÔI TRƯỜNG CÔNG NGHIỆP", True)]),
    (130, [(150, "Số: 216/ATMT-ATĐ", True), (410, "Hà Nội, ngày 30 tháng 01 năm 2026", True)]),
    (148, [(150, "V/v hướng dẫn thực hiện hoạt động", True)]),
    (164, [(150, "nạo vét kết hợp thu hồi sản phẩm", True)]),
    (200, [(300, "Kính gửi: Sở Công Thương tỉnh Lào Cai", True)]),
    (230, [(90, "Trả lời Văn bản số 472/SCT-NL ngày 28 tháng 01 năm 2026 của Sở Công Thương", False)]),
    (246, [(60, "tỉnh Lào Cai, Cục có ý kiến như sau.", False)]),
    (290, [(60, "Nơi nhận:", False), (400, "KT. CỤC TRƯỞNG", True)]),
    (306, [(60, "- Như trên;", False), (400, "PHÓ CỤC TRƯỞNG", True)]),
    (322, [(60, "- Lưu: VT, ATĐ.", False)]),
    (380, [(400, "Trịnh Văn Thuận", True)]),
]

SIGNER_UNDER_LIST = [
    (70, [(150, "TỈNH ỦY LÀO CAI", True), (410, "ĐẢNG CỘNG SẢN VIỆT NAM", True)]),
    (86, [(150, "*", True)]),
    (110, [(150, "Số 104-CTr/TU", True), (410, "Lào Cai, ngày 30 tháng 8 năm 2026", True)]),
    (150, [(300, "CHƯƠNG TRÌNH HÀNH ĐỘNG", True)]),
    (166, [(300, "thực hiện Kết luận số 75-KL/TW ngày 28/7/2026", True)]),
    (200, [(90, "Thực hiện Kết luận số 75-KL/TW, Tỉnh ủy ban hành Chương trình hành động.", False)]),
    (240, [(60, "Nơi nhận:", False)]),
    (256, [(60, "- Ban Bí thư Trung ương Đảng (để b/c);", False)]),
    (272, [(60, "- Lưu Văn phòng Tỉnh ủy.", False)]),
    (296, [(60, "T/M TỈNH ỦY", False)]),
    (312, [(60, "PHÓ BÍ THƯ THƯỜNG TRỰC", False)]),
    (356, [(60, "Hoàng Giang", False)]),
]


def test_a_note_across_the_page_above_the_header_is_no_column(tmp_path, parsed):
    _draw(tmp_path / "cv-216.pdf", NOTE_ABOVE)
    doc = parsed(tmp_path / "cv-216.pdf").document
    assert (doc.number, doc.place, doc.date) == ("216/ATMT-ATĐ", "Hà Nội", date(2026, 1, 30))
    assert doc.issuer.name.startswith("Cục Kỹ thuật an toàn") and doc.issuer.parent == "Bộ Công Thương"
    assert doc.subject == "hướng dẫn thực hiện hoạt động nạo vét kết hợp thu hồi sản phẩm"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
                                                                          "Trịnh Văn Thuận")


def test_a_title_printed_under_the_list_after_its_filed_copy_is_the_signers(tmp_path, parsed):
    _draw(tmp_path / "ctr-104.pdf", SIGNER_UNDER_LIST)
    doc = parsed(tmp_path / "ctr-104.pdf").document
    assert doc.distribution == ["Ban Bí thư Trung ương Đảng (để b/c)", "Lưu Văn phòng Tỉnh ủy"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("T/M TỈNH ỦY", "PHÓ BÍ THƯ THƯỜNG TRỰC",
                                                                          "Hoàng Giang")


# QD-7-QD-BQLCKCN (scanned): OCR split the quốc hiệu's first word, 'CỘ NG HÒA'
SPLIT_QUOC_HIEU = [
    (70, [(150, "UBND TỈNH LÀO CAI", True), (330, "CỘ", False), (352, "NG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False)]),
    (86, [(150, "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", True), (430, "Độc lập - Tự do - Hạnh phúc", True)]),
    (112, [(150, "Số: 7/QĐ-BQLCKCN", True), (430, "Lào Cai, ngày 15 tháng 01 năm 2026", True)]),
    (150, [(300, "QUYẾT ĐỊNH", True)]),
    (166, [(300, "Về việc thành lập Hội đồng thẩm định Quy hoạch các khu công nghiệp", True)]),
    (200, [(300, "TRƯỞNG BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH LÀO CAI", True)]),
    (230, [(90, "Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017;", False)]),
]


def test_a_quoc_hieu_whose_first_word_ocr_split_still_parts_the_columns(tmp_path, parsed):
    _draw(tmp_path / "qd-7.pdf", SPLIT_QUOC_HIEU)
    doc = parsed(tmp_path / "qd-7.pdf").document
    assert doc.issuer.name.startswith("Ban Quản lý các khu công nghiệp")
    assert (doc.number, doc.date) == ("7/QĐ-BQLCKCN", date(2026, 1, 15))
    assert doc.subject == "thành lập Hội đồng thẩm định Quy hoạch các khu công nghiệp"


# QD-2736-2026 (drawn from its laid-out text): the page breaks after the Nơi nhận row; the list
# and the signer's block go on at the top of the next page
CLOSING_OVER_A_PAGE_BREAK = [
    (70, [(150, "ỦY BAN NHÂN DÂN", True), (410, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)]),
    (86, [(150, "TỈNH LÀO CAI", True), (410, "Độc lập - Tự do - Hạnh phúc", True)]),
    (112, [(150, "Số: 2736/QĐ-UBND", True), (410, "Lào Cai, ngày 24 tháng 7 năm 2026", True)]),
    (150, [(300, "QUYẾT ĐỊNH", True)]),
    (166, [(300, "Về việc thành lập Hội đồng đánh giá lựa chọn chủ đầu tư", True)]),
    (200, [(90, "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.", False)]),
    (780, [(60, "Nơi nhận:", False), (400, "TM. ỦY BAN NHÂN DÂN", True)]),
    (None, []),
    (40, [(297, "2", True)]),
    (70, [(60, "- Như Điều 4;", False)]),
    (86, [(60, "- Chủ tịch UBND tỉnh;", False), (400, "CHỦ TỊCH", True)]),
    (102, [(60, "- Các Phó Chủ tịch UBND tỉnh;", False)]),
    (118, [(60, "- Lưu: VT, KT (T.Q.Hùng).", False)]),
    (170, [(400, "Nguyễn Tuấn Anh", True)]),
]


def test_a_closing_cut_by_the_page_break_goes_on_in_its_columns(tmp_path, parsed):
    _draw(tmp_path / "qd-2736.pdf", CLOSING_OVER_A_PAGE_BREAK)
    doc = parsed(tmp_path / "qd-2736.pdf").document
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                                                          "Nguyễn Tuấn Anh")
    assert doc.distribution == ["Như Điều 4", "Chủ tịch UBND tỉnh", "Các Phó Chủ tịch UBND tỉnh", "Lưu: VT, KT (T.Q.Hùng)"]
