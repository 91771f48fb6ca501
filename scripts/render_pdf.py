#!/usr/bin/env python3
"""Render the seed letters into digital PDFs laid out like real Vietnamese official letters.

Each seed in ``corpora/seeds/`` (plain text or markdown converted from the original, with
OCR damage) becomes ``corpora/pdf/<stem>.pdf`` in the layout of Nghị định 30/2020/NĐ-CP,
so that the parser's PDF path can be tested on the same letters as its text path:

* page 1 header in two columns (issuer | quốc hiệu + tiêu ngữ, số | place and date,
  V/v | -), only with the parts the seed has;
* type name, trích yếu and authority line centred in bold (decisions);
* "Kính gửi:" with its list, body paragraphs justified with a first-line indent;
* closing as a two-column band: "Nơi nhận:" on the left, the signer on the right;
* each annex (Phụ lục) on a new page, its tables as ruled tables; forms ("Biểu 01/...")
  whose table is wide go on a landscape page;
* page numbers centred at the top of pages 2 and on.

With ``--legacy tcvn3`` (or ``vni``) every string is drawn as the legacy font would store it
(``congvan.encoding.from_unicode``: the encoding's code table, not the parser), with the same
ordinary font: the text layer then holds the legacy code points, as a letter typed in .VnTime
(TCVN3) or VNI-Times extracts ("Bé Th«ng tin vµ TruyÒn th«ng"). Font sizes are chosen on the
Unicode text, as for the Unicode twin; lines break where the drawn legacy text fills them (VNI's
two codes for a toned letter make its lines longer). Output: ``<stem>.<encoding>.pdf``.

The seed's parts are recognised with simple generic rules in this file.  This script does
not use the project's parser (it is the parser's test fixture).  Every line keeps the
seed's words exactly (OCR damage included); only markdown syntax is dropped.

Usage: python scripts/render_pdf.py [SEED ...] [-o DIR] [--legacy tcvn3|vni]
"""
from __future__ import annotations

import argparse
import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)
from reportlab.platypus.flowables import Flowable

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "corpora" / "seeds"
OUT_DIR = ROOT / "corpora" / "pdf"

# --------------------------------------------------------------------------- fonts

FONT_CANDIDATES = [
    # (family, directory, regular, bold, italic, bold italic)
    ("LiberationSerif", "/usr/share/fonts/truetype/liberation2",
     "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
    ("LiberationSerif", "/usr/share/fonts/truetype/liberation",
     "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
    # narrower than DejaVu Serif, so closer to Times in words per line
    ("DejaVuSerifCondensed", "/usr/share/fonts/truetype/dejavu",
     "DejaVuSerifCondensed.ttf", "DejaVuSerifCondensed-Bold.ttf",
     "DejaVuSerifCondensed-Italic.ttf", "DejaVuSerifCondensed-BoldItalic.ttf"),
    ("DejaVuSerif", "/usr/share/fonts/truetype/dejavu",
     "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
     "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
]
# Glyph fallback for the odd symbol the serif lacks (✓, ❧, ⁰, �).
FALLBACK_CANDIDATES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]

# Every letter of the Vietnamese alphabet with its tone marks: a font must have them all.
VIETNAMESE = unicodedata.normalize(
    "NFC",
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
)


@dataclass
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallback: str | None
    cmap: dict = field(repr=False, default_factory=dict)


_FONTS: Fonts | None = None


class FontError(RuntimeError):
    """No usable serif font with Vietnamese glyphs is installed."""


def load_fonts() -> Fonts:
    """Register the first serif family that has every Vietnamese glyph."""
    global _FONTS
    if _FONTS is not None:
        return _FONTS
    tried = []
    for family, folder, *files in FONT_CANDIDATES:
        paths = [Path(folder) / f for f in files]
        if not all(p.is_file() for p in paths):
            tried.append(f"{folder}/{files[0]} (missing)")
            continue
        regular = TTFont(f"CV-{family}", str(paths[0]))
        cmap = regular.face.charToGlyph
        lacking = [c for c in VIETNAMESE if ord(c) not in cmap]
        if lacking:
            tried.append(f"{paths[0]} (no Vietnamese glyphs, e.g. {''.join(lacking[:5])})")
            continue
        names = [f"CV-{family}", f"CV-{family}-Bold", f"CV-{family}-Italic",
                 f"CV-{family}-BoldItalic"]
        pdfmetrics.registerFont(regular)
        for name, path in zip(names[1:], paths[1:]):
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1],
                                      italic=names[2], boldItalic=names[3])
        fallback = None
        for fb in FALLBACK_CANDIDATES:
            if Path(fb).is_file():
                pdfmetrics.registerFont(TTFont("CV-Fallback", fb))
                fallback = "CV-Fallback"
                break
        _FONTS = Fonts(*names, fallback=fallback, cmap=cmap)
        return _FONTS
    raise FontError(
        "render_pdf: no serif font with Vietnamese glyphs found; tried:\n  "
        + "\n  ".join(tried)
        + "\nInstall fonts-dejavu-extra (apt-get install fonts-dejavu-extra).")


def with_fallback(markup: str) -> str:
    """Wrap characters the main font lacks in the fallback font (markup in, markup out)."""
    fonts = load_fonts()
    if not fonts.fallback:
        return markup
    out = []
    for piece in re.split(r"(<[^>]*>|&[#\w]+;)", markup):
        if not piece or piece.startswith("<") or (piece.startswith("&") and piece.endswith(";")):
            out.append(piece)
            continue
        run = []
        for ch in piece:
            if ord(ch) in fonts.cmap or ch in " \t\n":
                if run:
                    out.append(f'<font name="{fonts.fallback}">{"".join(run)}</font>')
                    run = []
                out.append(ch)
            else:
                run.append(ch)
        if run:
            out.append(f'<font name="{fonts.fallback}">{"".join(run)}</font>')
    return "".join(out)


# --------------------------------------------------------------------------- markdown

_PROTECT = 0xE000  # private-use plane: protected literal characters


def _protect(ch: str) -> str:
    return chr(_PROTECT + ord(ch))


def _restore(text: str) -> str:
    return re.sub("[\uE000-\uE0FF]", lambda m: chr(ord(m.group()) - _PROTECT), text)


def md_to_markup(text: str) -> str:
    """Markdown inline syntax -> reportlab paragraph markup (escaped, <b>/<i>).

    `text` may hold several lines (a block), so that emphasis may span lines.
    Asterisks that are not markdown emphasis (a footnote mark `tỉnh *`, `(*)`) stay.
    """
    # backslash escapes: \* -> literal *
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~>])", lambda m: _protect(m.group(1)), text)
    # a literal (*) or (**) marker
    text = re.sub(r"\((\*+)\)", lambda m: "(" + _protect("*") * len(m.group(1)) + ")", text)
    # links and images: keep the text
    text = re.sub(r"!?\[([^\]\n]*)\]\([^)\s]*\)", r"\1", text)
    text = escape(text)
    text = re.sub(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*", r"<b>\1</b>", text, flags=re.S)
    text = re.sub(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])", r"<i>\1</i>", text,
                  flags=re.S)
    # stray emphasis marks glued to a word (`biểu*`, `pháp lý**`, an unclosed `*Word`)
    text = re.sub(r"(?<=[^\s*>])\*+(?=[ \t]*$|[ \t]*\n)", "", text, flags=re.M)
    text = re.sub(r"(?:^|(?<=[ \t]))\*+(?=[^\s*])", "", text, flags=re.M)
    return _restore(text)


def balance(pieces: list[str]) -> list[str]:
    """Close <b>/<i> left open at the end of a piece and reopen them in the next one."""
    out, stack = [], []
    for piece in pieces:
        prefix = "".join(f"<{t}>" for t in stack)
        for m in re.finditer(r"<(/?)([bi])>", piece):
            if m.group(1):
                if m.group(2) in stack:
                    stack.remove(m.group(2))
            else:
                stack.append(m.group(2))
        suffix = "".join(f"</{t}>" for t in reversed(stack))
        out.append(prefix + piece + suffix)
    return out


def plain_of(markup: str) -> str:
    return unescape(re.sub(r"<[^>]*>", "", markup))


def wrapped_in(markup: str, tag: str) -> bool:
    """True if the whole (stripped) markup sits inside one <tag>...</tag>."""
    m = markup.strip()
    while m.startswith("<") and not m.startswith(f"<{tag}>"):
        # skip another opening tag at the start (<i><b>x</b></i>)
        end = m.find(">")
        close = re.search(r"</[^>]*>$", m)
        if end < 0 or not close:
            return False
        m = m[end + 1:close.start()].strip()
    if not (m.startswith(f"<{tag}>") and m.endswith(f"</{tag}>")):
        return False
    inner = m[len(tag) + 2:-(len(tag) + 3)]
    return f"</{tag}>" not in inner


# --------------------------------------------------------------------------- source lines


@dataclass
class Line:
    raw: str          # the source line, trailing spaces removed (tabs kept)
    markup: str       # paragraph markup of the line (markdown converted)
    plain: str        # the words drawn, stripped
    norm: str         # NFC of plain, for matching
    bold: bool = False
    italic: bool = False
    heading: int = 0  # markdown heading level
    gap: int = 0      # blank lines before this one
    indent: int = 0   # leading spaces

    @property
    def is_tab_row(self) -> bool:
        body = self.raw.strip(" \u00a0")
        return "\t" in body.lstrip("\t") or (body.startswith("\t") and body.count("\t") > 1)

    @property
    def is_cell_line(self) -> bool:
        return self.raw.startswith("\t") and "\t" not in self.raw[1:]


def is_blank(raw: str) -> bool:
    return raw.strip(" \u00a0\u200b\ufeff") == ""


def read_lines(path: Path) -> list[Line]:
    """Non-blank lines of a seed with markdown converted; `gap` counts blank lines before."""
    raw_lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = [l.rstrip(" \u00a0") for l in raw_lines.split("\n")]
    lines: list[Line] = []
    gap = 0
    i = 0
    while i < len(raw_lines):
        if is_blank(raw_lines[i]):
            gap += 1
            i += 1
            continue
        j = i
        while j < len(raw_lines) and not is_blank(raw_lines[j]):
            j += 1
        block = raw_lines[i:j]
        levels, texts = [], []
        for raw in block:
            m = re.match(r"^ {0,3}(#{1,6})[ \t]+", raw)
            levels.append(len(m.group(1)) if m else 0)
            texts.append(raw[m.end():] if m else raw)
        markups = balance(md_to_markup("\n".join(texts)).split("\n"))
        for k, (raw, mk, lvl) in enumerate(zip(block, markups, levels)):
            plain = plain_of(mk).strip()
            lines.append(Line(
                raw=raw, markup=mk.strip(" \t\u00a0"), plain=plain,
                norm=unicodedata.normalize("NFC", plain),
                bold=wrapped_in(mk, "b") or lvl > 0, italic=wrapped_in(mk, "i"), heading=lvl,
                gap=gap if k == 0 else 0,
                indent=len(raw) - len(raw.lstrip(" ")),
            ))
        gap = 0
        i = j
    return lines


# --------------------------------------------------------------------------- recognisers

# the quốc hiệu, or the party's heading a document of the Communist Party prints in its place
QH_RE = re.compile(r"C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
                   r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
TN_RE = re.compile(r"^Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc\W*$", re.I)
TN_IN_RE = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc\W*$", re.I)
SO_DATE_RE = re.compile(r"^(S[ốoôồổ]\s*:\s*\S*)\s+(\S.*)$")
SO_RE = re.compile(r"^S[ốoôồổ]\s*:|^Số\s+(?=\d)")  # a party document's "Số 1245-CV/TU" has no colon
VV_RE = re.compile(r"^(V/v|V/V|Về việc)\b")
DATE_RE = re.compile(r"^[^\W\d][^,\d]{1,40},\s*ngày\b.*\btháng\b.*\bnăm\b\s*\d{4}\W*$")
URGENCY_RE = re.compile(r"^(KHẨN|THƯỢNG KHẨN|HỎA TỐC|HOẢ TỐC|MẬT|TỐI MẬT|TUYỆT MẬT|"
                        r"XEM XONG TRẢ LẠI|LƯU HÀNH NỘI BỘ)$")
TYPE_NAMES = (r"QUYẾT ĐỊNH|CHỈ THỊ|THÔNG BÁO|KẾ HOẠCH|BÁO CÁO|TỜ TRÌNH|NGHỊ QUYẾT|"
              r"NGHỊ ĐỊNH|THÔNG TƯ(?: LIÊN TỊCH)?|HƯỚNG DẪN|QUY CHẾ|QUY ĐỊNH|CHƯƠNG TRÌNH|"
              r"PHƯƠNG ÁN|ĐỀ ÁN|DỰ ÁN|BIÊN BẢN|HỢP ĐỒNG|CÔNG ĐIỆN|GIẤY MỜI|GIẤY GIỚI THIỆU|"
              r"THÔNG CÁO|LUẬT|PHÁP LỆNH|BẢN GHI NHỚ|BẢN THỎA THUẬN|GIẤY ỦY QUYỀN|"
              r"PHIẾU GỬI|PHIẾU CHUYỂN|PHIẾU BÁO|CÔNG VĂN")
TYPE_RE = re.compile(rf"^({TYPE_NAMES})$")
TYPE_COLON_RE = re.compile(rf"^({TYPE_NAMES})\s*:$")
KG_RE = re.compile(r"^Kính\s+gửi\s*:?\s*(.*)$")
NN_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*$", re.I)
SIGNER_RE = re.compile(r"^(?:(KT|TM|TL|TUQ|Q|PP)\s*\.|(?:K/T|T/M|T/L))\s*\S")  # "T/M" in party documents
POSITION_RE = re.compile(r"^(PHÓ\s+)?(\S+\s+)?(TRƯỞNG|TƯỚNG|GIÁM ĐỐC|CHỦ TỊCH|CHỦ NHIỆM|"
                         r"CHÁNH VĂN PHÒNG|BÍ THƯ|NGƯỜI LẬP BIỂU)\b")
SIGNED_RE = re.compile(r"^\((Đã ký|đã ký|Ký tên.*|Chữ ký.*|ký.*)\)$")
ANNEX_RE = re.compile(r"^(PHỤ LỤC|Phụ lục|Phụ Lục)(\s+(SỐ|Số|số))?(\s+[0-9IVXLC]+[a-zA-Z]?)?"
                      r"\s*[.:]?$")
KEM_RE = re.compile(r"^\(\s*(Ban hành\s+)?[Kk]èm\s+theo\b")
FORM_RE = re.compile(r"^(Biểu|BIỂU|Mẫu|MẪU)\s+(số\s+|SỐ\s+)?\d+[\w/.-]*")
PART_RE = re.compile(r"^(Phần|PHẦN|Chương|CHƯƠNG)\s+([IVXLC]+|\d+|thứ\s+\w+)\b")
UNIT_RE = re.compile(r"^(ĐVT|Đơn vị tính|Đơn vị)\s*:", re.I)
HEAD_RE = re.compile(
    r"^(?P<label>(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\.|[IVXLC]+\.|[A-ZĐ]\.|\d+(?:\.\d+)+\.?|\d+\.|"
    r"[a-zđ]\))(?=\s|$)")
CALL_RE = re.compile(r"^(Căn cứ|Xét đề nghị|Theo đề nghị|Thực hiện)\b")


def is_upper_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def is_name_line(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or ANNEX_RE.match(text):
        return False
    return all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha()
               for w in words)


def is_signer_line(line: Line) -> bool:
    t = line.norm
    return is_upper_line(t) and len(t.split()) <= 8 and (
        bool(SIGNER_RE.match(t)) or bool(POSITION_RE.search(t)))


# --------------------------------------------------------------------------- styles


@functools.lru_cache(maxsize=None)
def font_scale() -> float:
    """Size factor for the chosen font: a font wider than Times (DejaVu) is set a little
    smaller, so that lines hold about as many words as on a letter set in Times 13-14pt."""
    f = load_fonts()
    sample = "Cac co quan, don vi duoc giao von dau tu cua Chuong trinh co bao cao"
    ratio = (pdfmetrics.stringWidth(sample, f.regular, 10)
             / pdfmetrics.stringWidth(sample, "Times-Roman", 10))
    return 1 / max(1.0, ratio) ** 0.5


class Styles:
    def __init__(self) -> None:
        f = load_fonts()
        self.f = f
        self.scale = font_scale()
        base = dict(fontName=f.regular, fontSize=13, leading=17)

        def st(name, **kw):
            kw = {**base, **kw}
            kw["fontSize"] = self.size(kw["fontSize"])
            kw["leading"] = self.size(kw["leading"])
            return ParagraphStyle(name, **kw)

        self.body = st("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4)
        self.centre_bold = st("centre_bold", fontName=f.bold, alignment=TA_CENTER,
                              spaceBefore=2, spaceAfter=2)
        self.centre_italic = st("centre_italic", fontName=f.italic, alignment=TA_CENTER,
                                spaceAfter=2)
        self.right = st("right", alignment=TA_RIGHT, spaceAfter=4)
        self.right_bold = st("right_bold", fontName=f.bold, alignment=TA_RIGHT, spaceAfter=4)
        self.type_name = st("type_name", fontName=f.bold, fontSize=14, leading=18,
                            alignment=TA_CENTER)
        self.subject = st("subject", fontName=f.bold, fontSize=14, leading=18,
                          alignment=TA_CENTER)
        # header
        self.h_issuer = st("h_issuer", fontSize=12, leading=15, alignment=TA_CENTER)
        self.h_issuer_b = st("h_issuer_b", fontName=f.bold, fontSize=12, leading=15,
                             alignment=TA_CENTER)
        self.h_qh = st("h_qh", fontName=f.bold, fontSize=12, leading=15, alignment=TA_CENTER)
        self.h_tn = st("h_tn", fontName=f.bold, fontSize=13, leading=16, alignment=TA_CENTER)
        self.h_so = st("h_so", fontSize=13, leading=16, alignment=TA_CENTER)
        self.h_vv = st("h_vv", fontSize=12, leading=14, alignment=TA_CENTER)
        self.h_date = st("h_date", fontName=f.italic, fontSize=13, leading=16,
                         alignment=TA_CENTER)
        self.h_mark = st("h_mark", fontName=f.bold, fontSize=13, leading=16,
                         alignment=TA_CENTER)
        # kính gửi
        self.kg_label = st("kg_label", alignment=TA_RIGHT)
        self.kg_item = st("kg_item", alignment=TA_LEFT)
        # closing
        self.nn_head = st("nn_head", fontName=f.bold_italic, fontSize=12, leading=14)
        self.nn_item = st("nn_item", fontSize=11, leading=13)
        self.sg = st("sg", fontName=f.bold, fontSize=13, leading=16, alignment=TA_CENTER)
        self.sg_note = st("sg_note", fontName=f.italic, fontSize=13, leading=16,
                          alignment=TA_CENTER)
        # annex
        self.annex_label = st("annex_label", fontName=f.bold, fontSize=14, leading=18,
                              alignment=TA_CENTER)
        self.annex_title = st("annex_title", fontName=f.bold, fontSize=13, leading=17,
                              alignment=TA_CENTER)
        self.heading = st("heading", alignment=TA_LEFT, firstLineIndent=10 * mm,
                          spaceAfter=4)

    def size(self, points: float) -> float:
        return round(points * self.scale * 2) / 2

    def cell(self, size: float, bold: bool = False, align=TA_LEFT) -> ParagraphStyle:
        size = self.size(size)
        return ParagraphStyle(f"cell{size}{bold}{align}",
                              fontName=self.f.bold if bold else self.f.regular,
                              fontSize=size, leading=size * 1.2, alignment=align)


_LEGACY: str | None = None  # set by render_seed(legacy=...): the encoding the words are drawn in


def to_legacy(markup: str) -> str:
    """The text of paragraph markup (not its tags and entities) in the legacy encoding, if any."""
    if _LEGACY is None:
        return markup
    from congvan.encoding import from_unicode

    return "".join(piece if piece.startswith(("<", "&")) else from_unicode(piece, _LEGACY)
                   for piece in re.split(r"(<[^>]*>|&[#\w]+;)", markup))


def P(markup: str, style: ParagraphStyle, **kw) -> Paragraph:
    return Paragraph(with_fallback(to_legacy(markup)), style, **kw)


def fit_style(text: str, style: ParagraphStyle, width: float, floor: float = 9) -> ParagraphStyle:
    """A copy of `style` with the font size shrunk so that `text` fits on one line."""
    w = pdfmetrics.stringWidth(text, style.fontName, style.fontSize)
    if w <= width - 2:
        return style
    size = max(floor, style.fontSize * (width - 2) / w)
    return ParagraphStyle(style.name + "_fit", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


class Rule(Flowable):
    """A short centred horizontal line (under the issuer, the tiêu ngữ, a trích yếu)."""

    def __init__(self, frac: float, above: float = 2, below: float = 4):
        super().__init__()
        self.frac, self.above, self.below = frac, above, below
        self.avail = 0.0

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        return avail_width, self.above + self.below

    def draw(self):
        w = self.avail * self.frac
        self.canv.setLineWidth(0.6)
        self.canv.line((self.avail - w) / 2, self.below, (self.avail + w) / 2, self.below)


def fit_group(texts: list[str], style: ParagraphStyle, width: float,
              floor: float = 0.85) -> ParagraphStyle:
    """One style for a group of lines, shrunk (down to floor x size) so the longest fits."""
    if not texts:
        return style
    sizes = [fit_style(t, style, width, floor=style.fontSize * floor).fontSize for t in texts]
    size = min(sizes)
    if size >= style.fontSize:
        return style
    return ParagraphStyle(style.name + "_grp", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def rule(width_frac: float, space_before: float = 5, space_after: float = 4) -> Rule:
    return Rule(width_frac, space_before, space_after)


# --------------------------------------------------------------------------- page setup

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGINS = {  # left, right, top, bottom
    "port": (30 * mm, 20 * mm, 20 * mm, 20 * mm),
    "land": (20 * mm, 20 * mm, 20 * mm, 20 * mm),
}


def frame_width(orient: str) -> float:
    size = PORTRAIT if orient == "port" else LANDSCAPE
    left, right, _, _ = MARGINS[orient]
    return size[0] - left - right


def _page_number(canvas, doc) -> None:
    if doc.page > 1:
        fonts = load_fonts()
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(fonts.regular, round(13 * font_scale() * 2) / 2)
        canvas.drawCentredString(w / 2, h - 13 * mm, str(doc.page))
        canvas.restoreState()


def make_doc(out: Path, meta: dict) -> BaseDocTemplate:
    doc = BaseDocTemplate(str(out), pagesize=PORTRAIT, invariant=1, **meta)
    templates = []
    for orient, size in (("port", PORTRAIT), ("land", LANDSCAPE)):
        left, right, top, bottom = MARGINS[orient]
        frame = Frame(left, bottom, size[0] - left - right, size[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                      id=orient)
        templates.append(PageTemplate(id=orient, frames=[frame], pagesize=size,
                                      onPage=_page_number))
    doc.addPageTemplates(templates)
    return doc


# --------------------------------------------------------------------------- tables


def table_flowable(rows: list[list[str]], width: float, st: Styles) -> Table:
    """A ruled table from rows of cell markup; header rows bold, spanning headings merged."""
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    rows = [[c.strip() for c in r] for r in rows]
    empty = lambda c: plain_of(c).strip() == ""  # noqa: E731
    keep = [c for c in range(ncols) if any(not empty(r[c]) for r in rows)]
    if not keep:
        keep = [0]
    rows = [[r[c] for c in keep] for r in rows]
    ncols = len(keep)

    # header rows: the first, then rows whose first two cells are empty (sub-headings)
    h = 1
    while (h < len(rows) - 1 and ncols >= 3 and empty(rows[h][0]) and empty(rows[h][1])
           and any(not empty(c) and empty(rows[h - 1][k]) for k, c in enumerate(rows[h]))):
        h += 1
    if len(rows) == 1:
        h = 1

    # spans in the header: a heading extends right over empty cells that have sub-headings
    # below them (or no heading at all), and down over rows empty under it
    covered = [[False] * ncols for _ in range(h)]
    spans = []
    for r in range(h):
        for c in range(ncols):
            if empty(rows[r][c]) or covered[r][c]:
                continue
            e = c
            while (e + 1 < ncols and empty(rows[r][e + 1]) and not covered[r][e + 1]
                   and all(empty(rows[rr][e + 1]) for rr in range(r))):
                below = [not empty(rows[rr][e + 1]) for rr in range(r + 1, h)]
                column_headed = any(not empty(rows[rr][e + 1]) for rr in range(h))
                if any(below) or not column_headed:
                    e += 1
                else:
                    break
            b = r
            while (b + 1 < h and all(empty(rows[b + 1][k]) and not covered[b + 1][k]
                                     for k in range(c, e + 1))):
                b += 1
            for rr in range(r, b + 1):
                for k in range(c, e + 1):
                    covered[rr][k] = True
            if e > c or b > r:
                spans.append(((c, r), (e, b)))

    size = 11 if ncols <= 3 else 10 if ncols <= 6 else 9 if ncols <= 9 else 8
    pad = 3
    text_size = st.size(size)

    def words_width(markup, header):
        """(longest word, natural width): a heading's natural width is its longest line."""
        font = st.f.bold if header else st.f.regular
        text = plain_of(markup)
        longest = max((pdfmetrics.stringWidth(w, font, text_size) for w in text.split()),
                      default=0)
        if header:
            natural = max(pdfmetrics.stringWidth(x, font, text_size) for x in text.split("\n"))
            return longest, min(natural, 110)
        return longest, min(pdfmetrics.stringWidth(text.replace("\n", " "), font, text_size), 260)

    spanned = {(r, c) for (c0, r0), (c1, r1) in spans if c1 > c0
               for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    minw = [12.0] * ncols
    natw = [12.0] * ncols
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if (r, c) in spanned:
                continue
            longest, total = words_width(cell, r < h)
            minw[c] = max(minw[c], longest + 2 * pad + 1)
            natw[c] = max(natw[c], total + 2 * pad + 1)
    if sum(natw) <= width:
        extra = width - sum(natw)
        widths = [n + extra * n / sum(natw) for n in natw]
    elif sum(minw) >= width:
        widths = [m * width / sum(minw) for m in minw]
    else:
        extra = width - sum(minw)
        want = [n - m for n, m in zip(natw, minw)]
        widths = [m + extra * w / sum(want) for m, w in zip(minw, want)]

    numeric = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$")
    data = []
    for r, row in enumerate(rows):
        out = []
        for c, cell in enumerate(row):
            if r < h:
                style = st.cell(size, bold=True, align=TA_CENTER)
            elif c == 0 or numeric.match(plain_of(cell).strip()):
                style = st.cell(size, align=TA_CENTER if c == 0 else TA_RIGHT)
            else:
                style = st.cell(size)
            out.append(P(cell.replace("\n", "<br/>"), style) if cell else "")
        data.append(out)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, h - 1), "MIDDLE"),
        ("VALIGN", (0, h), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("SPAN", a, b) for a, b in spans]
    t = Table(data, colWidths=widths, repeatRows=h, style=TableStyle(style), hAlign="CENTER")
    t.spaceBefore, t.spaceAfter = 4, 8
    return t


def tab_rows(lines: list[Line]) -> list[list[str]]:
    """Rows of a tab-separated table (one source line per row)."""
    return [balance([md_to_markup(c) for c in ln.raw.split("\t")]) for ln in lines]


def cell_rows(lines: list[Line]) -> list[list[str]]:
    """Rows of a one-cell-per-line table: a tab starts a cell, a blank line ends a row."""
    groups: list[list[str]] = []
    for ln in lines:
        if ln.gap or not groups:
            groups.append([])
        text = md_to_markup(ln.raw.lstrip("\t").strip(" \u00a0"))
        if ln.raw.startswith("\t") or not groups[-1]:
            groups[-1].append(text)
        else:
            groups[-1][-1] += "\n" + text
    ncols = len(groups[0])
    rows: list[list[str]] = []
    i = 0
    while i < len(groups):
        row = groups[i]
        # a row broken by a stray blank line: join the pieces back
        while len(row) < ncols and i + 1 < len(groups) and len(row) + len(groups[i + 1]) <= ncols:
            i += 1
            row = row + groups[i]
        rows.append(row)
        i += 1
    return rows


# --------------------------------------------------------------------------- layout


class Renderer:
    """Walks the seed's lines and builds the reportlab story."""

    def __init__(self, lines: list[Line]):
        self.st = Styles()
        self.lines = lines
        self.story: list = []
        self.orient = "port"
        self.meta: dict = {}
        self.body_ended = False  # the last paragraph ended with "./." (end of the body)
        # the last body paragraph, to join a fragment to: (line, markup parts, heading?)
        self.last_para: tuple[Line, list, bool] | None = None

    # -- helpers
    @property
    def width(self) -> float:
        return frame_width(self.orient)

    def add(self, flowable) -> None:
        self.story.append(flowable)
        self.last_para = None

    def new_page(self, orient: str) -> None:
        if not self.story:
            if orient != self.orient:  # first page in landscape: switch template up front
                self.story.append(NextPageTemplate(orient))
                self.story.append(PageBreak())
            self.orient = orient
            return
        self.story.append(NextPageTemplate(orient))
        self.story.append(PageBreak())
        self.orient = orient
        self.last_para = None

    # -- entry point
    def build(self) -> list:
        lines = self.lines
        annex_at = [i for i, ln in enumerate(lines) if ANNEX_RE.match(ln.norm)]
        first = annex_at[0] if annex_at else len(lines)
        self.main(lines[:first])
        for k, start in enumerate(annex_at):
            end = annex_at[k + 1] if k + 1 < len(annex_at) else len(lines)
            self.annex(lines[start:end])
        return self.story

    # -- main letter
    def main(self, lines: list[Line]) -> None:
        i = self.header(lines)
        i = self.title_block(lines, i)
        self.body(lines, i, main=True)

    def header(self, lines: list[Line]) -> int:
        """Page-1 header: issuer | quốc hiệu; số | date; V/v | -.  Returns next index."""
        issuer, qh, tn, so, date, vv, marks = [], [], [], [], [], [], []
        i = 0
        while i < len(lines):
            ln, t = lines[i], lines[i].norm
            src = ln.plain if len(ln.plain) == len(t) else t  # offsets of t apply to src
            m = QH_RE.search(t)
            tn_in = TN_IN_RE.search(t)
            so_date = SO_DATE_RE.match(t)
            if m:
                before = src[:m.start()].strip()
                if before:
                    issuer.append(before)
                qh.append(src[m.start():m.end()])
                after = src[m.end():].strip()
                if after:
                    (tn if TN_RE.match(after) else qh).append(after)
            elif TN_RE.match(t):
                tn.append(ln.plain)
            elif t == "*" and issuer:
                pass  # the star under a party issuer's name: the issuer's rule stands for it
            elif tn_in and is_upper_line(t[:tn_in.start()]):
                issuer.append(src[:tn_in.start()].strip())
                tn.append(src[tn_in.start():].strip())
            elif so_date and DATE_RE.match(so_date.group(2)):
                so.append(src[:so_date.end(1)].strip())
                date.append(src[so_date.start(2):].strip())
            elif SO_RE.match(t):
                so.append(ln.plain)
            elif DATE_RE.match(t) and len(t) < 80:
                date.append(ln.plain)
            elif URGENCY_RE.match(t):
                marks.append(ln.plain)
            elif VV_RE.match(t):
                vv.append(ln.plain)
                # the trích yếu goes on until the date, Kính gửi or the body
                while i + 1 < len(lines):
                    nx = lines[i + 1].norm
                    if (len(vv) >= 8 or len(nx) > 100 or QH_RE.search(nx) or TN_RE.match(nx)
                            or SO_RE.match(nx) or DATE_RE.match(nx) or KG_RE.match(nx)
                            or URGENCY_RE.match(nx) or TYPE_RE.match(nx) or NN_RE.match(nx)
                            or HEAD_RE.match(nx) or lines[i + 1].is_tab_row
                            or (date and lines[i + 1].gap)):
                        break
                    i += 1
                    vv.append(lines[i].plain)
            elif (is_upper_line(t) and not so and not vv and not TYPE_RE.match(t)
                  and not TYPE_COLON_RE.match(t) and not HEAD_RE.match(t)
                  and len(t) <= 90 and not is_signer_line(ln)):
                issuer.append(ln.plain)
            else:
                break
            i += 1
        if not any([issuer, qh, tn, so, date, vv, marks]):
            return 0
        self.header_table(issuer, qh, tn, so, date, vv, marks)
        self.meta["number"] = so[0] if so else None
        self.meta["subject"] = " ".join(vv) or None
        self.meta["issuer"] = " ".join(issuer) or None
        return i

    def header_table(self, issuer, qh, tn, so=(), date=(), vv=(), marks=()) -> None:
        """Two columns: issuer | quốc hiệu, tiêu ngữ; số | place, date; V/v | -."""
        st, total = self.st, self.width
        lw, rw = total * 0.45, total * 0.55
        gutter = 10
        left_top = []
        s_iss = fit_group(issuer[:-1], st.h_issuer, lw - gutter)
        s_iss_b = fit_group(issuer[-1:], st.h_issuer_b, lw - gutter)
        for k, text in enumerate(issuer):
            last = k == len(issuer) - 1
            left_top.append(P(escape(text), s_iss_b if last else s_iss))
        if issuer:
            left_top.append(rule(0.35))
        right_top = [P(escape(t), fit_style(t, st.h_qh, rw)) for t in qh]
        right_top += [P(escape(t), fit_style(t, st.h_tn, rw)) for t in tn]
        if tn:
            right_top.append(rule(0.6))
        left_mid = [P(escape(t), st.h_so) for t in so]
        right_mid = [P(escape(t), st.h_date) for t in date]
        s_vv = fit_group(list(vv), st.h_vv, lw - gutter, floor=0.8)
        left_low = [P(escape(t), s_vv) for t in vv] + [P(escape(t), st.h_mark) for t in marks]
        rows = [r for r in ([left_top, right_top], [left_mid, right_mid], [left_low, []])
                if r[0] or r[1]]
        table = Table(rows, colWidths=[lw, rw], hAlign="LEFT", style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), gutter),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        self.add(table)
        self.add(Spacer(1, 10))

    def title_block(self, lines: list[Line], i: int) -> int:
        """Type name, trích yếu and authority line of a decision-like letter."""
        if i >= len(lines) or not TYPE_RE.match(lines[i].norm):
            return i
        st = self.st
        self.add(Spacer(1, 6))
        self.add(P(lines[i].markup, st.type_name))
        self.meta["type"] = lines[i].plain
        i += 1
        subject = []
        while i < len(lines) and not lines[i].gap and not is_upper_line(lines[i].norm) \
                and len(lines[i].norm) < 160:
            subject.append(lines[i])
            i += 1
        for ln in subject:
            self.add(P(ln.markup, st.subject))
        if subject:
            self.meta["subject"] = " ".join(ln.plain for ln in subject)
            self.add(rule(0.25, space_before=6, space_after=6))
        if (i < len(lines) and is_upper_line(lines[i].norm) and len(lines[i].norm) < 60
                and not TYPE_COLON_RE.match(lines[i].norm) and not HEAD_RE.match(lines[i].norm)):
            self.add(Spacer(1, 6))
            self.add(P(lines[i].markup, st.type_name))
            self.add(Spacer(1, 8))
            i += 1
            self.meta["decision"] = True
        return i

    # -- body
    def body(self, lines: list[Line], i: int, main: bool) -> None:
        st = self.st
        in_preamble = self.meta.get("decision", False) and main
        while i < len(lines):
            ln, t = lines[i], lines[i].norm
            nxt = lines[i + 1] if i + 1 < len(lines) else None

            if KG_RE.match(t):
                i = self.kinh_gui(lines, i)
                continue
            if NN_RE.match(t) or (main and SIGNER_RE.match(t) and is_upper_line(t)) or (
                    main and is_signer_line(ln) and self.body_ended):
                i = self.closing(lines, i)
                continue
            if ln.is_tab_row:
                j = i + 1
                while j < len(lines) and not lines[j].gap and lines[j].is_tab_row:
                    j += 1
                rows = tab_rows(lines[i:j])
                if j - i > 1 or sum(1 for c in rows[0] if plain_of(c).strip()) > 2:
                    self.add(table_flowable(rows, self.width, st))
                    i = j
                    continue
                # a stray tab in a line of text: not a table
            if ln.is_cell_line and nxt is not None and nxt.raw.startswith("\t"):
                j = self.cell_table_end(lines, i)
                if j > i + 2:
                    self.add(table_flowable(cell_rows(lines[i:j]), self.width, st))
                    i = j
                    continue
            if FORM_RE.match(t) and len(t) <= 60 and not t.endswith(":"):
                self.form_page(lines, i)
                self.add(P(ln.markup, st.right_bold))
                i += 1
                continue
            if QH_RE.search(t) or (is_upper_line(t) and not HEAD_RE.match(t) and nxt is not None
                                   and QH_RE.search(nxt.norm) and len(t) <= 60):
                i = self.inner_header(lines, i)
                continue
            if (self.last_para is not None and self.last_para[2] and not ln.gap
                    and is_upper_line(self.last_para[0].norm)
                    and is_upper_line(t) and not HEAD_RE.match(t)):
                # the second line of an upper-case heading
                self.extend_last(ln.markup)
                i += 1
                continue
            if PART_RE.match(t):
                self.add(Spacer(1, 4))
                self.add(P(ln.markup, st.centre_bold))
                i += 1
                while (i < len(lines) and not lines[i].gap and is_upper_line(lines[i].norm)
                       and "\t" not in lines[i].raw):
                    self.add(P(lines[i].markup, st.centre_bold))
                    i += 1
                self.add(Spacer(1, 4))
                continue
            if TYPE_COLON_RE.match(t):
                in_preamble = False
                self.add(Spacer(1, 4))
                self.add(P(ln.markup, st.centre_bold))
                self.add(Spacer(1, 4))
                i += 1
                continue
            if UNIT_RE.match(t) and len(t) < 60:
                self.add(P(f"<i>{ln.markup}</i>", st.right))
                i += 1
                continue
            if not main and is_signer_line(ln):
                block = [ln]
                i += 1
                while i < len(lines) and is_signer_line(lines[i]) and not lines[i].gap:
                    block.append(lines[i])
                    i += 1
                self.signer_only(block)
                continue
            if is_upper_line(t) and not HEAD_RE.match(t) and not t.startswith(("-", "+", "*")):
                self.add(P(ln.markup, st.centre_bold))
                i += 1
                while (i < len(lines) and not lines[i].gap and "\t" not in lines[i].raw and
                       (is_upper_line(lines[i].norm) and not HEAD_RE.match(lines[i].norm))):
                    self.add(P(lines[i].markup, st.centre_bold))
                    i += 1
                while (i < len(lines) and not lines[i].gap and lines[i].norm.startswith("(")
                       and lines[i].norm.endswith(")")):
                    self.add(P(lines[i].markup, st.centre_italic))
                    i += 1
                continue
            self.paragraph(ln, italic=in_preamble and bool(CALL_RE.match(t)))
            i += 1

    def paragraph(self, ln: Line, italic: bool = False) -> None:
        t = ln.norm
        markup = ln.markup
        m = HEAD_RE.match(t)
        # a fragment of the previous paragraph cut by a page break in the source
        if self.last_para is not None and t[:1].islower() and not m and not self.last_para[2]:
            prev = plain_of(self.last_para[1][-1])
            if len(prev) > 60 and not re.search(r"[.:;!?]\W*$", prev):
                self.extend_last(markup)
                return
        heading = False
        bold = wrapped_in(markup, "b")
        if m:
            label = m.group("label")
            major = bool(re.match(r"^([IVXLC]+|[A-ZĐ])\.$", label))
            dieu = label.lower().startswith("điều")
            heading = len(t) <= 150 and (ln.bold or major or is_upper_line(t))
            if (ln.bold or (major and len(t) <= 150)) and not bold:
                markup = f"<b>{markup}</b>"
            elif (major or dieu) and not bold and markup.startswith(escape(label)):
                markup = f"<b>{escape(label)}</b>{markup[len(escape(label)):]}"
        elif ln.bold and not bold:
            markup = f"<b>{markup}</b>"
            heading = len(t) <= 150
        if italic:
            markup = f"<i>{markup}</i>"
        self.story.append(self._para_flowable(ln, markup, heading))
        self.last_para = (ln, [markup], heading)
        self.body_ended = bool(re.search(r"\./\.\W*$", t))

    def extend_last(self, markup: str) -> None:
        ln, parts, heading = self.last_para
        parts.append(markup)
        self.story[-1] = self._para_flowable(ln, " ".join(parts), heading)

    def _para_flowable(self, ln: Line, markup: str, heading: bool) -> Paragraph:
        st = self.st.heading if heading else self.st.body
        if ln.indent >= 2:
            st = ParagraphStyle("body_ind", parent=st, leftIndent=min(ln.indent // 2, 4) * 6 * mm)
        return P(markup, st)

    def cell_table_end(self, lines: list[Line], i: int) -> int:
        """End of a one-cell-per-line table starting at i (rows start with a tab)."""
        j = i + 1
        while j < len(lines):
            if lines[j].gap and not lines[j].raw.startswith("\t"):
                break
            if ANNEX_RE.match(lines[j].norm):
                break
            j += 1
        return j

    def kinh_gui(self, lines: list[Line], i: int) -> int:
        st = self.st
        m = KG_RE.match(lines[i].norm)
        items = []
        if m.group(1):
            rest = lines[i].plain[len(lines[i].plain) - len(m.group(1)):]
            items.append(escape(rest))
        i += 1
        while i < len(lines) and lines[i].norm.startswith(("-", "+", "•")):
            if items and lines[i].gap > 1:
                break
            items.append(lines[i].markup)
            i += 1
        if not items and i < len(lines) and len(lines[i].norm) < 120 \
                and not lines[i].norm.endswith(":"):
            items.append(lines[i].markup)
            i += 1
        w = self.width
        label = P("Kính gửi:", st.kg_label)
        cells = [P(x, ParagraphStyle("kgi", parent=st.kg_item, leftIndent=8, firstLineIndent=-8))
                 for x in items]
        table = Table([[label, cells]], colWidths=[w * 0.30, w * 0.70], hAlign="LEFT",
                      style=TableStyle([
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (0, 0), 6),
                          ("RIGHTPADDING", (1, 0), (1, 0), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0),
                      ]))
        self.add(Spacer(1, 4))
        self.add(table)
        self.add(Spacer(1, 8))
        return i

    def closing(self, lines: list[Line], i: int) -> int:
        """Nơi nhận (left) and signer (right), whichever order the seed gives them."""
        st = self.st
        noi_nhan: list[Paragraph] = []
        signer: list = []
        for _ in range(2):
            if i >= len(lines) or ANNEX_RE.match(lines[i].norm):
                break
            t = lines[i].norm
            if NN_RE.match(t) and not noi_nhan:
                noi_nhan.append(P(escape(lines[i].plain), st.nn_head))
                i += 1
                while i < len(lines):
                    ln = lines[i]
                    if ANNEX_RE.match(ln.norm) or SIGNER_RE.match(ln.norm):
                        break
                    if ln.norm.startswith(("-", "+", "•")):
                        noi_nhan.append(P(ln.markup, st.nn_item))
                    elif ln.indent and not ln.gap:  # an item's wrapped continuation
                        noi_nhan.append(P(ln.markup, ParagraphStyle(
                            "nn_cont", parent=st.nn_item, leftIndent=6)))
                    elif not ln.gap and not is_signer_line(ln):
                        noi_nhan.append(P(ln.markup, st.nn_item))
                    else:
                        break
                    i += 1
            elif (SIGNER_RE.match(t) or is_signer_line(lines[i])) and not signer:
                i = self.signer_lines(lines, i, signer)
            else:
                break
        w = self.width
        table = Table([[noi_nhan, signer]], colWidths=[w * 0.5, w * 0.5], hAlign="LEFT",
                      style=TableStyle([
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0),
                      ]))
        self.add(Spacer(1, 10))
        self.add(table)
        return i

    def signer_lines(self, lines: list[Line], i: int, out: list) -> int:
        st = self.st
        count = 0
        while i < len(lines) and (not count or not lines[i].gap) and (
                is_signer_line(lines[i])
                or (count and count < 4 and is_upper_line(lines[i].norm)
                    and len(lines[i].norm.split()) <= 8 and not ANNEX_RE.match(lines[i].norm))):
            out.append(P(escape(lines[i].plain), st.sg))
            count += 1
            i += 1
        # signature space, "(Đã ký)", name
        j = i
        notes, name = [], None
        while j < len(lines) and SIGNED_RE.match(lines[j].norm):
            notes.append(lines[j])
            j += 1
        if j < len(lines) and is_name_line(lines[j].norm):
            name = lines[j]
            j += 1
        if notes or name:
            out.append(Spacer(1, 16))
            for n in notes:
                out.append(P(escape(n.plain), st.sg_note))
            out.append(Spacer(1, 40 if not notes else 16))
            if name:
                out.append(P(escape(name.plain), st.sg))
            i = j
        return i

    def signer_only(self, block: list[Line]) -> None:
        w = self.width
        cells = [P(escape(ln.plain), self.st.sg) for ln in block]
        self.add(Spacer(1, 6))
        self.add(Table([["", cells]], colWidths=[w * 0.5, w * 0.5], hAlign="LEFT",
                       style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0)])))

    def inner_header(self, lines: list[Line], i: int) -> int:
        """A header inside an annex (a form's 'TÊN CƠ QUAN | CỘNG HÒA ...')."""
        issuer, qh, tn, date = [], [], [], []
        if not QH_RE.search(lines[i].norm):
            issuer.append(lines[i].plain)
            i += 1
        while i < len(lines) and (QH_RE.search(lines[i].norm) or TN_RE.match(lines[i].norm)
                                  or DATE_RE.match(lines[i].norm)):
            t = lines[i].norm
            (qh if QH_RE.search(t) else tn if TN_RE.match(t) else date).append(lines[i].plain)
            i += 1
        self.add(Spacer(1, 6))
        self.header_table(issuer, qh, tn, date=date)
        return i

    def form_page(self, lines: list[Line], i: int) -> None:
        """A form (Biểu 01/...) starts a page, landscape when its table is wide."""
        j = i + 1
        wide = False
        while j < len(lines) and not (FORM_RE.match(lines[j].norm) and len(lines[j].norm) <= 60):
            ln = lines[j]
            if ln.is_tab_row and len([c for c in ln.raw.split("\t")]) >= 10:
                wide = True
            j += 1
        self.new_page("land" if wide else "port")

    # -- annexes
    def annex(self, lines: list[Line]) -> None:
        st = self.st
        self.new_page("port")
        self.add(P(escape(lines[0].plain), st.annex_label))
        i = 1
        kem = next((k for k in range(1, min(len(lines), 9)) if KEM_RE.match(lines[k].norm)), None)
        if kem is not None:
            titles = lines[1:kem]
        else:
            titles = []
            k = 1
            while k < len(lines) and not lines[k].gap and is_upper_line(lines[k].norm):
                titles.append(lines[k])
                k += 1
        for ln in titles:
            self.add(P(escape(ln.plain), st.annex_title))
        i = 1 + len(titles)
        if kem is not None:
            depth = 0
            while i < len(lines):
                t = lines[i].plain
                depth += t.count("(") - t.count(")")
                self.add(P(escape(t), st.centre_italic))
                i += 1
                if depth <= 0:
                    break
        self.add(rule(0.25, space_before=6, space_after=10))
        self.body(lines, i, main=False)


# --------------------------------------------------------------------------- API


def _title(meta: dict, src: Path) -> str:
    if meta.get("number"):
        parts = [meta["number"]]
        if meta.get("subject"):
            parts.append(meta["subject"])
        return " - ".join(parts)
    if meta.get("type"):
        return " ".join(x for x in (meta["type"], meta.get("subject")) if x)
    return meta.get("annex") or src.stem


def render_seed(src: Path, out: Path, legacy: str | None = None) -> None:
    """Render one seed letter (.txt/.md) into a PDF at `out`; with `legacy` ("tcvn3", "vni"),
    its text layer in that legacy font encoding (module docstring)."""
    global _LEGACY
    from reportlab.platypus import paragraph

    _LEGACY, shy = legacy, paragraph._shy
    # TCVN3 stores ư as 0xAD, the soft hyphen that reportlab's paragraphs drop as a hyphenation
    # point: a .VnTime PDF's text layer keeps it, so it must be drawn.
    paragraph._shy = "\uffff" if legacy else shy
    try:
        _render_seed(Path(src), Path(out))
    finally:
        _LEGACY, paragraph._shy = None, shy


def _render_seed(src: Path, out: Path) -> None:
    lines = read_lines(src)
    r = Renderer(lines)
    story = r.build()
    if not story:
        story = [Spacer(1, 1)]
    if not r.meta.get("number") and not r.meta.get("type"):
        first_annex = next((ln for ln in lines if ANNEX_RE.match(ln.norm)), None)
        if first_annex is not None:
            idx = lines.index(first_annex)
            nxt = lines[idx + 1].plain if idx + 1 < len(lines) else ""
            r.meta["annex"] = f"{first_annex.plain} {nxt}".strip()
    meta = {
        "title": _title(r.meta, src),
        "author": r.meta.get("issuer") or "",
        "subject": r.meta.get("subject") or "",
        "creator": "congvan scripts/render_pdf.py",
        "keywords": src.name,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    make_doc(out, meta).build(story)


def _resolve(arg: str) -> Path:
    p = Path(arg)
    if p.is_file():
        return p
    for cand in [SEED_DIR / arg, *sorted(SEED_DIR.glob(f"{arg}.*"))]:
        if cand.is_file():
            return cand
    raise SystemExit(f"render_pdf: no such seed: {arg}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seeds", nargs="*", help="seed files (default: all in corpora/seeds)")
    ap.add_argument("-o", "--out", type=Path, default=OUT_DIR, help="output directory")
    ap.add_argument("--legacy", choices=("tcvn3", "vni"),
                    help="draw the text in this legacy font encoding (output <stem>.<encoding>.pdf)")
    args = ap.parse_args(argv)
    seeds = [_resolve(s) for s in args.seeds] or sorted(
        p for p in SEED_DIR.iterdir() if p.suffix in (".txt", ".md"))
    try:
        load_fonts()
    except FontError as exc:
        print(exc, file=sys.stderr)
        return 2
    for src in seeds:
        out = args.out / (f"{src.stem}.{args.legacy}.pdf" if args.legacy else f"{src.stem}.pdf")
        render_seed(src, out, legacy=args.legacy)
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
