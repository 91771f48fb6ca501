"""A PDF whose text layer is TCVN3 (.VnTime) or VNI (VNI-Times) mojibake parses like its
Unicode twin.

All three are rendered from seed 1959 (the seed of corpora/legacy) by scripts/render_pdf.py, the
legacy ones with ``legacy="tcvn3"`` / ``"vni"``: the same page, its words drawn as the legacy
codes ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM") with an ordinary font, as such a PDF's text layer
extracts. VNI writes a toned letter as two codes, each drawn with its own width here (a VNI
font overstrikes the second), so the VNI twin's lines are longer and some wrap where the
Unicode twin's do not: its values are compared, not its pages and spans.
"""
from __future__ import annotations


import pytest

from conftest import SEEDS

pytest.importorskip("reportlab")

from congvan import parse_bytes  # noqa: E402
from congvan.domain import fold  # noqa: E402
from congvan.encoding import convert_lines, detect_legacy, document_encoding, from_unicode  # noqa: E402
from congvan.layout import layout_pages  # noqa: E402
from congvan.load import load  # noqa: E402
from congvan.settings import Settings  # noqa: E402

SEED = SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt"


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> dict[str, bytes]:
    from render_pdf import render_seed

    out = tmp_path_factory.mktemp("legacy-pdf")
    pdfs = {}
    for legacy in (None, "tcvn3", "vni"):
        path = out / f"{SEED.stem}.{legacy or 'unicode'}.pdf"
        render_seed(SEED, path, legacy=legacy)
        pdfs[legacy or "unicode"] = path.read_bytes()
    return pdfs


def test_text_layer_holds_tcvn3(twins):
    page = load(twins["tcvn3"], "x.pdf", Settings(ocr="off")).pages[0]
    words = [w.text for w in page.words]
    assert {"CéNG", "HßA", "Sè:", "ngµy"} <= set(words)
    assert "h\xadíng" in words  # ư is 0xAD, a soft hyphen elsewhere: drawn, not dropped
    assert page.text_source == "pdf_text"  # read from the layer (the survey knows legacy fonts), not OCR'd


def _view(letter):
    """The parsed values and their spans; the boxes are left out (legacy glyphs are drawn with
    other widths, so the twins' lines are not exactly as long)."""
    def no_boxes(x):
        if isinstance(x, dict):
            return {k: no_boxes(v) for k, v in x.items() if k != "bbox"}
        if isinstance(x, list):
            return [no_boxes(v) for v in x]
        return x

    return no_boxes({
        "document": letter.document.model_dump(),
        "body": [s.model_dump() for s in letter.body],
        "references": [r.model_dump() for r in letter.references],
        "deadlines": [d.model_dump() for d in letter.deadlines],
    })


def test_tcvn3_pdf_parses_like_its_unicode_twin(twins):
    uni = parse_bytes(twins["unicode"], "cv-1959.pdf", Settings(ocr="off"))
    legacy = parse_bytes(twins["tcvn3"], "cv-1959.tcvn3.pdf", Settings(ocr="off"))
    assert (uni.source.encoding, legacy.source.encoding) == (None, "tcvn3")
    assert legacy.document.number == "1959/BTTTT-UDCNTT" and legacy.document.date == uni.document.date
    a, b = _view(uni), _view(legacy)
    for key in a:
        assert b[key] == a[key], key


def _bare(x):
    """A dumped value without where it stands (pages, boxes, spans)."""
    if isinstance(x, dict):
        return {k: _bare(v) for k, v in x.items() if k not in WHERE}
    if isinstance(x, list):
        return [_bare(v) for v in x]
    return x


def _values(letter) -> dict:
    """What the letter says, without where it stands (pages, boxes, spans)."""
    return _bare({
        "document": letter.document.model_dump(exclude={"issuer", "recipients"}),
        "references": [r.model_dump() for r in letter.references],
        "deadlines": [d.model_dump() for d in letter.deadlines],
        "dates": [d.model_dump() for d in letter.dates],
        "annexes": [a.model_dump() for a in letter.annexes],
    })


WHERE = {"bbox", "page", "provenance", "span", "title_span", "text_spans", "cell_provenance", "occurrences"}


def test_vni_pdf_parses_like_its_unicode_twin(twins):
    uni = parse_bytes(twins["unicode"], "cv-1959.pdf", Settings(ocr="off"))
    vni = parse_bytes(twins["vni"], "cv-1959.vni.pdf", Settings(ocr="off"))
    assert (uni.source.encoding, vni.source.encoding) == (None, "vni") and vni.source.text_source == "pdf_text"
    assert vni.document.number == "1959/BTTTT-UDCNTT" and vni.document.date == uni.document.date
    assert len(vni.references) == len(uni.references) >= 5 and len(vni.dates) == len(uni.dates) >= 10
    a, b = _values(uni), _values(vni)
    for key in a:
        assert b[key] == a[key], key
    assert not vni.warnings


def test_vni_pdf_header_and_body_like_its_unicode_twin(twins):
    """The VNI twin's longer lines wrap where the Unicode twin's do not (module docstring): the
    issuer ('BỘ THÔNG TIN VÀ TRUYỀN' / 'THÔNG') beside the quốc hiệu ('CỘNG HÒA XÃ HỘI CHỦ NGHĨA' /
    'VIỆT NAM'), an addressee before 'Minh;', a sentence before '– FileServer).'. The same issuer,
    addressees and body are read (the body's values: its pages and spans differ with the lines);
    the issuer's raw lines are as printed, two of them."""
    uni = parse_bytes(twins["unicode"], "cv-1959.pdf", Settings(ocr="off"))
    vni = parse_bytes(twins["vni"], "cv-1959.vni.pdf", Settings(ocr="off"))
    a, b = uni.document.issuer, vni.document.issuer
    assert (b.name, b.code, b.parent) == (a.name, a.code, a.parent)
    assert b.raw == ["BỘ THÔNG TIN VÀ TRUYỀN", "THÔNG"] and " ".join(b.raw) == " ".join(a.raw)
    assert vni.document.recipients == uni.document.recipients
    assert _bare([s.model_dump() for s in vni.body]) == _bare([s.model_dump() for s in uni.body])


def test_the_encoding_is_detected_once_a_parse(twins, monkeypatch):
    """The legacy-fonts stage detects the encoding once (layout reads through its result and the
    conversion uses it), for a TCVN3 PDF and for a .txt in TCVN3 alike."""
    import congvan.encoding as enc
    import congvan.layout as layout

    calls = []
    real = enc.detect_legacy
    monkeypatch.setattr(enc, "detect_legacy", lambda text: calls.append(real(text)) or calls[-1])
    assert parse_bytes(twins["tcvn3"], "x.pdf", Settings(ocr="off")).source.encoding == "tcvn3"
    text = from_unicode(SEED.read_text(encoding="utf-8"), "tcvn3").encode("cp1252", errors="replace")
    assert parse_bytes(text, "x.txt").source.encoding == "tcvn3"
    assert calls == ["tcvn3", "tcvn3"] and not hasattr(layout, "detect_legacy")


def test_layout_reads_the_tcvn3_header_and_closing_as_columns(twins):
    """The layout stage itself: quốc hiệu, Số, the date line, Nơi nhận and the authority line are
    found in TCVN3 words, so the two-column bands come out as in the twin (before this, the
    TCVN3 header was read as interleaved rows and only later stages recovered it)."""
    def laid_out(data):
        pages = load(data, "x.pdf", Settings(ocr="off")).pages
        encoding = document_encoding(pages)  # the legacy-fonts stage: detection, then conversion
        lines, _ = layout_pages(pages, encoding=encoding)
        return [(ln.page, ln.column, fold(ln.text).lower()) for ln in convert_lines(lines, encoding) if ln.column]

    uni, legacy = laid_out(twins["unicode"]), laid_out(twins["tcvn3"])
    assert ("right" in {c for _, c, _ in legacy}) and legacy == uni
    assert (1, "right", "cong hoa xa hoi chu nghia viet nam") in legacy
    assert (4, "right", "kt. bo truong") in legacy


def test_detection_reads_a_sample():
    """Detection reads a sample of the text's words (the first 200 that are not ASCII): TCVN3 is
    found in a long text, Unicode is never reported as legacy, and legacy words that only come
    after a long Unicode opening are not looked at (the documented cost of the sample)."""
    text = SEED.read_text(encoding="utf-8")
    legacy = from_unicode(text, "tcvn3")
    assert detect_legacy(legacy) == "tcvn3" and detect_legacy(text) is None
    assert detect_legacy(legacy * 20) == "tcvn3"
    opening = " ".join(["Việt Nam"] * 400)
    assert detect_legacy(opening + " " + legacy) is None
