"""parser/text.py's fold: the matching key every stage uses, through its one-table fast path and
its decomposing slow path alike."""
from __future__ import annotations

import unicodedata

import pytest

from congvan.text import FAMILIES, fold


def _fold_by_decomposing(text: str) -> str:
    """The key as first written: Đ to D, then NFD with the marks dropped, lower case."""
    text = text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


@pytest.mark.parametrize("text, key", [
    ("QUYẾT ĐỊNH", "quyet dinh"), ("Kính gửi:", "kinh gui:"), ("V/v triển khai", "v/v trien khai"),
    ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "uy ban nhan dan tinh lao cai"),
    ("Ðiều 1", "dieu 1"),  # the look-alike Ð (U+00D0) of old fonts
    ("Quye\u0301t đi\u0323nh", "quyet dinh"),  # decomposed marks: the slow path
    ("Số: 232/BTTTT–KHTC “gấp”", "so: 232/btttt–khtc “gap”"),  # dashes and quotes stay
])
def test_fold_examples(text, key):
    assert fold(text) == key == _fold_by_decomposing(text)


def test_fold_agrees_with_decomposing_on_every_letter_and_mark():
    letters = "".join(FAMILIES) + "".join(FAMILIES).upper() + "ĐÐéèñüÅø\u0301\u0323\u0300"
    for a in letters:
        for b in letters:
            assert fold(a + b) == _fold_by_decomposing(a + b), repr(a + b)


def test_a_number_cut_at_its_dash_is_joined_with_the_dash():
    from congvan.text import join_notation_cut

    # a trích yếu wrapped inside a cited number (QĐ 2848/QĐ-UBND, Lào Cai; a party programme's number)
    assert join_notation_cut("của Quyết định số 1696/QĐ-", "UBND ngày 15 tháng 5") == \
        "của Quyết định số 1696/QĐ-UBND ngày 15 tháng 5"
    assert join_notation_cut("Chương trình hành động số 31-", "CTr/TW ngày 28/7/2026") == \
        "Chương trình hành động số 31-CTr/TW ngày 28/7/2026"
    # a compound, a range of years, a place after a dash: not a number's code
    assert join_notation_cut("kinh tế-", "xã hội") is None
    assert join_notation_cut("giai đoạn 2021-", "2025") is None
    assert join_notation_cut("giai đoạn 2021-", "Hà Nội") is None


def test_a_decomposed_text_reads_as_the_composed_one(parsed, tmp_path):
    """A text saved decomposed (NFD, as a Mac may write it): the header set with tab stops
    (corpora/authored/cv-12) is found on the composed text, and the note says it was composed."""
    import unicodedata

    from conftest import ROOT

    src = ROOT / "corpora" / "authored" / "cv-12-SXD-QLN-2026.txt"
    nfd = tmp_path / "cv-12-nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", src.read_text(encoding="utf-8")), encoding="utf-8")
    want, got = parsed(src), parsed(nfd)
    assert (got.document.number, got.document.date) == ("12/SXD-QLN", want.document.date)
    assert got.document.model_dump(exclude={"provenance"}) == want.document.model_dump(exclude={"provenance"})
    assert "composed to NFC (the text was decomposed)" in got.source.normalizations
