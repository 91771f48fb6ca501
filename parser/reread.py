"""A second reading of the handwritten blanks: the number in "Số: ... /UBND-VP" and the day and
month in "..., ngày ... tháng ... năm 2025", on scanned pages.

Tesseract's page OCR ('vie') reads a number or a day written by hand into a printed blank
badly ("Số: O{_ /TTr-UBND", "ngày 2# tháng"). When it has not read one with confidence, the
line is cropped from the page and read twice more, by two engines that fail differently:
PP-OCR's recogniser (parser.rapid) and Tesseract's 'eng' model on the crops alone (psm 6).
A value is taken only when both read the same digits, after mapping the letters a handwritten
digit is taken for (data/digit_confusions.json: 'A5' is 15, 'Q80' is 280). When they disagree
the value stays null with a warning: a wrong number is worse than none.

The signer's name, printed under the signature and often under the seal, is read again the
same way when the page OCR gave none: the block below the signer's title lines is cropped at
the same resolution and read by Tesseract ('vie', psm 6, the red channel: a red seal is as
bright as the paper); a line is taken as the name only when it is spelt like one (two to six
capitalised Vietnamese syllables) and read with confidence. Measured on the real scans: cp-nq19
(seal over "Phạm Thị Thanh Trà") and cuchc-qd26 ("Phùng Mạnh Ngọc") come out of the crop where
the page OCR read nothing but the seal's specks. The Nơi nhận lines read with low confidence
are read again from their own crops; that crop and the name's go to Tesseract in one run
(reread_closing, ocr.read_crops): one process for the closing instead of one a crop, which
took the second reading from +21% to +11% of a scanned first page's CPU time (scripts/bench.py
--ocr only --pages 1).

This stage runs after segment (it needs to know which line is the number line) and before
extract; it only reads pixels, through the OCR wrappers.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import regex as re

from . import domain, ocr, rapid
from . import patterns as P
from .encoding import is_vietnamese_syllable
from .normalize import normalize_lines
from .text import fold
from .segment import Parts
from .settings import RereadSettings
from .text import is_upper
from .types import Line

# The blank of a number line as a line reader gives it: "S6: 01 /TTr-UBND", "So: 1105/KH-DKT",
# "Sé6: 07 /CT-UBND" -> the characters between the "Số:" and the first slash
NUMBER_BLANK = re.compile(r"(?i)^\W{0,2}[S$5][^\s:]{0,3}\s*[:.;]?\s*(?P<n>[^/]{0,12}?)\s*/")  # 'sé: 05 /BB-SNV' too
# The day and month of a date line, folded: "quang ngai, ngay06 thang 01 nam 2025",
# "ngay a5thang 3", "ngay 30 thang s nam 2025"
DATE_BLANKS = re.compile(r"\bng[aáàe]y(?P<d>.{0,6}?)th[a-z]{2,3}(?P<m>.{0,6}?)n[a-z&]{0,3}m?\s*\d{4}")


@dataclass(frozen=True)
class Reading:
    engine: str  # "tesseract-eng" | "rapidocr"
    text: str
    value: str | None  # the digits read, after the confusion map
    score: float  # 0..1


@dataclass(frozen=True)
class Vote:
    """The second reading of one blank: the value both engines agree on, or None."""

    field: str  # "number" | "day" | "month"
    value: str | None
    confidence: float | None
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class Rereading:
    number: Vote | None = None
    day: Vote | None = None
    month: Vote | None = None
    skipped: str | None = None  # why no second reading was made (engine missing ...)
    name: "NameReading | None" = None  # the signer's name, read from the signature block (reread_closing)


@dataclass(frozen=True)
class NameReading:
    """The signer's name read again from the signature block: the line as read, its mean word
    confidence (0..1), and where the crop was (page, box in points)."""

    text: str
    confidence: float
    page: int
    box: tuple[float, float, float, float]


def digits(token: str | None, max_len: int) -> str | None:
    """'04' -> '04', 'A5' -> '15', 'v06' -> '06', '42 8' -> None (a gap inside), 'pS' -> None."""
    if token is None:
        return None
    table = domain.digit_confusions()
    t = token.strip()
    # marks and stray letters at the edges of the blank ("ngayv06", "24-") are not digits
    while t and not (t[0].isdigit() or t[0] in table):
        t = t[1:]
    while t and not (t[-1].isdigit() or t[-1] in table):
        t = t[:-1]
    if not t or " " in t:
        return None
    out = "".join(c if c.isdigit() else table.get(c, "?") for c in t)
    if "?" in out or not any(c.isdigit() for c in t) or len(out) > max_len:
        return None
    return out


def _number_value(text: str, settings: RereadSettings) -> str | None:
    m = NUMBER_BLANK.match(text.strip())
    return digits(m["n"], settings.max_number_digits) if m else None


def _date_values(text: str) -> tuple[str | None, str | None]:
    m = DATE_BLANKS.search(fold(text))
    if not m:
        return None, None
    day, month = digits(m["d"].strip().upper(), 2), digits(m["m"].strip().upper(), 2)
    # a partial reading ("x0" -> "0") is no day: only values a date can hold count
    return (day if day and 1 <= int(day) <= 31 else None), (month if month and 1 <= int(month) <= 12 else None)


def _crop_box(line: Line, settings: RereadSettings) -> tuple[float, float, float, float]:
    pad = settings.pad
    return line.x0 - pad, line.top - pad, line.x1 + pad, line.bottom + pad


def _vote(field: str, readings: list[Reading]) -> Vote:
    values = {r.engine: r.value for r in readings}
    a, b = values.get("tesseract-eng"), values.get("rapidocr")
    if a is not None and a == b:
        return Vote(field, a, round(min(r.score for r in readings), 3), tuple(readings))
    return Vote(field, None, None, tuple(readings))


def needs(parts: Parts) -> set[str]:
    """The blanks of OCR'd header lines that the page OCR did not read as plain digits with
    confidence: {"number", "day", "month"} or fewer."""
    out: set[str] = set()
    ln = parts.number
    if ln is not None and ln.conf is not None:
        value = P.number_value(ln.text)
        blank = value.split("/")[0].strip() if "/" in value else ""
        if not re.fullmatch(r"\d{1,6}", blank) or blank in ln.low_conf_words:
            out.add("number")
    ln = parts.date_line
    if ln is not None and ln.conf is not None:
        m = P.DATE_LINE.match(ln.text.strip())
        if m:
            for name in ("day", "month"):
                if m[name] is None or any(m[name] in w for w in ln.low_conf_words):
                    out.add(name)
    return out


def _values(kind: str, text: str, need: set[str], settings: RereadSettings) -> dict[str, str | None]:
    """{field: digits} that one reading of a number line or a date line gives for the fields needed."""
    if kind == "number":
        return {"number": _number_value(text, settings)}
    day, month = _date_values(text)
    return {k: v for k, v in (("day", day), ("month", month)) if k in need}


def reread(parts: Parts, data: bytes | None, settings: RereadSettings) -> Rereading:
    """Second readings of the blanks that need one (`needs`) on OCR'd header lines.

    PP-OCR reads each crop first (in process, about 0.1 s); Tesseract then reads, in one run on
    the crops stacked one above the other, only those where PP-OCR found digits that it could
    agree with: a blank PP-OCR cannot read gives no value whatever Tesseract says."""
    need = needs(parts)
    if not need or data is None or not settings.enabled:
        return Rereading()
    if ocr.available() is None or not rapid.available():
        return Rereading(skipped="the second reading needs Tesseract and rapidocr-onnxruntime")
    wanted = [(kind, line, fields) for kind, line, fields in (("number", parts.number, need & {"number"}),
                                                               ("date", parts.date_line, need & {"day", "month"}))
              if fields and line is not None and line.conf is not None and line.x0 is not None]
    crops = ocr.render_crops(data, [(line.page, _crop_box(line, settings)) for _, line, _ in wanted], dpi=settings.dpi)
    # (kind, fields needed, PP-OCR reading, red-channel crop)
    jobs = [(kind, fields, rapid.recognize(rgb), gray) for (kind, _, fields), (gray, rgb) in zip(wanted, crops)]
    hopeful = [k for k, (kind, fields, r, _) in enumerate(jobs)
               if r is not None and any(_values(kind, r[0], fields, settings).values())]
    tess = dict(zip(hopeful, ocr.read_stacked([jobs[k][3] for k in hopeful], dpi=settings.dpi, lang="eng")))
    votes: dict[str, Vote] = {}
    for k, (kind, fields, r, _) in enumerate(jobs):
        raw = []
        if tess.get(k) is not None:
            text, conf = tess[k]
            raw.append(("tesseract-eng", text, conf / 100.0))
        if r is not None:
            raw.append(("rapidocr", r[0], r[1]))
        per_engine = [(e, t, sc, _values(kind, t, fields, settings)) for e, t, sc in raw]
        for name in sorted(fields):
            votes[name] = _vote(name, [Reading(e, t, vals.get(name), sc) for e, t, sc, vals in per_engine])
    return Rereading(**votes)


def _name_box(titles: list[Line], settings: RereadSettings) -> tuple[float, float, float, float]:
    last = titles[-1]
    return (min(ln.x0 for ln in titles) - settings.name_side, last.bottom,
            max(ln.x1 for ln in titles) + settings.name_side, last.bottom + settings.name_below)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and bool(P.NAME.match(text)) and all(is_vietnamese_syllable(w) for w in words)


def _best_name(lines: list[tuple[str, float]], page: int, box, settings: RereadSettings) -> NameReading | None:
    """The name among the lines of the signature block's crop: a line spelt like a name and read
    with confidence (RereadSettings.min_name_conf), the most confident; None when there is none."""
    best = None
    for text, conf in lines:
        text = text.strip(" \"'“”`.,;:")
        if _looks_like_name(text) and conf >= settings.min_name_conf and (best is None or conf > best[1]):
            best = (text, conf)
    return NameReading(best[0], round(best[1] / 100.0, 3), page, box) if best else None


def _needs_again(ln: Line, settings: RereadSettings) -> bool:
    return ln.conf is not None and ln.x0 is not None and (
        ln.conf < settings.item_conf or any(re.search(r"\p{L}", w) for w in ln.low_conf_words))


def _item_box(ln: Line, settings: RereadSettings) -> tuple[float, float, float, float]:
    return (ln.x0 - settings.pad, ln.top - settings.pad, ln.x1 + settings.pad, ln.bottom + settings.pad)


# Two lines side by side overlap left to right by less than this share of the narrower one's width
BESIDE_SIDE_OVERLAP = 0.5


def _beside(a: Line, b: Line, settings: RereadSettings) -> bool:
    """Are two OCR'd lines one printed line that Tesseract split in two, side by side? They
    overlap from top to bottom (RereadSettings.row_overlap of the shorter one's height) and
    hardly from left to right (less than BESIDE_SIDE_OVERLAP of the narrower one's width;
    laocai-qd2336: '- Thường trực' and, beside it, 'nh ủy (b/c);')."""
    if a.page != b.page or None in (a.x0, a.x1, a.top, a.bottom, b.x0, b.x1, b.top, b.bottom):
        return False
    tall = min(a.bottom - a.top, b.bottom - b.top)
    wide = min(a.x1 - a.x0, b.x1 - b.x0)
    return (min(a.bottom, b.bottom) - max(a.top, b.top) >= settings.row_overlap * tall
            and min(a.x1, b.x1) - max(a.x0, b.x0) < BESIDE_SIDE_OVERLAP * wide)


def _partners(lines: tuple[Line, ...], again: list[int], settings: RereadSettings) -> dict[int, int]:
    """{line read again: the line beside it (_beside), read in the same crop}."""
    out = {}
    for i in again:
        for j in (i + 1, i - 1):
            if 0 <= j < len(lines) and j not in out.values() and j not in out and _beside(lines[i], lines[j], settings):
                out[i] = j
                break
    return out


def _union_box(a: Line, b: Line, settings: RereadSettings) -> tuple[float, float, float, float]:
    box_a, box_b = _item_box(a, settings), _item_box(b, settings)
    return (min(box_a[0], box_b[0]), min(box_a[1], box_b[1]), max(box_a[2], box_b[2]), max(box_a[3], box_b[3]))


def _replace_items(lines: tuple[Line, ...], again: dict[int, list[tuple[str, float]]],
                   settings: RereadSettings, partners: dict[int, int]) -> tuple[tuple[Line, ...], int]:
    """The Nơi nhận lines with the new readings of those read again ({index: lines of its crop})
    put in: a reading replaces its line (and the line beside it read in the same crop,
    `partners`) only when read with more confidence (RereadSettings.item_gain), the crop's
    specks aside (RereadSettings.item_junk). A line's box may hold two printed lines (OCR ran
    them together): each line the crop gives is kept, one the item before or the line after
    already gives is not repeated, and a crop that reads the list's label ("Nơi nhận:", damaged
    in the page OCR) gives no item."""
    out: list[Line] = []
    replaced, skip = 0, set()
    for i, ln in enumerate(lines):
        if i in skip:
            continue
        read = [(t, c) for t, c in again.get(i, []) if re.search(r"\p{L}{2}", t) and c >= settings.item_junk]
        if i not in again or not read or min(c for _, c in read) < (ln.conf or 0.0) + settings.item_gain \
                or not _like(ln, read, settings):
            out.append(_merged(ln, read, settings) if read and i not in partners else ln)
            continue
        j = partners.get(i)
        if j is not None:  # the line beside it is in the crop: it goes
            skip.add(j)
            if out and out[-1] is lines[j]:
                out.pop()
        # the item before and the line after may be in the crop too: neither is repeated
        near = [x for x in (*out[-2:], *lines[i + 1:i + 2]) if j is None or x is not lines[j]]
        seen = {fold(x.text) for x in near}
        # a crop that reads "Nơi nhận:" was the list's label, damaged: it is no item
        read = [(t, c) for t, c in ((P.NOI_NHAN.sub("", t, count=1), c) for t, c in read) if t.strip()]
        replaced += 1
        if not read:
            continue
        new, _, _ = normalize_lines([replace(ln, text=t, conf=round(c, 2), low_conf_words=()) for t, c in read],
                                    markdown=False)
        out += [x for x in new if fold(x.text) not in seen]
    return tuple(out), replaced


def _like(ln: Line, read: list[tuple[str, float]], settings: RereadSettings) -> bool:
    """Is the crop's reading a reading of the page's line: like it (RereadSettings.item_likeness),
    or the page doubted most of the line's words (then there is little to compare)?"""
    from rapidfuzz import fuzz

    words = ln.text.split()
    if len(ln.low_conf_words) * 2 > len(words):
        return True
    return fuzz.partial_ratio(fold(ln.text), fold(" ".join(t for t, _ in read))) >= settings.item_likeness


# Of a line's words, at most this share may differ between the page OCR and the crop's reading
# of it where the page read them with confidence: more, and the two are not one reading of one line
MERGE_SURE_CHANGES = 1 / 3


def _merged(ln: Line, read: list[tuple[str, float]], settings: RereadSettings) -> Line:
    """The page OCR's line with the words it read with low confidence taken from the crop's reading
    of the line, when the crop gives one line, read with confidence (RereadSettings.item_conf),
    whose words stand one for one with the page's: cp-nq19's 'TGĐĐ' (doubted) is the crop's 'TGĐ',
    and its 'Cổng' (read with confidence) stays although the crop read 'Công'. The line as it was
    when the two readings do not align (MERGE_SURE_CHANGES) or the crop changes no doubted word."""
    if len(read) != 1 or read[0][1] < settings.item_conf or not ln.low_conf_words:
        return ln
    new, _, _ = normalize_lines([replace(ln, text=read[0][0], conf=round(read[0][1], 2), low_conf_words=())],
                                markdown=False)
    page, crop = ln.text.split(), new[0].text.split() if len(new) == 1 else []
    if len(page) != len(crop):
        return ln
    doubted = {fold(w) for w in ln.low_conf_words}
    changed = [k for k, (p, c) in enumerate(zip(page, crop)) if p != c]
    taken = [k for k in changed if fold(page[k]) in doubted]
    if not taken or len(changed) - len(taken) > MERGE_SURE_CHANGES * len(page):
        return ln
    words = [crop[k] if k in taken else w for k, w in enumerate(page)]
    return replace(ln, text=" ".join(words), low_conf_words=tuple(w for w in ln.low_conf_words
                                                                  if fold(w) not in {fold(page[k]) for k in taken}))


def _is_title(ln: Line) -> bool:
    """An OCR'd line of the signer's titles: in capitals, four letters or more."""
    return ln.conf is not None and ln.x0 is not None and is_upper(ln.text.strip()) \
        and len(re.sub(r"\P{L}", "", ln.text)) >= 4


def _replace_titles(lines: tuple[Line, ...], again: dict[int, list[tuple[str, float]]],
                    settings: RereadSettings) -> tuple[tuple[Line, ...], int]:
    """The signer's lines with the new readings of the title lines read again ({index: lines of
    its crop}) put in: the lines of a crop in capitals and read with confidence
    (RereadSettings.item_conf) replace the page OCR's line when the best of them is read with
    more confidence (RereadSettings.item_gain): cp-nq19's ':+1, THỦj TƯỚNG' (76) is 'KT. THỦ
    TƯỚNG' (93) in its crop. Returns the lines and how many were replaced."""
    out: list[Line] = []
    replaced = 0
    for i, ln in enumerate(lines):
        read = [(t, c) for t, c in again.get(i, []) if c >= settings.item_conf and is_upper(t)
                and len(re.sub(r"\P{L}", "", t)) >= 4]
        if not read or max(c for _, c in read) < (ln.conf or 0.0) + settings.item_gain:
            out.append(ln)
            continue
        replaced += 1
        out += [replace(ln, text=t, conf=round(c, 2), low_conf_words=()) for t, c in read]
    return tuple(out), replaced


@dataclass(frozen=True)
class ClosingReading:
    """The closing read again from crops of the page: the signer's lines and the Nơi nhận lines,
    with how many of each were replaced."""

    signer: tuple[Line, ...]
    items: tuple[Line, ...]
    titles_replaced: int = 0
    items_replaced: int = 0


def reread_closing(signer: tuple[Line, ...], items: tuple[Line, ...], data: bytes | None,
                   settings: RereadSettings) -> ClosingReading:
    """The closing's lines that the page OCR read with low confidence, read again from crops of
    the page by Tesseract ('vie', psm 6, the red channel: a red seal is as bright as the paper),
    all in one run (ocr.read_crops): the signer's title lines (_replace_titles) and each Nơi nhận
    line ("- hitrên, b" for "- Như trên;", "ng" for a whole item: _replace_items)."""
    none = ClosingReading(signer, items)
    if data is None or not (settings.enabled and settings.items) or ocr.available() is None:
        return none
    titles = [i for i, ln in enumerate(signer) if _is_title(ln) and ln.conf < settings.item_conf][:settings.max_crops]
    again = [i for i, ln in enumerate(items) if _needs_again(ln, settings)][:settings.max_crops - len(titles)]
    partners = _partners(items, again, settings)
    boxes = [(signer[i].page, _item_box(signer[i], settings)) for i in titles] + [
        (items[i].page, _union_box(items[i], items[partners[i]], settings) if i in partners
         else _item_box(items[i], settings)) for i in again]
    if not boxes:
        return none
    read = ocr.read_crops([g for g, _ in ocr.render_crops(data, boxes, dpi=settings.dpi)], dpi=settings.dpi)
    new_signer, titles_replaced = _replace_titles(signer, dict(zip(titles, read)), settings)
    new_items, items_replaced = _replace_items(items, dict(zip(again, read[len(titles):])), settings, partners)
    return ClosingReading(new_signer, new_items, titles_replaced, items_replaced)


def signer_name(signer: tuple[Line, ...], data: bytes | None, settings: RereadSettings) -> NameReading | None:
    """The name under the signature, read from a crop of the block below the signer's title
    lines ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"), on an OCR'd page where the page OCR gave none: a line
    spelt like a name (two to six capitalised Vietnamese syllables) and read with confidence
    (RereadSettings.min_name_conf); None when there is none."""
    if data is None or not (settings.enabled and settings.name) or ocr.available() is None:
        return None
    titles = [ln for ln in signer if _is_title(ln)]
    titles = [ln for ln in titles if ln.page == titles[-1].page] if titles else []
    if not titles:
        return None
    box = _name_box(titles, settings)
    gray = ocr.render_crops(data, [(titles[-1].page, box)], dpi=settings.dpi)[0][0]
    return _best_name(ocr.read_crops([gray], dpi=settings.dpi)[0], titles[-1].page, box, settings)
