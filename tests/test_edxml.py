"""`parse --format edxml`: the QCVN 102:2016/BTTTT envelope, validated against the shipped XSD."""
from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from conftest import PDFS, REAL, ROOT, SEEDS

from congvan.cli import main
from congvan.emit import render
from congvan.emit.edxml import NAMESPACE, validate

CORPUS = (sorted(SEEDS.iterdir()) + sorted(PDFS.glob("*.pdf")) + sorted((ROOT / "corpora" / "legacy").iterdir())
          + sorted((ROOT / "corpora" / "authored").iterdir()))
NS = {"e": NAMESPACE}


def _header(xml: str):
    return ET.fromstring(xml).find("e:edXMLHeader/e:MessageHeader", NS)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_letter_validates(parsed, path):
    xml = render(parsed(path), "edxml")
    assert validate(xml) == []


def test_real_letters_validate(parsed):
    if not REAL.is_dir():
        pytest.skip("../shared/real is absent")
    from congvan import ocr

    mode = "auto" if ocr.available() else "off"  # the same parses as test_frameworks (shared per session)
    first = ["01-TTr", "01CT", "04CT", "05", "09-TTR", "2352-07-CT-UBND", "23BC", "299-UB", "46-TB", "575-UB",
             "H14.1999.1180.ND.001.020", "vht507"]
    for stem in first:
        letter = parsed(REAL / f"{stem}.pdf", ocr=mode)
        xml = render(letter, "edxml")
        assert validate(xml) == [], stem
        pages = _header(xml).findtext("e:OtherInfo/e:PageAmount", namespaces=NS)
        assert pages == str(letter.source.pages), stem


def test_232_holds_its_values(tmp_path):
    out = tmp_path / "232.xml"
    assert main([str(SEEDS / "cv-232-BTTTT-KHTC-2018.md"), "--format", "edxml", "-o", str(out)]) == 0
    xml = out.read_text(encoding="utf-8")
    assert validate(xml) == []
    h = _header(xml)
    t = lambda p: h.findtext(p, namespaces=NS)  # noqa: E731
    assert t("e:Code/e:CodeNumber") == "232" and t("e:Code/e:CodeNotation") == "BTTTT-KHTC"
    assert t("e:PromulgationInfo/e:Place") == "Hà Nội"
    assert t("e:PromulgationInfo/e:PromulgationDate") == "2018/07/19"
    assert t("e:SignerInfo/e:Competence") == "KT. BỘ TRƯỞNG" and t("e:SignerInfo/e:Position") == "THỨ TRƯỞNG"
    assert h.find("e:SignerInfo/e:FullName", NS) is None  # the md copy has no name: left out, not invented
    assert t("e:DueDate") == "2018/07/25"
    assert t("e:From/e:OrganName") == "Bộ Thông tin và Truyền thông"
    assert h.find("e:From/e:OrganId", NS) is None
    assert [x.text for x in h.findall("e:To/e:OrganName", NS)] == [
        "Các Bộ, cơ quan ngang Bộ, cơ quan ở Trung ương", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert t("e:DocumentType/e:Type") == "CV" and t("e:DocumentType/e:TypeName") == "Công văn"
    assert t("e:Subject").startswith("xây dựng, đề xuất kế hoạch")
    assert "Thực hiện Quyết định số 153/QĐ-TTg" in t("e:Content")
    assert [x.text for x in h.findall("e:ToPlaces/e:Place", NS)][:2] == ["Như trên", "Bộ trưởng (để b/c)"]
    assert h.find("e:OtherInfo/e:Priority", NS) is None  # no urgency printed
    assert h.find("e:OtherInfo/e:PageAmount", NS) is None  # a text copy: its pages are unknown
    assert [x.text[:11] for x in h.findall("e:OtherInfo/e:Appendixes/e:Appendix", NS)] == ["PHỤ LỤC 1 B", "PHỤ LỤC 2 B"]
    assert h.findall("e:ResponseFor", NS) == []


def test_urgency_and_response_for(tmp_path, parsed):
    letter = parsed(ROOT / "corpora" / "authored" / "qd-215-QD-UBND-2024.txt")
    h = _header(render(letter, "edxml"))
    assert h.findtext("e:OtherInfo/e:Priority", namespaces=NS) == "3"  # HỎA TỐC

    src = (ROOT / "corpora" / "authored" / "cv-1234-STC-NS-2025.txt").read_text(encoding="utf-8")
    src = src.replace("Căn cứ Luật Ngân sách", "Phúc đáp Công văn số 567/UBND-TH ngày 02/6/2025 của UBND tỉnh về việc "
                      "lập dự toán; căn cứ Luật Ngân sách")
    f = tmp_path / "reply.txt"
    f.write_text(src, encoding="utf-8")
    from congvan import parse_file

    xml = render(parse_file(f), "edxml")
    assert validate(xml) == []
    [resp] = _header(xml).findall("e:ResponseFor", NS)
    assert resp.findtext("e:Code", namespaces=NS) == "567/UBND-TH"
    assert resp.findtext("e:PromulgationDate", namespaces=NS) == "2025/06/02"


def test_namespace_is_configurable(parsed):
    from congvan.emit.edxml import render as edxml

    other = "urn:example:edxml"
    xml = edxml(parsed(SEEDS / "cv-232-BTTTT-KHTC-2018.md"), namespace=other)
    assert ET.fromstring(xml).tag == f"{{{other}}}edXMLEnvelope"
    assert validate(xml, namespace=other) == [] and validate(xml) != []


def test_the_schema_rejects_what_it_should():
    bad = (f'<edXML:edXMLEnvelope xmlns:edXML="{NAMESPACE}"><edXML:edXMLHeader><edXML:MessageHeader>'
           "<edXML:PromulgationInfo><edXML:PromulgationDate>2018-07-19</edXML:PromulgationDate>"
           "</edXML:PromulgationInfo></edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope>")
    assert validate(bad)  # YYYY/MM/DD only
