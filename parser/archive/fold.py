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


def query_terms(text: str, *, folded: bool) -> list[tuple[tuple[str, ...], ...]]:
    """What a typed query asks for: every term required, each term one or more alternatives,
    each alternative a phrase of words. A type code or type name is one term of two
    alternatives ('qd' -> ("qd",) or ("quyet", "dinh"); as printed, ("qđ",) or ("quyết",
    "định")); any other word is a term of one word (folded, or as typed in lower case)."""
    typed = words(unicodedata.normalize("NFC", text).lower())
    keys = [fold(w) for w in typed]
    terms = type_terms()
    out: list[tuple[tuple[str, ...], ...]] = []
    i = 0
    while i < len(keys):
        hit = None
        for code, name, code_printed, name_printed in terms:
            if keys[i] == code:
                hit, used = (code, name, code_printed, name_printed), 1
                break
            if len(name) > 1 and tuple(keys[i:i + len(name)]) == name:
                hit, used = (code, name, code_printed, name_printed), len(name)
                break
        if hit:
            a, b = (hit[0], " ".join(hit[1])) if folded else (hit[2], hit[3])
            out.append((tuple(a.split()), tuple(b.split())))
            i += used
        else:
            out.append(((keys[i] if folded else typed[i],),))
            i += 1
    return out


def fts_query(text: str, *, folded: bool) -> str | None:
    """An FTS5 MATCH expression: every word required (AND), quoted so that no word is read
    as an FTS5 operator; a term of two alternatives is ("qd" OR "quyet dinh"). The expression
    as printed matches a subset of what the folded one matches. None when the text has no word."""
    parts = []
    for alternatives in query_terms(text, folded=folded):
        quoted = [_quote(" ".join(phrase)) for phrase in alternatives]
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return " AND ".join(parts) or None


def ts_query(text: str) -> str | None:
    """The same terms as a PostgreSQL tsquery, words as typed (lower case): ('qđ' | 'quyết' <->
    'định') & 'bộ'. The folded tiers fold it in the database (congvan_fold, unaccent), as the
    index was folded. None when the text has no word."""
    parts = []
    for alternatives in query_terms(text, folded=False):
        phrases = [" <-> ".join("'" + w.replace("'", "''") + "'" for w in phrase) for phrase in alternatives]
        parts.append(phrases[0] if len(phrases) == 1 else "(" + " | ".join(phrases) + ")")
    return " & ".join(parts) or None
