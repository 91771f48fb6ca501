"""Dates in the models are datetime.date; the JSON keeps ISO "YYYY-MM-DD"; an impossible date
printed in a letter (31/02) is a warning and an honest null, never a crash."""
from __future__ import annotations

import json
from datetime import date

from conftest import SEEDS

from congvan import parse_bytes
from congvan.models import Letter

SEED = SEEDS / "cv-232-BTTTT-KHTC-2018.md"


def _dated(letter: Letter) -> list:
    """Every dated value of a letter: the document, annexes' Kèm theo, references, deadlines, dates."""
    return ([letter.document.date] + [a.attached_to.date for a in letter.annexes if a.attached_to]
            + [r.date for r in letter.references] + [d.date for d in letter.deadlines]
            + [d.date for d in letter.dates])


def test_dates_are_dates_and_iso_in_the_json(parsed):
    letter = parsed(SEED)
    assert letter.document.date == date(2018, 7, 19)
    assert letter.annexes[0].attached_to.date == date(2018, 7, 19)
    assert date(2018, 7, 25) in [d.date for d in letter.deadlines]
    values = [d for d in _dated(letter) if d is not None]
    assert len(values) > 5 and all(type(d) is date for d in values)
    data = json.loads(letter.model_dump_json())
    assert data["document"]["date"] == "2018-07-19"
    assert data["annexes"][0]["attached_to"]["date"] == "2018-07-19"
    assert "2018-07-25" in [d["date"] for d in data["deadlines"]]
    assert Letter.model_validate(data) == letter  # read back: the same dates


def test_schema_says_the_date_fields_are_dates():
    defs = Letter.model_json_schema()["$defs"]
    for model in ("Document", "AttachedTo", "Reference", "Deadline", "DateMention"):
        field = defs[model]["properties"]["date"]
        assert {"type": "string", "format": "date"} in field["anyOf"], model


def test_impossible_dates_are_warned_and_null():
    """The seed with its header date, the Kèm theo date, a deadline and a cited date made impossible."""
    text = SEED.read_text(encoding="utf-8")
    broken = (text.replace("Hà Nội, ngày 19 tháng 7 năm 2018", "Hà Nội, ngày 31 tháng 02 năm 2018", 1)
              .replace("trước ngày 25/7/2018", "trước ngày 30/02/2018", 1)
              .replace("Kèm theo công văn số 23/UBT-TT-KHTC ngày 19 tháng 7 năm 2018",
                       "Kèm theo công văn số 23/UBT-TT-KHTC ngày 31 tháng 4 năm 2018", 1))
    assert broken.count("02 năm 2018") and broken.count("30/02/2018") and broken.count("31 tháng 4 năm 2018")
    letter = parse_bytes(broken.encode("utf-8"), SEED.name)
    assert letter.document.date is None
    assert any(w.code == "invalid_date" and "31 tháng 02" in w.message for w in letter.warnings)
    (due,) = [d for d in letter.deadlines if "30/02/2018" in d.raw]
    assert due.date is None and due.precision == "day"
    assert letter.annexes[0].attached_to.date is None
    assert [d.date for d in letter.dates if d.raw.endswith("30/02/2018")] == [None]
    assert all(d is None or type(d) is date for d in _dated(letter))
    data = json.loads(letter.model_dump_json())
    assert data["document"]["date"] is None and data["annexes"][0]["attached_to"]["date"] is None


def test_a_deadline_in_a_year_no_letter_means_has_no_date():
    """'trong năm 0000' after words of obligation: no date (year_end refuses it), not a crash."""
    text = SEED.read_text(encoding="utf-8").replace(
        "trước ngày 25/7/2018 để tổng hợp.", "trước ngày 25/7/2018 để tổng hợp. Bộ có trách nhiệm hoàn thành trong năm 0000.", 1)
    letter = parse_bytes(text.encode("utf-8"), SEED.name)
    years = [d for d in letter.deadlines if d.precision == "year"]
    assert years and all(d.date is None for d in years)
    assert date(2018, 7, 25) in [d.date for d in letter.deadlines]
