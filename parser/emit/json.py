"""--format json: the output contract (models/), pretty or compact."""
from __future__ import annotations


def render(letter, *, compact: bool = False) -> str:
    return letter.model_dump_json(indent=None if compact else 2)
