"""Lines before the letter's header (a page title, a URL, a Markdown heading) are not its header."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import SEEDS

from congvan import parse_bytes

PRELUDES = [
    "https://vanban.example.gov.vn/van-ban/chi-tiet?id=1234\n",
    "# Văn bản gốc\n\n",
    "Trang chủ > Văn bản chỉ đạo điều hành\nNgày đăng: 20/11/2024\n\n",
]


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir()))
@pytest.mark.parametrize("prelude", PRELUDES)
def test_header_survives_lines_before_it(seed, prelude):
    path = SEEDS / seed
    plain = parse_bytes(path.read_bytes(), path.name)
    led = parse_bytes(prelude.encode() + path.read_bytes(), path.name)
    for f in ("type", "number", "date", "place", "subject"):
        assert getattr(led.document, f) == getattr(plain.document, f), f
    assert led.document.issuer.name == plain.document.issuer.name
    if plain.document.number or plain.document.issuer.name:
        assert any("before the letter's header" in n for n in led.source.normalizations)


@pytest.mark.parametrize("mark", ["\u200b", "\u200d", "\u2060", "\u200f", "\u2066", "\u202e"])
def test_invisible_characters_do_not_cut_the_number(mark):
    """Zero-width joiners and bidi controls inside 'Số: 232/BTTTT-KHTC' are removed, and said so."""
    path = SEEDS / "cv-232-BTTTT-KHTC-2018.md"
    text = path.read_text(encoding="utf-8").replace("232/BTTTT-KHTC", f"2{mark}32/BTT{mark}TT-KHTC", 1)
    letter = parse_bytes(text.encode("utf-8"), path.name)
    assert letter.document.number == "232/BTTTT-KHTC"
    assert any(repr(mark)[1:-1] in n or mark in n for n in letter.source.normalizations)


def test_fullwidth_digits_read_as_digits():
    path = SEEDS / "cv-232-BTTTT-KHTC-2018.md"
    text = path.read_text(encoding="utf-8").replace("ngày 19 tháng 7", "ngày １９ tháng ７", 1)
    assert parse_bytes(text.encode("utf-8"), path.name).document.date == date(2018, 7, 19)


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-16-le"), lambda t: t.encode("utf-16-be"),
    lambda t: t.replace("Kính gửi", "\ud83d\udce7 Kính gửi", 1).encode("utf-8", "surrogatepass"),  # CESU-8 pair
])
def test_other_unicode_encodings_keep_the_vietnamese(encode):
    path = SEEDS / "cv-232-BTTTT-KHTC-2018.md"
    text = path.read_text(encoding="utf-8")
    letter = parse_bytes(encode(text), path.name)
    plain = parse_bytes(path.read_bytes(), path.name)
    assert (letter.document.number, letter.document.place, letter.document.subject) == \
        (plain.document.number, plain.document.place, plain.document.subject)
    assert any(n.startswith("decoded as") for n in letter.source.normalizations)


def _cp1258(text: str) -> bytes:
    """Text in Windows-1258 as Vietnamese Windows writes it: base letters precomposed (â ê ô ă ơ ư đ),
    the five tone marks as combining characters after them."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            dd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in dd if c not in tones))
            out += base.encode("cp1258", "replace") + "".join(c for c in dd if c in tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_letter_reads_like_its_unicode_twin():
    path = SEEDS / "cv-232-BTTTT-KHTC-2018.md"
    plain = parse_bytes(path.read_bytes(), path.name)
    letter = parse_bytes(_cp1258(path.read_text(encoding="utf-8")), path.name)
    assert (letter.document.number, letter.document.place, letter.document.date, letter.document.subject) == \
        (plain.document.number, plain.document.place, plain.document.date, plain.document.subject)
    assert "decoded as windows-1258" in letter.source.normalizations
