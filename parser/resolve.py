"""Resolve stage: references, self-references, dates and deadlines over an assembled letter."""
from __future__ import annotations

from models import Letter


def resolve(letter: Letter) -> Letter:
    return letter
