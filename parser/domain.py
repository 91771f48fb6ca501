"""Domain data: document types, issuer codes, places, OCR confusions (from parser/data/*.json).

Everything is loaded once, lazily, and returned as read-only lookups. No literals of this
kind belong anywhere else in the code.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import MappingProxyType

import regex as re

from . import text
from .text import is_upper as text_is_upper

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
def proper_phrases() -> tuple[tuple[str, ...], ...]:
    """The state's proper names cased as printed, each as its words (issuers.json proper_phrases)."""
    return tuple(tuple(p.split()) for p in _load("issuers.json")["proper_phrases"])


@cache
def line_heads() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(heads of an organ with departments, heads of its departments), folded, each with a
    trailing space: issuers.json line_parents and line_children."""
    data = _load("issuers.json")
    return tuple(fold(h) + " " for h in data["line_parents"]), tuple(fold(h) + " " for h in data["line_children"])


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


# The head of an authority, a word of its own ('KT.', 'TM.', 'T/M'): a post never starts after it
AUTHORITY_HEAD = re.compile(r"^(?:KT|TM|TL|TUQ|Q|PP|K/T|T/M|T/L|K\.T|T\.M|T\.L)\.?$")
# An authority's head inside a run of the signer's titles ('TL. TỔNG CỤC TRƯỞNG KT. VỤ TRƯỞNG')
INNER_AUTHORITY = re.compile(r"(?<=\S)\s+(?=(?:KT|TM|TL|TUQ|Q|T/M|K/T)\s*\.?\s+\p{Lu}|(?:KT|TM|TL|TUQ|Q)\.\p{Lu})")


def title_lines(text: str) -> list[str]:
    """A signer's titles and name run together on one line, as its lines: each authority ('TM.
    ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'), the post cut from the last authority before the longest
    known post that ends it ('KT. BỘ TRƯỞNG THỨ TRƯỞNG'; the authority keeps at least its head
    and one word), and the name that follows in mixed case ('... Nguyễn Trường Sơn'). The text
    as one line when it holds none of these."""
    from .patterns import AUTHORITY, NAME

    words = text.split()
    k = next((k for k, w in enumerate(words) if not text_is_upper(w)), len(words))
    tail = " ".join(words[k:])
    name = [tail] if 0 < k < len(words) and NAME.match(tail) else []
    upper = " ".join(words[:k]) if name else text.strip()
    if not AUTHORITY.match(upper):
        return [upper] + name if name and fold(upper) in position_keys() else [text.strip()]
    pieces = [p.strip() for p in INNER_AUTHORITY.split(upper)]
    last = pieces[-1].split()
    for j in range(2, len(last)):
        if not AUTHORITY_HEAD.match(last[j - 1]) and fold(" ".join(last[j:])) in position_keys():
            return pieces[:-1] + [" ".join(last[:j]), " ".join(last[j:])] + name
    return pieces + name


@cache
def confusions() -> dict:
    return _load("ocr_confusions.json")


@cache
def digit_confusions() -> MappingProxyType:
    """Letter -> the digit a handwritten one is read as ('A' -> '1', 'S' -> '5'): parser.reread."""
    return MappingProxyType(dict(_load("digit_confusions.json")["chars"]))
