"""Resolve stage (eyecite's `resolve`): over what the find stage found, before anything is
assembled,
- merge mentions of the same document into one reference (first full mention wins, later short
  mentions count; every mention is kept with its span);
- mark the letter citing itself (`self`), including an annex's garbled "Kèm theo" line, which is
  matched to the letter's own number with the OCR-aware scorer (parser/match.py);
- take the letter's own number and date from its annexes when its header lost them;
- flag dates after the letter's own date, impossible dates, reversed periods and deadlines
  before the letter.
Its output is plain frozen records (`Resolved`); parser/assemble.py converts them.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import domain
from . import patterns as P
from .find import Findings, FoundMention
from .match import notation_score
from .find.notation import parse_notation
from .find.references import Mention, mention_key
from .text import shown


@dataclass(frozen=True)
class HeaderFacts:
    """What resolve needs to know of the letter's own header."""

    number: str | None
    number_raw: str | None
    date: str | None
    type: str | None
    issuer_code: str | None
    has_letter: bool  # a body, a type or a subject: not an annex-only document


@dataclass(frozen=True)
class ResolvedRef:
    """One cited document: the mention whose fields it keeps, all its mentions, and whether it is
    the letter itself."""

    best: Mention
    mentions: tuple[FoundMention, ...]
    is_self: bool


@dataclass(frozen=True)
class AttachedMatch:
    """An annex's 'Kèm theo' line resolved: the number it names (the letter's own when it matches),
    as printed, its date, and how well it matches the letter."""

    number: str | None = None
    number_raw: str | None = None
    date: str | None = None
    matches_parent: bool = False
    score: float = 0.0


@dataclass(frozen=True)
class HeaderFix:
    """The letter's number (and what comes with it) read from its annexes when the header lost it."""

    number: str
    date: str | None
    issuer_code: str | None
    type: str | None
    type_name: str | None


@dataclass(frozen=True)
class Resolved:
    references: tuple[ResolvedRef, ...]
    attached: tuple[AttachedMatch, ...]  # one per annex that has a 'Kèm theo' line, in order
    header: HeaderFix | None
    warnings: tuple[tuple[str, str, str | None], ...]  # (code, message, where)


def _letters(name: str) -> str:
    return "".join(c for c in domain.fold(name) if c.isalnum())


def _law_names(found: tuple[FoundMention, ...]) -> dict[str, str]:
    """A law name OCR damaged -> the name it stands for, another mention of the letter: its letters
    cut inside a word of the fuller name ('Luật Ban hành văn bản q' of '... văn bản quy phạm pháp
    luật'; a cut at a word's end is another law: 'Luật Đầu tư' is not 'Luật Đầu tư công'), or two
    letters from it in a long name ('... văn bản q⁄y phạm pháp luật'). The fuller, first-found wins."""
    from rapidfuzz.distance import Indel

    laws = []
    for fm in found:
        m = fm.mention
        if m.notation is None and m.law_name and mention_key(m) not in (k for k, _ in laws):
            laws.append((mention_key(m), m.law_name))
    out: dict[str, str] = {}
    for key, name in laws:
        short = _letters(name)
        for other_key, other in laws:
            full = _letters(other)
            if other_key == key or len(full) <= len(short) - 2:
                continue
            words = domain.fold(other).split()
            cut_in_word = full.startswith(short) and len(full) > len(short) and not any(
                _letters(" ".join(words[:i])) == short for i in range(1, len(words) + 1))
            if cut_in_word or (len(short) >= 20 and len(full) >= len(short) and Indel.distance(short, full) <= 2):
                out[key] = other_key
                break
    return out


def _merge(found: tuple[FoundMention, ...], own: str | None, own_date: str | None, warn: list
           ) -> tuple[ResolvedRef, ...]:
    groups: dict[str, list[FoundMention]] = {}
    best: dict[str, Mention] = {}
    # a law cited once with its number ('Luật Đầu tư số 143/2025/QH15') and elsewhere by its name
    # alone ('theo Điều 47 Luật Đầu tư') is one document: the name leads to the number
    numbered = {domain.fold(fm.mention.law_name): mention_key(fm.mention) for fm in found
                if fm.mention.law_name and fm.mention.notation is not None and fm.mention.notation.canonical}
    known = domain.issuer_by_code()
    # the same number, year and type with a known issuer code ('17/2022/NĐ-CP' earlier in the letter)
    by_parts = {(n.n, n.year, n.type_code): n.canonical.upper() for n in (fm.mention.notation for fm in found)
                if n is not None and n.canonical and n.issuer_code in known}
    names = _law_names(found)
    for fm in found:
        m = fm.mention
        key = mention_key(m)
        if key is None:
            continue
        key = names.get(key, key)
        n = m.notation
        if n is not None and n.type_code and n.issuer_code not in known:
            # an issuer code OCR damaged past repair ('17/2022/NĐ-GE') is that document's
            key = by_parts.get((n.n, n.year, n.type_code), key)
        if m.notation is None and m.law_name:
            key = numbered.get(domain.fold(m.law_name), key)
        groups.setdefault(key, []).append(fm)
        b = best.setdefault(key, m)
        if (m.notation and not b.notation) or (m.date and not b.date) \
                or (m.issuer and not b.issuer and (m.date or not b.date)):
            best[key] = m
    own_notation = parse_notation(own) if own else None
    out = []
    for key, fms in groups.items():
        m = best[key]
        # the same number with another date is an earlier letter of that number, not this one
        is_self = bool(own_notation and m.notation and m.notation.canonical == own_notation.canonical
                       and not (m.date and own_date and m.date != own_date))
        if own_date and m.date and m.date > own_date and not is_self:
            warn.append(("date_after_document", f"{m.raw[:60]!r} is dated {m.date}, after the letter itself "
                         f"({own_date}): the date is doubtful", None))
        out.append(ResolvedRef(m, tuple(fms), is_self))
    return tuple(out)


def _attached_match(label: str, m: Mention | None, date: str | None, head: HeaderFacts, warn: list
                    ) -> AttachedMatch:
    own = parse_notation(head.number) if head.number else None
    raw_notation = m.notation if m else None
    raw = raw_notation.raw if raw_notation else None
    if own is not None and raw_notation is not None:
        score = notation_score(raw_notation, own, date, head.date)
        exact = raw_notation.canonical == own.canonical
        if exact or score >= 0.6:
            if not exact and score < 0.8:
                warn.append(("number_mismatch", f"{label} says it is attached to {raw_notation.raw!r}, read as "
                             f"this letter {own.canonical} (weak match, score {score:.2f})", label))
            if date and head.date and date != head.date:
                warn.append(("date_mismatch", f"{label} gives the letter's date as {date}, the header says "
                             f"{head.date}", label))
            return AttachedMatch(own.canonical, raw, date, True, 1.0 if exact else score)
        return AttachedMatch(raw_notation.canonical, raw, date, False, score)
    if raw_notation is not None and raw_notation.n is None and own is None:
        return AttachedMatch(None, raw, date, True, 0.5)  # a blank number of the letter itself
    if raw_notation is not None:
        return AttachedMatch(raw_notation.canonical, raw, date)
    return AttachedMatch(None, None, date)


def _number_from_annexes(found: list[tuple[Mention | None, str | None]], head: HeaderFacts, warn: list
                         ) -> HeaderFix | None:
    """The header gives no number: the one number all 'Kèm theo' lines agree on, when its type fits."""
    if head.number is not None or head.number_raw is not None or not found or not head.has_letter:
        return None
    numbers = {m.notation.canonical for m, _ in found if m and m.notation and m.notation.canonical}
    if len(numbers) != 1:
        return None
    m = next(m for m, _ in found if m and m.notation and m.notation.canonical)
    # the date of the first line that gives one (a line's absurd date is None: _overlong_dates)
    date = next((d for m, d in found if m and m.notation and m.notation.canonical and d), None)
    t = m.notation.type_code
    if not (head.type is None or t is None or t == head.type or head.type == "CV"):
        return None
    warn.append(("number_from_annex", f"the header gives no number; {m.notation.canonical} is read from the "
                 "annexes' 'kèm theo' lines", "header"))
    return HeaderFix(
        number=m.notation.canonical, date=head.date or date,
        issuer_code=m.notation.issuer_code if head.issuer_code is None else None,
        type=t if head.type is None and t else None, type_name=domain.type_name(t) if head.type is None and t else None)


def _date_checks(findings: Findings, warn: list) -> None:
    for p in findings.periods:
        if p.start > p.end:
            warn.append(("reversed_period", f"{p.raw!r}: the period ends before it starts", p.at.section))
    for d in findings.dates:
        if d.date.iso is None:
            warn.append(("invalid_date", f"{d.date.raw!r} is not a possible date", d.at.section))


def _overlong_dates(annex_labels: tuple[str, ...], annex_texts: tuple[str, ...], warn: list) -> None:
    """An annex's 'kèm theo' line whose day, month or year is a run of digits no date has gives
    no date (the finders do not read one); said, as the header says it of its date line."""
    for label, text in zip(annex_labels, annex_texts):
        if (digits := P.overlong_date(text)) is not None:
            warn.append(("invalid_date", f"{label}'s 'kèm theo' line {shown(text)!r} holds a run of {digits:,} "
                         "digits, more than a date has: no date read from it", label))


def resolve(findings: Findings, head: HeaderFacts, annex_labels: tuple[str, ...],
            annex_texts: tuple[str, ...] = ()) -> Resolved:
    """`annex_labels`, `annex_texts`: the label and the 'Kèm theo' line of each annex that has one
    (findings.attached's order)."""
    warn: list = []
    _overlong_dates(annex_labels, annex_texts, warn)
    found = [(fm.mention if fm else None, date) for fm, date in findings.attached]
    attached = [_attached_match(label, m, date, head, warn) for label, (m, date) in zip(annex_labels, found)]
    fix = _number_from_annexes(found, head, warn)
    if fix is not None:
        attached = [AttachedMatch(a.number, a.number_raw, a.date, True, 1.0) if a.number == fix.number else a
                    for a in attached]
    date = fix.date if fix else head.date
    number = fix.number if fix else head.number
    _date_checks(findings, warn)
    refs = _merge(findings.mentions, number, date, warn)
    for fd in findings.deadlines:
        f = fd.deadline
        if f.date and date and f.date < date:
            warn.append(("deadline_before_document", f"deadline {f.raw!r} is before the letter's date {date}",
                         fd.at.section))
    return Resolved(refs, tuple(attached), fix, tuple(warn))


__all__ = ["HeaderFacts", "Resolved", "resolve"]
