"""Parse settings, resolved once (like pdfplumber's TableSettings) and passed down read-only."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class LayerSettings:
    """When a PDF page's text layer is used, and when the page is OCR'd (parser.load.layer)."""

    min_layer_chars: int = 100  # fewer non-space characters (signing stamp aside): no text layer of its own
    min_outline_paths: int = 20  # ...and at least this many path objects: glyphs drawn as outlines (a short page of them too)
    object_depth: int = 3  # how deep into form XObjects pdfium's objects are counted
    min_judged_words: int = 15  # fewer words of two letters or more: the layer is not judged
    max_foreign_share: float = 0.10  # more words than this with letters Vietnamese lacks: mojibake
    min_words_for_marks: int = 40  # judge the share of marked words from this many words on
    min_marked_share: float = 0.10  # Vietnamese prose marks ~60% of its words; an unmarked layer is old OCR


@dataclass(frozen=True)
class RereadSettings:
    """The second reading of handwritten numbers and days on scans (parser.reread)."""

    enabled: bool = True
    dpi: int = 400  # the line crop is rendered at this resolution for both line readers
    pad: float = 4.0  # points of margin around the line's box
    max_number_digits: int = 6  # a number blank holds at most this many digits
    min_word_conf: float = 75.0  # a page-OCR digit word read with less confidence is read again
    name: bool = True  # read the signer's name again from the signature block when the page OCR gave none
    name_below: float = 150.0  # pt: how far below the signer's last title line the name is looked for
    name_side: float = 40.0  # pt: margin left and right of the title lines' column
    min_name_conf: float = 60.0  # mean word confidence (0..100) of a name line taken from that reading
    items: bool = True  # read again the Nơi nhận lines the page OCR read with low confidence
    item_conf: float = 85.0  # a Nơi nhận line below this mean confidence (or with a poorly read word) is read again
    item_gain: float = 5.0  # ... and the new reading replaces it when its confidence is this much higher
    item_junk: float = 30.0  # a line of such a crop read with less confidence (0..100) is a seal's or stamp's specks
    # 0..100: the crop's reading must be at least this like the page's line (rapidfuzz partial
    # ratio, marks aside) unless the page doubted most of the line's words: a crop that caught the
    # next item instead ('- Bộ Tài chính' for '- Như Điều 3;', a blurred phone capture) is no reading of it
    item_likeness: float = 60.0
    row_overlap: float = 0.5  # × height: two Nơi nhận lines side by side that overlap this much are one printed line
    max_crops: int = 40  # closing lines read again at most (one Tesseract run for all): a longer list's rest stays as read


@dataclass(frozen=True)
class LayoutSettings:
    """Every threshold of the layout stage (parser.layout), named, in the manner of pdfplumber's
    ``TableSettings``.

    Units are stated per field: **pt** (PDF points, 1/72 inch), **× height** (of the page's usual
    word, or of the words compared), **× size** (font size), **of width** / **of height** (a
    fraction of the page's width or height), **of block** (a fraction of the text block's width:
    from the left to the right margin as found on the page), **rows** (rows of words), **0..100**
    (Tesseract word confidence). The fractions of the page become points once per page, with the
    page's own size, in ``for_page`` (an A4 page is 595 pt wide, a landscape form page 842 pt).

    The values were set on the official layout of Nghị định 30/2020/NĐ-CP as the five seed letters
    render it (corpora/pdf, A4 portrait, landscape form pages), and on the real letters of
    ../shared/real: the Quảng Ngãi and Cao Bằng scans (margin stamps, skew, seals) and text-layer
    letters of 21 issuers. Changing one changes the evaluation: re-run scripts/evaluate.py.

    Other OCR confidence cut-offs live with the stage that uses them: ``Settings.low_conf`` (60,
    a page's mean word confidence under which it gets a ``low_confidence`` warning: load/pdf.py),
    ``RereadSettings.min_word_conf`` (75, declared but not read by parser.reread today: the second
    reading takes the words under ``low_word_conf`` below), ``FIELD_CONF`` in parser/assemble.py
    (80, a header or closing field's mean line confidence under which it is flagged).
    """

    # -- a page without a size (no loader makes one with words today: PDF pages always have one)
    fallback_page_width: float = 600.0  # pt; about A4's 595
    fallback_page_height: float = 800.0  # pt; about A4's 842

    # -- words -> text (join_words)
    touch_gap: float = 0.1  # × size: a gap under this is no space (a word split by a font change: a raised "h5", a bold ".")
    fallback_font_size: float = 12.0  # pt: the size assumed when neither word has one (OCR words have their height)

    # -- words -> rows (group_rows): by line middles against the page's usual word height
    min_usual_height: float = 1.0  # pt: floor of the usual (median) word height
    row_tolerance: float = 0.5  # × height: a word joins the row whose middle is this near to its own
    tall_word: float = 2.0  # × height: taller words (seal fragments, signature strokes, a handwritten digit) join a row only once rows are formed ...
    tall_row_tolerance: float = 1.0  # × height: ... the row whose middle is this near to theirs

    # -- skew of a scan (skew_slope, deskew): from pairs of neighbouring words on one line
    skew_min_chars: int = 2  # a word of fewer characters (a dot, a dash) gives no direction
    skew_reach: float = 2.0  # × height: the next word on the line starts within this of the word's end
    skew_height_tolerance: float = 0.3  # × height: the two words are about as tall
    skew_same_line: float = 0.5  # × height: their middles differ by less than this (the same line)
    skew_min_pairs: int = 20  # fewer pairs: no skew measured (the median of a few is noise)
    min_skew: float = 0.002  # dy/dx: under ~0.1 degree the words are not sheared

    # -- margin stamps and notes of a scan (_margin_noise): the incoming-mail stamp "CV ĐẾN Số ..."
    min_text_block: float = 0.4  # of width: a narrower text block is not trusted to find the margins
    margin_slack: float = 6.0  # pt: words wholly this far outside the text block are margin words
    margin_join: float = 3.0  # × height: a word outside the block this near its row's next word toward the block is the row's own (_row_heads)
    stamp_reach: float = 8.0  # pt: the least distance (or the word's height) at which a poorly read word touches a margin word
    low_word_conf: float = 60.0  # 0..100: an OCR word under this is poorly read (margin stamps; Line.low_conf_words, which the second reading and the signer's name use)

    # -- lines (_line): centred titles and first-line indents
    centered_tolerance: float = 0.06  # of block: the line's middle this near the block's middle ...
    centered_max_width: float = 0.85  # of block: ... the line narrower than this ...
    centered_min_inset: float = 0.06  # of block: ... and starting this far right of the margin
    indent_min: float = 0.03  # of block: a line starting this far right of the margin is indented

    box_slack: float = 1.0  # pt: a word whose middle is within a ruled table's box (plus this) belongs to the table

    # -- the text block's margins (_margins)
    wide_row: float = 0.5  # of width: rows wider than this find the margins (short lines and columns do not)
    margin_percentile: int = 10  # the left margin is this percentile of the wide rows' starts, the right one the (100 - it)th of their ends

    # -- noise rows (_drop_noise)
    page_number_top: float = 0.12  # of height: a page number above this ...
    page_number_bottom: float = 0.9  # of height: ... or below this is dropped
    stamp_zone_top: float = 0.15  # of height: small print above this on page 1 ...
    stamp_zone_left: float = 0.5  # of width: ... right of this is the signing stamp's box
    stamp_small_print: float = 0.8  # × size: small print is every word under this share of the body's font size

    # -- page 1's two-column header (_header_band): issuer, Số, V/v | quốc hiệu, tiêu ngữ, place and date
    header_rows: int = 30  # rows searched for the quốc hiệu (CỘNG HÒA ...) and the date line
    column_split_offset: float = 2.0  # pt: a band's columns split this far left of the right column's first word
    date_column_min_x: float = 0.35  # of width: without a quốc hiệu, a date line starting right of this opens the right column
    band_rows_above: int = 3  # rows: the band's anchors (number, date) are looked for this far above the quốc hiệu ...
    band_rows_below: int = 8  # rows: ... and up to this far below it (a body line "... ngày 19/6/2015" further down is not one)
    date_split_slack: float = 10.0  # pt: a date line starting this far left of the split is still in the right column
    subject_column_slack: float = 4.0  # pt: a V/v line under the number ends within this right of the split ...
    subject_line_gap: float = 2.5  # × height: ... and follows the row above within this many of its heights ...
    subject_row_pad: float = 1.0  # pt: ... (the row's height plus this)

    # -- columns side by side (_parts)
    column_gap: float = 18.0  # pt: words this far apart on a row are in different columns (a word space is 3-4 pt at 13 pt)

    # -- the closing band (_closing_band, _band_lines): Nơi nhận | signer (KT. BỘ TRƯỞNG ...)
    recipients_max_x: float = 0.4  # of width: "Nơi nhận:" starts left of this
    authority_min_x: float = 0.4  # of width: the authority line (KT., TM., TL. ...) starts right of this
    authority_rows_below: int = 3  # rows: an authority line further below Nơi nhận does not place the split
    authority_rows_above: int = 3  # rows: an authority line up to this far above Nơi nhận starts the band
    signer_rows: int = 6  # rows of the band whose right-hand words find the signer's column when no authority line does
    signer_column_min_x: float = 0.45  # of width: right-hand words start right of this ...
    signer_column_default_x: float = 0.5  # of width: ... and without any, the column starts here
    annex_title_max_width: float = 0.6  # of width: a "Phụ lục"/"Biểu" line narrower than this, left of the split, ends the band
    signer_part_slack: float = 0.12  # of width: a row's last part starting this far left of the split is still the signer's

    # -- signers side by side (_signers_band): a joint document's or a biên bản's blocks on one row
    signers_block_rows: int = 8  # rows under the row of authority lines that hold the blocks (title, name)

    def for_page(self, width: float | None, height: float | None) -> PageThresholds:
        """The thresholds of one page: fractions of its width and height turned into points."""
        w = width or self.fallback_page_width
        h = height or self.fallback_page_height
        return PageThresholds(
            settings=self, width=w, height=h,
            min_text_block=self.min_text_block * w, wide_row=self.wide_row * w,
            page_number_top=self.page_number_top * h, page_number_bottom=self.page_number_bottom * h,
            stamp_zone_top=self.stamp_zone_top * h, stamp_zone_left=self.stamp_zone_left * w,
            date_column_min_x=self.date_column_min_x * w,
            recipients_max_x=self.recipients_max_x * w, authority_min_x=self.authority_min_x * w,
            signer_column_min_x=self.signer_column_min_x * w,
            signer_column_default_x=self.signer_column_default_x * w,
            annex_title_max_width=self.annex_title_max_width * w,
            signer_part_slack=self.signer_part_slack * w,
        )


@dataclass(frozen=True)
class PageThresholds:
    """LayoutSettings resolved for one page (``LayoutSettings.for_page``): every fraction of the
    page's width or height as points on this page; the other thresholds are read from `settings`."""

    settings: LayoutSettings
    width: float  # pt
    height: float  # pt
    min_text_block: float
    wide_row: float
    page_number_top: float
    page_number_bottom: float
    stamp_zone_top: float
    stamp_zone_left: float
    date_column_min_x: float
    recipients_max_x: float
    authority_min_x: float
    signer_column_min_x: float
    signer_column_default_x: float
    annex_title_max_width: float
    signer_part_slack: float


@dataclass(frozen=True)
class Settings:
    ocr: str = "auto"  # "auto": OCR pages without a text layer when Tesseract is installed; "off"
    ocr_dpi: int = 300
    jobs: int | None = None  # parallel OCR processes (default: cores)
    tables: bool = True  # look for ruled tables in PDFs
    max_pages: int = 200  # pages read from one PDF; more gives a `truncated` warning
    max_bytes: int = 200 * 1024 * 1024  # refuse inputs larger than this
    # decompressed bytes of one PDF content stream or form XObject (parser.load.limits: a page
    # drawing more is not read, `limit` warning) and of one DOCX part (the .docx is refused);
    # a real letter's page stream is under 1 MiB, its word/document.xml a few MiB
    max_inflated_bytes: int = 32 * 1024 * 1024
    # wall seconds one document may take, OCR's time not counted (parser.deadline); past it the
    # page loops stop (`truncated`) and the finders stop (`limit`), keeping what was read;
    # a real letter takes 0.1-3 s, a 200-page PDF about 10; None: no deadline
    max_seconds: float | None = 40.0
    max_image_pixels: int = 100_000_000  # an image of more pixels on a page: the page is not rendered for OCR (`limit`)
    # objects one PDF page may draw (pdfium's count: text, path, image and form objects, and those
    # inside its forms as deep as LayerSettings.object_depth): a page drawing more is not read
    # (`limit` warning); the letters of corpora/pdf and ../shared/real draw at most about 1,000
    max_page_objects: int = 50_000
    low_conf: float = 60.0  # mean OCR confidence under which a page is flagged
    pdf_engine: str = "pdfium"  # digital PDF words: "pdfium" (character API, parser.load.pdfium) or "pdfplumber"
    layer: LayerSettings = LayerSettings()
    reread: RereadSettings = RereadSettings()
    layout: LayoutSettings = LayoutSettings()

    @classmethod
    def resolve(cls, **overrides) -> Settings:
        """Defaults <- environment (CONGVAN_OCR, CONGVAN_JOBS) <- explicit overrides (None ignored)."""
        values = {}
        if os.environ.get("CONGVAN_OCR"):
            values["ocr"] = os.environ["CONGVAN_OCR"]
        if os.environ.get("CONGVAN_JOBS", "").isdigit():
            values["jobs"] = int(os.environ["CONGVAN_JOBS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        s = cls(**values)
        if s.ocr not in ("auto", "off"):
            raise ValueError(f"ocr must be 'auto' or 'off', not {s.ocr!r}")
        return s
