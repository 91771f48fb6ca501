"""What a worker sends back for one parsed letter: the JSON and the rows the parent writes.

Built in the worker, from the public Letter model only (`model_dump(mode="json")`), so the
parent does nothing per letter but insert rows.
"""
from __future__ import annotations

import json

MAX_BODY_CHARS = 200_000  # text of one letter put in the search index


def _section_text(sections: list[dict], out: list[str]) -> None:
    for s in sections:
        for part in (s.get("label"), s.get("title"), s.get("text")):
            if part:
                out.append(part)
        _section_text(s.get("children") or [], out)


def body_text(d: dict) -> str:
    out: list[str] = []
    _section_text(d.get("body") or [], out)
    for a in d.get("annexes") or []:
        out.extend(x for x in (a.get("label"), a.get("title")) if x)
        _section_text(a.get("body") or [], out)
    return "\n".join(out)[:MAX_BODY_CHARS]


def make_record(letter, task, seconds: float) -> dict:
    d = letter.model_dump(mode="json")
    if "://" in task.path and d.get("source"):  # parsed from a local copy: the letter is where its URL says
        d["source"]["path"] = task.path
    return record_of(d, task.sha256, task.size, seconds)


def record_of(d: dict, sha256: str, size: int, seconds: float) -> dict:
    """The record of a letter given as its JSON (a dict): what `store.add_document` writes."""
    doc = d.get("document") or {}
    issuer = doc.get("issuer") or {}
    src = d.get("source") or {}
    return {
        "sha256": src.get("sha256") or sha256,
        "size": size,
        "format": src.get("format"),
        "pages": src.get("pages") or 0,
        "seconds": round(seconds, 4),
        "warnings": len(d.get("warnings") or []),
        "header": {"type": doc.get("type"), "type_name": doc.get("type_name"), "number": doc.get("number"),
                   "issuer": issuer.get("name"), "issuer_code": issuer.get("code"), "date": doc.get("date"),
                   "subject": doc.get("subject")},
        "references": [{k: r.get(k) for k in ("type", "number", "number_raw", "date", "issuer", "title", "raw", "self")}
                       for r in d.get("references") or []],
        "deadlines": [{k: x.get(k) for k in ("date", "precision", "actor", "recipient", "action", "raw", "recurrence")}
                      for x in d.get("deadlines") or []],
        "annexes": [{"label": a.get("label"), "title": a.get("title"),
                     "attached_number": (a.get("attached_to") or {}).get("number"),
                     "tables": len(a.get("tables") or [])} for a in d.get("annexes") or []],
        "body_text": body_text(d),
        "json": json.dumps(d, ensure_ascii=False, separators=(",", ":")),
    }
