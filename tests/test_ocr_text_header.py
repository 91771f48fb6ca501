"""Header and closing of letters given as the plain text an OCR (or pdftotext) made of them,
where the columns and a received stamp run into each other. The texts are the first and last
lines of real letters as their publisher stores them (the public repository Trangsct/skill-sct,
gold/probes): a company's scanned công văn, a Cục's letter to seven provinces' departments, a
scanned decision whose tên loại OCR read with a colon."""
from __future__ import annotations

from datetime import date

import pytest

from congvan.extract.closing import read_signer
from congvan.segment import _subject_then_date, _type_then_subject
from congvan.types import Line

# CV-28-CV-DDT-04-8-2026 (Tesseract's text of the scan): the V/v line and the place and date on
# one line, a received stamp's fields before 'Kính gửi:' and before its items, a seal's ring
# where the signer's title stands
COMPANY_SCAN = """CÔNG TY TNHH ĐẠI ĐỒNG TIẾN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập — Tự do - Hạnh Phúc

Số: 28/CV-ĐĐT :
V/v lắn chiếm, sử dụng trái phép đất Đồng Khê, ngày 04 tháng 8 năm 2026
hoạt động khoáng sản

VĂN PHÒNG UBNI-TỈNH LÀ0 (AIKính gửi: :
Sô:..CS9)2.... - Ủy ban nhân dân tỉnh Lào Cai;
ĐẾN: Ngàyô%.Ề. IoÉ€ - Sở Nông nghiệp và Môi Trường;
Chuyển m—..... - Sở Công Thương;
Số và ký hiệu HS:...........

Công ty TNHH Đại Đồng Tiến được Ủy ban nhân dân tỉnh Yên Bái cấp
giấy phép khai thác khoáng sản số 412/GP-UBND ngày 24/4/2012.

Công ty TNHH Đại Đồng Tiến báo cáo và kính đề nghị các cơ quan chức
năng xem xét, giải quyết.

Nơi nhận:

- Như trên;

- Lãnh đạo Công ty;
- GĐ điều hành mỏ;
- Lưu: VT.

!G TY `
'‡ NHIỆM Ì?
3 HẠN
`NG TIẾN /
"""

# CV-2419-ĐCKS-PCKS-19-9-2025 (pdftotext -layout): one addressee whose list of provinces wraps
SEVEN_PROVINCES = """BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   CỤC ĐỊA CHẤT VÀ KHOÁNG SẢN                            Độc lập - Tự do - Hạnh phúc
             VIỆT NAM
                                                           Hà Nội, ngày 19 tháng 9 năm 2025
            Số: 2419/ĐCKS-PCKS
V/v trả lời kiến nghị các khó khăn, vướng mắc
 về quy định của pháp luật trong lĩnh vực địa
                chất, khoáng sản

              Kính gửi: Sở Nông nghiệp và Môi trường các tỉnh, thành phố: Phú Thọ,
                        Cao Bằng, Lào Cai, Bắc Ninh, Đắk Lắk, Quảng Ngãi, Đà Nẵng.

             Ngày 11/8/2025, Bộ trưởng Bộ Nông nghiệp và Môi trường ban hành
      Quyết định số 3161/QĐ-BNNMT về việc cử công chức về địa phương hỗ trợ.
"""


def _parse(tmp_path, name: str, text: str):
    from congvan import parse_file
    from congvan.settings import Settings

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, Settings.resolve(ocr="off"))


def test_a_company_scans_header_is_read_through_the_stamp(tmp_path):
    doc = _parse(tmp_path, "cv-28.txt", COMPANY_SCAN).document
    assert (doc.number, doc.place, doc.date) == ("28/CV-ĐĐT", "Đồng Khê", date(2026, 8, 4))
    assert doc.subject == "lấn chiếm, sử dụng trái phép đất hoạt động khoáng sản"
    assert doc.recipients == ["Ủy ban nhân dân tỉnh Lào Cai", "Sở Nông nghiệp và Môi Trường", "Sở Công Thương"]
    assert doc.distribution == ["Như trên", "Lãnh đạo Công ty", "GĐ điều hành mỏ", "Lưu: VT"]
    # the seal's ring is no title: an honest null, not "!G TY '‡ NHIỆM"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == (None, None, None)


def test_an_addressee_wrapping_in_its_list_of_names_is_one_item(tmp_path):
    doc = _parse(tmp_path, "cv-2419.txt", SEVEN_PROVINCES).document
    assert doc.recipients == ["Sở Nông nghiệp và Môi trường các tỉnh, thành phố: Phú Thọ, Cao Bằng, Lào Cai, "
                              "Bắc Ninh, Đắk Lắk, Quảng Ngãi, Đà Nẵng"]
    assert doc.date == date(2025, 9, 19)


@pytest.mark.parametrize("line, cut_at", [
    ("V/v lắn chiếm, sử dụng trái phép đất Đồng Khê, ngày 04 tháng 8 năm 2026", "Đồng Khê"),
    ("V/v góp ý dự thảo Quyết định Hà Nội, ngày 12 tháng 02 năm 2026", "Hà Nội"),
    ("V/v góp ý dự thảo Quyết định Hà Nội ngày 12 tháng 02 năm 2026", None),  # no comma: not a place and date
    ("V/v tổ chức Hội nghị ngày 04 tháng 8 năm 2026", None),  # a date the subject names
])
def test_the_place_and_date_are_cut_from_a_vv_line(line, cut_at):
    at = _subject_then_date(line, [])
    assert (line[at:at + len(cut_at)] if at is not None else None) == cut_at


def test_a_vv_line_is_not_cut_when_the_header_has_its_date_line():
    line = "V/v lắn chiếm, sử dụng trái phép đất Đồng Khê, ngày 04 tháng 8 năm 2026"
    assert _subject_then_date(line, [Line(text="Lào Cai, ngày 05 tháng 8 năm 2026")]) is None


def test_a_type_name_ocr_read_with_a_colon_still_heads_the_title():
    # QD-2338-2026 (Tesseract): 'QUYẾT: ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ'
    assert _type_then_subject("QUYẾT: ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ") == ("QUYẾT ĐỊNH", "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ")
    assert _type_then_subject("QUYẾT ĐỊNH: PHÊ DUYỆT ĐỀ ÁN: CHUYỂN ĐỔI SỐ") == ("QUYẾT ĐỊNH", "PHÊ DUYỆT ĐỀ ÁN: CHUYỂN ĐỔI SỐ")


@pytest.mark.parametrize("title", ["CHỦ NHIỆM", "TỔNG BIÊN TẬP", "PHÓ GIÁM ĐỐC"])
def test_a_texts_title_of_a_signer_is_kept(title):
    signer, _ = read_signer([Line(text=title), Line(text="Nguyễn Văn An")])
    assert (signer["position"], signer["name"]) == (title, "Nguyễn Văn An")


# BB-kiem-tra-thuc-dia-21-8-2026 (Tesseract's text of a six-party record): the blocks side by
# side run into one line each, their heads, their parties and their signers' names
SIX_PARTIES = ["ĐẠI DIỆN ĐẠI DIỆN", "SỞ CÔNG THƯƠNG SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
               "Trần Đăng Khôi Mai Thành Trung Nguyễn Văn Nhân", "“ĐẠI DIỆN ĐẠI DIỆN",
               "SỞ XÂY DỰNG ỦY BAN NHÂN DÂN XÃ VĂN CHÁN", "_Q_— 41~'—", "Lê Đức Chí Cao Đắc Thịnh"]


def test_side_by_side_parties_give_the_first_partys_signer():
    signer, notes = read_signer([Line(text=t) for t in SIX_PARTIES])
    assert (signer["authority"], signer["position"], signer["name"]) == (None, "ĐẠI DIỆN SỞ CÔNG THƯƠNG",
                                                                         "Trần Đăng Khôi")
    assert any("side by side" in n for n in notes)


@pytest.mark.parametrize("line, first", [
    ("SỞ CÔNG THƯƠNG SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SỞ CÔNG THƯƠNG"),
    ("SỞ XÂY DỰNG ỦY BAN NHÂN DÂN XÃ VĂN CHẤN", "SỞ XÂY DỰNG"),
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),  # 'TRƯỜNG' starts no party
    ("CHI CỤC KIỂM LÂM CHI CỤC THỦY LỢI", "CHI CỤC KIỂM LÂM"),  # not cut at the 'CỤC' of 'CHI CỤC'
])
def test_the_second_partys_name_is_cut_where_its_head_stands(line, first):
    from congvan.extract.closing import _second_party_at

    at = _second_party_at(line)
    assert (line[:at].strip() if at is not None else line) == first


# QD-2752-QD-UBND-31-12-2025 (Tesseract's text of the scan): the closing's two columns run
# together, the signer's title after an item's ';', the name after the filed copy's '.', the
# seal's specks after items, a dash read as '~'
RUN_TOGETHER_CLOSING = """Nơi nhận:
- Bộ Dân tộc và Tôn giáo;

- Tỉnh ủy, HĐND tỉnh; NU TỊCH
- Chủ tịch các Phó CT UBND tỉnh;

~ Ủy ban MTTQ Việt Nam tỉnh; tt 21
~ Như điều 3 QĐ; %2

- Các chuyên viên tham mưu; - . x
- Lưu: VT, NC (Huấn). Nguyên Tuần Anh
"""


def test_a_closing_whose_columns_ran_together_is_parted():
    from congvan.extract.closing import read_distribution
    from congvan.segment import _closing

    distribution, signer = _closing([Line(text=t) for t in RUN_TOGETHER_CLOSING.splitlines()])
    assert read_distribution(list(distribution)) == [
        "Bộ Dân tộc và Tôn giáo", "Tỉnh ủy, HĐND tỉnh", "Chủ tịch các Phó CT UBND tỉnh",
        "Ủy ban MTTQ Việt Nam tỉnh", "Như điều 3 QĐ", "Các chuyên viên tham mưu", "Lưu: VT, NC (Huấn)"]
    assert [ln.text for ln in signer] == ["NU TỊCH", "Nguyên Tuần Anh"]


def test_a_texts_nơi_nhận_line_with_the_authority_gives_it_to_the_signer():
    from congvan.segment import _closing

    # KL-75-KL/TW (Tesseract): 'Nơi nhận: T/M BAN CHẤP HÀNH TRUNG ƯƠNG'
    distribution, signer = _closing([Line(text="Nơi nhận: T/M BAN CHẤP HÀNH TRUNG ƯƠNG"),
                                     Line(text="- Các tỉnh uỷ, thành uỷ;")])
    assert [ln.text for ln in signer] == ["T/M BAN CHẤP HÀNH TRUNG ƯƠNG"]
    assert [ln.text for ln in distribution] == ["- Các tỉnh uỷ, thành uỷ;"]


def test_an_items_own_words_after_its_semicolon_stay():
    from congvan.extract.closing import read_distribution

    # CV-683-BTC-CST (a portal's text): four addressees on one line, 'Cục TK' the last
    assert read_distribution([Line(text="- Cục thuế; Vụ PC ; cục HQ; Cục TK;")]) == ["Cục thuế; Vụ PC ; cục HQ; Cục TK"]


def test_an_ocr_texts_signer_beside_the_list_and_a_dotted_authority(tmp_path):
    # 2023.12.28 43/2023/TT-BCT (Tesseract's text of the scan): the name run onto an item after
    # its ';', 'K.T BỘ TRƯỞNG', 'RHỨ TRƯỞNG', the signature's strokes read 'Kồ À'
    from congvan.extract.closing import read_signer
    from congvan.segment import _closing

    lines = ["Nơi nhận: +", "- Văn phòng Tổng Bí thư;", "- UBND, HĐND các tỉnh, thành phố trực thuộc TW; Phan Thị Thăng",
             "- Công báo;", "- Lưu: VT, PC, CN (10b).", "K.T BỘ TRƯỞNG", "RHỨ TRƯỞNG", "Kồ À"]
    distribution, signer = _closing([Line(text=t) for t in lines])
    assert [ln.text for ln in distribution][-3:] == ["- UBND, HĐND các tỉnh, thành phố trực thuộc TW;", "- Công báo;",
                                                     "- Lưu: VT, PC, CN (10b)."]
    got, _ = read_signer(list(signer))
    assert (got["authority"], got["position"], got["name"]) == ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phan Thị Thăng")


@pytest.mark.parametrize("line, issuer", [
    ("BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỌICH %EET lÝA3W 12.2023 17:2", "BỘ CÔNG THƯƠNG"),  # 43/2023/TT-BCT's OCR
    ("BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỘI É", "BỘ CÔNG THƯƠNG"),
])
@pytest.mark.parametrize("tieu_ngu", ["Độc lập - Tự do - Hạnh phúc",
                                      "——— Độc lập - Tự do - Hạnh phúc"])  # BC-452-TTCP: the rule read into it
def test_a_quoc_hieu_ocr_garbled_after_its_first_words_is_cut_from_the_issuer(line, issuer, tieu_ngu):
    from congvan.segment import _split_quoc_hieu

    lines = _split_quoc_hieu([Line(text=line), Line(text=tieu_ngu)])
    assert lines[0].text == issuer and lines[0].column == "left"


@pytest.mark.parametrize("lines, signer, distribution", [
    # CV 1581/CT-TTHT of the Cục Thuế Nghệ An (a web page's printout): the signer's column run
    # into the list's lines, its title first, '(đã ký)' beside the filed copy
    (["Nơi nhận: KT.CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "- Như trên;", "- Lãnh đạo Cục Thuế (để b/c);", "- Web Cục Thuế;",
      "- Lưu VT, TTHTr. (đã ký)", "Nguyễn Hồng Hải"],
     ("KT.CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Nguyễn Hồng Hải"),
     ["Như trên", "Lãnh đạo Cục Thuế (để b/c)", "Web Cục Thuế", "Lưu VT, TTHTr"]),
    # CV 84/CTLAN-TTHT of the Cục Thuế Long An (a PDF's text): the title's two lines and the name
    # among the items
    (["TUQ. CỤC TRƯỞNG", "Nơi nhận:", "TRƯỞNG PHÒNG TUYÊN TRUYỀN", "- Như trên;", "VÀ HỖ TRỢ NGƯỜI NỘP THUẾ",
      "- TCT (thay báo cáo);", "- CCT huyện, khu vực.", "Võ Thị Hải Yến", "- Trang web Cục Thuế;", "- Lưu: VT, TTHT, L (2b)."],
     ("TUQ. CỤC TRƯỞNG", "TRƯỞNG PHÒNG TUYÊN TRUYỀN VÀ HỖ TRỢ NGƯỜI NỘP THUẾ", "Võ Thị Hải Yến"),
     ["Như trên", "TCT (thay báo cáo)", "CCT huyện, khu vực", "Trang web Cục Thuế", "Lưu: VT, TTHT, L (2b)"]),
])
def test_a_texts_signer_column_run_into_the_list(lines, signer, distribution):
    from congvan.extract.closing import read_distribution, read_signer
    from congvan.segment import _closing

    dist, sign = _closing([Line(text=t) for t in lines])
    got, _ = read_signer(list(sign))
    assert (got["authority"], got["position"], got["name"]) == signer
    assert read_distribution(list(dist)) == distribution


@pytest.mark.parametrize("read, second, canonical", [
    ("2449 -CV/ĐU", "2449", "2449-CV/ĐU"),  # a Party notation keeps its '-CV' (2449-CV/ĐU's scan had lost it)
    ("(2 /BB-SNV", "12", "12/BB-SNV"),
    ("232/BTTTT-KHTC", "232", "232/BTTTT-KHTC"),
])
def test_a_second_reading_replaces_only_the_numbers_own_part(read, second, canonical):
    from congvan.extract.header import NUMBER_PART
    from congvan.find.notation import parse_notation

    assert parse_notation(second + NUMBER_PART.sub("", read, count=1)).canonical == canonical


# CV 1780/CT-TTHT of Cục Thuế tỉnh Bắc Ninh (11/7/2018) as its publisher stores Tesseract's text
# (teije05-art/clone-pjj-tax-legal-22dec): the header's capitals without their marks, the number
# and the day written by hand and read as nothing
TAX_OFFICE_SCAN = """TONG CUC THUE CONG HÒA XÃ HỘI CHỦ NGHĨA VIET NAM

CỤC THUE TINH BAC NINH Độc lập - Tự do - Hạnh phúc
sé/(ÖCr-TTHT Bắc Ninh, ngày/WÍ tháng 07 năm 2018
V/v Thủ tục về thuế khi sáp
nhập doanh nghiệp.

Kính gửi: Công ty TNHH FufiKin Bắc Ninh
Mã số thuế: 2300321657

Ngày 05/07/2018, Cục Thuế tinh Bắc Ninh nhận được công văn số
ADM2018/07-01 ngày 04/7/2018 của Công ty TNHH FufiKin Bắc Ninh đề nghị hướng dẫn.
"""


def test_a_header_line_ocr_garbled_does_not_end_the_header(tmp_path):
    doc = _parse(tmp_path, "cv-1780.txt", TAX_OFFICE_SCAN).document
    assert doc.issuer.name == "Cục Thuế tỉnh Bắc Ninh" and doc.issuer.parent == "Tổng cục Thuế"
    assert doc.type == "CV" and doc.subject.startswith("Thủ tục về thuế khi sáp nhập doanh nghiệp")
    assert doc.recipients == ["Công ty TNHH FufiKin Bắc Ninh"]
    assert doc.number is None and doc.date is None  # written by hand, read as nothing: no guess


# 627/BYT-BH (Bộ Y tế, 27/01/2021) as a crawler of a legal portal flattened it
# (johnPa02/thuvienphapluat-crawler): the V/v run on after the number, Kính gửi after the date
FLATTENED = """BỘ Y TẾ --------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------------
Số: 627/BYT-BH V/v hướng dẫn thực hiện một số quy định tại Điều 22 Luật BHYT
Hà Nội, ngày 27 tháng 01 năm 2021 Kính gửi:
- Sở Y tế các tỉnh, thành phố trực thuộc Trung ương;
- Các cơ sở khám bệnh, chữa bệnh thuộc các Bộ, ngành.
Thực hiện quy định tại Điều 22 Luật bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008.
Nơi nhận:
- Như trên;
- Lưu: VT, BH.
KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn
"""


def test_a_flattened_texts_run_on_header_lines_are_cut(tmp_path):
    doc = _parse(tmp_path, "cv-627.txt", FLATTENED).document
    assert (doc.number, doc.date) == ("627/BYT-BH", date(2021, 1, 27))
    assert doc.subject == "hướng dẫn thực hiện một số quy định tại Điều 22 Luật BHYT"
    assert doc.recipients == ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",
                              "Các cơ sở khám bệnh, chữa bệnh thuộc các Bộ, ngành"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Trường Sơn")


@pytest.mark.parametrize("read, mended", [
    ("lÀo Cai ngày 14 tháng 8 năm 2026", "Lào Cai, ngày 14 tháng 8 năm 2026"),  # qd-226 photographed
    ("lào Cai ngày 07 tháng 11 năm 2025", "Lào Cai, ngày 07 tháng 11 năm 2025"),
    ("Theo đó ngày 05 tháng 7", None),  # no place: no date line
])
def test_a_known_places_date_line_is_mended_whatever_case_ocr_read(read, mended):
    from congvan.segment import _known_place_date

    assert _known_place_date(read) == mended
