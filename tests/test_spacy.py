"""The spaCy component `congvan_letter` and `congvan.spacy.to_doc`."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PDFS, ROOT, SEEDS

spacy = pytest.importorskip("spacy")

from spacy.tokens import DocBin  # noqa: E402

import congvan.spacy as cs  # noqa: E402

SEED = SEEDS / "cv-232-BTTTT-KHTC-2018.md"


@pytest.fixture(scope="module")
def doc232():
    nlp = spacy.blank("xx")
    nlp.add_pipe("congvan_letter")
    text = SEED.read_text(encoding="utf-8")
    return nlp, text, nlp(text)


def test_232_refs_and_deadlines_are_spans_of_their_raw_text(doc232):
    nlp, text, doc = doc232
    letter = doc._.congvan
    assert letter.document.number == "232/BTTTT-KHTC"
    assert letter.text != text  # the component aligned the letter's normalised text with the file's
    refs = doc.spans["congvan_refs"]
    assert len(refs) == sum(1 for r in letter.references for o in r.occurrences if o.span)
    firsts = {s._.congvan["number"]: s for s in refs if s._.congvan["occurrence"] == 0}
    assert set(firsts) == {r.number for r in letter.references}
    for r in letter.references:
        span = firsts[r.number]
        assert span.text == r.raw, r.number  # the mention as printed in the file
        assert span.label_ == (r.type or "REF")
        c0, c1 = span._.congvan["citation"]
        assert letter.text[c0:c1].startswith(("Quyết định", "Chỉ thị", "Thông tư", "Nghị định", "Công văn", "Luật"))
    [dl] = doc.spans["congvan_deadlines"]
    assert dl.text == "trước ngày 25/7/2018" == letter.deadlines[0].raw
    assert dl.label_ == "DEADLINE" and dl._.congvan["date"] == "2018-07-25" and dl._.congvan["section"] == "B.5"
    dates = doc.spans["congvan_dates"]
    assert [s.text for s in dates] == [d.raw for d in letter.dates]
    assert {s.label_ for s in dates} == {"DATE", "PERIOD"}


def test_232_sections_span_their_subtree(doc232):
    _, _, doc = doc232
    secs = {s._.congvan["path"]: s for s in doc.spans["congvan_sections"] if s._.congvan["annex"] is None}
    assert secs["B"].label_ == "upper" and secs["B"].text.startswith("B. XÂY DỰNG KẾ HOẠCH")
    assert secs["B.5"].start_char >= secs["B"].start_char and secs["B.5"].end_char <= secs["B"].end_char
    [dl] = doc.spans["congvan_deadlines"]
    assert secs["B.5"].start_char <= dl.start_char < dl.end_char <= secs["B.5"].end_char
    assert any(s._.congvan["annex"] == "PHỤ LỤC 1" for s in doc.spans["congvan_sections"])


def test_docbin_keeps_spans_and_data(doc232):
    nlp, _, doc = doc232
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    [back] = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for g in cs.GROUPS:
        assert [(s.start_char, s.end_char, s.label_) for s in back.spans[g]] == \
               [(s.start_char, s.end_char, s.label_) for s in doc.spans[g]]
        assert [s._.congvan for s in back.spans[g]] == [s._.congvan for s in doc.spans[g]]
    assert back._.congvan == doc._.congvan


def test_to_doc_from_a_parsed_pdf_with_blank_vi(parsed):
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    letter = parsed(PDFS / "cv-232-BTTTT-KHTC-2018.pdf")
    doc = cs.to_doc(letter, nlp)
    assert doc.text == letter.text and doc._.congvan.document.number == "232/BTTTT-KHTC"
    for r in letter.references:
        spans = [s for s in doc.spans["congvan_refs"] if s._.congvan["number"] == r.number]
        assert [(s.start_char, s.end_char) for s in spans] == [(o.span.start, o.span.end) for o in r.occurrences
                                                               if o.span]
        assert spans[0].text == r.raw
    assert [s.text for s in doc.spans["congvan_deadlines"]] == [d.raw for d in letter.deadlines]
    # whitespace tokens: "25/7/2018," was split at the span's edge
    assert all(s.text == letter.text[s.start_char:s.end_char] for g in cs.GROUPS for s in doc.spans[g])


def test_component_with_blank_vi_and_pyvi():
    pytest.importorskip("pyvi")
    nlp = spacy.blank("vi")
    nlp.add_pipe("congvan_letter")
    doc = nlp(SEED.read_text(encoding="utf-8"))
    assert [s.text for s in doc.spans["congvan_deadlines"]] == ["trước ngày 25/7/2018"]
    firsts = [s for s in doc.spans["congvan_refs"] if s._.congvan["occurrence"] == 0]
    assert firsts and all(s.text == s._.congvan["raw"] for s in firsts)  # pyvi's words split at the edges


def test_factory_is_found_without_importing_congvan():
    code = ("import sys, spacy; nlp = spacy.blank('xx'); nlp.add_pipe('congvan_letter'); "
            "print(nlp.pipe_names, 'congvan' in sys.modules and 'congvan.spacy' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tests", capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "['congvan_letter'] True"  # loaded by spaCy through the entry point


def test_align_maps_through_normalisation():
    a = "Kính gửi các đơn vị trước ngày 25/7/2018 để tổng hợp"
    b = "**Kính gửi** các đơn\nvị trước  ngày 25/7/2018 để tổng hợp"
    m = cs.align(a, b)
    s = a.index("trước")
    e = a.index("2018") + 4
    assert cs._map(m, s, e, b) == (b.index("trước"), b.index("2018") + 4)
    # several windows of a long text, each sentence its own
    rows_a = [f"Mục {i}: đơn vị số {i * 7} gửi báo cáo trước ngày {i % 28 + 1}/7/2018." for i in range(400)]
    rows_b = [f"**Mục {i}**: đơn vị số {i * 7} gửi báo\ncáo trước  ngày {i % 28 + 1}/7/2018." for i in range(400)]
    long_a, long_b = " ".join(rows_a), "\n".join(rows_b)
    m = cs.align(long_a, long_b)
    for i in (0, 150, 399):
        k = long_a.index(f"Mục {i}:") + 4
        assert long_b[m[k]:m[k] + len(str(i)) + 3] == f"{i}**:"
