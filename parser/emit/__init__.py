"""Renderers of a parsed `Letter`: `json` (the contract), `md` (the letter for people), `plan`
(a fill-in skeleton from each framework) and `html` (one self-contained page with highlights).

Each renderer is a pure function `render(letter, ...) -> str`; the CLI picks one with --format.
"""
from __future__ import annotations

FORMATS = ("json", "md", "plan", "html")


def render(letter, fmt: str, *, compact: bool = False, framework: int | None = None) -> str:
    """The letter in one of FORMATS. `framework` (1-based) limits --format plan to one framework."""
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
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
