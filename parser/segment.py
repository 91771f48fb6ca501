"""Segment a letter's lines into its parts (thể thức): header, recipients, body, closing, annexes.

Input: normalised lines in reading order (layout.py has already read the two-column header
and closing as columns). Output: `Parts`, plain lists of lines per part. No field values are
extracted here (header.py, closing in extract_closing) — only where each part begins and ends.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex as re

from . import domain
from . import patterns as P
from .domain import fold, places, type_by_name
from .spans import narrowed
from .text import is_upper
from .types import Line


@dataclass(frozen=True, slots=True)
class AnnexPart:
    heading: tuple[Line, ...]  # label line(s), title lines, the "(Kèm theo ...)" line(s)
    label: str
    title_lines: tuple[Line, ...]
    attached_lines: tuple[Line, ...]
    body: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Parts:
    """The letter's lines by part, as segment() found them (built once, at its end)."""

    issuer: tuple[Line, ...] = ()
    number: Line | None = None
    date_line: Line | None = None
    type_line: Line | None = None
    subject: tuple[Line, ...] = ()
    subject_is_vv: bool = False
    authority_line: Line | None = None  # decisions: "THỦ TƯỚNG CHÍNH PHỦ" above the Căn cứ
    marks: tuple[Line, ...] = ()  # KHẨN, MẬT ...
    recipients: tuple[Line, ...] = ()
    body: tuple[Line, ...] = ()
    distribution: tuple[Line, ...] = ()
    signer: tuple[Line, ...] = ()
    annexes: tuple[AnnexPart, ...] = ()
    other_header: tuple[Line, ...] = ()
    prelude: tuple[Line, ...] = ()  # lines before the header (a page title, a URL): not the letter's




def type_of_title(text: str) -> str | None:
    """'THÔNG BÁO' -> 'TB'; a type name alone on a line, upper case (the tên loại), also after the
    remnant of the rule above it that OCR read into its line ('- GIẤY XÁC NHẬN')."""
    t = " ".join(RULE_REMNANT.sub("", text.strip().rstrip(":").strip()).split())  # OCR's 'THÔNG  BÁO
    if not is_upper(t) or len(t) > 80:
        return None
    # old style: "QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH", "CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ"
    head = re.split(r"\s+CỦA\s+", t, maxsplit=1)[0]
    if len(head) > 40:
        return None
    return type_by_name().get(fold(head))


# The mark printed under the issuer's name in the header: a party document's star ("*", as OCR
# reads it "*+", "★"), the
# rule under a state issuer's name as converted text gives it ("-----", "___"); skipped there
# (one under each column when a converted text runs the two columns into one line)
HEADER_RULE = re.compile(r"^(?:[*★☆✱✶][*+★☆✱✶]{0,2}|[-–—_=~]{3,})(?:\s+(?:[*★☆✱✶][*+★☆✱✶]{0,2}|[-–—_=~]{3,}))?$")
# What OCR leaves of the rule under the tiêu ngữ when it reads it into the title's line: '- ', '— '
RULE_REMNANT = re.compile(r"^[-–—_=~]+\s+")
# A received stamp's dotted blank ("Giờ......", "Kính chuyển...[10?....") or OCR's ellipsis for it
STAMP_BLANK = re.compile(r"\.{3,}|…")
MIN_STAMP_JUNK = 4  # characters before a line's words that are a stamp's, not a damaged word of the line
MAX_BOTTOM_DATE = 3  # lines above the closing where a place-and-date line may stand
MAX_PRELUDE = 12  # lines that may stand before the letter's header (a page title, a URL, a stamp's text)
MAX_TITLE_QUALIFIER = 3  # upper-case lines a Party title prints between its tên loại and its 'về ...'
# A trích yếu's first line that opens with a lower-case "về" ("về bảo vệ môi trường và ...")
TITLE_ABOUT = re.compile(r"^về\s+\p{L}")
SUBJECT_ALIGN_SLACK = 6.0  # pt: an OCR'd trích yếu's next line starts this close under its last one (set flush)
SUBJECT_CENTRE_SLACK = 20.0  # pt: ... or centres this close under its centre (a centred block)
SUBJECT_LINE_GAP = 0.8  # × the last line's height: a wider gap above is a blank line, the subject is over
MAX_STAMP_OWNER = 2  # lines a digital-signature stamp prints above its signing time (the signer's organ)


def _header_start(lines: list[Line]) -> int:
    """Where the letter's own header begins: its first line that is a header element (the
    quốc hiệu, an issuer line, the number, the place and date, an urgency mark). Lines before
    it (a Markdown title, a URL, a portal's page heading) are not the header. 0 when the first
    line is one, or when no header element is near the top."""
    for i, ln in enumerate(lines[:MAX_PRELUDE + 1]):
        t = ln.text.strip()
        if ln.cells is not None or ln.column is not None:
            return i if ln.column is not None else 0
        if (P.quoc_hieu(t) or P.TIEU_NGU.match(t) or P.NUMBER_LINE.match(t) or P.URGENCY.match(t)
                or type_of_title(t) or _type_then_subject(t)
                or (P.DATE_LINE.match(t) and len(t) < 80) or (is_upper(t) and _authority_like(t) and len(t) < 90)):
            return i
    return 0


def _type_then_subject(text: str) -> tuple[str, str] | None:
    """'QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ' -> ('QUYẾT ĐỊNH', 'CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ'):
    a type name, upper case, with the trích yếu run on after it on the same line (not the
    old style 'QUYẾT ĐỊNH CỦA ...', which type_of_title reads whole)."""
    if not is_upper(text) or len(text) > 120 or fold(text.strip()) in domain.category_headings():
        return None
    words = re.sub(r"(?<=\p{L})[:;,.](?=\p{L})", " ", text).split()  # OCR: 'QUYẾT:ĐỊNH'
    if type_of_title(" ".join(words)):
        return None
    for cut in (3, 2, 1):
        # OCR's stray mark after a word of the type name: 'QUYẾT: ĐỊNH CHẤP THUẬN ...'
        head, rest = " ".join(w.rstrip(":;,.") for w in words[:cut]), " ".join(words[cut:])
        if len(words) > cut + 1 and type_of_title(head) and not fold(rest).startswith(("cua ", "ve viec")) \
                and not _issuer_head_over(words, cut):
            return head, rest
    return None


def _issuer_head_over(words: list[str], cut: int) -> bool:
    """Do the line's first words spell an issuer's head longer than the type name they would cut
    ('THỦ TƯỚNG CHÍNH PHỦ': 'THỦ' folds like the type name 'THƯ', but 'THỦ TƯỚNG' heads an issuer)?"""
    key = fold(" ".join(words)) + " "
    return any(len(h.split()) > cut and key.startswith(fold(h) + " ") for h in domain.issuer_heads())


def _garbled(text: str) -> bool:
    """Most of an OCR'd line's tokens are no Vietnamese syllable, number or code."""
    tokens = [t for t in text.split() if re.sub(r"^\W+|\W+$", "", t)]
    if not tokens:
        return True
    return sum(1 for t in tokens if _is_word(t)) < 0.5 * len(tokens)


def _is_word(token: str) -> bool:
    """A Vietnamese syllable, a number or a code ('ĐTXD', '2025-2030'), punctuation aside."""
    from .encoding import is_vietnamese_syllable

    t = re.sub(r"^\W+|\W+$", "", token)
    return bool(t) and (is_vietnamese_syllable(t) or bool(re.fullmatch(r"[\d./-]+|\p{Lu}{2,}[\d\p{Lu}&-]*", t)))


def _after_stamp(ln: Line) -> Line | None:
    """An OCR'd line without what a stamp or a seal put before its words: 'avøtt..⁄‡.../2( Xử phạt
    vi phạm hành chính' -> 'Xử phạt vi phạm hành chính', 'Kính chuyển...[10?..... cư : THÔNG TƯ' ->
    'THÔNG TƯ'. The cut is after the last token that is no word or that holds a stamp's dotted
    blank ('...'), before two words at least; None when nothing is cut (or on a text layer)."""
    if ln.conf is None:
        return None
    tokens = ln.text.split()
    cut = max((k + 1 for k, tok in enumerate(tokens) if not _is_word(tok) or STAMP_BLANK.search(tok)), default=0)
    if cut == 0 or len(tokens) - cut < 2 or not all(_is_word(tok) for tok in tokens[cut:]):
        return None
    junk = "".join(tokens[:cut])
    stamp_like = STAMP_BLANK.search(junk) or (len(junk) >= MIN_STAMP_JUNK
                                             and 2 * sum(not _is_word(tok) for tok in tokens[:cut]) >= cut)
    if not stamp_like or fold(tokens[cut]) == "viec":
        # a mark or two, words OCR ran together ('Quy định vàhướng dẫn'), or a damaged 'Về'
        # before 'việc ...': the line's own words
        return None
    return narrowed(ln, " ".join(tokens[cut:]))


def _authority_like(text: str) -> bool:
    """An upper-case line that names who decides ('ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'CHỦ TỊCH ỦY BAN
    NHÂN DÂN ...', 'BỘ TRƯỞNG BỘ XÂY DỰNG'), not a line of an upper-case trích yếu."""
    key = fold(text)
    heads = list(domain.issuer_heads()) + list(domain.positions())
    return any(key == fold(h) or key.startswith(fold(h) + " ") for h in heads)


def _received_stamp(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(the incoming-mail stamp's lines, the rest) near the top: its title ('CÔNG VĂN ĐẾN'), the
    fields under it ('Số: 4521', 'Ngày: 06/3/2026', 'Chuyển: VP') and the receiving office's
    name above it when the letter's own issuer follows; ([], lines) when there is none."""
    k = next((k for k, ln in enumerate(lines[:MAX_PRELUDE]) if ln.cells is None and P.RECEIVED_TITLE.match(ln.text.strip())), None)
    if k is None:
        return [], lines
    end = k + 1
    while end < len(lines) and end - k <= 6 and P.RECEIVED_FIELD.match(lines[end].text.strip()):
        end += 1
    if end == k + 1:
        return [], lines  # a title with no field under it: not a stamp
    start = k
    # the receiving office's name printed at the stamp's top, when an issuer's line follows the stamp
    if k > 0 and is_upper(lines[k - 1].text) and end < len(lines) and is_upper(lines[end].text) \
            and lines[k - 1].column == lines[end].column and not P.quoc_hieu(lines[end].text):
        start = k - 1
    return lines[start:end], lines[:start] + lines[end:]


def _split_quoc_hieu(lines: list[Line]) -> list[Line]:
    """Header lines whose two columns were read as one line -> one line per column:
    'BỘ THÔNG TIN VÀ TRUYỀN THÔNG CỘNG HÒA XÃ HỘI ...', 'TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc',
    'Số: /2025/NQ-HĐND Quảng Ngãi ngày tháng năm 2025' (the comma OCR lost is put back)."""
    out = []
    for k, ln in enumerate(lines[:15]):
        if ln.cells is not None:
            out.append(ln)
            continue
        m = P.quoc_hieu(ln.text) or P.TIEU_NGU_ANY.search(ln.text) or _garbled_quoc_hieu(ln, lines[k + 1:k + 2])
        d = _number_then_date(ln.text)
        if m and m.start() > 0:
            out.append(narrowed(ln, ln.text[: m.start()].strip(), column=ln.column or "left"))
            out.append(narrowed(ln, ln.text[m.start():].strip(), column=ln.column or "right"))
        elif d is not None:
            out += _cut_at_date(ln, d, ln.column)
        elif (v := _subject_then_date(ln.text, lines[:15])) is not None:
            # the trích yếu and the place and date read as one line: the date first, so that the
            # trích yếu's next lines follow its first; each keeps the line's column
            out += [narrowed(ln, ln.text[v:].strip()), narrowed(ln, ln.text[:v].strip())]
        else:
            out += _run_on(ln)
    return out + lines[15:]


# What a flattened text runs onto a header line: the Kính gửi after the place and date ('Hà Nội,
# ngày 27 tháng 01 năm 2021 Kính gửi:'); the V/v after the number is P.VV_AFTER_NUMBER
KINH_GUI_AFTER_DATE = re.compile(r"(?<=\d{4})\s+(?=" + P.loose("Kính gửi") + r"\s*:)")


def _run_on(ln: Line) -> list[Line]:
    """A number line with its V/v run on, or a date line with its Kính gửi: the two lines; else
    the line."""
    t = ln.text
    cut = P.VV_AFTER_NUMBER if P.NUMBER_LINE.match(t) else KINH_GUI_AFTER_DATE if P.DATE_LINE.match(t) else None
    m = cut.search(t) if cut is not None else None
    if m is None:
        return [ln]
    return [narrowed(ln, t[:m.start()].strip()), narrowed(ln, t[m.end():].strip())]


# The place and date OCR ran onto the end of the V/v line beside it ('V/v lấn chiếm, sử dụng trái
# phép đất Đồng Khê, ngày 04 tháng 8 năm 2026'): the place's capitalised syllables (up to four),
# a comma, the day, month and year, to the end of the line
DATE_AFTER_SUBJECT = re.compile(
    r"(?<=\s)(?P<place>\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*){0,3})\s*,\s*ng[àa]y\s*\S{0,6}"
    r"\s*th[áa]ng\s*\S{0,6}\s*n[ăa]m\s*\d{4}\s*$")


def _subject_then_date(text: str, head: list[Line]) -> int | None:
    """Where the place and date start on a 'V/v ...' line that holds both, when no line of the
    header is a place-and-date line of its own; else None (the V/v test first: it is cheap)."""
    if not P.SUBJECT_VV.match(text) or any(P.DATE_LINE.match(ln.text.strip()) for ln in head):
        return None
    m = DATE_AFTER_SUBJECT.search(text)
    return m.start() if m else None


def _garbled_quoc_hieu(ln: Line, below: list[Line]):
    """The quốc hiệu's first words after the issuer on one OCR'd line, the rest garbled ('BỘ CÔNG
    THƯƠNG CỘNG HOÀ XÃ HỘI É'), when the line under it is the tiêu ngữ: its match, else None."""
    m = P.QUOC_HIEU_START.search(ln.text)
    under = RULE_REMNANT.sub("", below[0].text.strip()) if below else ""  # '——— Độc lập - Tự do - Hạnh phúc'
    if m is None or not P.TIEU_NGU.match(under) or not is_upper(ln.text, share=0.8):
        return None
    return m


def _cut_at_date(ln: Line, at: int, column: str | None) -> list[Line]:
    """A line holding the number and, from `at`, the place and date: the two, the comma OCR lost
    before 'ngày' put back; in `column` when given, else in the left and the right column."""
    rest = P.DATE_COMMA_LOST.sub(r", \1", ln.text[at:].strip(), count=1)
    return [narrowed(ln, ln.text[:at].strip(), column=column or "left"), narrowed(ln, rest, column=column or "right")]


def _number_then_date(text: str) -> int | None:
    """Where the place and date start on a 'Số: ...' line that holds both, or None."""
    m = P.NUMBER_LINE.match(text) and _place_then_day().search(text)
    return m.start(1) if m else None


@cache
def _place_then_day() -> re.Pattern:
    """A known place name followed by 'ngày' (the comma may be lost, a handwritten day OCR ran
    into it: '... Quảng Ngãi ngày', 'Hà Nội, ngàyoÿ tháng')."""
    names = sorted(places().values(), key=len, reverse=True)
    return re.compile(r"\s(" + "|".join(re.escape(n) for n in names) + r")\s*,?\s*ng[àa]y")


@dataclass(frozen=True)
class _Authentication:
    """A văn bản hợp nhất's authentication block (xác thực): lines[start:end] hold the issuer,
    the title, the number and the place and date; the authority and the signer follow."""

    start: int
    end: int
    title: Line  # "VĂN BẢN HỢP NHẤT", cut from the title line: the document's type
    issuer: tuple[Line, ...]
    number: Line | None
    date_line: Line | None


MAX_AUTHENTICATION_LINES = 3  # lines under the title that may hold the number and the place and date


def _authentication(lines: list[Line], body_from: int, end: int) -> _Authentication | None:
    """The last 'XÁC THỰC VĂN BẢN HỢP NHẤT' block after the body, or None. A consolidated text
    prints its number and date only there, after its last article, laid out like a header: the
    issuer on the left (on the title's row, or the row above it), 'Số: …/VBHN-…' under it, the
    place and date on the right (OCR may run the two columns of a row into one line)."""
    found = next(((k, m) for k in range(end - 1, body_from, -1)
                  if (m := P.VBHN_AUTHENTICATION.search(lines[k].text)) and is_upper(m.group(0), share=0.8)), None)
    if found is None or any(P.NOI_NHAN.match(x.text.strip()) for x in lines[body_from:found[0]]):
        return None  # none, or a text attached after the letter's own closing (its Nơi nhận above)
    at, m = found
    ln = lines[at]
    title = narrowed(ln, m.group("type"))
    start, issuer = at, []
    before = ln.text[:m.start()].strip()
    if before:
        issuer.append(narrowed(ln, before, column="left"))
    elif at > body_from and _issuer_row(lines[at - 1]):
        start, issuer = at - 1, [lines[at - 1]]
    number = date_line = None
    stop = at + 1
    for k in range(at + 1, min(at + 1 + MAX_AUTHENTICATION_LINES, end)):
        took = False
        for piece in _split_number_and_date(lines[k]):
            t = piece.text.strip()
            if number is None and (P.NUMBER_LINE.match(t) or P.NUMBER_LINE_DAMAGED.match(t)):
                number, took = piece, True
            elif date_line is None and P.DATE_LINE.match(t) and len(t) < 80:
                date_line, took = piece, True
        if not took:
            break
        stop = k + 1
    return _Authentication(start, stop, title, tuple(issuer), number, date_line)


def _split_number_and_date(ln: Line) -> list[Line]:
    """A row of the authentication block as its two columns: 'Số: 46/VBHN-BQP Hà Nội ngày 04
    tháng 5 năm 2026' -> the number, and the place and date (the comma OCR lost put back)."""
    m = _place_then_day().search(ln.text)
    return [ln] if m is None else _cut_at_date(ln, m.start(1), None)


def _issuer_row(ln: Line) -> bool:
    """An issuer's line: upper case, short, not an authority ('KT. BỘ TRƯỞNG') nor the right column."""
    t = ln.text.strip()
    return is_upper(t) and len(t) < 60 and ln.column != "right" and not P.AUTHORITY.match(t)


def _annex_starts(lines: list[Line], closing_at: int) -> list[int]:
    """Indices of lines that open an annex (whole-line 'Phụ lục ...' headings)."""
    starts = []
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if ln.column == "right" and i > closing_at >= 0 and not starts and P.quoc_hieu(text):
            # an attached document whose header is a two-column table (DOCX): it starts with the
            # issuer lines of its left column, read just before the quốc hiệu
            k = i
            while k - 1 > closing_at and lines[k - 1].column == "left" and is_upper(lines[k - 1].text):
                k -= 1
            if k < i:
                starts.append(k)
            continue
        if ln.cells is not None or ln.column is not None:
            continue
        m = P.ANNEX_HEADING.match(text)
        if m and (m["title"] is None or is_upper(m["title"])):
            starts.append(i)
        elif i > closing_at and not starts and P.FORM_HEADING.match(text) and closing_at >= 0:
            starts.append(i)
        elif i > closing_at >= 0 and not starts and _attached_title(lines, i):
            starts.append(i)  # 'KẾ HOẠCH' / its title / '(Kèm theo Quyết định số ...)': the text the decision issues
        elif i > closing_at >= 0 and not starts and P.quoc_hieu(text):
            # a document of its own sent with the letter (a draft Nghị quyết after a Tờ trình):
            # its header starts with the issuer's line, when that stands above the quốc hiệu
            above = lines[i - 1].text.strip() if i > closing_at + 1 else ""
            starts.append(i - 1 if above and is_upper(above) and len(above) < 60 else i)
    return starts


ATTACHED_WITHIN = 4  # lines under an attached text's tên loại where its "(Kèm theo ...)" line stands


def _attached_title(lines: list[Line], i: int) -> bool:
    """Does a text sent with the letter start at line i: a tên loại alone on its line ('KẾ
    HOẠCH', 'QUY CHẾ'), its "(Kèm theo / Ban hành kèm theo Quyết định số ...)" a few lines under it?"""
    text = lines[i].text.strip()
    if not (is_upper(text) and type_of_title(text)):
        return False
    return any(P.ATTACHED.match(ln.text.strip()) for ln in lines[i + 1:i + 1 + ATTACHED_WITHIN] if ln.cells is None)


def _closing_start(lines: list[Line], body_from: int) -> int:
    """First line of the closing (Nơi nhận / signer) after the body; len(lines) if none."""
    for i in range(body_from, len(lines)):
        ln = lines[i]
        if ln.cells is not None:
            continue
        t = ln.text.strip()
        if P.NOI_NHAN.match(t) or (ln.column is not None and i > body_from):
            return i
        if (P.AUTHORITY.match(t) or P.REPRESENTATIVE.match(t)) and is_upper(t) and len(t) < 90:
            return i
    return len(lines)


# The rest of an addressee wrapped onto the next line, closed by the list's ";" (a list of
# places: "- Chủ tịch UBND các tỉnh, thành phố: Quảng" / "Ninh, Hải Phòng, Thái Bình;"), or by
# the "," of a list whose items end so (a Party committee's: "- Các cơ quan chuyên trách tham mưu,
# giúp việc" / "Đảng ủy Ủy ban nhân dân tỉnh,"); a body paragraph's first line is longer and does not end so
ADDRESSEE_TAIL = re.compile(r"^[^-–+\s][^;]{0,60};$")
ADDRESSEE_TAIL_COMMA = re.compile(r"^[^-–+\s].{0,60},$")
# An addressee that opens a list of names after a colon and wraps in it ('Sở Nông nghiệp và Môi
# trường các tỉnh, thành phố: Phú Thọ,' / 'Cao Bằng, Lào Cai, Đà Nẵng.'): the next line goes on with the names
ADDRESSEE_NAMES_OPEN = re.compile(r":\s*[^\s:;][^:;]*,$")
YEAR_ALONE = re.compile(r"^(?:19|20)\d\d$")  # a date line's year a narrow column wrapped onto a line of its own
MAX_BARE_SIGNER = 4  # last lines of the letter where a signer's position may stand without Nơi nhận or authority


def _bare_signer(lines: list[Line], body_from: int, end: int) -> int:
    """Where the signer's block starts in a letter with no Nơi nhận and no authority line (a
    certificate, a giấy xác nhận signed by the head in his own post): a known position alone on
    an upper-case line among its last lines ('GIÁM ĐỐC' / 'Nguyễn Thị Q'); `end` if none."""
    known = {fold(p) for p in domain.positions()}
    for i in range(end - 1, max(body_from, end - MAX_BARE_SIGNER) - 1, -1):
        t = lines[i].text.strip()
        if lines[i].cells is None and is_upper(t) and fold(t) in known and i + 1 < end:
            return i
    return end


@dataclass
class _Scan:
    """The header reader's place among the lines, whether a header element was seen yet, and
    the header's lines taken so far (private to _header and segment: the steps below move `i`
    on and take lines; segment builds the frozen Parts from it)."""

    lines: list[Line]
    i: int = 0
    seen_any: bool = False
    issuer: list[Line] = field(default_factory=list)
    number: Line | None = None
    date_line: Line | None = None
    type_line: Line | None = None
    subject: list[Line] = field(default_factory=list)
    subject_is_vv: bool = False
    authority_line: Line | None = None
    marks: list[Line] = field(default_factory=list)
    other_header: list[Line] = field(default_factory=list)
    heading_seen: bool = False  # the quốc hiệu (or a party's heading) or the tiêu ngữ

    @property
    def line(self) -> Line:
        return self.lines[self.i]

    @property
    def text(self) -> str:
        return self.lines[self.i].text.strip()

    def found(self) -> bool:
        """A number, a date, a type or a subject, or the quốc hiệu beside the issuer's column
        (a certificate dated at its foot, a letter whose number line is lost): a header was read."""
        return bool(self.number or self.date_line or self.type_line or self.subject
                    or (self.heading_seen and self.issuer and self.issuer[0].column == "left"))

    def fields(self) -> dict:
        """The header's fields of Parts."""
        return dict(issuer=tuple(self.issuer), number=self.number, date_line=self.date_line,
                    type_line=self.type_line, subject=tuple(self.subject), subject_is_vv=self.subject_is_vv,
                    authority_line=self.authority_line, marks=tuple(self.marks),
                    other_header=tuple(self.other_header))


def _header(lines: list[Line]) -> _Scan:
    """Read the header's lines; the scan's `i` is where the recipients/body start. Each line is
    offered to the steps in _HEADER_STEPS in turn; the header ends at a table row or at the
    first line no step takes."""
    scan = _Scan(lines)
    while scan.i < len(lines):
        if scan.line.cells is not None:
            break
        if not scan.text or (scan.i and HEADER_RULE.match(scan.text)):
            scan.i += 1
            continue
        if not any(step(scan) for step in _HEADER_STEPS):
            break
    if not scan.found():
        # no header recognised: do not mistake body lines for issuer lines
        scan.issuer = []
        scan.i = 0
    return scan


def _quoc_hieu_line(scan: _Scan) -> bool:
    """The quốc hiệu (on one line, or wrapped onto two) or the tiêu ngữ: seen, not kept."""
    nxt = scan.i + 1
    if nxt < len(scan.lines) and scan.lines[nxt].column == scan.line.column \
            and P.quoc_hieu_wrapped(scan.text, scan.lines[nxt].text.strip()):
        scan.seen_any = scan.heading_seen = True
        scan.i += 2
        return True
    if not (P.quoc_hieu(scan.text) or P.TIEU_NGU.match(scan.text)):
        return False
    scan.seen_any = scan.heading_seen = True
    scan.i += 1
    return True


def _number_line(scan: _Scan) -> bool:
    """'Số: 232/BTTTT-KHTC' (or a bare number in the left column), rejoined when it wraps at a dash."""
    ln, t = scan.line, scan.text
    if scan.number is not None or not (P.NUMBER_LINE.match(t) or (ln.column == "left" and P.BARE_NUMBER.match(t))):
        return False
    scan.number = ln
    scan.seen_any = True
    scan.i += 1
    lines, i = scan.lines, scan.i
    nxt = lines[i].text.strip() if i < len(lines) else ""
    if t.endswith("-") and P.NUMBER_CONTINUED.match(nxt) and lines[i].column == ln.column:
        scan.number = narrowed(ln, t + nxt)  # wrapped at a dash: the codes go on
        scan.i += 1
    elif not P.number_value(t).strip() and P.BARE_NUMBER.match(nxt) and lines[i].column == ln.column:
        scan.number = narrowed(ln, f"{t} {nxt}")  # 'Số:' alone, the số ký hiệu on the line under it
        scan.i += 1
    return True


def _date_line(scan: _Scan) -> bool:
    """The place and date ('Hà Nội, ngày 19 tháng 7 năm 2018'), the first one only; a known
    place's whose comma OCR lost ('Lào Cai ngày 26 tháng 8 năm 2025') with the comma put back."""
    t = scan.text
    if scan.date_line is None and not P.DATE_LINE.match(t) and (mended := _known_place_date(t)) is not None:
        t = mended
        scan.lines[scan.i] = narrowed(scan.line, t)
    if scan.date_line is not None or not (m := P.DATE_LINE.match(t)) or len(t) >= 80:
        return False
    scan.date_line = scan.line
    scan.seen_any = True
    scan.i += 1
    nxt = scan.lines[scan.i] if scan.i < len(scan.lines) else None
    if m["year"] is None and t.rstrip().endswith(("năm", "nam")) and nxt is not None and nxt.column == scan.line.column \
            and YEAR_ALONE.match(nxt.text.strip()):
        scan.date_line = narrowed(scan.line, f"{t} {nxt.text.strip()}")  # a narrow column wrapped the year
        scan.i += 1
    return True


def _known_place_date(text: str) -> str | None:
    """A known place's date line as OCR damaged it, mended: its letters' case misread, its comma
    before 'ngày' lost ('lào Cai ngày 07 tháng 11 năm 2025', 'lÀo Cai ngày 14 tháng 8 năm 2026' ->
    'Lào Cai, ngày ...'); None when
    the line does not start with a known place and 'ngày'."""
    m = _place_then_day_any_case().match(" " + text)
    if m is None:
        return None
    name = _places_by_lower().get(m.group(1).lower(), m.group(1))
    t = name + text[m.end(1) - 1:]  # the place as the list spells it: 'lÀo Cai' -> 'Lào Cai'
    return t if P.DATE_LINE.match(t) else P.DATE_COMMA_LOST.sub(r", \1", t, count=1)


@cache
def _places_by_lower() -> dict[str, str]:
    """Lower-case place -> the place as the list spells it ('lào cai' -> 'Lào Cai')."""
    return {n.lower(): n for n in places().values()}


@cache
def _place_then_day_any_case() -> re.Pattern:
    """_place_then_day in any case: OCR reads a capital small and a small one capital ('lÀo Cai')."""
    return re.compile("(?i)" + _place_then_day().pattern)


def _mark_line(scan: _Scan) -> bool:
    """An urgency or secrecy mark (KHẨN, MẬT) near the top."""
    if not (P.URGENCY.match(scan.text) or P.SECRECY.match(scan.text)) or scan.i >= 25:
        return False
    scan.marks.append(scan.line)
    scan.i += 1
    return True


def _subject_vv(scan: _Scan) -> bool:
    """A công văn's trích yếu ('V/v ...') and its continuation lines, up to another header element."""
    if not P.SUBJECT_VV.match(scan.text) or scan.subject or scan.type_line is not None:
        return False
    first = scan.line
    scan.subject_is_vv = True
    scan.subject.append(first)
    scan.i += 1
    while scan.i < len(scan.lines):
        nt = scan.text
        if not nt:
            scan.i += 1
            continue
        if not _continues_vv(scan.line, nt, first):
            break
        scan.subject.append(scan.line)
        scan.i += 1
    scan.seen_any = True
    return True


def _continues_vv(ln: Line, text: str, first: Line) -> bool:
    """A line that goes on with the 'V/v' subject `first` began: not another header element, not
    the other column, not an indented body line, not a section's first line."""
    return not (ln.cells is not None or P.DATE_LINE.match(text) or P.KINH_GUI.match(text)
                or _stamp_before_kinh_gui(ln) is not None
                or P.quoc_hieu(text) or P.NUMBER_LINE.match(text) or type_of_title(text)
                or P.URGENCY.match(text) or P.SECRECY.match(text)  # 'HỎA TỐC' printed under the V/v
                or (ln.column is not None and ln.column != first.column)
                or (ln.column is None and first.column is not None and ln.indent)
                or len(text) > 120 or P.marker(text))


def _type_and_subject(scan: _Scan) -> bool:
    """The tên loại ('QUYẾT ĐỊNH', alone or with the trích yếu run on after it) and the subject
    lines under it."""
    ln, t = scan.line, scan.text
    # a laid-out text's band may run on into the tên loại centred under the tiêu ngữ ('KẾ HOẠCH
    # QUỐC GIA' read as the right column's): a type name there is the title, not a column's line
    in_band = ln.column is not None and not (ln.column == "right" and scan.heading_seen and type_of_title(t))
    if scan.type_line is not None or in_band or not (scan.seen_any or scan.i < 8):
        return False
    if not type_of_title(t) and (cut := _after_stamp(ln)) is not None and type_of_title(cut.text):
        # a received stamp's text or its number run into the tên loại ('sz44]0y - QUYÉT ĐỊNH')
        scan.other_header.append(narrowed(ln, t[:len(t) - len(cut.text)].strip()))
        scan.lines[scan.i] = ln = cut
        t = cut.text
    if not type_of_title(t):
        split = _type_then_subject(t)
        if split is None:
            return False
        # "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ": the type and the trích yếu's first line
        scan.lines[scan.i:scan.i + 1] = [narrowed(ln, split[0]), narrowed(ln, split[1])]
    type_ln = scan.type_line = scan.line
    scan.seen_any = True
    scan.i += 1
    if (qualifier := _title_qualifier(scan.lines, scan.i)):
        scan.other_header += qualifier
        scan.i += len(qualifier)
    upper_subject = scan.i < len(scan.lines) and is_upper(scan.line.text)
    # subject lines: until a blank line (text) or a change of emphasis (pdf), an
    # authority line, Kính gửi or the first paragraph of the body
    while scan.i < len(scan.lines):
        verdict = _subject_line(scan.line, scan.text, scan.subject, type_ln, upper_subject)
        if verdict == "end":
            break
        if verdict == "take":
            first = not scan.subject  # a stamp's text runs into the subject's first line only
            scan.subject.append((_after_stamp(scan.line) or scan.line) if first else scan.line)
        scan.i += 1
    return True


def _title_qualifier(lines: list[Line], i: int) -> list[Line]:
    """The upper-case lines between a tên loại and a trích yếu that opens with a lower-case 'về':
    the meeting and the body a Party document's title names ('KẾT LUẬN' / 'HỘI NGHỊ LẦN THỨ BA' /
    'BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIV' / 'về bảo vệ môi trường ...'); they are part of the
    title, not the subject. [] when no such 'về' line follows."""
    k = i
    while k < len(lines) and k - i < MAX_TITLE_QUALIFIER and lines[k].cells is None \
            and is_upper(lines[k].text) and not P.marker(lines[k].text.strip()):
        k += 1
    after = lines[k].text.strip() if k < len(lines) and lines[k].cells is None else ""
    return lines[i:k] if k > i and TITLE_ABOUT.match(after) else []


def _implements(ln: Line, text: str, subject: list[Line]) -> bool:
    """A trích yếu that starts 'Thực hiện ...' right under the tên loại (a plan's 'KẾ HOẠCH' /
    'Thực hiện Nghị quyết số 34-NQ/TU ...'): its first line, centred (or a text's, with no blank
    line before it; or a PDF's not indented as a paragraph's first line is, a layout that set it
    flush), with no comma of a body sentence ('Thực hiện Chỉ thị số 08/CT-TTg, Bộ Y tế đề nghị
    ...' is the body's first paragraph)."""
    return not subject and not ln.blank_before and (ln.x0 is None or ln.centered or not ln.indent) and "," not in text


def _flush_under(ln: Line, last: Line) -> bool:
    """An OCR'd line that goes on with the trích yếu above it though not centred on the page (a
    long wrapped line never is; a scan may sit askew): it follows the subject's last line with no
    blank line's gap, starts under its start or centres under its centre, and that line did not
    end a sentence."""
    if None in (ln.x0, ln.x1, ln.top, last.x0, last.x1, last.top, last.bottom):
        return False
    height = last.bottom - last.top
    if ln.top - last.bottom > SUBJECT_LINE_GAP * height or last.text.rstrip().endswith((".", ":", ";")):
        return False
    return abs(ln.x0 - last.x0) <= SUBJECT_ALIGN_SLACK or \
        abs((ln.x0 + ln.x1) / 2 - (last.x0 + last.x1) / 2) <= SUBJECT_CENTRE_SLACK


def _subject_line(ln: Line, text: str, subject: list[Line], type_ln: Line, upper_subject: bool) -> str:
    """What a line under the tên loại is to the subject read so far: "take" (a subject line),
    "skip" (OCR of a seal or a stamp over it) or "end" (the subject is over)."""
    if not text or ln.cells is not None or HEADER_RULE.match(text):
        return "end"  # the rule printed under the title ('-----') closes it
    if subject and (ln.blank_before or (ln.x0 is not None and ln.bold != type_ln.bold)):
        return "end"
    if ln.conf is not None and _garbled(text):
        return "skip"  # OCR of a seal or a stamp over the subject ("r3 tếẤ khu u l\ .'.A Ẳ"): not words
    if subject and ln.conf is not None and not ln.centered and not _flush_under(ln, subject[-1]):
        if len(re.sub(r"\P{L}", "", text)) < 5:
            return "skip"  # a stamp's or seal's fragment beside the subject
        return "end"  # OCR has no bold to tell the subject from the body: the subject is centred
    plain = text.lstrip("*_ ")  # a portal copy's emphasis: '*Căn cứ Luật Tổ chức Chính phủ ...;*'
    if (P.KINH_GUI.match(plain) or P.marker(text) or text.startswith("(")
            or (plain[:1].isupper() and (fold(plain).startswith("can cu") or fold(plain).startswith("thuc hien")
                                         and not _implements(ln, plain, subject)))
            or (is_upper(text) and subject and len(text) < 60
                and (not upper_subject or _authority_like(text)))):
        return "end"
    return "take"


def _column_line(scan: _Scan) -> bool:
    """A line of the header's two columns (or an upper-case line before any header element): the
    issuer's lines on the left, a trích yếu or a stamp's text under the number, the right column's
    other lines."""
    ln, t = scan.line, scan.text
    if ln.column == "left" or (ln.column is None and is_upper(t) and not scan.seen_any and len(t) < 90):
        if ln.column == "left" and not is_upper(t) and scan.number is not None:
            scan.subject.append(ln)  # a left-column line under the number: trích yếu
        elif ln.column == "left" and scan.number is not None and scan.issuer:
            scan.other_header.append(ln)  # under the number: a received stamp's text, not the issuer
        else:
            scan.issuer.append(ln)
    elif ln.column == "right":
        scan.other_header.append(ln)
    else:
        return False
    scan.i += 1
    return True


def _authority_line(scan: _Scan) -> bool:
    """Decisions: the authority that decides ('THỦ TƯỚNG CHÍNH PHỦ'), on its own line before the Căn cứ."""
    t = scan.text
    if not (scan.type_line is not None and scan.authority_line is None and is_upper(t) and len(t) < 90
            and not P.marker(t)):
        return False
    scan.authority_line = scan.line
    scan.i += 1
    return True


# A line no step takes may stand this far down a header (in lines) and be passed over
GARBLED_HEADER_LINES = 12


def _garbled_line(scan: _Scan) -> bool:
    """A header line OCR garbled past reading ('sé/(ÖCr-TTHT Bắc Ninh, ngày/WÍ tháng 07 năm 2018':
    a number and a day written by hand), under the quốc hiệu and before the trích yếu: kept aside,
    so that the V/v or the Kính gửi under it is still the header's. Only when the next line is one."""
    if not scan.heading_seen or scan.subject or scan.type_line is not None or scan.i >= GARBLED_HEADER_LINES:
        return False
    nxt = next((ln.text.strip() for ln in scan.lines[scan.i + 1:] if ln.text.strip()), "")
    if not (P.SUBJECT_VV.match(nxt) or P.KINH_GUI.match(nxt) or type_of_title(nxt)):
        return False
    scan.other_header.append(scan.line)
    scan.i += 1
    return True


_HEADER_STEPS = (_quoc_hieu_line, _number_line, _date_line, _mark_line, _subject_vv, _type_and_subject,
                 _column_line, _authority_line, _garbled_line)  # in this order: the first that takes a line wins


def _comma_list(lines: list[Line], i: int, end: int) -> bool:
    """Whether the Kính gửi list from `i` ends its items with ',' (a Party committee's), not ';':
    a line of it, up to the first blank line, ends with ',' and none with ';'."""
    block = []
    for ln in lines[i:end]:
        if block and ln.blank_before:
            break
        block.append(ln.text.rstrip())
    return any(t.endswith(",") for t in block) and not any(t.endswith(";") for t in block)


# A received stamp's field that OCR read before a Kính gửi item beside it ('Sô:..CS9)2.... - Ủy
# ban nhân dân tỉnh Lào Cai;', 'ĐẾN: Ngàyô%.Ề. IoÉ€ - Sở ...'): up to 40 characters with a
# stamp's dotted blank or a field's colon, then the item's dash
STAMP_FIELD_BEFORE_ITEM = re.compile(r"^(?=[^-–+])(?=.{0,40}?(?:\.{2,}|…|:))[^\n]{1,40}?\s(?=[-–+]\s+\p{Lu})")
# How far into an OCR'd line a received stamp's words may run before 'Kính gửi:' ('VĂN PHÒNG
# UBNI-TỈNH LÀ0 (AIKính gửi: :')
MAX_STAMP_BEFORE_KINH_GUI = 40
KINH_GUI_INSIDE = re.compile(P.loose("Kính gửi") + r"\s*:")  # 'Kính gửi:' anywhere in the line


def _stamp_before_kinh_gui(ln: Line) -> int | None:
    """Where 'Kính gửi' starts on an OCR'd line (or a text's) that a stamp's words precede."""
    if ln.conf is None and ln.x0 is not None:
        return None
    m = KINH_GUI_INSIDE.search(ln.text.strip()[:MAX_STAMP_BEFORE_KINH_GUI + 12])
    return m.start() if m and 0 < m.start() <= MAX_STAMP_BEFORE_KINH_GUI else None


def _recipients(lines: list[Line], i: int, end: int) -> tuple[tuple[Line, ...], int]:
    """The Kính gửi lines from `i` (one per addressee, a wrapped one joined) and where the body starts."""
    if i >= end:
        return (), i
    t = lines[i].text.strip()
    m = P.KINH_GUI.match(t)
    if not m and (at := _stamp_before_kinh_gui(lines[i])) is not None:
        lines[i] = narrowed(lines[i], t[at:])  # a received stamp's words OCR read before 'Kính gửi:'
        t = lines[i].text.strip()
        m = P.KINH_GUI.match(t)
    if not m:
        return (), i
    recipients: list[Line] = []
    rest = t[m.end():].strip()
    commas = _comma_list(lines, i, end)
    i += 1
    if rest:
        recipients.append(narrowed(lines[i - 1], rest))
    while i < end:
        ln = lines[i]
        nt = ln.text.strip()
        if not nt:
            i += 1
            continue
        if (cut := STAMP_FIELD_BEFORE_ITEM.match(nt)) and (ln.conf is not None or ln.x0 is None):
            ln = lines[i] = narrowed(ln, nt[cut.end():])  # a received stamp's field before the item
            nt = ln.text.strip()
        if nt.startswith(("-", "–", "+")):
            recipients.append(ln)
            i += 1
            continue
        prev = recipients[-1].text.rstrip() if recipients else ""
        # a wrapped addressee continues in lower case, with its address in brackets ("Bà Huỳnh
        # Thị Gái" / "(Địa chỉ: Thôn Thụ Xà, ...)") or with its last words and its ";" ("... Hồ
        # Chí" / "Minh;"); the body starts otherwise
        tail = (ADDRESSEE_TAIL_COMMA.match(nt) and not prev.endswith(",")) if commas else ADDRESSEE_TAIL.match(nt)
        if prev and not prev.endswith((";", ".")) and (nt[:1].islower() or (nt[:1] == "(" and "(" not in prev)
                                                       or P.ADDRESSEE_END.match(nt) or tail
                                                       or ADDRESSEE_NAMES_OPEN.search(prev)):
            recipients[-1] = narrowed(recipients[-1], prev + " " + nt)
            i += 1
            continue
        break
    return tuple(recipients), i


# What an OCR's text (no positions) ran onto a Nơi nhận item from the signer's column beside it:
# an upper-case title after the item's ';' ('- Tỉnh ủy, HĐND tỉnh; NU TỊCH'), the signer's name
# after the filed copy's '.' ('- Lưu: VT, NC (Huấn). Nguyên Tuần Anh') or after an item's ';' when
# it starts with a family name ('- UBND, HĐND các tỉnh ...; Phan Thị Thăng')
TITLE_AFTER_ITEM = re.compile(r"(?<=;)\s+(?P<tail>\p{Lu}[\p{Lu}\p{M}.]*(?:\s+\p{Lu}[\p{Lu}\p{M}.,]*){0,7})\s*$")
NAME_AFTER_ITEM = re.compile(r"(?<=;)\s+(?P<tail>(?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,3}\p{Lu}[\p{Ll}\p{M}]*)\s*$")
NAME_AFTER_FILED = re.compile(r"(?<=[.)]\.|\.)\s+(?P<tail>(?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,4}\p{Lu}[\p{Ll}\p{M}]*)\s*$")
# The signer's column run on after an item or an OCR's speck and its ';' on the Nơi nhận line of
# a text: 'Nơi nhận:f2È/- ; TL. BỘ TRUONG' (the Ministry of Finance's OCR'd 393/TB-BTC)
AUTHORITY_AFTER_ITEM = re.compile(r"(?<=;)\s+(?=(?:KT|TM|TL|TUQ|PP|K/T|T/M|T/L)\s*[.:]?\s*\p{Lu})")
# a word of two letters or more: an item has one, an OCR's speck ('f2È/-') has none
WORD = re.compile(r"\p{L}{2,}")
# An OCR's reading of an item's dash: '~ Như điều 3 QĐ;'
OCR_DASH = re.compile(r"^~\s+(?=\p{Lu})")


def _signers_title(rest: str) -> bool:
    """What follows 'Nơi nhận:' on a text's line is the signer's column: an authority in upper case
    ('TM. ỦY BAN NHÂN DÂN'), or a title of a few upper-case words with no item's ';' after it
    ('CỤC TRƯỞNG' behind an OCR's comma)."""
    t = rest.lstrip(" ,.;:")
    if not t or not is_upper(t):
        return False
    return bool(P.AUTHORITY.match(t)) or (bool(WORD.match(t)) and len(t.split()) <= MAX_TITLE_WORDS  # no speck first
                                          and not t.endswith((";", ",")) and bool(P.POSITION_WORD.search(fold(t))))


# a signer's title standing alone is short: 'PHÓ TỔNG CỤC TRƯỞNG', 'CHÁNH VĂN PHÒNG'
MAX_TITLE_WORDS = 5


def _run_columns(ln: Line, t: str, beside: bool = False) -> tuple[str, str | None]:
    """A Nơi nhận line of a text (no positions, so the closing's two columns may run together)
    as its item and what the signer's column put after it (None when nothing). `beside`: the
    signer's block has begun beside the list, so an upper-case tail of two words goes on it
    (an OCR's 'CHÁ ANH VAN PHONG' under 'TL. BỘ TRUONG', no title word left to know it by)."""
    if ln.x0 is not None or ln.column is not None:
        return t, None
    m = TITLE_AFTER_ITEM.search(t) if t.startswith("-") else None
    if m is not None and not (P.AUTHORITY.match(m["tail"]) or P.POSITION_WORD.search(fold(m["tail"]))
                              or beside and len(WORD.findall(m["tail"])) >= 2):
        m = None  # an upper-case speck of the seal ('; Ì'), or an item's own code: no title of a signer
    if m is None and t.startswith("-") and (n := NAME_AFTER_ITEM.search(t)) and domain.family_name_first(n["tail"]):
        m = n  # '- UBND, HĐND các tỉnh, thành phố trực thuộc TW; Phan Thị Thăng'
    if m is None and P.FILED_ITEM.match(t):
        m = NAME_AFTER_FILED.search(t)
    return (t[:m.start()].strip(), m["tail"]) if m else (t, None)


def _signs_under_list(t: str, distribution: list[Line]) -> bool:
    """An authority line ('T/M TỈNH ỦY') under the list's filed copy ('- Lưu Văn phòng Tỉnh ủy.'),
    in the list's column: the signer's block starts there, not another item."""
    return bool(distribution) and bool(P.FILED_ITEM.match(distribution[-1].text.strip())) \
        and bool(P.AUTHORITY.match(t)) and is_upper(t)


def _signer_beside_list(ln: Line, t: str, distribution: list[Line], signer: list[Line]) -> bool:
    """In a text with no positions, whose closing's two columns ran together line by line, a
    line of the signer's block among the Nơi nhận items: an upper-case title line before the
    first item or under the block's title lines ('TRƯỞNG PHÒNG TUYÊN TRUYỀN' / '- Như trên;' /
    'VÀ HỖ TRỢ NGƯỜI NỘP THUẾ'), or the signer's name ('Võ Thị Hải Yến'), once the block has begun."""
    if ln.x0 is not None or ln.column is not None or not signer or t.startswith(("-", "–", "+")):
        return False
    if is_upper(t):
        return not distribution or is_upper(signer[-1].text)
    return bool(P.NAME.match(t)) and domain.family_name_first(t) and is_upper(signer[-1].text)


def _noi_nhan_line(ln: Line, rest: str, distribution: list[Line], signer: list[Line]) -> None:
    """What follows 'Nơi nhận:' on its line, put in the list or (a text's columns run together)
    the signer's block: 'TM. ỦY BAN NHÂN DÂN', ',CỤC TRƯỞNG', 'f2È/- ; TL. BỘ TRUONG'."""
    text = ln.x0 is None and ln.column is None
    cut = AUTHORITY_AFTER_ITEM.search(rest) if text else None
    if rest and text and _signers_title(rest):
        signer.append(narrowed(ln, rest.lstrip(" ,.;:")))
    elif cut is not None and is_upper(rest[cut.end():]):
        signer.append(narrowed(ln, rest[cut.end():]))
        if WORD.search(head := rest[:cut.start()]):  # an item before it; an OCR's speck is none
            distribution.append(narrowed(ln, head))
    elif rest:
        distribution.append(narrowed(ln, rest))


def _closing(lines: list[Line]) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """The closing's lines: (Nơi nhận, signer)."""
    distribution: list[Line] = []
    signer: list[Line] = []
    run_on_names: list[Line] = []
    mode = None
    for ln in lines:
        t = ln.text.strip()
        if not t or ln.cells is not None:
            continue
        m = P.NOI_NHAN.match(t)
        if m:
            mode = "dist"
            _noi_nhan_line(ln, t[m.end():].strip(), distribution, signer)
            continue
        if mode == "dist" and ln.x0 is None and OCR_DASH.match(t):
            t = OCR_DASH.sub("- ", t)
            ln = narrowed(ln, t)
        if mode == "dist" and (split := _run_columns(ln, t, bool(signer) and not run_on_names))[1] is not None:
            distribution.append(narrowed(ln, split[0]))
            # the signer's name beside an item stands under the block's titles: it goes after them
            (run_on_names if P.NAME.match(split[1]) else signer).append(narrowed(ln, split[1]))
            continue
        if ln.column == "right":
            signer.append(ln)
            continue
        if ln.column == "left" and mode != "left sign" and not _signs_under_list(t, distribution):
            distribution.append(ln)
            continue
        if ln.column == "left":
            mode = "left sign"  # the signer's block printed under the list, in its column
            signer.append(ln)
            continue
        if P.AUTHORITY.match(t) or P.SIGNED.match(t):
            mode = "sign"
            signer.append(ln)
            continue
        if mode == "dist":
            closed = distribution and P.FILED_ITEM.match(distribution[-1].text.strip())
            if _signer_beside_list(ln, t, distribution, signer):
                signer.append(ln)  # a text's columns run together: the signer's lines among the list's items
                continue
            if t.startswith(("-", "–", "+")) or (distribution and not is_upper(t) and not closed):
                distribution.append(ln)
                continue
            if is_upper(t) or closed:
                mode = "sign"
                signer.append(ln)
                continue
        if mode == "sign" or mode is None:
            signer.append(ln)
    return tuple(distribution), tuple(signer + run_on_names)


def _attached_document(lines: list[Line]) -> AnnexPart:
    """A whole document sent with the letter (no Phụ lục label): its own header is read, and it
    is labelled by its type as printed ("NGHỊ QUYẾT") and titled by its trích yếu."""
    lines = _split_quoc_hieu(lines)
    sub = _header(lines)
    code = type_of_title(sub.type_line.text) if sub.type_line is not None else None
    label = domain.type_name(code).upper() if code else "VĂN BẢN KÈM THEO"
    attached, i = _attached_lines(lines, sub.i)  # 'KẾ HOẠCH' / its title / '(Kèm theo Quyết định số ...)'
    return AnnexPart(heading=tuple(lines[:i]), label=label, title_lines=tuple(sub.subject), attached_lines=attached,
                     body=tuple(lines[i:]))


def _attached_lines(lines: list[Line], i: int) -> tuple[tuple[Line, ...], int]:
    """The "(Kèm theo Quyết định số ... ngày ...)" line at lines[i] and the lines its bracket
    wraps onto (at most four in all), and where the text after it starts; () and i when there is none."""
    if i >= len(lines) or lines[i].cells is not None or not P.ATTACHED.match(lines[i].text.strip()):
        return (), i
    attached = [lines[i]]
    i += 1
    while "(" in attached[0].text and ")" not in " ".join(a.text for a in attached) and i < len(lines) \
            and len(attached) < 4:
        attached.append(lines[i])
        i += 1
    return tuple(attached), i


def _annex(lines: list[Line]) -> AnnexPart:
    first = lines[0]
    m = P.ANNEX_HEADING.match(first.text.strip()) or P.FORM_HEADING.match(first.text.strip())
    if m is None:
        return _attached_document(lines)
    label = " ".join(m["label"].split())
    if "word" in m.groupdict() and m["word"]:  # the keyword as it is spelt, whatever OCR made of its marks
        word = "PHỤ LỤC" if m["word"].isupper() else "Phụ lục"
        label = word + label[len(" ".join(m["word"].split())):]
    title_lines: list[Line] = []
    if m["title"]:
        title_lines.append(narrowed(first, m["title"].strip()))
    attached: tuple[Line, ...] = ()
    i = 1
    while i < len(lines) and i <= 10:
        ln = lines[i]
        t = ln.text.strip()
        if ln.cells is not None:
            break
        if P.ATTACHED.match(t):
            attached, i = _attached_lines(lines, i)
            break
        if is_upper(t) or (t.startswith("<") and t.endswith(">")) or (ln.bold and not P.marker(t)):
            if P.marker(t) and title_lines:
                break
            title_lines.append(ln)
            i += 1
            continue
        break
    return AnnexPart(heading=tuple(lines[:i]), label=label, title_lines=tuple(title_lines),
                     attached_lines=attached, body=tuple(lines[i:]))


def _not_text(ln: Line) -> bool:
    """A signature-stamp row or a lone page number left in a text (OCR'd or converted): not the
    letter's words. Positioned lines were already cleaned by the layout."""
    t = ln.text.strip()
    return ln.cells is None and ln.x0 is None and bool(P.SIGNATURE_STAMP.search(t) or P.PAGE_NUMBER.match(t))


def _signing_stamp_owner(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(the owner lines of a digital-signature stamp read into a text, the rest): the signer's
    organ the stamp prints above its signing time at the top of page 1 ('BAN CHẤP HÀNH TRUNG
    ƯƠNG ĐẢNG' / '28-07-2026 09:58:36 +07:00'), upper-case lines no header element, at most
    MAX_STAMP_OWNER of them right above the time; ([], lines) when no such time stands there."""
    k = next((k for k, ln in enumerate(lines[:MAX_PRELUDE]) if ln.cells is None and ln.x0 is None
              and P.SIGNATURE_TIME.match(ln.text.strip())), None)
    if k is None:
        return [], lines
    start = k
    while start > max(0, k - MAX_STAMP_OWNER) and _stamp_owner_like(lines[start - 1]):
        start -= 1
    return lines[start:k], lines[:start] + lines[k:]


def _stamp_owner_like(ln: Line) -> bool:
    t = ln.text.strip()
    return (ln.cells is None and is_upper(t) and not P.quoc_hieu(t) and not P.NUMBER_LINE.match(t)
            and not type_of_title(t) and len(t) < 90)


def segment(lines: list[Line]) -> Parts:
    owner, lines = _signing_stamp_owner(lines)
    lines = [ln for ln in lines if (ln.text.strip() or ln.cells is not None) and not _not_text(ln)]
    stamp, lines = _received_stamp(lines)
    stamp = owner + stamp
    start = _header_start(lines)
    prelude, lines = stamp + lines[:start], _split_quoc_hieu(lines[start:])
    head = _header(lines)
    body_from = head.i
    auth = _authentication(lines, body_from, len(lines))
    closing_at = auth.start if auth else _closing_start(lines, body_from)
    starts = _annex_starts(lines, closing_at if closing_at < len(lines) else -1)
    headless = not (head.found() or head.issuer)
    if starts and (starts[0] == 0 or (headless and starts[0] <= MAX_PRELUDE)):
        # an annex-only document (the letter's own pages are missing); what stands before the
        # first annex (a page title) is a prelude
        prelude, lines, starts = prelude + lines[:starts[0]], lines[starts[0]:], [k - starts[0] for k in starts]
        body_from = 0
        head = _Scan(lines)  # no header
    main_end = starts[0] if starts else len(lines)
    closing_at = min(auth.start if auth else _closing_start(lines, body_from), main_end)
    if closing_at == main_end:
        closing_at = _bare_signer(lines, body_from, main_end)
    recipients, i = _recipients(lines, body_from, closing_at)
    body = lines[i:closing_at]
    date_line = head.date_line
    if date_line is None:
        # a licence or a record may print its place and date above the signature, not in the header
        for k in range(len(body) - 1, max(-1, len(body) - 1 - MAX_BOTTOM_DATE), -1):
            t = body[k].text.strip()
            if P.DATE_LINE.match(t) and len(t) < 80:
                date_line = body.pop(k)
                break
    fields = {**head.fields(), "date_line": date_line}
    if auth is not None and closing_at == auth.start:
        # a văn bản hợp nhất: its type, number and date are the authentication block's; the
        # first page's tên loại ('THÔNG TƯ') names the text consolidated, its title is the subject
        fields.update(type_line=auth.title, issuer=auth.issuer or fields["issuer"],
                      number=fields["number"] or auth.number, date_line=fields["date_line"] or auth.date_line)
        closing_at = auth.end
    distribution, signer = _closing(lines[closing_at:main_end])
    bounds = starts + [len(lines)]
    annexes = tuple(_annex(lines[a:b]) for a, b in zip(bounds, bounds[1:]))
    return Parts(**fields, prelude=tuple(prelude), recipients=recipients,
                 body=tuple(body), distribution=distribution, signer=signer, annexes=annexes)
