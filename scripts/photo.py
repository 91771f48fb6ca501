#!/usr/bin/env python3
"""Make a PDF look like a phone capture of its printed pages: the parser's scan path tested on
damage a flatbed scan does not make.

    python scripts/photo.py letter.pdf photo.pdf            # seed 7, 130 dpi
    python scripts/photo.py letter.pdf photo.pdf --seed 3 --dpi 110
    python scripts/photo.py letter.pdf photo.pdf --turn 90   # the phone held sideways

Each page is rendered in grey by pypdfium2, turned by up to 2.5 degrees either way (a hand-held
phone is never square to the page), its contrast lowered and blurred a little (focus, a cheap
lens), its paper lit unevenly (a gradient across the page), and saved as a low-quality JPEG
(what a messaging app sends); the pages become an image-only PDF (Pillow). With `turn` (90, 180,
270) every capture is also turned that many degrees counter-clockwise, as a phone held sideways
saves it without orientation. The same seed gives the same pages. No text layer is left: `parse` reads it through OCR.
"""
from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

MAX_TURN = 2.5  # degrees either way
CONTRAST = 0.75  # of the rendered page's
BLUR = 0.6  # Gaussian radius, pixels
PAPER, INK_FLOOR = 230, 180  # grey of the lit paper, and the darkest the composite keeps
LIGHT = 0.08  # share of the light gradient blended in
JPEG_QUALITY = 55


def photograph(src: Path, out: Path, seed: int = 7, dpi: int = 130, turn: int = 0) -> None:
    import pypdfium2 as pdfium
    from PIL import Image, ImageEnhance, ImageFilter

    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(src))
    pages = []
    try:
        for i in range(len(pdf)):
            im = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            im = im.rotate(rng.uniform(-MAX_TURN, MAX_TURN), expand=True, fillcolor=PAPER - 5, resample=Image.BICUBIC)
            im = ImageEnhance.Contrast(im).enhance(CONTRAST).filter(ImageFilter.GaussianBlur(BLUR))
            w, h = im.size
            light = Image.linear_gradient("L").resize((w, h)).point(lambda v: v // 5)
            im = Image.composite(im, Image.new("L", (w, h), INK_FLOOR), Image.new("L", (w, h), PAPER))
            im = Image.blend(im, light, LIGHT)
            if turn % 360:
                im = im.rotate(turn % 360, expand=True)
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=JPEG_QUALITY)
            pages.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    finally:
        pdf.close()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dpi", type=int, default=130)
    ap.add_argument("--turn", type=int, default=0, choices=(0, 90, 180, 270),
                    help="degrees counter-clockwise the captures are turned (a phone held sideways)")
    args = ap.parse_args(argv)
    if not args.pdf.is_file():
        print(f"photo.py: {args.pdf}: no such file", file=sys.stderr)
        return 2
    photograph(args.pdf, args.out, args.seed, args.dpi, args.turn)
    return 0


if __name__ == "__main__":
    sys.exit(main())
