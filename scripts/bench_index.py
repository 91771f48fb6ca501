#!/usr/bin/env python3
"""Benchmark `congvan index`: throughput with 1 and 2 workers, worker memory, re-run cost,
search latency at 10^4 and 10^5 documents.

    python scripts/bench_index.py [-n 1000] [--pdf 0.3] [--work DIR] [--json out.json]
                                  [--search-sizes 10000,100000] [--skip-index]

1. scripts/make_archive.py writes N letters (text, markdown, digital PDF) into WORK/letters.
2. `congvan index` runs over them with 1 worker, then with 2 (each into a fresh archive):
   letters/s, pages/s, the peak RSS of a worker (ru_maxrss, reported by the workers), and
   the links scored against the generator's truth (precision, recall).
3. The 2-worker run is repeated over the unchanged archive: its time against the first.
4. Search: the archive is grown to each size in --search-sizes by copying its documents'
   search rows with new numbers (synthesized rows, written directly into SQLite: indexing
   10^5 letters is beyond this benchmark's time), then 200 queries (subject words with and
   without marks, issuer names, type codes, numbers) are timed: p50 and p95 in ms.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from archive_eval import evaluate  # scripts/ is on the path when this script runs
from make_archive import make


def index(letters: Path, db: Path, workers: int) -> dict:
    """One run, with the CPU its parent and its workers used and the machine's load around it
    (the machine may be shared: a wall-clock speed-up means little when other work holds the cores)."""
    import os
    import resource

    from congvan.archive import indexer

    load0 = os.getloadavg()[0]
    me0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    t = indexer.run(indexer.Options(roots=[str(letters)], db=str(db), workers=workers, ocr="off", progress="none"))
    me1, kids1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = t.as_dict()
    out["parent_cpu_s"] = round(me1.ru_utime + me1.ru_stime - me0.ru_utime - me0.ru_stime, 2)
    out["workers_cpu_s"] = round(kids1.ru_utime + kids1.ru_stime - kids0.ru_utime - kids0.ru_stime, 2)
    out["loadavg_before_after"] = [round(load0, 2), round(os.getloadavg()[0], 2)]
    return out


def grow(src_db: Path, dst_db: Path, size: int) -> int:
    """Copy src_db to dst_db and add synthesized documents (copies of the real rows, new
    numbers and hashes) until it holds `size` documents."""
    from congvan.archive.store import search_row

    shutil.copy(src_db, dst_db)
    con = sqlite3.connect(dst_db)
    base = con.execute("SELECT d.id, d.number, s.kind, s.subject, s.issuer, s.body FROM documents d "
                       "JOIN search s ON s.rowid = d.id WHERE d.status='ok'").fetchall()
    have = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    rng = random.Random(5)
    con.execute("BEGIN")
    for i in range(have, size):
        _id, number, kind, subject, issuer, body = base[i % len(base)]
        n = f"{rng.randint(1, 99999)}/{number.split('/', 1)[1] if number and '/' in number else 'X'}"
        cur = con.execute("INSERT INTO documents(sha256, size, parser_version, status, number, subject, issuer, json) "
                          "VALUES (?, 0, 'synthetic', 'ok', ?, ?, ?, '{}')", (f"synthetic-{i}", n, subject, issuer))
        con.execute("INSERT INTO search(rowid, number, kind, subject, issuer, body, folded_head, folded) "
                    "VALUES (?,?,?,?,?,?,?,?)", (cur.lastrowid, *search_row(n, kind, subject, issuer, body)))
    con.execute("COMMIT")
    con.execute("INSERT INTO search(search) VALUES ('optimize')")
    con.close()
    return size


def queries(con: sqlite3.Connection, count: int = 200) -> list[str]:
    from congvan.archive.fold import fold

    rng = random.Random(9)
    rows = con.execute("SELECT subject, issuer, number FROM documents WHERE parser_version != 'synthetic' "
                       "AND subject IS NOT NULL").fetchall()
    out = []
    for i in range(count):
        subject, issuer, number = rows[rng.randrange(len(rows))]
        words = subject.split()
        k = rng.randint(1, 3)
        j = rng.randrange(max(1, len(words) - k))
        phrase = " ".join(words[j:j + k])
        out.append([phrase, fold(phrase), issuer or phrase, fold(issuer or phrase), number or phrase,
                    rng.choice(["QĐ", "QD", "quyet dinh", "Công văn", "ke hoach"])][i % 6])
    return out


def search_latency(db: Path, qs: list[str]) -> dict:
    from congvan.archive import store

    con = store.connect(db)
    for q in qs[:20]:  # warm the page cache
        store.search(con, q)
    times = []
    for q in qs:
        t0 = time.perf_counter()
        store.search(con, q, limit=20)
        times.append((time.perf_counter() - t0) * 1000)
    con.close()
    times.sort()
    return {"queries": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "max_ms": round(times[-1], 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--pdf", type=float, default=0.3)
    ap.add_argument("--work", type=Path, default=None, help="folder for the archive and databases (default: a temp dir)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--search-sizes", default="10000,100000")
    ap.add_argument("--workers", default="1,2", help="worker counts to time (default 1,2)")
    a = ap.parse_args(argv)
    work = a.work or Path(tempfile.mkdtemp(prefix="bench-index-"))
    work.mkdir(parents=True, exist_ok=True)
    letters = work / "letters"
    res: dict = {"n": a.n, "pdf_share": a.pdf, "work": str(work)}
    t0 = time.perf_counter()
    if not letters.exists():
        truth = make(letters, a.n, seed=1, pdf=a.pdf)
        res["generate_s"] = round(time.perf_counter() - t0, 1)
    else:
        truth = json.loads(letters.with_name("letters.truth.json").read_text(encoding="utf-8"))
    runs = {}
    for w in [int(x) for x in a.workers.split(",")]:
        db = work / f"w{w}.sqlite"
        for p in work.glob(f"w{w}.sqlite*"):
            p.unlink()
        t = index(letters, db, w)
        runs[w] = t
        r = evaluate(letters, db, truth)
        row = {"seconds": t["seconds"], "parsed": t["parsed"], "pages": t["pages"],
               "letters_per_s": round(t["parsed"] / t["seconds"], 2), "pages_per_s": round(t["pages"] / t["seconds"], 2),
               "peak_worker_rss_mb": t["peak_rss_mb"], "failed": t["failed"],
               "parent_cpu_s": t["parent_cpu_s"], "workers_cpu_s": t["workers_cpu_s"],
               "cpu_ms_per_letter": round(1000 * (t["parent_cpu_s"] + t["workers_cpu_s"]) / max(1, t["parsed"]), 1),
               "loadavg_before_after": t["loadavg_before_after"],
               "link_precision": r["precision"], "link_recall": r["recall"], "damaged_recall": r["damaged_recall"],
               "ambiguous": r["ambiguous"], "missing": len(r["missing"])}
        res[f"workers_{w}"] = row
        print(f"bench_index: {w} worker(s): {json.dumps(row)}", file=sys.stderr)
    if 1 in runs and 2 in runs:
        res["speedup_2_vs_1"] = round(runs[1]["seconds"] / runs[2]["seconds"], 3)
    last = max(runs)
    again = index(letters, work / f"w{last}.sqlite", last)
    res["rerun"] = {"seconds": again["seconds"], "parsed": again["parsed"], "skipped": again["skipped"],
                    "share_of_first": round(again["seconds"] / runs[last]["seconds"], 4)}
    print(f"bench_index: re-run: {json.dumps(res['rerun'])}", file=sys.stderr)
    src = work / f"w{last}.sqlite"
    con = sqlite3.connect(src)
    qs = queries(con)
    con.close()
    res["search"] = {}
    for size in [int(x) for x in a.search_sizes.split(",") if x]:
        db = work / f"search-{size}.sqlite"
        t0 = time.perf_counter()
        grow(src, db, size)
        lat = search_latency(db, qs)
        lat["grow_s"] = round(time.perf_counter() - t0, 1)
        lat["synthesized_rows"] = max(0, size - a.n)
        res["search"][str(size)] = lat
        print(f"bench_index: search at {size}: {json.dumps(lat)}", file=sys.stderr)
        db.unlink()
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if a.json:
        a.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
