"""The pipeline: bytes -> Letter. load -> legacy fonts -> layout -> normalize -> segment ->
extract (header, closing, sections, tables, annexes) -> resolve (references, deadlines) ->
assemble (pydantic).

`parse_bytes` is a pure function of its inputs (bytes, name, settings): any worker process can
call it. Problems found on the way are collected as warnings; only input that cannot be read
as a letter at all raises `InputError`.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from .models import (
    Annex, AttachedTo, Check, Document, EngineReading, FieldReading, Issuer, Letter, Reference, Row, Section,
    SignatureStamp, Signer, Source, Table,
)
from .models import Warning as W

from . import closing, header, sections, tables
from . import patterns as P
from .encoding import fix_legacy, to_unicode
from .errors import InputError
from .layout import layout_pages
from .load import load
from .normalize import normalize_lines
from .reread import reread
from .segment import AnnexPart, Parts, is_upper, segment
from .settings import Settings
from .types import Line


def _fix_legacy_lines(lines: list[Line]) -> tuple[list[Line], str | None]:
    text = "\n".join(ln.text for ln in lines)
    fixed, enc = fix_legacy(text)
    if enc is None:
        return lines, None
    out = []
    for ln, new in zip(lines, fixed.split("\n")):
        cells = tuple(to_unicode(c, enc) for c in ln.cells) if ln.cells else ln.cells  # the text's encoding
        out.append(replace(ln, text=new, cells=cells))
    return out, enc


def _section(node: sections.Node) -> Section:
    return Section(label=node.label, kind=node.kind, title=node.title, text=node.text, page=node.page,
                   children=[_section(c) for c in node.children])


def _tables(lines: list[Line], warn: list[W], where: str) -> list[Table]:
    """Group table rows by id, build each table; title and unit from the lines just above it.

    A table that follows another with no text between them and as many columns, and either
    opens the next page or repeats the other's header row, is that table continued: their
    rows are joined (the repeated header row is dropped by tables.build_table)."""
    out: list[Table] = []
    order: list[int] = []
    rows: dict[int, list] = {}
    page: dict[int, int] = {}
    last_page: dict[int, int] = {}
    before: dict[int, list[str]] = {}
    texts: list[str] = []
    since_table = 0  # text lines since the last table row
    alias: dict[int, int] = {}
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
            page[tid] = ln.page
            before[tid] = texts[-3:]
        rows[tid].append(ln.cells)
        last_page[tid] = ln.page
        since_table = 0
    for tid in order:
        built = tables.build_table(rows[tid])
        if not built.columns:
            continue
        above = before[tid]
        title = next((t for t in reversed(above) if is_upper(t) and len(t) > 12), None)
        unit = tables.find_unit(above + [" ".join(" ".join(p) for p in built.columns)])
        for code, msg, w in built.warnings:
            warn.append(W(code=code, message=msg, where=f"{where}, table {len(out) + 1}, {w}"))
        out.append(Table(
            title=title, unit=unit, columns=built.columns, page=page[tid],
            rows=[Row(cells=r.cells, label=r.label, level=r.level, kind=r.kind, values=r.values) for r in built.rows],
            checks=[Check(**c) for c in built.checks],
        ))
    return out


def _annex(part: AnnexPart, warn: list[W]) -> Annex:
    title = header.join(part.title_lines) or None
    attached = None
    if part.attached_lines:
        raw = header.join(part.attached_lines).strip()
        attached = AttachedTo(raw=raw.strip("()").strip())
    roots, _ = sections.build_tree(sections.paragraphs(part.body))
    return Annex(label=part.label, title=title, attached_to=attached,
                 body=[_section(n) for n in roots], tables=_tables(part.body, warn, part.label),
                 page=part.heading[0].page if part.heading else None)


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


def parse_bytes(data: bytes, name: str = "", settings: Settings | None = None) -> Letter:
    settings = settings or Settings()
    loaded = load(data, name, settings)
    warn: list[W] = [W(code=c, message=m, where=w) for c, m, w in loaded.warnings]
    notes = list(loaded.normalizations)

    lines, layout_notes = layout_pages(loaded.pages, settings.layout)
    notes += layout_notes
    lines, encoding = _fix_legacy_lines(lines)
    if encoding:
        notes.append(f"legacy {encoding.upper()} font encoding converted to Unicode")
    lines, norm_notes, lost = normalize_lines(lines, markdown=loaded.format == "markdown")
    notes += norm_notes
    if lost:
        warn.append(W(code="replacement_character", message=f"{lost} character(s) were lost in the source (U+FFFD)",
                      where=None))

    source = Source(path=name or None, sha256=hashlib.sha256(data).hexdigest(), format=loaded.format,
                    pages=len(loaded.pages), text_source=loaded.text_source, encoding=encoding,
                    normalizations=notes,
                    signature_stamps=[SignatureStamp(kind=s.kind, page=s.page, where=s.where, signer=s.signer,
                                                     organization=s.organization, email=s.email, time=s.time,
                                                     raw=list(s.raw)) for s in loaded.stamps])
    if not lines:
        if loaded.text_source == "none":
            return Letter(source=source, warnings=warn)
        raise InputError("no text found in the document")

    parts = segment(lines)
    if parts.prelude:
        shown = "; ".join(ln.text.strip()[:60] for ln in parts.prelude[:3])
        notes.append(f"{len(parts.prelude)} line(s) before the letter's header left out of it: {shown}")
    second = reread(parts, loaded.pdf_data, settings.reread)
    if second.skipped:
        notes.append(f"no second reading of handwritten blanks: {second.skipped}")
    head = header.read_header(parts, second)
    warn += [W(code=c, message=m, where=w) for c, m, w in head.warnings]
    notes += head.notes
    signer, signer_notes = closing.read_signer(parts.signer)
    notes += signer_notes
    warn += _low_confidence_fields(parts)

    paras = sections.paragraphs(parts.body)
    roots, _ = sections.build_tree(paras)
    body = [_section(n) for n in roots]
    if not _has_letter(parts, body):
        raise InputError("no letter structure found (no số ký hiệu, date, type, Kính gửi, numbered sections, "
                         "Nơi nhận or annexes): is this an official letter?")
    body_tables = _tables(parts.body, warn, "body")
    annexes = [_annex(a, warn) for a in parts.annexes]

    v = head.values
    document = Document(
        type=v.get("type"), type_name=v.get("type_name"), number=v.get("number"), number_raw=v.get("number_raw"),
        issuer=Issuer(**v["issuer"]), place=v.get("place"), date=v.get("date"), subject=v.get("subject"),
        recipients=v.get("recipients", []), signer=Signer(**signer),
        distribution=closing.read_distribution(parts.distribution),
        urgency=v.get("urgency"), confidentiality=v.get("confidentiality"),
        readings=[FieldReading(field=f, value=vote.value, confidence=vote.confidence, decided=f in v.get("reread", ()),
                               readings=[EngineReading(engine=r.engine, text=r.text, value=r.value,
                                                       score=round(r.score, 3)) for r in vote.readings])
                  for f, vote in (("number", second.number), ("day", second.day), ("month", second.month))
                  if vote is not None],
    )
    letter = Letter(source=source.model_copy(update={"normalizations": notes}), document=document, body=body,
                    annexes=annexes, tables=body_tables, warnings=warn)
    from .resolve import resolve

    return resolve(letter)
