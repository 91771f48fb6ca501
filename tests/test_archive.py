"""congvan index and its queries (congvan.archive) on real inputs: the seeds, generated
archives with a known reference graph (scripts/make_archive.py), and a poisoned archive.

Every test that touches an archive runs on both backends: a SQLite file and a PostgreSQL
database (a fresh one on the server of $CONGVAN_TEST_PG; skipped without one, failed under CI)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

from congvan.archive import indexer, store
from congvan.archive.cli import main as cli

pytest.importorskip("reportlab")
from archive_eval import evaluate  # noqa: E402  (scripts/)
from make_archive import make  # noqa: E402

CONGVAN = [sys.executable, "-c", "import sys; from congvan.archive.cli import main; sys.exit(main())"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def new_db(backend, tmp_path, request):
    """new_db(name) -> where a new archive goes: a file under tmp_path, or a new PostgreSQL database."""
    if backend == "sqlite":
        return lambda name="archive": str(tmp_path / f"{name}.sqlite")
    server = request.getfixturevalue("pg_server")
    return lambda name="archive": server.new()


def copy_db(db: str, dest: Path, request) -> str:
    """A copy of the archive `db` (a file copied, or a database made from it as a template)."""
    import shutil

    if store.is_postgres(db):
        return request.getfixturevalue("pg_server").new(template=db.rsplit("/", 1)[1])
    shutil.copy(db, dest)
    return str(dest)


def search_rows(con, doc_id: int) -> int:
    key = "rowid" if con.dialect == "sqlite" else "doc_id"
    return con.execute(f"SELECT count(*) FROM search WHERE {key} = ?", (doc_id,)).fetchone()[0]


def run_index(roots, db, **kw) -> indexer.Totals:
    opts = dict(workers=2, ocr="off", progress="none", timeout=60, max_memory_mb=2048)
    opts.update(kw)
    return indexer.run(indexer.Options(roots=[str(r) for r in roots], db=str(db), **opts))


def query(capsys, *argv) -> object:
    capsys.readouterr()
    code = cli(list(argv))
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out) if "--json" in argv or "json" in argv else out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """40 generated letters (text, markdown, digital PDF), duplicates, broken files."""
    out = tmp_path_factory.mktemp("archive") / "letters"
    return out, make(out, 40, seed=7, pdf=0.15, md=0.15, duplicates=0.1, broken=5)


@pytest.fixture(scope="module")
def archive(generated, backend, tmp_path_factory, request):
    """The generated letters indexed once into each backend."""
    out, truth = generated
    if backend == "sqlite":
        db = str(tmp_path_factory.mktemp("db") / "archive.sqlite")
    else:
        db = request.getfixturevalue("pg_server").new()
    totals = run_index([out], db)
    return {"dir": out, "truth": truth, "db": db, "totals": totals}


def test_generated_archive_indexed_once_with_links(archive):
    r = evaluate(archive["dir"], archive["db"], archive["truth"])
    t = archive["totals"]
    assert r["missing"] == [] and r["split"] == []
    assert r["wrong_number"] == [] and r["wrong_date"] == []
    assert r["documents"] == len(archive["truth"]["letters"])  # duplicates stored once
    assert r["broken_not_failed"] == []
    assert t.failed == len(archive["truth"]["broken"])
    assert r["links_truth"] > 30 and any(x["damaged"] for x in archive["truth"]["links"])
    assert r["precision"] >= 0.98 and r["recall"] >= 0.98, r
    assert r["damaged_recall"] >= 0.98, r


def test_duplicates_keep_every_path(archive):
    con = store.connect(archive["db"])
    dups = [L for L in archive["truth"]["letters"] if len(L["paths"]) > 1]
    assert dups
    for L in dups:
        shas = {con.execute("SELECT sha256 FROM paths WHERE path = ?", (str(archive["dir"] / p),)).fetchone()[0]
                for p in L["paths"]}
        assert len(shas) == 1
        assert con.execute("SELECT count(*) FROM sightings WHERE sha256 = ?", (shas.pop(),)).fetchone()[0] == 2
    con.close()


def test_self_references_never_link(archive):
    con = store.connect(archive["db"])
    assert con.execute("SELECT count(*) FROM links WHERE src_id = dst_id").fetchone()[0] == 0
    selfish = [L for L in archive["truth"]["letters"] if L["self_reference"]]
    assert selfish
    n_self = con.execute("SELECT count(*) FROM refs WHERE self = 1").fetchone()[0]
    con.close()
    assert n_self >= len(selfish)


def test_rerun_skips_unchanged_and_reparses_changed(archive, tmp_path, request):
    import shutil

    copy = tmp_path / "letters"
    shutil.copytree(archive["dir"], copy)
    db = copy_db(archive["db"], tmp_path / "a.sqlite", request)
    # the copy's paths differ, the bytes do not: nothing is parsed again, the new paths are recorded
    t = run_index([copy], db)
    assert t.parsed == 0 and t.skipped == t.files - t.failed_before
    assert t.failed_before == len(archive["truth"]["broken"])
    con = store.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(archive["truth"]["letters"])
    one = copy / archive["truth"]["letters"][0]["paths"][0]
    if one.suffix == ".pdf":
        one = copy / next(L["paths"][0] for L in archive["truth"]["letters"] if not L["paths"][0].endswith(".pdf"))
    one.write_text(one.read_text(encoding="utf-8").replace("Trân trọng", "Xin trân trọng"), encoding="utf-8")
    t = run_index([copy], db)
    assert t.parsed == 1 and t.failed_before == len(archive["truth"]["broken"])
    stale = con.execute("SELECT count(*) FROM documents WHERE status = 'stale'").fetchone()[0]
    held_elsewhere = 1  # the original's path in the first archive folder still holds the old bytes
    assert stale == 0 if held_elsewhere else 1
    t = run_index([copy], db, retry_failed=True)
    assert t.parsed == 0 and t.failed == len(archive["truth"]["broken"])


def test_search_with_and_without_diacritics(archive, capsys):
    db = str(archive["db"])
    sets = []
    for q in ("quyet dinh", "Quyết định", "QĐ", "QD"):
        res = query(capsys, "search", q, "--db", db, "--json", "--limit", "1000")
        sets.append({r["number"] for r in res["results"]})
        assert res["count"] == len(res["results"])
    assert sets[0] and all(s == sets[0] for s in sets)
    decisions = {L["number"] for L in archive["truth"]["letters"] if L["type"] == "QĐ"}
    assert decisions <= sets[0]
    # đ folds to d: an issuer's name typed without marks finds the same letters
    a = query(capsys, "search", "Đồng Tháp", "--db", db, "--json", "--limit", "1000")
    b = query(capsys, "search", "dong thap", "--db", db, "--json", "--limit", "1000")
    assert a["results"] and {r["id"] for r in a["results"]} == {r["id"] for r in b["results"]}
    # exact-diacritic matches rank first
    kinds = [r["match"] for r in query(capsys, "search", "Quyết định", "--db", db, "--json", "--limit", "1000")["results"]]
    assert "exact" in kinds and kinds == sorted(kinds, key=lambda k: k != "exact")


def test_cites_and_cited_by(archive, capsys):
    db = str(archive["db"])
    letters = {L["id"]: L for L in archive["truth"]["letters"]}
    link = next(x for x in archive["truth"]["links"] if x["damaged"])
    src, dst = letters[link["src"]], letters[link["dst"]]
    cites = query(capsys, "cites", src["number"], "--db", db, "--json")
    assert dst["number"] in {x.get("number") for x in cites["links"]}
    cited_by = query(capsys, "cited-by", dst["number"], "--db", db, "--json")
    assert src["number"] in {x.get("number") for x in cited_by["links"]}


def test_graph_stats_deadlines_failures(archive, capsys):
    db = str(archive["db"])
    s = query(capsys, "stats", "--db", db, "--json")
    assert {"documents", "failures", "references", "links", "pages"} <= set(s)
    assert s["documents"] == len(archive["truth"]["letters"]) and s["failures"] == len(archive["truth"]["broken"])
    g = query(capsys, "graph", "--db", db, "--format", "json", "--json")
    assert len(g["edges"]) == s["links"] and len(g["nodes"]) == s["documents"]
    capsys.readouterr()
    assert cli(["graph", "--db", db, "--format", "graphml"]) == 0
    tree = ET.fromstring(capsys.readouterr().out)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert len(tree.findall(f"{ns}graph/{ns}edge")) == s["links"]
    every = query(capsys, "deadlines", "--db", db, "--json")
    assert every and all(x["date"] for x in every)
    some = query(capsys, "deadlines", "--db", db, "--from", "2022-01-01", "--to", "2022-12-31", "--json")
    assert some and len(some) < len(every) and all("2022-01-01" <= x["date"] <= "2022-12-31" for x in some)
    actor = query(capsys, "deadlines", "--db", db, "--actor", "phong tai chinh", "--json")
    assert actor and len(actor) < len(every)
    fails = query(capsys, "failures", "--db", db, "--json")
    assert {Path(f["path"]).name for f in fails} >= {"empty.pdf", "truncated.pdf", "image.pdf", "noise.pdf"}
    assert all(f["stage"] and f["error_class"] and f["message"] for f in fails)


def test_show_finds_a_damaged_number(new_db, capsys):
    db = new_db("seeds")
    run_index([SEEDS], db)
    d = query(capsys, "show", "23/UBT-TT-KHTC", "--db", str(db), "--json")
    assert d["number"] == "232/BTTTT-KHTC" and d["match"] == "ocr"
    exact = query(capsys, "show", "232/BTTTT-KHTC", "--db", str(db), "--json")
    assert exact["match"] == "exact" and exact["sha256"] == d["sha256"]


def test_ambiguous_reference_is_flagged_not_linked(tmp_path, new_db):
    tpl = (ROOT / "corpora" / "authored" / "qd-215-QD-UBND-2024.txt").read_text(encoding="utf-8")
    folder = tmp_path / "amb"
    folder.mkdir()
    # two districts' decisions with the same number and date; a letter cites it without saying whose
    (folder / "a.txt").write_text(tpl, encoding="utf-8")
    (folder / "b.txt").write_text(tpl.replace("HUYỆN ĐỨC PHỔ", "HUYỆN MỘ ĐỨC").replace("Đức Phổ,", "Mộ Đức,"),
                                  encoding="utf-8")
    cv = (ROOT / "corpora" / "authored" / "cv-1234-STC-NS-2025.txt").read_text(encoding="utf-8")
    (folder / "c.txt").write_text(cv.replace("Căn cứ Luật", "Căn cứ Quyết định số 215/QĐ-UBND ngày 12/3/2024; Luật"),
                                  encoding="utf-8")
    db = new_db("amb")
    t = run_index([folder], db)
    assert t.parsed == 3
    con = store.connect(db)
    rows = con.execute("SELECT status, dst_id, candidates FROM links").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("ambiguous", None)]
    assert len(json.loads(rows[0][2])) == 2


def test_poisoned_archive(tmp_path, new_db):
    """A letter that takes longer than the timeout, a crashing parse, an unreadable file, a
    symbolic link loop, a file over the size limit, a FIFO: each is a failure row, the run
    completes, every good letter is indexed; a decompression bomb is read as a letter whose page
    was over a limit."""
    import zlib

    pikepdf = pytest.importorskip("pikepdf")
    folder = tmp_path / "poison"
    folder.mkdir()
    good = []
    for src in sorted((ROOT / "corpora" / "authored").iterdir()) + [SEEDS / "cv-1959-BTTTT-UDCNTT-2013.txt"]:
        (folder / src.name).write_bytes(src.read_bytes())
        good.append(src.name)
    tpl = (ROOT / "corpora" / "authored" / "cv-1234-STC-NS-2025.txt").read_text(encoding="utf-8")
    items = "\n".join(f"{i}. Các đơn vị rà soát thủ tục hành chính và gửi báo cáo về Sở Tài chính trước ngày 15/7/2025."
                      for i in range(3, 40000))
    (folder / "slow.txt").write_text(tpl.replace("Trân trọng./.", items + "\nTrân trọng./."), encoding="utf-8")
    pdf = pikepdf.new()
    page = pdf.add_blank_page()
    z = zlib.compressobj(9)
    chunk = b"q 1 0 0 1 0 0 cm Q\n" * 50000
    data = b"".join(z.compress(chunk) for _ in range(400_000_000 // len(chunk))) + z.flush()
    page.obj.Contents = pdf.make_stream(b"")
    page.obj.Contents.write(data, filter=pikepdf.Name.FlateDecode)  # ~1 MB that inflates to 400 MB
    pdf.save(folder / "bomb.pdf")
    (folder / "crash.txt").write_bytes((ROOT / "corpora" / "authored" / "qd-215-QD-UBND-2024.txt").read_bytes() + b"\n")
    locked = folder / "locked.txt"
    locked.write_text(tpl.replace("1234/STC", "1235/STC"), encoding="utf-8")
    locked.chmod(0)
    os.symlink("loop.txt", folder / "loop.txt")
    with open(folder / "huge.pdf", "wb") as f:  # sparse: 210 MB on paper, nothing on disk
        f.truncate(210 * 2**20)
    os.mkfifo(folder / "pipe.txt")
    os.environ["CONGVAN_ARCHIVE_FAULT"] = "crash:crash.txt"
    try:
        db = new_db("p")
        t = run_index([folder], db, timeout=4, max_memory_mb=700)
    finally:
        del os.environ["CONGVAN_ARCHIVE_FAULT"]
    con = store.connect(db)
    fails = {Path(p).name: (stage, cls) for p, stage, cls in con.execute("SELECT path, stage, error_class FROM failures")}
    root = os.geteuid() == 0  # root reads a chmod 000 file: then it is a letter like the others
    assert fails["slow.txt"] == ("timeout", "Timeout")
    # its page inflates past Settings.max_inflated_bytes: left unread with a `limit` warning
    # (parser/load/limits.py), quickly and in little memory, so it is no failure any more
    assert "bomb.pdf" not in fails
    assert fails["crash.txt"] == ("crash", "WorkerCrash")
    assert fails["loop.txt"][0] == "read"
    assert fails["huge.pdf"] == ("parse", "InputError")
    assert fails["pipe.txt"] == ("walk", "NotRegularFile")
    if root:
        assert "locked.txt" not in fails
    else:
        assert fails["locked.txt"] == ("read", "PermissionError")
    assert len(fails) == 5 + (not root)
    numbers = {r[0] for r in con.execute("SELECT number FROM documents")}
    assert {"1234/STC-NS", "215/QĐ-UBND", "1959/BTTTT-UDCNTT"} <= numbers
    assert ("1235/STC-NS" in numbers) == root
    assert t.replaced_workers >= 2  # the timeout and the crash each cost a worker (the bomb no longer does)
    locked.chmod(0o644)


def _consistent(db: str) -> int:
    """Every committed letter is whole: its references, search row and paths are there."""
    con = store.connect(db)
    docs = con.execute("SELECT id, json FROM documents").fetchall()
    for doc_id, js in docs:
        refs = con.execute("SELECT count(*) FROM refs WHERE doc_id=?", (doc_id,)).fetchone()[0]
        assert refs == len(json.loads(js)["references"])
        assert search_rows(con, doc_id) == 1
        sha = con.execute("SELECT sha256 FROM documents WHERE id=?", (doc_id,)).fetchone()[0]
        assert con.execute("SELECT count(*) FROM paths WHERE sha256=?", (sha,)).fetchone()[0] >= 1
    con.close()
    return len(docs)


def test_kill9_then_resume_indexes_each_letter_once(tmp_path, new_db):
    out = tmp_path / "letters"
    # enough letters that the kill lands well before the end: a batch commits every 2 s or 50 letters
    truth = make(out, 160, seed=11, pdf=0.1, md=0.1, duplicates=0.05, broken=2)
    db = new_db("k")
    proc = subprocess.Popen(CONGVAN + ["index", str(out), "--db", str(db), "--workers", "1", "--ocr", "off",
                                       "--progress", "none"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            con = store.connect(db)
            committed = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except Exception:  # not made yet, or locked for a moment
            continue
        if committed >= 8:
            break
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _consistent(db)
    assert 8 <= before < len(truth["letters"])
    t = run_index([out], db, workers=2)
    assert t.skipped >= before and t.parsed == len(truth["letters"]) - before
    assert _consistent(db) == len(truth["letters"])
    r = evaluate(out, db, truth)
    assert r["missing"] == [] and r["split"] == [] and r["broken_not_failed"] == []


def test_cli_errors_are_one_line(tmp_path):
    r = subprocess.run(CONGVAN + ["stats", "--db", str(tmp_path / "none.sqlite")], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no archive" in r.stderr
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    r = subprocess.run(CONGVAN + ["search", "x", "--db", str(bad)], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    other = tmp_path / "other.sqlite"
    store.connect(other, create=True).execute("UPDATE meta SET value = '0' WHERE key = 'archive_schema'")
    r = subprocess.run(CONGVAN + ["stats", "--db", str(other)], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "another version" in r.stderr
    r = subprocess.run(CONGVAN + ["deadlines", "--from", "1/2/2024", "--db", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr
    r = subprocess.run(CONGVAN + ["--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "index" in r.stdout
    # --help imports nothing heavy
    code = ("import sys; from congvan.archive.cli import main; main(['--help']); "
            "print(sorted(m for m in ('pydantic', 'pdfplumber', 'underthesea', 'rapidfuzz', 'psycopg', 'distributed', "
            "'dask') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip().endswith("[]")


def test_postgres_errors_are_one_line(pg_server):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = subprocess.run(CONGVAN + ["stats", "--db", f"postgresql://nobody:secret@127.0.0.1:{port}/x"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "cannot open the PostgreSQL archive" in r.stderr
    assert "secret" not in r.stderr  # the password is not printed
    empty = pg_server.new()
    r = subprocess.run(CONGVAN + ["search", "x", "--db", empty], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no archive" in r.stderr
    con = store.connect(empty, create=True)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'archive_schema'")
    con.close()
    r = subprocess.run(CONGVAN + ["stats", "--db", empty], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "another version" in r.stderr


def test_unaccent_folds_vietnamese_as_fold_does(pg_server):
    """The folded search tiers fold in PostgreSQL (congvan_fold: unaccent) what SQLite's index
    folds in Python (fold.fold): every letter of the Vietnamese alphabet with every tone mark,
    in both cases, and the look-alikes of Đ, must come out the same."""
    import unicodedata

    from congvan.archive.fold import fold

    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]  # huyền, sắc, ngã, hỏi, nặng
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones}
    letters |= set("bcdđghklmnpqrstvx") | {"ð", "Ð", "Ɖ"}
    letters |= {x.upper() for x in letters}
    con = store.connect(pg_server.new(), create=True)
    text = sorted(letters)
    got = con.execute("SELECT congvan_fold(x) FROM unnest(?::text[]) AS x", (text,)).fetchall()
    con.close()
    assert len(letters) > 140
    assert {c: g[0].lower() for c, g in zip(text, got)} == {c: fold(c) for c in text}


def dask_run(roots, db, **kw) -> indexer.Totals:
    pytest.importorskip("distributed")
    return run_index(roots, db, engine="dask-local", workers=2, worker_memory="2GiB", **kw)


def test_dask_local_gives_the_archive_local_workers_give(archive, new_db):
    """The same letters through a Dask LocalCluster of 2 workers: the same rows and content as
    the local workers' archive (every table's count, the documents' JSON, links, paths,
    failures), and a second run parses nothing."""
    from archive_eval import digest

    db = new_db("dask")
    t = dask_run([archive["dir"]], db)
    assert t.parsed == archive["totals"].parsed and t.failed == archive["totals"].failed
    assert digest(db) == digest(archive["db"])
    again = dask_run([archive["dir"]], db)
    assert again.parsed == 0 and again.skipped == again.files - again.failed_before


def test_dask_worker_killed_mid_run_loses_nothing(archive, backend, tmp_path):
    """kill -9 of a Dask worker process while it parses: its nanny starts a new one, the
    scheduler gives its tasks to a live worker, the run completes with every letter once."""
    import threading

    import psutil
    from archive_eval import digest

    if backend != "sqlite":
        pytest.skip("the engine's behaviour does not depend on the backend: run once")
    db = str(tmp_path / "killed.sqlite")
    result: dict = {}
    th = threading.Thread(target=lambda: result.setdefault("t", dask_run([archive["dir"]], db)), daemon=True)
    th.start()
    killed = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and th.is_alive() and killed is None:
        time.sleep(0.2)
        workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
        # a worker that has started its parse process (a fork server and its child) holds letters
        busy = [w for w in workers if len(w.children(recursive=True)) >= 2]
        if len(workers) == 2 and len(busy) == 2 and th.is_alive():
            killed = busy[0].pid
            os.kill(killed, signal.SIGKILL)
    assert killed is not None, "the run ended before a worker could be killed"
    th.join(180)
    assert not th.is_alive() and "t" in result
    t = result["t"]
    assert not psutil.pid_exists(killed) or psutil.Process(killed).status() == psutil.STATUS_ZOMBIE
    assert t.failed == archive["totals"].failed  # the killed worker's letter was parsed again, not recorded
    assert digest(db) == digest(archive["db"])


def test_file_urls_are_read_through_fsspec(archive, new_db):
    """The archive as a file:// URL (fsspec): the same letters, the same links, the same
    failures as read by path; each path is recorded as its URL, the letters' source.path too."""
    pytest.importorskip("fsspec")
    from archive_eval import digest

    db = new_db("url")
    t = run_index([archive["dir"].as_uri()], db)
    assert t.parsed == archive["totals"].parsed and t.failed == archive["totals"].failed
    a, b = digest(db), digest(archive["db"])
    assert a["rows"] == b["rows"] and a["refs"] == b["refs"] and a["links"] == b["links"]
    con = store.connect(db)
    paths = [r[0] for r in con.execute("SELECT path FROM paths")]
    sources = [json.loads(r[0])["source"]["path"] for r in con.execute("SELECT json FROM documents")]
    con.close()
    assert paths and all(p.startswith("file://" + str(archive["dir"])) for p in paths)
    assert set(sources) <= set(paths)
    again = run_index([archive["dir"].as_uri()], db)
    assert again.parsed == 0 and again.skipped == again.files - again.failed_before


def test_the_two_backends_lay_out_the_same_tables():
    """SQLite's and PostgreSQL's schemas are written in their own dialects (types, full-text
    search); the tables both hold have the same columns in the same order, so a column added
    to one and not the other fails here, not in a user's archive."""
    import regex as re

    from congvan.archive import db, pg

    def columns(ddl: str) -> dict[str, list[str]]:
        out = {}
        ddl = re.sub(r"--[^\n]*", "", ddl)  # comments
        for name, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\);", ddl, flags=re.S):
            parts = re.split(r",(?![^(]*\))", body)
            out[name] = [p.split()[0] for p in parts if p.split() and p.split()[0] not in ("PRIMARY", "UNIQUE")]
        return out

    lite, post = columns(db.SQLITE_SCHEMA), columns(pg.SCHEMA)
    shared = set(lite) & set(post)
    assert {"documents", "paths", "refs", "deadlines", "annexes", "failures", "links"} <= shared
    for table in shared - {"search"}:  # FTS5 against tsvector columns: each dialect's own
        assert lite[table] == post[table], table
