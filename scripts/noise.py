#!/usr/bin/env python3
"""Noise test of notation resolution (issue 3): damage known số ký hiệu the way OCR does and
check that the parser's scorer still finds the document each one stands for.

    python scripts/noise.py                          # 1,000 damaged notations, seed 0
    python scripts/noise.py --count 300 --seed 4 --show 10
    python scripts/noise.py --min-right 0.95 --max-wrong 0.01 --compose 200

Candidates: every notation the gold knows (gold/seeds and gold/real: document.number,
references[].number, annexes[].attached_to.number), deduplicated by canonical form, plus
`--compose N` realistic notations built from the parser's type and issuer codes
(parser/data/doc_types.json, issuers.json) when a harder, larger list is wanted.

Damage model (`damage_notation` in scripts/damage.py, weights in scripts/damage_profile.json,
'notation'): each notation gets 1 edit (60%) or 2 (40%), as OCR makes on a short printed
string, never a destroyed one. An edit is one of: `Đ` -> `Ð`/`D`/`Ɖ`; a space inserted by a
`/` or `-` (`232 /BTTTT- KHTC`); a dash glyph (`–`, `—`, `‐`, `−`); a digit look-alike (1/l/I,
0/O, 5/S, 8/B, 6/G, 2/Z); a letter look-alike in a code (I/1/l, O/0, T/I, U/V, H/N, C/G, E/F,
g/q); a digit dropped from a number of 2+ digits (`232` -> `23`, `2008` -> `208`); a letter
dropped from a code (`BTTTT` -> `BTTT`); a code split (`BTTTT` -> `BTT-TT`, or `BT-TT` with the
letter at the cut lost, as in `UBT-TT`); two codes merged (`QĐ-TTg` -> `QĐTTg`).

Each damaged string is read with `parser.notation.parse_notation` (None counts as unresolved)
and resolved with `parser.match.best_match` against all candidates: right (the original),
wrong (another document), unresolved (no candidate clearly best). Some damage is truly
ambiguous (`1744/QĐ-BGTVT` losing a 4 is as close to `1743/QĐ-BGTVT`): the scorer must leave
those unresolved rather than guess. Exit 1 when right < --min-right or wrong >= --max-wrong.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from damage import damage_notation  # noqa: E402

from congvan import domain  # noqa: E402
from congvan.match import best_match  # noqa: E402
from congvan.find.notation import Notation, parse_notation  # noqa: E402


def gold_notations(root: Path = ROOT) -> list[str]:
    """Every number the gold files name, in file order, without repeats."""
    out: dict[str, None] = {}
    for path in sorted((root / "gold").glob("*/*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        numbers = [(gold.get("document") or {}).get("number")]
        # a cited identifier without a document type (a certificate, a QCVN standard) is no notation
        numbers += [r.get("number") for r in gold.get("references", []) if r.get("type")]
        numbers += [(a.get("attached_to") or {}).get("number") for a in gold.get("annexes", [])]
        for n in numbers:
            if n:
                out.setdefault(n, None)
    return list(out)


def compose(count: int, rng: random.Random) -> list[str]:
    """Realistic notations from the parser's own type and issuer codes.

    Forms, as in vn-letter-format.md: công văn `123/BTTTT-KHTC`, administrative `15/QĐ-UBND`,
    `36a/NQ-CP`, normative `43/2008/QĐ-TTg`, party `52-NQ/TW`, joint `3035/CTPH-BTTTT-BNV`.
    """
    types = [t for t in domain.type_by_code() if t != "CV"]
    issuers = [i["code"] for i in domain.issuers()]
    party = [i["code"] for i in domain.issuers() if i.get("kind") == "party"] or ["TW"]
    units = ["KHTC", "THH", "UDCNTT", "VX", "KGVX", "TH", "NC", "ATTT", "VP", "TCCB", "PC", "KTTH"]
    out: list[str] = []
    while len(out) < count:
        n = str(rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 7999)]))
        if rng.random() < 0.03:
            n += rng.choice("abc")
        form = rng.random()
        if form < 0.35:
            s = f"{n}/{rng.choice(issuers)}-{rng.choice(units)}"
        elif form < 0.65:
            s = f"{n}/{rng.choice(types)}-{rng.choice(issuers)}"
        elif form < 0.85:
            s = f"{n}/{rng.randint(2000, 2024)}/{rng.choice(['NĐ', 'QĐ', 'TT', 'NQ', 'CT'])}-{rng.choice(issuers)}"
        elif form < 0.95:
            s = f"{n}-{rng.choice(['NQ', 'KL', 'KH', 'BC', 'QĐ', 'CT'])}/{rng.choice(party)}"
        else:
            a, b = rng.sample(issuers, 2)
            s = f"{n}/CTPH-{a}-{b}"
        out.append(s)
    return out


def candidates(extra: int = 0, seed: int = 0) -> list[Notation]:
    """The known notations, parsed, one per canonical form."""
    seen: dict[str, Notation] = {}
    for s in gold_notations() + compose(extra, random.Random(seed + 1)):
        n = parse_notation(s)
        if n is None or n.canonical is None:
            raise SystemExit(f"noise: candidate {s!r} does not parse as a notation")
        seen.setdefault(n.canonical, n)
    return list(seen.values())


def run(count: int = 1000, seed: int = 0, extra: int = 0) -> dict:
    """Damage `count` notations drawn from the candidates and resolve each one."""
    rng = random.Random(seed)
    cands = candidates(extra, seed)
    tally: Counter = Counter()
    cases: dict[str, list[tuple[str, str, str | None, float]]] = {"wrong": [], "unresolved": []}
    for _ in range(count):
        original = rng.choice(cands)
        damaged = damage_notation(original.canonical, rng)
        parsed = parse_notation(damaged)
        got, score = best_match(parsed, cands) if parsed is not None else (None, 0.0)
        if got is None:
            outcome = "unresolved"
        elif got.canonical == original.canonical:
            outcome = "right"
        else:
            outcome = "wrong"
        tally[outcome] += 1
        if outcome in cases:
            cases[outcome].append((original.canonical, damaged, got.canonical if got else None, score))
    return {"count": count, "candidates": len(cands), "right": tally["right"], "wrong": tally["wrong"],
            "unresolved": tally["unresolved"], "cases": cases}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="damaged notations to resolve (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--compose", type=int, default=0, metavar="N",
                    help="add N composed notations to the gold ones as candidates (default 0)")
    ap.add_argument("--min-right", type=float, default=0.95, help="fail below this share right (default 0.95)")
    ap.add_argument("--max-wrong", type=float, default=0.01, help="fail at or above this share wrong (default 0.01)")
    ap.add_argument("--show", type=int, default=5, metavar="N", help="print N wrong and N unresolved cases")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(encoding="utf-8")
    r = run(args.count, args.seed, args.compose)
    n = r["count"]
    print(f"{n} damaged notations, {r['candidates']} candidates (seed {args.seed})")
    for k in ("right", "wrong", "unresolved"):
        print(f"  {k:<10} {r[k]:>5}  {r[k] / n:6.1%}")
    for k in ("wrong", "unresolved"):
        for orig, dmg, got, score in r["cases"][k][:args.show]:
            print(f"  {k}: {orig!r} damaged to {dmg!r} -> {got!r} (score {score:.3f})")
    failed = []
    if r["right"] / n < args.min_right:
        failed.append(f"right {r['right'] / n:.1%} < {args.min_right:.1%}")
    if r["wrong"] / n >= args.max_wrong:
        failed.append(f"wrong {r['wrong'] / n:.1%} >= {args.max_wrong:.1%}")
    if failed:
        print("FAILED: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
