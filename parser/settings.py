"""Parse settings, resolved once (like pdfplumber's TableSettings) and passed down read-only."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    ocr: str = "auto"  # "auto": OCR pages without a text layer when Tesseract is installed; "off"
    ocr_dpi: int = 300
    jobs: int | None = None  # parallel OCR processes (default: cores)
    tables: bool = True  # look for ruled tables in PDFs
    max_pages: int = 200  # pages read from one PDF; more gives a `truncated` warning
    max_bytes: int = 200 * 1024 * 1024  # refuse inputs larger than this
    low_conf: float = 60.0  # mean OCR confidence under which a page is flagged

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
