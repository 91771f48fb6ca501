"""Tests of parser/ocr.py, the Tesseract wrapper.

The real-scan test needs tesseract with the 'vie' model and /work/shared/real; without
either it is skipped. It OCRs one page at 200 dpi (about 1.5 s).
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from congvan import ocr  # noqa: E402
from congvan.types import Word  # noqa: E402
from conftest import skip_or_fail  # noqa: E402

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
SCAN = REAL / "46-TB.pdf"  # image-only scan: Quảng Ngãi People's Committee notice


def _need_ocr() -> None:
    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not available")
    if not REAL.is_dir() or not SCAN.is_file():
        pytest.skip(f"real documents not found at {REAL}")


@pytest.fixture(scope="module")
def page1() -> ocr.PageOCR:
    _need_ocr()
    result = ocr.ocr_pdf_pages(SCAN.read_bytes(), [1], dpi=200)
    assert list(result) == [1]
    return result[1]


def test_scan_page1_words(page1: ocr.PageOCR) -> None:
    assert page1.number == 1
    # A4-ish page in points, not pixels
    assert 500 < page1.width < 700 and 750 < page1.height < 900
    assert len(page1.words) > 100
    assert all(isinstance(w, Word) and w.page == 1 for w in page1.words)

    upper = [w.text.upper().strip(".,:;") for w in page1.words if w.bottom < page1.height / 3]
    assert "THÔNG" in upper
    assert "BÁO" in upper
    assert "QUẢNG" in upper or "NGÃI" in upper

    for w in page1.words:
        assert w.text.strip()
        assert 0 <= w.x0 <= w.x1 <= page1.width
        assert 0 <= w.top <= w.bottom <= page1.height
        assert w.size is not None and 0 < w.size < 100
        assert w.conf is not None and 0 <= w.conf <= 100

    assert page1.mean_conf is not None and page1.mean_conf > 50
    assert page1.seconds > 0


def test_errors_are_one_line_ocrerrors(monkeypatch) -> None:
    _need_ocr()
    monkeypatch.delenv("CONGVAN_OCR_CACHE", raising=False)  # a cached page would not time out
    data = SCAN.read_bytes()
    with pytest.raises(ocr.OCRError, match="timed out") as e:
        ocr.ocr_pdf_pages(data, [1], dpi=200, timeout=0.05)
    assert "\n" not in str(e.value)
    with pytest.raises(ocr.OCRError, match="no model"):
        ocr.ocr_pdf_pages(data, [1], lang="xx_nonexistent")
    with pytest.raises(ocr.OCRError, match="cannot open PDF"):
        ocr.ocr_pdf_pages(b"not a pdf", [1])
    with pytest.raises(ValueError, match="out of range"):
        ocr.ocr_pdf_pages(data, [99])
    assert ocr.ocr_pdf_pages(data, []) == {}


def test_parse_tsv_scales_and_filters() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
        "4\t1\t1\t1\t1\t0\t300\t120\t900\t50\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t300\t120\t150\t50\t96.5\tQUẢNG\n"
        "5\t1\t1\t1\t1\t2\t500\t120\t100\t50\t-1\t\n"
        "5\t1\t1\t1\t1\t3\t700\t120\t100\t50\t95\t \n"
        "5\t1\t1\t1\t1\t4\t2470\t3500\t30\t20\t40\tx\n"
    )
    words = ocr.parse_tsv(tsv, 2, dpi=300, width=595.0, height=842.0)
    assert [w.text for w in words] == ["QUẢNG", "x"]
    w = words[0]
    assert (w.x0, w.x1, w.top, w.bottom) == (72.0, 108.0, 28.8, 40.8)
    assert w.size == 12.0 and w.conf == 96.5 and w.page == 2
    assert words[1].x1 == 595.0 and words[1].bottom == 842.0  # clamped to the page


def test_crops_read_together_as_each_alone() -> None:
    """ocr.read_crops reads several crops in one Tesseract run (a multi-page TIFF): each crop
    must give the lines and confidences it gives alone. The crops are the first four lines of
    three words or more that the page OCR found on a real scan (46-TB, page 1)."""
    _need_ocr()
    data = SCAN.read_bytes()
    page = ocr.ocr_pdf_pages(data, [1], dpi=200)[1]
    rows: dict[int | None, list[Word]] = {}
    for w in page.words:
        rows.setdefault(w.line, []).append(w)
    lines = [ws for ws in rows.values() if len(ws) >= 3][:4]
    boxes = [(1, (min(w.x0 for w in ws) - 4, min(w.top for w in ws) - 4,
                  max(w.x1 for w in ws) + 4, max(w.bottom for w in ws) + 4)) for ws in lines]
    crops = [gray for gray, _ in ocr.render_crops(data, boxes, dpi=300)]
    together = ocr.read_crops(crops, dpi=300)
    alone = [ocr.read_crops([c], dpi=300)[0] for c in crops]
    assert len(together) == 4 and all(together)
    assert together == alone
