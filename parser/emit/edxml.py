"""The letter as an edXML envelope (QCVN 102:2016/BTTTT, the message format Vietnamese e-offices
exchange documents in).

    edXMLEnvelope / edXMLHeader / MessageHeader:
      From (OrganName, OrganInCharge)      the issuer and its parent body (cơ quan chủ quản)
      To (OrganName) ...                    each Kính gửi recipient
      Code (CodeNumber, CodeNotation)       "232/BTTTT-KHTC" -> 232, BTTTT-KHTC
      PromulgationInfo (Place, PromulgationDate YYYY/MM/DD)
      DocumentType (Type, TypeName)         CV, Công văn
      Subject, Content                      trích yếu; the body's text
      SignerInfo (Competence, Position, FullName)   KT. BỘ TRƯỞNG, THỨ TRƯỞNG, the name
      DueDate                               the earliest deadline given to the day
      ToPlaces (Place ...)                  Nơi nhận
      OtherInfo (Priority, PageAmount, Appendixes (Appendix ...))
      ResponseFor (Code, PromulgationDate)  each document the letter answers ("Phúc đáp công văn số ...")

A value the letter does not give is left out, never invented: OrganId (the agencies' codes of
the standard's list), DocumentId and SteeringType are the sending e-office's, not the letter's.
The schema shipped in `congvan/data/edxml.xsd` is written from the standard's field list (see its
head comment); `validate(xml)` checks a document against it with lxml.
"""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

# QCVN 102 OtherInfo/Priority: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ
_PRIORITY = (("HỎA TỐC HẸN GIỜ", 4), ("HỎA TỐC", 3), ("THƯỢNG KHẨN", 2), ("KHẨN", 1))
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ANSWERS = re.compile(r"(?:phúc đáp|trả lời)\s*(?:nội dung\s*)?(?:tại\s*)?$", re.IGNORECASE)


def _date(day: dt.date | None) -> str | None:
    """edXML's date form: 2018/07/19."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}" if day else None


def _split_number(number: str | None) -> tuple[str | None, str | None]:
    if not number:
        return None, None
    m = re.match(r"(\d+)\s*/\s*(.+)", number)
    return (m.group(1), m.group(2)) if m else (None, number)


def _priority(urgency: str | None) -> int | None:
    u = (urgency or "").upper()
    return next((code for word, code in _PRIORITY if word in u), None)


def _content(sections, out: list[str]) -> list[str]:
    for s in sections:
        if s.title:
            out += [x for x in (" ".join(x for x in (s.label, s.title) if x), s.text) if x]
        else:  # "- Mục tiêu, nhiệm vụ": the label on the line of its text
            line = " ".join(x for x in (s.label, s.text) if x)
            out += [line] if line else []
        _content(s.children, out)
    return out


def _answered(letter) -> list:
    """References the letter answers: a mention right after "phúc đáp" / "trả lời"."""
    found = []
    for r in letter.references:
        if r.self or not r.number:
            continue
        for o in r.occurrences:
            if o.span and _ANSWERS.search(letter.text[max(0, o.span.start - 40):o.span.start].rstrip()):
                found.append(r)
                break
    return found


def build(letter, namespace: str = NAMESPACE) -> ET.Element:
    q = lambda tag: f"{{{namespace}}}{tag}"  # noqa: E731

    def add(parent, tag, value=None):
        el = ET.SubElement(parent, q(tag))
        if value is not None:  # characters XML 1.0 cannot hold (a stray OCR control code) are dropped
            el.text = _XML_BAD.sub("", str(value))
        return el

    def group(parent, tag, pairs):
        """The element with the children that have a value; none when none has."""
        pairs = [(k, v) for k, v in pairs if v not in (None, "")]
        if not pairs:
            return None
        el = add(parent, tag)
        for k, v in pairs:
            add(el, k, v)
        return el

    doc = letter.document
    root = ET.Element(q("edXMLEnvelope"))
    head = add(add(root, "edXMLHeader"), "MessageHeader")
    group(head, "From", [("OrganName", doc.issuer.name), ("OrganInCharge", doc.issuer.parent)])
    for r in doc.recipients:
        group(head, "To", [("OrganName", r)])
    number, notation = _split_number(doc.number)
    group(head, "Code", [("CodeNumber", number), ("CodeNotation", notation)])
    group(head, "PromulgationInfo", [("Place", doc.place), ("PromulgationDate", _date(doc.date))])
    group(head, "DocumentType", [("Type", doc.type), ("TypeName", doc.type_name)])
    if doc.subject:
        add(head, "Subject", doc.subject)
    content = "\n".join(_content(letter.body, []))
    if content:
        add(head, "Content", content)
    group(head, "SignerInfo", [("Competence", doc.signer.authority), ("Position", doc.signer.position),
                               ("FullName", doc.signer.name)])
    due = sorted(d.date for d in letter.deadlines if d.precision == "day" and _date(d.date))
    if due:
        add(head, "DueDate", _date(due[0]))
    if doc.distribution:
        places = add(head, "ToPlaces")
        for d in doc.distribution:
            add(places, "Place", d)
    pages = letter.source.pages if letter.source.format in ("pdf", "docx") and letter.source.pages > 0 else None
    other = [("Priority", _priority(doc.urgency)), ("PageAmount", pages)]
    info = group(head, "OtherInfo", other)
    if letter.annexes:
        info = info if info is not None else add(head, "OtherInfo")
        apps = add(info, "Appendixes")
        for a in letter.annexes:
            add(apps, "Appendix", " ".join(x for x in (a.label, a.title) if x))
    for r in _answered(letter):
        group(head, "ResponseFor", [("Code", r.number), ("PromulgationDate", _date(r.date))])
    return root


def render(letter, namespace: str = NAMESPACE) -> str:
    root = build(letter, namespace)
    ET.register_namespace("edXML", namespace)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def schema(namespace: str = NAMESPACE):
    """The shipped XSD as an lxml XMLSchema (for another namespace, the same schema retargeted)."""
    from importlib.resources import files

    from lxml import etree

    text = files("congvan.data").joinpath("edxml.xsd").read_text(encoding="utf-8")
    if namespace != NAMESPACE:
        text = text.replace(NAMESPACE, namespace)
    return etree.XMLSchema(etree.fromstring(text.encode("utf-8")))


def validate(xml: str, namespace: str = NAMESPACE) -> list[str]:
    """The schema's complaints about an edXML document (empty: valid)."""
    from lxml import etree

    s = schema(namespace)
    s.validate(etree.fromstring(xml.encode("utf-8")))
    return [f"line {e.line}: {e.message}" for e in s.error_log]
