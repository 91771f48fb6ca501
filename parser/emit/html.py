"""--format html: one self-contained page of the letter (inline CSS, no script, no external asset).

The letter on the left in its official layout (issuer and Quốc hiệu, number and date, subject,
Kính gửi, the numbered body, Nơi nhận and signer, annexes with their tables and merged headers),
with cited documents, dates and deadlines highlighted in the text; on the right a panel of what
was extracted: header fields, references (linked to their first mention), deadlines, frameworks
with their outline and legal bases, warnings. Every piece of the letter's text is escaped.
"""
from __future__ import annotations

from bisect import bisect_left
from html import escape

from ..extract.frameworks import kind_name
from ..patterns import LIST_KINDS
from ._common import document_heading, label, own_number, period_text, table_width, vn_date


CSS = """
:root{--ink:#1d1d1f;--muted:#666;--line:#d9d4c7;--paper:#fffdf8;--ref:#dbe9ff;--ref-ink:#0b3d91;
--date:#def5df;--date-ink:#14532d;--dl:#ffe0cc;--dl-ink:#8a2c00;--panel:#f4f1ea}
*{box-sizing:border-box}
body{margin:0;background:#e9e6df;color:var(--ink);font:15px/1.55 "DejaVu Serif","Liberation Serif","Times New Roman",serif}
.page{display:grid;grid-template-columns:minmax(0,1fr) 400px;gap:24px;max-width:1400px;margin:0 auto;padding:24px}
main.letter{background:var(--paper);padding:40px 56px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
.head{display:grid;grid-template-columns:1fr 1fr;gap:16px;text-align:center;font-size:14px}
.head .issuer b,.head .nation b{display:block;text-transform:uppercase}
.head .nation u{text-decoration:none;border-bottom:1px solid var(--ink);font-weight:bold}
.head .place{font-style:italic;margin-top:8px}
h1.type{text-align:center;font-size:20px;margin:28px 0 4px;letter-spacing:.04em}
p.subject{text-align:center;font-weight:bold;margin:0 auto 18px;max-width:80%}
p.subject.cv{text-align:left;font-weight:normal;font-size:14px;max-width:none}
.to{margin:12px 0 18px 15%}
.to ul{margin:4px 0;padding-left:20px}
.sec{margin:6px 0}
.sec .sec{margin-left:18px}
.sec-head{font-weight:bold}
.sec-arabic>.sec-head,.sec-decimal2>.sec-head,.sec-alpha>.sec-head{font-weight:600}
.sec-alpha>.sec-head{font-style:italic}
p{margin:4px 0}
ul.items{margin:2px 0 2px 4px;padding-left:18px}
.closing{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-top:28px;font-size:13px}
.closing .sign{text-align:center;font-weight:bold}
.closing .sign .name{margin-top:48px}
.annex{border-top:2px dashed var(--line);margin-top:36px;padding-top:20px}
.annex h2{text-align:center;font-size:17px;margin:0}
.annex .annex-title{text-align:center;font-weight:bold;margin:4px 0}
.annex .attached{text-align:center;font-style:italic;font-size:13px;color:var(--muted)}
table.grid{border-collapse:collapse;margin:10px 0;font-size:12.5px;width:100%}
table.grid th,table.grid td{border:1px solid #999;padding:3px 5px;vertical-align:top}
table.grid th{background:#efeadf}
table.grid tr.group td,table.grid tr.total td{font-weight:bold}
table.grid caption{font-weight:bold;padding:4px}
.unit{font-style:italic;font-size:12px;text-align:right}
mark{border-radius:3px;padding:0 2px}
mark.ref{background:var(--ref);color:var(--ref-ink)}
mark.ref a{color:inherit;text-decoration:none}
mark.date{background:var(--date);color:var(--date-ink)}
mark.deadline{background:var(--dl);color:var(--dl-ink);font-weight:bold;outline:1px solid #f0a070}
aside.panel{background:var(--panel);padding:18px 20px;font:13px/1.45 "DejaVu Sans","Liberation Sans",Arial,sans-serif;
align-self:start;position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto;border:1px solid var(--line)}
aside h2{font-size:14px;margin:16px 0 6px;border-bottom:1px solid var(--line);padding-bottom:3px}
aside h2:first-child{margin-top:0}
aside dl{display:grid;grid-template-columns:110px 1fr;gap:2px 8px;margin:0}
aside dt{color:var(--muted)}
aside dd{margin:0}
aside ol,aside ul{margin:0;padding-left:18px}
aside li{margin:3px 0}
aside .n{color:var(--muted);font-size:11px}
aside .fw{background:#fff;border:1px solid var(--line);border-radius:4px;padding:6px 8px;margin:6px 0}
aside .fw summary{cursor:pointer;font-weight:bold}
aside .kind{display:inline-block;background:#333;color:#fff;border-radius:3px;padding:0 5px;font-size:11px;margin-right:4px}
aside .chips span{display:inline-block;background:var(--ref);color:var(--ref-ink);border-radius:3px;padding:0 4px;margin:1px}
aside .warn{color:#8a2c00}
.legend mark{font-size:12px}
"""


class _Marks:
    """Highlights from the model's spans alone (no finder runs here): deadlines, then references,
    then dates and periods, never overlapping. Each string the page shows is rendered with the
    span of the letter's text it came from; one without a span is shown plain."""

    def __init__(self, letter):
        self.letter = letter
        cands: list[tuple[int, int, int, str]] = []  # (priority, start, end, html-open)
        for i, d in enumerate(letter.deadlines):
            if d.raw and d.provenance and d.provenance.span:
                tip = f"Hạn {vn_date(d.date) or d.raw}: {d.action}" + (f" — {d.actor}" if d.actor else "")
                sp = d.provenance.span
                cands.append((0, sp.start, sp.end,
                              f'<mark class="deadline" title="{escape(tip)}" data-deadline="{i + 1}">'))
        for i, r in enumerate(letter.references):
            tip = " ".join(x for x in (r.type_name, r.number or r.title, vn_date(r.date), r.issuer or "",
                                       ("— " + r.title) if r.number and r.title else "") if x)
            for k, o in enumerate(r.occurrences):
                sp = o.citation or o.span
                if sp is None:
                    continue
                anchor = f' id="m-ref-{i + 1}"' if k == 0 else ""
                cands.append((1, sp.start, sp.end, f'<mark class="ref"{anchor} title="{escape(tip)}">'
                                                   f'<a href="#ref-{i + 1}">'))
        for d in letter.dates:
            if d.provenance is None or d.provenance.span is None:
                continue
            sp = d.provenance.span
            tip = f"{d.period.start}–{d.period.end}" if d.period else (d.date.isoformat() if d.date else "ngày không hợp lệ")
            cands.append((2, sp.start, sp.end, f'<mark class="date" title="{escape(tip)}">'))
        # kept in start order; a candidate is taken when it overlaps neither neighbour (linear in
        # the letter's size up to the list insertions, not quadratic)
        starts: list[int] = []
        chosen: list[tuple[int, int, str]] = []
        for _, a, b, tag in sorted(cands, key=lambda c: (c[0], c[1], -(c[2] - c[1]))):
            k = bisect_left(starts, a)
            if b <= a or (k > 0 and chosen[k - 1][1] > a) or (k < len(chosen) and chosen[k][0] < b):
                continue
            starts.insert(k, a)
            chosen.insert(k, (a, b, tag))
        self.chosen = chosen
        self.starts = starts

    def html(self, text: str | None, span=None) -> str:
        """`text` escaped, with the highlights that fall inside `span` (its place in the letter's text)."""
        if not text:
            return ""
        if span is None or self.letter.text[span.start:span.end] != text:
            return escape(text)
        out, pos = [], 0
        for a, b, tag in self.chosen[bisect_left(self.starts, span.start):]:
            if a >= span.end:
                break
            if b > span.end:
                continue
            a, b = a - span.start, b - span.start
            out.append(escape(text[pos:a]))
            close = "</a></mark>" if "<a " in tag else "</mark>"
            out.append(tag + escape(text[a:b]) + close)
            pos = b
        out.append(escape(text[pos:]))
        return "".join(out)


def _spans(items: list, spans: list) -> list:
    """Pair strings with their spans (None for those the model gives none)."""
    return [(x, spans[k] if k < len(spans) else None) for k, x in enumerate(items)]


def _table(t, marks: _Marks) -> str:
    n = table_width(t)
    paths = [list(p) or [""] for p in t.columns] + [[""]] * (n - len(t.columns))
    depth = max((len(p) for p in paths), default=0)
    out = [f'<p class="unit">Đơn vị tính: {escape(t.unit)}</p>' if t.unit else "", '<table class="grid">']
    if t.title:
        out.append(f"<caption>{escape(t.title)}</caption>")
    if n and depth:
        out.append("<thead>")
        for lvl in range(depth):
            out.append("<tr>")
            j = 0
            while j < n:
                p = paths[j]
                if len(p) <= lvl:
                    j += 1
                    continue
                span = 1
                while j + span < n and len(paths[j + span]) > lvl and paths[j + span][:lvl + 1] == p[:lvl + 1]:
                    span += 1
                rows = depth - lvl if len(p) == lvl + 1 else 1
                attrs = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{rows}"' if rows > 1 else "")
                out.append(f"<th{attrs}>{escape(p[lvl])}</th>")
                j += span
            out.append("</tr>")
        out.append("</thead>")
    out.append("<tbody>")
    for r in t.rows:
        cells = list(r.cells) + [None] * (n - len(r.cells))
        provs = list(r.cell_provenance) + [None] * (n - len(r.cell_provenance))
        out.append(f'<tr class="{escape(r.kind)}">' + "".join(
            f"<td>{marks.html(c, pv.span if pv else None)}</td>" for c, pv in zip(cells, provs)) + "</tr>")
    out.append("</tbody></table>")
    for c in t.checks:
        if not c.ok:
            out.append(f'<p class="warn">⚠ {escape(c.kind)} {escape(c.where)}: {c.expected:g} ≠ {c.found:g}</p>')
    return "".join(out)


def _sections(sections, marks: _Marks) -> str:
    out = []
    items: list[str] = []

    def flush():
        if items:
            out.append('<ul class="items">' + "".join(items) + "</ul>")
            items.clear()

    for s in sections:
        own = _spans(s.text.split("\n"), s.text_spans)
        lines = [(x, sp) for x, sp in ([(s.title or "", s.title_span)] if s.kind in LIST_KINDS else []) + own
                 if x.strip()]
        if s.kind in LIST_KINDS:
            items.append("<li>" + " ".join(marks.html(x, sp) for x, sp in lines) + _sections(s.children, marks)
                         + "</li>")
            continue
        flush()
        head = " ".join(x for x in (escape(s.label or ""), marks.html(s.title, s.title_span)) if x)
        body = "".join(f"<p>{marks.html(x, sp)}</p>" for x, sp in lines)
        h = f'<div class="sec-head">{head}</div>' if head else ""
        out.append(f'<div class="sec sec-{escape(s.kind)}">{h}{body}{_sections(s.children, marks)}</div>')
    flush()
    return "".join(out)


def _outline(items, parent: str | None, depth: int = 0) -> str:
    if not items or depth > 1:
        return ""
    lis = []
    for it in items:
        own = label(own_number(it.number, parent))
        extra = ""
        if it.owner:
            extra += f' <span class="n">· {escape(it.owner)}</span>'
        if it.deadlines:
            extra += ' <span class="n">· hạn ' + escape(", ".join(vn_date(d.date) or d.raw for d in it.deadlines)) + "</span>"
        lis.append(f"<li>{escape(own)} {escape(it.title)}{extra}{_outline(it.children, it.number, depth + 1)}</li>")
    return "<ul>" + "".join(lis) + "</ul>"


def _signatures(sigs) -> str:
    """The embedded digital signatures: signer, time, and whether the file is still what was signed."""
    if not sigs:
        return ""
    out = [f"<h2>Chữ ký số ({len(sigs)})</h2><ul>"]
    for s in sigs:
        if not s.intact:
            state = '<b class="warn">nội dung đã bị sửa sau khi ký</b>'
        elif s.modified_after_signing:
            added = {"signature": "chữ ký", "metadata": "thông tin tệp", "other": "nội dung khác"}
            what = ", ".join(dict.fromkeys(added[c] for c in s.changes_after)) or "byte ngoài phần đã ký"
            state = f"còn nguyên phần đã ký; tệp được bổ sung sau đó ({what})"
            if "other" in s.changes_after or not s.changes_after:
                state = f'<b class="warn">{state}</b>'
        else:
            state = "còn nguyên, phủ toàn bộ tệp"
        check = "chữ ký hợp lệ" if s.valid else "chữ ký không xác minh được"
        trust = {True: " · tin cậy", False: " · không tin cậy", None: ""}[s.trusted]
        out.append(f"<li><b>{escape(s.signer or s.subject)}</b> <span class=\"n\">{escape(s.time or s.timestamp or '')}"
                   f"</span><br><span class=\"n\">{escape(s.issuer)}</span><br>{state} · {check}{trust}</li>")
    out.append("</ul>")
    return "".join(out)


def _panel(letter) -> str:
    doc = letter.document
    rows = [("Loại", " ".join(x for x in (doc.type_name, f"({doc.type})" if doc.type else "") if x)),
            ("Số, ký hiệu", doc.number or doc.number_raw), ("Cơ quan", doc.issuer.name),
            ("Cơ quan chủ quản", doc.issuer.parent), ("Nơi, ngày", ", ".join(x for x in (doc.place, vn_date(doc.date)) if x)),
            ("Trích yếu", doc.subject), ("Độ khẩn", doc.urgency), ("Độ mật", doc.confidentiality),
            ("Người ký", " / ".join(x for x in (doc.signer.authority, doc.signer.position, doc.signer.name) if x)),
            ("Kính gửi", f"{len(doc.recipients)} nơi" if doc.recipients else None),
            ("Nơi nhận", f"{len(doc.distribution)} nơi" if doc.distribution else None),
            ("Nguồn", f"{letter.source.format}, {letter.source.pages} trang, {letter.source.text_source}")]
    out = ["<h2>Thông tin văn bản</h2><dl>"]
    out += [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows if v]
    out.append("</dl>")
    out.append(_signatures(letter.source.signatures))
    out.append('<p class="legend"><mark class="ref">văn bản dẫn chiếu</mark> <mark class="date">ngày, giai đoạn</mark> '
               '<mark class="deadline">thời hạn</mark></p>')
    out.append(f"<h2>Thời hạn ({len(letter.deadlines)})</h2><ul>")
    for d in letter.deadlines:
        when = vn_date(d.date) or d.raw
        who = " → ".join(x for x in (d.actor, d.recipient) if x)
        out.append(f"<li><b>{escape(when)}</b> {escape(d.action or d.raw)}"
                   + (f' <span class="n">{escape(who)}</span>' if who else "")
                   + (f' <span class="n">[{escape(d.section)}]</span>' if d.section else "") + "</li>")
    out.append("</ul>")
    out.append(f"<h2>Khung kế hoạch, đề cương, biểu mẫu ({len(letter.frameworks)})</h2>")
    if not letter.frameworks:
        out.append('<p class="n">Văn bản không đặt ra khung nào.</p>')
    for i, f in enumerate(letter.frameworks, 1):
        facts = [f"{f.source}", period_text(f.period), f"{len(f.outline)} mục", f"{len(f.table_templates)} biểu"]
        out.append(f'<details class="fw" open><summary><span class="kind">{escape(kind_name(f.kind))}</span>'
                   f"{i}. {escape(f.title)}</summary>")
        out.append(f'<div class="n">{escape(" · ".join(x for x in facts if x))}</div>')
        if f.document_title:
            out.append(f'<div class="n">Tên văn bản: {escape(f.document_title)}</div>')
        if f.submit_to or f.deadlines:
            dl = ", ".join(vn_date(d.date) or d.raw for d in f.deadlines)
            out.append(f"<div>Gửi: <b>{escape(f.submit_to or '—')}</b>" + (f" · hạn <b>{escape(dl)}</b>" if dl else "")
                       + "</div>")
        if f.legal_bases:
            out.append('<div class="chips">Căn cứ: ' + "".join(f"<span>{escape(b)}</span>" for b in f.legal_bases) + "</div>")
        out.append(_outline(f.outline, None))
        out.append("</details>")
    out.append(f"<h2>Văn bản dẫn chiếu ({len(letter.references)})</h2><ol>")
    for i, r in enumerate(letter.references, 1):
        name = " ".join(x for x in (r.type_name, r.number) if x) if r.number else (r.title or r.raw)
        bits = [x for x in (vn_date(r.date), r.issuer) if x]
        title = f"<br><span class=\"n\">{escape(r.title)}</span>" if r.number and r.title else ""
        self_ = ' <span class="n">(chính văn bản này)</span>' if r.self else ""
        out.append(f'<li id="ref-{i}"><a href="#m-ref-{i}">{escape(name)}</a>{self_} <span class="n">'
                   f'{escape(" · ".join(bits))} ×{r.mentions}</span>{title}</li>')
    out.append("</ol>")
    if letter.warnings:
        out.append(f"<h2>Cảnh báo ({len(letter.warnings)})</h2><ul>")
        out += [f'<li class="warn"><code>{escape(w.code)}</code> {escape(w.message)}</li>' for w in letter.warnings]
        out.append("</ul>")
    return "".join(out)


def render(letter) -> str:
    marks = _Marks(letter)
    doc = letter.document
    heading = document_heading(letter)
    issuer = "".join(f"<span>{escape(x)}</span><br>" for x in (doc.issuer.parent,) if x) + \
        (f"<b>{escape(doc.issuer.name)}</b>" if doc.issuer.name else "")
    number = escape(doc.number_raw or (f"Số: {doc.number}" if doc.number else "Số: ……"))
    day = f'<mark class="date" title="{doc.date}">ngày {escape(vn_date(doc.date))}</mark>' if doc.date else ""
    place = ", ".join(x for x in (escape(doc.place or ""), day) if x)
    subject_span = next((pv.span for pv in doc.provenance.get("subject", [])), None)
    cv = doc.type in (None, "CV")
    has_header = any((doc.number, doc.number_raw, doc.issuer.name, doc.date, doc.type, doc.subject))
    parts = [
        '<main class="letter">',
        "" if not has_header else f'<header class="head"><div class="issuer">{issuer}<div>{number}</div>'
        + (f'<p class="subject cv">V/v {marks.html(doc.subject, subject_span)}</p>' if cv and doc.subject else "") + "</div>"
        '<div class="nation"><b>Cộng hòa xã hội chủ nghĩa Việt Nam</b><u>Độc lập - Tự do - Hạnh phúc</u>'
        f'<div class="place">{place}</div></div></header>',
    ]
    if has_header and not cv:
        parts.append(f'<h1 class="type">{escape((doc.type_name or "").upper())}</h1>')
        if doc.subject:
            parts.append(f'<p class="subject">{marks.html(doc.subject, subject_span)}</p>')
    if doc.recipients:
        parts.append("<div class=\"to\">Kính gửi:<ul>" + "".join(f"<li>{escape(r)}</li>" for r in doc.recipients)
                     + "</ul></div>")
    parts.append(f'<section class="body">{_sections(letter.body, marks)}</section>')
    parts += [_table(t, marks) for t in letter.tables]
    sign = "".join(f"<div>{escape(x)}</div>" for x in (doc.signer.authority, doc.signer.position) if x)
    if doc.signer.name:
        sign += f'<div class="name">{escape(doc.signer.name)}</div>'
    dist = "".join(f"<li>{escape(d)}</li>" for d in doc.distribution)
    parts.append(f'<footer class="closing"><div><i><b>Nơi nhận:</b></i><ul>{dist}</ul></div>'
                 f'<div class="sign">{sign}</div></footer>')
    for k, a in enumerate(letter.annexes, 1):
        parts.append(f'<section class="annex" id="annex-{k}"><h2>{escape(a.label)}</h2>')
        if a.title:
            parts.append(f'<div class="annex-title">{escape(a.title)}</div>')
        if a.attached_to:
            span = a.attached_to.provenance.span if a.attached_to.provenance else None
            parts.append(f'<div class="attached">({marks.html(a.attached_to.raw, span)})</div>')
        parts.append(_sections(a.body, marks))
        parts += [_table(t, marks) for t in a.tables]
        parts.append("</section>")
    parts.append("</main>")
    title = heading + (f" — {doc.subject}" if doc.subject else "")
    return ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">\n"
            + "\n".join(parts) + f'\n<aside class="panel">{_panel(letter)}</aside>\n</div>\n</body>\n</html>\n')
