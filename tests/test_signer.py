"""The signer block (parser/extract/closing.py read_signer) and its second reading on scans
(parser/reread.py reread_closing), on real letters."""
from __future__ import annotations

import pytest
from conftest import REAL, skip_or_fail

from congvan.extract.closing import read_signer
from congvan.types import Line


def _ocr_line(text, top):
    return Line(text=text, x0=380.0, x1=500.0, top=top, bottom=top + 12, page=1, conf=90.0)


def test_a_heading_is_no_title_and_a_chapter_no_name():
    """bqp-vbhn46: the closing column ran into headings of the text ('QUY ĐỊNH CHUNG', 'Chương V'):
    an honest null, not a signer called 'Chương V'."""
    signer, notes = read_signer([_ocr_line("QUY ĐỊNH CHUNG", 100), _ocr_line("Chương V", 140)])
    assert signer == {"authority": None, "position": None, "name": None}
    assert any("left out" in n for n in notes)


def test_titles_and_name_of_an_ocr_signer_block():
    signer, _ = read_signer([_ocr_line("KT. CHỦ TỊCH", 100), _ocr_line("PHÓ CHỦ TỊCH", 114),
                             _ocr_line("Trần Hoàng Tuấn", 180)])
    assert signer == {"authority": "KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH", "name": "Trần Hoàng Tuấn"}


@pytest.mark.parametrize("line, item", [
    ("- Lưu: VT, Hồ sơ đoàn kiểm tra. x5", "Lưu: VT, Hồ sơ đoàn kiểm tra"),  # cuchc-qd26: a handwritten mark
    ("- Lưu: VT, NCTH. do Bộ Quốc phòng quản lý, có hiệu lực", "Lưu: VT, NCTH"),  # bqp-vbhn46: a footnote beside it
    ("- Lưu: VT. NC(Tr112).", "Lưu: VT. NC(Tr112)"),  # upper case after the period: the item's own
    ("- Lưu: VT, CĐS (2b). 66", "Lưu: VT, CĐS (2b). 66"),  # a count: as read
])
def test_the_filed_item_ends_at_its_period(line, item):
    from congvan.extract.closing import read_distribution

    assert read_distribution([_ocr_line("- Như trên;", 100), _ocr_line(line, 114)]) == ["Như trên", item]


@pytest.mark.parametrize("names, first", [("Vũ Việt Linh Triệu Vũ", "Vũ Việt Linh"),
                                          ("Trần Văn Hùng Nguyễn Lê Anh", "Trần Văn Hùng"),  # 'Lê' a middle name
                                          ("Trần Lê Hùng Vũ An", "Trần Lê Hùng")])
def test_two_parties_side_by_side_give_the_first_signer(names, first):
    """A record's signature blocks on one row, OCR'd as one line each (sct-bb): 'ĐD SỞ CÔNG
    THƯƠNG ĐD,UBND XÃYÊN THÀNH' / 'Vũ Việt Linh Triệu Vũ': the first party's title and name."""
    signer, notes = read_signer([_ocr_line("ĐD SỞ CÔNG THƯƠNG ĐD,UBND XÃYÊN THÀNH", 100), _ocr_line(names, 170)])
    assert signer == {"authority": None, "position": "ĐD SỞ CÔNG THƯƠNG", "name": first}
    assert any("side by side" in n for n in notes)


def test_a_doubted_word_after_a_known_position_is_left_out():
    """A 150 dpi scan of cv-1959: a stroke under the title read 'HAI' (confidence 57) into the
    'THỨ TRƯỞNG' row; a word read with confidence stays ('PHÓ GIÁM ĐỐC SỞ')."""
    title = Line(text="THỨ TRƯỞNG HAI", x0=380.0, x1=500.0, top=114, bottom=126, page=1, conf=88.0,
                 low_conf_words=("HAI",))
    signer, _ = read_signer([_ocr_line("KT. BỘ TRƯỞNG", 100), title, _ocr_line("Nguyễn Minh Hồng", 180)])
    assert signer == {"authority": "KT. BỘ TRƯỞNG", "position": "THỨ TRƯỞNG", "name": "Nguyễn Minh Hồng"}
    signer, _ = read_signer([_ocr_line("KT. GIÁM ĐỐC", 100), _ocr_line("PHÓ GIÁM ĐỐC SỞ", 114)])
    assert signer["position"] == "PHÓ GIÁM ĐỐC SỞ"
    # the stroke read as a line of its own under the title (what that scan's OCR gave)
    stroke = Line(text="HAI", x0=430.0, x1=450.0, top=128, bottom=140, page=1, conf=56.75, low_conf_words=("HAI",))
    signer, _ = read_signer([_ocr_line("KT. BỘ TRƯỞNG", 100), _ocr_line("THỨ TRƯỞNG", 114), stroke,
                             _ocr_line("Nguyễn Minh Hồng", 180)])
    assert signer == {"authority": "KT. BỘ TRƯỞNG", "position": "THỨ TRƯỞNG", "name": "Nguyễn Minh Hồng"}


def test_joint_signers_read_as_one_line_give_the_first_signer():
    """A joint circular's two ministers side by side, OCR'd as one line a row (the layout splits
    the blocks of a text layer, not of OCR lines): 'KT. BỘ TRƯỞNG BỘ NỘI VỤ KT. BỘ TRƯỞNG BỘ TÀI
    CHÍNH' / 'THỨ TRƯỞNG THỨ TRƯỞNG' / the two names: the first block's authority, post and name."""
    signer, notes = read_signer([_ocr_line("KT. BỘ TRƯỞNG BỘ NỘI VỤ KT. BỘ TRƯỞNG BỘ TÀI CHÍNH", 100),
                                 _ocr_line("THỨ TRƯỞNG THỨ TRƯỞNG", 114),
                                 _ocr_line("Nguyễn Duy Thăng Trần Quốc Phương", 180)])
    assert signer == {"authority": "KT. BỘ TRƯỞNG BỘ NỘI VỤ", "position": "THỨ TRƯỞNG", "name": "Nguyễn Duy Thăng"}
    assert any("side by side" in n for n in notes)


def test_a_record_signed_by_parties_has_a_closing():
    """A biên bản ends with 'ĐẠI DIỆN …' blocks, no Nơi nhận nor KT./TM.: its signer is read."""
    from congvan import parse_bytes

    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBIÊN BẢN\n"
            "Kiểm tra hiện trường khu vực nổ mìn\n\nHôm nay, ngày 08 tháng 6 năm 2026, tại mỏ đá Yên Thành.\n"
            "Biên bản được lập thành 03 bản, mỗi bên giữ 01 bản./.\n"
            "ĐẠI DIỆN SỞ CÔNG THƯƠNG\nVũ Việt Linh\n")
    doc = parse_bytes(text.encode("utf-8"), "bb.txt").document
    assert (doc.type, doc.signer.position, doc.signer.name) == ("BB", "ĐẠI DIỆN SỞ CÔNG THƯƠNG", "Vũ Việt Linh")


@pytest.mark.skipif(not (REAL / "cuchc-qd26-2026-xpvphc.pdf").exists(), reason="../shared/real is absent")
def test_name_under_the_seal_read_again(parsed):
    """cuchc-qd26: the page OCR reads only the seal's specks where the name is; the crop of the
    block under 'CỤC TRƯỞNG' at 400 dpi reads it, and says so in the readings."""
    doc = _ocr_scan(parsed, "cuchc-qd26-2026-xpvphc.pdf").document
    assert doc.signer.name == "Phùng Mạnh Ngọc"
    [reading] = [r for r in doc.readings if r.field == "signer.name"]
    assert reading.decided and reading.value == doc.signer.name and reading.confidence >= 0.6


@pytest.mark.skipif(not (REAL / "laocai-kh1105-2026-dkt.pdf").exists(), reason="../shared/real is absent")
def test_issuer_name_ending_in_a_number(parsed):
    """'SỞ CÔNG THƯƠNG / ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT': the last line goes on
    the body's name ('SỐ' folds like the head word 'SỞ')."""
    issuer = parsed(REAL / "laocai-kh1105-2026-dkt.pdf").document.issuer
    assert issuer.parent == "Sở Công Thương"
    assert issuer.name.lower() == "đoàn kiểm tra theo quyết định số 1050/qđ-sct"


@pytest.mark.skipif(not (REAL / "46-TB.pdf").exists(), reason="../shared/real is absent")
def test_poorly_read_distribution_line_read_again(scans_46):
    """46-TB: the page OCR reads '- Như trên;' as 'ng' (confidence 0); the crop of that line
    alone reads it, and the item is back, first in the list as printed."""
    doc = scans_46.document
    assert doc.distribution[:2] == ["Như trên", "CT, PCT UBND tỉnh"]
    assert any("read again from a crop" in n for n in scans_46.source.normalizations)


def _ocr_scan(parsed, name: str):
    """A real scan parsed with OCR; skipped (or failed under CI) without Tesseract's 'vie'."""
    from congvan import ocr

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    return parsed(REAL / name, ocr="auto")


@pytest.fixture
def scans_46(parsed):
    return _ocr_scan(parsed, "46-TB.pdf")


@pytest.mark.parametrize("read, name", [
    ("Trần Hoàng Tuần", "Trần Hoàng Tuấn"),  # 01-TTr: no one is named 'Tuần'; 'Tuấn' is the common name
    ("Phạm Thị Thanh Trả", "Phạm Thị Thanh Trà"),  # cp-nq19, from the name's crop
    ("Trần Phước Hiên", "Trần Phước Hiên"),  # 'Hiên' is a real, if rare, name: as read
    ("Giàng Seo Phử", "Giàng Seo Phử"),  # a H'Mông name: 'Phử' is no 'Phú' (the hook differs)
    ("Nguyễn Thị Thanh Thủy", "Nguyễn Thị Thanh Thủy"),
    ("Lê Văn Thánh", "Lê Văn Thánh"),  # 'Thanh' and 'Thành' are both common: as read
])
def test_a_name_syllable_that_is_no_name_gets_the_common_names_tone(read, name):
    signer, notes = read_signer([_ocr_line("KT. CHỦ TỊCH", 100), _ocr_line("PHÓ CHỦ TỊCH", 114),
                                 _ocr_line(read, 180)])
    assert signer["name"] == name
    assert any("signer's name read with" in n for n in notes) == (read != name)


def test_a_text_layers_name_is_the_letters_own():
    line = Line(text="Trần Hoàng Tuần", x0=380.0, x1=500.0, top=180, bottom=192, page=1)
    signer, _ = read_signer([Line(text="KT. CHỦ TỊCH", x0=380.0, x1=500.0, top=100, bottom=112, page=1), line])
    assert signer["name"] == "Trần Hoàng Tuần"


def test_a_position_under_the_seal_is_the_deputys_that_kt_names():
    """bqp-vbhn46: the seal is over 'THỨ TRƯỞNG'; under 'KT. BỘ TRƯỞNG' the signer is the deputy
    (ký thay), so the position is given with a note. On a text layer a missing one stays null."""
    ocr_block = [_ocr_line("KT. BỘ TRƯỞNG", 100), Line(text="ZTHÉ", x0=380.0, x1=500.0, top=114, bottom=126,
                                                         page=1, conf=9.0), _ocr_line("Nguyễn Văn Gấu", 180)]
    signer, notes = read_signer(ocr_block)
    assert signer == {"authority": "KT. BỘ TRƯỞNG", "position": "THỨ TRƯỞNG", "name": "Nguyễn Văn Gấu"}
    assert any("not read" in n and "THỨ TRƯỞNG" in n for n in notes)
    layer = [Line(text=t, x0=380.0, x1=500.0, top=y, bottom=y + 12, page=1)
             for t, y in (("TL. BỘ TRƯỞNG", 100), ("Nguyễn Văn A", 180))]
    assert read_signer(layer)[0]["position"] is None
    signer, _ = read_signer([_ocr_line("TM. ỦY BAN NHÂN DÂN", 100), _ocr_line("Nguyễn Văn A", 180)])
    assert signer["position"] is None  # TM. names no deputy


@pytest.mark.skipif(not (REAL / "01-TTr.pdf").exists(), reason="../shared/real is absent")
def test_ocr_name_with_a_wrong_tone_on_a_real_scan(parsed):
    letter = _ocr_scan(parsed, "01-TTr.pdf")
    assert letter.document.signer.name == "Trần Hoàng Tuấn"
    assert any("'Tuấn'" in n for n in letter.source.normalizations)


@pytest.mark.skipif(not (REAL / "cp-nq19-2026.pdf").exists(), reason="../shared/real is absent")
def test_a_title_line_read_with_low_confidence_read_again():
    """cp-nq19 page 4: the seal runs over 'KT. THỦ TƯỚNG', which the page OCR reads ':+1, THỦj
    TƯỚNG' (confidence 76); the crop of that line alone reads it (93)."""
    from congvan import ocr
    from congvan.reread import reread_closing
    from congvan.settings import RereadSettings

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    data = (REAL / "cp-nq19-2026.pdf").read_bytes()
    words = [w for w in ocr.ocr_pdf_pages(data, [4], dpi=300)[4].words if w.x0 > 380]  # the signer's column
    row = [w for w in words if w.line == next(w.line for w in words if w.text == "TƯỚNG")]
    line = Line(text=" ".join(w.text for w in row), x0=min(w.x0 for w in row), x1=max(w.x1 for w in row),
                top=min(w.top for w in row), bottom=max(w.bottom for w in row), page=4,
                conf=sum(w.conf for w in row) / len(row))
    assert line.conf < 85 and not line.text.startswith("KT.")
    again = reread_closing((line,), (), data, RereadSettings())
    assert again.titles_replaced == 1 and again.signer[0].text == "KT. THỦ TƯỚNG"


@pytest.mark.skipif(not (REAL / "laocai-qd2336-2026-ubnd.pdf").exists(), reason="../shared/real is absent")
def test_a_noi_nhan_line_split_in_two_is_read_again_whole():
    """laocai-qd2336 page 5: Tesseract split '- Thường trực Tỉnh ủy (b/c);' into '- Thường trực'
    and, beside it and a little higher, 'nh ủy (b/c); n' (confidence 46), which came first. The
    two boxes (as the page OCR gave them) are one printed line: read again in one crop, they are
    one item, in place."""
    from congvan import ocr
    from congvan.extract.closing import read_distribution
    from congvan.reread import reread_closing
    from congvan.settings import RereadSettings

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    fragment = Line(text="nh ủy (b/c); n", x0=148.32, x1=390.24, top=146.94, bottom=166.93, page=5, conf=46.36,
                    low_conf_words=("nh", "n"))
    left = Line(text="- Thường trực", x0=100.08, x1=160.32, top=157.17, bottom=166.49, page=5, conf=95.11)
    after = Line(text="- Chủ tịch UBND tỉnh;", x0=99.84, x1=199.2, top=169.38, bottom=179.15, page=5, conf=93.17)
    data = (REAL / "laocai-qd2336-2026-ubnd.pdf").read_bytes()
    again = reread_closing((), (fragment, left, after), data, RereadSettings())
    assert again.items_replaced == 1
    assert read_distribution(list(again.items)) == ["Thường trực Tỉnh ủy (b/c)", "Chủ tịch UBND tỉnh"]


@pytest.mark.skipif(not (REAL / "46-TB.pdf").exists(), reason="../shared/real is absent")
def test_the_closings_crops_are_capped(monkeypatch):
    """A Nơi nhận list of 60 poorly read lines (a hostile or odd scan) sends at most
    RereadSettings.max_crops crops to the one Tesseract run; the rest stay as read."""
    from congvan import ocr
    from congvan.reread import reread_closing
    from congvan.settings import RereadSettings

    if ocr.available() is None:
        skip_or_fail("tesseract with the 'vie' model is not installed")
    sent = []
    monkeypatch.setattr(ocr, "read_crops", lambda crops, **kw: sent.append(len(crops)) or [[] for _ in crops])
    lines = tuple(Line(text=f"- Sở số {k};", x0=100.0, x1=300.0, top=100.0 + 10 * k, bottom=108.0 + 10 * k, page=1,
                       conf=40.0) for k in range(60))
    again = reread_closing((), lines, (REAL / "46-TB.pdf").read_bytes(), RereadSettings(max_crops=12))
    assert sent == [12] and again.items == lines


def test_the_signers_column_run_on_after_a_speck_and_an_item_of_a_texts_list():
    """An OCR's text of the Ministry of Finance's 393/TB-BTC (gold/probes CV_2019_05_07_CV_393):
    'Nơi nhận:f2È/- ; TL. BỘ TRUONG' / '- Bộ trưởng ... (đê b/c); CHÁ ANH VAN PHONG': the
    authority after the speck and the title after the first item are the signer's, not items."""
    from conftest import ROOT

    from congvan import parse_bytes

    seed = ROOT / "corpora" / "seeds" / "cv-1959-BTTTT-UDCNTT-2013.txt"
    text = seed.read_text(encoding="utf-8")
    closing = "Nơi nhận:\n\n- Như trên;\n- Bộ Tài chính, Bộ KH&ĐT;\n"
    assert closing in text and "\nKT. BỘ TRƯỞNG\nTHỦ TRƯỞNG\n" in text  # as printed
    text = text.replace(closing, "Nơi nhận:f2È/- ; KT. BỘ TRƯỞNG\n- Như trên; THỨ TRƯỞNG\n- Bộ Tài chính, Bộ KH&ĐT;\n")
    text = text.replace("\nKT. BỘ TRƯỞNG\nTHỦ TRƯỞNG\n", "\n")
    letter = parse_bytes(text.encode("utf-8"), seed.name)
    assert letter.document.signer.authority == "KT. BỘ TRƯỞNG"
    assert letter.document.signer.position == "THỨ TRƯỞNG"
    assert letter.document.distribution[:2] == ["Như trên", "Bộ Tài chính, Bộ KH&ĐT"]


def test_a_title_behind_an_ocr_comma_on_the_noi_nhan_line_is_the_signers():
    """Cục Thuế Hải Phòng's OCR'd letter (gold/probes CV_Undated_CV_10575520): 'Nơi nhận: ,CỤC
    TRƯỞNG' is the signer's title, not the list's first item; an upper-case item is not one."""
    from congvan.segment import _signers_title

    assert _signers_title(",CỤC TRƯỞNG") and _signers_title("TM. ỦY BAN NHÂN DÂN")
    assert not _signers_title("CHỦ TỊCH UBND TỈNH;")  # an item, its ';' after it
    assert not _signers_title("f2È/- ; TL. BỘ TRUONG")  # a speck first: cut at the ';' instead
    assert not _signers_title("- Như trên;")
