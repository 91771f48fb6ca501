"""A received stamp's text or a seal run into an OCR'd header line: the tên loại and the trích
yếu are read without it, and an organ's kind at the head of an OCR'd issuer line is kept out of
the word-list repair (examples from the real letters: cuchc-qd26, bqp-vbhn46, 46-TB)."""
from __future__ import annotations

import pytest
from conftest import REAL, gold, skip_or_fail

from congvan import domain, lexicon
from congvan.segment import _after_stamp, type_of_title
from congvan.types import Line


def _ocr(text: str) -> Line:
    return Line(text=text, conf=90.0, x0=100.0, x1=500.0, top=100.0, bottom=112.0)


@pytest.mark.parametrize("read, words", [
    ("sz44]0y - QUYÉT ĐỊNH", "QUYÉT ĐỊNH"),
    ("Kính chuyển...[10?.......... cư : THÔNG TƯ", "THÔNG TƯ"),
    ("avøtt..⁄‡.../2( Xử phạt vi phạm hành chính", "Xử phạt vi phạm hành chính"),
])
def test_a_stamps_text_before_the_words_is_cut(read, words):
    assert _after_stamp(_ocr(read)).text == words


@pytest.mark.parametrize("read", [
    "\\W việc thụ lý giải quyết khiếu nại lần hai",  # a damaged 'Về' of 'Về việc'
    "Xử phạt vi phạm hành chính",  # nothing to cut
    "ĐTXD 2025-2030 khu công nghiệp",  # codes and numbers are words
    "ab! THÔNG BÁO",  # a mark or two: the line's own
    "Quy định vàhướng dẫn tổ chức lễ tang",  # words OCR ran together: the line's own
])
def test_the_lines_own_words_are_not_cut(read):
    assert _after_stamp(_ocr(read)) is None


def test_a_text_layer_line_is_never_cut():
    assert _after_stamp(Line(text="sz44]0y - QUYẾT ĐỊNH")) is None
    assert type_of_title("QUYÉT ĐỊNH") == "QĐ"


def test_an_issuer_head_is_kept_out_of_the_word_list_repair():
    heads = domain.issuer_heads()
    # 'cúc hoa' is a word of the list: without the head kept out, 'HOA CHÁT' stayed as read
    assert lexicon.repair("CÚC HOA CHÁT", heads) == ("CÚC HÓA CHẤT", 1)
    assert lexicon.repair("CÚC HOA CHÁT") == ("CÚC HOA CHÁT", 0)
    assert lexicon.repair("SỞ CÔNG THƯONG", heads) == ("SỞ CÔNG THƯƠNG", 1)


def test_the_real_decision_under_a_received_stamp(parsed):
    from congvan import ocr

    path = REAL / "cuchc-qd26-2026-xpvphc.pdf"
    if not path.exists():
        pytest.skip("../shared/real is absent")
    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    doc = parsed(path, ocr="auto").document
    g = gold("real/cuchc-qd26-2026-xpvphc.json")["document"]
    assert (doc.type, doc.issuer.name, doc.subject) == (g["type"], g["issuer"]["name"], g["subject"])


@pytest.mark.parametrize("line, code", [("- GIẤY XÁC NHẬN", "GXN"),  # a 150 dpi scan: the rule above it read as '-'
                                        ("— QUYẾT ĐỊNH", "QĐ"), ("-QUYẾT ĐỊNH", None),
                                        ("- Các Sở, ban, ngành", None)])
def test_a_title_after_the_rules_remnant(line, code):
    assert type_of_title(line) == code
