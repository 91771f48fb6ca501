"""OCR-aware comparison of document notations (the scorer behind self-references and resolution).

OCR drops and merges letters and digits (`232` -> `23`, `BTTTT` -> `BTTT`, `UBT-TT`), confuses
1/l/I, 0/O, Đ/D (parser.look_alikes, from parser/data/ocr_look_alikes.json). Both notations are
folded through those confusions, then compared part by part with rapidfuzz: the number, the code chain, the year
(`notation_score`, for a letter's own number against its annexes' "kèm theo" lines).

`best_match` resolves a damaged notation among many known ones. It compares whole strings
instead of parts, because damage moves the part boundaries (`45/2020/NĐ-CP` read as
`45/020/NĐ-CP` no longer has a year, so a part-wise scorer compares `020` with the numbers):
each notation becomes an OCR key (`ocr_key`: every character of a confusion class replaced by
one representative, separators, spaces and dash glyphs dropped) and candidates are ranked by
Indel distance (insertions and deletions; a substitution counts 2) between keys.
"""
from __future__ import annotations

import unicodedata

from rapidfuzz.distance import Indel

from . import look_alikes
from .find.notation import Notation


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(look_alikes.fold(a), look_alikes.fold(b))


def notation_score(raw: Notation, known: Notation, date_raw: str | None = None, date_known: str | None = None) -> float:
    """0..1: how likely `raw` (as printed, maybe damaged) is `known`."""
    codes = similarity("-".join(raw.codes), "-".join(known.codes))
    number = similarity(raw.n or "", known.n or "") if raw.n else 0.5
    year = 1.0 if raw.year == known.year else (0.5 if raw.year is None or known.year is None else 0.0)
    score = 0.5 * codes + 0.35 * number + 0.15 * year
    if date_raw and date_known:
        score = 0.8 * score + (0.2 if date_raw == date_known else 0.0)
    return round(score, 3)


def ocr_key(text: str) -> str:
    """A notation reduced to what survives OCR: confusion classes folded, letters and digits only.

    '232/BTTTT-KHTC', '232 /BTTTT– KHTC' and '232/BTTTT-KHTC' with I for T fold to one key.
    """
    text = unicodedata.normalize("NFC", text).translate(look_alikes.classes())
    return "".join(c for c in text if c.isalnum())


def best_match(raw: Notation, candidates: list[Notation], *, threshold: float = 0.75,
               gap: int = 1) -> tuple[Notation | None, float]:
    """The candidate `raw` (a notation as printed, maybe damaged) most likely stands for, or None.

    Keys (`ocr_key`) of `raw.raw` and of each candidate's canonical form are compared by Indel
    distance. The nearest candidate wins when its similarity (1 - distance / total length) is
    at least `threshold` and every other candidate is at least `gap` edits further away;
    otherwise the damage is ambiguous (`1744/QĐ-BGTVT` losing a 4 is as near `1743/QĐ-BGTVT`)
    and nothing is returned. The score returned is the nearest candidate's similarity.
    """
    key = ocr_key(raw.raw)
    scored = sorted(((Indel.distance(key, ocr_key(c.canonical or c.raw)), i) for i, c in enumerate(candidates)))
    if not scored or not key:
        return None, 0.0
    best, i = scored[0]
    cand = candidates[i]
    score = round(Indel.normalized_similarity(key, ocr_key(cand.canonical or cand.raw)), 3)
    second = scored[1][0] if len(scored) > 1 else None
    if score >= threshold and (second is None or second - best >= gap):
        return cand, score
    return None, score
