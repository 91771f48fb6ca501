"""The find stage (eyecite's `find`): every finder run once over every text of the letter.

Its input is the section trees (parser.sections.Node, whose strings are `Src`: they know where
they stand in the letter's text) and the annexes' table rows; its output is what was found,
each item with its span in the letter's text, the section it stands in and the actor that
section's heading names ("Sở Tài chính có trách nhiệm:"). Nothing later runs a finder again:
resolve merges and checks these items, assemble converts them, the emitters read their spans.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex as re

from . import dates, deadlines
from ..budget import NO_BUDGET, TimeBudget
from ..patterns import LIST_KINDS
from .references import Mention, find_mentions
from ..extract.sections import Node
from ..spans import LetterText, Src, box_of, conf_of


@dataclass(frozen=True)
class At:
    """Where a found item stands: its span of the letter's text (None when it could not be
    placed), page and box, the section path ("B.5", "Phụ lục I/2") and the part ("body" or an
    annex's label)."""

    span: tuple[int, int] | None
    page: int | None
    bbox: tuple[float, float, float, float] | None
    section: str | None
    part: str
    confidence: float | None = None  # OCR'd lines: their mean confidence, 0..1


@dataclass(frozen=True)
class FoundMention:
    mention: Mention
    at: At
    citation: tuple[int, int] | None = None  # the type word and number alone ("Quyết định số 153/QĐ-TTg")


@dataclass(frozen=True)
class FoundDate:
    date: dates.DateValue
    at: At


@dataclass(frozen=True)
class FoundPeriod:
    start: int
    end: int
    raw: str
    at: At


@dataclass(frozen=True)
class FoundDeadline:
    deadline: deadlines.Found
    at: At


@dataclass(frozen=True)
class Findings:
    mentions: tuple[FoundMention, ...] = ()
    dates: tuple[FoundDate, ...] = ()
    periods: tuple[FoundPeriod, ...] = ()
    deadlines: tuple[FoundDeadline, ...] = ()
    # per annex, what its "(Kèm theo Công văn số ... ngày ...)" line cites: the mention (or None)
    # and the date it gives
    attached: tuple[tuple[FoundMention | None, str | None], ...] = ()
    stopped: int | None = None  # texts read before the deadline passed (parser.budget); None: all of them


@dataclass(frozen=True)
class Text:
    """One text the finders read: a section's heading and text, or an annex table's row."""

    src: Src
    section: str | None
    actor: str | None
    part: str


def _walk(nodes: list[Node], path: tuple[str, ...] = (), actor: str | None = None
          ) -> Iterator[tuple[Src, str | None, str | None]]:
    """(text, section path, actor from an enclosing 'X có trách nhiệm' heading) per section."""
    for n in nodes:
        label = (n.label or "").rstrip(".):").strip()
        here = path + ((label,) if label and n.kind not in LIST_KINDS else ())
        own = deadlines.actor_of_heading(n.title) or actor
        yield n.full_src.strip(), ".".join(here) or None, own
        yield from _walk(n.children, here, own)


# A paragraph that ends on "số" and the next one that opens with the number it announces: a
# citation the paragraph builder cut at a line break (H14.1999: "... Hội đồng Chính phủ số : 88/CP,
# ngày 17/8/1994, số" / "60/CP. ngày 05/7/1994 ..."; "tại phiếu trình số" / "I3/UB-TP, ngày ...")
ENDS_ON_SO = re.compile(r"(?:^|[\s,;(])(?i:số)\s*:?$")
OPENS_ON_NUMBER = re.compile(r"^\w{1,5}\s*[/⁄-]\s*[\p{Lu}\d]")


def _rejoined(items: Iterator[Text]) -> Iterator[Text]:
    """`items` with each paragraph that ends on "số" read together with the next, when that one
    opens with a notation: the two as one text, in the first's section."""
    held: Text | None = None
    for t in items:
        if held is not None:
            if OPENS_ON_NUMBER.match(t.src.text) and held.part == t.part:
                t = Text(Src.join(" ", [held.src, t.src]), held.section, held.actor, held.part)
            else:
                yield held
            held = None
        if ENDS_ON_SO.search(t.src.text):
            held = t
            continue
        yield t
    if held is not None:
        yield held


def texts(body: list[Node], annexes: list[tuple[str, list[Node], list[Src]]]) -> Iterator[Text]:
    """Every text of the letter in order: the body's sections, then each annex's sections and
    table rows. `annexes` holds (label, section tree, one Src per table row)."""
    yield from _rejoined(Text(src, path, actor, "body") for src, path, actor in _walk(body))
    for label, nodes, rows in annexes:
        yield from _rejoined(Text(src, f"{label}/{path}" if path else label, actor, label)
                             for src, path, actor in _walk(nodes))
        for row in rows:
            yield Text(row, label, None, label)


def _at(lt: LetterText, src: Src, a: int, b: int, t: Text) -> At:
    span = src.span(a, b, lt.text)
    if span is None:
        return At(None, None, None, t.section, t.part)
    lines = lt.lines_at(span)
    page, box = box_of(lines)
    return At(span, page, box, t.section, t.part, conf_of(lines))


def _stripped(text: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) without the white space at either end."""
    seg = text[a:b]
    a2 = a + len(seg) - len(seg.lstrip())
    return a2, max(a2, a + len(seg.rstrip()))


def _cut_titles(text: str, ms: list[Mention]) -> list[Mention]:
    """A mention's title ends where the next mention starts."""
    for i, m in enumerate(ms):
        if i + 1 < len(ms) and m.end > ms[i + 1].start and m.title:
            stop = m.title.find(text[ms[i + 1].start: ms[i + 1].start + 12])
            # drop the joining ", và" before the next mention (rstrip(" ,;và") also ate a
            # title's last letters: "... tỉnh Hà" -> "... tỉnh H")
            title = re.sub(r"(?:[\s,;]|\bvà\b)+$", "", m.title[:stop]) if stop > 0 else m.title
            # and so does its raw text ("Quyết định số 153/QĐ-TTg ... và Chỉ thị số 13/CT-TTg": two mentions)
            raw = re.sub(r"(?:[\s,;]|\bvà\b)+$", "", text[m.start: ms[i + 1].start]).strip()
            ms[i] = Mention(m.start, ms[i + 1].start, raw or m.raw, m.type_code, m.notation, m.law_name, m.date,
                            m.date_raw, m.issuer, (title or "").strip(" ,;") or None, m.pinpoint)
    return ms


def _raw_span(text: str, start: int, raw: str) -> tuple[int, int] | None:
    """Where `raw` (a finder's text, stripped or cut) starts at or just after `start`."""
    i = text.find(raw, start, start + len(raw) + 40) if raw else -1
    return (i, i + len(raw)) if i >= 0 else None


def _mentions(lt: LetterText, t: Text) -> list[FoundMention]:
    text = t.src.text
    out = []
    for m in _cut_titles(text, find_mentions(text)):
        a, b = _stripped(text, m.start, m.end)
        raw = m.raw[:300]
        cite = None
        if m.notation is not None and m.notation.canonical:
            pos = text.find(m.notation.raw, m.start)
            if pos >= 0:
                cite = t.src.span(m.start, pos + len(m.notation.raw), lt.text)
        at = _at(lt, t.src, a, a + len(raw), t) if text[a:a + len(raw)] == raw else _at(lt, t.src, a, b, t)
        out.append(FoundMention(m, at, cite))
    return out


def find_attached(lt: LetterText, label: str, src: Src) -> tuple[FoundMention | None, str | None]:
    """An annex's 'Kèm theo' line: the document it names (the letter itself, as a rule) and the date."""
    t = Text(src, label, None, label)
    ms = _mentions(lt, t)
    m = ms[0] if ms else None
    if m is not None:
        return m, m.mention.date
    d = dates.first_date(src.text)
    return m, d.iso if d else None


def find_all(lt: LetterText, items: list[Text], attached: list[tuple[str, Src]] = (),
             budget: TimeBudget = NO_BUDGET) -> Findings:
    mentions: list[FoundMention] = []
    found_dates: list[FoundDate] = []
    periods: list[FoundPeriod] = []
    found_deadlines: list[FoundDeadline] = []
    stopped = None
    for k, t in enumerate(items):
        if budget.passed():
            stopped = k
            break
        text = t.src.text
        mentions += _mentions(lt, t)
        for p in dates.PERIOD.finditer(text):
            periods.append(FoundPeriod(int(p["a"]), int(p["b"]), p.group(0), _at(lt, t.src, p.start(), p.end(), t)))
        for d in dates.find_dates(text):
            found_dates.append(FoundDate(d, _at(lt, t.src, d.start, d.end, t)))
        for f in deadlines.find_deadlines(text, t.actor):
            where = _raw_span(text, f.start, f.raw) if f.start is not None else None
            at = _at(lt, t.src, *where, t) if where else At(None, None, None, t.section, t.part)
            found_deadlines.append(FoundDeadline(f, at))
    return Findings(tuple(mentions), tuple(found_dates), tuple(periods), tuple(found_deadlines),
                    tuple(find_attached(lt, label, src) for label, src in attached), stopped)
