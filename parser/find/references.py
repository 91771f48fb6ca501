"""Find cited documents in text (eyecite's `find`): every mention with its parts.

A full mention: [pinpoint] <type name> [số] <notation> [ngày <date>] [của <issuer>] [<title>]
  "khoản 2 Điều 4 của Thông tư số 32/2017/TT-BTTTT ngày 15/11/2017 của Bộ trưởng Bộ Thông tin
   và Truyền thông Quy định về việc cung cấp dịch vụ công trực tuyến ..."
Short mentions: "Quyết định số 1819/QĐ-TTg", "Quyết định 846/QĐ-TTg", "QĐ 1819/QĐ-TTg",
"văn bản 2779/VPCP-KGVX", a bare notation with a type code "(số 2458/QĐ-UBND ...)", and a
bare công văn number after "số": "...; số 2148/UBND-KGVX ngày 14/5/2020".
Laws cited by name: "Luật Công nghệ thông tin", "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001";
party resolutions by name: "Nghị quyết Hội nghị Trung ương 6 khóa XI về phát triển khoa học ...".
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

import regex as re

from .. import domain
from .dates import first_date
from .notation import NOTATION, Notation, parse_notation
from ..patterns import loose

# Pinpoint just before the type name: "khoản 2 Điều 4 của", "Điều 13,", "Chương II của", "điểm a khoản 1 Điều 5"
PINPOINT = re.compile(
    r"(?P<pin>(?:(?:điểm\s+[a-zđ]\s+)?(?:khoản\s+\d+\s+)?(?:Điều|điều)\s+\d+[a-z]?(?:\s*,\s*(?:Điều|điều)\s+\d+)*"
    r"|(?:Chương|Mục|Phần)\s+[IVXLC\d]+))\s*(?:,|của)?\s*$"
)
# Where an issuer phrase ends and the title begins (lower-case verbs that open a trích yếu)
TITLE_START = re.compile(
    r"(?:\s+|,\s*)(?=(?:phê duyệt|Phê duyệt|về việc|Về việc|về|Về|ban hành|Ban hành|quy định|Quy định|hướng dẫn|"
    r"Hướng dẫn|V/v|triển khai|thực hiện|tiếp tục|xây dựng|tăng cường)\b)"
)
# "Luật Công nghệ thông tin", "Luật An toàn thông tin mạng", "Luật PCTN năm 2018"; the name ends before
# "và Luật ...", "và Nghị định ...", "và các văn bản ..." ("Luật Tố tụng hành chính và Nghị định số 71/2016")
# and amending laws, named by what they amend: "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính
# phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019"
LAW = re.compile(
    r"\bLuật\s+(?P<name>" + loose("sửa đổi") + r",?\s+" + loose("bổ sung") + r"\s+(?:" + loose("một số")
    + r"\s+)?" + loose("điều của") + r"\s+(?:các\s+)?Luật\s+\p{Lu}[^;.()]*?"
    r"(?=\s+(?:ngày|năm|số)\b|[;.()]|$)"
    r"|\p{Lu}[\p{L}\-]*(?:\s+(?!ngày\b|năm\b|số\b|và\s+(?:Luật|các|Nghị|Thông|Quyết|Chỉ|văn)|của\b)[\p{L}\-]+){0,8}"
    # a name with a comma in it, when its number follows: "Luật Cán bộ, công chức số 80/2025/QH15"
    r"(?:,\s+\p{Ll}+(?:\s+(?!số\b)\p{Ll}+){0,3}(?=\s+số\s*:?\s*\d))?)"
)
# What joins a law's name to its number: "Luật Đầu tư số 143/2025/QH15", "Luật Tổ chức chính quyền
# địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025", "Luật Viên chức số: 129/2025/QH15"
LAW_NUMBER = re.compile(r"\s*,?\s*(?i:số)\s*[:.]?\s*(?=\d{1,5}[a-z]?\s*/)")
# A number OCR split with a space after its first digit, right after the type word and "số":
# "Văn bản sỐ 1 1654/ANKT-ANTCĐT" for 11654 (read whole, the digits before the space are `head`)
SPLIT_NUMBER = re.compile(r"(?P<head>\d) (?=\d{1,4}\s*[/⁄])")
# "số " right before a notation that has no type word before it: "; số 2148/UBND-KGVX"
BARE_SO = re.compile(r"(?:^|[\s,;(])[Ss]ố\s*:?\s*$")
# Party resolutions cited by name: "Nghị quyết Hội nghị Trung ương 6 khóa XI về ...",
# "Nghị quyết Trung ương 7 khóa X về ...", "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII"
NAMED_RESOLUTION = re.compile(
    r"\bNghị quyết\s+(?:Hội nghị\s+)?(?:lần\s+thứ\s+\p{L}+\s+)?(?:Ban Chấp hành\s+)?Trung ương\s+(?:Đảng\s+)?"
    r"(?:\d{1,2}\s*,?\s*)?khóa\s+[IVXL]+\b"
)
# Where a cited document's title ends: ; . ( ), ", và các văn bản số ...", and ", Sở Tài chính hướng
# dẫn ..." (an agency opening the sentence's main clause after the Căn cứ part), a final ":"
CLAUSE_END = re.compile(
    r"[;.](?:\s|$)|\)|\(|;|:\s*$|,\s+(?=(?:và\s+)?(?:các\s+)?[\p{Ll}]+\s+(?:số|ngày)\b)"
    r"|,\s+(?=(?:Sở|Bộ|Ủy ban|UBND|Văn phòng|Cục|Chi cục|Ban|Thủ tướng|Chính phủ|Hội đồng|Thanh tra|Tổng cục)\s)"
)


@cache
def _type_words() -> tuple[list[tuple[str, str]], re.Pattern]:
    """(name, code) pairs for type names, longest first, and the regex that finds them."""
    data = domain._load("doc_types.json")
    pairs = [(t["name"], t["code"]) for t in data["types"] if t["code"] not in ("L",)]
    pairs += [(n, "CV") for n in data["letter_names"]]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    alts = "|".join(re.escape(n) for n, _ in pairs)
    codes = "|".join(re.escape(c) for c in sorted(domain.canonical_type_code(), key=len, reverse=True) if len(c) >= 2)
    # "Quyết định số 1819/QĐ-TTg", "quyết định 846/QĐ-TTg", "QĐ 1819/QĐ-TTg", "văn bản 2779/VPCP-KGVX"
    rx = re.compile(
        rf"(?P<tname>(?i:{alts})|(?:{codes}))\s+(?:(?i:số)\s*[:.]?\s*|số\s+hiệu\s+)?(?=\d{{1,5}}[a-z]?\s*[-/⁄]|\d \d{{1,4}}\s*[/⁄])",
    )
    return pairs, rx


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    raw: str
    type_code: str | None
    notation: Notation | None
    law_name: str | None
    date: str | None
    date_raw: str | None
    issuer: str | None
    title: str | None
    pinpoint: str | None


def _type_code(word: str) -> str:
    pairs, _ = _type_words()
    key = domain.fold(word)
    for name, code in pairs:
        if domain.fold(name) == key:
            return code
    return domain.canonical_type_code().get(word, domain.canonical_type_code().get(word.upper(), "CV"))


# What follows a cited notation: ', ngày 14/5/2020' (also '. ngày': a comma OCR read as a stop,
# '60/CP. ngày 05/7/1994'), ' của Thủ tướng Chính phủ', ' về việc ...' (the title's first word)
TAIL_DATE = re.compile(r"\s*[,.]?\s*(?:ban hành\s+)?ngày\s+")
TAIL_ISSUER = re.compile(r"\s*,?\s*(?:của|do)\s+")
TAIL_TITLE = re.compile(r"\s*,?\s*(?=(?:phê duyệt|Phê duyệt|về|ban hành|quy định|hướng dẫn|V/v)\b)")


def _tail(text: str, pos: int) -> tuple[str | None, str | None, str | None, str | None, int]:
    """After a notation: (date iso, date raw, issuer, title) and where the mention ends."""
    rest = text[pos: pos + 400]
    date = date_raw = issuer = title = None
    # "..., ngày 14/5/2020"; a stop before a lower-case "ngày" is a comma OCR misread ("60/CP. ngày 05/7/1994")
    m = TAIL_DATE.match(rest)
    if m:
        d = first_date("ngày " + rest[m.end(): m.end() + 30])
        if d is not None:
            date, date_raw = d.iso, d.raw
            cut = m.end() + (d.end - 5)
            rest_pos = cut
        else:
            rest_pos = 0
    else:
        rest_pos = 0
    after = rest[rest_pos:]
    m = TAIL_ISSUER.match(after)
    end_rel = rest_pos
    if m:
        seg = after[m.end():]
        stop = CLAUSE_END.search(seg)
        seg_cut = seg[: stop.start()] if stop else seg[:200]
        t = TITLE_START.search(seg_cut)
        if t:
            issuer = seg_cut[: t.start()].strip(" ,")
            title = seg_cut[t.end():].strip(" ,") or None
        else:
            issuer = seg_cut.strip(" ,")
        end_rel = rest_pos + m.end() + len(seg_cut)
    else:
        t = TAIL_TITLE.match(after)
        if t:
            seg = after[t.end():]
            stop = CLAUSE_END.search(seg)
            title = (seg[: stop.start()] if stop else seg[:200]).strip(" ,") or None
            end_rel = rest_pos + t.end() + (stop.start() if stop else len(seg[:200]))
    if issuer and (len(issuer) > 90 or not issuer[:1].isupper()):
        issuer = None
    return date, date_raw, issuer, title, pos + end_rel


class _Taken:
    """The stretches of a text already read as mentions: a union of intervals, kept merged and
    sorted, so that asking whether a position is taken costs a bisection (a letter citing 10,000
    documents is read in linear time)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        if b <= a:
            return
        i = bisect_left(self.ends, a)  # first interval that ends at or after a
        j = bisect_right(self.starts, b)  # intervals before j start at or before b
        if i < j:
            a, b = min(a, self.starts[i]), max(b, self.ends[j - 1])
        self.starts[i:j] = [a]
        self.ends[i:j] = [b]

    def covers(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


ANY_DIGIT = re.compile(r"\d")  # 'số 153/QĐ-TTg', 'I3/UB-TP': every notation holds one


def find_mentions(text: str) -> list[Mention]:
    """All document mentions in one paragraph of text, in order. Four passes, each leaving out
    what an earlier one took: a type word with its number, a bare number with a type code, a
    named resolution, a law."""
    taken = _Taken()
    out = []
    if ANY_DIGIT.search(text):  # a number's notation has a digit (notation.NOTATION's n): no search without one
        out = _typed_mentions(text, taken) + _numbered_laws(text, taken) + _bare_mentions(text, taken)
    out += _named_resolutions(text, taken)
    out += _laws(text, taken)
    out.sort(key=lambda x: x.start)
    return out


def _typed_mentions(text: str, taken: _Taken) -> list[Mention]:
    """'Quyết định số 153/QĐ-TTg ngày ...': a type word, then a number with its codes."""
    _, rx = _type_words()
    out: list[Mention] = []
    for m in rx.finditer(text):
        split = SPLIT_NUMBER.match(text, m.end())
        nm = NOTATION.match(text, split.end() if split else m.end())
        if not nm or not nm["n"]:
            continue
        notation = parse_notation((split["head"] if split else "") + nm.group(0))
        if notation is None or not notation.codes:
            continue
        word = m["tname"]
        code = notation.type_code or _type_code(word)
        if code == "CV" and notation.type_code is None and domain.fold(word) not in ("cong van", "van ban", "thu"):
            code = _type_code(word)
        date, date_raw, issuer, title, end = _tail(text, nm.end())
        pin = PINPOINT.search(text[max(0, m.start() - 60): m.start()])
        out.append(Mention(m.start(), end, text[m.start(): end].strip(), code, notation, None, date, date_raw,
                           issuer, title, " ".join(pin["pin"].split()) if pin else None))
        taken.append((m.start(), nm.end()))
    return out


def _numbered_laws(text: str, taken: _Taken) -> list[Mention]:
    """A law by its name and number: 'Luật Đầu tư số 143/2025/QH15 ngày 11 tháng 12 năm 2025' is one
    mention of one document (its number the key, its name the title), not a law by name and a
    bare number beside it."""
    out: list[Mention] = []
    for lm in LAW.finditer(text):
        if taken.covers(lm.start()):
            continue
        j = LAW_NUMBER.match(text, lm.end())
        nm = NOTATION.match(text, j.end()) if j else None
        notation = parse_notation(nm.group(0)) if nm and nm["n"] else None
        if notation is None or not notation.codes:
            continue
        name = "Luật " + lm["name"].strip(" ,;.")
        date, date_raw, issuer, _title, end = _tail(text, nm.end())
        pin = PINPOINT.search(text[max(0, lm.start() - 60): lm.start()])
        out.append(Mention(lm.start(), end, text[lm.start(): end].strip(), "L", notation, name, date, date_raw,
                           issuer, name, " ".join(pin["pin"].split()) if pin else None))
        taken.append((lm.start(), nm.end()))
    return out


def _bare_mentions(text: str, taken: _Taken) -> list[Mention]:
    """Bare notations with a type code, not already part of a mention: '(số 2458/QĐ-UBND ngày ...)'."""
    out: list[Mention] = []
    for nm in NOTATION.finditer(text):
        if not nm["n"] or taken.covers(nm.start()):
            continue
        if nm.start() > 0 and (text[nm.start() - 1].isalnum() or text[nm.start() - 1] in "/-"):
            continue
        notation = parse_notation(nm.group(0))
        if notation is None or not notation.issuer_code:
            continue
        code = notation.type_code
        if code is None and BARE_SO.search(text, 0, nm.start()):
            # "...; số 2148/UBND-KGVX ngày 14/5/2020": a number without a type code is a công
            # văn's (Nghị định 30/2020: Số: 232/BTTTT-KHTC)
            code = "CV"
        if code is None:
            continue
        date, date_raw, issuer, title, end = _tail(text, nm.end())
        out.append(Mention(nm.start(), end, text[nm.start(): end].strip(), code, notation, None, date,
                           date_raw, issuer, title, None))
        taken.append((nm.start(), nm.end()))
    return out


def _named_resolutions(text: str, taken: _Taken) -> list[Mention]:
    """A party resolution cited by its name ('Nghị quyết Hội nghị Trung ương 6 khóa XI'), to the clause's end."""
    out: list[Mention] = []
    for rm in NAMED_RESOLUTION.finditer(text):
        if taken.covers(rm.start()):
            continue
        stop = re.search(r"[;.](?:\s|$)|\(|$", text[rm.end():])
        end = rm.end() + stop.start()
        name = " ".join(rm.group(0).split())
        title = " ".join(text[rm.start(): end].split()).strip(" ,")
        out.append(Mention(rm.start(), end, text[rm.start(): end], "NQ", None, name, None, None, None, title, None))
        taken.append((rm.start(), end))
    return out


def _laws(text: str, taken: _Taken) -> list[Mention]:
    """'Luật Ngân sách nhà nước', with its date when one follows."""
    out: list[Mention] = []
    for lm in LAW.finditer(text):
        if taken.covers(lm.start()):
            continue
        name = "Luật " + lm["name"].strip(" ,;.")
        tail = text[lm.end(): lm.end() + 40]
        d = first_date(tail) if re.match(r"\s*,?\s*ngày", tail) else None
        out.append(Mention(lm.start(), lm.end(), lm.group(0), "L", None, name, d.iso if d else None,
                           d.raw if d else None, None, name, None))
    return out


def mention_key(m: Mention) -> str | None:
    """What identifies the document a mention cites: its canonical number, else its name
    (a law, a party resolution); the same key for a full and a short mention."""
    if m.notation is not None and m.notation.canonical:
        return m.notation.canonical.upper()
    return domain.fold(m.law_name) if m.law_name else None


def reference_key(number: str | None, title: str | None) -> str | None:
    """mention_key of a resolved reference: its number, else the name its title starts with
    ('Nghị quyết Hội nghị Trung ương 6 khóa XI' of '... khóa XI về phát triển ...')."""
    if number:
        return number.upper()
    if not title:
        return None
    named = NAMED_RESOLUTION.match(title)
    return domain.fold(" ".join(named.group(0).split()) if named else title)
