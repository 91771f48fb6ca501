"""Worker processes that parse one letter per task, killed rather than asked to stop.

Each worker is its own process group (so a timeout kills its Tesseract children too), dies
with its parent (PR_SET_PDEATHSIG on Linux), and has its address space capped with
`resource.setrlimit(RLIMIT_DATA)`: a letter that needs more memory fails with MemoryError in
that worker, not in the machine. The parent (`Pool.wait`) watches each worker's pipe and
process sentinel: a result, a worker that died (crash, OOM kill) or a letter past its
deadline (the worker is SIGKILLed) all come back as events, and a dead worker is replaced.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import dataclass, field

# Fault injection for the tests of crash handling: CONGVAN_ARCHIVE_FAULT="crash:NAME" makes the
# worker abort (SIGABRT, as a segfaulting library would end it) on a file whose name is NAME.
FAULT_ENV = "CONGVAN_ARCHIVE_FAULT"


@dataclass(frozen=True)
class WorkerConfig:
    ocr: str = "auto"
    max_memory_mb: int | None = None
    max_tasks: int = 500  # a worker is replaced after this many letters (memory a parse leaks goes with it)


@dataclass
class Task:
    tid: int
    path: str
    sha256: str
    size: int


@dataclass
class Event:
    kind: str  # "ok" | "fail"
    task: Task
    record: dict | None = None
    failure: dict | None = None
    rss_kb: int = 0


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def _cap_memory(max_memory_mb: int) -> None:
    import resource

    # RLIMIT_DATA (Linux >= 4.7: heap and private writable mappings) rather than RLIMIT_AS:
    # the address space holds reservations that use no memory (a parse peaks at ~420 MB of
    # address space with ~95 MB resident and ~125 MB of data)
    limit = max_memory_mb * 2**20
    kind = resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS
    resource.setrlimit(kind, (limit, limit))


def _prepare_worker(cfg: WorkerConfig) -> None:
    """The worker's own process group, death with its parent, Ctrl-C left to the parent, the memory cap."""
    os.setpgrp()
    _die_with_parent()
    import faulthandler

    faulthandler.disable()  # a forked worker would dump the parent's stacks when a library aborts
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if cfg.max_memory_mb:
        _cap_memory(cfg.max_memory_mb)


def _parse_task(task: Task, settings, fault: str, max_memory_mb: int | None) -> tuple[str, dict | None, dict | None]:
    """One letter parsed: ("ok", its record, None) or ("fail", None, the failure with its seconds)."""
    from . import remote
    from .record import make_record
    from .. import parse_file
    from ..errors import CongvanError

    t0 = time.perf_counter()
    try:
        if fault.startswith("crash:") and os.path.basename(task.path) == fault[6:]:
            os.abort()
        if remote.is_url(task.path):  # fetched into a temporary file, recorded under its URL
            with remote.local_copy(task.path) as local:
                letter = parse_file(local, settings)
        else:
            letter = parse_file(task.path, settings)
        rec = make_record(letter, task, time.perf_counter() - t0)
        if rec["sha256"] != task.sha256:
            raise CongvanError("the file changed while it was being indexed; run the index again")
        return "ok", rec, None
    except MemoryError:
        failure = {"stage": "memory", "error_class": "MemoryError",
                   "message": f"the letter needs more than the worker's {max_memory_mb} MB (--max-memory)"}
    except CongvanError as exc:
        failure = {"stage": "parse", "error_class": type(exc).__name__, "message": str(exc)}
    except Exception as exc:  # a parser bug: recorded, the run goes on
        failure = {"stage": "parse", "error_class": type(exc).__name__, "message": f"internal error: {exc}"}
    failure["seconds"] = round(time.perf_counter() - t0, 3)
    return "fail", None, failure


def _worker_main(conn, cfg: WorkerConfig) -> None:
    _prepare_worker(cfg)
    from ..settings import Settings

    settings = Settings.resolve(ocr=cfg.ocr, jobs=1)  # the workers are the parallelism
    fault = os.environ.get(FAULT_ENV, "")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        kind, rec, failure = _parse_task(task, settings, fault, cfg.max_memory_mb)
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        retire = failure is not None and failure["stage"] == "memory"  # its heap may be left in pieces
        try:
            conn.send((kind, task.tid, rec, failure, rss, retire))
        except (BrokenPipeError, OSError):
            return
        if retire:
            return


@dataclass
class Worker:
    proc: object
    conn: object
    task: Task | None = None
    deadline: float = 0.0
    done: int = 0
    sent: float = 0.0
    started: float = field(default_factory=time.monotonic)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.kill()
        except Exception:
            pass
        self.proc.join(5)
        self.conn.close()


def _context(start_method: str | None = None):
    import multiprocessing as mp

    # fork: a worker starts in milliseconds (the parent has imported nothing heavy); elsewhere spawn.
    # A parent with threads (a Dask worker) asks for forkserver: one clean process forks the workers,
    # with the parser imported once (preloaded)
    if start_method is None:
        start_method = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = mp.get_context(start_method)
    if start_method == "forkserver":
        ctx.set_forkserver_preload(["congvan", "congvan.archive.record", "congvan.archive.pool"])
    return ctx


class Pool:
    def __init__(self, workers: int, cfg: WorkerConfig, timeout: float | None, start_method: str | None = None):
        self.cfg, self.timeout, self.size = cfg, timeout, max(1, workers)
        self.ctx = _context(start_method)
        self.workers: list[Worker] = [self._start() for _ in range(self.size)]
        self.replaced = 0
        self.peak_rss_kb = 0

    def _start(self) -> Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.cfg), daemon=True)
        proc.start()
        child.close()
        return Worker(proc, parent)

    def idle(self) -> list[Worker]:
        return [w for w in self.workers if w.task is None]

    def busy(self) -> int:
        return sum(w.task is not None for w in self.workers)

    def submit(self, w: Worker, task: Task) -> None:
        w.task = task
        w.sent = time.monotonic()
        w.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
        w.conn.send(task)

    def _replace(self, w: Worker) -> None:
        w.kill()
        self.workers[self.workers.index(w)] = self._start()
        self.replaced += 1

    def wait(self, poll: float = 0.5) -> list[Event]:
        """Events of the busy workers: results, crashes, timeouts (waits at most `poll` s)."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        ready = self._ready(busy, poll)
        events = [self._answer(w) for w in ready]
        events.extend(self._timeouts({id(w) for w in ready}))
        return events

    def _ready(self, busy: list[Worker], poll: float) -> list[Worker]:
        """The busy workers whose pipe or process sentinel is ready, once each, waiting at most
        `poll` s or until the first deadline."""
        from multiprocessing.connection import wait

        now = time.monotonic()
        until = min([poll] + [max(0.0, w.deadline - now) for w in busy])
        handles = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.proc.sentinel] = w
        ready = wait(list(handles), timeout=until)
        return list({id(handles[h]): handles[h] for h in ready}.values())

    def _answer(self, w: Worker) -> Event:
        """The event of a ready worker: its result, or its death with the letter in hand."""
        task = w.task
        msg = None
        if w.conn.poll():
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):
                msg = None
        if msg is None:
            return self._crashed(w, task)
        kind, _tid, rec, fail, rss, retire = msg
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        w.task, w.done = None, w.done + 1
        if retire or w.done >= self.cfg.max_tasks:
            try:
                w.conn.send(None)
            except OSError:
                pass
            self._replace(w)
        return Event(kind, task, rec, fail, rss)

    def _crashed(self, w: Worker, task: Task) -> Event:
        """The worker died with the letter in hand: a failure saying how, and a new worker."""
        w.proc.join(1)
        code = w.proc.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            how = f"the worker was killed by {name} while parsing it"
            if self.cfg.max_memory_mb and -code in (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV):
                how += f" (out of memory? each worker may use {self.cfg.max_memory_mb} MB: --max-memory)"
        else:
            how = f"the worker exited with status {code} while parsing it"
        event = Event("fail", task, failure={"stage": "crash", "error_class": "WorkerCrash", "message": how,
                                             "seconds": round(time.monotonic() - w.sent, 3)})
        self._replace(w)
        return event

    def _timeouts(self, handled: set[int]) -> list[Event]:
        """The letters past their deadline (of workers not answered this round): killed, replaced."""
        events = []
        now = time.monotonic()
        for w in list(self.workers):
            if w.task is not None and now >= w.deadline and id(w) not in handled:
                task = w.task
                self._replace(w)
                events.append(Event("fail", task, failure={
                    "stage": "timeout", "error_class": "Timeout",
                    "message": f"parsing took more than {self.timeout:g} s; the worker was killed (--timeout)",
                    "seconds": self.timeout}))
        return events

    def close(self) -> None:
        for w in self.workers:
            if w.task is None:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2
        for w in self.workers:
            if w.task is None:
                w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.kill()
