"""Load a .docx letter with python-docx: paragraphs and tables in document order.

Word letters put the header and the closing in borderless 2-column tables; those are read as
left column then right column (like a PDF's header band), real tables as rows of cells.
"""
from __future__ import annotations

import io

from ..errors import InputError
from ..types import Line, Loaded, Page


def _is_layout_table(table) -> bool:
    """A 1-2 row, 2-column table without data: the header or the signature block."""
    try:
        return len(table.columns) == 2 and len(table.rows) <= 3
    except Exception:
        return False


def load_docx(data: bytes) -> Loaded:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise InputError("the .docx file is corrupt or not a Word document") from None

    lines: list[Line] = []
    tables = 0

    def para_line(p, column=None):
        text = p.text.strip()
        if not text:
            return None
        bold = any(r.bold for r in p.runs if r.text.strip())
        italic = any(r.italic for r in p.runs if r.text.strip())
        centered = p.alignment is not None and int(p.alignment) == 1
        return Line(text=text, bold=bold, italic=italic, centered=centered, column=column)

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            line = para_line(Paragraph(child, document))
            if line:
                lines.append(line)
        elif tag == "tbl":
            table = Table(child, document)
            if _is_layout_table(table):
                for col_index, column in enumerate(("left", "right")):
                    for row in table.rows:
                        cell = row.cells[col_index]
                        for p in cell.paragraphs:
                            line = para_line(p, column)
                            if line:
                                lines.append(line)
            else:
                for row in table.rows:
                    cells = tuple(" ".join(c.text.split()) for c in row.cells)
                    lines.append(Line(text="\t".join(cells), cells=cells, table=tables))
                tables += 1
    if not lines:
        raise InputError("the .docx file has no text")
    return Loaded(format="docx", pages=[Page(number=1, lines=lines, text_source="text")], text_source="text")
