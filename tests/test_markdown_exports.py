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
