"""Tone and vowel marks that OCR lost or changed, restored from a Vietnamese word list.

Tesseract's 'vie' model often drops a hook or swaps a tone on one syllable of a word:
"kiêm tra" for "kiểm tra", "vật liệu nô" for "vật liệu nổ", "CHÁP THUẬN" for "CHẤP THUẬN",
"giải quyêt" for "giải quyết". A run of two or three OCR'd syllables that is not a word, but
whose letters without marks spell exactly one word of the list closer to it than any other,
is written as that word, in the same case. Only OCR'd lines are repaired (a text layer's
words are the letter's own), names and codes are left alone (they are not in the list), and
every repair is counted in the normalisations.

The word list is underthesea's Viet74K (installed with underthesea, a dependency already):
about 74,000 entries, 65,000 of them of several syllables; data/terms.json adds the terms of
administrative Vietnamese it lacks ("vật liệu nổ", "thủ tục hành chính").

The list says what may be printed, not what is: "tại khoản 1 Điều 5" spells the listed word
"tài khoản" with one mark changed, "cấp tỉnh" spells "cấp tính", "Từ quý" spells "tứ quý". A
syllable read with confidence is therefore kept when running text prints the run as read more
often than the word (_less_used), counted in the word-segmented VLSP 2013 sample that underthesea
also installs (96,560 syllables of news and legal prose). On twelve real-dev scans this kept 341
runs the list would have re-spelt, nearly all rightly (142 of them 'tại khoản').
"""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from types import MappingProxyType

import regex as re

from . import text as text_mod
from .text import fold

SYLLABLE = re.compile(r"\p{L}[\p{L}\p{M}]*")
# A line of the list that is an entry of syllables only, spaces apart ('lãnh đạo'; not 'a-xít', 'A4')
ENTRY = re.compile(r"(?m)^[ \t]*(\p{L}[\p{L}\p{M}]*(?:[ \t]+\p{L}[\p{L}\p{M}]*)*)[ \t]*$")
MAX_WORD = 3  # syllables in the longest run looked up
MAX_MARKS = 2  # marks (NFD code points) that may differ between what OCR read and the word
# letters OCR loses from a syllable, found again when the list has a word with it (_lost_letter);
# each counts as one mark of MAX_MARKS
LOST_LETTERS = ("i",)
# Where running text prints neither the run as read nor the word, a changed syllable read with
# confidence that it prints at least this often (times in the VLSP 2013 sample, _usage), and no
# less often than what it would become, is kept (_less_used)
USAGE_MIN_SYLLABLE = 5
# Of two words of the list as close to what OCR read, the one running text prints this many
# times as often as the other is taken
USAGE_TIE = 3
# A word running text prints this often, where it never prints the run as read, is taken even
# when two real syllables change ('thâm quyên' -> 'thẩm quyền')
USAGE_PRINTED = 10
# underthesea's word list (Viet74K), inside its package
WORD_LIST_FILE = ("corpus", "data", "Viet74K.txt")
# underthesea's copy of the VLSP 2013 POS test set: word-segmented Vietnamese, 96,560 syllables
USAGE_FILE = ("pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt")


@cache
def _words() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """(the list's words of several syllables, lower case; folded spelling -> the words that have it)."""
    modern = _modern()
    words: set[str] = set()
    by_key: dict[str, list[str]] = {}
    for entry in _entries():
        parts = entry.split()
        if not 2 <= len(parts) <= MAX_WORD:
            continue
        w = " ".join(modern(p) for p in parts)
        if w not in words:
            words.add(w)
            by_key.setdefault(fold(w), []).append(w)
    return frozenset(words), {k: tuple(v) for k, v in by_key.items()}


@cache
def syllables() -> frozenset[str]:
    """Every syllable the list's entries are made of, lower case: the spellings a word of
    Vietnamese has ('trong', 'đó', 'chát'), not OCR's ('khãi', 'hiêm', 'câp'); empty without
    the list. A fraction of _words' cost: a text file's OCR test needs only this."""
    modern = _modern()
    return frozenset(modern(p) for p in {p for entry in _entries() for p in entry.split()})


# A syllable whose one vowel is a final y ('lý', 'kỹ', 'quý'), which older texts write with i
# ('lí', 'kĩ', 'quí'): the usage sample is looked up in the i spelling
FINAL_Y = re.compile(r"^(?P<c>[bcdđghklmnpqrstvx]*u?)(?P<y>[yýỳỷỹỵ])$")
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def _usage_key(syllables: str) -> str:
    """The spelling under which the usage sample counts a word: 'quản lý' -> 'quản lí'."""
    return " ".join(m.group("c") + m.group("y").translate(_Y_TO_I) if (m := FINAL_Y.match(x)) else x
                    for x in syllables.split())


@cache
def _usage() -> dict[str, int]:
    """How often running Vietnamese prints each syllable and each run of two or three, lower case,
    in the modern spelling, under _usage_key: from the word-segmented text that underthesea
    installs (USAGE_FILE: news and legal prose, one word a line, a blank line between
    sentences); empty without it. The word list says what may be printed; this says what is
    ('ngay sau' is printed, 'ngày sau' hardly)."""
    lines = _underthesea_lines(*USAGE_FILE)
    if lines is None:
        return {}
    modern = _modern()
    counts: dict[str, int] = {}
    sentence: list[str] = []
    for line in lines + [""]:
        word = unicodedata.normalize("NFC", line.split("\t", 1)[0].strip().lower())
        if word:
            sentence += _usage_key(" ".join(modern(x) for x in word.split())).split()
            continue
        for n in range(1, MAX_WORD + 1):
            for k in range(len(sentence) - n + 1):
                key = " ".join(sentence[k:k + n])
                counts[key] = counts.get(key, 0) + 1
        sentence = []
    return counts


@cache
def _terms() -> frozenset[str]:
    """data/terms.json's terms, lower case and NFC."""
    from . import domain

    return frozenset(unicodedata.normalize("NFC", t.lower()) for t in domain._load("terms.json")["terms"])


def _less_used(word: str, run: list, doubtful: tuple[str, ...]) -> bool:
    """Would re-spelling `run` as `word` print something running text prints less often than what
    was read, where it changes a syllable read with confidence? The run as read against the word
    (_usage); when text prints neither, a changed syllable that text prints often
    (USAGE_MIN_SYLLABLE) and no less often than what it would become is kept. Measured on five
    real scans: 'cấp tỉnh' is not 'cấp tính', 'từ quý' not 'tứ quý', 'của nhà' not 'cửa nhà',
    while 'hệ thông' is 'hệ thống' and 'quán lý' 'quản lý'."""
    counts = _usage()
    if not counts or word in _terms():
        return False  # the terms of administrative Vietnamese are printed in letters ('vật liệu nổ')
    changed = [(m.group(0).lower(), w) for w, m in zip(word.split(), run) if w != m.group(0).lower()]
    if any(c in d.lower() for c, _ in changed for d in doubtful):
        return False
    read, new = (counts.get(_usage_key(x), 0) for x in (" ".join(m.group(0).lower() for m in run), word))
    if read != new:
        return read > new
    return any((n := counts.get(_usage_key(c), 0)) >= USAGE_MIN_SYLLABLE and n >= counts.get(_usage_key(w), 0)
               for c, w in changed)


def _underthesea_lines(*parts: str) -> list[str] | None:
    """The lines of a data file installed with underthesea (its path inside the package); None
    when underthesea or the file is missing."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("underthesea")
        return Path(spec.submodule_search_locations[0]).joinpath(*parts).read_text(encoding="utf-8").splitlines()
    except Exception:
        return None


def _entries() -> list[str]:
    """The list's entries and data/terms.json's made of syllables only, lower case and NFC
    ('lãnh đạo'; not 'a-xít', 'A4'); [] without the list. Read again by each caller (both
    cache what they build), so the entries are not kept."""
    lines = _underthesea_lines(*WORD_LIST_FILE)
    if lines is None:  # no word list: nothing is repaired
        return []
    return ENTRY.findall(unicodedata.normalize("NFC", "\n".join(lines + sorted(_terms())).lower()))


def _modern():
    """The list's spelling of a syllable as the letters write it now ('uỷ' -> 'ủy', 'hoá' -> 'hóa')."""
    from .normalize import _token_normalize

    return _token_normalize() or (lambda w: w)


def is_word(text: str) -> bool:
    """A word of several syllables in the list ('lãnh đạo', 'tình hình'), any case."""
    return unicodedata.normalize("NFC", " ".join(text.lower().split())) in _words()[0]


def _distance(a: str, b: str) -> int:
    """How many marks differ between two spellings of the same letters (NFD, position by position)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b))


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _head_syllables(tokens: list, heads: tuple[str, ...]) -> int:
    """How many of the first syllables spell one of `heads` (marks aside); 0 if none does."""
    for head in heads:  # longest first
        n = len(head.split())
        if len(tokens) > n and fold(" ".join(m.group(0) for m in tokens[:n])) == fold(head):
            return n
    return 0


def _two_real_syllables_changed(word: str, run: list, syllables: frozenset[str], doubtful: tuple[str, ...]) -> bool:
    """Would re-spelling `run` as `word` change two syllables or more, each of them a real
    syllable read with confidence? OCR drops a mark or two on one syllable ('hoạt đông'); two
    real syllables both misread the same way as another word's are more likely what was printed."""
    changed = [m.group(0) for w, m in zip(word.split(), run) if w != m.group(0).lower()]
    return len(changed) >= 2 and all(c.lower() in syllables and not any(c in d for d in doubtful) for c in changed)


def _respelt(run: list, words: frozenset[str], by_key: dict, upper_line: bool, bound: bool) -> str | None:
    """The word of the list a run of syllables (regex matches) was printed as: "" when the run is
    a word already (nothing to re-spell, and its syllables are taken), None when it is to be left
    as read. `bound`: a syllable at either end already makes a word with its neighbour."""
    lower = " ".join(m.group(0) for m in run).lower()
    if lower in words:
        return ""
    candidates = by_key.get(fold(lower), ()) or _lost_letter(fold(lower), by_key)
    if not candidates:
        return None
    if not upper_line and any(m.group(0)[:1].isupper() for m in run[1:]):
        return None  # a name ('Lào Cai', 'thôn Thụ Xà') is not in the list: leave it as read
    if bound:
        return None  # 'đê báo cáo': 'báo cáo' is a word already, 'đê báo' is not to become 'dễ bảo'
    return _nearest(candidates, lower)


def _lost_letter(key: str, by_key: dict) -> tuple[str, ...]:
    """The words of the list spelt (marks aside) like `key` with one LOST_LETTERS letter more in
    one syllable: OCR loses the thin 'i' beside a marked vowel ('nhẹm vụ' for 'nhiệm vụ', 'trả
    lờ' for 'trả lời', 'triển kha' for 'triển khai', 'kến nghị' for 'kiến nghị')."""
    found: list[str] = []
    for k in range(len(key) + 1):
        if k < len(key) and key[k] == " " and k and key[k - 1] == " ":
            continue
        for letter in LOST_LETTERS:
            found += by_key.get(key[:k] + letter + key[k:], ())
    return tuple(dict.fromkeys(found))


def _nearest(candidates, read: str) -> str | None:
    """The candidate nearest to what was read, at most MAX_MARKS marks away; of several as near,
    the one running text prints far more often (_most_printed); None when none is, or no telling."""
    dist = {c: _distance(c, read) for c in candidates}
    best = min(dist.values(), default=MAX_MARKS + 1)
    if best > MAX_MARKS:
        return None  # too far from what was read
    tied = [c for c in candidates if dist[c] == best]
    return tied[0] if len(tied) == 1 else _most_printed(tied)


def _printed_instead(word: str, run: list) -> bool:
    """Does running text print `word` often (USAGE_PRINTED times) and the run as read never? Then
    two real syllables changed are a misreading all the same: 'thâm quyên' is 'thẩm quyền'."""
    counts = _usage()
    read = " ".join(m.group(0).lower() for m in run)
    return counts.get(_usage_key(word), 0) >= USAGE_PRINTED and not counts.get(_usage_key(read), 0)


def _most_printed(words: list[str]) -> str | None:
    """Of words as close to what was read, the one running text prints (_usage) at least
    USAGE_TIE times as often as any other ('kiêm toán': 'kiểm toán', not 'kiêm toàn'); None when
    there is no telling which was printed."""
    counts = _usage()
    by_use = sorted(((counts.get(_usage_key(w), 0), w) for w in words), reverse=True)
    return by_use[0][1] if by_use[0][0] > 0 and by_use[0][0] >= USAGE_TIE * by_use[1][0] else None


def _in_code(text: str, run: list) -> bool:
    """Does the run start or end inside a code or a notation: its first syllable glued after a
    '/', '-', '.' or a digit ('CTr/TU', 'QĐ-UBND'), its last glued before a '/' or '-'?"""
    before = text[run[0].start() - 1] if run[0].start() else " "
    after = text[run[-1].end()] if run[-1].end() < len(text) else " "
    return before in "/-.–" or before.isdigit() or after in "/-–"


def repair(text: str, heads: tuple[str, ...] = (), doubtful: tuple[str, ...] | None = None,
           across: int | None = None) -> tuple[str, int]:
    """`text` with mis-marked words restored, and how many were. An upper-case line that begins
    with one of `heads` (an organ's kind: 'CỤC', 'SỞ', as OCR read it: 'CÚC HOA CHÁT') keeps it
    out of the runs looked up: 'cúc hoa' is a word of the list, 'CỤC HÓA CHẤT' an issuer.

    `doubtful`: the words OCR read with low confidence on the line. When it is given, a run is
    not re-spelt where two of its syllables or more would change that are real syllables read
    with confidence ('trong đó' is not 'tròng đỏ'); 'nguy hiêm' (no syllable 'hiêm') and 'hoạt
    đông' (one syllable changes) are repaired. `across`: only runs that span this offset (a line
    break, repair_across) are looked up."""
    words, by_key = _words()
    if not words:
        return text, 0
    real = syllables()
    tokens = list(SYLLABLE.finditer(text))
    upper_line = text.isupper()
    start = _head_syllables(tokens, heads) if upper_line else 0
    # syllables j, j+1 already make a word: neither is to be re-spelt as part of another
    pair = [j + 1 < len(tokens) and text[tokens[j].end():tokens[j + 1].start()] == " "
            and f"{tokens[j].group(0)} {tokens[j + 1].group(0)}".lower() in words for j in range(len(tokens))]
    out, last, count, i = [], 0, 0, start
    while i < len(tokens):
        for n in range(MAX_WORD, 1, -1):
            run = tokens[i:i + n]
            if len(run) < n or any(text[a.end():b.start()] != " " for a, b in zip(run, run[1:])):
                continue  # the syllables of a word stand one space apart
            if across is not None and not run[0].start() < across < run[-1].start():
                continue
            if _in_code(text, run):
                continue  # '104-CTr/TU ngày': a notation's code is no syllable ('TU' is not 'từ')
            word = _respelt(run, words, by_key, upper_line, pair[i + n - 1] or (i > start and pair[i - 1]))
            if word is None:
                continue
            if word and doubtful is not None and _two_real_syllables_changed(word, run, real, doubtful) \
                    and not _printed_instead(word, run):
                continue  # 'trong đó' is two words, not the one word 'tròng đỏ' misread
            if word and _less_used(word, run, doubtful or ()):
                continue  # 'từ quý' is two words of every day, not the card game 'tứ quý'
            if word:
                out += [text[last:run[0].start()], " ".join(_cased(w, m.group(0)) for w, m in zip(word.split(), run))]
                last = run[-1].end()
                count += 1
            i += n - 1
            break
        i += 1
    out.append(text[last:])
    return "".join(out), count


@cache
def _syllables_by_fold() -> dict[str, tuple[str, ...]]:
    """Folded spelling -> the real syllables spelt so ('cap' -> ('cáp', 'cạp', 'cấp', ...))."""
    out: dict[str, list[str]] = {}
    for x in syllables():
        out.setdefault(fold(x), []).append(x)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _misspelt_word(text: str, m) -> bool:
    """Is the match a word OCR misspelt, as far as its shape tells: three letters or more, one of
    them with a Vietnamese mark or đ ('câp', 'QUYÉT'; not a code like 'net', nor OCR's specks
    like 'ï' for a roman numeral), one case throughout after its first letter, and no digit or
    symbol touching it ('ö0%')."""
    w = m.group(0)
    before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
    return (len(w) >= 3 and not w.isascii() and (w[1:].islower() or w.isupper())
            and not re.match(r"[\d\p{S}]", before + " ") and not re.match(r"[\d\p{S}]", after + " ")
            and all(c.isascii() or c.lower() in text_mod.VOWELS + "đ" for c in w))  # no 'ö', 'š'


def repair_syllables(text: str) -> tuple[str, int]:
    """`text` with each word that is no syllable of Vietnamese at all ('câp': a rhyme in -p takes
    a sắc or nặng tone; 'nhât', 'tiêp') spelt as the real syllable nearest to it, when only one is
    nearest or running text prints one of the nearest three times as often as any other (_usage:
    'câp' -> 'cấp', not 'cập'); and how many were. A capitalised word on a line that is not all
    capitals is a name or a code and is left as read, as is a word no syllable comes close to."""
    real, upper_line = syllables(), text.isupper()
    count, out, last = 0, [], 0
    for m in SYLLABLE.finditer(text):
        w = m.group(0)
        if w.lower() in real or (w[:1].isupper() and not upper_line) or not _misspelt_word(text, m):
            continue
        best = _nearest(_syllables_by_fold().get(fold(w), ()), w.lower())
        if best:
            out += [text[last:m.start()], _cased(best, w)]
            last, count = m.end(), count + 1
    return "".join(out) + text[last:], count


def repair_across(prev: str, nxt: str, heads: tuple[str, ...] = (),
                  doubtful: tuple[str, ...] | None = None) -> tuple[str, str, int]:
    """Two lines where a word wraps from the end of one to the start of the next ('... hàng hóa
    nguy' / 'hiêm loại 1,2,3'), each repaired alone already: the two read as one text, in which
    only the runs across the break are looked up ('nguy hiêm' -> 'nguy hiểm'), the words on
    either side of them in view ('nhân dân tỉnh' / 'Thực hiện' keeps 'tỉnh': 'nhân dân' is a
    word). Returns both lines and how many runs were re-spelt; the lines as given when the first
    does not end in a syllable or the second does not begin with one."""
    prev, nxt = prev.rstrip(), nxt.lstrip()
    tail, head = list(SYLLABLE.finditer(prev)), SYLLABLE.match(nxt)
    if not tail or head is None or tail[-1].end() != len(prev):
        return prev, nxt, 0
    fixed, count = repair(f"{prev} {nxt}", heads, doubtful, across=len(prev))
    if not count:
        return prev, nxt, 0
    first = list(SYLLABLE.finditer(fixed))[len(tail)]  # the second line's first syllable
    return fixed[:first.start() - 1], fixed[first.start():], count


# A token of a Kính gửi / Nơi nhận item: a word, an abbreviation or a code ('Bộ', 'UBND', 'C79', 'ca0')
ITEM_TOKEN = re.compile(r"[\p{L}\p{M}\d]+")
# What stands between two tokens of one phrase as printed: spaces, a comma, a colon, a hyphen,
# '&' or '/' ('Văn hóa, Thể thao', 'Lao động - Thương binh', 'Lưu: VT'); not ';' or a bracket
PHRASE_GAP = re.compile(r"[\s,:&/\-]{1,4}")
# Marks and letters (NFD code points) that may differ in one token of a phrase of three tokens
# or more, and in a phrase of two ('Bệ Tài chính' is one from 'Bộ Tài chính'; 'Cục Thú' is two
# from 'Cục Thuế' and is left alone); where letters differ, not marks only, a token of fewer than
# ADDRESSEE_SHORT code points takes one ('Ủy ban' is no 'Ủy Báo')
ADDRESSEE_MARKS = 2
ADDRESSEE_MARKS_PAIR = 1
ADDRESSEE_SHORT = 4


@cache
def _addressee_phrases() -> dict[tuple[int, tuple[str, ...]], tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """{(number of tokens, the marks between them: _gaps): ((the phrase's tokens as printed), (lower
    case)), ...} of the closed vocabulary of addressee items: data/addressees.json, the issuers'
    names and known names, the provinces."""
    from . import domain

    names = [*domain._load("addressees.json")["phrases"], *(i["name"] for i in domain.issuers()),
             *domain._load("issuers.json")["known_names"], *domain._load("provinces.json")["places"]]
    out: dict[tuple[int, tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]] = {}
    for name in names:
        name = unicodedata.normalize("NFC", name)
        run = list(ITEM_TOKEN.finditer(name))
        printed = tuple(m.group(0) for m in run)
        lower = tuple(_modern()(t.lower()) for t in printed)
        if len(printed) >= 2 and (gaps := _gaps(name, run)) is not None:
            out.setdefault((len(printed), gaps), {}).setdefault(lower, printed)
    return {key: tuple((p, low) for low, p in by.items()) for key, by in out.items()}


@cache
def _exact_phrases() -> frozenset[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each phrase of _addressee_phrases as (its marks between tokens, its tokens in lower case)."""
    return frozenset((key[1], lower) for key, cands in _addressee_phrases().items() for _, lower in cands)


def _token_budget(read: str, phrase_token: str, n: int) -> int:
    """How many marks may differ between a token as read and the phrase's (ADDRESSEE_MARKS): one
    in a phrase of two ('Thủ trưởng' is not 'Thứ trưởng'); in a longer one, as many where only
    marks differ ('cuu' for 'cựu'), one where letters differ too and either is short ('ban' is
    not 'báo')."""
    if n == 2:
        return ADDRESSEE_MARKS_PAIR
    if fold(read) != fold(phrase_token) and min(len(unicodedata.normalize("NFD", t)) for t in (read, phrase_token)) \
            < ADDRESSEE_SHORT:
        return ADDRESSEE_MARKS_PAIR
    return ADDRESSEE_MARKS


def _closest_phrase(read: list[str], candidates) -> tuple[str, ...] | None:
    """The phrase (its tokens as printed) a run of tokens as read (lower case) was printed as:
    the one nearest, at most a minority of its tokens changed, each within _token_budget, and at
    least one read as printed; None when the run is a phrase already, none is near, or two are as
    near (no telling which was printed)."""
    n, scored = len(read), []
    for printed, lower in candidates:
        if lower == tuple(read):
            return None
        dist = [0 if a == b else _distance(a, b) for a, b in zip(read, lower)]
        changed = sum(d > 0 for d in dist)
        if 2 * changed <= n and all(d <= _token_budget(a, b, n) for d, a, b in zip(dist, read, lower)):
            scored.append((sum(dist), lower, printed))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] != scored[0][1]):
        return None
    return scored[0][2]


def _gaps(text: str, run: list) -> tuple[str, ...] | None:
    """The marks between each two tokens (regex matches) without the spaces ('', ',', '-'), or None
    when the tokens do not stand as one phrase does (PHRASE_GAP). A phrase is looked up only with
    the marks it is printed with: 'Xã hội, Nội vụ' (two Sở of a list) is no 'Bộ Nội vụ'."""
    gaps = [text[a.end():b.start()] for a, b in zip(run, run[1:])]
    return tuple("".join(g.split()) for g in gaps) if all(PHRASE_GAP.fullmatch(g) for g in gaps) else None


# Where an addressee starts: the item's start, after its dash, or after a ',', ';', ':' or '(' of a list
ADDRESSEE_START = re.compile(r"(?:^|[-–+•,;:(])\s*$")
# An organ's code after its head word: two capitals or more, '&' and '-' inside ('KHTC', 'TT&TT', 'PT-TH')
ORGAN_CODE = re.compile(r"\p{Lu}[\p{Lu}\d&\-]+(?![\p{L}\p{M}])")


@cache
def _one_word_heads() -> dict[str, tuple[str, ...]]:
    """Folded spelling -> the heads of an organ's name of one syllable spelt so, as a name writes
    them (issuers.json heads: 'vu' -> ('Vụ',), 'bo' -> ('Bộ',))."""
    from . import domain

    out: dict[str, tuple[str, ...]] = {}
    for head in domain.issuer_heads():
        if " " not in head and not head.isascii():
            out[fold(head)] = out.get(fold(head), ()) + (head[:1] + head[1:].lower(),)
    return out


def _heads_before_codes(text: str, tokens: list, settled: set[int]) -> dict[int, str]:
    """{token: the head word it was printed as} for the words of a mixed-case item that spell the
    head of an organ's name but for their marks, start an addressee (ADDRESSEE_START) and stand
    before the organ's code ('Vu KHTC' -> 'Vụ KHTC', 'So TT&TT' -> 'Sở TT&TT'): an organ's code
    follows its head, no other word."""
    out = {}
    for j, m in enumerate(tokens[:-1]):
        same = _one_word_heads().get(fold(m.group(0)), ())
        if j in settled or text.isupper() or len(same) != 1 or m.group(0).lower() == same[0].lower():
            continue
        starts = ADDRESSEE_START.search(text[:m.start()]) is not None
        if starts and text[m.end():tokens[j + 1].start()] == " " and ORGAN_CODE.match(text, tokens[j + 1].start()):
            out[j] = _cased(same[0], m.group(0))
    return out


@cache
def _glued_phrases() -> MappingProxyType:
    """{a short phrase's lower-case tokens run together: its tokens as printed} for the addressee
    phrases of two or three words with spaces only between them ('nhưtrên' -> ('Như', 'trên'))."""
    out = {}
    for (n, gaps), cands in _addressee_phrases().items():
        if n <= 3 and all(g == "" for g in gaps):
            out.update(("".join(lower), printed) for printed, lower in cands)
    return MappingProxyType(out)


def _unglued(text: str) -> str:
    """An item whose token is a short phrase of the vocabulary with its spaces lost to OCR
    ('Nhưtrên' -> 'Như trên'), in the case read; the rest as read."""
    glued = _glued_phrases()
    modern = _modern()

    def spaced(m) -> str:
        words = glued.get(modern(unicodedata.normalize("NFC", m.group(0).lower())))
        if not words:
            return m.group(0)
        read = m.group(0)
        return " ".join(w.upper() if read.isupper() else _cased(w, read) if k == 0 else w for k, w in enumerate(words))
    return ITEM_TOKEN.sub(spaced, text)


def repair_addressee(text: str) -> tuple[str, int]:
    """An OCR'd Kính gửi or Nơi nhận item with the runs of tokens that spell a phrase of the closed
    vocabulary of addressees but for a mark or a letter or two (_closest_phrase: 'Bệ Tài chính' ->
    'Bộ Tài chính', 'Văn phòng Trung ương Đàng' -> '... Đảng') written as the phrase, in the case
    read, and an organ's head word before its code with the marks it lost (_heads_before_codes);
    and how many tokens were. A token that is part of a phrase as read, or of a run already
    re-spelt, is not changed again (the longest phrases are looked up first)."""
    unglued = _unglued(text)
    fixed = int(unglued != text)
    text = unglued
    phrases = _addressee_phrases()
    tokens = list(ITEM_TOKEN.finditer(text))
    modern = _modern()
    low = [modern(unicodedata.normalize("NFC", m.group(0).lower())) for m in tokens]
    exact = _exact_phrases()
    windows = [(n, i, gaps) for n in sorted({n for n, _ in phrases}, reverse=True)
               for i in range(len(tokens) - n + 1) if (gaps := _gaps(text, tokens[i:i + n])) is not None]
    settled = {i + k for n, i, gaps in windows if (gaps, tuple(low[i:i + n])) in exact for k in range(n)}
    new: dict[int, str] = {}
    for n, i, gaps in windows:
        if (best := _closest_phrase(low[i:i + n], phrases.get((n, gaps), ()))) is None:
            continue
        changed = [i + k for k in range(n) if low[i + k] != modern(best[k].lower())]
        if any(j in settled or low[j].isdigit() for j in changed):
            continue  # a number is no misspelling: 'Như Điều 30' is not 'Như Điều 3'
        new.update((j, _cased(best[j - i], tokens[j].group(0))) for j in changed)
        settled.update(range(i, i + n))
    new.update(_heads_before_codes(text, tokens, settled))
    out, last = [], 0
    for j in sorted(new):
        out += [text[last:tokens[j].start()], new[j]]
        last = tokens[j].end()
    return "".join(out) + text[last:], len(new) + fixed
