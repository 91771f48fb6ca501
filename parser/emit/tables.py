"""The letter's tables for spreadsheets: `csv` (one table) and `xlsx` (one sheet per table).

Tables are numbered 1, 2, ... in the letter's order: those of the body (`letter.tables`), then
each annex's. A table's columns are header paths (["Nguồn vốn", "NSTU", "Đầu tư"]); they become
header rows, one per level: in CSV a group's label stands over its first column and the cells it
spans are empty, as a merged cell looks; in XLSX they are merged cells. Data rows follow, the
cells as printed (in XLSX a cell whose number was read, such as "93.500", is that number).
"""
from __future__ import annotations

import csv
import io


def all_tables(letter) -> list[tuple[str, object]]:
    """(where, table) for every table, numbered from 1 in this order."""
    out = [("body", t) for t in letter.tables]
    for a in letter.annexes:
        out += [(a.label, t) for t in a.tables]
    return out


def pick(letter, n: int | None):
    """The chosen tables; none when the letter has none (the CLI says so before rendering)."""
    tables = all_tables(letter)
    if n is None or not tables:
        return tables
    if not 1 <= n <= len(tables):
        raise ValueError(f"--table {n}: the letter has {len(tables)} table(s)")
    return [tables[n - 1]]


def header_rows(table) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The header as rows of labels, and the merged ranges (row0, col0, row1, col1), 0-based inclusive."""
    paths = [list(p) or [""] for p in table.columns]
    width = max((len(r.cells) for r in table.rows), default=0)
    paths += [[""]] * (width - len(paths))
    depth = max((len(p) for p in paths), default=0)
    rows = [[""] * len(paths) for _ in range(depth)]
    merges: list[tuple[int, int, int, int]] = []
    for level in range(depth):
        j = 0
        while j < len(paths):
            p = paths[j]
            if len(p) <= level:
                j += 1
                continue
            k = j + 1
            while k < len(paths) and len(paths[k]) > level and paths[k][:level + 1] == p[:level + 1]:
                k += 1
            rows[level][j] = p[level]
            last_level = level == len(p) - 1
            if k - j > 1:
                merges.append((level, j, level, k - 1))
            elif last_level and level < depth - 1:  # a column whose header is shallower: merged down
                merges.append((level, j, depth - 1, j))
            j = k
    return rows, merges


def _cells(row, width: int) -> list[str]:
    cells = ["" if c is None else c for c in row.cells]
    return cells + [""] * (width - len(cells))


def render_csv(letter, table: int | None = None) -> str:
    """One table as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the Vietnamese
    letters right); `table` is 1-based, default the first."""
    chosen = pick(letter, table or 1)
    if not chosen:
        return "\ufeff"
    [(_, t)] = chosen
    head, _ = header_rows(t)
    width = max([len(h) for h in head] + [len(r.cells) for r in t.rows] + [0])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for h in head:
        w.writerow(h + [""] * (width - len(h)))
    for r in t.rows:
        w.writerow(_cells(r, width))
    return "\ufeff" + buf.getvalue()


def _sheet_name(i: int, where: str, used: set[str]) -> str:
    bad = set('[]:*?/\\')
    name = "".join(ch for ch in f"{i}. {where}" if ch not in bad)[:31]
    while name in used:
        name = name[:28] + f"~{i}"
    used.add(name)
    return name


def render_xlsx(letter, table: int | None = None) -> bytes:
    """Every table (or the `table`-th) as a sheet: merged header rows, then the data rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    chosen = pick(letter, table)
    numbered = all_tables(letter)
    wb = Workbook()
    if chosen:
        wb.remove(wb.active)
    else:
        wb.active.title = "no tables"
    used: set[str] = set()
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for where, t in chosen:
        i = next(k for k, (_, x) in enumerate(numbered, 1) if x is t)
        ws = wb.create_sheet(_sheet_name(i, where, used))
        head, merges = header_rows(t)
        for r, labels in enumerate(head, 1):
            for c, label in enumerate(labels, 1):
                cell = ws.cell(row=r, column=c, value=label or None)
                cell.font, cell.alignment = bold, center
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for r, row in enumerate(t.rows, len(head) + 1):
            for c, text in enumerate(row.cells, 1):
                value = row.values[c - 1] if c - 1 < len(row.values) else None
                if value is not None and text is not None and text != row.label:  # "1.1" stays a label
                    ws.cell(row=r, column=c, value=int(value) if float(value).is_integer() else value)
                elif text is not None:
                    ws.cell(row=r, column=c, value=text)
        if head:
            ws.freeze_panes = ws.cell(row=len(head) + 1, column=1)
        if t.title:  # printed over each page, the sheet itself starting with the header rows
            ws.oddHeader.center.text = t.title[:250]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
