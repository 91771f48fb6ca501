"""congvan: Vietnamese official letters (công văn, quyết định, thông báo ...) into data.

    import congvan
    letter = congvan.parse_file("letter.pdf")  # a congvan.models.Letter (pydantic)
    print(letter.document.number)

Parsing one letter is a pure function of its bytes: `parse_bytes(data, name, settings)`.
Heavy libraries (pdfplumber, underthesea, Tesseract) load only when a letter needs them.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["parse_bytes", "parse_file", "__version__"]


def parse_bytes(data: bytes, name: str = "", settings=None):
    from .pipeline import parse_bytes as _parse

    return _parse(data, name, settings)


def parse_file(path, settings=None):
    from pathlib import Path

    from .errors import InputError

    import os
    import stat

    from .settings import Settings

    settings = settings or Settings()
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a directory, not a letter")
    try:
        # opened without blocking and checked before a byte is read: a FIFO or a device (a link to
        # /dev/zero) is refused instead of read for ever, and a file too large is refused by size
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{p} is not a regular file (a pipe, a device or a socket): nothing to parse")
        if info.st_size > settings.max_bytes:
            raise InputError(f"{p} is {info.st_size / 2**20:.0f} MiB, more than the {settings.max_bytes / 2**20:.0f} MiB "
                             "a letter may have (Settings.max_bytes)")
        with os.fdopen(fd, "rb") as f:
            fd = -1
            data = f.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    return parse_bytes(data, str(p), settings)
