"""The embedded signatures of a PDF read without `pyhanko.sign`, for the common case.

Importing any module of `pyhanko.sign` runs its package's `__init__`, which loads the signers,
the timestamp clients with aiohttp, the validators and the certificate fetchers: about 13 MiB of
a parse's peak RSS and 0.2 s of import, for the few calls `signatures.py` makes. This module
reads the same fields with pyHanko's PDF reader (`pyhanko.pdf_utils`, which does not load
`pyhanko.sign`), asn1crypto and cryptography (both loaded by that reader already), doing what
pyHanko's `EmbeddedPdfSignature`, `evaluate_signature_coverage` and `validate_sig_integrity` do
for a signature of the usual shape: a /Sig field with a detached CMS of one signer whose
certificate is in it (found by issuer and serial), signed attributes with one content type
'data' and one message digest, an RSA PKCS#1 v1.5 signature, a plain byte range.

Anything else raises `Unusual`, and `signatures.read_signatures` then reads the whole file with
pyHanko's own code, as before: an odd signature costs the memory, never a different answer
(tests/test_sigcheck.py compares both readers on every signed PDF held). So does a signature
that does not verify or whose digest differs: pyHanko gives the verdicts that say something
is wrong.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

# the /SubFilter values of a detached CMS signature, among those pyHanko reads (its
# SigSeedSubFilter); pyHanko skips a signature with a value it does not know, with a warning, and
# reads an RFC 3161 document timestamp: left to it
SUBFILTERS = frozenset({"/adbe.pkcs7.detached", "/ETSI.CAdES.detached"})
HASHES = frozenset({"sha1", "sha224", "sha256", "sha384", "sha512"})


class Unusual(Exception):
    """A signature or file this reader does not follow pyHanko on: pyHanko reads it."""


@dataclass
class Embedded:
    """What signatures.py reads of a signature (the names of pyHanko's EmbeddedPdfSignature)."""
    field_name: str
    sig_object: object
    byte_range: list
    pkcs7_content: bytes
    signed_data: object
    signer_info: object
    md_algorithm: str
    signed_revision: int


def embedded_signatures(reader) -> list[Embedded]:
    """The filled /Sig fields of the reader's document in signing order, as pyHanko's
    `reader.embedded_signatures` lists them."""
    from pyhanko.pdf_utils.form_tools import enumerate_fields_in

    if reader.encrypted:  # the /Contents strings are read raw, not decrypted: left to pyHanko
        raise Unusual("encrypted file")
    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return []
    out = []
    for fq_name, _, field_ref in enumerate_fields_in(fields, filled_status=True, refs_seen=set(),
                                                    target_field_type="/Sig"):
        out.append(_embedded(reader, fq_name, field_ref.get_object().raw_get("/V")))
    return sorted(out, key=lambda emb: emb.signed_revision)


def _embedded(reader, fq_name: str, sig_ref) -> Embedded:
    from asn1crypto import cms, tsp  # noqa: F401  tsp names the timestamp and signing-certificate attributes
    from pyhanko.pdf_utils import generic

    if not isinstance(sig_ref, generic.IndirectObject):
        raise Unusual("direct signature dictionary")
    sig = sig_ref.get_object()
    if not isinstance(sig, generic.DictionaryObject) or str(sig.get("/SubFilter")) not in SUBFILTERS:
        raise Unusual("signature dictionary or /SubFilter")
    if sig.get("/Type", "/Sig") != "/Sig":
        raise Unusual("document timestamp")
    byte_range = sig.raw_get("/ByteRange")
    contents = sig.raw_get("/Contents")
    if not isinstance(contents, (generic.TextStringObject, generic.ByteStringObject)):
        raise Unusual("/Contents")
    if len(byte_range) != 4 or not all(isinstance(v, int) and v >= 0 for v in byte_range):
        raise Unusual("/ByteRange")
    pkcs7 = contents.original_bytes
    signed_data = cms.ContentInfo.load(pkcs7)["content"]
    infos = signed_data["signer_infos"]
    if len(infos) != 1 or signed_data["encap_content_info"]["content_type"].native != "data":
        raise Unusual("signer infos or content type")
    md = infos[0]["digest_algorithm"]["algorithm"].native.lower()
    if md not in HASHES:
        raise Unusual("digest algorithm")
    return Embedded(field_name=fq_name, sig_object=sig, byte_range=list(byte_range), pkcs7_content=pkcs7,
                    signed_data=signed_data, signer_info=infos[0], md_algorithm=md,
                    signed_revision=reader.xrefs.get_last_change(sig_ref.reference))


def _attr(attrs, name: str):
    """The one value of the signed attribute `name`; None when absent; Unusual when several."""
    values = [v for a in attrs if a["type"].native == name for v in a["values"]]
    if len(values) > 1:
        raise Unusual(f"several {name}")
    return values[0] if values else None


def signer_cert(emb: Embedded):
    """The signer's certificate: the one the signer info names by issuer and serial, checked
    against a signing-certificate attribute's hash when there is one."""
    sid = emb.signer_info["sid"]
    if sid.name != "issuer_and_serial_number":
        raise Unusual("signer identified by key identifier")
    issuer, serial = sid.chosen["issuer"], sid.chosen["serial_number"]
    found = [c.chosen for c in emb.signed_data["certificates"] if c.name == "certificate"
             and c.chosen["tbs_certificate"]["serial_number"] == serial and c.chosen.issuer.dump() == issuer.dump()]
    if len(found) != 1:
        raise Unusual("signer certificate")
    cert = found[0]
    attrs = emb.signer_info["signed_attrs"]
    v2 = _attr(attrs, "signing_certificate_v2")
    ess = v2 if v2 is not None else _attr(attrs, "signing_certificate")
    if ess is not None:
        certid = ess["certs"][0]
        algo = certid["hash_algorithm"]["algorithm"].native if v2 is not None else "sha1"
        if algo not in HASHES or hashlib.new(algo, cert.dump()).digest() != certid["cert_hash"].native:
            raise Unusual("signing certificate attribute")
        if certid["issuer_serial"] and not _same_issuer_serial(certid["issuer_serial"], cert):
            raise Unusual("signing certificate attribute's issuer")
    return cert


def _same_issuer_serial(issuer_serial, cert) -> bool:
    """pyHanko's match_issuer_serial for an ESSCertID's IssuerSerial: one directory name, the
    certificate's issuer byte for byte or by asn1crypto's name comparison, and its serial."""
    names = issuer_serial["issuer"]
    if len(names) != 1 or names[0].name != "directory_name":
        return False
    try:
        same = names[0].chosen.dump() == cert.issuer.dump() or names[0].chosen == cert.issuer
    except ValueError:  # a name element that cannot be compared
        return False
    return same and issuer_serial["serial_number"] == cert["tbs_certificate"]["serial_number"]


def digests(embedded: list[Embedded], data: bytes) -> list[bytes]:
    """The digest of each signature's signed byte ranges (pyHanko's byte_range_digest), in one
    pass over the file: a letter signed n times holds n nested revisions, and each signature's
    first range [0, len1) starts with the one before's, so one running hash of the file, copied
    at each len1, gives every first range (a 3.4 MB letter signed 8 times: 3.4 MB hashed
    instead of 27 MB); each second range, the end of its own revision, is hashed on its own."""
    view = memoryview(data)  # slices without copies
    out: dict[int, bytes] = {}
    running: dict[str, tuple[object, int]] = {}  # digest algorithm -> (hash of data[:pos], pos)
    for k in sorted(range(len(embedded)), key=lambda k: embedded[k].byte_range[1]):
        emb = embedded[k]
        start1, len1, start2, len2 = emb.byte_range
        h, pos = running.get(emb.md_algorithm) or (hashlib.new(emb.md_algorithm), 0)
        if start1 != 0:
            h, pos = hashlib.new(emb.md_algorithm), 0
            h.update(view[start1:start1 + len1])
        else:
            h.update(view[pos:len1])
            running[emb.md_algorithm] = (h, len1)
        h = h.copy()
        h.update(view[start2:start2 + len2])
        out[k] = h.digest()
    return [out[k] for k in range(len(embedded))]


def integrity(emb: Embedded, cert, actual: bytes) -> tuple[bool, bool]:
    """(intact, valid) as pyHanko's validate_sig_integrity gives them for a signature that
    verifies over a matching digest; anything else is Unusual (pyHanko says what is wrong)."""
    from asn1crypto import core
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    info = emb.signer_info
    attrs = info["signed_attrs"]
    if attrs is core.VOID:
        raise Unusual("no signed attributes")
    protection = _attr(attrs, "cms_algorithm_protection")  # RFC 6211: the algorithms, signed
    if protection is not None and (protection["digest_algorithm"].native != info["digest_algorithm"].native
                                   or protection["signature_algorithm"].native != info["signature_algorithm"].native):
        raise Unusual("algorithm protection attribute")
    content_type, embedded = _attr(attrs, "content_type"), _attr(attrs, "message_digest")
    if content_type is None or content_type.native != "data" or embedded is None:
        raise Unusual("content type or message digest attribute")
    algo = info["signature_algorithm"]
    try:
        sig_algo, hash_algo = algo.signature_algo, algo.hash_algo
    except ValueError:  # 'rsassa_pkcs1v15' names no hash: the digest algorithm's
        sig_algo, hash_algo = algo["algorithm"].native, emb.md_algorithm
    if sig_algo != "rsassa_pkcs1v15" or hash_algo not in HASHES or embedded.native != actual:
        raise Unusual("signature algorithm, or the digest differs")
    key = serialization.load_der_public_key(cert.public_key.dump())
    if not isinstance(key, rsa.RSAPublicKey):
        raise Unusual("key type")
    try:
        key.verify(info["signature"].native, attrs.untag().dump(), padding.PKCS1v15(),
                   getattr(hashes, hash_algo.upper())())
    except InvalidSignature:
        raise Unusual("signature does not verify") from None
    return True, True


def coverage(emb: Embedded, reader, size: int) -> str:
    """pyHanko's SignatureCoverageLevel of the signature, lower case."""
    from pyhanko.pdf_utils import misc
    from pyhanko.pdf_utils.reader import process_data_at_eof

    if emb.byte_range[0] != 0:
        return "unclear"
    _, len1, start2, len2 = emb.byte_range
    signed_zone = len1 + len2 + len(emb.pkcs7_content) * 2 + 2  # the hex string and its <>
    if size == signed_zone:
        return "entire_file"
    if start2 != len1 + len(emb.pkcs7_content) * 2 + 2:
        return "unclear"
    reader.stream.seek(signed_zone)
    try:
        if process_data_at_eof(reader.stream) != reader.xrefs.get_startxref_for_revision(emb.signed_revision):
            return "contiguous_block_from_start"
    except misc.PdfReadError:
        return "contiguous_block_from_start"
    for revision in range(emb.signed_revision + 1):
        if reader.xrefs.get_xref_container_info(revision).end_location > signed_zone:
            return "contiguous_block_from_start"
    return "entire_revision"


def self_reported_time(emb: Embedded):
    """The signing time the signer put in the signed attributes, else the dictionary's /M."""
    from pyhanko.pdf_utils import generic

    try:
        value = _attr(emb.signer_info["signed_attrs"], "signing_time")
    except Unusual:  # pyHanko ignores a multivalued signing time too
        value = None
    if value is not None:
        return value.native
    try:
        return generic.parse_pdf_date(emb.sig_object["/M"], strict=False)
    except KeyError:
        return None
