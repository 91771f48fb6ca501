"""Resolve stage (eyecite's `resolve`): over the assembled letter,
- merge mentions of the same document into one `Reference` (first full mention wins, later
  short mentions count in `mentions`);
- mark the letter citing itself (`self`), including an annex's garbled "Kèm theo" line, which is
  matched to the letter's own number with the OCR-aware scorer (parser/match.py);
- take the letter's own number and date from its annexes when its header lost them;
- flag dates after the letter's own date and reversed periods;
- find deadlines with their actor, action and recipient, and the section they stand in.
"""
from __future__ import annotations

from .models import AttachedTo, DateMention, Deadline, Letter, Occurrence, Period, Reference, Span
from .models import Warning as W

from . import domain
from .find import At, Findings, FoundMention
from .frameworks import find_frameworks
from .match import notation_score
from .notation import parse_notation
from .references import Mention, mention_key


def _occurrence(fm: FoundMention) -> Occurrence:
    at = fm.at
    return Occurrence(page=at.page, bbox=list(at.bbox) if at.bbox else None,
                      span=Span(start=at.span[0], end=at.span[1]) if at.span else None, confidence=at.confidence,
                      citation=Span(start=fm.citation[0], end=fm.citation[1]) if fm.citation else None,
                      section=at.section)


def _provenance(at: At):
    from .assemble import provenance_of

    return provenance_of(at)


def _merge(found: list[FoundMention], own: str | None, own_date: str | None) -> tuple[list[Reference], list[W]]:
    refs: dict[str, dict] = {}
    order: list[str] = []
    warn: list[W] = []
    own_notation = parse_notation(own) if own else None
    for fm in found:
        m = fm.mention
        key = mention_key(m)
        if key is None:
            continue
        if key not in refs:
            refs[key] = {"m": m, "mentions": 0, "occurrences": []}
            order.append(key)
        entry = refs[key]
        entry["mentions"] += 1
        entry["occurrences"].append(_occurrence(fm))
        best: Mention = entry["m"]
        if (m.date and not best.date) or (m.issuer and not best.issuer and (m.date or not best.date)):
            entry["m"] = m
    out = []
    for key in order:
        e = refs[key]
        m: Mention = e["m"]
        is_self = bool(own_notation and m.notation and m.notation.canonical == own_notation.canonical)
        if own_date and m.date and m.date > own_date and not is_self:
            warn.append(W(code="date_after_document", message=f"{m.raw[:60]!r} is dated {m.date}, after the letter "
                          f"itself ({own_date}): the date is doubtful", where=None))
        out.append(Reference(
            type=m.type_code, type_name=domain.type_name(m.type_code),
            number=m.notation.canonical if m.notation else None,
            number_raw=m.notation.raw if m.notation else None, date=m.date, issuer=m.issuer,
            title=m.title, pinpoints=[m.pinpoint] if m.pinpoint else [], raw=m.raw[:300],
            mentions=e["mentions"], self=is_self, occurrences=e["occurrences"],
        ))
    return out, warn


def _attached(letter: Letter, attached: tuple, warn: list[W]) -> tuple[Letter, list]:
    """Resolve each annex's 'Kèm theo' line; fill the letter's number/date from them if missing.
    `attached` is what the find stage read in those lines, one per annex that has one."""
    doc = letter.document
    own = parse_notation(doc.number) if doc.number else None
    annexes = []
    found = []
    lines = iter(attached)
    for a in letter.annexes:
        at = a.attached_to
        if at is None:
            annexes.append(a)
            continue
        fm, date = next(lines)
        m = fm.mention if fm is not None else None
        raw_notation = m.notation if m else None
        found.append((m, date))
        upd = {"number_raw": raw_notation.raw if raw_notation else None, "date": date}
        if own is not None and raw_notation is not None:
            score = notation_score(raw_notation, own, date, doc.date)
            exact = raw_notation.canonical == own.canonical
            if exact or score >= 0.6:
                upd.update(number=own.canonical, matches_parent=True, score=1.0 if exact else score)
                if not exact and score < 0.8:
                    warn.append(W(code="number_mismatch", message=f"{a.label} says it is attached to "
                                  f"{raw_notation.raw!r}, read as this letter {own.canonical} (weak match, "
                                  f"score {score:.2f})", where=a.label))
                if date and doc.date and date != doc.date:
                    warn.append(W(code="date_mismatch", message=f"{a.label} gives the letter's date as {date}, "
                                  f"the header says {doc.date}", where=a.label))
            else:
                upd.update(number=raw_notation.canonical, matches_parent=False, score=score)
        elif raw_notation is not None and raw_notation.n is None and own is None:
            upd.update(matches_parent=True, score=0.5)  # a blank number of the letter itself
        elif raw_notation is not None:
            upd.update(number=raw_notation.canonical)
        annexes.append(a.model_copy(update={"attached_to": at.model_copy(update=upd)}))
    letter = letter.model_copy(update={"annexes": annexes})
    has_letter = bool(letter.body or doc.type or doc.subject)  # not an annex-only document
    if doc.number is None and doc.number_raw is None and found and has_letter:
        numbers = {m.notation.canonical for m, _ in found if m and m.notation and m.notation.canonical}
        if len(numbers) == 1:
            m, date = next((m, d) for m, d in found if m and m.notation and m.notation.canonical)
            t = m.notation.type_code
            if doc.type is None or t is None or t == doc.type or doc.type == "CV":
                upd = {"number": m.notation.canonical, "date": doc.date or date}
                if doc.issuer.code is None and m.notation.issuer_code:
                    upd["issuer"] = doc.issuer.model_copy(update={"code": m.notation.issuer_code})
                if doc.type is None and t:
                    upd.update(type=t, type_name=domain.type_name(t))
                matched = [a.model_copy(update={"attached_to": a.attached_to.model_copy(update={
                    "matches_parent": True, "score": 1.0})}) if a.attached_to and a.attached_to.number == upd["number"]
                    else a for a in letter.annexes]
                letter = letter.model_copy(update={"document": doc.model_copy(update=upd), "annexes": matched})
                warn.append(W(code="number_from_annex", message=f"the header gives no number; "
                              f"{m.notation.canonical} is read from the annexes' 'kèm theo' lines", where="header"))
    return letter, found


def resolve(letter: Letter, findings: Findings) -> Letter:
    warn: list[W] = list(letter.warnings)
    letter, _ = _attached(letter, findings.attached, warn)
    doc = letter.document

    for p in findings.periods:
        if p.start > p.end:
            warn.append(W(code="reversed_period", message=f"{p.raw!r}: the period ends before it starts",
                          where=p.at.section))
    for d in findings.dates:
        if d.date.iso is None:
            warn.append(W(code="invalid_date", message=f"{d.date.raw!r} is not a possible date", where=d.at.section))
    found_deadlines = [
        Deadline(date=f.date, precision=f.precision, raw=f.raw, action=f.action, actor=f.actor, recipient=f.recipient,
                 section=fd.at.section, recurrence=f.recurrence, relative_to=f.relative_to,
                 provenance=_provenance(fd.at) if fd.at.span else None)
        for fd in findings.deadlines for f in (fd.deadline,)]
    refs, ref_warn = _merge(list(findings.mentions), doc.number, doc.date)
    warn += ref_warn
    for dl in found_deadlines:
        if dl.date and doc.date and dl.date < doc.date:
            warn.append(W(code="deadline_before_document", message=f"deadline {dl.raw!r} is before the letter's "
                          f"date {doc.date}", where=dl.section))
    mentioned = sorted(
        [(d.at.span or (1 << 60, 0), DateMention(raw=d.date.raw, date=d.date.iso, precision=d.date.precision,
                                                 section=d.at.section, provenance=_provenance(d.at)))
         for d in findings.dates]
        + [(p.at.span or (1 << 60, 0), DateMention(raw=p.raw, kind="period", period=Period(start=p.start, end=p.end),
                                                   section=p.at.section, provenance=_provenance(p.at)))
           for p in findings.periods], key=lambda x: x[0])
    letter = letter.model_copy(update={"references": refs, "deadlines": found_deadlines, "warnings": warn,
                                       "dates": [d for _, d in mentioned]})
    return letter.model_copy(update={"frameworks": find_frameworks(letter)})


__all__ = ["resolve"]
