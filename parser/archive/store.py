"""The archive's SQLite file: schema, batched writes (by the indexing parent only), queries.

One file (WAL journal), stdlib sqlite3. A letter is a row of `documents` keyed by the SHA-256
of its bytes; `paths` maps each path to the bytes last seen there and `sightings` keeps every
(sha256, path) ever seen, so the same bytes at two paths are one document with both paths.
A letter's rows (document, references, deadlines, annexes, search row, paths) are written in
the same transaction as the rest of its batch: a kill at any moment leaves each letter either
fully committed or absent.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from .fold import fold, fts_query, has_marks

DEFAULT_DB = "archive.sqlite"
ARCHIVE_SCHEMA = "1"  # the layout of the tables below; another one is refused, not misread

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    parser_version TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'ok',          -- ok | stale (no path holds these bytes any more)
    format TEXT, pages INTEGER,
    type TEXT, type_name TEXT, number TEXT, issuer TEXT, issuer_code TEXT, date TEXT, subject TEXT,
    warnings INTEGER,
    seconds REAL, indexed_at REAL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, seen_at REAL);
CREATE INDEX IF NOT EXISTS paths_sha ON paths(sha256);
CREATE TABLE IF NOT EXISTS sightings (
    sha256 TEXT NOT NULL, path TEXT NOT NULL, first_seen REAL, PRIMARY KEY (sha256, path));
CREATE TABLE IF NOT EXISTS refs (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT, number TEXT, number_raw TEXT, date TEXT, issuer TEXT, title TEXT, raw TEXT,
    self INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS deadlines (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT, precision TEXT, actor TEXT, recipient TEXT, action TEXT, raw TEXT, recurrence TEXT);
CREATE INDEX IF NOT EXISTS deadlines_date ON deadlines(date);
CREATE TABLE IF NOT EXISTS annexes (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label TEXT, title TEXT, attached_number TEXT, tables INTEGER);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, parser_version TEXT,
    stage TEXT NOT NULL,           -- walk | read | parse | timeout | crash | memory
    error_class TEXT NOT NULL, message TEXT NOT NULL, seconds REAL, at REAL);
CREATE TABLE IF NOT EXISTS links (
    src_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ref_idx INTEGER NOT NULL,
    dst_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,   -- NULL when ambiguous
    status TEXT NOT NULL,          -- linked | ambiguous
    score REAL, how TEXT, candidates TEXT,
    PRIMARY KEY (src_id, ref_idx));
CREATE INDEX IF NOT EXISTS links_dst ON links(dst_id);
-- the search index: text as printed (exact matches rank first) and folded (no marks, đ -> d)
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    number, kind, subject, issuer, body, folded_head, folded, tokenize = "unicode61 remove_diacritics 0");
"""

EXACT_COLUMNS = "{number kind subject issuer body}"
EXACT_HEAD = "{number kind subject issuer}"


def search_row(number: str, kind: str, subject: str, issuer: str, body: str) -> tuple:
    """The search columns of one letter: as printed, the header folded, everything folded."""
    head = [number, kind, subject, issuer]
    return (*head, body, fold(" \n".join(head)), fold(" \n".join(head + [body])))


def parser_version() -> str:
    """The congvan version and output schema version a letter was parsed with."""
    from .. import __version__
    from ..models import SCHEMA_VERSION

    return f"{__version__}/schema-{SCHEMA_VERSION}"


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    from ..errors import InputError

    path = Path(path)
    if not create and not path.is_file():
        raise InputError(f"no archive at {path} (run 'congvan index DIR --db {path}' first)")
    try:
        con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=ON")
        if create:
            con.executescript(SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('archive_schema', ?)", (ARCHIVE_SCHEMA,))
        found = con.execute("SELECT value FROM meta WHERE key = 'archive_schema'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path} is not a congvan archive ({exc})") from None
    if found is None or found[0] != ARCHIVE_SCHEMA:
        con.close()
        raise InputError(f"{path} was made by another version of congvan's archive (layout "
                         f"{found[0] if found else 'before 1'}, this one reads {ARCHIVE_SCHEMA}): index into a new file")
    con.row_factory = sqlite3.Row
    return con


# --------------------------------------------------------------------------- writes


def known_shas(con: sqlite3.Connection, version: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT sha256 FROM documents WHERE parser_version = ?", (version,))}


def failed(con: sqlite3.Connection, version: str) -> dict[str, dict]:
    """sha256 -> a failure recorded for those bytes with this parser version (the same bytes
    fail the same way at any path)."""
    return {r["sha256"]: dict(r) for r in con.execute(
        "SELECT * FROM failures WHERE parser_version = ? AND sha256 IS NOT NULL", (version,))}


def add_paths(con: sqlite3.Connection, sha: str, seen: list[tuple[str, int, int]]) -> None:
    now = time.time()
    con.executemany("INSERT INTO paths(path, sha256, size, mtime_ns, seen_at) VALUES (?,?,?,?,?) "
                    "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size, "
                    "mtime_ns=excluded.mtime_ns, seen_at=excluded.seen_at",
                    [(p, sha, size, mtime, now) for p, size, mtime in seen])
    con.executemany("INSERT OR IGNORE INTO sightings(sha256, path, first_seen) VALUES (?,?,?)",
                    [(sha, p, now) for p, _, _ in seen])
    con.executemany("DELETE FROM failures WHERE path = ?", [(p,) for p, _, _ in seen])


def add_document(con: sqlite3.Connection, rec: dict, version: str) -> int:
    """Insert one parsed letter (a worker's record) and its rows; replaces an older parse."""
    old = con.execute("SELECT id FROM documents WHERE sha256 = ?", (rec["sha256"],)).fetchone()
    if old:  # parsed by an older parser version: its rows go
        con.execute("DELETE FROM search WHERE rowid = ?", (old[0],))
        con.execute("DELETE FROM documents WHERE id = ?", (old[0],))
    h = rec["header"]
    cur = con.execute(
        "INSERT INTO documents(sha256, size, parser_version, status, format, pages, type, type_name, number, issuer,"
        " issuer_code, date, subject, warnings, seconds, indexed_at, json) VALUES (?,?,?,'ok',?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (rec["sha256"], rec["size"], version, rec["format"], rec["pages"], h["type"], h["type_name"], h["number"],
         h["issuer"], h["issuer_code"], h["date"], h["subject"], rec["warnings"], rec["seconds"], time.time(),
         rec["json"]))
    doc_id = cur.lastrowid
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
    con.execute("INSERT INTO search(rowid, number, kind, subject, issuer, body, folded_head, folded) "
                "VALUES (?,?,?,?,?,?,?,?)", (doc_id, *search_row(*fields)))
    return doc_id


def add_failure(con: sqlite3.Connection, fail: dict, version: str) -> None:
    con.execute("INSERT INTO failures(path, sha256, size, parser_version, stage, error_class, message, seconds, at) "
                "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, size=excluded.size,"
                " parser_version=excluded.parser_version, stage=excluded.stage, error_class=excluded.error_class,"
                " message=excluded.message, seconds=excluded.seconds, at=excluded.at",
                (fail["path"], fail.get("sha256"), fail.get("size"), version, fail["stage"], fail["error_class"],
                 fail["message"][:2000], fail.get("seconds"), time.time()))


def mark_stale(con: sqlite3.Connection) -> None:
    """A document no current path holds (its file changed or went) is stale; back to ok if seen again."""
    con.execute("UPDATE documents SET status='stale' WHERE status='ok' AND sha256 NOT IN (SELECT sha256 FROM paths)")
    con.execute("UPDATE documents SET status='ok' WHERE status='stale' AND sha256 IN (SELECT sha256 FROM paths)")


# --------------------------------------------------------------------------- queries


def doc_paths(con: sqlite3.Connection, sha: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT path FROM sightings WHERE sha256 = ? ORDER BY path", (sha,))]


def doc_summary(con: sqlite3.Connection, row: sqlite3.Row) -> dict:
    return {"id": row["id"], "number": row["number"], "type": row["type"], "date": row["date"],
            "issuer": row["issuer"], "subject": row["subject"], "sha256": row["sha256"],
            "paths": doc_paths(con, row["sha256"])}


def search(con: sqlite3.Connection, text: str, limit: int = 20) -> list[dict]:
    """Letters matching every word of `text`, with or without diacritics, in four tiers:
    the words as printed (marks and all) in the number, type, subject or issuer; as printed
    anywhere; folded in the header; folded anywhere. Newest indexed first within a tier.

    Not bm25: its word statistics cost a pass over each word's whole posting list, 20-35 ms
    a query at 10^5 letters for words most letters have ('bộ', 'và', 'kh'), while a match
    with `ORDER BY rowid DESC LIMIT n` takes ~2 ms (FTS5 walks its rowids backwards and
    stops). A query without marks has only the folded tiers: as typed, it matches the same."""
    out: list[dict] = []
    exact = fts_query(text, folded=False)
    folded = fts_query(text, folded=True)
    if not folded:
        return out
    tiers = []
    if has_marks(text):
        tiers += [("exact", f"{EXACT_HEAD} : ({exact})"), ("exact", f"{EXACT_COLUMNS} : ({exact})")]
    tiers += [("folded", f"folded_head : ({folded})"), ("folded", f"folded : ({folded})")]
    seen: set[int] = set()
    for how, match in tiers:
        if len(out) >= limit:
            break
        for (rowid,) in con.execute("SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?",
                                    (match, limit + len(seen))).fetchall():
            if rowid in seen or len(out) >= limit:
                continue
            seen.add(rowid)
            row = con.execute("SELECT * FROM documents WHERE id = ? AND status = 'ok'", (rowid,)).fetchone()
            if row is not None:
                out.append({**doc_summary(con, row), "match": how})
    return out


def search_count(con: sqlite3.Connection, text: str) -> int:
    q = fts_query(text, folded=True)
    if not q:
        return 0
    return con.execute("SELECT count(*) FROM search JOIN documents d ON d.id = search.rowid "
                       "WHERE search MATCH ? AND d.status='ok'", (f"folded : ({q})",)).fetchone()[0]


def stats(con: sqlite3.Connection) -> dict:
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


def loads(row: sqlite3.Row) -> dict:
    return json.loads(row["json"])
