"""Domain data: document types, issuer codes, places, OCR confusions (from parser/data/*.json).

Everything is loaded once, lazily, and returned as read-only lookups. No literals of this
kind belong anywhere else in the code.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import MappingProxyType

from . import text

DATA = Path(__file__).with_name("data")


@cache
def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


fold = text.fold  # the one accent fold (parser/text.py), kept here for the modules that look it up here


@cache
def type_by_code() -> MappingProxyType:
    """'QĐ' -> 'Quyết định'; aliases ('QD') map to the canonical code's name too."""
    out = {}
    for t in _load("doc_types.json")["types"]:
        out[t["code"]] = t["name"]
    return MappingProxyType(out)


@cache
def canonical_type_code() -> MappingProxyType:
    """Any spelling of a type code -> its canonical code: 'QD' -> 'QĐ', 'qđ' -> 'QĐ'."""
    out = {}
    for t in _load("doc_types.json")["types"]:
        for alias in [t["code"], *t.get("aliases", [])]:
            out.setdefault(alias, t["code"])
            out.setdefault(alias.upper(), t["code"])
    return MappingProxyType(out)


@cache
def type_by_name() -> MappingProxyType:
    """Folded type name -> code: 'quyet dinh' -> 'QĐ', 'cong van' -> 'CV'."""
    data = _load("doc_types.json")
    out = {fold(t["name"]): t["code"] for t in data["types"]}
    out |= {fold(name): t["code"] for t in data["types"] for name in t.get("full_names", [])}
    for name in data["letter_names"]:
        out[fold(name)] = "CV"
    return MappingProxyType(out)


@cache
def category_headings() -> frozenset[str]:
    """Folded headings that name a document's category, not its type: 'van ban quy pham phap luat'."""
    return frozenset(fold(h) for h in _load("doc_types.json")["category_headings"])


def type_name(code: str | None) -> str | None:
    return type_by_code().get(code) if code else None


@cache
def issuers() -> tuple[dict, ...]:
    return tuple(_load("issuers.json")["issuers"])


@cache
def issuer_by_code() -> MappingProxyType:
    out = {}
    for i in issuers():
        for c in [i["code"], *i.get("aliases", [])]:
            out[c] = i
    return MappingProxyType(out)


@cache
def issuer_heads() -> tuple[str, ...]:
    return tuple(sorted(_load("issuers.json")["heads"], key=len, reverse=True))


@cache
def party_heads() -> tuple[str, ...]:
    """Words that begin a party's name in signature blocks side by side (issuers.json)."""
    return tuple(sorted(_load("issuers.json")["party_heads"], key=len, reverse=True))


@cache
def admin_words() -> tuple[str, ...]:
    return tuple(sorted(_load("issuers.json")["admin_words"], key=len, reverse=True))


@cache
def admin_false_friends() -> frozenset[str]:
    """Words spelt with an administrative word's letters that are not it (issuers.json)."""
    return frozenset(_load("issuers.json")["admin_false_friends"])


@cache
def named_after() -> frozenset[str]:
    """Kinds of body whose own name follows as a proper name (issuers.json 'named_after')."""
    return frozenset(_load("issuers.json")["named_after"])


@cache
def known_names() -> MappingProxyType:
    """Folded name -> properly cased name, from issuers and known header names."""
    names = [i["name"] for i in issuers()] + list(_load("issuers.json")["known_names"])
    return MappingProxyType({fold(n): n for n in names})


@cache
def places() -> MappingProxyType:
    """Folded place -> cased place: 'quang ngai' -> 'Quảng Ngãi'."""
    return MappingProxyType({fold(p): p for p in _load("provinces.json")["places"]})


@cache
def family_names() -> MappingProxyType:
    """Folded spelling -> the family names (họ) spelt so: 'nguyen' -> ('Nguyễn',), 'ma' -> ('Ma', 'Mã')."""
    out: dict[str, tuple[str, ...]] = {}
    for n in _load("family_names.json")["family_names"]:
        out[fold(n)] = out.get(fold(n), ()) + (n,)
    return MappingProxyType(out)


def family_name_first(name: str) -> bool:
    """Does the name start with a family name, as spelt (data/family_names.json)?"""
    first = name.split()[0] if name.split() else ""
    return first in family_names().get(fold(first), ())


@cache
def given_names() -> tuple[frozenset[str], MappingProxyType]:
    """Syllables of given and middle names (data/given_names.json): (every one known, common or
    rare; the common ones by their spelling without tone marks: 'Tuân' -> ('Tuấn',))."""
    data = _load("given_names.json")
    by_base: dict[str, tuple[str, ...]] = {}
    for n in data["common"]:
        by_base[text.without_tone(n)] = by_base.get(text.without_tone(n), ()) + (n,)
    return frozenset(data["common"]) | frozenset(data["rare"]), MappingProxyType(by_base)


@cache
def look_alike_romans() -> MappingProxyType:
    """The characters OCR reads in a heading's roman numeral -> what they stand for ('H' -> 'II')."""
    return MappingProxyType(dict(_load("ocr_look_alikes.json")["roman"]))


@cache
def name_prefixes() -> tuple[str, ...]:
    """Ranks and academic titles that may stand before a signer's name: 'Thượng tướng', 'PGS.TS.'."""
    return tuple(sorted(_load("positions.json")["name_prefixes"], key=len, reverse=True))


@cache
def positions() -> tuple[str, ...]:
    """Known signers' positions, upper case: 'PHÓ CHỦ TỊCH', 'THỨ TRƯỞNG', ..."""
    return tuple(_load("positions.json")["positions"])


@cache
def position_keys() -> frozenset[str]:
    """The known positions folded (marks and case aside), to look a post up by."""
    return frozenset(fold(p) for p in positions())


@cache
def confusions() -> dict:
    return _load("ocr_confusions.json")


@cache
def digit_confusions() -> MappingProxyType:
    """Letter -> the digit a handwritten one is read as ('A' -> '1', 'S' -> '5'): parser.reread."""
    return MappingProxyType(dict(_load("digit_confusions.json")["chars"]))
