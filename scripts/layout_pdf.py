#!/usr/bin/env python3
"""Draw a laid-out text (``pdftotext -layout``'s output of a real letter) back into a PDF: each
word at the column the text gives it, in one ordinary font, pages where the text's form feeds
are. The PDF path then reads the real letter's own layout (its header's and closing's columns,
its indents) as positions, the way it reads a word processor's PDF, so that letters the corpus
has only as text measure the PDF path too (scripts/evaluate.py set probes-pdf).

Only a text whose header keeps its two columns on one line ('BỘ CÔNG THƯƠNG      CỘNG HÒA XÃ
HỘI ...') has a layout to draw (`laid_out`); one the extraction ran into a single column does
not. The drawing has no bold, no italics and one size: what the PDF path reads from those is not
measured here. This script does not use the parser.

Usage: python scripts/layout_pdf.py TEXT [TEXT ...] -o DIR
"""
from __future__ import annotations

import argparse
import functools
import re
import sys
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
MARGIN = 57.0  # pt left and right of the drawn page: 2 cm, as letters leave (a scan's edge noise is cut nearer)
TOP = 30.0  # pt above and below the drawn lines
MAX_COLUMNS = 130  # a longer line (a publisher's note, a table row) does not set the page's scale
MIN_COLUMNS = 80  # the text's columns drawn across the page: at least a letter's usual width
GLYPH_WIDTH = 0.8  # the font size over one column's width: words never run into the next column
LEADING = 1.4  # line height over the font size
MIN_LEADING = 1.1  # ... at the least, when a page's many lines are brought closer to fit it
# a text without form feeds (its pages lost when it was saved) is cut into pages of this many
# lines, what `pdftotext -layout` makes of an A4 letter's page (50-66)
LINES_PER_PAGE = 60
# A header line that keeps both columns: the issuer's words, a run of spaces, the quốc hiệu or a
# party's heading
TWO_COLUMNS = re.compile(r"^\s*\S.*\S {3,}(?:CỘNG H[OÒ]A|ĐẢNG CỘNG SẢN)", re.M)


def laid_out(text: str) -> bool:
    """Does the text keep its header's two columns side by side (something to draw)?"""
    return bool(TWO_COLUMNS.search(text[:2500]))


@functools.cache
def _font() -> str:
    """The drawing font, registered with reportlab once (its file read once per run)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("LayoutSerif", str(FONT)))
    return "LayoutSerif"


def _pages(text: str) -> list[str]:
    """The text's pages: between its form feeds, or of LINES_PER_PAGE lines when it has none."""
    if "\f" in text:
        return text.split("\f")
    lines = text.split("\n")
    return ["\n".join(lines[k:k + LINES_PER_PAGE]) for k in range(0, len(lines), LINES_PER_PAGE)]


def draw(text: str, out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    pdf = canvas.Canvas(str(out), pagesize=A4)
    width, height = A4
    for page in _pages(text):
        lines = page.split("\n")
        columns = max([n for n in (len(ln.rstrip()) for ln in lines) if n <= MAX_COLUMNS] + [MIN_COLUMNS])
        col = (width - 2 * MARGIN) / columns
        size = col / GLYPH_WIDTH
        usable = height - 2 * TOP - 20
        # the text's page on one page, its lines closer when they are many (a closing is not cut
        # from its page by the drawing); cut into pages only where even that does not fit
        lead = max(size * MIN_LEADING, min(size * LEADING, usable / max(1, len(lines))))
        per_page = int(usable / lead)
        for start in range(0, len(lines), per_page):
            chunk = lines[start:start + per_page]
            if not any(ln.strip() for ln in chunk):
                continue
            y = height - TOP - 10
            for ln in chunk:
                for word in re.finditer(r"\S+", ln):
                    pdf.setFont(font, size)
                    pdf.drawString(MARGIN + word.start() * col, y, word.group())
                y -= lead
            pdf.showPage()
    pdf.save()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("texts", nargs="+", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if not FONT.exists():
        print(f"layout_pdf: {FONT} is missing (install fonts-dejavu)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.texts:
        text = path.read_text(encoding="utf-8")
        if not laid_out(text):
            print(f"{path.name}: no two-column header line to draw, skipped", file=sys.stderr)
            continue
        draw(text, args.out / f"{path.stem}.pdf")
        print(args.out / f"{path.stem}.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
