"""Generate a corpus of hostile and broken inputs for congvan (issue 16).

    python scripts/hostile.py --out /tmp/hostile              # ~1,100 cases (default --count 1100)
    python scripts/hostile.py --out /tmp/hostile --count 300 --seed 7

Writes DIR/cases/<family>/<name> and DIR/truth.jsonl, one JSON object a line:

    {"family": "text_zero_width", "name": "...", "path": "cases/text_zero_width/....txt",
     "expect": "harmless", "number": "1959/BTTTT-UDCNTT", "date": "2013-07-04", "markup": [...]}

`expect` says what a right run is (scripts/hostile_run.py checks it):

- `harmless`: a variant of a real letter that a reader would read as the letter: exit 0 and the
  letter's number and date (from gold/seeds or the authored letters) exactly;
- `flag`: exit 0 with the letter's number and date, or a warning (the parser may decline to read
  a suspicious field, but not read it wrong in silence), or a one-line error;
- `error`: a one-line error (exit 1): not a letter, encrypted with a password, a pipe, ...;
- `any`: damaged beyond reading: a one-line error, or a result (if it gives a number, it must
  not contradict the letter's in silence: a different non-null number with no warning fails).

Every case, whatever `expect`, must end within the runner's wall limit and memory cap, with no
traceback and no exit 70, and its HTML must not contain the input's markup (`markup`) raw.

`must_warn`: an exit 0 must carry a warning (a PDF of one blank page: nothing to read).

`make` (no file written): the runner creates the path at run time: `dir`, `fifo`,
`symlink_dev_zero`, `symlink_dangling`, `symlink_seed`.

Families (the count of each depends on --count; the fixed ones are always made):
pdf_truncated, pdf_bitflip, pdf_xref, pdf_chunk (byte damage of corpora/pdf/*.pdf),
pdf_encrypted, pdf_oversized, bomb_pdf, bomb_docx, docx (valid DOCX of the seeds, a big
thumbnail first, named .pdf), mislabelled, runtime (dir, FIFO, symlinks), text_leading,
text_zero_width, text_fullwidth, text_cyrillic, text_encoding (CESU-8, UTF-16 without BOM,
Windows-1258 with decomposed tones, NFD, line separators), text_huge_number, text_many
(10,000 citations / deadlines), text_markup (HTML/script in the letter), text_garbage
(controls, invalid UTF-8, very long lines, deep section labels), pdf_rotated, pdf_invisible.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
AUTHORED = ROOT / "corpora" / "authored"
PDFS = ROOT / "corpora" / "pdf"

# the number and date each base letter must read as (gold/seeds/*.json, the authored letters' headers)
TRUTH = {
    "cv-1959-BTTTT-UDCNTT-2013": ("1959/BTTTT-UDCNTT", "2013-07-04"),
    "cv-232-BTTTT-KHTC-2018": ("232/BTTTT-KHTC", "2018-07-19"),
    "cv-3500-BTTTT-THH-2017": ("3500/BTTTT-THH", "2017-09-27"),
    "phuluc-784-STTTT-2020": (None, None),
    "qd-43-2008-QD-TTg": ("43/2008/QĐ-TTg", "2008-03-24"),
    "cv-1234-STC-NS-2025": ("1234/STC-NS", "2025-06-05"),
    "qd-215-QD-UBND-2024": ("215/QĐ-UBND", "2024-03-12"),
    "cv-1245-CV-TU-2026": ("1245-CV/TU", "2026-03-12"),
    "cv-356-DHKHTN-DT-2026": ("356/ĐHKHTN-ĐT", "2026-04-05"),
    "gm-77-GM-SNV-2026": ("77/GM-SNV", "2026-09-14"),
    "cv-12-SXD-QLN-2026": ("12/SXD-QLN", "2026-03-02"),
    "cv-2117-BXD-QHKT-2026": ("2117/BXD-QHKT", "2026-04-08"),
    "cv-318-BNV-CCVC-2026": ("318/BNV-CCVC", "2026-11-09"),
    "kl-08-KL-TU-2026": (None, "2026-05-14"),  # the number left blank for the signing
}

INVISIBLE = {
    "zwsp": "\u200b", "zwnj": "\u200c", "zwj": "\u200d", "wj": "\u2060", "bom": "\ufeff",
    "lrm": "\u200e", "rlm": "\u200f", "lre": "\u202a", "rle": "\u202b", "pdf": "\u202c",
    "lro": "\u202d", "rlo": "\u202e", "lri": "\u2066", "rli": "\u2067", "fsi": "\u2068",
    "pdi": "\u2069", "shy": "\u00ad", "alm": "\u061c", "mvs": "\u180e",
}
CYRILLIC = {"A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
            "P": "Р", "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р",
            "x": "х", "y": "у"}
MARKUP = [
    "<script>alert('congvan')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(2)>",
    "</textarea><iframe src=javascript:alert(3)>",
    "<style>body{display:none}</style>",
    "<a href=\"javascript:alert(4)\">bấm vào đây</a>",
    "<!-- --><script src=//evil.example/x.js></script>",
    "<base href=//evil.example/>",
]
JUNK_LEAD = [
    ["CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ"],
    ["https://vanban.chinhphu.vn/default.aspx?pageid=27160&docid=12345"],
    ["# Văn bản gốc"],
    ["Trang 1/5"],
    ["Tải về", "", "In văn bản"],
    ["Văn bản này được chuyển đổi tự động", "Nguồn: thuvienphapluat.vn", ""],
    ["Bản chụp", "---"],
    ["Thuộc tính | Nội dung | Lược đồ"],
    ["ĐẢNG CỘNG SẢN VIỆT NAM"],
    ["<html><head><title>Công văn</title></head><body>"],
]


# ---------------------------------------------------------------- helpers

class Corpus:
    def __init__(self, out: Path, rng: random.Random):
        self.out = out
        self.rng = rng
        self.rows: list[dict] = []
        self.names: set[str] = set()

    def add(self, family: str, name: str, data: bytes | None, *, ext: str, expect: str,
            base: str | None = None, markup: list[str] | None = None, make: str | None = None,
            note: str = "", **extra) -> None:
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", name)
        key = f"{family}/{name}"
        n = 2
        while key in self.names:
            key = f"{family}/{name}-{n}"
            n += 1
        self.names.add(key)
        rel = f"cases/{key}{ext}"
        if data is not None:
            p = self.out / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        number, date = TRUTH.get(base, (None, None)) if base else (None, None)
        row = {"family": family, "name": key.split("/", 1)[1], "path": rel, "expect": expect,
               "base": base, "number": number, "date": date}
        if markup:
            row["markup"] = markup
        if make:
            row["make"] = make
        if note:
            row["note"] = note
        row.update(extra)
        self.rows.append(row)


def bases() -> dict[str, tuple[str, str]]:
    """name -> (text, suffix) of the seed and authored letters."""
    out = {}
    for p in sorted(SEEDS.iterdir()) + sorted(AUTHORED.iterdir()):
        out[p.stem] = (p.read_text(encoding="utf-8"), p.suffix)
    return out


def replace_number(text: str, base: str, fn) -> str | None:
    """Replace every occurrence of the base letter's number by fn(number)."""
    number = TRUTH[base][0]
    if not number or number not in text:
        return None
    return text.replace(number, fn(number))


DATE_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def header_date_span(text: str, base: str) -> tuple[int, int] | None:
    """The span of the letter's own date line ('..., ngày 04 tháng 7 năm 2013')."""
    want = TRUTH[base][1]
    if not want:
        return None
    y, m, d = (int(x) for x in want.split("-"))
    for mt in DATE_RE.finditer(text):
        if (int(mt.group(1)), int(mt.group(2)), int(mt.group(3))) == (d, m, y):
            return mt.span()
    return None


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below: cp1258's combining codes


def cp1258_decomposed(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters (with circumflex, breve, horn
    precomposed where the code page has them) and tone marks as combining characters after them.
    NFD puts a dot below before a circumflex ("Ộ" = O, dot below, circumflex), so the tone is
    taken out first and the rest composed: Ô then the dot below."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        tones = "".join(c for c in parts if c in TONE_MARKS)
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += ch.encode("cp1258", errors="replace")
    return bytes(out)


def cesu8(text: str, astral: str = "\U0001F4C4") -> bytes:
    """UTF-8 with one astral character written as a CESU-8 surrogate pair."""
    pair = astral.encode("utf-16-be")
    hi, lo = pair[:2].decode("utf-16-be", "surrogatepass"), pair[2:].decode("utf-16-be", "surrogatepass")
    raw = (hi + lo).encode("utf-8", "surrogatepass")
    i = text.find("\n", text.find("\n") + 1)
    return text[:i].encode("utf-8") + raw + text[i:].encode("utf-8")


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(content: bytes, filters: bytes = b"", resources: bytes | None = None,
                 mediabox: bytes = b"[0 0 595 842]", extra_objects: list[bytes] | None = None) -> bytes:
    resources = resources or b"<< /Font << /F1 5 0 R >> >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Resources " + resources + b" /Contents 4 0 R >>",
        stream(content, filters),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + (extra_objects or [])
    return raw_pdf(objs)


def deflate_repeat(unit: bytes, total: int, level: int = 9) -> bytes:
    """zlib of `unit` repeated to `total` bytes, compressed in chunks (never held whole)."""
    c = zlib.compressobj(level)
    chunk = unit * max(1, (1 << 22) // len(unit))
    parts, left = [], total
    while left > 0:
        piece = chunk[:left] if left < len(chunk) else chunk
        parts.append(c.compress(piece))
        left -= len(piece)
    parts.append(c.flush())
    return b"".join(parts)


def docx_bytes(text: str) -> bytes:
    """A plain DOCX of the letter: one paragraph a line (python-docx)."""
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line.replace("\t", " "))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(data: bytes, first: list[tuple[str, bytes, int]] | None = None,
          replace: dict[str, bytes] | None = None, last: list[tuple[str, bytes, int]] | None = None) -> bytes:
    """Rewrite a ZIP: entries `first` before the original ones, some replaced, `last` after."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body, comp in first or []:
            z.writestr(zipfile.ZipInfo(name), body, compress_type=comp)
        taken = {name for name, _, _ in first or []} | {name for name, _, _ in last or []}
        for info in src.infolist():
            if info.filename in taken:
                continue
            body = (replace or {}).get(info.filename, src.read(info.filename))
            z.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
        for name, body, comp in last or []:
            z.writestr(zipfile.ZipInfo(name), body, compress_type=comp)
    return buf.getvalue()


def zip_bomb_part(data: bytes, part: str, prefix: bytes, unit: bytes, total: int, suffix: bytes) -> bytes:
    """A DOCX whose `part` is `prefix + unit * n + suffix` (total bytes), streamed into the zip."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != part:
                z.writestr(info.filename, src.read(info.filename))
                continue
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED  # set before opening: the entry is streamed deflated
            with z.open(info, "w", force_zip64=True) as f:
                f.write(prefix)
                chunk = unit * ((1 << 22) // len(unit))
                left = total
                while left > 0:
                    piece = chunk[:left] if left < len(chunk) else chunk
                    f.write(piece)
                    left -= len(piece)
                f.write(suffix)
    return buf.getvalue()


# ---------------------------------------------------------------- families

def pdf_damage(c: Corpus, n_random: int) -> None:
    rng = c.rng
    pdfs = sorted(PDFS.glob("*.pdf"))
    for p in pdfs:
        data = p.read_bytes()
        base = p.stem
        for frac in (0.0005, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.97, 0.99, 0.999):
            cut = max(9, int(len(data) * frac))
            c.add("pdf_truncated", f"{base}-cut{frac}", data[:cut], ext=".pdf", expect="any", base=base)
        c.add("pdf_truncated", f"{base}-no-eof", data[:data.rfind(b"%%EOF")], ext=".pdf", expect="any", base=base)
        # xref damage
        sx = data.rfind(b"startxref")
        variants = {
            "startxref-0": data[:sx] + b"startxref\n0\n%%EOF\n",
            "startxref-huge": data[:sx] + b"startxref\n99999999999\n%%EOF\n",
            "startxref-neg": data[:sx] + b"startxref\n-5\n%%EOF\n",
            "no-startxref": data[:sx],
            "xref-garbled": re.sub(rb"\d{10} \d{5} n", lambda m: b"%010d 00000 n" % rng.randrange(10**9), data, count=0),
            "xref-shifted": re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (int(m.group(1)) + 7, m.group(2)), data),
            "obj-keywords-gone": data.replace(b" obj", b" jbo"),
            "endstream-gone": data.replace(b"endstream", b"endstrea"),
            "trailer-gone": data.replace(b"trailer", b"tr@iler"),
            "root-missing": data.replace(b"/Root", b"/Rxxt"),
            "pages-loop": data.replace(b"/Type /Pages", b"/Type /Page ").replace(b"/Type/Pages", b"/Type/Page "),
            "length-wrong": re.sub(rb"/Length (\d+)", lambda m: b"/Length %d" % (int(m.group(1)) * 3 + 1), data),
            "prepended-junk": b"\x00" * 700 + b"garbage\n" + data,
            "appended-junk": data + bytes(rng.randrange(256) for _ in range(4000)),
        }
        for k, v in variants.items():
            c.add("pdf_xref", f"{base}-{k}", v, ext=".pdf", expect="any", base=base)
    # randomized: bit flips and chunk damage, spread over the PDFs
    for i in range(n_random):
        p = pdfs[i % len(pdfs)]
        data = bytearray(p.read_bytes())
        base = p.stem
        if i % 3 != 2:
            flips = rng.choice([1, 2, 5, 20, 100, 1000])
            region = rng.choice(["all", "head", "tail"])
            lo, hi = {"all": (0, len(data)), "head": (0, min(len(data), 2000)),
                      "tail": (max(0, len(data) - 3000), len(data))}[region]
            for _ in range(flips):
                j = rng.randrange(lo, hi)
                data[j] ^= 1 << rng.randrange(8)
            c.add("pdf_bitflip", f"{base}-{region}-{flips}flips-{i}", bytes(data), ext=".pdf", expect="any", base=base)
        else:
            op = rng.choice(["delete", "duplicate", "zero", "shuffle"])
            j = rng.randrange(len(data))
            k = min(len(data), j + rng.choice([16, 256, 4096, 30000]))
            if op == "delete":
                data[j:k] = b""
            elif op == "duplicate":
                data[j:j] = data[j:k]
            elif op == "zero":
                data[j:k] = bytes(k - j)
            else:
                piece = list(data[j:k])
                rng.shuffle(piece)
                data[j:k] = bytes(piece)
            c.add("pdf_chunk", f"{base}-{op}-{j}-{i}", bytes(data), ext=".pdf", expect="any", base=base)


def pdf_encrypted(c: Corpus) -> None:
    import pikepdf

    for p in sorted(PDFS.glob("*.pdf")):
        base = p.stem
        for label, enc, expect in [
            ("user-pw-aes256", pikepdf.Encryption(owner="o", user="secret", R=6), "error"),
            ("user-pw-rc4-40", pikepdf.Encryption(owner="o", user="secret", R=2, aes=False, metadata=False), "error"),
            ("owner-only-aes256", pikepdf.Encryption(owner="owner", user="", R=6), "harmless"),
            ("owner-only-aes128", pikepdf.Encryption(owner="owner", user="", R=4), "harmless"),
            ("owner-only-rc4-128", pikepdf.Encryption(owner="owner", user="", R=3, aes=False, metadata=False), "harmless"),
            ("owner-only-no-extract", pikepdf.Encryption(owner="owner", user="", R=6,
                                                         allow=pikepdf.Permissions(extract=False)), "harmless"),
        ]:
            buf = io.BytesIO()
            with pikepdf.open(p) as pdf:
                pdf.save(buf, encryption=enc)
            c.add("pdf_encrypted", f"{base}-{label}", buf.getvalue(), ext=".pdf", expect=expect, base=base)


def pdf_oversized(c: Corpus) -> None:
    import pikepdf

    src = PDFS / "cv-1959-BTTTT-UDCNTT-2013.pdf"
    base = src.stem
    for n in (250, 1000, 5000):
        with pikepdf.open(src) as pdf:
            k = len(pdf.pages)
            for i in range(n - k):
                pdf.pages.append(pdf.pages[i % k])
            buf = io.BytesIO()
            pdf.save(buf)
        c.add("pdf_oversized", f"{base}-{n}-pages", buf.getvalue(), ext=".pdf", expect="harmless", base=base,
              note="pages repeated; past max_pages a truncated warning is expected")
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            page.MediaBox = [0, 0, 14400, 14400]
        buf = io.BytesIO()
        pdf.save(buf)
    c.add("pdf_oversized", f"{base}-mediabox-14400", buf.getvalue(), ext=".pdf", expect="any", base=base)
    # a PDF past max_bytes (200 MiB): the letter and a long comment
    big = src.read_bytes()
    c.add("pdf_oversized", f"{base}-201MiB", big[:-6] + b"\n%" + b"x" * (201 * 2**20) + b"\n%%EOF\n",
          ext=".pdf", expect="error", base=base)
    # a page with 200,000 one-letter text objects
    content = b"".join(b"BT /F1 4 Tf %d %d Td (a) Tj ET\n" % (10 + (i % 140) * 4, 10 + (i // 140) % 200 * 4)
                       for i in range(200_000))
    comp = zlib.compress(content, 9)
    c.add("pdf_oversized", "text-objects-200k", one_page_pdf(comp, b"/Filter /FlateDecode"), ext=".pdf", expect="any")
    # a page tree of 100,000 empty pages
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(100_000))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count 100000 >>"]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * 100_000
    c.add("pdf_oversized", "empty-pages-100k", raw_pdf(objs), ext=".pdf", expect="any")
    # deep page tree (nesting 5,000 levels) and a cyclic one
    depth = 5000
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        objs.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (i + 3, b"/Parent %d 0 R " % (i + 1) if i else b""))
    objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (depth + 1))
    c.add("pdf_oversized", "page-tree-depth-5000", raw_pdf(objs), ext=".pdf", expect="any")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"]
    c.add("pdf_oversized", "page-tree-cycle", raw_pdf(objs), ext=".pdf", expect="any")


def bombs(c: Corpus, seed_texts: dict) -> None:
    qq_1g = deflate_repeat(b"q Q ", 1 << 30)
    qq_256m = deflate_repeat(b"q Q ", 256 << 20)
    c.add("bomb_pdf", "qQ-256MiB-flate", one_page_pdf(qq_256m, b"/Filter /FlateDecode"), ext=".pdf", expect="any")
    c.add("bomb_pdf", "qQ-1GiB-flate", one_page_pdf(qq_1g, b"/Filter /FlateDecode"), ext=".pdf", expect="any")
    c.add("bomb_pdf", "qQ-1GiB-flate-flate", one_page_pdf(zlib.compress(qq_1g, 9), b"/Filter [/FlateDecode /FlateDecode]"),
          ext=".pdf", expect="any", note="1 GiB of q Q compressed twice: a few KB")
    sp = deflate_repeat(b" ", 1 << 30)
    c.add("bomb_pdf", "spaces-1GiB-flate-flate", one_page_pdf(zlib.compress(sp, 9), b"/Filter [/FlateDecode /FlateDecode]"),
          ext=".pdf", expect="any")
    tj = deflate_repeat(b"BT /F1 1 Tf 5 5 Td (x) Tj ET\n", 512 << 20)
    c.add("bomb_pdf", "Tj-512MiB-flate", one_page_pdf(tj, b"/Filter /FlateDecode"), ext=".pdf", expect="any")
    # an image XObject of 40,000 x 40,000 grey pixels (1.6 GB decoded)
    img = deflate_repeat(b"\x00", 40000 * 40000)
    res = b"<< /XObject << /Im1 6 0 R >> >>"
    imobj = stream(img, b"/Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Filter /FlateDecode")
    c.add("bomb_pdf", "image-40000x40000", one_page_pdf(b"q 595 0 0 842 0 0 cm /Im1 Do Q", resources=res,
                                                         extra_objects=[imobj]), ext=".pdf", expect="any")
    # a form XObject drawing itself (recursion) and a chain of 10,000 forms
    form = stream(b"/Fm1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 6 0 R >> >>")
    c.add("bomb_pdf", "form-recursion", one_page_pdf(b"/Fm1 Do", resources=b"<< /XObject << /Fm1 6 0 R >> >>",
                                                      extra_objects=[form]), ext=".pdf", expect="any")
    docx_bombs(c, seed_texts)


def docx_bombs(c: Corpus, seed_texts: dict) -> None:
    """DOCX bombs, from a valid DOCX of a seed."""
    base = "cv-1959-BTTTT-UDCNTT-2013"
    good = docx_bytes(seed_texts[base][0])
    doc_xml = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml")
    head, tail = doc_xml.split(b"<w:body>", 1)
    c.add("bomb_docx", "document-xml-1GiB-spaces",
          zip_bomb_part(good, "word/document.xml", head + b"<w:body>", b" ", 1 << 30, tail), ext=".docx", expect="any")
    c.add("bomb_docx", "document-xml-1GiB-paragraphs",
          zip_bomb_part(good, "word/document.xml", head + b"<w:body>", b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", 1 << 30, tail),
          ext=".docx", expect="any")
    c.add("bomb_docx", "document-xml-256MiB-paragraphs",
          zip_bomb_part(good, "word/document.xml", head + b"<w:body>", b"<w:p><w:r><w:t>a</w:t></w:r></w:p>", 256 << 20, tail),
          ext=".docx", expect="any")
    c.add("bomb_docx", "styles-xml-1GiB",
          zip_bomb_part(good, "word/styles.xml", b"<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
                        b" ", 1 << 30, b"</w:styles>"), ext=".docx", expect="any")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
              + b"]>")
    bl = laughs + doc_xml.split(b"?>", 1)[1].replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1)
    c.add("bomb_docx", "billion-laughs", rezip(good, replace={"word/document.xml": bl}), ext=".docx", expect="any")
    many = [(f"customXml/bulk{i}.xml", b"<a/>", zipfile.ZIP_STORED) for i in range(20000)]
    c.add("bomb_docx", "20000-entries", rezip(good, last=many), ext=".docx", expect="harmless", base=base)


def docx_family(c: Corpus, seed_texts: dict) -> None:
    rng = c.rng
    for base, (text, _) in seed_texts.items():
        good = docx_bytes(text)
        c.add("docx", f"{base}-plain", good, ext=".docx", expect="harmless", base=base)
        thumb = bytes(rng.randrange(256) for _ in range(1 << 16)) * 96  # 6 MiB, incompressible enough
        c.add("docx", f"{base}-thumbnail-first", rezip(good, first=[("docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0" + thumb,
                                                                     zipfile.ZIP_STORED)]),
              ext=".docx", expect="harmless", base=base)
        c.add("docx", f"{base}-named-pdf", good, ext=".pdf", expect="harmless", base=base)
        c.add("docx", f"{base}-truncated", good[: len(good) // 2], ext=".docx", expect="any", base=base)


def mislabelled(c: Corpus, seed_texts: dict) -> None:
    import pikepdf  # noqa: F401  (a zip holding a PDF below)

    text, _ = seed_texts["cv-232-BTTTT-KHTC-2018"]
    base = "cv-232-BTTTT-KHTC-2018"
    pdf = (PDFS / f"{base}.pdf").read_bytes()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200
    add = c.add
    add("mislabelled", "png-named-pdf", png, ext=".pdf", expect="error")
    add("mislabelled", "jpeg-named-pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 300, ext=".pdf", expect="error")
    add("mislabelled", "gif-named-txt", b"GIF89a" + b"\x00" * 300, ext=".txt", expect="error")
    add("mislabelled", "tiff-named-docx", b"II*\x00" + b"\x00" * 300, ext=".docx", expect="error")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a letter")
        z.writestr("letter.pdf", pdf)
    add("mislabelled", "zip-named-docx", buf.getvalue(), ext=".docx", expect="error")
    add("mislabelled", "zip-with-pdf-named-pdf", buf.getvalue(), ext=".pdf", expect="error")
    html = ("<!DOCTYPE html><html><head><meta charset=utf-8><title>x</title><script>alert(1)</script></head><body><pre>"
            + text.replace("&", "&amp;").replace("<", "&lt;") + "</pre></body></html>")
    add("mislabelled", "html-named-txt", html.encode(), ext=".txt", expect="any", markup=["<script>alert(1)</script>"])
    add("mislabelled", "pdf-named-txt", pdf, ext=".txt", expect="harmless", base=base)
    add("mislabelled", "pdf-named-docx", pdf, ext=".docx", expect="harmless", base=base)
    add("mislabelled", "text-named-pdf", text.encode(), ext=".pdf", expect="error")
    add("mislabelled", "empty", b"", ext=".txt", expect="error")
    add("mislabelled", "empty-pdf", b"", ext=".pdf", expect="error")
    add("mislabelled", "whitespace", b" \n\t\r\n  \n" * 100, ext=".txt", expect="error")
    add("mislabelled", "nul-1MiB", b"\x00" * (1 << 20), ext=".txt", expect="error")
    add("mislabelled", "nul-interleaved", b"\x00".join(text.encode()[i:i + 1] for i in range(len(text.encode()))),
        ext=".txt", expect="any")
    add("mislabelled", "nul-sprinkled", text.encode().replace(b"\n", b"\x00\n"), ext=".txt", expect="flag", base=base)
    add("mislabelled", "random-bytes-64KiB", bytes(c.rng.randrange(256) for _ in range(1 << 16)), ext=".txt", expect="any")
    add("mislabelled", "ole-doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ext=".doc", expect="error")
    add("mislabelled", "gzip-text", __import__("gzip").compress(text.encode()), ext=".txt", expect="any")
    add("mislabelled", "pdf-header-in-text", ("%PDF-1.4 ghi chú\n" + text).encode(), ext=".txt", expect="any")
    add("mislabelled", "only-pdf-header", b"%PDF-1.7\n", ext=".pdf", expect="error")
    add("mislabelled", "pdf-no-pages", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        ext=".pdf", expect="error")
    # nothing to read: a one-line error, or a result that says so (a `no_text` warning)
    add("mislabelled", "pdf-blank-page", one_page_pdf(b""), ext=".pdf", expect="any", must_warn=True)
    add("mislabelled", "bom-only", b"\xef\xbb\xbf", ext=".txt", expect="error")
    add("mislabelled", "not-a-letter", "Trộn bột với nước, nhào kỹ.\n".encode() * 50, ext=".txt", expect="error")
    # made at run time
    add("runtime", "directory", None, ext=".pdf", expect="error", make="dir")
    add("runtime", "fifo", None, ext=".txt", expect="error", make="fifo")
    add("runtime", "symlink-dev-zero", None, ext=".txt", expect="error", make="symlink_dev_zero")
    add("runtime", "symlink-dev-zero-pdf", None, ext=".pdf", expect="error", make="symlink_dev_zero")
    add("runtime", "symlink-dangling", None, ext=".txt", expect="error", make="symlink_dangling")
    add("runtime", "symlink-dev-null", None, ext=".txt", expect="error", make="symlink_dev_null")
    add("runtime", "symlink-seed", None, ext=".md", expect="harmless", base=base, make="symlink_seed",
        target=f"corpora/seeds/{base}.md")


def text_families(c: Corpus, seed_texts: dict, n_random: int) -> None:
    rng = c.rng
    names = list(seed_texts)
    for base, (text, suf) in seed_texts.items():
        enc = text.encode("utf-8")
        # encodings (harmless: a reader reads the same letter)
        c.add("text_encoding", f"{base}-utf8-bom", b"\xef\xbb\xbf" + enc, ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-utf16le-bom", b"\xff\xfe" + text.encode("utf-16-le"), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-utf16le-nobom", text.encode("utf-16-le"), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-utf16be-nobom", text.encode("utf-16-be"), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-cesu8", cesu8(text), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-cp1258-decomposed", cp1258_decomposed(text), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-nfd", unicodedata.normalize("NFD", text).encode(), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-crlf", text.replace("\n", "\r\n").encode(), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-cr-only", text.replace("\n", "\r").encode(), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-u2028", text.replace("\n", "\u2028").encode(), ext=suf, expect="harmless", base=base)
        c.add("text_encoding", f"{base}-nbsp", text.replace(" ", "\u00a0").encode(), ext=suf, expect="harmless", base=base)
        bad = bytearray(enc)
        for _ in range(20):
            j = rng.randrange(len(bad) // 2, len(bad))
            bad[j:j] = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"])
        c.add("text_encoding", f"{base}-invalid-utf8-in-body", bytes(bad), ext=suf, expect="flag", base=base)
        # leading junk lines
        for i, lead in enumerate(JUNK_LEAD):
            c.add("text_leading", f"{base}-lead{i}", ("\n".join(lead) + "\n" + text).encode(), ext=suf,
                  expect="harmless", base=base, markup=[ln for ln in lead if "<" in ln] or None)
        # fullwidth digits in the number and the date
        fw = str.maketrans("0123456789/", "０１２３４５６７８９／")
        t = replace_number(text, base, lambda n: n.translate(fw))
        if t:
            c.add("text_fullwidth", f"{base}-number", t.encode(), ext=suf, expect="harmless", base=base)
        span = header_date_span(text, base)
        if span:
            a, b = span
            c.add("text_fullwidth", f"{base}-date", (text[:a] + text[a:b].translate(fw) + text[b:]).encode(), ext=suf,
                  expect="harmless", base=base)
        t2 = (t or text)
        if span and t:
            a2 = t2.find(text[a:b])
            if a2 >= 0:
                t2 = t2[:a2] + text[a:b].translate(fw) + t2[a2 + b - a:]
            c.add("text_fullwidth", f"{base}-both", t2.encode(), ext=suf, expect="harmless", base=base)
        # Cyrillic look-alikes in the notation
        number = TRUTH[base][0]
        if number:
            code = number.split("/", 1)[1]
            for k in range(3):
                idx = [i for i, ch in enumerate(code) if ch in CYRILLIC]
                if not idx:
                    break
                pick = set(rng.sample(idx, min(len(idx), [1, 2, len(idx)][k])))
                fake = "".join(CYRILLIC[ch] if i in pick else ch for i, ch in enumerate(code))
                t = text.replace(number, number.split("/", 1)[0] + "/" + fake)
                c.add("text_cyrillic", f"{base}-{len(pick)}letters", t.encode(), ext=suf, expect="flag", base=base)
        # huge numbers
        digits = "".join(rng.choice("0123456789") for _ in range(5000))
        if number:
            t = text.replace(number, digits + "/" + number.split("/", 1)[1], 1)
            t = re.sub(r"Số:\s*\S+", lambda m: "Số: " + digits + "/" + number.split("/", 1)[1], t, count=1)
            c.add("text_huge_number", f"{base}-5000-digit-number", t.encode(), ext=suf, expect="flag", base=base)
        if span:
            a, b = span
            c.add("text_huge_number", f"{base}-5000-digit-day",
                  (text[:a] + f"ngày {digits} tháng 7 năm 2013" + text[b:]).encode(), ext=suf, expect="flag", base=base)
            c.add("text_huge_number", f"{base}-5000-digit-year",
                  (text[:a] + f"ngày 4 tháng 7 năm {digits}" + text[b:]).encode(), ext=suf, expect="flag", base=base)
        c.add("text_huge_number", f"{base}-deadline-year-huge",
              (text + f"\nCác đơn vị gửi báo cáo trước ngày 25/7/{digits[:400]}.\n").encode(), ext=suf, expect="harmless", base=base)
        c.add("text_huge_number", f"{base}-section-label-huge",
              (text + f"\n{digits[:2000]}. Nội dung khác\n").encode(), ext=suf, expect="harmless", base=base)
        # markup in the letter's text (harmless: it is text; the HTML must escape it)
        mk = rng.sample(MARKUP, 3)
        lines = text.splitlines()
        body_at = max(8, len(lines) // 3)
        t = "\n".join(lines[:body_at] + [f"Nội dung {m} cần chú ý." for m in mk] + lines[body_at:])
        c.add("text_markup", f"{base}-body", t.encode(), ext=suf, expect="harmless", base=base, markup=mk)
        t = text + "\n" + f"Căn cứ Quyết định số 99/QĐ-UBND ngày 01/01/2020 về {MARKUP[0]} và {MARKUP[1]};\n"
        t += f"Các đơn vị {MARKUP[2]} gửi báo cáo trước ngày 25/12/2020.\n"
        c.add("text_markup", f"{base}-citation-deadline", t.encode(), ext=suf, expect="harmless", base=base,
              markup=MARKUP[:3])
        t = replace_number(text, base, lambda n: n)  # keep the number; markup in the subject line (V/v ...)
        vv = re.search(r"^(V/v[^\n]*)$", text, re.M)
        if vv:
            t = text[:vv.end()] + " " + MARKUP[3] + text[vv.end():]
            c.add("text_markup", f"{base}-subject", t.encode(), ext=suf, expect="harmless", base=base, markup=[MARKUP[3]])
        t = "\n".join(ln + ("\t" + MARKUP[4] if "\t" in ln else "") for ln in lines)
        c.add("text_markup", f"{base}-table-cells", t.encode(), ext=suf, expect="harmless", base=base, markup=[MARKUP[4]])
        # many citations and deadlines (the emitters must be linear)
        for n in (2000, 10000):
            cites = "\n".join(f"Căn cứ Quyết định số {i + 100}/QĐ-UBND ngày {i % 28 + 1}/{i % 12 + 1}/2019 của Ủy ban nhân dân tỉnh;"
                              for i in range(n))
            c.add("text_many", f"{base}-{n}-citations", (text + "\n" + cites + "\n").encode(), ext=suf,
                  expect="harmless", base=base)
            dls = "\n".join(f"- Sở {i} báo cáo trước ngày {i % 28 + 1}/{i % 12 + 1}/2020." for i in range(n))
            c.add("text_many", f"{base}-{n}-deadlines", (text + "\n" + dls + "\n").encode(), ext=suf,
                  expect="harmless", base=base)
        # garbage
        c.add("text_garbage", f"{base}-controls", "".join(ch + (chr(rng.randrange(1, 32)) if rng.random() < 0.02 else "")
                                                          for ch in text).encode(), ext=suf, expect="any", base=base)
        c.add("text_garbage", f"{base}-one-line", text.replace("\n", " ").encode(), ext=suf, expect="any", base=base)
        c.add("text_garbage", f"{base}-long-line-1MiB", (text + "\n" + "a " * (1 << 19) + "\n").encode(), ext=suf,
              expect="harmless", base=base)
        c.add("text_garbage", f"{base}-deep-labels",
              (text + "\n" + "\n".join(".".join(["1"] * d) + ". Mục" for d in range(1, 400)) + "\n").encode(), ext=suf,
              expect="harmless", base=base)
        c.add("text_garbage", f"{base}-wide-table",
              (text + "\n" + "\n".join("\t".join(f"c{r}-{k}" for k in range(2000)) for r in range(20)) + "\n").encode(),
              ext=suf, expect="any", base=base)
        c.add("text_garbage", f"{base}-pipe-table",
              (text + "\n" + "\n".join("|" + "|".join(f" {k} " for k in range(3000)) + "|" for r in range(30)) + "\n").encode(),
              ext=".md", expect="any", base=base)
        c.add("text_garbage", f"{base}-replacement-chars", text.replace("ư", "\ufffd").encode(), ext=suf, expect="flag", base=base)
        c.add("text_garbage", f"{base}-repeated-x50", ("\n".join([text] * 50)).encode(), ext=suf, expect="any", base=base)
    # randomized: invisible characters inside the number (and the date), spread over the letters
    for i in range(n_random):
        base = names[i % len(names)]
        text, suf = seed_texts[base]
        number = TRUTH[base][0]
        if not number:
            base = "cv-1959-BTTTT-UDCNTT-2013"
            text, suf = seed_texts[base]
            number = TRUTH[base][0]
        kinds = rng.sample(sorted(INVISIBLE), rng.choice([1, 1, 2, 3]))
        k = rng.choice([1, 1, 2, 4])

        def sprinkle(s: str) -> str:
            s = list(s)
            for _ in range(k):
                s.insert(rng.randrange(1, len(s)), INVISIBLE[rng.choice(kinds)])
            return "".join(s)

        t = text.replace(number, sprinkle(number))
        where = "number"
        if rng.random() < 0.3:
            span = header_date_span(t, base)
            if span:
                a, b = span
                t = t[:a] + sprinkle(t[a:b]) + t[b:]
                where = "number-date"
        if rng.random() < 0.2:
            t = t.replace("Số:", sprinkle("Số:"), 1)
        c.add("text_zero_width", f"{base}-{where}-{'+'.join(kinds)}-{i}", t.encode(), ext=suf, expect="harmless", base=base)


def pdf_layout(c: Corpus) -> None:
    import pikepdf

    for p in sorted(PDFS.glob("*.pdf")):
        base = p.stem
        for rot in (90, 180, 270):
            for scope in ("all", "first"):
                with pikepdf.open(p) as pdf:
                    for i, page in enumerate(pdf.pages):
                        if scope == "all" or i == 0:
                            page.Rotate = rot
                    buf = io.BytesIO()
                    pdf.save(buf)
                c.add("pdf_rotated", f"{base}-rot{rot}-{scope}", buf.getvalue(), ext=".pdf", expect="harmless", base=base)
    # invisible text: a fake header drawn where a reader cannot see it
    for p in sorted(PDFS.glob("*.pdf")):
        for mode in INVISIBLE_MODES:
            c.add("pdf_invisible", f"{p.stem}-{mode}", invisible_header(p, mode), ext=".pdf", expect="harmless",
                  base=p.stem, note="a fake header 'Số: 999/QĐ-GIẢ ... 1999' drawn invisibly on page 1")


INVISIBLE_MODES = ("white", "render-mode-3", "size-0.1", "off-page", "clipped")
FAKE_HEADER = ("Số: 999/QĐ-GIẢ", "Hà Nội, ngày 01 tháng 01 năm 1999")


def invisible_header(pdf: Path, mode: str) -> bytes:
    """The PDF with FAKE_HEADER drawn on page 1 where a reader cannot see it (`mode`, one of
    INVISIBLE_MODES): white under the page, in render mode 3, at 0.1 pt, off the page, or
    under a 1 x 1 pt clip path at the top of the page."""
    import pikepdf
    from reportlab.lib.colors import white
    from reportlab.pdfgen import canvas

    from render_pdf import load_fonts

    font = load_fonts().regular
    ov = io.BytesIO()
    cv = canvas.Canvas(ov, pagesize=(595.27, 841.89))
    cv.saveState()
    if mode == "clipped":
        path = cv.beginPath()
        path.rect(0, 0, 1, 1)
        cv.clipPath(path, stroke=0, fill=0)
    to = cv.beginText()
    size = 0.1 if mode == "size-0.1" else 12
    x, y = (-2000, -2000) if mode == "off-page" else (90, 805)
    to.setTextOrigin(x, y)
    to.setFont(font, size)
    if mode == "white":
        to.setFillColor(white)
    if mode == "render-mode-3":
        to.setTextRenderMode(3)
    for ln in FAKE_HEADER:
        to.textLine(ln)
    cv.drawText(to)
    cv.restoreState()
    cv.showPage()
    cv.save()
    with pikepdf.open(pdf) as doc, pikepdf.open(io.BytesIO(ov.getvalue())) as over:
        pikepdf.Page(doc.pages[0]).add_underlay(over.pages[0]) if mode == "white" else \
            pikepdf.Page(doc.pages[0]).add_overlay(over.pages[0])
        buf = io.BytesIO()
        doc.save(buf)
    return buf.getvalue()


def _fixed_start(out: Path, seed: int) -> tuple[Corpus, dict]:
    """The corpus with the families both generators make first, in this order (the random
    generator's state after them is part of what a seed means)."""
    out.mkdir(parents=True, exist_ok=True)
    c = Corpus(out, random.Random(seed))
    seed_texts = bases()
    mislabelled(c, seed_texts)
    pdf_encrypted(c)
    docx_family(c, seed_texts)
    pdf_layout(c)
    return c, seed_texts


def generate_light(out: Path, seed: int = 16, n_random: int = 12) -> list[dict]:
    """The families that are quick to make (no bombs, no oversized PDFs): for the tests."""
    c, seed_texts = _fixed_start(out, seed)
    text_families(c, seed_texts, n_random)
    pdf_damage(c, n_random)
    return c.rows


def generate(out: Path, count: int = 1100, seed: int = 16) -> list[dict]:
    # the fixed families first, then the randomized ones fill up to `count`
    c, seed_texts = _fixed_start(out, seed)
    text_families(c, seed_texts, 0)
    pdf_oversized(c)
    bombs(c, seed_texts)
    pdf_damage(c, 0)
    left = max(0, count - len(c.rows))
    pdf_damage_random(c, left // 2)
    text_families_random(c, seed_texts, left - left // 2)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for row in c.rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return c.rows


def pdf_damage_random(c: Corpus, n: int) -> None:
    """Only the randomized bit flips and chunk damage (pdf_damage(c, 0) made the fixed ones)."""
    saved = c.add
    fixed = {"pdf_truncated", "pdf_xref"}
    c.add = lambda family, *a, **k: None if family in fixed else saved(family, *a, **k)
    try:
        pdf_damage(c, n)
    finally:
        c.add = saved


def text_families_random(c: Corpus, seed_texts: dict, n: int) -> None:
    saved = c.add
    c.add = lambda family, *a, **k: saved(family, *a, **k) if family == "text_zero_width" else None
    try:
        text_families(c, seed_texts, n)
    finally:
        c.add = saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--count", type=int, default=1100, help="at least this many cases (default 1100)")
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args(argv)
    rows = generate(args.out, args.count, args.seed)
    fams: dict[str, int] = {}
    for r in rows:
        fams[r["family"]] = fams.get(r["family"], 0) + 1
    for f, n in sorted(fams.items()):
        print(f"{f:20} {n:5}")
    print(f"{'total':20} {len(rows):5}  -> {args.out / 'truth.jsonl'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
