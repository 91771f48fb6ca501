"""congvan: Vietnamese official letters (công văn, quyết định, thông báo ...) into data.

    from parser import parse_file, parse_bytes
    letter = parse_file("letter.pdf")          # a models.Letter (pydantic)
    print(letter.document.number)

Parsing one letter is a pure function of its bytes: `parse_bytes(data, name, settings)`.
Heavy libraries (pdfplumber, underthesea, Tesseract) load only when a letter needs them.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse_bytes", "parse_file", "__version__"]


def parse_bytes(data: bytes, name: str = "", settings=None):
    from .assemble import parse_bytes as _parse

    return _parse(data, name, settings)


def parse_file(path, settings=None):
    from pathlib import Path

    from .errors import InputError

    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a directory, not a letter")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}") from None
    return parse_bytes(data, str(p), settings)
