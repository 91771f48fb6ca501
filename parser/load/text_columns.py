"""The header and the closing of a text laid out with spaces, read as their two columns.

A letter saved as text by `pdftotext -layout`, by an OCR program or typed with spaces keeps the
header's and the closing's two columns side by side on each line: the issuer, the number and the
V/v on the left, the quốc hiệu, the tiêu ngữ and the place and date on the right; Nơi nhận on
the left, the signer's block on the right (the authority, the position, "(Đã ký)", the name),
the lines of one column often alone on their line:

    BỘ CÔNG THƯƠNG                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    CỤC ĐỔI MỚI SÁNG TẠO,                         Độc lập - Tự do - Hạnh phúc
     CHUYỂN ĐỔI XANH VÀ
    ...
    Nơi nhận:                                         KT. HIỆU TRƯỞNG
    - Như trên;                                        PHÓ HIỆU TRƯỞNG
    - Lưu: VT, ĐT.
                                                       Trần Thị B

Read as one line each, the issuer's second line reads as a body line and the signer's lines run
into the Nơi nhận items. Here each line of such a band becomes its left part and its right part
(`Line.column` "left" / "right", in row order), as parser.layout reads a PDF's bands; the
segmenter then reads them as it reads a PDF's. Only a band that holds the quốc hiệu or the tiêu
ngữ (the header) or the Nơi nhận or an authority line (KT. / TM. / TL. ..., the closing) is read
so: a body line with a wide gap ("Tổng cộng:      150 triệu") is left as it is. A text (or a
Word paragraph) that sets the columns with tabs instead is read the same way (tab_header,
tab_closing), where the text loader would otherwise take its lines for rows of a table.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from .. import patterns as P

# Words of one column: separated by at most three spaces (a justified line's widest gap)
SEGMENT = re.compile(r"\S+(?: {1,3}\S+)*")
# The right column starts this many characters in at least (a left column's shortest width)
MIN_RIGHT_COLUMN = 24
# A line alone on the right belongs to the right column when it starts no more than this many
# characters left of where the band's right column starts (the signer's lines are centred in it)
RIGHT_SLACK = 12
# Lines looked at above the band's first two-column line for right-column lines ("KT. BỘ
# TRƯỞNG" printed a line above "Nơi nhận:")
MAX_ABOVE = 3
# What starts a Nơi nhận item on its line: "- Như trên;", "+ Lưu"
ITEM_DASHES = ("-", "–", "+")


@dataclass(frozen=True)
class Part:
    """One column's text on one raw line of a band (its raw line's index, the column)."""

    index: int
    text: str
    column: str


def _segments(raw: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in SEGMENT.finditer(raw)]


def _two_columns(raw: str) -> tuple[int, str, str] | None:
    """(start of the right part, left text, right text) of a line with two parts far apart."""
    if "\t" in raw or "|" in raw:
        return None
    segs = _segments(raw)
    if len(segs) == 2 and segs[1][0] >= MIN_RIGHT_COLUMN:
        return segs[1][0], segs[0][1], segs[1][1]
    return None


def _alone(raw: str, right: int) -> str | None:
    """'left' or 'right' for a line of one part inside a band whose right column starts at
    `right`; None when the line crosses the columns (a body line)."""
    if "\t" in raw or "|" in raw:
        return None
    segs = _segments(raw)
    if len(segs) != 1:
        return None
    start, text = segs[0]
    if start >= right - RIGHT_SLACK:
        return "right"
    if start + len(text) <= right:
        return "left"
    return None


def _is_closing(parts: list[Part]) -> bool:
    return any(P.NOI_NHAN.match(p.text) or P.AUTHORITY.match(p.text) or P.REPRESENTATIVE.match(p.text)
               for p in parts)


def _is_band(parts: list[Part], anchor: int) -> bool:
    """The header (the quốc hiệu or the tiêu ngữ on the right) or the closing (the Nơi nhận, an
    authority line), in the parts of the band's lines down to its anchor line; the quốc hiệu may
    wrap from the anchor onto the next line ('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT' / 'NAM')."""
    right = [p.text for p in parts if p.column == "right"]
    wrapped = any(P.quoc_hieu_wrapped(a, b) for a, b in zip(right, right[1:]))
    parts = [p for p in parts if p.index <= anchor]
    return wrapped or _is_closing(parts) or any(
        p.column == "right" and (P.quoc_hieu(p.text) or P.TIEU_NGU_ANY.search(p.text)) for p in parts)


def _after_filed(parts: list[Part], raw: str) -> bool:
    """A left line under the Nơi nhận list's closed 'Lưu' item ('- Lưu: VT, NV.') that is no item
    of its own: the list is over (an annex's title, 'PHỤ LỤC', printed under the signer's name)."""
    filed = [p for p in parts if p.column == "left" and P.FILED_ITEM.match(p.text)]
    return bool(filed) and filed[-1].text.rstrip().endswith(".") and not raw.strip().startswith(ITEM_DASHES)


def _band(raw_lines: list[str], i: int, taken: set[int]) -> tuple[int, int, list[Part]]:
    """(first index, end index, parts) of the band around the two-column line i."""
    right, left_text, right_text = _two_columns(raw_lines[i])
    parts = [Part(i, left_text, "left"), Part(i, right_text, "right")]
    start = i
    for k in range(i - 1, max(-1, i - 1 - MAX_ABOVE), -1):  # right-column lines just above
        if k in taken or _alone(raw_lines[k], right) != "right":
            break
        parts.insert(0, Part(k, raw_lines[k].strip(), "right"))
        start = k
    end, blank = i + 1, False
    for j in range(i + 1, len(raw_lines)):
        raw = raw_lines[j]
        if not raw.strip():
            blank = True
            continue
        if P.KINH_GUI.match(raw.strip()):
            break  # the header is over
        both = _two_columns(raw)
        side = None if both else _alone(raw, right)
        if both and both[0] >= right - RIGHT_SLACK:  # a right part centred further right too ("NAM")
            parts += [Part(j, both[1], "left"), Part(j, both[2], "right")]
        elif (side == "right" and (not blank or _is_closing(parts))) or (side == "left" and not blank
                                                                         and not _after_filed(parts, raw)):
            # the signer's lines stand apart (a blank for the signature); a Nơi nhận item, an
            # issuer's line, a V/v line or the header's right column do not (after a blank: a
            # centred title, 'TỜ TRÌNH', the body)
            parts.append(Part(j, raw.strip(), side))
        else:
            break
        end, blank = j + 1, False
    return start, end, parts


def column_bands(raw_lines: list[str]) -> dict[int, tuple[int, list[Part]]]:
    """The header and closing bands of a page's raw lines: {first index: (end index, parts in row order)}."""
    out: dict[int, tuple[int, list[Part]]] = {}
    taken: set[int] = set()
    for i, raw in enumerate(raw_lines):
        if i in taken or _two_columns(raw) is None:
            continue
        start, end, parts = _band(raw_lines, i, taken)
        # the band starts at its anchor: the line it grew from, or the right-column lines above
        if _is_band(parts, i):
            out[start] = (end, parts)
            taken.update(range(start, end))
    return out


def _tab_shape(raw: str) -> tuple[str, ...] | None:
    """A line of a document whose columns are set with tab stops (a Word letter typed without a
    table): ("both", left, right) for 'Nơi nhận:<TAB>KT. GIÁM ĐỐC', ("right", text) for a line
    that starts with a tab, ("left", text) for one without; None for a line of three parts."""
    parts = [p.strip() for p in raw.split("\t")]
    filled = [p for p in parts if p]
    if len(filled) == 2:
        return ("both", *filled)
    if len(filled) == 1:
        return ("right", filled[0]) if raw.startswith("\t") else ("left", filled[0])
    return None


def tab_closing(raw_lines: list[str]) -> dict[int, tuple[int, list[Part]]]:
    """The closing of lines whose columns are set with tab stops, as column_bands gives it: it
    starts at a line of two parts one of which is the Nơi nhận or an authority line; the Nơi nhận
    items (a dash, or the 'Lưu' item) go on in the left column, the signer's lines start with a
    tab; anything else ends it (a body paragraph indented with a tab never starts one)."""
    for i, raw in enumerate(raw_lines):
        shape = _tab_shape(raw) if "\t" in raw else None
        if not shape or shape[0] != "both" or not _is_closing([Part(i, shape[1], "left"), Part(i, shape[2], "right")]):
            continue
        parts, end = [Part(i, shape[1], "left"), Part(i, shape[2], "right")], i + 1
        for j in range(i + 1, len(raw_lines)):
            if not raw_lines[j].strip():
                continue  # a text file's blank lines: the space left for the signature
            shape = _tab_shape(raw_lines[j])
            if shape is None:
                break
            if shape[0] == "both":
                parts += [Part(j, shape[1], "left"), Part(j, shape[2], "right")]
            elif shape[0] == "right" or shape[1].startswith(ITEM_DASHES) or P.FILED_ITEM.match(shape[1]):
                parts.append(Part(j, shape[1], shape[0]))
            else:
                break
            end = j + 1
        return {i: (end, parts)}
    return {}


def tab_header(raw_lines: list[str]) -> dict[int, tuple[int, list[Part]]]:
    """The header of a text whose two columns are set with tabs (a Word or OCR program's text
    export: 'UBND TỈNH LÀO CAI<TAB>CỘNG HÒA XÃ HỘI ...', 'Số: 12/SXD-QLN<TAB>Lào Cai, ngày ...'),
    as column_bands gives it: from a line of two parts whose right one is the quốc hiệu or the
    tiêu ngữ, over the lines of two parts or one, and the V/v lines under them with no tab, to a
    blank line, Kính gửi or a line of more parts. Read as rows of a table, such a header was no
    header at all."""
    for i, raw in enumerate(raw_lines[:MAX_HEADER_START]):
        shape = _tab_shape(raw) if "\t" in raw else None
        if not shape or shape[0] != "both" or not (P.quoc_hieu(shape[2]) or P.TIEU_NGU_ANY.search(shape[2])):
            continue
        parts, end = [Part(i, shape[1], "left"), Part(i, shape[2], "right")], i + 1
        for j in range(i + 1, len(raw_lines)):
            raw = raw_lines[j]
            shape = _tab_shape(raw) if raw.strip() else None
            if shape is None or P.KINH_GUI.match(raw.strip()):
                break
            parts += [Part(j, shape[1], "left"), Part(j, shape[2], "right")] if shape[0] == "both" \
                else [Part(j, shape[1], shape[0])]
            end = j + 1
        return {i: (end, parts)}
    return {}


MAX_HEADER_START = 12  # raw lines from the top where a header set with tabs may start
