"""The pdfium engine loads each page once for all its steps (survey, characters, words, tables),
from one pdfium document a PDF; a signed letter's pages with widgets twice (pdfium shows a page
whose widgets were drawn into it only once it is loaded again), its other pages once. Counted by
wrapping pypdfium2's page loader."""
from __future__ import annotations

from collections import Counter

import pypdfium2 as pdfium
import pytest
from conftest import PDFS, REAL, skip_or_fail

from congvan.load.pdf import load_pdf
from congvan.settings import Settings

SIGNED = ("laocai-cv3686-2026-ubnd.pdf", "laocai-qd2463-2026-ubnd.pdf", "vl-cv91-2026-cttdt.pdf")


@pytest.fixture
def counted(monkeypatch):
    loads: Counter = Counter()
    documents = []
    get_page, init = pdfium.PdfDocument.get_page, pdfium.PdfDocument.__init__

    def counted_get_page(self, index):
        loads[index + 1] += 1
        return get_page(self, index)

    def counted_init(self, *args, **kwargs):
        documents.append(1)
        init(self, *args, **kwargs)

    monkeypatch.setattr(pdfium.PdfDocument, "get_page", counted_get_page)
    monkeypatch.setattr(pdfium.PdfDocument, "__init__", counted_init)
    return loads, documents


@pytest.mark.parametrize("path", sorted(PDFS.glob("*.pdf")), ids=lambda p: p.name)
def test_each_page_is_loaded_once(path, counted):
    loads, documents = counted
    loaded = load_pdf(path.read_bytes(), Settings(ocr="off"))
    assert [p.text_source for p in loaded.pages] == ["pdf_text"] * len(loaded.pages)
    assert loads == Counter({p.number: 1 for p in loaded.pages}) and len(documents) == 1


# the pages of each that carry a signature widget (their /Annots)
WIDGET_PAGES = {"laocai-cv3686-2026-ubnd.pdf": {1, 3}, "laocai-qd2463-2026-ubnd.pdf": {1, 5, 6},
                "vl-cv91-2026-cttdt.pdf": {1}}


@pytest.mark.parametrize("name", SIGNED)
def test_a_signed_letters_widget_pages_are_loaded_twice(name, counted):
    path = REAL / name
    if not path.exists():
        skip_or_fail(f"{path} is absent")
    loads, documents = counted
    loaded = load_pdf(path.read_bytes(), Settings(ocr="off"))
    assert "form widgets (signature stamps) drawn into the pages" in loaded.normalizations
    widgets = WIDGET_PAGES[name]
    assert loads == Counter({p.number: 2 if p.number in widgets else 1 for p in loaded.pages}) and len(documents) == 1


@pytest.mark.parametrize("name", SIGNED)
def test_a_flattened_letter_is_not_saved_when_no_page_is_ocrd(name, monkeypatch):
    """The flattened document is saved only for the pages OCR reads (11 ms a signed letter):
    a digital signed letter keeps its own bytes as the ones its pages were read from."""
    path = REAL / name
    if not path.exists():
        skip_or_fail(f"{path} is absent")
    saves = []
    save = pdfium.PdfDocument.save
    monkeypatch.setattr(pdfium.PdfDocument, "save", lambda self, *a, **k: saves.append(1) or save(self, *a, **k))
    data = path.read_bytes()
    loaded = load_pdf(data, Settings(ocr="off"))
    assert "form widgets (signature stamps) drawn into the pages" in loaded.normalizations
    assert not saves and loaded.pdf_data is data
