"""Small helpers the renderers share: dates, periods, numbering, table headers."""
from __future__ import annotations

import datetime as dt

import regex as re

from ..extract.frameworks import kind_name

ALPHA = re.compile(r"^[a-zđ]$")


def vn_date(day: dt.date | None) -> str:
    """2017-11-30 -> '30/11/2017' (as letters print it); None -> ''."""
    if not day:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def period_text(period) -> str:
    if period is None:
        return ""
    return f"năm {period.start}" if period.start == period.end else f"giai đoạn {period.start}-{period.end}"


def own_number(number: str | None, parent: str | None) -> str:
    """An item's own part of its number: 'III.1' under 'III' -> '1'."""
    if not number:
        return ""
    if parent and number.startswith(parent + "."):
        return number[len(parent) + 1:]
    return number


def label(own: str) -> str:
    """How the letter prints a number: 'I' -> 'I.', 'a' -> 'a)', 'Phần I' -> 'Phần I.'."""
    if not own:
        return ""
    return f"{own})" if ALPHA.match(own) else f"{own}."


def document_heading(letter) -> str:
    doc = letter.document
    kind = doc.type_name or ("Phụ lục" if letter.annexes and not letter.body else "Văn bản")
    parts = [kind.upper()]
    if doc.number:
        parts.append(doc.number)
    return " ".join(parts)


def table_width(table) -> int:
    return max([len(table.columns)] + [len(r.cells) for r in table.rows] or [0])


def header_texts(table) -> list[str]:
    """One header per column: its header path joined ('Nguồn vốn / NSTU / Đầu tư'), '' if unknown."""
    n = table_width(table)
    heads = [" / ".join(p for p in path if p) for path in table.columns]
    return heads + [""] * (n - len(heads))


def framework_line(i: int, f) -> str:
    bits = [f"{kind_name(f.kind)}: {f.title}", f.source]
    if f.period:
        bits.append(period_text(f.period))
    return f"{i}. " + " — ".join(bits)


__all__ = ["vn_date", "period_text", "own_number", "label", "document_heading", "table_width", "header_texts",
           "framework_line", "kind_name", "table_preamble"]


def table_preamble(t, esc) -> tuple[list[str], int]:
    """A Markdown table's title, unit, header and rule lines, and its number of columns (0: no
    header, so no table follows)."""
    out = []
    if t.title:
        out += [f"**{esc(t.title)}**", ""]
    if t.unit:
        out += [f"*Đơn vị tính: {esc(t.unit)}*", ""]
    heads = header_texts(t)
    if heads:
        out += ["| " + " | ".join(esc(h) or " " for h in heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    return out, len(heads)
