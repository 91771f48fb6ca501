"""The real signed letters in ../shared/real (skipped cleanly when absent)."""
from __future__ import annotations

import unicodedata

import pytest
from conftest import REAL, gold

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).replace("–", "-").split()).strip(" .;").casefold() if s else None


@pytest.mark.parametrize("stem", ["05", "vht507"])
def test_text_layer_letter_matches_gold(stem, parsed):
    letter = parsed(REAL / f"{stem}.pdf")
    g = gold(f"real/{stem}.json")
    doc, gd = letter.document, g["document"]
    assert letter.source.text_source == "pdf_text"
    for f in ("type", "place", "subject"):
        assert norm(getattr(doc, f)) == norm(gd[f]), f
    assert norm(doc.issuer.name) == norm(gd["issuer"]["name"])
    for f in ("number", "date"):  # stamped at issue: right, or null with a warning
        assert getattr(doc, f) in (gd[f], None), f
        if getattr(doc, f) is None:
            assert any(w.code in ("number_blank", "date_blank") for w in letter.warnings)
    for k in ("authority", "position", "name"):
        assert norm(getattr(doc.signer, k)) == norm(gd["signer"][k]), k
    assert [norm(d).replace(" ", "") for d in doc.distribution] == \
        [norm(d).replace(" ", "") for d in gd["distribution"]]
    # the signature stamp and the page number are not text of the letter
    body = " ".join(s.text + " " + (s.title or "") for s in letter.body)
    assert "ttcbth@quangngai.gov.vn" not in body and "Ký bởi" not in body


def test_05_deadlines(parsed):
    letter = parsed(REAL / "05.pdf")
    assert sorted(d.date for d in letter.deadlines if d.date) == ["2025-02-08", "2025-02-20", "2025-02-20"]
    assert any(r.number == "1479/QĐ-TTg" and r.date == "2022-11-29" for r in letter.references)


def test_scans_without_ocr_say_so(parsed):
    letter = parsed(REAL / "46-TB.pdf", ocr="off")
    assert letter.source.text_source == "none"
    assert any(w.code == "image_only" for w in letter.warnings)
    assert letter.document.number is None and letter.body == []
