"""Frameworks (issue 6): the plans, reports and forms each seed sets out, read from the text
and from the rendered PDFs; and nothing from letters that set none out."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import PDFS, REAL, ROOT, SEEDS

from congvan.extract.frameworks import kind_of, kinds_in

BOTH = pytest.mark.parametrize("form", ["text", "pdf"])


def letter_of(parsed, stem: str, form: str):
    path = next(SEEDS.glob(stem + ".*")) if form == "text" else PDFS / f"{stem}.pdf"
    return parsed(path)


def numbers(items):
    return [i.number for i in items]


def find(items, number):
    for it in items:
        if it.number == number:
            return it
        hit = find(it.children, number)
        if hit:
            return hit
    return None


def test_kind_words():
    assert kind_of("KHUNG KẾ HOẠCH ỨNG DỤNG CNTT NĂM 2018") == "plan"
    assert kind_of("ĐỀ CƯƠNG BÁO CÁO KẾT QUẢ ỨNG DỤNG CNTT NĂM 2017") == "report"
    assert kind_of("BÁO CÁO KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH") == "report"    # the first word named wins
    assert kind_of("BIÊU MẪU BÁO CÁO TÌNH HÌNH") == "report"                  # OCR'd "BIÊU", a report form
    assert kind_of("BIỂU MẪU KẾ HOẠCH THỰC HIỆN") == "plan"
    assert kind_of("THUYẾT MINH KẾ HOẠCH THUÊ DỊCH VỤ") == "explanation"
    assert kind_of("Mẫu số 01") == "form"
    assert kind_of("DANH SÁCH ĐẠI BIỂU") is None                             # "đại biểu" is a delegate
    assert kind_of("DANH SÁCH CÁC BỘ, TỈNH") is None
    assert kind_of("Sở Kế hoạch và Đầu tư") is None                           # a name, not a plan
    assert kinds_in("gửi kế hoạch, dự toán kèm theo thuyết minh") == {"plan", "explanation"}


@BOTH
def test_3500_report_outline_and_plan_frame(parsed, form):
    fws = letter_of(parsed, "cv-3500-BTTTT-THH-2017", form).frameworks
    assert [f.kind for f in fws] == ["report", "plan"]
    report, plan = fws
    assert report.title.startswith("ĐỀ CƯƠNG BÁO CÁO") and report.source == "Phụ lục 1"
    assert plan.title.startswith("KHUNG KẾ HOẠCH") and plan.title.endswith("NĂM 2018") and plan.source == "Phụ lục 2"
    assert numbers(report.outline) == ["I", "II", "III", "IV", "V"]
    assert numbers(report.outline[0].children) == [f"I.{n}" for n in range(1, 8)]
    assert numbers(find(report.outline, "I.4").children) == ["I.4.a", "I.4.b", "I.4.c"]
    assert numbers(plan.outline) == ["I", "II", "III", "IV", "V", "VI"]
    assert [o.title for o in plan.outline][:3] == ["CĂN CỨ LẬP KẾ HOẠCH", "MỤC TIÊU ỨNG DỤNG CNTT NĂM 2018",
                                                   "NỘI DUNG KẾ HOẠCH"]
    assert numbers(find(plan.outline, "III").children) == [f"III.{n}" for n in range(1, 6)]
    assert numbers(find(plan.outline, "IV").children) == [f"IV.{n}" for n in range(1, 7)]
    # guidance: the letter's notes under each heading, its '-' items included
    assert plan.outline[0].guidance.startswith("Nêu những căn cứ để xây dựng Kế hoạch")
    assert "- Luật Công nghệ thông tin" in plan.outline[0].guidance
    assert "Số lượng dịch vụ công (DVC)" in find(report.outline, "I.2").guidance
    assert find(plan.outline, "IV.5").guidance == ""  # "5. Giải pháp tổ chức" has none
    # legal bases from "I. CĂN CỨ LẬP KẾ HOẠCH"
    for basis in ("64/2007/NĐ-CP", "36a/NQ-CP", "1819/QĐ-TTg", "846/QĐ-TTg", "Luật Công nghệ thông tin"):
        assert basis in plan.legal_bases, basis
    assert "3500/BTTTT-THH" not in plan.legal_bases
    # each document with its own deadline, both sent to the Ministry
    assert [d.date for d in report.deadlines] == [date(2017, 11, 10)]
    assert [d.date for d in plan.deadlines] == [date(2017, 11, 30)]
    assert report.submit_to == plan.submit_to == "Bộ Thông tin và Truyền thông"
    assert (report.period.start, report.period.end) == (2017, 2017)
    assert (plan.period.start, plan.period.end) == (2018, 2018)


def test_3500_plan_table_template(parsed):
    plan = parsed(SEEDS / "cv-3500-BTTTT-THH-2017.md").frameworks[1]
    (t,) = plan.table_templates
    assert ["Tên nhiệm vụ, dự án"] in t.columns and ["Kinh phí đầu tư năm 2018"] in t.columns


@BOTH
def test_232_report_plan_three_explanations_and_tables(parsed, form):
    fws = letter_of(parsed, "cv-232-BTTTT-KHTC-2018", form).frameworks
    assert [f.kind for f in fws] == ["report", "plan", "explanation", "explanation", "explanation"]
    report, plan, *expl = fws
    assert [f.source.casefold() for f in fws] == ["phụ lục 1"] + ["phụ lục 2"] * 4
    assert report.document_title == "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU CÔNG NGHỆ THÔNG TIN GIAI ĐOẠN 2019-2020"
    assert numbers(report.outline) == ["I", "II", "III"]
    assert numbers(find(report.outline, "I.2").children) == ["I.2.1", "I.2.2"]
    assert numbers(plan.outline) == ["I", "II", "III"]
    assert numbers(find(plan.outline, "III").children) == [f"III.{n}" for n in range(1, 9)]
    assert ["THUÊ DỊCH VỤ" in expl[0].title, "TẠO LẬP" in expl[1].title, "QUY TRÌNH" in expl[2].title] == [True] * 3
    assert [len(e.outline) for e in expl] == [11, 10, 10]
    assert [o.title for o in expl[0].outline[:3]] == ["Căn cứ lập kế hoạch", "Bối cảnh, dự báo", "Mục tiêu"]
    if form == "text":  # the rendered PDF loses the indented "- a)" items (segmenter)
        assert numbers(expl[0].outline[2].children) == ["3.a", "3.b"]
    assert "(Giai đoạn/năm ...)" in expl[0].guidance
    for f in fws:
        assert (f.period.start, f.period.end) == (2019, 2020)
        assert [d.date for d in f.deadlines] == [date(2018, 7, 25)]
        assert f.submit_to == "Bộ Thông tin và Truyền thông"
        assert "153/QĐ-TTg" in f.legal_bases
    # the two summary forms (Biểu 01, Biểu 04): header paths and group rows
    for f in (report, plan):
        (t,) = f.table_templates
        assert t.title.startswith("BIỂU TỔNG HỢP KẾ HOẠCH")
        assert ["Nguồn vốn", "NSTU", "Đầu tư"] in t.columns
        assert [r.label for r in t.rows if r.level == 1] == ["I", "II"]
    assert all(not e.table_templates for e in expl)


@BOTH
def test_784_plan_outlines_and_the_documents_to_apply(parsed, form):
    letter = letter_of(parsed, "phuluc-784-STTTT-2020", form)
    fws = letter.frameworks
    assert [(f.kind, f.source) for f in fws] == [("plan", "Phụ lục I"), ("plan", "Phụ lục II")]
    frame, year = fws
    assert numbers(frame.outline) == ["Phần I", "Phần II"]
    assert frame.outline[0].title.startswith("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN KẾ HOẠCH")
    assert frame.outline[1].title == "NỘI DUNG KẾ HOẠCH"
    assert numbers(frame.outline[1].children) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    assert numbers(year.outline) == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert [o.title for o in year.outline][:3] == ["CĂN CỨ LẬP KẾ HOẠCH", "MỤC TIÊU", "NHIỆM VỤ"]
    assert (frame.period.start, frame.period.end) == (2021, 2025)
    assert (year.period.start, year.period.end) == (2021, 2021)
    # Phụ lục III lists the documents to apply: not a framework, but the plans' legal bases
    for f in fws:
        for basis in ("64/2007/NĐ-CP", "09/2019/NĐ-CP", "Luật An toàn thông tin", "153/QĐ-TTg"):
            assert basis in f.legal_bases, (f.source, basis)
    assert frame.table_templates and not year.table_templates
    assert frame.submit_to is None and frame.deadlines == []  # an annex-only document says neither


@BOTH
def test_1959_plan_frame(parsed, form):
    (f,) = letter_of(parsed, "cv-1959-BTTTT-UDCNTT-2013", form).frameworks
    assert (f.kind, f.source, f.title) == ("plan", "Phụ lục", "KHUNG KẾ HOẠCH ỦNG DỤNG CNTT NĂM 2014")
    assert numbers(f.outline) == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert numbers(find(f.outline, "II.6").children) == ["II.6.a", "II.6.b"]
    assert find(f.outline, "V.1").title.startswith("Giải pháp tài chính")
    assert ["Luật Công nghệ thông tin", "Luật Giao dịch điện tử", "64/2007/NĐ-CP", "1605/QĐ-TTg"] == f.legal_bases
    assert f.submit_to == "Bộ Thông tin và Truyền thông, Bộ Kế hoạch và Đầu tư, Bộ Tài chính"
    assert (f.period.start, f.period.end) == (2014, 2014)
    assert len(f.table_templates) == 2
    # "Đến trước ngày 31/10/2013, dự án chưa được phê duyệt ... không đủ điều kiện": a condition, not a due date
    assert f.deadlines == []


@BOTH
def test_43_2008_approved_plan(parsed, form):
    (f,) = letter_of(parsed, "qd-43-2008-QD-TTg", form).frameworks
    assert (f.kind, f.source) == ("plan", "body")
    assert f.title == "Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước năm 2008"
    assert (f.period.start, f.period.end) == (2008, 2008)
    assert [o.title for o in f.outline] == ["MỤC TIÊU", "CÁC NHIỆM VỤ VÀ PHÂN CÔNG CÔNG VIỆC", "KINH PHÍ THỰC HIỆN",
                                            "CÁC GIẢI PHÁP"]
    tasks = find(f.outline, "II")
    assert numbers(tasks.children) == [f"II.{n}" for n in range(1, 8)]
    owners = {c.number: c.owner for c in tasks.children}
    assert owners["II.2"] == "Bộ Thông tin và Truyền thông" and owners["II.4"] == "Bộ Tài chính"
    assert owners["II.5"] == "Bộ Nội vụ" and owners["II.6"] == "Văn phòng Chính phủ"
    a = find(f.outline, "II.2.a")
    assert a.owner == "Bộ Thông tin và Truyền thông" and [d.date for d in a.deadlines] == [date(2008, 3, 31)]
    assert [d.date for d in find(f.outline, "II.2.p").deadlines] == [date(2008, 7, 31)]
    assert [d.date for d in find(f.outline, "II.5.a").deadlines] == [date(2008, 12, 31)]
    assert find(f.outline, "II.2.e").deadlines == []
    assert date(2008, 6, 30) in [d.date for d in f.deadlines]
    assert f.legal_bases[:1] == ["Luật Tổ chức Chính phủ"] and "64/2007/NĐ-CP" in f.legal_bases
    # its project tables (Phụ lục I) and the rest of its annexes' tables
    names = [c for t in f.table_templates for r in t.rows for c in r.cells if c]
    assert "Cổng thông tin điện tử của các Bộ, tỉnh điểm" in names
    assert "Hệ thống thông tin quản lý cán bộ, công chức" in names  # Phụ lục IV
    assert any((t.title or "").startswith("Phụ lục") or "NHÓM" in (t.title or "") for t in f.table_templates)


def test_legacy_encodings_give_the_same_frameworks(parsed):
    base = parsed(SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt").frameworks
    for enc in ("tcvn3", "vni"):
        other = parsed(ROOT / "corpora" / "legacy" / f"cv-1959-BTTTT-UDCNTT-2013.{enc}.txt").frameworks
        assert [(f.kind, f.title, numbers(f.outline), f.legal_bases) for f in other] == \
            [(f.kind, f.title, numbers(f.outline), f.legal_bases) for f in base]


PLAIN = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 123/BTTTT-VP
V/v tham dự hội nghị
Hà Nội, ngày 05 tháng 3 năm 2020
Kính gửi: Sở Thông tin và Truyền thông các tỉnh, thành phố.
Bộ Thông tin và Truyền thông tổ chức hội nghị tổng kết như sau:
1. Thời gian: 8 giờ ngày 20/3/2020.
2. Địa điểm: Hà Nội.
3. Đề nghị các Sở gửi danh sách đại biểu về Bộ Thông tin và Truyền thông trước ngày 15/3/2020.
Trân trọng./.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn A

Phụ lục
DANH SÁCH ĐẠI BIỂU
STT\tHọ tên\tChức vụ
1\t\t
"""


def test_a_plain_letter_sets_out_no_framework():
    from congvan import parse_bytes

    letter = parse_bytes(PLAIN.encode(), "plain.txt")
    assert letter.deadlines and letter.annexes  # it has a deadline and an annex, still no framework
    assert letter.frameworks == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
def test_real_letters_set_out_none(parsed):
    from congvan import ocr

    mode = "auto" if ocr.available() else "off"  # read the scans, so that there is text to judge
    # the first twelve real letters (sessions 1-2): none sets out a plan; of the others, KH 1105's
    # Phụ lục II is a report outline
    first = ["01-TTr", "01CT", "04CT", "05", "09-TTR", "2352-07-CT-UBND", "23BC", "299-UB", "46-TB", "575-UB",
             "H14.1999.1180.ND.001.020", "vht507"]
    for p in (REAL / f"{stem}.pdf" for stem in first):
        letter = parsed(p, ocr=mode)
        assert letter.frameworks == [], p.name
