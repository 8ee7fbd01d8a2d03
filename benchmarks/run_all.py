"""Run every evaluation in benchmarks/ with its defaults (`make bench`), one after another, and say which
passed. Each script scores one stage on the public gold sets in ../shared/data (skipping when they are
absent) and prints its own numbers and bars, exiting non-zero when one misses its pinned floor; a script that
exits non-zero is reported as failed, and then run_all exits 1.

    .venv/bin/python benchmarks/run_all.py [--only segment_eval geo_eval] [--list]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Cheap stages first, so that a quick look at the output shows most numbers early.
SCRIPTS = (
    "clean_eval", "glue_eval", "html_eval", "segment_eval", "lines_eval", "articles_eval", "tool_dumps", "ner_eval",
    "quotes_eval",
    "figures_eval", "geo_eval", "place_stories_eval", "events_eval", "dedup_eval", "lang_eval", "workers_eval", "throughput",
)
# Arguments beyond a script's defaults: lines_eval checks its floors only when asked; segment_eval scores (and
# gates) the mixed sets and the pages of briefs only with --all-sets.
ARGS = {"lines_eval": ["--floors"], "tool_dumps": ["--floors"], "segment_eval": ["--all-sets"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", metavar="NAME", choices=SCRIPTS, help="run these scripts only")
    ap.add_argument("--list", action="store_true", help="list the scripts and exit")
    args = ap.parse_args()
    if args.list:
        print("\n".join(SCRIPTS))
        return 0
    results: list[tuple[str, int, float]] = []
    for name in args.only or SCRIPTS:
        print(f"\n=== {name} ===", flush=True)
        t0 = time.monotonic()
        code = subprocess.call([sys.executable, str(HERE / f"{name}.py"), *ARGS.get(name, [])], cwd=HERE.parent)
        results.append((name, code, time.monotonic() - t0))
    print("\n=== summary ===")
    for name, code, secs in results:
        print(f"  {name:14s} {'ok' if code == 0 else f'FAILED (exit {code})':18s} {secs:7.1f} s")
    failed = [name for name, code, _ in results if code]
    if failed:
        print(f"{len(failed)} failed: rerun one alone with .venv/bin/python benchmarks/<name>.py to see why")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
