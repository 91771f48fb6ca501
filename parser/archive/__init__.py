"""congvan.archive: index a folder tree of letters into one SQLite file (or a PostgreSQL
database), search it, link it.

    congvan index ARCHIVE/ --db archive.sqlite --workers 2
    congvan search "quyet dinh" --db archive.sqlite
    congvan show "23/UBT-TT-KHTC"          # finds 232/BTTTT-KHTC, OCR-tolerant
    congvan stats --json

Modules: `fold` (diacritic folding for search), `store` (writes and queries), `db` (the
storage interface and the SQLite backend), `pg` (the PostgreSQL backend: --db
postgresql://...), `pool` (worker processes with a hard per-letter timeout and a memory cap),
`cluster` (the parse step on Dask: --engine dask|dask-local), `remote` (fsspec URLs),
`indexer` (walk, hash, dispatch, batch-commit), `links` (references resolved to letters),
`cli` (the `congvan` console script). Nothing heavy is imported by this package's
`__init__`: `congvan --help` stays instant.
"""
