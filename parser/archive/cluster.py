"""The parse step on a Dask cluster: `congvan index --engine dask|dask-local`.

    congvan index /shared/archive --engine dask --scheduler tcp://HOST:8786 --db postgresql://...
    congvan index letters/ --engine dask-local --workers 2

The walk, the hashing, the skipping and the one writer stay in `indexer.run`; only the pool
changes. Each letter to parse is a Dask task keyed by the file's SHA-256
(`congvan-parse-<sha256>`), submitted a few at a time (`slots`: twice the cluster's threads)
so that the walk streams and memory stays bounded; results stream back to the writer as they
finish, in any order, and are committed in batches exactly as with local workers (a killed run
resumes the same way: what was committed is skipped).

Inside the task, the letter is parsed in a child process of the Dask worker (`pool.Pool` of
one, started through a fork server: a worker process has threads): the per-letter timeout
(the child is killed), the memory cap of that child (`--max-memory`) and a crashing parse
(the child dies, the Dask worker does not) come back as failure rows, as with local workers.
Dask adds its own layer: `retries` for a task that raised (a file not reachable on that
worker's storage), the worker's `memory_limit` (its nanny restarts a worker past it) and
nanny restarts of a worker that died; a task whose workers died `allowed-failures` times
(distributed.scheduler.allowed-failures, default 3) is recorded as a crash (KilledWorker).

Files are read by their path, which must be the same on every worker (shared storage), or
through an fsspec URL (s3://bucket/archive: remote.py), fetched by the worker.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from .pool import Event, Pool, Task, WorkerConfig

TASK_PREFIX = "congvan-parse-"
SLOTS_PER_THREAD = 2  # letters in flight per worker thread: one parsing, one waiting (the walk streams)


@dataclass(frozen=True)
class DaskOptions:
    engine: str = "dask-local"  # dask (a running scheduler) | dask-local (a LocalCluster here)
    scheduler: str | None = None  # tcp://HOST:8786 for engine dask
    workers: int = 2  # dask-local: worker processes (one thread each)
    worker_memory: str | None = "4GiB"  # dask-local: each worker's memory_limit (its nanny restarts it past that)
    retries: int = 2  # Dask re-runs a task that raised this many times (a file missing on one worker)
    connect_timeout: float = 30.0  # seconds to reach the scheduler


# one parse process per Dask worker thread, kept between tasks (a new one costs a fork)
_local = threading.local()


def _pool(cfg: WorkerConfig, timeout: float | None) -> Pool:
    pool = getattr(_local, "pool", None)
    if pool is None or pool.cfg != cfg or pool.timeout != timeout:
        if pool is not None:
            pool.close()
        pool = _local.pool = Pool(1, cfg, timeout, start_method="forkserver")
    return pool


def parse_task(path: str, sha256: str, size: int, cfg: WorkerConfig, timeout: float | None) -> tuple:
    """Run on a Dask worker: (kind, record, failure, rss_kb, replaced) for one letter."""
    import multiprocessing

    if multiprocessing.current_process().daemon:
        raise RuntimeError("the Dask worker is a daemon process and cannot start the parse process: start the "
                           "workers with DASK_DISTRIBUTED__WORKER__DAEMON=False (docs/archive.md)")
    if "://" not in path and not os.path.exists(path):  # raised, not recorded: Dask retries it (elsewhere, maybe)
        raise FileNotFoundError(f"{path} is not on this worker's storage ({os.uname().nodename})")
    pool = _pool(cfg, timeout)
    replaced = pool.replaced
    pool.submit(pool.workers[0], Task(0, path, sha256, size))
    while True:
        events = pool.wait()
        if events:
            ev = events[0]
            return ev.kind, ev.record, ev.failure, ev.rss_kb, pool.replaced - replaced


class DaskPool:
    """The interface of `pool.Pool` (idle, submit, busy, wait, close) over a Dask client."""

    def __init__(self, opts: DaskOptions, cfg: WorkerConfig, timeout: float | None):
        from ..errors import InputError

        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--engine dask needs Dask: pip install 'congvan[cluster]'") from None
        self.cfg, self.timeout, self.opts = cfg, timeout, opts
        self.cluster = None
        if opts.engine == "dask-local":
            import logging

            import dask

            # a daemon process may not have children: the workers must be able to start the parse process
            dask.config.set({"distributed.worker.daemon": False})
            # the dashboard on a free port: 8787 may be another cluster's
            self.cluster = LocalCluster(n_workers=max(1, opts.workers), threads_per_worker=1, processes=True,
                                        memory_limit=opts.worker_memory or 0, dashboard_address=":0",
                                        silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            if not opts.scheduler:
                raise InputError("--engine dask needs --scheduler tcp://HOST:8786 (or use --engine dask-local)")
            try:
                self.client = Client(opts.scheduler, timeout=opts.connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise InputError(f"cannot reach the Dask scheduler at {opts.scheduler}: {exc}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = max(SLOTS_PER_THREAD, SLOTS_PER_THREAD * threads)
        self.running: dict = {}  # future -> task
        self.replaced = 0
        self.peak_rss_kb = 0

    def idle(self) -> list[int]:
        return list(range(self.slots - len(self.running)))

    def busy(self) -> int:
        return len(self.running)

    def submit(self, _slot, task: Task) -> None:
        path = task.path
        if self.cluster is None and "://" not in path and not os.path.isabs(path):
            # another machine's worker does not run in this directory: it reads the shared storage
            # by the absolute path (dask-local's workers share the cwd, and keep the path as given)
            path = os.path.abspath(path)
        fut = self.client.submit(parse_task, path, task.sha256, task.size, self.cfg, self.timeout,
                                 key=TASK_PREFIX + task.sha256, pure=False, retries=self.opts.retries)
        self.running[fut] = task

    def wait(self, poll: float = 0.5) -> list[Event]:
        from distributed import wait

        if not self.running:
            return []
        try:
            done, _ = wait(list(self.running), timeout=poll, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        events = []
        for fut in done:
            task = self.running.pop(fut)
            if fut.status == "finished":
                kind, rec, fail, rss, replaced = fut.result()
                self.peak_rss_kb = max(self.peak_rss_kb, rss)
                self.replaced += replaced
                events.append(Event(kind, task, rec, fail, rss))
            else:
                exc = fut.exception() if fut.status == "error" else None
                name = type(exc).__name__ if exc is not None else "Cancelled"
                stage = "read" if isinstance(exc, OSError) else "crash"
                message = (f"the Dask workers running it died (KilledWorker): {exc}" if name == "KilledWorker"
                           else f"the Dask task failed ({name}: {exc})")
                events.append(Event("fail", task, failure={"stage": stage, "error_class": name,
                                                            "message": message}))
            fut.release()
        return events

    def close(self) -> None:
        for fut in list(self.running):
            fut.cancel()
        self.running.clear()
        try:
            self.client.close(timeout=10)
        finally:
            if self.cluster is not None:
                self.cluster.close(timeout=20)

