"""The scan path on pages a flatbed scanner of the corpus never gave: a page fed sideways or upside
down (Tesseract's orientation detection turns it upright before it is read), a header and a V/v
block set left of an indented body (not margin stamps), and what OCR does to an issuer's name.

The letter is the head of a real one (gold/probes: CV-7432-UBND-XD, Ủy ban nhân dân tỉnh Lào Cai)
as `pdftotext -layout` gives it, drawn back into a PDF at its columns (scripts/layout_pdf.py) and
rendered to an image-only PDF as a scanner makes one."""
from __future__ import annotations

import pytest
from conftest import script, skip_or_fail

pytest.importorskip("reportlab")
pypdfium2 = pytest.importorskip("pypdfium2")

LAID_OUT = """ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
         TỈNH LÀO CAI                            Độc lập - Tự do - Hạnh phúc

         Số: 7432 /UBND-XD                      Lào Cai, ngày 21 tháng 7 năm 2026
 V/v triển khai thực hiện Quyết định số
 1074/QĐ-BXD ngày 29/6/2026 của Bộ
Xây dựng ban hành các giải pháp kỹ thuật
nâng cao an toàn phòng cháy, chữa cháy
 đối với các cơ sở, công trình không bảo
đảm yêu cầu về phòng cháy và chữa cháy



                         Kính gửi:
                                      - Các Sở, ban, ngành thuộc tỉnh;
                                      - Công an tỉnh;
                                      - Ủy ban nhân dân các xã, phường.


            Ngày 29/6/2026, Bộ trưởng Bộ Xây dựng ban hành Quyết định số
     1074/QĐ-BXD về việc ban hành các giải pháp kỹ thuật nâng cao an toàn phòng
     cháy, chữa cháy cho các cơ sở, công trình không bảo đảm yêu cầu về phòng cháy
     và chữa cháy và không có khả năng khắc phục theo các tiêu chuẩn, quy chuẩn kỹ
     thuật tại thời điểm đưa vào hoạt động đến trước ngày Luật Phòng cháy, chữa cháy
     và cứu nạn, cứu hộ có hiệu lực thi hành thuộc thẩm quyền quản lý của Bộ Xây
     dựng. Quyết định có hiệu lực kể từ ngày ký và giao Ủy ban nhân dân các tỉnh,
     thành phố trực thuộc Trung ương chỉ đạo, kiểm tra, hướng dẫn việc triển khai thực
     hiện các giải pháp kỹ thuật đối với các cơ sở, công trình thuộc đối tượng áp dụng,
     hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.
            Để tổ chức triển khai thực hiện nghiêm túc Quyết định của Bộ Xây dựng
     trên địa bàn tỉnh, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Công an tỉnh, các sở,
     ban, ngành, đoàn thể; Ủy ban nhân dân các xã, phường tập trung thực hiện./.
"""
SUBJECT_HEAD = "triển khai thực hiện Quyết định số 1074/QĐ-BXD ngày 29/6/2026 của Bộ Xây dựng"


def _layout_pdf():
    return script("layout_pdf")


def _scan(tmp_path, turn: int = 0):
    """The drawn letter as an image-only PDF at 300 dpi, each page turned `turn` degrees
    counter-clockwise (how a page fed sideways comes out of the scanner)."""
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    layout_pdf = _layout_pdf()
    if not layout_pdf.FONT.exists():
        skip_or_fail("DejaVu Serif is not installed (fonts-dejavu)")
    drawn, scan = tmp_path / "cv-7432.pdf", tmp_path / f"cv-7432.scan{turn}.pdf"
    layout_pdf.draw(LAID_OUT, drawn)
    doc = pypdfium2.PdfDocument(str(drawn))
    try:
        images = [page.render(scale=300 / 72, grayscale=True).to_pil().convert("L").rotate(turn, expand=True)
                  for page in doc]
    finally:
        doc.close()
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=300)
    return scan


def _header(path):
    from congvan import parse_file
    from congvan.settings import Settings

    return parse_file(path, Settings.resolve(ocr="auto")).model_dump(mode="json")


def test_a_header_left_of_an_indented_body_is_not_taken_for_a_margin_stamp(tmp_path):
    """The issuer's 'ỦY' and the V/v block's first words stand left of where the body's lines
    start; they run on into the text block, so they are the letter's own words."""
    doc = _header(_scan(tmp_path))["document"]
    assert doc["issuer"]["name"] == "Ủy ban nhân dân tỉnh Lào Cai"
    assert doc["number"] == "7432/UBND-XD" and doc["type"] == "CV"
    assert doc["subject"].startswith(SUBJECT_HEAD)
    assert len(doc["recipients"]) == 3


@pytest.mark.parametrize("turn", [90, 180, 270])  # 270: Tesseract reads it on end, confidently
def test_a_page_fed_sideways_or_upside_down_is_turned_upright_and_read(tmp_path, turn):
    result = _header(_scan(tmp_path, turn))
    doc = result["document"]
    assert doc["number"] == "7432/UBND-XD" and doc["date"] == "2026-07-21"
    assert doc["subject"].startswith(SUBJECT_HEAD)
    assert any("turned upright for OCR" in n for n in result["source"]["normalizations"])


def test_an_upright_page_is_not_turned(tmp_path):
    result = _header(_scan(tmp_path))
    assert not any("turned upright" in n for n in result["source"]["normalizations"])


def test_words_read_on_end_tell_which_way_the_page_lies():
    """Tesseract reads a page lying a quarter turned with confidence, each box taller than wide;
    the way a line's words run (up the page or down it) tells the turn that sets it upright."""
    from congvan.ocr import _on_end, _quarter
    from congvan.types import Word

    def on_end(texts, step):  # one line of words standing on end, each `step` pt below the last
        return [Word(text=t, x0=100, x1=112, top=400 + k * step, bottom=400 + k * step + 30, page=1, conf=91.0,
                     line=1) for k, t in enumerate(texts)]

    line = ["CỘNG", "HÒA", "NGHĨA", "VIỆT", "NAM"]
    assert _on_end(on_end(line, 40)) and _quarter(on_end(line, 40)) == 270
    assert _quarter(on_end(line, -40)) == 90
    upright = [Word(text=t, x0=100 + 50 * k, x1=140 + 50 * k, top=400, bottom=412, page=1, conf=91.0, line=1)
               for k, t in enumerate(line)]
    assert not _on_end(upright)


def test_the_osd_report_is_read():
    from congvan.ocr import parse_osd

    report = ("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 17.43\n"
              "Script: Latin\nScript confidence: 5.28\n")
    assert parse_osd(report) == (90, 17.43)
    assert parse_osd("Too few characters. Skipping this page\n") is None


@pytest.mark.parametrize("line, name", [
    ("SỞ NÔNG NGHIỆP. VÀ MÔI TRƯỜNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),  # bc-904 scanned
    ("ỦY, BAN NHÂN DÂN TỈNH LÀO CAI", "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"),  # qd-16 scanned
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),  # the name's own comma
    ("UBND TP. HÀ NỘI", "UBND TP. HÀ NỘI"),  # an abbreviation's period
])
def test_marks_ocr_put_inside_an_issuers_name_are_dropped(line, name):
    from congvan.extract.header import _stray_marks

    assert _stray_marks(line) == name


def test_a_text_without_form_feeds_is_drawn_on_pages_of_a_letters_length(tmp_path):
    layout_pdf = _layout_pdf()
    if not layout_pdf.FONT.exists():
        skip_or_fail("DejaVu Serif is not installed (fonts-dejavu)")
    long_text = LAID_OUT + "\n".join(f"     đoạn {k} của văn bản" for k in range(150))
    out = tmp_path / "long.pdf"
    layout_pdf.draw(long_text, out)
    doc = pypdfium2.PdfDocument(str(out))
    try:
        assert len(doc) == -(-len(long_text.split("\n")) // layout_pdf.LINES_PER_PAGE)
    finally:
        doc.close()
