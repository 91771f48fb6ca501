"""congvan in spaCy: the `congvan_letter` pipeline component and `to_doc`.

    import spacy
    nlp = spacy.blank("xx")                # or spacy.blank("vi") (see below)
    nlp.add_pipe("congvan_letter")          # found through the spacy_factories entry point
    doc = nlp(text_of_a_letter)
    doc._.congvan                           # the congvan.models.Letter
    for span in doc.spans["congvan_refs"]:  # one span per mention of a cited document
        span.text, span.label_, span._.congvan["number"]

    from congvan.spacy import to_doc        # a letter parsed already (PDF, scan, DOCX ...)
    doc = to_doc(congvan.parse_file("letter.pdf"), nlp)

Span groups (labels in brackets; `Span._.congvan` is the item's data as in the JSON):

- `congvan_sections` [the section's kind: upper, roman, arabic, decimal2, alpha, dash ...]:
  each numbered section of the body and the annexes, from its label to the end of its last
  line, children included; data: label, kind, title, path ("B.5"), annex, page.
- `congvan_refs` [the cited document's type: QĐ, TT, CT ... or REF]: every mention
  (`references[].occurrences`); data: the reference without its occurrences, plus `occurrence`
  (which mention), `citation` (the type word and number, as [start, end] in `doc.text`).
- `congvan_dates` [DATE | PERIOD]: `dates`; `congvan_deadlines` [DEADLINE]: `deadlines`.

The component parses `doc.text` itself (as Markdown when it looks like Markdown, else as plain
text; `format` in the config forces one). The letter's `text` is normalised (NFC, tone marks,
wrapped lines joined, Markdown marks removed), so it can differ from `doc.text`: the two are
aligned character by character (rapidfuzz's Levenshtein opcodes, window by window) and each
span is mapped through that alignment. A token that a span starts or ends inside is split at
the span's edge, so spans always exist; a span whose text the normalisation changed (a line
break where the value has a space) keeps the value as printed in `Span._.congvan["raw"]`
(references, dates, deadlines; `text_span` is the span's offsets in the letter's text).
`to_doc` builds the Doc from the letter's own `text`, so there spans are exact.

Everything is stored in `doc.user_data` (the letter as JSON data, each span's data), so a
`DocBin(store_user_data=True)` keeps it; `Doc._.congvan` and `Span._.congvan` are getters over it.

`spacy.blank("vi")` uses spaCy's Vietnamese tokenizer, which by default needs `pyvi` (a word
segmenter, with scikit-learn); congvan does not depend on it. Either install pyvi, or use
`spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})` (syllables split at
whitespace): both work with the component (the tests use the latter, and pyvi when installed).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

GROUPS = ("congvan_sections", "congvan_refs", "congvan_dates", "congvan_deadlines")
_LETTER_KEY = "congvan.letter"
_WINDOW = 4000


def _letter_of(doc):
    data = doc.user_data.get(_LETTER_KEY)
    if data is None:
        return None
    from .models import Letter

    return Letter.model_validate(data)


def _lists(value):
    """DocBin's msgpack gives lists back as tuples: the data reads the same before and after."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _span_data(span):
    data = span.doc.user_data.get(("congvan", span.label_, span.start_char, span.end_char))
    return None if data is None else _lists(data)


def _register() -> None:
    if not Doc.has_extension("congvan"):
        Doc.set_extension("congvan", getter=_letter_of)
    if not Span.has_extension("congvan"):
        Span.set_extension("congvan", getter=_span_data)


_register()


# --- alignment of the letter's text with the Doc's ------------------------------------------

def _identity(n: int) -> list[int]:
    return list(range(n + 1))


def align(a: str, b: str) -> list[int]:
    """For each character of `a` (and its end), the offset in `b` of the character it was
    aligned with (a character of `a` with no counterpart maps to where it would stand in `b`).
    Window by window, so that memory stays small for long letters."""
    if a == b:
        return _identity(len(a))
    from rapidfuzz.distance import Levenshtein

    out = [0] * (len(a) + 1)
    i = j = 0
    while i < len(a):
        ai = min(len(a), i + _WINDOW)
        bj = min(len(b), j + (ai - i) + 200 + (ai - i) // 4)  # the Doc may hold more (markup, line breaks)
        local = [0] * (ai - i + 1)
        for op in Levenshtein.opcodes(a[i:ai], b[j:bj]):
            for k in range(op.src_start, op.src_end):
                local[k] = op.dest_start + (k - op.src_start if op.tag in ("equal", "replace") else 0)
        local[ai - i] = bj - j
        # the end of a window aligns less surely: keep its last tenth for the next window
        commit = ai - i if ai == len(a) else max(1, (ai - i) - (ai - i) // 10)
        for k in range(commit):
            out[i + k] = j + local[k]
        i, j = i + commit, j + local[commit]
    out[len(a)] = len(b)
    return out


def _map(m: list[int], start: int, end: int, text: str) -> tuple[int, int] | None:
    if end <= start:
        return None
    s, e = m[start], m[end - 1] + 1
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


# --- spans -----------------------------------------------------------------------------------

def _section_items(letter):
    """(label, start, end, data) of each section, its span from its opening to the end of its subtree."""
    out = []

    def extent(sec):
        spans = [sec.title_span] + list(sec.text_spans) + [sec.provenance.span if sec.provenance else None]
        spans = [s for s in spans if s is not None]
        for c in sec.children:
            x = extent(c)
            if x:
                spans.append(x)
        if not spans:
            return None
        return type(spans[0])(start=min(s.start for s in spans), end=max(s.end for s in spans))

    def walk(sections, parent, annex):
        for sec in sections:
            label = (sec.label or "").strip()
            path = ".".join(x for x in (parent, label.rstrip(".)") if label not in ("-", "+", "*", "•") else "") if x)
            span = extent(sec)
            if span is not None and sec.kind != "paragraph":
                out.append((str(sec.kind), span.start, span.end,
                            {"label": sec.label, "kind": str(sec.kind), "title": sec.title, "path": path or None,
                             "annex": annex, "page": sec.page}))
            walk(sec.children, path, annex)

    walk(letter.body, "", None)
    for a in letter.annexes:
        walk(a.body, "", a.label)
    return out


def _items(letter):
    """(group, label, start, end, data) in the letter's text."""
    items = [("congvan_sections", *x) for x in _section_items(letter)]
    for i, r in enumerate(letter.references):
        base = r.model_dump(mode="json", exclude={"occurrences"})
        for k, o in enumerate(r.occurrences):
            if o.span is None:
                continue
            data = dict(base, index=i, occurrence=k, section=o.section, page=o.page,
                        citation=[o.citation.start, o.citation.end] if o.citation else None)
            items.append(("congvan_refs", r.type or "REF", o.span.start, o.span.end, data))
    for i, d in enumerate(letter.dates):
        if d.provenance and d.provenance.span:
            sp = d.provenance.span
            items.append(("congvan_dates", d.kind.upper(), sp.start, sp.end,
                          dict(d.model_dump(mode="json"), index=i)))
    for i, d in enumerate(letter.deadlines):
        if d.provenance and d.provenance.span:
            sp = d.provenance.span
            items.append(("congvan_deadlines", "DEADLINE", sp.start, sp.end,
                          dict(d.model_dump(mode="json"), index=i)))
    return items


def _split_tokens(doc, edges: set[int]) -> None:
    """Split every token that a span edge falls inside, so that char_span finds the span exactly."""
    cuts: dict[int, list[int]] = {}
    for tok in doc:
        inner = sorted(e - tok.idx for e in edges if tok.idx < e < tok.idx + len(tok.text))
        if inner:
            cuts[tok.i] = inner
    if not cuts:
        return
    with doc.retokenize() as retok:
        for ti, offs in cuts.items():
            tok = doc[ti]
            bounds = [0] + offs + [len(tok.text)]
            orths = [tok.text[x:y] for x, y in zip(bounds, bounds[1:])]
            retok.split(tok, orths, heads=[(tok, 0)] * len(orths))


def fill(doc, letter, mapping: list[int] | None = None):
    """Put the letter on the Doc: span groups, span data and the letter itself. `mapping` takes
    offsets of `letter.text` to offsets of `doc.text` (none: the texts are the same)."""
    items = []
    for group, label, s, e, data in _items(letter):
        if mapping is None:
            rng = (s, e)
        else:
            rng = _map(mapping, s, e, doc.text)
        if rng:
            extra = {"text_span": [s, e]}
            if group != "congvan_sections":  # a section's text is its span's; the others keep the value
                extra["raw"] = data.get("raw") or letter.text[s:e]
            items.append((group, label, rng[0], rng[1], dict(data, **extra)))
    _split_tokens(doc, {x for _, _, s, e, _ in items for x in (s, e)})
    groups: dict[str, list[Span]] = {g: [] for g in GROUPS}
    for group, label, s, e, data in items:
        span = doc.char_span(s, e, label=label, alignment_mode="strict")
        if span is None:  # an edge in whitespace inside a token (pyvi's multi-syllable words)
            span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is None:
            continue
        groups[group].append(span)
        doc.user_data[("congvan", label, span.start_char, span.end_char)] = data
    for g, spans in groups.items():
        doc.spans[g] = spans
    doc.user_data[_LETTER_KEY] = letter.model_dump(mode="json")
    return doc


def to_doc(letter, nlp) -> Doc:
    """A Doc of the letter's `text` (tokenised by `nlp`) with the letter's span groups."""
    return fill(nlp.make_doc(letter.text), letter)


_MARKDOWN = re.compile(r"^\s{0,3}(?:#{1,6}\s|\|.*\||\*\*|>\s|[-*]\s\*\*)", re.MULTILINE)


class CongvanLetter:
    """The `congvan_letter` component: parses `doc.text` as a letter and fills the Doc."""

    def __init__(self, nlp, name: str, format: str = "auto"):
        if format not in ("auto", "text", "markdown"):
            raise ValueError("format is auto, text or markdown")
        self.name, self.format = name, format

    def __call__(self, doc):
        from . import parse_bytes
        from .settings import Settings

        md = self.format == "markdown" or (self.format == "auto" and _MARKDOWN.search(doc.text) is not None)
        letter = parse_bytes(doc.text.encode("utf-8"), "doc.md" if md else "doc.txt", Settings.resolve(ocr="off"))
        return fill(doc, letter, align(letter.text, doc.text))


@Language.factory("congvan_letter", default_config={"format": "auto"})
def make_congvan_letter(nlp, name: str, format: str):
    return CongvanLetter(nlp, name, format=format)


__all__ = ["GROUPS", "CongvanLetter", "align", "fill", "make_congvan_letter", "to_doc"]
