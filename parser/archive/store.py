"""The archive's writes (by the indexing parent only) and queries, on either backend.

The tables live in one SQLite file (WAL journal) or one PostgreSQL database: `db.py` holds
the storage interface and the SQLite backend, `pg.py` the PostgreSQL one; the SQL here is
read the same by both. A letter is a row of `documents` keyed by the SHA-256
of its bytes; `paths` maps each path to the bytes last seen there and `sightings` keeps every
(sha256, path) ever seen, so the same bytes at two paths are one document with both paths.
A letter's rows (document, references, deadlines, annexes, search row, paths) are written in
the same transaction as the rest of its batch: a kill at any moment leaves each letter either
fully committed or absent.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from .db import TIERS, Database, is_postgres, open_database  # noqa: F401  (is_postgres: for callers)
from .fold import has_marks

DEFAULT_DB = "archive.sqlite"


def parser_version() -> str:
    """The congvan version and output schema version a letter was parsed with."""
    from .. import __version__
    from ..models import SCHEMA_VERSION

    return f"{__version__}/schema-{SCHEMA_VERSION}"


def connect(target: str | Path, *, create: bool = False) -> Database:
    """The archive at `target`: a SQLite file path or a postgresql:// URL (db.py, pg.py)."""
    return open_database(target, create=create)


# --------------------------------------------------------------------------- writes


def known_shas(con: Database, version: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT sha256 FROM documents WHERE parser_version = ?", (version,))}


def failed(con: Database, version: str) -> dict[str, dict]:
    """sha256 -> a failure recorded for those bytes with this parser version (the same bytes
    fail the same way at any path)."""
    return {r["sha256"]: dict(r) for r in con.execute(
        "SELECT * FROM failures WHERE parser_version = ? AND sha256 IS NOT NULL", (version,))}


def add_paths(con: Database, sha: str, seen: list[tuple[str, int, int]]) -> None:
    now = time.time()
    con.executemany("INSERT INTO paths(path, sha256, size, mtime_ns, seen_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size, "
                    "mtime_ns=excluded.mtime_ns, seen_at=excluded.seen_at",
                    [(p, sha, size, mtime, now) for p, size, mtime in seen])
    con.executemany("INSERT INTO sightings(sha256, path, first_seen) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                    [(sha, p, now) for p, _, _ in seen])
    con.executemany("DELETE FROM failures WHERE path = ?", [(p,) for p, _, _ in seen])


def add_document(con: Database, rec: dict, version: str) -> int:
    """Insert one parsed letter (a worker's record) and its rows; replaces an older parse."""
    # parsed by an older parser version: its rows go (written blind: no round trip waits for an answer)
    con.drop_search(rec["sha256"])
    con.execute("DELETE FROM documents WHERE sha256 = ?", (rec["sha256"],))
    h = rec["header"]
    cur = con.execute(
        "INSERT INTO documents(sha256, size, parser_version, status, format, pages, type, type_name, number, issuer,"
        " issuer_code, date, subject, warnings, seconds, indexed_at, json) VALUES (?,?,?,'ok',?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " RETURNING id",
        (rec["sha256"], rec["size"], version, rec["format"], rec["pages"], h["type"], h["type_name"], h["number"],
         h["issuer"], h["issuer_code"], h["date"], h["subject"], rec["warnings"], rec["seconds"], time.time(),
         rec["json"]))
    doc_id = cur.fetchone()[0]
    con.executemany("INSERT INTO refs(doc_id, idx, type, number, number_raw, date, issuer, title, raw, self) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [(doc_id, i, r["type"], r["number"], r["number_raw"], r["date"], r["issuer"], r["title"], r["raw"],
                      int(bool(r["self"]))) for i, r in enumerate(rec["references"])])
    con.executemany("INSERT INTO deadlines(doc_id, date, precision, actor, recipient, action, raw, recurrence) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    [(doc_id, d["date"], d["precision"], d["actor"], d["recipient"], d["action"], d["raw"],
                      d["recurrence"]) for d in rec["deadlines"]])
    con.executemany("INSERT INTO annexes(doc_id, label, title, attached_number, tables) VALUES (?,?,?,?,?)",
                    [(doc_id, a["label"], a["title"], a["attached_number"], a["tables"]) for a in rec["annexes"]])
    kind = " ".join(x for x in (h["type"], h["type_name"]) if x)
    fields = [h["number"] or "", kind, h["subject"] or "", h["issuer"] or "", rec["body_text"]]
    con.add_search(doc_id, fields)
    return doc_id


def add_failure(con: Database, fail: dict, version: str) -> None:
    con.execute("INSERT INTO failures(path, sha256, size, parser_version, stage, error_class, message, seconds, at) "
                "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size,"
                " parser_version=excluded.parser_version, stage=excluded.stage, error_class=excluded.error_class,"
                " message=excluded.message, seconds=excluded.seconds, at=excluded.at",
                (fail["path"], fail.get("sha256"), fail.get("size"), version, fail["stage"], fail["error_class"],
                 fail["message"][:2000], fail.get("seconds"), time.time()))


def mark_stale(con: Database) -> None:
    """A document no current path holds (its file changed or went) is stale; back to ok if seen again."""
    con.execute("UPDATE documents SET status='stale' WHERE status='ok' AND sha256 NOT IN (SELECT sha256 FROM paths)")
    con.execute("UPDATE documents SET status='ok' WHERE status='stale' AND sha256 IN (SELECT sha256 FROM paths)")


# --------------------------------------------------------------------------- queries


SUMMARY_COLUMNS = "id, number, type, date, issuer, subject, sha256"


def paths_of(con: Database, shas: list[str]) -> dict[str, list[str]]:
    """sha256 -> every path its bytes were seen at, sorted (one query for all)."""
    out: dict[str, list[str]] = {}
    if shas:
        for sha, path in con.execute(f"SELECT sha256, path FROM sightings WHERE sha256 IN ({','.join('?' * len(shas))}) "
                                     "ORDER BY path", list(shas)):
            out.setdefault(sha, []).append(path)
    return out


def doc_summary(con: Database, row, paths: dict[str, list[str]] | None = None) -> dict:
    """A letter as the queries list it; `paths` from paths_of when many are listed at once."""
    if paths is None:
        paths = paths_of(con, [row["sha256"]])
    return {"id": row["id"], "number": row["number"], "type": row["type"], "date": row["date"],
            "issuer": row["issuer"], "subject": row["subject"], "sha256": row["sha256"],
            "paths": paths.get(row["sha256"], [])}


def search(con: Database, text: str, limit: int = 20) -> list[dict]:
    """Letters matching every word of `text`, with or without diacritics, in four tiers
    (db.TIERS): the words as printed (marks and all) in the number, type, subject or issuer;
    as printed anywhere; folded in the header; folded anywhere. Newest indexed first within a
    tier, not by rank: on SQLite bm25's word statistics cost a pass over each word's whole
    posting list, 20-35 ms a query at 10^5 letters for words most letters have ('bộ', 'và',
    'kh'), while newest-first stops early. A query without marks has only the folded tiers:
    as typed, it matches the same."""
    found: list[tuple] = []  # (row, tier), best first
    tiers = TIERS if has_marks(text) else TIERS[2:]
    seen: set[int] = set()
    for tier in tiers:
        if len(found) >= limit:
            break
        ids = [i for i in con.match(tier, text, limit + len(seen)) if i not in seen]
        seen.update(ids)
        if not ids:
            continue
        # one query for the tier's letters, one for all their paths: a round trip to a
        # database server costs more than the match itself
        rows = {r["id"]: r for r in con.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM documents WHERE status = 'ok' AND id IN ({','.join('?' * len(ids))})", ids)}
        found += [(rows[i], tier) for i in ids if i in rows][:limit - len(found)]
    paths = paths_of(con, [r["sha256"] for r, _ in found])
    return [{**doc_summary(con, r, paths), "match": tier.split("_")[0]} for r, tier in found]


def search_count(con: Database, text: str) -> int:
    return con.match_count(text)


def stats(con: Database) -> dict:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents WHERE status='ok'"),
        "failures": one("SELECT count(*) FROM failures"),
        "references": one("SELECT count(*) FROM refs r JOIN documents d ON d.id=r.doc_id WHERE d.status='ok'"),
        "links": one("SELECT count(*) FROM links WHERE status='linked'"),
        "ambiguous_links": one("SELECT count(*) FROM links WHERE status='ambiguous'"),
        "pages": one("SELECT coalesce(sum(pages), 0) FROM documents WHERE status='ok'"),
        "paths": one("SELECT count(*) FROM paths"),
        "stale": one("SELECT count(*) FROM documents WHERE status='stale'"),
        "deadlines": one("SELECT count(*) FROM deadlines dl JOIN documents d ON d.id=dl.doc_id WHERE d.status='ok'"),
        "parser_versions": dict(con.execute("SELECT parser_version, count(*) FROM documents GROUP BY 1").fetchall()),
    }


def loads(row) -> dict:
    return json.loads(row["json"])
