"""One table of OCR look-alikes (parser/data/ocr_look_alikes.json) and the three forms derived
from it: the pairs (code repair), the classes (OCR keys), the scorer's fold; examples are
numbers and codes as the letters print them and as OCR reads them."""
from __future__ import annotations

import json

from conftest import ROOT, SEEDS

from congvan import look_alikes, parse_file
from congvan.find.notation import parse_notation, repair_issuer_code
from congvan.match import best_match, notation_score, ocr_key, similarity

TABLE = json.loads((ROOT / "parser" / "data" / "ocr_look_alikes.json").read_text(encoding="utf-8"))


def test_the_table_is_pairs_of_single_characters_and_nothing_else_holds_them():
    assert TABLE["pairs"] and all(len(p) == 2 and all(len(c) == 1 for c in p) and p[0] != p[1]
                                  for p in TABLE["pairs"])
    confusions = json.loads((ROOT / "parser" / "data" / "ocr_confusions.json").read_text(encoding="utf-8"))
    assert "chars" not in confusions  # the normaliser's file no longer keeps a second copy


def test_the_three_forms_agree():
    """Both members of a pair share a class, and fold to the same character in either case."""
    table = look_alikes.classes()
    assert look_alikes.pairs() == {frozenset(p) for p in TABLE["pairs"]}
    for a, b in TABLE["pairs"]:
        assert a.translate(table) == b.translate(table), (a, b)
        assert look_alikes.fold(a) == look_alikes.fold(b), (a, b)
    for glyph in TABLE["same_letter"][0]:  # Ð (U+00D0), Ɖ, đ ... are Đ's class
        assert glyph.translate(table) == "Đ".translate(table)
    assert {table[ord(c)] for c in "1lIT"} == {"1"} and {table[ord(c)] for c in "0ODĐ"} == {"0"}


def test_keys_of_numbers_as_ocr_reads_them():
    # 232/BTTTT-KHTC (cv-232's own number) with a T read as I; Nghị định 30/2020's QĐ read QD or QÐ
    assert ocr_key("232/BTTIT-KHTC") == ocr_key("232/BTTTT-KHTC") == ocr_key("232 /BTTTT– KHTC")
    assert ocr_key("1479/QD-TTg") == ocr_key("1479/QĐ-TTg") == ocr_key("1479/QÐ-TTg")
    assert ocr_key("153/QĐ-TTg") != ocr_key("153/QĐ-TTG")  # case kept: TTg and TTG stay an edit apart
    known = [parse_notation(n) for n in ("1479/QĐ-TTg", "153/QĐ-TTg", "232/BTTTT-KHTC")]
    hit, score = best_match(parse_notation("1479/QD-TTq"), known)
    assert hit is not None and hit.canonical == "1479/QĐ-TTg" and score >= 0.75


def test_the_scorer_folds_d_and_dj_alike():
    """'QĐ' and 'QD' are one notation to the scorer (the old fold mapped D to Đ and Đ to D, so
    they stayed a letter apart); a code that lost letters does not score 1."""
    assert similarity("QĐ-UBND", "QD-UBND") == 1.0
    assert similarity("BTTIT-KHTC", "BTTTT-KHTC") == 1.0
    assert similarity("UBT-TT-KHTC", "BTTTT-KHTC") < 1.0
    own, seen = parse_notation("232/BTTTT-KHTC"), parse_notation("23/UBT-TT-KHTC")  # cv-232's annex, OCR'd
    assert 0.75 < notation_score(seen, own) < 1.0


def test_codes_one_look_alike_from_a_known_one_are_repaired():
    assert repair_issuer_code("BTTIT") == "BTTTT"  # I for T
    assert repair_issuer_code("UBHD") == "UBND"  # H for N
    assert repair_issuer_code("UBT") == "UBT"  # losing a D is no OCR habit: kept as printed


def test_the_seed_annex_still_matches_its_letter():
    letter = parse_file(SEEDS / "cv-232-BTTTT-KHTC-2018.md")
    attached = letter.annexes[0].attached_to
    assert attached.number_raw == "23/UBT-TT-KHTC" and attached.number == "232/BTTTT-KHTC"
    assert attached.matches_parent
