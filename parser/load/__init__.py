"""Loaders: bytes of a letter -> pages of positioned words or lines (parser.types.Loaded).

`load` sniffs the bytes (not the file name) to pick the loader, so a PNG renamed `.pdf` or a
text file named `.pdf` gets the right message instead of a crash.
"""
from __future__ import annotations

from ..budget import NO_BUDGET, TimeBudget
from ..errors import InputError
from ..settings import Settings
from ..types import Loaded

IMAGE_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"GIF8": "a GIF image",
}


def _zip_has_word_part(data: bytes) -> bool:
    """Does the ZIP's central directory name word/document.xml? A DOCX may open with a large
    entry (a thumbnail) so that its part names are not in the first bytes; only the directory at
    the end is read, never an entry."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def sniff(data: bytes, name: str = "") -> str:
    """'pdf' | 'docx' | 'markdown' | 'text'; raises InputError for what congvan cannot read."""
    if not data or not data.strip():
        raise InputError("the file is empty")
    head = data[:1024]
    # a ZIP's own magic comes first: a ZIP that stores a PDF holds '%PDF-' in its first KiB too
    if b"%PDF-" in head and not data.startswith(b"PK\x03\x04"):
        return "pdf"
    for magic, what in IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"the file is {what}, not a PDF or text letter; put scans in a PDF "
                             "(e.g. img2pdf scan.png -o scan.pdf) and parse that")
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096] or _zip_has_word_part(data):
            return "docx"
        raise InputError("the file is a ZIP archive, not a letter")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("the file is an old binary Word .doc; save it as .docx or PDF first")
    if name.lower().endswith(".pdf"):
        raise InputError("the file is named .pdf but is not a PDF (no %PDF header)")
    if name.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def load(data: bytes, name: str = "", settings: Settings | None = None, budget: TimeBudget = NO_BUDGET) -> Loaded:
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        raise InputError(f"the file is {len(data) // 2**20} MiB, over the {settings.max_bytes // 2**20} MiB limit")
    kind = sniff(data, name)
    if kind == "pdf":
        from .pdf import load_pdf

        return load_pdf(data, settings, budget)
    if kind == "docx":
        from .docx import load_docx

        return load_docx(data, settings)
    from .text import load_text

    return load_text(data, markdown=kind == "markdown")
