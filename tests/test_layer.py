"""No page left unread (parser/load/layer.py) and signing stamps as metadata (parser/load/signing.py).

A text layer is used only when it is the letter's text: pages drawn as vector outlines,
images, mojibake layers and old OCR layers without tone marks are OCR'd. The signing box of
a signed PDF becomes `source.signature_stamps`, never the letter's date.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import PDFS, REAL, ROOT, gold, skip_or_fail

from congvan.load import layer, signing
from congvan.settings import LayerSettings

SETTINGS = LayerSettings()


def _survey(path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return layer.survey(doc, SETTINGS)
    finally:
        doc.close()


def test_unicode_and_legacy_layers_are_text():
    seed = (ROOT / "corpora" / "seeds" / "qd-43-2008-QD-TTg.txt").read_text(encoding="utf-8")
    assert layer.text_verdict(seed, SETTINGS)[0] == "text"
    from congvan.encoding import decode_legacy_bytes

    for legacy in sorted((ROOT / "corpora" / "legacy").glob("*.txt")):  # TCVN3 / VNI: converted later, not OCR'd
        assert layer.text_verdict(decode_legacy_bytes(legacy.read_bytes()), SETTINGS) == ("text", "legacy font encoding"), \
            legacy.name


def test_unmarked_and_mojibake_text_is_not_a_layer():
    from congvan.domain import fold

    seed = (ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt").read_text(encoding="utf-8")
    assert layer.text_verdict(fold(seed), SETTINGS)[0] == "no_diacritics"  # what an old OCR layer looks like
    # the glyph ids of a Ghostscript rewrite (laocai KH 1105's first lines, as its layer gives them)
    # are decoded by the loader font by font (parser.glyphcodes): a text page
    shifted = "6Ӣ CÔNG 7+ѬѪ1* Ĉ2¬1 .,ӆ0 TRA THEO 48<ӂ7 Ĉӎ1+ 6Ӕ 4Ĉ6&7 &Ӝ1* HÒA XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,ӊ7 NAM " \
              "ĈӝF OұS - 7ӵ do - +ҥQK Phúc Lào Cai, ngày 10 tháng 3 QăP 2026 .LӇP tra YLӋF FKҩS hành Quy ÿӏQK pháp OXұW"
    assert layer.text_verdict(shifted, SETTINGS) == ("text", layer.GLYPH_IDS)
    # letters no table explains stay mojibake: Russian is not decoded into Vietnamese
    russian = " ".join(["Министерство промышленности и торговли Российской Федерации приказ"] * 3)
    assert layer.text_verdict(russian, SETTINGS)[0] == "mojibake"


def test_corpus_pdfs_are_read_from_their_layer():
    for pdf in sorted(PDFS.glob("*.pdf")):
        assert {s.verdict for s in _survey(pdf)} == {"text"}, pdf.name


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
@pytest.mark.parametrize("name, verdict", [
    ("laocai-kh1105-2026-dkt.pdf", "text"), ("laocai-tb1894-2026-sct.pdf", "text"),
    ("cuchc-qd26-2026-xpvphc.pdf", "no_diacritics"), ("cucdck-cv1178-2025.pdf", "text"),
    ("575-UB.pdf", "image"), ("vl-bc301-2026-stp.pdf", "text"),
])
def test_real_layers_judged(name, verdict):
    assert {s.verdict for s in _survey(REAL / name)} == {verdict}


def test_vector_outline_letter_is_read_by_ocr(tmp_path, parsed):
    """A Print-to-PDF-style letter: its glyphs are paths, there is no text layer at all."""
    from congvan import ocr

    if shutil.which("gs") is None:
        skip_or_fail("ghostscript (gs) is not installed")
    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    out = tmp_path / "outlined.pdf"
    subprocess.run(["gs", "-q", "-o", str(out), "-dNoOutputFonts", "-dFirstPage=1", "-dLastPage=1",
                    "-sDEVICE=pdfwrite", str(PDFS / "cv-232-BTTTT-KHTC-2018.pdf")], check=True, timeout=120)
    assert [s.verdict for s in _survey(out)] == ["vector"]
    letter = parsed(out, ocr="auto")
    want = gold("seeds/cv-232-BTTTT-KHTC-2018.json")["document"]
    assert letter.source.text_source == "ocr"
    assert letter.document.number == want["number"]
    assert letter.document.date.isoformat() == want["date"]
    assert letter.document.issuer.name == want["issuer"]["name"]
    assert any("vector outlines" in n for n in letter.source.normalizations)


def test_signing_box_lines():
    box = "Ký bởi: Bộ Công Thương\nCơ quan: Bộ Công thương\nThời gian ký: 02.04.2026 14:24:26 +07:00"
    [s] = signing.read_stamps(box, 1, "widget")
    assert (s.kind, s.signer, s.organization, s.time) == \
        ("signing", "Bộ Công Thương", "Bộ Công thương", "2026-04-02T14:24:26+07:00")
    vgp = ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: thongtinchinhphu@chinhphu.vn\n"
           "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nThời gian ký: 05.05.2026 14:59:27 +07:00")
    [s] = signing.read_stamps(vgp, 1, "widget")
    assert (s.signer, s.email, s.time) == ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", "thongtinchinhphu@chinhphu.vn",
                                           "2026-05-05T14:59:27+07:00")
    [c] = signing.read_stamps("SAO Y\nSỞ NỘI VỤ\n19/05/2026", 1, "text")
    assert (c.kind, c.organization, c.time) == ("copy", "SỞ NỘI VỤ", "2026-05-19")
    assert signing.read_stamps("Căn cứ Luật Tổ chức Chính phủ ngày 19/6/2015;", 1, "text") == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
def test_signed_scan_reports_its_signing_box_not_as_the_date(parsed):
    letter = parsed(REAL / "bct-cv2265-2026-atmt.pdf", ocr="off")
    stamps = letter.source.signature_stamps
    assert [(s.kind, s.signer, s.time) for s in stamps] == [("signing", "Bộ Công Thương", "2026-04-02T14:24:26+07:00")]
    # without OCR the page has no text of the letter's own: the box's date is not taken for the letter's
    assert letter.document.date is None and letter.document.number is None
