"""Dates in the forms these letters use, validated.

Forms: "ngày 19 tháng 7 năm 2018", "19/7/2018", "30/01/2018", "08/06/2018", "19-7-2018",
"tháng 6/2013", "tháng 6 năm 2013", "quý I năm 2008", "năm 2019", "giai đoạn 2016-2020".
An impossible value (17/10/20178, day 32, month 13) is no date: `None`, and the caller warns.
"""
from __future__ import annotations

from bisect import bisect_right
import calendar
import datetime as dt
from dataclasses import dataclass

import regex as re

from ..patterns import loose as L  # keywords with any tone mark: OCR loses them

# "ngày 19 tháng 7 năm 2018", "ngày 24  tháng 3 năm 2008"
DATE_WORDS = re.compile(rf"(?i){L('ngày')}\s+(?P<d>\d{{1,2}})\s+{L('tháng')}\s+(?P<m>\d{{1,2}})\s+{L('năm')}\s+(?P<y>\d{{4,5}})(?!\d)")
# "19/7/2018", "30/01/2018", "27/ 9/2019", "17/10/20178" (caught, then rejected as impossible)
DATE_NUMERIC = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4,5})(?![\d/])")
# "tháng 6/2013", "tháng 6 năm 2013", "tháng 12/2025"
MONTH = re.compile(rf"(?i){L('tháng')}\s+(?P<m>\d{{1,2}})\s*(?:/|{L('năm')})\s*(?P<y>\d{{4}})(?!\d)")
# "quý I năm 2008", "quý IV/2008", "quý 2 năm 2020"
QUARTER = re.compile(rf"(?i){L('quý')}\s+(?P<q>IV|I{{1,3}}|[1-4])\s*(?:/|{L('năm')})\s*(?P<y>\d{{4}})(?!\d)")
# "năm 2019", "cuối năm 2008"
YEAR = re.compile(rf"(?i)(?:{L('cuối')}\s+)?{L('năm')}\s+(?P<y>\d{{4}})(?!\d)")
# "giai đoạn 2016-2020", "giai đoạn 2016 - 2020", "2019-2020"
PERIOD = re.compile(rf"(?i){L('giai đoạn')}\s+(?P<a>\d{{4}})\s*[-–]\s*(?P<b>\d{{4}})(?!\d)")

QUARTER_NUM = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MIN_YEAR, MAX_YEAR = 1945, 2100


@dataclass(frozen=True)
class DateValue:
    iso: str | None  # None when the printed value is impossible
    precision: str  # day | month | quarter | year
    raw: str
    start: int
    end: int


def make_date(d: int, m: int, y: int) -> str | None:
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12):
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return dt.date(y, m, d).isoformat()


def month_end(m: int, y: int) -> str | None:
    if not (MIN_YEAR <= y <= MAX_YEAR and 1 <= m <= 12):
        return None
    return dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def year_end(y: int) -> str | None:
    """'2008' -> '2008-12-31'; None for a year no letter of these can mean (before MIN_YEAR, after MAX_YEAR)."""
    return month_end(12, y)


def day_of(iso: str | None) -> dt.date | None:
    """The ISO date a finder gave (make_date, month_end, year_end: valid or None) as the models' date."""
    return dt.date.fromisoformat(iso) if iso else None


def find_dates(text: str) -> list[DateValue]:
    """Every day-precision date in the text, in order (impossible ones with iso=None)."""
    out = []
    words = [m.span() for m in DATE_WORDS.finditer(text)]  # in order, not overlapping each other
    starts = [a for a, _ in words]
    for rx in (DATE_WORDS, DATE_NUMERIC):
        for m in rx.finditer(text):
            if rx is DATE_NUMERIC:
                k = bisect_right(starts, m.start()) - 1  # a numeric date inside a worded one is not another
                if k >= 0 and words[k][0] <= m.start() < words[k][1]:
                    continue
            out.append(DateValue(make_date(int(m["d"]), int(m["m"]), int(m["y"])), "day", m.group(0), *m.span()))
    return sorted(out, key=lambda d: d.start)


def first_date(text: str) -> DateValue | None:
    found = find_dates(text)
    return found[0] if found else None


def periods(text: str) -> list[tuple[int, int, str]]:
    """(start year, end year, raw) of every "giai đoạn YYYY-YYYY"."""
    return [(int(m["a"]), int(m["b"]), m.group(0)) for m in PERIOD.finditer(text)]
