"""Body lines -> paragraphs -> the numbered section tree.

Paragraphs: lines are joined across line and page breaks. From a PDF, a first-line indent, a
centred line or a numbering marker starts a paragraph; from text, a line continues the one
before when that one has no closing punctuation and this one starts in lower case.

Tree: every numbering scheme of vn-letter-format.md. Structural levels (Phần, Chương, Mục,
Điều, A., I.) close everything of their rank or below; list levels (1., 1.1., a), -, +, *)
nest the way the letter nests them: a kind already open is a sibling, a new kind is a child.
Unnumbered paragraphs belong to the open numbered section (list items are closed first).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex as re

from .. import patterns as P
from ..spans import Src
from ..text import is_upper, join_hyphenated
from ..types import Line

RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3, "upper": 4, "roman": 5}
END_PUNCT = re.compile(r"[.;:!?…)”\"]\s*$|\./\.$")


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph of the body or an annex: its lines joined (or one table row)."""

    text: str
    page: int | None
    bold: bool = False
    centered: bool = False
    table: int | None = None  # a table row's table id: rows are kept as their own items
    cells: tuple[str, ...] | None = None
    lines: tuple[Line, ...] = ()  # the lines joined into it
    seps: tuple[str, ...] = ()  # how: ' ', or '' after a syllable cut by a hyphen


def _joins(prev: Para, prev_line: Line, ln: Line, text: str, right: float | None) -> bool:
    """Does `ln` continue the paragraph whose last line is `prev_line`?"""
    if ln.x0 is None:  # text: only a sentence cut by a line or page break continues
        return not END_PUNCT.search(prev.text) and (text[:1].islower() or text[:1].isdigit()) and not prev.centered
    short = right is not None and prev_line.x1 is not None and prev_line.x1 < right - 0.12 * (right - (prev_line.x0 or 0))
    heading_done = prev.bold and not ln.bold and END_PUNCT.search(prev.text)
    return not ln.indent and not ln.centered and not short and not heading_done


def _dash_in_brackets(prev: Para, ln: Line, kind: str) -> bool:
    """A dash opening a laid-out line inside a bracket the paragraph left open is the sentence's
    own dash that the line wrapped before, not a list item: "... (ví dụ sử dụng đĩa CDROM, máy
    chủ chia sẻ tệp tin" / "– FileServer)."."""
    return kind == "dash" and ln.x0 is not None and prev.cells is None and prev.text.count("(") > prev.text.count(")")


def paragraphs(lines: list[Line]) -> list[Para]:
    out: list[Para] = []
    last: list[Line] = []  # the last line of each paragraph in `out`
    right = max((ln.x1 for ln in lines if ln.x1 is not None), default=None)
    for ln in lines:
        if ln.cells is not None:
            out.append(Para(ln.text, ln.page, table=ln.table, cells=ln.cells, lines=(ln,)))
            last.append(ln)
            continue
        t = " ".join(ln.text.split())
        if not t:
            continue
        m = P.marker(t)
        starts = (m is not None and not (out and _dash_in_brackets(out[-1], ln, m[0]))) \
            or P.ANNEX_HEADING.match(t) is not None
        if out and out[-1].cells is None and not starts and _joins(out[-1], last[-1], ln, t, right):
            prev = out[-1]
            glued = join_hyphenated(prev.text, t)
            out[-1] = replace(prev, text=glued or prev.text + " " + t, lines=prev.lines + (ln,),
                              seps=prev.seps + ("" if glued is not None else " ",))
            last[-1] = ln
            continue
        out.append(Para(t, ln.page, bold=ln.bold, centered=ln.centered, lines=(ln,)))
        last.append(ln)
    return out


@dataclass(frozen=True, slots=True)
class Node:
    """A section of the tree (or an unnumbered paragraph of its own), with its sub-sections."""

    label: str | None
    kind: str
    title: str | None
    text: str  # its heading paragraph's text after the title, and the unnumbered paragraphs added to it
    page: int | None
    children: tuple[Node, ...] = ()
    # the same strings with where they stand in the letter's text (parser.spans)
    title_src: Src | None = None
    text_src: Src = field(default_factory=lambda: Src(""))
    head_src: Src = field(default_factory=lambda: Src(""))  # the paragraph the section opens with
    full_src: Src = field(default_factory=lambda: Src(""))  # that paragraph and the ones added to its text
    lines: tuple[Line, ...] = ()  # the heading paragraph's lines


@dataclass
class _Open:
    """A section while build_tree reads on (private to it): its heading as a Node, and what
    goes under it so far. _close makes the frozen Node of it."""

    node: Node
    children: list[_Open] = field(default_factory=list)
    more: list[Src] = field(default_factory=list)  # unnumbered paragraphs added to its text

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def label(self) -> str | None:
        return self.node.label


# The number a list label starts with: '1.' -> 1, '(2)' -> 2, '3)' -> 3 (not 'a)', 'I.')
LABEL_NUMBER = re.compile(r"^\(?(\d+)[.)]")
# A colon inside a word ('10:30', 'http://'): not the end of a heading's words
COLON_IN_WORD = re.compile(r"^\S+:\S")
# A period or semicolon after two characters that are not blanks or periods, then a blank or the
# end: where a heading's words stop ('2. Thời gian. Vào lúc ...'), not 'v.v.' or '1.2.'
TITLE_STOP = re.compile(r"(?<=[^\s.]{2})[.;](?=\s|$)")


def split_title(kind: str, rest: str, bold: bool = False) -> tuple[str | None, str]:
    """Heading words and the text after them: '2. Thời gian: Vào lúc ...' -> ('Thời gian', 'Vào lúc ...')."""
    rest = rest.strip()
    if kind in P.LIST_KINDS:
        return None, rest
    if not rest:
        return None, ""
    colon = rest.find(":")
    if 0 < colon <= 120 and not COLON_IN_WORD.match(rest[colon - 1: colon + 2]):
        head, tail = rest[:colon].strip(), rest[colon + 1:].strip()
        if head:
            return head, tail
    m = TITLE_STOP.search(rest)
    if m and m.end() < len(rest.rstrip()) - 1:
        return rest[: m.start()].strip(), rest[m.end():].strip()
    return rest.rstrip(" .;:"), ""


# A paragraph that opens with a quotation mark before its number: '“3. Trường hợp ...', '"Điều 56. ...'
OPENS_QUOTED = re.compile(r'^\s*[“"„«]')
MAX_QUOTE = 40  # paragraphs a quotation may run before it is taken as closed (OCR loses a mark)


def _quote_after(text: str, left: int) -> int:
    """Paragraphs still inside a quotation after this one: opened by “ (or an odd " ) and not
    closed by ” within it, it runs on into the next paragraphs."""
    depth = 1 if left > 0 else 0
    for i, c in enumerate(text):
        if c == '"':  # a straight quote opens before a word and closes after one
            opening = (i == 0 or text[i - 1].isspace() or text[i - 1] in "(:") and i + 1 < len(text) \
                and not text[i + 1].isspace()
            c = "“" if opening else "”"
        if c in "“„«":
            depth += 1
        elif c in "”»":
            depth = max(0, depth - 1)
    if depth == 0:
        return 0
    return left - 1 if left > 0 else MAX_QUOTE


def _restarts(label: str, open_node: _Open) -> bool:
    """Does `label` ("1." / "1)") start a numbering anew while `open_node`, of the same kind, is
    the item just read (its number is not one less)? Then it opens a nested list."""
    first = LABEL_NUMBER.match(label)
    prev = LABEL_NUMBER.match(open_node.label or "")
    return bool(first and prev) and int(first.group(1)) == 1 and int(prev.group(1)) >= 1 and \
        not open_node.children


def _first_number(label: str) -> int | None:
    """The number a label starts with: '1.' -> 1, '(2)' -> 2; None for 'a)', 'I.'."""
    m = LABEL_NUMBER.match(label)
    return int(m.group(1)) if m else None


def _continued(label: str, stack: list[_Open], kind: str) -> int:
    """Which open item of this kind the new one follows: the deepest whose number is one less
    ("2." after an inner "1." continues the inner list, a second "2." the outer one), else the
    outermost."""
    same = [k for k, n in enumerate(stack) if n.kind == kind]
    new = LABEL_NUMBER.match(label)
    for k in reversed(same):
        old = LABEL_NUMBER.match(stack[k].label or "")
        if new and old and int(old.group(1)) + 1 == int(new.group(1)):
            return k
    return same[0]


def _heading_srcs(p: str, src: Src, rest: str, title: str | None, text: str) -> tuple[Src | None, Src]:
    """The title and text Src of a numbered paragraph: `rest` is a suffix of its text, the
    title a prefix of `rest`, the text a suffix of it (parser.patterns.marker, split_title)."""
    end = len(p.rstrip())
    rest_src = src.slice(end - len(rest), end) if p.rstrip().endswith(rest) else Src(rest)
    title_src = None
    if title is not None:
        title_src = rest_src.slice(0, len(title)) if rest.startswith(title) else Src(title)
    text_src = rest_src.slice(len(rest) - len(text)) if text and rest.endswith(text) else Src(text)
    return title_src, text_src


# Divisions whose title may stand on the line under their label ("Chương I" / "QUY ĐỊNH CHUNG")
TITLE_BELOW = ("part", "chapter", "section")
MAX_TITLE_BELOW = 200  # characters: a longer paragraph in capitals is text, not a division's title


def _unnumbered(p: "Para", src: Src, stack: list["_Open"], roots: list["_Open"]) -> None:
    """An unnumbered paragraph: the title of the division just opened when that has none and
    this is printed in capitals under it ("Chương I" / "QUY ĐỊNH CHUNG", the official layout of
    a decree's chapters); else text of the open numbered section, or a paragraph of its own."""
    while stack and stack[-1].kind in P.LIST_KINDS:
        stack.pop()
    top = stack[-1] if stack else None
    if top is not None and top.kind in TITLE_BELOW and top.node.title is None and not top.node.text \
            and not top.more and not top.children and len(p.text) <= MAX_TITLE_BELOW and is_upper(p.text):
        top.node = replace(top.node, title=" ".join(p.text.split()), title_src=src)
    elif top is not None:
        top.more.append(src)  # joined once at the end: joining here would be quadratic
    else:
        roots.append(_Open(Node(None, "paragraph", None, p.text, p.page, text_src=src, head_src=src,
                                full_src=src, lines=p.lines)))


def build_tree(paras: list[Para], srcs: list[Src] | None = None) -> list[Node]:
    """Paragraphs -> the section tree (table rows are left out: the tables are built apart).
    `srcs` are the paragraphs' texts as Src (parser.spans.paragraph_srcs), when known."""
    srcs = srcs if srcs is not None else [Src(p.text) for p in paras]
    roots: list[_Open] = []
    stack: list[_Open] = []

    def attach(node: _Open):
        (stack[-1].children if stack else roots).append(node)

    quote = 0  # paragraphs left inside a quotation (a law's article quoted: its "1.", "2." are not ours)
    for p, src in zip(paras, srcs):
        if p.table is not None:
            continue
        quoted = quote > 0 or bool(OPENS_QUOTED.match(p.text))
        quote = _quote_after(p.text, quote)
        m = None if quoted else P.marker(p.text)
        if m is None:
            _unnumbered(p, src, stack, roots)
            continue
        kind, label, rest = m
        title, text = split_title(kind, rest, p.bold)
        title_src, text_src = _heading_srcs(p.text, src, rest, title, text)
        node = _Open(Node(label, kind, title, text, p.page, title_src=title_src, text_src=text_src, head_src=src,
                          full_src=src, lines=p.lines))
        if kind in RANK:
            while stack and (stack[-1].kind not in RANK or RANK[stack[-1].kind] >= RANK[kind]):
                stack.pop()
        else:
            kinds = [n.kind for n in stack]
            if kind in kinds and _restarts(label, stack[kinds.index(kind)]) and kinds.index(kind) == len(stack) - 1:
                pass  # "1." again under an open "1.": a list of its own inside that item (a restated text)
            elif kind in kinds and stack[-1].kind != kind and _first_number(label) == 1 and stack[-1].kind not in P.LIST_KINDS:
                pass  # "3. Nội dung" / "3.1. Chính sách ..." / "1. Đối tượng": a list begun under the deeper item
            elif kind in kinds:
                del stack[_continued(label, stack, kind):]
            elif kind.startswith("decimal") and kind[-1].isdigit():
                # "2.1" after "1.1.1": close deeper decimal levels
                depth = int(kind[-1])
                while stack and stack[-1].kind.startswith("decimal") and int(stack[-1].kind[-1]) > depth:
                    stack.pop()
        attach(node)
        stack.append(node)
    return [_close(o) for o in roots]


def _close(o: _Open) -> Node:
    """The frozen Node of a section read: its children closed, and its text and full text as Src
    with the paragraphs added to it (`more`), as `text` was joined: by line breaks, stripped."""
    children = tuple(_close(c) for c in o.children)
    if not o.more:
        return replace(o.node, children=children)
    text_src = Src.join("\n", [o.node.text_src, *o.more]).strip()
    full_src = Src.join("\n", [o.node.full_src, *o.more]).strip()
    return replace(o.node, children=children, text=text_src.text, text_src=text_src, full_src=full_src)
