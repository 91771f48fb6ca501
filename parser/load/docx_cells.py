"""The header and the closing of a DOCX letter as a converter's text gives them: a table row's two
cells joined by ' | ', read back into lines.

A Word letter sets its header and its closing in a borderless table of two cells. Some DOCX-to-
text converters write each cell's paragraphs on lines of their own and join the two cells of a
row with ' | ', so that the last line of the left cell and the first line of the right one share
a line:

    BỘ NÔNG NGHIỆP VÀ
    MÔI TRƯỜNG
    ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    Độc lập - Tự do - Hạnh phúc
    Số: 1153/BNNMT-QLĐĐ
    V/v triển khai Nghị định số 49/2026/NĐ-CP của Chính phủ | Hà Nội, ngày 03 tháng 02 năm 2026
    Kính gửi: | - Hội đồng nhân dân các tỉnh, thành phố trực thuộc Trung ương;
    ...
    - Lưu: VT, QLĐĐ(CSPC, hue). | BỘ TRƯỞNG

Read as it stands, the V/v ran on into the date and the last Nơi nhận item into the signer's
post. Such a line is cut in two where the cells were joined, so that each cell's line stands on
its own, in reading order (the left cell's, then the right one's), when what the join separates
is a header's or a closing's element: the quốc hiệu, the tiêu ngữ or the place and date on the
right of a header line, Kính gửi on the left, an authority or a post on the right of a Nơi nhận
item. A row whose paragraphs the converter ran together with spaces is cut where they began
(the quốc hiệu, the tiêu ngữ, 'Số:'), and a signer's cell after an empty one ('| BỘ TRƯỞNG
Thượng tướng Tô Lâm') into its post and its name. A line with more than one join, or a body
table's row, is left as it is: the text loader reads the rows of such a table, their cells joined
the same way, with bar_cells (and a merged section row between them with bar_section_row).
"""
from __future__ import annotations

import regex as re

from .. import domain
from .. import patterns as P
from ..text import fold, is_upper

# Where a converter joined a row's two cells: ' | ' between two non-empty cells
CELL_JOIN = re.compile(r"^(?P<left>[^|\t]*\S)\s+\|\s+(?P<right>\S[^|\t]*)$")
MAX_HEADER_LINES = 20  # raw lines from the top where the header's rows stand
MAX_POST = 60  # characters of a signer's post or authority line
# A row whose left cell is empty, the right one after its bar: ' | BỘ TRƯỞNG Thượng tướng Tô Lâm'
EMPTY_LEFT = re.compile(r"^\s*\|\s+(?P<right>\S[^|\t]*)$")
# "Số:" after the issuer's name in the same cell ('BỘ CÔNG AN Số: 16/2018/TT-BCA')
NUMBER_INSIDE = re.compile(r"(?<=\S\s+)(?=S[ốô]\s*:\s*\S)")


BAR_ROW_NEAR = 2  # lines either side where a table row joined with ' | ' finds a row of its shape


def bar_joins(raw: str) -> int:
    """How many ' | ' join a line's cells (a Markdown row, with its leading pipe, is PIPE_ROW's)."""
    return 0 if raw.lstrip().startswith("|") else raw.count(" | ")


def bar_cells(raw_lines: list[str], i: int) -> tuple[str, ...] | None:
    """A body table's row, its cells joined by ' | ' ('1. | 1.013994 | Đăng ký, cấp Giấy chứng nhận
    ... | 3380/QĐ-BNNMT'): a line with a join whose shape (the number of joins) a line near it
    shares; a lone line with a bar is prose (or a header's or closing's row, split_cell_joins')."""
    n = bar_joins(raw_lines[i])
    near = range(max(0, i - BAR_ROW_NEAR), min(len(raw_lines), i + BAR_ROW_NEAR + 1))
    if n == 0 or not any(j != i and bar_joins(raw_lines[j]) == n for j in near):
        return None
    return tuple(c.strip() for c in raw_lines[i].split(" | "))


def bar_section_row(raw_lines: list[str], i: int) -> bool:
    """A line without a join before a row of a bar table: a row whose cells were merged ('A. THỦ
    TỤC HÀNH CHÍNH CẤP TỈNH' between the header row and the first data row)."""
    nxt = next((j for j in range(i + 1, len(raw_lines)) if raw_lines[j].strip()), None)
    return nxt is not None and raw_lines[i].strip() != "" and bar_cells(raw_lines, nxt) is not None


def _header_join(right: str) -> bool:
    return bool(P.quoc_hieu(right) or P.TIEU_NGU_ANY.search(right) or (P.DATE_LINE.match(right) and len(right) < 80))


def _closing_join(left: str, right: str) -> bool:
    """A Nơi nhận line (its title, an item, the 'Lưu' item) joined to an upper-case line of the
    signer's block (an authority, a post), no number."""
    listed = P.NOI_NHAN.match(left) or left.startswith(("-", "–", "+")) or P.FILED_ITEM.match(left)
    return bool(listed and len(right) <= MAX_POST and is_upper(right) and not right[:1].isdigit())


def _cell_lines(cell: str) -> list[str]:
    """A header cell whose paragraphs a converter ran together with spaces, cut where they began:
    'BỘ CÔNG AN Số: 16/2018/TT-BCA', 'CỘNG HÒA ... VIỆT NAM Độc lập - Tự do - Hạnh phúc Hà Nội, ngày
    15 tháng 5 năm 2018' (the quốc hiệu, the tiêu ngữ, the number and the date as lines of their own)."""
    cuts = {0, len(cell)}
    for pattern in (P.QUOC_HIEU, P.TIEU_NGU_ANY, NUMBER_INSIDE):
        cuts.update(m.start() for m in pattern.finditer(cell))
    if (tieu_ngu := P.TIEU_NGU_ANY.search(cell)) is not None:
        cuts.add(tieu_ngu.end())  # what follows the tiêu ngữ in its cell: the place and date
    bounds = sorted(cuts)
    return [piece for a, b in zip(bounds, bounds[1:]) if (piece := cell[a:b].strip())]


def _signer_cell(cell: str) -> list[str] | None:
    """A signer's cell run together, with an empty cell before it ('| BỘ TRƯỞNG Thượng tướng Tô
    Lâm'): its upper-case post or authority, then the rest (a rank, the name); None when the
    upper-case words are no known post or authority."""
    words = cell.split()
    k = next((k for k, w in enumerate(words) if not is_upper(w)), len(words))
    head = " ".join(words[:k])
    if not 0 < k < len(words) or not (P.AUTHORITY.match(head) or fold(head) in domain.position_keys()):
        return None
    return domain.title_lines(" ".join(words[:k])) + [" ".join(words[k:])]


def _list_items(cell: str) -> list[str]:
    """A Nơi nhận cell whose items a converter ran together ('Nơi nhận: - Như trên; - Chủ tịch UBND
    tỉnh; - Lưu: VT, KT.'): its title and each item on a line of its own."""
    return [piece.strip() for piece in LIST_ITEM_START.split(cell) if piece.strip()]


# Where an item of a run-together Nơi nhận cell starts: a dash after the title's colon or the
# item before it's ';' (or '.')
LIST_ITEM_START = re.compile(r"(?<=[:;.])\s+(?=[-–+]\s)")
# Empty cells a converter wrote after a header row's only cell with text: ' |  | ' at the line's end
EMPTY_TAIL = re.compile(r"(?<=\S)(?:\s+\|)+\s*$")
# Cells a converter wrote for a row's empty spacer column: ' |  | ' between the two cells
EMPTY_MIDDLE = re.compile(r"(?<=\S)\s+\|\s+\|\s+(?=\S)")


def split_cell_joins(raw_lines: list[str]) -> list[str]:
    """The text's raw lines with each header or closing line that joins two cells cut in two."""
    out: list[str] = []
    for i, raw in enumerate(raw_lines):
        if i < MAX_HEADER_LINES and 0 < bar_joins(raw) <= 2:
            raw = EMPTY_TAIL.sub("", raw)  # 'V/v tăng cường ... trên địa bàn |  | ': the row's empty cells
        if (e := EMPTY_LEFT.match(raw)) is not None and (signer := _signer_cell(e["right"].strip())):
            out += signer
            continue
        if out and P.AUTHORITY.match(out[-1]) and (signer := _signer_cell(raw.strip())):
            out += signer  # the signer's cell goes on under its authority: 'PHÓ CHỦ TỊCH Nguyễn Thành Sinh'
            continue
        joined = EMPTY_MIDDLE.sub(" | ", raw) if raw.count(" | ") == 2 else raw
        m = CELL_JOIN.match(joined) if bar_joins(joined) else None
        if m is not None:
            left, right = m.group("left").strip(), m.group("right").strip()
            if i < MAX_HEADER_LINES and _header_join(right):
                out += _cell_lines(left) + _cell_lines(right)
                continue
            if P.KINH_GUI.match(left):
                out += [left, right]
                continue
            if _closing_join(left, right):  # each cell's paragraphs may have run together
                out += _list_items(left) + domain.title_lines(right)
                continue
            if P.NOI_NHAN.match(left) and (signer := _signer_cell(right)):
                out += _list_items(left) + signer  # the closing's row, each cell's paragraphs run together
                continue
        out.append(raw)
    return out
