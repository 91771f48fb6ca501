"""Letters written for the tests in the official format by a person (corpora/authored): an issuer
and layout the seeds do not have, to catch rules that only fit the corpus."""
from __future__ import annotations

from datetime import date

from conftest import ROOT

AUTHORED = ROOT / "corpora" / "authored"


def test_provincial_department_letter(parsed):
    letter = parsed(AUTHORED / "cv-1234-STC-NS-2025.txt")
    doc = letter.document
    assert (doc.type, doc.number, doc.place, doc.date) == ("CV", "1234/STC-NS", "Bình Định", date(2025, 6, 5))
    assert doc.issuer.name == "Sở Tài chính" and doc.issuer.parent == "Ủy ban nhân dân tỉnh Bình Định"
    assert doc.subject == "hướng dẫn lập dự toán ngân sách năm 2026"
    assert doc.recipients == ["Các sở, ban, ngành thuộc tỉnh", "UBND các huyện, thị xã, thành phố"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                                          "Nguyễn Văn Bình")
    assert doc.distribution == ["Như trên", "UBND tỉnh (b/c)", "Lưu: VT, NS"]
    refs = {(r.type, r.number, r.date): r for r in letter.references}
    assert set(refs) == {("L", None, date(2015, 6, 25)), ("TT", "49/2025/TT-BTC", date(2025, 5, 20))}
    assert refs[("TT", "49/2025/TT-BTC", date(2025, 5, 20))].title == \
        "hướng dẫn xây dựng dự toán ngân sách nhà nước năm 2026"
    deadlines = [(d.date, d.recurrence, d.recipient) for d in letter.deadlines]
    assert deadlines == [(date(2025, 7, 15), None, "Sở Tài chính"), (None, "P6M", "Sở Tài chính")]
    assert not letter.warnings


def test_district_decision_with_urgency(parsed):
    letter = parsed(AUTHORED / "qd-215-QD-UBND-2024.txt")
    doc = letter.document
    assert (doc.type, doc.number, doc.place, doc.date, doc.urgency) == \
        ("QĐ", "215/QĐ-UBND", "Đức Phổ", date(2024, 3, 12), "HỎA TỐC")
    assert doc.issuer.name == "Ủy ban nhân dân huyện Đức Phổ"
    assert doc.subject == "thành lập Tổ công tác rà soát thủ tục hành chính năm 2024"
    assert doc.recipients == []  # a decision has no Kính gửi
    assert [s.label for s in letter.body if s.label] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert doc.distribution == ["Như Điều 3", "Chủ tịch, các PCT UBND huyện", "Lưu: VT"]
    assert [(r.number, r.date) for r in letter.references] == [(None, date(2015, 6, 19)), ("63/2010/NĐ-CP", date(2010, 6, 8))]
    assert [(d.date, d.precision, d.section) for d in letter.deadlines] == [
        (date(2024, 6, 30), "quarter", "Điều 2.1"), (date(2024, 6, 30), "day", "Điều 2.2")]
    assert letter.frameworks == []  # it sets out no plan or report form


def test_invitation_names_its_invitees(parsed):
    """A giấy mời: 'Kính mời:' names the recipients as 'Kính gửi:' does; its title line is the subject."""
    letter = parsed(AUTHORED / "gm-77-GM-SNV-2026.txt")
    doc = letter.document
    assert (doc.type, doc.type_name, doc.number, doc.date) == ("GM", "Giấy mời", "77/GM-SNV", date(2026, 9, 14))
    assert doc.recipients == ["Đại diện lãnh đạo các sở, ban, ngành tỉnh"]
    assert doc.subject == "Họp triển khai công tác thi đua, khen thưởng năm 2026"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lý Thị Ngọc")
    assert [(d.date, d.raw) for d in letter.deadlines] == [(date(2026, 9, 16), "trước ngày 16/9/2026")]


def test_plan_whose_trich_yeu_starts_thuc_hien(parsed, tmp_path):
    """A plan's trích yếu often starts 'Thực hiện ...' (KH 134/KH-UBND, Lào Cai): right under
    'KẾ HOẠCH' it is the subject; after a blank line, with a body sentence's comma, it is the body."""
    head = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Số: 134/KH-UBND\nLào Cai, ngày 26 tháng 3 năm 2026\n\nKẾ HOẠCH\n")
    plan = tmp_path / "kh.txt"
    plan.write_text(head + "Thực hiện Nghị quyết số 34-NQ/TU của Tỉnh ủy\nvề phát triển các khu công nghiệp năm 2026\n\n"
                    "I. MỤC ĐÍCH, YÊU CẦU\n1. Cụ thể hóa Nghị quyết.\n", encoding="utf-8")
    assert parsed(plan).document.subject == "Thực hiện Nghị quyết số 34-NQ/TU của Tỉnh ủy về phát triển các khu công nghiệp năm 2026"
    body = tmp_path / "tb.txt"
    body.write_text(head.replace("KẾ HOẠCH", "THÔNG BÁO") + "Thực hiện Chỉ thị số 08/CT-TTg, Ủy ban nhân dân tỉnh "
                    "thông báo như sau:\n1. Các sở rà soát.\n", encoding="utf-8")
    assert parsed(body).document.subject is None  # no trích yếu: an honest null


def test_ocr_text_whose_quoc_hieu_is_garbled_after_the_issuer(parsed, tmp_path):
    """Tesseract's text of a ministry's scan (CV 8520/BCT-KHCN): the two header columns on one line,
    the quốc hiệu's end garbled ('CỘNG HOÀ XÃ HỘI É'); over the tiêu ngữ it is still the quốc hiệu,
    not the issuer's name."""
    letter = tmp_path / "ocr.txt"
    letter.write_text("BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỘI É\nĐộc lập - Tự do - Hạnh phúc\n\n"
                      "Số: 8520/BCT-KHCN Hà Nội, ngày 30 tháng 12 năm 2021\nV/v hướng dẫn thực hiện quy định\n"
                      "lĩnh vực an toàn thực phẩm\n\nKính gửi: UBND tỉnh Bình Định\n\n"
                      "Trả lời đề nghị của UBND tỉnh Bình Định, Bộ Công Thương có ý kiến như sau.\n", encoding="utf-8")
    doc = parsed(letter).document
    assert doc.issuer.name == "Bộ Công Thương"
    assert (doc.number, doc.date) == ("8520/BCT-KHCN", date(2021, 12, 30))
    # prose naming the country is not cut: the line under it is no tiêu ngữ
    prose = tmp_path / "prose.txt"
    prose.write_text(letter.read_text(encoding="utf-8").replace("BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỘI É\n", "BỘ CÔNG THƯƠNG\n"),
                     encoding="utf-8")
    assert parsed(prose).document.issuer.name == "Bộ Công Thương"


def test_party_conclusion_with_signing_stamp_and_blank_number(parsed):
    # a Party committee's Kết luận as an OCR program's text: the signing stamp's organ and time
    # above the header, the issuer and the party heading on one line, the star read '*+', the
    # number left blank for the signing and run on into the date, and a title whose meeting and
    # body lines stand between the tên loại and the 'về ...' trích yếu
    letter = parsed(AUTHORED / "kl-08-KL-TU-2026.txt")
    doc = letter.document
    assert (doc.type, doc.number, doc.place, doc.date) == ("KL", None, "Yên Bái", date(2026, 5, 14))
    assert doc.issuer.name == "Tỉnh ủy Yên Bái"
    assert doc.subject == "phát triển du lịch cộng đồng gắn với xây dựng nông thôn mới"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("T/M TỈNH ỦY", "BÍ THƯ", "Trần Quang Minh")
    assert doc.distribution == ["Ban Bí thư Trung ương Đảng (để b/c)", "Văn phòng Trung ương Đảng",
                                "Các huyện ủy, thị ủy, thành ủy", "Lưu Văn phòng Tỉnh ủy"]
    assert [s.label for s in letter.body if s.label] == ["I-", "II-"]
    assert doc.issuer.raw == ["TỈNH ỦY YÊN BÁI"]  # not the stamp's 'ĐẢNG BỘ TỈNH YÊN BÁI' above its time


def test_docx_text_with_cells_joined_by_a_bar(parsed):
    # a DOCX converter's text: each row's two cells joined by ' | ' (parser/load/docx_cells.py);
    # the body's table, its cells joined the same way, is a table (parser/load/text.py)
    letter = parsed(AUTHORED / "cv-318-BNV-CCVC-2026.txt")
    doc = letter.document
    assert (doc.type, doc.number, doc.place, doc.date) == ("CV", "318/BNV-CCVC", "Hà Nội", date(2026, 11, 9))
    assert doc.issuer.name == "Bộ Nội vụ"
    assert doc.subject == "hướng dẫn đánh giá, xếp loại chất lượng công chức năm 2026"
    assert doc.recipients == ["Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                              "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phạm Thị Lan")
    assert doc.distribution == ["Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, CCVC"]
    assert [(d.date, d.raw) for d in letter.deadlines] == [(date(2027, 1, 15), "trước ngày 15/01/2027")]
    assert [([c[0] for c in t.columns], [r.cells for r in t.rows]) for t in letter.tables] == \
        [(["STT", "Nội dung", "Thời hạn"], [["1", "Tổ chức đánh giá", "Tháng 12/2026"],
                                           ["2", "Gửi báo cáo", "Trước 15/01/2027"]])]
