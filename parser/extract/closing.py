"""Closing fields: the signer block (chức vụ, họ tên) and Nơi nhận (distribution).

An OCR'd position is corrected only where the authority makes it certain and the letters
agree without accents: under `KT. BỘ TRƯỞNG` the position is `THỨ TRƯỞNG`, so `THỦ TRƯỞNG`
(OCR) becomes `THỨ TRƯỞNG`; the change is reported.
"""
from __future__ import annotations

import regex as re

from .. import domain
from .. import patterns as P
from ..lexicon import repair_addressee
from ..normalize import DIGIT_OF
from ..text import fold, without_tone
from .header import clean_item, misreadable, name_goes_on, run_items
from ..spans import narrowed
from ..segment import is_upper
from ..types import Line

# "Q. TỔNG CỤC TRƯỞNG": quyền (acting) qualifies the signer's own post, so the line is the position
ACTING = re.compile(r"^Q\s*\.\s*\p{Lu}")
# A mark no signer's title is printed with: what OCR makes of a seal's ring ('!', '‡', '`', '?')
NOT_TITLE_MARK = re.compile(r"[^\p{L}\p{M}\s.,&()/-]")


# After the 'Lưu' item's period, a lower-case word: not the item's ("Lưu: VT, Hồ sơ. x5")
FILED_ITEM_TAIL = re.compile(r"\.\s+(?=\p{Ll})")
# OCR'd, the 'Lưu' item's last characters, a letter that looks like a digit after digits: the
# number of copies that ends the drafter's code ('P.KTTHTien3I' is 'P.KTTHTien31')
FILED_COUNT_END = re.compile(r"(?<=\d)[OoIl|](?=[.)]?$)")
# The 'Lưu' item's first code, the văn thư's VT (every office files a copy there), as OCR misreads
# its T: 'VÌ', 'VI', 'V1', 'VĨ', or its V: 'YT'
FILED_VT = re.compile(r"(?<=^[-–+•]?\s*Lưu\s*:?\s*)(?:V[ÌIÍĨ1l|]|YT)(?=\s*[,.;]|\s*$)")
# Where OCR lost the comma after the 'Lưu' item's first code, the văn thư's VT: 'Lưu: VT CCHC'
FILED_VT_COMMA = re.compile(r"(?<=:\s*VT)(?=\s+\p{Lu})")
# A glyph OCR gives for a small 'i' that no Vietnamese text prints ('P.KTTHT¡en3I')
OCR_SMALL_I = re.compile(r"¡")


def expected_positions(authority: str) -> list[str]:
    """Positions that go with an authority line: KT. BỘ TRƯỞNG -> THỨ TRƯỞNG; KT. CHỦ TỊCH -> PHÓ CHỦ TỊCH."""
    last = authority.split("KT.")[-1] if "KT." in authority else None
    if last is None:
        return []
    office = last.strip()
    if fold(office) == "bo truong":
        return ["THỨ TRƯỞNG"]
    return [f"PHÓ {office}"]


# OCR'd signer lines: marks that are not part of a title or a name ("PHOˆ CHỦ% TỊCH", "Trần Phước: Hiên")
OCR_MARKS = re.compile(r"[^\p{L}\p{M}\s./]")
# An OCR'd line read with less confidence than this (0..100) is the signature or the seal
SIGNATURE_CONF = 45


def _ocr_clean(ln: Line) -> str | None:
    """The text of an OCR'd signer line without stray marks; None for a line that is the
    signature or the seal (low confidence, or no word of two letters)."""
    if ln.conf is not None and ln.conf < SIGNATURE_CONF:
        return None
    t = _without_doubted_tail(" ".join(OCR_MARKS.sub(" ", ln.text).split()), ln)
    return t if re.search(r"\p{L}{2}", t) else None


def _not_the_titles_tail(position: list[str], text: str, ln: Line) -> bool:
    """A line under a known position that does not go on with it: a second post printed under
    the first one (vl-cv91's "GIÁM ĐỐC TTTTĐH"), or an OCR'd line whose every word was read with
    low confidence ('HAI' under 'THỨ TRƯỞNG': a stroke of the signature)."""
    if position and position[0] in domain.positions() and _starts_with_position(text):
        return True
    doubted = set(ln.low_conf_words)
    return bool(position and doubted and all(w in doubted for w in text.split())
                and _is_position(" ".join(position)))


def _without_doubted_tail(text: str, ln: Line) -> str:
    """A known position with the words after it that OCR read with low confidence left out:
    'THỨ TRƯỞNG HAI', a stroke of the signature run into the title's row; else `text`."""
    words, doubted = text.split(), set(ln.low_conf_words)
    k = len(words)
    while k > 1 and words[k - 1] in doubted:
        k -= 1
    head = " ".join(words[:k])
    if k < len(words) and _is_position(head):
        return head
    return text


def _known_position(text: str, authority: str | None) -> str | None:
    """The known position an OCR'd one stands for, if the letters agree closely enough."""
    from rapidfuzz.distance import Indel

    candidates = (expected_positions(authority) if authority else []) + list(domain.positions())
    best = max(candidates, key=lambda c: Indel.normalized_similarity(fold(text), fold(c)))
    return best if Indel.normalized_similarity(fold(text), fold(best)) >= 0.85 else None


def read_signers(lines: list[Line]) -> tuple[dict, list[str]]:
    """The signer: the first block of the signer's lines; when several blocks stand side by side
    (a joint document's signers, a biên bản's parties: layout gives them one after the other),
    every block's signer under "signers" too, the first one first."""
    blocks = _signer_blocks(lines)
    first, notes = read_signer(blocks[0] if blocks else [])
    if len(blocks) < 2:
        return first, notes
    signers = [first]
    for block in blocks[1:]:
        signer, block_notes = read_signer(block)
        signers.append(signer)
        notes += block_notes
    notes.append(f"{len(blocks)} signers' blocks side by side: each read, the first as the letter's signer")
    return {**first, "signers": signers}, notes


def _signer_blocks(lines: list[Line]) -> list[list[Line]]:
    """The signer's lines cut into blocks: a block starts at an authority or representative line
    ('KT. BỘ TRƯỞNG BỘ TÀI', 'ĐẠI DIỆN BÊN GIAO') that follows a title or a name; an authority
    line's name wrapped onto the next line ('KT. BỘ TRƯỞNG BỘ TÀI' / 'CHÍNH') is joined to it."""
    blocks: list[list[Line]] = []
    for ln in _title_parts(lines):
        t = " ".join(ln.text.split())
        opens = _opens_block(ln)
        if blocks and blocks[-1] and not opens:
            last = blocks[-1][-1]
            lt = " ".join(last.text.split())
            if is_upper(t) and P.AUTHORITY.match(lt) and len(blocks[-1]) == 1 and name_goes_on(lt, t):
                blocks[-1][-1] = narrowed(last, f"{lt} {t}")
                continue
        if not blocks or (opens and any(not _opens_block(b) for b in blocks[-1])):
            blocks.append([])
        blocks[-1].append(ln)
    return blocks


def _opens_block(ln: Line) -> bool:
    t = " ".join(ln.text.split())
    return bool(is_upper(t) and (P.AUTHORITY.match(t) or P.REPRESENTATIVE.match(t)))


def _title_parts(lines: list[Line]) -> list[Line]:
    """The signer's lines with the titles and the name a flattened text ran together on one line
    cut apart (domain.title_lines: 'KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn'; a line of titles
    alone is left as printed), an authority's head alone on its line ('TL.') joined to the next."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        ln, t = lines[k], " ".join(lines[k].text.split())
        if domain.AUTHORITY_HEAD.match(t) and k + 1 < len(lines):
            k += 1
            ln, t = lines[k], f"{t} {' '.join(lines[k].text.split())}"
        pieces = domain.title_lines(t) if t and t[0].isupper() else [t]
        if is_upper(pieces[-1]):
            pieces = [t]  # no name run on: the line is one title as printed ('KT. BỘ TRƯỞNG, CHỦ NHIỆM')
        out += [narrowed(ln, piece) for piece in pieces] if len(pieces) > 1 or t != ln.text else [ln]
        k += 1
    return out


def read_signer(lines: list[Line]) -> tuple[dict, list[str]]:
    notes: list[str] = []
    authority: list[str] = []
    position: list[str] = []
    name = None
    ocr_title = False  # a title line of the position was OCR'd
    unsure_name = False  # the name read so far may be the signature's strokes
    side_by_side = False  # two parties' blocks on one row: the first party's signer is read
    for ln in lines:
        t = " ".join(ln.text.split()).strip()
        if ln.conf is not None:  # OCR: drop the signature and the seal, and stray marks
            t = _ocr_clean(ln) or _salvaged_position(ln) or ""
        t, side_by_side = _first_block(t, side_by_side, notes)
        if t and is_upper(t) and len(t) <= 70:
            # a position, or the office after KT./TM./TL., repaired against the known ones when
            # the letters agree closely ('THỦ RƯỞNG' under KT. BỘ TRƯỞNG, 'KT. TH TƯỚNG')
            auth = P.AUTHORITY.match(t)
            head, office = (t[: auth.end() - 1], t[auth.end() - 1:]) if auth else ("", t)
            known = _known_position(office, None if auth else (" ".join(authority) or None))
            if known and ln.conf is None and ln.x0 is not None and fold(known) != fold(office):
                # a PDF's text layer, not OCR: a title the list lacks ('TRƯỞNG ĐOÀN') is the letter's
                # own; only a slip of a mark is repaired ('THỦ TRƯỞNG' under KT. BỘ TRƯỞNG)
                known = None
            if known and known != office and (auth or not (authority and position)):
                notes.append(f"signer line {t!r} read as {head + known!r}")
                t = head + known
        if not t or P.SIGNED.match(t) or len(t) > 70:
            continue
        if P.quoc_hieu(t) or P.TIEU_NGU_ANY.search(t):
            continue  # an attached document's header read into the column: no title of the signer's
        if P.AUTHORITY.match(t) and not position and not ACTING.match(t):
            if ln.conf is not None:  # OCR lost the abbreviation's period ('KT, BỘ TRƯỞNG' read 'KT BỘ TRƯỞNG')
                t = P.AUTHORITY_NO_PERIOD.sub(r"\1. ", t)
            if misreadable(ln):
                t = P.AUTHORITY_INNER_PERIOD.sub(r"\1\2. ", t)  # OCR's 'K.T BỘ TRƯỞNG': 'KT. BỘ TRƯỞNG
            authority.append(_upper_words(t))
        elif is_upper(t) and name is None and len(position) < 2:
            t = _upper_words(t)
            if position and fold(position[-1]).startswith(fold(t)):
                continue  # the title again, cut short: the text of an e-signature image ("PHÓ GIÁ")
            if _not_the_titles_tail(position, t, ln):
                continue
            if t:
                position.append(t)
                ocr_title = ocr_title or _maybe_misread(ln, t)
        elif (name is None or unsure_name) and (found := _name(t, ln)) is not None:
            if name is not None and not domain.family_name_first(found):
                continue
            name = _first_of_two(found) if side_by_side else found
            notes += name_note(found, t)
            # an OCR'd (or text's) 'name' with no family name first ('Kồ À': the signature's
            # strokes): a later line with a family name first is the name
            unsure_name = misreadable(ln) and not domain.family_name_first(found)
    auth = " ".join(authority) or None
    pos = " ".join(position) or None
    if pos and ocr_title and not _title_like(pos, auth):
        notes.append(f"signer position {pos!r} left out: no title of a signer")
        pos = None  # OCR took a heading near the seal ('QUY ĐỊNH CHUNG') for the title: an honest null
    pos = _position_under(auth, pos, any(ln.conf is not None for ln in lines), notes)
    return {"authority": auth, "position": pos, "name": name}, notes


def _title_like(pos: str, auth: str | None) -> bool:
    """Does an OCR'd title read as a signer's: a known title, near enough, or a representative's
    ('ĐẠI DIỆN SỞ CÔNG THƯƠNG'); not a heading near the seal ('QUY ĐỊNH CHUNG') nor a title too
    damaged to tell ('NU TỊCH')."""
    return bool(P.POSITION_WORD.search(fold(pos))) and (
        _known_position(pos, auth) is not None or bool(P.REPRESENTATIVE.match(pos)))


def _maybe_misread(ln: Line, title: str) -> bool:
    """Was the title line OCR'd, or is it a text's line with marks no title has ('!G TY '‡
    NHIỆM': what an OCR, which gave the text, made of a seal's ring)?"""
    return ln.conf is not None or (ln.x0 is None and bool(NOT_TITLE_MARK.search(title)))


def _first_block(t: str, side_by_side: bool, notes: list[str]) -> tuple[str, bool]:
    """A line of signature blocks printed side by side, as the first block's part of it; and
    whether the blocks stand side by side (so far, with this line)."""
    if is_upper(t) and len(reps := list(P.REPRESENTATIVE.finditer(t))) >= 2:
        notes.append(f"{len(reps)} parties' signature blocks side by side: the first one's is read")
        return t[:reps[1].start()].strip(), True  # 'ĐD SỞ CÔNG THƯƠNG ĐD UBND XÃ …'
    if is_upper(t) and P.AUTHORITY.match(t) and (later := SECOND_AUTHORITY.search(t, 3)):
        # a joint document's signers side by side: 'KT. BỘ TRƯỞNG BỘ NỘI VỤ KT. BỘ TRƯỞNG BỘ TÀI …'
        notes.append("several signers' blocks side by side: the first one's is read")
        return t[:later.start()].strip(), True
    if not side_by_side:
        return t, False
    if is_upper(t) and not P.AUTHORITY.match(t) and (first := _leading_position(t)):
        return first, True  # 'THỨ TRƯỞNG CHÍNH': the first signer's post, the second's wrapped name after it
    if is_upper(t) and (cut := _second_party_at(t)) is not None:
        return t[:cut].strip(), True  # 'SỞ CÔNG THƯƠNG SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG': the first party's name
    if not is_upper(t) and (first_name := _first_of_many(t)) is not None:
        return first_name, True  # 'Trần Đăng Khôi Mai Thành Trung Nguyễn Văn Nhân': the first party's signer
    return t, True


# An authority (KT. / TM. / TL. ...) that starts a word inside a line: the next signer's block
SECOND_AUTHORITY = re.compile(r"(?<=\s)(?:KT|TM|TL|TUQ|PP|K/T|T/M|T/L)\s*\.\s*\p{Lu}")


def _leading_position(text: str) -> str | None:
    """The known position a line of side-by-side blocks starts with ('THỨ TRƯỞNG THỨ TRƯỞNG')."""
    key = fold(text)
    found = [p for p in domain.positions() if key == fold(p) or key.startswith(fold(p) + " ")]
    return max(found, key=len) if found else None


def _position_under(auth: str | None, pos: str | None, ocr: bool, notes: list[str]) -> str | None:
    """The position as the authority line says it must be spelt (KT. BỘ TRƯỞNG -> THỨ TRƯỞNG):
    a position read with other marks is spelt so; on an OCR'd block where no position was read
    (the seal or the signature over it), the deputy's that "KT." (ký thay: the deputy signs for
    the head) names, with a note. A text layer's block without one is left so."""
    expected = expected_positions(auth) if auth else []
    if pos is None and ocr and len(expected) == 1:
        notes.append(f"signer position not read (under the seal or the signature): {expected[0]!r}, "
                     f"the deputy's title that {auth!r} names")
        return expected[0]
    for exp in expected if pos else []:
        if pos != exp and fold(pos) == fold(exp):
            notes.append(f"signer position {pos!r} read as {exp!r} (under {auth!r})")
            pos = exp
    return pos


def _is_position(text: str) -> bool:
    """Is `text` one of the known positions (domain.positions), marks and case aside?"""
    return fold(text) in domain.position_keys()


def _starts_with_position(text: str) -> bool:
    key = fold(text)
    return any(key == fold(p) or key.startswith(fold(p) + " ") for p in domain.positions())


def _upper_words(text: str) -> str:
    """A title line without what trails it that is no upper-case word: 'PHÓ TRƯỞNG BAN ddd(9' ->
    'PHÓ TRƯỞNG BAN' (the glyphs of a signature image or seal run into the line)."""
    words = text.split()
    while words and not (is_upper(words[-1]) and re.fullmatch(r"[\p{Lu}\p{M}.,/&()-]+", words[-1])):
        words.pop()
    return " ".join(words)


def _salvaged_position(ln: Line) -> str | None:
    """A known position at the end of an OCR'd line that the signature's strokes made poorly
    read as a whole ('⁄Zf4c THỨ TRƯỞNG'): the strokes before it are left out."""
    words = " ".join(OCR_MARKS.sub(" ", ln.text).split()).split()
    while words and not (is_upper(words[0]) and re.fullmatch(r"[\p{Lu}\p{M}.]+", words[0])):
        words.pop(0)
    tail = " ".join(words)
    return tail if tail and _is_position(tail) else None


def _name(text: str, line: Line) -> str | None:
    """The signer's printed name on this line, if it is one; on an OCR'd line, short words read
    with low confidence at either end are the signature's strokes ('sã Trương Thanh Hoài')."""
    text = _without_prefix(text.strip(" \"'“”`.,;:"))
    if P.NOT_A_NAME.match(text):
        return None
    if P.NAME.match(text):
        return name_marks(text) if line.conf is not None else text
    if line.conf is None:
        return None
    words = text.split()
    while words and words[0] in line.low_conf_words and len(words[0]) <= 3:
        words.pop(0)
    while words and words[-1] in line.low_conf_words and len(words[-1]) <= 3:
        words.pop()
    t = " ".join(words)
    return name_marks(t) if len(words) >= 2 and P.NAME.match(t) else None


def _second_party_at(text: str) -> int | None:
    """Where the second party's name starts on a line of side-by-side blocks: a party's head
    word (domain.party_heads) after two words of the first's, not the 'CỤC' of 'CHI CỤC'."""
    words = list(re.finditer(r"\S+", text))
    for k in range(2, len(words)):
        rest = text[words[k].start():]
        if words[k - 1].group() not in ("CHI", "TỔNG") and any(
                rest == h or rest.startswith(h + " ") for h in domain.party_heads()):
            return words[k].start()
    return None


def _first_of_many(names: str) -> str | None:
    """Three signers' names or more read as one line, too long for one name: the first, two to
    four words cut before a family name; None when the line is no such run of names."""
    words = names.split()
    if len(words) < 7 or not P.NAME.match(" ".join(words[:4])):
        return None
    cut = next((k for k in range(2, 5) if domain.family_name_first(words[k])), None)
    return " ".join(words[:cut]) if cut else None


def _first_of_two(names: str) -> str:
    """Two signers' names read as one line ('Vũ Việt Linh Triệu Vũ'): the first, cut before the
    second's family name: a word that is a family name, leaving two words or more to each name,
    the one nearest the middle of the line (a middle name may be a family name too: 'Trần Lê
    Hùng'); the line as read when no such cut is found."""
    words = names.split()
    cuts = [k for k in range(2, len(words) - 1) if domain.family_name_first(words[k])]
    return " ".join(words[:min(cuts, key=lambda k: abs(k - len(words) / 2))]) if cuts else names


def name_marks(name: str) -> str:
    """An OCR'd name whose family name lost or changed a mark, with the family name's own:
    'Nguyên Văn Gấu' -> 'Nguyễn Văn Gấu' (no family name is 'Nguyên'; one is spelt so without
    marks); left as read when its first word is a family name, or when two are spelt alike. A
    later syllable that is no name, with the tone mark of the one common given name it could be
    (data/given_names.json): 'Trần Hoàng Tuần' -> 'Trần Hoàng Tuấn'."""
    first, _, rest = name.partition(" ")
    same = domain.family_names().get(fold(first), ())
    if len(same) == 1 and first not in same and rest:
        first = same[0]
    return " ".join([first, *map(_given_name, rest.split())])


def name_note(name: str, read: str) -> list[str]:
    """The note that a name was read with other marks than OCR gave it (name_marks); [] if not."""
    changed = [w for w in name.split() if w not in read.split()]
    return [f"signer's name read with {', '.join(map(repr, changed))} (OCR: {read!r})"] if changed else []


def _given_name(word: str) -> str:
    """A syllable of a name after the family name, with the tone mark of the one common given name
    spelt like it (data/given_names.json), when it is no name at all; else as read."""
    known, by_base = domain.given_names()
    if word in known or word in domain.family_names().get(fold(word), ()):
        return word
    alike = by_base.get(without_tone(word), ())
    return alike[0] if len(alike) == 1 else word


def _without_prefix(text: str) -> str:
    """A name line without the rank or academic title before the name: 'Thượng tướng Nguyễn
    Văn Gấu' -> 'Nguyễn Văn Gấu', 'PGS.TS. Lê Văn B' -> 'Lê Văn B'; a line that is not one as it was."""
    again = True
    while again:  # 'PGS. TS. Lê Văn B': one title after the other
        again = False
        for prefix in domain.name_prefixes():
            if fold(text).startswith(fold(prefix)) and (rest := text[len(prefix):].strip()) and rest[:1].isupper():
                text, again = rest, True
                break
    return text


def _drop_signature_tail(text: str, low_conf: tuple[str, ...]) -> str:
    """An OCR'd Nơi nhận line that ran into the signature: poorly read words and stray marks
    after its closing ';' go ("- VPUB: PCVP, KTTH; Trầnà" -> "- VPUB: PCVP, KTTH;")."""
    head, sep, tail = text.rpartition(";")
    if not sep:
        return text
    words = tail.split()
    if all(w in low_conf or not re.search(r"\p{L}{2}", w) for w in words):
        return head + sep
    return text


# After an OCR'd item's ';', up to three tokens of three marks at most, the first no capitalised
# word (an item's own 'Cục thuế; Cục TK' goes on): what the OCR read of the seal or the signature
# beside the list ('; tt 21', '; %2', '; - . x')
SPECKS_AFTER_ITEM = re.compile(r";\s+(?!\p{Lu}\S)\S{1,3}(?:\s+\S{1,3}){0,2}\s*$")


def read_distribution(lines: list[Line]) -> list[str]:
    """Nơi nhận lines -> one item per addressee. An item starts with a dash, or after an
    item closed by ";" (OCR often loses the dash); OCR'd fragments of the signature or the
    seal that fall into the column are left out."""
    items: list[str] = []
    read: list[bool] = []  # the item holds a line read by OCR or from a plain text: its words may be misread
    for ln in lines:
        t = " ".join(ln.text.split()).strip()
        if not t or (ln.conf is not None and _ocr_clean(ln) is None):
            continue
        if ln.conf is not None:
            t = _drop_signature_tail(t, ln.low_conf_words)
            lettered = [w for w in t.split() if re.search(r"\p{L}", w)]
            if lettered and all(w in ln.low_conf_words for w in lettered):
                continue  # only words read with low confidence: a speck of the seal beside 'Nơi nhận:'
        if misreadable(ln) and (speck := SPECKS_AFTER_ITEM.search(t)):
            t = t[:speck.start() + 1]  # 'Ủy ban MTTQ Việt Nam tỉnh; tt 21': the seal's specks after the item
        for piece in run_items(t):
            if piece.startswith(("-", "–", "+", "•")) or not items or items[-1].endswith(";"):
                items.append(piece)
                read.append(False)
            else:
                items[-1] = items[-1] + " " + piece
            read[-1] = read[-1] or misreadable(ln)
    items = [_misread_item(i) if r else i for i, r in zip(items, read)]
    return [c for c in (clean_item(_filed_item_end(i)) for i in items) if c]


# A bracketed purpose note closing an item, as OCR read it: '(h/c)', '(để b/cc)', '(ph)'
PURPOSE_NOTE_END = re.compile(r"\((?P<pre>(?:để|đề)\s+)?(?P<note>[\p{L}/]{2,5})\)(?=[;.,]?\s*$)")


def _purpose_abbreviation(m) -> str:
    """The abbreviation of a purpose note (ocr_confusions.json purpose_notes.abbreviations) that
    an OCR'd one is one letter or slash from, when it is exactly one; the note as read else."""
    from rapidfuzz.distance import Levenshtein

    known = domain.confusions()["purpose_notes"]["abbreviations"]
    note = m["note"].lower()
    near = [a for a in known if Levenshtein.distance(note, a) <= 1]
    if note in known or len(near) != 1 or "/" not in note + near[0]:
        return m.group(0)
    return f"({m['pre'] or ''}{near[0]})"


def _misread_item(item: str) -> str:
    """An item of OCR'd (or plain text) lines as printed, as far as can be told: its addressees
    re-spelt against the closed vocabulary (lexicon.repair_addressee), a small 'i' that OCR gave as
    '¡', and in the 'Lưu' item the count of copies read with a letter for its last digit."""
    item = OCR_SMALL_I.sub("i", repair_addressee(item)[0])
    item = PURPOSE_NOTE_END.sub(_purpose_abbreviation, item)
    if P.FILED_ITEM.match(item):
        item = FILED_COUNT_END.sub(lambda m: DIGIT_OF[m.group(0)], item.rstrip(" ;"))
        item = FILED_VT.sub("VT", item)  # 'Lưu: VÌ, PCTT': the văn thư's code as OCR misread it
        item = FILED_VT_COMMA.sub(",", item)  # 'Lưu: VT CCHC': OCR lost the comma after the văn thư's VT
    return item


# What a transcribed copy prints for the signature, '(đã ký)', run onto the filed copy's line
SIGNED_AFTER_FILED = re.compile(r"(?i)(?<=\S)\s+\((?:đã\s+ký|ký[^)]{0,30}|đã ký và đóng dấu)\)\.?$")


def _filed_item_end(item: str) -> str:
    """The 'Lưu' item ends the list at its period: what runs on after it in lower case on the
    same line is another text's (a handwritten mark 'x5', a footnote OCR put beside it: 'Lưu:
    VT, NCTH. do Bộ Quốc phòng quản lý ...'). Other items, and 'Lưu: VT. NC(Tr112)', as read."""
    if not P.FILED_ITEM.match(item):
        return item
    item = SIGNED_AFTER_FILED.sub("", item)  # '- Lưu VT, TTHTr. (đã ký)': the signature's stand-in beside it
    m = FILED_ITEM_TAIL.search(item)
    return item[:m.start() + 1] if m else item
