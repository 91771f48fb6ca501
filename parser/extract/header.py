"""Header fields: issuer, số ký hiệu, place and date, type, trích yếu, urgency, recipients.

Input: the header lines found by segment.py. Output: plain values; nothing is guessed — a
field the letter leaves blank (a number stamped at issue) is None with a warning.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import regex as re

from .. import domain, lexicon, look_alikes
from .. import patterns as P
from ..find.dates import make_date
from ..text import fold
from ..find.notation import parse_notation
from ..lexicon import repair_addressee
from ..reread import Rereading
from ..text import join_field, shown
from ..segment import Parts, is_upper, type_of_title
from ..types import Line


@dataclass(frozen=True, slots=True)
class HeaderResult:
    """The header's values (a read-only mapping: field -> value), with the warnings and notes."""

    values: Mapping[str, Any]
    warnings: tuple[tuple[str, str, str | None], ...] = ()
    notes: tuple[str, ...] = ()


def join(lines: list[Line]) -> str:
    """Lines of one field -> one string; a syllable or a number cut by a hyphen at a line end is put back."""
    return join_field([" ".join(ln.text.split()) for ln in lines])


def case_name(upper: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI' -> 'Ủy ban nhân dân tỉnh Quảng Ngãi'.

    Known names come from data (issuers.json, provinces.json); the rest gets sentence case
    with place names after tỉnh/huyện/... in title case and consonant-only acronyms kept.
    """
    text = " ".join(upper.split())
    expand = domain._load("issuers.json").get("expand", {})
    words = text.split(" ")
    if is_upper(text) and any(w in expand for w in words):
        # 'UBND TỈNH BÌNH ĐỊNH' -> 'Ủy ban nhân dân' + the rest cased: 'tỉnh Bình Định'
        out, run = [], []
        for w in words + [None]:
            if w is None or w in expand:
                if run:
                    out.append(_case_tail(" ".join(run), first=not out))
                    run = []
                if w is not None:
                    out.append(expand[w])
            else:
                run.append(w)
        return " ".join(out)
    words = [expand.get(w, w) for w in words]
    text = " ".join(words)
    if not is_upper(text):
        return text
    known = domain.known_names()
    key = fold(text)
    if key in known:
        return known[key]
    joint = JOINT_ISSUERS.split(text)
    if len(joint) > 1 and all(_starts_with_head(p) for p in joint):
        return " - ".join(case_name(p) for p in joint)  # 'BỘ TÀI CHÍNH - BỘ NỘI VỤ': each body its name
    # longest known prefix
    for cut in range(len(words), 0, -1):
        head = " ".join(words[:cut])
        if fold(head) in known:
            name, rest = known[fold(head)], " ".join(words[cut:])
            # a school named after its commune or a person: its own name is a proper name
            tail = _title(rest) if name in domain.named_after() else _case_tail(rest)
            return " ".join([name, tail]).strip()
    # an organ's kind, then its own name, whose first word (and the first after "và") takes a
    # capital: 'CỤC HÓA CHẤT' -> 'Cục Hóa chất', 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG' -> 'Sở Nông nghiệp và Môi trường'
    for head in domain.issuer_heads():
        n = len(head.split())
        if fold(" ".join(words[:n])) == fold(head) and len(words) > n and not _admin_at(words, n):
            rest = " ".join(words[n:])
            nested = any(fold(rest).startswith(fold(h) + " ") for h in domain.issuer_heads())
            tail = case_name(rest) if nested else _proper(_case_tail(rest))  # 'TRƯỜNG ĐẠI HỌC BÁCH KHOA'
            return " ".join([head.capitalize(), tail])
    return _case_tail(text, first=True)


def _title(text: str) -> str:
    """'XUÂN QUANG' -> 'Xuân Quang'; an acronym (consonants only, 'DTNT') kept."""
    return " ".join(w if ACRONYM.fullmatch(w) else w.capitalize() for w in text.split())


# A word of consonants only, in upper case: an acronym ('CNTT', 'TNHH'), not a word of the name
ACRONYM = re.compile(r"[^\p{Ll}AEIOUYĂÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]{2,}")


# The dash between the bodies of a joint document's issuer line ('BỘ TÀI CHÍNH - BỘ NỘI VỤ')
JOINT_ISSUERS = re.compile(r"\s+[-–]\s+")


def _starts_with_head(name: str, whole: bool = False) -> bool:
    """Does `name` start with an issuer's head word ('SỞ ...', 'BỘ ...')? With `whole`, a name
    that is the head word alone counts too."""
    key = fold(name)
    return any(key.startswith(fold(h) + " ") or (whole and key == fold(h)) for h in domain.issuer_heads())


def _admin_at(words: list[str], i: int) -> bool:
    """Does an administrative word ('tỉnh', 'thành phố') start at words[i]?"""
    return any(_same_word(" ".join(words[i:i + len(a.split())]), a) for a in domain.admin_words())


def _same_word(printed: str, word: str) -> bool:
    """Is `printed` the administrative word `word`, case and marks aside (OCR's 'TĨNH' is 'tỉnh')?
    Not when it is another word spelt with the same letters ('QUẢN LÝ' is not 'quận':
    issuers.json admin_false_friends)."""
    return fold(printed) == fold(word) and printed.upper() not in domain.admin_false_friends()


def _proper(text: str) -> str:
    """Capitalise the first word of a proper name and the first word after each 'và'."""
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if (i == 0 or words[i - 1] == "và") and w and w[0].islower():
            w = w[0].upper() + w[1:]
        out.append(w)
    return " ".join(out)


def _case_tail(text: str, first: bool = False) -> str:
    if not text:
        return ""
    places = domain.places()
    admin = domain.admin_words()
    out = []
    words = text.split(" ")
    i = 0
    while i < len(words):
        matched = False
        for a in admin:
            n = len(a.split())
            if _same_word(" ".join(words[i:i + n]), a):
                out.append(a)
                rest = words[i + n:]
                # the place name: the longest known place, else the remaining words title-cased
                for cut in range(len(rest), 0, -1):
                    k = fold(" ".join(rest[:cut]))
                    if k in places:
                        out.append(places[k])
                        i += n + cut
                        break
                else:
                    out.extend(w.capitalize() for w in rest)
                    i = len(words)
                matched = True
                break
        if matched:
            continue
        place = _place_at(words, i, places)
        if place:  # a province's or a city's name after a body's own words: 'ĐIỆN LỰC LÀO CAI', 'TỈNH ỦY LÀO CAI'
            out.append(places[place[0]])
            i += place[1]
            continue
        proper = next((p for p in domain.proper_phrases() if _same_word(" ".join(words[i:i + len(p)]), " ".join(p))), None)
        if proper:  # 'BAN CƠ YẾU CHÍNH PHỦ' -> '... Chính phủ'
            out += proper
            i += len(proper)
            continue
        w = words[i]
        if re.fullmatch(r"[IVXLC]+[.,;]?", w) and out:
            out.append(w)  # a Roman numeral: 'khu vực I', 'Kiểm toán khu vực VII'
        elif ACRONYM.fullmatch(w.upper()):
            out.append(w)  # an acronym: CNTT, TNHH
        elif not out and first:
            out.append(w.capitalize())
        else:
            out.append(w.lower())
        i += 1
    return " ".join(out)


def _place_at(words: list[str], i: int, places: dict[str, str]) -> tuple[str, int] | None:
    """(folded key, words) of the longest known place name of two or more words starting at
    words[i], or None: one-word names ('Huế') read as common words too often to be cased here."""
    for cut in range(min(len(words) - i, 5), 1, -1):
        k = fold(" ".join(words[i:i + cut]))
        if k in places:
            return k, cut
    return None


# The number a body's name ends with ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT"): "số" with
# its mark (or OCR's "sô") and digits; without marks it would fold like the head word "Sở".
NUMBER_IN_NAME = re.compile(r"(?i)^s[ốô]\s*:?\s*\d")


# What a wrapped name's line ends with when the name goes on under it ('CỤC QUẢN LÝ ĐÊ ĐIỀU VÀ')
NAME_GOES_ON = re.compile(r"(?:\s(?:VÀ|VA)|[-–,&])$")


def name_goes_on(before: str, line: str) -> bool:
    """Does `line` go on with the name `before` ends with? After a 'VÀ', a dash or a comma; or when
    the line's first words end a known name that starts on the line before ('BỘ TÀI CHÍNH - BỘ
    NỘI' / 'VỤ', 'THỦ TƯỚNG CHÍNH' / 'PHỦ'), though they begin like a body of their own."""
    if NAME_GOES_ON.search(before):
        return True
    words = line.split()
    for m in range(1, min(3, len(words)) + 1):
        head = fold(" ".join(words[:m]))
        joined = fold(before + " " + " ".join(words[:m]))
        if any(len(k) > len(head) + 1 and " " in k and (joined == k or joined.endswith(" " + k))
               and not (joined.endswith(" " + head) and k == head) for k in domain.known_names()):
            return True
    return False


def _stray_marks(text: str) -> str:
    """An OCR'd issuer line without the marks OCR put inside the name (P.NAME_STRAY_PERIOD,
    P.NAME_COMMA): 'SỞ NÔNG NGHIỆP. VÀ MÔI TRƯỜNG', 'ỦY, BAN NHÂN DÂN'."""
    text = P.NAME_STRAY_PERIOD.sub("", text)
    return P.NAME_COMMA.sub(lambda m: "" if lexicon.is_word(f"{m[1]} {m[2]}") else ",", text)


def _two_bodies(text: str) -> list[str]:
    """An issuer line holding an organ's name and then a department of its own (a converter or an
    OCR ran the two lines into one: 'BỘ TÀI CHÍNH TỔNG CỤC THUẾ', 'BỘ CÔNG THƯƠNG TRƯỜNG ĐẠI HỌC ĐIỆN
    LỰC'): the two, cut before the first department's head (domain.line_heads) that has a name of
    two words or more after it and the organ's name of two words or more before it, where the organ
    is a known one or the head is no part of a word of the list ('MÔI TRƯỜNG', 'NỘI VỤ', 'PHÒNG
    CHỐNG', 'BỆNH VIỆN' hold no department's head); else the line."""
    words = text.split()
    parents, children = domain.line_heads()
    if not (fold(text) + " ").startswith(parents):
        return [text]
    for cut in range(2, len(words) - 1):  # the first head from the left: 'TRƯỜNG ĐẠI HỌC ...' is one name
        rest = fold(" ".join(words[cut:])) + " "
        head = next((h for h in children if rest.startswith(h)), None)
        if head is None:
            continue
        known = fold(" ".join(words[:cut])) in domain.known_names()
        inside = lexicon.is_word(f"{words[cut - 1]} {words[cut]}") or (
            len(head.split()) == 1 and lexicon.is_word(f"{words[cut]} {words[cut + 1]}"))
        if known or not inside:
            return [" ".join(words[:cut]), " ".join(words[cut:])]
    return [text]


def _issuer_bodies(lines: list[Line]) -> list[str]:
    """Group issuer lines into bodies: a line that starts with a head word starts a new body."""
    bodies: list[str] = []
    texts = []
    for ln in lines:
        t = " ".join(ln.text.split()).strip(" -_")
        texts += _two_bodies(_stray_marks(t) if ln.conf is not None else t)
    for t in texts:
        if len(t) < 2 or not is_upper(t):
            continue  # no issuer's line is one letter: a speck of the other column ('BỘ TÀI CHÍNH' / 'T')
        starts_new = _starts_with_head(t, whole=True)
        if NUMBER_IN_NAME.match(t):
            starts_new = False  # 'SỐ 1050/QĐ-SCT' folds like 'SỞ ...', but goes on a body's name
        if bodies and name_goes_on(bodies[-1], t):
            starts_new = False  # a narrow column wrapped the name: 'BỘ NÔNG NGHIỆP VÀ MÔI' / 'TRƯỜNG'
        if bodies and not starts_new:
            bodies[-1] += " " + t
        else:
            bodies.append(t)
    return bodies


def _unreadable(value: str, line: Line) -> bool:
    """True when `value` (the number's digits) stands on the OCR'd line as a word of its own
    read with low confidence: a number written by hand into the blank before "/CT-UBND".
    A number typed together with its code ("157/QĐ-NĐ-UB") is printed, and kept."""
    return any(re.sub(r"\W", "", w) == value for w in line.low_conf_words)


@dataclass
class _Reading:
    """What read_header's steps fill in: the values, warnings, notes and the fields decided by
    the second reading."""

    values: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    reread: list = field(default_factory=list)


def read_header(parts: Parts, second: Rereading | None = None) -> HeaderResult:
    second = second or Rereading()
    r = _Reading()
    number = _number(parts, second, r)
    _type(parts, r, number)
    _issuer(parts, r, number)
    _place_date(parts, second, r)
    _subject(parts, r)
    _marks(parts, r)
    # Recipients (Kính gửi)
    r.values["recipients"] = [x for ln in parts.recipients for x in map(clean_item, run_items(_addressee(ln, r.notes))) if x]
    r.values["reread"] = tuple(r.reread)
    return HeaderResult(MappingProxyType(r.values), tuple(r.warnings), tuple(r.notes))


# The number's own part of a số ký hiệu as read, up to the first '/' or '-' (what a second reading
# of the number replaces): '2449 ' of '2449 -CV/ĐU' (a Party notation keeps its '-CV'), '(2 ' of '(2 /BB-SNV'
NUMBER_PART = re.compile(r"^[^/-]*")


def _number(parts: Parts, second: Rereading, r: _Reading):
    """Số ký hiệu: the number as printed, its value, and what to do with a handwritten blank."""
    v, warnings, notes, reread_fields = r.values, r.warnings, r.notes, r.reread
    number = None
    if parts.number is not None and (run := P.OVERLONG_DIGITS.search(P.number_value(parts.number.text))):
        raw = parts.number.text.strip()
        v["number_raw"], v["number"] = raw, None
        warnings.append(("number_unreadable", f"the number in {shown(raw)!r} is a run of {len(run.group(0)):,} digits, "
                         "more than a letter's number has: left null", "header"))
        return parse_notation(P.number_value(raw))  # its codes still name the type and the issuer
    if parts.number is not None:
        raw = parts.number.text.strip()
        v["number_raw"] = raw
        value = P.number_value(raw)
        number = parse_notation(value)
        vote = second.number
        page_blank = value.split("/")[0].strip()
        # a second reading was made because the page OCR's blank was no clean number ('Số: (2 /BB-SNV'):
        # that reading alone is then not trusted, only with the second reading's agreement
        doubted = vote is not None and vote.value != (number.n if number is not None else None)
        if number is not None and number.n is not None and not _unreadable(number.n, parts.number) and not doubted:
            v["number"] = number.canonical
        elif vote is not None and vote.value is not None and "/" in value and \
                (reread := parse_notation(vote.value + NUMBER_PART.sub("", value, count=1))) is not None \
                and reread.canonical:
            if number is not None and number.n is not None and number.n != vote.value and page_blank.isdigit():
                # three readings, and the page OCR's plain digits are not the two others': no telling
                warnings.append(("number_unreadable", f"the number in {raw!r} is read {number.n!r} by the page OCR "
                                 f"and {vote.value!r} by the second reading: left null", "header"))
                v["number"] = None
            else:
                v["number"] = reread.canonical
                number = reread
                reread_fields.append("number")
                notes.append(f"number {vote.value!r} in {raw!r} read by two line readers that agree "
                             f"(confidence {vote.confidence:.2f})")
        else:
            v["number"] = None
            why = _disagreement(vote)
            if number is not None and number.n is not None:
                warnings.append(("number_unreadable", f"the number in {raw!r} is handwritten or stamped and OCR could "
                                 f"not read it with confidence{why}", "header"))
            elif page_blank or (vote is not None and any(r.value for r in vote.readings)):
                # something stands in the blank, but not a number: OCR of a handwritten one ("Số: O{_ /TTr-UBND")
                warnings.append(("number_unreadable", f"the number in {raw!r} is handwritten or stamped and could "
                                 f"not be read{why}", "header"))
            else:
                warnings.append(("number_blank", f"the number is blank in the letter ({raw!r}): it is stamped or "
                                 "handwritten at issue", "header"))
    if parts.number is not None and number is None:
        number = parse_notation(P.number_value(parts.number.text))
    return number


def _type(parts: Parts, r: _Reading, number):
    """The tên loại from its title line, the V/v form or the number's type code."""
    v, warnings = r.values, r.warnings
    code = None
    if parts.type_line is not None:
        code = type_of_title(parts.type_line.text)
    elif parts.subject_is_vv:
        code = "CV"
    if number is not None and number.type_code:
        if code is None:
            code = number.type_code
        elif code != number.type_code and code != "CV":
            warnings.append(("type_mismatch", f"the title says {code} but the number says {number.type_code}",
                             "header"))
    v["type"] = code
    v["type_name"] = domain.type_name(code)


def _issuer(parts: Parts, r: _Reading, number):
    """Cơ quan ban hành and its cơ quan chủ quản, from the issuer lines, the authority line or the code."""
    v, notes = r.values, r.notes
    bodies = _issuer_bodies(parts.issuer)
    issuer_code = number.issuer_code if number is not None else None
    name = parent = None
    if bodies:
        name = case_name(bodies[-1])
        parent = case_name(bodies[-2]) if len(bodies) >= 2 else None
    elif parts.authority_line is not None:
        name = case_name(parts.authority_line.text)
        notes.append("issuer read from the deciding authority line")
    if name is None and issuer_code and issuer_code in domain.issuer_by_code():
        name = domain.issuer_by_code()[issuer_code]["name"]
        notes.append(f"issuer named from its code {issuer_code} in the number (no issuer line)")
    if issuer_code is None and name:
        known = {fold(i["name"]): i["code"] for i in domain.issuers()}
        issuer_code = known.get(fold(name))
    v["issuer"] = {"name": name, "code": issuer_code, "parent": parent, "raw": [ln.text for ln in parts.issuer]}


OVERLONG_DATE_LINES = 3  # the first body lines looked at for a date line DATE_LINE did not take


def _overlong_date(parts: Parts) -> tuple[str, int] | None:
    """(the line, the digits of its longest field) when the letter's place-and-date line has a
    day, month or year of more digits than a date has. Such a line is not taken as the date
    line (DATE_LINE's fields are short, and a long line is no header line), so it is looked
    for where it then lands: among the header's other lines and the body's first lines."""
    for ln in [parts.date_line, *parts.other_header, *parts.body[:OVERLONG_DATE_LINES]]:
        if ln is not None and (digits := P.overlong_date(ln.text.strip(), date_line=True)) is not None:
            return ln.text.strip(), digits
    return None


def _place_date(parts: Parts, second: Rereading, r: _Reading):
    """Địa danh and the date, with the second reading of a handwritten day or month."""
    v, warnings, notes, reread_fields = r.values, r.warnings, r.notes, r.reread
    if (overlong := _overlong_date(parts)) is not None:
        line, digits = overlong
        v["date"] = None
        warnings.append(("invalid_date", f"the letter's date line {shown(line)!r} holds a run of {digits:,} digits, "
                         "more than a date has: no date read", "header"))
        return
    if parts.date_line is not None:
        m = P.DATE_LINE.match(parts.date_line.text.strip())
        place = " ".join(m["place"].split())
        # a known place with a tone mark lost or changed ('Hà Nôi') is spelt as known
        v["place"] = domain.places().get(fold(place), place)
        if v["place"] != place:
            notes.append(f"place {place!r} read as {v['place']!r}")
        read = {"day": m["day"], "month": m["month"]}
        for name, vote in (("day", second.day), ("month", second.month)):
            if vote is None:
                continue
            printed = m[name]
            if vote.value is None or (printed is not None and int(printed) != int(vote.value)):
                # read again because the page OCR was unsure of it, and not confirmed: not trusted
                read[name] = None
                if vote.value is not None:
                    warnings.append(("date_unreadable", f"the {name} in {parts.date_line.text.strip()!r} is read "
                                     f"{printed!r} by the page OCR and {vote.value!r} by the second reading: left null",
                                     "header"))
                continue
            read[name] = vote.value
            reread_fields.append(name)
            notes.append(f"{name} {vote.value!r} of the date read by two line readers that agree "
                         f"(confidence {vote.confidence:.2f})")
        if read["day"] and read["month"] and m["year"]:
            iso = make_date(int(read["day"]), int(read["month"]), int(m["year"]))
            if iso is None:
                warnings.append(("invalid_date", f"the letter's date is impossible: {parts.date_line.text.strip()!r}",
                                 "header"))
            v["date"] = iso
        elif m["day_junk"] or m["month_junk"] or (second.day or second.month):
            v["date"] = None
            warnings.append(("date_unreadable", "the day or month of the letter's date is handwritten or stamped "
                             f"and could not be read: {parts.date_line.text.strip()!r}", "header"))
        else:
            v["date"] = None
            warnings.append(("date_blank", "the day or month of the letter's date is blank (stamped or handwritten "
                             f"at issue): {parts.date_line.text.strip()!r}", "header"))

    elif v.get("type") == "BB" and parts.body:
        # a biên bản dates itself in its first sentence ("Hôm nay, ngày 08/6/2026, ...")
        m = P.RECORD_DAY.match(parts.body[0].text.strip())
        if m:
            v["date"] = make_date(int(m["day"]), int(m["month"]), int(m["year"]))
            notes.append(f"date of the record read from its first sentence {m.group(0)!r}")


def _subject(parts: Parts, r: _Reading):
    """Trích yếu, without its 'V/v' / 'Về việc'."""
    v = r.values
    if parts.subject:
        subject = join(parts.subject)
        if parts.subject[0].conf is not None and not P.SUBJECT_VV.match(subject):
            # OCR: a stamp's leftover word before "Về việc" on the first line ("HỌC Về việc ...")
            m = re.match(r"^\S{1,12}\s+(?=Về\s*việc\b)", subject)
            subject = subject[m.end():] if m else subject
        subject = P.SUBJECT_VV.sub("", subject, count=1).strip()
        if parts.type_line is not None and not parts.subject_is_vv:
            subject = P.SUBJECT_ABOUT.sub("", subject, count=1)
            if parts.subject[0].conf is not None:
                subject = OCR_LOST_VE.sub("", subject, count=1)  # 'Về việc ...' with its 'Về' lost
        if any(misreadable(ln) for ln in parts.subject):
            read, subject = subject, NUMBER_WORD.sub(_number_word, YEAR_LAST_LOOKALIKE.sub(_year_digit, subject))
            if subject != read:
                r.notes.append(f"trích yếu {read!r} read as {subject!r} (a misread word or digit before or in a number)")
        v["subject"] = subject or None


# What OCR left of a trích yếu's 'Về việc' when it lost the 'Về' (or read it as a speck): 'việc
# công bố địa bàn ưu đãi ...'; a trích yếu never starts with a lower-case 'việc' of its own
OCR_LOST_VE = re.compile(r"^(?:\S{1,2}\s+)?việc\s+(?=\p{Ll})")


# A year after 'năm' read with a letter for its last digit ('năm 200B'): a misreading, where the
# letter is one OCR gives for a digit (data/ocr_look_alikes.json pairs: 8/B, 0/O, 1/l ...)
YEAR_LAST_LOOKALIKE = re.compile(r"(?<=\bnăm\s)(?P<digits>\d{3})(?P<letter>\p{L})(?![\p{L}\p{M}\d])")


# A word before a number that OCR read without its marks or with others: 'số' before a number
# ('sô 1605/QĐ-TTg'), 'ngày' before a date ('ngảy 27/8/2010'), 'năm' before a year ('nắm 2008');
# the name 'Nam' is left as read ('Việt Nam 2030')
NUMBER_WORD = re.compile(r"(?<![\p{L}\p{M}])(?P<word>\p{L}{2,4})\s(?=(?P<number>\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}\b|\d))")
NUMBER_WORDS = {"so": ("số", r"\d"), "ngay": ("ngày", r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"), "nam": ("năm", r"\d{4}\b")}


def _number_word(m) -> str:
    """The word as printed before its number (NUMBER_WORDS), in the case read; as read otherwise."""
    word = m["word"]
    spelt, after = NUMBER_WORDS.get(fold(word), (None, None))
    if spelt is None or word.lower() == spelt or word == "Nam" or not re.match(after, m["number"]):
        return m.group(0)
    return (spelt.capitalize() if word[:1].isupper() else spelt) + " "


def _year_digit(m) -> str:
    """The year with the digit its last letter stands for; as read when it stands for none."""
    return m["digits"] + look_alikes.digit_of().get(m["letter"], m["letter"])


def _marks(parts: Parts, r: _Reading):
    """Độ khẩn and độ mật."""
    v = r.values
    for ln in parts.marks:
        t = ln.text.strip()
        mark = P.canonical_mark(t) or t
        if mark != t:
            r.notes.append(f"mark {t!r} read as {mark!r}")
        if P.URGENCY.match(t):
            v["urgency"] = mark
        elif P.SECRECY.match(t):
            v["confidentiality"] = mark



def _disagreement(vote) -> str:
    """'; the second reading disagrees (tesseract-eng '07', rapidocr '01')' or ''."""
    if vote is None or not vote.readings:
        return ""
    seen = ", ".join(f"{r.engine} {r.value!r}" for r in vote.readings)
    return f"; the second reading does not agree ({seen})"


def _addressee(ln: Line, notes: list[str]) -> str:
    """A Kính gửi line's text, re-spelt against the vocabulary of addressees when it may be
    misread (lexicon.repair_addressee), with a note of what was re-spelt."""
    if not misreadable(ln):
        return ln.text
    text, count = repair_addressee(ln.text)
    if count:
        notes.append(f"Kính gửi item {ln.text.strip()!r} read as {text.strip()!r} (the vocabulary of addressees)")
    return text


def misreadable(ln: Line) -> bool:
    """Was the line read by OCR, or from a plain text (which may be an OCR's output)? A PDF's text
    layer gives the letter's own words."""
    return ln.conf is not None or ln.x0 is None


def run_items(text: str) -> list[str]:
    """A line of a list as its items: several when they ran together on it (P.RUN_ITEMS)."""
    return P.RUN_ITEMS.split(text)


def clean_item(text: str) -> str:
    """'- Các Bộ, cơ quan ngang Bộ;' -> 'Các Bộ, cơ quan ngang Bộ' (a list item of Kính gửi / Nơi nhận)."""
    t = " ".join(text.split())
    t = re.sub(r"^[-–+•]\s*", "", t)
    t = re.sub(r"[;,.]+\s*$", "", ITEM_STRAY_TAIL.sub("", t))
    return t.strip()


# After an item's closing ';', marks that are no letter, digit, bracket or quote: a speck or a
# stray glyph that OCR (or a text OCR produced) put after the item ('- Như trên;`')
ITEM_STRAY_TAIL = re.compile(r"(?<=;)[^\p{L}\p{N}()\[\]\"“”'’]+$")
