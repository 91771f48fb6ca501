"""The command line: help without heavy imports, schema, version, legacy-encoded input."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SEEDS


def test_help_imports_nothing_heavy():
    code = ("import sys; from congvan.cli import main; rc = main(['--help']); "
            "heavy = [m for m in ('pdfplumber', 'underthesea', 'pypdfium2', 'pydantic', 'rapidfuzz') if m in sys.modules];"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True).stdout
    assert out.strip().endswith("[]"), out


def test_schema_is_json_schema_of_letter():
    p = subprocess.run([sys.executable, "-m", "congvan", "--schema"], cwd=ROOT, capture_output=True, text=True)
    schema = json.loads(p.stdout)
    assert p.returncode == 0 and schema["title"] == "Letter"
    assert {"document", "annexes", "references", "deadlines", "frameworks", "warnings"} <= set(schema["properties"])


def test_version():
    p = subprocess.run([sys.executable, "-m", "congvan", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.startswith("congvan ")


def test_legacy_encodings_parse_like_unicode(parsed):
    base = parsed(SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt").document
    for enc in ("tcvn3", "vni"):
        letter = parsed(ROOT / "corpora" / "legacy" / f"cv-1959-BTTTT-UDCNTT-2013.{enc}.txt")
        assert letter.source.encoding == enc
        doc = letter.document
        assert (doc.number, doc.date, doc.type, doc.place, doc.issuer.name) == \
            (base.number, base.date, base.type, base.place, base.issuer.name)
        assert doc.signer == base.signer and len(doc.recipients) == len(base.recipients)


def test_tone_normaliser_loads_without_underthesea_models():
    """Old-style tones are modernised by underthesea's rule table alone: its package (models,
    tokenizers) is not imported by a parse."""
    code = ("from congvan.normalize import fix_tones; from collections import Counter; import sys; "
            "print(fix_tones('Thuỷ lợi hoà bình', Counter()), 'underthesea' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["Thủy", "lợi", "hòa", "bình", "False"]


def test_tone_rules_are_read_without_joblib_and_equal_underthesea_own():
    """The rule file is read with pickle (joblib and numpy, 32 MiB, stay out of a parse), and the
    tables are underthesea's own, as its module loads them; the pattern finds the file in force."""
    code = ("from congvan.normalize import _token_normalize; import sys; tn = _token_normalize(); "
            "print(tn('hoà'), tn('Thuỷ'), 'joblib' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["hòa", "Thủy", "False", "False"]
    import underthesea.pipeline.text_normalize.text_normalizer as theirs

    from congvan.normalize import UNDERTHESEA_RULE_FILE, _token_normalize

    ours = sys.modules[_token_normalize().__module__.rsplit(".", 1)[0] + ".text_normalizer"]
    assert ours.token_map == theirs.token_map and ours.character_map == theirs.character_map
    assert UNDERTHESEA_RULE_FILE.findall('# rule_file = "old.bin"\nrule_file = "tn_rules.bin"\n') == ["tn_rules.bin"]
