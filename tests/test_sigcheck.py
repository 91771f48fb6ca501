"""The light signature reader (parser/load/sigcheck.py) gives what pyHanko's own validation code
gives, signature by signature, on every signed PDF held, without loading pyhanko.sign; what it
does not follow (a signature that does not verify, a file it does not read) goes to pyHanko."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import PDFS, REAL, ROOT

pytest.importorskip("pyhanko")

# In a fresh interpreter: the light reader on every file first (pyhanko.sign must stay unloaded:
# pyHanko registers asn1crypto types on import, which would hide a difference), then pyHanko's.
_COMPARE = r"""
import io, json, sys
from pyhanko.pdf_utils.reader import PdfFileReader
from congvan.load import signatures
signatures._fast_hex_strings()
out = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        out[path] = [s.model_dump() for s in signatures._read_light(PdfFileReader(io.BytesIO(data), strict=False), data)]
    except Exception as exc:
        out[path] = type(exc).__name__ + ": " + str(exc)
loaded = "pyhanko.sign" in sys.modules
full = {}
for path in sys.argv[1:]:
    sigs, notes = signatures._read_pyhanko(open(path, "rb").read(), [])
    full[path] = [[s.model_dump() for s in sigs], notes]
print(json.dumps({"loaded": loaded, "light": out, "full": full}, ensure_ascii=False))
"""


def _compare(paths) -> dict:
    p = subprocess.run([sys.executable, "-c", _COMPARE, *map(str, paths)], capture_output=True, text=True,
                       cwd=ROOT, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_light_reader_gives_pyhankos_signatures(tmp_path):
    from test_signatures import _sign

    signed, _, _ = _sign((PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes(), tmp_path)
    made = tmp_path / "signed.pdf"
    made.write_bytes(signed)
    real = sorted(p for p in REAL.glob("*.pdf") if b"/ByteRange" in p.read_bytes()) if REAL.is_dir() else []
    res = _compare([made, *real])
    assert not res["loaded"], "the light reader loaded pyhanko.sign"
    fell_back = []
    for path, light in res["light"].items():
        sigs, notes = res["full"][path]
        if isinstance(light, str):  # not followed: pyHanko reads the file (read_signatures)
            fell_back.append((path.rsplit("/", 1)[-1], light))
            continue
        assert not notes and light == sigs, path
    assert res["light"][str(made)] != [] and not isinstance(res["light"][str(made)], str)
    if real:
        assert len(real) == 26
        # bct-cv2265's SHA-1 signature does not verify (pyHanko says valid=False): pyHanko's verdict
        assert fell_back == [("bct-cv2265-2026-atmt.pdf", "Unusual: signature does not verify")]


def test_read_signatures_falls_back_to_pyhanko_on_what_it_does_not_follow(tmp_path):
    """A byte changed in the signed range: the digest differs, pyHanko reports it (intact false)."""
    from congvan.load import sigcheck, signatures
    from test_signatures import _sign

    signed, _, _ = _sign((PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes(), tmp_path)
    at = signed.index(b"stream", 2000) + 50
    altered = signed[:at] + bytes([signed[at] ^ 1]) + signed[at + 1:]
    from pyhanko.pdf_utils.reader import PdfFileReader
    import io

    with pytest.raises(sigcheck.Unusual):
        signatures._read_light(PdfFileReader(io.BytesIO(altered), strict=False), altered)
    [s], notes = signatures.read_signatures(altered)
    assert not s.intact and s.modified_after_signing and not notes
    assert signatures.read_signatures(altered) == signatures._read_pyhanko(altered, [])
