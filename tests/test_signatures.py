"""Embedded digital signatures of the signed real PDFs (pyHanko): signer, time, digest, coverage;
a copy altered after signing is reported as modified."""
from __future__ import annotations

import pytest

from conftest import REAL

pytest.importorskip("pyhanko")

from congvan.load.signatures import read_signatures  # noqa: E402

SIGNED = sorted(p for p in REAL.glob("*.pdf") if b"/ByteRange" in p.read_bytes()) if REAL.is_dir() else []


def _need_real():
    if not REAL.is_dir():
        pytest.skip("../shared/real is absent")


def test_every_signed_real_pdf_reports_signer_and_time():
    _need_real()
    assert len(SIGNED) == 26, "the real set has 26 signed PDFs"
    extended = []
    for path in SIGNED:
        sigs, notes = read_signatures(path.read_bytes())
        assert sigs and not notes, path.name
        for s in sigs:
            assert s.signer and s.time and s.issuer, (path.name, s)
            assert s.intact, (path.name, s.field)  # nobody altered the letters we hold
        last = sigs[-1]
        assert last.later_signatures == 0
        if last.covers_whole_file:
            assert not last.modified_after_signing and last.changes_after == [], path.name
        else:  # the portal re-saved the file after the last signature: its ModDate alone
            extended.append(path.name)
            assert last.modified_after_signing and last.changes_after == ["metadata"], path.name
        # earlier signatures are followed by the later ones' incremental updates
        for s in sigs[:-1]:
            assert s.later_signatures > 0 and s.modified_after_signing and "signature" in s.changes_after
            assert "other" not in s.changes_after, (path.name, s.field)
    # four Vĩnh Long letters had their /Info dictionary rewritten after signing (2026-06-12)
    assert extended == ["vl-bb05-2026-snv.pdf", "vl-bc301-2026-stp.pdf", "vl-bc385-2026-snv.pdf",
                        "vl-cv91-2026-cttdt.pdf"]


def test_signature_matches_the_printed_signing_box(parsed):
    """bct-cv2265: the VGP box printed on the page says 'Thời gian ký: 02.04.2026 14:24:26 +07:00'."""
    _need_real()
    import os

    os.environ.setdefault("CONGVAN_OCR_CACHE", "/tmp/ocrcache-ecosystems")
    letter = parsed(REAL / "bct-cv2265-2026-atmt.pdf")
    [sig] = letter.source.signatures
    assert sig.signer == "Bộ Công Thương"
    assert sig.time == "2026-04-02T14:24:26+07:00"
    assert sig.timestamp == "2026-04-02T07:26:16+00:00"  # the TSA's token
    assert "Ban Co yeu Chinh phu" in sig.issuer
    assert sig.intact and sig.covers_whole_file and not sig.modified_after_signing
    assert sig.trusted is None  # no CA bundle given
    stamps = [s for s in letter.source.signature_stamps if s.kind == "signing"]
    assert stamps and stamps[0].time == sig.time
    from congvan.emit import render

    from test_formats import check_html

    page = render(letter, "html")
    check_html(page)
    assert "Chữ ký số (1)" in page and "còn nguyên, phủ toàn bộ tệp" in page


def _stream_byte(data: bytes, start: int) -> int:
    """An offset inside a stream's data after `start`: changing it breaks no PDF syntax."""
    at = data.index(b"stream", start)
    return at + 200


def test_a_byte_changed_after_signing_is_reported_as_modified(tmp_path):
    _need_real()
    src = REAL / "05.pdf"  # digital, signed five times
    data = bytearray(src.read_bytes())
    sigs, _ = read_signatures(bytes(data))
    assert all(s.intact for s in sigs) and not sigs[-1].modified_after_signing
    copy = tmp_path / "05-altered.pdf"
    pos = _stream_byte(bytes(data), len(data) // 4)
    data[pos] ^= 0x01
    copy.write_bytes(bytes(data))
    altered, _ = read_signatures(copy.read_bytes())
    assert len(altered) == len(sigs)
    # every signature's signed range starts at byte 0 and covers this byte
    assert all(not s.intact and s.modified_after_signing for s in altered)
    assert all(s.signer == o.signer and s.time == o.time for s, o in zip(altered, sigs))

    from congvan import parse_file
    from congvan.settings import Settings

    letter = parse_file(copy, Settings.resolve(ocr="off"))
    assert letter.source.signatures and all(s.modified_after_signing for s in letter.source.signatures)


def test_bytes_appended_after_signing_are_reported(tmp_path):
    _need_real()
    data = (REAL / "575-UB.pdf").read_bytes()
    [orig], _ = read_signatures(data)
    assert orig.covers_whole_file
    extended = data + b"\n% appended after signing\n"
    [s], _ = read_signatures(extended)
    assert s.intact and not s.covers_whole_file and s.modified_after_signing and s.later_signatures == 0


def test_unsigned_pdf_has_no_signatures(parsed):
    from conftest import PDFS

    letter = parsed(PDFS / "cv-232-BTTTT-KHTC-2018.pdf")
    assert letter.source.signatures == []


def _sign(pdf: bytes, tmp_path):
    """The PDF signed by a certificate of a CA made here; (signed bytes, CA PEM path, other CA PEM path)."""
    import datetime as dt
    import io

    from asn1crypto import keys as akeys
    from asn1crypto import x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    now = dt.datetime.now(dt.timezone.utc)

    def cert(subject, issuer, pub, key, ca):
        usage = x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                              data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                              encipher_only=False, decipher_only=False)
        return (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                .public_key(pub).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                .add_extension(usage, critical=True).sign(key, hashes.SHA256()))

    der = lambda c: ax509.Certificate.load(c.public_bytes(serialization.Encoding.DER))  # noqa: E731
    pems = []
    for cn in ("CA thử nghiệm", "CA khác"):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pems.append((key, cert(cn, cn, key.public_key(), key, True)))
    (ca_key, ca), (_, other) = pems
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = cert("Sở Thử Nghiệm", "CA thử nghiệm", key.public_key(), ca_key, False)
    pk = akeys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))
    signer = signers.SimpleSigner(signing_cert=der(leaf), signing_key=pk,
                                  cert_registry=SimpleCertificateStore.from_certs([der(ca)]))
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), signers.PdfSignatureMetadata(field_name="Sig1"),
                           signer=signer)
    paths = []
    for name, c in (("ca.pem", ca), ("other.pem", other)):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(c.public_bytes(serialization.Encoding.PEM))
    return out.getvalue(), paths[0], paths[1]


def test_trust_against_a_given_ca_bundle(tmp_path, monkeypatch):
    from conftest import PDFS

    signed, ca, other = _sign((PDFS / "cv-232-BTTTT-KHTC-2018.pdf").read_bytes(), tmp_path)
    [s], _ = read_signatures(signed)
    assert s.signer == "Sở Thử Nghiệm" and s.intact and s.valid and s.covers_whole_file and s.trusted is None
    assert read_signatures(signed, trust_roots=[ca])[0][0].trusted is True
    assert read_signatures(signed, trust_roots=[other])[0][0].trusted is False
    monkeypatch.setenv("CONGVAN_TRUST_ROOTS", str(ca))
    from congvan import parse_bytes
    from congvan.settings import Settings

    [s] = parse_bytes(signed, "signed.pdf", Settings.resolve(ocr="off")).source.signatures
    assert s.trusted is True and s.digest_algorithm == "sha256"


def test_hex_strings_read_in_one_slice_as_pyhanko_reads_them():
    """The fast hex-string reader gives pyHanko's own reader's string and stream position; what
    it does not handle (a comment, a stray byte, no end) goes to pyHanko's reader, errors too."""
    import io

    from pyhanko.pdf_utils import generic

    from congvan.load import signatures

    signatures._fast_hex_strings()
    slow = generic.read_hex_string_from_stream.slow
    fast = generic.read_hex_string_from_stream
    assert fast is not slow and signatures.HEX_STRING_STOP.search(b"0aF \n\t\x00>").start() == 7
    cases = [b"<48656c6c6f> rest", b"<48 65\n6C\r6c\t6f\x00> x", b"<4865c>", b"<>", b"<FEFF00410042>",
             b"<48%comment\n65>", b"<48zz65>", b"<4865"]
    for raw in cases:
        outcomes = []
        for read in (slow, fast):
            stream = io.BytesIO(b"junk " + raw)
            stream.seek(5)
            try:
                outcomes.append((read(stream), stream.tell()))
            except Exception as exc:  # pyHanko's own error for a broken string
                outcomes.append(type(exc))
        assert outcomes[0] == outcomes[1], raw
