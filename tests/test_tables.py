"""Annex tables (issue 5): the 43/2008/QĐ-TTg and 232/BTTTT-KHTC seeds, as text and as rendered PDF."""
from __future__ import annotations

import pytest
from conftest import SEEDS

QD43 = "qd-43-2008-QD-TTg"
CV232 = "cv-232-BTTTT-KHTC-2018"
# (annex, columns, body rows) of the five tables of 43/2008, counted by reading the annexes
QD43_TABLES = [("Phụ lục I", 7, 22), ("Phụ lục I", 7, 9), ("Phụ lục II", 2, 10), ("Phụ lục III", 2, 49),
               ("Phụ lục IV", 3, 9)]


def _letter(kind, stem, parsed, rendered_pdfs):
    if kind == "text":
        return parsed(next(SEEDS.glob(stem + ".*")))
    return parsed(rendered_pdfs[stem])


def _tables(letter):
    return [(a.label, t) for a in letter.annexes for t in a.tables]


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_43_five_tables_and_their_totals(kind, parsed, rendered_pdfs):
    letter = _letter(kind, QD43, parsed, rendered_pdfs)
    tables = _tables(letter)
    assert [(label, len(t.columns), len(t.rows)) for label, t in tables] == QD43_TABLES
    nhom_a, nhom_b = tables[0][1], tables[1][1]
    assert nhom_a.title == "NHÓM A. NGUỒN VỐN ĐẦU TƯ PHÁT TRIỂN" and nhom_b.title == "NHÓM B. NGUỒN VỐN SỰ NGHIỆP"
    assert nhom_a.unit == "triệu đồng"
    checks = [c for _, t in tables for c in t.checks]
    assert sorted(c.expected for c in checks) == [33500, 93500, 93700, 127000]
    assert all(c.ok for c in checks)
    assert [c.kind for c in nhom_a.checks].count("subtotal") == 2
    assert not [w for w in letter.warnings if w.code == "total_mismatch"]
    # rows keep their hierarchy: group rows at level 1, numbered projects under them
    groups = [r.cells[1] for r in nhom_a.rows if r.kind == "group"]
    assert groups == ["Nhóm dự án dùng chung", "Nhóm dự án đặc thù cấp ngành"]
    assert [r.label for r in nhom_a.rows if r.level == 2][:3] == ["1", "2", "3"]
    assert nhom_a.rows[-1].kind == "total"


def test_43_altered_copy_raises_exactly_the_expected_warnings(tmp_path, parsed):
    text = (SEEDS / f"{QD43}.txt").read_text(encoding="utf-8").split("\n")
    # Nhóm A, project 1 "Cổng thông tin điện tử": 2008 need 30.000 -> 31.000 (its group no longer sums)
    at = text.index("\tCổng thông tin điện tử của các Bộ, tỉnh điểm")
    assert text[at + 4] == "\t30.000"
    text[at + 4] = "\t31.000"
    # Nhóm B total 93.700 -> 95.700
    at = text.index("\t93.700")
    text[at] = "\t95.700"
    altered = tmp_path / "altered.txt"
    altered.write_text("\n".join(text), encoding="utf-8")
    letter = parsed(altered)
    warnings = sorted(w.where for w in letter.warnings if w.code == "total_mismatch")
    assert warnings == ["Phụ lục I, table 1, row 1, column 6", "Phụ lục I, table 2, row 9, column 6"]
    checks = {(c.where, c.ok) for _, t in _tables(letter) for c in t.checks}
    assert ("row 22, column 6", True) in checks  # the grand total still equals the two subtotals


@pytest.mark.parametrize("kind", ["text", "pdf"])
def test_232_bieu_tables_header_paths_and_rows(kind, parsed, rendered_pdfs):
    letter = _letter(kind, CV232, parsed, rendered_pdfs)
    tables = _tables(letter)
    bieu = [t for _, t in tables if t.title and t.title.startswith("BIỂU TỔNG HỢP")]
    assert len(bieu) == 2
    # The first Biểu reads NSDP; the seed's OCR turned it into "NSEP" in the second, kept as written.
    for t, local in zip(bieu, ("NSDP", "NSEP")):
        assert len(t.columns) == 13
        assert t.columns[8:12] == [["Nguồn vốn", "NSTU", "Đầu tư"], ["Nguồn vốn", "NSTU", "Sự nghiệp"],
                                   ["Nguồn vốn", local, "Đầu tư"], ["Nguồn vốn", local, "Sự nghiệp"]]
        labelled = [(r.label, r.level) for r in t.rows if r.label and r.kind == "data"]
        assert labelled[0] == ("I", 1) and ("II", 1) in labelled
        after_ii = labelled[labelled.index(("II", 1)) + 1:]
        assert after_ii[:4] == [("1", 2), ("2", 2), ("3", 2), ("4", 2)]
        assert any(r.kind == "placeholder" for r in t.rows)


def test_pdf_table_continued_over_a_page_is_one_table(parsed, rendered_pdfs):
    letter = parsed(rendered_pdfs[QD43])
    pl3 = [t for label, t in _tables(letter) if label == "Phụ lục III"]
    assert len(pl3) == 1 and len(pl3[0].rows) == 49
    assert pl3[0].columns == [["STT"], ["Tên tỉnh"]]
    assert [r.cells[0] for r in pl3[0].rows] == [str(i) for i in range(1, 50)]  # no repeated header row
