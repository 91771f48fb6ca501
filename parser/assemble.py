"""Assemble: the records of the stages before as the pydantic models of parser/models, with
provenance (page, box, span in the letter's text, confidence) for every value. It converts
only: the stages run in parser/pipeline.py, which calls these converters in their place.
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import (
    Annex, AttachedTo, Check, DateMention, Deadline, Document, EngineReading, FieldReading, Issuer, Occurrence,
    Period, Provenance, Reference, Row, Section, Signer, Span, Table,
)
from .models import Warning as W

from .extract import header, sections, tables

from . import domain
from . import patterns as P
from .find import At, Findings, FoundDeadline, FoundMention
from .find.dates import day_of
from .resolve import AttachedMatch, HeaderFix, ResolvedRef
from .segment import AnnexPart, Parts
from .text import is_upper
from .spans import LetterText, Src, box_of, compose, conf_of, field_seps, join_src, pieces, record_joins
from .types import Line, Page


def _span(lt: LetterText, src: Src | None) -> Span | None:
    sp = src.span(0, len(src), lt.text) if src else None
    return Span(start=sp[0], end=sp[1]) if sp else None


def _prov(lt: LetterText, src: Src | None, lines: list[Line] = ()) -> Provenance | None:
    """Where a string stands: its span, and the page and box of the lines under it (or of
    `lines`, when the string could not be placed in the letter's text)."""
    span = _span(lt, src)
    under = lt.lines_at((span.start, span.end)) if span else list(lines)
    if span is None and not under:
        return None
    page, box = box_of(under)
    return Provenance(page=page, bbox=list(box) if box else None, span=span, confidence=conf_of(under))


def provenance_of(at: At) -> Provenance:
    return Provenance(page=at.page, bbox=list(at.bbox) if at.bbox else None,
                      span=Span(start=at.span[0], end=at.span[1]) if at.span else None, confidence=at.confidence)


def _section(node: sections.Node, lt: LetterText) -> Section:
    text_spans = [_span(lt, piece) for piece in pieces(node.text_src)] if node.text else []
    return Section(label=node.label, kind=node.kind, title=node.title, text=node.text, page=node.page,
                   children=[_section(c, lt) for c in node.children],
                   provenance=_prov(lt, node.head_src, node.lines), title_span=_span(lt, node.title_src),
                   text_spans=text_spans if len(text_spans) == len(node.text.split("\n")) else [])


def paragraph_srcs(lt: LetterText, paras: list[sections.Para]) -> list[Src]:
    """Each paragraph's text as a Src (a table row's line as it is)."""
    out = []
    for p in paras:
        if p.table is not None:
            out.append(lt.raw_src(p.lines[0]) if p.lines else Src(p.text))
            continue
        src = join_src(lt, p.lines, p.seps)
        out.append(src if src.text == p.text else Src(p.text))
    return out


def _align_rows(lt: LetterText, built_rows, source: list[Line]) -> list[list[Src | None]]:
    """Each built row's cells as Src: found, left to right, in the row line they came from (the
    rows are in the source's order; a header row or a row merged into the one above is skipped)."""
    out: list[list[Src | None]] = []
    j = 0
    srcs = [lt.raw_src(ln) for ln in source]
    for r in built_rows:
        found: list[Src | None] | None = None
        for k in range(j, min(j + 6, len(srcs))):
            pos, cells = 0, []
            for c in r.cells:
                i = srcs[k].text.find(c, pos) if c else -1
                if c and i < 0:
                    break
                cells.append(srcs[k].slice(i, i + len(c)) if c else None)
                pos = i + len(c) if c else pos
            else:
                found, j = cells, k + 1
                break
        out.append(found if found is not None else [None] * len(r.cells))
    return out


@dataclass(frozen=True)
class _TableRows:
    """One table's rows as the lines gave them (a table continued on the next page joined)."""

    tid: int
    rows: tuple[tuple[str, ...], ...]
    source: tuple[Line, ...]  # the lines the rows came from
    page: int  # where it starts
    before: tuple[str, ...]  # the last text lines above it (title, unit)


def _group_rows(lines: list[Line]) -> list[_TableRows]:
    """Table rows grouped by table id, in order. A table that follows another with no text
    between them and as many columns, and either opens the next page or repeats the other's
    header row, is that table continued: their rows are joined (the repeated header row is
    dropped by tables.build_table)."""
    order: list[int] = []
    rows: dict[int, list] = {}
    page: dict[int, int] = {}
    last_page: dict[int, int] = {}
    before: dict[int, list[str]] = {}
    texts: list[str] = []
    since_table = 0  # text lines since the last table row
    alias: dict[int, int] = {}
    source: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.cells is None:
            if ln.text.strip():
                texts.append(ln.text.strip())
                since_table += 1
            continue
        tid = alias.get(ln.table, ln.table)
        if tid not in rows and order and since_table == 0 and len(ln.cells) == len(rows[order[-1]][0]) \
                and (ln.page == last_page[order[-1]] + 1 or ln.cells == rows[order[-1]][0]):
            alias[ln.table] = tid = order[-1]  # next page, or the header repeated after a break
        if tid not in rows:
            order.append(tid)
            rows[tid] = []
            source[tid] = []
            page[tid] = ln.page
            before[tid] = texts[-3:]
        rows[tid].append(ln.cells)
        source[tid].append(ln)
        last_page[tid] = ln.page
        since_table = 0
    return [_TableRows(tid, tuple(rows[tid]), tuple(source[tid]), page[tid], tuple(before[tid])) for tid in order]


def _tables(lines: list[Line], warn: list[W], where: str, lt: LetterText | None = None,
            pages: list[Page] = (), row_srcs: list[Src] | None = None) -> list[Table]:
    """Group table rows by id (_group_rows), build each table; title and unit from the lines just above it."""
    out: list[Table] = []
    for group in _group_rows(lines):
        built = tables.build_table(list(group.rows))
        if not built.columns:
            continue
        above = list(group.before)
        title = next((t for t in reversed(above) if is_upper(t) and len(t) > 12), None)
        unit = tables.find_unit(above + [" ".join(" ".join(p) for p in built.columns)])
        for code, msg, w in built.warnings:
            warn.append(W(code=code, message=msg, where=f"{where}, table {len(out) + 1}, {w}"))
        box = _table_box(pages, group.tid)
        out.append(Table(
            title=title, unit=unit, columns=built.columns, page=group.page,
            rows=_rows(built.rows, list(group.source), lt, box, row_srcs),
            checks=[Check(**c) for c in built.checks],
            provenance=Provenance(page=group.page, bbox=list(box) if box else None),
        ))
    return out


def _rows(built_rows, source: list[Line], lt: LetterText | None, box, row_srcs: list[Src] | None) -> list[Row]:
    """A built table's rows as models, each cell with its provenance; each row's text added to
    `row_srcs` (for the finders) when given."""
    cell_srcs = _align_rows(lt, built_rows, source) if lt is not None else [[] for _ in built_rows]
    rows_out = []
    for r, cs in zip(built_rows, cell_srcs):
        provs = [None if c is None else _cell_prov(lt, c, box) for c in cs]
        rows_out.append(Row(cells=r.cells, label=r.label, level=r.level, kind=r.kind, values=r.values,
                            cell_provenance=provs))
        if row_srcs is not None:
            row_srcs.append(Src.join(" ", [c if c is not None else Src(v) for c, v in zip(cs, r.cells) if v]))
    return rows_out


def _table_box(pages: list[Page], tid: int) -> tuple[float, float, float, float] | None:
    """A PDF table's box (table ids are page * 100 + its index on the page: parser.layout)."""
    number, k = divmod(tid, 100)
    page = next((p for p in pages if p.number == number), None)
    if page is None or k >= len(page.tables):
        return None
    return page.tables[k].bbox


def _cell_prov(lt: LetterText, src: Src, box) -> Provenance:
    """A cell: its span, the page of its row, and the table's box (cells have no boxes of their own here)."""
    span = _span(lt, src)
    under = lt.lines_at((span.start, span.end)) if span else []
    page, _ = box_of(under)
    return Provenance(page=page, bbox=list(box) if box else None, span=span, confidence=conf_of(under))


def _annex(part: AnnexPart, paras: list[sections.Para], lt: LetterText, warn: list[W], pages: list[Page],
           row_srcs: list[Src]) -> tuple[Annex, list[sections.Node], Src | None]:
    """An annex, its section tree (for the finders) and its 'Kèm theo' line as a Src."""
    title = header.join(part.title_lines) or None
    attached = None
    attached_src = None
    if part.attached_lines:
        raw = header.join(part.attached_lines).strip()
        attached_src = join_src(lt, part.attached_lines, field_seps(part.attached_lines)).strip().strip("()").strip()
        if attached_src.text != raw.strip("()").strip():
            attached_src = Src(raw.strip("()").strip())
        attached = AttachedTo(raw=raw.strip("()").strip(), provenance=_prov(lt, attached_src, part.attached_lines))
    roots = sections.build_tree(paras, paragraph_srcs(lt, paras))
    annex = Annex(label=part.label, title=title, attached_to=attached,
                  body=[_section(n, lt) for n in roots],
                  tables=_tables(part.body, warn, part.label, lt, pages, row_srcs),
                  page=part.heading[0].page if part.heading else None,
                  provenance=_prov(lt, lt.line_src(part.heading[0]), part.heading[:1]) if part.heading else None)
    return annex, roots, attached_src


# A header or closing field whose OCR'd words have less mean confidence (0..100) than this is flagged
FIELD_CONF = 80.0


def _low_confidence_fields(parts: Parts) -> list[W]:
    """Fields read from OCR'd lines with low confidence: a warning each, so a person checks them."""
    fields = {"number": [parts.number] if parts.number else [], "date": [parts.date_line] if parts.date_line else [],
              "issuer": parts.issuer, "subject": parts.subject, "recipients": parts.recipients,
              "signer": parts.signer}
    out = []
    for name, lines in fields.items():
        confs = [ln.conf for ln in lines if ln.conf is not None]
        if confs and sum(confs) / len(confs) < FIELD_CONF:
            out.append(W(code="low_confidence", message=f"the {name} was read by OCR with low confidence "
                         f"({sum(confs) / len(confs):.0f}/100): check it", where=f"document.{name}"))
    return out


def _has_letter(parts: Parts, body: list[Section]) -> bool:
    return bool(parts.number or parts.date_line or parts.type_line or parts.subject or parts.recipients
                or parts.distribution or parts.annexes
                or any(s.label and s.kind not in P.LIST_KINDS for s in body))


MAX_ITEM_LINES = 4  # lines one Kính gửi / Nơi nhận item may wrap over


def _wrapped(lines: list[Line], letter_lines) -> list:
    """The runs of 2 to MAX_ITEM_LINES letter lines that start at each of `lines`: where an item
    wrapped over lines may stand."""
    return [letter_lines[ln.seq: ln.seq + m + 1] for ln in lines if ln.seq is not None
            for m in range(1, MAX_ITEM_LINES) if ln.seq + m < len(letter_lines)]


def _item_joins(value: str, lines: list[Line], letter_lines: list[Line], joins: dict[int, str]) -> None:
    """A list item wrapped over lines ('- Đơn vị chuyên trách về CNTT của các Bộ, cơ quan ngang Bộ, cơ' /
    'quan thuộc Chính phủ;'): its lines are joined in the letter's text as the reader joined them."""
    if any(value in " ".join(ln.text.split()) for ln in lines if ln.col is not None):
        return  # on one line (a line the segmenter joined to the next has no column: col None)
    for group in _wrapped(lines, letter_lines):
        if value in " ".join(" ".join(g.text.split()) for g in group):
            record_joins(group, [" "] * (len(group) - 1), joins)
            return


def _compose(lines: list[Line], parts: Parts, body: list[sections.Para],
             annexes: list[list[sections.Para]], items: list[tuple[str, list[Line]]]) -> LetterText:
    """The letter's text, its wrapped lines joined as the reader joined them (parser.spans):
    paragraphs, a trích yếu or an annex title over two lines, list items (`items`: each value
    and the lines it was read from)."""
    joins: dict[int, str] = {}
    for paras in [body, *annexes]:
        for para in paras:
            if para.table is None:
                record_joins(para.lines, para.seps, joins)
    fields = [parts.subject] + [a.title_lines for a in parts.annexes] + [a.attached_lines for a in parts.annexes]
    for group in fields:
        record_joins(group, field_seps(group), joins)
    for value, where in items:
        _item_joins(value, where, lines, joins)
    return compose(lines, joins)


def _value_prov(lt: LetterText, value: str | None, lines: list[Line]) -> list[Provenance]:
    """Where a header value stands: as printed on one of its lines or over a few that follow each
    other; a value the parser corrected ('THỦ TRƯỞNG' read as 'THỨ TRƯỞNG') points at the line
    most like it; else the lines' page and box without a span."""
    if not value or not lines:
        return []
    for ln in lines:
        got = lt.line_src(ln).find(value)
        if got is not None and _span(lt, got):
            return [_prov(lt, got, [ln])]
    for group in _wrapped(lines, lt.lines):
        got = Src.join(" ", [lt.line_src(g) for g in group]).find(value)
        if got is not None and _span(lt, got):
            return [_prov(lt, got, list(group))]
    from rapidfuzz import fuzz

    best = max(lines, key=lambda ln: fuzz.ratio(value, " ".join(ln.text.split())))
    if fuzz.ratio(value, " ".join(best.text.split())) >= CORRECTED_LINE:
        return [_prov(lt, lt.line_src(best).strip(), [best])]
    first = next((ln for ln in lines if value.split()[0] in ln.text), lines[0])
    return [_prov(lt, None, [first])]


# How like a corrected value (0..100, rapidfuzz ratio) the line it was read from must be for its
# provenance to point at that line ('THỦ TRƯỞNG' -> 'THỨ TRƯỞNG' is 90)
CORRECTED_LINE = 60


def _document_provenance(lt: LetterText, parts: Parts, document: Document) -> dict[str, list[Provenance]]:
    """Per header field, where it was read: the printed line for values the parser rewrites
    (number, date, type, issuer), the value itself for those it keeps as printed."""
    out: dict[str, list[Provenance]] = {}

    def line(name: str, ln: Line | None):
        if ln is not None and (pv := _prov(lt, lt.line_src(ln).strip(), [ln])):
            if pv.span is None and (raw := _prov(lt, lt.raw_src(ln), [ln])) and raw.span is not None:
                pv = raw  # a line with a wide gap ('Số         -KL/TU', a number left blank): as it stands
            out[name] = [pv]

    line("number", parts.number)
    line("date", parts.date_line)
    line("type", parts.type_line)
    if parts.issuer:
        out["issuer"] = [pv for ln in parts.issuer if (pv := _prov(lt, lt.line_src(ln).strip(), [ln]))]
    if parts.date_line is not None and document.place:
        out["place"] = _value_prov(lt, document.place, [parts.date_line])
    if document.subject:
        subject = join_src(lt, parts.subject, field_seps(parts.subject)).find(document.subject)
        out["subject"] = [_prov(lt, subject, parts.subject)] if subject is not None else \
            _value_prov(lt, document.subject, parts.subject)
    out["recipients"] = [pv for r in document.recipients for pv in _value_prov(lt, r, parts.recipients)]
    out["distribution"] = [pv for d in document.distribution for pv in _value_prov(lt, d, parts.distribution)]
    for name in ("authority", "position", "name"):
        value = getattr(document.signer, name)
        if value:
            out[f"signer.{name}"] = _value_prov(lt, value, parts.signer)
    for name in ("urgency", "confidentiality"):
        value = getattr(document, name)
        if value:
            out[name] = _value_prov(lt, value, parts.marks)
    return {k: v for k, v in out.items() if v}


def _annexes(parts: Parts, annex_paras: list[list[sections.Para]], lt: LetterText, warn: list[W],
             pages: list[Page]):
    """The annexes as models, with what the finders read in each (label, section tree, table
    rows) and each 'Kèm theo' line (label, Src)."""
    annexes, annex_texts, attached = [], [], []
    for part, paras in zip(parts.annexes, annex_paras):
        rows: list[Src] = []
        annex, nodes, attached_src = _annex(part, paras, lt, warn, pages, rows)
        annexes.append(annex)
        annex_texts.append((annex.label, nodes, rows))
        if attached_src is not None:
            attached.append((annex.label, attached_src))
    return annexes, annex_texts, attached


# --- conversion of the resolved records ------------------------------------------------------

def _document(v: dict, signer: dict, distribution: list[str], second, fix: HeaderFix | None) -> Document:
    issuer = dict(v["issuer"])
    upd: dict = {}
    if fix is not None:
        upd = {"number": fix.number, "date": fix.date}
        if fix.issuer_code:
            issuer["code"] = fix.issuer_code
        if fix.type:
            upd.update(type=fix.type, type_name=fix.type_name)
    return Document(
        type=upd.get("type", v.get("type")), type_name=upd.get("type_name", v.get("type_name")),
        number=upd.get("number", v.get("number")), number_raw=v.get("number_raw"),
        issuer=Issuer(**issuer), place=v.get("place"), date=day_of(upd.get("date", v.get("date"))),
        subject=v.get("subject"),
        recipients=v.get("recipients", []), signer=Signer(**{k: signer[k] for k in ("authority", "position", "name")}),
        signers=[Signer(**each) for each in signer.get("signers", ())], distribution=distribution,
        urgency=v.get("urgency"), confidentiality=v.get("confidentiality"),
        readings=[FieldReading(field=f, value=vote.value, confidence=vote.confidence, decided=f in v.get("reread", ()),
                               readings=[EngineReading(engine=r.engine, text=r.text, value=r.value,
                                                       score=round(r.score, 3)) for r in vote.readings])
                  for f, vote in (("number", second.number), ("day", second.day), ("month", second.month))
                  if vote is not None] + _name_reading(second.name),
    )


def _name_reading(name) -> list[FieldReading]:
    """The signer's name read from the signature block's crop (parser.reread.reread_closing)."""
    if name is None:
        return []
    return [FieldReading(field="signer.name", value=name.text, confidence=name.confidence, decided=True,
                         readings=[EngineReading(engine="tesseract-vie", text=name.text, value=name.text,
                                                 score=name.confidence)])]


def _attach(annexes: list[Annex], matches: tuple[AttachedMatch, ...]) -> list[Annex]:
    """Each annex's 'Kèm theo' line with what resolve made of it."""
    out, it = [], iter(matches)
    for a in annexes:
        if a.attached_to is not None:
            m = next(it)
            a = a.model_copy(update={"attached_to": a.attached_to.model_copy(update={
                "number": m.number, "number_raw": m.number_raw, "date": day_of(m.date), "matches_parent": m.matches_parent,
                "score": m.score})})
        out.append(a)
    return out


def _occurrence(fm: FoundMention) -> Occurrence:
    p = provenance_of(fm.at)
    return Occurrence(**p.model_dump(), section=fm.at.section,
                      citation=Span(start=fm.citation[0], end=fm.citation[1]) if fm.citation else None)


def _reference(r: ResolvedRef) -> Reference:
    m = r.best
    return Reference(
        type=m.type_code, type_name=domain.type_name(m.type_code),
        number=m.notation.canonical if m.notation else None, number_raw=m.notation.raw if m.notation else None,
        date=day_of(m.date), issuer=m.issuer, title=m.title, pinpoints=[m.pinpoint] if m.pinpoint else [], raw=m.raw[:300],
        mentions=len(r.mentions), self=r.is_self, occurrences=[_occurrence(fm) for fm in r.mentions])


def _deadline(fd: FoundDeadline) -> Deadline:
    f = fd.deadline
    return Deadline(date=day_of(f.date), precision=f.precision, raw=f.raw, action=f.action, actor=f.actor,
                    recipient=f.recipient, section=fd.at.section, recurrence=f.recurrence, relative_to=f.relative_to,
                    provenance=provenance_of(fd.at) if fd.at.span else None)


def _dates(findings: Findings) -> list[DateMention]:
    """Dates and periods in the order they stand in the letter (those not placed last)."""
    items = [(d.at.span or (1 << 60, 0), DateMention(raw=d.date.raw, date=day_of(d.date.iso),
                                                      precision=d.date.precision, section=d.at.section,
                                                      provenance=provenance_of(d.at)))
             for d in findings.dates]
    items += [(p.at.span or (1 << 60, 0), DateMention(raw=p.raw, kind="period", period=Period(start=p.start, end=p.end),
                                                       section=p.at.section, provenance=provenance_of(p.at)))
              for p in findings.periods]
    return [d for _, d in sorted(items, key=lambda x: x[0])]
