"""Run congvan's CLI over the hostile corpus of scripts/hostile.py and report every failure.

    python scripts/hostile.py --out /tmp/hostile
    python scripts/hostile_run.py /tmp/hostile                      # all cases, json then html
    python scripts/hostile_run.py /tmp/hostile --smoke              # a stratified ~2-minute subset (CI)
    python scripts/hostile_run.py /tmp/hostile --family bomb_pdf --jobs 2 --timeout 60 --max-rss-mb 1024

Each case runs `congvan.cli.main([FILE, --format F, --ocr off, -o OUT])` (what `parse` runs) in a
process of its own, one process per case and format, in its own process group, with
  - a wall limit (`--timeout`, seconds): the group is killed at the limit;
  - a memory cap: RLIMIT_AS set in the child before it reads the file (the address space it has
    at start plus `--max-rss-mb`), and the parent polls the child's VmRSS and kills it past
    `--max-rss-mb`; the peak RSS reported is the kernel's ru_maxrss of the child (wait4).
By default the processes are forked from a runner that has already imported congvan and its
libraries (a fresh `parse` spends ~2 s importing them, which would be most of the run); with
`--fresh` each case is a new interpreter (`python -m congvan`, as a user runs it), slower.
The HTML run of a case is made only when its JSON run exits 0 (an error is the same error).

Per case it records the exit code, seconds, peak RSS, whether stderr holds a traceback, whether
an error is one line, whether the HTML holds the input's markup raw, and for the letters behind
harmless variants whether the number and date are right (expectations: scripts/hostile.py).
It prints a table by family and every failure, writes DIR/results.jsonl (or --results), and
exits 1 when any case failed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------- the child

def _child(path: str, fmt: str, outdir: Path, ocr: str, as_limit: int | None) -> None:
    """In the forked child: limits, redirections, then the CLI. Never returns."""
    code = 99
    try:
        os.setpgid(0, 0)
        if as_limit:
            resource.setrlimit(resource.RLIMIT_AS, (as_limit, as_limit))
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        err = open(outdir / f"{fmt}.err", "w", encoding="utf-8", errors="replace")
        out = open(outdir / f"{fmt}.stdout", "w", encoding="utf-8", errors="replace")
        os.dup2(err.fileno(), 2)
        os.dup2(out.fileno(), 1)
        sys.stderr, sys.stdout = err, out
        from congvan.cli import main

        try:
            code = main([path, "--format", fmt, "--ocr", ocr, "-o", str(outdir / f"out.{fmt}")])
        except BaseException:  # noqa: BLE001 - anything escaping main is what we look for
            traceback.print_exc()
            code = 98
        err.flush()
        out.flush()
    except BaseException:  # noqa: BLE001
        try:
            traceback.print_exc()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
    os._exit(code if isinstance(code, int) and 0 <= code < 256 else 97)


_PRELOADED = []


def preload() -> None:
    """Import what a parse imports, once, before forking."""
    if _PRELOADED:
        return
    _PRELOADED.append(True)
    import congvan.pipeline  # noqa: F401
    import congvan.cli  # noqa: F401
    import congvan.emit  # noqa: F401
    from congvan import parse_bytes
    from congvan.settings import Settings

    s = Settings(ocr="off")
    for p in (ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt", ROOT / "corpora" / "pdf" / "cv-1959-BTTTT-UDCNTT-2013.pdf"):
        letter = parse_bytes(p.read_bytes(), p.name, s)
        from congvan.emit import render

        render(letter, "html")
    try:
        import docx  # noqa: F401
    except ImportError:
        pass


def _vm_size() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# ---------------------------------------------------------------- running

def materialize(row: dict, corpus: Path) -> Path:
    """The case's path; the runtime cases (a directory, a FIFO, symlinks) are made here."""
    p = corpus / row["path"]
    make = row.get("make")
    if not make:
        return p
    p.parent.mkdir(parents=True, exist_ok=True)
    if p.is_symlink() or p.exists():
        if p.is_dir() and not p.is_symlink():
            return p
        p.unlink()
    if make == "dir":
        p.mkdir()
    elif make == "fifo":
        os.mkfifo(p)
    elif make == "symlink_dev_zero":
        p.symlink_to("/dev/zero")
    elif make == "symlink_dev_null":
        p.symlink_to("/dev/null")
    elif make == "symlink_dangling":
        p.symlink_to(corpus / "no-such-file-here")
    elif make == "symlink_seed":
        p.symlink_to(ROOT / row["target"])
    return p


def run_cases(rows: list[dict], corpus: Path, *, jobs: int = 2, timeout: float = 60, max_rss_mb: int = 1024,
              formats=("json", "html"), ocr: str = "off", fresh: bool = False, work: Path | None = None,
              progress=None, all_formats: bool = False) -> list[dict]:
    """Run every case (json first; the other formats when json exits 0 and the case is one whose
    rendering is at stake, see wants_formats, or all_formats); returns one result a case."""
    import tempfile

    work = Path(work or tempfile.mkdtemp(prefix="hostile-run-"))
    if not fresh:
        preload()
    base_vm = _vm_size()
    as_limit = base_vm + max_rss_mb * 2**20 + (512 * 2**20 if fresh else 0)
    results = {i: {"runs": {}} for i in range(len(rows))}
    queue = [(i, formats[0]) for i in range(len(rows))]
    queue.reverse()
    running: dict[int, tuple] = {}
    done = 0
    while queue or running:
        while queue and len(running) < jobs:
            i, fmt = queue.pop()
            row = rows[i]
            outdir = work / f"{i:05d}"
            outdir.mkdir(parents=True, exist_ok=True)
            path = str(materialize(row, corpus))
            t0 = time.monotonic()
            if fresh:
                pid = _spawn_fresh(path, fmt, outdir, ocr, max_rss_mb)
            else:
                pid = os.fork()
                if pid == 0:
                    _child(path, fmt, outdir, ocr, as_limit)
            running[pid] = (i, fmt, outdir, t0, 0.0, None)
        time.sleep(0.02)
        now = time.monotonic()
        for pid, (i, fmt, outdir, t0, peak, killed) in list(running.items()):
            rss = _rss_mb(pid)
            peak = max(peak, rss)
            if killed is None and now - t0 > timeout:
                killed = "timeout"
            elif killed is None and rss > max_rss_mb:
                killed = "over_rss"
            if killed and running[pid][5] is None:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            running[pid] = (i, fmt, outdir, t0, peak, killed)
        while True:
            try:
                pid, status, ru = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid not in running:
                continue
            i, fmt, outdir, t0, peak, killed = running.pop(pid)
            secs = time.monotonic() - t0
            try:
                os.killpg(pid, signal.SIGKILL)  # what the case left behind (a tesseract)
            except OSError:
                pass
            run = {
                "exit": os.waitstatus_to_exitcode(status),
                "seconds": round(secs, 2),
                "cpu": round(ru.ru_utime + ru.ru_stime, 2),
                "rss_mb": round(max(ru.ru_maxrss / 1024, peak), 1),
                "killed": killed,
                "stderr": _read(outdir / f"{fmt}.err", 4000),
            }
            results[i]["runs"][fmt] = run
            nxt = formats.index(fmt) + 1
            if run["exit"] == 0 and not killed and nxt < len(formats) and (all_formats or wants_formats(rows[i])):
                queue.append((i, formats[nxt]))
            else:
                done += 1
                results[i].update(judge(rows[i], results[i]["runs"], outdir, timeout=timeout, max_rss_mb=max_rss_mb))
                if progress:
                    progress(done, len(rows), rows[i], results[i])
    return [dict(rows[i], **results[i]) for i in range(len(rows))]


# byte-damaged, encrypted and rotated PDFs carry no markup of their own and render like the seeds;
# their HTML run (a second parse) is skipped unless --all-formats
JSON_ONLY_FAMILIES = {"pdf_bitflip", "pdf_chunk", "pdf_truncated", "pdf_xref", "pdf_encrypted", "pdf_rotated"}


def wants_formats(row: dict) -> bool:
    return bool(row.get("markup")) or row["family"] not in JSON_ONLY_FAMILIES


def _spawn_fresh(path: str, fmt: str, outdir: Path, ocr: str, max_rss_mb: int) -> int:
    import subprocess

    def limits():
        os.setpgid(0, 0)
        lim = (max_rss_mb + 1536) * 2**20  # a fresh interpreter maps ~1.5 GB of libraries it never touches
        resource.setrlimit(resource.RLIMIT_AS, (lim, lim))

    err = open(outdir / f"{fmt}.err", "wb")
    p = subprocess.Popen([sys.executable, "-m", "congvan", path, "--format", fmt, "--ocr", ocr,
                          "-o", str(outdir / f"out.{fmt}")], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=err, preexec_fn=limits)
    err.close()
    p.returncode = 0  # we reap it ourselves with wait4 (Popen must not)
    return p.pid


def _read(p: Path, limit: int | None = None) -> str:
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit) if limit else fh.read()
        return data.decode("utf-8", "replace")
    except OSError:
        return ""


# ---------------------------------------------------------------- judging

_BASELINE: dict[str, set] = {}


def baseline_warnings(row: dict) -> set:
    """Warning codes the unmodified letter already has (a `flag` case must add one)."""
    base = row.get("base")
    if not base:
        return set()
    pdf = ROOT / "corpora" / "pdf" / f"{base}.pdf"
    src = pdf if row["family"].startswith("pdf_") and pdf.exists() else next(
        (p for d in ("seeds", "authored") for p in (ROOT / "corpora" / d).glob(base + ".*")), None)
    if src is None:
        return set()
    key = str(src)
    if key not in _BASELINE:
        from congvan import parse_file
        from congvan.settings import Settings

        try:
            letter = parse_file(src, Settings(ocr="off"))
            _BASELINE[key] = {w.code if isinstance(w.code, str) else w.code.value for w in letter.warnings}
        except Exception:  # noqa: BLE001
            _BASELINE[key] = set()
    return _BASELINE[key]


def judge(row: dict, runs: dict, outdir: Path, *, timeout: float, max_rss_mb: int) -> dict:
    """Failures of one case from its runs (see scripts/hostile.py for the expectations)."""
    fails: list[str] = []
    js = runs.get("json", {})
    for fmt, r in runs.items():
        tag = "" if fmt == "json" else f"[{fmt}] "
        if r["killed"] == "timeout" or r["seconds"] > timeout:
            fails.append(f"{tag}timeout: killed after {r['seconds']:.0f} s")
        if r["killed"] == "over_rss" or r["rss_mb"] > max_rss_mb:
            fails.append(f"{tag}over_rss: {r['rss_mb']:.0f} MiB")
        err = r["stderr"]
        if "Traceback (most recent call last)" in err:
            fails.append(f"{tag}traceback: {_last_line(err)}")
        code = r["exit"]
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if r["killed"]:
            continue
        if code == 70:
            fails.append(f"{tag}exit70: {_last_line(err)}")
        elif code < 0:
            fails.append(f"{tag}killed_by_signal_{-code}: {_last_line(err)} (peak {r['rss_mb']:.0f} MiB)")
        elif code not in (0, 1):
            fails.append(f"{tag}exit{code}: {_last_line(err)}")
        elif code == 1 and (len(lines) != 1 or not lines[0].startswith("parse: error:")):
            fails.append(f"{tag}not_one_line_error: {len(lines)} lines: {_last_line(err)}")
        elif code == 0 and any(not ln.startswith("parse: warning:") for ln in lines):
            fails.append(f"{tag}stderr_noise: {next(ln for ln in lines if not ln.startswith('parse: warning:'))[:200]}")
    html = runs.get("html")
    unescaped = None
    if html and html["exit"] == 0 and not html["killed"]:
        page = _read(outdir / "out.html")
        raw = [m for m in row.get("markup") or [] if m in page]
        if "<script" in page.lower():
            raw.append("<script")
        unescaped = bool(raw)
        if raw:
            fails.append(f"[html] unescaped_markup: {raw[0][:60]}")
    number = date = None
    warnings: list = []
    right = None
    if js.get("exit") == 0 and not js.get("killed"):
        try:
            data = json.loads(_read(outdir / "out.json"))
            number, date = data["document"]["number"], data["document"]["date"]
            warnings = data.get("warnings") or []
        except (ValueError, KeyError, TypeError) as exc:
            fails.append(f"bad_json: {exc}")
    expect = row["expect"]
    want_n, want_d = row.get("number"), row.get("date")
    ok_exit = js.get("exit")
    new_warn = {w.get("code") for w in warnings} - baseline_warnings(row)
    if expect == "harmless":
        right = ok_exit == 0 and number == want_n and date == want_d
        if ok_exit == 1:
            fails.append(f"refused_harmless: {_last_line(js['stderr'])}")
        elif ok_exit == 0:
            if number != want_n:
                fails.append(f"wrong_number: got {_short(number)} want {want_n}")
            if date != want_d:
                fails.append(f"wrong_date: got {date} want {want_d}")
    elif expect == "flag":
        if ok_exit == 0 and (number != want_n or date != want_d) and not new_warn:
            fails.append(f"silent_misread: number {_short(number)} date {date} (want {want_n} {want_d}), no new warning")
    elif expect == "error":
        if ok_exit == 0:
            fails.append(f"accepted_non_letter: exit 0, number {_short(number)}")
    elif expect == "any":
        if ok_exit == 0 and want_n and number and number != want_n and not new_warn:
            fails.append(f"silent_wrong_number: got {_short(number)} want {want_n}, no new warning")
    if row.get("must_warn") and ok_exit == 0 and not warnings:
        fails.append("silent_result: exit 0 with no warning for an input with nothing to read")
    return {"fails": fails, "number": number, "date_read": date, "right": right, "unescaped": unescaped,
            "new_warnings": sorted(c for c in new_warn if c)}


def _short(s, n: int = 40):
    if s is None:
        return None
    return s if len(s) <= n else f"{s[:n]}...({len(s)} chars)"


def _last_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    return lines[-1][:240] if lines else "(no stderr)"


# ---------------------------------------------------------------- selection and report

def load_truth(corpus: Path) -> list[dict]:
    with open(corpus / "truth.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def stratified(rows: list[dict], per_family: int, seed: int = 16, skip_slow: bool = True) -> list[dict]:
    """Up to `per_family` cases of each family (seeded), the slow giants left out when asked."""
    rng = random.Random(seed)
    by: dict[str, list] = defaultdict(list)
    for r in rows:
        if skip_slow and r["family"] in SLOW_FAMILIES:
            continue
        by[r["family"]].append(r)
    out = []
    for fam in sorted(by):
        items = by[fam]
        out += rng.sample(items, min(per_family, len(items)))
    return out


# families whose cases can each take up to the wall limit; the smoke run takes one of each
SLOW_FAMILIES = {"bomb_pdf", "bomb_docx", "pdf_oversized", "text_many"}


def smoke_selection(rows: list[dict], seed: int = 16) -> list[dict]:
    sel = stratified(rows, 3, seed)
    rng = random.Random(seed)
    for fam in sorted(SLOW_FAMILIES):
        cheap = [r for r in rows if r["family"] == fam and not any(k in r["name"] for k in ("1GiB", "10000", "5000", "40000"))]
        if cheap:
            sel.append(rng.choice(cheap))
    return sel


def summarize(results: list[dict], out=sys.stdout) -> int:
    fams: dict[str, list] = defaultdict(list)
    for r in results:
        fams[r["family"]].append(r)
    hdr = (f"{'family':18} {'cases':>5} {'fail':>5} {'exit0':>5} {'exit1':>5} {'ex70':>5} {'other':>5} {'t/o':>4} "
           f"{'>RSS':>4} {'tb':>3} {'html!':>5} {'right':>9} {'max s':>6} {'max MiB':>7}")
    print(hdr, file=out)
    print("-" * len(hdr), file=out)
    tot = Counter()
    for fam in sorted(fams):
        rs = fams[fam]
        c = Counter()
        for r in rs:
            js = r["runs"].get("json", {})
            c["cases"] += 1
            c["fail"] += bool(r["fails"])
            c["to"] += any(x["killed"] == "timeout" for x in r["runs"].values())
            c["rss"] += any(x["killed"] == "over_rss" or x["rss_mb"] > MAX_RSS_MB[0] for x in r["runs"].values())
            c["tb"] += any("Traceback (most recent" in x["stderr"] for x in r["runs"].values())
            c["html"] += bool(r.get("unescaped"))
            if not js.get("killed"):
                e = js.get("exit")
                c["e0" if e == 0 else "e1" if e == 1 else "e70" if e == 70 else "eo"] += 1
            if r["expect"] == "harmless":
                c["h"] += 1
                c["hr"] += bool(r.get("right"))
        secs = max(x["seconds"] for r in rs for x in r["runs"].values())
        rss = max(x["rss_mb"] for r in rs for x in r["runs"].values())
        right = f"{c['hr']}/{c['h']}" if c["h"] else "-"
        print(f"{fam:18} {c['cases']:5} {c['fail']:5} {c['e0']:5} {c['e1']:5} {c['e70']:5} {c['eo']:5} {c['to']:4} "
              f"{c['rss']:4} {c['tb']:3} {c['html']:5} {right:>9} {secs:6.1f} {rss:7.0f}", file=out)
        tot.update(c)
        tot["secs"] = max(tot["secs"], secs)
        tot["rssmax"] = max(tot["rssmax"], rss)
    print("-" * len(hdr), file=out)
    right = f"{tot['hr']}/{tot['h']}"
    print(f"{'total':18} {tot['cases']:5} {tot['fail']:5} {tot['e0']:5} {tot['e1']:5} {tot['e70']:5} {tot['eo']:5} "
          f"{tot['to']:4} {tot['rss']:4} {tot['tb']:3} {tot['html']:5} {right:>9} {tot['secs']:6.1f} {tot['rssmax']:7.0f}",
          file=out)
    failed = [r for r in results if r["fails"]]
    if failed:
        print(f"\n{len(failed)} failing cases:", file=out)
        for r in sorted(failed, key=lambda r: (r["family"], r["name"])):
            print(f"  {r['family']}/{r['name']}: " + "; ".join(r["fails"]), file=out)
    return len(failed)


MAX_RSS_MB = [1024]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run congvan over the hostile corpus (scripts/hostile.py).")
    ap.add_argument("corpus", type=Path, nargs="?", help="the directory scripts/hostile.py wrote")
    ap.add_argument("--report", type=Path, nargs="+", default=None, metavar="RESULTS",
                    help="print the table of results files already written (a later file's case replaces an "
                         "earlier one's: a run split over processes) and exit")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=60.0, help="wall limit per case and format, seconds")
    ap.add_argument("--max-rss-mb", type=int, default=1024)
    ap.add_argument("--formats", default="json,html", help="comma-separated; the first runs on every case")
    ap.add_argument("--limit", type=int, default=None, help="only the first K cases (after --family)")
    ap.add_argument("--family", action="append", default=None, help="only this family (repeatable)")
    ap.add_argument("--smoke", action="store_true", help="a stratified subset (~2 minutes on 2 cores)")
    ap.add_argument("--ocr", choices=("off", "auto"), default="off")
    ap.add_argument("--fresh", action="store_true", help="a new interpreter per case instead of a fork")
    ap.add_argument("--results", type=Path, default=None, help="write results here (default DIR/results.jsonl)")
    ap.add_argument("--all-formats", action="store_true",
                    help="run every format on every case (default: not the HTML of byte-damaged/encrypted/rotated PDFs)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    MAX_RSS_MB[0] = args.max_rss_mb
    if args.report:
        merged: dict = {}
        for f in args.report:
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        r = json.loads(line)
                        merged[(r["family"], r["name"])] = r
        results = list(merged.values())
        print(f"{len(results)} cases from {', '.join(map(str, args.report))}")
        return 1 if summarize(results) else 0
    if args.corpus is None:
        ap.error("the corpus directory is required (or --report)")
    rows = load_truth(args.corpus)
    if args.family:
        rows = [r for r in rows if r["family"] in args.family]
    if args.smoke:
        rows = smoke_selection(rows)
    if args.limit:
        rows = rows[: args.limit]
    formats = tuple(f for f in args.formats.split(",") if f)
    t0 = time.monotonic()
    path = args.results or (args.corpus / ("results-smoke.jsonl" if args.smoke else "results.jsonl"))
    partial = open(path.with_suffix(".partial.jsonl"), "w", encoding="utf-8")  # each case as it ends: a run cut short keeps them

    def progress(done, total, row, res):
        partial.write(json.dumps(dict(row, **res), ensure_ascii=False) + "\n")
        partial.flush()
        if not args.quiet and (res["fails"] or done % 50 == 0 or done == total):
            mark = "FAIL " + "; ".join(res["fails"])[:200] if res["fails"] else "ok"
            print(f"[{done}/{total} {time.monotonic() - t0:6.0f}s] {row['family']}/{row['name']}: {mark}",
                  file=sys.stderr, flush=True)

    results = run_cases(rows, args.corpus, jobs=args.jobs, timeout=args.timeout, max_rss_mb=args.max_rss_mb,
                        formats=formats, ocr=args.ocr, fresh=args.fresh, progress=progress,
                        all_formats=args.all_formats)
    partial.close()
    with open(path, "w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(results)} cases in {time.monotonic() - t0:.0f} s (jobs {args.jobs}, timeout {args.timeout:.0f} s, "
          f"cap {args.max_rss_mb} MiB, formats {','.join(formats)}, ocr {args.ocr}); results: {path}")
    n = summarize(results)
    return 1 if n else 0


if __name__ == "__main__":
    raise SystemExit(main())
