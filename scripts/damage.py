#!/usr/bin/env python3
"""Damage a letter's text the way OCR and PDF text extraction do (issue 4), deterministically.

    python scripts/damage.py corpora/seeds/cv-232-BTTTT-KHTC-2018.md --seed 1 --level light > out.md
    python scripts/damage.py letter.txt --seed 7 --level heavy --scale 1.5 -o damaged.txt

The kinds of damage and their rates come from `scripts/damage_profile.json` (one block of
rates per level; `_rates` there says what each rate is per). What it does, in order:

- per word: a number of 2+ digits loses one (`232` -> `23`); one confusable character is
  swapped (`1`/`l`/`I`, `0`/`O`, `5`/`S`, `8`/`B`, `rn`/`m`); the Vietnamese marks are lost or
  changed (`Số` -> `Sô` tone lost, `Sồ` wrong tone, `So` all lost, `CỘNG` -> `CỌNG` shape
  lost); a letter is dropped, a doubled one first (`BTTTT` -> `BTTT`);
- per `Đ`/`đ`: `Ð`/`ð` (Icelandic eth), sometimes plain `D`/`d`;
- per line: a stray glyph (`·`, `'`, `|`, `~` ...) at its start, end or between two words; a
  long prose line broken near the printed width, sometimes inside a word with a hyphen
  (`thực hi-` / `ện`);
- page furniture: a lone page number at every page break (every 2,400-3,400 characters,
  never on page 1, never inside a table), the e-signature stamp block (`Signature Not
  Verified`, `Ký bởi: ...`, `Ngày ký: ...`) above the header or at a page break, and a lone
  `ĐÃ KÝ` line in the last third of the letter.

Rates are uniform: header lines (`Số: ...`, the date line, `Kính gửi`) are damaged as often as
any other line, as OCR does, so a value such as the number can legitimately be lost. Table
lines (tab-separated or `|` rows) keep their cells (only per-word damage) so tables are not
split; markdown heading markers and bold spans are never cut.

`damage_text(text, rng, level)` and `damage_notation(notation, rng)` (used by scripts/noise.py)
take a `random.Random`, so a seed gives the same damage every run. The output is NFC.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from functools import cache
from pathlib import Path

import regex as re

PROFILE = Path(__file__).with_name("damage_profile.json")

WORD = re.compile(r"[\p{L}\p{M}\p{N}]+")
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
SHAPES = "\u0302\u0306\u031b"  # circumflex (â ê ô), breve (ă), horn (ơ ư)
VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
BOLD = re.compile(r"\*\*.+?\*\*|__.+?__")
# rates that are probabilities per unit and scale with --scale (the others are layout settings)
SCALED = ("eth", "diacritics", "letter_drop", "digit_drop", "confusion", "line_break", "stray_glyph")


@cache
def load_profile(path: str | None = None) -> dict:
    return json.loads(Path(path or PROFILE).read_text(encoding="utf-8"))


def rates_for(level: str | dict, scale: float = 1.0, profile: dict | None = None) -> dict:
    """The rates of a named level (or a dict of rates), per-unit rates multiplied by `scale`."""
    profile = profile or load_profile()
    rates = dict(profile["levels"][level]) if isinstance(level, str) else dict(level)
    for k in SCALED:
        if k in rates:
            rates[k] = min(1.0, rates[k] * scale)
    return rates


def _weighted(rng: random.Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def is_table_line(line: str) -> bool:
    s = line.strip()
    return "\t" in line or (s.startswith("|") and s.count("|") >= 2)


# ---------------------------------------------------------------- words

def drop_digit(word: str, rng: random.Random) -> str:
    idx = [i for i, c in enumerate(word) if c.isdigit()]
    if len(idx) < 2:
        return word
    i = rng.choice(idx)
    return word[:i] + word[i + 1:]


def drop_letter(word: str, rng: random.Random) -> str:
    """Lose one letter, preferring one of a doubled pair (BTTTT -> BTTT, UBND stays 3+)."""
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 3:
        return word
    doubled = [i for i in letters[1:] if word[i] == word[i - 1]]
    i = rng.choice(doubled) if doubled and rng.random() < 0.7 else rng.choice(letters)
    return word[:i] + word[i + 1:]


def confuse(word: str, rng: random.Random, table: dict[str, list[str]]) -> str:
    """Swap one confusable character (or `rn`/`m`) for its look-alike."""
    spots = [(i, k) for k in table for i in range(len(word)) if word.startswith(k, i)]
    if not spots:
        return word
    i, k = rng.choice(spots)
    return word[:i] + rng.choice(table[k]) + word[i + len(k):]


def damage_marks(word: str, rng: random.Random, mode: str) -> str:
    """Lose or change the Vietnamese marks of one word (NFC in, NFC out)."""
    nfd = unicodedata.normalize("NFD", word)
    if mode == "strip_tone":
        out = "".join(c for c in nfd if c not in TONES)
    elif mode == "strip_shape":
        out = "".join(c for c in nfd if c not in SHAPES)
    elif mode == "strip_all":
        out = "".join(c for c in nfd if c not in TONES and c not in SHAPES)
    else:  # wrong_tone: another tone on the toned vowel, or a tone where there was none
        tones = [i for i, c in enumerate(nfd) if c in TONES]
        if tones:
            i = tones[0]
            out = nfd[:i] + rng.choice([t for t in TONES if t != nfd[i]]) + nfd[i + 1:]
        else:
            vowels = [i for i, c in enumerate(nfd) if c in VOWELS]
            if not vowels:
                return word
            i = rng.choice(vowels) + 1
            while i < len(nfd) and nfd[i] in SHAPES:
                i += 1
            out = nfd[:i] + rng.choice(TONES) + nfd[i:]
    return unicodedata.normalize("NFC", out)


def damage_word(word: str, rng: random.Random, rates: dict, profile: dict) -> str:
    if rng.random() < rates["digit_drop"]:
        word = drop_digit(word, rng)
    if rng.random() < rates["confusion"]:
        word = confuse(word, rng, profile["confusions"])
    if rng.random() < rates["diacritics"] and any(c.isalpha() for c in word):
        mode = _weighted(rng, profile["diacritic_modes"])
        marked = unicodedata.normalize("NFD", word) != word
        word = damage_marks(word, rng, mode if marked else "wrong_tone")
    if rng.random() < rates["letter_drop"]:
        word = drop_letter(word, rng)
    return word


def damage_eth(text: str, rng: random.Random, rates: dict) -> str:
    out = []
    for c in text:
        if c in "Đđ" and rng.random() < rates["eth"]:
            plain = rng.random() < rates.get("eth_plain", 0.0)
            c = ("D" if plain else "Ð") if c == "Đ" else ("d" if plain else "ð")
        out.append(c)
    return "".join(out)


# ---------------------------------------------------------------- lines

def stray_glyph(line: str, rng: random.Random, glyphs: list[str]) -> str:
    g = rng.choice(glyphs)
    where = rng.random()
    spaces = [m.start() for m in re.finditer(" ", line.rstrip())]
    if where < 0.5 or not line.strip():
        return line.rstrip() + rng.choice(["", " "]) + g
    if where < 0.75 and spaces:
        i = rng.choice(spaces)
        return line[:i] + " " + g + line[i:]
    if line.lstrip().startswith("#"):
        return line.rstrip() + " " + g
    return g + " " + line


def break_line(line: str, rng: random.Random, hyphen_share: float) -> list[str]:
    """Break a long line near the printed width (60-95 characters), maybe inside a word."""
    if len(line) < 70 or line.lstrip().startswith("#"):
        return [line]
    bold = [m.span() for m in BOLD.finditer(line)]

    def free(i: int) -> bool:
        return not any(a < i < b for a, b in bold)

    target = rng.randint(60, min(95, len(line) - 10))
    if rng.random() < hyphen_share:
        for m in WORD.finditer(line):
            if m.start() <= target < m.end() or m.start() > target:
                w = m.group(0)
                if len(w) >= 4 and not any(c.isdigit() for c in w):
                    cut = m.start() + rng.randint(2, len(w) - 2)
                    if free(cut):
                        return [line[:cut] + "-", line[cut:]]
                if m.start() > target + 20:
                    break
    spaces = [i for i in range(20, len(line) - 5) if line[i] == " " and free(i)]
    if not spaces:
        return [line]
    i = min(spaces, key=lambda s: (abs(s - target), s))
    return [line[:i].rstrip(), line[i + 1:]]


def _stamp(rng: random.Random, profile: dict) -> list[str]:
    when = (f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2013, 2025)} "
            f"{rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +07:00")
    signer = rng.choice(profile["stamp_signers"])
    return [s.format(signer=signer, when=when) for s in profile["stamp_block"]]


def add_furniture(lines: list[str], rng: random.Random, rates: dict, profile: dict) -> list[str]:
    """Page numbers at page breaks, the e-signature stamp block, a lone 'ĐÃ KÝ' line."""
    lo, hi = rates["page_chars"]
    budget = rng.randint(lo, hi)
    used = 0
    page = 1
    breaks: list[int] = []  # indices in `out` where a page starts
    out: list[str] = []
    for i, line in enumerate(lines):
        can_break = not is_table_line(line) and (i == 0 or not is_table_line(lines[i - 1]))
        if used >= budget and can_break:
            page += 1
            breaks.append(len(out))
            out.append(rng.choice(profile["page_number_formats"]).format(n=page))
            used = 0
            budget = rng.randint(lo, hi)
        out.append(line)
        used += len(line) + 1
    if rng.random() < rates["stamp"]:
        block = _stamp(rng, profile)
        if rng.random() < rates["stamp_top"] or not breaks:
            first = next((i for i, x in enumerate(out) if x.strip()), 0)
            out[first:first] = block
        else:
            at = rng.choice(breaks) + 1  # under the page number
            out[at:at] = block
    if rng.random() < rates["signed_line"]:
        start = len(out) * 2 // 3
        spots = [i for i in range(start, len(out) + 1)
                 if (i == len(out) or not is_table_line(out[i])) and (i == 0 or not is_table_line(out[i - 1]))]
        if spots:
            at = rng.choice(spots)
            out[at:at] = [profile["signed_line"]]
    return out


def damage_text(text: str, rng: random.Random, level: str | dict = "light", *, scale: float = 1.0,
                profile: dict | None = None) -> str:
    """The text as OCR might have read it: words, Đ, lines, then page furniture. NFC out."""
    profile = profile or load_profile()
    rates = rates_for(level, scale, profile)
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for line in text.split("\n"):
        line = WORD.sub(lambda m: damage_word(m.group(0), rng, rates, profile), line)
        line = damage_eth(line, rng, rates)
        if is_table_line(line) or not line.strip():
            out.append(line)
            continue
        if rng.random() < rates["stray_glyph"]:
            line = stray_glyph(line, rng, profile["stray_glyphs"])
        if rng.random() < rates["line_break"]:
            out += break_line(line, rng, rates["hyphenation"])
        else:
            out.append(line)
    out = add_furniture(out, rng, rates, profile)
    return unicodedata.normalize("NFC", "\n".join(out))


# ---------------------------------------------------------------- notations

def _notation_edit(s: str, kind: str, rng: random.Random, p: dict) -> str | None:
    """One edit of `kind` to notation `s`, or None when it does not apply."""
    # letters of the codes (not the suffix letter of a number such as 36a)
    code_letters = [i for i, c in enumerate(s) if c.isalpha() and not (i and s[i - 1].isdigit() and c.islower())]
    if kind == "eth":
        spots = [i for i, c in enumerate(s) if c in "Đđ"]
        if not spots:
            return None
        i = rng.choice(spots)
        to = _weighted(rng, p["eth_to"])
        return s[:i] + (to if s[i] == "Đ" else to.lower()) + s[i + 1:]
    if kind == "space":
        spots = [i for i, c in enumerate(s) if c in "/-"] + [i + 1 for i, c in enumerate(s) if c in "/-"]
        if not spots:
            return None
        i = rng.choice(spots)
        return s[:i] + " " + s[i:]
    if kind == "dash":
        spots = [i for i, c in enumerate(s) if c == "-"]
        if not spots:
            return None
        i = rng.choice(spots)
        return s[:i] + rng.choice(p["dashes"]) + s[i + 1:]
    if kind == "digit_confusion":
        return _swap(s, [i for i, c in enumerate(s) if c in p["digit_confusions"]], rng, p["digit_confusions"])
    if kind == "letter_confusion":
        return _swap(s, [i for i in code_letters if s[i] in p["letter_confusions"]], rng, p["letter_confusions"])
    if kind == "digit_drop":
        runs = [m for m in re.finditer(r"\d{2,}", s)]
        if not runs:
            return None
        m = rng.choice(runs)
        i = rng.randrange(m.start(), m.end())
        return s[:i] + s[i + 1:]
    if kind == "letter_drop":
        codes = [m for m in re.finditer(r"\p{L}{3,}", s)]
        if not codes:
            return None
        m = rng.choice(codes)
        return s[:m.start()] + drop_letter(m.group(0), rng) + s[m.end():]
    if kind == "split":  # BTTTT -> BTT-TT, or with a letter lost at the cut, BT-TT
        codes = [m for m in re.finditer(r"\p{L}{4,}", s)]
        if not codes:
            return None
        m = rng.choice(codes)
        cut = rng.randint(m.start() + 1, m.end() - 2)
        rest = s[cut + 1:] if rng.random() < 0.4 else s[cut:]
        return s[:cut] + "-" + rest
    if kind == "merge":  # a separator lost between two codes: QĐ-TTg -> QĐTTg
        spots = [i for i in range(1, len(s) - 1) if s[i] == "-" and s[i - 1].isalpha() and s[i + 1].isalpha()]
        if not spots:
            return None
        i = rng.choice(spots)
        return s[:i] + s[i + 1:]
    raise ValueError(kind)


def _swap(s: str, spots: list[int], rng: random.Random, table: dict) -> str | None:
    if not spots:
        return None
    i = rng.choice(spots)
    return s[:i] + rng.choice(table[s[i]]) + s[i + 1:]


def damage_notation(notation: str, rng: random.Random, *, profile: dict | None = None) -> str:
    """A số ký hiệu with 1 or 2 OCR edits (kinds and weights: damage_profile.json 'notation').

    Each edit changes the string: Đ -> Ð/D/Ɖ, a space by a `/` or `-`, a dash glyph (– — ‐ −),
    a digit or letter look-alike (1/l/I, 0/O, 5/S, 8/B, T/I, U/V ...), a digit dropped from a
    number of 2+ digits (232 -> 23), a letter dropped from a code (BTTTT -> BTTT), a code split
    (BTTTT -> BTT-TT, BT-TT) or two codes merged (QĐ-TTg -> QĐTTg).
    """
    p = (profile or load_profile())["notation"]
    n_edits = int(_weighted(rng, p["edits"]))
    s = notation
    for _ in range(n_edits):
        kinds = dict(p["kinds"])
        while kinds:
            kind = _weighted(rng, kinds)
            out = _notation_edit(s, kind, rng, p)
            if out is not None and out not in (s, notation):  # a second edit never undoes the first
                s = out
                break
            del kinds[kind]
    return s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", help="a letter as text or markdown (- for standard input)")
    ap.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same damage")
    ap.add_argument("--level", default="light", choices=sorted(load_profile()["levels"]))
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the per-word/per-line rates (default 1)")
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    args = ap.parse_args(argv)
    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    text = data.decode("utf-8-sig")
    out = damage_text(text, random.Random(args.seed), args.level, scale=args.scale)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
