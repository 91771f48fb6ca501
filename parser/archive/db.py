"""The archive's storage interface, and its SQLite backend (the PostgreSQL one is `pg.py`).

`store` and everything above it (indexer, links, cli) speak one interface, `Database`:

- `execute(sql, params)` / `executemany(sql, rows)`: SQL that both backends read the same,
  `?` placeholders; rows are read by position and by column name (`row[0]`, `row["number"]`,
  `dict(row)`). Both backends take `INSERT ... ON CONFLICT`, `RETURNING`, `count(*) FILTER`.
- `begin()` / `commit()` / `rollback()`: one explicit transaction at a time (the connection
  is otherwise in autocommit).
- the search index, the one part that is not plain SQL: `add_search(doc_id, fields)`,
  `drop_search(sha256)`, `match(tier, text, limit)` (document ids, newest first) and
  `match_count(text)`, `optimize()`.

`open_database(target)` picks the backend: a `postgresql://` (or `postgres://`) URL is
PostgreSQL, anything else a file path.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

ARCHIVE_SCHEMA = "1"  # the layout of the tables; another one is refused, not misread
PG_SCHEMES = ("postgresql://", "postgres://")

# the four tiers of a search, best first: the words as printed in the header (number, type,
# subject, issuer); as printed anywhere; folded (no marks, đ -> d) in the header; folded anywhere
TIERS = ("exact_head", "exact", "folded_head", "folded")


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith(PG_SCHEMES)


def describe(target: str | Path) -> str:
    """The archive as an error message may name it (a PostgreSQL URL without its password)."""
    if not is_postgres(target):
        return str(target)
    from urllib.parse import urlsplit

    u = urlsplit(str(target))
    host = u.hostname or "localhost"
    return f"postgresql://{u.username + '@' if u.username else ''}{host}{':' + str(u.port) if u.port else ''}{u.path}"


class Database:
    """The interface both backends implement (see the module's docstring)."""

    dialect = ""
    target = ""

    def execute(self, sql: str, params=()):
        raise NotImplementedError

    def executemany(self, sql: str, rows) -> None:
        raise NotImplementedError

    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        raise NotImplementedError

    def add_search(self, doc_id: int, fields: list[str]) -> None:
        """Index one letter: fields are number, type (code and name), subject, issuer, body."""
        raise NotImplementedError

    def drop_search(self, sha256: str) -> None:
        """Remove the search row of the document with these bytes, if there is one."""
        raise NotImplementedError

    def match(self, tier: str, text: str, limit: int) -> list[int]:
        """Ids of the documents whose search row matches every word of `text` in `tier`
        (one of TIERS), highest id first, at most `limit`."""
        raise NotImplementedError

    def match_count(self, text: str) -> int:
        """How many current ('ok') documents match `text` folded, anywhere."""
        raise NotImplementedError

    def optimize(self) -> None:
        """Compact the search index after a bulk load."""


# --------------------------------------------------------------------------- SQLite

SQLITE_SCHEMA = """
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

# the FTS5 column filter of each tier
SQLITE_TIER_COLUMNS = {"exact_head": "{number kind subject issuer}", "exact": "{number kind subject issuer body}",
                       "folded_head": "folded_head", "folded": "folded"}


def search_row(number: str, kind: str, subject: str, issuer: str, body: str) -> tuple:
    """The FTS5 columns of one letter: as printed, the header folded, everything folded."""
    from .fold import fold

    head = [number, kind, subject, issuer]
    return (*head, body, fold(" \n".join(head)), fold(" \n".join(head + [body])))


class SQLiteDatabase(Database):
    """One file (WAL journal), stdlib sqlite3, FTS5 for search."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool):
        from ..errors import InputError

        path = Path(path)
        self.target = str(path)
        if not create and not path.is_file():
            raise InputError(f"no archive at {path} (run 'congvan index DIR --db {path}' first)")
        try:
            con = sqlite3.connect(str(path), timeout=30, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA foreign_keys=ON")
            if create:
                con.executescript(SQLITE_SCHEMA)
                con.execute("INSERT INTO meta(key, value) VALUES ('archive_schema', ?) ON CONFLICT(key) DO NOTHING",
                            (ARCHIVE_SCHEMA,))
            found = con.execute("SELECT value FROM meta WHERE key = 'archive_schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path} is not a congvan archive ({exc})") from None
        check_layout(found[0] if found else None, str(path), con.close)
        con.row_factory = sqlite3.Row
        self.con = con

    def execute(self, sql: str, params=()):
        return self.con.execute(sql, params)

    def executemany(self, sql: str, rows) -> None:
        self.con.executemany(sql, rows)

    def begin(self) -> None:
        self.con.execute("BEGIN IMMEDIATE")

    def close(self) -> None:
        self.con.close()

    def add_search(self, doc_id: int, fields: list[str]) -> None:
        self.con.execute("INSERT INTO search(rowid, number, kind, subject, issuer, body, folded_head, folded) "
                         "VALUES (?,?,?,?,?,?,?,?)", (doc_id, *search_row(*fields)))

    def drop_search(self, sha256: str) -> None:
        self.con.execute("DELETE FROM search WHERE rowid IN (SELECT id FROM documents WHERE sha256 = ?)", (sha256,))

    def match(self, tier: str, text: str, limit: int) -> list[int]:
        from .fold import fts_query

        q = fts_query(text, folded=tier.startswith("folded"))
        if not q:
            return []
        # FTS5 walks its rowids backwards and stops: ~2 ms at 10^5 letters, where bm25 would
        # cost a pass over each word's whole posting list
        return [r[0] for r in self.con.execute("SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC "
                                               "LIMIT ?", (f"{SQLITE_TIER_COLUMNS[tier]} : ({q})", limit))]

    def match_count(self, text: str) -> int:
        from .fold import fts_query

        q = fts_query(text, folded=True)
        if not q:
            return 0
        return self.con.execute("SELECT count(*) FROM search JOIN documents d ON d.id = search.rowid "
                                "WHERE search MATCH ? AND d.status='ok'", (f"folded : ({q})",)).fetchone()[0]

    def optimize(self) -> None:
        self.con.execute("INSERT INTO search(search) VALUES ('optimize')")


def check_layout(found: str | None, where: str, close) -> None:
    from ..errors import InputError

    if found != ARCHIVE_SCHEMA:
        close()
        raise InputError(f"{where} was made by another version of congvan's archive (layout "
                         f"{found or 'before 1'}, this one reads {ARCHIVE_SCHEMA}): index into a new file")


def open_database(target: str | Path, *, create: bool = False) -> Database:
    if is_postgres(target):
        from .pg import PostgresDatabase

        return PostgresDatabase(str(target), create=create)
    return SQLiteDatabase(target, create=create)
