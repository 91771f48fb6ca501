"""Closing fields: the signer block (chức vụ, họ tên) and Nơi nhận (distribution).

An OCR'd position is corrected only where the authority makes it certain and the letters
agree without accents: under `KT. BỘ TRƯỞNG` the position is `THỨ TRƯỞNG`, so `THỦ TRƯỞNG`
(OCR) becomes `THỨ TRƯỞNG`; the change is reported.
"""
from __future__ import annotations

import regex as re

from . import patterns as P
from .domain import fold
from .header import clean_item
from .segment import is_upper
from .types import Line

# A person's name: 2-6 capitalised words ("Nguyễn Minh Hồng", "Hà Thị Lê Vân")
NAME = re.compile(r"^(?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,5}\p{Lu}[\p{Ll}\p{M}]*$")
AUTH_PREFIX = re.compile(r"^(KT|TM|TL|TUQ|Q|PP|K/T|T/M|T/L)\s*[.:]?\s+(?P<office>.+)$")


def expected_positions(authority: str) -> list[str]:
    """Positions that go with an authority line: KT. BỘ TRƯỞNG -> THỨ TRƯỞNG; KT. CHỦ TỊCH -> PHÓ CHỦ TỊCH."""
    last = authority.split("KT.")[-1] if "KT." in authority else None
    if last is None:
        return []
    office = last.strip()
    if fold(office) == "bo truong":
        return ["THỨ TRƯỞNG"]
    return [f"PHÓ {office}"]


def read_signer(lines: list[Line]) -> tuple[dict, list[str]]:
    notes: list[str] = []
    authority: list[str] = []
    position: list[str] = []
    name = None
    for ln in lines:
        t = " ".join(ln.text.split()).strip()
        if not t or P.SIGNED.match(t) or len(t) > 70:
            continue
        if P.AUTHORITY.match(t) and not position:
            authority.append(t)
        elif is_upper(t) and name is None and len(position) < 2:
            position.append(t)
        elif NAME.match(t) and name is None:
            name = t
    auth = " ".join(authority) or None
    pos = " ".join(position) or None
    if auth and pos:
        for exp in expected_positions(auth):
            if pos != exp and fold(pos) == fold(exp):
                notes.append(f"signer position {pos!r} read as {exp!r} (under {auth!r})")
                pos = exp
    return {"authority": auth, "position": pos, "name": name}, notes


def read_distribution(lines: list[Line]) -> list[str]:
    items: list[str] = []
    for ln in lines:
        t = " ".join(ln.text.split()).strip()
        if not t:
            continue
        if t.startswith(("-", "–", "+", "•")) or not items:
            items.append(t)
        else:
            items[-1] = items[-1] + " " + t
    return [c for c in (clean_item(i) for i in items) if c]
