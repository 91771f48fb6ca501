"""The one wrapper around Tesseract: OCR of PDF pages into positioned `Word`s.

Every call to the external `tesseract` program goes through this module (as OCRmyPDF keeps
each external tool behind one wrapper), so its command line, environment, error handling
and output parsing live in one place.

How a page is done, and why (measured on the development machine):
- the page is rendered with pypdfium2, in grayscale, to an *uncompressed* PGM (25-60 ms);
  writing a PNG first (pdftoppm -png) cost 2.4-12 s/page, more than the OCR itself;
- the PGM bytes are piped to `tesseract stdin stdout -l vie --psm 3 --dpi N tsv`
  (leptonica reads PNM from memory; PNM carries no resolution, hence `--dpi`);
- each tesseract runs single-threaded (OMP_THREAD_LIMIT=1) and pages run in parallel,
  `jobs` subprocesses at a time, which beats tesseract's own OpenMP threading;
- the TSV's word rows (level 5) are scaled from image pixels back to PDF points
  (x * 72 / dpi), top-left origin, like every other `Word` in the pipeline;
- a page read poorly (mean word confidence under TURN_BELOW), or whose words' boxes stand on
  end (Tesseract reads a page turned a quarter with confidence, every box taller than wide), is
  asked its orientation
  (`--psm 0 -l osd`, under a second a page); when Tesseract finds it turned (a scan fed
  sideways or upside down, a phone capture), the page is rendered turned upright and read
  again, and that reading is kept when it reads better. Its words are then in the turned
  page's frame, and `PageOCR.rotation` says by how much (OCRmyPDF's --rotate-pages).

pdfium is not thread-safe, so rendering is serialised by a module-wide lock; only the
tesseract subprocesses run concurrently. pypdfium2 is imported lazily, so importing this
module costs nothing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

from .types import Word

__all__ = ["OCRError", "PageOCR", "available", "ocr_pdf_pages"]

TESSERACT = "tesseract"  # program name looked up on PATH
PSM = 3  # page segmentation mode: fully automatic, no OSD
OSD_PSM = 0  # orientation and script detection only (needs osd.traineddata)
# a page whose mean word confidence is under this is asked its orientation: an upright page
# read this badly is rare (the real scans' pages read at 70-93), a sideways one reads at 35-45
TURN_BELOW = 60.0
# Tesseract's orientation confidence at least this to try the turn: low, because the turned
# reading is kept only when it reads better (OCRmyPDF, which keeps the turn unchecked, asks 14)
TURN_MIN_CONF = 2.0
# the turned reading's mean confidence must beat the upright one's by this to be kept
TURN_GAIN = 10.0
# Tesseract reads a page turned a quarter well enough (confidence 90) but with every word's box
# standing on end: a page where this share of the words of TURN_WORD_CHARS letters or more are
# taller than wide is read sideways, and is asked its orientation whatever its confidence
TURN_TALL_SHARE = 0.5
TURN_WORD_CHARS = 4

_PDFIUM_LOCK = threading.Lock()  # pdfium must not be entered from two threads at once


class OCRError(Exception):
    """OCR could not be done: tesseract missing, no model, timeout, crash, unreadable PDF.

    The message is one line, fit to show a user as is.
    """


@dataclass(frozen=True)
class PageOCR:
    """OCR result of one PDF page. Sizes and coordinates are PDF points, top-left origin."""

    number: int  # 1-based page number
    width: float
    height: float
    words: list[Word] = field(default_factory=list)  # reading order as tesseract gave it
    mean_conf: float | None = None  # mean word confidence 0..100; None when no words
    seconds: float = 0.0  # wall time spent on this page (render + tesseract + parse)
    # degrees clockwise the page was turned to be read (0, 90, 180, 270): width, height and the
    # words are those of the turned page (pdfium's page rotation, added to the page's /Rotate)
    rotation: int = 0


# ---------------------------------------------------------------- availability


@lru_cache(maxsize=1)
def _probe() -> tuple[str | None, frozenset[str]]:
    """(version, installed languages) of the tesseract on PATH; (None, {}) if unusable."""
    exe = shutil.which(TESSERACT)
    if exe is None:
        return None, frozenset()
    try:
        ver = subprocess.run([exe, "--version"], capture_output=True, timeout=15)
        lst = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=15)
    except (OSError, subprocess.SubprocessError):
        return None, frozenset()
    if ver.returncode != 0 or lst.returncode != 0:
        return None, frozenset()
    # tesseract 4/5 print the version on stdout, 3.x on stderr: "tesseract 5.3.0"
    head = (ver.stdout or ver.stderr).decode("utf-8", "replace").strip().splitlines()
    version = head[0].strip() if head else "unknown"
    if version.lower().startswith("tesseract"):
        version = version.split(None, 1)[1].strip() if " " in version else version
    out = lst.stdout.decode("utf-8", "replace").splitlines()
    langs = frozenset(s.strip() for s in out if s.strip() and not s.startswith("List of"))
    return version, langs


def available() -> str | None:
    """Tesseract's version (e.g. "5.3.0") if tesseract and its 'vie' model are usable, else None.

    Runs `tesseract --version` and `--list-langs` once per process; later calls are cached.
    """
    version, langs = _probe()
    return version if version is not None and "vie" in langs else None


def _check_ready(lang: str) -> None:
    version, langs = _probe()
    if version is None:
        raise OCRError(f"'{TESSERACT}' not found or not runnable; install tesseract-ocr and tesseract-ocr-vie")
    missing = [x for x in lang.split("+") if x and x not in langs]
    if missing or not lang:
        have = ", ".join(sorted(langs)) or "none"
        raise OCRError(f"tesseract has no model for language {lang!r} (installed: {have})")


# ---------------------------------------------------------------- rendering


def _render_pgm(page, dpi: int, rotation: int = 0) -> bytes:
    """Render a pypdfium2 page (turned `rotation` degrees clockwise) to binary PGM (P5) bytes
    at `dpi`: its red channel.

    The red channel, not a gray mix: a letter's seal and its "ĐÃ KÝ" stamps are red ink,
    which is as bright as the paper there, so the black text under the seal (the signer's
    position and name) comes out clean for Tesseract. Black and blue ink stay dark."""
    # widgets and annotations are not drawn: a signing box over the quốc hiệu is metadata
    # (parser.load.signing), not text for OCR to mix into the header
    bitmap = page.render(scale=dpi / 72.0, rotation=rotation, may_draw_forms=False, draw_annots=False)
    try:
        w, h = bitmap.width, bitmap.height
        n = bitmap.n_channels
        buf = memoryview(bitmap.buffer).cast("B")
        stride = bitmap.stride
        if n == 1:
            pixels = bytes(buf[: w * h]) if stride == w else b"".join(
                buf[r * stride: r * stride + w] for r in range(h))
        elif n in (3, 4) and stride == w * n:  # BGR(x): red is byte 2 of each pixel
            pixels = bytes(buf)[2::n]
        elif n in (3, 4):
            pixels = b"".join(bytes(buf[r * stride: r * stride + w * n])[2::n] for r in range(h))
        else:  # an unusual pdfium format: let PIL convert
            pixels = bitmap.to_pil().convert("RGB").getchannel("R").tobytes()
    finally:
        bitmap.close()
    return b"P5\n%d %d\n255\n" % (w, h) + pixels


# ---------------------------------------------------------------- tesseract


def tesseract_command(*, dpi: int, lang: str = "vie", psm: int = PSM) -> list[str]:
    """The exact tesseract command line used for one page (image on stdin, TSV on stdout)."""
    return [TESSERACT, "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi), "tsv"]


def osd_command(*, dpi: int) -> list[str]:
    """Tesseract's orientation detection on one page image (stdin), its report on stdout."""
    return [TESSERACT, "stdin", "stdout", "-l", "osd", "--psm", str(OSD_PSM), "--dpi", str(dpi)]


# Tesseract's OSD report: "Rotate: 90" (degrees clockwise that turn the page upright) and
# "Orientation confidence: 17.43"
_OSD_ROTATE = re.compile(r"^Rotate:\s*(\d+)\s*$", re.M)
_OSD_CONF = re.compile(r"^Orientation confidence:\s*([\d.]+)\s*$", re.M)


def parse_osd(report: str) -> tuple[int, float] | None:
    """(degrees clockwise to turn the page upright, confidence) from Tesseract's OSD report;
    None when the report has no orientation (too little text on the page)."""
    rotate, conf = _OSD_ROTATE.search(report), _OSD_CONF.search(report)
    if rotate is None or conf is None or int(rotate.group(1)) % 90:
        return None
    return int(rotate.group(1)) % 360, float(conf.group(1))


def tesseract_env() -> dict[str, str]:
    """Environment for one tesseract process: single-threaded, pages run in parallel instead."""
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _cache_path(cmd: list[str], image: bytes):
    """Where the TSV of this exact image and command is kept, when CONGVAN_OCR_CACHE names a
    folder (evaluation and re-runs over the same scans); None otherwise. The key is the image's
    bytes, the command line and tesseract's version, so a change of any of them misses."""
    folder = os.environ.get("CONGVAN_OCR_CACHE")
    if not folder:
        return None
    import hashlib
    from pathlib import Path

    h = hashlib.sha256(image)
    h.update("\0".join(cmd[1:] + [str(available())]).encode())
    key = h.hexdigest()
    return Path(folder) / key[:2] / f"{key}.tsv"


class _Aborted(Exception):
    """Another page failed; this one stopped without a result."""


class _Runner:
    """Runs tesseract subprocesses and can kill all of them at once when one page fails."""

    def __init__(self, cmd: list[str], timeout: float):
        self.cmd = cmd
        self.env = tesseract_env()
        self.timeout = timeout
        self.abort = threading.Event()
        self._lock = threading.Lock()
        self._procs: set[subprocess.Popen] = set()

    def sibling(self, cmd: list[str]) -> _Runner:
        """A runner of another command whose processes `kill_all` of either one kills."""
        other = _Runner(cmd, self.timeout)
        other.abort, other._lock, other._procs = self.abort, self._lock, self._procs
        return other

    def kill_all(self) -> None:
        self.abort.set()
        with self._lock:
            procs = list(self._procs)
        for p in procs:
            try:
                p.kill()
            except OSError:
                pass

    def run(self, image: bytes, number: int) -> str:
        if self.abort.is_set():
            raise _Aborted
        cached = _cache_path(self.cmd, image)
        if cached is not None and cached.is_file():
            return cached.read_text(encoding="utf-8")
        out = self._run(image, number)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
                tmp.write_text(out, encoding="utf-8")
                tmp.replace(cached)
            except OSError:
                pass  # a cache that cannot be written is no cache, not an error
        return out

    def _run(self, image: bytes, number: int) -> str:
        try:
            proc = subprocess.Popen(
                self.cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=self.env,
            )
        except FileNotFoundError:
            raise OCRError(f"'{TESSERACT}' not found; install tesseract-ocr and tesseract-ocr-vie") from None
        except OSError as e:
            raise OCRError(f"cannot start tesseract: {e.strerror or e}") from None
        with self._lock:
            self._procs.add(proc)
        if self.abort.is_set():  # kill_all() ran while this one was starting
            proc.kill()
        try:
            out, err = proc.communicate(image, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise OCRError(f"tesseract timed out after {self.timeout:g} s on page {number}") from None
        finally:
            with self._lock:
                self._procs.discard(proc)
        if self.abort.is_set():
            raise _Aborted
        if proc.returncode != 0:
            lines = [s.strip() for s in err.decode("utf-8", "replace").splitlines() if s.strip()]
            useful = [s for s in lines if s != "Error during processing."]  # tesseract's generic tail
            why = (useful or lines or ["no message"])[-1]
            raise OCRError(f"tesseract failed on page {number} (exit code {proc.returncode}): {why}")
        return out.decode("utf-8", "replace")


def parse_tsv(tsv: str, page: int, *, dpi: int, width: float | None = None,
              height: float | None = None) -> list[Word]:
    """Word rows (level 5) of tesseract TSV output, scaled from pixels at `dpi` to points.

    Rows with empty text or negative confidence are dropped. With `width`/`height` given,
    coordinates are clamped to the page (the image can be a pixel larger than the page).
    """
    k = 72.0 / dpi
    maxx = float("inf") if width is None else width
    maxy = float("inf") if height is None else height
    words: list[Word] = []
    for row in tsv.split("\n"):
        if not row.startswith("5\t"):
            continue
        parts = row.split("\t", 11)
        if len(parts) < 12:
            continue
        text = parts[11].strip()
        if not text:
            continue
        try:
            left, top, w, h = (int(v) for v in parts[6:10])
            conf = float(parts[10])
            block, par, line = (int(v) for v in parts[2:5])
        except ValueError:
            continue
        if conf < 0:
            continue
        words.append(
            Word(
                text=text,
                x0=round(min(max(left * k, 0.0), maxx), 2),
                x1=round(min(max((left + w) * k, 0.0), maxx), 2),
                top=round(min(max(top * k, 0.0), maxy), 2),
                bottom=round(min(max((top + h) * k, 0.0), maxy), 2),
                page=page,
                size=round(h * k, 2),
                conf=round(conf, 2),
                line=(block * 1000 + par) * 1000 + line,
            )
        )
    return words


# ---------------------------------------------------------------- public entry point


def ocr_pdf_pages(
    data: bytes,
    pages: list[int],
    *,
    dpi: int = 300,
    lang: str = "vie",
    jobs: int | None = None,
    timeout: float = 120,
) -> dict[int, PageOCR]:
    """OCR the given 1-based `pages` of the PDF in `data`; returns {page number: PageOCR}.

    Pages run `jobs` at a time (default: os.cpu_count()), each in its own single-threaded
    tesseract; `timeout` is per page. The result is ordered like `pages` (duplicates dropped).
    Raises OCRError (one-line message) when tesseract or the model is missing, a page times
    out or tesseract fails, or the PDF cannot be opened or rendered; the other pages' running
    tesseracts are killed. Raises ValueError for bad arguments (page out of range, dpi, jobs).
    """
    numbers = list(dict.fromkeys(int(n) for n in pages))
    if not numbers:
        return {}
    jobs = _checked_args(dpi, jobs, timeout)
    _check_ready(lang)

    import pypdfium2 as pdfium  # lazy: keeps `import parser.ocr` instant

    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except Exception as e:  # PdfiumError, TypeError on bad input, ...
            raise OCRError(f"cannot open PDF for OCR: {_one_line(e)}") from None
        n_pages = len(doc)
    try:
        bad = [n for n in numbers if not 1 <= n <= n_pages]
        if bad:
            raise ValueError(f"page {bad[0]} out of range (the PDF has {n_pages} pages)")
        runner = _Runner(tesseract_command(dpi=dpi, lang=lang), timeout)
        # orientation detection shares the runner's abort: _run_pages kills `runner`'s processes
        turn = runner.sibling(osd_command(dpi=dpi)) if "osd" in _probe()[1] else None
        return _run_pages(numbers, lambda n: _ocr_page(doc, n, dpi, runner, turn), runner, jobs)
    finally:
        with _PDFIUM_LOCK:
            doc.close()


def _checked_args(dpi: int, jobs: int | None, timeout: float) -> int:
    """ValueError for a bad dpi, jobs or timeout; the number of jobs to run (default: the cores)."""
    if not 50 <= dpi <= 1200:
        raise ValueError(f"dpi must be between 50 and 1200, got {dpi}")
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    if timeout <= 0:
        raise ValueError(f"timeout must be > 0, got {timeout}")
    return jobs


def _ocr_page(doc, number: int, dpi: int, runner: _Runner, turn: _Runner | None) -> PageOCR:
    """One page rendered (under the pdfium lock) and read by tesseract (outside it); a page read
    under TURN_BELOW is asked its orientation by `turn` (osd) and, found turned, read again
    upright (_turned_reading)."""
    if runner.abort.is_set():
        raise _Aborted
    t0 = time.perf_counter()
    width, height, image = _page_image(doc, number, dpi, 0)
    words = parse_tsv(runner.run(image, number), number, dpi=dpi, width=width, height=height)
    mean = _mean(words)
    rotation = 0
    if turn is not None and mean is not None and (mean < TURN_BELOW or _on_end(words)):
        better = _turned_reading(doc, number, dpi, image, words, runner, turn)
        if better is not None:
            rotation, width, height, words, mean = better
    del image
    return PageOCR(number, round(width, 2), round(height, 2), words, mean,
                   round(time.perf_counter() - t0, 3), rotation)


def _mean(words: list[Word]) -> float | None:
    return round(sum(w.conf for w in words) / len(words), 2) if words else None


def _on_end(words: list[Word]) -> bool:
    """Do the page's words stand on end (TURN_TALL_SHARE of the longer ones taller than wide):
    a page Tesseract read turned a quarter?"""
    long = [w for w in words if len(w.text) >= TURN_WORD_CHARS]
    tall = sum(1 for w in long if w.bottom - w.top > w.x1 - w.x0)
    return bool(long) and tall >= TURN_TALL_SHARE * len(long)


def _score(words: list[Word]) -> float:
    """How well a reading reads, to choose between a page read as it lies and turned: its mean
    confidence, and nothing when its words stand on end (_on_end) or there are none."""
    mean = _mean(words)
    return 0.0 if mean is None or _on_end(words) else mean


def _page_image(doc, number: int, dpi: int, rotation: int) -> tuple[float, float, bytes]:
    """(width, height in points, PGM bytes) of page `number` turned `rotation` degrees, rendered
    under the pdfium lock."""
    with _PDFIUM_LOCK:
        try:
            page = doc[number - 1]
            try:
                width, height = page.get_size()
                image = _render_pgm(page, dpi, rotation)
            finally:
                page.close()
        except Exception as e:
            raise OCRError(f"cannot render page {number} for OCR: {_one_line(e)}") from None
    if rotation in (90, 270):
        width, height = height, width
    return width, height, image


def _quarter(words: list[Word]) -> int | None:
    """The turn (90 or 270 degrees clockwise) that sets upright a page whose words stand on end,
    from the way its lines run: a line's next word above the last (the page lies turned
    counter-clockwise) wants 90, below it 270; None when they do not tell. Orientation detection
    is not asked: on a phone capture read so it can name the wrong script with no confidence."""
    up = down = 0
    for a, b in zip(words, words[1:]):
        if a.line == b.line and a.page == b.page:
            up += b.top < a.top
            down += b.top > a.top
    if max(up, down) < 2 * min(up, down) + 1:
        return None
    return 90 if up > down else 270


def _turned_reading(doc, number: int, dpi: int, image: bytes, first: list[Word], runner: _Runner,
                    turn: _Runner) -> tuple | None:
    """(rotation, width, height, words, mean) of the page read again turned upright, or None.
    The turns tried: the one the words of a page read on end point to (_quarter), then the one
    Tesseract's orientation detection names (with at least TURN_MIN_CONF; a page it cannot judge,
    too little text, gives none). A turned reading is kept when its _score reaches TURN_BELOW
    and beats the `first` reading's by TURN_GAIN."""
    score = _score(first)
    tried: set[int] = set()
    for degrees in _turns(first, image, number, turn):
        if degrees in tried or degrees == 0:
            continue
        tried.add(degrees)
        width, height, turned = _page_image(doc, number, dpi, degrees)
        words = parse_tsv(runner.run(turned, number), number, dpi=dpi, width=width, height=height)
        if _score(words) >= max(score + TURN_GAIN, TURN_BELOW):
            return degrees, width, height, words, _mean(words)
    return None


def _turns(first: list[Word], image: bytes, number: int, turn: _Runner):
    """The turns worth trying, cheapest first: the words' own (_quarter), then OSD's (run lazily)."""
    if _on_end(first) and (quarter := _quarter(first)) is not None:
        yield quarter
    try:
        found = parse_osd(turn.run(image, number))
    except OCRError:
        return
    if found is not None and found[1] >= TURN_MIN_CONF:
        yield found[0]


def _run_pages(numbers: list[int], one, runner: _Runner, jobs: int) -> dict[int, PageOCR]:
    """`one` over the page numbers, `jobs` at a time; at the first failure the running
    tesseracts are killed, the rest cancelled and the first real error raised."""
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

    results: dict[int, PageOCR] = {}
    pool = ThreadPoolExecutor(max_workers=min(jobs, len(numbers)), thread_name_prefix="ocr")
    try:
        futures = {pool.submit(one, n): n for n in numbers}
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        failed = [f for f in done if f.exception() is not None]
        if failed:
            runner.kill_all()
            for f in futures:
                f.cancel()
            wait(futures)
            # report the first real error (not a page that merely stopped because of it)
            later = [f for f in futures if f not in done and not f.cancelled()]
            errors = [f.exception() for f in failed + later if f.exception() is not None]
            real = [e for e in errors if not isinstance(e, _Aborted)]
            raise real[0] if real else OCRError("OCR aborted")
        for f, n in futures.items():
            results[n] = f.result()
    except BaseException:
        runner.kill_all()  # e.g. KeyboardInterrupt: no orphan tesseracts
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return {n: results[n] for n in numbers}


def _render_crop(doc, number: int, box: tuple[float, float, float, float], *, dpi: int) -> tuple:
    """The part `box` (x0, top, x1, bottom in points, top-left origin) of 1-based page `number`
    of an open pdfium document, without widgets or annotations, under _PDFIUM_LOCK: (the red
    channel as a 2-D uint8 numpy array, for Tesseract; the RGB numpy array, for rapidocr)."""
    with _PDFIUM_LOCK:
        page = doc[number - 1]
        try:
            width, height = page.get_size()
            x0, top, x1, bottom = max(0.0, box[0]), max(0.0, box[1]), min(width, box[2]), min(height, box[3])
            bitmap = page.render(scale=dpi / 72.0, crop=(x0, height - bottom, width - x1, top),
                                 may_draw_forms=False, draw_annots=False, rev_byteorder=True)
            try:
                rgb = bitmap.to_numpy()[:, :, :3].copy()
            finally:
                bitmap.close()
        finally:
            page.close()
    return rgb[:, :, 0].copy(), rgb


def turn_pages(data: bytes, turns: dict[int, int]) -> bytes:
    """The PDF with each 1-based page of `turns` turned that many degrees clockwise more (its
    /Rotate): the frame OCR read it in, for the crops read again from it (parser.reread)."""
    import io

    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(data)
        try:
            for number, degrees in turns.items():
                page = doc[number - 1]
                try:
                    page.set_rotation((page.get_rotation() + degrees) % 360)
                finally:
                    page.close()
            out = io.BytesIO()
            doc.save(out)
        finally:
            doc.close()
    return out.getvalue()


def render_crops(data: bytes, boxes: list[tuple[int, tuple[float, float, float, float]]], *, dpi: int) -> list[tuple]:
    """Each (page, box) of the PDF rendered (_render_crop), the document opened once."""
    import pypdfium2 as pdfium

    if not boxes:
        return []
    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(data)
    try:
        return [_render_crop(doc, page, box, dpi=dpi) for page, box in boxes]
    finally:
        with _PDFIUM_LOCK:
            doc.close()


STACK_GAP = 40  # white pixels between two stacked line crops: Tesseract keeps them apart


def read_stacked(crops: list, *, dpi: int, lang: str = "eng", timeout: float = 30) -> list[tuple[str, float] | None]:
    """Tesseract (psm 6) on line crops stacked into one image, in one process: for each crop,
    its text and mean word confidence (0..100), or None. One run instead of one per line: the
    model loads once. The 'eng' model, not 'vie': on handwritten digits in a printed blank it
    reads the digits more often (04 where 'vie' reads '0+'); the letters around are context."""
    import numpy as np

    if not crops or available() is None:
        return [None] * len(crops)
    width = max(c.shape[1] for c in crops)
    bands, rows, y = [], [], 0
    for c in crops:
        pad = np.full((c.shape[0], width - c.shape[1]), 255, dtype=np.uint8)
        rows += [np.hstack([c, pad]), np.full((STACK_GAP, width), 255, dtype=np.uint8)]
        bands.append((y, y + c.shape[0]))
        y += c.shape[0] + STACK_GAP
    words = _read_block(np.vstack(rows), dpi=dpi, lang=lang, timeout=timeout)
    if words is None:
        return [None] * len(crops)
    k = 72.0 / dpi
    out = []
    for top, bottom in bands:
        mine = [w for w in words if top * k <= (w.top + w.bottom) / 2 < bottom * k]
        out.append((" ".join(w.text for w in mine), sum(w.conf for w in mine) / len(mine)) if mine else None)
    return out


def _read_block(image, *, dpi: int, lang: str, timeout: float) -> list[Word] | None:
    """Tesseract (psm 6) on one 2-D uint8 image, through the cache: its words, None on failure."""
    pgm = b"P5\n%d %d\n255\n" % (image.shape[1], image.shape[0]) + image.tobytes()
    runner = _Runner(tesseract_command(dpi=dpi, lang=lang, psm=6), timeout)
    try:
        return parse_tsv(runner.run(pgm, 0), 1, dpi=dpi)
    except OCRError:
        return None


def _tiff(crops: list, dpi: int) -> bytes:
    """The crops (2-D uint8 arrays) as the pages of one uncompressed multi-page TIFF."""
    import io

    from PIL import Image

    images = [Image.fromarray(c) for c in crops]
    buf = io.BytesIO()
    images[0].save(buf, format="TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi))
    return buf.getvalue()


def _tsv_pages(tsv: str) -> dict[int, str]:
    """Tesseract TSV of a multi-page input split by its page_num column: {page: its rows}."""
    pages: dict[int, list[str]] = {}
    for row in tsv.split("\n"):
        cols = row.split("\t", 2)
        if len(cols) > 2 and cols[0].isdigit() and cols[1].isdigit():
            pages.setdefault(int(cols[1]), []).append(row)
    return {n: "\n".join(rows) for n, rows in pages.items()}


def _lines_of(words: list[Word]) -> list[tuple[str, float]]:
    lines: dict[int | None, list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    return [(" ".join(w.text for w in ws), sum(w.conf for w in ws) / len(ws))
            for ws in sorted(lines.values(), key=lambda ws: ws[0].top)]


def read_crops(crops: list, *, dpi: int, lang: str = "vie", timeout: float = 30) -> list[list[tuple[str, float]]]:
    """Tesseract (psm 6: a block of text) on each crop (2-D uint8 arrays, the red channel), all
    in one process: the crops go in as the pages of one TIFF, and Tesseract lays out each page on
    its own, so each crop reads as it would alone (checked on the 25 Nơi nhận and name crops of
    twelve real scans: the same lines and confidences), while the model loads once instead of
    once a crop (about 0.2 s of CPU each). For each crop, the lines it holds as (text, mean word
    confidence 0..100), top to bottom; [] for every crop when Tesseract is missing or fails."""
    if not crops or available() is None:
        return [[] for _ in crops]
    runner = _Runner(tesseract_command(dpi=dpi, lang=lang, psm=6), timeout)
    try:
        pages = _tsv_pages(runner.run(_tiff(crops, dpi), 0))
    except OCRError:
        return [[] for _ in crops]
    return [_lines_of(parse_tsv(pages.get(k, ""), 1, dpi=dpi)) for k in range(1, len(crops) + 1)]


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text or type(e).__name__
