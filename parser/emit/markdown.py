"""--format md: the letter as readable Markdown (GitHub flavour).

Header fields as a table, Kính gửi, the numbered body (headings for the upper levels, lists for
'-' and '+' items), Nơi nhận and signer, each annex with its tables as Markdown tables, then the
cited documents, the deadlines, the frameworks found and the warnings. Text is escaped so that
the letter's own '*', '<SỞ/BAN>' or '|' never turn into markup.
"""
from __future__ import annotations

import regex as re

from ..patterns import LIST_KINDS
from ._common import document_heading, framework_line, table_preamble, vn_date

# characters that mean something inline in Markdown
INLINE = re.compile(r"([\\`*_\[\]|])")
# what would open a block at the start of a line: '#', '>', '-', '+', '1.', '1)'
BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def esc(text: str | None) -> str:
    """Inline text: Markdown characters escaped, '<' and '>' as entities, line breaks as spaces."""
    if not text:
        return ""
    t = INLINE.sub(r"\\\1", text).replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(t.split())


def esc_line(text: str) -> str:
    """A line of running text: inline escapes, and no accidental heading, quote or list."""
    t = esc(text)
    return BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), t)


def table_md(t) -> list[str]:
    out, n = table_preamble(t, esc)
    if n == 0:
        return out
    for r in t.rows:
        cells = [esc(c) if c else "" for c in r.cells] + [""] * (n - len(r.cells))
        if r.kind in ("group", "total"):
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join(cells[:n]) + " |")
    bad = [c for c in t.checks if not c.ok]
    for c in bad:
        out.append(f"\n> ⚠ {esc(c.kind)} {esc(c.where)}: {c.expected:g} ≠ {c.found:g}")
    out.append("")
    return out


def sections_md(sections, depth: int = 0, list_level: int = 0) -> list[str]:
    out: list[str] = []
    for s in sections:
        text_lines = [x for x in s.text.split("\n") if x.strip()]
        if s.kind in LIST_KINDS:
            first = " ".join(x for x in [s.title or ""] + text_lines if x)
            out.append("  " * list_level + "- " + esc(first))
            out += sections_md(s.children, depth, list_level + 1)
            continue
        head = " ".join(x for x in (s.label, s.title) if x)
        if head:
            if depth <= 2:
                out += ["", "#" * (depth + 3) + " " + esc(head), ""]
            else:
                out += ["", f"**{esc(head)}**", ""]
        for line in text_lines:
            out += [esc_line(line), ""]
        out += sections_md(s.children, depth + (1 if head else 0), 0)
    if out and out[-1] != "":
        out.append("")
    return out


def render(letter) -> str:
    """The letter as Markdown: its header as a table, the body and annexes, then what was read
    from them (references, deadlines, frameworks) and the warnings."""
    out = _head_md(letter) + _content_md(letter) + _references_md(letter.references)
    out += _deadlines_md(letter.deadlines) + _frameworks_md(letter.frameworks)
    if letter.warnings:
        out += ["## Cảnh báo", ""] + [f"- `{w.code}` {esc(w.message)}" + (f" ({esc(w.where)})" if w.where else "")
                                      for w in letter.warnings] + [""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip() + "\n"


def _head_md(letter) -> list[str]:
    """The heading, the trích yếu, the header fields as a two-column table and the Kính gửi."""
    doc = letter.document
    out = [f"# {esc(document_heading(letter))}", ""]
    if doc.subject:
        out += [f"**{esc(doc.subject)}**", ""]
    rows = [
        ("Loại văn bản", f"{doc.type_name or ''} ({doc.type})" if doc.type else doc.type_name),
        ("Số, ký hiệu", doc.number or (doc.number_raw and f"{doc.number_raw} (không đọc được số)")),
        ("Cơ quan ban hành", " — ".join(x for x in (doc.issuer.parent, doc.issuer.name) if x)),
        ("Địa danh, ngày", ", ".join(x for x in (doc.place, vn_date(doc.date)) if x)),
        ("Độ khẩn", doc.urgency), ("Độ mật", doc.confidentiality),
        ("Người ký", " / ".join(x for x in (doc.signer.authority, doc.signer.position, doc.signer.name) if x)),
        ("Nguồn", f"{letter.source.format}, {letter.source.pages} trang, {letter.source.text_source}"),
    ]
    out += ["| | |", "|---|---|"] + [f"| {k} | {esc(v)} |" for k, v in rows if v] + [""]
    if doc.recipients:
        out += ["**Kính gửi:**", ""] + [f"- {esc(r)}" for r in doc.recipients] + [""]
    return out


def _content_md(letter) -> list[str]:
    """The body, its tables and the Nơi nhận, then each annex with its tables."""
    out = ["## Nội dung", ""]
    out += sections_md(letter.body)
    for t in letter.tables:
        out += table_md(t)
    if letter.document.distribution:
        out += ["**Nơi nhận:**", ""] + [f"- {esc(d)}" for d in letter.document.distribution] + [""]
    for a in letter.annexes:
        out += ["", f"## {esc(a.label)}" + (f" — {esc(a.title)}" if a.title else ""), ""]
        if a.attached_to:
            out += [f"*({esc(a.attached_to.raw)})*", ""]
        out += sections_md(a.body)
        for t in a.tables:
            out += table_md(t)
    return out


def _references_md(references) -> list[str]:
    if not references:
        return []
    out = ["## Văn bản được dẫn chiếu", "", "| # | Văn bản | Ngày | Cơ quan ban hành | Trích yếu | Lần |",
           "|---|---|---|---|---|---|"]
    for i, r in enumerate(references, 1):
        name = " ".join(x for x in (r.type_name, r.number) if x) if r.number else (r.title or r.raw)
        title = "" if not r.number else (r.title or "")
        name = f"{name} (chính văn bản này)" if r.self else name
        out.append(f"| {i} | {esc(name)} | {vn_date(r.date)} | {esc(r.issuer)} | {esc(title)} | {r.mentions} |")
    return out + [""]


def _deadlines_md(deadlines) -> list[str]:
    if not deadlines:
        return []
    out = ["## Thời hạn", "", "| Hạn | Việc | Thực hiện | Gửi | Mục |", "|---|---|---|---|---|"]
    for d in deadlines:
        when = vn_date(d.date) or esc(d.raw)
        if d.recurrence:
            when = f"{esc(d.raw)} ({d.recurrence})"
        out.append(f"| {when} | {esc(d.action or d.raw)} | {esc(d.actor)} | {esc(d.recipient)} | {esc(d.section)} |")
    return out + [""]


def _frameworks_md(frameworks) -> list[str]:
    if not frameworks:
        return []
    out = ["## Khung kế hoạch, đề cương, biểu mẫu", ""]
    for i, f in enumerate(frameworks, 1):
        out.append(esc(framework_line(i, f)))
        extra = [f"{len(f.outline)} mục", f"{len(f.table_templates)} biểu"]
        if f.submit_to:
            extra.append("gửi " + f.submit_to)
        if f.deadlines:
            extra.append("hạn " + ", ".join(vn_date(d.date) or d.raw for d in f.deadlines[:3]))
        out.append(f"   ({esc('; '.join(extra))}; `parse --format plan --framework {i}`)")
    return out + [""]
