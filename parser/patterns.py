"""Named regexes for the parts of a letter, each with examples from the letters it was built on.

Tested in tests/test_patterns.py. Text reaching these is already NFC with `Đ` (normalize.py).
"""
from __future__ import annotations

import regex as re

from .text import FAMILIES, is_upper

# Vietnamese letters by base letter (parser/text.py): OCR and old fonts lose or change tone
# marks and vowel hooks ("Kính gủi", "Phụ luc", "CỌNG HOA", "Độc 1ập"); keywords match any of them.
_FAMILIES = FAMILIES
_LOOSE = {c: f for f in _FAMILIES for c in f} | {c: f.upper() for f in _FAMILIES for c in f.upper()}


def loose(words: str) -> str:
    """A regex source matching `words` with any tone mark or vowel hook, 'l' also as OCR's
    '1', and any spacing between words: loose('Kính gửi') matches 'Kinh gủi', 'Kính  gửi'."""
    out = []
    for c in words:
        if c == " ":
            out.append(r"\s+")
        elif c in _LOOSE:
            out.append(f"[{_LOOSE[c]}]")
        elif c in "lL":
            out.append(f"[{c}1I]")
        else:
            out.append(re.escape(c))
    return "".join(out)


# --- Header -----------------------------------------------------------------------------

# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (quốc hiệu); also when it shares a line with the issuer
# in converted text: "BỘ THÔNG TIN VÀ TRUYỀN THÔNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM". A document
# of the Communist Party (Tỉnh ủy, Huyện ủy, Đảng ủy: Hướng dẫn 36-HD/VPTW) prints the party's
# heading in its place, "ĐẢNG CỘNG SẢN VIỆT NAM", with no tiêu ngữ under it, and one of the Youth
# Union (Tỉnh đoàn, Huyện đoàn, a school's Đoàn trường) "ĐOÀN TNCS HỒ CHÍ MINH": read as the same
# header element.
PARTY_HEADINGS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐOÀN TNCS HỒ CHÍ MINH", "ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH")
PARTY_HEADING = "|".join(loose(h) for h in PARTY_HEADINGS)
QUOC_HIEU = re.compile("(?i)" + loose("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "|" + PARTY_HEADING)


# The quốc hiệu wrapped by a narrow column onto two lines: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM"
QUOC_HIEU_HEAD = re.compile("(?i)^" + loose("CỘNG HÒA XÃ HỘI CHỦ NGHĨA") + r"$")
QUOC_HIEU_TAIL = re.compile("(?i)^" + loose("VIỆT NAM") + r"$")
# The quốc hiệu's first words inside a line, the rest of it garbled by OCR: 'BỘ CÔNG THƯƠNG CỘNG
# HOÀ XÃ HỘI É', 'BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ HỌICH %EET' (its 'HỘI' misread and run into the
# next word; trusted only over the tiêu ngữ's line, segment._split_quoc_hieu)
QUOC_HIEU_START = re.compile("(?<=\\s)" + loose("CỘNG HÒA XÃ") + r"\s+H\S*")


def quoc_hieu_wrapped(text: str, next_text: str) -> bool:
    """The quốc hiệu's head on this line and "VIỆT NAM" on the next (or a wrap inside it: "...
    CHỦ NGHĨA VIỆT" / "NAM"), in upper case (prose that names the country is in sentence case)."""
    whole = QUOC_HIEU.fullmatch(f"{text} {next_text}")
    return bool((QUOC_HIEU_HEAD.match(text) and QUOC_HIEU_TAIL.match(next_text) or whole and not QUOC_HIEU.search(text))
                and is_upper(text, share=0.8) and is_upper(next_text, share=0.8))


def quoc_hieu(text: str):
    """The quốc hiệu as printed (upper case; OCR may lower a letter or two), or None. Prose that
    names the country ("... mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên") is not it."""
    m = QUOC_HIEU.search(text)
    if m is None:
        return None
    return m if is_upper(m.group(0), share=0.8) else None
# "Độc lập - Tự do - Hạnh phúc" (tiêu ngữ); its middle as OCR also reads it between the other two,
# "Độc lập - Ty do - Hạnh phúc" (the ư's hook read as a y), a dash read as '~' or '—'
# ("Độc lập - Ty do ~ Hanh phúc") or as a speck ("Độc lập - Tự do . Hạnh phúc")
TIEU_NGU_ANY = re.compile("(?i)" + loose("Độc lập") + r"\s*[-–—~.]\s*(?:" + loose("Tự do") + r"|T\p{L}{1,2}\s+d\p{L}{1,2})"
                          r"\s*[-–—~.]\s*" + loose("Hạnh phúc"))
TIEU_NGU = re.compile("(?i)^" + TIEU_NGU_ANY.pattern[4:])
# The title of a văn bản hợp nhất's authentication block (Pháp lệnh hợp nhất văn bản QPPL 2012,
# Điều 6), printed after the last article: "BỘ QUỐC PHÒNG   XÁC THỰC VĂN BẢN HỢP NHẤT" /
# "Số: 46/VBHN-BQP   Hà Nội, ngày 04 tháng 5 năm 2026" / the authority and the signer
VBHN_AUTHENTICATION = re.compile("(?i)" + loose("XÁC THỰC") + r"\s*(?P<type>" + loose("VĂN BẢN HỢP NHẤT") + ")")
# Before "ngày" of a place-and-date line run on after the number, the comma OCR lost:
# "Số: 46/VBHN-BQP Hà Nội ngày 04 ..." -> "Hà Nội, ngày 04 ..."
DATE_COMMA_LOST = re.compile(r"\s*,?\s*(ng[àa]y)\b")
# "Số: 232/BTTTT-KHTC", "Số: 542 /TB-UBND", "Số:   /UBND-KGVX" (blank number), OCR "Sô:", "So:", "Só:",
# "sé; 5452 /TCHQ-GSQL" (the o read as an e, then a colon or semicolon), "sé/(ÖCr-TTHT" (the colon
# and a handwritten number lost: the slash of the số ký hiệu right after the e);
# a party document's "Số 1245-CV/TU" has no colon: there a number and its dash or slash must follow,
# or, the number left blank for the signing, the dash and the codes alone ("Số         -CTr/TU")
NUMBER_LINE = re.compile(r"^(?:(?i:s[ốồôoổỗóòỏõọộ]|s0|s[éèẻẽẹêếềểễệ](?=\s*[:;]))\s*[:;.]\s*|(?i:s[éèẻẽẹêếềểễệ])(?=/)|S[ốô]\s+(?=\d+\s*[-/⁄]\s*\p{Lu}|[-/⁄]\p{L}+[-/⁄]\p{Lu}))(?P<value>.*)$")
# Where a number line must stand (under the issuer of an authentication block), OCR's damage to
# "Số:" is read too: "Sốẽ: 46/VBHN-BQP", "S6: ..." (a letter or two, then the colon)
NUMBER_LINE_DAMAGED = re.compile(r"^[Ss]\S{0,2}\s*[:;]\s*(?P<value>.*)$")
# The rest of a number wrapped at a dash onto the next line: a joint letter's issuer codes
# ("Số: 24/HDLN-BCA-BQP-BYT-" / "BCT-BTC-VKSNDTC-TANDTC")
NUMBER_CONTINUED = re.compile(r"^[\p{Lu}\d][\p{Lu}\d&.]*(?:\s?-\s?[\p{Lu}\d&][\p{Lu}\d&.]*)*$")
# A số ký hiệu standing alone in the header's left column, its "Số:" lost under a received
# stamp or to OCR: "19/2026/NQ-CP", "2463/QĐ-UBND"
BARE_NUMBER = re.compile(r"^\d{1,6}(?:/\d{4})?/\p{Lu}[\p{L}\d&.]*(?:\s?-\s?[\p{Lu}\d&][\p{L}\d&.]*)+$")


def number_value(text: str) -> str:
    """The số ký hiệu of a number line: after "Số:", or the whole of a bare one."""
    m = NUMBER_LINE.match(text.strip())
    return m["value"] if m else text.strip()


# "Hà Nội, ngày 19 tháng 7 năm 2018", "Quảng Ngãi, ngày    tháng 01 năm 2025" (left blank),
# and as OCR reads a handwritten day: "Quảng Ngãi, ngày|2 tháng 3 năm 2018", "ngày#Ôtháng 01",
# "ngày 2# tháng" -- what stands there is not a day (`day_junk`), so the day is unknown.
# The words of a date as OCR also reads them, with any of their vowel's marks ('thắng' for 'tháng')
NGAY, THANG, NAM = loose("ngày"), loose("tháng"), loose("năm")
DATE_LINE = re.compile(
    r"^(?P<place>[\p{Lu}][\p{L} .'-]{1,40}?)\s*,\s*" + NGAY + r"\s*(?:(?P<day>\d{1,2})|(?P<day_junk>\S{1,6}?))?"
    r"\s*" + THANG + r"\s*(?:(?P<month>\d{1,2})|(?P<month_junk>\S{1,6}?))?\s*" + NAM + r"\s*(?P<year>\d{4})?"
)
# A place-and-date line with its day, month and year as runs of digits, however long: with
# OVERLONG_DIGITS it finds a date line whose field is absurd ("Bình Định, ngày 3009564003...
# tháng 7 năm 2013"), which DATE_LINE does not take (or would take the year's first four digits of).
_OVERLONG_DAY_MONTH_YEAR = NGAY + r"\s*(?P<day>\d+)\s*" + THANG + r"\s*(?P<month>\d+)\s*" + NAM + r"\s*(?P<year>\d+)"
OVERLONG_DATE_LINE = re.compile(r"^[\p{Lu}][\p{L} .'-]{1,40}?\s*,\s*" + _OVERLONG_DAY_MONTH_YEAR)
# The same "ngày D tháng M năm Y" anywhere in a line: an annex's "(Ban hành kèm theo Quyết định số
# 43/2008/QĐ-TTg ngày 1514062946... tháng 3 năm 2008 ...)", from which the letter's date may be read.
OVERLONG_DATE = re.compile(_OVERLONG_DAY_MONTH_YEAR)
# A run of more digits than a số ký hiệu's number (NOTATION reads at most five) or a date's
# field holds: a number or a year cut from it ("88379/STC-NS" out of 5,000 digits) would be
# wrong in silence.
OVERLONG_DIGITS = re.compile(r"\d{6,}")


def overlong_date(text: str, date_line: bool = False) -> int | None:
    """The digits of the longest field when `text` gives a day, month or year of more digits than
    a date has: as a place-and-date line (OVERLONG_DATE_LINE, `date_line`) or anywhere in it
    (OVERLONG_DATE)."""
    m = OVERLONG_DATE_LINE.match(text) if date_line else OVERLONG_DATE.search(text)
    if m and any(OVERLONG_DIGITS.fullmatch(m[k]) for k in ("day", "month", "year")):
        return max(len(m[k]) for k in ("day", "month", "year"))
    return None
# A record's own date in its first sentence (biên bản have no place-and-date line): "Hôm nay,
# ngày 08/6/2026, Sở Công Thương tiến hành ...", "Hôm nay, vào lúc 8 giờ 00, ngày 08 tháng 5 năm 2026"
RECORD_DAY = re.compile("(?i)^" + loose("hôm nay") + r"\b.{0,40}?ng[àa]y\s*(?P<day>\d{1,2})\s*(?:/|-|th[áa]ng)\s*"
                        r"(?P<month>\d{1,2})\s*(?:/|-|n[ăa]m)\s*(?P<year>\d{4})")
# An incoming-mail stamp (dấu "CÔNG VĂN ĐẾN" of the office that received the letter) above or over
# the header, its title and its fields: "CÔNG VĂN ĐẾN" / "ĐẾN", "Số: 4521" (a number with no
# code), "Ngày: 06/3/2026", "Giờ: ...", "Chuyển: VP", "Lưu hồ sơ số: ..."
# (the words as OCR reads their marks too: "CÔNG VĂN ĐÊN", "Ngay: 06/3")
RECEIVED_TITLE = re.compile("^(?:(?:" + loose("CÔNG VĂN") + "|CV|" + loose("VĂN BẢN") + r")\s+)?[ĐD]" + loose("ẾN")
                            + r"\s*[:.]?$")
RECEIVED_FIELD = re.compile("(?i)^(?:" + loose("Số") + r"\s*(?:" + loose("đến") + r")?\s*[:.]\s*\d{1,6}\s*$|"
                            + loose("Ngày") + r"\s*(?:" + loose("đến") + r")?\s*[:.]\s*\d{1,2}\s*[/.-]\s*\d{1,2}"
                            r"(?:\s*[/.-]\s*\d{2,4})?\s*$|" + loose("Chuyển") + r"\s*[:.]|" + loose("Giờ") + r"\s*[:.]|"
                            + loose("Lưu hồ sơ số") + ")")
# "V/v xây dựng, đề xuất kế hoạch ...", "V/v: ...", "Về việc ...", "Về việc : Giao ..."; and as OCR
# reads "Về" in a scan: "Vềviệc tăng cường ...", "\\W việc thụ lý ..." (a mark for the word), and an
# italic "v/v" as OCR reads it: "v⁄ hướng dẫn ...", "V / v", and with a "w" Vietnamese does not
# spell ("V/w triển khai ...", "VWW Báo cáo ...", "Vw_ triển khai ...", "wvw trả lời ...": the slash
# and the v run together, an underscore for the line's low stroke), and "việc" with its c lost
# ("Về việ Ủy quyền ...", "việ sửa đổi ...": 'việ' is no word)
SUBJECT_VV = re.compile(r"(?i)^(?:V\s?[/⁄]\s?v|V\.v|V[/⁄](?=\s)|V[/⁄|]?[vw]*w[vw]*_?(?=\s)|W[/⁄|]?[vw]+(?=\s)|Về\s*việc|(?:Về\s*)?việ(?=\s)|(?:[^\p{L}\s]\S?|\S[^\p{L}\s])\s*việc(?=\s))\s*[:.]?\s*")
# A trích yếu run on after the number on its line, as a flattened text or a portal's cell has it
# ('Số: 627/BYT-BH V/v hướng dẫn ...', 'Số: 2403/TTg-KGVX V/v Điều chỉnh ...'): where it starts
VV_AFTER_NUMBER = re.compile(r"(?<=\d\S*)\s+(?=V/v\s)")
# The bare "Về" a tên loại's trích yếu opens with ("CHỈ THỊ / VỀ TĂNG CƯỜNG CÔNG TÁC ...", "NGHỊ
# QUYẾT / về phát triển các khu công nghiệp"): the preposition that ties it to the type name, like
# "Về việc" not part of the subject ("Về việc" itself is SUBJECT_VV's); OCR's "vế" for it
SUBJECT_ABOUT = re.compile(r"(?i)^v[ềế]\s+(?!việc\b)(?=\S)")
# "Kính gửi:" (recipients follow on the line or as a "-" list); a giấy mời's "Kính mời:", a tờ
# trình's "Kính trình:" name its recipients the same way, and
# a công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:" / "BỘ Y TẾ điện:" (its issuer in upper case, then 'điện:')
# A mark OCR put inside an issuer's name in capitals: a period after a whole word ('SỞ NÔNG
# NGHIỆP. VÀ MÔI TRƯỜNG': a name prints one only after an abbreviation, 'TP.', 'Q.'), and a
# comma between two words ('ỦY, BAN NHÂN DÂN': kept unless the two make one word of the list,
# header._stray_marks; 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH' prints its comma)
NAME_STRAY_PERIOD = re.compile(r"(?<=\p{Lu}{3})\.(?=\s+\p{Lu})")
NAME_COMMA = re.compile(r"(?<=(?:^|\s)(\p{Lu}+)),(?=\s+(\p{Lu}+)(?:\s|$))")
# "Kính gửi" as OCR also reads it: 'Kính qửi', 'Kính dủi' (the g's tail lost or closed)
KINH_GUI_OCR = loose("Kính") + r"\s+[gqd]" + loose("ửi")
KINH_GUI = re.compile("^(?:(?i:" + KINH_GUI_OCR + "|" + loose("Kính mời") + "|" + loose("Kính trình")
                      + r")|[\p{Lu}Đ][\p{Lu}Đ .,-]{2,80}?\s+(?i:" + loose("điện") + r")(?=\s*:))\s*[:;.]?\s*")
# Where a list's items ran together on one line, a DOCX cell's paragraphs joined by spaces ("- Các
# sở, ban, ngành thuộc UBND tỉnh; - Công an tỉnh; - Ủy ban nhân dân các xã, phường."): after an
# item's ';', the next item's dash
RUN_ITEMS = re.compile(r"(?<=;)\s+(?=[-–+•]\s)")
# The end of an addressee wrapped onto a line of its own: up to three words closing it with the
# list's ";" or "." ("- Trung ương Đoàn Thanh niên cộng sản Hồ Chí" / "Minh;", "- Ủy ban nhân
# dân tỉnh Quảng" / "Ngãi."); a body paragraph's first line is longer
ADDRESSEE_END = re.compile(r"^[\p{L}\d][^\s;.]*(?:\s+[^\s;.]+){0,2}[;.]$")
# Urgency and secrecy marks: "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC" ("HOẢ TỐC"), "MẬT", "TỐI MẬT", "TUYỆT MẬT",
# in upper case, their marks as OCR reads them too ("HOA TOC"): canonical_mark gives the mark itself
URGENCY_MARKS = ("THƯỢNG KHẨN", "HỎA TỐC", "KHẨN")
SECRECY_MARKS = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
URGENCY = re.compile("^(?:" + "|".join(loose(m) for m in URGENCY_MARKS) + ")$")
SECRECY = re.compile("^(?:" + "|".join(loose(m) for m in SECRECY_MARKS) + ")$")
_MARKS = tuple((m, re.compile(loose(m))) for m in URGENCY_MARKS + SECRECY_MARKS)


def canonical_mark(text: str) -> str | None:
    """'HOA TOC' -> 'HỎA TỐC': the urgency or secrecy mark a line is, spelt as the format spells it."""
    return next((m for m, pattern in _MARKS if pattern.fullmatch(text)), None)

# --- Not the letter's text ---------------------------------------------------------------

# The signing time alone on a stamp's row: "28-07-2026 09:58:36 +07:00", "06.11.2024 09:27:05"
SIGNATURE_TIME = re.compile(r"^\d{2}(?P<sep>[./-])\d{2}(?P=sep)\d{4}\s+\d{1,2}:\d{2}(:\d{2})?(\s*[+-]\d{2}:?\d{2})?$")
# Rows of a digital-signature stamp: "Signature Not Verified", "Ký bởi: ...", "Cơ quan: ...",
# "Thời gian ký: ...", "Ngày ký: ...", the signing service's e-mail and timestamp
# ("06.11.2024 09:27:05", "28-07-2026 09:58:36 +07:00", "+07:00"), and a lone "ĐÃ KÝ"
SIGNATURE_STAMP = re.compile(
    r"(?i)^(signature not verified|ký bởi|cơ quan\s*:|thời gian ký|ngày ký|người ký|email\s*:)|"
    r"^\S+@\S+\.\S+$|^[+-]\d{2}:\d{2}$|"
    r"^đã ký$|" + SIGNATURE_TIME.pattern
)
# A copy-certification stamp ("SAO Y", "SAO Y BẢN CHÍNH", "SAO LỤC", "TRÍCH SAO") printed or
# e-stamped on a copy: the organ and the date that follow it are the copy's, not the letter's
COPY_STAMP = re.compile(r"(?i)^(sao y|sao lục|trích sao|bản sao)(\s+bản chính)?\s*[:;.]?$")
# The mark a phone scanning app prints on each page: "Scanned with CamScanner", "Được quét bằng
# CamScanner" (OCR may split or garble the first words, the app's name survives)
SCANNER_MARK = re.compile(r"(?i)\bcam\s?scanner\b|^scanned\s+with\b|^được\s+quét\s+bằng\b")
# A page number on a line of its own: "2", "- 7 -", "(3)"
PAGE_NUMBER = re.compile(r"^[-–(]?\s*\d{1,3}\s*[-–)]?$")

# --- Closing ----------------------------------------------------------------------------

# "Nơi nhận:" (bottom left)
NOI_NHAN = re.compile("(?i)^(?:" + loose("nơi nhận") + r"|(?:[^\p{L}\s]{1,3}|[Nn]\p{L}{0,2})\s*" + loose("nhận")
                      + r"(?=\s*[:;])|" + loose("nhận") + r"(?=\s*:(?:\s*$|\s+(?-i:\p{Lu}{2,})\b)))\s*[:;.]?\s*")
# also "Nơi" as OCR may read it ("2 nhận:", "Nơ nhận:") or lose it: "nhận:" alone, or before the
# signer's column read into its line ("nhận: CHỦ TỊCH"); not a sentence's "nhận: ..." in lower case
# Signing authority: "KT. BỘ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH", "TUQ. ...", "Q. GIÁM ĐỐC",
# old style "T/M UBND TỈNH", "K/T CHỦ TỊCH", "T/M. ĐOÀN KIỂM TRA"; the dot may touch the office
# ("KT.GIÁM ĐỐC"); OCR's "K.T BỘ TRƯỞNG"
AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ|Q|PP|K/T|T/M|T/L|K\.T|T\.M|T\.L)(?:\s*[.:]\s*|\s+)\p{Lu}")
# A word every signer's title holds (folded): "phó chủ tịch", "cục trưởng", "giám đốc", "thủ
# tướng", "chánh văn phòng", "đd sở công thương", "ủy viên", "bí thư", "kế toán trưởng"
POSITION_WORD = re.compile(r"\b(?:truong|doc|tich|tuong|pho|chanh|uy vien|thanh vien|dai dien|dd|thay mat|"
                           r"bi thu|ke toan|chi huy|tu lenh|chinh uy|thu ky|nguoi|chu nhiem|bien tap)\b")
# A signer who signs for a party (đại diện): a record's or a contract's signature blocks, side by
# side ("ĐD SỞ CÔNG THƯƠNG   ĐD UBND XÃ YÊN THÀNH", "ĐẠI DIỆN BÊN A"), or over the party's name
# on the line under it ("ĐẠI DIỆN ĐẠI DIỆN" / "SỞ CÔNG THƯƠNG SỞ XÂY DỰNG"); OCR may glue a comma on
REPRESENTATIVE = re.compile(r"(?:^|(?<=\s))(?:ĐD|ĐẠI\s+DIỆN)\b[\s.,:]*(?=\p{Lu}|$)")
# An authority abbreviation whose period OCR lost or read as a comma: "KT BỘ TRƯỞNG", "TM, ỦY BAN"
# (Nghị định 30/2020/NĐ-CP prints "KT.", "TM.", "TL.", "TUQ.", "Q.")
AUTHORITY_NO_PERIOD = re.compile(r"^(KT|TM|TL|TUQ|Q)(?:\s*,\s*|\s+)(?=\p{Lu})")
# The same as OCR may read it with the period inside: "K.T BỘ TRƯỞNG" (KT.), "T.M ỦY BAN" (TM.)
AUTHORITY_INNER_PERIOD = re.compile(r"^([KT])\.([TML])\s+(?=\p{Lu})")
# The Nơi nhận list's last item, the copy filed: "- Lưu: VT, KHTC.", "- Lưu VT-NĐ" (after it a line
# with no dash is the signer's, not a wrapped item)
FILED_ITEM = re.compile(r"(?i)^[-–+•]?\s*" + loose("Lưu") + r"\b")
# Lines that stand for the signature in transcribed copies: "(Đã ký)", "(Ký tên, đóng dấu)"
SIGNED = re.compile(r"(?i)^\((đã\s+ký|ký[^)]*|đã ký và đóng dấu)\)\.?$")
# Closing formula: "Trân trọng./.", "Trân trọng cảm ơn./."
CLOSING_FORMULA = re.compile(r"(?i)^trân\s+trọng\b")

# --- Annexes ----------------------------------------------------------------------------

# A line that opens an annex: "Phụ lục", "PHỤ LỤC 1", "Phụ lục I", "Phụ lục số 02",
# "Phụ lục I: DANH MỤC ..." (title on the same line), "PHỤ LỤC:" (title on the next line: laocai-qd1696)
ANNEX_HEADING = re.compile(
    r"^(?P<label>(?P<word>" + loose("PHỤ LỤC") + "|" + loose("Phụ lục") + r")(?:\s+(?:số\s+)?(?:[IVXLC]+|\d{1,2}[a-z]?)\b)?)"
    r"\s*(?:[.:\-–]\s*(?P<title>.+)|:|\s+(?P<title>\p{Lu}{2,}\s+\p{Lu}[^\p{Ll}]*))?$"  # not "Phụ lục III." alone: a sentence's end wrapped (vl-bc301)
)  # ... or its upper-case title after a space, the two lines OCR read as one ('Phụ lục DANH SÁCH CÁC ĐƠN VỊ')
# Forms that stand as annexes of their own after the closing: "Mẫu số 01", "Biểu số 02"
FORM_HEADING = re.compile(r"^(?P<label>(?:Mẫu|MẪU|Biểu|BIỂU)\s+(?:số|SỐ)\s+\S+)\s*(?:[.:\-–]\s*(?P<title>.+))?$")
# "(Kèm theo Công văn số ... ngày ... của ...)", "(Ban hành kèm theo Quyết định số ...)"
ATTACHED = re.compile(r"(?i)^\(?\s*(?:ban\s+hành\s+)?kèm\s+theo\b")

# --- Body numbering ---------------------------------------------------------------------

# Each marker: (kind, regex). The regex's `label` group is the label as printed.
MARKERS: tuple[tuple[str, re.Pattern], ...] = (
    # "Phần I", "PHẦN THỨ NHẤT", "Phần II NỘI DUNG KẾ HOẠCH"
    ("part", re.compile(r"^(?P<label>(?:Phần|PHẦN)\s+(?:thứ\s+\p{L}+|THỨ\s+\p{L}+|[IVXLC]+|\d+))\b\.?\s*[:.\-–]?\s*")),
    # "Chương I", "CHƯƠNG II"
    ("chapter", re.compile(r"^(?P<label>(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+))\b\.?\s*[:.\-–]?\s*")),
    # "Mục 1", "MỤC 2" (a number must follow: "Mục tiêu" is a word)
    ("section", re.compile(r"^(?P<label>(?:Mục|MỤC)\s+(?:\d+|[IVXLC]+))\b\.?\s*[:.\-–]?\s*")),
    # "Điều 1.", "Điều 2. Tổ chức thực hiện", old style "Điều1:-"
    ("article", re.compile(r"^(?P<label>(?:Điều|ĐIỀU)\s*\d+[a-z]?\s*[.:])\s*-?\s*")),
    # "I. MỤC TIÊU", "IV.  CÁC GIẢI PHÁP", "II- ..."
    ("roman", re.compile(r"^(?P<label>(?:X{0,3})(?:IX|IV|V?I{1,3}|V)\s*[.\-–:)])\s+")),
    # as OCR reads "II." and "III." before an upper-case heading: "1I. MỤC ĐÍCH", "Il. NỘI DUNG"
    ("roman", re.compile(r"^(?P<label>(?=[1l]*I)[I1l]{2,3}\.)\s+(?=\p{Lu}{2})")),
    # "A. ĐÁNH GIÁ ...", "B. XÂY DỰNG ..." (a capital letter, then an upper-case word)
    ("upper", re.compile(r"^(?P<label>[A-HK-UW-Z]\.)\s+(?=\p{Lu})")),
    # "1.1.", "2.1", "3.2.1." (decimal numbering)
    ("decimal", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3}\.?)\s+(?=\S)")),
    # "1. Thành phần", "2) ...", "1.Nội dung"
    ("arabic", re.compile(r"^(?P<label>\d{1,2}\s*[.)])\s*(?=[^\d\s./-])")),
    # "a) Đối với Chính phủ", "đ) ..."
    ("alpha", re.compile(r"^(?P<label>[a-zđ]\))\s*")),
    # "- Mục tiêu:", "– ..."
    ("dash", re.compile(r"^(?P<label>[-–])\s*(?=\S)")),
    # "+ Lấy người sử dụng làm trung tâm ..."
    ("plus", re.compile(r"^(?P<label>\+)\s*(?=\S)")),
    # "* Xây dựng Cơ sở dữ liệu ..." (after the markdown escape is removed)
    ("bullet", re.compile(r"^(?P<label>[*•])\s+(?=\S)")),
)
LIST_KINDS = frozenset({"dash", "plus", "bullet"})
STRUCTURAL = ("part", "chapter", "section", "article", "upper", "roman")


def marker(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) of a numbered line, or None. Decimal depth is part of the kind."""
    for kind, rx in MARKERS:
        m = rx.match(text)
        if m:
            label = " ".join(m.group("label").split())
            if kind == "decimal":
                kind = f"decimal{min(6, label.rstrip('.').count('.') + 1)}"  # models.SectionKind
            if kind == "roman":
                label = label.replace("1", "I").replace("l", "I")
            rest = text[m.end():].strip()
            if kind in ("dash", "plus"):
                # a bullet wrapped around a numbered item ("- a) Mục tiêu tổng quát", as converters
                # write list items): the number is the item's label
                inner = marker(rest)
                if inner and inner[0] not in LIST_KINDS:
                    return inner
            return kind, label, rest
    return None

# A person's name: 2-6 capitalised words ("Nguyễn Minh Hồng", "Hà Thị Lê Vân")
NAME = re.compile(r"^(?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,5}\p{Lu}[\p{Ll}\p{M}]*$")
# Capitalised words that are a division of a text, not a name: "Chương V", "Điều 5", "Mục II",
# "Phần I", "Phụ lục" (a text whose closing column ran into its next page's heading)
NOT_A_NAME = re.compile(r"^(?:Chương|Điều|Mục|Phần|Phụ\s+lục|Mẫu|Biểu)\b")
