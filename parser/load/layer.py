"""What each PDF page's text layer is worth, decided before any word is laid out.

A page is read from its text layer only when that layer is the letter's text. Otherwise it
is OCR'd, whatever draws it:

- `image`: little text and one or more images (a scan, a phone capture);
- `vector`: little text and many path objects (glyphs drawn as outlines: "Microsoft: Print
  To PDF", `gs -dNoOutputFonts`), or Type3 glyphs with no Unicode;
- `mojibake`: the layer's letters are not Vietnamese and no legacy font table explains them
  (TCVN3, VNI, or the glyph ids of a Ghostscript rewrite: "6Ӣ CÔNG 7+ѬѪ1*", which
  parser.glyphcodes decodes; such a page is a `text` page whose detail is GLYPH_IDS);
- `no_diacritics`: an old OCR layer without tone marks ("BO CONG THIJoNG", "CVC H6A CHAT").

The survey uses pypdfium2 (object counts and raw page text in about a millisecond a page),
so pdfplumber's slower word extraction runs only on pages whose layer is used: a page of
3,000 outlined glyphs costs pdfminer 5 s to find no word in. Thresholds are `LayerSettings`.
"""
from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex as re

from ..budget import NO_BUDGET, TimeBudget
from ..encoding import detect_legacy
from ..glyphcodes import decode_text
from ..normalize import VIETNAMESE_LETTERS, fix_chars
from ..patterns import COPY_STAMP, SIGNATURE_STAMP
from ..settings import LayerSettings

# The letters Vietnamese is written with (precomposed, NFC), upper and lower case: the normaliser's.
VIETNAMESE_LETTER = re.compile(f"[{VIETNAMESE_LETTERS}]")
# A letter that only Vietnamese spelling has (a tone or vowel mark, or đ): "Độc", "hành".
MARKED_LETTER = re.compile(r"[^\x00-\x7f]")
# A token of the layer: letters, marks, digits and the punctuation inside words.
TOKEN = re.compile(r"\S+")

PDFIUM_TEXT, PDFIUM_PATH, PDFIUM_IMAGE, PDFIUM_FORM = 1, 2, 3, 5  # FPDF_PAGEOBJ_* types
GLYPH_IDS = "glyph-id fonts"  # the detail of a text page whose fonts parser.glyphcodes decodes


@dataclass(frozen=True)
class PageSurvey:
    """One page as pdfium sees it, and the verdict on its text layer."""

    number: int
    chars: int  # characters in the text layer, signing-stamp lines excluded
    images: int
    paths: int
    verdict: str  # "text" | "image" | "vector" | "mojibake" | "no_diacritics" | "blank" | "limit"
    detail: str = ""
    stamp_text: str = ""  # the signing-stamp lines of the layer, kept out of `chars` (parser.load.signing)
    layer_text: str = ""  # the page's whole text layer as pdfium reads it


@functools.lru_cache(maxsize=16384)
def _judged(token: str) -> tuple[str, bool, bool]:
    """(its letters and marks, one of them a letter Vietnamese does not use, one of them marked)
    for a token of the layer; cached: a letter's syllables repeat."""
    word = "".join(c for c in token if unicodedata.category(c)[0] in "LM")
    return word, any(not VIETNAMESE_LETTER.match(c) for c in word), bool(MARKED_LETTER.search(word))


def _judged_words(text: str) -> list[tuple[str, bool, bool]]:
    return [j for j in map(_judged, TOKEN.findall(text)) if len(j[0]) >= 2]


def _foreign(words: list[tuple[str, bool, bool]]) -> int:
    """Words holding a letter Vietnamese does not use."""
    return sum(1 for _, foreign, _ in words if foreign)


def text_verdict(text: str, settings: LayerSettings) -> tuple[str, str]:
    """("text" | "mojibake" | "no_diacritics", why) for a page's layer text (signing stamp removed)."""
    raw, text = text, fix_chars(text, Counter())  # NFC, the PDF code-point slips (ƣ for ư) fixed, as the normaliser will
    words = _judged_words(text)
    if len(words) < settings.min_judged_words:
        return "text", f"{len(words)} words: too few to judge"
    foreign = _foreign(words)
    marked = sum(1 for _, _, m in words if m)
    if foreign / len(words) > settings.max_foreign_share:
        if detect_legacy(text):  # TCVN3/VNI: converted later, from the layer itself
            return "text", "legacy font encoding"
        decoded = _judged_words(fix_chars(decode_text(raw), Counter()))
        if decoded and _foreign(decoded) / len(decoded) <= settings.max_foreign_share:
            return "text", GLYPH_IDS  # decoded by the loader, font by font
        return "mojibake", f"{foreign} of {len(words)} words hold letters Vietnamese does not use"
    if len(words) >= settings.min_words_for_marks and marked / len(words) < settings.min_marked_share:
        if detect_legacy(text):
            return "text", "legacy font encoding"
        return "no_diacritics", f"only {marked} of {len(words)} words carry a Vietnamese mark"
    return "text", ""


def _split_stamp(text: str) -> tuple[str, str]:
    """(the layer's text without signing-stamp lines, those lines)."""
    keep, stamp = [], []
    for ln in text.splitlines():
        (stamp if SIGNATURE_STAMP.search(ln.strip()) or COPY_STAMP.match(ln.strip()) else keep).append(ln)
    return "\n".join(keep), "\n".join(stamp)


def _count_objects(page, max_depth: int, max_objects: int | None = None) -> tuple[int, int, int]:
    """(images, paths, all objects) among the page's objects and those of its form XObjects down
    to `max_depth` levels (pypdfium2's page.get_objects(max_depth=...), counted through pdfium's
    own calls without a Python object each). A page whose own objects alone are more than
    `max_objects` is not walked."""
    import pypdfium2.raw as pdfium_c

    counts = {PDFIUM_IMAGE: 0, PDFIUM_PATH: 0}
    total = 0

    def walk(parent, count, get, level: int) -> None:
        nonlocal total
        n = count(parent)
        if n < 0:
            raise RuntimeError("pdfium cannot count the page's objects")
        total += n
        for k in range(n):
            obj = get(parent, k)
            if not obj:
                raise RuntimeError("pdfium cannot read a page object")
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind in counts:
                counts[kind] += 1
            elif kind == PDFIUM_FORM and level < max_depth - 1:
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, level + 1)

    raw = getattr(page, "raw", page)
    if max_objects is not None and pdfium_c.FPDFPage_CountObjects(raw) > max_objects:
        return 0, 0, pdfium_c.FPDFPage_CountObjects(raw)  # over the limit already: not walked
    walk(raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
    return counts[PDFIUM_IMAGE], counts[PDFIUM_PATH], total


def too_many_objects(objects: int, max_objects: int) -> str:
    """Why a page is not read when it draws more objects than Settings.max_page_objects."""
    return f"it draws {objects:,} objects, more than the {max_objects:,} a page may have (Settings.max_page_objects)"


def survey(doc, settings: LayerSettings, max_pages: int | None = None,
           skip: dict[int, str] | None = None, budget: TimeBudget = NO_BUDGET,
           max_objects: int | None = None) -> list[PageSurvey]:
    """Survey the pages of an open pypdfium2 document that will be read (the first `max_pages`),
    except those in `skip` (over a limit: parser.load.limits; not loaded, verdict "limit"), until
    the deadline passes (the pages not surveyed then are not read either). A page drawing more
    than `max_objects` objects (Settings.max_page_objects) gets the verdict "limit" too, its
    text page not built. The loader surveys each page with `object_limit` and `survey_page` on
    the page it then reads; this is the same, page by page."""
    out = []
    for i in range(len(doc) if max_pages is None else min(len(doc), max_pages)):
        if budget.passed():
            break
        if skip and i + 1 in skip:
            out.append(PageSurvey(i + 1, 0, 0, 0, "limit", skip[i + 1]))
            continue
        page = doc[i]
        try:
            counts, over = object_limit(page, i + 1, settings, max_objects)
            if over is not None:
                out.append(over)
                continue
            tp = page.get_textpage()
            try:
                out.append(survey_page(page, tp, i + 1, settings, counts))
            finally:
                tp.close()
        finally:
            page.close()
    return out


def object_limit(page, number: int, settings: LayerSettings,
                 max_objects: int | None) -> tuple[tuple[int, int], PageSurvey | None]:
    """The (images, paths) of one loaded pypdfium2 page (1-based `number`), counted before its
    text page is built, and its "limit" survey when it draws more than `max_objects` objects
    (Settings.max_page_objects: 200,000 text objects made get_textpage itself slow); None for a
    page to survey (survey_page, given the counts)."""
    images, paths, objects = _count_objects(page, settings.object_depth, max_objects)
    if max_objects is not None and objects > max_objects:
        return (images, paths), PageSurvey(number, 0, images, paths, "limit", too_many_objects(objects, max_objects))
    return (images, paths), None


def survey_page(page, textpage, number: int, settings: LayerSettings,
                counts: tuple[int, int] | None = None) -> PageSurvey:
    """The survey of one loaded pypdfium2 page (1-based `number`) and its text page; `counts`,
    its (images, paths) when object_limit counted them already."""
    images, paths = counts if counts is not None else _count_objects(page, settings.object_depth)[:2]
    layer_text = textpage.get_text_range()
    text, stamp_text = _split_stamp(layer_text)
    chars = len("".join(text.split()))  # the characters that are not white space (str.isspace)
    if chars < settings.min_layer_chars:
        verdict = "image" if images else "vector" if paths >= settings.min_outline_paths else \
            "text" if chars else "blank"
        return PageSurvey(number, chars, images, paths, verdict,
                          f"{chars} characters of text, {images} images, {paths} paths", stamp_text, layer_text)
    verdict, why = text_verdict(text, settings)
    return PageSurvey(number, chars, images, paths, verdict, why, stamp_text, layer_text)
