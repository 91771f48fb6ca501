#!/usr/bin/env python3
"""Benchmark parser/ocr.py against bare tesseract.

For each PDF (default: every image-only PDF in ../shared/real), first N pages:
  (a) raw:   `tesseract stdin stdout -l vie --psm 3 --dpi D tsv` on the already rendered
             PGM images, one page at a time, OMP_THREAD_LIMIT=1 (rendering not timed);
  (b) wrap1: ocr_pdf_pages(jobs=1)  -- render + tesseract + parse, one page at a time;
  (c) wrapN: ocr_pdf_pages(jobs=J)  -- same, J pages in parallel (J = cpu count).
Prints seconds per page, the wrapper overhead (b)/(a) (goal <= 1.2) and the speed-up (b)/(c).

    .venv/bin/python scripts/bench_ocr.py [PDF ...] [--pages 2] [--dpi 300] [--jobs J]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parser import ocr  # noqa: E402

REAL = ROOT.parent / "shared" / "real"


def image_only(path: Path) -> bool:
    """True if no page of the PDF has a text layer."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for page in doc:
            tp = page.get_textpage()
            n = tp.count_chars()
            tp.close()
            page.close()
            if n > 0:
                return False
        return True
    finally:
        doc.close()


def render_all(data: bytes, pages: list[int], dpi: int) -> list[bytes]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        out = []
        for n in pages:
            page = doc[n - 1]
            out.append(ocr._render_pgm(page, dpi))
            page.close()
        return out
    finally:
        doc.close()


def raw_tesseract(images: list[bytes], dpi: int, lang: str) -> tuple[float, int]:
    """Seconds for bare tesseract over `images`, one at a time; and the word count."""
    cmd = ocr.tesseract_command(dpi=dpi, lang=lang)
    env = ocr.tesseract_env()
    words = 0
    t0 = time.perf_counter()
    for img in images:
        p = subprocess.run(cmd, input=img, capture_output=True, env=env, check=True)
        words += len(ocr.parse_tsv(p.stdout.decode("utf-8", "replace"), 1, dpi=dpi))
    return time.perf_counter() - t0, words


def wrapped(data: bytes, pages: list[int], dpi: int, lang: str, jobs: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    res = ocr.ocr_pdf_pages(data, pages, dpi=dpi, lang=lang, jobs=jobs)
    dt = time.perf_counter() - t0
    return dt, sum(len(p.words) for p in res.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--pages", type=int, default=2, help="first N pages of each PDF (default 2)")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--lang", default="vie")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel jobs for (c)")
    args = ap.parse_args(argv)

    version = ocr.available()
    if version is None:
        print("tesseract with the 'vie' model is not available", file=sys.stderr)
        return 2
    pdfs = args.pdfs or [p for p in sorted(REAL.glob("*.pdf")) if image_only(p)]
    if not pdfs:
        print(f"no PDFs given and no image-only PDFs in {REAL}", file=sys.stderr)
        return 2
    print(f"tesseract {version}, dpi {args.dpi}, lang {args.lang}, cpu_count {os.cpu_count()}, "
          f"jobs for (c) {args.jobs}")

    # warm-up (model files into the page cache), not timed
    warm = render_all(pdfs[0].read_bytes(), [1], args.dpi)
    raw_tesseract(warm, args.dpi, args.lang)

    hdr = f"{'pdf':32} {'pages':>5} {'(a) raw':>9} {'(b) jobs=1':>10} {'(c) jobs=J':>10} {'b/a':>6} {'b/c':>6} {'words a/b/c':>16}"
    print(hdr)
    print("-" * len(hdr))
    tot = {"n": 0, "a": 0.0, "b": 0.0, "c": 0.0}
    for path in pdfs:
        data = path.read_bytes()
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        n_pages = len(doc)
        doc.close()
        pages = list(range(1, min(args.pages, n_pages) + 1))
        images = render_all(data, pages, args.dpi)
        ta, wa = raw_tesseract(images, args.dpi, args.lang)
        tb, wb = wrapped(data, pages, args.dpi, args.lang, 1)
        tc, wc = wrapped(data, pages, args.dpi, args.lang, args.jobs)
        n = len(pages)
        tot["n"] += n
        tot["a"] += ta
        tot["b"] += tb
        tot["c"] += tc
        print(f"{path.name[:32]:32} {n:>5} {ta / n:>8.2f}s {tb / n:>9.2f}s {tc / n:>9.2f}s "
              f"{tb / ta:>6.2f} {tb / tc:>6.2f} {f'{wa}/{wb}/{wc}':>16}", flush=True)
    n = tot["n"]
    print("-" * len(hdr))
    print(f"{'TOTAL (s/page)':32} {n:>5} {tot['a'] / n:>8.2f}s {tot['b'] / n:>9.2f}s {tot['c'] / n:>9.2f}s "
          f"{tot['b'] / tot['a']:>6.2f} {tot['b'] / tot['c']:>6.2f}")
    print(f"\nwrapper overhead (b)/(a) = {tot['b'] / tot['a']:.3f}  (goal <= 1.2)")
    print(f"parallel speed-up (b)/(c) = {tot['b'] / tot['c']:.2f}x with jobs={args.jobs} "
          f"(at most min(jobs, pages per PDF) = {min(args.jobs, args.pages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
