"""A letter copied from a legal portal: its header and closing are a table of two cells whose
printed lines run together (parser/load/portal_cells.py)."""
from __future__ import annotations

from datetime import date

from conftest import ROOT

from congvan.load.portal_cells import _lines_of, portal_bands

AUTHORED = ROOT / "corpora" / "authored"


def test_header_cells_are_cut_into_their_lines():
    # the issuer over its rule; the quốc hiệu, the tiêu ngữ and the rule (Văn phòng Chính phủ, 3479/VPCP-NN)
    assert _lines_of("VĂN PHÒNG CHÍNH PHỦ -------") == ["VĂN PHÒNG CHÍNH PHỦ"]
    assert _lines_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc  ---------------") == \
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # the V/v in the portal's italics under the number
    assert _lines_of("Số: 683/BTC-CST *V/v chính sách thuế giá trị gia tăng*") == \
        ["Số: 683/BTC-CST", "V/v chính sách thuế giá trị gia tăng"]
    assert _lines_of("*Hà Nội, ngày 19 tháng 01 năm 2026*") == ["Hà Nội, ngày 19 tháng 01 năm 2026"]


def test_closing_cells_are_cut_into_items_authorities_and_post():
    assert _lines_of("*Nơi nhận:* - Như trên; - TTgCP, Phó TTg Lê Văn Thành; - Lưu: VT, NN (2). Kh") == \
        ["Nơi nhận:", "- Như trên;", "- TTgCP, Phó TTg Lê Văn Thành;", "- Lưu: VT, NN (2). Kh"]
    # 'các - bon' inside an item is no item of its own
    assert _lines_of("- Bộ Nông nghiệp; - Đề án tín chỉ các - bon rừng.") == \
        ["- Bộ Nông nghiệp;", "- Đề án tín chỉ các - bon rừng."]
    assert _lines_of("KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Nguyễn Cao Lục") == \
        ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Nguyễn Cao Lục"]
    assert _lines_of("TL. BỘ TRƯỞNG KT. CỤC TRƯỞNG CỤC QUẢN LÝ, GIÁM SÁT CHÍNH SÁCH THUẾ, PHÍ VÀ LỆ PHÍ "
                     "PHÓ CỤC TRƯỞNG     Lưu Đức Huy") == \
        ["TL. BỘ TRƯỞNG", "KT. CỤC TRƯỞNG CỤC QUẢN LÝ, GIÁM SÁT CHÍNH SÁCH THUẾ, PHÍ VÀ LỆ PHÍ", "PHÓ CỤC TRƯỞNG",
         "Lưu Đức Huy"]
    # a post no list knows is left with its authority, as read
    assert _lines_of("KT. GIÁM ĐỐC TRỢ LÝ ĐẶC BIỆT") == ["KT. GIÁM ĐỐC TRỢ LÝ ĐẶC BIỆT"]


def test_a_data_table_is_not_a_band():
    rows = ["| TT | Nội dung | Thời hạn |", "| --- | --- | --- |", "| 1 | Rà soát | Quý II |",
            "| Số: 12 | Ghi chú |"]
    assert portal_bands(rows) == {}


def test_portal_letter_reads_header_recipients_and_closing(parsed):
    letter = parsed(AUTHORED / "cv-2117-BXD-QHKT-2026.md")
    doc = letter.document
    assert (doc.type, doc.number, doc.place, doc.date) == ("CV", "2117/BXD-QHKT", "Hà Nội", date(2026, 4, 8))
    assert doc.issuer.name == "Bộ Xây dựng"
    assert doc.subject == "góp ý dự thảo Quy chế quản lý kiến trúc đô thị tỉnh Phú Yên"
    assert doc.recipients == ["Ủy ban nhân dân tỉnh Phú Yên", "Sở Xây dựng tỉnh Phú Yên"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("TL. BỘ TRƯỞNG KT. VỤ TRƯỞNG VỤ QUY HOẠCH - KIẾN TRÚC", "PHÓ VỤ TRƯỞNG", "Trần Thị Mai Hoa")
    assert doc.distribution == ["Như trên", "Bộ trưởng (để b/c)", "Sở Xây dựng tỉnh Phú Yên", "Lưu: VT, QHKT (2b)"]
    assert [(d.date, d.raw) for d in letter.deadlines] == [(date(2026, 4, 30), "trước ngày 30/4/2026")]
    assert not letter.warnings


def test_a_date_split_into_two_emphasised_runs_is_one_line():
    # Chỉ thị 13/CT-TTg as a portal gives it: the italics broke where the formatting changed
    assert _lines_of("*Hà Nội, ngày 02 tháng* *5 năm 2024*") == ["Hà Nội, ngày 02 tháng 5 năm 2024"]
    # runs of different emphasis stay lines of their own
    assert _lines_of("**KT. BỘ TRƯỞNG** *Nguyễn Văn A*") == ["KT. BỘ TRƯỞNG", "Nguyễn Văn A"]


def test_subject_ends_at_an_emphasised_can_cu(parsed, tmp_path):
    # Quyết định 42/2026/QĐ-TTg as a portal gives it: the Căn cứ lines in italics right under the trích yếu
    text = "\n".join([
        "| THỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc  --------------- |",
        "| --- | --- |",
        "| Số: 42/2026/QĐ-TTg | *Hà Nội, ngày 10 tháng 8 năm 2026* |",
        "QUYẾT ĐỊNH",
        "BAN HÀNH DANH MỤC LĨNH VỰC, CƠ SỞ PHÁT THẢI KHÍ NHÀ KÍNH PHẢI THỰC HIỆN KIỂM KÊ KHÍ NHÀ KÍNH (CẬP NHẬT)",
        "*Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;*",
        "*Theo đề nghị của Bộ trưởng Bộ Nông nghiệp và Môi trường;*",
        "Điều 1. Ban hành Danh mục lĩnh vực, cơ sở phát thải khí nhà kính phải thực hiện kiểm kê khí nhà kính.",
        "Điều 2. Quyết định này có hiệu lực từ ngày ký.",
    ])
    path = tmp_path / "qd-42.txt"
    path.write_text(text, encoding="utf-8")
    doc = parsed(path).document
    assert (doc.type, doc.number, doc.date) == ("QĐ", "42/2026/QĐ-TTg", date(2026, 8, 10))
    assert doc.subject == "BAN HÀNH DANH MỤC LĨNH VỰC, CƠ SỞ PHÁT THẢI KHÍ NHÀ KÍNH PHẢI THỰC HIỆN KIỂM KÊ KHÍ NHÀ KÍNH (CẬP NHẬT)"


def test_a_vv_run_on_after_the_number_and_a_signer_cell_on_one_line_are_cut():
    # thuvienphapluat's copy of 2403/TTg-KGVX and of 1414/TCT-CS (gold/probes file_data_30, _33):
    # no italics to mark the V/v; the signer's authorities, post and name on the cell's one line
    assert _lines_of("Số: 2403/TTg-KGVX V/v Điều chỉnh mức trợ cấp hàng tháng") == \
        ["Số: 2403/TTg-KGVX", "V/v Điều chỉnh mức trợ cấp hàng tháng"]
    assert _lines_of("KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Nguyễn Sinh Hùng") == \
        ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Sinh Hùng"]
    # only the last authority has the post under it: 'TL. TỔNG CỤC TRƯỞNG' is not cut
    assert _lines_of("TL. TỔNG CỤC TRƯỞNG KT. VỤ TRƯỞNG VỤ CHÍNH SÁCH PHÓ VỤ TRƯỞNG Ngô Văn Độ") == \
        ["TL. TỔNG CỤC TRƯỞNG", "KT. VỤ TRƯỞNG VỤ CHÍNH SÁCH", "PHÓ VỤ TRƯỞNG", "Ngô Văn Độ"]


def test_a_ministry_and_its_department_on_one_issuer_line_are_two_bodies():
    from congvan.extract.header import _two_bodies

    assert _two_bodies("BỘ TÀI CHÍNH TỔNG CỤC THUẾ") == ["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"]
    assert _two_bodies("ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH") == ["ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH"]  # one body
    # a university's and an academy's text (gold/probes legit_dl_2025_0003, 1446_TB-HVM)
    assert _two_bodies("BỘ CÔNG THƯƠNG TRƯỜNG ĐẠI HỌC ĐIỆN LỰC") == ["BỘ CÔNG THƯƠNG", "TRƯỜNG ĐẠI HỌC ĐIỆN LỰC"]
    assert _two_bodies("BAN CƠ YẾU CHÍNH PHỦ HỌC VIỆN KỸ THUẬT MẬT MÃ") == \
        ["BAN CƠ YẾU CHÍNH PHỦ", "HỌC VIỆN KỸ THUẬT MẬT MÃ"]
    # a department's head inside a word is none: 'MÔI TRƯỜNG', 'NỘI VỤ'
    assert _two_bodies("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG") == ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]
    assert _two_bodies("BỘ NỘI VỤ VỤ TỔ CHỨC CÁN BỘ") == ["BỘ NỘI VỤ", "VỤ TỔ CHỨC CÁN BỘ"]


def test_an_issuers_head_is_no_type_name_run_on():
    # the Official Gazette's 798/QĐ-TTg: 'THỦ' folds like the type name 'THƯ'
    from congvan.segment import _type_then_subject

    assert _type_then_subject("THỦ TƯỚNG CHÍNH PHỦ") is None
    assert _type_then_subject("QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ") == ("QUYẾT ĐỊNH", "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ")


def test_a_lone_letter_under_the_issuer_is_a_speck_not_part_of_its_name():
    # an OCR'd text of the Ministry of Finance's 393/TB-BTC (gold/probes CV_2019_05_07_CV_393):
    # 'BỘ TÀI CHÍNH  CỘNG HÒA ...' over 'T Độc lập - Tự do - Hạnh phúc', the 'T' a speck of the seal
    from congvan import parse_bytes

    seed = ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    assert lines[3].startswith("Độc lập")
    lines[3] = "T " + lines[3]
    letter = parse_bytes("\n".join(lines).encode("utf-8"), seed.name)
    assert letter.document.issuer.name == "Bộ Thông tin và Truyền thông"
    assert letter.document.number == "1959/BTTTT-UDCNTT"


def test_a_garbled_number_run_into_the_date_line_leaves_the_place_and_warns():
    # an OCR'd text whose two columns ran together: 'sé/(ÖCr-TTHT Bắc Ninh, ngày/WÍ tháng 07 năm
    # 2018' (gold/probes CV_2018_07_11): the place is read, the number and day are honest nulls
    from congvan import parse_bytes

    seed = ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt"
    text = seed.read_text(encoding="utf-8")
    assert "\nSố: 1959/BTTTT-UDCNTT\n" in text and "\nHà Nội, ngày 04 tháng 7 năm 2013" in text
    text = text.replace("\nSố: 1959/BTTTT-UDCNTT\n", "\nsé/(ÖCr-UDCNTT Hà Nội, ngày/WÍ tháng 7 năm 2013\n")
    text = text.replace("\nHà Nội, ngày 04 tháng 7 năm 2013", "\n")
    letter = parse_bytes(text.encode("utf-8"), seed.name)
    assert letter.document.place == "Hà Nội"
    assert letter.document.number is None and letter.document.date is None
    assert {"number_blank", "date_unreadable"} <= {w.code for w in letter.warnings}
    assert letter.document.subject.startswith("đôn đốc triển khai")
