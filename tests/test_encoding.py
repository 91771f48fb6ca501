"""Legacy Vietnamese encodings (TCVN3, VNI): tables, conversion, detection, fixtures."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from congvan.encoding import (  # noqa: E402
    BYTE_CODEC,
    ENCODINGS,
    decode_legacy_bytes,
    detect_legacy,
    fix_legacy,
    from_unicode,
    is_vietnamese_syllable,
    nfc,
    to_unicode,
)

SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*"))
SEED_1959 = ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt"
LEGACY_DIR = ROOT / "corpora" / "legacy"
DATA_DIR = ROOT / "parser" / "data"

HEADER_UNICODE = "Bộ Thông tin và Truyền thông"
HEADER_TCVN3 = "Bé Th«ng tin vµ TruyÒn th«ng"
HEADER_VNI = "Boä Thoâng tin vaø Truyeàn thoâng"

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _vietnamese_letters() -> list[str]:
    """All 67 lower-case letters with diacritics and their capitals, built from Unicode."""
    letters = ["đ", "Đ"]
    for base in "a ă â e ê i o ô ơ u ư y".split():
        for tone in _TONES:
            letter = unicodedata.normalize("NFC", base + tone)
            if letter.isascii():
                continue
            letters += [letter, letter.upper()]
    assert len(letters) == 134
    return letters


def _seed(path: Path = SEED_1959) -> str:
    return path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ tables


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_table_entries_round_trip(encoding):
    table = json.loads((DATA_DIR / f"{encoding}.json").read_text(encoding="utf-8"))
    assert table["name"] == encoding
    assert table["map"] and len(set(table["map"].values())) == len(table["map"])
    for legacy, uni in table["map"].items():
        assert len(uni) == 1 and unicodedata.is_normalized("NFC", uni), (legacy, uni)
        # every letter code lies where cp1252 and latin-1 agree
        assert all(c.isascii() or 0xA1 <= ord(c) <= 0xFE for c in legacy), legacy
        # inside a word: a lone TCVN3 toned code at the start of a text reads as a capital
        assert to_unicode("t" + legacy, encoding) == "t" + uni
        assert from_unicode(uni, encoding) == legacy


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_vietnamese_letter_is_encoded(encoding):
    keys = set(json.loads((DATA_DIR / f"{encoding}.json").read_text(encoding="utf-8"))["map"])
    for letter in _vietnamese_letters():
        legacy = from_unicode(letter, encoding)
        assert legacy in keys, letter
        if encoding == "vni" or letter.islower() or letter in "ĂÂÊÔƠƯĐ":
            assert to_unicode("t" + legacy, encoding) == "t" + letter
        else:
            # TCVN3 toned capitals share the lower-case code; an all-capital word shows them
            word = "NG" + letter + "NG"
            assert to_unicode(from_unicode(word, encoding), encoding) == word


def test_tcvn3_capitals_share_lower_case_codes():
    table = json.loads((DATA_DIR / "tcvn3.json").read_text(encoding="utf-8"))
    upper = table["vntimeh_upper"]
    assert len(upper) == 67
    for code, capital in upper.items():
        assert capital == table["map"][code].upper()
    own = {c for c in table["map"].values() if c.isupper()}
    assert own == set("ĂÂÊÔƠƯĐ")


# ------------------------------------------------------------------ conversion


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_seed_1959_round_trip(encoding):
    text = _seed()
    legacy = from_unicode(text, encoding)
    assert legacy != text
    assert not any(0x1E00 <= ord(c) <= 0x1EFF for c in legacy)  # no Unicode Vietnamese left
    assert to_unicode(legacy, encoding) == nfc(text)


def test_tcvn3_header_line():
    assert to_unicode(HEADER_TCVN3, "tcvn3") == HEADER_UNICODE
    assert detect_legacy(HEADER_TCVN3) == "tcvn3"
    assert fix_legacy(HEADER_TCVN3) == (HEADER_UNICODE, "tcvn3")


def test_vni_header_line():
    assert to_unicode(HEADER_VNI, "vni") == HEADER_UNICODE
    assert detect_legacy(HEADER_VNI) == "vni"
    assert fix_legacy(HEADER_VNI) == (HEADER_UNICODE, "vni")


@pytest.mark.parametrize(
    "legacy, expected",
    [
        ("Bé TH¤NG TIN Vµ TRUYÒN TH¤NG", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Hµ Néi, ngµy 04 th¸ng 7 n¨m 2013", "Hà Nội, ngày 04 tháng 7 năm 2013"),
        ("- ñy ban nh©n d©n tØnh;", "- Ủy ban nhân dân tỉnh;"),
        ("3. øng dông CNTT trong néi bé", "3. Ứng dụng CNTT trong nội bộ"),
        ("KT. Bé TR¦ëNG", "KT. BỘ TRƯỞNG"),
        ("Bé TT&TT", "Bộ TT&TT"),
        ("TH«NG", "THÔNG"),  # lower-case code inside a .VnTimeH capital word
    ],
)
def test_tcvn3_case_guessing(legacy, expected):
    assert to_unicode(legacy, "tcvn3") == expected


@pytest.mark.parametrize(
    "legacy, expected",
    [
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("ngöôøi, nöôùc, röôïu, khuyûu, ÖÙNG, ÔÛ", "người, nước, rượu, khuỷu, ỨNG, Ở"),
        ("tæ leä, kyù, Vieät Nam", "tỉ lệ, ký, Việt Nam"),
    ],
)
def test_vni_longest_match(legacy, expected):
    assert to_unicode(legacy, "vni") == expected


def test_unknown_encoding():
    with pytest.raises(ValueError):
        to_unicode("abc", "viscii")


# ------------------------------------------------------------------ NFC


def test_nfd_input_is_normalised():
    nfd = unicodedata.normalize("NFD", HEADER_UNICODE)
    assert nfd != HEADER_UNICODE
    assert nfc(nfd) == HEADER_UNICODE
    assert detect_legacy(nfd) is None
    assert fix_legacy(nfd) == (HEADER_UNICODE, None)
    text = _seed()
    assert fix_legacy(unicodedata.normalize("NFD", text)) == (nfc(text), None)


def test_nfd_legacy_input_is_converted():
    # a VNI text whose Latin-1 letters went through NFD (ä -> a + U+0308)
    nfd = unicodedata.normalize("NFD", HEADER_VNI)
    assert to_unicode(nfd, "vni") == HEADER_UNICODE
    assert fix_legacy(nfd) == (HEADER_UNICODE, "vni")


# ------------------------------------------------------------------ detection


def test_five_seeds_present():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_unicode_seed_is_not_legacy(seed):
    text = _seed(seed)
    assert detect_legacy(text) is None
    assert fix_legacy(text) == (nfc(text), None)
    for line in text.splitlines():  # short texts too
        assert detect_legacy(line) is None, line


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_legacy_versions_of_seeds_detected(seed, encoding):
    assert detect_legacy(from_unicode(_seed(seed), encoding)) == encoding


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The quick brown fox jumps over the lazy dog.",
        "Section 3(a): see https://example.com/doc?id=42 -- 15 items.",
        "Café au lait, où est la bibliothèque? Très bien, à bientôt.",
        "Müller und Söhne GmbH, Straße 5; José María, España",
        "Độ dày lớp phủ 5 µm, theo «Quy chuẩn» mới.",
        "Nhiệt độ «cao» và áp suất µ",
        "« Bộ » và « Sở »",
        "µ « »",
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Hà Nội",
        "có",
    ],
)
def test_not_legacy(text):
    assert detect_legacy(text) is None


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Hµ Néi, ngµy 04 th¸ng 7 n¨m 2013", "tcvn3"),
        ("KÝnh göi:", "tcvn3"),
        ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3"),
        ("Haø Noäi, ngaøy 04 thaùng 7 naêm 2013", "vni"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni"),
    ],
)
def test_short_legacy_lines_detected(text, encoding):
    assert detect_legacy(text) == encoding


def test_syllable_checker():
    for word in ("Bộ", "thông", "nghiêng", "khuỷu", "quốc", "gì", "giữ", "TRƯỞNG", "oái"):
        assert is_vietnamese_syllable(word), word
    for word in ("CNTT", "ac", "kan", "ngê", "Boä", "Th«ng", "bộộ", "thơng"):
        assert not is_vietnamese_syllable(word), word


# ------------------------------------------------------------------ fixture files


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_legacy_file_detected_and_fixed(encoding):
    path = LEGACY_DIR / f"{SEED_1959.name.rsplit('.', 1)[0]}.{encoding}.txt"
    data = path.read_bytes()
    # the fixture is what scripts/make_legacy.py writes today
    assert data == from_unicode(_seed(), encoding).encode(BYTE_CODEC)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # a real 8-bit file, not UTF-8
    expected = nfc(_seed())
    assert fix_legacy(data.decode("cp1252")) == (expected, encoding)
    assert fix_legacy(decode_legacy_bytes(data)) == (expected, encoding)
    # latin-1 finds the same encoding, but cannot read cp1252 punctuation (0x96 = "–")
    assert detect_legacy(data.decode("latin-1")) == encoding


def test_decode_legacy_bytes_never_fails():
    assert decode_legacy_bytes(b"\x96 \x81\x8d\x8f\x90\x9d \xb5") == "– \x81\x8d\x8f\x90\x9d µ"
