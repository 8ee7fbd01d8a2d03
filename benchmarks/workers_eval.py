"""`newsgraph extract` on 1 worker against 2 workers (the local process pool, src/newsgraph/workers.py), in the
same run on the same pages: wall time of each, and whether the outputs are identical byte for byte.

Pages: real HTML pages of the WCXB development set (../shared/data/wcxb-dev-articles), else ScrapingHub's
(scrapinghub-aeb), else the bundled example scrape written out as many varied text files. Each run is the
command as a user runs it (a fresh process: imports, the model, every stage), so the 2-worker time includes
starting the workers.

    .venv/bin/python benchmarks/workers_eval.py [--pages 48] [--repeat 1] [--examples]

Exit 1 when 2 workers take more than 0.65 of 1 worker's time (issue 21's bar), or when the outputs differ.
With --repeat N the runs alternate (1, 2, 1, 2, ...) and the best time of each counts, which damps the load
of other work on a shared machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import DATA, ROOT

BAR = 0.65
NEWSGRAPH = Path(sys.executable).with_name("newsgraph")


def pages(n: int, into: Path, examples: bool = False) -> str:
    """Copy n input pages into `into`; returns what they are."""
    for name in () if examples else ("wcxb-dev-articles", "scrapinghub-aeb"):
        found = sorted((DATA / name / "html").glob("*.html*"))[:n]
        if len(found) >= n:
            for p in found:
                shutil.copy(p, into / p.name)
            return f"{n} HTML pages of {name}"
    # No development data (a user's machine): the example, its paragraphs rotated and each copy numbered, so
    # that no two files are the same story. It is short (2,300 characters against a web page's 12,000) and
    # cheap to clean: ten times as many give a run of the same length as n web pages, where the pool's start
    # (~1.2 s) weighs as little (measured on 2 cores: 240 copies 0.66, 480 copies 0.58).
    n *= 10
    paras = [p for p in re.split(r"\n\s*\n", (ROOT / "examples" / "sample_scrape.txt").read_text("utf-8")) if p]
    for i in range(n):
        k = i % len(paras)
        text = "\n\n".join(paras[k:] + paras[:k])
        (into / f"{i:03d}.txt").write_text(re.sub(r"\d+", lambda m, i=i: str(int(m.group()) + i), text), "utf-8")
    return f"{n} variants of examples/sample_scrape.txt"


def run(folder: Path, workers: int) -> tuple[float, bytes, int]:
    t0 = time.perf_counter()
    done = subprocess.run([str(NEWSGRAPH), "extract", "--workers", str(workers), str(folder)], capture_output=True)
    secs = time.perf_counter() - t0
    if done.returncode not in (0, 1):  # 1: some inputs rejected, the same ones in both runs
        sys.exit(f"newsgraph extract --workers {workers} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return secs, done.stdout, done.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=48)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--examples", action="store_true", help="Use the bundled example even when the data is there.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        what = pages(args.pages, folder, args.examples)
        times: dict[int, list[float]] = {1: [], 2: []}
        outs: dict[int, set[bytes]] = {1: set(), 2: set()}
        for _ in range(args.repeat):
            for w in (1, 2):
                secs, out, _rc = run(folder, w)
                times[w].append(secs)
                outs[w].add(out)
    records = next(iter(outs[1])).count(b"\n")
    print(f"input: {what}; {records} records")
    for w in (1, 2):
        print(f"{w} worker(s): " + ", ".join(f"{t:.1f}s" for t in times[w]) + f" (best {min(times[w]):.1f}s)")
    ratio = min(times[2]) / min(times[1])
    same = len(outs[1] | outs[2]) == 1
    print(f"outputs identical: {'yes' if same else 'NO'}")
    print(f"time 2 workers / 1 worker: {ratio:.2f} (bar <= {BAR}: {'PASS' if ratio <= BAR else 'FAIL'})")
    sys.exit(0 if same and ratio <= BAR else 1)


if __name__ == "__main__":
    main()
