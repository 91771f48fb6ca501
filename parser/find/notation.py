"""Số ký hiệu (document notations): parse, canonicalise, split into parts.

Forms (vn-letter-format.md):
- công văn            232/BTTTT-KHTC, 1959/BTTTT-UDCNTT, 784/STTTT, 2276/UBND-KSTTHC
- administrative      15/QĐ-UBND, 46/TB-UBND, 36a/NQ-CP
- normative           43/2008/QĐ-TTg, 64/2007/NĐ-CP, 32/2017/TT-BTTTT, laws 43/2019/QH14
- party (hyphen)      52-NQ/TW, 50-KL/TW, 271-KH/TU, 492-BC/BCS, 205-QĐ/TW
- year after hyphen   19-2017/NQ-CP
- joint               3035/CTPH-BTTTT-BNV
- blank number        " /UBND-KGVX" (stamped at issue): n is None
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import regex as re

from .. import domain, look_alikes

# A code: letters, maybe a digit or two (QH15), maybe a dotted part. A 0 between capitals is OCR's
# O or Đ ("464/Q0Đ-BCT" for QĐ): kept in the code, which repair_type_code then mends.
CODE = r"[\p{Lu}Đ](?:[\p{L}&]|0(?=\p{Lu}))*\d{0,2}(?:\.[\p{Lu}Đ][\p{L}]*)?"
# The slash as OCR gives it: "/" or the fraction slash "⁄" ("23⁄BB-VPHC")
SLASH = r"[/⁄]"
# The dash between codes, doubled by OCR at times ("202/BC--BQL")
DASH = r"-{1,2}"
# The notation itself, without "số". Groups: n (up to six digits: a Cục Thuế numbers its letters
# past 99,999, '101966/CTHN-TTHT'), party type/issuer, or year and the code chain.
NOTATION = re.compile(
    rf"""(?x)
    (?P<n>\d{{1,6}}(?:\.\d{{1,3}}(?=\s*[/⁄]))?[a-z]?|[Il]\d{{1,4}}(?=\s*[/⁄-]))?\s*  # 'I3/UB-TP': OCR's I or l for 1;
                                                                # '66.18/2026/NQ-CP': a numbered series's dotted number
    (?:
        -\s*(?P<ptype>{CODE})\s*{SLASH}\s*(?P<pissuer>{CODE}(?:\s*{DASH}\s*{CODE})*)          # 52-NQ/TW
      | (?:-\s*(?P<nyear>(?:19|20)\d\d))?\s*{SLASH}\s*(?:(?P<year>(?:19|20)\d\d)\s*{SLASH}\s*)?  # /2008/
        (?P<codes>{CODE}(?:\s*{DASH}\s*{CODE})*)                                         # QĐ-TTg, BTTTT-KHTC
    )
    """
)


# What stands glued before where a notation was found inside a longer token: the number's head,
# its digits misread as marks or letters ('2#' of '2#37 /QĐ-BTC', 'AO' of 'AO5f /CT-TTHT'); an
# opening bracket or quote is not
GLUED_DIGITS = re.compile(r"[^\s(\[\"'“‘]$")


@dataclass(frozen=True)
class Notation:
    raw: str
    n: str | None
    year: int | None
    type_code: str | None  # canonical type code when the notation carries one (QĐ, NQ, TB ...)
    issuer_code: str | None
    units: tuple[str, ...]  # drafting units / further issuers after the issuer code
    party: bool = False
    year_hyphen: bool = False  # "19-2017/NQ-CP" keeps its hyphen

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c for c in (self.type_code, self.issuer_code, *self.units) if c)

    @property
    def canonical(self) -> str | None:
        if self.n is None:
            return None
        if self.party:
            return f"{self.n}-{self.type_code}/{'-'.join((self.issuer_code, *self.units))}"
        mid = (f"-{self.year}" if self.year_hyphen else f"/{self.year}") if self.year else ""
        head = self.type_code
        chain = [c for c in ([head] if head else []) + ([self.issuer_code] if self.issuer_code else []) + list(self.units)]
        return f"{self.n}{mid}/{'-'.join(chain)}"


def canonical_code(code: str) -> str:
    """A type code as printed -> canonical ('QD' -> 'QĐ'), other codes unchanged."""
    return domain.canonical_type_code().get(code, code)


def _ocr_edit(printed: str, known: str) -> bool:
    """Is `printed` `known` with one edit of the kinds OCR makes? A doubled letter lost or
    added (BTTTT -> BTTT), a stray stroke read as I/l/1 (STP -> STIP), or a character read as
    its look-alike (parser.look_alikes.pairs: ocr_look_alikes.json)."""
    a, b = printed.upper(), known.upper()
    if len(a) == len(b) + 1:  # one character too many in what was printed
        for i, c in enumerate(a):
            if a[:i] + a[i + 1:] == b:
                return c in "IL1|" or (i > 0 and a[i - 1] == c) or (i + 1 < len(a) and a[i + 1] == c)
        return False
    if len(a) + 1 == len(b):  # one character lost
        for i, c in enumerate(b):
            if b[:i] + b[i + 1:] == a:
                return (i > 0 and b[i - 1] == c) or (i + 1 < len(b) and b[i + 1] == c)
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return len(diff) == 1 and frozenset(diff[0]) in look_alikes.pairs()
    return False


def repair_issuer_code(code: str) -> str:
    """An issuer code OCR damaged ('BTTT', 'STIP') -> the known code it stands for, only when the
    evidence is strong: the code is not known, is 3+ letters, and exactly one known code
    (parser/data/issuers.json) is one OCR-like edit away (`_ocr_edit`). 'UBT' is not taken for
    'UBDT': losing a D is no OCR habit. Otherwise the code as printed."""
    known = domain.issuer_by_code()
    if code in known or len(code) < 3:
        return code
    near = {k for k in known if len(k) >= 3 and _ocr_edit(code, k)}
    return near.pop() if len(near) == 1 else code


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def unmarked_code(code: str) -> str:
    """A code without tone marks: codes carry none ('CBĐTƯ' has a horn, no tone), so a tone mark
    is the Vietnamese OCR model's ('15/QĐ-ÚBND' for '15/QĐ-UBND')."""
    import unicodedata

    if code.isascii():
        return code
    decomposed = unicodedata.normalize("NFD", code)
    bare = unicodedata.normalize("NFC", "".join(x for x in decomposed if x not in TONE_MARKS))
    if bare != code and bare not in domain.issuer_by_code():
        # the tone mark shows OCR read the letter as a Vietnamese one: its horn or hat may be OCR's
        # too ('300-KL/TỪ' for 300-KL/TU, Tỉnh ủy); the plain letters are taken when they are a known
        # code and the marked ones are not
        plain = unicodedata.normalize("NFC", "".join(x for x in decomposed if unicodedata.category(x) != "Mn"))
        plain = plain.replace("đ", "Đ") if "Đ" in code or "đ" in code else plain
        if plain in domain.issuer_by_code():
            return plain
    return bare


def repair_type_code(code: str) -> str:
    """A type code OCR doubled a letter of ('QĐĐ' for QĐ) or read with a look-alike beside the
    letter it stands for ('Q0Đ': 0 and Đ are one class, parser.look_alikes): the known type code
    left when one of two neighbouring characters of one class is dropped. Otherwise as printed."""
    types = domain.canonical_type_code()
    if code in types or code.upper() in types or len(code) < 3 or repair_issuer_code(code) in domain.issuer_by_code():
        return code  # an issuer code, maybe damaged ('BTTT' is BTTTT's, not the type BTT's)
    cls = look_alikes.classes()
    for i in range(len(code) - 1):
        a, b = code[i], code[i + 1]
        if a == b or cls.get(ord(a), a) == cls.get(ord(b), b):
            for cand in (code[:i] + code[i + 1:], code[:i + 1] + code[i + 2:]):
                if cand in types and len(cand) >= 2:
                    return cand
    return code


def _from_match(m: re.Match, raw: str) -> Notation | None:
    n = m["n"]
    if n and n[0] in "Il":
        n = "1" + n[1:]
    if m["ptype"]:
        chain = [unmarked_code(c.strip()) for c in re.split(rf"\s*{DASH}\s*", m["pissuer"])]
        return Notation(raw, n, None, canonical_code(repair_type_code(m["ptype"])), chain[0], tuple(chain[1:]),
                        party=True)
    codes = [unmarked_code(c.strip()) for c in re.split(rf"\s*{DASH}\s*", m["codes"])]
    codes[0] = repair_type_code(codes[0])
    year = int(m["year"] or m["nyear"]) if (m["year"] or m["nyear"]) else None
    hy = bool(m["nyear"])
    types = domain.canonical_type_code()
    if (codes[0] in types or codes[0].upper() in types) and len(codes) > 1:
        t = types.get(codes[0]) or types.get(codes[0].upper())
        return Notation(raw, n, year, t, repair_issuer_code(codes[1]), tuple(codes[2:]), year_hyphen=hy)
    return Notation(raw, n, year, None, repair_issuer_code(codes[0]), tuple(codes[1:]), year_hyphen=hy)


def parse_notation(text: str) -> Notation | None:
    """Parse a notation standing alone ('542 /TB-UBND', '43/2008/QĐ-TTg'); None if it is not one."""
    t = " ".join(text.split()).strip(" .;,:")
    m = NOTATION.match(t)
    if not m or m.end() < len(t.rstrip(")")) - 1:
        m = NOTATION.search(t)
        if not m:
            return None
        if m["n"] and GLUED_DIGITS.search(t[:m.start()]):
            # 'Số:2#37 /QD-BYC', 'Số: AO5f /CT-TTHT': OCR misread the number's head; its tail is no number
            return dataclasses.replace(_from_match(m, t), n=None)
    return _from_match(m, t)
