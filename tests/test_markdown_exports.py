"""Letters as Markdown exports keep them (parser/load/text.py): a YAML front matter of the
exporter's metadata before the letter, HTML written inline (a transcription's '<div>' columns,
'<strong>...</strong><br>'), and Markdown saved as .txt. The texts are the heads of real letters
as their publishers store them (gold/probes: 2459/QĐ-ĐHQGHN of Đại học Quốc gia Hà Nội, a
thông báo of Đại học Bách khoa Hà Nội)."""
from __future__ import annotations

from datetime import date

from congvan import parse_bytes

VNU = """---
doc_id: "2459/QĐ-ĐHQGHN"
title: "Quyết định sửa đổi, bổ sung Quy chế đào tạo thạc sĩ"
date: 2024-06-05
department: "Academic Affairs"
type: "Decision"
restricted: false
last_updated: 2026-02-22
source_url: "https://vnu.edu.vn"
retrieved_at: "2026-09-19"
audience: all
language: "vi"
category: "regulations"
---

<div style="display: flex; justify-content: space-between; text-align: center;">
<div>
<strong>ĐẠI HỌC QUỐC GIA HÀ NỘI</strong><br>
———————<br>
Số: 2459/QĐ-ĐHQGHN
</div>
<div>
<strong>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>
<strong>Độc lập - Tự do - Hạnh phúc</strong><br>
<em>Hà Nội, ngày 05 tháng 6 năm 2024</em>
</div>
</div>

# QUYẾT ĐỊNH
**Về việc sửa đổi, bổ sung một số nội dung trong Quy chế đào tạo thạc sĩ tại Đại học Quốc gia Hà Nội**

**GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ NỘI**

*Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;*

**QUYẾT ĐỊNH:**

**Điều 1.** Sửa đổi, bổ sung một số nội dung trong Quy chế đào tạo thạc sĩ.

**Điều 2.** Quyết định có hiệu lực kể từ ngày ký./.
"""


def test_a_front_matter_and_inline_html_are_not_the_letter():
    for name in ("qd-2459.md", "qd-2459.txt"):  # also Markdown saved as .txt
        letter = parse_bytes(VNU.encode("utf-8"), name)
        doc = letter.document
        assert (doc.type, doc.number, doc.date) == ("QĐ", "2459/QĐ-ĐHQGHN", date(2024, 6, 5)), name
        assert doc.issuer.name == "Đại học Quốc gia Hà Nội"
        assert doc.subject == "sửa đổi, bổ sung một số nội dung trong Quy chế đào tạo thạc sĩ tại Đại học Quốc gia Hà Nội"
        assert "<strong>" not in letter.text and "doc_id" not in letter.text
        assert any("front matter" in n for n in letter.source.normalizations)


def test_a_plain_text_is_not_taken_for_markdown():
    text = "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/UBND-KT\nV/v a * b\n"
    letter = parse_bytes(text.encode("utf-8"), "cv.txt")
    assert letter.source.format == "text"


def test_a_txt_with_a_pipe_tables_rule_is_markdown_and_an_hr_tag_goes():
    # the closing of a VJU transcription (gold/probes DHVN-DT-840) saved as .txt: few bold marks,
    # but its number-and-date table's rule '| :-- | --: |' and '<hr ...>' under the header columns
    text = ('<div style="text-align: center;">\n<strong>TRƯỜNG ĐẠI HỌC VIỆT NHẬT</strong><br>\n'
            '<hr style="width: 50%; margin: auto;">\n</div>\n\n| | |\n| :-- | --: |\n'
            '| Số: 840 /DHVN-ĐT | *Hà Nội, ngày 30 tháng 07 năm 2025* |\n\n'
            'Trân trọng./.\n\n<div>\n<strong>KT. HIỆU TRƯỞNG<br>\nPHÓ HIỆU TRƯỞNG</strong><br>\n'
            'Nguyễn Hoàng Oanh\n</div>\n\n***Nơi nhận:***\n- Như Kính gửi;\n- Hiệu trưởng (để b/c);\n'
            '- Lưu: VT, ĐT&CTSV, QH04.\n')
    letter = parse_bytes(text.encode("utf-8"), "dhvn-840.txt")
    assert "<hr" not in letter.text and "***" not in letter.text
    assert any("pipe table" in n for n in letter.source.normalizations)
    doc = letter.document
    assert (doc.signer.authority, doc.signer.position, doc.signer.name) == \
        ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Nguyễn Hoàng Oanh")
    assert doc.distribution == ["Như Kính gửi", "Hiệu trưởng (để b/c)", "Lưu: VT, ĐT&CTSV, QH04"]
