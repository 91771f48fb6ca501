"""Load a PDF: positioned words per page from the text layer (pdfplumber), ruled tables,
and, for pages without a usable text layer, OCR words (parser.ocr) when enabled.

Only reading happens here; turning words into lines and columns is parser.layout's job.
"""
from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass
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
        out.append(Word(text=w["text"], x0=float(w["x0"]), x1=float(w["x1"]), top=float(w["top"]),
                        bottom=float(w["bottom"]), page=number, size=round(float(w.get("size") or 0), 1) or None,
                        bold=bold, italic=italic))
    return out


TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _tables(page, number: int, settings: Settings) -> list[RawTable]:
    if not settings.tables:
        return []
    try:
        found = page.find_tables(table_settings=TABLE_SETTINGS)
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
    """The ruled tables of a page in the pdfium engine: none unless its path objects could rule
    one; pdfplumber's finder on pdfium's edges and characters; pdfplumber's own page (pdfminer's
    layout) when pdfium's coordinates sit on a tolerance of the cell reading."""
    if not settings.tables or not pdfium_text.has_rulings(page, settings.layer.object_depth):
        return []
    try:
        found = pdfium_text.find_tables(page, page_chars, fr, TABLE_SETTINGS, settings.layer.object_depth)
    except Exception:
        found = None
    if found is None:
        return _tables_moved(pdf.pages[number - 1], number, settings)
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

def _has_widgets(pdf, max_pages: int) -> bool:
    """Does any page carry a form widget (a signature field)? Each annotation is resolved one
    level only: pdfplumber's `page.annots` resolves everything and recurses without end on some
    signed PDFs."""
    from pdfminer.pdftypes import resolve1

    for page in pdf.pages[:max_pages]:  # the pages that will be read
        for ref in resolve1(page.page_obj.annots) or []:
            annot = resolve1(ref)
            if isinstance(annot, dict) and getattr(annot.get("Subtype"), "name", None) == "Widget":
                return True
    return False


@dataclass(frozen=True)
class _Flattened:
    data: bytes | None  # the PDF with its widgets drawn into the pages, when that is the letter's text
    widget_text: dict[int, str]  # page -> text that only the widgets draw (signing stamps, a stamped number)


def _flatten_widgets(doc, surveys: dict[int, layer.PageSurvey], max_pages: int, over: dict[int, str]) -> _Flattened:
    """Draw the form widgets into the pages of the open pdfium `doc`, and say what text they added.

    A signing service (e.g. SmartCA) can stamp the number and the day into a signature
    widget; its appearance is not page content, so a text extractor does not see it.
    Flattening makes it part of the page, where it is printed. A scan (its pages have no text
    of their own, as the survey counted) is not replaced: its widgets hold only the signing
    box, whose text is returned for the signature metadata. `doc` is changed in place."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    layer_chars = sum(s.chars for s in surveys.values())
    try:
        for i in range(min(len(doc), max_pages)):
            if i + 1 not in over:  # a page over a limit is not loaded (pdfium would inflate its content)
                pdfium_c.FPDFPage_Flatten(doc[i], pdfium_c.FLAT_PRINT)
        out = io.BytesIO()
        doc.save(out)
        flat = out.getvalue()
        widget_text = {}
        again = pdfium.PdfDocument(flat)  # flattened pages read as a reader of the saved file sees them
        try:
            for i in range(min(len(again), max_pages)):
                if i + 1 in over:
                    continue
                tp = again[i].get_textpage()
                text = tp.get_text_range()
                tp.close()
                before = surveys[i + 1].layer_text if i + 1 in surveys else ""
                if text.strip() != before.strip():
                    widget_text[i + 1] = _added_lines(before, text)
        finally:
            again.close()
        return _Flattened(flat if layer_chars >= 100 else None, widget_text)
    except Exception:
        return _Flattened(None, {})


def _added_lines(before: str, after: str) -> str:
    seen = {ln.strip() for ln in before.splitlines()}
    return "\n".join(ln.strip() for ln in after.splitlines() if ln.strip() and ln.strip() not in seen)


def _survey_and_widgets(data: bytes, settings: Settings, widgets: bool, over: dict[int, str],
                        budget: TimeBudget = NO_BUDGET) -> tuple[dict, _Flattened]:
    """The pdfium survey of every page and, when the PDF has widgets, their flattening: one
    pdfium document for both. An empty survey (pdfium cannot open or walk the file) leaves the
    scan test to pdfplumber. A page the survey finds drawing more objects than
    Settings.max_page_objects is added to `over` (neither engine reads it then)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except Exception:  # encrypted or broken: _open says why
        return {}, _Flattened(None, {})
    try:
        try:
            surveys = {s.number: s for s in layer.survey(doc, settings.layer, settings.max_pages, skip=over,
                                                         budget=budget, max_objects=settings.max_page_objects)}
        except Exception:  # a page pdfium cannot walk: pdfplumber decides as before
            return {}, _Flattened(None, {})
        over.update({n: s.detail for n, s in surveys.items() if s.verdict == "limit" and n not in over})
        return surveys, (_flatten_widgets(doc, surveys, settings.max_pages, over) if widgets else _Flattened(None, {}))
    finally:
        doc.close()


def _page_count(data: bytes, pdf) -> int | None:
    """The pages of a PDF longer than the pages built (_first_pages_pdf): pdfium counts its page
    tree without building the pages; else the tree's own /Count; None if neither can say."""
    import pypdfium2 as pdfium
    from pdfminer.pdftypes import resolve1

    try:
        doc = pdfium.PdfDocument(data)
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - pdfium cannot open what pdfminer did: the tree's word
        try:
            return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
        except Exception:  # noqa: BLE001
            return None


def load_pdf(data: bytes, settings: Settings, budget: TimeBudget = NO_BUDGET) -> Loaded:
    warnings: list[tuple[str, str, str | None]] = []
    notes: list[str] = []
    pdf = _open(data, settings.max_pages)
    over = limits.oversized_pages(pdf, settings, budget)
    surveys, flat = _survey_and_widgets(data, settings, _has_widgets(pdf, settings.max_pages), over, budget)
    for number, why in sorted(over.items()):
        warnings.append(("limit", f"page {number} is not read: {why}", f"page {number}"))
    stamps: list[SignatureStamp] = []
    for number, text in flat.widget_text.items():
        stamps += signing.read_stamps(text, number, "widget")
    if flat.data is not None:
        pdf.close()
        data = flat.data
        pdf = _open(data, settings.max_pages)
        notes.append("form widgets (signature stamps) drawn into the pages")
    for survey in surveys.values():
        stamps += signing.read_stamps(survey.stamp_text, survey.number, "text")
    pages: list[Page] = []
    unread: dict[str, list[int]] = {}
    damaged: list[tuple[int, str]] = []
    engine = _engine(settings)
    try:
        n_pages = len(pdf.pages)
        if n_pages == 0:
            raise InputError("the PDF has no pages")
        if pdf.more_pages:
            total = _page_count(data, pdf)
            has = f"{total:,} pages" if total and total > n_pages else f"more than {n_pages} pages"
            warnings.append(("truncated", f"the PDF has {has}; only the first {settings.max_pages} were read", None))
        if engine == "pdfium" and surveys:
            _read_pdfium(data, pdf, surveys, settings, pages, unread, damaged, over, budget)
        else:
            _read_pdfplumber(data, pdf, surveys, settings, pages, unread, damaged, over, budget)
        read_to = min(n_pages, settings.max_pages)
        if budget.passed() and len(pages) < read_to:  # the deadline passed (parser.budget): the pages read are kept
            warnings.append(("truncated", f"reading stopped {budget.message()}: {len(pages)} of the "
                             f"{read_to} pages were read", f"pages {len(pages) + 1}-{read_to}"))
    finally:
        pdf.close()

    for number, why in damaged:
        warnings.append(("page_unreadable", f"page {number}'s text layer is damaged ({why}): it is read by OCR "
                         "if OCR is on", f"page {number}"))
    for verdict, numbers in unread.items():
        if verdict in ("mojibake", "no_diacritics"):
            why = "; ".join(f"page {n}: {surveys[n].detail}" for n in numbers[:3])
            notes.append(f"text layer of page(s) {','.join(map(str, numbers))} is {verdict.replace('_', ' ')} ({why}): "
                         "read by OCR instead")
        elif verdict == "vector":
            notes.append(f"page(s) {','.join(map(str, numbers))} draw their text as vector outlines: read by OCR")
    scans = sorted(n for ns in unread.values() for n in ns)
    ocr_started = time.monotonic()
    if scans:
        _ocr_scans(data, pages, scans, settings, warnings, notes)
    ocr_seconds = time.monotonic() - ocr_started
    read = {p.text_source for p in pages} - {"none"}
    text_source = "none" if not read else "mixed" if len(read) > 1 else read.pop()
    return Loaded(format="pdf", pages=pages, text_source=text_source, warnings=warnings, normalizations=notes,
                  stamps=signing.dedupe(stamps), pdf_data=data, ocr_seconds=ocr_seconds)


ENGINES = ("pdfium", "pdfplumber")


def _engine(settings: Settings) -> str:
    engine = getattr(settings, "pdf_engine", "pdfium")
    if engine not in ENGINES:
        raise ValueError(f"pdf_engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return engine


def _skip_unused(i: int, survey, size: dict, pages: list[Page], unread: dict) -> bool:
    """A page whose text layer the survey sends to OCR (or finds blank): recorded, not read."""
    if survey is None or survey.verdict == "text":
        return False
    if survey.verdict != "blank":
        unread.setdefault(survey.verdict, []).append(i)
    pages.append(Page(**size, text_source="none"))
    return True


def _read_pdfplumber(data: bytes, pdf, surveys: dict, settings: Settings, pages: list[Page], unread: dict,
                     damaged: list, over: dict[int, str], budget: TimeBudget = NO_BUDGET) -> None:
    """Words and tables of the used text layers from pdfplumber (pdfminer's layout): the
    `pdfplumber` engine, and every PDF that pdfium could not survey."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data) if surveys else None  # for the clip paths and render modes pdfminer does not keep
    except Exception:  # noqa: BLE001
        doc = None
    try:
        _read_pdfplumber_pages(pdf, doc, surveys, settings, pages, unread, damaged, over, budget)
    finally:
        if doc is not None:
            doc.close()


def _read_pdfplumber_pages(pdf, doc, surveys: dict, settings: Settings, pages: list[Page], unread: dict,
                           damaged: list, over: dict[int, str], budget: TimeBudget) -> None:
    modes: dict[str, str] = {}
    for i, page in enumerate(pdf.pages[: settings.max_pages], start=1):
        if budget.passed():
            return
        survey = surveys.get(i)
        size = dict(number=i, width=float(page.width), height=float(page.height))
        if i in over:  # over a limit (parser.load.limits): not read
            pages.append(Page(**size, text_source="none"))
            continue
        if _skip_unused(i, survey, size, pages, unread):
            continue
        try:
            if survey is not None and survey.detail == layer.GLYPH_IDS:
                page = _decoded_page(page, modes)
            words = _words(page, i, _pdfium_hidden(doc, i))
            scan = survey is None and _is_scan(page, words)  # pdfium could not survey: the old test
            tables = [] if scan else _tables(page, i, settings)
        except Exception as exc:  # a damaged content stream: pdfminer gives up on this page
            damaged.append((i, _why(exc)))
            unread.setdefault("damaged", []).append(i)
            pages.append(Page(**size, text_source="none"))
            continue
        if scan:
            unread.setdefault("image", []).append(i)
            pages.append(Page(**size, words=words, text_source="none"))
            continue
        pages.append(Page(**size, words=words, tables=tables, text_source="pdf_text"))
        page.flush_cache()


def _read_pdfium(data: bytes, pdf, surveys: dict, settings: Settings, pages: list[Page], unread: dict,
                 damaged: list, over: dict[int, str], budget: TimeBudget = NO_BUDGET) -> None:
    """Words of the used text layers from pdfium's character API (parser.load.pdfium), tables
    from pdfplumber's finder on the pages whose path objects could rule one: the `pdfium`
    engine. pdfminer lays out only those pages' characters."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    modes: dict[str, str] = {}  # glyph-id fonts decided on earlier pages (parser.glyphcodes)
    try:
        for i in range(1, min(len(doc), settings.max_pages) + 1):
            if budget.passed():
                return
            if i in over:  # over a limit (parser.load.limits): not loaded, pdfium would inflate it
                page = pdf.pages[i - 1]
                pages.append(Page(number=i, width=float(page.width), height=float(page.height), text_source="none"))
                continue
            page = doc[i - 1]
            try:
                fr = pdfium_text.frame(page)
                size = dict(number=i, width=fr.width, height=fr.height)
                if _skip_unused(i, surveys.get(i), size, pages, unread):
                    continue
                try:
                    tp = page.get_textpage()
                    try:
                        fr = pdfium_text.reading_frame(page, tp)  # a turned page: the way its text reads
                        size = dict(number=i, width=fr.width, height=fr.height)
                        page_chars = pdfium_text.chars(page, tp, fr)
                        if surveys[i].detail == layer.GLYPH_IDS:
                            page_chars, found = glyphcodes.decode_chars(page_chars, modes)
                            modes.update(found)
                        words = _to_words(pdfium_text.words(page_chars), i)
                        tables = _pdfium_tables(page, page_chars, fr, pdf, i, settings)
                    finally:
                        tp.close()
                except Exception as exc:  # a page pdfium (or pdfminer, for its tables) cannot read
                    damaged.append((i, _why(exc)))
                    unread.setdefault("damaged", []).append(i)
                    pages.append(Page(**size, text_source="none"))
                    continue
                pages.append(Page(**size, words=words, tables=tables, text_source="pdf_text"))
            finally:
                page.close()
    finally:
        doc.close()


def _why(exc: BaseException) -> str:
    """'PdfminerException: Non-Ascii85 digit found' -> one short line naming the library's complaint."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    text = " ".join(str(inner).split())[:80]
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _is_scan(page, words: list[Word]) -> bool:
    real = [w for w in words if not STAMP_WORD.match(w.text)]
    return len(real) < MIN_TEXT_WORDS and bool(page.images)


def _ocr_scans(data: bytes, pages: list[Page], scans: list[int], settings: Settings,
               warnings: list, notes: list) -> None:
    """OCR the image-only pages in place, or say clearly why they were not read."""
    where = "pages " + ",".join(map(str, scans))
    what = f"{len(scans)} page(s) are scanned images or have no usable text layer"
    if settings.ocr == "off":
        warnings.append(("image_only", f"{what}, and OCR is off (--ocr auto to read them)", where))
        return
    from .. import ocr

    if not ocr.available():
        warnings.append(("image_only", f"{what}, and Tesseract with the Vietnamese model is not installed "
                         "(apt-get install tesseract-ocr tesseract-ocr-vie)", where))
        return
    try:
        result = ocr.ocr_pdf_pages(data, scans, dpi=settings.ocr_dpi, jobs=settings.jobs)
    except ocr.OCRError as exc:
        warnings.append(("ocr_failed", str(exc), where))
        return
    for p in pages:
        r = result.get(p.number)
        if r is None:
            continue
        p.words = list(r.words)  # OCR reads the whole page, stamp overlay included
        p.width, p.height = r.width, r.height
        p.text_source = "ocr"
        if r.mean_conf is not None and r.mean_conf < settings.low_conf:
            warnings.append(("low_confidence", f"OCR confidence on page {p.number} is low ({r.mean_conf:.0f}/100)",
                             f"page {p.number}"))
    notes.append(f"OCR ({ocr.available()}) on {where}")
