"""`congvan`: index a folder tree of letters into one SQLite file or PostgreSQL database, then query it.

    congvan index ARCHIVE/ [--db archive.sqlite|postgresql://USER@HOST/DB] [--workers 2] [--timeout 120]
                          [--max-memory 2048] [--ocr auto|off] [--retry-failed]
                          [--engine local|dask|dask-local] [--scheduler tcp://HOST:8786]
    congvan search "quyet dinh"          congvan show "23/UBT-TT-KHTC"
    congvan cites NUMBER                 congvan cited-by NUMBER
    congvan deadlines --from 2024-01-01 --to 2024-12-31 --actor "Sở"
    congvan graph --format graphml       congvan failures       congvan stats --json

Exit codes: 0 ok (an index run with failures is still 0: they are recorded), 1 the archive or
a letter cannot be found, 2 usage. Errors are one line on stderr. Nothing heavy is imported
before the arguments are read, so `congvan --help` is instant.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

PROG = "congvan"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=PROG, description="Index an archive of Vietnamese official letters into one "
                                 "SQLite file or PostgreSQL database (search, references between letters, "
                                 "deadlines) and query it.",
                                 epilog="Examples:\n  congvan index /srv/archive --workers 2\n"
                                        "  congvan search 'quyet dinh thanh lap'\n  congvan show 23/UBT-TT-KHTC\n"
                                        "  congvan stats --json",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="store_true", help="print congvan's version and exit")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, help_):
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--db", default=os.environ.get("CONGVAN_DB", "archive.sqlite"),
                       help="the archive: a SQLite file, or a PostgreSQL database as postgresql://USER@HOST/DBNAME "
                            "(default: archive.sqlite here, or $CONGVAN_DB)")
        return p

    p = add("index", "parse every letter under the folders into the archive (resumable)")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="folders (or files) to index")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="worker processes, here or in the dask-local cluster (default: cores)")
    p.add_argument("--engine", choices=("local", "dask", "dask-local"), default="local",
                   help="who parses: worker processes here (local), a Dask cluster (dask, with --scheduler), "
                        "or a Dask cluster started here (dask-local) (default local)")
    p.add_argument("--scheduler", metavar="tcp://HOST:8786", default=os.environ.get("DASK_SCHEDULER_ADDRESS"),
                   help="the Dask scheduler of --engine dask (default: $DASK_SCHEDULER_ADDRESS)")
    p.add_argument("--worker-memory", default="4GiB", metavar="SIZE",
                   help="dask-local: each Dask worker's memory limit, its nanny restarts it past that (default 4GiB)")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds one letter may take; its worker is then killed (default 120; 0: none)")
    p.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                   help="address-space cap of each worker in MB (default 2048; 0: none)")
    p.add_argument("--ocr", choices=("auto", "off"), default="auto", help="OCR scanned pages (default auto)")
    p.add_argument("--retry-failed", action="store_true", help="parse again the files that failed before")
    p.add_argument("--progress", choices=("auto", "bar", "lines", "none"), default="auto",
                   help="a live bar on a terminal, periodic lines otherwise (default auto)")
    p.add_argument("--json", action="store_true", help="print the run's summary as JSON")

    p = add("search", "letters matching words, with or without diacritics (exact matches first)")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    for name, help_ in (("show", "one letter by its number, found even when OCR damaged the number"),
                        ("cites", "the archive's letters a letter cites"),
                        ("cited-by", "the archive's letters that cite a letter")):
        p = add(name, help_)
        p.add_argument("number")
        if name == "show":
            p.add_argument("--full", action="store_true", help="with --json: the whole parsed letter")
    p = add("deadlines", "deadlines set by the archive's letters")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--actor", help="words the actor or recipient contains (diacritics optional)")
    p = add("graph", "the reference graph between the archive's letters")
    p.add_argument("--format", choices=("json", "graphml"), default="json")
    add("failures", "files that could not be indexed, and why")
    add("stats", "counts: documents, failures, references, links, pages")
    for name in ("search", "show", "cites", "cited-by", "deadlines", "failures", "stats", "graph"):
        sub.choices[name].add_argument("--json", action="store_true", help="JSON output")
    return ap


def _out(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _line(d: dict) -> str:
    return (f"{d.get('number') or '(no number)':<28} {d.get('date') or '?':<10}  {d.get('type') or '?':<4} "
            f"{(d.get('issuer') or '')[:30]:<30}  {(d.get('subject') or '')[:70]}")


def _valid_date(ap, text: str | None, flag: str) -> None:
    import datetime as dt

    if text is not None:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            ap.error(f"{flag} wants a date as YYYY-MM-DD, not {text!r}")


def cmd_index(args) -> int:
    from . import indexer

    if args.workers < 1:
        raise _Usage("--workers must be at least 1")
    if args.engine == "dask" and not args.scheduler:
        raise _Usage("--engine dask needs --scheduler tcp://HOST:8786 (or $DASK_SCHEDULER_ADDRESS)")
    opts = indexer.Options(roots=args.dirs, db=args.db, workers=args.workers,
                           timeout=args.timeout or None, max_memory_mb=args.max_memory or None, ocr=args.ocr,
                           retry_failed=args.retry_failed, progress=args.progress, engine=args.engine,
                           scheduler=args.scheduler, worker_memory=args.worker_memory)
    t = indexer.run(opts)
    if args.json:
        _out(t.as_dict())
    else:
        rate = t.parsed / t.seconds if t.seconds else 0
        print(f"congvan index: {t.files} files in {t.seconds:.1f} s: {t.parsed} parsed ({t.pages} pages, "
              f"{rate:.1f} letters/s), {t.skipped} already indexed, {t.duplicates} duplicate paths, "
              f"{t.failed} failed{f' ({t.failed_before} failed before, not retried)' if t.failed_before else ''}; "
              f"{t.links} links, {t.ambiguous} ambiguous; {t.replaced_workers} workers replaced; "
              f"peak worker RSS {t.peak_rss_mb} MB; archive {args.db}", file=sys.stderr)
    return 0


class _Usage(Exception):
    pass


def cmd_search(args, con) -> int:
    from . import store

    hits = store.search(con, args.query, limit=args.limit)
    if args.json:
        _out({"query": args.query, "count": store.search_count(con, args.query), "results": hits})
    else:
        for h in hits:
            print(f"{h['match']:<6} " + _line(h))
        if not hits:
            print(f"{PROG}: no letter matches {args.query!r}", file=sys.stderr)
    return 0


def _find_one(con, number: str):
    from .links import find

    rows, how, score = find(con, number)
    if not rows:
        from ..errors import InputError

        raise InputError(f"no letter numbered {number!r} in the archive (nor one OCR damage could make it)")
    return rows, how, score


def cmd_show(args, con) -> int:
    from . import store

    rows, how, score = _find_one(con, args.number)
    docs = []
    for r in rows:
        d = store.doc_summary(con, r)
        d.update({"match": how, "score": score, "pages": r["pages"], "format": r["format"],
                  "parser_version": r["parser_version"],
                  "references": [dict(x) for x in con.execute(
                      "SELECT number, type, date, self FROM refs WHERE doc_id=? ORDER BY idx", (r["id"],))],
                  "deadlines": [dict(x) for x in con.execute(
                      "SELECT date, actor, recipient, action FROM deadlines WHERE doc_id=?", (r["id"],))]})
        if getattr(args, "full", False):
            d["letter"] = store.loads(r)
        docs.append(d)
    if args.json:
        _out(docs if len(docs) > 1 else docs[0])
        return 0
    for d in docs:
        if how != "exact":
            print(f"({args.number!r} read as {d['number']}, OCR match score {score})")
        print(_line(d))
        for p in d["paths"]:
            print(f"  path: {p}")
        print(f"  {d['format']}, {d['pages']} page(s), parsed by {d['parser_version']}")
        for ref in d["references"]:
            print(f"  cites: {ref['number'] or '(no number)'} {ref['date'] or ''}{' (itself)' if ref['self'] else ''}")
        for dl in d["deadlines"]:
            print(f"  deadline: {dl['date'] or '(recurring)'}  {(dl['action'] or '')[:90]}")
    return 0


def _link_rows(con, ids: list[int], outgoing: bool) -> list[dict]:
    from . import store

    col, other = ("src_id", "dst_id") if outgoing else ("dst_id", "src_id")
    marks = ",".join("?" * len(ids))
    out = []
    for r in con.execute(f"SELECT l.*, r.number AS ref_number, r.number_raw AS ref_raw FROM links l "
                         f"JOIN refs r ON r.doc_id = l.src_id AND r.idx = l.ref_idx WHERE l.{col} IN ({marks}) "
                         "ORDER BY l.src_id, l.ref_idx", ids):
        item = {"status": r["status"], "how": r["how"], "score": r["score"], "cited_as": r["ref_raw"] or r["ref_number"]}
        if r[other] is not None:
            doc = con.execute("SELECT * FROM documents WHERE id=?", (r[other],)).fetchone()
            item.update(store.doc_summary(con, doc))
        else:
            item["candidates"] = json.loads(r["candidates"] or "[]")
        out.append(item)
    return out


def cmd_cites(args, con, outgoing: bool = True) -> int:
    rows, _, _ = _find_one(con, args.number)
    items = _link_rows(con, [r["id"] for r in rows], outgoing)
    if args.json:
        _out({"letter": [r["number"] for r in rows][0], "links": items})
    else:
        for it in items:
            if it["status"] == "linked":
                print(f"{'cites' if outgoing else 'cited by'}  " + _line(it) + f"   [as {it['cited_as']}, {it['how']}]")
            else:
                print(f"ambiguous  {it['cited_as']}: one of {', '.join(it['candidates'])}")
        if not items:
            print(f"{PROG}: {rows[0]['number']} {'cites' if outgoing else 'is cited by'} no letter of the archive",
                  file=sys.stderr)
    return 0


def cmd_deadlines(args, con) -> int:
    from .fold import fold

    sql = ("SELECT dl.*, d.number, d.issuer FROM deadlines dl JOIN documents d ON d.id = dl.doc_id "
           "WHERE d.status='ok' AND dl.date IS NOT NULL")
    params: list = []
    if args.date_from:
        sql += " AND dl.date >= ?"
        params.append(args.date_from)
    if args.date_to:
        sql += " AND dl.date <= ?"
        params.append(args.date_to)
    rows = con.execute(sql + " ORDER BY dl.date, d.number", params).fetchall()
    if args.actor:
        want = fold(args.actor)
        rows = [r for r in rows if want in fold(" ".join(x for x in (r["actor"], r["recipient"], r["action"]) if x))]
    items = [{"date": r["date"], "precision": r["precision"], "number": r["number"], "issuer": r["issuer"],
              "actor": r["actor"], "recipient": r["recipient"], "action": r["action"], "raw": r["raw"]} for r in rows]
    if args.json:
        _out(items)
    else:
        for it in items:
            print(f"{it['date']}  {it['number'] or '(no number)':<24} {(it['actor'] or '-')[:25]:<25} "
                  f"-> {(it['recipient'] or '-')[:25]:<25} {(it['action'] or '')[:60]}")
    return 0


def cmd_graph(args, con) -> int:
    nodes = [{"id": r["id"], "number": r["number"], "date": r["date"], "type": r["type"], "issuer": r["issuer"]}
             for r in con.execute("SELECT id, number, date, type, issuer FROM documents WHERE status='ok' ORDER BY id")]
    edges = [{"source": r[0], "target": r[1], "score": r[2], "how": r[3]}
             for r in con.execute("SELECT src_id, dst_id, score, how FROM links WHERE status='linked' ORDER BY 1, 2")]
    if args.format == "json":
        _out({"nodes": nodes, "edges": edges})
        return 0
    from xml.sax.saxutils import escape

    w = sys.stdout.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for k in ("number", "date", "type", "issuer"):
        w(f'  <key id="{k}" for="node" attr.name="{k}" attr.type="string"/>\n')
    w('  <key id="how" for="edge" attr.name="how" attr.type="string"/>\n  <graph id="references" edgedefault="directed">\n')
    for n in nodes:
        w(f'    <node id="d{n["id"]}">' + "".join(f'<data key="{k}">{escape(str(n[k]))}</data>'
                                             for k in ("number", "date", "type", "issuer") if n[k]) + "</node>\n")
    for i, e in enumerate(edges):
        w(f'    <edge id="e{i}" source="d{e["source"]}" target="d{e["target"]}"><data key="how">'
          f'{escape(e["how"] or "")}</data></edge>\n')
    w("  </graph>\n</graphml>\n")
    return 0


def cmd_failures(args, con) -> int:
    items = [dict(r) for r in con.execute("SELECT path, sha256, size, stage, error_class, message, seconds, "
                                          "parser_version FROM failures ORDER BY path")]
    if args.json:
        _out(items)
    else:
        for it in items:
            print(f"{it['stage']:<8} {it['error_class']:<16} {it['path']}: {it['message']}")
        if not items:
            print(f"{PROG}: no failures", file=sys.stderr)
    return 0


def cmd_stats(args, con) -> int:
    from . import store

    s = store.stats(con)
    if args.json:
        _out(s)
    else:
        for k, v in s.items():
            print(f"{k:<16} {v}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.version:
        from .. import __version__

        print(f"congvan {__version__}")
        return 0
    if not args.command:
        ap.print_help(sys.stderr)
        return 2
    try:
        if args.command == "deadlines":
            _valid_date(ap, args.date_from, "--from")
            _valid_date(ap, args.date_to, "--to")
    except SystemExit as exc:
        return int(exc.code or 2)
    from ..errors import CongvanError

    try:
        if args.command == "index":
            return cmd_index(args)
        from . import store

        con = store.connect(args.db)
        try:
            handler = {"search": cmd_search, "show": cmd_show, "cites": cmd_cites,
                       "cited-by": lambda a, c: cmd_cites(a, c, outgoing=False), "deadlines": cmd_deadlines,
                       "graph": cmd_graph, "failures": cmd_failures, "stats": cmd_stats}[args.command]
            return handler(args, con)
        finally:
            con.close()
    except _Usage as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except CongvanError as exc:
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted (committed letters are kept; run again to go on)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line
        print(f"{PROG} {args.command}: internal error ({type(exc).__name__}: {exc}); please report it",
              file=sys.stderr)
        return 1
