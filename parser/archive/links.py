"""References between the archive's letters: each reference of letter A resolved to a letter.

A reference with a number (not a self-reference: the parser's flag, unless the cited
date is not the letter's own) is looked up by its OCR key
(`congvan.match.ocr_key`): an exact key first, else the nearest keys (rapidfuzz over all
keys of the archive, then `match.best_match` on the few nearest, which decides with its
threshold and gap). Letters sharing the key (công văn numbers restart every year; two
issuers' '15/QĐ-UBND') are told apart by year, date, type and issuer code. A fuzzy match
must not contradict the cited date. Two or more letters left: the link is 'ambiguous',
recorded with its candidates and not counted (copies of one letter, same number, date and
issuer, are one target: the first indexed). A link to the citing letter itself never counts.
"""
from __future__ import annotations

import json
from collections import defaultdict

from .fold import fold

FUZZY_CANDIDATES = 5  # nearest keys handed to best_match


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _narrow(cands: list[dict], ref, ref_note, fuzzy: bool) -> list[dict]:
    """Letters among `cands` (one key) consistent with the reference's date, year and type.

    The cited date decides when a candidate has it. A number matched only through OCR damage
    must also have its cited date (when one is cited): '135/QĐ-TTg' is near '153/QĐ-TTg', but
    a different date makes it another letter. Otherwise the year (of the number, else of the
    cited date) must not contradict the candidate's; then the type and the cited issuer's name."""
    out = cands
    if ref["date"]:
        same_day = [c for c in out if c["date"] == ref["date"]]
        if same_day:
            out = same_day
        elif fuzzy:
            return []
    year = (ref_note.year if ref_note else None) or _year(ref["date"])
    if year:
        out = [c for c in out if _year(c["date"]) in (year, None)]
    if len(out) > 1 and ref["type"]:
        out = [c for c in out if c["type"] == ref["type"]] or out
    if len(out) > 1 and ref["issuer"]:  # two issuers share a code (UBND): the cited issuer's name decides
        want = fold(ref["issuer"])
        out = [c for c in out if c["issuer"] and fold(c["issuer"]) == want] or out
    return out


def _key_index(cursor, *, rows: bool = False) -> tuple[dict, dict]:
    """OCR key -> the letters numbered so, and key -> the parsed notation (for best_match)."""
    from ..match import ocr_key
    from ..find.notation import parse_notation

    by_key: dict[str, list] = defaultdict(list)
    notes: dict[str, object] = {}
    for r in cursor:
        note = parse_notation(r["number"])
        key = ocr_key((note.canonical if note and note.canonical else None) or r["number"])
        if not key:
            continue
        by_key[key].append(r if rows else dict(r))
        if note is not None:
            notes.setdefault(key, note)
    return by_key, notes


def resolve_all(con) -> list[tuple]:
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    from ..match import best_match, ocr_key
    from ..find.notation import parse_notation

    by_key, note_of_key = _key_index(con.execute(
        "SELECT id, number, type, issuer, issuer_code, date FROM documents WHERE status='ok' AND number IS NOT NULL"))
    keys = list(by_key)
    rows = []
    # the parser marks a reference 'self' by its number alone: one citing the same number with
    # another date is an earlier letter of that number (công văn numbers restart each year)
    refs = con.execute("SELECT r.* FROM refs r JOIN documents d ON d.id = r.doc_id "
                       "WHERE d.status='ok' AND r.number IS NOT NULL AND (r.self = 0 OR "
                       "(r.date IS NOT NULL AND d.date IS NOT NULL AND r.date != d.date))").fetchall()
    for ref in refs:
        printed = ref["number_raw"] or ref["number"]
        note = parse_notation(printed) or parse_notation(ref["number"])
        cands, how, score = None, None, 1.0
        for text in dict.fromkeys((ref["number"], printed)):
            k = ocr_key(text)
            if k in by_key:
                cands, how = by_key[k], "exact"
                break
        if cands is None and note is not None and keys:
            near = process.extract(ocr_key(printed), keys, scorer=Indel.distance, limit=FUZZY_CANDIDATES)
            pool = [note_of_key[k] for k, _, _ in near if k in note_of_key]
            hit, score = best_match(note, pool)
            if hit is not None:
                cands, how = by_key[ocr_key(hit.canonical or hit.raw)], "ocr"
        if not cands:
            continue
        left = [c for c in _narrow(cands, ref, note, fuzzy=how == "ocr") if c["id"] != ref["doc_id"]]
        if not left:
            continue
        copies = {(c["number"], c["date"], c["issuer_code"], c["issuer"]) for c in left}
        if len(left) == 1 or (len(copies) == 1 and left[0]["date"]):
            # one letter, or copies of one letter (same number, date and issuer: a PDF and its text)
            rows.append((ref["doc_id"], ref["idx"], left[0]["id"], "linked", score, how,
                         json.dumps([c["id"] for c in left]) if len(left) > 1 else None))
        else:
            rows.append((ref["doc_id"], ref["idx"], None, "ambiguous", score, how,
                         json.dumps([c["number"] + " " + (c["date"] or "?") for c in left[:10]], ensure_ascii=False)))
    return rows


def _signature(con) -> str:
    """Which letters are in the archive now: the links depend on nothing else."""
    n, total, top = con.execute("SELECT count(*), coalesce(sum(id), 0), coalesce(max(id), 0) FROM documents "
                                "WHERE status='ok'").fetchone()
    return f"{n}:{total}:{top}"


def _counts(con) -> tuple[int, int]:
    return tuple(con.execute("SELECT count(*) FILTER (WHERE status='linked'), count(*) FILTER (WHERE status='ambiguous') "
                             "FROM links").fetchone())


def relink(con) -> tuple[int, int]:
    """Recompute every link (a new letter can resolve an old reference), unless the archive
    holds the same letters as when they were last computed; returns (linked, ambiguous)."""
    sig = _signature(con)
    done = con.execute("SELECT value FROM meta WHERE key = 'links_signature'").fetchone()
    if done is not None and done[0] == sig:
        return _counts(con)
    rows = resolve_all(con)
    con.begin()
    try:
        con.execute("DELETE FROM links")
        con.executemany("INSERT INTO links(src_id, ref_idx, dst_id, status, score, how, candidates) "
                        "VALUES (?,?,?,?,?,?,?)", rows)
        con.execute("INSERT INTO meta(key, value) VALUES ('links_signature', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (sig,))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return sum(r[3] == "linked" for r in rows), sum(r[3] == "ambiguous" for r in rows)


def find(con, number: str) -> tuple[list, str, float]:
    """Letters whose number is `number`, exactly or as OCR damaged it: (rows, how, score)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    from ..match import best_match, ocr_key
    from ..find.notation import parse_notation

    rows = con.execute("SELECT * FROM documents WHERE status='ok' AND number = ? ORDER BY date", (number,)).fetchall()
    if rows:
        return rows, "exact", 1.0
    by_key, notes = _key_index(con.execute("SELECT * FROM documents WHERE status='ok' AND number IS NOT NULL"),
                               rows=True)
    k = ocr_key(number)
    if k in by_key:
        return by_key[k], "exact", 1.0
    note = parse_notation(number)
    if note is None or not by_key:
        return [], "none", 0.0
    near = process.extract(k, list(by_key), scorer=Indel.distance, limit=FUZZY_CANDIDATES)
    hit, score = best_match(note, [notes[x] for x, _, _ in near if x in notes])
    if hit is None:
        return [], "none", score
    return by_key[ocr_key(hit.canonical or hit.raw)], "ocr", score
