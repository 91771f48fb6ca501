"""Plain data passed between pipeline stages (load -> normalize -> layout -> segment -> extract).

Every stage takes and returns these small immutable records; nothing here does I/O.
Coordinates are PDF points (1/72 inch) from the top-left corner of the page, whatever
the source (a digital PDF's text layer, or OCR words scaled back from the page image).
Text loaders (.txt, .md, .docx) produce lines without coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One word as positioned on a page (from pdfplumber or Tesseract)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 1-based
    size: float | None = None  # font size in points (pdf) or word height (ocr)
    bold: bool = False
    italic: bool = False
    conf: float | None = None  # OCR confidence 0..100, None for a text layer
    line: int | None = None  # OCR: the engine's own line (Tesseract's block, paragraph, line), one number a page


@dataclass(frozen=True)
class Line:
    """One visual line of text (or one source line of a text file).

    `column` is "left"/"right" inside two-column bands (the header: issuer | quốc hiệu;
    the closing: Nơi nhận | signer), None elsewhere. `heading` is the markdown heading
    level (#..######) a converted text gave the line, `bold`/`italic` the emphasis seen.
    """

    text: str
    page: int = 1
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    column: str | None = None
    heading: int | None = None
    centered: bool = False
    indent: bool = False  # starts right of the body's left margin (first-line indent)
    cells: tuple[str, ...] | None = None  # a table row (tab-separated or a ruled PDF table row)
    table: int | None = None  # rows of one table share this id
    conf: float | None = None
    blank_before: bool = False
    low_conf_words: tuple[str, ...] = ()  # OCR words on the line read with low confidence
    # where the line stands in the letter's text (parser.spans): its place among the normalised
    # lines, and the column of that line it starts at (a part split off by the segmenter);
    # None when the text is not a part of that line
    seq: int | None = None
    col: int | None = 0


@dataclass(frozen=True)
class RawTable:
    """A table as found on a page or in a text: rows of cell strings, top to bottom."""

    rows: tuple[tuple[str | None, ...], ...]
    page: int = 1
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class SignatureStamp:
    """A signing box ("Ký bởi / Cơ quan / Thời gian ký") or a copy stamp ("SAO Y") as printed."""

    kind: str  # "signing" | "copy"
    page: int
    where: str  # "widget" (a signature field's appearance) | "text" (the page's own text)
    signer: str | None = None
    organization: str | None = None
    email: str | None = None
    time: str | None = None  # ISO 8601, with the offset when printed
    raw: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    number: int
    width: float | None = None
    height: float | None = None
    words: tuple[Word, ...] = ()
    lines: tuple[Line, ...] = ()
    tables: tuple[RawTable, ...] = ()
    text_source: str = "text"  # "pdf_text" | "ocr" | "text" | "none"


@dataclass(frozen=True)
class Loaded:
    """What a loader returns: pages plus what it noticed on the way."""

    format: str  # "pdf" | "text" | "markdown" | "docx"
    pages: tuple[Page, ...]
    text_source: str  # "pdf_text" | "ocr" | "text" | "none"
    warnings: tuple[tuple[str, str, str | None], ...] = ()  # (code, message, where)
    normalizations: tuple[str, ...] = ()
    stamps: tuple[SignatureStamp, ...] = ()  # signing boxes and copy stamps (metadata)
    # the PDF its OCR'd pages were read from (for crops read again: parser.reread): with its
    # widgets drawn in when it was flattened and a page was OCR'd, else the bytes given
    pdf_data: bytes | None = None
    ocr_seconds: float = 0.0  # wall time spent in OCR (not counted by the deadline: parser.deadline)
