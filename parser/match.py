"""OCR-aware comparison of document notations (the scorer behind self-references and resolution).

OCR drops and merges letters and digits (`232` -> `23`, `BTTTT` -> `BTTT`, `UBT-TT`), confuses
1/l/I, 0/O, Đ/D (parser/data/ocr_confusions.json). Both notations are folded through those
confusions, then compared part by part with rapidfuzz: the number, the code chain, the year.
"""
from __future__ import annotations

from functools import cache

from rapidfuzz.distance import Indel

from . import domain
from .notation import Notation


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for a, b in domain.confusions()["chars"]:
        # map the letter-like member onto the digit-like/base member so both sides agree
        table[ord(b)] = a
    table[ord("Đ")] = "D"
    table[ord("đ")] = "d"
    return table


def ocr_fold(text: str) -> str:
    return text.upper().translate(_fold_table()).replace(" ", "").replace("-", "").replace("/", "")


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(ocr_fold(a), ocr_fold(b))


def notation_score(raw: Notation, known: Notation, date_raw: str | None = None, date_known: str | None = None) -> float:
    """0..1: how likely `raw` (as printed, maybe damaged) is `known`."""
    codes = similarity("-".join(raw.codes), "-".join(known.codes))
    number = similarity(raw.n or "", known.n or "") if raw.n else 0.5
    year = 1.0 if raw.year == known.year else (0.5 if raw.year is None or known.year is None else 0.0)
    score = 0.5 * codes + 0.35 * number + 0.15 * year
    if date_raw and date_known:
        score = 0.8 * score + (0.2 if date_raw == date_known else 0.0)
    return round(score, 3)


def best_match(raw: Notation, candidates: list[Notation], *, threshold: float = 0.8,
               margin: float = 0.06) -> tuple[Notation | None, float]:
    """The candidate `raw` most likely stands for, if clearly better than the rest; else None."""
    scored = sorted(((notation_score(raw, c), c) for c in candidates), key=lambda x: -x[0])
    if not scored:
        return None, 0.0
    best, cand = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if best >= threshold and best - second >= margin:
        return cand, best
    return None, best
