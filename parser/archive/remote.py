"""Letters read through fsspec URLs (`file://`, `s3://`, ...) rather than a local path.

`congvan index s3://bucket/archive --engine dask ...`: the walk lists the URL's files
(fsspec `find`, sorted), the parent hashes each by streaming it, and the worker copies the
bytes into a temporary folder under the file's own name and parses that; the letter's
`source.path` is the URL. Each protocol's package must be installed where it is used (fsspec
itself comes with Dask; `s3://` needs s3fs, `gs://` gcsfs). A path without `://` is a local
file, read as before.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager


def is_url(path: str) -> bool:
    return "://" in path


def _fs(url: str):
    from ..errors import InputError

    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(f"{url}: reading URLs needs fsspec (pip install 'congvan[cluster]')") from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as exc:  # an unknown protocol, or its package not installed
        raise InputError(f"{url}: {exc}") from None


def walk(root: str):
    """The files under the URL `root` (itself if it is a file), sorted, as URLs."""
    fs, path = _fs(root)
    if fs.isfile(path):
        yield root
        return
    for p in sorted(fs.find(path)):
        yield fs.unstrip_protocol(p)


def stat(url: str) -> tuple[int, int]:
    """(size, modification time in ns, 0 when the store keeps none) of the file at `url`."""
    fs, path = _fs(url)
    info = fs.info(path)
    if info.get("type") != "file":
        raise IsADirectoryError(0, "not a file")
    mtime = info.get("mtime") or info.get("LastModified") or info.get("created") or 0
    if hasattr(mtime, "timestamp"):
        mtime = mtime.timestamp()
    return int(info.get("size") or 0), int(float(mtime) * 1e9)


def sha256(url: str, chunk_size: int) -> str:
    fs, path = _fs(url)
    h = hashlib.sha256()
    with fs.open(path, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            h.update(chunk)
    return h.hexdigest()


@contextmanager
def local_copy(url: str):
    """The file at `url` copied into a temporary folder under its own name (its suffix tells
    the parser its format); removed afterwards."""
    from ..errors import InputError

    fs, path = _fs(url)
    with tempfile.TemporaryDirectory(prefix="congvan-") as tmp:
        local = os.path.join(tmp, os.path.basename(path.rstrip("/")) or "letter")
        try:
            fs.get_file(path, local)
        except OSError as exc:
            raise InputError(f"cannot read {url}: {exc}") from None
        yield local
