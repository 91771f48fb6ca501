"""Load a .docx letter with python-docx: paragraphs and tables in document order.

Word letters put the header and the closing in borderless 2-column tables; those are read as
left column then right column (like a PDF's header band), real tables as rows of cells.
"""
from __future__ import annotations

import io
from dataclasses import replace

from .. import patterns as P
from ..errors import InputError
from ..settings import Settings
from ..types import Line, Loaded, Page
from .text_columns import tab_closing

MAX_LAYOUT_ROWS = 3  # a header or signature table has at most this many rows
LAYOUT_COLUMNS = (2, 3)  # left | right, or left | spacer | right


def _layout_columns(table) -> tuple[int, int] | None:
    """(left, right) column indices when the table lays out the header or the closing (the
    issuer beside the quốc hiệu, Nơi nhận beside the signer) rather than holding data: at most
    three rows, two or three columns, and a cell that reads as one of those blocks."""
    try:
        n_cols, rows = len(table.columns), table.rows
        if n_cols not in LAYOUT_COLUMNS or len(rows) > MAX_LAYOUT_ROWS:
            return None
        texts = [[c.text for c in row.cells] for row in rows]
    except Exception:
        return None
    if n_cols == 2:
        return 0, 1
    lines = [ln.strip() for row in texts for cell in row for ln in cell.splitlines()]
    if not any(P.quoc_hieu(t) or P.NOI_NHAN.match(t) or P.AUTHORITY.match(t) for t in lines):
        return None
    right = max(range(1, n_cols), key=lambda j: sum(len(row[j].strip()) for row in texts))
    return 0, right


def check_inflated_sizes(data: bytes, settings: Settings) -> None:
    """Refuse a .docx whose parts inflate past the limits, before python-docx reads them all into
    memory: one part over `max_inflated_bytes`, or all of them over `max_bytes` (a zip bomb: a
    few KB of deflated spaces standing for 1 GiB of word/document.xml). The sizes are the central
    directory's; Python's zipfile never inflates an entry past the size stated there."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError("the .docx file is corrupt or not a Word document") from None
    mib = 2**20
    for info in infos:
        if info.file_size > settings.max_inflated_bytes:
            raise InputError(f"the .docx part {info.filename[:80]} inflates to {info.file_size / mib:.0f} MiB, more than "
                             f"the {settings.max_inflated_bytes / mib:.0f} MiB a part may have "
                             "(Settings.max_inflated_bytes)")
    total = sum(info.file_size for info in infos)
    if total > settings.max_bytes:
        raise InputError(f"the .docx inflates to {total / mib:.0f} MiB, more than the {settings.max_bytes / mib:.0f} MiB "
                         "a letter may have (Settings.max_bytes)")


def load_docx(data: bytes, settings: Settings) -> Loaded:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    check_inflated_sizes(data, settings)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise InputError("the .docx file is corrupt or not a Word document") from None

    lines: list[Line] = []
    tables = 0

    def para_lines(p, column=None) -> list[Line]:
        """A paragraph's lines: a manual line break (Shift+Enter) starts a new line, as printed;
        its tabs kept (a closing set with tab stops: _tab_columns)."""
        bold = any(r.bold for r in p.runs if r.text.strip())
        italic = any(r.italic for r in p.runs if r.text.strip())
        centered = p.alignment is not None and int(p.alignment) == 1
        return [Line(text=t.rstrip() if column is None else t.strip(), bold=bold, italic=italic, centered=centered,
                     column=column) for t in p.text.splitlines() if t.strip()]

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines += para_lines(Paragraph(child, document))
        elif tag == "tbl":
            table = Table(child, document)
            layout = _layout_columns(table)
            if layout is not None:
                for col_index, column in zip(layout, ("left", "right")):
                    for row in table.rows:
                        for p in row.cells[col_index].paragraphs:
                            lines += para_lines(p, column)
            else:
                for row in table.rows:
                    cells = tuple(" ".join(c.text.split()) for c in row.cells)
                    lines.append(Line(text="\t".join(cells), cells=cells, table=tables))
                tables += 1
    if not lines:
        raise InputError("the .docx file has no text")
    return Loaded(format="docx", pages=(Page(number=1, lines=tuple(_tab_columns(lines)), text_source="text"),),
                  text_source="text")


def _tab_columns(lines: list[Line]) -> list[Line]:
    """The paragraphs' lines with a closing set with tab stops ('Nơi nhận:<TAB>KT. GIÁM ĐỐC',
    '<TAB>Trần Văn M') split into its left and right column (text_columns.tab_closing), every
    other line stripped of its tabs at the ends."""
    # a table's line stands as a mark no closing line is (not as a blank, which tab_closing passes over)
    raws = [ln.text if ln.column is None and ln.cells is None else "\x00" for ln in lines]
    bands = tab_closing(raws)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if i in bands:
            end, parts = bands[i]
            out += [replace(lines[part.index], text=part.text, column=part.column) for part in parts]
            i = end
            continue
        ln = lines[i]
        out.append(replace(ln, text=ln.text.strip()) if ln.text != ln.text.strip() else ln)
        i += 1
    return out
