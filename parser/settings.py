"""Parse settings, resolved once (like pdfplumber's TableSettings) and passed down read-only."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class LayerSettings:
    """When a PDF page's text layer is used, and when the page is OCR'd (parser.load.layer)."""

    min_layer_chars: int = 100  # fewer non-space characters (signing stamp aside): no text layer of its own
    min_outline_paths: int = 20  # ...and at least this many path objects: glyphs drawn as outlines (a short page of them too)
    object_depth: int = 3  # how deep into form XObjects pdfium's objects are counted
    min_judged_words: int = 15  # fewer words of two letters or more: the layer is not judged
    max_foreign_share: float = 0.10  # more words than this with letters Vietnamese lacks: mojibake
    min_words_for_marks: int = 40  # judge the share of marked words from this many words on
    min_marked_share: float = 0.10  # Vietnamese prose marks ~60% of its words; an unmarked layer is old OCR


@dataclass(frozen=True)
class RereadSettings:
    """The second reading of handwritten numbers and days on scans (parser.reread)."""

    enabled: bool = True
    dpi: int = 400  # the line crop is rendered at this resolution for both line readers
    pad: float = 4.0  # points of margin around the line's box
    max_number_digits: int = 6  # a number blank holds at most this many digits
    min_word_conf: float = 75.0  # a page-OCR digit word read with less confidence is read again


@dataclass(frozen=True)
class Settings:
    ocr: str = "auto"  # "auto": OCR pages without a text layer when Tesseract is installed; "off"
    ocr_dpi: int = 300
    jobs: int | None = None  # parallel OCR processes (default: cores)
    tables: bool = True  # look for ruled tables in PDFs
    max_pages: int = 200  # pages read from one PDF; more gives a `truncated` warning
    max_bytes: int = 200 * 1024 * 1024  # refuse inputs larger than this
    low_conf: float = 60.0  # mean OCR confidence under which a page is flagged
    pdf_engine: str = "pdfium"  # digital PDF words: "pdfium" (character API, parser.load.pdfium) or "pdfplumber"
    layer: LayerSettings = LayerSettings()
    reread: RereadSettings = RereadSettings()

    @classmethod
    def resolve(cls, **overrides) -> Settings:
        """Defaults <- environment (CONGVAN_OCR, CONGVAN_JOBS) <- explicit overrides (None ignored)."""
        values = {}
        if os.environ.get("CONGVAN_OCR"):
            values["ocr"] = os.environ["CONGVAN_OCR"]
        if os.environ.get("CONGVAN_JOBS", "").isdigit():
            values["jobs"] = int(os.environ["CONGVAN_JOBS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        s = cls(**values)
        if s.ocr not in ("auto", "off"):
            raise ValueError(f"ocr must be 'auto' or 'off', not {s.ocr!r}")
        return s
