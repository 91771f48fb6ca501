"""Frameworks: the plans, reports and forms a letter tells agencies to write, as data.

Works on the assembled, resolved `Letter` (sections, annexes, tables, references, deadlines):
- an annex named for a framework ("Khung kế hoạch", "Đề cương báo cáo", "Biểu mẫu", "Thuyết
  minh" ...) gives one; an upper-case title inside it followed by numbered items gives another
  (one annex may hold a plan form and then three explanation forms);
- a body section that approves a plan ("Điều 1. Phê duyệt Kế hoạch ...") and holds the plan's
  own parts (Mục tiêu, Nhiệm vụ, Kinh phí, Giải pháp) gives one with source "body";
- an annex that lists the documents to apply ("Văn bản áp dụng xây dựng kế hoạch") gives none:
  its references become legal bases of the plans.
Each framework has its kind, title, period, outline (numbered items with their guidance, owner
and deadlines), table templates, legal bases, the letter's deadlines for it and where to send it.
Nothing is guessed: a letter without such an outline gives [].

The words live in parser/data/frameworks.json.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex as re

from ..models import Deadline, Framework, Letter, OutlineItem, Period, Section, Table

from .. import domain
from ..find.dates import PERIOD, YEAR
from ..find.deadlines import actor_of_heading
from ..patterns import LIST_KINDS, TIEU_NGU, quoc_hieu
from ..text import is_upper

# "Biểu 01/BCKH-Phụ lục 1", "Mẫu số 02", "BIỂU 04": the caption of a table, not a framework title
TABLE_CAPTION = re.compile(r"^(?:Biểu|BIỂU|Mẫu|MẪU)\s*(?:số\s*|SỐ\s*)?\d")
# A sentence of the body: split at ". ", ";" and line breaks
SENTENCE_END = re.compile(r"(?<=[.;])\s+|\n")
# Labels whose children restart their own numbering ("Phần I" > "I.", "Điều 1." > "I.")
WORD_LEVELS = frozenset({"part", "chapter", "section", "article"})


def _data() -> dict:
    return domain._load("frameworks.json")


def _words_alt(key: str) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in _data()[key])


@cache
def _plan_name_end() -> re.Pattern:
    """Where the name of an approved plan ends: "(gọi tắt là Kế hoạch)", "nhằm thực hiện ...", ":"."""
    return re.compile(rf"\s*(?:\(|\b(?:{_words_alt('plan_name_end')})\b|:|;).*$", re.S)


@cache
def _addressee_end() -> re.Pattern:
    """Where an addressee phrase after "gửi ... về" stops: a purpose, a time, a bracket, a dash."""
    return re.compile(rf"\s+(?:{_words_alt('addressee_end')})\b|[(;.:]|\s+-\s")


def _word_rx(words: list[str]) -> re.Pattern:
    """One regex for accent-free words on word boundaries, longest first."""
    folded = sorted({domain.fold(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\p{L}\d])(?:" + "|".join(re.escape(w) for w in folded) + r")(?![\p{L}\d])")


@cache
def _rx(name: str) -> re.Pattern:
    return _word_rx(_data()[name])


@cache
def _kind_rx(group: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((_word_rx(k["words"]), k["kind"]) for k in _data()[group])


def _masked(text: str) -> str:
    """Folded text with names that only look like kind words blanked ('Bộ Kế hoạch và Đầu tư')."""
    f = domain.fold(text)
    return _rx("not_kind").sub(lambda m: " " * len(m.group(0)), f)


def kind_of(title: str | None) -> str | None:
    """'KHUNG KẾ HOẠCH ...' -> 'plan', 'ĐỀ CƯƠNG BÁO CÁO ...' -> 'report', 'BIỂU MẪU' -> 'form'."""
    if not title:
        return None
    f = _masked(title)
    for group in ("kinds", "generic"):
        best = None
        for rx, kind in _kind_rx(group):
            for m in rx.finditer(f):
                cand = (m.start(), -len(m.group(0)), kind)
                best = cand if best is None or cand < best else best
        if best:
            return best[2]
    return None


def kind_name(kind: str) -> str:
    """'plan' -> 'Kế hoạch' (for the renderers); an unknown kind is shown as it is."""
    return _data()["kind_names"].get(kind, kind)


def kinds_in(text: str) -> set[str]:
    """Every kind a text names ('gửi kế hoạch, dự toán kèm theo thuyết minh' -> {plan, explanation})."""
    f = _masked(text)
    return {kind for group in ("kinds", "generic") for rx, kind in _kind_rx(group) if rx.search(f)}


def _period(*texts: str | None) -> Period | None:
    """The first 'giai đoạn 2019-2020' or 'năm 2018' in the first text that has one."""
    for t in texts:
        if not t:
            continue
        for m in PERIOD.finditer(t):
            a, b = int(m["a"]), int(m["b"])
            if a <= b:
                return Period(start=a, end=b)
        m = YEAR.search(t)
        if m:
            return Period(start=int(m["y"]), end=int(m["y"]))
    return None


def _decoration(line: str) -> bool:
    return bool(quoc_hieu(line) or TIEU_NGU.match(line))


def _label(s: Section) -> str:
    return (s.label or "").strip().rstrip(".):").strip()


# --- one annex or body part as a stream of items and titles --------------------------------

@dataclass
class _Item:
    depth: int
    kind: str
    label: str
    title: str
    lines: list[str]
    path: str | None
    owner: str | None


@dataclass
class _Segment:
    title: list[str] = field(default_factory=list)      # an upper-case title that opened it
    doc_title: list[str] = field(default_factory=list)  # the title printed at its head
    notes: list[str] = field(default_factory=list)      # its own notes before the first item
    items: list[_Item] = field(default_factory=list)


class _Stream:
    """Sections in reading order, cut into segments at framework titles found in their text."""

    def __init__(self, captions: list[str], prefix: str | None):
        self.segments = [_Segment()]
        self.captions = [domain.fold(c)[:40] for c in captions if c]
        self.prefix = prefix
        self.open_title: list[str] | None = None

    @property
    def seg(self) -> _Segment:
        return self.segments[-1]

    def _caption(self, line: str) -> bool:
        f = domain.fold(line)[:40]
        return len(f) >= 12 and any(f.startswith(c[:len(f)]) or c.startswith(f)
                                    for c in self.captions if len(c) > 10)

    def lines(self, lines: list[str], item: _Item | None) -> None:
        """Text lines: guidance of `item` (or of the segment), unless a framework title cuts them."""
        i, in_caption = 0, False
        while i < len(lines):
            line = lines[i].strip()
            if not line or _decoration(line):
                i += 1
                continue
            if TABLE_CAPTION.match(line) or self._caption(line):
                in_caption, self.open_title = True, None
                i += 1
                continue
            if in_caption and (is_upper(line, least=6) or line.startswith("(")):
                i += 1
                continue
            in_caption = False
            if is_upper(line, least=6):
                j = i
                while j < len(lines) and is_upper(lines[j].strip(), least=6) and not _decoration(lines[j]):
                    j += 1
                run = [x.strip() for x in lines[i:j]]
                if self.open_title is not None:  # a title printed over several paragraphs
                    self.open_title += run
                    i = j
                    continue
                if kinds_in(" ".join(run)) and not self._caption(" ".join(run)):
                    if not self.seg.items and not self.seg.doc_title and not self.seg.title:
                        self.seg.doc_title = run
                        self.open_title = self.seg.doc_title
                    elif not self.seg.items:
                        self.seg.notes += run
                    else:
                        self.segments.append(_Segment(title=run))
                        self.open_title = self.seg.title
                        item = None
                    i = j
                    continue
                if not self.seg.items and not item:
                    i = j  # upper-case lines at a head without a kind word: "TÊN CƠ QUAN", "NHÓM A. ..."
                    continue
            self.open_title = None
            if item is not None:
                item.lines.append(line)
            elif self.seg.items:
                self.seg.items[-1].lines.append(line)
            else:
                self.seg.notes.append(line)
            i += 1

    def walk(self, sections: list[Section], depth: int = 0, path: tuple[str, ...] = (),
             owner: str | None = None) -> None:
        for s in sections:
            lab = _label(s)
            if s.kind in LIST_KINDS or not lab:
                self.lines(_list_lines(s, 0) if s.kind in LIST_KINDS else _own_lines(s), None)
                if s.kind not in LIST_KINDS:
                    self.walk(s.children, depth, path, owner)
                continue
            here = path + (lab,)
            text = [x.strip() for x in s.text.split("\n") if x.strip()]
            title = (s.title or "").strip()
            if not title:
                k = 0
                while k < len(text) and is_upper(text[k], least=6):
                    k += 1
                if k:
                    title, text = " ".join(text[:k]), text[k:]
                elif text:
                    title, text = text[0], text[1:]
            elif is_upper(title, least=6):  # a heading printed on two lines: "... NHIỆM VỤ THỰC HIỆN" / "CHƯƠNG TRÌNH:"
                while text and is_upper(text[0], least=2) and not kinds_in(text[0]) and not _decoration(text[0]):
                    title, text = f"{title} {text[0]}", text[1:]
            title = title.rstrip(" :")
            own = actor_of_heading(s.title) or owner
            p = ".".join(here)
            item = _Item(depth, s.kind, s.label.strip() if s.label else lab, title, [],
                         f"{self.prefix}/{p}" if self.prefix else p, own)
            self.seg.items.append(item)
            self.open_title = None
            before = len(self.segments)
            self.lines(text, item)
            cut = len(self.segments) != before
            for c in s.children:
                if c.kind in LIST_KINDS:
                    self.lines(_list_lines(c, 0), None if cut else item)
                else:
                    self.walk([c], depth + 1, here, own)


def _own_lines(s: Section) -> list[str]:
    return [x for x in ((s.title or "") + "\n" + s.text).split("\n") if x.strip()]


def _list_lines(s: Section, level: int) -> list[str]:
    """A '-' / '+' item and its sub-items as indented guidance lines."""
    text = " ".join(x.strip() for x in ((s.title or "") + "\n" + s.text).split("\n") if x.strip())
    out = [("  " * level) + (s.label or "-") + " " + text] if text else []
    for c in s.children:
        out += _list_lines(c, level + 1)
    return out


def _number(parent: str | None, parent_kind: str | None, own: str, kind: str) -> str:
    """'III' + '1' -> 'III.1'; 'I.2' + '2.1' -> 'I.2.1'; children of 'Phần I' / 'Điều 1' start afresh."""
    if parent is None or parent_kind in WORD_LEVELS:
        return own
    if kind.startswith("decimal") and "." in own:
        head, pn = own.split(".")[0], parent.split(".")
        if pn[-1] == head:
            return ".".join(pn[:-1] + [own])
    return f"{parent}.{own}"


def _outline(items: list[_Item], deadlines: list[Deadline]) -> list[OutlineItem]:
    """Items in reading order, nested by depth, with their deadlines by section path."""
    by_path: dict[str, list[Deadline]] = {}
    for d in deadlines:
        if d.section:
            by_path.setdefault(d.section, []).append(d)
    roots: list[dict] = []
    stack: list[tuple[_Item, dict, str]] = []
    for it in items:
        while stack and stack[-1][0].depth >= it.depth:
            stack.pop()
        parent = stack[-1] if stack else None
        own = it.label.strip().rstrip(".):").strip()
        number = _number(parent[2] if parent else None, parent[0].kind if parent else None, own, it.kind)
        own_deadlines = by_path.get(it.path, []) if it.path else []
        owner = it.owner or next((d.actor for d in own_deadlines if d.actor), None)
        node = {"number": number, "title": it.title, "guidance": "\n".join(it.lines).strip(), "children": [],
                "owner": owner, "deadlines": own_deadlines}
        (parent[1]["children"] if parent else roots).append(node)
        stack.append((it, node, number))

    def build(n: dict) -> OutlineItem:
        return OutlineItem(number=n["number"], title=n["title"], guidance=n["guidance"], owner=n["owner"],
                           deadlines=n["deadlines"], children=[build(c) for c in n["children"]])

    return [build(n) for n in roots]


def _walk_outline(items: list[OutlineItem]):
    for it in items:
        yield it
        yield from _walk_outline(it.children)


def _full_text(it: OutlineItem) -> str:
    return "\n".join([it.title, it.guidance] + [_full_text(c) for c in it.children])


# --- legal bases, deadlines, addressee -----------------------------------------------------

# The first run of digits of a printed citation ('100' of 'Quyết định số 100/QĐ-UBND'): a text
# can cite it only where the same run stands in the text, so each run of digits of a text is
# looked up among the citations' runs and the citation compared at that place (a letter citing
# 10,000 documents costs one look-up a run of digits, not 10,000 searches or compiled regexes).
DIGIT_RUN = re.compile(r"\d+")
# What may not stand right before and right after a cited text for it to be cited whole (as
# _whole's lookarounds): '53/QĐ-TTg' is not cited by '153/QĐ-TTg' nor by '53/QĐ-TTg/2'.
NOT_WHOLE_BEFORE = re.compile(r"[\w/-]")
NOT_WHOLE_AFTER = re.compile(r"[\w/]")


@dataclass(frozen=True)
class _Citations:
    """How each cited document is printed in the letter: its mentions' type-and-number texts
    (spans of the letter's text, from the find stage), or a law's name."""

    needles: tuple[tuple[str, str], ...]  # (printed form, the reference's number or name)
    # DIGIT_RUN of a needle -> (its index, where the run starts in it), for each needle with that run
    by_run: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    no_run: tuple[int, ...] = ()  # the needles without a digit (a law's name)

    @classmethod
    def of(cls, needles: list[tuple[str, str]]) -> _Citations:
        by_run: dict[str, list[tuple[int, int]]] = {}
        no_run = []
        for k, (needle, _) in enumerate(needles):
            if m := DIGIT_RUN.search(needle):
                by_run.setdefault(m.group(0), []).append((k, m.start()))
            else:
                no_run.append(k)
        return cls(tuple(needles), {r: tuple(ks) for r, ks in by_run.items()}, tuple(no_run))

    def cited(self, text: str) -> list[str]:
        """The references a text cites, in the order it cites them, not the letter itself."""
        first: dict[int, int] = {}  # needle -> where it first stands whole in the text
        for run in DIGIT_RUN.finditer(text):
            for k, offset in self.by_run.get(run.group(0), ()):
                start = run.start() - offset
                if k not in first and start >= 0 and _whole_at(text, self.needles[k][0], start):
                    first[k] = start
        for k in self.no_run:
            if self.needles[k][0] in text and (m := _whole(self.needles[k][0]).search(text)):
                first[k] = m.start()
        return list(dict.fromkeys(name for _, _, name in sorted((at, k, self.needles[k][1]) for k, at in first.items())))


def _whole_at(text: str, needle: str, start: int) -> bool:
    """Does `needle` stand whole in `text` at `start` (what _whole finds, at one place)."""
    end = start + len(needle)
    return text.startswith(needle, start) and not (start and NOT_WHOLE_BEFORE.match(text, start - 1)) \
        and not (end < len(text) and NOT_WHOLE_AFTER.match(text, end))


@lru_cache(maxsize=4096)
def _whole(needle: str) -> re.Pattern:
    """`needle` as a whole word sequence: '53/QĐ-TTg' is not found inside '153/QĐ-TTg'."""
    return re.compile(r"(?<![\w/-])" + re.escape(needle) + r"(?![\w/])")


def _ref_index(letter: Letter) -> _Citations:
    needles: list[tuple[str, str]] = []
    for r in letter.references:
        name = r.number or r.title
        if r.self or not name:
            continue
        forms = {letter.text[o.citation.start:o.citation.end] for o in r.occurrences if o.citation}
        if r.number_raw and not forms:
            forms.add(r.number_raw)
        if not r.number and r.title:
            forms.add(r.title)
        needles += [(f, name) for f in sorted(forms) if f]
    return _Citations.of(needles)


def is_basis_item(title: str | None) -> bool:
    """'I. CĂN CỨ LẬP KẾ HOẠCH': the item that holds the plan's legal bases."""
    return bool(title and _rx("basis_item").search(domain.fold(title)))


def _basis_bases(outline: list[OutlineItem], index: _Citations) -> list[str]:
    out: dict[str, None] = {}  # in order, each once
    for it in _walk_outline(outline):
        if is_basis_item(it.title):
            out.update(dict.fromkeys(index.cited(_full_text(it))))
    return list(out)


def _preamble_bases(letter: Letter, index: _Citations) -> list[str]:
    """References in the letter's opening 'Căn cứ ... / Thực hiện ...' paragraphs."""
    out: dict[str, None] = {}  # in order, each once
    lead = _rx("preamble")
    for s in letter.body:
        if _label(s):
            break
        for line in _own_lines(s):
            m = lead.match(domain.fold(line.strip()))
            if m:
                out.update(dict.fromkeys(index.cited(line)))
    return list(out)


def _body_sections(sections: list[Section], path: tuple[str, ...] = ()):
    """(section, its deadline path) for the letter's body, as resolve names them."""
    for s in sections:
        lab = _label(s)
        here = path + ((lab,) if lab and s.kind not in LIST_KINDS else ())
        yield s, ".".join(here) or None
        yield from _body_sections(s.children, here)


def _in_body(d: Deadline, letter: Letter) -> bool:
    return d.section is None or not any(d.section == a.label or d.section.startswith(a.label + "/")
                                        for a in letter.annexes)


def _submitting(text: str) -> bool:
    return bool(_rx("submit").search(domain.fold(text)))


def _years_fit(text: str, period: Period | None) -> bool:
    years = [int(m["y"]) for m in YEAR.finditer(text)]
    return not (years and period) or any(period.start <= y <= period.end for y in years)


def _deadlines_for(kind: str, period: Period | None, letter: Letter, titles: dict[str, str]) -> list[Deadline]:
    """The letter's own (body) deadlines to send this kind of document: the action or its section
    names the kind ('gửi kế hoạch ...', '5. Về thời hạn gửi báo cáo'), or names no kind at all."""
    out = []
    for d in letter.deadlines:
        if not _in_body(d, letter) or d.date is None:
            continue
        text = " ".join(x for x in (d.action, d.raw, titles.get(d.section or "", "")) if x)
        if d.recipient:
            text = text.replace(d.recipient, " ")
        if not (d.recipient or _submitting(text)):
            continue
        named = kinds_in(text)
        if (named and kind not in named) or not _years_fit(d.action, period):
            continue
        out.append(d)
    return out


@cache
def _head_rx() -> re.Pattern:
    heads = set()
    for h in domain.issuer_heads():
        heads.add(h)
        heads.add(h[:1] + h[1:].lower())
    return re.compile(r"(?<![\p{L}])(?:" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
                      + r")(?=\s)")


def _addressees(rest: str) -> str | None:
    """'Bộ Thông tin và Truyền thông, Bộ Tài chính, để tạo ...' -> 'Bộ Thông tin và Truyền thông, Bộ Tài chính'."""
    stop = _addressee_end().search(rest)
    rest = rest[: stop.start()] if stop else rest
    parts = []
    for p in rest.split(","):
        p = p.strip()
        if not p or not _head_rx().match(p):
            break
        parts.append(p)
    return ", ".join(parts) or None


def _submit_to(kind: str, letter: Letter) -> str | None:
    """'gửi bản Kế hoạch về Bộ Thông tin và Truyền thông, ...' in the body, naming this kind."""
    verb = re.compile(r"(?i)\b(?:gửi|nộp)\b")
    for s, _ in _body_sections(letter.body):
        for sentence in SENTENCE_END.split("\n".join(_own_lines(s))):
            for v in verb.finditer(sentence):
                window = sentence[v.end(): v.end() + 120]
                h = _head_rx().search(window)
                if not h:
                    continue
                who = _addressees(window[h.start():])
                if not who:
                    continue
                named = kinds_in(sentence.replace(who, " "))
                if kind in named:
                    return who
    return None


# --- frameworks ---------------------------------------------------------------------------

def _is_bases_annex(title: str | None) -> bool:
    return bool(title and _rx("bases").search(domain.fold(title)))


def _label_rx(label: str) -> re.Pattern:
    """An annex's label as a whole word in folded text ('phu luc ii' is not in 'phu luc iii')."""
    return re.compile(r"(?<![\p{L}\d])" + re.escape(domain.fold(label).strip()) + r"(?![\p{L}\d])")


def _table_named(t: Table, annex_label: str, annex_title: str | None) -> Table:
    if t.title:
        return t
    return t.model_copy(update={"title": f"{annex_label}: {annex_title}" if annex_title else annex_label})


def _annex_frameworks(letter: Letter) -> list[dict]:
    out = []
    for a in letter.annexes:
        if _is_bases_annex(a.title):
            continue
        stream = _Stream([t.title for t in a.tables if t.title], a.label)
        stream.walk(a.body)
        segs = stream.segments
        # a title with no numbered item after it is a note of the item before it
        merged: list[_Segment] = []
        for sg in segs:
            if merged and len(sg.items) < 2:
                last = merged[-1]
                extra = sg.title + sg.doc_title + sg.notes
                if last.items:
                    last.items[-1].lines += extra
                else:
                    last.notes += extra
                last.items += sg.items
            else:
                merged.append(sg)
        for n, sg in enumerate(merged):
            doc_title = " ".join(sg.doc_title) or None
            if n == 0:
                kind = kind_of(a.title) or kind_of(doc_title)
                title = a.title if kind_of(a.title) else doc_title
                tables = a.tables
            else:
                title = " ".join(sg.title)
                kind, tables = kind_of(title), []
            if not kind or not title or not (sg.items or tables):
                continue
            out.append({"kind": kind, "title": title, "doc_title": doc_title if doc_title != title else None,
                        "period": _period(title, doc_title, a.title), "source": a.label, "items": sg.items,
                        "notes": sg.notes, "tables": tables})
    return out


def _body_framework(letter: Letter) -> dict | None:
    """A body section approving a plan ('Phê duyệt Kế hoạch ...') with at least two plan parts."""
    approve = re.compile(r"^(?:" + _rx("approve").pattern + r")\s+(?:\S+\s+){0,2}?(?:" + _rx("approved").pattern + ")")
    parts = _rx("plan_parts")
    candidates = []
    for s in letter.body:
        candidates.append((s, ()))
        candidates += [(c, (_label(s),) if _label(s) else ()) for c in s.children]
    for s, path in candidates:
        if s.kind in LIST_KINDS or not _label(s):
            continue
        head = (s.title or s.text.split("\n")[0]).strip()
        verb = approve.match(_masked(head))
        kids = [c for c in s.children
                if c.kind not in LIST_KINDS and _label(c) and parts.search(domain.fold(c.title or ""))]
        if not verb or len(kids) < 2:
            continue
        name = _plan_name_end().sub("", head[_rx("approve").match(_masked(head)).end():]).strip(" ,.")
        name = name[:1].upper() + name[1:]
        stream = _Stream([], None)
        stream.walk(s.children, 1, path + (_label(s),), actor_of_heading(s.title))
        items = [it for sg in stream.segments for it in sg.items]
        root = ".".join(path + (_label(s),))
        return {"kind": kind_of(name) or "plan", "title": name, "period": _period(name), "items": items,
                "head": head, "root": root}
    doc = letter.document
    if doc.type == "KH" and doc.subject:
        top = [s for s in letter.body if s.kind not in LIST_KINDS and _label(s)]
        if sum(bool(parts.search(domain.fold(s.title or ""))) for s in top) >= 2:
            stream = _Stream([], None)
            stream.walk(letter.body)
            items = [it for sg in stream.segments for it in sg.items]
            tname = doc.type_name or "Kế hoạch"
            name = doc.subject if domain.fold(doc.subject).startswith(domain.fold(tname)) else f"{tname} {doc.subject}"
            return {"kind": "plan", "title": name, "period": _period(name), "items": items, "head": "", "root": None}
    return None


def find_frameworks(letter: Letter) -> list[Framework]:
    """Every framework the letter sets out, body first, then annexes in order."""
    index = _ref_index(letter)
    preamble = _preamble_bases(letter, index)
    titles = {p: (s.title or "") for s, p in _body_sections(letter.body) if p}
    annexed = _annex_frameworks(letter)
    bases_annexes = [a for a in letter.annexes if _is_bases_annex(a.title)]
    out: list[Framework] = []

    body = _body_framework(letter)
    if body is not None:
        framed = {f["source"] for f in annexed}
        tables = list(letter.tables) + [_table_named(t, a.label, a.title) for a in letter.annexes
                                        if a.label not in framed and a not in bases_annexes for t in a.tables]
        root = body["root"]
        own = [d for d in letter.deadlines if root is None and _in_body(d, letter) or
               root is not None and d.section and (d.section == root or d.section.startswith(root + "."))]
        outline = _outline(body["items"], letter.deadlines)
        legal = list(dict.fromkeys([*preamble, *index.cited(body["head"]), *_basis_bases(outline, index)]))
        out.append(Framework(kind=body["kind"], title=body["title"], period=body["period"], source="body",
                             outline=outline, table_templates=tables, legal_bases=legal, deadlines=own,
                             submit_to=None))

    outlines = [_outline(f["items"], letter.deadlines) for f in annexed]
    texts = [domain.fold("\n".join(_full_text(it) for it in o) + "\n" + "\n".join(f["notes"]))
             for f, o in zip(annexed, outlines)]
    # each annex of legal bases once: which plans name it, and what it cites (a letter repeated
    # 50 times has 100 plans and 50 such annexes: not 100 x 50 x 100 texts folded and searched)
    bases = []
    for ba in bases_annexes:
        rx = _label_rx(ba.label)
        listed = "\n".join(x for s, _ in _body_sections(ba.body) for x in _own_lines(s))
        bases.append(([bool(rx.search(t)) for t in texts], index.cited(listed)))
    for k, (f, outline) in enumerate(zip(annexed, outlines)):
        legal = dict.fromkeys(_basis_bases(outline, index))
        for pointing, cited in bases:  # the plans that point to it, or every plan when none does
            if f["kind"] == "plan" and (pointing[k] or not any(pointing)):
                legal.update(dict.fromkeys(cited))
        legal = list(legal)
        if not legal:
            legal = list(preamble)
        dls = _deadlines_for(f["kind"], f["period"], letter, titles)
        submit = next((d.recipient for d in dls if d.recipient), None) or _submit_to(f["kind"], letter)
        out.append(Framework(kind=f["kind"], title=f["title"], period=f["period"], source=f["source"],
                             outline=outline, table_templates=list(f["tables"]), legal_bases=legal,
                             deadlines=dls, submit_to=submit, document_title=f["doc_title"],
                             guidance="\n".join(f["notes"]).strip()))
    return out


__all__ = ["find_frameworks", "is_basis_item", "kind_name", "kind_of", "kinds_in"]
