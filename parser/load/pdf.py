"""Load a PDF: positioned words per page from the text layer (pdfplumber), ruled tables,
and, for pages without a usable text layer, OCR words (parser.ocr) when enabled.

Only reading happens here; turning words into lines and columns is parser.layout's job.
"""
from __future__ import annotations

import dataclasses
import io
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re

from . import layer, limits, signing
from .. import glyphcodes
from . import pdfium as pdfium_text
from ..budget import NO_BUDGET, TimeBudget
from ..errors import InputError
from ..settings import Settings
from ..types import Loaded, Page, RawTable, SignatureStamp, Word

# Words of the digital-signature stamp that a signing service overlays on scans; they are
# no evidence that the page has a text layer of its own.
STAMP_WORD = re.compile(
    r"(?i)^(ký|bởi|cơ|quan|thời|gian|ngày|ký:|bởi:|quan:|gian:|\S+@\S+|\d{1,2}[./]\d{1,2}[./]\d{4}|"
    r"\d{1,2}:\d{2}(:\d{2})?|[+-]\d{2}:\d{2}|trung|tâm|công|báo|và|tin|học)$"
)
BOLD_FONT = re.compile(r"(?i)bold|black|heavy|semibold|,b\b|-b\b")
ITALIC_FONT = re.compile(r"(?i)italic|oblique|,i\b|-i\b")
MIN_VISIBLE_SIZE = 0.1  # points: a character drawn smaller is invisible, not the letter's text
MIN_TEXT_WORDS = 25  # fewer real words than this on a page with an image: treat as a scan


@lru_cache(maxsize=1)
def _first_pages_pdf() -> type:
    """pdfplumber's PDF whose `pages` are only the first `page_limit` of the page tree: pdfminer
    builds a page object for every page before the first is read (100,000 empty pages took 13 s
    of CPU to open), and no more than Settings.max_pages are ever read. `more_pages` says
    whether the tree goes on after them."""
    import itertools

    import pdfplumber
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.utils.exceptions import PdfminerException

    class FirstPages(pdfplumber.PDF):
        page_limit: int = 0
        more_pages: bool = False

        @property
        def pages(self) -> list:
            if hasattr(self, "_pages"):  # pdfplumber's own cache (flush_cache empties it)
                return self._pages
            try:
                first = list(itertools.islice(PDFPage.create_pages(self.doc), self.page_limit + 1))
            except Exception as exc:  # as pdfplumber's own page loop wraps them
                raise PdfminerException(exc) from exc
            self.more_pages = len(first) > self.page_limit
            self._pages, doctop = [], 0
            for i, page_obj in enumerate(first[: self.page_limit], start=1):
                p = pdfplumber.page.Page(self, page_obj, page_number=i, initial_doctop=doctop)
                self._pages.append(p)
                doctop += p.height
            return self._pages

        def close(self) -> None:
            """pdfplumber's close empties the page cache, then walks `pages`: it would build them again."""
            built = getattr(self, "_pages", [])
            self.flush_cache()
            for page in built:
                page.close()
            if not self.stream_is_external:
                self.stream.close()

    return FirstPages


def _open(data: bytes, max_pages: int):
    """The PDF open in pdfplumber with its first `max_pages` pages built."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = _first_pages_pdf().open(io.BytesIO(data))
        pdf.page_limit = max_pages
        _ = pdf.pages  # forces the page tree to be read
        return pdf
    except PDFPasswordIncorrect:
        raise InputError("the PDF is encrypted (password protected); decrypt it first, e.g. qpdf --decrypt") from None
    except PDFSyntaxError:
        raise InputError("the PDF is corrupt (cannot read its structure)") from None
    except Exception as exc:  # pdfminer raises many kinds on broken files (pdfplumber wraps them)
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
        name = type(inner or exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError("the PDF is encrypted (password protected); decrypt it first") from None
        raise InputError(f"the PDF cannot be read ({name})") from None


def _white(color) -> bool:
    """A fill colour that is white (gray 1, RGB 1 1 1, CMYK 0 0 0 0)."""
    if color is None:
        return False
    values = tuple(color) if isinstance(color, (tuple, list)) else (color,)
    try:
        values = tuple(float(v) for v in values)
    except (TypeError, ValueError):
        return False
    return (len(values) in (1, 3) and all(v >= 0.98 for v in values)) or (len(values) == 4 and all(v <= 0.02 for v in values))


def _visible(obj) -> bool:
    """Not a character a reader cannot see: white fill (white on white) or zero size."""
    if obj.get("object_type") != "char":
        return True
    # zero-size, not merely small: an OCR layer's glyphs may be scaled to a fraction of a point
    return not _white(obj.get("non_stroking_color")) and float(obj.get("size") or 0) >= MIN_VISIBLE_SIZE


def _words(page, number: int, hidden_boxes: list | None = None) -> list[Word]:
    hidden = _hidden_chars(page, hidden_boxes)
    if hidden or any(not _visible(c) for c in page.chars):
        # invisible text is not the letter's (a hidden 'Số: 9999/...')
        page = page.filter(lambda obj: _visible(obj) and id(obj) not in hidden)
    return _to_words(page.extract_words(**pdfium_text.WORD_OPTIONS), number)


def _decoded_page(page, modes: dict[str, str]):
    """A pdfplumber page whose characters are decoded (parser.glyphcodes: fonts in glyph ids),
    for its words and its tables; `modes` carries the fonts decided from page to page."""
    chars, found = glyphcodes.decode_chars(page.chars, modes)
    modes.update(found)
    decoded = page.filter(lambda obj: True)
    decoded._objects = {**page.objects, "char": chars}  # pdfplumber's FilteredPage keeps its objects here
    return decoded


def _hidden_chars(page, boxes: list | None) -> set[int]:
    """ids of the page's characters that a reader does not see: those standing where pdfium
    finds the same character hidden (clipped away, render mode 3: parser.load.pdfium.hidden_text_boxes,
    in its frame from 0,0); pdfminer keeps no clip paths or render modes."""
    if not boxes:
        return set()
    by_text: dict[str, list] = {}
    for x0, top, x1, bottom, text in boxes:
        by_text.setdefault(text, []).append((x0, top, x1, bottom))
    dx, dy = float(page.bbox[0]), float(page.bbox[1])  # pdfplumber keeps the media box's offset
    slack = pdfium_text.CLIP_SLACK
    out = set()
    for c in page.chars:
        x, y = (c["x0"] + c["x1"]) / 2 - dx, (c["top"] + c["bottom"]) / 2 - dy
        if any(x0 - slack <= x <= x1 + slack and top - slack <= y <= bottom + slack
               for x0, top, x1, bottom in by_text.get(c["text"], ())):
            out.add(id(c))
    return out


def _pdfium_hidden(doc, i: int) -> list:
    """The hidden text boxes of page i (1-based) of an open pdfium document, [] when pdfium
    cannot read the page (the pdfplumber engine reads it as before)."""
    if doc is None:
        return []
    try:
        page = doc[i - 1]
        try:
            tp = page.get_textpage()
            try:
                return pdfium_text.hidden_text_boxes(page, tp, pdfium_text.frame(page))
            finally:
                tp.close()
        finally:
            page.close()
    except Exception:  # noqa: BLE001 - a page pdfium cannot walk
        return []


def _to_words(raw: list[dict], number: int) -> list[Word]:
    """pdfplumber word records (from either engine) as congvan Words."""
    out = []
    emphasis: dict[str, tuple[bool, bool]] = {}  # font name -> (bold, italic): a page has a few fonts
    for w in raw:
        font = w.get("fontname") or ""
        if font not in emphasis:
            emphasis[font] = (bool(BOLD_FONT.search(font)), bool(ITALIC_FONT.search(font)))
        bold, italic = emphasis[font]
        # positional: Word's own field order (text, x0, x1, top, bottom, page, size, bold, italic)
        out.append(Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), number,
                        round(float(w.get("size") or 0), 1) or None, bold, italic))
    return out


TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _tables(page, number: int, settings: Settings) -> list[RawTable]:
    if not settings.tables:
        return []
    try:
        tables = page.find_tables(table_settings=TABLE_SETTINGS)
        index = pdfium_text.CharIndex(page.chars) if tables else None
        found = [pdfium_text.FoundTable(tuple(t.bbox), pdfium_text.cell_rows(t, index)) for t in tables]
    except Exception:
        return []
    return _kept_tables(found, number)


def _kept_tables(found, number: int) -> list[RawTable]:
    """pdfplumber tables (from either engine's page) that are tables, as RawTables."""
    out = []
    for t in found:
        rows = t.extract()
        # ruled lines around a title or a signature box are not a table: want two rows
        # with two filled cells each, or a header of three cells over an (empty) form row
        filled = [sum(1 for c in r if c and c.strip()) for r in rows]
        if sum(1 for f in filled if f >= 2) < 2 and not (len(rows) >= 2 and filled[0] >= 3):
            continue
        out.append(RawTable(rows=tuple(tuple(c if c is None else " ".join(c.split()) for c in r) for r in rows),
                            page=number, bbox=tuple(float(v) for v in t.bbox)))
    return out


def _pdfium_tables(page, page_chars: list[dict], fr, pdf, number: int, settings: Settings) -> list[RawTable]:
    """The ruled tables of a page in the pdfium engine whose path objects could rule one
    (pdfium.has_rulings, asked by the caller): pdfplumber's finder on pdfium's edges and
    characters; pdfplumber's own page (pdfminer's layout) when a cell's lines could read otherwise."""
    try:
        found = pdfium_text.find_tables(page, page_chars, fr, TABLE_SETTINGS, settings.layer.object_depth)
    except Exception:
        found = None
    if found is None:
        return _tables_moved(pdf.page(number), number, settings)
    return _kept_tables(found, number)


def _tables_moved(page, number: int, settings: Settings) -> list[RawTable]:
    """pdfplumber's tables in the pdfium engine's frame: pdfplumber keeps the media box's offset
    (a box from 30,50 puts the page's top-left corner at x=30, top=50), pdfium's words start at 0,0."""
    tables = _tables(page, number, settings)
    dx, dy = float(page.bbox[0]), float(page.bbox[1])
    if not (dx or dy):
        return tables
    return [RawTable(rows=t.rows, page=t.page, bbox=None if t.bbox is None else
                     (t.bbox[0] - dx, t.bbox[1] - dy, t.bbox[2] - dx, t.bbox[3] - dy)) for t in tables]

def _widget_pages(pdf, max_pages: int) -> frozenset[int]:
    """The pages (1-based) that carry a form widget (a signature field), among those that will be
    read. Each annotation is resolved one level only: pdfplumber's `page.annots` resolves
    everything and recurses without end on some signed PDFs."""
    from pdfminer.pdftypes import resolve1

    out = set()
    for i, page in enumerate(pdf.pages[:max_pages], start=1):
        for ref in resolve1(page.page_obj.annots) or []:
            annot = resolve1(ref)
            if isinstance(annot, dict) and getattr(annot.get("Subtype"), "name", None) == "Widget":
                out.add(i)
                break
    return frozenset(out)


MIN_FLATTENED_LAYER_CHARS = 100  # a PDF whose pages have fewer layer characters is a scan: widgets not drawn in


@dataclass
class _Reading:
    """What the page readers of one PDF gather, page by page (the loader's own scratch record:
    load_pdf turns it into a frozen Loaded)."""

    checks: limits.PageChecks
    surveys: dict[int, layer.PageSurvey] = field(default_factory=dict)
    sizes: dict[int, tuple[float, float]] = field(default_factory=dict)  # page -> pdfium's shown width, height
    widget_text: dict[int, str] = field(default_factory=dict)  # page -> text that only its widgets draw
    pages: list[Page] = field(default_factory=list)
    unread: dict[str, list[int]] = field(default_factory=dict)  # verdict -> pages sent to OCR
    damaged: list[tuple[int, str]] = field(default_factory=list)
    widgets_pending: bool = False  # pages flattened in place whose widget text the pdfium reader notes
    # page -> why it is not read: the limits walk's (checks.over) and the pages pdfium finds drawing
    # more objects than Settings.max_page_objects (layer.object_limit, before their text page is built)
    over: dict[int, str] = field(default_factory=dict)
    page_count: int | None = None  # the pages of the PDF as pdfium counts them (its page tree, no page built)

    def __post_init__(self) -> None:
        self.over.update(self.checks.over)

    def skipped(self, i: int) -> bool:
        """Over a limit or with a content stream that does not decode: not loaded by pdfium."""
        return i in self.over or i in self.checks.damaged

    def over_objects(self, page, i: int, settings: Settings) -> tuple[int, int] | None:
        """The loaded page's (images, paths), counted before its text page is built; None when it
        draws more objects than Settings.max_page_objects (recorded over: no engine reads it, nor OCR)."""
        counts, limit = layer.object_limit(page, i, settings.layer, settings.max_page_objects)
        if limit is not None:
            self.over[i] = limit.detail
            return None
        return counts


def _open_pdfium(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except Exception:  # encrypted or broken: _open says why
        return None


def _survey_pages(doc, settings: Settings, reading: _Reading, flatten: bool, budget: TimeBudget,
                  only: frozenset[int] | None = None) -> bool:
    """Survey every page that will be read (`only`: those of these numbers), each loaded once;
    with `flatten`, draw its form widgets into it afterwards (`doc` changed in place). False when
    pdfium cannot walk a page (pdfplumber then decides as before)."""
    import pypdfium2.raw as pdfium_c

    try:
        for i in range(1, min(len(doc), settings.max_pages) + 1):
            if budget.passed():
                break
            if reading.skipped(i) or i in reading.surveys or (only is not None and i not in only):
                continue
            page = doc[i - 1]
            try:
                counts = reading.over_objects(page, i, settings)
                if counts is None:  # over max_page_objects: no text page, not flattened
                    continue
                tp = page.get_textpage()
                try:
                    _survey(page, tp, i, settings, reading, counts)
                finally:
                    tp.close()
                if flatten:
                    pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_PRINT)
            finally:
                page.close()
    except Exception:  # noqa: BLE001 - a page pdfium cannot walk
        reading.surveys.clear()
        return False
    return True


def _survey(page, tp, i: int, settings: Settings, reading: _Reading, counts: tuple[int, int]) -> layer.PageSurvey:
    fr = pdfium_text.frame(page)
    reading.sizes[i] = (fr.width, fr.height)
    survey = reading.surveys[i] = layer.survey_page(page, tp, i, settings.layer, counts)
    return survey


def _widget_texts(doc, reading: _Reading, max_pages: int) -> None:
    """The text each page's flattened widgets add to it (pages reloaded after FPDFPage_Flatten)."""
    for i in range(1, min(len(doc), max_pages) + 1):
        if i in reading.surveys:
            page = doc[i - 1]
            try:
                tp = page.get_textpage()
                _note_widget_text(reading, i, tp.get_text_range())
                tp.close()
            finally:
                page.close()


def _note_widget_text(reading: _Reading, i: int, after: str) -> None:
    before = reading.surveys[i].layer_text if i in reading.surveys else ""
    if after.strip() != before.strip():
        reading.widget_text[i] = _added_lines(before, after)


def _added_lines(before: str, after: str) -> str:
    seen = {ln.strip() for ln in before.splitlines()}
    return "\n".join(ln.strip() for ln in after.splitlines() if ln.strip() and ln.strip() not in seen)


def _flatten(doc, data: bytes, widgets: frozenset[int], settings: Settings, reading: _Reading, engine: str,
             budget: TimeBudget):
    """Survey a PDF with form widgets and draw them into its pages, in the open `doc`.

    A signing service (e.g. SmartCA) can stamp the number and the day into a signature
    widget; its appearance is not page content, so a text extractor does not see it.
    Flattening makes it part of the page, where it is printed. A scan (its pages have no text
    of their own, as the survey counted) is not flattened: its widgets hold only the signing
    box, whose text is noted for the signature metadata. Returns (the document to read the
    pages from, whether it is flattened). The pdfium engine reads each flattened page's
    widget text as it reads the page (pdfium shows a flattened page once it is loaded again), and
    surveys here only the pages with widgets (`widgets`), the others as it reads them: a page is
    loaded once unless it has widgets; the rest are surveyed here only when the widget pages
    alone hold too little text to tell a letter from a scan."""
    only = widgets if engine == "pdfium" else None
    if not _survey_pages(doc, settings, reading, True, budget, only) or \
            (only is not None and not _has_layer(doc, settings, reading, budget)):
        doc.close()
        return _open_pdfium(data), False
    flattened = _layer_chars(reading) >= MIN_FLATTENED_LAYER_CHARS
    reading.widgets_pending = flattened and engine == "pdfium"
    if not reading.widgets_pending:
        _widget_texts(doc, reading, settings.max_pages)
    if not flattened:  # pages read as they are
        doc.close()
        doc = _open_pdfium(data)
    return doc, flattened


def _layer_chars(reading: _Reading) -> int:
    return sum(s.chars for s in reading.surveys.values())


def _has_layer(doc, settings: Settings, reading: _Reading, budget: TimeBudget) -> bool:
    """Surveyed pages enough to tell a letter from a scan (MIN_FLATTENED_LAYER_CHARS): the pages
    without widgets are surveyed too only when the widget pages' text falls short. False when
    pdfium cannot walk a page."""
    if _layer_chars(reading) >= MIN_FLATTENED_LAYER_CHARS:
        return True
    return _survey_pages(doc, settings, reading, False, budget)


class _LazyPdf:
    """pdfplumber's PDF of the bytes read (`source` gives them), opened on first use (the pdfium
    engine asks pdfminer only for a page whose table cells tie), or the one already open (`pdf`)."""

    def __init__(self, source, max_pages: int, pdf=None):
        self.source, self.max_pages, self.pdf, self.own = source, max_pages, pdf, pdf is None

    def page(self, i: int):
        if self.pdf is None:
            self.pdf = _open(self.source(), self.max_pages)
        return self.pdf.pages[i - 1]

    def close(self) -> None:
        if self.own and self.pdf is not None:
            self.pdf.close()


def _page_count(reading: _Reading, pdf) -> int | None:
    """The pages of a PDF longer than the pages built (_first_pages_pdf): pdfium's count of its
    page tree (the loader's one pdfium document, no page built); else the tree's own /Count;
    None if neither can say."""
    from pdfminer.pdftypes import resolve1

    if reading.page_count is not None:
        return reading.page_count
    try:  # pdfium cannot open what pdfminer did: the tree's word
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:  # noqa: BLE001
        return None


def _limit_warnings(reading: _Reading, pdf, settings: Settings) -> list[tuple[str, str, str | None]]:
    """The pages not read over a limit (the limits walk's and max_page_objects'), in page order,
    then the pages past max_pages (counted by pdfium: pdfplumber builds only the pages read)."""
    out = [("limit", f"page {number} is not read: {why}", f"page {number}")
           for number, why in sorted(reading.over.items())]
    if pdf.more_pages:
        n_pages = len(pdf.pages)
        total = _page_count(reading, pdf)
        has = f"{total:,} pages" if total and total > n_pages else f"more than {n_pages} pages"
        out.append(("truncated", f"the PDF has {has}; only the first {settings.max_pages} were read", None))
    return out


def load_pdf(data: bytes, settings: Settings, budget: TimeBudget = NO_BUDGET) -> Loaded:
    warnings: list[tuple[str, str, str | None]] = []
    notes: list[str] = []
    engine = _engine(settings)
    pdf = _open(data, settings.max_pages)
    try:
        reading = _Reading(limits.check_pages(pdf, settings, budget))
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise InputError("the PDF has no pages")
        data = _read_pages(data, pdf, settings, reading, engine, notes, budget)
        warnings += _limit_warnings(reading, pdf, settings)
        read_to = min(n_pages, settings.max_pages)
        if budget.passed() and len(reading.pages) < read_to:  # the deadline passed (parser.budget): pages read are kept
            warnings.append(("truncated", f"reading stopped {budget.message()}: {len(reading.pages)} of the "
                             f"{read_to} pages were read", f"pages {len(reading.pages) + 1}-{read_to}"))
    finally:
        pdf.close()
        _release_freed_memory()
    stamps: list[SignatureStamp] = []
    for number, text in sorted(reading.widget_text.items()):
        stamps += signing.read_stamps(text, number, "widget")
    for survey in reading.surveys.values():
        stamps += signing.read_stamps(survey.stamp_text, survey.number, "text")
    _unread_notes(reading, warnings, notes)
    pages = reading.pages
    scans = sorted(n for ns in reading.unread.values() for n in ns)
    ocr_started = time.monotonic()
    if scans:
        pages, data = _ocr_scans(data, pages, scans, settings, warnings, notes)
    ocr_seconds = time.monotonic() - ocr_started
    read = {p.text_source for p in pages} - {"none"}
    text_source = "none" if not read else "mixed" if len(read) > 1 else read.pop()
    return Loaded(format="pdf", pages=tuple(pages), text_source=text_source, warnings=tuple(warnings),
                  normalizations=tuple(notes), stamps=tuple(signing.dedupe(stamps)), pdf_data=data,
                  ocr_seconds=ocr_seconds)


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None (another C library, another system)."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _release_freed_memory() -> None:
    """Give the C heap that pdfium and pdfminer freed back to the system once the pages are read.
    pdfium keeps a document's fonts and page objects in its own heap (a signed 12-page letter:
    about 20 MiB), and glibc keeps what it frees for reuse by C code; the rest of the pipeline
    allocates in Python's own arenas, so that memory stayed resident to the end of a parse
    (laocai-qd2463's peak RSS 3 MiB lower, cv3298's 6 MiB; the call takes 0.1-4 ms)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _read_pages(data: bytes, pdf, settings: Settings, reading: _Reading, engine: str, notes: list,
                budget: TimeBudget) -> bytes:
    """Every page that will be read, surveyed and read into `reading` by the chosen engine, the
    pdfium document opened once; returns the bytes to OCR and crop the pages from: the PDF with
    its widgets drawn in when it was flattened and a page is left to OCR (pdfium saves the
    flattened document only then: 11 ms a signed letter), else `data`."""
    doc = _open_pdfium(data)
    if doc is not None:
        reading.page_count = len(doc)
    try:
        widgets = _widget_pages(pdf, settings.max_pages) if doc is not None else frozenset()
        flat = None  # the flattened document's bytes, saved when something reads them
        if widgets:
            doc, flattened = _flatten(doc, data, widgets, settings, reading, engine, budget)
            if flattened:
                notes.append("form widgets (signature stamps) drawn into the pages")
                flat = _Saved(doc, data)
        elif doc is not None and engine == "pdfplumber":
            _survey_pages(doc, settings, reading, False, budget)
        if engine == "pdfium" and doc is not None:
            tables_pdf = _LazyPdf(flat.bytes if flat else (lambda: data), settings.max_pages, None if flat else pdf)
            try:
                if _read_pdfium(doc, pdf, tables_pdf, settings, reading, budget):
                    return flat.bytes() if flat and reading.unread else data
            finally:
                tables_pdf.close()
            for gathered in (reading.pages, reading.unread, reading.damaged, reading.surveys):
                gathered.clear()  # pdfium cannot walk a page: pdfplumber reads the PDF
        read = flat.bytes() if flat else data
        plumber = _open(read, settings.max_pages) if read is not data else pdf
        try:
            _read_pdfplumber_pages(plumber, doc if reading.surveys else None, settings, reading, budget)
        finally:
            if plumber is not pdf:
                plumber.close()
        return read
    finally:
        if doc is not None:
            doc.close()


class _Saved:
    """The bytes of an open pdfium document (its widgets drawn into its pages), saved on first
    use; the bytes it was opened from when pdfium cannot save it."""

    def __init__(self, doc, original: bytes):
        self.doc, self.original, self.data = doc, original, None

    def bytes(self) -> bytes:
        if self.data is None:
            try:
                out = io.BytesIO()
                self.doc.save(out)
                self.data = out.getvalue()
            except Exception:  # noqa: BLE001 - pdfium cannot write it: the pages are OCR'd from the bytes given
                self.data = self.original
        return self.data


def _unread_notes(reading: _Reading, warnings: list, notes: list) -> None:
    """The warnings and notes on the pages not read from their text layer."""
    for number, why in reading.damaged:
        warnings.append(("page_unreadable", f"page {number}'s text layer is damaged ({why}): it is read by OCR "
                         "if OCR is on", f"page {number}"))
    for verdict, numbers in reading.unread.items():
        if verdict in ("mojibake", "no_diacritics"):
            why = "; ".join(f"page {n}: {reading.surveys[n].detail}" for n in numbers[:3])
            notes.append(f"text layer of page(s) {','.join(map(str, numbers))} is {verdict.replace('_', ' ')} ({why}): "
                         "read by OCR instead")
        elif verdict == "vector":
            notes.append(f"page(s) {','.join(map(str, numbers))} draw their text as vector outlines: read by OCR")


ENGINES = ("pdfium", "pdfplumber")


def _engine(settings: Settings) -> str:
    engine = getattr(settings, "pdf_engine", "pdfium")
    if engine not in ENGINES:
        raise ValueError(f"pdf_engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return engine


def _not_read(i: int, size: dict, reading: _Reading) -> Page | None:
    """The empty page of a page that is not read from its text layer (over a limit, a content
    stream that does not decode, a layer the survey sends to OCR or finds blank), recorded;
    None for a page to read."""
    if i in reading.over:
        return Page(**size, text_source="none")
    if i in reading.checks.damaged:
        return _damaged(i, reading.checks.damaged[i], size, reading)
    survey = reading.surveys.get(i)
    if survey is None or survey.verdict == "text":
        return None
    if survey.verdict != "blank":
        reading.unread.setdefault(survey.verdict, []).append(i)
    return Page(**size, text_source="none")


def _damaged(i: int, why: str, size: dict, reading: _Reading) -> Page:
    reading.damaged.append((i, why))
    reading.unread.setdefault("damaged", []).append(i)
    return Page(**size, text_source="none")


def _read_pdfplumber_pages(pdf, doc, settings: Settings, reading: _Reading, budget: TimeBudget) -> None:
    """Words and tables of the used text layers from pdfplumber (pdfminer's layout): the
    `pdfplumber` engine, and every PDF that pdfium could not survey; `doc` (pdfium) gives the
    clip paths and render modes pdfminer does not keep."""
    modes: dict[str, str] = {}
    for i, page in enumerate(pdf.pages[: settings.max_pages], start=1):
        if budget.passed():
            return
        survey = reading.surveys.get(i)
        size = dict(number=i, width=float(page.width), height=float(page.height))
        if (empty := _not_read(i, size, reading)) is not None:
            reading.pages.append(empty)
            continue
        try:
            if survey is not None and survey.detail == layer.GLYPH_IDS:
                page = _decoded_page(page, modes)
            words = _words(page, i, _pdfium_hidden(doc, i))
            scan = survey is None and _is_scan(page, words)  # pdfium could not survey: the old test
            tables = [] if scan else _tables(page, i, settings)
        except Exception as exc:  # a damaged content stream: pdfminer gives up on this page
            reading.pages.append(_damaged(i, _why(exc), size, reading))
            continue
        if scan:
            reading.unread.setdefault("image", []).append(i)
            reading.pages.append(Page(**size, words=tuple(words), text_source="none"))
            continue
        reading.pages.append(Page(**size, words=tuple(words), tables=tuple(tables), text_source="pdf_text"))
        page.flush_cache()


def _read_pdfium(doc, pdf, tables_pdf: _LazyPdf, settings: Settings, reading: _Reading, budget: TimeBudget) -> bool:
    """Words of the used text layers from pdfium's character API (parser.load.pdfium), tables
    from pdfplumber's finder on the pages whose path objects could rule one: the `pdfium`
    engine. Each page is loaded once for all of it: its survey (unless made already, when its
    widgets were drawn in), its widget text, its characters, words and tables. False when pdfium
    cannot survey a page (the pdfplumber engine then reads the PDF). A page drawing more objects
    than Settings.max_page_objects is counted before its text page is built, and not read.
    `pdf` (pdfplumber's) gives the sizes of the pages not read, `tables_pdf` the pages whose
    table cells tie."""
    modes: dict[str, str] = {}  # glyph-id fonts decided on earlier pages (parser.glyphcodes)
    for i in range(1, min(len(doc), settings.max_pages) + 1):
        if budget.passed():
            return True
        if reading.skipped(i):  # not loaded: pdfium would inflate a page over a limit
            reading.pages.append(_not_read(i, _plumber_size(pdf, i), reading))
            continue
        surveyed = i in reading.surveys
        if surveyed and reading.surveys[i].verdict != "text" and not reading.widgets_pending:
            width, height = reading.sizes[i]  # not read from its layer: not loaded again
            reading.pages.append(_not_read(i, dict(number=i, width=width, height=height), reading))
            continue
        page = doc[i - 1]
        try:
            try:
                counts = None if surveyed else reading.over_objects(page, i, settings)
                if not surveyed and counts is None:  # over max_page_objects: its text page is not built
                    reading.pages.append(_not_read(i, _plumber_size(pdf, i), reading))
                    continue
                tp = page.get_textpage()
                survey = reading.surveys[i] if surveyed else _survey(page, tp, i, settings, reading, counts)
            except Exception:  # noqa: BLE001 - a page pdfium cannot walk
                return False
            try:
                if surveyed and reading.widgets_pending:  # flattened in place: what its widgets add
                    _note_widget_text(reading, i, tp.get_text_range())
                reading.pages.append(_pdfium_page(page, tp, survey, tables_pdf, modes, settings, reading))
            finally:
                tp.close()
        finally:
            page.close()
    return True


def _plumber_size(pdf, i: int) -> dict:
    """The number and size of page i as pdfplumber reads it, for a page pdfium does not read."""
    page = pdf.pages[i - 1]
    return dict(number=i, width=float(page.width), height=float(page.height))


def _pdfium_page(page, tp, survey: layer.PageSurvey, pdf: _LazyPdf, modes: dict, settings: Settings,
                 reading: _Reading) -> Page:
    i = survey.number
    fr = pdfium_text.frame(page)
    size = dict(number=i, width=fr.width, height=fr.height)
    if (empty := _not_read(i, size, reading)) is not None:
        return empty
    try:
        fr = pdfium_text.reading_frame(page, tp)  # a turned page: the way its text reads
        size = dict(number=i, width=fr.width, height=fr.height)
        ruled = settings.tables and pdfium_text.has_rulings(page, settings.layer.object_depth)
        glyph_ids = survey.detail == layer.GLYPH_IDS
        page_chars = pdfium_text.chars(page, tp, fr, blanks=ruled or glyph_ids)  # blanks: cells, glyph ids
        if glyph_ids:
            page_chars, found = glyphcodes.decode_chars(page_chars, modes)
            modes.update(found)
        words = _to_words(pdfium_text.words(page_chars), i)
        tables = _pdfium_tables(page, page_chars, fr, pdf, i, settings) if ruled else []
    except Exception as exc:  # a page pdfium (or pdfminer, for its tables) cannot read
        return _damaged(i, _why(exc), size, reading)
    return Page(**size, words=tuple(words), tables=tuple(tables), text_source="pdf_text")


def _why(exc: BaseException) -> str:
    """'PdfminerException: Non-Ascii85 digit found' -> one short line naming the library's complaint."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = " ".join(str(inner).split())[:80]
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _is_scan(page, words: list[Word]) -> bool:
    real = [w for w in words if not STAMP_WORD.match(w.text)]
    return len(real) < MIN_TEXT_WORDS and bool(page.images)


def _ocr_scans(data: bytes, pages: list[Page], scans: list[int], settings: Settings,
               warnings: list, notes: list) -> tuple[list[Page], bytes]:
    """The pages with the image-only ones OCR'd, or said clearly why they were not read; and the
    PDF the OCR'd pages were read from: `data`, with the pages OCR found turned (a scan fed
    sideways) turned upright, so the crops read again match the words' frame."""
    where = "pages " + ",".join(map(str, scans))
    what = f"{len(scans)} page(s) are scanned images or have no usable text layer"
    if settings.ocr == "off":
        warnings.append(("image_only", f"{what}, and OCR is off (--ocr auto to read them)", where))
        return pages, data
    from .. import ocr

    if not ocr.available():
        warnings.append(("image_only", f"{what}, and Tesseract with the Vietnamese model is not installed "
                         "(apt-get install tesseract-ocr tesseract-ocr-vie)", where))
        return pages, data
    try:
        result = ocr.ocr_pdf_pages(data, scans, dpi=settings.ocr_dpi, jobs=settings.jobs)
    except ocr.OCRError as exc:
        warnings.append(("ocr_failed", str(exc), where))
        return pages, data
    out = []
    for p in pages:
        r = result.get(p.number)
        if r is None:
            out.append(p)
            continue
        # OCR reads the whole page, stamp overlay included
        out.append(dataclasses.replace(p, words=tuple(r.words), width=r.width, height=r.height, text_source="ocr"))
        if r.mean_conf is not None and r.mean_conf < settings.low_conf:
            warnings.append(("low_confidence", f"OCR confidence on page {p.number} is low ({r.mean_conf:.0f}/100)",
                             f"page {p.number}"))
    notes.append(f"OCR ({ocr.available()}) on {where}")
    turns = {n: r.rotation for n, r in result.items() if r.rotation}
    if turns:
        notes.append("turned upright for OCR: " + ", ".join(f"page {n} by {d}°" for n, d in turns.items()))
        data = ocr.turn_pages(data, turns)
    return out, data
