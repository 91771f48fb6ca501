#!/usr/bin/env python3
"""Score an archive index against the truth file of scripts/make_archive.py.

    python scripts/archive_eval.py ARCHIVE_DIR archive.sqlite [--truth PATH] [--json]

Letters: each truth letter must be one document holding all its paths, with its number and
date. Links: the index's linked pairs (source letter -> cited letter, by the letters' paths)
against the truth's citations: precision, recall; outside citations linked are false
positives (they count in precision). Broken files must be failures.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def evaluate(archive: Path, db: str | Path, truth: dict | None = None) -> dict:
    archive = Path(archive)
    truth = truth or json.loads(archive.with_name(archive.name + ".truth.json").read_text(encoding="utf-8"))
    from congvan.archive import store

    con = store.connect(str(db))
    by_path = {}
    for path, sha in con.execute("SELECT path, sha256 FROM sightings"):
        by_path[os.path.normpath(path)] = sha
    doc_of_sha = {sha: (i, num, date) for i, sha, num, date in
                  con.execute("SELECT id, sha256, number, date FROM documents WHERE status='ok'")}
    letter_doc, missing, split, wrong_number, wrong_date = {}, [], [], [], []
    for L in truth["letters"]:
        shas = {by_path.get(os.path.normpath(str(archive / p))) for p in L["paths"]}
        if None in shas or not all(s in doc_of_sha for s in shas):
            missing.append(L["id"])
            continue
        if len(shas) != 1:
            split.append(L["id"])
        doc_id, num, date = doc_of_sha[next(iter(shas))]
        letter_doc[L["id"]] = doc_id
        if num != L["number"]:
            wrong_number.append((L["id"], L["number"], num))
        if date != L["date"]:
            wrong_date.append((L["id"], L["date"], date))
    doc_letter = {}
    for lid, d in letter_doc.items():
        doc_letter.setdefault(d, lid)
    want = {(x["src"], x["dst"]) for x in truth["links"]}
    got = set()
    for src, dst in con.execute("SELECT src_id, dst_id FROM links WHERE status='linked'"):
        got.add((doc_letter.get(src, f"doc{src}"), doc_letter.get(dst, f"doc{dst}")))
    ambiguous = con.execute("SELECT count(*) FROM links WHERE status='ambiguous'").fetchone()[0]
    tp = len(want & got)
    damaged = {(x["src"], x["dst"]) for x in truth["links"] if x["damaged"]}
    failures = {os.path.normpath(p) for (p,) in con.execute("SELECT path FROM failures")}
    broken_missed = [b for b in truth["broken"] if os.path.normpath(str(archive / b)) not in failures]
    n_docs = con.execute("SELECT count(*) FROM documents WHERE status='ok'").fetchone()[0]
    con.close()
    return {
        "letters": len(truth["letters"]), "documents": n_docs, "missing": missing, "split": split,
        "wrong_number": wrong_number, "wrong_date": wrong_date,
        "links_truth": len(want), "links_found": len(got), "links_correct": tp, "ambiguous": ambiguous,
        "precision": round(tp / len(got), 4) if got else 1.0,
        "recall": round(tp / len(want), 4) if want else 1.0,
        "damaged_recall": round(len(damaged & got) / len(damaged), 4) if damaged else 1.0,
        "false_links": sorted(got - want)[:20], "missed_links": sorted(want - got)[:20],
        "broken_not_failed": broken_missed,
    }


TABLES = ("documents", "paths", "sightings", "refs", "deadlines", "annexes", "failures", "links")


def digest(db: str | Path) -> dict:
    """What an archive holds, whatever the order its letters were committed in (ids differ
    between runs: rows are named by their document's sha256): the row count of each table and
    a SHA-256 of the documents' JSON, of the references, of the links, of the paths and of the
    failures (path, stage, error class). Two runs over the same folder must give the same."""
    import hashlib

    from congvan.archive import store

    con = store.connect(str(db))
    sha_of = {r[0]: r[1] for r in con.execute("SELECT id, sha256 FROM documents")}

    def h(rows) -> str:
        lines = sorted(json.dumps(r, ensure_ascii=False) for r in rows)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    out = {"rows": {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES},
           "documents_json": h([[r[0], r[1], r[2]] for r in con.execute(
               "SELECT sha256, status, json FROM documents")]),
           "refs": h([[sha_of[r[0]], r[1], r[2], r[3]] for r in con.execute(
               "SELECT doc_id, idx, number, date FROM refs")]),
           "links": h([[sha_of[r[0]], r[1], sha_of.get(r[2]), r[3], r[4]] for r in con.execute(
               "SELECT src_id, ref_idx, dst_id, status, how FROM links")]),
           "paths": h([[r[0], r[1]] for r in con.execute("SELECT path, sha256 FROM paths")]),
           "failures": h([[r[0], r[1], r[2]] for r in con.execute("SELECT path, stage, error_class FROM failures")])}
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("db", help="the archive: a SQLite file or a postgresql:// URL")
    ap.add_argument("--truth", type=Path)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    truth = json.loads(a.truth.read_text(encoding="utf-8")) if a.truth else None
    r = evaluate(a.archive, a.db, truth)
    if a.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
    else:
        print(f"letters {r['letters']}, documents {r['documents']}, missing {len(r['missing'])}, "
              f"wrong number {len(r['wrong_number'])}, wrong date {len(r['wrong_date'])}; links: truth "
              f"{r['links_truth']}, found {r['links_found']}, correct {r['links_correct']}, ambiguous {r['ambiguous']}: "
              f"precision {r['precision']}, recall {r['recall']} (damaged {r['damaged_recall']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
