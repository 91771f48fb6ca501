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


def test_a_header_row_whose_cells_ran_their_paragraphs_together():
    # Thông tư 16/2018/TT-BCA as a .doc converter wrote it: each cell's lines joined by spaces
    raw = ["BỘ CÔNG AN Số: 16/2018/TT-BCA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
           "Hà Nội, ngày 15 tháng 5 năm 2018"]
    assert split_cell_joins(raw) == ["BỘ CÔNG AN", "Số: 16/2018/TT-BCA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                     "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 15 tháng 5 năm 2018"]


def test_a_category_heading_above_the_header_is_no_title():
    # the same file opens with its category, 'VĂN BẢN QUY PHẠM PHÁP LUẬT', before the issuer's name
    from congvan import parse_bytes

    text = "\n".join(["VĂN BẢN QUY PHẠM PHÁP LUẬT", "", "BỘ CÔNG AN", "",
                      "BỘ CÔNG AN Số: 16/2018/TT-BCA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
                      "Hà Nội, ngày 15 tháng 5 năm 2018", "", "THÔNG TƯ",
                      "Quy định chi tiết một số điều của Luật Quản lý,", "sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ", "",
                      "Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 20 tháng 6 năm 2017;",
                      "Điều 1. Phạm vi điều chỉnh", "Thông tư này quy định chi tiết một số điều của Luật."])
    doc = parse_bytes(text.encode("utf-8"), "tt-16.txt").document
    assert (doc.type, doc.number, doc.place) == ("TT", "16/2018/TT-BCA", "Hà Nội")
    assert doc.issuer.name == "Bộ Công an"
    assert doc.subject == "Quy định chi tiết một số điều của Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ"


def test_a_signer_cell_after_an_empty_one():
    # 16/2018/TT-BCA's closing: no Nơi nhận beside the signer, his post, rank and name run together
    assert split_cell_joins([" | BỘ TRƯỞNG Thượng tướng Tô Lâm"]) == ["BỘ TRƯỞNG", "Thượng tướng Tô Lâm"]
    # a cell that holds no known post is left as it is
    assert split_cell_joins([" | GHI CHÚ Bảng này thay bảng cũ"]) == [" | GHI CHÚ Bảng này thay bảng cũ"]


def test_a_closing_row_whose_cells_ran_their_paragraphs_together():
    # BC-tinh-ket-qua-Chi-thi-38-TTg (a DOCX's text): the header row has an empty spacer cell, the
    # closing row holds the whole Nơi nhận list and the signer's block, each run together
    raw = ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI |  | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
           "Nơi nhận: - Như trên; - Chủ tịch UBND tỉnh; - Các Sở: NNMT, CT, XD; - Lưu: VT, KT(Thủy, Nho). "
           "| KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thành Sinh"]
    assert split_cell_joins(raw) == [
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:", "- Như trên;", "- Chủ tịch UBND tỉnh;", "- Các Sở: NNMT, CT, XD;", "- Lưu: VT, KT(Thủy, Nho).",
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh"]


def test_a_closing_row_whose_cells_ran_together_gives_items_authorities_and_post():
    """A Lào Cai kế hoạch's DOCX text (gold/probes KH-UBND-trien-khai-Chi-thi-11): the Nơi nhận
    cell's items on one line, the signer's two authorities run together after its ' | ', and the
    post and the name on the next line."""
    raw = ["Nơi nhận: - Bộ Nông nghiệp và Môi trường (để báo cáo); - Các Sở, ban, ngành; - Lưu: VT, KT. "
           "| TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH Nguyễn Thành Sinh"]
    assert split_cell_joins(raw) == ["Nơi nhận:", "- Bộ Nông nghiệp và Môi trường (để báo cáo);",
                                     "- Các Sở, ban, ngành;", "- Lưu: VT, KT.", "TM. ỦY BAN NHÂN DÂN",
                                     "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thành Sinh"]


def test_a_header_rows_empty_cells_are_dropped():
    raw = ["V/v tăng cường công tác quản lý bảo vệ khoáng sản chưa khai thác trên địa bàn |  | "]
    assert split_cell_joins(raw) == ["V/v tăng cường công tác quản lý bảo vệ khoáng sản chưa khai thác trên địa bàn"]


def test_items_run_together_on_one_line_are_each_an_item():
    from congvan.extract.header import run_items

    line = "- Các sở, ban, ngành thuộc UBND tỉnh; - Công an tỉnh; - Ủy ban nhân dân các xã, phường."
    assert run_items(line) == ["- Các sở, ban, ngành thuộc UBND tỉnh;", "- Công an tỉnh;",
                               "- Ủy ban nhân dân các xã, phường."]
    assert run_items("- Sở Tài chính; Sở Xây dựng;") == ["- Sở Tài chính; Sở Xây dựng;"]  # no dash: one line


def test_a_flattened_signers_line_gives_authority_post_and_name():
    """thuvienphapluat's flattened text of 627/BYT-BH and 3397/BKHĐT-QLKTTW (gold/probes): the
    signer's titles and name on one line, and a 'TL.' left alone over the rest."""
    from congvan.extract.closing import read_signers as read_signer
    from congvan.types import Line

    signer, _ = read_signer([Line(text="KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn")])
    assert signer == {"authority": "KT. BỘ TRƯỞNG", "position": "THỨ TRƯỞNG", "name": "Nguyễn Trường Sơn"}
    signer, _ = read_signer([Line(text="TL."), Line(text="BỘ TRƯỞNG CHÁNH VĂN PHÒNG Nguyễn Đức Tâm")])
    assert signer == {"authority": "TL. BỘ TRƯỞNG", "position": "CHÁNH VĂN PHÒNG", "name": "Nguyễn Đức Tâm"}
    signer, _ = read_signer([Line(text="KT. CHỦ TỊCH"), Line(text="PHÓ CHỦ TỊCH"), Line(text="Nguyễn Thành Sinh")])
    assert signer == {"authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Nguyễn Thành Sinh"}
