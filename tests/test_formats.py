"""--format json|md|plan|html: every corpus letter renders; the Markdown has the annex tables,
the plan skeleton the framework's headings, the HTML page is well formed, self-contained,
escaped, highlighted, and looks like a page in headless Chromium."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser

import pytest
from conftest import PDFS, ROOT, SEEDS

from congvan.emit import FORMATS, render

CORPUS = sorted(SEEDS.iterdir()) + sorted(PDFS.glob("*.pdf")) + sorted((ROOT / "corpora" / "legacy").iterdir())
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}


class Checker(HTMLParser):
    """Start and end tags balance; counts tags and classes; notes what is loaded from outside."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: Counter = Counter()
        self.classes: Counter = Counter()
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        a = dict(attrs)
        for c in (a.get("class") or "").split():
            self.classes[f"{tag}.{c}"] += 1
        if tag in ("script", "link", "img", "iframe") or "src" in a:
            self.external.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(page: str) -> Checker:
    c = Checker()
    c.feed(page)
    c.close()
    assert not c.errors, c.errors[:5]
    assert c.stack == [], c.stack
    assert not c.external, c.external
    return c


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_format_renders_for_every_corpus_letter(parsed, path):
    letter = parsed(path)
    out = {fmt: render(letter, fmt) for fmt in FORMATS}
    assert json.loads(out["json"])["schema_version"] == "2.3"
    assert out["md"].startswith("# " + (letter.document.type_name or "PHỤ LỤC").upper())
    assert out["plan"].startswith("# ")
    if letter.frameworks:
        assert out["plan"].count("\n---\n") == len(letter.frameworks) - 1
    c = check_html(out["html"])
    assert c.tags["main"] == 1 and c.tags["aside"] == 1 and c.tags["style"] == 1
    assert c.classes["mark.ref"] > 0 and c.classes["mark.date"] > 0
    if any(d.raw for d in letter.deadlines):
        assert c.classes["mark.deadline"] > 0
    assert c.tags["details"] == len(letter.frameworks)
    assert c.tags["table"] == len(letter.tables) + sum(len(a.tables) for a in letter.annexes)


def test_md_has_43_2008_annex_tables(parsed):
    md = render(parsed(SEEDS / "qd-43-2008-QD-TTg.txt"), "md")
    annex = md.split("\n## Phụ lục I —", 1)[1].split("\n## Phụ lục II —", 1)[0]
    rows = [x for x in annex.split("\n") if x.startswith("| ")]
    assert "|---|---|---|---|---|---|---|" in annex
    assert any("Cổng thông tin điện tử của các Bộ, tỉnh điểm" in r and "30.000" in r for r in rows)
    assert "## Văn bản được dẫn chiếu" in md and "## Thời hạn" in md and "Nghị định 64/2007/NĐ-CP" in md


def test_md_escapes_the_letters_own_markup(parsed):
    md = render(parsed(SEEDS / "phuluc-784-STTTT-2020.txt"), "md")
    assert "&lt;SỞ/BAN/NGÀNH/HUYỆN/THÀNH PHỐ/THỊ XÃ&gt;" in md and "<SỞ/" not in md


def test_plan_skeleton_of_3500_has_the_plan_headings(parsed):
    letter = parsed(SEEDS / "cv-3500-BTTTT-THH-2017.md")
    plan = render(letter, "plan", framework=2)
    heads = [x for x in plan.split("\n") if x.startswith("## ")]
    assert heads[:6] == ["## I. CĂN CỨ LẬP KẾ HOẠCH", "## II. MỤC TIÊU ỨNG DỤNG CNTT NĂM 2018", "## III. NỘI DUNG KẾ HOẠCH",
                         "## IV. GIẢI PHÁP", "## V. DANH MỤC NHIỆM VỤ, DỰ ÁN", "## VI. TỔ CHỨC THỰC HIỆN"]
    assert "### 1. Ứng dụng CNTT trong nội bộ cơ quan nhà nước" in plan
    assert "> Nêu những căn cứ để xây dựng Kế hoạch, cụ thể như:" in plan       # guidance as a note
    assert "- 36a/NQ-CP" in plan                                                 # legal bases filled in
    assert "**Gửi:** Bộ Thông tin và Truyền thông — **hạn:** 30/11/2017" in plan
    # the project template as an empty table under V, with its columns
    v = plan.split("## V. DANH MỤC NHIỆM VỤ, DỰ ÁN", 1)[1].split("## VI.", 1)[0]
    assert "| TT | Tên nhiệm vụ, dự án | Đơn vị chủ trì triển khai |" in v
    both = render(letter, "plan")
    assert both.startswith("# ĐỀ CƯƠNG BÁO CÁO") and "\n---\n" in both and plan in both.split("\n---\n", 1)[1] + "\n"
    with pytest.raises(ValueError):
        render(letter, "plan", framework=3)


def test_plan_of_a_letter_without_framework_says_so(parsed):
    from congvan import parse_bytes

    letter = parse_bytes("Số: 1/UBND-VP\nV/v họp\nKính gửi: Các sở.\nMời dự họp.\n".encode(), "a.txt")
    assert letter.frameworks == [] and "không đặt ra khung" in render(letter, "plan")


def test_html_escapes_and_links(parsed):
    page = render(parsed(SEEDS / "phuluc-784-STTTT-2020.txt"), "html")
    c = check_html(page)
    assert "&lt;SỞ/BAN/NGÀNH" in page and not any(t.startswith("sở") for t in c.tags)
    page = render(parsed(SEEDS / "cv-3500-BTTTT-THH-2017.md"), "html")
    assert 'id="ref-1"' in page and 'href="#ref-1"' in page and 'id="m-ref-1"' in page
    assert 'data-deadline="1"' in page and 'title="Hạn 10/11/2017:' in page


def test_cli_formats():
    from congvan.cli import FORMATS as CLI_FORMATS

    assert CLI_FORMATS == FORMATS
    src = str(SEEDS / "cv-3500-BTTTT-THH-2017.md")
    for fmt in ("md", "plan", "html"):
        p = subprocess.run([sys.executable, "-m", "congvan", src, "--format", fmt], cwd=ROOT, capture_output=True,
                           text=True)
        assert p.returncode == 0 and p.stdout.strip(), (fmt, p.stderr)
    p = subprocess.run([sys.executable, "-m", "congvan", src, "--format", "plan", "--framework", "9"], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.startswith("parse: error: --framework 9")


@pytest.mark.skipif(shutil.which("chromium") is None and os.environ.get("CI") != "true",
                    reason="chromium is not installed (apt-get install chromium)")
def test_html_page_in_headless_chromium(parsed, tmp_path):
    pil = pytest.importorskip("PIL.Image")
    page = tmp_path / "3500.html"
    page.write_text(render(parsed(SEEDS / "cv-3500-BTTTT-THH-2017.md"), "html"), encoding="utf-8")
    png = tmp_path / "3500.png"
    p = subprocess.run([shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--hide-scrollbars", f"--screenshot={png}", "--window-size=1280,1600", page.as_uri()],
                       capture_output=True, text=True, timeout=180)
    assert png.exists(), p.stderr[-2000:]
    img = pil.open(png).convert("RGB")
    assert img.size == (1280, 1600)
    colours = Counter({rgb: n for n, rgb in img.getcolors(maxcolors=1 << 24)})
    assert len(colours) > 200  # text, highlights and panels, not a blank page
    assert colours.most_common(1)[0][1] < 0.8 * 1280 * 1600
    for rgb in ((0xdb, 0xe9, 0xff), (0xde, 0xf5, 0xdf), (0xf4, 0xf1, 0xea)):  # reference, date, panel
        assert colours[rgb] > 200, rgb
