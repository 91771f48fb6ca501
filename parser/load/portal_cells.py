"""The header and the closing of a letter copied from a legal portal, read back into their lines.

Legal portals publish a letter's header and closing as an HTML table of two cells, and a page
saved or converted to Markdown keeps that table as pipe rows whose cells hold each cell's
printed lines run together with spaces (what a reader sees as four lines is one):

    | VĂN PHÒNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --- |
    | --- | --- |
    | Số: 3479/VPCP-NN *V/v xây dựng Đề án ...* | *Hà Nội, ngày 26 tháng 5 năm 2021* |
    | Kính gửi: | - Bộ Nông nghiệp và Phát triển nông thôn; - Ủy ban nhân dân tỉnh Quảng Nam. |
    ...
    | *Nơi nhận:* - Như trên; - TTgCP, Phó TTg Lê Văn Thành; - Lưu: VT, NN (2). | KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Nguyễn Cao Lục |

Read as a data table, such a letter had no header and no closing at all. Here a table whose
first row is the header (the quốc hiệu or the tiêu ngữ in its right cell), the Kính gửi or the
closing (the Nơi nhận, an authority line) is read as text_columns reads a band: each cell's
lines as the left or the right column (`Part`), in row order; a Kính gửi row's lines in no column.
A cell is cut back into its lines where the page's lines must have broken: at an emphasised
run (`*V/v ...*`, the portal's italics), at a rule of dashes, at a run of spaces (the blank
left for the signature), before the tiêu ngữ, before each list item (`; - `), before each
authority (`TL. BỘ TRƯỞNG KT. CỤC TRƯỞNG ...`) and before the signer's own post when a known
one ends the authority's run (`KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM`).
"""
from __future__ import annotations

import regex as re

from .. import domain
from .. import patterns as P
from .text_columns import Part

# A Markdown pipe row: "| left | right |"
PIPE_ROW = re.compile(r"^\s*\|(?P<cells>.+)\|\s*$")
# A pipe table's rule row: "| --- | --- |"
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$"
                       r"|^\s*\|\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|\s*$")  # between pipes one dash will do: '| :-- | --: |'
# An emphasised run inside a cell (Markdown's italics or bold): "*V/v xây dựng ...*", "**KT. ...**"
EMPHASIS = re.compile(r"\*{1,2}([^*]+?)\*{1,2}")
# Two runs of the same emphasis with only a space between them are one run the converter split
# where the formatting changed: "*Hà Nội, ngày 02 tháng* *5 năm 2024*" is one date line
EMPHASIS_SPLIT = re.compile(r"(?<=[^\s*])(\*{1,2})(\s+)\1(?=[^\s*])")
# A rule printed under the issuer or the quốc hiệu, set as characters: "-------", "___", "———"
RULE = re.compile(r"\s*[-_–—=]{3,}\s*")
# The spaces a portal leaves for the signature or between a cell's paragraphs
WIDE_GAP = re.compile(r"\s{3,}")
# A list item of Kính gửi or Nơi nhận starting inside the run: "...; - Ủy ban", "...: - Như trên"
ITEM_START = re.compile(r"(?:(?<=[;:.,])|(?<=^))\s*(?=[-–+•]\s+\S)")
# "(Đã ký)", "(đã ký và đóng dấu)": the portal's mark for the signature
SIGNED_MARK = re.compile(r"\s*\((?i:đã\s+ký[^)]*)\)\s*")


def _cells(raw: str) -> list[str] | None:
    m = PIPE_ROW.match(raw)
    return [c.strip() for c in m.group("cells").split("|")] if m else None


def _bare(cell: str) -> str:
    return cell.replace("*", "").strip()


def _row_kind(cells: list[str]) -> str | None:
    """'header', 'address' (Kính gửi) or 'closing' for a row of two cells that is one, else None."""
    if len(cells) != 2:
        return None
    left, right = _bare(cells[0]), _bare(cells[1])
    if P.quoc_hieu(right) or P.TIEU_NGU_ANY.search(right):
        return "header"
    if P.KINH_GUI.match(left):
        return "address"
    if P.NOI_NHAN.match(left) or P.AUTHORITY.match(right) or P.REPRESENTATIVE.match(right):
        return "closing"
    return None


def _before_tieu_ngu(text: str) -> list[str]:
    m = P.TIEU_NGU_ANY.search(text)
    return [text[:m.start()], text[m.start():]] if m else [text]


def _lines_of(cell: str) -> list[str]:
    """A cell's printed lines, cut where the page's lines broke (module docstring), one cut after
    another."""
    runs: list[str] = []
    pos = 0
    cell = EMPHASIS_SPLIT.sub(r"\2", cell)
    for m in EMPHASIS.finditer(cell):  # an emphasised run is a line (or lines) of its own
        runs += [cell[pos:m.start()], m.group(1)]
        pos = m.end()
    runs.append(cell[pos:])
    pieces = [SIGNED_MARK.sub("   ", run.replace("*", "")) for run in runs]
    for cut in (WIDE_GAP.split, RULE.split, _before_tieu_ngu, ITEM_START.split, P.VV_AFTER_NUMBER.split):
        pieces = [p for piece in pieces for p in cut(piece)]
    lines: list[str] = []
    for item in (p.strip() for p in pieces):
        if item:
            lines += domain.title_lines(item) if P.AUTHORITY.match(item) else [item]
    return lines


def portal_bands(raw_lines: list[str]) -> dict[int, tuple[int, list[Part]]]:
    """The header, Kính gửi and closing tables of a page's raw lines, as text_columns'
    column_bands gives its bands: {first index: (end index, parts in row order)}."""
    out: dict[int, tuple[int, list[Part]]] = {}
    i = 0
    while i < len(raw_lines):
        cells = _cells(raw_lines[i])
        if cells is None or _row_kind(cells) is None:
            i += 1
            continue
        start, parts = i, []
        while i < len(raw_lines):
            raw = raw_lines[i]
            if PIPE_RULE.match(raw):
                i += 1
                continue
            cells = _cells(raw)
            if cells is None or len(cells) != 2:
                break
            address = _row_kind(cells) == "address"
            for column, cell in zip(("left", "right"), cells):
                parts += [Part(i, line, None if address else column) for line in _lines_of(cell)]
            i += 1
        out[start] = (i, parts)
    return out
