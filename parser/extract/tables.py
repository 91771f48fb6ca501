"""Rows of cells -> a Table: header paths per leaf column, row labels and levels, numbers, totals.

- Header rows are the leading rows without a row label or a number. A header cell spans to
  the right over empty cells that have a header below them (a merged cell), so each leaf
  column gets its path top-down: ["Nguồn vốn", "NSTU", "Đầu tư"].
- A header row repeated after a page break is not data; a row that continues the previous
  one across the break (no label, text only) is merged into it.
- Row labels: I, II (level 1), 1, 2 (next level), 1.1 (deeper), a); group rows (`Nhóm dự án
  dùng chung`), `...` placeholders and `Tổng cộng` totals are kinds of their own.
- Numbers in Vietnamese format: `93.500` = 93500, `62,9` = 62.9, `1.100,5` = 1100.5.
- Totals are checked: a group row against the data rows under it, `Tổng cộng` against the
  groups (or all data rows); each check is a `Check`, a mismatch also a warning.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

import regex as re

from ..text import fold

# "93.500", "1.100", "62,9", "127.000", "5000", "-1.200,5"
VN_NUMBER = re.compile(r"^[-–]?\s*(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
ROMAN_LABEL = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{1,3}|V)\.?$")
ARABIC_LABEL = re.compile(r"^\d{1,3}\.?$")
DECIMAL_LABEL = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?$")
ALPHA_LABEL = re.compile(r"^[a-zđ][).]$")
PLACEHOLDER = re.compile(r"^(?:\.{3,}|…+)$")
TOTAL = re.compile(r"^(tong cong|tong so|cong|tong)\b")
GROUP = re.compile(r"^(nhom|cac|khoi|linh vuc|phan)\b")
UNIT = re.compile(r"(?i)(?:ĐVT|đơn vị tính)\s*[:.]\s*(?P<unit>[^;)]+)|\((?P<unit2>(?:triệu|nghìn|tỷ|ngàn)?\s*đồng)\)")


def vn_number(text: str | None) -> float | None:
    if not text:
        return None
    t = text.strip().replace(" ", "")
    if not VN_NUMBER.match(t):
        return None
    t = t.replace("–", "-").replace(".", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class RowOut:
    cells: tuple[str | None, ...]
    label: str | None = None
    level: int | None = None
    kind: str = "data"
    values: tuple[float | None, ...] = ()


@dataclass(frozen=True, slots=True)
class TableOut:
    columns: tuple[tuple[str, ...], ...]
    rows: tuple[RowOut, ...]
    unit: str | None = None
    checks: tuple[Mapping[str, Any], ...] = ()  # each Check's fields, read-only
    warnings: tuple[tuple[str, str, str | None], ...] = ()
    header: tuple[tuple[str, ...], ...] = ()


def _clean(rows: list[tuple[str | None, ...]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    grid = [[(c or "").strip() for c in r] + [""] * (width - len(r)) for r in rows]
    # drop columns empty in every row (trailing tabs)
    keep = [c for c in range(width) if any(r[c] for r in grid)]
    return [[r[c] for c in keep] for r in grid]


def _is_data_row(row: list[str]) -> bool:
    first = row[0]
    if ROMAN_LABEL.match(first) or ARABIC_LABEL.match(first) or DECIMAL_LABEL.match(first) \
            or ALPHA_LABEL.match(first) or PLACEHOLDER.match(first):
        return True
    return any(vn_number(c) is not None for c in row)


def _continues_header(above: list[str], row: list[str]) -> bool:
    """A second header row names the parts of a merged cell above it ("Nguồn vốn" over
    "NSTU", "NSDP"): some of its cells stand under empty cells of the row above. A row whose
    only text stands under a named column ("Các nhiệm vụ thường xuyên" under "Tên nhiệm vụ")
    is a group row of the body."""
    return any(c and not a for a, c in zip(above, row))


def _header_paths(header: list[list[str]], width: int) -> list[list[str]]:
    filled = [row[:] for row in header]
    for r, row in enumerate(filled):
        for c in range(width):
            if row[c]:
                continue
            below = any(header[rr][c] for rr in range(r + 1, len(header)))
            left = next((cc for cc in range(c - 1, -1, -1) if header[r][cc]), None)
            # a merged cell spans right over empty cells that have headers under them,
            # up to the next filled cell of its own row
            if left is not None and below and all(header[r][cc] == "" for cc in range(left + 1, c + 1)):
                under_left = any(header[rr][left] for rr in range(r + 1, len(header)))
                if under_left:
                    row[c] = header[r][left]
    paths = []
    for c in range(width):
        path: list[str] = []
        for row in filled:
            v = " ".join(row[c].split())
            if v and (not path or path[-1] != v):
                path.append(v)
        paths.append(path)
    return paths


def build_table(raw_rows: list[tuple[str | None, ...]]) -> TableOut:
    grid = _clean(raw_rows)
    if not grid or not grid[0]:
        return TableOut((), ())
    width = len(grid[0])
    n_header = 0
    while n_header < min(4, len(grid) - 1) and not _is_data_row(grid[n_header]) \
            and (n_header == 0 or _continues_header(grid[n_header - 1], grid[n_header])):
        n_header += 1
    header = grid[:n_header]
    columns = _header_paths(header, width) if header else [[] for _ in range(width)]
    header_keys = [fold(" ".join(r)) for r in header]

    rows: list[RowOut] = []
    after_break = False
    for cells in grid[n_header:]:
        if header and fold(" ".join(cells)) in header_keys:
            after_break = True  # a header repeated on the next page
            continue
        if after_break and rows and not cells[0] and not any(vn_number(c) is not None for c in cells) \
                and sum(1 for c in cells if c) <= max(1, width // 3):
            prev = rows[-1]
            rows[-1] = replace(prev, cells=tuple(((p or "") + (" " + c if c else "")).strip() or None
                                                 for p, c in zip(prev.cells, cells)))
            after_break = False
            continue
        after_break = False
        rows.append(RowOut(cells=tuple(c or None for c in cells), values=tuple(vn_number(c) for c in cells)))
    rows = _label_rows(rows)
    columns = tuple(tuple(c) for c in columns)
    checks, warnings = _check_totals(rows, columns)
    return TableOut(columns=columns, rows=tuple(rows), header=tuple(tuple(r) for r in header),
                    checks=tuple(checks), warnings=tuple(warnings))


def _label_rows(rows: list[RowOut]) -> list[RowOut]:
    """The rows with their kind (data, group, total, placeholder), label and level."""
    seen_top = False
    prev: RowOut | None = None
    out = []
    for row in rows:
        row, seen_top, numbered = _labelled(row, prev, seen_top)
        out.append(row)
        if numbered:
            prev = row
    return out


def _labelled(row: RowOut, prev: RowOut | None, seen_top: bool) -> tuple[RowOut, bool, bool]:
    """A row labelled after `prev` (the last row neither a placeholder nor a total), whether a
    top-level row (I., a group) was seen, and whether this row may be the next one's `prev`."""
    first = (row.cells[0] or "").strip()
    text = " ".join(c for c in row.cells[1:3] if c) if len(row.cells) > 1 else ""
    key = fold(text) if text else fold(first)
    if PLACEHOLDER.match(first) or (not first and PLACEHOLDER.match(text or "")):
        return replace(row, kind="placeholder", label=first or text), seen_top, False
    # "Tổng cộng" may stand in any column when the cells left of it were merged
    words = [c for c in row.cells if c and vn_number(c) is None]
    if TOTAL.match(fold(first)) or (not first and words and TOTAL.match(fold(words[0]))):
        return replace(row, kind="total"), seen_top, False
    if ROMAN_LABEL.match(first):
        row, seen_top = replace(row, label=first, level=1), True
    elif DECIMAL_LABEL.match(first):
        row = replace(row, label=first, level=first.rstrip(".").count(".") + (2 if seen_top else 1))
    elif ARABIC_LABEL.match(first):
        row = replace(row, label=first, level=2 if seen_top else 1)
    elif ALPHA_LABEL.match(first):
        row = replace(row, label=first, level=3 if seen_top else 2)
    elif not first and text and GROUP.match(key):
        row, seen_top = replace(row, kind="group", level=1, label=None), True
    elif not first and prev is not None and prev.kind == "data" and prev.level:
        # a row without a number under a numbered one: the rest of its merged cells
        # ("2 | Kinh phí thuê đường truyền | ... | Các Bộ, tỉnh điểm" then "| | | Bộ TT&TT")
        row = replace(row, level=prev.level)
    return row, seen_top, True


def _check_totals(rows: list[RowOut], columns) -> tuple[list[Mapping], list[tuple[str, str, str | None]]]:
    """Each total and subtotal row compared with the rows it sums: (checks, warnings)."""
    checks: list[Mapping] = []
    warnings: list[tuple[str, str, str | None]] = []
    width = len(columns)
    groups: list[tuple[int, list[int]]] = []  # group row index -> its data rows
    current = None
    loose: list[int] = []
    for i, row in enumerate(rows):
        if row.kind == "group":
            current = (i, [])
            groups.append(current)
        elif row.kind == "data" and (row.level or 1) >= (2 if groups else 1):
            (current[1] if current else loose).append(i)
        elif row.kind == "total":
            # a group counts by its subtotal row, or by its rows when it has no subtotal
            parts = [k for g, members in groups
                     for k in ([g] if any(v is not None for v in rows[g].values) else members)] if groups else loose
            _compare(rows, columns, i, parts, "total", checks, warnings)
    for g, members in groups:
        _compare(rows, columns, g, members, "subtotal", checks, warnings)
    return checks, warnings


def _compare(rows: list[RowOut], columns, at: int, members: list[int], kind: str, checks: list[Mapping],
             warnings: list) -> None:
    """Row `at`'s values against the sums of `members`' in each column: a check each, a warning when they differ."""
    width = len(columns)
    for c in range(1, width):
        expected = rows[at].values[c] if c < len(rows[at].values) else None
        if expected is None:
            continue
        vals = [rows[m].values[c] for m in members if c < len(rows[m].values) and rows[m].values[c] is not None]
        if not vals:
            continue
        found = sum(vals)
        ok = abs(found - expected) < 0.5
        where = f"row {at + 1}, column {c + 1}"
        checks.append(MappingProxyType({"kind": kind, "where": where, "expected": expected, "found": found, "ok": ok}))
        if not ok:
            name = " > ".join(columns[c]) if c < len(columns) else f"column {c + 1}"
            warnings.append(("total_mismatch", f"{kind} {expected:g} in {name} but the rows it sums "
                                   f"add up to {found:g}", where))


def find_unit(texts: list[str]) -> str | None:
    for t in texts:
        m = UNIT.search(t or "")
        if m:
            return " ".join((m["unit"] or m["unit2"]).split()).strip(" .")
    return None
