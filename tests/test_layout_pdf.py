"""scripts/layout_pdf.py: a laid-out text (pdftotext -layout's output of a real letter) drawn back
into a PDF at its columns, and read by the PDF path (evaluate.py's probes-pdf set). The text is
the head and foot of a real letter as its publisher stores it (gold/probes: CV-7103-UBND-TH)."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import script

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")

LAID_OUT = """        ỦY BAN NHÂN DÂN                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
          TỈNH LÀO CAI                                 Độc lập - Tự do - Hạnh phúc

                                                      Lào Cai, ngày 10 tháng 7 năm 2026
       Số: 7103 /UBND-TH
V/v triển khai thực hiện Nghị định số
 178/2026/NĐ-CP ngày 20/5/2026
        của Chính phủ

                     Kính gửi: - Các sở, ban, ngành thuộc UBND tỉnh;
                               - Ủy ban nhân dân các xã, phường.

      Thực hiện Nghị định số 178/2026/NĐ-CP ngày 20 tháng 5 năm 2026 của Chính phủ, Chủ
tịch Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai thực hiện./.

Nơi nhận:                                                          KT. CHỦ TỊCH
- Như trên;                                                        PHÓ CHỦ TỊCH
- Thường trực Tỉnh ủy (báo cáo);
- Lưu: VT, TH(Dũng).

                                                                  Ngô Hạnh Phúc
"""


def _module():
    return script("layout_pdf")


def test_only_a_text_that_keeps_its_columns_is_drawn():
    layout_pdf = _module()
    assert layout_pdf.laid_out(LAID_OUT)
    one_column = "\n".join(" ".join(line.split()) for line in LAID_OUT.splitlines())  # the columns run together
    assert not layout_pdf.laid_out(one_column)


def test_the_drawn_letter_keeps_its_columns_and_parses(tmp_path, parsed):
    layout_pdf = _module()
    if not layout_pdf.FONT.exists():
        pytest.skip("DejaVu Serif is not installed (fonts-dejavu)")
    out = tmp_path / "cv-7103.pdf"
    layout_pdf.draw(LAID_OUT, out)
    with pdfplumber.open(out) as pdf:
        words = pdf.pages[0].extract_words()
    issuer = next(w for w in words if w["text"] == "ỦY")
    quoc_hieu = next(w for w in words if w["text"] == "CỘNG")
    assert quoc_hieu["x0"] > issuer["x0"] + 200 and abs(quoc_hieu["top"] - issuer["top"]) < 1
    doc = parsed(out).document
    assert (doc.number, doc.place, doc.date) == ("7103/UBND-TH", "Lào Cai", date(2026, 7, 10))
    assert doc.subject == "triển khai thực hiện Nghị định số 178/2026/NĐ-CP ngày 20/5/2026 của Chính phủ"
    assert doc.recipients == ["Các sở, ban, ngành thuộc UBND tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                                          "Ngô Hạnh Phúc")
    assert doc.distribution == ["Như trên", "Thường trực Tỉnh ủy (báo cáo)", "Lưu: VT, TH(Dũng)"]
