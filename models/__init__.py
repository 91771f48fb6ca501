"""Pydantic v2 models of congvan's output: the source of truth for the JSON contract.

`Letter` is what `parse` prints. Keys are English snake_case; values keep the letter's own
words (Unicode NFC, modern tone placement, `Đ`). A value the letter does not give, or that
could not be read, is `None`; lists are empty, never missing. Renaming or removing a key, or
changing its meaning, bumps the major number of `SCHEMA_VERSION`.
"""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.3"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- closed vocabularies ---------------------------------------------------------------------

class WarningCode(StrEnum):
    """What a warning is about (a consumer may act on the code; the message is for people)."""

    date_after_document = "date_after_document"  # a cited date later than the letter's own
    date_blank = "date_blank"  # the letter's day or month left blank (stamped or handwritten at issue)
    date_mismatch = "date_mismatch"  # an annex's "kèm theo" date differs from the header's
    date_unreadable = "date_unreadable"  # a handwritten day or month not read with confidence
    deadline_before_document = "deadline_before_document"
    image_only = "image_only"  # pages without text that were not OCR'd
    invalid_date = "invalid_date"  # an impossible date (31/6)
    limit = "limit"  # a limit of parser.settings.Settings passed: part of the document was not read (the message says which)
    low_confidence = "low_confidence"  # OCR read a page or a field with low confidence
    number_blank = "number_blank"  # the số left blank in the letter
    number_from_annex = "number_from_annex"  # the header lost the number; read from the annexes
    number_mismatch = "number_mismatch"  # an annex's "kèm theo" number only weakly matches the letter's
    number_unreadable = "number_unreadable"  # a handwritten number not read with confidence
    no_text = "no_text"  # blank pages: nothing to read
    ocr_failed = "ocr_failed"
    page_unreadable = "page_unreadable"  # a damaged page
    replacement_character = "replacement_character"  # characters lost in the source (U+FFFD)
    reversed_period = "reversed_period"  # "giai đoạn 2029-2020"
    total_mismatch = "total_mismatch"  # a table's total is not the sum of its rows
    truncated = "truncated"  # more pages than Settings.max_pages
    type_mismatch = "type_mismatch"  # the title's type differs from the number's


class SectionKind(StrEnum):
    """How a section is numbered (vn-letter-format.md): Phần, Chương, Mục, Điều, A., I., 1.,
    1.1. (decimal2) ..., a), -, +, or an unnumbered paragraph."""

    part = "part"
    chapter = "chapter"
    section = "section"
    article = "article"
    upper = "upper"
    roman = "roman"
    arabic = "arabic"
    decimal1 = "decimal1"
    decimal2 = "decimal2"
    decimal3 = "decimal3"
    decimal4 = "decimal4"
    decimal5 = "decimal5"
    decimal6 = "decimal6"  # and deeper
    alpha = "alpha"
    dash = "dash"
    plus = "plus"
    bullet = "bullet"  # * or •
    paragraph = "paragraph"


class RowKind(StrEnum):
    data = "data"
    group = "group"  # a row that heads the rows below it ("I. Dự án chuyển tiếp")
    total = "total"  # "Tổng cộng"
    placeholder = "placeholder"  # "..." rows of a template


class CheckKind(StrEnum):
    total = "total"
    subtotal = "subtotal"


class FrameworkKind(StrEnum):
    plan = "plan"  # khung kế hoạch, chương trình hành động
    report = "report"  # đề cương báo cáo, biểu mẫu báo cáo
    explanation = "explanation"  # thuyết minh
    form = "form"  # biểu mẫu
    outline = "outline"  # đề cương


# --- provenance ------------------------------------------------------------------------------

class Span(_Model):
    """Characters [start, end) of the letter's `text`: `letter.text[start:end]` is the value as printed."""

    start: int
    end: int


class Provenance(_Model):
    """Where a value came from: page (1-based), box in PDF points from the page's top-left
    corner [x0, top, x1, bottom] (the box of the lines it stands on; null for text sources),
    its span of the letter's `text`, and for OCR'd or second-read values the confidence 0..1."""

    page: int | None = None
    bbox: list[float] | None = None
    span: Span | None = None
    confidence: float | None = None


class Occurrence(Provenance):
    """One mention of a cited document; `citation` is its type word and number alone."""

    citation: Span | None = None
    section: str | None = None


class SignatureStamp(_Model):
    """A signing box ("Ký bởi / Cơ quan / Thời gian ký") or copy stamp ("SAO Y") printed on a
    signed or certified copy: metadata about the copy, never the letter's own date."""

    kind: Literal["signing", "copy"]
    page: int
    where: Literal["widget", "text"] = Field(description="a signature field's appearance, or the page's own text")
    signer: str | None = None
    organization: str | None = None
    email: str | None = None
    time: str | None = Field(None, description="ISO 8601, with the UTC offset when printed")
    raw: list[str] = Field(default_factory=list)


class Signature(_Model):
    """An embedded digital signature of a signed PDF (pyHanko): the signer's certificate, the
    signing time, and whether the file is still the one that was signed."""

    field: str | None = Field(None, description="the PDF signature field's name")
    signer: str | None = Field(None, description="the certificate subject's common name")
    subject: str = Field(description="the signer certificate's subject")
    issuer: str = Field(description="the signer certificate's issuer (the CA)")
    serial: str | None = Field(None, description="the certificate's serial number, hex")
    time: str | None = Field(None, description="signing time the signer reported (signed attribute), ISO 8601")
    timestamp: str | None = Field(None, description="time of an attached RFC 3161 timestamp token, ISO 8601")
    digest_algorithm: str | None = None
    intact: bool = Field(description="the signed bytes still hash to the digest the signature covers")
    valid: bool = Field(description="the signature over that digest verifies with the certificate's key")
    coverage: str = Field(description="entire_file | entire_revision | contiguous_block_from_start | unclear")
    covers_whole_file: bool
    later_signatures: int = Field(0, description="signatures added after this one (incremental updates)")
    changes_after: list[Literal["signature", "metadata", "other"]] = Field(
        default_factory=list, description="each revision saved after this signature's: another signature, "
        "the document information dictionary alone, or other objects")
    modified_after_signing: bool = Field(description="the signed bytes changed, or bytes were added after them")
    trusted: bool | None = Field(None, description="a chain to a given CA bundle was found; null: not checked")


class Source(_Model):
    path: str | None = None
    sha256: str | None = None
    format: Literal["pdf", "text", "markdown", "docx"]
    pages: int = 0
    text_source: Literal["pdf_text", "ocr", "text", "mixed", "none"] = "text"
    encoding: str | None = Field(None, description="legacy font encoding converted from: tcvn3 | vni")
    normalizations: list[str] = Field(default_factory=list)
    signature_stamps: list[SignatureStamp] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list, description="embedded digital signatures (PDF)")


class Issuer(_Model):
    """Cơ quan ban hành (and cơ quan chủ quản as `parent`)."""

    name: str | None = None
    code: str | None = None
    parent: str | None = None
    raw: list[str] = Field(default_factory=list, description="issuer lines as printed")


class Signer(_Model):
    """Chức vụ, họ tên người ký."""

    authority: str | None = None  # KT. BỘ TRƯỞNG / TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG
    position: str | None = None  # THỨ TRƯỞNG
    name: str | None = None


class EngineReading(_Model):
    engine: str = Field(description="tesseract-eng | rapidocr | tesseract-vie (the signer's name)")
    text: str = Field(description="the line as this engine read it")
    value: str | None = Field(None, description="the digits it read in the blank, after the digit look-alike map")
    score: float = Field(description="the engine's confidence, 0..1")


class FieldReading(_Model):
    """The second reading of a handwritten blank (number, day, month) on a scan: both line
    readers' texts, the value they agree on (or null), and whether it decided the field; or of
    the signer's name, read from a crop of the signature block when the page OCR gave none."""

    field: Literal["number", "day", "month", "signer.name"]
    value: str | None = None
    confidence: float | None = Field(None, description="the lower of the two engines' scores when they agree")
    decided: bool = Field(False, description="the field's value came from this reading")
    readings: list[EngineReading] = Field(default_factory=list)


class Document(_Model):
    type: str | None = None
    type_name: str | None = None
    number: str | None = None
    number_raw: str | None = None
    issuer: Issuer = Field(default_factory=Issuer)
    place: str | None = None
    date: dt.date | None = None  # ISO 'YYYY-MM-DD' in the JSON
    subject: str | None = None
    recipients: list[str] = Field(default_factory=list, description="Kính gửi")
    signer: Signer = Field(default_factory=Signer)
    signers: list[Signer] = Field(default_factory=list, description="every signer's block when several sign side by "
                                  "side (a joint document, a biên bản's parties), `signer` first; empty for one signer")
    distribution: list[str] = Field(default_factory=list, description="Nơi nhận")
    urgency: str | None = None
    confidentiality: str | None = None
    readings: list[FieldReading] = Field(default_factory=list,
                                         description="second readings of handwritten blanks and of the "
                                                     "signer's name (scans only)")
    provenance: dict[str, list[Provenance]] = Field(
        default_factory=dict, description="per header field (number, date, issuer, subject, recipients, signer, "
        "distribution ...): where it was read, one entry per line or list item")


class Section(_Model):
    label: str | None = None
    kind: SectionKind
    title: str | None = None
    text: str = ""
    children: list[Section] = Field(default_factory=list)
    page: int | None = None
    provenance: Provenance | None = Field(None, description="the paragraph the section opens with")
    title_span: Span | None = None
    text_spans: list[Span | None] = Field(default_factory=list,
                                          description="one per line of `text` (its paragraphs, split at \\n)")


class Check(_Model):
    kind: CheckKind
    where: str
    expected: float
    found: float
    ok: bool


class Row(_Model):
    cells: list[str | None]
    label: str | None = None
    level: int | None = None
    kind: RowKind = RowKind.data
    values: list[float | None] = Field(default_factory=list, description="numbers parsed from cells")
    cell_provenance: list[Provenance | None] = Field(default_factory=list, description="one per cell")


class Table(_Model):
    title: str | None = None
    unit: str | None = None
    columns: list[list[str]] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    page: int | None = None
    provenance: Provenance | None = None


class AttachedTo(_Model):
    """The annex's "(Kèm theo Công văn số ... ngày ...)" line."""

    raw: str
    number: str | None = None
    number_raw: str | None = None
    date: dt.date | None = None  # ISO 'YYYY-MM-DD' in the JSON
    matches_parent: bool = False
    score: float = 0.0
    provenance: Provenance | None = None


class Annex(_Model):
    """Phụ lục."""

    label: str
    title: str | None = None
    attached_to: AttachedTo | None = None
    body: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    page: int | None = None
    provenance: Provenance | None = Field(None, description="the annex's heading line")


class Reference(_Model):
    type: str | None = None
    type_name: str | None = None
    number: str | None = None
    number_raw: str | None = None
    date: dt.date | None = None  # ISO 'YYYY-MM-DD' in the JSON
    issuer: str | None = None
    title: str | None = None
    pinpoints: list[str] = Field(default_factory=list)
    raw: str
    mentions: int = 1
    self: bool = False
    occurrences: list[Occurrence] = Field(default_factory=list, description="every mention, in order; the "
                                          "first full one gave the fields above")


class Deadline(_Model):
    date: dt.date | None = None  # ISO 'YYYY-MM-DD' in the JSON
    precision: Literal["day", "month", "quarter", "year"] | None = None
    raw: str
    action: str = ""
    actor: str | None = None
    recipient: str | None = None
    section: str | None = None
    recurrence: str | None = None
    relative_to: str | None = None
    provenance: Provenance | None = None


class DateMention(_Model):
    """A date or a period ("giai đoạn 2019-2020") the text gives."""

    raw: str
    kind: Literal["date", "period"] = "date"
    date: dt.date | None = Field(None, description="ISO date; null when the printed date is impossible")
    precision: Literal["day", "month", "quarter", "year"] | None = None
    period: Period | None = None
    section: str | None = None
    provenance: Provenance | None = None


class OutlineItem(_Model):
    number: str | None = None
    title: str
    guidance: str = ""
    children: list[OutlineItem] = Field(default_factory=list)
    owner: str | None = Field(None, description="who must carry the item out ('Bộ Tài chính có trách nhiệm:')")
    deadlines: list[Deadline] = Field(default_factory=list, description="deadlines set inside this item")


class Period(_Model):
    start: int
    end: int


class Framework(_Model):
    kind: FrameworkKind
    title: str
    period: Period | None = None
    source: str
    outline: list[OutlineItem] = Field(default_factory=list)
    table_templates: list[Table] = Field(default_factory=list)
    legal_bases: list[str] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    submit_to: str | None = None
    document_title: str | None = Field(None, description="the title the filled-in document carries, when the "
                                       "template prints one ('KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH ...')")
    guidance: str = Field("", description="the template's own notes before its first item")


class Warning(_Model):  # noqa: A001 - the contract's name
    code: WarningCode
    message: str
    where: str | None = None


class Letter(_Model):
    """One parsed letter: what `parse FILE` prints."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    text: str = Field("", description="the letter's normalised text; every span indexes into it")
    document: Document = Field(default_factory=Document)
    body: list[Section] = Field(default_factory=list)
    annexes: list[Annex] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list, description="every date and period in the body and "
                                     "annexes, in order")
    tables: list[Table] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


__all__ = [
    "WarningCode", "SectionKind", "RowKind", "CheckKind", "FrameworkKind", "Span", "Provenance", "Occurrence",
    "Signature", "DateMention", "SCHEMA_VERSION", "Source", "Issuer", "Signer", "Document", "Section", "Check", "Row", "Table",
    "AttachedTo", "Annex", "Reference", "Deadline", "OutlineItem", "Period", "Framework", "Warning",
    "Letter",
]
