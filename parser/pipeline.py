"""The pipeline: bytes -> Letter, its stages in this order (written here once), each reading
only what the one before produced:

  load (parser.load) -> layout (parser.layout) -> legacy fonts (parser.encoding) -> normalize
  -> segment -> extract (header, closing, paragraphs, the letter's text: parser.spans, section
  trees, tables) -> find (parser.find: every finder once) -> resolve (parser.resolve: merged
  references, the letter's own number from its annexes, checks) -> assemble (parser.assemble: the
  pydantic models, with provenance) -> plan frameworks (parser.frameworks, read from the assembled letter)
  -> emit (parser.emit, at the edge).

`parse_bytes` is a pure function of its inputs (bytes, name, settings): any worker process can
call it. Problems found on the way are collected as warnings; only input that cannot be read
as a letter at all raises `InputError`.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from .assemble import (_annexes, _attach, _compose, _dates, _deadline, _document, _document_provenance,
                       _has_letter, _low_confidence_fields, _reference, _section, _tables, paragraph_srcs)
from .budget import TimeBudget
from .encoding import convert_lines, document_encoding
from .errors import InputError
from .extract import closing, header, sections
from .extract.frameworks import find_frameworks
from .find import Findings, find_all, texts
from .layout import layout_pages
from .load import load
from .models import Letter, Section, SignatureStamp, Source
from .models import Warning as W
from .normalize import normalize_lines
from .reread import reread, reread_closing, signer_name
from .resolve import HeaderFacts, resolve
from .segment import Parts, segment
from .settings import Settings
from .spans import number_lines
from .types import Line


def parse_bytes(data: bytes, name: str = "", settings: Settings | None = None) -> Letter:
    settings = settings or Settings()
    budget = TimeBudget.start(settings.max_seconds)
    loaded = load(data, name, settings, budget)
    budget = budget.extended(loaded.ocr_seconds)  # OCR's time is not counted
    warn: list[W] = [W(code=c, message=m, where=w) for c, m, w in loaded.warnings]
    notes = list(loaded.normalizations)
    lines, encoding = _letter_lines(loaded, settings, warn, notes)
    source = _source(data, name, loaded, encoding, notes)
    if not lines:
        return _textless(loaded, source, warn)

    parts = segment(lines)
    second, head, signer, distribution = _read_fields(parts, loaded, settings, warn, notes)
    body_paras = sections.paragraphs(parts.body)
    annex_paras = [sections.paragraphs(a.body) for a in parts.annexes]
    items = [(r, parts.recipients) for r in head.values.get("recipients", [])] + \
        [(d, parts.distribution) for d in distribution]
    lt = _compose(lines, parts, body_paras, annex_paras, items)

    roots = sections.build_tree(body_paras, paragraph_srcs(lt, body_paras))
    body = [_section(n, lt) for n in roots]
    if not _has_letter(parts, body):
        raise InputError("no letter structure found (no số ký hiệu, date, type, Kính gửi, numbered sections, "
                         "Nơi nhận or annexes): is this an official letter?")
    body_tables = _tables(parts.body, warn, "body", lt, loaded.pages)
    annexes, annex_texts, attached = _annexes(parts, annex_paras, lt, warn, loaded.pages)
    find_texts = list(texts(roots, annex_texts))
    findings = find_all(lt, find_texts, attached, budget)
    if findings.stopped is not None:
        warn.append(W(code="limit", message=f"references, dates and deadlines were looked for in {findings.stopped} of "
                      f"the letter's {len(find_texts)} paragraphs and rows: the search stopped {budget.message()}",
                      where=None))
    resolved = _resolve(findings, head.values, body, attached, warn)

    document = _document(head.values, signer, distribution, second, resolved.header)
    document = document.model_copy(update={"provenance": _document_provenance(lt, parts, document)})
    letter = Letter(source=source.model_copy(update={"normalizations": notes}), text=lt.text, document=document,
                    body=body, annexes=_attach(annexes, resolved.attached), tables=body_tables,
                    references=[_reference(r) for r in resolved.references],
                    deadlines=[_deadline(fd) for fd in findings.deadlines], dates=_dates(findings), warnings=warn)
    return letter.model_copy(update={"frameworks": find_frameworks(letter)})


def _letter_lines(loaded, settings: Settings, warn: list[W], notes: list[str]) -> tuple[list[Line], str | None]:
    """Layout, legacy fonts, normalisation: the letter's lines in reading order, numbered
    (parser.spans), and the legacy encoding converted (None when there was none)."""
    encoding = document_encoding(loaded.pages)  # the legacy-fonts stage's detection, read by layout too
    lines, layout_notes = layout_pages(loaded.pages, settings.layout, encoding)
    notes += layout_notes
    lines = convert_lines(lines, encoding)
    if encoding:
        notes.append(f"legacy {encoding.upper()} font encoding converted to Unicode")
    lines, norm_notes, lost = normalize_lines(lines, markdown=loaded.format == "markdown")
    notes += norm_notes
    if lost:
        warn.append(W(code="replacement_character", message=f"{lost} character(s) were lost in the source (U+FFFD)",
                      where=None))
    return number_lines(lines), encoding


def _source(data: bytes, name: str, loaded, encoding: str | None, notes: list[str]) -> Source:
    """What was read: the file, its format and pages, its stamps and (a signed PDF) its signatures."""
    source = Source(path=name or None, sha256=hashlib.sha256(data).hexdigest(), format=loaded.format,
                    pages=len(loaded.pages), text_source=loaded.text_source, encoding=encoding,
                    normalizations=notes,
                    signature_stamps=[SignatureStamp(kind=s.kind, page=s.page, where=s.where, signer=s.signer,
                                                     organization=s.organization, email=s.email, time=s.time,
                                                     raw=list(s.raw)) for s in loaded.stamps])
    if loaded.format == "pdf" and b"/ByteRange" in data:  # signed: each signature's certificate, time, digest
        from .load.signatures import read_signatures
        sigs, sig_notes = read_signatures(data)
        notes += sig_notes
        source = source.model_copy(update={"signatures": sigs})
    return source


def _textless(loaded, source: Source, warn: list[W]) -> Letter:
    """A document with no line of text: an empty result with its warnings when its pages hold
    nothing to read at all, else no letter (InputError)."""
    if loaded.text_source == "none":
        if not warn:  # blank pages: say so, an empty result is not a letter read
            warn.append(W(code="no_text", message=f"the document's {len(loaded.pages)} page(s) hold no text "
                          "and no image to read", where=None))
        return Letter(source=source, warnings=warn)
    raise InputError("no text found in the document")


def _read_fields(parts: Parts, loaded, settings: Settings, warn: list[W], notes: list[str]):
    """The header and closing fields read from the parts: the second reading of handwritten
    blanks, the header, the signer and the distribution list."""
    if parts.prelude:
        shown = "; ".join(ln.text.strip()[:60] for ln in parts.prelude[:3])
        notes.append(f"{len(parts.prelude)} line(s) before the letter's header left out of it: {shown}")
    second = reread(parts, loaded.pdf_data, settings.reread)
    if second.skipped:
        notes.append(f"no second reading of handwritten blanks: {second.skipped}")
    head = header.read_header(parts, second)
    warn += [W(code=c, message=m, where=w) for c, m, w in head.warnings]
    notes += head.notes
    again = reread_closing(tuple(parts.signer), tuple(parts.distribution), loaded.pdf_data, settings.reread)
    if again.titles_replaced or again.items_replaced:
        notes.append(f"{again.titles_replaced} signer title line(s) and {again.items_replaced} Nơi nhận line(s) "
                     "read with low confidence read again from a crop of the line")
    signer, signer_notes = closing.read_signers(list(again.signer))
    notes += signer_notes
    if signer["name"] is None and (name := signer_name(again.signer, loaded.pdf_data, settings.reread)):
        signer = {**signer, "name": closing.name_marks(name.text)}
        notes += closing.name_note(signer["name"], name.text)
        second = replace(second, name=name)
        notes.append(f"signer's name read again from the signature block (page {name.page}, "
                     f"confidence {name.confidence:.2f})")
    warn += _low_confidence_fields(parts)
    return second, head, signer, closing.read_distribution(list(again.items))


def _resolve(findings: Findings, v: dict, body: list[Section], attached, warn: list[W]):
    """resolve() over the findings with the header's facts; its warnings added to `warn`."""
    facts = HeaderFacts(number=v.get("number"), number_raw=v.get("number_raw"), date=v.get("date"),
                        type=v.get("type"), issuer_code=v["issuer"].get("code"),
                        has_letter=bool(body or v.get("type") or v.get("subject")))
    resolved = resolve(findings, facts, tuple(label for label, _ in attached), tuple(src.text for _, src in attached))
    warn += [W(code=c, message=m, where=w) for c, m, w in resolved.warnings]
    return resolved
