"""Where every character came from: the letter's text, and strings that map back into it.

The letter's `text` (schema 2) is its normalised lines in reading order. Lines the reader
joins (a paragraph wrapped over several lines, a trích yếu over two) are joined in `text`
the same way, by one space, or by nothing where a syllable was cut by a hyphen at the line
end ("Quyết đ-" / "ịnh" -> "Quyết định"); other lines end with a line break. So a value read
across a wrapped line (a cited number, a deadline) is one span of `text`, and
`text[start:end]` is the value exactly as the letter prints it.

`Src` is a string that knows, run by run, where its characters stand in `text`. Stages build
their strings (paragraphs, section texts, header fields) as `Src` and slice, strip and join
them; the finders run on `Src.text` and `Src.span(a, b)` turns what they found into a span of
the letter's text, checked against it (a span whose text differs, because the string was
joined from places that are not next to each other in the letter, is None: no span rather
than a wrong one).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

import regex as re

from . import text as _text
from .types import Line

WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Src:
    """`text` with `runs`: (start in text, start in the letter's text, length), sorted."""

    text: str
    runs: tuple[tuple[int, int, int], ...] = ()

    def __add__(self, other: Src | str) -> Src:
        if isinstance(other, str):
            other = Src(other)
        shift = len(self.text)
        return Src(self.text + other.text, self.runs + tuple((a + shift, g, n) for a, g, n in other.runs))

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def slice(self, a: int, b: int | None = None) -> Src:
        b = len(self.text) if b is None else b
        a, b = max(0, a), min(len(self.text), b)
        runs = []
        for s, g, n in self.runs[max(0, bisect_right(self.runs, (a, float("inf"), 0)) - 1):]:
            if s >= b:
                break
            lo, hi = max(s, a), min(s + n, b)
            if lo < hi:
                runs.append((lo - a, g + lo - s, hi - lo))
        return Src(self.text[a:b], tuple(runs))

    def strip(self, chars: str | None = None) -> Src:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))

    def find(self, part: str, start: int = 0) -> Src | None:
        """The first occurrence of `part` in this string, as a Src (None if absent)."""
        i = self.text.find(part, start) if part else -1
        return self.slice(i, i + len(part)) if i >= 0 else None

    def _at(self, i: int) -> int | None:
        """The letter-text offset of this string's character i."""
        k = bisect_right(self.runs, (i, float("inf"), 0)) - 1
        if k >= 0:
            s, g, n = self.runs[k]
            if s <= i < s + n:
                return g + i - s
        return None

    def span(self, a: int = 0, b: int | None = None, text: str | None = None) -> tuple[int, int] | None:
        """The span of the letter's text that this string's [a, b) came from; checked against
        `text` (the letter's text) when given: a span whose characters differ is None."""
        b = len(self.text) if b is None else b
        if b <= a:
            return None
        ga, gb = self._at(a), self._at(b - 1)
        if ga is None or gb is None or gb < ga:
            return None
        if text is not None and text[ga: gb + 1] != self.text[a:b]:
            return None
        return ga, gb + 1

    @staticmethod
    def join(sep: str, items: Iterable[Src | str]) -> Src:
        """sep.join(items), in one pass (joining one by one would copy the runs each time)."""
        texts: list[str] = []
        runs: list[tuple[int, int, int]] = []
        pos = 0
        for k, it in enumerate(items):
            if k:
                texts.append(sep)
                pos += len(sep)
            if isinstance(it, str):
                it = Src(it)
            texts.append(it.text)
            runs += [(a + pos, g, n) for a, g, n in it.runs]
            pos += len(it.text)
        return Src("".join(texts), tuple(runs))


def collapse(line_text: str, base: int | None) -> Src:
    """' '.join(line_text.split()) as a Src; `base` is where line_text starts in the letter's
    text (None: nowhere). A single space between two words maps with them; a wider gap is
    written as one space that maps nowhere."""
    if base is not None and line_text.isprintable() and "  " not in line_text and line_text[:1] != " " \
            and line_text[-1:] != " ":
        # already collapsed (printable: no white space but single spaces), the usual line: one run
        return Src(line_text, ((0, base, len(line_text)),) if line_text else ())
    words = list(WORD.finditer(line_text))
    text = " ".join(m.group(0) for m in words)
    if base is None:
        return Src(text)
    runs: list[list[int]] = []
    pos = 0
    for k, m in enumerate(words):
        if k:
            pos += 1
        if runs and m.start() == words[k - 1].end() + 1 and line_text[m.start() - 1] == " ":
            runs[-1][2] += 1 + len(m.group(0))  # "a b": the space maps too
        else:
            runs.append([pos, base + m.start(), len(m.group(0))])
        pos += len(m.group(0))
    return Src(text, tuple(tuple(r) for r in runs))


# --- the letter's text ------------------------------------------------------------------------

@dataclass(frozen=True)
class LetterText:
    """The letter's text with, per line (by `Line.seq`), where the line starts in it, and the
    lines' pages and boxes for provenance."""

    text: str
    starts: tuple[int, ...]  # start of line seq k in text
    lines: tuple[Line, ...]  # the normalised lines, by seq

    def _base(self, ln: Line) -> int | None:
        """Where `ln`'s text starts in the letter's text: its line's start plus its column (lines
        split off another line by the segmenter keep the column they start at: `Line.col`);
        None when its text is not that part of its line."""
        if ln.seq is None or ln.col is None or ln.seq >= len(self.starts):
            return None
        if self.lines[ln.seq].text[ln.col: ln.col + len(ln.text)] != ln.text:
            return None
        return self.starts[ln.seq] + ln.col

    def line_src(self, ln: Line) -> Src:
        """One line's words, collapsed, mapped into the text."""
        return collapse(ln.text, self._base(ln))

    def raw_src(self, ln: Line) -> Src:
        """One line's text as it is (a table row: its cells stay apart), mapped into the text."""
        base = self._base(ln)
        return Src(ln.text) if base is None else Src(ln.text, ((0, base, len(ln.text)),))

    def lines_at(self, span: tuple[int, int]) -> list[Line]:
        a, b = span
        first = max(0, bisect_right(self.starts, a) - 1)
        last = max(first, bisect_right(self.starts, max(a, b - 1)) - 1)
        return list(self.lines[first: last + 1])


def box_of(lines: list[Line]) -> tuple[int | None, tuple[float, float, float, float] | None]:
    """The first line's page and the box around the lines on that page (None without coordinates)."""
    page = lines[0].page if lines else None
    boxes = [(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines
             if ln.page == page and None not in (ln.x0, ln.top, ln.x1, ln.bottom)]
    if not boxes:
        return page, None
    return page, (round(min(x[0] for x in boxes), 2), round(min(x[1] for x in boxes), 2),
                  round(max(x[2] for x in boxes), 2), round(max(x[3] for x in boxes), 2))


def conf_of(lines: list[Line]) -> float | None:
    """The mean OCR confidence of lines, 0..1 (None for a text layer or a text file)."""
    confs = [ln.conf for ln in lines if ln.conf is not None]
    return round(sum(confs) / len(confs) / 100, 3) if confs else None


def pieces(src: Src, sep: str = "\n") -> list[Src]:
    """src.text.split(sep), as Src."""
    out, pos = [], 0
    for part in src.text.split(sep):
        out.append(src.slice(pos, pos + len(part)))
        pos += len(part) + len(sep)
    return out


def number_lines(lines: list[Line]) -> list[Line]:
    """Give each normalised line its place (`seq`) in the letter: the key its text is found by."""
    return [replace(ln, seq=k, col=0) for k, ln in enumerate(lines)]


def narrowed(ln: Line, text: str, **changes) -> Line:
    """A line cut down to `text`, a part of it ('Số: 12/UBND-VP' split off the date beside it),
    that remembers the column the part starts at; a text that is not a part of the line is
    mapped nowhere (col None)."""
    pos = ln.text.find(text) if text else -1
    col = (ln.col + pos) if (pos >= 0 and ln.col is not None) else None
    return replace(ln, text=text, col=col, **changes)


def compose(lines: list[Line], joins: dict[int, str]) -> LetterText:
    """The letter's text from its lines (by seq) and the joins the reader made: `joins[k]` is
    the separator between line k and line k+1 (' ', or '' for a hyphen cut, whose '-' is
    dropped); other lines end with a line break."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for k, ln in enumerate(lines):
        t = ln.text
        lead = 0
        if k and joins.get(k - 1, "\n") != "\n":
            lead = len(t) - len(t.lstrip())  # a joined line's indent is not written
            t = t[lead:]
        sep = joins.get(k, "\n")
        if sep != "\n":
            t = t.rstrip()
            if sep in ("", "-"):
                t = t[:-1]  # the hyphen of a cut syllable ('' drops it), or of a cut number ('-' writes it back)
        starts.append(pos - lead)  # where column 0 of the line would stand
        parts.append(t)
        pos += len(t)
        if k + 1 < len(lines):
            parts.append(sep)
            pos += len(sep)
    return LetterText("".join(parts), tuple(starts), tuple(lines))


def field_seps(lines: list[Line]) -> list[str]:
    """The separators that join the lines of one header field into one string (as
    parser.header.join does): '' after a syllable cut by a hyphen, '-' after a number cut at its
    dash (the dash kept), else ' ' (parser.text.field_seps)."""
    return _text.field_seps([" ".join(ln.text.split()) for ln in lines])


def record_joins(lines: list[Line], seps: list[str], joins: dict[int, str]) -> None:
    """Note in `joins` (seq -> separator) the joins of consecutive lines that `compose` can
    write into the letter's text: whole lines, one right after the other."""
    for a, b, sep in zip(lines, lines[1:], seps):
        if a.seq is None or b.seq != a.seq + 1 or a.col is None or b.col is None:
            continue
        if sep in ("", "-") and not a.text.rstrip().endswith("-"):
            continue
        joins.setdefault(a.seq, sep)


def join_src(lt: LetterText, lines: list[Line], seps: list[str]) -> Src:
    """The lines joined with `seps` (from `field_seps` or a paragraph's), as one Src."""
    out = Src("")
    for k, ln in enumerate(lines):
        s = lt.line_src(ln)
        if not s:
            continue
        if not out:
            out = s
        elif seps[k - 1] == "":
            out = out.slice(0, len(out) - 1) + s
        elif seps[k - 1] == "-":  # a number cut at its dash: the dash is kept, no space
            out = out + s
        else:
            out = out + " " + s
    return out
