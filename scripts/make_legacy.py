"""Write TCVN3 and VNI versions of a seed letter, as a legacy Windows machine would store them.

    python scripts/make_legacy.py [SEED] [--out-dir corpora/legacy]

The default seed is corpora/seeds/cv-1959-BTTTT-UDCNTT-2013.txt; the outputs are
corpora/legacy/<seed stem>.tcvn3.txt and <seed stem>.vni.txt.

The files are 8-bit: the legacy text (parser.encoding.from_unicode) is encoded with
cp1252. Both encodings put their letters at 0xA1-0xFE, where cp1252 and latin-1 agree;
cp1252 also stores typographic punctuation (– “ ” …) in 0x80-0x9F as a Windows text
file of the time would, which latin-1 cannot. Characters that cp1252 cannot encode make
the script fail rather than write a lossy fixture. After writing, each file is read back
(bytes -> cp1252 -> fix_legacy) and must give the NFC seed text and the right encoding.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from congvan.encoding import (  # noqa: E402
    BYTE_CODEC,
    ENCODINGS,
    decode_legacy_bytes,
    fix_legacy,
    from_unicode,
    nfc,
)

DEFAULT_SEED = ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt"
DEFAULT_OUT = ROOT / "corpora" / "legacy"


def make_legacy(seed: Path, out_dir: Path) -> list[Path]:
    text = seed.read_text(encoding="utf-8")
    stem = seed.name.rsplit(".", 1)[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for encoding in ENCODINGS:
        data = from_unicode(text, encoding).encode(BYTE_CODEC)  # strict: fail, don't lose text
        path = out_dir / f"{stem}.{encoding}.txt"
        path.write_bytes(data)
        back, found = fix_legacy(decode_legacy_bytes(path.read_bytes()))
        if found != encoding:
            raise SystemExit(f"{path}: detected {found!r}, expected {encoding!r}")
        if back != nfc(text):
            lost = sum(a != b for a, b in zip(back, nfc(text)))
            print(f"warning: {path.name}: {lost} characters differ after the round trip "
                  "(TCVN3 keeps no case for toned capitals)", file=sys.stderr)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{len(data)} bytes, round trip {'exact' if back == nfc(text) else 'lossy'}")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    make_legacy(args.seed, args.out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
