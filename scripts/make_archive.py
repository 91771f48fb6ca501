#!/usr/bin/env python3
"""Generate a synthetic ministry archive with a known reference graph, for congvan index.

N letters in the official layout (công văn, quyết định, thông báo, kế hoạch) from the issuers
of scripts/archive_data.json, with varied numbers (some repeated in other years, as công văn
numbers restart every January), dates, subjects and deadlines. Each letter cites 0-3 earlier
letters of the archive ("Căn cứ Công văn số 232/BTTTT-KHTC ngày 19/7/2018 của ..."), some of
them with OCR damage the parser reads (Ð for Đ, QD for QĐ, BTTT for BTTTT, a T read as I,
spaces around the slash), plus references to documents outside the archive (Nghị định,
Thông tư) and, sometimes, to itself. Letters are written as .txt, .md or a digital PDF
(scripts/render_pdf.py), or a scan (the PDF rasterised, with --scans); some are copied to a
second path (duplicates), and a few broken files are added (empty, truncated PDF, a PNG named
.pdf, random bytes).

The truth file (OUT_DIR.truth.json beside the archive folder, or --truth) lists every letter with its
number, date, issuer and paths, every citation between letters (src -> dst, as cited,
damaged or not), the outside citations, the duplicates and the broken files.

Usage: python scripts/make_archive.py OUT_DIR [-n 200] [--seed 1] [--pdf 0.3] [--md 0.15]
       [--scans 0] [--duplicates 0.03] [--broken 4] [--truth PATH]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = json.loads((Path(__file__).with_name("archive_data.json")).read_text(encoding="utf-8"))

TYPES = [  # (code, name as cited, share)
    ("CV", "Công văn", 0.65), ("QĐ", "Quyết định", 0.15), ("TB", "Thông báo", 0.1), ("KH", "Kế hoạch", 0.1)]


def number_of(kind: str, n: int, issuer: dict, unit: str) -> str:
    if kind == "CV":
        return f"{n}/{issuer['code']}-{unit}"
    return f"{n}/{kind}-{issuer['code']}"


def damage(number: str, rng: random.Random) -> str | None:
    """The number as OCR may print it, with a damage the parser still reads; None if none applies."""
    options = []
    if "Đ" in number:
        options += [number.replace("Đ", "Ð"), number.replace("QĐ", "QD")]
    for code in ("BTTTT", "STTTT"):
        if code in number:
            options.append(number.replace(code, code[:-1]))
    head, _, tail = number.partition("/")
    if "T" in tail[1:]:
        i = tail.rindex("T")
        options.append(head + "/" + tail[:i] + "I" + tail[i + 1:])
    options.append(number.replace("/", " /", 1))
    options.append(number.replace("-", " - ", 1))
    return rng.choice(options) if options else None


def fmt_date(d: tuple[int, int, int], long: bool = False) -> str:
    y, m, day = d
    return f"ngày {day:02d} tháng {m} năm {y}" if long else f"{day:02d}/{m:02d}/{y}"


def letter_text(L: dict, cites: list[dict], outside: list[dict], self_ref: bool, rng: random.Random) -> str:
    iss = L["issuer_data"]
    y, m, d = L["date_t"]
    lines = [*iss["lines"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
             f"Số: {L['number']}"]
    if L["type"] == "CV":
        lines.append(f"V/v {L['subject']}")
    lines += [f"{iss['place']}, {fmt_date(L['date_t'], long=True)}", ""]
    if L["type"] != "CV":
        lines += [{"QĐ": "QUYẾT ĐỊNH", "TB": "THÔNG BÁO", "KH": "KẾ HOẠCH"}[L["type"]],
                  ("Về việc " if L["type"] == "QĐ" else "") + L["subject"][0].upper() + L["subject"][1:], ""]
    if L["type"] == "CV":
        lines += ["Kính gửi:", f"- {rng.choice(DATA['actors'])};", f"- {rng.choice(DATA['actors'])}.", ""]
    bases = [f"{c['type_name']} số {c['cited_as']} ngày {fmt_date(c['date_t'])} của {c['issuer']} về {c['subject']}"
             for c in cites]
    bases += [f"{o['type']} số {o['cited_as']} ngày {fmt_date(o['date_t'])} của {o['issuer']}" for o in outside]
    if L["type"] == "QĐ":
        lines.append(f"{'CHỦ TỊCH ỦY BAN NHÂN DÂN' if iss['code'] == 'UBND' else 'BỘ TRƯỞNG' if iss['name'].startswith('Bộ') else 'GIÁM ĐỐC'}")
        lines.append("")
        lines += [f"Căn cứ {b};" for b in bases]
        lines += ["Xét đề nghị của Chánh Văn phòng.", "", "QUYẾT ĐỊNH:", "",
                  f"Điều 1. {L['subject'][0].upper() + L['subject'][1:]}.",
                  f"Điều 2. {L['actor']} {L['action']} trước ngày {fmt_date(L['deadline_t'])}.",
                  f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký.{' Bãi bỏ các quy định trái với Quyết định số ' + L['number'] + ' này.' if self_ref else ''}/."]
    else:
        if bases:
            lines.append("Căn cứ " + "; ".join(bases) + f", {L['issuer']} đề nghị như sau:")
        else:
            lines.append(f"Để thực hiện tốt nhiệm vụ năm {y}, {L['issuer']} đề nghị như sau:")
        lines += ["", f"1. {L['actor']} {L['action']} về {L['issuer']} trước ngày {fmt_date(L['deadline_t'])}.",
                  f"2. Tổ chức thực hiện nghiêm túc nội dung về {L['subject']}."]
        if self_ref:
            lines.append(f"3. Các đơn vị thực hiện theo đúng nội dung Công văn số {L['number']} này.")
        lines.append("")
        lines.append("Trân trọng./.")
    lines += ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT.",
              "KT. " + ("BỘ TRƯỞNG" if iss["name"].startswith("Bộ") else "CHỦ TỊCH" if iss["code"] == "UBND" else "GIÁM ĐỐC"),
              "THỨ TRƯỞNG" if iss["name"].startswith("Bộ") else "PHÓ CHỦ TỊCH" if iss["code"] == "UBND" else "PHÓ GIÁM ĐỐC",
              "", "", rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Minh", "Phạm Quốc Hùng"])]
    return "\n".join(lines) + "\n"


def _rand_date(rng: random.Random, year: int) -> tuple[int, int, int]:
    m = rng.randint(1, 12)
    return year, m, rng.randint(1, 28)


def plan(n: int, rng: random.Random) -> list[dict]:
    letters: list[dict] = []
    used: set[str] = set()
    kinds, weights = [t[0] for t in TYPES], [t[2] for t in TYPES]
    for i in range(n):
        iss = rng.choice(DATA["issuers"])
        kind = rng.choices(kinds, weights)[0]
        year = rng.randint(2019, 2025)
        date_t = _rand_date(rng, year)
        unit = rng.choice(iss["units"])
        if letters and rng.random() < 0.05:
            # a number already used in another year: cited with its date, told apart by it
            other = rng.choice(letters)
            iss, kind, unit = other["issuer_data"], other["type"], other["unit"]
            while True:
                year = rng.randint(2019, 2025)
                if year != other["date_t"][0]:
                    break
            date_t, n_ = _rand_date(rng, year), other["n"]
        else:
            n_ = rng.randint(1, 4999)
        number = number_of(kind, n_, iss, unit)
        key = (number, year, iss["name"])
        if f"{key}" in used:
            n_ += 5000
            number = number_of(kind, n_, iss, unit)
            key = (number, year, iss["name"])
        used.add(f"{key}")
        subj = rng.choice(DATA["decision_subjects"] if kind == "QĐ" else DATA["subjects"])
        dl = date_t[0], min(12, date_t[1] + 1), date_t[2]
        letters.append({"id": f"L{i:05d}", "type": kind, "n": n_, "unit": unit, "number": number,
                        "issuer_data": iss, "issuer": iss["name"], "issuer_code": iss["code"],
                        "date_t": date_t, "date": f"{date_t[0]}-{date_t[1]:02d}-{date_t[2]:02d}",
                        "subject": subj.format(y=year, y1=year + 1), "actor": rng.choice(DATA["actors"]),
                        "action": rng.choice(DATA["actions"]), "deadline_t": dl})
    return letters


def make(out: Path, n: int, seed: int = 1, pdf: float = 0.3, md: float = 0.15, scans: float = 0.0,
         duplicates: float = 0.03, broken: int = 4, damage_rate: float = 0.3, truth_path: Path | None = None) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    letters = plan(n, rng)
    numbers = {L["number"] for L in letters}
    truth_links, truth_outside, items = [], [], []
    by_date = sorted(range(len(letters)), key=lambda i: letters[i]["date_t"])
    pos = {i: k for k, i in enumerate(by_date)}
    render = None
    for i, L in enumerate(letters):
        earlier = by_date[:pos[i]]
        earlier = [j for j in earlier if letters[j]["date_t"] < L["date_t"]]
        k = rng.choice([0, 1, 1, 2, 2, 3]) if earlier else 0
        cites = []
        for j in rng.sample(earlier, min(k, len(earlier))):
            T = letters[j]
            cited = T["number"]
            damaged = False
            if rng.random() < damage_rate:
                cited, damaged = damage(T["number"], rng) or cited, True
                damaged = cited != T["number"]
            cites.append({**T, "type_name": dict((t[0], t[1]) for t in TYPES)[T["type"]], "cited_as": cited})
            truth_links.append({"src": L["id"], "dst": T["id"], "cited_as": cited, "damaged": damaged})
        outside = []
        if rng.random() < 0.4:
            o = rng.choice(DATA["outside"])
            y = rng.randint(2015, L["date_t"][0])
            num = o["number"].format(n=rng.randint(1, 300), y=y)
            if num not in numbers:
                outside.append({**o, "cited_as": num, "date_t": _rand_date(rng, y)})
                truth_outside.append({"src": L["id"], "cited_as": num})
        self_ref = rng.random() < 0.1
        text = letter_text(L, cites, outside, self_ref, rng)
        stem = f"{L['type'].replace('Đ', 'D').lower()}-{L['n']}-{L['issuer_code'].replace('Đ', 'D')}-{L['date_t'][0]}-{L['id']}"
        folder = out / str(L["date_t"][0]) / L["issuer_code"].replace("Đ", "D")
        folder.mkdir(parents=True, exist_ok=True)
        r = rng.random()
        if r < pdf + scans:
            txt = folder / f".{stem}.src.txt"
            txt.write_text(text, encoding="utf-8")
            if render is None:
                import render_pdf  # scripts/ is on the path: run from there, or pytest's pythonpath

                render_pdf.load_fonts()
                render = render_pdf.render_seed
            path = folder / f"{stem}.pdf"
            render(txt, path)
            txt.unlink()
            fmt = "pdf"
            if r >= pdf:
                _rasterise(path)
                fmt = "scan"
        elif r < pdf + scans + md:
            path, fmt = folder / f"{stem}.md", "md"
            path.write_text(text, encoding="utf-8")
        else:
            path, fmt = folder / f"{stem}.txt", "txt"
            path.write_text(text, encoding="utf-8")
        paths = [str(path.relative_to(out))]
        if rng.random() < duplicates:
            dup = out / "copies" / f"copy-of-{path.name}"
            dup.parent.mkdir(exist_ok=True)
            dup.write_bytes(path.read_bytes())
            paths.append(str(dup.relative_to(out)))
        items.append({"id": L["id"], "number": L["number"], "date": L["date"], "type": L["type"],
                      "issuer": L["issuer"], "issuer_code": L["issuer_code"], "format": fmt, "paths": paths,
                      "self_reference": self_ref})
    broken_paths = _broken(out / "broken", broken, rng)
    truth = {"seed": seed, "letters": items, "links": truth_links, "outside": truth_outside,
             "broken": [str(p.relative_to(out)) for p in broken_paths],
             "duplicates": sum(len(x["paths"]) - 1 for x in items)}
    (truth_path or truth_file(out)).write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def truth_file(out: Path) -> Path:
    """Beside the archive, not in it: indexing the folder must not see it."""
    return out.with_name(out.name + ".truth.json")


def _rasterise(path: Path) -> None:
    """The PDF replaced by a scan of it: each page an image (150 dpi, grey), no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    images = [pdf[i].render(scale=150 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    images[0].save(path, "PDF", resolution=150, save_all=True, append_images=images[1:])


def _broken(folder: Path, count: int, rng: random.Random) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    kinds = [
        ("empty.pdf", b""),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(200))),
        ("noise.pdf", bytes(rng.randrange(256) for _ in range(4096))),
        ("not-a-letter.txt", "Danh sách mua sắm: bút bi, giấy A4, mực in.\n".encode()),
    ]
    for i in range(count):
        name, data = kinds[i % len(kinds)]
        p = folder / (f"{i // len(kinds)}-{name}" if i >= len(kinds) else name)
        p.write_bytes(data)
        made.append(p)
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=200, help="letters (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pdf", type=float, default=0.3, help="share of digital PDFs (default 0.3)")
    ap.add_argument("--md", type=float, default=0.15, help="share of .md (default 0.15)")
    ap.add_argument("--scans", type=float, default=0.0, help="share of scanned PDFs (need OCR; default 0)")
    ap.add_argument("--duplicates", type=float, default=0.03, help="share of letters also copied elsewhere")
    ap.add_argument("--broken", type=int, default=4, help="broken files added (default 4)")
    ap.add_argument("--damage", type=float, default=0.3, help="share of citations with OCR damage (default 0.3)")
    ap.add_argument("--truth", type=Path, default=None, help="truth file (default OUT_DIR.truth.json)")
    a = ap.parse_args(argv)
    t = make(a.out, a.n, a.seed, a.pdf, a.md, a.scans, a.duplicates, a.broken, a.damage, a.truth)
    print(f"make_archive: {len(t['letters'])} letters, {len(t['links'])} citations between them "
          f"({sum(x['damaged'] for x in t['links'])} damaged), {len(t['outside'])} outside, "
          f"{t['duplicates']} duplicate paths, {len(t['broken'])} broken files in {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
