"""How parse and the renderings grow with the size of a letter (issue 16: emitters linear).

    python scripts/bench_scale.py [--sizes 1000,2000,4000]

A generated công văn with N numbered items, each citing a decision and setting a deadline, is
parsed and rendered as JSON and HTML; the table gives seconds and the ratio to the previous size
(2.0 when the size doubles means linear; 4.0 quadratic). Timings are one run each, on this machine.
"""
from __future__ import annotations

import argparse
import time

HEAD = ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BTC-NS\nHà Nội, ngày 5 tháng 6 năm 2025\n"
        "Kính gửi: Các Bộ, cơ quan ngang Bộ\n")


def letter(n: int) -> bytes:
    body = "".join(f"{i}. Thực hiện Quyết định số {i}/QĐ-TTg ngày 12/3/2020, báo cáo trước ngày 15/7/2025.\n"
                   for i in range(1, n + 1))
    return (HEAD + body).encode("utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,4000")
    args = ap.parse_args(argv)
    from congvan import parse_bytes
    from congvan.emit import render
    from congvan.settings import Settings

    parse_bytes(letter(10), "warm.txt", Settings(ocr="off"))  # imports and caches out of the timings
    prev = None
    print("| items | references | deadlines | parse s | json s | html s | parse ratio | html ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        data = letter(n)
        t0 = time.perf_counter()
        parsed = parse_bytes(data, "scale.txt", Settings(ocr="off"))
        t1 = time.perf_counter()
        render(parsed, "json")
        t2 = time.perf_counter()
        render(parsed, "html")
        t3 = time.perf_counter()
        now = (t1 - t0, t2 - t1, t3 - t2)
        ratio = (f"{now[0] / prev[0]:.2f}", f"{now[2] / prev[2]:.2f}") if prev else ("", "")
        print(f"| {n} | {len(parsed.references)} | {len(parsed.deadlines)} | {now[0]:.2f} | {now[1]:.2f} | "
              f"{now[2]:.2f} | {ratio[0]} | {ratio[1]} |")
        prev = now
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
