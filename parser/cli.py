"""`parse`: one letter in, one JSON out (or Markdown, a plan skeleton, an HTML page).

    parse letter.pdf > framework.json
    parse letter.md -o out.json --compact
    parse letter.pdf --format md > letter.md          # the letter for people
    parse letter.pdf --format plan --framework 2      # a fill-in skeleton of its 2nd framework
    parse letter.pdf --format html -o letter.html     # one page, highlights and a side panel
    parse letter.pdf --format edxml -o letter.xml     # the QCVN 102:2016 edXML envelope
    parse letter.pdf --format csv --table 1           # the first table, header rows included
    parse letter.pdf --format xlsx -o tables.xlsx     # every table, a sheet each
    cat letter.txt | parse -
    parse --schema

Exit codes: 0 ok, 1 the input cannot be read as a letter, 2 usage. Errors are one line on
stderr, never a traceback. Nothing heavy is imported before the arguments are read, so
`parse --help` is instant.
"""
from __future__ import annotations

import argparse
import sys

from .emit import FORMATS  # the package's __init__ imports nothing heavy: --help stays instant


def _args(argv: list[str] | None) -> argparse.Namespace:
    from . import __version__

    ap = argparse.ArgumentParser(
        prog="parse",
        description="Parse a Vietnamese official letter (PDF, scanned PDF, .txt/.md, .docx) into JSON "
                    "(header, recipients, sections, signer, Nơi nhận, annexes, tables, references, deadlines).",
        epilog="Examples:\n  parse corpora/pdf/cv-3500-BTTTT-THH-2017.pdf > out.json\n"
               "  parse corpora/seeds/qd-43-2008-QD-TTg.txt --compact\n"
               "  parse corpora/seeds/cv-3500-BTTTT-THH-2017.md --format plan --framework 2 > plan.md\n"
               "  parse corpora/pdf/qd-43-2008-QD-TTg.pdf --format html -o letter.html\n"
               "  parse corpora/seeds/cv-232-BTTTT-KHTC-2018.md --format edxml -o letter.xml\n"
               "  parse corpora/seeds/qd-43-2008-QD-TTg.txt --format csv --table 1 > table1.csv\n"
               "  cat letter.txt | parse -\n  parse --schema > schema.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("file", nargs="?", help="the letter to parse; - reads standard input")
    ap.add_argument("-o", "--output", help="write the result here instead of standard output")
    ap.add_argument("--format", choices=FORMATS, default="json",
                    help="json: the data (default); md: the letter as Markdown; plan: a fill-in Markdown skeleton "
                         "of each framework the letter sets out; html: one self-contained page with highlights; "
                         "edxml: the QCVN 102:2016/BTTTT envelope; csv: one table; xlsx: every table, a sheet each")
    ap.add_argument("--framework", type=int, default=None, metavar="N",
                    help="with --format plan: only the N-th framework (1-based; default: all, in order)")
    ap.add_argument("--table", type=int, default=None, metavar="N",
                    help="with --format csv (default 1) or xlsx (default: all): the N-th table (1-based; body "
                         "tables first, then each annex's)")
    ap.add_argument("--compact", action="store_true", help="one-line JSON")
    ap.add_argument("--ocr", choices=("auto", "off"), default=None,
                    help="OCR scanned pages with Tesseract (auto: when installed; default auto)")
    ap.add_argument("--jobs", type=int, default=None, help="parallel OCR processes (default: all cores)")
    ap.add_argument("--pdf-engine", choices=("pdfium", "pdfplumber"), default=None,
                    help="what reads a digital PDF's words: pdfium (default, its character API; pdfplumber's "
                         "table finder only on pages with ruled lines) or pdfplumber (pdfminer's layout, slower)")
    ap.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    ap.add_argument("--version", action="version", version=f"congvan {__version__}")
    args = ap.parse_args(argv)
    if not args.schema and not args.file:
        ap.error("a FILE to parse is required (or - for standard input, or --schema)")
    if args.framework is not None and args.format != "plan":
        ap.error("--framework goes with --format plan")
    if args.framework is not None and args.framework < 1:
        ap.error("--framework counts from 1")
    if args.table is not None and args.format not in ("csv", "xlsx"):
        ap.error("--table goes with --format csv or xlsx")
    if args.table is not None and args.table < 1:
        ap.error("--table counts from 1")
    if args.format == "xlsx" and not args.output and not args.schema and sys.stdout.isatty():
        ap.error("--format xlsx writes a binary workbook: give -o FILE.xlsx (or redirect standard output)")
    return args


def _emit(text: str | bytes, output: str | None) -> None:
    if isinstance(text, bytes):  # xlsx
        if output:
            with open(output, "wb") as fh:
                fh.write(text)
        else:
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
        return
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
            if not text.endswith("\n"):
                fh.write("\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def main(argv: list[str] | None = None) -> int:
    try:
        args = _args(argv)
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2)
        return int(exc.code or 0)

    from .errors import CongvanError

    try:
        if args.schema:
            import json

            from .models import Letter

            _emit(json.dumps(Letter.model_json_schema(), ensure_ascii=False, indent=2), args.output)
            return 0
        from . import parse_bytes, parse_file
        from .settings import Settings

        settings = Settings.resolve(ocr=args.ocr, jobs=args.jobs, pdf_engine=args.pdf_engine)
        if args.file == "-":
            data = sys.stdin.buffer.read()
            letter = parse_bytes(data, "-", settings)
        else:
            letter = parse_file(args.file, settings)
        if args.format == "json":
            text = letter.model_dump_json(indent=None if args.compact else 2)
        else:
            from .emit import render

            if args.format in ("csv", "xlsx"):
                from .emit.tables import all_tables

                if not all_tables(letter):
                    print("parse: error: the letter has no tables", file=sys.stderr)
                    return 2
            try:
                text = render(letter, args.format, framework=args.framework, table=args.table)
            except ValueError as exc:  # --framework N or --table N beyond the letter's, or no table
                print(f"parse: error: {exc}", file=sys.stderr)
                return 2
        _emit(text, args.output)
        for w in letter.warnings:
            if w.code in ("image_only", "ocr_failed", "truncated"):
                print(f"parse: warning: {w.message}", file=sys.stderr)
        return 0
    except CongvanError as exc:
        print(f"parse: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("parse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line, with what to report
        print(f"parse: internal error ({type(exc).__name__}: {exc}); please report it with the input file",
              file=sys.stderr)
        return 70
