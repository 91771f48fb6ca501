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

from collections.abc import Iterator

import regex as re

from .models import AttachedTo, Deadline, Letter, Reference, Section
from .models import Warning as W

from . import dates, deadlines, domain
from .frameworks import find_frameworks
from .match import notation_score
from .notation import parse_notation
from .patterns import LIST_KINDS
from .references import Mention, find_mentions, mention_key


def _walk(sections: list[Section], path: tuple[str, ...] = (), actor: str | None = None
          ) -> Iterator[tuple[str, str | None, str | None]]:
    """(text, section path, actor from an enclosing 'X có trách nhiệm' heading) per section."""
    for s in sections:
        label = (s.label or "").rstrip(".):").strip()
        here = path + ((label,) if label and s.kind not in LIST_KINDS else ())
        own = deadlines.actor_of_heading(s.title) or actor
        text = "\n".join(x for x in ((s.label or "") + " " + (s.title or ""), s.text) if x.strip())
        yield text.strip(), ".".join(here) or None, own
        yield from _walk(s.children, here, own)


def _texts(letter: Letter) -> Iterator[tuple[str, str | None, str | None, str]]:
    """Every text of the letter with its section path, context actor and where it is."""
    for text, path, actor in _walk(letter.body):
        yield text, path, actor, "body"
    for annex in letter.annexes:
        for text, path, actor in _walk(annex.body):
            yield text, (f"{annex.label}/{path}" if path else annex.label), actor, annex.label
        for t in annex.tables:
            for row in t.rows:
                yield " ".join(c for c in row.cells if c), annex.label, None, annex.label


def _merge(mentions: list[Mention], own: str | None, own_date: str | None) -> tuple[list[Reference], list[W]]:
    refs: dict[str, dict] = {}
    order: list[str] = []
    warn: list[W] = []
    own_notation = parse_notation(own) if own else None
    for m in mentions:
        key = mention_key(m)
        if key is None:
            continue
        if key not in refs:
            refs[key] = {"m": m, "mentions": 0}
            order.append(key)
        entry = refs[key]
        entry["mentions"] += 1
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
            mentions=e["mentions"], self=is_self,
        ))
    return out, warn


def _attached(letter: Letter, warn: list[W]) -> tuple[Letter, list]:
    """Resolve each annex's 'Kèm theo' line; fill the letter's number/date from them if missing."""
    doc = letter.document
    own = parse_notation(doc.number) if doc.number else None
    annexes = []
    found = []
    for a in letter.annexes:
        at = a.attached_to
        if at is None:
            annexes.append(a)
            continue
        ms = find_mentions(at.raw)
        m = ms[0] if ms else None
        raw_notation = m.notation if m else None
        date = m.date if m else dates.first_date(at.raw).iso if dates.first_date(at.raw) else None
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


def resolve(letter: Letter) -> Letter:
    warn: list[W] = list(letter.warnings)
    letter, _ = _attached(letter, warn)
    doc = letter.document

    mentions: list[Mention] = []
    found_deadlines: list[Deadline] = []
    for text, path, actor, where in _texts(letter):
        ms = find_mentions(text)
        # a mention's title ends where the next mention starts
        for i, m in enumerate(ms):
            if i + 1 < len(ms) and m.end > ms[i + 1].start and m.title:
                stop = m.title.find(text[ms[i + 1].start: ms[i + 1].start + 12])
                # drop the joining ", và" before the next mention (rstrip(" ,;và") also ate a
                # title's last letters: "... tỉnh Hà" -> "... tỉnh H")
                title = re.sub(r"(?:[\s,;]|\bvà\b)+$", "", m.title[:stop]) if stop > 0 else m.title
                ms[i] = Mention(m.start, ms[i + 1].start, m.raw, m.type_code, m.notation, m.law_name, m.date,
                                m.date_raw, m.issuer, (title or "").strip(" ,;") or None, m.pinpoint)
        mentions += ms
        for p in dates.periods(text):
            if p[0] > p[1]:
                warn.append(W(code="reversed_period", message=f"{p[2]!r}: the period ends before it starts",
                              where=path))
        for d in dates.find_dates(text):
            if d.iso is None:
                warn.append(W(code="invalid_date", message=f"{d.raw!r} is not a possible date", where=path))
        for f in deadlines.find_deadlines(text, actor):
            found_deadlines.append(Deadline(date=f.date, precision=f.precision, raw=f.raw, action=f.action,
                                            actor=f.actor, recipient=f.recipient, section=path,
                                            recurrence=f.recurrence, relative_to=f.relative_to))
    refs, ref_warn = _merge(mentions, doc.number, doc.date)
    warn += ref_warn
    for dl in found_deadlines:
        if dl.date and doc.date and dl.date < doc.date:
            warn.append(W(code="deadline_before_document", message=f"deadline {dl.raw!r} is before the letter's "
                          f"date {doc.date}", where=dl.section))
    letter = letter.model_copy(update={"references": refs, "deadlines": found_deadlines, "warnings": warn})
    return letter.model_copy(update={"frameworks": find_frameworks(letter)})


__all__ = ["resolve"]
