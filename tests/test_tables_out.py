"""Tables out: `parse --format csv --table N` and `--format xlsx`, read back as a spreadsheet would."""
from __future__ import annotations

import csv

import pytest

from conftest import SEEDS

from congvan.cli import main
from congvan.emit.tables import all_tables

QD43 = SEEDS / "qd-43-2008-QD-TTg.txt"
CV232 = SEEDS / "cv-232-BTTTT-KHTC-2018.md"


def test_csv_of_43_2008_first_table_reads_back_with_its_header(tmp_path, parsed):
    out = tmp_path / "t1.csv"
    assert main([str(QD43), "--format", "csv", "--table", "1", "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:  # the BOM a spreadsheet reads as UTF-8
        rows = list(csv.reader(fh))
    assert rows[0] == ["STT", "Tên dự án", "Thời gian thực hiện", "Đơn vị chủ trì",
                       "Tổng nhu cầu kinh phí (từ ngân sách trung ương) (triệu đồng)",
                       "Nhu cầu kinh phí năm 2008 (từ ngân sách trung ương) (triệu đồng)", "Ghi chú"]
    [(where, table)] = all_tables(parsed(QD43))[:1]
    assert where == "Phụ lục I"
    assert len(rows) == 1 + len(table.rows) == 23
    assert rows[1] == ["", "Nhóm dự án dùng chung", "", "", "", "93.500", ""]
    assert rows[2][:4] == ["1", "Cổng thông tin điện tử của các Bộ, tỉnh điểm", "2008", "Các Bộ, tỉnh điểm"]
    assert all(len(r) == 7 for r in rows)


def test_csv_header_paths_become_header_rows(tmp_path):
    out = tmp_path / "t.csv"
    assert main([str(CV232), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(open(out, encoding="utf-8-sig", newline="")))
    # ["Nguồn vốn", "NSTU", "Đầu tư"] ...: three header rows, a group's label over its first column
    assert rows[0][7:13] == ["Tổng mức đầu tư", "Nguồn vốn", "", "", "", "Ghi chú"]
    assert rows[1][8:12] == ["NSTU", "", "NSDP", ""]
    assert rows[2][8:12] == ["Đầu tư", "Sự nghiệp", "Đầu tư", "Sự nghiệp"]
    assert rows[3][:2] == ["I", "Thực hiện bằng các dự án đầu tư"]


def test_xlsx_one_sheet_per_table_with_merged_header_rows(tmp_path, parsed):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "t.xlsx"
    assert main([str(CV232), "--format", "xlsx", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["1. PHỤ LỤC 1", "2. PHỤ LỤC 2"]
    ws = wb.worksheets[0]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"I1:L1", "I2:J2", "K2:L2", "A1:A3", "M1:M3"} <= merged
    assert ws["I1"].value == "Nguồn vốn" and ws["K2"].value == "NSDP" and ws["L3"].value == "Sự nghiệp"
    assert ws["A4"].value == "I"

    out43 = tmp_path / "43.xlsx"
    assert main([str(QD43), "--format", "xlsx", "-o", str(out43)]) == 0
    wb43 = openpyxl.load_workbook(out43)
    assert len(wb43.sheetnames) == len(all_tables(parsed(QD43))) == 5
    first = wb43.worksheets[0]
    assert first["F2"].value == 93500  # "93.500" triệu đồng, a number the sheet can sum
    assert first["A3"].value == "1" and first["C3"].value == 2008


def test_table_option_errors(capsys):
    assert main([str(CV232), "--format", "csv", "--table", "9"]) == 2
    assert "has 2 table(s)" in capsys.readouterr().err
    assert main([str(CV232), "--table", "1"]) == 2


def test_letter_without_tables(capsys):
    from conftest import ROOT

    assert main([str(ROOT / "corpora" / "authored" / "cv-1234-STC-NS-2025.txt"), "--format", "csv"]) == 2
    assert "has no tables" in capsys.readouterr().err


def test_xlsx_to_standard_output_is_the_workbook():
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "congvan", str(CV232), "--format", "xlsx"], capture_output=True)
    assert p.returncode == 0 and p.stdout.startswith(b"PK\x03\x04"), p.stderr
