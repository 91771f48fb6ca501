"""The named regexes, on lines taken from the letters (seeds, real scans as OCR reads them)."""
from __future__ import annotations

import pytest
from conftest import ROOT

from congvan import patterns as P
from congvan.find.deadlines import IN_YEAR, OBLIGATION, RECURRING
from congvan.find.references import BARE_SO, NAMED_RESOLUTION


@pytest.mark.parametrize("line, place, day", [
    ("Hà Nội, ngày 19 tháng 7 năm 2018", "Hà Nội", "19"),
    ("Quảng Ngãi, ngày    tháng 01 năm 2025", "Quảng Ngãi", None),      # left blank at issue
    ("Quảng Ngãi, ngày|2 tháng 3 năm 2018", "Quảng Ngãi", None),        # OCR of a handwritten day
    ("Quảng Ngãi, ngày#Ôtháng 01 năm 2025", "Quảng Ngãi", None),
    ("Quảng Ngãi, ngày 04tháng 02 năm 2025", "Quảng Ngãi", "04"),
    ("Lào Cai, ngày 10 thắng 7 năm 2026", "Lào Cai", "10"),  # photographed: OCR's 'thắng' for 'tháng'
])
def test_date_line(line, place, day):
    m = P.DATE_LINE.match(line)
    assert m and m["place"] == place and m["day"] == day


@pytest.mark.parametrize("line, rest", [
    ("V/v xây dựng, đề xuất kế hoạch", "xây dựng, đề xuất kế hoạch"),
    ("Về việc : Giao quyền sử dụng đất ở dân cư", "Giao quyền sử dụng đất ở dân cư"),
    ("Vềviệc tăng cường công tác phòng, chống tham nhũng", "tăng cường công tác phòng, chống tham nhũng"),
    ("\\W việc thụ lý giải quyết khiếu nại lần hai", "thụ lý giải quyết khiếu nại lần hai"),
    ("v⁄ hướng dẫn thu, chi các khoản thu", "hướng dẫn thu, chi các khoản thu"),  # OCR of an italic v/v
    ("V / v báo cáo số liệu", "báo cáo số liệu"),
    ("V/w triển khai thực hiện Kết luận số 45-KL/TW", "triển khai thực hiện Kết luận số 45-KL/TW"),  # photographed
    ("VWW Báo cáo kết quả ứng dụng CNTT năm 2017", "Báo cáo kết quả ứng dụng CNTT năm 2017"),
    ("Vw_ triển khai thực hiện Quyết định số", "triển khai thực hiện Quyết định số"),  # cv-7432 scanned
    ("wvw trả lời kiến nghị các khó khăn", "trả lời kiến nghị các khó khăn"),  # cv-2419 photographed
    ("Về việ Ủy quyền cho Giám đốc Sở Công Thương", "Ủy quyền cho Giám đốc Sở Công Thương"),  # qd-2867 scanned
    ("việ sửa đổi, bổ sung một số nội dung", "sửa đổi, bổ sung một số nội dung"),  # qd-2848 photographed
])
def test_subject_vv(line, rest):
    assert P.SUBJECT_VV.sub("", line, count=1) == rest


def test_subject_vv_leaves_plain_text():
    assert not P.SUBJECT_VV.match("Công việc của Ủy ban")
    assert not P.SUBJECT_VV.match("Vốn đầu tư công") and not P.SUBJECT_VV.match("V/2026 nội dung")
    assert not P.SUBJECT_VV.match("Vượt mức kế hoạch") and not P.SUBJECT_VV.match("VWF tài trợ")


def test_filed_item_comma_after_vt_put_back():
    from congvan.extract.closing import FILED_VT_COMMA

    assert FILED_VT_COMMA.sub(",", "Lưu: VT CCHC") == "Lưu: VT, CCHC"
    assert FILED_VT_COMMA.sub(",", "Lưu: VT, CCHC") == "Lưu: VT, CCHC" and FILED_VT_COMMA.sub(",", "Lưu: VT.") == "Lưu: VT."


@pytest.mark.parametrize("line", ["Số: 232/BTTTT-KHTC", "Sô: 01 /TTr-UBND", "Só:4@` /TB-UBND", "Số:   /UBND-KGVX"])
def test_number_line(line):
    assert P.NUMBER_LINE.match(line)


def test_party_number_line_without_colon():
    assert P.NUMBER_LINE.match("Số 1245-CV/TU")["value"] == "1245-CV/TU"  # Hướng dẫn 36-HD/VPTW
    assert P.NUMBER_LINE.match("Số 05/KH-ĐU")["value"] == "05/KH-ĐU"
    # an absurd number is still the number line, so that it is reported (OVERLONG_DIGITS), not lost
    assert P.NUMBER_LINE.match("Số " + "9" * 5000 + "-CV/TU")
    # a trích yếu's second line, or a body line, that names a number is not the number line
    assert not P.NUMBER_LINE.match("số 45-KL/TW của Bộ Chính trị")
    assert not P.NUMBER_LINE.match("Số lượng 12 người")
    # the number left blank for the signing: the dash and the codes alone (Chương trình 104-CTr/TU)
    assert P.NUMBER_LINE.match("Số         -CTr/TU")["value"] == "-CTr/TU"
    assert P.NUMBER_LINE.match("Số      /CT-UBND")
    assert not P.NUMBER_LINE.match("Số / Tên đơn vị")
    # an OCR'd 'Số:' whose colon and handwritten number were lost, the slash right after the e
    # (Cục Thuế tỉnh Bắc Ninh's 1780/CT-TTHT of 2018, gold/probes CV_2018_07_11)
    assert P.NUMBER_LINE.match("sé/(ÖCr-TTHT")["value"] == "/(ÖCr-TTHT"
    assert not P.NUMBER_LINE.match("sé (nếu có)")


def test_signing_time_of_a_stamp():
    assert P.SIGNATURE_TIME.match("28-07-2026 09:58:36 +07:00")  # Kết luận 75-KL/TW's stamp
    assert P.SIGNATURE_TIME.match("06.11.2024 09:27:05")
    assert not P.SIGNATURE_TIME.match("28-07.2026 09:58")  # two separators: no date
    assert P.SIGNATURE_STAMP.search("28-07-2026 09:58:36 +07:00") and P.SIGNATURE_STAMP.search("Ký bởi: Văn phòng")


def test_subject_about():
    assert P.SUBJECT_ABOUT.sub("", "VỀ TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ TÍN CHỈ CÁC-BON") == \
        "TĂNG CƯỜNG CÔNG TÁC QUẢN LÝ TÍN CHỈ CÁC-BON"  # Chỉ thị 13/CT-TTg
    assert P.SUBJECT_ABOUT.sub("", "về phát triển các khu công nghiệp") == "phát triển các khu công nghiệp"
    assert P.SUBJECT_ABOUT.sub("", "vế quản lý hoạt động vận tải đường bộ") == "quản lý hoạt động vận tải đường bộ"  # tt-37 photographed
    assert not P.SUBJECT_ABOUT.match("Về việc giao quyền sử dụng đất")  # SUBJECT_VV's
    assert not P.SUBJECT_ABOUT.match("Vệ sinh an toàn thực phẩm")


def test_party_heading_stands_for_the_quoc_hieu():
    assert P.quoc_hieu("ĐẢNG CỘNG SẢN VIỆT NAM") and P.quoc_hieu("ĐOÀN TNCS HỒ CHÍ MINH")
    assert P.quoc_hieu("TỈNH ỦY LÀO CAI ĐẢNG CỘNG SẢN VIỆT NAM").start() == len("TỈNH ỦY LÀO CAI ")
    assert not P.quoc_hieu("sự lãnh đạo của Đảng Cộng sản Việt Nam")


@pytest.mark.parametrize("line", ["*", "***", "*+", "--------------", "--------------     --------------------------"])
def test_header_rule(line):
    from congvan.segment import HEADER_RULE

    assert HEADER_RULE.match(line)


def test_header_rule_is_not_a_list_item():
    from congvan.segment import HEADER_RULE

    assert not HEADER_RULE.match("- Như trên;") and not HEADER_RULE.match("-")


def test_bare_so_before_a_notation():
    text = "Công văn số 1624/UBND-KGVX ngày 15/4/2020; số 2148/UBND-KGVX ngày 14/5/2020"
    at = text.index("2148")
    assert BARE_SO.search(text, 0, at) and not BARE_SO.search("Chỉ thị 2148", 0, 10)


def test_named_party_resolution():
    m = NAMED_RESOLUTION.search("Nghị quyết Hội nghị Trung ương 6 khóa XI về phát triển khoa học và công nghệ")
    assert m and m.group(0) == "Nghị quyết Hội nghị Trung ương 6 khóa XI"
    assert NAMED_RESOLUTION.search("Nghị quyết Trung ương 7 khóa X về xây dựng đội ngũ trí thức")
    assert not NAMED_RESOLUTION.search("Nghị quyết số 36a/NQ-CP")


def test_year_duty_needs_an_obligation():
    text = "có trách nhiệm triển khai nhanh trong năm 2008 các hệ thống"
    m = IN_YEAR.search(text)
    assert m and OBLIGATION.search(text[: m.start()])
    assert not IN_YEAR.search("giai đoạn trong năm 2008-2010")
    assert not OBLIGATION.search("nêu rõ các tồn tại vướng mắc trong quá trình thực hiện đầu tư ")


@pytest.mark.parametrize("text, months, yearly", [
    ("định kỳ 3 tháng báo cáo", "3", None), ("Định kỳ hàng năm tổ chức đào tạo", None, "hàng năm"),
    ("có kế hoạch hằng năm thực hiện tuyên truyền", None, "hằng năm"),
])
def test_recurring(text, months, yearly):
    m = RECURRING.search(text)
    assert m and m["n"] == months and m["year"] == yearly


@pytest.mark.parametrize("rx, damaged", [
    (P.KINH_GUI, "Kính gủi: Các Bộ"), (P.KINH_GUI, "Kinh gui: Sở Tài chính"), (P.KINH_GUI, "Kính dủi:"),  # cv-7432 scanned
    (P.NOI_NHAN, "Noi nhan:"), (P.TIEU_NGU, "Độc 1ập - Tự do - Hạnh phúc"),
    (P.TIEU_NGU, "Độc lập - Ty do - Hạnh phúc"),  # an OCR'd Cục Thuế TP Hải Phòng letter
    (P.TIEU_NGU, "Độc lập - Ty do ~ Hanh phúc"),  # an OCR'd Tổng cục Hải quan letter
    (P.NUMBER_LINE, "sé; 5452 /TCHQ-GSQL"),
    (P.QUOC_HIEU, "CỌNG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (P.ANNEX_HEADING, "Phụ luc I"),
])
def test_keywords_survive_lost_tone_marks(rx, damaged):
    assert rx.search(damaged)


def test_loose_keeps_the_letters():
    assert not P.KINH_GUI.match("Kênh gửi") and not P.ANNEX_HEADING.match("phụ lục của văn bản này")


def test_amending_law_is_one_reference():
    from congvan.find.references import find_mentions

    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều "
            "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019;")
    laws = [(m.title, m.date) for m in find_mentions(text) if m.type_code == "L"]
    assert laws == [("Luật Tổ chức chính quyền địa phương", "2015-06-19"),
                    ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
                     "địa phương", "2019-11-22")]


def test_syllable_cut_at_a_line_end_is_rejoined_in_paragraphs():
    from congvan.extract.sections import paragraphs
    from congvan.types import Line

    text = paragraphs([Line("1. Căn cứ Quyết đ-"), Line("ịnh số 43/2008/QĐ-TTg về phát triển kinh tế-"),
                       Line("xã hội.")])[0].text
    assert text == "1. Căn cứ Quyết định số 43/2008/QĐ-TTg về phát triển kinh tế- xã hội."


def test_bullet_wrapped_around_a_numbered_item():
    assert P.marker("- a) Mục tiêu tổng quát") == ("alpha", "a)", "Mục tiêu tổng quát")
    assert P.marker("- Mục tiêu: nâng cao")[0] == "dash"


def test_header_columns_read_as_one_line_are_split():
    from congvan.segment import _split_quoc_hieu
    from congvan.types import Line

    lines = [Line("HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
             Line("TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc"),
             Line("Số: /2025/NQ-HĐND Quảng Ngãi ngày tháng năm 2025")]
    assert [ln.text for ln in _split_quoc_hieu(lines)] == [
        "HỘI ĐỒNG NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH QUẢNG NGÃI",
        "Độc lập - Tự do - Hạnh phúc", "Số: /2025/NQ-HĐND", "Quảng Ngãi, ngày tháng năm 2025"]


def test_roman_numbers_as_ocr_reads_them():
    assert P.marker("1I. MỤC ĐÍCH, QUAN ĐIỂM XÂY DỰNG")[:2] == ("roman", "II.")
    assert P.marker("11. Thời gian") [0] != "roman" and P.marker("1. MỤC TIÊU")[0] == "arabic"


def test_month_reported_on_is_no_deadline():
    from congvan.find.deadlines import find_deadlines

    assert not find_deadlines("UBND tỉnh báo cáo kết quả thực hiện trong tháng 01 năm 2025 về công tác cải cách")
    found = find_deadlines("Sở Tư pháp có trách nhiệm hoàn thành trong tháng 6/2013 việc rà soát.")
    assert [(f.date, f.precision) for f in found] == [("2013-06-30", "month")]


def test_law_name_ends_before_the_next_document():
    from congvan.find.references import find_mentions

    text = "theo quy định của Luật Tố tụng hành chính và Nghị định số 71/2016/NĐ-CP ngày 01/7/2016 của Chính phủ"
    assert [m.title for m in find_mentions(text) if m.type_code == "L"] == ["Luật Tố tụng hành chính"]


@pytest.mark.parametrize("printed, canonical", [
    ("312/BC- STIP", "312/BC-STP"),        # a stray stroke read as I (real scan 09-TTR)
    ("224/BTTT-KHTC", "224/BTTTT-KHTC"),   # a doubled letter lost (seed 232)
    ("9/UBNĐ-VP", "9/UBND-VP"),            # Đ for D
    ("23/UBT-TT-KHTC", "23/UBT-TT-KHTC"),  # 'UBDT' is one letter away, but losing a D is no OCR habit
    ("5/ABC-XY", "5/ABC-XY"),              # nothing known near: kept as printed
])
def test_issuer_code_repaired_only_on_strong_evidence(printed, canonical):
    from congvan.find.notation import parse_notation

    n = parse_notation(printed)
    assert n.canonical == canonical and n.raw == " ".join(printed.split())


def test_signer_lines_repaired_against_known_positions():
    from congvan.extract.closing import read_signer
    from congvan.types import Line

    signer, notes = read_signer([Line("KT. TH TƯỚNG"), Line("PHÓ THỦ TƯỚNG"), Line("Nguyễn Thiện Nhân")])
    assert signer == {"authority": "KT. THỦ TƯỚNG", "position": "PHÓ THỦ TƯỚNG", "name": "Nguyễn Thiện Nhân"}
    signer, _ = read_signer([Line("KT. BỘ TRƯỞNG"), Line("THỦ RƯỞNG")])
    assert signer["position"] == "THỨ TRƯỞNG" and notes
    # a position not in the list and not close to one is kept as printed
    signer, _ = read_signer([Line("TM. ỦY BAN NHÂN DÂN"), Line("CHỦ TỊCH"), Line("Đặng Văn Minh")])
    assert signer["authority"] == "TM. ỦY BAN NHÂN DÂN"


@pytest.mark.parametrize("text, date, relative", [
    ("- Sáu tháng sau khi được quyết định giao quyền sử dụng đất ở mà chưa dùng để xây dựng phải được thu hồi.",
     None, "khi được quyết định giao quyền sử dụng đất ở mà chưa dùng để xây dựng phải được thu hồi"),
    ("30 ngày sau khi nhận được hồ sơ, Sở trả lời bằng văn bản.", None, "khi nhận được hồ sơ"),
    ("theo đó, kể từ ngày 01/7/2022, các tổ chức, cá nhân phải chuyển sang sử dụng hóa đơn điện tử.", "2022-07-01", None),
])
def test_event_and_from_date_deadlines(text, date, relative):
    from congvan.find.deadlines import find_deadlines

    found = find_deadlines(text)
    assert [(f.date, f.relative_to) for f in found] == [(date, relative)]


def test_effective_date_is_no_deadline():
    from congvan.find.deadlines import find_deadlines

    assert not find_deadlines("Quyết định này có hiệu lực kể từ ngày 01/7/2022.")
    assert not find_deadlines("kể từ ngày sau khi được phê duyệt")  # 'từ' is no number


@pytest.mark.parametrize("line", ["KT. BỘ TRƯỞNG", "KT.GIÁM ĐỐC", "T/M. ĐOÀN KIỂM TRA", "T/M UBND TỈNH", "TUQ. BỘ TRƯỞNG",
                                  "TM. ỦY BAN NHÂN DÂN", "Q. GIÁM ĐỐC"])
def test_authority_lines(line):
    assert P.AUTHORITY.match(line)


@pytest.mark.parametrize("line", ["QUYẾT ĐỊNH", "TỜ TRÌNH", "THỦ TƯỚNG", "TRƯỞNG ĐOÀN"])
def test_authority_needs_its_prefix(line):
    assert not P.AUTHORITY.match(line)


def test_quoc_hieu_is_the_printed_line_not_prose():
    assert P.quoc_hieu("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert P.quoc_hieu("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # cucdck-cv1178's font maps Ò to Õ
    assert not P.quoc_hieu("điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên")


@pytest.mark.parametrize("printed, cased", [
    ("CỤC HÓA CHẤT", "Cục Hóa chất"), ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Sở Nông nghiệp và Môi trường"),
    ("BAN BIÊN TẬP", "Ban Biên tập"), ("BỘ XÂY DỰNG", "Bộ Xây dựng"), ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
    ("CỤC ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI XANH VÀ KHUYẾN CÔNG", "Cục Đổi mới sáng tạo, chuyển đổi xanh và Khuyến công"),
    ("UBND TỈNH LÀO CAI", "Ủy ban nhân dân tỉnh Lào Cai"), ("TRƯỜNG ĐẠI HỌC BÁCH KHOA", "Trường Đại học Bách khoa"),
    ("CHI CỤC THUẾ KHU VỰC I", "Chi cục Thuế khu vực I"),
    # a province's or a city's name after a body's own words, not after tỉnh / thành phố
    ("TỈNH ỦY LÀO CAI", "Tỉnh ủy Lào Cai"), ("CÔNG TY ĐIỆN LỰC LÀO CAI", "Công ty Điện lực Lào Cai"),
    ("ĐẠI HỌC QUỐC GIA HÀ NỘI", "Đại học Quốc gia Hà Nội"),
    ("TÒA ÁN NHÂN DÂN TỈNH LÀO CAI", "Tòa án nhân dân tỉnh Lào Cai"), ("TỈNH ĐOÀN LÀO CAI", "Tỉnh đoàn Lào Cai"),
    # a school named after its commune or a person (issuers.json named_after)
    ("TRƯỜNG THCS XUÂN QUANG", "Trường THCS Xuân Quang"), ("TRƯỜNG MẦM NON HOA SEN", "Trường Mầm non Hoa Sen"),
    # 'QUẢN' is not the admin word 'quận'; OCR's 'TĨNH' is 'tỉnh'; a joint issuer cased body by body
    ("CỤC QUẢN LÝ ĐÊ ĐIỀU VÀ PHÒNG, CHỐNG THIÊN TAI", "Cục Quản lý đê điều và Phòng, chống thiên tai"),
    ("UBND TĨNH QUẢNG NGÃI", "Ủy ban nhân dân tỉnh Quảng Ngãi"), ("BỘ TÀI CHÍNH - BỘ NỘI VỤ", "Bộ Tài chính - Bộ Nội vụ"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
    # the state's proper names inside a name (issuers.json proper_phrases)
    ("BAN CƠ YẾU CHÍNH PHỦ", "Ban Cơ yếu Chính phủ"), ("BAN CHỈ ĐẠO TRUNG ƯƠNG", "Ban Chỉ đạo Trung ương"),
    ("HỌC VIỆN KỸ THUẬT MẬT MÃ", "Học viện Kỹ thuật mật mã"),
])
def test_issuer_names_cased_as_organs_are_written(printed, cased):
    from congvan.extract.header import case_name

    assert case_name(printed) == cased


@pytest.mark.parametrize("text, date, recurrence", [
    ("Tiến độ: Từ quý III/2026 đến quý II/2027: hoàn thành thủ tục đất đai.", "2027-06-30", None),
    ("Nhà đầu tư báo cáo định kỳ hằng quý và cả năm cho Sở Kế hoạch.", None, "P3M"),
    # a stage given as one quarter after its label (laocai-qd2463)
    ("- Tiến độ khởi công công trình: Quý II/2027.", "2027-06-30", None),
    ("(3) Nghiệm thu hoàn thành: Quý III/2029;", "2029-09-30", None),
    ("- Tiến độ hoàn thành dự án đưa vào sử dụng/hoạt động: Quý IV/2032.", "2032-12-31", None),
])
def test_schedule_phases_and_quarterly_reports(text, date, recurrence):
    from congvan.find.deadlines import find_deadlines

    [d] = find_deadlines(text)
    assert (d.date, d.recurrence) == (date, recurrence)


def test_codes_carry_no_tone_marks():
    from congvan.find.notation import parse_notation

    assert parse_notation("15/QĐ-ÚBND").canonical == "15/QĐ-UBND"  # the Vietnamese OCR model's mark
    assert parse_notation("273/BTTTT-CBĐTƯ").canonical == "273/BTTTT-CBĐTƯ"  # a horn is a letter of codes
    assert parse_notation("1105/KH-ĐKT").canonical == "1105/KH-ĐKT"  # Đ is a letter of codes


def test_a_number_ocr_broke_with_a_mark_is_no_number():
    """'Số:2#37 /QD-BYC' (an OCR'd Bộ Tài chính decision, 2438/QĐ-BTC): '37' is the number's tail,
    not a number; the codes are kept and the number left blank."""
    from congvan.find.notation import parse_notation

    broken = parse_notation("2#37 /QD-BYC")
    assert broken is not None and broken.n is None and broken.type_code == "QĐ"
    assert parse_notation("AO5f /CT-TTHT").n is None  # an OCR'd Cục Thuế TP Hải Phòng letter's 1057
    assert parse_notation("542 /TB-UBND").n == "542"  # a number apart from its codes is whole
    assert parse_notation("(15/QĐ-UBND)").n == "15"


def test_numbering_restarted_inside_an_item_is_nested():
    from congvan.extract.sections import Para, build_tree

    texts = ["1. Chính sách hỗ trợ", "1. Đối tượng hỗ trợ", "2. Điều kiện hưởng", "2. Chính sách thu hút", "3. Tổ chức thực hiện"]
    roots = build_tree([Para(t, 1) for t in texts])
    assert [r.label for r in roots] == ["1.", "2.", "3."]
    assert [c.label for c in roots[0].children] == ["1.", "2."]


def test_cyrillic_lookalikes_in_a_code_are_read_as_latin():
    """A joint letter's text layer carries 'ВСТ-ВТC' with Cyrillic В, С, Т (as ../shared/real's
    hdln24 does): read as Latin and reported; a Russian word keeps its letters."""
    from collections import Counter

    from congvan.normalize import fix_lookalikes

    counts = Counter()
    assert fix_lookalikes("ВСТ-ВТC-VKSNDTC-TANDTC", counts) == "BCT-BTC-VKSNDTC-TANDTC"
    assert sum(counts.values()) == 5
    assert fix_lookalikes("thành phố Москва", Counter()) == "thành phố Москва"


def test_a_number_wrapped_at_a_dash_is_read_whole():
    """'Số: 24/HDLN-BCA-BQP-BYT-' / 'BCT-BTC-VKSNDTC-TANDTC' (a joint guidance of eight issuers)."""
    from congvan import parse_bytes
    from conftest import SEEDS

    seed = (SEEDS / "cv-232-BTTTT-KHTC-2018.md").read_text(encoding="utf-8")
    assert "Số: 232/BTTTT-KHTC" in seed
    text = seed.replace("Số: 232/BTTTT-KHTC", "Số: 232/BTTTT-BTC-BYT-\nBCT-KHTC", 1)
    letter = parse_bytes(text.encode("utf-8"), "wrapped.md")
    assert letter.document.number == "232/BTTTT-BTC-BYT-BCT-KHTC"
    assert letter.document.number_raw == "Số: 232/BTTTT-BTC-BYT-BCT-KHTC"


def _seed_1959() -> str:
    from conftest import SEEDS

    return (SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt").read_text(encoding="utf-8")


def test_quoc_hieu_wrapped_onto_two_lines_is_no_issuer():
    """A narrow right column wraps the quốc hiệu: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA' / 'VIỆT NAM'."""
    from congvan import parse_bytes

    assert P.quoc_hieu_wrapped("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM")
    assert P.quoc_hieu_wrapped("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA", "VIET NAM")  # OCR loses marks
    assert not P.quoc_hieu_wrapped("Cộng hòa xã hội chủ nghĩa", "Việt Nam")  # prose
    assert not P.quoc_hieu_wrapped("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do - Hạnh phúc")
    seed = _seed_1959()
    one_line = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert one_line in seed
    wrapped = seed.replace(one_line, "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM", 1)
    issuer = parse_bytes(wrapped.encode("utf-8"), "wrapped.txt").document.issuer
    assert issuer.name == "Bộ Thông tin và Truyền thông" and issuer.raw == ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG"]


@pytest.mark.parametrize("line, ends", [
    ("Minh;", True), ("Ngãi.", True), ("tỉnh Quảng Ngãi;", True),
    ("- Hội Nông dân Việt Nam.", False),  # an addressee of its own
    ("Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ.", False),  # a body paragraph
    ("Minh", False),
])
def test_addressee_end(line, ends):
    assert bool(P.ADDRESSEE_END.match(line)) is ends


def test_addressee_wrapped_before_its_last_word_continues():
    """'- Trung ương Đoàn Thanh niên cộng sản Hồ Chí' / 'Minh;': one addressee, and the ones after
    it are still addressees, not the body's dash items."""
    from congvan import parse_bytes

    seed = _seed_1959()
    whole = parse_bytes(seed.encode("utf-8"), "whole.txt")
    wrapped = parse_bytes(seed.replace("Hồ Chí Minh;", "Hồ Chí\nMinh;", 1).encode("utf-8"), "wrapped.txt")
    assert wrapped.document.recipients == whole.document.recipients
    assert "Trung ương Đoàn Thanh niên cộng sản Hồ Chí Minh" in wrapped.document.recipients
    assert len(wrapped.body) == len(whole.body)


def test_addressee_of_a_comma_list_wrapped_onto_a_capital_continues():
    """A Party committee's Kính gửi ends its items with ',' (Công văn 2449-CV/ĐU): '- Các cơ quan
    chuyên trách tham mưu, giúp việc' / 'Đảng ủy Ủy ban nhân dân tỉnh,' is one addressee. Here the
    authored Tỉnh ủy letter (cv-1245-CV-TU) with its list so punctuated and an item so wrapped."""
    from congvan import parse_bytes

    seed = (ROOT / "corpora" / "authored" / "cv-1245-CV-TU-2026.txt").read_text(encoding="utf-8")
    wrapped = seed.replace("đảng ủy trực thuộc Tỉnh ủy;", "đảng ủy trực thuộc Tỉnh ủy,").replace(
        "- Các ban đảng, Văn phòng Tỉnh ủy.", "- Các ban đảng, Văn phòng\nTỉnh ủy,\n- Ủy ban kiểm tra Tỉnh ủy.")
    assert wrapped != seed
    doc = parse_bytes(wrapped.encode("utf-8"), "wrapped.txt").document
    assert doc.recipients == ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
                              "Các ban đảng, Văn phòng Tỉnh ủy", "Ủy ban kiểm tra Tỉnh ủy"]


def test_dash_inside_an_open_bracket_continues_the_paragraph():
    """A laid-out line that starts with the sentence's own dash inside a bracket is no list item:
    '... máy chủ chia sẻ tệp tin' / '– FileServer).'; after a closed bracket a dash is an item."""
    from congvan.extract.sections import paragraphs
    from congvan.types import Line

    def laid(text):
        return Line(text, x0=72.0, x1=520.0)

    paras = paragraphs([laid("dụng ổ lưu trữ USB (ví dụ sử dụng đĩa CDROM, máy chủ chia sẻ tệp tin"),
                        laid("– FileServer).")])
    assert [p.text for p in paras] == ["dụng ổ lưu trữ USB (ví dụ sử dụng đĩa CDROM, máy chủ chia sẻ tệp tin "
                                       "– FileServer)."]
    paras = paragraphs([laid("Các đơn vị (trừ Văn phòng) thực hiện như sau:"), laid("- Báo cáo trước ngày 15.")])
    assert len(paras) == 2


def test_a_quarter_reported_on_is_no_stage_of_a_schedule():
    from congvan.find.deadlines import find_deadlines

    assert find_deadlines("Báo cáo kết quả thực hiện quý I/2026: đạt 95% kế hoạch.") == []


@pytest.mark.parametrize("text, relative_to", [
    # cuchc-qd26: a time limit the decision sets its addressee, counted from receiving it
    ("a) Nộp tiền phạt trong thời hạn 10 ngày, kể từ ngày nhận được Quyết định này tại Kho bạc.",
     "ngày nhận được Quyết định này tại Kho bạc"),
    ("Quyết định có hiệu lực sau 15 ngày, kể từ ngày ký.", "ngày ký"),
    # cp-nq19: the time limits of a procedure the resolution lays down are rules, not duties set
    ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản của cơ quan cấp phép, Bộ trả lời.", None),
    ("sau 15 ngày làm việc kể từ ngày tiếp nhận đủ hồ sơ đề nghị chấm dứt hoạt động", None),
])
def test_time_limits_counted_from_an_event(text, relative_to):
    from congvan.find.deadlines import find_deadlines

    assert [d.relative_to for d in find_deadlines(text)] == ([relative_to] if relative_to else [])


@pytest.mark.parametrize("line, label, title", [
    ("PHỤ LỤC:", "PHỤ LỤC", None),  # laocai-qd1696: the title on the next line
    ("Phụ lục II: CẮT GIẢM ĐIỀU KIỆN KINH DOANH", "Phụ lục II", "CẮT GIẢM ĐIỀU KIỆN KINH DOANH"),
    ("PHỤ LỤC 1", "PHỤ LỤC 1", None),
    ("Phụ lục III.", None, None),  # vl-bc301: '... tương tự như cách thể hiện của' / 'Phụ lục III.' ends a sentence
    # QD-1050-SCT's scan: OCR read the label and the upper-case title under it as one line
    ("Phụ lục DANH SÁCH CÁC ĐƠN VỊ KIỂM TRA", "Phụ lục", "DANH SÁCH CÁC ĐƠN VỊ KIỂM TRA"),
    ("Phụ lục kèm theo Quyết định này", None, None),  # a sentence about the annex
])
def test_annex_heading_lines(line, label, title):
    m = P.ANNEX_HEADING.match(line)
    assert (m and m["label"], m and m["title"]) == (label, title) if label else m is None


@pytest.mark.parametrize("read, printed", [
    ("Phụ lục HI", "Phụ lục III"),  # cp-nq19: two I's run into an H
    ("Chương H QUY ĐỊNH CHUNG", "Chương II QUY ĐỊNH CHUNG"),
    ("PHẦN 1V", "PHẦN IV"),
    ("Mục 1", "Mục 1"),  # an arabic number is as printed
    ("Phần Hai", "Phần Hai"),
    ("Phụ lục III", "Phụ lục III"),
])
def test_roman_numerals_of_ocr_heading_labels(read, printed):
    from collections import Counter

    from congvan.normalize import roman_labels

    assert roman_labels(read, Counter()) == printed


def test_a_chapters_title_under_its_label():
    """'Chương I' / 'QUY ĐỊNH CHUNG' (a decree's chapters in the official layout; cp-nq19): the line in
    capitals under the label is the chapter's title, not its text; a sentence under it is text."""
    from congvan import parse_bytes

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/QĐ-UBND\nLào Cai, ngày 5 tháng 3 năm 2026\nQUYẾT ĐỊNH\n"
            "Ban hành Quy chế làm việc\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nQuy chế này quy định.\n"
            "Chương II\nCác cơ quan phối hợp thực hiện.\nĐiều 2. Hiệu lực\nQuyết định có hiệu lực.\n")
    body = parse_bytes(text.encode(), "qd.txt").body
    assert [(s.label, s.title) for s in body] == [("Chương I", "QUY ĐỊNH CHUNG"), ("Chương II", None)]


def test_a_list_begun_under_a_deeper_item_nests_there():
    """vl-ttr617: '3. Nội dung cơ bản' / '3.1. Chính sách …' / '1. Đối tượng hỗ trợ' / '2. Điều kiện …': the
    restated khoản 1., 2. go under 3.1, not beside 3. (they are no headings of the Tờ trình)."""
    from congvan.extract.sections import Para, build_tree

    paras = [Para(t, 1) for t in ("IV. BỐ CỤC", "1. Phạm vi điều chỉnh", "3. Nội dung cơ bản",
                                   "3.1. Chính sách hỗ trợ đào tạo", "1. Đối tượng hỗ trợ", "2. Điều kiện",
                                   "3.2. Chính sách thu hút", "V. NHỮNG NỘI DUNG")]
    tree = build_tree(paras)
    [iv, v] = tree
    assert [c.label for c in iv.children] == ["1.", "3."] and v.label == "V."
    [s31, s32] = iv.children[1].children
    assert [c.label for c in s31.children] == ["1.", "2."] and s32.label == "3.2."


@pytest.mark.parametrize("read, printed", [
    ("hàng hóa nguy hiểm loại 1,2,3,4.9", "hàng hóa nguy hiểm loại 1,2,3,4,9"),  # bct-cv2265's trích yếu
    ("loại 1,2,3,4.9.", "loại 1,2,3,4,9."),
    ("giá 1,5 triệu, 4.900 đồng", "giá 1,5 triệu, 4.900 đồng"),  # a decimal comma, a thousands period
    ("mục 2.1, 2.2", "mục 2.1, 2.2"),
    ("ngày 1,2.3/2026", "ngày 1,2.3/2026"),
])
def test_a_period_of_a_list_of_numbers_read_as_its_comma(read, printed):
    from collections import Counter

    from congvan.normalize import digits_between_digits

    assert digits_between_digits(read, Counter()) == printed


@pytest.mark.parametrize("label, number", [("1.", 1), ("(2)", 2), ("3)", 3), ("12.", 12), ("a)", None), ("I.", None)])
def test_label_number(label, number):
    from congvan.extract.sections import LABEL_NUMBER

    m = LABEL_NUMBER.match(label)
    assert (int(m.group(1)) if m else None) == number


@pytest.mark.parametrize("rest, stop", [
    ("Thời gian. Vào lúc 8 giờ", "Thời gian"), ("Thành phần tham dự; gồm", "Thành phần tham dự"),
    ("Các nội dung khác v.v. theo", None),  # 'v.v.': a stop after one letter is not a title's end
])
def test_title_stop(rest, stop):
    from congvan.extract.sections import TITLE_STOP

    m = TITLE_STOP.search(rest)
    assert (rest[:m.start()] if m else None) == stop


@pytest.mark.parametrize("after, kind", [
    (", ngày 14/5/2020 của Bộ", "date"), (". ngày 05/7/1994", "date"),  # '60/CP. ngày': OCR's stop for a comma
    (" của Thủ tướng Chính phủ", "issuer"), (" do Bộ Tài chính ban hành", "issuer"),
    (" về việc triển khai", "title"), (", V/v báo cáo", "title"), (" năm 2020", None),
])
def test_a_notations_tail(after, kind):
    from congvan.find.references import TAIL_DATE, TAIL_ISSUER, TAIL_TITLE

    found = [k for k, rx in (("date", TAIL_DATE), ("issuer", TAIL_ISSUER), ("title", TAIL_TITLE)) if rx.match(after)]
    assert found == ([kind] if kind else [])


@pytest.mark.parametrize("read, mark", [("HỎA TỐC", "HỎA TỐC"), ("HOẢ TỐC", "HỎA TỐC"), ("HOA TOC", "HỎA TỐC"),
                                        ("THƯỢNG KHẨN", "THƯỢNG KHẨN"), ("KHAN", "KHẨN"), ("TỐI MẬT", "TỐI MẬT")])
def test_urgency_and_secrecy_marks_as_ocr_reads_them(read, mark):
    assert (P.URGENCY.match(read) or P.SECRECY.match(read)) and P.canonical_mark(read) == mark


def test_marks_are_upper_case_lines():
    assert not P.URGENCY.match("khẩn trương") and not P.URGENCY.match("Khẩn") and not P.SECRECY.match("MẬT KHẨU")


@pytest.mark.parametrize("line", ["CÔNG VĂN ĐẾN", "CONG VAN DEN", "ĐẾN", "CV ĐÊN", "VĂN BẢN ĐẾN"])
def test_received_stamp_title(line):
    assert P.RECEIVED_TITLE.match(line)


@pytest.mark.parametrize("line, field", [("Số: 4521", True), ("So: 4521", True), ("Ngày: 06/3/2026", True),
                                         ("Ngay : 06/03", True), ("Chuyển: VP", True), ("Lưu hồ sơ số:", True),
                                         ("Số: 45/UBND", False), ("Ngày 06 tháng 3 năm 2026", False)])
def test_received_stamp_field(line, field):
    assert bool(P.RECEIVED_FIELD.match(line)) is field and not P.RECEIVED_TITLE.match("ĐẾN HẠN")


@pytest.mark.parametrize("line, rest", [("Kính gửi: Sở Tài chính", "Sở Tài chính"), ("Kính mời: Đại diện lãnh đạo", "Đại diện lãnh đạo"),
                                        ("THỦ TƯỚNG CHÍNH PHỦ điện:", ""), ("BỘ Y TẾ điện: - Sở Y tế", "- Sở Y tế")])
def test_recipients_marker(line, rest):
    m = P.KINH_GUI.match(line)
    assert m and line[m.end():] == rest


def test_recipients_marker_is_not_a_body_line():
    assert not P.KINH_GUI.match("Tiền điện: 5 triệu đồng") and not P.KINH_GUI.match("Kinh phí: 5 triệu")


@pytest.mark.parametrize("text", ["báo cáo trước 17 giờ ngày 21/9/2026", "trước 16 giờ 00 ngày 23/8/2026",
                                  "chậm nhất 10h30 ngày 05/6/2026", "trước ngày 25/7/2018"])
def test_deadline_with_an_hour(text):
    from congvan.find.deadlines import BY_DAY

    assert BY_DAY.search(text)


@pytest.mark.parametrize("read, filed", [("Lưu: VÌ, PCTT", "Lưu: VT, PCTT"), ("Lưu: V1, KT.", "Lưu: VT, KT."),
                                         ("- Lưu: YT, NCTH", "- Lưu: VT, NCTH"), ("Lưu: VT, VI", "Lưu: VT, VI"),
                                         ("Lưu VI.", "Lưu VT.")])
def test_filed_item_vt_as_ocr_misreads_it(read, filed):
    from congvan.extract.closing import FILED_VT

    assert FILED_VT.sub("VT", read) == filed


@pytest.mark.parametrize("line, is_it", [("Nơi nhận:", True), ("Noi nhan:", True), ("2 nhận:", True), ("Nơ nhận:", True),
                                         ("2. Bên nhận: Công ty TNHH", False), ("Đã nhận: 5 bộ hồ sơ", False),
                                         ("Người nhận: Nguyễn Văn A", False),
                                         ("nhận: CHỦ TỊCH", True), ("nhận:", True),  # OCR lost "Nơi" (qd-1822 photographed)
                                         ("nhận: hồ sơ của các đơn vị", False), ("nhận: Nguyễn Văn A", False)])
def test_noi_nhan_as_ocr_reads_it(line, is_it):
    assert bool(P.NOI_NHAN.match(line)) is is_it


@pytest.mark.parametrize("title, code", [
    ("BIÊN BẢN KIỂM TRA", "BB"),  # sct-bb-yenthanh: 'Thực tế khu vực ...' under it is the trích yếu
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "CTr"),  # Chương trình 104-CTr/TU
    ("KẾ HOẠCH QUỐC GIA", "KH"),  # the plan attached to 1422/QĐ-TTg
])
def test_a_full_type_name_is_one_title(title, code):
    from congvan.segment import _type_then_subject, type_of_title

    assert type_of_title(title) == code and _type_then_subject(title) is None


def test_a_category_heading_is_no_title():
    from congvan.segment import _type_then_subject, type_of_title

    assert type_of_title("VĂN BẢN QUY PHẠM PHÁP LUẬT") is None and _type_then_subject("VĂN BẢN QUY PHẠM PHÁP LUẬT") is None
