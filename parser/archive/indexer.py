"""`congvan index`: walk folders, hash each file, parse new ones in workers, commit in batches.

The parent alone writes. A file is skipped when a document with its SHA-256 was parsed by
the current parser version (its path is still recorded), or when the same bytes failed
with this parser version (unless `retry_failed`; the failure is recorded at the new path too). Bytes already in flight under another path
are parsed once; both paths are written with the document. Non-regular files (FIFOs,
devices, sockets) are recorded as failures without being opened for reading.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from . import remote, store
from .pool import Pool, Task, WorkerConfig

HASH_CHUNK = 1 << 20


@dataclass
class Options:
    roots: list[str]
    db: str = store.DEFAULT_DB
    workers: int = 1
    timeout: float | None = 120.0
    max_memory_mb: int | None = 2048
    ocr: str = "auto"
    retry_failed: bool = False
    batch: int = 50  # letters a transaction holds at most
    batch_seconds: float = 2.0  # ... and commit at least this often
    progress: str = "auto"  # auto | bar | lines | none
    engine: str = "local"  # local (worker processes here) | dask (a scheduler's cluster) | dask-local (cluster.py)
    scheduler: str | None = None  # engine dask: tcp://HOST:8786
    worker_memory: str | None = "4GiB"  # engine dask-local: each Dask worker's memory limit


@dataclass
class Totals:
    files: int = 0
    parsed: int = 0
    skipped: int = 0  # already indexed with this parser version
    duplicates: int = 0  # same bytes as another path of this run
    failed: int = 0
    failed_before: int = 0  # failures of an earlier run not retried
    pages: int = 0
    seconds: float = 0.0
    replaced_workers: int = 0
    peak_rss_mb: float = 0.0
    links: int = 0
    ambiguous: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def walk(roots: list[str]):
    """Every file under the roots (a root that is not a folder is itself), sorted; symbolic
    links to folders are not followed (no cycles), links to files are files. A root that is
    an fsspec URL (s3://bucket/archive) is listed through fsspec (remote.py)."""
    for root in roots:
        if remote.is_url(root):
            yield from remote.walk(root)
            continue
        if not os.path.isdir(root):
            yield root
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                yield os.path.join(dirpath, name)


def _sha256(path: str, st: os.stat_result) -> str:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        h = hashlib.sha256()
        with os.fdopen(fd, "rb") as f:
            fd = -1
            for chunk in iter(lambda: f.read(HASH_CHUNK), b""):
                h.update(chunk)
        return h.hexdigest()
    finally:
        if fd >= 0:
            os.close(fd)


class Progress:
    """A tqdm bar on a terminal, plain lines every few seconds otherwise, nothing with 'none'."""

    def __init__(self, mode: str, totals: Totals, total_files: int | None):
        self.t, self.start = totals, time.monotonic()
        self.last = self.start
        if mode == "auto":
            mode = "bar" if sys.stderr.isatty() else "lines"
        self.mode, self.bar = mode, None
        if mode == "bar":
            try:
                from tqdm import tqdm

                tqdm.monitor_interval = 0  # no monitor thread in a process that forks workers
                self.bar = tqdm(total=total_files, unit="file", file=sys.stderr, dynamic_ncols=True)
            except ImportError:
                self.mode = "lines"

    def rates(self) -> str:
        el = max(time.monotonic() - self.start, 1e-9)
        return f"{self.t.parsed / el:.1f} letters/s, {self.t.pages / el:.1f} pages/s, {self.t.failed} failed"

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)
            now = time.monotonic()
            if now - self.last > 0.5:
                self.last = now
                self.bar.set_postfix_str(self.rates(), refresh=False)
        elif self.mode == "lines":
            now = time.monotonic()
            if now - self.last >= 5:
                self.last = now
                print(f"congvan index: {self.t.files} files, {self.t.parsed} parsed, {self.t.skipped} skipped, "
                      f"{self.rates()}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(self.rates())
            self.bar.close()


ENGINES = ("local", "dask", "dask-local")


def make_pool(opts: Options):
    """The parse step: local worker processes, or Dask tasks (cluster.DaskPool, the same interface)."""
    from ..errors import InputError

    if opts.engine not in ENGINES:
        raise InputError(f"no engine {opts.engine!r}: one of {', '.join(ENGINES)}")
    cfg = WorkerConfig(ocr=opts.ocr, max_memory_mb=opts.max_memory_mb)
    if opts.engine == "local":
        return Pool(opts.workers, cfg, opts.timeout)
    from .cluster import DaskOptions, DaskPool

    return DaskPool(DaskOptions(engine=opts.engine, scheduler=opts.scheduler, workers=opts.workers,
                                worker_memory=opts.worker_memory), cfg, opts.timeout)


Seen = tuple[str, int, int]  # a path of a letter, its size and mtime (ns), as store.add_paths takes them


class _Batch:
    """The open transaction: opened by the first write, committed every `batch` letters or
    `batch_seconds` (or when forced); rolled back whole when the run fails."""

    def __init__(self, con, opts: Options):
        self.con, self.size, self.seconds = con, opts.batch, opts.batch_seconds
        self.open = False
        self.letters = 0
        self.last_commit = time.monotonic()

    def begin(self) -> None:
        if not self.open:
            self.con.begin()
            self.open = True

    def commit(self, force: bool = False) -> None:
        if self.open and (force or self.letters >= self.size or time.monotonic() - self.last_commit >= self.seconds):
            self.con.commit()
            self.open, self.letters, self.last_commit = False, 0, time.monotonic()

    def rollback(self) -> None:
        if self.open:  # a letter may be half-written in the open batch: none of the batch is kept
            self.con.rollback()
            self.open = False


class _Run:
    """One run's state: what the database knows, the walk, the letters in flight, the totals."""

    def __init__(self, opts: Options, con):
        self.opts, self.con = opts, con
        self.version = store.parser_version()
        self.known = store.known_shas(con, self.version)
        self.failed_before = store.failed(con, self.version)
        self.totals = Totals()
        files = list(walk(opts.roots))
        self.progress = Progress(opts.progress, self.totals, len(files))
        self.batch = _Batch(con, opts)
        self.waiting: dict[str, list[Seen]] = defaultdict(list)  # sha -> paths of the letter in flight
        self.queue: list[Task] = []
        self.tid = 0
        self.files = iter(files)
        self.exhausted = False

    def fail(self, path, sha, size, stage, error_class, message, seconds=None) -> None:
        self.batch.begin()
        store.add_failure(self.con, {"path": path, "sha256": sha, "size": size, "stage": stage,
                                     "error_class": error_class, "message": message, "seconds": seconds},
                          self.version)
        self.totals.failed += 1

    def index(self, pool) -> None:
        """Feed the idle workers and write their results until the walk is done and none is busy."""
        while True:
            for w in pool.idle():
                if not self.queue and not self.exhausted:
                    self.feed()
                if not self.queue:
                    break
                pool.submit(w, self.queue.pop(0))
            if self.exhausted and not self.queue and pool.busy() == 0:
                break
            for ev in pool.wait():
                self.write(ev)
        self.batch.commit(force=True)

    def feed(self) -> None:
        """Walk and hash until one task is queued (or the walk ends)."""
        for path in self.files:
            self.totals.files += 1
            hashed = self.hash(path)
            if hashed is not None and self.queue_or_skip(path, *hashed):
                return
        self.exhausted = True

    def hash(self, path: str) -> tuple[str, Seen] | None:
        """The file's SHA-256 and how it was seen, or None when it cannot be read (recorded as a failure)."""
        if remote.is_url(path):
            try:
                size, mtime_ns = remote.stat(path)
                sha = remote.sha256(path, HASH_CHUNK)
            except OSError as exc:
                return self.unreadable(path, None, "read", type(exc).__name__, f"cannot read {path}: {exc}")
            return sha, (path, size, mtime_ns)
        try:
            st = os.stat(path)
        except OSError as exc:
            return self.unreadable(path, None, "read", type(exc).__name__, f"cannot read {path}: {exc.strerror}")
        if not stat.S_ISREG(st.st_mode):
            return self.unreadable(path, None, "walk", "NotRegularFile",
                                   f"{path} is not a regular file (a pipe, a device or a socket): skipped")
        try:
            sha = _sha256(path, st)
        except OSError as exc:
            return self.unreadable(path, st.st_size, "read", type(exc).__name__,
                                   f"cannot read {path}: {exc.strerror}")
        return sha, (path, st.st_size, st.st_mtime_ns)

    def unreadable(self, path: str, size: int | None, stage: str, error_class: str, message: str) -> None:
        self.fail(path, None, size, stage, error_class, message)
        self.progress.update()
        return None

    def queue_or_skip(self, path: str, sha: str, seen: Seen) -> bool:
        """Skip the file (already indexed, in flight, failed before) or queue it: True if queued."""
        if sha in self.known:
            self.batch.begin()
            store.add_paths(self.con, sha, [seen])
            self.totals.skipped += 1
            self.progress.update()
            self.batch.commit()
            return False
        if sha in self.waiting:
            self.waiting[sha].append(seen)
            self.totals.duplicates += 1
            self.progress.update()
            return False
        if not self.opts.retry_failed and sha in self.failed_before:
            old = self.failed_before[sha]
            if old["path"] != path:  # the same bytes at another path: the same failure, recorded there too
                self.batch.begin()
                store.add_failure(self.con, {**old, "path": path}, self.version)
            self.totals.failed_before += 1
            self.progress.update()
            return False
        self.waiting[sha].append(seen)
        self.tid += 1
        self.queue.append(Task(self.tid, path, sha, seen[1]))
        return True

    def write(self, ev) -> None:
        """A worker's event written at every path of its letter: the document, or the failure."""
        sha = ev.task.sha256
        seen = self.waiting.pop(sha, [(ev.task.path, ev.task.size, 0)])
        self.batch.begin()
        if ev.kind == "ok":
            store.add_document(self.con, ev.record, self.version)
            store.add_paths(self.con, sha, seen)
            self.known.add(sha)
            self.totals.parsed += 1
            self.totals.pages += ev.record["pages"]
        else:
            f = ev.failure
            for p, size, _ in seen:
                self.fail(p, sha, size, f["stage"], f["error_class"], f["message"], f.get("seconds"))
        self.batch.letters += 1
        self.progress.update(len(seen))
        self.batch.commit()

    def forget_unseen(self, run_start: float) -> None:
        """Paths under the roots not seen this run are gone; documents no path holds are stale."""
        self.batch.begin()
        for root in self.opts.roots:
            prefix = os.path.join(root, "")
            self.con.execute("DELETE FROM paths WHERE seen_at < ? AND (path = ? OR substr(path, 1, ?) = ?)",
                             (run_start, root, len(prefix), prefix))
        store.mark_stale(self.con)
        self.batch.commit(force=True)


def run(opts: Options) -> Totals:
    from .links import relink

    t0 = time.monotonic()
    run_start = time.time()
    con = store.connect(opts.db, create=True)
    state = _Run(opts, con)
    totals = state.totals
    pool = make_pool(opts)
    try:
        state.index(pool)
        state.forget_unseen(run_start)
        totals.links, totals.ambiguous = relink(con)
    except BaseException:
        state.batch.rollback()
        raise
    finally:
        totals.replaced_workers = pool.replaced
        totals.peak_rss_mb = round(pool.peak_rss_kb / 1024, 1)
        pool.close()
        state.progress.close()
        con.close()
    totals.seconds = round(time.monotonic() - t0, 3)
    return totals
