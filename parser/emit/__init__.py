"""Renderers of a parsed `Letter`: `json` (the contract), `md` (the letter for people), `plan`
(a fill-in skeleton from each framework), `html` (one self-contained page with highlights),
`edxml` (the QCVN 102:2016/BTTTT envelope e-offices exchange), `csv` (one table) and `xlsx`
(every table, a sheet each).

Each renderer is a pure function `render(letter, ...) -> str` (`bytes` for xlsx); the CLI picks
one with --format.
"""
from __future__ import annotations

FORMATS = ("json", "md", "plan", "html", "edxml", "csv", "xlsx")
BINARY = ("xlsx",)


def render(letter, fmt: str, *, compact: bool = False, framework: int | None = None,
           table: int | None = None) -> str | bytes:
    """The letter in one of FORMATS. `framework` (1-based) limits --format plan to one framework,
    `table` (1-based, in the order of emit.tables.all_tables) picks the table for csv and xlsx."""
    if fmt == "json":
        from .json import render as r
        return r(letter, compact=compact)
    if fmt == "md":
        from .markdown import render as r
        return r(letter)
    if fmt == "plan":
        from .plan import render as r
        return r(letter, framework=framework)
    if fmt == "html":
        from .html import render as r
        return r(letter)
    if fmt == "edxml":
        from .edxml import render as r
        return r(letter)
    if fmt == "csv":
        from .tables import render_csv
        return render_csv(letter, table)
    if fmt == "xlsx":
        from .tables import render_xlsx
        return render_xlsx(letter, table)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["BINARY", "FORMATS", "render"]
