"""The wall-time budget of one document (Settings.max_seconds), checked by the loops that can
run long: the PDF page loops (the limits survey, pdfium's survey, both engines' page reading)
and the finders' walk over the letter's paragraphs.

A `TimeBudget` is a frozen value made once in `parse_bytes` and passed down with the settings.
OCR's time is not counted: Tesseract's work is bounded by `max_pages` and is what a scan
costs; the clock moves on past it (`extended`). What the deadline cuts is said in a
`truncated` (pages) or `limit` (finders) warning; what was read before it is kept.
"""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeBudget:
    at: float | None = None  # time.monotonic() past which reading stops; None: no deadline
    seconds: float | None = None  # the budget it was made with (for messages)

    @classmethod
    def start(cls, seconds: float | None) -> TimeBudget:
        return cls(None if seconds is None else time.monotonic() + seconds, seconds)

    def passed(self) -> bool:
        return self.at is not None and time.monotonic() > self.at

    def extended(self, seconds: float) -> TimeBudget:
        """The same budget with `seconds` (time spent in OCR) not counted."""
        return self if self.at is None else TimeBudget(self.at + seconds, self.seconds)

    def message(self) -> str:
        return f"after {self.seconds:g} s (Settings.max_seconds)"


NO_BUDGET = TimeBudget()
