"""Letters as text laid out with spaces (parser/load/text_columns.py), and party documents.

`pdftotext -layout` of the real letters in ../shared/real is what an archive that keeps its
letters as text holds: the header's and the closing's two columns side by side on each line.
A party document (Tỉnh ủy, Huyện ủy: Hướng dẫn 36-HD/VPTW) prints "ĐẢNG CỘNG SẢN VIỆT NAM" in
the quốc hiệu's place and its number without a colon ("Số 1245-CV/TU")."""
from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest
from conftest import REAL, ROOT, gold, skip_or_fail

from congvan.load.text_columns import column_bands

AUTHORED = ROOT / "corpora" / "authored"


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).replace("–", "-").split()).strip(" .;:").casefold() if s else None


# real-dev letters with a clean text layer (none of real-holdout: scripts/evaluate.py HOLDOUT)
LAID_OUT = ["cucdck-cv1178-2025", "vl-cv91-2026-cttdt", "vl-ttr617-2026-ubnd", "laocai-cv3686-2026-ubnd",
            "laocai-qd1696-2026-ubnd", "laocai-qd2463-2026-ubnd"]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
@pytest.mark.parametrize("stem", LAID_OUT)
def test_pdftotext_layout_of_a_real_letter_reads_as_the_pdf(stem, parsed, tmp_path):
    if shutil.which("pdftotext") is None:
        skip_or_fail("pdftotext is not installed (apt-get install poppler-utils)")
    text = tmp_path / f"{stem}.txt"
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(REAL / f"{stem}.pdf"), str(text)], check=True)
    g = gold(f"real/{stem}.json")
    doc, stamped, g = parsed(text).document, g.get("handwritten", []), g["document"]
    # a number or day stamped into a blank may read as null (qd1696's "ngày15 tháng 54": the
    # stamped 5 runs into the printed 4), never as another value
    assert doc.number == g["number"] or ("number" in stamped and doc.number is None)
    assert doc.date == date.fromisoformat(g["date"]) or ("date" in stamped and doc.date is None)
    assert doc.type == g["type"] and norm(doc.issuer.name) == norm(g["issuer"]["name"])
    assert norm(doc.place) == norm(g["place"]) or (doc.place is None and doc.date is None)
    assert norm(doc.subject) == norm(g["subject"])
    for k in ("authority", "position", "name"):  # the signer's column, not run into the Nơi nhận
        assert norm(getattr(doc.signer, k)) == norm(g["signer"][k]), k
    assert [norm(d) for d in doc.distribution] == [norm(d) for d in g["distribution"]]
    assert [norm(r) for r in doc.recipients] == [norm(r) for r in g["recipients"]]


def test_party_letter_as_text(parsed):
    letter = parsed(AUTHORED / "cv-1245-CV-TU-2026.txt")
    doc = letter.document
    assert (doc.type, doc.number, doc.place, doc.date) == ("CV", "1245-CV/TU", "Lào Cai", date(2026, 3, 12))
    assert (doc.issuer.name, doc.issuer.code) == ("Tỉnh ủy Lào Cai", "TU")
    assert doc.subject == "triển khai thực hiện Kết luận số 45-KL/TW của Bộ Chính trị"
    assert doc.recipients == ["Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
                              "Các ban đảng, Văn phòng Tỉnh ủy"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Văn A")
    assert doc.distribution == ["Như kính gửi", "Thường trực Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"]
    assert [r.number for r in letter.references if not r.self] == ["45-KL/TW", "27-NQ/TW"]
    assert [d.date for d in letter.deadlines] == [date(2026, 6, 30)]


def test_party_letter_as_pdf(parsed, tmp_path):
    pytest.importorskip("reportlab")
    from render_pdf import render_seed

    pdf = tmp_path / "cv-1245-CV-TU-2026.pdf"
    render_seed(AUTHORED / "cv-1245-CV-TU-2026.txt", pdf)
    doc = parsed(pdf).document
    assert (doc.number, doc.place, doc.date, doc.issuer.name) == ("1245-CV/TU", "Lào Cai", date(2026, 3, 12),
                                                                   "Tỉnh ủy Lào Cai")
    assert doc.subject == "triển khai thực hiện Kết luận số 45-KL/TW của Bộ Chính trị"
    assert (doc.signer.authority, doc.signer.name) == ("T/M BAN THƯỜNG VỤ", "Nguyễn Văn A")


def test_party_letter_as_scan(parsed, tmp_path):
    """Rendered, rasterised (no text layer) and OCR'd: the position OCR reads without its mark
    ('PHO BÍ THƯ ...') is repaired from positions.json."""
    pytest.importorskip("reportlab")
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    from make_archive import _rasterise
    from render_pdf import render_seed

    pdf = tmp_path / "cv-1245-CV-TU-2026.scan.pdf"
    render_seed(AUTHORED / "cv-1245-CV-TU-2026.txt", pdf)
    _rasterise(pdf)
    letter = parsed(pdf, ocr="auto")
    doc = letter.document
    assert letter.source.text_source == "ocr"
    assert (doc.number, doc.date, doc.issuer.name) == ("1245-CV/TU", date(2026, 3, 12), "Tỉnh ủy Lào Cai")
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Nguyễn Văn A")


def test_university_letter_laid_out_with_spaces(parsed):
    letter = parsed(AUTHORED / "cv-356-DHKHTN-DT-2026.txt")
    doc = letter.document
    assert (doc.number, doc.place, doc.date) == ("356/ĐHKHTN-ĐT", "Hà Nội", date(2026, 4, 5))
    assert doc.issuer.parent == "Đại học Quốc gia Hà Nội"  # the city's name cased as a place
    assert doc.subject == "tổ chức thi kết thúc học phần học kỳ II năm học 2025-2026"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Trần Thị B")
    assert doc.distribution == ["Như trên", "Hiệu trưởng (để b/c)", "Lưu: VT, ĐT"]
    assert [d.date for d in letter.deadlines] == [date(2026, 5, 15), date(2026, 5, 20)]


def test_column_bands_only_in_the_header_and_the_closing():
    raw = ["UBND TỈNH LÀO CAI                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
           "SỞ XÂY DỰNG                          Độc lập - Tự do - Hạnh phúc",
           "   Số: 12/SXD-QLN                    Lào Cai, ngày 02 tháng 3 năm 2026",
           "V/v báo cáo",
           "",
           "         Kính gửi: Ủy ban nhân dân tỉnh Lào Cai",
           "Tổng kinh phí:                       150 triệu đồng",  # a body line with a wide gap
           "Nơi nhận:                                 GIÁM ĐỐC",
           "- Như trên;",
           "- Lưu: VT.",
           "",
           "                                          Lê Văn C"]
    bands = column_bands(raw)
    assert sorted(bands) == [0, 7]
    end, parts = bands[0]
    assert end == 4  # the V/v line under the number; Kính gửi starts the letter's body
    assert [(p.index, p.column) for p in parts][:2] == [(0, "left"), (0, "right")]
    assert [p.text for p in parts if p.column == "left"] == ["UBND TỈNH LÀO CAI", "SỞ XÂY DỰNG", "Số: 12/SXD-QLN",
                                                             "V/v báo cáo"]
    end, parts = bands[7]
    assert end == len(raw)
    assert [p.text for p in parts if p.column == "right"] == ["GIÁM ĐỐC", "Lê Văn C"]
    assert [p.text for p in parts if p.column == "left"] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]


def test_quoc_hieu_wrapped_in_its_column_and_an_annex_under_the_signer():
    """pdftotext -layout of a board's decision (QĐ 7/QĐ-BQLCKCN, Lào Cai): the quốc hiệu wraps
    its 'NAM' onto the issuer's second line, centred right of where the column starts; the
    annex's title follows the signer's name with no blank line, under the closed 'Lưu' item."""
    raw = ["UBND TỈNH LÀO CAI                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT",
           "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP                          NAM",
           "                                                 Độc lập - Tự do - Hạnh phúc",
           "      Số: 7    /QĐ-BQLCKCN",
           "",
           "Nơi nhận:                                              TRƯỞNG BAN",
           " - Như Điều 4;",
           " - Lưu VT, NV.",
           "",
           "                                                       Đỗ Việt Bách",
           "                                 PHỤ LỤC",
           " DANH SÁCH THÀNH VIÊN HỘI ĐỒNG"]
    bands = column_bands(raw)
    assert sorted(bands) == [0, 5]
    _, parts = bands[0]
    assert [p.text for p in parts if p.column == "left"][:2] == ["UBND TỈNH LÀO CAI", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"]
    assert [p.text for p in parts if p.column == "right"][:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM"]
    end, parts = bands[5]
    assert end == 10  # the annex's title is no Nơi nhận item
    assert [p.text for p in parts if p.column == "left"] == ["Nơi nhận:", "- Như Điều 4;", "- Lưu VT, NV."]


def test_docx_closing_set_with_tab_stops(parsed, tmp_path):
    """A Word letter typed without a table: its closing's two columns set with tabs, its body's
    paragraphs indented with one (the authored letter cv-1234, closing retyped so)."""
    docx = pytest.importorskip("docx")
    text = (AUTHORED / "cv-1234-STC-NS-2025.txt").read_text(encoding="utf-8")
    letter_part = text[: text.index("Nơi nhận:")]
    document = docx.Document()
    for line in letter_part.splitlines():
        if line.strip():
            document.add_paragraph(("\t" + line) if line[0].isdigit() else line)  # numbered paragraphs indented
    for line in ["Nơi nhận:\tKT. GIÁM ĐỐC", "- Như trên;\tPHÓ GIÁM ĐỐC", "- UBND tỉnh (b/c);", "- Lưu: VT, NS.",
                 "\tNguyễn Văn Bình"]:
        document.add_paragraph(line)
    path = tmp_path / "cv-1234-tabs.docx"
    document.save(path)
    letter = parsed(path)
    doc = letter.document
    assert (doc.number, doc.date, doc.issuer.name) == ("1234/STC-NS", date(2025, 6, 5), "Sở Tài chính")
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                                          "Nguyễn Văn Bình")
    assert doc.distribution == ["Như trên", "UBND tỉnh (b/c)", "Lưu: VT, NS"]
    assert [d.date for d in letter.deadlines if d.date] == [date(2025, 7, 15)]  # the indented paragraphs are body


needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None and os.environ.get("CI") != "true",
                                    reason="chromium is not installed (apt-get install chromium)")


def _printed(stem: str, tmp_path):
    """corpora/html/<stem>.html printed to PDF by headless Chromium (Skia's text layer, the
    header and the closing in borderless tables as Word lays them out)."""
    pdf = tmp_path / f"{stem}.pdf"
    subprocess.run([shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (ROOT / "corpora" / "html" / f"{stem}.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    return pdf


@needs_chromium
def test_court_notice_printed_by_chromium(parsed, tmp_path):
    """Its quốc hiệu wraps inside "VIỆT NAM" ("... CHỦ NGHĨA VIỆT" / "NAM"), and the issuer
    beside it must not take its "CỘNG"."""
    letter = parsed(_printed("tb-88-TB-TA-2026", tmp_path))
    doc = letter.document
    assert letter.source.text_source == "pdf_text"
    assert (doc.type, doc.number, doc.place, doc.date) == ("TB", "88/TB-TA", "Lào Cai", date(2026, 9, 3))
    assert (doc.issuer.name, doc.issuer.raw) == ("Tòa án nhân dân tỉnh Lào Cai", ["TÒA ÁN NHÂN DÂN", "TỈNH LÀO CAI"])
    assert doc.subject == "thụ lý vụ án hành chính" and doc.recipients == ["Ông Nguyễn Văn E"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("TUQ. CHÁNH ÁN KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Đỗ Văn G")
    assert doc.distribution == ["Như trên", "VKSND tỉnh Lào Cai", "Lưu: HS, VP"]
    assert [r.number for r in letter.references] == ["12/2026/TLST-HC"]


@needs_chromium
def test_issuer_names_wrapped_by_a_narrow_column(parsed, tmp_path):
    """'BỘ NÔNG NGHIỆP VÀ MÔI' / 'TRƯỜNG' is one body, not a parent and a school; 'QUẢN LÝ' is not
    'quận'; the Thủ tướng's 'THỦ TƯỚNG CHÍNH' / 'PHỦ' and a joint issuer 'BỘ TÀI CHÍNH - BỘ NỘI' / 'VỤ'."""
    doc = parsed(_printed("cv-415-DD-PCTT-2026", tmp_path)).document
    assert (doc.issuer.name, doc.issuer.parent) == ("Cục Quản lý đê điều và Phòng, chống thiên tai",
                                                    "Bộ Nông nghiệp và Môi trường")
    assert (doc.number, doc.date) == ("415/ĐĐ-PCTT", date(2026, 8, 21))
    assert doc.subject == "chủ động ứng phó với bão số 5 và mưa lũ sau bão"
    assert doc.recipients == ["Ban Chỉ huy PCTT và TKCN các tỉnh, thành phố", "Các Bộ, ngành liên quan"]
    assert (doc.signer.position, doc.signer.name) == ("CỤC TRƯỞNG", "Phạm Đức Luận")
    doc = parsed(_printed("qd-1532-QD-TTg-2026", tmp_path)).document
    assert (doc.type, doc.number, doc.issuer.name) == ("QĐ", "1532/QĐ-TTg", "Thủ tướng Chính phủ")
    assert doc.subject == "Phê duyệt Đề án phát triển nguồn nhân lực ngành bán dẫn đến năm 2030, định hướng đến năm 2050"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG",
                                                                          "Lê Thành Long")
    letter = parsed(_printed("ttlt-12-2026-BTC-BNV", tmp_path))
    doc = letter.document
    assert (doc.type, doc.number, doc.issuer.name) == ("TTLT", "12/2026/TTLT-BTC-BNV", "Bộ Tài chính - Bộ Nội vụ")
    # two signers side by side: each block read (layout cuts the row of authority lines between
    # them), the first one the letter's signer; the second's 'BỘ TÀI' / 'CHÍNH' joined
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. BỘ TRƯỞNG BỘ NỘI VỤ", "THỨ TRƯỞNG",
                                                                          "Trần Văn R")
    assert [(s.authority, s.position, s.name) for s in doc.signers] == [
        ("KT. BỘ TRƯỞNG BỘ NỘI VỤ", "THỨ TRƯỞNG", "Trần Văn R"), ("KT. BỘ TRƯỞNG BỘ TÀI CHÍNH", "THỨ TRƯỞNG", "Lê Thị S")]
    assert doc.distribution == ["Văn phòng Chính phủ", "Lưu: VT BTC, VT BNV"]
    assert any("side by side" in n for n in letter.source.normalizations)
    doc = parsed(_printed("bb-ban-giao-2026", tmp_path)).document  # a biên bản's two parties
    assert (doc.type, doc.date) == ("BB", date(2026, 5, 12))
    assert [s.name for s in doc.signers] == ["Hoàng Văn Long", "Sùng A Páo"] and doc.signer.name == "Hoàng Văn Long"


@needs_chromium
def test_certificate_dated_at_its_foot_signed_in_the_heads_own_post(parsed, tmp_path):
    """No number, the place and date above the signature, no Nơi nhận and no authority line
    ('GIÁM ĐỐC' / the name): the header is the issuer beside the quốc hiệu."""
    doc = parsed(_printed("gxn-stp-2026", tmp_path)).document
    assert (doc.type, doc.type_name, doc.number) == ("GXN", "Giấy xác nhận", None)
    assert (doc.issuer.name, doc.place, doc.date) == ("Sở Tư pháp tỉnh Lào Cai", "Lào Cai", date(2026, 6, 15))
    assert doc.subject == "đã đăng ký hoạt động"
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == (None, "GIÁM ĐỐC", "Nguyễn Thị Q")


@needs_chromium
def test_received_stamp_above_the_header_and_the_number_under_so(parsed, tmp_path):
    """An incoming-mail stamp's text ('UBND TỈNH HÀ GIANG' / 'CÔNG VĂN ĐẾN' / 'Số: 4521' / 'Ngày:
    ...' / 'Chuyển: VP') above the issuer is not the header; 'Số:' alone with its số ký hiệu on
    the line under it is the number."""
    letter = parsed(_printed("cv-356-SCT-QLTM-2026", tmp_path))
    doc = letter.document
    assert (doc.number, doc.date, doc.issuer.name, doc.issuer.parent) == \
        ("356/SCT-QLTM", date(2026, 3, 4), "Sở Công Thương", "Ủy ban nhân dân tỉnh Lào Cai")
    assert doc.subject == "phối hợp kiểm tra thị trường" and not letter.warnings
    assert (doc.signer.authority, doc.signer.position) == ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")


@needs_chromium
def test_urgency_under_the_trich_yeu_and_a_plan_issued_with_a_decision(parsed, tmp_path):
    doc = parsed(_printed("cv-2290-BYT-DP-2026", tmp_path)).document
    assert (doc.urgency, doc.subject) == ("HỎA TỐC", "tăng cường công tác phòng, chống dịch bệnh mùa mưa")
    letter = parsed(_printed("qd-1822-QD-UBND-2026", tmp_path))
    assert [s.label for s in letter.body if s.label] == ["Điều 1.", "Điều 2.", "Điều 3."]
    (plan,) = letter.annexes  # 'KẾ HOẠCH' / its title / '(Kèm theo Quyết định số ...)' after the signature
    assert (plan.label, plan.title) == ("KẾ HOẠCH", "Chuyển đổi số năm 2027")
    assert (plan.attached_to.number, plan.attached_to.date, plan.attached_to.matches_parent) == \
        ("1822/QĐ-UBND", date(2026, 10, 9), True)
    assert [s.label for s in plan.body] == ["I.", "II."]


@needs_chromium
def test_printed_letters_scanned(parsed, tmp_path):
    """The same letters rasterised (no text layer) and OCR'd: 'HOA TOC' as OCR reads the mark is
    the urgency HỎA TỐC, not words of the trích yếu; the certificate's header band ends at its
    centred title, not at the date printed at its foot."""
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    from make_archive import _rasterise

    scans = {}
    for stem in ("cv-2290-BYT-DP-2026", "gxn-stp-2026"):
        scans[stem] = _printed(stem, tmp_path)
        _rasterise(scans[stem])
    letter = parsed(scans["cv-2290-BYT-DP-2026"], ocr="auto")
    assert letter.source.text_source == "ocr"
    assert (letter.document.urgency, letter.document.subject) == \
        ("HỎA TỐC", "tăng cường công tác phòng, chống dịch bệnh mùa mưa")
    doc = parsed(scans["gxn-stp-2026"], ocr="auto").document
    assert (doc.issuer.name, doc.place, doc.date) == ("Sở Tư pháp tỉnh Lào Cai", "Lào Cai", date(2026, 6, 15))
    assert (doc.signer.position, doc.signer.name) == ("GIÁM ĐỐC", "Nguyễn Thị Q")


@needs_chromium
def test_telegram_addressees_and_an_hour_before_the_day(parsed, tmp_path):
    """A công điện names its addressees after 'THỦ TƯỚNG CHÍNH PHỦ điện:' (not in its trích yếu);
    an addressee wrapped onto a line of place names ends with its ';'; 'trước 17 giờ ngày ...' is a
    deadline."""
    letter = parsed(_printed("cd-95-CD-TTg-2026", tmp_path))
    doc = letter.document
    assert (doc.type, doc.number, doc.date) == ("CĐ", "95/CĐ-TTg", date(2026, 9, 20))
    assert doc.subject == "tập trung ứng phó khẩn cấp với bão số 10"
    assert doc.recipients == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Quảng Ninh, Hải Phòng, Thái Bình",
                              "Các Bộ: Quốc phòng, Công an, Nông nghiệp và Môi trường"]
    assert [(d.date, d.raw) for d in letter.deadlines] == [(date(2026, 9, 21), "trước 17 giờ ngày 21/9/2026")]


@needs_chromium
def test_place_and_date_wrapped_beside_the_trich_yeu(parsed, tmp_path):
    """A long place name in a narrow right column: 'Thái Nguyên, ngày 15 tháng 8 năm' beside the V/v's
    first line, '2026' beside its second, too close for a gap between the columns."""
    doc = parsed(_printed("cv-1407-SGDDT-KHTC-2026", tmp_path)).document
    assert (doc.place, doc.date) == ("Thái Nguyên", date(2026, 8, 15))
    assert doc.subject == "hướng dẫn thu, chi các khoản thu năm học 2026-2027"
    assert (doc.signer.position, doc.signer.name) == ("PHÓ GIÁM ĐỐC", "Nguyễn Thị Thu Hương")


def test_phone_capture_of_an_invitation(parsed, tmp_path):
    """The giấy mời rendered, then photographed as a phone does (scripts/photo.py: turned, blurred,
    lit unevenly, JPEG): 'Nơi nhận:' read '2 nhận:' by OCR is still the Nơi nhận."""
    pytest.importorskip("reportlab")
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    from photo import photograph
    from render_pdf import render_seed

    pdf, shot = tmp_path / "gm.pdf", tmp_path / "gm.photo.pdf"
    render_seed(AUTHORED / "gm-77-GM-SNV-2026.txt", pdf)
    photograph(pdf, shot)
    letter = parsed(shot, ocr="auto")
    doc = letter.document
    assert letter.source.text_source == "ocr"
    assert (doc.type, doc.number, doc.date) == ("GM", "77/GM-SNV", date(2026, 9, 14))
    assert doc.distribution == ["Như trên", "Lưu: VT, TĐKT"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lý Thị Ngọc")


@needs_chromium
def test_phone_capture_whose_ocr_lost_the_word_noi(parsed, tmp_path):
    """The Chromium-printed QĐ photographed (scripts/photo.py): Tesseract reads its closing row
    'Nơi nhận:   CHỦ TỊCH' as 'nhận: CHỦ TỊCH'. Without the 'Nơi' the closing was not found, and
    the signer and the Nơi nhận were lost."""
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    from photo import photograph

    shot = tmp_path / "qd.photo.pdf"
    photograph(_printed("qd-1822-QD-UBND-2026", tmp_path), shot)
    letter = parsed(shot, ocr="auto")
    doc = letter.document
    assert letter.source.text_source == "ocr"
    assert (doc.type, doc.number, doc.date) == ("QĐ", "1822/QĐ-UBND", date(2026, 10, 9))
    assert (doc.signer.position, doc.signer.name) == ("CHỦ TỊCH", "Lò Văn Mừng")
    assert doc.distribution[0] == "Như Điều 3" and doc.distribution[-1].startswith("Lưu: VT")


def test_text_whose_columns_are_set_with_tabs(parsed):
    """A text export (Word, an OCR program) that sets the header's and the closing's two columns
    with tabs: read as rows of a table, it had no letter structure at all ("is this an official
    letter?"); its blank lines before the signer's name do not end the closing."""
    letter = parsed(AUTHORED / "cv-12-SXD-QLN-2026.txt")
    doc = letter.document
    assert (doc.number, doc.place, doc.date) == ("12/SXD-QLN", "Lào Cai", date(2026, 3, 2))
    assert (doc.issuer.name, doc.issuer.parent) == ("Sở Xây dựng", "Ủy ban nhân dân tỉnh Lào Cai")
    assert (doc.subject, doc.recipients) == ("báo cáo tiến độ", ["Ủy ban nhân dân tỉnh Lào Cai"])
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn C")
    assert doc.distribution == ["Như trên", "Lưu: VT, QLN"] and not letter.tables


def test_a_plan_titled_under_the_tieu_ngu_without_its_decision():
    """pdftotext -layout of a national plan published without the decision it is attached to
    (Kế hoạch quốc gia, 1422/QĐ-TTg): the band of the two columns runs on into the centred
    title 'KẾ HOẠCH QUỐC GIA', which is the tên loại; no number and no date are invented."""
    from congvan import parse_bytes

    raw = "\n".join([
        "              THỦ TƯỚNG CHÍNH PHỦ             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "                      ____________",
        "                                                       Độc lập - Tự do - Hạnh phúc",
        "                                                       _____________________________",
        "                                     KẾ HOẠCH QUỐC GIA",
        "                        Phòng, chống thiên tai giai đoạn 2026 - 2030,",
        "                                 tầm nhìn đến năm 2045",
        "                               (Kèm theo Quyết định số 88/QĐ-TTg",
        "                        ngày 12 tháng 3 năm 2026 của Thủ tướng Chính phủ)",
        "                                                _____________",
        "             I. MỤC TIÊU",
        "             1. Chủ động phòng, chống thiên tai, giảm thiểu thiệt hại về người và tài sản.",
        "             2. Các bộ, ngành báo cáo kết quả thực hiện trước ngày 15 tháng 12 hằng năm.",
    ])
    doc = parse_bytes(raw.encode("utf-8"), "kh-quoc-gia.txt").document
    assert (doc.type, doc.number, doc.date) == ("KH", None, None)
    assert doc.issuer.name == "Thủ tướng Chính phủ"
    assert doc.subject == "Phòng, chống thiên tai giai đoạn 2026 - 2030, tầm nhìn đến năm 2045"
