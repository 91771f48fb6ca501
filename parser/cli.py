"""`parse`: one letter in, one JSON out.

    parse letter.pdf > framework.json
    parse letter.md -o out.json --compact
    cat letter.txt | parse -
    parse --schema

Exit codes: 0 ok, 1 the input cannot be read as a letter, 2 usage. Errors are one line on
stderr, never a traceback. Nothing heavy is imported before the arguments are read, so
`parse --help` is instant.
"""
from __future__ import annotations

import argparse
import sys

FORMATS = ("json",)


def _args(argv: list[str] | None) -> argparse.Namespace:
    from . import __version__

    ap = argparse.ArgumentParser(
        prog="parse",
        description="Parse a Vietnamese official letter (PDF, scanned PDF, .txt/.md, .docx) into JSON "
                    "(header, recipients, sections, signer, Nơi nhận, annexes, tables, references, deadlines).",
        epilog="Examples:\n  parse corpora/pdf/cv-3500-BTTTT-THH-2017.pdf > out.json\n"
               "  parse corpora/seeds/qd-43-2008-QD-TTg.txt --compact\n  cat letter.txt | parse -\n"
               "  parse --schema > schema.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("file", nargs="?", help="the letter to parse; - reads standard input")
    ap.add_argument("-o", "--output", help="write the result here instead of standard output")
    ap.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    ap.add_argument("--compact", action="store_true", help="one-line JSON")
    ap.add_argument("--ocr", choices=("auto", "off"), default=None,
                    help="OCR scanned pages with Tesseract (auto: when installed; default auto)")
    ap.add_argument("--jobs", type=int, default=None, help="parallel OCR processes (default: all cores)")
    ap.add_argument("--schema", action="store_true", help="print the JSON Schema of the output and exit")
    ap.add_argument("--version", action="version", version=f"congvan {__version__}")
    args = ap.parse_args(argv)
    if not args.schema and not args.file:
        ap.error("a FILE to parse is required (or - for standard input, or --schema)")
    return args


def _emit(text: str, output: str | None) -> None:
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

            from models import Letter

            _emit(json.dumps(Letter.model_json_schema(), ensure_ascii=False, indent=2), args.output)
            return 0
        from . import parse_bytes, parse_file
        from .settings import Settings

        settings = Settings.resolve(ocr=args.ocr, jobs=args.jobs)
        if args.file == "-":
            data = sys.stdin.buffer.read()
            letter = parse_bytes(data, "-", settings)
        else:
            letter = parse_file(args.file, settings)
        text = letter.model_dump_json(indent=None if args.compact else 2)
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
