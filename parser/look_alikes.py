"""The letters and digits OCR reads one for another in numbers and codes, from one table
(parser/data/ocr_look_alikes.json, read once), and the three forms the parser uses:

- `pairs()`: the look-alike pairs themselves ('T' for 'I', 'D' for 'Đ'): a code one such edit
  from a known one is that code (parser.find.notation.repair_issuer_code);
- `classes()`: the classes the pairs join transitively (1/l/I/T, 0/O/D/Đ, 6/G/C ...) with the
  eth look-alikes in Đ's, each character mapped onto one representative (a digit where the
  class has one), case kept: parser.match.ocr_key;
- `fold(text)`: `classes()` in either case, spaces and separators dropped: the notation
  scorer's comparison (parser.match.similarity).
"""
from __future__ import annotations

from functools import cache

from . import domain


@cache
def _table() -> dict:
    return domain._load("ocr_look_alikes.json")


@cache
def pairs() -> frozenset[frozenset[str]]:
    """Each look-alike pair as a set of its two characters."""
    return frozenset(frozenset(p) for p in _table()["pairs"])


@cache
def digit_of() -> dict[str, str]:
    """Each letter of a pair with a digit -> that digit ('B' -> '8', 'O' -> '0', 'l' -> '1')."""
    return {c: d for pair in pairs() for c in pair for d in pair if d.isdigit() and not c.isdigit()}


@cache
def classes() -> dict[int, str]:
    """Confusable character -> the representative of its class (a str.translate table)."""
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    groups = ["".join(p) for p in _table()["pairs"]] + list(_table()["same_letter"])
    for group in groups:
        for c in group[1:]:
            a, b = root(group[0]), root(c)
            if a != b:
                parent[max(a, b)] = min(a, b)  # digits sort first: a digit represents its class
    return {ord(c): root(c) for c in parent}


def fold(text: str) -> str:
    """A notation part as the scorer compares it: every look-alike folded onto its class, in
    either case (folded before and after upper-casing: 'l' is 1's, 'g' is 6's as 'G'), without
    spaces, dashes and slashes ('QĐ-UBND' and 'QD-UBHD' fold alike)."""
    table = classes()
    return text.translate(table).upper().translate(table).replace(" ", "").replace("-", "").replace("/", "")
