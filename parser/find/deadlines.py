"""Deadlines: by when someone must act, with the action, the actor and the recipient.

Phrases: "trước ngày 25/7/2018", "hoàn thành trước ngày 31 tháng 7 năm 2008", "Đến trước
ngày 31/10/2013", "từ nay đến 31/12/2025", "chậm nhất ngày ...", "(hoàn thành trong quý I năm
2008)", "trong tháng 6/2013", a schedule's "Nghiệm thu hoàn thành: Quý III/2029"; recurring "báo cáo định kỳ 3 tháng" (P3M), "định kỳ 6 tháng";
relative "có hiệu lực thi hành sau 15 ngày, kể từ ngày đăng Công báo".
"""
from __future__ import annotations

from dataclasses import dataclass

from functools import cache

import regex as re

from .. import domain
from .dates import MONTH, QUARTER, QUARTER_NUM, YEAR, first_date, month_end, year_end
from ..text import fold
from ..patterns import loose as L  # keywords with any tone mark: OCR loses them

# The hour a deadline gives before its day: "17 giờ", "16 giờ 00", "10h30", "17 giờ 30 phút,"
TIME_OF_DAY = rf"\d{{1,2}}\s*(?:{L('giờ')}|h)(?:\s*\d{{2}}(?:\s*{L('phút')})?)?\s*,?"
# "trước ngày 25/7/2018", "chậm nhất ngày 30/6/2008", "từ nay đến 31/12/2025", "hạn chót ...",
# "trước 17 giờ ngày 21/9/2026" (a công điện's hour)
BY_DAY = re.compile(rf"(?i)(?:{L('trước')}|{L('chậm nhất')}(?:\s+{L('là')})?|{L('hạn chót')}(?:\s+{L('là')})?|"
                    rf"{L('từ nay đến')}|{L('đến hết')}|{L('muộn nhất')})\s+(?:{TIME_OF_DAY}\s*)?(?:{L('ngày')}\s+)?"
                    rf"(?=\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{4}}|\d{{1,2}}\s+{L('tháng')})")
# "hoàn thành trong quý I năm 2008", "trong quý IV năm 2008"
IN_QUARTER = re.compile(rf"(?i)(?:{L('hoàn thành')}\s+)?{L('trong')}\s+(?={L('quý')}\s+(?:IV|I{{1,3}}|[1-4])\b)")
# a phase of a schedule (tiến độ): "Từ quý III/2026 đến quý II/2027: hoàn thành ..." ends with the last quarter
UNTIL_QUARTER = re.compile(rf"(?i){L('từ')}\s+{L('quý')}\s+(?:IV|I{{1,3}}|[1-4])\s*(?:/|{L('năm')})\s*\d{{4}}\s+"
                           rf"{L('đến')}\s+(?={L('quý')}\s+(?:IV|I{{1,3}}|[1-4])\b)")
# a stage of a schedule given as one quarter after its label: "- Tiến độ khởi công công trình: Quý II/2027",
# "(3) Nghiệm thu hoàn thành: Quý III/2029", "đưa vào sử dụng/hoạt động: Quý IV/2032" (laocai-qd2463);
# the match is empty, just before "Quý", which starts the raw text
AT_QUARTER = re.compile(rf"(?i)(?<=(?:{L('tiến độ')}|{L('hoàn thành')}|{L('khởi công')}|{L('nghiệm thu')}|{L('vận hành')}|"
                        rf"{L('đưa vào sử dụng')})[^;:\n]{{0,60}}:\s*)(?={L('quý')}\s+(?:IV|I{{1,3}}|[1-4])\s*(?:/|{L('năm')}))")
# "trước tháng 12 năm 2025", "có trách nhiệm hoàn thành trong tháng 6/2013" (not "đến hết tháng 6/2013" nor
# "kết quả thực hiện trong tháng 01 năm 2025": periods reported on; "trong" needs words of obligation)
IN_MONTH = re.compile(rf"(?i)(?:{L('trong')}|{L('trước')})\s+(?={L('tháng')}\s+\d{{1,2}}\s*(?:/|{L('năm')}))")
# "có trách nhiệm triển khai nhanh trong năm 2008 ...", "có trách nhiệm xây dựng, triển khai các dự án
# cụ thể trong năm 2008": a duty for the year, only after words of obligation ("thực hiện đầu tư trong
# năm 2013" reports on a year and is no deadline), and not "trong năm 2008-2010"
IN_YEAR = re.compile(rf"(?i)\b{L('trong')}\s+(?={L('năm')}\s+\d{{4}}\b(?!\s*[-–]\s*\d{{4}}))")
OBLIGATION = re.compile(r"(?i)(?:có trách nhiệm|hoàn thành|chậm nhất)\b[^.;:]{0,80}$")
# "định kỳ 3 tháng", "định kỳ 06 tháng", "định kỳ hằng năm"; "có kế hoạch hằng năm", "lập kế hoạch hằng năm"
RECURRING = re.compile(rf"(?i)(?:{L('định kỳ')}|(?:{L('có')}|{L('lập')}|{L('xây dựng')})\s+{L('kế hoạch')})\s+"
                       rf"(?:(?P<n>\d{{1,2}})\s+{L('tháng')}|(?P<quarter>\(?{L('hằng quý')}|\(?{L('hàng quý')})|"
                       rf"(?P<year>{L('hằng năm')}|{L('hàng năm')}))")
# "sau 15 ngày, kể từ ngày đăng Công báo", "kể từ ngày ký"; "trong thời hạn 10 ngày, kể từ ngày nhận được
# Quyết định này" (cuchc-qd26), "trong vòng 05 ngày làm việc kể từ ngày nhận đủ hồ sơ"
RELATIVE = re.compile(rf"(?i)(?:(?:{L('có hiệu lực')}(?:\s+{L('thi hành')})?\s+)?{L('sau')}|{L('trong thời hạn')}|"
                      rf"{L('trong vòng')})\s+(?P<n>\d{{1,3}})\s+{L('ngày')}(?:\s+{L('làm việc')})?\s*,?\s*"
                      rf"{L('kể từ')}\s+(?P<rel>{L('ngày')}\s+[^.;,]+)")
# The event of a time limit the letter sets its addressee: receiving the letter itself ("ngày nhận
# được Quyết định này", cuchc-qd26), folded; not the time limits of a procedure the letter lays
# down ("kể từ ngày nhận được văn bản của cơ quan cấp phép", "... hồ sơ hợp lệ": cp-nq19's rules)
RECEIVED = re.compile(r"ngay nhan duoc (?:quyet dinh|cong van|van ban|thong bao|nghi quyet|chi thi|ke hoach) nay\b")
# AFTER_EVENT (built in _after_event_rx from numbers.json): "Sáu tháng sau khi được quyết định giao ...",
# "06 tháng sau khi ...", "30 ngày sau khi nhận được ...": a time counted from an event
# "kể từ ngày 01/7/2022, các tổ chức ... phải chuyển sang ...": a date from which an obligation holds
FROM_DATE = re.compile(rf"(?i){L('kể từ ngày')}\s+(?=\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}})")
MUST = re.compile(rf"(?i)\b{L('phải')}\b")
ACTOR_LEAD = re.compile(r"(?i)^(?:đề nghị|yêu cầu|giao|các|đồng thời)\s*")
RECIPIENT = re.compile(r"(?:gửi|về|báo cáo|trình)\s+(?:về\s+)?(?P<who>(?:Bộ|Sở|Ủy ban|UBND|Văn phòng|Ban|Cục|Thủ tướng|"
                       r"Chính phủ|Hội đồng|HĐND|Tổng cục)[^,.;()]*?)(?=\s+(?:trước|để|chậm|tổng hợp|thẩm định|xem xét|phê duyệt|ban hành|quyết định|cho ý kiến|theo dõi)\b|[,.;(]|$)")
VERBS = r"(?:gửi|xây dựng|báo cáo|hoàn thành|thực hiện|tổ chức|triển khai|chủ trì|rà soát|tham mưu|phê duyệt|đề xuất|có trách nhiệm|tiếp thu|đăng ký)"
ACTOR = re.compile(rf"^(?P<who>(?:các|Các|Bộ|Sở|Ủy ban|UBND|Văn phòng|Ban|Cục|Công ty|Thủ trưởng|Chủ tịch|cơ quan)[^;:]*?)\s+(?={VERBS}\b)")
# A list item's own label at the start of a clause: "c) ", "2. ", "- "
LIST_LABEL = re.compile(r"^(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*\.|[-+•])\s+")
TRACH_NHIEM = re.compile(r"^(?P<who>.+?)\s+có trách nhiệm\b")


@dataclass(frozen=True)
class Found:
    date: str | None
    precision: str | None
    raw: str
    action: str
    actor: str | None
    recipient: str | None
    recurrence: str | None = None
    relative_to: str | None = None
    start: int | None = None  # where `raw` begins in the text searched (it may begin with white space)


def _clause(text: str, start: int, end: int) -> str:
    """The sentence or clause around [start, end): split at . ; and line breaks."""
    left = max(text.rfind(". ", 0, start), text.rfind(";", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find(";", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0:right].strip()


def _parties(clause: str, context_actor: str | None) -> tuple[str | None, str, str | None]:
    clause = LIST_LABEL.sub("", clause)
    body = ACTOR_LEAD.sub("", clause)
    actor = None
    duty = TRACH_NHIEM.match(clause)
    m = None if duty else ACTOR.match(body if clause[:1].isupper() or ACTOR_LEAD.match(clause) else clause)
    if duty and len(duty["who"]) <= 200:
        # "Bộ Thông tin và Truyền thông, Bộ Tài chính, ... có trách nhiệm triển khai ..."
        actor = duty["who"].strip(" ,")
        action_text = clause[duty.end():]
    elif m:
        actor = m["who"].strip(" ,")
        action_text = body[m.end():] if body.startswith(m["who"]) else clause[m.end():]
    else:
        action_text = body
    if actor is None:
        actor = context_actor
    r = RECIPIENT.search(clause)
    recipient = r["who"].strip() if r else None
    return actor, action_text, recipient


def find_deadlines(text: str, context_actor: str | None = None) -> list[Found]:
    """Every deadline in one paragraph: by a date, a quarter, a month or a year first (in that
    order of patterns), then recurring duties, times counted from an event, and dates from which
    an obligation holds."""
    out: list[Found] = []
    for rx, kind in ((BY_DAY, "day"), (IN_QUARTER, "quarter"), (UNTIL_QUARTER, "quarter"), (AT_QUARTER, "quarter"),
                     (IN_MONTH, "month"), (IN_YEAR, "year")):
        for m in rx.finditer(text):
            found = _dated(text, m, kind, context_actor)
            if found is not None:
                out.append(found)
    out += _recurring(text, context_actor)
    out += _relative(text, context_actor)
    out += _from_date(text, context_actor)
    return out


def _due(text: str, m: re.Match, kind: str) -> tuple[str, int] | None:
    """The last day a deadline phrase `m` of this `kind` allows (ISO) and where its raw text ends;
    None when what follows is no date of that kind, or a period reported on rather than a duty."""
    tail = text[m.end(): m.end() + 40]
    if kind == "year":
        if not OBLIGATION.search(text[max(0, m.start() - 120): m.start()]):
            return None
        y = YEAR.match(tail)
        return year_end(int(y["y"])), m.end() + y.end()
    if kind == "day":
        # BY_DAY has taken "ngày" and stops at the digits: put it back for the date reader
        d = first_date("ngày " + tail)
        if d is None:
            return None
        return d.iso, m.end() + max(0, d.end - len("ngày "))
    if kind == "quarter":
        q = QUARTER.match(tail)
        if not q:
            return None
        return month_end(QUARTER_NUM[q["q"].upper()] * 3, int(q["y"])), m.end() + q.end()
    mm = MONTH.match(tail)
    if not mm:
        return None
    if fold(m.group(0)).startswith("trong") and not OBLIGATION.search(text[max(0, m.start() - 120): m.start()]):
        return None  # "kết quả thực hiện trong tháng 01 năm 2025": a period reported on
    return month_end(int(mm["m"]), int(mm["y"])), m.end() + mm.end()


def _dated(text: str, m: re.Match, kind: str, context_actor: str | None) -> Found | None:
    """A deadline by a day, a quarter, a month or a year, with its clause's action, actor and recipient."""
    due = _due(text, m, kind)
    if due is None:
        return None
    iso, raw_end = due
    raw = text[m.start(): raw_end].strip()
    clause = _clause(text, m.start(), raw_end)
    actor, action_text, recipient = _parties(clause, context_actor)
    action = action_text.replace(raw, "").strip(" ,.;:()")
    action = re.sub(r"\s+", " ", action)
    return Found(iso, kind, raw, action[:200], actor, recipient, start=m.start())


def _recurring(text: str, context_actor: str | None) -> list[Found]:
    """'báo cáo định kỳ 3 tháng' (P3M), 'hằng quý' (P3M), 'hằng năm' (P1Y)."""
    out = []
    for m in RECURRING.finditer(text):
        clause = _clause(text, m.start(), m.end())
        actor, action_text, recipient = _parties(clause, context_actor)
        rec = f"P{int(m['n'])}M" if m["n"] else "P3M" if m["quarter"] else "P1Y"
        out.append(Found(None, None, m.group(0), re.sub(r"\s+", " ", action_text.strip(" ,.;:"))[:200], actor,
                         recipient, recurrence=rec, start=m.start()))
    return out


def _relative(text: str, context_actor: str | None) -> list[Found]:
    """Times counted from an event: 'sau 15 ngày, kể từ ngày đăng Công báo', 'Sáu tháng sau khi ...'."""
    out = []
    for m in RELATIVE.finditer(text):
        said = fold(m.group(0))
        if (not said.startswith(("sau", "co hieu luc")) or "lam viec" in said) and not RECEIVED.match(fold(m["rel"])):
            continue  # a procedure's time limit ('trong thời hạn 05 ngày kể từ ngày nhận đủ hồ sơ'): a rule, not a duty set
        clause = _clause(text, m.start(), m.end())
        out.append(Found(None, None, m.group(0).strip(), clause[:200], context_actor, None,
                         relative_to=" ".join(m["rel"].split()), start=m.start()))
    for m in _after_event_rx().finditer(text):
        clause = _clause(text, m.start(), m.end())
        out.append(Found(None, None, " ".join(m.group(0).split())[:200], clause[:200], context_actor, None,
                         relative_to="khi " + " ".join(m["rel"].split()), start=m.start()))
    return out


def _from_date(text: str, context_actor: str | None) -> list[Found]:
    """'kể từ ngày 01/7/2022, các tổ chức ... phải ...': a date from which someone must act."""
    out = []
    for m in FROM_DATE.finditer(text):
        d = first_date(text[m.end(): m.end() + 20])
        if d is None or not MUST.search(text[m.end(): m.end() + 200].split(".")[0]):
            continue  # "có hiệu lực kể từ ngày ..." and the like: no one must act
        raw = text[m.start(): m.end() + d.end].strip()
        out.append(Found(d.iso, "day", raw, re.sub(r"\s+", " ", text[m.end() + d.end:].split(".")[0]).strip(" ,")[:200],
                         context_actor, None, start=m.start()))
    return out


@cache
def _number_words() -> dict[str, int]:
    return domain._load("numbers.json")["words"]


@cache
def _after_event_rx() -> re.Pattern:
    """AFTER_EVENT's regex: a number in digits or in words (numbers.json), the unit, "sau khi"."""
    number = "|".join(L(w) for w in sorted(_number_words(), key=len, reverse=True))
    return re.compile(rf"(?i)\b(?P<n>\d{{1,3}}|{number})\s+(?P<unit>{L('ngày')}|{L('tháng')}|{L('năm')})\s+"
                      rf"{L('sau khi')}\s+(?P<rel>[^.;,]+)")


def actor_of_heading(title: str | None) -> str | None:
    """'Bộ Thông tin và Truyền thông có trách nhiệm' -> 'Bộ Thông tin và Truyền thông'."""
    if not title:
        return None
    m = TRACH_NHIEM.match(title)
    return m["who"].strip() if m else None
