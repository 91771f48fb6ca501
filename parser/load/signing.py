"""The signing box and copy stamps of signed PDFs, read as metadata (not as the letter's text).

A signing service prints a box on the first page of a signed copy:

    Ký bởi: Bộ Công Thương                      Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
    Cơ quan: Bộ Công thương                     Email: thongtinchinhphu@chinhphu.vn
    Thời gian ký: 02.04.2026 14:24:26 +07:00    Cơ quan: VĂN PHÒNG CHÍNH PHỦ

and a certified copy carries "SAO Y" with the copying organ and a date. Neither date is the
letter's date. The box lives in a signature widget (its appearance stream) or in the page's
own text; `read_stamps` reads either from plain text lines. The cryptographic signature
itself (certificate, digest) is another matter (source.signatures, not read here).
"""
from __future__ import annotations

import regex as re

from ..patterns import COPY_STAMP
from ..types import SignatureStamp

# "Ký bởi: X", "Người ký: X": who signed (a person or, for an organisation's key, the organ)
SIGNED_BY = re.compile(r"(?i)^(?:ký bởi|người ký)\s*:\s*(?P<value>.+)$")
# "Cơ quan: X"
ORGAN = re.compile(r"(?i)^cơ quan\s*:\s*(?P<value>.+)$")
# "Email: x@y.vn"
EMAIL = re.compile(r"(?i)^e-?mail\s*:\s*(?P<value>\S+@\S+)$")
# "Thời gian ký: 02.04.2026 14:24:26 +07:00", "Ngày ký: 06/11/2024 09:27", or the bare time line
SIGNING_TIME = re.compile(
    r"(?i)^(?:(?:thời gian ký|ngày ký)\s*:\s*)?(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?(?:\s*(?P<tz>[+-]\d{2}:?\d{2}))?\s*$")


def _time(m: re.Match) -> str | None:
    d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["H"] is not None:
        out += f"T{int(m['H']):02d}:{m['M']}:{m['S'] or '00'}"
        if m["tz"]:
            tz = m["tz"].replace(":", "")
            out += f"{tz[:3]}:{tz[3:]}"
    return out


def read_stamps(text: str, page: int, where: str) -> list[SignatureStamp]:
    """The signing boxes and copy stamps in `text` (one stamp line per text line)."""
    out: list[SignatureStamp] = []
    fields: dict[str, str] = {}
    raw: list[str] = []
    kind = "signing"

    def flush():
        nonlocal fields, raw, kind
        if fields:
            out.append(SignatureStamp(kind=kind, page=page, where=where, signer=fields.get("signer"),
                                      organization=fields.get("organization") or None, email=fields.get("email"),
                                      time=fields.get("time"), raw=tuple(raw)))
        fields, raw, kind = {}, [], "signing"

    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        if COPY_STAMP.match(line):
            flush()
            kind, fields, raw = "copy", {"organization": ""}, [line]
            continue
        m = SIGNED_BY.match(line)
        if m:
            if "signer" in fields:
                flush()
            fields["signer"] = m["value"].strip()
        elif (m := ORGAN.match(line)) is not None:
            fields["organization"] = m["value"].strip()
        elif (m := EMAIL.match(line)) is not None:
            fields["email"] = m["value"]
        elif (m := SIGNING_TIME.match(line)) is not None and _time(m):
            fields["time"] = _time(m)
            if kind == "copy":
                raw.append(line)
                flush()
                continue
        elif kind == "copy" and fields.get("organization") == "":
            fields["organization"] = line  # the copying organ, on the line under "SAO Y"
        else:
            continue
        raw.append(line)
    flush()
    return out


def dedupe(stamps: list[SignatureStamp]) -> list[SignatureStamp]:
    seen, out = set(), []
    for s in stamps:
        key = (s.kind, s.signer, s.organization, s.time)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
