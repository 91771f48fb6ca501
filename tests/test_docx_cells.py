"""A DOCX converter's text whose header and closing rows join their two cells with ' | '
(parser/load/docx_cells.py), with lines from real letters (1153/BNNMT-QLĐĐ, 425/QĐ-BXD)."""
from __future__ import annotations

from congvan.load.docx_cells import split_cell_joins


def test_header_and_closing_joins_are_cut():
    raw = ["BỘ NÔNG NGHIỆP VÀ", "MÔI TRƯỜNG", "------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
           "V/v triển khai Nghị định số 49/2026/NĐ-CP của Chính phủ | Hà Nội, ngày 03 tháng 02 năm 2026",
           "Kính gửi: | - Hội đồng nhân dân các tỉnh, thành phố trực thuộc Trung ương;",
           "- Lưu: VT, Cục KTQLXD, Viện KTXD. | KT. BỘ TRƯỞNG"]
    assert split_cell_joins(raw) == [
        "BỘ NÔNG NGHIỆP VÀ", "MÔI TRƯỜNG", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "V/v triển khai Nghị định số 49/2026/NĐ-CP của Chính phủ", "Hà Nội, ngày 03 tháng 02 năm 2026",
        "Kính gửi:", "- Hội đồng nhân dân các tỉnh, thành phố trực thuộc Trung ương;",
        "- Lưu: VT, Cục KTQLXD, Viện KTXD.", "KT. BỘ TRƯỞNG"]


def test_table_rows_and_portal_rows_are_left_alone():
    raw = ["STT | Mã TTHC | Tên TTHC | Số quyết định công bố TTHC",
           "1. | 1.013994 | Đăng ký, cấp Giấy chứng nhận | 3",
           "| Số: 13/CT-TTg | *Hà Nội, ngày 02 tháng* *5 năm 2024* |",
           "Tỉ lệ chất thải rắn được thu gom | Tối thiểu 95%",  # a body table's row of two cells
           "- Các Sở: NN&MT, TP | tham gia"]  # a list item whose right part is no signer's line
    assert split_cell_joins(raw) == raw
