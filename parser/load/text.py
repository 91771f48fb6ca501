"""Load a text or markdown letter into lines.

Tables in converted text come in three shapes, all turned into rows of cells here:
- tab-separated lines (`T T\tDự án, Nhiệm vụ\tMục tiêu ...`), one row per line;
- markdown pipes (`| TT | Tên |`);
- one cell per line (the 43/2008/QĐ-TTg seed): each cell starts with a tab, a cell may wrap
  onto following lines without the tab, rows are separated by blank lines (a blank line may
  also fall inside a row; rows are re-formed to the header's cell count).
"""
from __future__ import annotations

import codecs
import itertools
import unicodedata

import regex as re

from ..errors import InputError
from ..types import Line, Loaded, Page
from ..glyphcodes import decode_words, glyph_text
from .docx_cells import bar_cells, bar_joins, bar_section_row, split_cell_joins
from .portal_cells import PIPE_RULE, PIPE_ROW, portal_bands
from .text_columns import column_bands, tab_closing, tab_header

FORM_FEED = "\f"


# A text is UTF-8 with some bytes damaged (not a legacy 8-bit file) when its valid non-ASCII
# UTF-8 characters outnumber its invalid sequences this many times (a short letter with 20
# damaged places: 140 against 39); a TCVN3/VNI or Windows-1258 file read as UTF-8 has next to none.
DAMAGED_UTF8_RATIO = 3

LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every other byte is mostly NUL (Latin text in UTF-16 with
    no BOM, as some Windows tools write it), else None."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, codec). UTF-8 (with or without BOM; surrogate pairs written as CESU-8
    joined), UTF-16 with or without BOM, else cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    wide = _utf16_without_bom(data)
    if wide:
        return data.decode(wide, errors="replace"), f"{wide} (no BOM)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # CESU-8: a character outside the BMP written as two 3-byte surrogates
        text = data.decode("utf-8", errors="surrogatepass")
        return text.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace"), "utf-8 (CESU-8 surrogates)"
    except UnicodeError:
        pass
    # Legacy 8-bit files (TCVN3/VNI era) or damaged UTF-8: a single-byte decoding keeps
    # every byte; the legacy-font converter decides later whether it is mojibake.
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    good = sum(1 for c in damaged if c > "\x7f") - bad  # non-ASCII characters UTF-8 did decode
    if bad <= max(2, len(data) // 2000) or good >= DAMAGED_UTF8_RATIO * bad:
        return damaged, "utf-8 (damaged)"
    if _reads_as_cp1258(data):
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), "windows-1258"
    return data.decode("cp1252", errors="replace"), "cp1252"


def _reads_as_cp1258(data: bytes) -> bool:
    """Windows-1258 (Vietnamese, tone marks as combining characters after the letter) rather than
    a legacy font encoding read through cp1252: most of its non-ASCII words are Vietnamese
    syllables, and the legacy converter does not claim the cp1252 reading."""
    from ..encoding import detect_legacy, is_vietnamese_syllable

    sample = data[:20000]
    words = [w for w in unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace")).split()
             if not w.isascii()]
    words = [w.strip(".,;:()\"'") for w in words]
    if len(words) < 5:
        return False
    good = sum(1 for w in words if w and is_vietnamese_syllable(w))
    return good >= 0.7 * len(words) and detect_legacy(sample.decode("cp1252", errors="replace")) is None


def _split_pages(text: str) -> list[str]:
    return text.split(FORM_FEED) if FORM_FEED in text else [text]


def _is_cell_line(raw: str) -> bool:
    return raw.startswith("\t")


def _blocks(raw_lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) index ranges of runs of non-blank lines."""
    out, start = [], None
    for i, raw in enumerate(raw_lines):
        if raw.strip() or raw.startswith("\t"):
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(raw_lines)))
    return out


def _cells_of_block(raw_lines: list[str], start: int, end: int) -> list[str] | None:
    """Cells of a one-cell-per-line block, or None if the block is not of that shape."""
    if not _is_cell_line(raw_lines[start]):
        return None
    cells: list[str] = []
    for raw in raw_lines[start:end]:
        if _is_cell_line(raw):
            if "\t" in raw[1:].strip():  # a tab-separated row, not one cell per line
                return None
            cells.append(raw.strip())
        elif cells:
            cells[-1] = (cells[-1] + " " + raw.strip()).strip()
    return cells


def _cell_per_line_tables(raw_lines: list[str]) -> dict[int, tuple[int, list[list[str]]]]:
    """Find one-cell-per-line tables. Returns {first line index: (end index, rows)}."""
    blocks = []
    plain = _blocks(raw_lines)
    for start, end in plain:
        # a title line right above the header cells ("NHÓM B. NGUỒN VỐN SỰ NGHIỆP") is text,
        # and the table starts at the first cell line
        first = next((k for k in range(start, end) if _is_cell_line(raw_lines[k])), None)
        blocks.append((first, end) if first is not None and first > start else (start, end))
    titled = {b for b, (start, _) in zip(blocks, plain) if b[0] != start}
    found: dict[int, tuple[int, list[list[str]]]] = {}
    i = 0
    while i < len(blocks):
        header = _cells_of_block(raw_lines, *blocks[i])
        if not header or len(header) < 2 or any(len(c) > 120 for c in header):
            i += 1
            continue
        width = len(header)
        rows, pending, j = [header], [], i + 1
        while j < len(blocks):
            cells = _cells_of_block(raw_lines, *blocks[j])
            if cells is None or blocks[j] in titled:  # a titled block starts another table
                break
            pending += cells
            if len(pending) >= width:
                rows.append(pending[:width])
                if len(pending) > width:  # overflow: not this table's shape
                    rows.append(pending[width:])
                pending = []
            j += 1
        if pending:
            rows.append(pending)
        if len(rows) >= 2:
            found[blocks[i][0]] = (blocks[j - 1][1], rows)
            i = j
        else:
            i += 1
    return found


def _tab_cells(raw: str, in_table: bool) -> tuple[str, ...] | None:
    """A tab-separated row. Prose never holds a tab, so any tabbed line is a row, but a table
    only starts at a line with two non-empty cells (a lone indented line is not a table)."""
    if "\t" not in raw:
        return None
    cells = tuple(c.strip() for c in raw.rstrip("\n").split("\t"))
    filled = sum(1 for c in cells if c)
    if filled < (1 if in_table else 2):
        return None
    return cells


def _pipe_cells(raw: str) -> tuple[str, ...] | None:
    m = PIPE_ROW.match(raw)
    if not m:
        return None
    return tuple(c.strip() for c in m.group("cells").split("|"))


def text_to_lines(text: str, page_no: int, table_ids: list[int]) -> list[Line]:
    """One page of text -> Lines; table rows carry `cells` and a shared `table` id."""
    # every line break Unicode has: CR LF, CR, and NEL, LINE and PARAGRAPH SEPARATOR, VT, FF
    raw_lines = split_cell_joins(LINE_BREAK.split(text))
    per_line_tables = _cell_per_line_tables(raw_lines)
    bands = {**tab_header(raw_lines), **tab_closing(raw_lines), **column_bands(raw_lines), **portal_bands(raw_lines)}
    out: list[Line] = []
    blank = False
    i = 0
    current_table: int | None = None
    bar_table = False  # the current table's rows are joined with ' | '
    while i < len(raw_lines):
        if i in bands and i not in per_line_tables:  # the header's or the closing's two columns (text_columns)
            end, parts = bands[i]
            for part in parts:
                out.append(Line(text=part.text, page=page_no, column=part.column,
                                blank_before=part.index > 0 and not raw_lines[part.index - 1].strip()))
            blank, current_table, i = False, None, end
            continue
        if i in per_line_tables:
            end, rows = per_line_tables[i]
            table_ids.append(len(table_ids))
            tid = table_ids[-1]
            for row in rows:
                out.append(Line(text="\t".join(row), page=page_no, cells=tuple(row), table=tid,
                                blank_before=blank))
                blank = False
            current_table = None
            i = end
            continue
        raw = raw_lines[i]
        i += 1
        if PIPE_RULE.match(raw) and current_table is not None:
            continue
        cells = _pipe_cells(raw) or _tab_cells(raw, current_table is not None) or bar_cells(raw_lines, i - 1)
        if cells is None and bar_table and current_table is not None and bar_section_row(raw_lines, i - 1):
            cells = (raw.strip(), "")
        bar_table = cells is not None and (bar_table or bar_joins(raw) > 0)
        if cells is not None and len(cells) >= 2:
            if current_table is None:
                table_ids.append(len(table_ids))
                current_table = table_ids[-1]
            out.append(Line(text="\t".join(cells), page=page_no, cells=cells, table=current_table,
                            blank_before=blank))
            blank = False
            continue
        if not raw.strip():
            blank = True
            # a blank line inside a tab table does not end it; a non-table line does
            continue
        current_table = None
        indent = len(raw) - len(raw.lstrip(" \t"))
        out.append(Line(text=raw.strip(), page=page_no, blank_before=blank, indent=indent >= 2))
        blank = False
    return out


# Markdown (or a text saved from it) written with HTML inline, as converters and transcriptions do ('<div style="...">',
# '<strong>ĐẠI HỌC QUỐC GIA HÀ NỘI</strong><br>'): the tags of layout and emphasis, and <br>
HTML_TAG = re.compile(r"(?i)</?(?:div|span|p|strong|b|em|i|u|sup|sub|center|font|br|hr|table|tbody|thead|tr|td|th)\b[^>]{0,300}>")
HTML_BREAK = re.compile(r"(?i)<br\s*/?>\s*")
MIN_HTML_TAGS = 3  # a text (.md or .txt) with this many is written with HTML; a letter's own text has none


# A YAML front matter at the top of a Markdown export ('---' / 'title: ...' / 'source_url: ...' /
# '---'): the exporter's metadata, not the letter; at most FRONT_MATTER_LINES lines
FRONT_MATTER_LINES = 60
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:(?!---[ \t]*\r?$)[^\n]*\n){1,%d}?---[ \t]*(?:\r?\n|\Z)"
                          % FRONT_MATTER_LINES)
# A mark only Markdown writes: a heading's '# ' at a line's start, a bold run '**...**'; a .txt
# with MIN_MD_SIGNS of them in its first MD_SNIFF_CHARS characters is Markdown saved as text
MD_SIGN = re.compile(r"(?m)^#{1,6}\s+\S|\*\*[^*\n]{1,200}\*\*")
MIN_MD_SIGNS = 4
MD_SNIFF_CHARS = 20_000


def _has_pipe_rule(text: str) -> bool:
    """A pipe table's rule row between pipes ('| :-- | --: |', '|---|---|'): only Markdown writes
    one, so a .txt holding it is Markdown (a VJU letter's number-and-date table)."""
    return any(PIPE_RULE.match(raw) and raw.strip().startswith("|") for raw in text.splitlines())


def _without_html(text: str) -> str:
    """The Markdown's text without its HTML tags: a <br> breaks the line, a block tag (div, p, tr)
    stands on a line of its own and goes, an inline one (strong, em) goes."""
    text = HTML_BREAK.sub("\n", text)
    return HTML_TAG.sub("", text)


def load_text(data: bytes, *, markdown: bool) -> Loaded:
    text, codec = decode(data)
    if not text.strip():
        raise InputError("the file is empty (no text to parse)")
    if "\x00" in text:
        raise InputError("the file is binary, not a text letter")
    notes = [] if codec in ("utf-8", "utf-8-sig") else [f"decoded as {codec}"]
    composed = unicodedata.normalize("NFC", text)
    if composed != text:  # a decomposed file (NFD, a Mac's): the header's words are found on composed text
        text = composed
        notes.append("composed to NFC (the text was decomposed)")
    if glyph_text(text):  # pdftotext's output of a PDF layer in glyph ids: decoded before lines are cut
        text = decode_words(text)
        notes.append("a text written out of a PDF layer in glyph ids (Ghostscript's rewrite of a Word PDF) "
                     "decoded word by word")
    if (front := FRONT_MATTER.match(text)) is not None:
        text = text[front.end():]
        notes.append(f"a front matter of {front.group(0).count(chr(10)) - 1} line(s) (---) before the letter left out")
    if sum(1 for _ in itertools.islice(HTML_TAG.finditer(text), MIN_HTML_TAGS)) >= MIN_HTML_TAGS:
        text = _without_html(text)
        notes.append("HTML tags removed (a <br> is a line break)")
    if not markdown and (sum(1 for _ in itertools.islice(MD_SIGN.finditer(text[:MD_SNIFF_CHARS]), MIN_MD_SIGNS))
                         >= MIN_MD_SIGNS or _has_pipe_rule(text[:MD_SNIFF_CHARS])):
        markdown = True  # a Markdown file saved as .txt: its marks are read as Markdown's
        notes.append("read as Markdown (headings, bold marks or a pipe table's rule in a .txt)")
    pages, table_ids = [], []
    for n, chunk in enumerate(_split_pages(text), start=1):
        pages.append(Page(number=n, lines=tuple(text_to_lines(chunk, n, table_ids)), text_source="text"))
    return Loaded(format="markdown" if markdown else "text", pages=tuple(pages), text_source="text",
                  normalizations=tuple(notes))
