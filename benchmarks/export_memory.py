"""Peak memory of `newsgraph export` on stores of 10,000 and 100,000 stories: it must stay flat.

The stores are built from synthetic records straight through the store API (no spaCy), each story a
recombination of invented sentences, so the size is real and the build takes a couple of minutes.

    python benchmarks/export_memory.py [--large 100000] [--formats parquet,jsonl,csv,gkg]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.model import Actor, Article, Entity, Event, Figure, Place, Quote, Source
from newsgraph.store import SQLiteStore

SENTENCES = [
    "The council of {town} voted on a plan for the new bridge on {day}.",
    "{person} said the river had risen by two metres overnight.",
    "At least {n} people were injured when the old market roof fell.",
    "Police arrested {n} men after clashes near the station.",
    "Residents of {town} told reporters the water was still rising.",
    "The ministry promised {n} million in aid for the harvest.",
    "Thousands marched through the centre of {town} on {day}.",
]
TOWNS = ["Tampere", "Porto", "Dakar", "Quito", "Hanoi", "Bergen", "Lima", "Manila"]
PEOPLE = ["Ana Lind", "Tomas Reyes", "Aiko Tanaka", "Omar Haddad", "Lena Virtanen"]


def record(i: int, rnd: random.Random) -> Article:
    town, person = rnd.choice(TOWNS), rnd.choice(PEOPLE)
    text = " ".join(s.format(town=town, person=person, n=rnd.randint(2, 900), day=f"day {i}")
                    for s in rnd.sample(SENTENCES, 5))
    a = Article(id=f"s{i:07d}", source=Source(f"https://news.example/{i}"), text=text, title=f"Story {i}",
                published=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}")
    a.entities = [Entity(f"p-{person}", person, "PERSON", [(0, 4)]), Entity(f"g-{town}", town, "GPE", [(5, 9)])]
    a.quotes = [Quote("the river had risen", (10, 29), "indirect", person, f"p-{person}", (0, 4), "said")]
    a.figures = [Figure("At least 5 people", (30, 47), "injured", "at_least", value=5.0)]
    a.places = [Place(f"geo:{hash(town) % 10**6}", town, "FI", 61.5, 23.8, [(5, 9)], 1, None, "city")]
    a.events = [Event(f"e{i}", "PROTEST", (0, 40), actor=Actor("residents"), place=a.places[0].id,
                      date=a.published)]
    return a


def build(path: Path, n: int) -> float:
    rnd = random.Random(n)
    t0 = time.perf_counter()
    with SQLiteStore(path) as db:
        for k in range(0, n, 1000):
            db.add([record(i, rnd) for i in range(k, min(n, k + 1000))])
    return time.perf_counter() - t0


def subset(src: Path, dst: Path, n: int) -> Path:
    import shutil
    import sqlite3

    shutil.copyfile(src, dst)
    c = sqlite3.connect(dst)
    c.execute("PRAGMA foreign_keys=ON")
    c.execute("CREATE TEMP TABLE keep AS SELECT id FROM articles ORDER BY id LIMIT ?", (n,))
    c.execute("DELETE FROM articles_fts WHERE article_id NOT IN (SELECT id FROM keep)")
    c.execute("DELETE FROM articles WHERE id NOT IN (SELECT id FROM keep)")
    c.commit()
    c.close()
    return dst


def export_peak(db: Path, fmt: str, out: Path) -> tuple[float, float]:
    code = ("import resource, sys\nfrom newsgraph.cli import main\ntry:\n"
            f"    main(['export', '--db', '{db}', '--format', '{fmt}', '--out', '{out}', '-q'], standalone_mode=False)\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write('\\nPEAK ' + str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n")
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    peak = int(res.stderr.rsplit("PEAK ", 1)[1]) / 1024
    return peak, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--formats", default="parquet,jsonl,csv,gkg,events")
    ap.add_argument("--large-db", default=None,
                    help="an existing store to use as the large one (e.g. the web benchmark's 100,000 stories)")
    args = ap.parse_args()
    small = args.large // 10
    with tempfile.TemporaryDirectory() as d:
        dbs = {}
        if args.large_db:
            # the small store is the large one's first tenth: the same kind of stories, so only size differs
            dbs[small] = subset(Path(args.large_db), Path(d) / "small.db", small)
            print(f"made a store of its first {small:,} stories")
        for n in (small, args.large):
            if n in dbs:
                continue
            if n == args.large and args.large_db:
                dbs[n] = Path(args.large_db)
                with SQLiteStore(dbs[n]) as s:
                    got = s.stats()["articles"]
                print(f"using {args.large_db}: {got:,} stories")
                continue
            dbs[n] = Path(d) / f"s{n}.db"
            print(f"built a store of {n:,} stories in {build(dbs[n], n):.0f}s")
        for fmt in args.formats.split(","):
            peaks = {}
            for n, db in dbs.items():
                out = Path(d) / f"out-{fmt}-{n}" / ("x" if fmt in ("parquet", "csv") else "x.out")
                out.parent.mkdir(parents=True, exist_ok=True)
                peaks[n] = export_peak(db, fmt, out)
            (a, ta), (b, tb) = peaks[small], peaks[args.large]
            print(f"{fmt:8} peak {a:.0f} MiB for {small:,} ({ta:.0f}s), {b:.0f} MiB for {args.large:,} ({tb:.0f}s): "
                  f"{100 * (b / a - 1):+.1f}% ({'flat' if b <= a * 1.10 else 'GROWS'})")


if __name__ == "__main__":
    main()
