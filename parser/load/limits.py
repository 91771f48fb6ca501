"""How much a PDF page would inflate, measured before any library draws or lays it out.

pdfium and pdfminer inflate a page's content streams whole before reading an operator: a few
KB of Flate standing for 1 GiB of `q Q` takes the process past a gigabyte in a second. Here
each page that will be read (the first `Settings.max_pages`) is measured from pdfminer's raw
objects, inflating into a counter, never into memory past the limit:

- its content streams and the form XObjects it draws (to `LayerSettings.object_depth`, each
  once a page, a form drawing itself counted once), all together at most
  `Settings.max_inflated_bytes` of operators;
- its images at most `Settings.max_image_pixels` (a 40,000 x 40,000 image decodes to
  gigabytes when the page is rendered for OCR).

A page over a limit is not read at all (by neither engine, nor OCR) and gets a `limit`
warning; the other pages are read.

The same walk notices a content stream that does not decode (ASCII85 or hex digits that are
not, Flate data that does not inflate or whose Adler-32 checksum differs: bytes of the stream
were changed): pdfminer gives up on such a page or reads it garbled, pdfium reads what it can of it without a word, so the loader reports
the page as `page_unreadable` whichever engine reads it (`PageChecks.damaged`). Filters measured: FlateDecode (what bombs use),
ASCIIHexDecode and ASCII85Decode (they shrink data, or grow it at most 4 times); a stream
behind another filter (LZW, RunLength) is counted at its raw size.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

from ..budget import NO_BUDGET, TimeBudget
from ..settings import Settings

FLATE = {"FlateDecode", "Fl"}
SHRINKING = {"ASCIIHexDecode", "AHx", "ASCII85Decode", "A85"}
CHUNK = 1 << 20  # bytes of output inflated at a time


class DamagedStream(Exception):
    """A content stream whose filter cannot decode its data."""


def _name(obj) -> str:
    return getattr(obj, "name", None) or str(obj)


def _filters(stream) -> list[str]:
    from pdfminer.pdftypes import resolve1

    f = resolve1(stream.attrs.get("Filter") or stream.attrs.get("F"))
    if f is None:
        return []
    return [_name(resolve1(x)) for x in (f if isinstance(f, list) else [f])]


def _inflate(data: bytes, budget: int, damage: list | None = None) -> tuple[bytes | None, int]:
    """(the inflated bytes, their length) while they fit in `budget`; (None, budget + 1) past it.
    A damaged stream counts what inflated before the damage, and says why in `damage`."""
    d = zlib.decompressobj()
    out = []
    size = 0
    try:
        chunk = d.decompress(data, CHUNK)
        while True:
            size += len(chunk)
            if size > budget:
                return None, budget + 1
            out.append(chunk)
            if d.eof or not d.unconsumed_tail:
                break
            chunk = d.decompress(d.unconsumed_tail, CHUNK)
    except zlib.error as exc:
        if damage is not None:
            damage.append(f"FlateDecode: {exc}")
    return b"".join(out), size


def inflated_size(stream, budget: int, damage: list | None = None) -> int:
    """Bytes the stream's filters make of its data, counted up to `budget` (+1 when over); a
    filter that cannot decode the data says why in `damage` (a list the caller reads)."""
    from pdfminer import ascii85

    data = stream.rawdata if stream.rawdata is not None else stream.data
    if data is None:
        return 0
    if stream.decipher and stream.rawdata is not None:  # an encrypted PDF opened with its empty user password
        try:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        except Exception:  # noqa: BLE001 - undecipherable: the raw size is all there is to count
            return min(len(data), budget + 1)
    for f in _filters(stream):
        if f in FLATE:
            inflated, size = _inflate(data, budget, damage)
            if inflated is None:
                return size
            data = inflated
        elif f in SHRINKING:
            try:
                data = ascii85.asciihexdecode(data) if f in ("ASCIIHexDecode", "AHx") else ascii85.ascii85decode(data)
            except Exception as exc:  # noqa: BLE001 - pdfminer raises this page away
                if damage is not None:
                    damage.append(f"{f}: {' '.join(str(exc).split())[:60]}")
                break
        else:
            break  # LZW, RunLength, image codecs: counted as they stand
    return len(data)


def _over(page_obj, settings: Settings, damage: list | None = None) -> str | None:
    """Why the page is over a limit, or None; its page content streams that do not decode are
    named in `damage`."""
    from pdfminer.pdftypes import PDFStream, resolve1

    budget = settings.max_inflated_bytes
    used = 0
    seen: set[int] = set()

    def contents(obj) -> list:
        obj = resolve1(obj)
        return [resolve1(x) for x in obj] if isinstance(obj, list) else [obj]

    def xobjects(resources) -> list:
        resources = resolve1(resources)
        if not isinstance(resources, dict):
            return []
        xs = resolve1(resources.get("XObject"))
        return [resolve1(x) for x in xs.values()] if isinstance(xs, dict) else []

    def walk(streams: list, resources, depth: int) -> str | None:
        nonlocal used
        for s in streams:
            if not isinstance(s, PDFStream) or id(s) in seen:
                continue
            seen.add(id(s))
            used += inflated_size(s, budget - used, damage if depth == settings.layer.object_depth else None)
            if used > budget:
                return (f"its content inflates to more than the {budget / 2**20:.0f} MiB a page may draw "
                        "(Settings.max_inflated_bytes)")
        for x in xobjects(resources):
            if not isinstance(x, PDFStream) or id(x) in seen:
                continue
            kind = _name(resolve1(x.attrs.get("Subtype")))
            if kind == "Image":
                w, h = resolve1(x.attrs.get("Width")), resolve1(x.attrs.get("Height"))
                if isinstance(w, int) and isinstance(h, int) and w * h > settings.max_image_pixels:
                    seen.add(id(x))
                    return (f"it holds a {w:,} x {h:,} image, more than the {settings.max_image_pixels:,} pixels "
                            "an image may have (Settings.max_image_pixels)")
            elif kind == "Form" and depth > 0:
                why = walk([x], x.attrs.get("Resources"), depth - 1)
                if why:
                    return why
        return None

    return walk(contents(page_obj.attrs.get("Contents")), page_obj.resources, settings.layer.object_depth)


@dataclass(frozen=True)
class PageChecks:
    """What the measuring walk found on the pages that will be read: page number -> why."""

    over: dict[int, str]  # over a limit: not read
    damaged: dict[int, str]  # a page content stream that does not decode: page_unreadable


def check_pages(pdf, settings: Settings, budget: TimeBudget = NO_BUDGET) -> PageChecks:
    """The pages of an open pdfplumber `pdf` that will be read and are over a limit, or whose own
    content streams do not decode. A page whose objects pdfminer cannot resolve is left to the
    readers (they report what they make of it)."""
    over, damaged = {}, {}
    for i, page in enumerate(pdf.pages[: settings.max_pages], start=1):
        if budget.passed():  # the pages after are not read either (the readers stop too)
            break
        damage: list[str] = []
        try:
            why = _over(page.page_obj, settings, damage)
        except Exception:  # noqa: BLE001 - broken objects: the readers say what they make of them
            why = None
        if why:
            over[i] = why
        elif damage:
            damaged[i] = damage[0]
    return PageChecks(over, damaged)

