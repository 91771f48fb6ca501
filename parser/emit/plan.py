"""--format plan: a fill-in skeleton in Markdown from each framework the letter sets out.

For each framework: the document's title, where it comes from, its period, where and by when to
send it, the legal bases to cite; then every outline item as a heading with the letter's
guidance as a quoted note, owners and deadlines, and a blank to fill; then the table templates
as empty tables with their columns (the template's group rows kept). Several frameworks are
rendered in order, separated by a rule, unless one is chosen (1-based).
"""
from __future__ import annotations

from ..text import fold
from ..extract.frameworks import is_basis_item, kind_name
from ._common import label, own_number, period_text, table_preamble, vn_date
from .markdown import esc, esc_line

BLANK = "_[…]_"


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(fold(a).split()) == " ".join(fold(b).split())


def _table_for(item, tables: list) -> list:
    """Templates titled after this item ('V. DANH MỤC NHIỆM VỤ, DỰ ÁN' under item V)."""
    own = own_number(item.number, None).split(".")[-1]
    out = []
    for t in tables:
        if not t.title:
            continue
        if _same(t.title, item.title) or _same(t.title, f"{label(own)} {item.title}"):
            out.append(t)
    return out


def empty_table(t) -> list[str]:
    """The template's columns, its row labels and names (group rows), and one blank row."""
    out, n = table_preamble(t, esc)
    if n == 0:
        return out
    for r in t.rows:
        if r.kind == "placeholder" or r.kind == "total":
            continue
        keep = [esc(c) if c and i < 2 else "" for i, c in enumerate(r.cells)] + [""] * (n - len(r.cells))
        if any(keep):
            if r.kind == "group":
                keep = [f"**{c}**" if c else c for c in keep]
            out.append("| " + " | ".join(keep[:n]) + " |")
    out.append("| " + " | ".join(" " for _ in range(n)) + " |")
    out.append("")
    return out


def _items(items, level: int, parent: str | None, bases: list[str], tables: list, used: set,
           parent_own: str = "", parent_owner: str | None = None) -> list[str]:
    out: list[str] = []
    for it in items:
        own = own_number(it.number, parent)
        shown = f"{parent_own}.{own}" if own.isdigit() and parent_own.replace(".", "").isdigit() and parent_own else own
        head = " ".join(x for x in (label(shown), it.title) if x)
        out += ["#" * min(level, 6) + " " + esc(head), ""]
        if it.guidance:
            out += ["> " + esc_line(x) if not x.lstrip().startswith(("-", "+", "*")) else "> " + esc(x)
                    for x in it.guidance.split("\n") if x.strip()]
            out.append("")
        notes = []
        if it.owner and it.owner != parent_owner:
            notes.append(f"*Chủ trì:* {esc(it.owner)}")
        for d in it.deadlines:
            notes.append(f"*Hạn:* {vn_date(d.date) or esc(d.raw)}" + (f" ({esc(d.raw)})" if d.date else ""))
        if notes:
            out += [" · ".join(notes), ""]
        if bases and is_basis_item(it.title) and not it.children:
            out += ["*Văn bản làm căn cứ (từ khung):*", ""] + [f"- {esc(b)}" for b in bases] + [""]
        for t in _table_for(it, tables):
            used.add(id(t))
            out += empty_table(t)
        if not it.children:
            out += [BLANK, ""]
        out += _items(it.children, level + 1, it.number, bases, tables, used, shown, it.owner)
    return out


def framework_md(letter, f, i: int) -> list[str]:
    doc = letter.document
    title = f.document_title or f.title
    out = [f"# {esc(title)}", ""]
    source = "nội dung" if f.source == "body" else f.source
    origin = f"{source} của {doc.type_name or 'văn bản'} số {doc.number}" if doc.number else source
    if doc.date:
        origin += f" ngày {vn_date(doc.date)}"
    facts = [f"**Khung {i}:** {esc(kind_name(f.kind))} — {esc(f.title)} ({esc(origin)})"]
    if f.period:
        facts.append(f"**Kỳ:** {period_text(f.period)}")
    dates = list(dict.fromkeys(vn_date(d.date) or esc(d.raw) for d in f.deadlines))
    when = "; ".join(dates[:6]) + ("; …" if len(dates) > 6 else "")
    if f.submit_to:
        facts.append("**Gửi:** " + esc(f.submit_to) + (f" — **hạn:** {when}" if when else ""))
    elif when:
        facts.append(f"**Hạn:** {when}")
    out += ["> " + x + "  " for x in facts]
    if f.guidance:
        out += [">"] + ["> " + esc_line(x) for x in f.guidance.split("\n") if x.strip()]
    out += ["", "**Cơ quan:** " + BLANK + "  ", "**Số:** " + BLANK + "  ", "**Ngày:** " + BLANK, ""]
    if f.legal_bases:
        out += ["**Văn bản làm căn cứ:** " + "; ".join(esc(b) for b in f.legal_bases), ""]
    used: set = set()
    out += _items(f.outline, 2, None, f.legal_bases, f.table_templates, used)
    rest = [t for t in f.table_templates if id(t) not in used]
    if rest:
        out += ["## Biểu mẫu kèm theo", ""]
        for t in rest:
            out += empty_table(t)
    return out


def render(letter, framework: int | None = None) -> str:
    fws = list(letter.frameworks)
    if not fws:
        return ("# Không có khung\n\n_Văn bản này không đặt ra khung kế hoạch, đề cương báo cáo hay biểu mẫu "
                "nào để lập._\n")
    if framework is not None:
        if not 1 <= framework <= len(fws):
            raise ValueError(f"--framework {framework}: the letter has {len(fws)} framework(s), numbered 1 to {len(fws)}")
        chosen = [(framework, fws[framework - 1])]
    else:
        chosen = list(enumerate(fws, 1))
    out: list[str] = []
    for n, (i, f) in enumerate(chosen):
        if n:
            out += ["", "---", ""]
        out += framework_md(letter, f, i)
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip() + "\n"
