#!/usr/bin/env python3
"""Write the parser's JSON output of every corpus letter and every text-layer document of
../shared/real into a folder, one file per document and PDF engine, so that two versions of
the code can be compared byte for byte (a change meant to keep the output must keep it):

    .venv/bin/python scripts/dump_outputs.py /tmp/out-before     # on the old code
    .venv/bin/python scripts/dump_outputs.py /tmp/out-after      # on the new code
    diff -r /tmp/out-before /tmp/out-after && echo identical

Inputs: corpora/{seeds,pdf,legacy,authored}/*, the PDFs rendered in TCVN3 and VNI from the
first seed (scripts/render_pdf.py --legacy), and the documents of ../shared/real whose
MANIFEST.tsv kind is `digital` or `docx`. PDFs are parsed with both engines (`<name>.pdfium.json`,
`<name>.pdfplumber.json`); OCR is off (scans are not what this compares). A document that
cannot be parsed gets its one-line error as the file's content.
"""
from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
LEGACY_SEED = ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt"


def inputs(tmp: Path) -> list[Path]:
    paths = [p for d in ("seeds", "pdf", "legacy", "authored") for p in sorted((ROOT / "corpora" / d).iterdir())
             if p.is_file()]
    for enc in ("tcvn3", "vni"):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "render_pdf.py"), str(LEGACY_SEED), "-o", str(tmp),
                        "--legacy", enc], check=True, capture_output=True)
    paths += sorted(tmp.glob("*.pdf"))
    manifest = REAL / "MANIFEST.tsv"
    if manifest.exists():
        with manifest.open(encoding="utf-8") as fh:
            paths += sorted(REAL / r["file"] for r in csv.DictReader(fh, delimiter="\t")
                            if r["kind"] in ("digital", "docx"))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write into (created)")
    args = ap.parse_args(argv)

    from congvan import parse_bytes
    from congvan.errors import CongvanError
    from congvan.settings import Settings

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dump-") as tmp:
        paths = inputs(Path(tmp))
        for path in paths:
            folder = "rendered" if path.parent == Path(tmp) else path.parent.name
            data = path.read_bytes()
            engines = ("pdfium", "pdfplumber") if path.suffix == ".pdf" else (None,)
            for engine in engines:
                settings = Settings(ocr="off", pdf_engine=engine) if engine else Settings(ocr="off")
                try:
                    text = parse_bytes(data, path.name, settings).model_dump_json(indent=1)
                except CongvanError as exc:
                    text = f"error: {exc}"
                name = f"{folder}.{path.name}" + (f".{engine}" if engine else "") + ".json"
                (args.out / name).write_text(text + "\n", encoding="utf-8")
    print(f"{len(paths)} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
