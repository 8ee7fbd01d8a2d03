"""Hostile and broken input, and crashes, as an unlucky user meets them: a table of what happened.

1. Each bad input goes through `newsgraph extract` in its own subprocess (with one good file beside it):
   the exit code, what stderr said, seconds and peak memory. Nothing may crash or hang; the good file's
   story must come out every time.
2. A loop of ingests killed with SIGKILL at random moments, then one run to the end: no duplicate, no lost
   story, and SQLite's integrity check passes.

    python benchmarks/hardening.py [--kills N] [--big-mb 100]

Exits 1 when either part breaks its rule.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOOD = ("The harbour authority in Porto Novo said on Friday that two ferries would resume service next week "
        "after repairs. Its director, Sara Mendes, told reporters the crossings were safe.")


def make_inputs(d: Path, big_mb: int) -> dict[str, Path]:
    rnd = random.Random(7)
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        p = d / name
        p.write_bytes(data)
        files[name] = p

    put("random.bin", bytes(rnd.randrange(256) for _ in range(200_000)))
    put("random.txt", bytes(rnd.randrange(256) for _ in range(50_000)))
    gz = gzip.compress(" ".join(f"{GOOD} ({i})" for i in range(3000)).encode())
    put("truncated.txt.gz", gz[: len(gz) // 2])
    put("bomb.txt.gz", gzip.compress(b"a" * (600 * 2**20), compresslevel=9))  # expands ~1000x past the cap
    put("nul.txt", (GOOD + "\x00" * 5000 + GOOD).encode())
    put("mixed.txt", GOOD.encode("utf-8") + " Café. ".encode("latin-1") + " Ærø ".encode("cp1252") + GOOD.encode())
    put("utf16-nobom.txt", GOOD.encode("utf-16-le"))
    put("utf16-bom.txt", GOOD.encode("utf-16"))
    put("oneline-big.txt", (("word " * 200_000) * (big_mb // 1 or 1)).encode()[: big_mb * 2**20])
    put("nested.html", b"<html><body>" + b"<div>" * 100_000 + GOOD.encode() + b"</div>" * 100_000 + b"</body></html>")
    put("truncated.warc.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200")[:40])
    put("empty.txt", b"")
    put("bad.jsonl", b'{"id": 1, "text": "ok story about a bridge"}\n{not json\n[1,2]\n{"id": 4}\n')
    put("script.html", f"<html><body><p>{GOOD}</p><script>alert(1)</script><p>&lt;b&gt;x</p></body></html>".encode())
    return files


def run_one(name: str, path: Path, good: Path) -> dict[str, object]:
    code = ("import resource, sys\nfrom newsgraph.cli import main\ncode = 0\ntry:\n"
            f"    main(['extract', {str(path)!r}, {str(good)!r}], standalone_mode=False)\n"
            "except SystemExit as e:\n    code = e.code or 0\n"
            "sys.stderr.write('\\nPEAK %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
            "sys.exit(code)\n")
    t0 = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=False)
        code_, out, err = res.returncode, res.stdout, res.stderr
    except subprocess.TimeoutExpired:
        code_, out, err = "TIMEOUT", "", ""
    secs = time.perf_counter() - t0
    peak = int(err.rsplit("PEAK ", 1)[1].split()[0]) / 1024 if "PEAK " in err else float("nan")
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    good_ok = any("Sara Mendes" in r["text"] for r in records)
    said = next((ln for ln in err.splitlines() if name in ln), "")
    crashed = "Traceback" in err
    return {"input": name, "exit": code_, "records": len(records), "good file ok": good_ok, "crash": crashed,
            "seconds": round(secs, 1), "peak MiB": round(peak), "said": said[:110]}


def crash_loop(kills: int, d: Path) -> dict[str, object]:
    src = d / "stories.jsonl"
    n = 1500  # long enough that every kill lands while an ingest is running
    with src.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"s{i}", "text": f"Story {i}: the council of district {i} met on day {i % 28} "
                                f"and voted {i % 7} to {i % 5} on the new bridge over the river."}) + "\n")
    db = d / "crash.db"
    cmd = [sys.executable, "-m", "newsgraph.cli", "ingest", str(src), "--db", str(db), "--commit-every", "7", "-q"]
    rnd = random.Random(11)
    survived = 0
    for _ in range(kills):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(3.0, 12.0))  # model load takes a few seconds: kills land before and during writes
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            survived += 1
        p.wait()
    final = subprocess.run(cmd, capture_output=True, text=True, check=False)
    with sqlite3.connect(db) as c:
        arts = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        srcs = c.execute("SELECT count(*) FROM article_sources").fetchone()[0]
        fts = c.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        ok = c.execute("PRAGMA integrity_check").fetchone()[0]
    return {"kills": survived, "final exit": final.returncode, "stories": arts, "expected": n, "sources": srcs,
            "fts rows": fts, "integrity": ok, "lost": n - arts, "duplicated": srcs - n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=8)
    ap.add_argument("--big-mb", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        good = d / "good.txt"
        good.write_text(GOOD, encoding="utf-8")
        rows = [run_one(name, p, good) for name, p in make_inputs(d, args.big_mb).items()]
        cols = list(rows[0])
        print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
        for r in rows:
            print("| " + " | ".join(str(r[c]).replace("|", "/") for c in cols) + " |")
        bad = [r["input"] for r in rows if r["crash"] or r["exit"] == "TIMEOUT" or not r["good file ok"]]
        print(f"\n{len(rows)} inputs, {len(rows) - len(bad)} handled; problems: {bad or 'none'}")
        loop = crash_loop(args.kills, d)
        print("\ncrash loop: " + ", ".join(f"{k} {v}" for k, v in loop.items()))
    broken = loop["final exit"] != 0 or loop["lost"] != 0 or loop["duplicated"] != 0 or loop["integrity"] != "ok"
    if bad or broken:
        print("FAIL: " + "; ".join([*(["bad input not handled: " + ", ".join(bad)] if bad else []),
                                    *(["the crash loop lost, duplicated or damaged stories"] if broken else [])]))
    return 1 if bad or broken else 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
