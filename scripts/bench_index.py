#!/usr/bin/env python3
"""Benchmark `congvan index`: throughput with 1 and 2 workers, worker memory, re-run cost,
the Dask engine against local workers, search latency and write throughput at 10^4 and 10^5
documents on SQLite and PostgreSQL.

    python scripts/bench_index.py [-n 1000] [--pdf 0.3] [--work DIR] [--json out.json]
                                  [--workers 1,2] [--engines local,dask-local] [--kill-worker]
                                  [--search-sizes 10000,100000] [--backends sqlite,postgresql --pg URL]

1. scripts/make_archive.py writes N letters (text, markdown, digital PDF) into WORK/letters.
2. `congvan index` runs over them with 1 worker, then with 2 (each into a fresh archive):
   letters/s, pages/s, the peak RSS of a worker (ru_maxrss, reported by the workers), and
   the links scored against the generator's truth (precision, recall).
3. The 2-worker run is repeated over the unchanged archive: its time against the first.
4. --engines: each other engine (dask-local: a LocalCluster of --workers' largest count) indexes
   the same letters into a fresh archive: its time and CPU against the local workers', and
   whether it holds the same (archive_eval.digest: row counts, a hash of the documents' JSON,
   links, paths, failures). --kill-worker: one more dask-local run in which a Dask worker
   process is killed with SIGKILL once both workers hold letters: it must complete with the
   same digest.
5. Search, on each of --backends: an archive is grown to each size in --search-sizes by
   writing the parsed letters again through the writer (store.add_document, 50 letters a
   transaction, as the indexer commits) with new hashes and numbers: indexing 10^5 letters is
   beyond this benchmark's time, writing them is what is measured (letters/s). Then 200
   queries (subject words with and without marks, issuer names, type codes, numbers) are
   timed: p50 and p95 in ms. PostgreSQL: --pg names a server (a database per size is made on
   it and dropped); scripts/pg_throwaway.sh starts one.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from archive_eval import digest, evaluate  # scripts/ is on the path when this script runs
from make_archive import make


def index(letters: Path, db: Path | str, workers: int, engine: str = "local") -> dict:
    """One run, with the CPU its parent and its workers used and the machine's load around it
    (the machine may be shared: a wall-clock speed-up means little when other work holds the cores)."""
    import os
    import resource

    from congvan.archive import indexer

    load0 = os.getloadavg()[0]
    me0, kids0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    t = indexer.run(indexer.Options(roots=[str(letters)], db=str(db), workers=workers, ocr="off", progress="none",
                                    engine=engine))
    me1, kids1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = t.as_dict()
    out["parent_cpu_s"] = round(me1.ru_utime + me1.ru_stime - me0.ru_utime - me0.ru_stime, 2)
    out["workers_cpu_s"] = round(kids1.ru_utime + kids1.ru_stime - kids0.ru_utime - kids0.ru_stime, 2)
    out["loadavg_before_after"] = [round(load0, 2), round(os.getloadavg()[0], 2)]
    return out


def grow(src_db: Path, dst_db: str, size: int) -> dict:
    """Write `size` letters into the new archive dst_db through the writer: the parsed letters
    of src_db again and again, each with a new hash and number, 50 a transaction."""
    import hashlib

    from congvan.archive import store
    from congvan.archive.record import record_of

    src = store.connect(src_db)
    base = [json.loads(r[0]) for r in src.execute("SELECT json FROM documents WHERE status='ok' ORDER BY id")]
    src.close()
    con = store.connect(dst_db, create=True)
    version = store.parser_version()
    rng = random.Random(5)
    t0 = time.perf_counter()
    for start in range(0, size, 50):
        con.begin()
        for i in range(start, min(size, start + 50)):
            d = json.loads(json.dumps(base[i % len(base)]))
            sha = hashlib.sha256(f"synthetic-{i}".encode()).hexdigest()
            d["source"]["sha256"] = sha
            number = d["document"].get("number")
            if number and "/" in number:
                d["document"]["number"] = f"{rng.randint(1, 99999)}/{number.split('/', 1)[1]}"
            store.add_document(con, record_of(d, sha, 0, 0.0), version)
            store.add_paths(con, sha, [(f"/synthetic/{i}", 0, 0)])
        con.commit()
    seconds = time.perf_counter() - t0
    con.optimize()
    con.close()
    return {"written": size, "write_s": round(seconds, 1), "letters_per_s_written": round(size / seconds, 1)}


def queries(con, count: int = 200) -> list[str]:
    from congvan.archive.fold import fold

    rng = random.Random(9)
    rows = con.execute("SELECT subject, issuer, number FROM documents WHERE subject IS NOT NULL").fetchall()
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


def search_latency(db: Path | str, qs: list[str]) -> dict:
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


def kill_a_worker_during(run, db, after: int = 0) -> dict:
    """Run `run()` (a dask-local index into `db`) in a thread; once both Dask workers hold
    letters (each has started its parse process) and `db` has at least `after` letters
    committed, SIGKILL one of them. Returns the run's totals, the pid and when."""
    import os
    import signal
    import threading

    import psutil

    out: dict = {"t0": time.perf_counter()}
    th = threading.Thread(target=lambda: out.setdefault("t", run()), daemon=True)
    th.start()
    while th.is_alive() and "killed" not in out:
        time.sleep(0.2)
        workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
        if after and committed(db) < after:
            continue
        if len(workers) == 2 and all(len(w.children(recursive=True)) >= 2 for w in workers) and th.is_alive():
            out["killed"], out["committed"] = workers[0].pid, committed(db)
            out["killed_after_s"] = round(time.perf_counter() - out["t0"], 1)
            os.kill(workers[0].pid, signal.SIGKILL)
    th.join()
    return out


def committed(db) -> int:
    from congvan.archive import store

    try:
        con = store.connect(db)
    except Exception:  # not made yet
        return 0
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def pg_database(url: str, name: str, drop: bool = False) -> str:
    """A new database `name` on the server of `url` (dropped first if there); its URL."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--pdf", type=float, default=0.3)
    ap.add_argument("--work", type=Path, default=None, help="folder for the archive and databases (default: a temp dir)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--search-sizes", default="10000,100000")
    ap.add_argument("--workers", default="1,2", help="worker counts to time (default 1,2; empty: reuse WORK/wN.sqlite)")
    ap.add_argument("--engines", default="local", help="engines to compare with local workers (e.g. local,dask-local)")
    ap.add_argument("--kill-worker", action="store_true", help="a dask-local run with one worker killed mid-run")
    ap.add_argument("--kill-after", type=int, default=0, help="... once this many letters are committed (default 0)")
    ap.add_argument("--no-rerun", action="store_true", help="skip the re-run over the unchanged archive")
    ap.add_argument("--backends", default="sqlite", help="backends of the search/write measurements (sqlite,postgresql)")
    ap.add_argument("--pg", default=None, help="a PostgreSQL server URL for --backends postgresql")
    a = ap.parse_args(argv)
    work = a.work or Path(tempfile.mkdtemp(prefix="bench-index-"))
    work.mkdir(parents=True, exist_ok=True)
    letters = work / "letters"
    res: dict = {"n": a.n, "pdf_share": a.pdf, "work": str(work), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    t0 = time.perf_counter()
    if not letters.exists():
        truth = make(letters, a.n, seed=1, pdf=a.pdf)
        res["generate_s"] = round(time.perf_counter() - t0, 1)
    else:
        truth = json.loads(letters.with_name("letters.truth.json").read_text(encoding="utf-8"))

    def row_of(t: dict, db) -> dict:
        r = evaluate(letters, db, truth)
        return {"seconds": t["seconds"], "parsed": t["parsed"], "pages": t["pages"],
                "letters_per_s": round(t["parsed"] / t["seconds"], 2), "pages_per_s": round(t["pages"] / t["seconds"], 2),
                "peak_worker_rss_mb": t["peak_rss_mb"], "failed": t["failed"],
                "parent_cpu_s": t["parent_cpu_s"], "workers_cpu_s": t["workers_cpu_s"],
                "cpu_ms_per_letter": round(1000 * (t["parent_cpu_s"] + t["workers_cpu_s"]) / max(1, t["parsed"]), 1),
                "loadavg_before_after": t["loadavg_before_after"],
                "link_precision": r["precision"], "link_recall": r["recall"], "damaged_recall": r["damaged_recall"],
                "ambiguous": r["ambiguous"], "missing": len(r["missing"])}

    def fresh(name: str) -> Path:
        for p in work.glob(name + "*"):
            p.unlink()
        return work / name

    runs = {}
    for w in [int(x) for x in a.workers.split(",") if x]:
        db = fresh(f"w{w}.sqlite")
        runs[w] = t = index(letters, db, w)
        res[f"workers_{w}"] = row = row_of(t, db)
        print(f"bench_index: {w} worker(s): {json.dumps(row)}", file=sys.stderr)
    if 1 in runs and 2 in runs:
        res["speedup_2_vs_1"] = round(runs[1]["seconds"] / runs[2]["seconds"], 3)
    last = max(runs) if runs else max(int(p.stem[1:]) for p in work.glob("w*.sqlite"))
    src = work / f"w{last}.sqlite"
    if runs and not a.no_rerun:
        again = index(letters, src, last)
        res["rerun"] = {"seconds": again["seconds"], "parsed": again["parsed"], "skipped": again["skipped"],
                        "share_of_first": round(again["seconds"] / runs[last]["seconds"], 4)}
        print(f"bench_index: re-run: {json.dumps(res['rerun'])}", file=sys.stderr)
    local_digest = digest(src)
    for engine in [e for e in a.engines.split(",") if e and e != "local"]:
        db = fresh(f"{engine}-w{last}.sqlite")
        t = index(letters, db, last, engine=engine)
        row = row_of(t, db)
        row["same_as_local"] = digest(db) == local_digest
        if last in runs:
            row["seconds_vs_local"] = round(t["seconds"] / runs[last]["seconds"], 3)
        res[f"{engine}_workers_{last}"] = row
        print(f"bench_index: {engine}, {last} workers: {json.dumps(row)}", file=sys.stderr)
    if a.kill_worker:
        db = fresh(f"dask-killed-w{last}.sqlite")
        k = kill_a_worker_during(lambda: index(letters, db, last, engine="dask-local"), db, a.kill_after)
        row = row_of(k["t"], db)
        row.update(killed_pid=k["killed"], killed_after_s=k["killed_after_s"], killed_after_letters=k["committed"],
                   same_as_local=digest(db) == local_digest)
        res["dask_local_worker_killed"] = row
        print(f"bench_index: dask-local with a worker killed: {json.dumps(row)}", file=sys.stderr)
    from congvan.archive import store

    con = store.connect(src)
    qs = queries(con)
    con.close()
    res["search"] = {}
    for backend in [b for b in a.backends.split(",") if b]:
        for size in [int(x) for x in a.search_sizes.split(",") if x]:
            name = f"congvan_bench_{size}"
            db = pg_database(a.pg, name) if backend == "postgresql" else str(fresh(f"search-{size}.sqlite"))
            row = grow(src, db, size)
            row.update(search_latency(db, qs))
            res["search"][f"{backend}_{size}"] = row
            print(f"bench_index: {backend} at {size}: {json.dumps(row)}", file=sys.stderr)
            if backend == "postgresql":
                pg_database(a.pg, name, drop=True)
            else:
                fresh(f"search-{size}.sqlite")
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if a.json:
        a.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
