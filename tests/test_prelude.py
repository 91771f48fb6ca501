"""Lines before the letter's header (a page title, a URL, a Markdown heading) are not its header."""
from __future__ import annotations

import pytest
from conftest import SEEDS

from parser import parse_bytes

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
