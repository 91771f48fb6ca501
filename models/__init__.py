"""Pydantic v2 models of congvan's output: the source of truth for the JSON contract.

`Letter` is what `parse` prints. Keys are English snake_case; values keep the letter's own
words (Unicode NFC, modern tone placement, `Đ`). A value the letter does not give, or that
could not be read, is `None`; lists are empty, never missing. Renaming or removing a key, or
changing its meaning, bumps the major number of `SCHEMA_VERSION`.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


class Source(_Model):
    path: str | None = None
    sha256: str | None = None
    format: Literal["pdf", "text", "markdown", "docx"]
    pages: int = 0
    text_source: Literal["pdf_text", "ocr", "text", "mixed", "none"] = "text"
    encoding: str | None = Field(None, description="legacy font encoding converted from: tcvn3 | vni")
    normalizations: list[str] = Field(default_factory=list)
    signature_stamps: list[SignatureStamp] = Field(default_factory=list)


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
    engine: str = Field(description="tesseract-eng | rapidocr")
    text: str = Field(description="the line as this engine read it")
    value: str | None = Field(None, description="the digits it read in the blank, after the digit look-alike map")
    score: float = Field(description="the engine's confidence, 0..1")


class FieldReading(_Model):
    """The second reading of a handwritten blank (number, day, month) on a scan: both line
    readers' texts, the value they agree on (or null), and whether it decided the field."""

    field: Literal["number", "day", "month"]
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
    date: str | None = None
    subject: str | None = None
    recipients: list[str] = Field(default_factory=list, description="Kính gửi")
    signer: Signer = Field(default_factory=Signer)
    distribution: list[str] = Field(default_factory=list, description="Nơi nhận")
    urgency: str | None = None
    confidentiality: str | None = None
    readings: list[FieldReading] = Field(default_factory=list,
                                         description="second readings of handwritten blanks (scans only)")


class Section(_Model):
    label: str | None = None
    kind: str
    title: str | None = None
    text: str = ""
    children: list[Section] = Field(default_factory=list)
    page: int | None = None


class Check(_Model):
    kind: str
    where: str
    expected: float
    found: float
    ok: bool


class Row(_Model):
    cells: list[str | None]
    label: str | None = None
    level: int | None = None
    kind: str = Field("data", description="data | group | total | placeholder")
    values: list[float | None] = Field(default_factory=list, description="numbers parsed from cells")


class Table(_Model):
    title: str | None = None
    unit: str | None = None
    columns: list[list[str]] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    page: int | None = None


class AttachedTo(_Model):
    """The annex's "(Kèm theo Công văn số ... ngày ...)" line."""

    raw: str
    number: str | None = None
    number_raw: str | None = None
    date: str | None = None
    matches_parent: bool = False
    score: float = 0.0


class Annex(_Model):
    """Phụ lục."""

    label: str
    title: str | None = None
    attached_to: AttachedTo | None = None
    body: list[Section] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    page: int | None = None


class Reference(_Model):
    type: str | None = None
    type_name: str | None = None
    number: str | None = None
    number_raw: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    pinpoints: list[str] = Field(default_factory=list)
    raw: str
    mentions: int = 1
    self: bool = False


class Deadline(_Model):
    date: str | None = None
    precision: Literal["day", "month", "quarter", "year"] | None = None
    raw: str
    action: str = ""
    actor: str | None = None
    recipient: str | None = None
    section: str | None = None
    recurrence: str | None = None
    relative_to: str | None = None


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
    kind: str
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
    code: str
    message: str
    where: str | None = None


class Letter(_Model):
    """One parsed letter: what `parse FILE` prints."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    document: Document = Field(default_factory=Document)
    body: list[Section] = Field(default_factory=list)
    annexes: list[Annex] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


__all__ = [
    "SCHEMA_VERSION", "Source", "Issuer", "Signer", "Document", "Section", "Check", "Row", "Table",
    "AttachedTo", "Annex", "Reference", "Deadline", "OutlineItem", "Period", "Framework", "Warning",
    "Letter",
]
