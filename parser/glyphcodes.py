"""Text layers written in glyph ids, and simple fonts read through the wrong table -> Unicode.

Part of the legacy-fonts stage, for PDFs: the one kind of broken layer that needs each
character's font, so it runs on the loader's characters before words are made of them. A text
that a converter wrote out of such a layer (`pdftotext`) has lost its fonts: the text loader
decodes it word by word (`glyph_text`, `decode_words`, at the end of this module) before it cuts
the text into lines, for two glyph ids are shown as line breaks.

Ghostscript's rewrite of a PDF printed from Word in Times New Roman (common in provincial
offices) leaves two kinds of font behind, side by side in one line:

- a **subset font** (``XKNDLD+TimesNewRomanPSMT``) whose codes are the font's glyph ids, which
  pdfium reports as if they were Unicode: ``6Ӣ CÔNG 7+ѬѪ1*`` for "SỞ CÔNG THƯƠNG". Glyph ids
  follow Apple's standard order for the first 258 glyphs ('T' is glyph 55, shown as '7'),
  and the precomposed Vietnamese letters run on in Unicode order after an offset that
  depends on the font's version ('ế' U+1EBF is glyph 0x4C3, shown as 'Ӄ');
- a **simple font** (``TimesNewRomanPSMT``) whose Windows-1252 codes are shown through the
  Mac Roman table: ``CÙng`` for "Công", ``ng‡y`` for "ngày".

The tables are data (``parser/data/glyph_ids.json``). Each font of a page is decoded only
when that makes more of the page's words Vietnamese syllables; a font nothing explains is
left alone, and the page stays a mojibake page, read by OCR (parser.load.layer).
"""
from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import regex as re

_DATA = Path(__file__).resolve().parent / "data" / "glyph_ids.json"
# A subset font's name: six capitals and a plus before the font's own name (PDF 32000 9.6.4).
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# For judging a decoding: a run of letters and marks; a word's edges (punctuation); what a
# Vietnamese word may be made of (letters, digits, the punctuation inside 'QĐ-SCT', '24/24').
WORD = re.compile(r"[\p{L}\p{M}]+")
TOKEN_EDGES = re.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
INNER = re.compile(r"[\p{L}\p{M}\d./,:;()&+-]+")
# pdfminer's text for a glyph with no Unicode: its CID, which is the glyph id here
PDFMINER_CID = re.compile(r"\(cid:(\d+)\)")
MIN_SYLLABLE_SHARE = 0.6  # decoded, at least this share of the page's words are syllables (prose: ~0.9)
# The simple font shows Ì ("HÌNH") and Ã ("XÃ", "LÃNH") with one character: the reading is
# the one that makes a word of the list with a neighbouring syllable ('tình hình', 'lãnh đạo'),
# else Ã where the syllable ends and Ì inside one.
AMBIGUOUS = {"Ì": "Ã"}


@cache
def _tables() -> tuple[dict[int, str], dict[str, str]]:
    """(glyph id -> letter for subset fonts, shown character -> letter for simple fonts)."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    glyphs: dict[int, str] = {i: ch for i, ch in enumerate(data["standard_order"]) if ch}
    swaps = data["vietnamese_block_swaps"]
    for offset, horn in zip(data["vietnamese_block_offsets"], data["horn_runs"]):
        for cp in range(0x1EA0, 0x1EFA):
            glyphs[cp - offset] = swaps.get(chr(cp), chr(cp))
        for k, letter in enumerate(data["horn_letters"]):
            glyphs[horn + k] = letter
    glyphs.update({int(k): v for k, v in data["glyphs"].items()})
    simple: dict[str, str] = {}
    for byte in range(0x80, 0x100):
        shown = bytes([byte]).decode("mac_roman")
        try:
            simple[shown] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    simple.update(data["simple_font_overrides"])
    return glyphs, simple


def decode_glyph(ch: str) -> str | None:
    """A subset font's character (a glyph id shown as a code point) -> its letter, or None.
    A space stays a space: pdfium reports the font's space glyph (id 3) as U+0020 itself."""
    return " " if ch == " " else _tables()[0].get(ord(ch))


def _glyph_only(ch: str) -> bool:
    """A character only a glyph-id font shows: a control code (glyph ids 1-31 are punctuation and
    digits) or a code past U+00FF that decodes to a letter ('Ӄ', 'ѭ', 'Ĉ'). A subset font that
    shows none (a healthy one: the '1894' an e-office stamps into the Số line) is left alone."""
    return (ord(ch) < 0x20 and ch not in "\t\n\r") or (ord(ch) > 0xFF and decode_glyph(ch) is not None)


def decode_simple(ch: str) -> str:
    """A simple font's character shown through Mac Roman -> its Windows-1252 letter."""
    return ch if ch.isascii() else _tables()[1].get(ch, ch)


def _clean_share(text: str) -> float:
    """The share of the text's words that read as Vietnamese: Vietnamese letters, digits and
    the punctuation inside words only ('gi·m' is not, 'giám' is), each run of letters a
    syllable or an acronym ('VLNCN')."""
    from .encoding import is_vietnamese_syllable

    judged = clean = 0
    for token in text.split():
        token = TOKEN_EDGES.sub("", token)
        if not token or not any(c.isalpha() for c in token):
            continue
        judged += 1
        if INNER.fullmatch(token) and all(is_vietnamese_syllable(w) or (w.isascii() and w.isupper())
                                          for w in WORD.findall(token)):
            clean += 1
    return clean / judged if judged else 0.0


def _decoded(text: str, mode: str | None) -> str:
    """One character as a font of this mode shows it decoded (None: as it is)."""
    if mode == "glyph":
        return decode_glyph(text) or text
    return decode_simple(text) if mode == "simple" else text


def _with_font(texts: list[str], shown: list[str], where: list[int], mode: str) -> list[str]:
    """`texts` (the page's characters, one string each, decoded as far as decided) with the
    characters at `where` (one font's: `shown`, as the page has them) decoded as `mode`."""
    out = texts.copy()
    for k in where:
        out[k] = _decoded(shown[k], mode)
    return out


def font_modes(chars: list[dict], known: dict[str, str] | None = None) -> dict[str, str]:
    """fontname -> "glyph" | "simple" for the fonts of a page whose decoding makes more of the
    page's words Vietnamese; fonts left out are read as they are. `known`: the fonts decided on
    the document's earlier pages, kept (a font with few words on a later page, 'tÍn' for
    'tên', cannot show what it is by itself)."""
    known = dict(known or {})
    fonts: dict[str, set[str]] = {}
    for c in chars:
        fonts.setdefault(c.get("fontname") or "", set()).add(c["text"])
    candidates = {}
    for name, shown in fonts.items():
        if not name or name in known:
            continue
        if SUBSET_TAG.match(name) and any(_glyph_only(ch) for ch in shown):
            candidates[name] = "glyph"
        elif not SUBSET_TAG.match(name) and any(decode_simple(ch) != ch for ch in shown):
            candidates[name] = "simple"
    modes = {k: v for k, v in known.items() if v}
    shown = [c["text"] for c in chars]
    where: dict[str, list[int]] = {}  # font -> where its characters are
    for k, c in enumerate(chars):
        where.setdefault(c.get("fontname") or "", []).append(k)
    texts = shown
    for name, mode in modes.items():
        texts = _with_font(texts, shown, where.get(name, []), mode)
    best = _clean_share("".join(texts))
    for name, mode in candidates.items():  # greedy, one font at a time: a handful a page
        trial = _with_font(texts, shown, where[name], mode)
        share = _clean_share("".join(trial))
        if share > best:
            modes, best, texts = {**modes, name: mode}, share, trial
    if best < MIN_SYLLABLE_SHARE and not known:
        return {}
    return modes


def decode_chars(chars: list[dict], known: dict[str, str] | None = None) -> tuple[list[dict], dict[str, str]]:
    """The page's characters with the glyph-id and wrong-table fonts decoded, and the modes
    used (pass them on to the next page as `known`). A control code no table reads is dropped."""
    chars = [_as_shown(c) for c in chars]
    modes = font_modes(chars, known)
    if not modes:
        return chars, modes
    out: list[dict] = []
    ambiguous: list[int] = []  # where the decoded characters hold a letter of AMBIGUOUS
    for c in chars:
        mode = modes.get(c.get("fontname") or "")
        if mode is None:
            out.append(c)
            continue
        t = c["text"]
        if mode == "glyph":
            t = decode_glyph(t) or ("" if unicodedata.category(t) == "Cc" else t)
        else:
            t = decode_simple(t)
            if t in AMBIGUOUS:
                ambiguous.append(len(out))
        if not t:
            continue
        # glyph ids 11, 12, 28-31 ('(', ')', '9', ':', ';', '<') are codes Python calls blanks, which
        # the loader left out of words: the decoded character says what it is
        was_blank = c["text"].isspace() and ord(c["text"]) >= 0x0B and c["text"] not in "\r\n"
        out.append({**c, "text": t, "word": (c.get("word", True) or was_blank) and not t.isspace()})
    if ambiguous:
        text = "".join(c["text"][:1] or " " for c in out)  # one character a record, built once
        for k in ambiguous:
            out[k] = {**out[k], "text": _ambiguous(out, text, k, out[k]["text"], AMBIGUOUS[out[k]["text"]])}
    return out, modes


def _as_shown(c: dict) -> dict:
    """pdfminer writes a glyph id it has no Unicode for as '(cid:1250)': shown as pdfium shows it."""
    m = PDFMINER_CID.fullmatch(c["text"])
    return {**c, "text": chr(int(m[1]))} if m and int(m[1]) < 0x110000 else c


def _ambiguous(chars: list[dict], text: str, k: int, first: str, other: str) -> str:
    """Which of two letters the character at k is, by the words it makes with its neighbours
    (`text`: the characters' first letters, one a record)."""
    from .lexicon import is_word

    font = chars[k].get("fontname")
    start = end = k  # the syllable: letters of the same font (a table cell's text may run on unspaced)
    while start > 0 and text[start - 1].isalpha() and chars[start - 1].get("fontname") == font:
        start -= 1
    while end + 1 < len(text) and text[end + 1].isalpha() and chars[end + 1].get("fontname") == font:
        end += 1
    before = text[max(0, start - 12):start].split()[-1:]
    after = text[end + 1:end + 13].split()[:1]

    def makes_word(letter: str) -> bool:
        syllable = (text[start:k] + letter + text[k + 1:end + 1]).lower()
        return any(is_word(" ".join(ws)) for ws in ([*before, syllable], [syllable, *after]) if len(ws) == 2)

    if makes_word(first) != makes_word(other):
        return first if makes_word(first) else other
    return other if end == k else first


def decode_text(text: str) -> str:
    """The layer's text decoded without its fonts (for the page survey's verdict): every
    character a glyph-id or wrong-table font would show, and no Vietnamese letter, is read as
    that font's letter. Plain ASCII is left alone, so this reads marks right and shifted Latin
    letters wrong; it tells a decodable layer from a foreign one, nothing more."""
    from .normalize import VIETNAMESE_LETTERS

    glyphs, simple = _tables()
    out = []
    for ch in text:
        if ch.isascii() or ch in VIETNAMESE_LETTERS:  # 'Ù' may be 'ô' misread, or itself: left as it is
            out.append(ch)
        elif ch in simple:
            out.append(simple[ch])
        else:
            g = glyphs.get(ord(ch))
            out.append(g if g and ord(ch) >= 0x100 else ch)
    return "".join(out)


# --- A text that a converter wrote out of such a layer (pdftotext, a copy and paste) -------------
#
# The fonts are gone: each word is judged alone. A word a subset font drew shows a character only
# a glyph-id font shows ('7ӌ1+' for TỈNH, '4Ĉ6&7' for QĐ-SCT); Ghostscript may draw a word's
# ASCII letters with the simple font and its Vietnamese letters with the subset one ('bҧo' for
# bảo, 'THѬѪNG' for THƯƠNG); the word's punctuation at its edges is the text's. So a word is
# read whole as glyph ids, or its non-ASCII characters only, and the first reading that is
# Vietnamese (syllables, codes, numbers) is taken; a word no reading explains stays as it is.
WORD_EDGES = re.compile(r"^(?P<lead>[\"'(\[]*)(?P<core>.*?)(?P<trail>[.,;:!?)\]\"']*)$", re.S)
MIN_GLYPH_WORDS = 20  # words of a text read as glyph ids before the text is taken for such a layer
MIN_GLYPH_WORD_SHARE = 0.1  # ... and their share of its words
MAX_GLYPH_SAMPLE = 5000  # words from the start of the text that are judged
GLYPH_READINGS_CACHED = 65536  # distinct words whose reading is kept (a few MiB at most)


def _reads(token: str, codes: bool = True) -> bool:
    """A token that reads as Vietnamese: syllables, upper-case codes ('QĐ-SCT') unless `codes` is
    false, digits and the punctuation inside words."""
    from .encoding import is_vietnamese_syllable

    t = TOKEN_EDGES.sub("", token)
    words = WORD.findall(t if codes else INITIAL.sub("", t))  # an initial before a name: 'M.Cường'
    return bool(t) and bool(INNER.fullmatch(t)) and all(is_vietnamese_syllable(w) or (codes and _code(w))
                                                        for w in words)


def _code(word: str) -> bool:
    """Capitals Vietnamese writes a code with ('QĐ', 'SCT'), not a glyph id's Cyrillic ('Ӌ')."""
    from .normalize import VIETNAMESE_LETTERS

    return word.isupper() and all(c.isascii() or c in VIETNAMESE_LETTERS for c in word)


def _glyph_candidate(token: str) -> bool:
    """A token that may be glyph ids: it holds a character outside ASCII (or a control code) and
    does not read as it is."""
    return any(not c.isascii() or ord(c) < 0x20 for c in token) and not _reads(token)


# What a reading keeps of a word's characters as the text has them: its ASCII (letters the simple
# font drew: 'bҧo'), its leading digits (a number typed in the simple font before a code in glyph
# ids: '1105\x12.+\x10Ĉ.7' is 1105/KH-ĐKT), or nothing (every character a glyph id: '7ӌ1+')
_KEEP_NONE, _KEEP_ASCII, _KEEP_DIGITS = "none", "ascii", "digits"
LEADING_DIGITS = re.compile(r"^\d*")
# The readings in the order they are tried: syllables first (a code's capitals are too easily made:
# '1105' in glyph ids is 'NNMR'), then codes, a number kept before its code
_TRIALS = ((_KEEP_NONE, False), (_KEEP_ASCII, False), (_KEEP_DIGITS, True), (_KEEP_NONE, True), (_KEEP_ASCII, True))
INITIAL = re.compile(r"(?<!\p{L})\p{Lu}\.(?=\p{L})")  # a name's initial: 'M.' of 'M.Cường'
DIGIT_BY_LETTER = re.compile(r"\d\p{L}|\p{L}\d")  # a kept digit glued to a decoded letter: no reading


def _decoded_keeping(src: str, keep: str) -> str:
    kept = len(LEADING_DIGITS.match(src)[0]) if keep == _KEEP_DIGITS else 0
    return src[:kept] + "".join(c if keep == _KEEP_ASCII and c.isascii() and ord(c) >= 0x20 else (decode_glyph(c) or c)
                                for c in src[kept:])


@lru_cache(maxsize=GLYPH_READINGS_CACHED)
def _glyph_reading(token: str) -> str | None:
    """The token decoded (module note above), or None when no reading is Vietnamese. Cached: a
    text's words recur, and glyph_text judges the words decode_words then decodes."""
    m = WORD_EDGES.match(token)
    whole = [(token, "", "")]
    if m["core"] != token:  # the word without its edges' punctuation, decoded apart from them
        whole.append((m["core"], m["lead"], m["trail"]))
    for keep, codes in _TRIALS:
        for src, lead, trail in whole:
            read = lead + _decoded_keeping(src, keep) + trail
            if not any(c.isalpha() or ord(c) < 0x20 for c in read):
                if read != token:
                    return read  # punctuation only ('\x11' is '.')
                continue
            core = WORD_EDGES.match(read)["core"]
            if (keep == _KEEP_DIGITS and DIGIT_BY_LETTER.search(read)) or not (core[:1].isalnum() and core[-1:].isalnum()):
                continue  # a digit glued to a letter, or a symbol at the word's edge ('đị~' for 'ÿӏa')
            if _reads(read, codes):
                return read
    return None


# A word of such a text: glyph ids 11 and 12 are '(' and ')', shown as the vertical tab and the form
# feed, which end no line there ('\x0bđể báo cáo', 'phê duyệt\x0c;'); after a line break they are
# the text's own (pdftotext's form feed between pages)
GLYPH_WORD = re.compile(r"(?:[^\s]|(?<![\n\r])[\x0b\x0c])+")


def glyph_text(text: str) -> bool:
    """Whether a text (no fonts: a converter's output) was written out of a glyph-id layer: at
    least MIN_GLYPH_WORDS of its words, and MIN_GLYPH_WORD_SHARE of them, read only as glyph ids."""
    tokens = [m[0] for m, _ in zip(GLYPH_WORD.finditer(text), range(MAX_GLYPH_SAMPLE))]
    decoded = sum(1 for t in tokens if _glyph_candidate(t) and _glyph_reading(t) is not None)
    return decoded >= MIN_GLYPH_WORDS and decoded >= MIN_GLYPH_WORD_SHARE * len(tokens)


def decode_words(text: str) -> str:
    """Each word of a text written out of a glyph-id layer decoded (module note above)."""
    return GLYPH_WORD.sub(lambda m: (_glyph_reading(m[0]) or m[0]) if _glyph_candidate(m[0]) else m[0], text)
