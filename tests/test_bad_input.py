"""Bad input gives one clear line on stderr and a non-zero exit (or warnings), never a traceback."""
from __future__ import annotations

import re

import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS


def run(*args, stdin: bytes | None = None):
    p = subprocess.run([sys.executable, "-m", "congvan", *map(str, args)], cwd=ROOT, input=stdin,
                       capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def one_line_error(code, err):
    assert code == 1
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("parse: error:")
    return lines[0]


def test_missing_file(tmp_path):
    code, out, err = run(tmp_path / "nope.pdf")
    assert "no such file" in one_line_error(code, err) and out == ""


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert "empty" in one_line_error(*run(tmp_path / "empty.txt")[::2])


def test_corrupt_pdf(tmp_path):
    data = (ROOT / "corpora" / "seeds" / "cv-232-BTTTT-KHTC-2018.md").read_bytes()[:200]
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n" + data + b"\n%%EOF garbage")
    msg = one_line_error(*run(tmp_path / "bad.pdf")[::2])
    assert "PDF" in msg


def test_encrypted_pdf(tmp_path, rendered_pdfs):
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(rendered_pdfs["cv-1959-BTTTT-UDCNTT-2013"]) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="secret"))
    assert "encrypted" in one_line_error(*run(tmp_path / "locked.pdf")[::2])


def test_png_renamed_pdf(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "PNG image" in one_line_error(*run(tmp_path / "scan.pdf")[::2])


def test_not_a_letter(tmp_path):
    (tmp_path / "recipe.txt").write_text("Trộn bột với nước, nhào kỹ rồi để nghỉ một giờ.\nNướng ở 200 độ.\n",
                                         encoding="utf-8")
    assert "letter" in one_line_error(*run(tmp_path / "recipe.txt")[::2])


def test_directory(tmp_path):
    assert "directory" in one_line_error(*run(tmp_path)[::2])


def test_stdin_and_output_file(tmp_path):
    data = (SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt").read_bytes()
    code, out, err = run("-", "--compact", stdin=data)
    assert code == 0 and out.count("\n") == 1 and '"number":"1959/BTTTT-UDCNTT"' in out
    code, out, err = run(SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt", "-o", tmp_path / "o.json")
    assert code == 0 and out == "" and '"1959/BTTTT-UDCNTT"' in (tmp_path / "o.json").read_text(encoding="utf-8")


def test_usage_error():
    code, out, err = run("--format", "xml", "x.txt")
    assert code == 2 and "Traceback" not in err


def test_fifo_is_refused_not_waited_on(tmp_path):
    import os

    fifo = tmp_path / "letter.txt"
    os.mkfifo(fifo)
    code, out, err = run(fifo)  # without the check this blocks until the 120 s timeout
    assert "not a regular file" in one_line_error(code, err) and out == ""


def test_link_to_a_device_is_refused_before_reading(tmp_path):
    link = tmp_path / "letter.txt"
    link.symlink_to("/dev/zero")  # read to the end, it would fill the memory
    code, out, err = run(link)
    assert "not a regular file" in one_line_error(code, err)


def test_too_large_file_is_refused_by_its_size(tmp_path):
    from congvan import parse_file
    from congvan.errors import InputError
    from congvan.settings import Settings

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match="more than"):
        parse_file(big, Settings(max_bytes=4096))


def test_docx_opening_with_a_large_thumbnail_is_a_docx(tmp_path):
    """Its part names are past the first bytes; the ZIP directory says it is a Word document."""
    import os
    import zipfile

    from conftest import REAL, gold

    from congvan import parse_file

    src = REAL / "cuchc-cv597-2026-qlhc.docx"
    if not src.is_file():
        pytest.skip("../shared/real is absent")
    out = tmp_path / "letter.docx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w") as zo:
        zo.writestr("docProps/thumbnail.jpeg", os.urandom(200_000))
        for n in zi.namelist():
            zo.writestr(n, zi.read(n))
    assert parse_file(out).document.number == gold("real/cuchc-cv597-2026-qlhc.docx.json")["document"]["number"]


def test_white_text_is_not_the_letters(tmp_path):
    """A 'Số: 9999/UBND-VP' drawn in white above the real number is not read (issue 16)."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from congvan import parse_file

    pdfmetrics.registerFont(TTFont("DejaVuSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    path = tmp_path / "white.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("DejaVuSerif", 12)
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 12/UBND-VP", "Quảng Ngãi, ngày 12 tháng 3 năm 2025",
             "V/v thử nghiệm văn bản", "Kính gửi: Sở Tài chính"] + ["1. Nội dung của công văn gửi các cơ quan."] * 4
    for k, t in enumerate(lines):
        c.drawString(70, 800 - 20 * k, t)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(70, 820, "Số: 9999/UBND-VP")
    c.save()
    assert parse_file(path).document.number == "12/UBND-VP"


def test_byte_damaged_pdfs_give_a_result_or_one_line_never_an_internal_error(tmp_path):
    """Bytes changed in the page content of a rendered seed: a page whose content stream does not
    decode (parser.load.limits) gets a page_unreadable warning (and goes to OCR when it is on), the
    rest is read; both engines name the same pages, pdfium (which reads what it can of a damaged
    stream without a complaint) as pdfminer."""
    import random

    src = (ROOT / "corpora" / "pdf" / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes()
    rng = random.Random(1)
    seen_warning = False
    for k in range(6):
        b = bytearray(src)
        for _ in range(20):
            i = rng.randrange(len(b) // 3, len(b))
            b[i] = rng.randrange(256)
        path = tmp_path / f"damaged-{k}.pdf"
        path.write_bytes(bytes(b))
        said = {}
        for engine in ("pdfplumber", "pdfium"):
            code, out, err = run(path, "--ocr", "off", "--pdf-engine", engine)
            assert code in (0, 1) and "Traceback" not in err and "internal error" not in err, err
            if code == 1:
                one_line_error(code, err)
            said[engine] = (code, sorted(set(re.findall(r"page (\d+)'s text layer is damaged", out))))
        assert said["pdfium"] == said["pdfplumber"], said
        seen_warning |= bool(said["pdfium"][1])
    assert seen_warning  # the damage does reach the page content in these variants


def test_pages_beyond_the_limit_are_not_read(tmp_path):
    """A PDF of more pages than Settings.max_pages: the first are read, with a `truncated` warning,
    and neither the page survey nor the widget check touches the others (1,000 pages once took
    over a minute for 200 read)."""
    import pikepdf
    import pypdfium2 as pdfium

    from congvan import parse_file
    from congvan.load import layer
    from congvan.settings import Settings

    src = pikepdf.open(ROOT / "corpora" / "pdf" / "cv-232-BTTTT-KHTC-2018.pdf")
    out = pikepdf.new()
    for k in range(60):
        out.pages.append(src.pages[k % len(src.pages)])
    path = tmp_path / "long.pdf"
    out.save(path)
    settings = Settings(ocr="off", max_pages=6)
    letter = parse_file(path, settings)
    assert letter.source.pages == 6 and letter.document.number == "232/BTTTT-KHTC"
    assert [w.code for w in letter.warnings][:1] == ["truncated"]
    doc = pdfium.PdfDocument(path)
    try:
        assert len(layer.survey(doc, settings.layer, settings.max_pages)) == 6
    finally:
        doc.close()
