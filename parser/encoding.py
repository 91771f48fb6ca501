"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI Windows) -> Unicode NFC.

Before Unicode, Vietnamese documents were typed in 8-bit "font encodings": the file
stores ordinary Latin-1-range codes and the special font (.VnTime, VNI-Times) draws
them as Vietnamese letters. Read as text, such a file gives mojibake:

    TCVN3 (ABC):  "Bé Th«ng tin vµ TruyÒn th«ng"       one code per letter
    VNI Windows:  "Boä Thoâng tin vaø Truyeàn thoâng"  base letter + modifier code

The code tables are in ``parser/data/tcvn3.json`` and ``parser/data/vni.json``
(legacy string -> Unicode NFC letter), loaded once on first use.

Bytes <-> text. Both encodings use only codes 0xA1-0xFE for letters, and cp1252 and
latin-1 give the same characters there, so either decoding finds the same letters.
But a .txt file or a PDF text layer from a Windows machine of that time also holds
Windows punctuation at 0x80-0x9F (– — “ ” ‘ ’ … •), which only cp1252 decodes correctly
(latin-1 makes C1 control characters of them). So the byte codec is **cp1252**:
fixtures are written with ``text.encode("cp1252")``, and ``decode_legacy_bytes`` reads
them with cp1252. Python's cp1252 codec does not define the five bytes 0x81, 0x8D,
0x8F, 0x90 and 0x9D; for those it falls back to the latin-1 reading, so decoding never
fails.

Capitals in TCVN3. VN3 has codes only for the lower-case toned letters and the seven
untoned capitals Ă Â Ê Ô Ơ Ư Đ; a toned capital such as Ộ is stored as the lower-case
code and drawn as a capital by the .VnTimeH font. Plain text does not keep the font, so
``to_unicode`` guesses: the toned letters of a word take the case of the word's other
letters ("TRUYÒN" -> "TRUYỀN"; also "TH«NG" -> "THÔNG", where a correct file would
have used the capital code "TH¤NG"); a word with at most one other capital ("Bé", "Vµ")
follows its neighbours on the same line ("Bé TH¤NG TIN" -> "BỘ THÔNG TIN", but
"Bé Th«ng tin" -> "Bộ Thông tin"); and a word-initial toned letter at a sentence start
(start of text or paragraph, after ". ", after a list marker "- ", "+ ", "3. ", "a) ")
is a capital ("- ñy ban" -> "- Ủy ban"). A toned capital elsewhere in running text
("các Ñy ban") cannot be told apart from a lower-case letter and comes out lower case.

Detection (``detect_legacy``) counts how many non-ASCII tokens become valid
Vietnamese syllables after a conversion and were not before, minus those that were
valid and become invalid. Unicode Vietnamese text gains nothing (its words are
already valid syllables, and converting them breaks or keeps them), so it is never
reported as legacy; ASCII text has no tokens to count. It reads a sample: the first
``_SAMPLE_TOKENS`` non-ASCII tokens in text order, and stops sooner once the verdict is
plain (from ``_EARLY_TOKENS`` on, checked every ``_CHECK_EVERY``: twice the gain needed,
or no gain at all under any encoding). So a long letter costs what its first page costs;
a letter whose first 200 non-ASCII words are Unicode and whose legacy text comes later
(an old annex pasted under a new letter) is read as Unicode.
"""
from __future__ import annotations

import bisect
import codecs
import functools
import json
import re
import unicodedata
from pathlib import Path

from .text import TONE_MARKS

__all__ = [
    "ENCODINGS",
    "BYTE_CODEC",
    "nfc",
    "to_unicode",
    "from_unicode",
    "detect_legacy",
    "fix_legacy",
    "document_encoding",
    "convert_lines",
    "decode_legacy_bytes",
    "is_vietnamese_syllable",
]

ENCODINGS = ("tcvn3", "vni")
BYTE_CODEC = "cp1252"
_DATA_DIR = Path(__file__).resolve().parent / "data"


def nfc(text: str) -> str:
    """Unicode NFC: composes base letter + combining marks (NFD input) into precomposed letters."""
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- tables


@functools.cache
def _table(encoding: str) -> dict:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    with open(_DATA_DIR / f"{encoding}.json", encoding="utf-8") as fh:
        table = json.load(fh)
    if table.get("name") != encoding:
        raise ValueError(f"{encoding}.json: name is {table.get('name')!r}")
    return table


def _forward(encoding: str) -> dict[str, str]:
    """legacy string -> Unicode letter."""
    return _table(encoding)["map"]


@functools.cache
def _reverse(encoding: str) -> dict[str, str]:
    """Unicode letter -> legacy string (TCVN3 toned capitals -> their lower-case code)."""
    table = _table(encoding)
    rev = {uni: legacy for legacy, uni in table["map"].items()}
    for legacy, upper in table.get("vntimeh_upper", {}).items():
        rev.setdefault(upper, legacy)
    return rev


@functools.cache
def _pattern(encoding: str) -> re.Pattern[str]:
    """Alternation of the legacy strings, longest first (VNI 'ôù' before 'ô')."""
    keys = sorted(_forward(encoding), key=lambda k: (-len(k), k))
    return re.compile("|".join(map(re.escape, keys)))


def _convert_plain(text: str, encoding: str) -> str:
    """Table conversion only (no case guessing), NFC in and out."""
    fwd = _forward(encoding)
    return nfc(_pattern(encoding).sub(lambda m: fwd[m.group()], nfc(text)))


# --------------------------------------------------------------------------- syllables

# Vietnamese rhymes (vần) without tone: the vowel nucleus and the final consonant or glide.
_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uân uâng uât uây
uê uêch uênh
uôc uôi uôm uôn uông uôt
uơ
uy uya uych uyn uynh uyp uyt uyu
uyên uyêt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêng yêt yêu
""".split()
_ONSETS = "ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x".split()
_SYLLABLE_RE = re.compile(
    "(?P<onset>{})?(?P<rhyme>{})".format(
        "|".join(_ONSETS), "|".join(sorted(_RHYMES, key=len, reverse=True))
    )
)
_TONE_MARKS = frozenset(TONE_MARKS)  # huyền sắc ngã hỏi nặng (parser/text.py)
_STOP_TONES = {"\u0301", "\u0323"}  # rhymes ending in c/ch/p/t take only sắc or nặng
_FRONT = ("i", "e", "ê", "y")


@functools.lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True if `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
    for m in _all_splits(base):
        onset, rhyme = m
        if rhyme.endswith(("c", "ch", "p", "t")) and not (tones and tones[0] in _STOP_TONES):
            continue
        if onset in ("k", "gh", "ngh") and not rhyme.startswith(_FRONT):
            continue
        if onset in ("c", "ng") and rhyme.startswith(_FRONT):
            continue
        if onset == "g" and rhyme.startswith(("e", "ê")):
            continue
        if onset == "qu" and rhyme.startswith(("u", "ư")):
            continue
        return True
    return False


def _all_splits(base: str):
    """Every (onset, rhyme) split of `base` allowed by the inventories."""
    for onset in ("", *_ONSETS):
        if base.startswith(onset) and base[len(onset):] in _RHYME_SET:
            yield onset, base[len(onset):]


_RHYME_SET = frozenset(_RHYMES)


# --------------------------------------------------------------------------- detection

# Tokens: split on whitespace, ASCII punctuation and the Unicode punctuation block
# (– — “ ” … •). Neither legacy encoding uses those for letters; Latin-1 symbols such as
# « µ ® § × are letters in TCVN3, so they must stay inside tokens.
_TOKEN_SPLIT_RE = re.compile(r"[\s!-/:-@\[-`{-~\u2010-\u206f]+")
_MIN_GAIN = 1.5  # at least two converted words (or one strong one and one weak one)
_MIN_GAIN_RATIO = 0.3  # of the tokens holding non-ASCII characters
_SAMPLE_TOKENS = 200  # non-ASCII tokens read at most (a page of a letter holds 150-300)
_EARLY_TOKENS = 50  # from this many tokens on, a plain verdict ends the reading ...
_CHECK_EVERY = 25  # ... checked every this many tokens


def _strip_nonletters(token: str) -> str:
    start, end = 0, len(token)
    while start < end and unicodedata.category(token[start])[0] not in "LM":
        start += 1
    while end > start and unicodedata.category(token[end - 1])[0] not in "LM":
        end -= 1
    return token[start:end]


def _valid_word(token: str) -> bool:
    word = _strip_nonletters(token)
    return bool(word) and is_vietnamese_syllable(word)


@functools.lru_cache(maxsize=65536)
def _token_gain(token: str, encoding: str) -> float:
    """What converting one token under `encoding` says: + a valid syllable gained, - one lost."""
    before = _valid_word(token)
    converted = _convert_plain(token, encoding)
    after = converted != token and _valid_word(converted)
    if after and not before:
        # a letter outside Latin-1 (ộ, ư, đ, ề ...) is strong evidence; a result
        # with only à á é ô ... could be a Latin-1 word by chance, and a lone
        # symbol (« µ ·) is more likely punctuation than a one-letter word
        if len(_strip_nonletters(converted)) == 1:
            return 0.25
        if any(ord(c) > 0xFF for c in converted):
            return 1.0
        return 0.5
    if before and not after and converted != token:
        return -1.0
    return 0.0


def _verdict(n_tokens: int, scores: dict[str, float], ratio: float = _MIN_GAIN_RATIO) -> str | None:
    best = max(ENCODINGS, key=lambda e: scores[e])
    gain = scores[best]
    return best if gain >= _MIN_GAIN and gain >= ratio * n_tokens else None


def detect_legacy(text: str) -> str | None:
    """"tcvn3", "vni" or None (Unicode or ASCII text, or too little evidence), from a sample of
    the text's non-ASCII tokens with an early exit (module docstring)."""
    scores = dict.fromkeys(ENCODINGS, 0.0)
    n = 0
    for token in _TOKEN_SPLIT_RE.split(nfc(text)):
        if not token or token.isascii():
            continue
        n += 1
        for encoding in ENCODINGS:
            scores[encoding] += _token_gain(token, encoding)
        if n >= _SAMPLE_TOKENS:
            break
        if n >= _EARLY_TOKENS and n % _CHECK_EVERY == 0:
            if _verdict(n, scores, 2 * _MIN_GAIN_RATIO) or max(scores.values()) <= 0:
                break
    return _verdict(n, scores) if n else None


# --------------------------------------------------------------------------- conversion

_WORD_RE = re.compile(r"[^\W\d_]+")
_LINE_LEAD_RE = re.compile(
    r"[ \t]*(?P<markers>(?:(?:\\?[-+*]|[•–—]|\(?(?:\d+(?:\.\d+)*|[a-zA-Zđ]|[IVXLCDM]+)[.)])[ \t]+)*)"
    r"[\"'“‘(\[]*"
)
_OPENERS = set("\"'“‘([ \t")


def _sentence_start(text: str, pos: int) -> bool:
    """Whether the word at `pos` starts a sentence, paragraph or list item."""
    line_start = text.rfind("\n", 0, pos) + 1
    lead = _LINE_LEAD_RE.fullmatch(text, line_start, pos)
    if lead is None:  # inside the line: after . ! ? (and opening quotes/brackets)
        i = pos - 1
        while i >= line_start and text[i] in _OPENERS:
            i -= 1
        return i >= line_start and i < pos - 1 and text[i] in ".!?…"
    if lead.group("markers"):
        return True
    i = line_start - 2  # skip the newline ending the previous line
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in ".!?:;…"


def _word_class(s: str, start: int, end: int, ambiguous: list[bool]) -> str:
    """"lower", "upper" or "weak" (too few letters to tell) for the word s[start:end], from its
    cased letters whose case the font does not leave open."""
    n_up = n_low = 0
    for i in range(start, end):
        c = s[i]
        if ambiguous[i] or c.lower() == c.upper():
            continue
        if c.isupper():
            n_up += 1
        else:
            n_low += 1
    if n_low:
        return "lower"
    return "upper" if n_up >= 2 else "weak"


def _case_context(s: str, words: list[tuple[int, int]], classes: list[str]) -> list[str | None]:
    """For each word, the case it tells its neighbours on the line: lower-case words, and
    capitals words that are real syllables (not acronyms such as CNTT, UBND); None otherwise."""
    return [cls if cls == "lower" or (cls == "upper" and is_vietnamese_syllable(s[start:end])) else None
            for (start, end), cls in zip(words, classes)]


def _weak_word_case(k: int, words: list[tuple[int, int]], context: list[str | None],
                    line_starts: list[int]) -> str:
    """The case of a weak word k: "upper" when the nearest telling word on each side of it on
    its line (where there is one) is in capitals, "lower" otherwise."""

    def line_of(pos: int) -> int:
        return bisect.bisect_right(line_starts, pos) - 1

    line = line_of(words[k][0])
    seen = []
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(words) and line_of(words[j][0]) == line:
            if context[j]:
                seen.append(context[j])
                break
            j += step
    return "upper" if seen and all(c == "upper" for c in seen) else "lower"


def _tcvn3_to_unicode(text: str) -> str:
    table = _table("tcvn3")
    fwd, upper = table["map"], table["vntimeh_upper"]
    own_capital = set(fwd.values())
    text = nfc(text)
    chars = [fwd.get(c, c) for c in text]  # one code -> one precomposed letter
    # lower-case codes a .VnTimeH font draws as capitals: their case is decided below
    ambiguous = [c in upper for c in text]
    # ... and those that are the only code for their capital (the toned letters)
    toned = [c in upper and upper[c] not in own_capital for c in text]
    s = "".join(chars)
    words = [m.span() for m in _WORD_RE.finditer(s)]
    line_starts = [0] + [m.end() for m in re.finditer("\n", s)]
    classes = [_word_class(s, start, end, ambiguous) for start, end in words]
    context = _case_context(s, words, classes)
    for k, (start, end) in enumerate(words):
        amb = [i for i in range(start, end) if ambiguous[i]]
        if not amb:
            continue
        cls = classes[k]
        if cls == "weak":
            cls = _weak_word_case(k, words, context, line_starts)
        for i in amb:
            if cls == "upper" or (toned[i] and i == start and _sentence_start(s, start)):
                chars[i] = upper[text[i]]
    return nfc("".join(chars))


def to_unicode(text: str, encoding: str) -> str:
    """Convert legacy-encoded `text` ("tcvn3" or "vni") to Unicode NFC.

    VNI is matched longest sequence first ("ôù" = ớ before "ô" = ơ). TCVN3 toned capitals
    are guessed from the surrounding letters (see the module docstring).
    """
    if encoding == "tcvn3":
        return _tcvn3_to_unicode(text)
    return _convert_plain(text, encoding)


def from_unicode(text: str, encoding: str) -> str:
    """Encode Unicode `text` as the legacy font would store it (for test fixtures).

    Characters without a code (other than Vietnamese letters) are kept as they are.
    TCVN3 toned capitals get the lower-case code (the .VnTimeH convention).
    """
    rev = _reverse(encoding)
    return "".join(rev.get(c, c) for c in nfc(text))


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Detect a legacy encoding and convert; returns (Unicode NFC text, encoding or None)."""
    encoding = detect_legacy(text)
    if encoding is None:
        return nfc(text), None
    return to_unicode(text, encoding), encoding


def document_encoding(pages) -> str | None:
    """The legacy-fonts stage's detection, once a document: "tcvn3", "vni" or None, from the words
    of the pages that are laid out (a PDF's text layer, OCR words), else from the lines of the
    text-like pages (.txt, .md, .docx). parser.layout reads its rows through this encoding and
    `convert_lines` converts the laid-out lines with it; neither detects again."""
    words = " ".join(w.text for p in pages if not p.lines for w in p.words)
    if words:
        return detect_legacy(words)
    return detect_legacy("\n".join(ln.text for p in pages for ln in p.lines))


def convert_lines(lines: list, encoding: str | None) -> list:
    """The legacy-fonts stage's conversion: the lines' text (and table cells) to Unicode, the whole
    text at once (TCVN3's capitals are guessed from neighbouring words and sentence starts across
    lines); the lines as they are when `encoding` is None."""
    if encoding is None:
        return lines
    from dataclasses import replace

    fixed = to_unicode("\n".join(ln.text for ln in lines), encoding)
    return [replace(ln, text=new, cells=tuple(to_unicode(c, encoding) for c in ln.cells) if ln.cells else ln.cells)
            for ln, new in zip(lines, fixed.split("\n"))]


def decode_legacy_bytes(data: bytes) -> str:
    """Decode the bytes of a legacy 8-bit file: cp1252, latin-1 for cp1252's 5 undefined bytes."""
    return data.decode(BYTE_CODEC, errors="_congvan_latin1_fallback")


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    bad = err.object[err.start:err.end]
    return bytes(bad).decode("latin-1"), err.end


codecs.register_error("_congvan_latin1_fallback", _latin1_fallback)
