"""Embedded digital signatures of a signed PDF (pyHanko): who signed, when, and whether the file
is still the one they signed.

For each signature field that holds a signature (/ByteRange + /Contents, a CMS SignedData):

- the signer's certificate: subject, issuer, serial; `signer` is the subject's common name;
- `time`: the signing time the signer's software put in the signed attributes, and
  `timestamp`: the time of an RFC 3161 token from a timestamping authority, when attached;
- `intact`: the digest of the signed byte ranges equals the one the signature covers (a byte
  changed anywhere in them makes it false); `valid`: the signature over that digest verifies
  with the certificate's public key (pyHanko refuses some weak algorithms: `digest_algorithm`
  says which was used);
- `coverage` / `covers_whole_file`: whether the signed ranges reach the end of the file.
  A letter signed by a person and then sealed by the office has several signatures; each but the
  last is followed by the later ones' incremental updates (`later_signatures`), so it covers
  only its own revision. `modified_after_signing` is true when the signed bytes changed or bytes
  were added after them; `changes_after` says, per later revision, whether it was a signature,
  only the document information dictionary ('metadata': some portals stamp a ModDate after the
  last signature) or anything else ('other'). What changed inside a revision is not analysed
  further (pyHanko's difference analysis costs about a second a signature);
- `trusted`: null unless a CA bundle is given (`trust_roots`, or the environment variable
  CONGVAN_TRUST_ROOTS naming PEM/DER files separated by the path separator); then whether a chain
  to one of those roots was found (nothing is fetched from the network).

The usual signature (a detached CMS, RSA PKCS#1 v1.5, that verifies over its digest) is read by
parser/load/sigcheck.py with pyHanko's PDF reader but without `pyhanko.sign`, whose import costs
a parse about 13 MiB of peak memory; any other signature, and trust (a CA bundle given), is read
by pyHanko's own validation code, which gives the same fields (tests/test_sigcheck.py).

pyHanko is an optional dependency (`pip install congvan[signatures]`); without it no signature
is read and a note says so. Reading 26 real signed PDFs takes 0.05-0.4 s each.
"""
from __future__ import annotations

import binascii
import io
from collections.abc import Iterable
import logging
import os
import re

_NOTE_MISSING = "embedded digital signature(s) not checked: pyHanko is not installed (pip install 'congvan[signatures]')"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _tsa_time(signer_info):
    try:
        attrs = signer_info["unsigned_attrs"]
        if not isinstance(attrs, Iterable):  # absent (asn1crypto's Void)
            return None
        for attr in attrs:
            if attr["type"].native == "signature_time_stamp_token":
                token = attr["values"][0]
                return token["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    except Exception:  # a malformed token is reported as absent, never a crash
        return None
    return None


def _roots(trust_roots) -> list:
    from asn1crypto import pem, x509

    paths = trust_roots
    if paths is None:
        env = os.environ.get("CONGVAN_TRUST_ROOTS")
        paths = [p for p in env.split(os.pathsep) if p] if env else []
    certs = []
    for path in paths:
        with open(path, "rb") as fh:
            raw = fh.read()
        if pem.detect(raw):
            certs += [x509.Certificate.load(der) for _, _, der in pem.unarmor(raw, multiple=True)]
        else:
            certs.append(x509.Certificate.load(raw))
    return certs


def read_signatures(data: bytes, trust_roots=None):
    """(signatures as congvan.models.Signature, notes) of a PDF's bytes."""
    if b"/ByteRange" not in data:
        return [], []
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
    except ImportError:
        return [], [_NOTE_MISSING]

    _fast_hex_strings()
    # pyHanko logs every lenient repair of a real-world PDF; the results say what matters
    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    roots = _roots(trust_roots)
    if not roots:  # trust needs pyHanko's validator: the light reader is for the rest
        try:
            return _read_light(PdfFileReader(io.BytesIO(data), strict=False), data), []
        except Exception:  # sigcheck.Unusual, or anything it did not expect: pyHanko reads it
            pass
    return _read_pyhanko(data, roots)


def _read_light(reader, data: bytes) -> list:
    """The signatures read by sigcheck (no pyhanko.sign); raises when pyHanko must read them."""
    from ..models import Signature
    from . import sigcheck

    embedded = sigcheck.embedded_signatures(reader)
    revisions = _revision_kinds(reader, embedded)
    out = []
    for i, (sig, digest) in enumerate(zip(embedded, sigcheck.digests(embedded, data))):
        cert = sigcheck.signer_cert(sig)
        intact, valid = sigcheck.integrity(sig, cert, digest)
        coverage = sigcheck.coverage(sig, reader, len(data))
        out.append(_signature(Signature, sig, cert, sigcheck.self_reported_time(sig), intact, valid, coverage,
                              len(embedded) - 1 - i, revisions, None))
    return out


def _signature(model, sig, cert, when, intact: bool, valid: bool, coverage: str, later: int, revisions, trusted):
    whole = coverage == "entire_file"
    return model(
        field=sig.field_name, signer=cert.subject.native.get("common_name"),
        subject=cert.subject.human_friendly, issuer=cert.issuer.human_friendly,
        serial=format(cert.serial_number, "x"),
        time=_iso(when), timestamp=_iso(_tsa_time(sig.signer_info)),
        digest_algorithm=sig.md_algorithm, intact=bool(intact), valid=bool(valid),
        coverage=coverage, covers_whole_file=whole, later_signatures=later,
        changes_after=revisions[sig.signed_revision + 1:],
        modified_after_signing=not intact or not whole, trusted=trusted)


def _read_pyhanko(data: bytes, roots: list):
    """The signatures read by pyHanko's own validation code (loads pyhanko.sign)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    from ..models import Signature

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = sorted(reader.embedded_signatures, key=lambda sig: sig.signed_revision)
    except Exception as exc:  # the signature dictionaries cannot be read: say so, keep parsing
        return [], [f"embedded digital signature(s) could not be read ({type(exc).__name__})"]
    revisions = _revision_kinds(reader, embedded)
    out: list[Signature] = []
    notes: list[str] = []
    for i, sig in enumerate(embedded):
        try:
            cert = sig.signer_cert
            digest = sig.compute_digest()
            try:
                intact, valid = validate_sig_integrity(sig.signer_info, cert, expected_content_type="data",
                                                       actual_digest=digest)
            except Exception:  # an algorithm pyHanko does not accept: not verified
                intact, valid = (digest == _signed_digest(sig)), False
            coverage = sig.evaluate_signature_coverage().name.lower()
            trusted = _trusted(sig, roots) if roots else None
            out.append(_signature(Signature, sig, cert, sig.self_reported_timestamp, intact, valid, coverage,
                                  len(embedded) - 1 - i, revisions, trusted))
        except Exception as exc:
            notes.append(f"signature {getattr(sig, 'field_name', i + 1)} could not be checked ({type(exc).__name__})")
    return out, notes


# The first byte of a hex string '<...>' that is neither a hex digit nor PDF white space: its '>'
# when the string is well formed (a '%' comment or a stray byte: pyHanko's own reader decides).
HEX_STRING_STOP = re.compile(rb"[^0-9A-Fa-f \n\r\t\f\x00]")
_PDF_WHITESPACE = b" \n\r\t\f\x00"


def _fast_hex_strings() -> None:
    """Let pyHanko read hex strings in one slice instead of a read call a byte. A signature's
    /Contents is a hex string of 8-40 KB (the CMS, padded with zeros), and pyHanko's byte-wise
    reader spent 0.1-0.6 s a signed letter on them, more than all the rest of a parse of some;
    the result is the same bytes, and anything but hex digits and white space before the '>'
    goes to pyHanko's own reader."""
    from pyhanko.pdf_utils import generic

    slow = generic.read_hex_string_from_stream
    if getattr(slow, "congvan_fast", False):
        return

    def read_hex_string_from_stream(stream):
        if not isinstance(stream, io.BytesIO):
            return slow(stream)
        start = stream.tell()  # at the '<'
        with stream.getbuffer() as view:
            stop = HEX_STRING_STOP.search(view, start + 1)
            if stop is None or view[stop.start()] != ord(">"):
                return slow(stream)
            digits = bytes(view[start + 1: stop.start()]).translate(None, _PDF_WHITESPACE)
        stream.seek(stop.start() + 1)
        return generic.pdf_string(binascii.unhexlify(digits + b"0" * (len(digits) % 2)))

    read_hex_string_from_stream.congvan_fast = True
    read_hex_string_from_stream.slow = slow
    generic.read_hex_string_from_stream = read_hex_string_from_stream


def _revision_kinds(reader, embedded) -> list[str]:
    """What each revision of the file added: 'signature' (a signature's own revision), 'metadata'
    (only the document information dictionary: a portal stamping its ModDate) or 'other'."""
    signed = {sig.signed_revision for sig in embedded}
    try:
        info = reader.trailer.raw_get("/Info")
        info_id = getattr(info, "idnum", None)
    except Exception:
        info_id = None
    kinds = []
    for rev in range(reader.xrefs.total_revisions):
        if rev in signed:
            kinds.append("signature")
            continue
        try:
            ids = {ref.idnum for ref in reader.xrefs.explicit_refs_in_revision(rev)}
        except Exception:
            ids = None
        kinds.append("metadata" if ids is not None and info_id is not None and ids <= {info_id} else "other")
    return kinds


def _signed_digest(sig) -> bytes | None:
    try:
        for attr in sig.signer_info["signed_attrs"]:
            if attr["type"].native == "message_digest":
                return attr["values"][0].native
    except Exception:
        return None
    return None


def _trusted(sig, roots) -> bool:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ctx = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        return bool(validate_pdf_signature(sig, ctx, skip_diff=True).trusted)
    except Exception:
        return False
