"""Small helpers on Vietnamese text that every stage uses, written once: the alphabet (chữ Quốc
ngữ) by base letter, accent folding, and whether a line is printed in capitals."""
from __future__ import annotations

import unicodedata

import regex as re

# Vietnamese letters by base letter: OCR and old fonts lose or change tone marks and vowel hooks
# ("Kính gủi", "Phụ luc", "CỌNG HOA"); keywords are matched with any member of the family
FAMILIES = ("aàáảãạăằắẳẵặâầấẩẫậ", "eèéẻẽẹêềếểễệ", "iìíỉĩị", "oòóỏõọôồốổỗộơờớởỡợ", "uùúủũụưừứửữự",
            "yỳýỷỹỵ", "dđ")
VOWELS = "".join(f for f in FAMILIES if f != "dđ")  # a Vietnamese syllable has one of these
# every letter the language writes, lower and upper case, as the body of a regex character class
LETTERS = "a-zA-Z" + "".join(f[1:] for f in FAMILIES) + "".join(f[1:].upper() for f in FAMILIES)


def fold(text: str) -> str:
    """Case- and accent-free key for matching (`Đ` -> `d`): 'QUYẾT ĐỊNH' -> 'quyet dinh'.
    Vietnamese letters go through one table (_FOLD); text still not ASCII after it (other
    accents, combining marks, symbols) is decomposed and its marks dropped."""
    text = text.translate(_FOLD)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _fold_table() -> dict[int, str]:
    """Each precomposed letter of FAMILIES, either case, to its base letter; Đ, đ and the
    look-alike Ð to D/d."""
    table = {ord(k): v for k, v in (("Đ", "D"), ("đ", "d"), ("Ð", "D"))}
    for family in FAMILIES[:-1]:  # the vowels ("dđ" is above)
        for ch in family[1:]:
            table[ord(ch)] = family[0]
            table[ord(ch.upper())] = family[0].upper()
    return table


_FOLD = _fold_table()


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining)


def without_tone(text: str) -> str:
    """The text without its tone marks, hooks and hats kept: 'Tuấn' -> 'Tuân', 'Trà' -> 'Tra'."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))


def is_upper(text: str, share: float = 0.85, least: int = 1) -> bool:
    """Is the text printed in capitals: at least `least` letters, and `share` of them upper case
    (OCR lowers a letter or two of a heading: 'CỘNG HÒA XÃ HỘl CHỦ NGHĨA')."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= least and sum(c.isupper() for c in letters) >= share * len(letters)


# A line that ends in a word cut by a hyphen: "... Quyết đ-" / "ịnh số ..."
HYPHEN_END = re.compile(r"(?P<head>\p{L}+)-$")
_VOWEL = re.compile(f"[{VOWELS}]", re.I)


LOWER_HEAD = re.compile(r"\p{Ll}+")  # the lower-case letters a line starts with: the rest of a cut syllable


# A số ký hiệu cut at one of its dashes at a line end: "... Quyết định số 1696/QĐ-" / "UBND ngày ...",
# "Chương trình hành động số 31-" / "CTr/TW ngày ..." (a party document's number)
NOTATION_CUT = re.compile(r"(?:\d+/(?:\d{4}/)?[\p{Lu}\d&]+(?:-[\p{Lu}\d&]+)*|\d+)-$")
NOTATION_REST = re.compile(r"[\p{Lu}\d][\p{Lu}\p{Ll}\d&]*(?:[/-][\p{Lu}\d&]+)*(?=[\s,.;:)]|$)")


def join_hyphenated(prev: str, nxt: str) -> str | None:
    """`prev` + `nxt` with a syllable cut at the line end put back together, or None.

    A Vietnamese syllable has a vowel, so a cut inside one leaves a piece without a vowel on
    one side ("Quyết đ-" / "ịnh", "đị-" / "nh"): those are joined. Two pieces that are both
    syllables ("kinh tế-" / "xã hội") are a compound written with a dash, and are not."""
    m = HYPHEN_END.search(prev)
    tail = LOWER_HEAD.match(nxt)
    if not m or not tail or (_VOWEL.search(m["head"]) and _VOWEL.search(tail.group(0))):
        return None
    return prev[:-1] + nxt


def join_notation_cut(prev: str, nxt: str) -> str | None:
    """`prev` + `nxt` when `prev` ends in a number cut at its dash ("1696/QĐ-" / "UBND", "31-" /
    "CTr/TW"): joined, the dash kept; None otherwise. For a field's value (a trích yếu), whose
    lines are joined into one string; the body's text keeps its line ends."""
    if (cut := NOTATION_CUT.search(prev)) and (cut.start() == 0 or prev[cut.start() - 1] == " ") \
            and (rest := NOTATION_REST.match(nxt)) and ("/" in cut.group(0) or "/" in rest.group(0)):
        return prev + nxt
    return None


def field_seps(texts: list[str]) -> list[str]:
    """The separators that join a field's lines (each with its spaces collapsed) into one string:
    '' after a syllable cut by a hyphen (the hyphen dropped), '-' after a number cut at its dash
    (the dash kept), else ' '. parser.extract.header.join and parser.spans.field_seps both use it."""
    seps: list[str] = []
    out = ""
    for t in texts:
        if out:
            glued = join_hyphenated(out, t)
            kept = None if glued is not None else join_notation_cut(out, t)
            seps.append("" if glued is not None else "-" if kept is not None else " ")
            out = glued or kept or f"{out} {t}"
        else:
            out = t
    return seps


def join_field(texts: list[str]) -> str:
    """A field's lines joined with field_seps' separators."""
    out = texts[0] if texts else ""
    for sep, t in zip(field_seps(texts), texts[1:]):
        out = out[:-1] + t if sep == "" else out + t if sep == "-" else f"{out} {t}"
    return out.strip()


SHOWN_CHARS = 80  # characters of an absurdly long field quoted in a warning


def shown(text: str) -> str:
    """The text as a warning quotes it: whole, or its first SHOWN_CHARS characters and its length."""
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}... ({len(text):,} characters)"
