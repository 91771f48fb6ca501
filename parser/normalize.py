"""Normalise text: NFC, modern tone placement, `Ð` -> `Đ`, decorative glyphs, markdown artefacts.

Works one line at a time and never reflows: line breaks carry layout the segmenter needs.
Every change that alters the letter's characters is reported (`normalizations`), and lost
bytes (U+FFFD) become a warning.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache

import regex as re

from . import domain, lexicon
from .text import LETTERS
from .types import Line

# A word for the tone normaliser: letters (with their marks) only.
WORD = re.compile(r"\p{L}[\p{L}\p{M}]*")

# Markdown artefacts in converted letters (the seeds): heading hashes, emphasis, escapes, links.
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
MD_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
MD_ITALIC = re.compile(r"(?<![\*\w])\*(?!\s)(.+?)(?<!\s)\*(?![\*\w])")
MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# A markdown list item wrapping a letter's own marker: "- 1. Foo", "- + Foo", "- a) Foo".
MD_LIST_WRAP = re.compile(r"^(\s*)[-*]\s+(?=(?:[+\-*]\s|\d+(?:\.\d+)*\.?\s|\p{Ll}\)\s|[IVXLC]+\.\s))")
MD_HARD_BREAK = re.compile(r"\s{2,}$")
STRAY_STARS = re.compile(r"(?<!\S)\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?!\S)")
# OCR: a word holding a letter that Vietnamese does not use ("Nøãi" for "Ngãi", "Š", "Ÿ").
VIETNAMESE_LETTERS = LETTERS
FOREIGN_LETTER_WORD = re.compile(rf"\b(?=[\p{{L}}]*[^\P{{L}}{VIETNAMESE_LETTERS}])\p{{L}}+\b")
# Stray OCR marks at the ends of a line: "| trên địa bàn", "Kính gửi: ... |", and a speck read as a
# colon before a wrapped line's first word (": phòng, chống dịch bệnh": print never starts a line so)
OCR_EDGE_JUNK = re.compile(r"^[|¦‖\\/_~`'\"“”‘’„^°·•‹›«»:]+\s+|(?:\s+[|¦‖\\_~`'“”‘’„^°·•‹›«»:]+)+$"
                           # a dash run into such a mark ("-_ 3. Yêu cầu"): a speck, not a list dash
                           r"|^-+[_~`^|¦‖]+[-_~`^|¦‖]*\s+")
# OCR: marks no letter prints, anywhere in an OCR'd line ("chính quyền ‹địa phương": a speck
# of the scan read as a single guillemet, '„ sinh', '„ QUYẾT ĐỊNH': a low quote Vietnamese print
# does not use); the double ones (« ») may be a letter's quotes
OCR_INNER_JUNK = re.compile(r"\s*[‹›¦‖„]+\s*")
# An OCR'd line that is a speck and nothing else: one or two marks, no letter, digit or dash (a
# ':' read between the signer's "TM. ỦY BAN NHÂN DÂN" and "KT. CHỦ TỊCH"); "./." ends a letter
OCR_SPECK_LINE = re.compile(r"^[:;,.'\"`“”‘’„|¦‖_~^°·•‹›]{1,2}$")
# Digits stamped one by one into a blank ("Số: 5 4 2 /TB-UBND", "ngày 0 6 tháng 11"), only in the
# number and date lines of the header
SPACED_DIGITS = re.compile(r"(?<!\d)\d(?: \d)+(?!\d)")
HEADER_DIGIT_LINE = re.compile(r"(?i)^s[ốô]\s*:|^[\p{Lu}][\p{L} .'-]{1,40},\s*ngày\b")
# OCR drops the accent of "số" before a number: "sô 27/2017/NQ-HĐND", "sỐ 115/2021/NĐ-CP"
OCR_SO = re.compile(r"\b([sS])[ôoóòỏõọồổỗộỐ](?=\s*\d+[\w.]*/)")


# The rule file underthesea's text_normalizer.py loads: `rule_file = "tn_rules_2023_07_14.bin"`
# (a commented-out older one is skipped: the line must start with the name)
UNDERTHESEA_RULE_FILE = re.compile(r'(?m)^rule_file\s*=\s*"([^"/\\]+\.bin)"')


@cache
def _token_normalize():
    """underthesea's per-token normaliser (old-style tones -> modern: hoà -> hòa), loaded lazily.

    Its folder is loaded as a package of its own, so that underthesea's __init__ (tokenizers,
    NER, models: 60 MiB and 0.2 s more for every `parse`) is not run; the normaliser needs only
    its rule file, a pickle of two dicts, which is read here with `pickle` rather than by its
    module's `joblib.load` (joblib brings numpy and multiprocessing: 32 MiB of every parsing
    process, the same two dicts). If underthesea's layout changes, the ordinary import is used."""
    import importlib
    import importlib.util
    import os
    import pickle
    import sys
    import types

    try:
        spec = importlib.util.find_spec("underthesea")
        folder = os.path.join(spec.submodule_search_locations[0], "pipeline", "text_normalize")
        if "_congvan_underthesea_tn" not in sys.modules:
            with open(os.path.join(folder, "text_normalizer.py"), encoding="utf-8") as fh:
                rule_file = UNDERTHESEA_RULE_FILE.findall(fh.read())[-1]  # the last assignment is the one in force
            with open(os.path.join(folder, rule_file), "rb") as fh:
                rules = pickle.load(fh)  # underthesea's own rule file, as joblib.load reads it
            pkg = types.ModuleType("_congvan_underthesea_tn")
            pkg.__path__ = [folder]
            rules_module = types.ModuleType("_congvan_underthesea_tn.text_normalizer")
            rules_module.character_map, rules_module.token_map = rules["character"], rules["token"]
            sys.modules["_congvan_underthesea_tn"] = pkg
            sys.modules["_congvan_underthesea_tn.text_normalizer"] = rules_module
        return _remembered(importlib.import_module("_congvan_underthesea_tn.token_normalize").token_normalize)
    except Exception:
        sys.modules.pop("_congvan_underthesea_tn", None)
        sys.modules.pop("_congvan_underthesea_tn.text_normalizer", None)
    try:
        from underthesea.pipeline.text_normalize.token_normalize import token_normalize
    except Exception:  # pragma: no cover - underthesea is a hard dependency; degrade gracefully
        return None
    return _remembered(token_normalize)


TOKEN_CACHE = 65536  # words whose normalisation is remembered: a letter repeats most of its words


def _remembered(token_normalize):
    """underthesea's token_normalize (a pure function of the word) with its answers remembered:
    a parse asks it of every word of every line, a few hundred distinct ones a page."""
    return lru_cache(maxsize=TOKEN_CACHE)(token_normalize)


def fix_chars(text: str, counts: Counter) -> str:
    """NFC, confusable characters (Ð, NBSP, soft hyphen, dashes), decorative glyphs."""
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        counts["nfc"] += 1
    text = nfc
    table = domain.confusions()["normalize"]
    for bad, good in table.items():
        if bad in text:
            counts[f"{bad!a}->{good!a}"] += text.count(bad)
            text = text.replace(bad, good)
    for glyph in domain.confusions()["decorative"]:
        if glyph in text:
            counts["decorative glyph removed"] += text.count(glyph)
            text = text.replace(glyph, "")
    if FORMAT_CHAR.search(text):  # any other invisible format character (U+180E, U+2061 ...)
        counts["invisible format characters removed"] += len(FORMAT_CHAR.findall(text))
        text = FORMAT_CHAR.sub("", text)
    if ODD_SPACE.search(text):  # any other space character (U+2000-U+200A, U+202F, U+3000 ...)
        counts["space characters read as spaces"] += len(ODD_SPACE.findall(text))
        text = ODD_SPACE.sub(" ", text)
    return text


# Invisible format characters (Unicode category Cf) and spaces other than U+0020 (Zs) that the
# data file's table does not name: they split "Số: 12/UBND-VP" as the named ones do
FORMAT_CHAR = re.compile(r"\p{Cf}")
ODD_SPACE = re.compile(r"[^\S\n\t\r ]|[\p{Zs}--[ ]]", re.V1)


# A token holding a Cyrillic or Greek letter (parser/data/ocr_confusions.json, "lookalikes")
FOREIGN_SCRIPT_TOKEN = re.compile(r"\S*[\p{Cyrillic}\p{Greek}]\S*")


def fix_lookalikes(text: str, counts: Counter) -> str:
    """'ВСТ-ВТC-VKSNDTC' (Cyrillic В, С, Т) -> 'BCT-BTC-VKSNDTC': in a token whose every Cyrillic or
    Greek letter looks like a Latin one, those letters are read as Latin."""
    if not FOREIGN_SCRIPT_TOKEN.search(text):
        return text
    table = domain.confusions()["lookalikes"]

    def one(m: re.Match) -> str:
        w = m.group(0)
        foreign = [c for c in w if re.match(r"[\p{Cyrillic}\p{Greek}]", c)]
        if not all(c in table for c in foreign):
            return w
        counts["Cyrillic or Greek look-alike letters read as Latin"] += len(foreign)
        return "".join(table.get(c, c) for c in w)

    return FOREIGN_SCRIPT_TOKEN.sub(one, text)


def fix_tones(text: str, counts: Counter) -> str:
    norm = _token_normalize()
    if norm is None:
        return text

    def one(m: re.Match) -> str:
        w = m.group(0)
        out = norm(w)
        if out != w:
            counts["tone placement"] += 1
        return out

    return WORD.sub(one, text)


def repair_ocr_names(text: str, counts: Counter) -> str:
    """OCR lines: a word with a letter foreign to Vietnamese that, with its neighbour, is one
    edit from a known place name becomes that name ("Quảng Nøãi" -> "Quảng Ngãi").
    Only such words are touched: a plausible Vietnamese word is never "corrected"."""
    if not FOREIGN_LETTER_WORD.search(text):
        return text
    from rapidfuzz.distance import Levenshtein

    names = list(domain.places().values())
    for m in reversed(list(FOREIGN_LETTER_WORD.finditer(text))):  # from the end: earlier offsets hold
        before = text[: m.start()].split()
        after = text[m.end():].split()
        spans = []
        if before:
            spans.append((text.rfind(before[-1], 0, m.start()), m.end()))
        if after:
            spans.append((m.start(), text.find(after[0], m.end()) + len(after[0])))
        spans.append((m.start(), m.end()))
        for a, b in spans:
            chunk = text[a:b].rstrip(",.;:")
            hit = next((n for n in names if Levenshtein.distance(chunk, n) == 1), None)
            if hit:
                counts["OCR place name repaired"] += 1
                text = text[:a] + hit + text[a + len(chunk):]
                break
    return text


def strip_ocr_junk(text: str, counts: Counter) -> str:
    """Stray marks at the ends of an OCR'd line; "sô"/"sỐ" before a document number -> "số";
    phrases OCR misreads in one way only ("Công TTĐT" -> "Cổng TTĐT", ocr_confusions.json)."""
    out = OCR_EDGE_JUNK.sub("", text)
    out = OCR_INNER_JUNK.sub(lambda m: " " if m.start() and m.end() < len(out) and " " in m.group() else "", out)
    if out != text:
        counts["OCR stray marks removed"] += 1
    out, n = OCR_SO.subn(lambda m: "số" if m.group(1) == "s" else "Số", out)
    if n:
        counts["OCR 'sô' before a number read as 'số'"] += n
    out, n = _purpose_note().subn("(để ", out)
    if n:
        counts["OCR '(đê b/c)' read as '(để b/c)'"] += n
    for bad, good in domain.confusions().get("phrases", {}).items():
        if not bad.startswith("_") and bad in out:
            out = out.replace(bad, good)
            counts[f"OCR phrase {bad!r} read as {good!r}"] += 1
    return out


@cache
def _purpose_note() -> re.Pattern:
    """'(đê ' before a purpose note of Nơi nhận ('b/c)', 'thực hiện)'): ocr_confusions.json 'purpose_notes'."""
    data = domain.confusions()["purpose_notes"]
    misread = "|".join(re.escape(w) for w in data["misread"])
    notes = "|".join(re.escape(w) for w in data["notes"])
    return re.compile(rf"\((?:{misread})\s+(?=(?:{notes}))")


def strip_markdown(line: Line) -> Line:
    """Remove markdown artefacts; keep what they meant as hints (heading level, bold, italic)."""
    text = line.text
    heading = line.heading
    m = MD_HEADING.match(text)
    if m:
        heading = len(m.group(1))
        text = text[m.end():]
    bold = line.bold or bool(MD_BOLD.search(text))
    text = MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    italic = line.italic
    stripped = text.strip()
    if stripped.startswith("*") and stripped.endswith("*") and len(stripped) > 2 and not stripped.startswith("**"):
        italic = True
    return replace(line, text=_unmark_rest(text), heading=heading, bold=bold, italic=italic)


def _unmark_rest(text: str) -> str:
    """strip_markdown's removals after the bold: italics, links, list wraps, escapes, hard breaks, stray stars."""
    text = MD_ITALIC.sub(r"\1", text)
    text = MD_LINK.sub(r"\1", text)
    text = MD_LIST_WRAP.sub(r"\1", text)
    text = MD_ESCAPE.sub(r"\1", text)
    text = MD_HARD_BREAK.sub("", text)
    return STRAY_STARS.sub("", text)


def strip_markdown_text(text: str) -> str:
    """strip_markdown's text alone (a table cell: no Line made for it, 90,000 of them in a wide table)."""
    if m := MD_HEADING.match(text):
        text = text[m.end():]
    return _unmark_rest(MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text))


# A letter OCR gives for a printed digit, between two digits: "27/8/20i0", "2O18", "1l5"
DIGIT_LOOKALIKE = re.compile(r"(?<=\d)[OoIli|](?=\d)")
DIGIT_OF = {"O": "0", "o": "0", "I": "1", "l": "1", "i": "1", "|": "1"}


# A period OCR gives for the comma of a list of single numbers: "loại 1,2,3,4.9" (bct-cv2265's
# classes of dangerous goods). Vietnamese writes no "4.9" (its period groups thousands: "4.900"),
# so after ",4" a period before one digit that ends the number is the list's comma
LIST_PERIOD = re.compile(r"(?<=(?<![\d.,])\d{1,2}(?:,\d{1,2})+)\.(?=\d(?!\d|[.,/]\d))")


def digits_between_digits(text: str, counts: Counter) -> str:
    """OCR'd text: a letter that stands for a digit between two digits read as that digit, and a
    period for the comma of a list of single numbers ('1,2,3,4.9')."""
    fixed, n = DIGIT_LOOKALIKE.subn(lambda m: DIGIT_OF[m.group(0)], text)
    if n:
        counts["OCR letters between digits read as digits"] += n
    fixed, n = LIST_PERIOD.subn(",", fixed)
    if n:
        counts["OCR periods of a list of numbers read as commas"] += n
    return fixed


# An OCR'd heading label whose roman numeral holds a look-alike ("Phụ lục HI", "Chương H", "PHẦN 1V"):
# the numeral is the word after the heading's word, made of I, V, X and the look-alikes of
# ocr_look_alikes.json "roman"
ROMAN_LABEL = re.compile(r"^(?P<head>(?:Phụ lục|PHỤ LỤC|Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+)(?P<num>[IVXHl1|]+)(?=[\s.:\-–]|$)")
# A roman numeral from 1 to 39
ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")


def roman_labels(text: str, counts: Counter) -> str:
    """OCR'd text: a heading's roman numeral read with a look-alike, as printed ('Phụ lục HI' ->
    'Phụ lục III'; cp-nq19); left as read when the result is no roman numeral."""
    m = ROMAN_LABEL.match(text)
    if not m or not re.search(r"[HIVX]", m["num"]) or m["num"].strip("IVX") == "":
        return text  # an arabic number ('Mục 1'), or a roman numeral as printed
    num = "".join(domain.look_alike_romans().get(c, c) for c in m["num"])
    if not ROMAN.match(num):
        return text
    counts["OCR roman numerals of heading labels read as printed"] += 1
    return m["head"] + num + text[m.end():]


# A word in lower case, as the word list spells its syllables
LOWER_WORD = re.compile(r"(?<![\p{L}\p{M}\d])\p{Ll}[\p{Ll}\p{M}]*(?![\p{L}\p{M}\d])")


def normalize_lines(lines: list[Line], *, markdown: bool) -> tuple[list[Line], list[str], int]:
    """Normalise every line. Returns (lines, normalizations, count of U+FFFD seen)."""
    counts: Counter = Counter()
    lost = 0
    out = []
    for line in lines:
        if markdown:
            line = strip_markdown(line)
        text = fix_tones(fix_lookalikes(fix_chars(line.text, counts), counts), counts)
        if HEADER_DIGIT_LINE.match(text) and SPACED_DIGITS.search(text):
            text = SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)
            counts["digits stamped one by one joined"] += 1
        if line.conf is not None and OCR_SPECK_LINE.match(text.strip()):
            counts["OCR speck lines dropped"] += 1
            continue
        if line.conf is not None:  # an OCR'd line
            text = digits_between_digits(repair_ocr_names(strip_ocr_junk(text, counts), counts), counts)
            text = roman_labels(text, counts)
            text, repaired = lexicon.repair(text, domain.issuer_heads(), line.low_conf_words)
            text, respelt = lexicon.repair_syllables(text)
            if repaired or respelt:
                counts["OCR marks restored from the word list"] += repaired + respelt
        lost += text.count("\ufffd")
        cells = line.cells
        if cells is not None:
            cells = tuple(fix_tones(fix_chars(c, counts), counts).strip() for c in cells)
            if markdown:
                cells = tuple(strip_markdown_text(c) for c in cells)
        out.append(line if text == line.text and cells == line.cells else replace(line, text=text, cells=cells))
    out = _repair_ocr_text(_repair_wraps(out, counts), counts)
    notes = [f"{k} ({v})" for k, v in sorted(counts.items())]
    return out, notes, lost


# Two OCR'd lines are one text wrapped when the second starts at most this many of the first's
# heights below it, in the same column, their boxes overlapping side to side
WRAP_GAP = 1.0


def _wrapped(a: Line, b: Line) -> bool:
    """Is OCR'd line `b` the next printed line of the same text block as `a`?"""
    if a.conf is None or b.conf is None or a.page != b.page or a.column != b.column or None in (
            a.x0, a.x1, b.x0, b.x1, a.top, a.bottom, b.top) or a.cells is not None or b.cells is not None:
        return False
    return a.top < b.top <= a.bottom + WRAP_GAP * (a.bottom - a.top) and b.x0 < a.x1 and a.x0 < b.x1


def _repair_wraps(lines: list[Line], counts: Counter) -> list[Line]:
    """OCR'd lines with the words that wrap from one to the next repaired from the word list
    (lexicon.repair_across: 'nguy' / 'hiêm loại' -> 'nguy' / 'hiểm loại')."""
    out = list(lines)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not _wrapped(a, b):
            continue
        ta, tb, n = lexicon.repair_across(a.text, b.text, domain.issuer_heads(), a.low_conf_words + b.low_conf_words)
        if n:
            out[k], out[k + 1] = replace(a, text=ta), replace(b, text=tb)
            counts["OCR marks restored from the word list across a line break"] += n
    return out


# A text file (no page, no OCR confidence) whose lower-case words are more often than this no
# syllable of Vietnamese ('khãi', 'hiêm', 'chình') is the output of an OCR: the seed letters are
# at 0-0.4% (a URL's 'gov', 'vn'; 'virut'), their OCR-like damaged copies (scripts/damage.py,
# light) at 0.8-2.5%
OCR_TEXT_UNKNOWN_SHARE = 0.006


def _repair_ocr_text(lines: list[Line], counts: Counter) -> list[Line]:
    """A text file that reads like OCR output: its lines get the repairs an OCR'd page's get: stray
    marks, letters between digits, the word list (parser.lexicon; two real syllables are never
    both re-spelt: a text has no confidences)."""
    plain = [k for k, ln in enumerate(lines) if ln.conf is None and ln.x0 is None and ln.cells is None]
    syllables = lexicon.syllables()
    words = [w for k in plain for w in LOWER_WORD.findall(lines[k].text)]
    if not syllables or not words or sum(w not in syllables for w in words) <= OCR_TEXT_UNKNOWN_SHARE * len(words):
        return lines
    out = list(lines)
    for k in plain:
        text = digits_between_digits(strip_ocr_junk(out[k].text, counts), counts)
        text, repaired = lexicon.repair(text, domain.issuer_heads(), ())
        if text != out[k].text:
            out[k] = replace(out[k], text=text)
        if repaired:
            counts["text read as OCR output: marks restored from the word list"] += repaired
    return out


def clean_text(text: str) -> str:
    """Normalise one free string (used for table cells and values built outside a Line)."""
    counts: Counter = Counter()
    return fix_tones(fix_chars(text, counts), counts)
