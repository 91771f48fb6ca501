"""Layout: positioned words of a page -> visual lines in reading order.

What this stage knows about the page of a Vietnamese letter:
- the header is two columns side by side (issuer, số, V/v on the left; quốc hiệu, tiêu ngữ,
  place and date on the right): read as columns, left first, not as interleaved rows;
- the closing is two columns too (Nơi nhận on the left, the signer block on the right);
- the digital-signature stamp (top right of page 1), page numbers and the OCR'd seal are not
  text of the letter: they are dropped and counted;
- body lines carry `indent` (first-line indent starts a paragraph) and `centered` (titles).
Ruled tables found by the loader replace the words inside their boxes with rows of cells.

Every threshold is a field of ``settings.LayoutSettings`` (what it measures, its unit, why that
value), resolved once per page into ``settings.PageThresholds`` with the page's own size.

Legacy font encodings (phông TCVN3/.VnTime, VNI). A PDF typed in such a font has a text layer
of mojibake ("CéNG HßA X· HéI", "N¬i nhËn"), which none of the patterns below would read. The
stage order stays load -> layout -> legacy fonts -> normalize; what changes is how layout reads:
``layout_pages`` is given the document's encoding, which the legacy-fonts stage detects once
from a sample of the words (``encoding.document_encoding``), and every text test of this stage (quốc hiệu, tiêu ngữ, Số, the
date line, Nơi nhận, the authority line, stamps, page numbers) reads a row or column part
through ``to_unicode``. The lines it returns keep the words as the page has them, and the legacy
stage converts the whole text at once, as it does for a .txt file. Converting word by word
before layout would be simpler but not the same: TCVN3 has no codes for toned capitals, and the
converter guesses them from the neighbouring words of the line and from sentence starts across
lines ("Bé TH¤NG TIN" -> "BỘ THÔNG TIN", "- ñy ban" -> "- Ủy ban"), which a lone word lacks; so
the PDF gives the same text as its .txt twin, and a Unicode page pays nothing (identity reader).
"""
from __future__ import annotations

import functools
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import regex as re

from . import patterns as P
from .text import fold
from .encoding import to_unicode
from .settings import LayoutSettings, PageThresholds
from .types import Line, Page, Word

# Signature-stamp rows and page numbers are patterns.SIGNATURE_STAMP / PAGE_NUMBER; the stamp's
# owner line(s) printed above its rows ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC"):
STAMP_OWNER = re.compile(r"(?i)^(trung tâm công( báo)?|báo và tin học|và tin học|trung tâm công báo và tin học)$")
QUOC_HIEU = "conghoaxahoichunghiavietnam"  # compared letters only: OCR puts dashes and marks between words
# A narrow right column wraps the quốc hiệu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" on one row, "VIỆT NAM" on the next
QUOC_HIEU_HEAD, QUOC_HIEU_TAIL = "conghoaxahoichunghia", "vietnam"
TIEU_NGU = "doclap"


# The end of a place-and-date line a narrow column wrapped onto the next row: '2026', 'năm 2026',
# 'tháng 8 năm 2026'
DATE_TAIL = re.compile(r"(?i)^(?:(?:ng[àa]y|th[áa]ng|n[ăa]m|\d{1,2})\s*)*(?:19|20)\d\d$")
NOT_A_TO_Z = re.compile(r"[^a-z]")  # what a folded key drops: 'doc—lap - tu do' -> 'doclaptudo'


def _key(text: str) -> str:
    """Folded letters only: 'Độc—lập - Tự do' -> 'doclaptudo'."""
    return NOT_A_TO_Z.sub("", fold(text))


# a party's or the Youth Union's heading in the quốc hiệu's place (patterns.PARTY_HEADINGS)
PARTY_HEADINGS = tuple(_key(h) for h in P.PARTY_HEADINGS)

# Looser than patterns.DATE_LINE / AUTHORITY on purpose: here they only find where the header's
# right column and the signer's column start, before the words are read as fields.
DATE_LINE = re.compile(r"(?i)^[\p{L} .'-]{2,40},?\s+ng[àa]y")  # 'Hà Nội, ngàyô}': a handwritten day touches it
AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ|Q|PP|K/T|T/M|T/L)\s*\.\s*\p{Lu}|^(?:K/T|T/M|T/L)\s+\p{Lu}")
ANNEX_START = re.compile(r"(?i)^(phụ lục|phu luc|biểu( mẫu)?|mẫu số)\b")
DEFAULTS = LayoutSettings()
Reader = Callable[[str], str]  # the text of a row or part as this stage's patterns read it


def _same(text: str) -> str:
    return text


def legacy_reader(encoding: str | None) -> Reader:
    """How this stage reads the words of a document: Unicode as it is; in a legacy font encoding
    (the legacy-fonts stage's detection, module docstring) through ``to_unicode``."""
    if encoding is None:
        return _same
    return functools.cache(functools.partial(to_unicode, encoding=encoding))  # one document's rows


@dataclass
class Row:
    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def text(self, s: LayoutSettings = DEFAULTS) -> str:
        return join_words(self.words, s)

    def left_of(self, x: float) -> list[Word]:
        return [w for w in self.words if w.x0 < x]

    def right_of(self, x: float) -> list[Word]:
        return [w for w in self.words if w.x0 >= x]


def join_words(words: list[Word], s: LayoutSettings = DEFAULTS) -> str:
    """Words -> text; words that touch (split only by a font change) are joined without a space."""
    out = ""
    prev = None
    for w in sorted(words, key=lambda w: w.x0):
        if prev is not None:
            gap = w.x0 - prev.x1
            # no gap at all: a word split only by a change of font (a raised "h5", a bold ".")
            touch = gap < s.touch_gap * (w.size or prev.size or s.fallback_font_size)
            out += "" if touch else " "
        out += w.text
        prev = w
    return out


def group_rows(words: list[Word], s: LayoutSettings = DEFAULTS) -> list[Row]:
    """Words -> rows: a word joins the row whose middle its own middle is nearest to, within
    half the usual word height of the page.

    Rows are compared by their middles and the usual height rather than by the union of
    their words' boxes: a word taller than its neighbours (a seal fragment, a signature
    stroke, a handwritten digit) would otherwise chain two lines into one. Words more than
    twice the usual height join the row nearest their middle once the rows are formed.

    OCR'd words come with the engine's own lines (`Word.line`): a line joins a row whole,
    by the median of its words' middles, so one word whose box a mark or an underscore
    stretched ('_CỤC' beside 'TRƯỞNG', 'Điều' in 'Như Điều 3;') is not torn off its line;
    and it joins only beside the row's other lines, never over them."""
    heights = [w.bottom - w.top for w in words]
    usual = max(statistics.median(heights), s.min_usual_height) if heights else s.min_usual_height
    placed, tall = _row_units(words, usual, s)
    rows, mids = _join_units(placed, usual, s)
    _add_tall_words(rows, mids, tall, usual, s)
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    # rows in the order of the middles they were formed by, not of their tops: a tall word (a
    # signer's title in large type that OCR put on the Nơi nhận item's line beside it) lifts a
    # row's top above the row before it
    order = sorted(range(len(rows)), key=lambda k: (mids[k], rows[k].top))
    return [rows[k] for k in order]


def _row_units(words: list[Word], usual: float, s: LayoutSettings) -> tuple[list[tuple[float, list[Word]]], list[Word]]:
    """What rows are made of: each OCR line whole and each other word alone, with the middle it
    is placed by (group_rows); and the tall words, placed once the rows are formed."""
    units: dict[tuple, list[Word]] = {}
    tall = []
    for i, w in enumerate(words):
        if w.bottom - w.top > s.tall_word * usual and w.line is None:
            tall.append(w)
            continue
        units.setdefault(("line", w.line) if w.line is not None else ("word", i), []).append(w)
    placed = []
    for ws in units.values():
        if len(ws) == 1 and ws[0].line is None:  # a text layer's word (not tall: those are above)
            placed.append(((ws[0].top + ws[0].bottom) / 2, ws))
            continue
        short = [w for w in ws if w.bottom - w.top <= s.tall_word * usual]
        if not short:  # an OCR line of tall words only: placed word by word, like a layer's
            tall.extend(ws)
            continue
        # a tall word of an OCR line stays on it; the line is placed by its other words
        placed.append((statistics.median((w.top + w.bottom) / 2 for w in short), ws))
    return placed, tall


def _join_units(placed: list[tuple[float, list[Word]]], usual: float, s: LayoutSettings) -> tuple[list[Row], list[float]]:
    """Units from top to bottom -> rows and the middle each row was formed by: a unit joins the
    row before it when their middles are close and, for an OCR line, when it stands beside the
    row's other lines."""
    rows: list[Row] = []
    mids: list[float] = []
    spans: list[list[tuple[float, float]]] = []  # the OCR lines of each row, across the page
    units = [(mid, ws[0].x0, ws[0].x1, ws) if len(ws) == 1 else (mid, min(w.x0 for w in ws), max(w.x1 for w in ws), ws)
             for mid, ws in placed]
    for mid, x0, x1, ws in sorted(units, key=lambda u: (u[0], u[1])):
        span = (x0, x1)
        ocr_line = ws[0].line is not None
        # two OCR lines side by side share a row (the issuer's and the quốc hiệu's); two over the
        # same stretch of the page are two rows (a seal's specks read as a line across the text)
        beside = not rows or not ocr_line or all(span[1] <= a or span[0] >= b for a, b in spans[-1])
        if rows and abs(mid - mids[-1]) <= s.row_tolerance * usual and beside:
            rows[-1].words.extend(ws)
            spans[-1].append(span)
        else:
            rows.append(Row(list(ws)))
            mids.append(mid)
            spans.append([span])
    return rows, mids


def _add_tall_words(rows: list[Row], mids: list[float], tall: list[Word], usual: float, s: LayoutSettings) -> None:
    """Each tall word joins the row nearest its middle, or makes a row of its own when none is near."""
    for w in tall:
        mid = (w.top + w.bottom) / 2
        k = min(range(len(rows)), key=lambda k: abs(mids[k] - mid), default=None)
        if k is not None and abs(mids[k] - mid) <= s.tall_row_tolerance * usual:
            rows[k].words.append(w)
        else:
            rows.append(Row([w]))
            mids.append(mid)


def skew_slope(words: list[Word], s: LayoutSettings = DEFAULTS) -> float:
    """The page's skew as dy/dx, from neighbouring words on one text line (scans are often
    rotated by a degree or two, which makes a line's words drift down across the page)."""
    slopes = []
    by_x = sorted(words, key=lambda w: w.x0)
    for i, a in enumerate(by_x):
        h = a.bottom - a.top
        if h <= 0 or len(a.text) < s.skew_min_chars:
            continue
        ay = (a.top + a.bottom) / 2
        for b in by_x[i + 1:]:
            if b.x0 > a.x1 + s.skew_reach * h:
                break
            if b.x0 < a.x1 or len(b.text) < s.skew_min_chars or abs((b.bottom - b.top) - h) > s.skew_height_tolerance * h:
                continue
            by = (b.top + b.bottom) / 2
            dx = (b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2
            if abs(by - ay) < s.skew_same_line * h and dx > 0:
                slopes.append((by - ay) / dx)
                break
    return statistics.median(slopes) if len(slopes) >= s.skew_min_pairs else 0.0


def deskew(words: list[Word], width: float, s: LayoutSettings = DEFAULTS) -> tuple[list[Word], float]:
    """Shear OCR word boxes so that text lines are horizontal again; returns (words, slope)."""
    slope = skew_slope(words, s)
    if abs(slope) < s.min_skew:
        return words, 0.0
    mid = width / 2
    out = []
    for w in words:
        dy = slope * ((w.x0 + w.x1) / 2 - mid)
        out.append(replace(w, top=w.top - dy, bottom=w.bottom - dy))
    return out, slope


def _margin_noise(words: list[Word], t: PageThresholds, dropped: dict[str, int]) -> list[Word]:
    """Drop what stands in the margins of a scan: an incoming-mail stamp ("CV ĐẾN Số: ...
    Ngày: ... Chuyển: ..."), marginal notes.

    Words wholly outside the text block (whose edges are where most long lines start and
    end) are dropped, and with them the poorly read words that touch them (a stamp's box
    reaches into the text block, and what OCR makes of it there has low confidence)."""
    s = t.settings
    rows = group_rows(words, s)
    left, right = _margins(rows, t)
    if right - left < t.min_text_block:
        return words
    out = {i for i, w in enumerate(words) if w.x1 < left - s.margin_slack or w.x0 > right + s.margin_slack}
    out -= _row_heads(words, rows, out, s)
    frontier = list(out)
    while frontier:
        a = words[frontier.pop()]
        reach = max(a.bottom - a.top, s.stamp_reach)
        for i, b in enumerate(words):
            if i in out or b.conf is None or b.conf >= s.low_word_conf:  # a text layer's word is never poorly read
                continue
            if (b.x0 < a.x1 + reach and a.x0 < b.x1 + reach and b.top < a.bottom + reach
                    and a.top < b.bottom + reach):
                out.add(i)
                frontier.append(i)
    if out:
        dropped["margin stamp or note word"] = dropped.get("margin stamp or note word", 0) + len(out)
    return [w for i, w in enumerate(words) if i not in out]


def _row_heads(words: list[Word], rows: list[Row], out: set[int], s: LayoutSettings) -> set[int]:
    """The words outside the text block that begin or end a row running into it: each read with
    confidence and within `margin_join` word heights of the next word toward the block, the
    last of them of the block (a header's "ỦY BAN NHÂN DÂN" or a "V/v" line set left of an
    indented body, as a letter's header table often is). A margin stamp stands apart."""
    index = {id(w): i for i, w in enumerate(words)}
    keep: set[int] = set()
    for row in rows:
        ids = [index[id(w)] for w in row.words]  # sorted by x0
        for order in (ids, ids[::-1]):
            inner = next((k for k, i in enumerate(order) if i not in out), None)
            if inner is None:
                break
            for k in range(inner - 1, -1, -1):
                a, b = words[order[k]], words[order[k + 1]]
                gap = b.x0 - a.x1 if order is ids else a.x0 - b.x1
                if gap > s.margin_join * (a.bottom - a.top) or (a.conf is not None and a.conf < s.low_word_conf):
                    break
                keep.add(order[k])
    return keep


def _median(values: list[float], default: float) -> float:
    return statistics.median(values) if values else default


def _line(words: list[Word], page: Page, margin: tuple[float, float], s: LayoutSettings,
          column: str | None = None) -> Line:
    x0 = min(w.x0 for w in words)
    x1 = max(w.x1 for w in words)
    left, right = margin
    width = right - left
    center = (x0 + x1) / 2
    centered = (abs(center - (left + right) / 2) < s.centered_tolerance * width
                and (x1 - x0) < s.centered_max_width * width and x0 > left + s.centered_min_inset * width)
    sizes = [w.size for w in words if w.size]
    confs = [w.conf for w in words if w.conf is not None]
    return Line(
        text=join_words(words, s), page=page.number, x0=x0, x1=x1, top=min(w.top for w in words),
        bottom=max(w.bottom for w in words), size=_median(sizes, 0) or None,
        bold=sum(w.bold for w in words) > len(words) / 2, italic=sum(w.italic for w in words) > len(words) / 2,
        column=column, centered=centered and column is None, indent=x0 > left + s.indent_min * width and column is None,
        conf=(sum(confs) / len(confs)) if confs else None,
        low_conf_words=tuple(w.text for w in words if w.conf is not None and w.conf < s.low_word_conf),
    )


def _in_box(w: Word, box: tuple[float, float, float, float], slack: float) -> bool:
    x0, top, x1, bottom = box
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return x0 - slack <= cx <= x1 + slack and top - slack <= cy <= bottom + slack


@dataclass(frozen=True, slots=True)
class PageLayout:
    """One page's lines in reading order, and how many of each kind of non-letter text were dropped."""

    lines: tuple[Line, ...]
    dropped: Mapping[str, int]
    # the Nơi nhận | signer band's split when the band ran on to the page's foot: the next page's
    # first rows go on with it (a closing cut by the page break)
    open_split: float | None = None


def _margins(rows: list[Row], t: PageThresholds) -> tuple[float, float]:
    wide = [r for r in rows if r.x1 - r.x0 > t.wide_row]
    if not wide:
        wide = rows
    if not wide:
        return 0.0, t.width
    x0s = sorted(r.x0 for r in wide)
    x1s = sorted(r.x1 for r in wide)
    p = t.settings.margin_percentile
    return x0s[len(x0s) * p // 100], x1s[(len(x1s) * (100 - p)) // 100]


def _drop_noise(rows: list[Row], page: Page, t: PageThresholds, dropped: dict[str, int],
                body_size: float, read: Reader = _same) -> list[Row]:
    """Stamp rows, page numbers at the top/bottom, stray seal fragments."""
    s = t.settings
    kept = []
    for i, row in enumerate(rows):
        text = read(row.text(s)).strip()
        if P.SIGNATURE_STAMP.search(text) or (page.number == 1 and STAMP_OWNER.match(text)):
            dropped["signature stamp line"] = dropped.get("signature stamp line", 0) + 1
            continue
        if P.SCANNER_MARK.search(text) or P.COPY_STAMP.match(text):
            dropped["scanner or copy mark"] = dropped.get("scanner or copy mark", 0) + 1
            continue
        if P.PAGE_NUMBER.match(text) and (row.top < t.page_number_top or row.bottom > t.page_number_bottom):
            dropped["page number"] = dropped.get("page number", 0) + 1
            continue
        # Small print in the top-right corner above the header of page 1: the stamp's box.
        if (page.number == 1 and row.top < t.stamp_zone_top and row.x0 > t.stamp_zone_left and body_size
                and all((w.size or body_size) < s.stamp_small_print * body_size for w in row.words)):
            dropped["signature stamp line"] = dropped.get("signature stamp line", 0) + 1
            continue
        kept.append(row)
    return kept


def _quoc_hieu_row(rows: list[Row], s: LayoutSettings, read: Reader) -> tuple[int | None, bool]:
    """The row of the quốc hiệu, and whether it wraps onto the next row (its head on this row,
    "VIỆT NAM" on the next, beside the issuer's words: "BỘ THÔNG TIN VÀ TRUYỀN CỘNG HÒA XÃ HỘI
    CHỦ NGHĨA" / "THÔNG VIỆT NAM"); (None, False) when no row holds it."""
    keys = [_key(read(r.text(s))) for r in rows]
    for i, key in enumerate(keys):
        if QUOC_HIEU in key or any(h in key for h in PARTY_HEADINGS):
            return i, False
        if QUOC_HIEU_HEAD in key and i + 1 < len(keys) and _wrapped_tail(key) in keys[i + 1]:
            return i, True
    return None, False


def _wrapped_tail(key: str) -> str:
    """What of "VIỆT NAM" the next row holds when the quốc hiệu wraps after this row's key: all
    of it ("... CHỦ NGHĨA" / "VIỆT NAM"), or what a wrap inside it left ("... CHỦ NGHĨA VIỆT" / "NAM")."""
    after = key[key.find(QUOC_HIEU_HEAD) + len(QUOC_HIEU_HEAD):]
    kept = next((n for n in range(len(QUOC_HIEU_TAIL) - 1, 0, -1) if after.endswith(QUOC_HIEU_TAIL[:n])), 0)
    return QUOC_HIEU_TAIL[kept:]


def _header_band(rows: list[Row], t: PageThresholds, read: Reader = _same) -> tuple[int, int, float] | None:
    """(first row, last row, split x) of page 1's two-column header, or None."""
    s = t.settings
    limit = min(len(rows), s.header_rows)
    qh, wrapped = _quoc_hieu_row(rows[:limit], s, read)
    split = _band_split(rows, qh, limit, t, read)
    if split is None:
        return None
    # The band's rows: quốc hiệu, tiêu ngữ, the number in the left column, the place and date
    # in the right one. Only a few rows below the quốc hiệu: a body line that happens to read
    # "... ngày 19/6/2015" must not stretch the band over the page.
    near = range(limit) if qh is None else range(max(0, qh - s.band_rows_above), min(limit, qh + s.band_rows_below))
    anchors = [i for i in near if
               any(k in _key(read(rows[i].text(s))) for k in (QUOC_HIEU, TIEU_NGU, *PARTY_HEADINGS))
               or (wrapped and i in (qh, qh + 1))
               or any(P.NUMBER_LINE.match(read(join_words(part, s))) and part[0].x0 < split
                      for part in _parts(rows[i], s))
               or any(DATE_LINE.match(read(join_words(part, s))) and part[0].x0 >= split - s.date_split_slack
                      for part in _parts(rows[i], s))
               or _date_beside(rows[i], split, s, read)]
    if not anchors:
        return None
    end = max(anchors)
    # a row whose words run across the split (a centred title, a body line) ends the band: a
    # place and date printed at the foot of a short page is no anchor of the header
    start = (qh if qh is not None else min(anchors)) + 1
    end = next((i - 1 for i in range(start, end + 1) if i not in anchors and _crosses(rows[i], split, s)), end)
    # a row above it whose words run across the split (a page's title, a note printed over the
    # letter, a long link) is no column's: the band starts under the last one
    top = qh if qh is not None else min(anchors)
    first = next((i + 1 for i in range(top - 1, -1, -1) if _crosses(rows[i], split, s)), 0)
    return first, _band_end(rows, end, split, s, read), split


def _band_split(rows: list[Row], qh: int | None, limit: int, t: PageThresholds, read: Reader) -> float | None:
    """Where the header's two columns part: before the quốc hiệu's first word, else before the
    place and date, else before a party's heading; None when nothing tells."""
    s = t.settings
    party = None
    if qh is not None:
        # the quốc hiệu's first word: "CỘNG" followed by "HÒA" (an issuer beside it may hold a
        # "CÔNG" of its own: "BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI ...")
        ws = rows[qh].words
        folded = [fold(read(w.text)) for w in ws]
        # OCR may split the word ('CỘ NG HÒA'): its two pieces are the word
        starts = [j for j, w in enumerate(folded) if w == "cong"
                  or (j + 2 < len(folded) and w + folded[j + 1] == "cong" and folded[j + 2].startswith("hoa"))]
        # the party's heading ("TỈNH ỦY LÀO CAI  ĐẢNG CỘNG SẢN VIỆT NAM") is narrower than the
        # place and date centred under it: the date line splits its band, else its "ĐẢNG"
        party = next((k for k in range(len(ws) - 1)
                      if (folded[k], folded[k + 1]) in (("dang", "cong"), ("doan", "tncs"), ("doan", "thanh"))), None)
        j = next((j for j in starts if j + 1 < len(ws) and (folded[j + 1].startswith("hoa")
                                                            or j + 2 < len(ws) and folded[j + 2].startswith("hoa"))),
                 starts[0] if starts and party is None else None)
        if j is not None:
            return ws[j].x0 - s.column_split_offset
    for i in range(limit):
        for part in _parts(rows[i], s):
            if DATE_LINE.match(read(join_words(part, s))) and part[0].x0 > t.date_column_min_x:
                return part[0].x0 - s.column_split_offset
    return rows[qh].words[party].x0 - s.column_split_offset if party is not None else None


def _band_end(rows: list[Row], end: int, split: float, s: LayoutSettings, read: Reader) -> int:
    """The band's last row: V/v lines continue under the number in the left column only, and so
    does a row of both columns whose words keep to their sides, the right one the end of a place
    and date wrapped onto it ('thu' | '2026')."""
    while end + 1 < len(rows):
        nxt = rows[end + 1]
        parts = _parts(nxt, s)
        beside = len(parts) >= 2 and parts[0][-1].x1 <= split + s.subject_column_slack and parts[-1][0].x0 >= split \
            and bool(DATE_TAIL.match(read(join_words(parts[-1], s))))
        if (nxt.x1 <= split + s.subject_column_slack or beside) \
                and nxt.top - rows[end].bottom < s.subject_line_gap * (rows[end].bottom - rows[end].top + s.subject_row_pad) \
                and not fold(read(nxt.text(s))).startswith("kinh gui"):
            end += 1
        else:
            break
    return end


def _date_beside(row: Row, split: float, s: LayoutSettings, read: Reader) -> bool:
    """The place and date right of the split on a row whose left words run close to it (a V/v
    line beside a long place name: 'v/v hướng dẫn thu, chi các khoản Thái Nguyên, ngày 15 ...'),
    too close for a gap between the columns."""
    right = row.right_of(split - s.date_split_slack)
    left = row.left_of(split - s.date_split_slack)
    # the printed form ('Thái Nguyên, ngày'), not the looser DATE_LINE: a body line's 'địa phương ngày 19/6/2015'
    return bool(left) and left[-1].x1 < split and bool(right) and bool(P.DATE_LINE.match(read(join_words(right, s))))


def _crosses(row: Row, split: float, s: LayoutSettings) -> bool:
    """Do words of one part of the row stand on both sides of the split, beyond the slack a
    column's own words may reach over it?"""
    slack = s.subject_column_slack
    return any(p[0].x0 < split - slack and p[-1].x1 > split + slack for p in _parts(row, s))


def _parts(row: Row, s: LayoutSettings) -> list[list[Word]]:
    """Split a row where words are far apart (columns side by side)."""
    parts: list[list[Word]] = []
    for w in row.words:
        if parts and w.x0 - parts[-1][-1].x1 < s.column_gap:
            parts[-1].append(w)
        else:
            parts.append([w])
    return parts


def _closing_band(rows: list[Row], start: int, t: PageThresholds,
                  read: Reader = _same) -> tuple[int, int, float] | None:
    """(first row, last row, split x) of the Nơi nhận | signer block on this page, or None."""
    s = t.settings
    nn = None
    for i in range(start, len(rows)):
        parts = _parts(rows[i], s)
        if parts and P.NOI_NHAN.match(read(join_words(parts[0], s))) and parts[0][0].x0 < t.recipients_max_x:
            nn = i
            break
    auth = None
    for i in range(start, len(rows)):
        for part in _parts(rows[i], s):
            if part[0].x0 > t.authority_min_x and AUTHORITY.match(read(join_words(part, s))):
                auth = i, part[0].x0
                break
        if auth:
            break
    if nn is None and auth is None:
        return None
    if nn is not None and auth is not None and auth[0] > nn + s.authority_rows_below:
        auth_x = None
    else:
        auth_x = auth[1] if auth else None
    first = nn if nn is not None else auth[0]
    if auth is not None and nn is not None and nn - s.authority_rows_above <= auth[0] < nn:
        first = auth[0]
    if auth_x is None:
        # the signer's column starts where the right-hand words of the band start
        xs = [w.x0 for r in rows[first:first + s.signer_rows] for part in _parts(r, s) for w in part[:1]
              if w.x0 > t.signer_column_min_x]
        auth_x = min(xs) if xs else t.signer_column_default_x
    split = auth_x - s.column_split_offset
    last = first
    for i in range(first + 1, len(rows)):
        r = rows[i]
        if ANNEX_START.match(read(r.text(s))) and r.x0 < split and (r.x1 - r.x0) < t.annex_title_max_width and i > first + 1:
            break
        last = i
    return first, last, split


def _signers_band(rows: list[Row], start: int, s: LayoutSettings, read: Reader) -> tuple[int, int, list[float]] | None:
    """(first row, last row, cuts) of the signers' blocks side by side (a joint document's 'KT. BỘ
    TRƯỞNG BỘ NỘI VỤ   KT. BỘ TRƯỞNG BỘ TÀI CHÍNH', a biên bản's 'ĐẠI DIỆN BÊN NHẬN   ĐẠI DIỆN BÊN
    GIAO'): a row of two or more parts each of which opens a block, and the rows under it down to
    the Nơi nhận, an annex or signers_block_rows; each block's words lie between two cuts, halfway
    between the blocks' centres. None when no row opens several blocks."""
    for i in range(start, len(rows)):
        parts = _parts(rows[i], s)
        texts = [read(join_words(p, s)) for p in parts]
        heads = [t for t in texts if AUTHORITY.match(t) or P.REPRESENTATIVE.match(t)]
        if len(parts) >= 2 and len(heads) == len(parts):
            centres = [(p[0].x0 + p[-1].x1) / 2 for p in parts]
            cuts = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
            last = i
            for k in range(i + 1, min(len(rows), i + 1 + s.signers_block_rows)):
                text = read(rows[k].text(s))
                if P.NOI_NHAN.match(text) or ANNEX_START.match(text):
                    break
                last = k
            return i, last, cuts
    return None


def _block_lines(rows: list[Row], cuts: list[float], page: Page, margin, s: LayoutSettings) -> list[Line]:
    """Rows of signers' blocks side by side -> the first block's lines, then the second's ... (each
    in the right column: the signer's, as a two-column closing gives it)."""
    bounds = [float("-inf"), *cuts, float("inf")]
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        for r in rows:
            ws = [w for w in r.words if lo <= (w.x0 + w.x1) / 2 < hi]
            if ws:
                out.append(_line(ws, page, margin, s, "right"))
    return out


def _band_lines(rows: list[Row], split: float, page: Page, t: PageThresholds, margin,
                by_parts: bool = False) -> list[Line]:
    """Rows of a two-column band -> left column lines, then right column lines.

    With `by_parts`, a row is cut at its widest gap rather than at `split`: the signer block is
    centred in its column, so its lines start at different x (KT. CHÁNH VĂN PHÒNG starts left
    of TL. CHỦ TỊCH) while a wide gap always separates it from the Nơi nhận list."""
    s = t.settings
    left, right = [], []
    for r in rows:
        if by_parts:
            parts = _parts(r, s)
            if len(parts) >= 2 and parts[-1][0].x0 > split - t.signer_part_slack:
                left.append([w for p in parts[:-1] for w in p])
                right.append(parts[-1])
                continue
        if by_parts and len(_parts(r, s)) == 1:
            side = right if (r.x0 + r.x1) / 2 >= split else left
            side.append(r.words)
            (left if side is right else right).append([])
            continue
        left.append(r.left_of(split))
        right.append(r.right_of(split))
    out = [_line(ws, page, margin, s, "left") for ws in left if ws]
    out += [_line(ws, page, margin, s, "right") for ws in right if ws]
    return out


def layout_page(page: Page, *, first_page: bool, closing_seen: bool, continued_split: float | None = None,
                settings: LayoutSettings = DEFAULTS, read: Reader = _same) -> tuple[PageLayout, bool]:
    """One page -> lines. Returns the layout and whether the closing block was found; `read`
    gives the text of the page's words as the patterns read it (``legacy_reader``);
    `continued_split`: the previous page's closing band ran on to its foot at this split."""
    t = settings.for_page(page.width, page.height)
    s = settings
    dropped: dict[str, int] = {}
    words = page.words
    table_lines: list[tuple[float, list[Line]]] = []
    for t_index, table in enumerate(page.tables):
        if table.bbox is None:
            continue
        words = [w for w in words if not _in_box(w, table.bbox, s.box_slack)]
        rows_here = [Line(text="\t".join(c or "" for c in row), page=page.number, top=table.bbox[1],
                          cells=tuple(c or "" for c in row), table=page.number * 100 + t_index)
                     for row in table.rows]
        table_lines.append((table.bbox[1], rows_here))
    if page.text_source == "ocr":
        words, slope = deskew(words, t.width, s)
        if slope:
            dropped["skew corrected on page"] = dropped.get("skew corrected on page", 0) + 1
        words = _margin_noise(words, t, dropped)
    sizes = [w.size for w in words if w.size]
    body_size = _median(sizes, 0.0)
    rows = _drop_noise(group_rows(words, s), page, t, dropped, body_size, read)
    margin = _margins(rows, t)
    lines: list[Line] = []
    i = 0
    if first_page:
        band = _header_band(rows, t, read)
        if band:
            first, end, split = band
            lines += [_line(r.words, page, margin, s) for r in rows[:first]]
            lines += _band_lines(rows[first: end + 1], split, page, t, margin)
            i = end + 1
    signers = None if closing_seen else _signers_band(rows, i, s, read)
    closing = None if closing_seen else _closing_band(rows, signers[1] + 1 if signers else i, t, read)
    if closing is None and signers is None and continued_split is not None:
        closing = _continued_band(rows, i, continued_split, t, read)
    for j in range(i, len(rows)):
        if signers and j == signers[0]:
            lines += _block_lines(rows[signers[0]: signers[1] + 1], signers[2], page, margin, s)
        if closing and j == closing[0]:
            lines += _band_lines(rows[closing[0]: closing[1] + 1], closing[2], page, t, margin, by_parts=True)
        if (closing and closing[0] <= j <= closing[1]) or (signers and signers[0] <= j <= signers[1]):
            continue
        lines.append(_line(rows[j].words, page, margin, s))
    # tables go where they stood on the page
    for top, tlines in table_lines:
        k = next((n for n, ln in enumerate(lines) if ln.top is not None and ln.top > top and ln.cells is None), len(lines))
        lines[k:k] = tlines
    open_split = closing[2] if closing and rows and closing[1] == len(rows) - 1 else None
    return PageLayout(tuple(lines), MappingProxyType(dropped), open_split), \
        closing is not None or signers is not None or closing_seen


def _continued_band(rows: list[Row], start: int, split: float, t: PageThresholds,
                    read: Reader) -> tuple[int, int, float] | None:
    """The rows at a page's top that go on with the previous page's Nơi nhận | signer band: up
    to a row whose words run across the split (prose again) or an annex's title; None when none."""
    s = t.settings
    while start < len(rows) and PAGE_NUMBER_ROW.match(read(rows[start].text(s))):
        start += 1  # a page number kept at the top (its zone set off) is no line of the band
    end = start - 1
    for i in range(start, len(rows)):
        if _crosses(rows[i], split, s) or ANNEX_START.match(read(rows[i].text(s))):
            break
        end = i
    return (start, end, split) if end >= start else None


PAGE_NUMBER_ROW = re.compile(r"^\W*\d{1,3}\W*$")  # '5', '- 5 -', '[5]' alone on a row


def layout_pages(pages: list[Page], settings: LayoutSettings = DEFAULTS,
                 encoding: str | None = None) -> tuple[list[Line], list[str]]:
    """All pages -> lines, with a note of what was dropped as not being the letter's text. The
    lines keep the words' own text, in the legacy font `encoding` too (module docstring)."""
    read = legacy_reader(encoding)
    out: list[Line] = []
    dropped: dict[str, int] = {}
    closing_seen = False
    open_split = None
    for page in pages:
        if page.lines:  # text-like pages already have lines
            out += page.lines
            continue
        layout, closing_seen = layout_page(page, first_page=page.number == 1, closing_seen=closing_seen,
                                           continued_split=open_split, settings=settings, read=read)
        open_split = layout.open_split
        for k, v in layout.dropped.items():
            dropped[k] = dropped.get(k, 0) + v
        out += layout.lines
    notes = [f"{k} removed ({v})" for k, v in sorted(dropped.items())]
    return out, notes
