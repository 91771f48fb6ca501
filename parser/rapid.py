"""The one wrapper around rapidocr-onnxruntime: PP-OCR's text-line recogniser, run on crops.

rapidocr-onnxruntime (Apache-2.0) ships the PP-OCRv4 detection and recognition models inside
its wheel, so nothing is downloaded at run time; onnxruntime runs them on the CPU. Its
recogniser knows no Vietnamese tone marks, but it reads digits, Latin letters and slashes well,
handwritten ones included, and independently of Tesseract: parser.reread uses it as the
second reading of handwritten numbers and days. Only recognition runs (no detection, no angle
classifier): a line crop takes 50-150 ms. One engine per process, single-threaded, loaded on
first use; `available()` is False when the package is not installed (the second reading is
then skipped and said so).
"""
from __future__ import annotations

import threading
from functools import cache

_LOCK = threading.Lock()  # one onnxruntime session, used by one thread at a time


@cache
def _engine():
    try:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    except Exception:  # not installed, or its models / onnxruntime cannot load
        return None


def available() -> bool:
    return _engine() is not None


def recognize(image) -> tuple[str, float] | None:
    """The text of one line image (an RGB or gray numpy array) and the recogniser's score
    (0..1), or None when nothing is read or the engine is missing."""
    engine = _engine()
    if engine is None:
        return None
    with _LOCK:
        try:
            result, _ = engine(image, use_det=False, use_cls=False)
        except Exception:
            return None
    if not result:
        return None
    text, score = result[0][0], float(result[0][1])
    return (text, score) if text else None
