"""Diacritic folding for search, and the FTS5 query built from what a person types.

FTS5's `unicode61 remove_diacritics 2` folds tone and vowel marks but not đ/Đ, so "quyet
dinh" would miss "Quyết định". The index keeps the text as printed (exact-diacritic matches,
ranked first) and a folded copy (`fold`: marks dropped, đ/Đ/Ð -> d, lower case) that every
query is folded the same way to match. Document type codes and names are one search term
("QĐ", "QD", "Quyết định", "quyet dinh" all find decisions), from parser/data/doc_types.json.
"""
from __future__ import annotations

import unicodedata
from functools import cache

import regex as re

# a search word: letters, digits and the marks that go with them (the FTS5 tokenizer's idea of a token)
WORD = re.compile(r"[\p{L}\p{N}\p{M}]+")


def fold(text: str) -> str:
    """'Quyết định số 43/2008/QĐ-TTg' -> 'quyet dinh so 43/2008/qd-ttg'."""
    text = text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D").replace("ð", "d").replace("Ɖ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c))).lower()


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text))


@cache
def type_terms() -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    """(folded code, folded name words, code as printed, name as printed), lower case, for each
    document type whose code is 2+ letters (a one-letter code like L for Luật would match
    every stray letter). Aliases (QD) print as their type's code (qđ)."""
    from .. import domain

    out = []
    for t in domain._load("doc_types.json")["types"]:
        name = tuple(words(fold(t["name"])))
        for code in [t["code"], *t.get("aliases", [])]:
            if len(code) >= 2:
                out.append((fold(code), name, t["code"].lower(), " ".join(words(t["name"].lower()))))
    return tuple(out)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def has_marks(text: str) -> bool:
    """Does the text carry any diacritic (or đ)? Without one, exact and folded matching are one."""
    return fold(text) != unicodedata.normalize("NFC", text).lower()


def fts_query(text: str, *, folded: bool) -> str | None:
    """An FTS5 MATCH expression: every word required (AND), quoted so that no word is read
    as an FTS5 operator. A type code or type name is one term, expanded to both ('qd' ->
    ("qd" OR "quyet dinh"); as printed, ("qđ" OR "quyết định")). The expression as printed
    matches a subset of what the folded one matches. None when the text has no word."""
    typed = words(unicodedata.normalize("NFC", text).lower())
    keys = [fold(w) for w in typed]
    if not typed:
        return None
    terms = type_terms()
    parts: list[str] = []
    i = 0
    while i < len(keys):
        hit = None
        for code, name, code_printed, name_printed in terms:
            if keys[i] == code:
                hit, used = (code, " ".join(name), code_printed, name_printed), 1
                break
            if len(name) > 1 and tuple(keys[i:i + len(name)]) == name:
                hit, used = (code, " ".join(name), code_printed, name_printed), len(name)
                break
        if hit:
            a, b = (hit[0], hit[1]) if folded else (hit[2], hit[3])
            parts.append(f"({_quote(a)} OR {_quote(b)})")
            i += used
        else:
            parts.append(_quote(keys[i] if folded else typed[i]))
            i += 1
    return " AND ".join(parts)
