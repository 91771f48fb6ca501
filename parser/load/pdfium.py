"""Words and rulings of a PDF page from pypdfium2, laid out as pdfplumber lays them out.

pdfplumber's words cost ~70 ms a page, nearly all of it pdfminer laying out characters;
pdfium's character API gives the same characters in a few milliseconds. This module turns
them into the character records pdfplumber's `WordExtractor` takes (the same tolerances as
parser.load.pdf, so the words are grouped and split by the same code), and says which pages
have enough ruled lines to hold a table, so that pdfplumber's table finder runs on those pages only.

Differences from pdfminer's characters met on real PDFs, and what is done about them:

- pdfium's loose box of an accented capital ("Ố") rises above the line by the mark: the top
  is rebuilt from the font size (pdfminer's box is the em box: bottom = baseline + descent,
  height = font size);
- the loose box of an italic or combining glyph sticks out to the left of its origin, so a
  combining mark would sort before its letter: x0 is the glyph's origin, as in pdfminer;
- a hyphen at the end of a line comes back as U+FFFE (pdfium's "soft hyphen" marker; U+0002
  in some builds): it is the "-" the PDF draws;
- pdfium's text coordinates are the page's user space, blind to /Rotate and to a media box
  that does not start at 0,0: points go through the matrix pdfminer applies (its
  PDFPageInterpreter), then are flipped to a top-left origin;
- characters pdfium inserts itself (spaces, line breaks: FPDFText_IsGenerated) are dropped.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

PDFIUM_TEXT, PDFIUM_PATH, PDFIUM_IMAGE, PDFIUM_SHADING, PDFIUM_FORM = 1, 2, 3, 4, 5  # FPDF_PAGEOBJ_*
SEGMENT_LINETO, SEGMENT_BEZIERTO, SEGMENT_MOVETO = 0, 1, 2  # FPDF_SEGMENT_*
HYPHEN_MARKERS = {0xFFFE: "-", 0x0002: "-"}
# The only characters pdfium's text page makes up itself (CPDF_TextPage: a space between words,
# CR LF between lines; 15,518 generated characters on the corpus and real PDFs, all of them
# these): FPDFText_IsGenerated, a call a character, is asked of these codes only.
GENERATED_CODES = frozenset((0x20, 0x0A, 0x0D))
MIN_VISIBLE_SIZE = 0.1  # parser.load.pdf's: a character drawn smaller is invisible
# parser.load.pdf's word options (pdfplumber's extract_words), kept in step by tests/test_pdf_engine.py
WORD_OPTIONS = dict(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5, y_tolerance=2.5,
                    extra_attrs=["fontname", "size"])
FONT_NAME_BYTES = 256  # a font's base name is read into a buffer this long (a longer one is read as '')
OVERHANG = 2.5  # points: how far a glyph's ink may stick out past its advance
RULING_MIN = 3.0  # points: pdfplumber's default edge_min_length; shorter sides are no ruling
COMPLEX_PATH_SEGMENTS = 6  # a path of more segments than a rectangle may draw a whole grid


@dataclass(frozen=True)
class PageFrame:
    """How a point of pdfium's user space lands on the page as shown: pdfminer's matrix for
    the page's /Rotate and media box, then a top-left origin."""

    ctm: tuple[float, float, float, float, float, float]
    width: float
    height: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, self.height - (b * x + d * y + f)


def frame(page, rotate: int | None = None) -> PageFrame:
    """The page's frame from its media box and /Rotate (pdfminer's PDFPageInterpreter.process_page);
    `rotate` overrides the page's /Rotate."""
    import pypdfium2.raw as pdfium_c

    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page, l, b, r, t):
        x0, y0, x1, y1 = min(l.value, r.value), min(b.value, t.value), max(l.value, r.value), max(b.value, t.value)
    else:  # no /MediaBox of its own: pdfium's default (US Letter) or the inherited one it found
        x0, y0, x1, y1 = 0.0, 0.0, float(page.get_width()), float(page.get_height())
    if rotate is None:
        rotate = (pdfium_c.FPDFPage_GetRotation(page) % 4) * 90
    if rotate == 90:
        ctm, w, h = (0, -1, 1, 0, -y0, x1), y1 - y0, x1 - x0
    elif rotate == 180:
        ctm, w, h = (-1, 0, 0, -1, x1, y1), x1 - x0, y1 - y0
    elif rotate == 270:
        ctm, w, h = (0, 1, -1, 0, y1, -x0), y1 - y0, x1 - x0
    else:
        ctm, w, h = (1, 0, 0, 1, -x0, -y0), x1 - x0, y1 - y0
    return PageFrame(tuple(float(v) for v in ctm), float(w), float(h))


ORIENTATION_SAMPLE = 400  # characters whose direction decides how a turned page is read


def reading_frame(page, textpage) -> PageFrame:
    """The frame the page's text reads left to right in. A page turned by /Rotate is read as shown
    (a scan laid sideways and turned upright by its /Rotate); but when its text stands upright
    only without the turn (an upright page given a /Rotate, which viewers show sideways), the
    text is read as it was written, not sideways."""
    import pypdfium2.raw as pdfium_c

    shown = frame(page)
    if shown.ctm[:4] == (1.0, 0.0, 0.0, 1.0):
        return shown
    plain = frame(page, rotate=0)
    raw_tp = getattr(textpage, "raw", textpage)
    n = min(pdfium_c.FPDFText_CountChars(raw_tp), ORIENTATION_SAMPLE)
    m = pdfium_c.FS_MATRIX()
    votes = {id(shown): 0, id(plain): 0}
    for i in range(max(n, 0)):
        if not pdfium_c.FPDFText_GetMatrix(raw_tp, i, m):
            continue
        for fr in (shown, plain):
            a, b, c, d = fr.ctm[:4]
            ma, mb = m.a * a + m.b * c, m.a * b + m.b * d
            mc, md = m.c * a + m.d * c, m.c * b + m.d * d
            votes[id(fr)] += ma > 0 and md > 0 and mb * mc <= 0  # upright and reading left to right
    return plain if votes[id(plain)] > votes[id(shown)] else shown


INVISIBLE_RENDER_MODE = 3  # PDF text render mode 3: glyphs neither filled nor stroked


def _invisible_mode(key: int) -> bool:
    return _fast("FPDFTextObj_GetTextRenderMode", ctypes.c_int, ctypes.c_void_p)(key) == INVISIBLE_RENDER_MODE


CLIP_SLACK = 0.5  # points: a text object this near its clip path's box is not clipped away


def _clipped_away(key: int) -> bool:
    """Is the text object wholly outside its clip path (each of the clip's paths by its box; a
    clip is the paths' intersection)? A header drawn under a 1 x 1 pt clip is not printed.
    Text partly inside its clip is kept whole."""
    vp, cint = ctypes.c_void_p, ctypes.c_int
    clip = _fast("FPDFPageObj_GetClipPath", vp, vp)(key)
    if not clip:
        return False
    box = None  # the intersection of the clip paths' boxes: x0, y0, x1, y1
    for p in range(max(_fast("FPDFClipPath_CountPaths", cint, vp)(clip), 0)):
        b = _clip_path_box(clip, p)
        if b is not None:
            box = b if box is None else (max(box[0], b[0]), max(box[1], b[1]), min(box[2], b[2]), min(box[3], b[3]))
    if box is None:
        return False
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if not _fast("FPDFPageObj_GetBounds", cint, vp, vp, vp, vp, vp)(key, *map(ctypes.addressof, (l, b, r, t))):
        return False
    return (r.value < box[0] - CLIP_SLACK or l.value > box[2] + CLIP_SLACK or t.value < box[1] - CLIP_SLACK
            or b.value > box[3] + CLIP_SLACK or box[0] > box[2] or box[1] > box[3])


def _clip_path_box(clip: int, p: int) -> tuple[float, float, float, float] | None:
    """The box (x0, y0, x1, y1) of the points of path p of a clip path; None when it has none."""
    vp, cint = ctypes.c_void_p, ctypes.c_int
    segment = _fast("FPDFClipPath_GetPathSegment", vp, vp, cint, cint)
    point = _fast("FPDFPathSegment_GetPoint", cint, vp, vp, vp)
    px, py = ctypes.c_float(), ctypes.c_float()
    ppx, ppy = ctypes.addressof(px), ctypes.addressof(py)
    xs, ys = [], []
    for k in range(max(_fast("FPDFClipPath_CountPathSegments", cint, vp, cint)(clip, p), 0)):
        seg = segment(clip, p, k)
        if seg and point(seg, ppx, ppy):
            xs.append(px.value)
            ys.append(py.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def hidden_text_boxes(page, textpage, fr: PageFrame) -> list[tuple[float, float, float, float, str]]:
    """The characters of the page a reader does not see as `chars` judges their text objects
    (drawn wholly outside their clip path; in render mode 3 on a page with no picture), as
    (x0, top, x1, bottom, character) on the shown page (`fr`): what the `pdfplumber` engine,
    whose pdfminer keeps neither clip paths nor render modes, leaves out of a page's characters."""
    import pypdfium2.raw as pdfium_c

    raw_tp = getattr(textpage, "raw", textpage)
    get_object = _text_object_key()
    hidden: dict[int, bool] = {}
    seen_image: dict = {}
    rect = pdfium_c.FS_RECTF()
    out = []
    for i in range(max(pdfium_c.FPDFText_CountChars(raw_tp), 0)):
        key = get_object(raw_tp, i)
        if not key:
            continue
        if key not in hidden:
            hidden[key] = _clipped_away(key) or (_invisible_mode(key) and not _has_image(page, seen_image))
        if not hidden[key] or not pdfium_c.FPDFText_GetLooseCharBox(raw_tp, i, rect):
            continue
        corners = [fr.point(x, y) for x, y in ((rect.left, rect.bottom), (rect.right, rect.top))]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        out.append((min(xs), min(ys), max(xs), max(ys), chr(pdfium_c.FPDFText_GetUnicode(raw_tp, i))))
    return out


def _has_image(page, memo: dict) -> bool:
    """Does the page draw a picture (a scan under an OCR text layer)? Looked up once a page."""
    if "image" not in memo:
        import pypdfium2.raw as pdfium_c

        raw = getattr(page, "raw", page)
        memo["image"] = any(pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, k))
                            == pdfium_c.FPDF_PAGEOBJ_IMAGE for k in range(pdfium_c.FPDFPage_CountObjects(raw)))
    return memo["image"]


def _white(r: int, g: int, b: int) -> bool:
    return r >= 250 and g >= 250 and b >= 250  # parser.load.pdf._white: >= 0.98 of full


class _Style(NamedTuple):
    """What a text object gives each of its characters (a tuple: `_records` unpacks it a character)."""

    fontname: str
    upright: bool
    inked: bool  # seen on the page: visible (not white, clipped away or unpainted) and not too small
    shear: float
    size: float


_FAST: dict[str, object] = {}


def _fast(name: str, restype, *argtypes):
    """pdfium's function `name` called through a plain prototype whose pointers are void
    pointers (ints): pypdfium2's typed bindings convert and check each argument, which costs a
    character's hottest calls about a third more (0.63 against 1.09 us for FPDFText_GetCharOrigin),
    and a void-pointer result is an int (a dict key without a ctypes cast)."""
    if name not in _FAST:
        import pypdfium2.raw as pdfium_c

        address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
        _FAST[name] = ctypes.CFUNCTYPE(restype, *argtypes)(address)
    return _FAST[name]


def _text_object_key():
    """FPDFText_GetTextObject returning the object's address as an int."""
    return _fast("FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


def chars(page, textpage, fr: PageFrame, blanks: bool = True) -> list[dict]:
    """Every character of the page as pdfplumber's `page.chars` has them (text, x0, x1, top,
    bottom, doctop, upright, fontname, size), in content order, blanks and invisible ones too
    (table cells read those); `word` is True on those pdfplumber's words are made of in
    parser.load.pdf (visible, not blank). Without `blanks`, the blank characters are left out
    (a fifth of a page's characters: only table cells and glyph-id fonts read them, never
    words). Two steps: what the PDF draws (`_drawn`), then each drawn character's record from
    its loose box (`_records`)."""
    raw_tp = getattr(textpage, "raw", textpage)
    codes = _codes(raw_tp)
    if not codes:
        return []
    return _records(_CharBoxes(page, raw_tp, fr), _drawn(raw_tp, codes, fr), blanks)


def _records(boxes: _CharBoxes, drawn: list[tuple[int, str, int, float, float]], blanks: bool = True) -> list[dict]:
    """The record of each drawn character (a page's hottest loop: kept in one function)."""
    following, nexts = None, [None] * len(drawn)  # the next character the PDF draws after each
    for k in range(len(drawn) - 1, -1, -1):
        nexts[k] = following
        if drawn[k][2] != -1:
            following = drawn[k]
    raw_tp, rect, loose, styles, height = boxes.raw_tp, boxes.rect, boxes.loose, boxes.styles, boxes.fr.height
    tp_address, rect_address = ctypes.cast(raw_tp, ctypes.c_void_p).value, boxes.rect_address
    a, _, _, d, e, f = boxes.fr.ctm
    aligned = boxes.axis_aligned
    out: list[dict] = []
    for k, (i, text, key, gx, gy) in enumerate(drawn):
        if key == -1:
            if blanks:
                _generated_space(out, drawn, k)
            continue
        if not blanks and text.isspace():
            continue
        fontname, upright, inked, shear, size = styles.get(key) or boxes.style(i, key)
        loose(tp_address, i, rect_address)
        if aligned:  # the four corners' extremes, without the products that are zero
            left, right, rtop, rbottom = rect.left, rect.right, rect.top, rect.bottom
            max_x = a * (right if right > left else left) + e
            min_y, max_y = (d * rbottom + f, d * rtop + f) if rbottom < rtop else (d * rtop + f, d * rbottom + f)
            min_x = None
        else:
            min_x, max_x, min_y, max_y = boxes.corners()
        if upright:
            x0, x1 = gx, max_x
            nxt = nexts[k]
            if nxt is not None:
                _, _, nkey, nx, ny = nxt
                # a horn or an italic overhang sticks out of the loose box: the next glyph of the
                # same text run starts where this one's advance ends (pdfminer's x1)
                if nkey == key and abs(ny - gy) < 0.01 and x0 < nx < x1 and x1 - nx <= OVERHANG:
                    x1 = nx
            bottom = height - min_y
            top = bottom - size
            if shear:
                descent, ascent = min_y - gy, max_y - gy  # below (negative) and above the baseline
                x0 += shear * descent
                x1 += shear * (descent + size - ascent)
        else:
            x0 = min_x if min_x is not None else a * min(rect.left, rect.right) + e
            x1, top, bottom = max_x, height - max_y, height - min_y
        out.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                    "upright": upright, "fontname": fontname, "size": size, "height": bottom - top,
                    "width": x1 - x0, "word": inked and not text.isspace()})
    return out


def _generated_space(out: list[dict], drawn: list, k: int) -> None:
    """A space pdfium generated (drawn[k]), between the glyphs around it: kept for table cells."""
    if out and k + 1 < len(drawn) and drawn[k + 1][2] != -1:
        prev = out[-1]
        x1 = max(prev["x1"], drawn[k + 1][3])
        out.append({**prev, "text": " ", "x0": prev["x1"], "x1": x1, "width": x1 - prev["x1"], "word": False})


def _codes(raw_tp) -> list[int]:
    """The text page's characters as UTF-16 code units, one a character ([] when it has none)."""
    import pypdfium2.raw as pdfium_c

    n = pdfium_c.FPDFText_CountChars(raw_tp)
    if n <= 0:
        return []
    buf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(raw_tp, 0, n, buf)
    codes = list(buf[: max(got - 1, 0)])
    if len(codes) != n:  # characters outside the BMP (surrogate pairs): one call a character
        codes = [pdfium_c.FPDFText_GetUnicode(raw_tp, i) for i in range(n)]
    return codes


def _drawn(raw_tp, codes: list[int], fr: PageFrame) -> list[tuple[int, str, int, float, float]]:
    """Every character the PDF draws, blanks too (their origin ends the glyph before them), as
    (index, text, text object key (-1: a space pdfium generated), origin x, y on the shown page)."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = fr.ctm
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.addressof(ox), ctypes.addressof(oy)
    get_object = _text_object_key()
    is_generated = pdfium_c.FPDFText_IsGenerated
    origin = _fast("FPDFText_GetCharOrigin", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                   ctypes.c_void_p)
    drawn = []
    tp_address = ctypes.cast(raw_tp, ctypes.c_void_p).value
    for i, code in enumerate(codes):
        if code in GENERATED_CODES and is_generated(raw_tp, i):
            if code == 0x20:
                # pdfium may stand a space of its own for one the PDF draws (reported as
                # generated, with a box of its own making); a table cell's text needs it
                drawn.append((i, " ", -1, 0.0, 0.0))
            continue  # pdfium's own line breaks
        if code == 0:
            continue
        origin(tp_address, i, pox, poy)
        x, y = ox.value, oy.value
        drawn.append((i, HYPHEN_MARKERS.get(code) or chr(code), get_object(tp_address, i) or 0,
                      a * x + c * y + e, b * x + d * y + f))
    return drawn


class _CharBoxes:
    """What `_records` reads a character's record with: its text object's style, looked up once
    an object (`style`), and pdfium's loose box on the shown page (`corners`)."""

    def __init__(self, page, raw_tp, fr: PageFrame):
        import pypdfium2.raw as pdfium_c

        self.page, self.raw_tp, self.fr = page, raw_tp, fr
        self.styles: dict[int, _Style] = {}
        self.seen_image: dict = {}
        self.rect = pdfium_c.FS_RECTF()
        self.loose = _fast("FPDFText_GetLooseCharBox", ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
        self.rect_address = ctypes.addressof(self.rect)
        a, b, c, d, _, _ = fr.ctm
        self.axis_aligned = b == 0 and c == 0 and a > 0 and d > 0  # an upright page: no turn in its frame
        # what `style` reads into, made once a page; fonts: a font's address -> its name
        self.tp_address = ctypes.cast(raw_tp, ctypes.c_void_p).value
        self.font_name, self.matrix, self.color = ctypes.create_string_buffer(FONT_NAME_BYTES), pdfium_c.FS_MATRIX(), \
            (ctypes.c_uint * 4)()
        self.fonts: dict[int, str] = {}

    def style(self, i: int, key: int) -> _Style:
        """The font, uprightness, visibility, shear and size of the text object of character i
        (pdfium's calls through `_fast`: a page has thousands of text objects)."""
        tp, vp, cint = self.tp_address, ctypes.c_void_p, ctypes.c_int
        name = self._font_name(i, key)
        m = self.matrix
        _fast("FPDFText_GetMatrix", cint, vp, cint, vp)(tp, i, ctypes.addressof(m))
        # pdfminer's test (LTChar.upright) on the glyph matrix with the page's rotation applied
        a, b, c, d = self.fr.ctm[:4]
        ma, mb = m.a * a + m.b * c, m.a * b + m.b * d
        mc, md = m.c * a + m.d * c, m.c * b + m.d * d
        rgba = [ctypes.addressof(self.color) + 4 * k for k in range(4)]
        visible = not (_fast("FPDFText_GetFillColor", cint, vp, cint, vp, vp, vp, vp)(tp, i, *rgba)
                       and _white(*self.color[:3]))
        if visible and key and _invisible_mode(key) and not _has_image(self.page, self.seen_image):
            # text drawn in render mode 3 (neither filled nor stroked) on a page with no picture
            # under it: nothing a reader sees (over a scan it is the scan's OCR layer, and kept)
            visible = False
        if visible and key and _clipped_away(key):  # drawn wholly outside its clip path: not printed
            visible = False
        # a slanted font faked by a shear (x' = x + shear * y): pdfminer's box is the
        # sheared em box, whose lower left corner lies left of the origin
        shear = mc / md if md and abs(mc) > 1e-6 else 0.0
        # one size a text object (pdfium: the object's font size times its matrix)
        size = _fast("FPDFText_GetFontSize", ctypes.c_double, vp, cint)(tp, i)
        style = self.styles[key] = _Style(name, 0 < ma * md and mb * mc <= 0, visible and size >= MIN_VISIBLE_SIZE,
                                          shear, size)
        return style

    def _font_name(self, i: int, key: int) -> str:
        """The base name of character i's font, asked of pdfium once a font of the page."""
        font = _fast("FPDFTextObj_GetFont", ctypes.c_void_p, ctypes.c_void_p)(key) if key else None
        if font in self.fonts:
            return self.fonts[font]
        buf = self.font_name
        n = _fast("FPDFText_GetFontInfo", ctypes.c_ulong, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong,
                  ctypes.c_void_p)(self.tp_address, i, ctypes.addressof(buf), FONT_NAME_BYTES, None)
        name = buf.raw[: max(n - 1, 0)].decode("utf-8", "replace") if 0 < n <= FONT_NAME_BYTES else ""
        if font:
            self.fonts[font] = name
        return name

    def corners(self) -> tuple[float, float, float, float]:
        """The loose box just read, on the shown page: min x, max x, min y, max y (y upwards)."""
        a, b, c, d, e, f = self.fr.ctm
        r = self.rect
        left, right, rtop, rbottom = r.left, r.right, r.top, r.bottom
        xs = (a * left + c * rbottom + e, a * right + c * rtop + e, a * left + c * rtop + e, a * right + c * rbottom + e)
        ys = (b * left + d * rbottom + f, b * right + d * rtop + f, b * left + d * rtop + f, b * right + d * rbottom + f)
        return min(xs), max(xs), min(ys), max(ys)


def words(page_chars: list[dict]) -> list[dict]:
    """pdfplumber's word records (its WordExtractor, parser.load.pdf's options) over pdfium's
    characters (`chars`): a page of upright text by `upright_words`, the same records at a
    third of the cost; a page with turned characters by pdfplumber's WordExtractor itself."""
    word_chars = [ch for ch in page_chars if ch["word"]]
    if all(ch["upright"] for ch in word_chars):
        return upright_words(word_chars)
    from pdfplumber.utils.text import WordExtractor

    return WordExtractor(**WORD_OPTIONS).extract_words(word_chars)


X_TOLERANCE, Y_TOLERANCE = WORD_OPTIONS["x_tolerance"], WORD_OPTIONS["y_tolerance"]


def upright_words(word_chars: list[dict]) -> list[dict]:
    """pdfplumber's WordExtractor.extract_words with WORD_OPTIONS, written out for upright,
    non-blank characters (tests/test_pdf_engine.py checks the two give equal records): runs of
    consecutive characters of one font and size; in each run, lines by pdfplumber's clustering of
    the tops (a top within Y_TOLERANCE of the one before joins its line), lines in top order, each
    sorted by x0; a word ends where the next character starts left of the last one's x0, more
    than X_TOLERANCE right of its x1, or on a top more than Y_TOLERANCE away. A word's box is
    the union of its characters' (pdfplumber's merge_chars), its font and size its first's."""
    from pdfplumber.utils.text import LIGATURES

    out: list[dict] = []
    n = len(word_chars)
    i = 0
    while i < n:
        font, size = word_chars[i]["fontname"], word_chars[i]["size"]
        j = i + 1
        while j < n and word_chars[j]["size"] == size and word_chars[j]["fontname"] == font:
            j += 1
        run = word_chars[i:j]
        i = j
        line_of = _clusters({ch["top"] for ch in run}, Y_TOLERANCE)
        lines: dict[int, list[dict]] = {}
        for ch in run:
            lines.setdefault(line_of[ch["top"]], []).append(ch)
        for k in sorted(lines):
            texts: list[str] = []
            for ch in sorted(lines[k], key=_x0):
                x0, top, x1, bottom = ch["x0"], ch["top"], ch["x1"], ch["bottom"]
                if texts:
                    if x0 < px0 or x0 > px1 + X_TOLERANCE or abs(top - ptop) > Y_TOLERANCE:
                        out.append(_word(texts, wx0, wtop, wx1, wbottom, font, size))
                        texts = []
                    else:  # the union of the boxes (compared inline: a call of min/max a character costs)
                        if top < wtop:
                            wtop = top
                        if x1 > wx1:
                            wx1 = x1
                        if bottom > wbottom:
                            wbottom = bottom
                if not texts:
                    wx0, wtop, wx1, wbottom = x0, top, x1, bottom
                texts.append(LIGATURES.get(ch["text"], ch["text"]))
                px0, px1, ptop = x0, x1, top
            out.append(_word(texts, wx0, wtop, wx1, wbottom, font, size))
    return out


def _x0(ch: dict) -> float:
    return ch["x0"]


def _word(texts: list[str], x0: float, top: float, x1: float, bottom: float, font: str, size: float) -> dict:
    """pdfplumber's WordExtractor.merge_chars record of an upright word (the characters' doctop is their top)."""
    return {"text": "".join(texts), "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom, "upright": True,
            "height": bottom - top, "width": x1 - x0, "direction": "ltr", "fontname": font, "size": size}


def has_rulings(page, depth: int = 3) -> bool:
    """Could pdfplumber's ruled-table finder find a table here? At least three horizontal and
    three vertical ruling sides (two rows of two cells) among the page's path objects, each
    path counted as the sides of its bounding box, or one path complex enough to be a grid.
    Errs towards yes: the finder itself then decides."""
    import pypdfium2.raw as pdfium_c

    h = v = 0
    l, b, r, t = (ctypes.c_float() for _ in range(4))

    def walk(objects):
        nonlocal h, v
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == PDFIUM_PATH:
                if not pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, t):
                    continue
                w, ht = abs(r.value - l.value), abs(t.value - b.value)
                if w >= RULING_MIN and ht >= RULING_MIN and \
                        pdfium_c.FPDFPath_CountSegments(obj) >= COMPLEX_PATH_SEGMENTS:
                    return True
                h += 2 if w >= RULING_MIN else 0
                v += 2 if ht >= RULING_MIN else 0
                if h >= 3 and v >= 3:
                    return True
            elif kind == PDFIUM_FORM and depth_left[0] > 0:
                depth_left[0] -= 1
                inner = [pdfium_c.FPDFFormObj_GetObject(obj, k) for k in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
                if walk(inner):
                    return True
                depth_left[0] += 1
        return False

    depth_left = [depth]
    top = [pdfium_c.FPDFPage_GetObject(page, k) for k in range(pdfium_c.FPDFPage_CountObjects(page))]
    return walk(top)


def _mul(m, n):
    """m then n, as (a, b, c, d, e, f) matrices (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def edges(page, fr: PageFrame, depth: int = 3) -> list[dict]:
    """The page's ruling edges as pdfplumber's `page.edges` makes them from pdfminer's paths:
    each subpath's consecutive end points (Bézier control points left out, a closing back to the
    start included) give one edge each (`_subpath_edges`); path objects are found down to `depth`
    levels of form XObjects, each point through the matrices above it (`_path_subpaths`)."""
    import pypdfium2.raw as pdfium_c

    out: list[dict] = []
    m = pdfium_c.FS_MATRIX()

    def walk(objects, outer, depth_left):
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == PDFIUM_FORM and depth_left > 0:
                pdfium_c.FPDFPageObj_GetMatrix(obj, m)
                inner = _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                walk([pdfium_c.FPDFFormObj_GetObject(obj, k) for k in range(pdfium_c.FPDFFormObj_CountObjects(obj))],
                     inner, depth_left - 1)
            elif kind == PDFIUM_PATH:
                pdfium_c.FPDFPageObj_GetMatrix(obj, m)
                for pts in _path_subpaths(obj, _mul((m.a, m.b, m.c, m.d, m.e, m.f), outer)):
                    _subpath_edges([fr.point(x, y) for x, y in pts], out)

    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    walk([pdfium_c.FPDFPage_GetObject(page, k) for k in range(pdfium_c.FPDFPage_CountObjects(page))], identity, depth)
    return out


def _path_subpaths(obj, matrix) -> list[list[tuple[float, float]]]:
    """The end points of each subpath of a path object, in user space through `matrix`; a curve's
    control points left out, a closed subpath ending back at its start."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = matrix
    px, py = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    pts: list[tuple[float, float]] = []
    bezier = 0  # pdfium gives a curve as three BEZIERTO points: two controls, then the end
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pdfium_c.FPDFPathSegment_GetPoint(seg, px, py)
        x, y = px.value, py.value
        pt = (a * x + c * y + e, b * x + d * y + f)
        if kind == SEGMENT_MOVETO:
            if pts:
                subpaths.append(pts)
            pts, bezier = [pt], 0
        elif kind == SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point
            pts.append(pt)
        else:
            bezier = 0
            pts.append(pt)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and pts:
            pts.append(pts[0])
    if pts:
        subpaths.append(pts)
    return subpaths


def _subpath_edges(pts: list[tuple[float, float]], out: list[dict]) -> None:
    """The edges of one subpath (points on the shown page) added to `out`: a two-point subpath is
    a line ('h' when flat, else 'v'), other edges are 'h' or 'v' only when exactly flat or upright."""
    if len(pts) == 3 and pts[2] == pts[0]:
        pts = pts[:2]  # "mlh": the line, not a way back
    line = len(pts) == 2
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if line:
            orientation = "h" if y0 == y1 else "v"
        else:
            orientation = "v" if x0 == x1 else ("h" if y0 == y1 else None)
        if x0 == x1 and y0 == y1:
            continue  # a point (a redundant lineto before a close): no edge, as in pdfminer
        top, bottom = min(y0, y1), max(y0, y1)
        out.append({"object_type": "line" if line else "curve_edge", "x0": min(x0, x1), "x1": max(x0, x1),
                    "top": top, "bottom": bottom, "doctop": top, "width": abs(x1 - x0),
                    "height": bottom - top, "orientation": orientation})


class _TablePage:
    """What pdfplumber's TableFinder reads of a page: its edges, its characters
    and its box, here from pdfium instead of pdfminer's layout."""

    def __init__(self, edges: list[dict], chars: list[dict], fr: PageFrame):
        self.edges = edges
        self.chars = chars
        self.bbox = (0.0, 0.0, fr.width, fr.height)


CELL_LINE_TOLERANCE = 3.0  # pdfplumber's Table.extract: characters within 3 pt of a line's top are on it
# Decimals a cell character's top and bottom are rounded to before its lines are read: pdfium's
# float32 coordinates and pdfminer's doubles differ by noise (430.05902 against 430.05900 on
# laocai-qd2463), and two lines exactly CELL_LINE_TOLERANCE apart fell either side of it by that
# noise: one line in one engine, two in the other. Rounded, both engines read such a pair alike
# (as one line: pdfplumber's clustering joins a top within the tolerance, the bound included).
CELL_SNAP = 2
SNAP_EDGE = 1e-4  # points: a top this near a rounding boundary may round either way in the two engines


@dataclass(frozen=True)
class FoundTable:
    """A table pdfplumber's finder found (on pdfium's edges or pdfminer's page): its box and its
    cells' text as `cell_rows` reads them (None where the grid has no cell)."""

    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str | None, ...], ...]

    def extract(self) -> list[list[str | None]]:
        return [list(r) for r in self.rows]


class CharIndex:
    """A page's characters by the middle of their boxes, sorted top to bottom (`mids`: middle y,
    middle x, place in content order, the character), for the rows of its tables."""

    def __init__(self, page_chars: list[dict]):
        self.mids = sorted(((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, k, c)
                           for k, c in enumerate(page_chars))
        self.ys = [m[0] for m in self.mids]

    def band(self, x0: float, top: float, x1: float, bottom: float) -> list[tuple]:
        """The characters whose middle lies in the box (x0 <= x < x1, top <= y < bottom), in content order."""
        import bisect

        lo, hi = bisect.bisect_left(self.ys, top), bisect.bisect_left(self.ys, bottom)
        return sorted((m for m in self.mids[lo:hi] if x0 <= m[1] < x1), key=itemgetter(2))  # content order


def cell_rows(table, chars: CharIndex, check_ties: bool = False) -> tuple[tuple[str | None, ...], ...] | None:
    """The cells' text of one pdfplumber table, read as pdfplumber's Table.extract reads them (a
    character belongs to the row, then the cell, that holds the middle of its box; the cell's
    characters in content order through pdfplumber's extract_text: `cell_text`), with the
    characters' tops and bottoms rounded to CELL_SNAP decimals: both engines' tables are read by
    this one function. With `check_ties`, None when a cell's lines could still read otherwise
    from pdfminer's characters: two tops about the tolerance apart, one of them on a rounding boundary."""
    rows = []
    for row in table.rows:
        row_mids = chars.band(*row.bbox)
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            cell_chars = [m[3] for m in row_mids if cx0 <= m[1] < cx1 and ctop <= m[0] < cbottom]
            if check_ties and _tie_on_edge(cell_chars):
                return None
            cells.append(cell_text([_snapped(c) for c in cell_chars]) if cell_chars else "")
        rows.append(tuple(cells))
    return tuple(rows)


CELL_X_TOLERANCE = 3.0  # pdfplumber's extract_text: a gap wider than this after a character ends its word


def cell_text(chars: list[dict]) -> str:
    """pdfplumber's extract_text(chars) with its defaults (layout off), written out for upright
    characters (tests/test_pdf_engine.py checks the two on every table cell held): lines by
    clustering the tops (a top within CELL_LINE_TOLERANCE of the one before joins its line), each
    sorted by x0 into words (a blank ends one; so does a character left of the last one's x0,
    more than CELL_X_TOLERANCE right of its x1, or on a top more than CELL_LINE_TOLERANCE away);
    then the words in lines by their tops the same way, a space between words and a line break
    between lines. A cell with turned characters goes to pdfplumber itself (about 170 us a cell,
    against a tenth of that)."""
    if not all(c["upright"] for c in chars):
        from pdfplumber.utils import extract_text

        return extract_text(chars)
    line_of = _clusters({c["top"] for c in chars}, CELL_LINE_TOLERANCE)
    lines: dict[int, list[dict]] = {}
    for c in chars:
        lines.setdefault(line_of[c["top"]], []).append(c)
    words: list[tuple[float, str]] = []  # (top, text) in pdfplumber's order
    for k in sorted(lines):
        current: list[dict] = []
        for c in sorted(lines[k], key=_x0):
            if c["text"].isspace() or (current and (c["x0"] < current[-1]["x0"] or abs(c["top"] - current[-1]["top"])
                                                    > CELL_LINE_TOLERANCE or c["x0"] > current[-1]["x1"] + CELL_X_TOLERANCE)):
                if current:
                    words.append(_cell_word(current))
                current = [] if c["text"].isspace() else [c]
            else:
                current.append(c)
        if current:
            words.append(_cell_word(current))
    word_line = _clusters({top for top, _ in words}, CELL_LINE_TOLERANCE)
    rows: dict[int, list[str]] = {}
    for top, text in words:
        rows.setdefault(word_line[top], []).append(text)
    return "\n".join(" ".join(rows[k]) for k in sorted(rows))


def _cell_word(chars: list[dict]) -> tuple[float, str]:
    """A word of a cell as pdfplumber merges it: its top, its text with ligatures spelt out."""
    from pdfplumber.utils.text import LIGATURES

    return min(c["top"] for c in chars), "".join(LIGATURES.get(c["text"], c["text"] or "") for c in chars)


def _clusters(values: set[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: each value -> its cluster's number, a sorted value joining
    the cluster of the one before when within `tolerance` of it (words' and cells' lines)."""
    out: dict[float, int] = {}
    last, k = None, -1
    for v in sorted(values):
        if last is None or v > last + tolerance:
            k += 1
        out[v] = k
        last = v
    return out


def _snapped(ch: dict) -> dict:
    top = round(ch["top"], CELL_SNAP)
    return {**ch, "top": top, "doctop": top, "bottom": round(ch["bottom"], CELL_SNAP)}


def _tie_on_edge(cell_chars: list[dict]) -> bool:
    """Two of the cell's tops whose rounded values lie within one rounding step of the line
    tolerance apart, one of them within SNAP_EDGE of a rounding boundary (pdfminer's value may
    round to the other side): the lines of the cell are not the same in both engines for sure."""
    import bisect

    step = 10.0 ** -CELL_SNAP
    tops = sorted({c["top"] for c in cell_chars})
    edgy = [t for t in tops if abs((t / step) % 1.0 - 0.5) * step < SNAP_EDGE]
    for y in edgy:
        for other in (y - CELL_LINE_TOLERANCE, y + CELL_LINE_TOLERANCE):
            k = bisect.bisect_left(tops, other - 2 * step)
            if k < len(tops) and tops[k] <= other + 2 * step:
                return True
    return False


def find_tables(page, page_chars: list[dict], fr: PageFrame, table_settings: dict,
                depth: int = 3) -> list[FoundTable] | None:
    """pdfplumber's ruled-table finder on the page's pdfium edges and characters, each table's
    cells read by `cell_rows`; or None when a cell's lines could read otherwise from pdfminer's
    characters (the caller then asks pdfplumber)."""
    from pdfplumber.table import TableFinder

    fake = _TablePage(edges(page, fr, depth), page_chars, fr)
    out = []
    index = None
    for t in TableFinder(fake, table_settings).tables:
        index = index or CharIndex(page_chars)
        rows = cell_rows(t, index, check_ties=True)
        if rows is None:
            return None
        out.append(FoundTable(tuple(t.bbox), rows))
    return out
