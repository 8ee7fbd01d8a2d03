"""Cleaning's speed on real pages run together (issue 18's bar: cleaning and splitting under 10% of spaCy's time).

Each part's first N run-together documents of lines_eval.py (2-5 development pages of different sites, furniture
and glue included) are cleaned by document_stories, and spaCy (NER and parser) parses the stories it gives and,
separately, the documents as they came: the bar's "the same text" may mean either, and a dump's furniture lines
cost spaCy more per word than the stories do (session 25, 60 documents: tune 9.6-10.6% of spaCy's time on the
stories, 6.6-7.5% on the documents; test 12.6-13.9% and 7.6-8.1%). CPU time, both sides warmed first
(_shared.cleaning_share), cleaning's caches cold for the timed documents. Printed, not gated: a speed ratio on a
shared 2-core machine moves by about 10% between runs. lines_eval.py --spacy N runs it before scoring.

    .venv/bin/python benchmarks/runs_speed.py [--parts tune test] [--docs 60] [--profile]

--profile: instead of timing, where cleaning spends its time on the same documents (clean_eval's steps).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scrape_pages as sp
from _shared import cleaning_share, warm_cleaning

PARTS = ("train", "tune", "test")


def _warm_texts(parts: tuple[str, ...]) -> list[str]:
    """Three run-together documents of the training part (of the tuning part when the training part is measured)."""
    from lines_eval import SEED, make_runs

    warm_part = "train" if "train" not in parts else "tune"
    return ["\n".join(d.lines) for d in make_runs(sp.load_pages(parts=(warm_part,)), 3, SEED + 7)]


def print_speed(parts: tuple[str, ...], n: int) -> None:
    """Cleaning's CPU time as a share of spaCy's on each part's first `n` run-together documents (warmed on
    _warm_texts)."""
    from lines_eval import make_runs
    from newsgraph import nlp as nlp_mod

    warm = _warm_texts(parts)
    print("\nspeed, run-together documents (CPU; bar: cleaning under 10% of spaCy's time):")
    for part in parts:
        texts = ["\n".join(d.lines) for d in make_runs(sp.load_pages(parts=(part,)), n)]
        clean_s, spacy_s, words = cleaning_share(texts, warm)
        t0 = time.process_time()
        for _ in nlp_mod.load(None, needs=("ner", "parser")).pipe(texts, batch_size=32):
            pass
        raw_s = time.process_time() - t0
        print(f"  {part}: {len(texts)} documents, {words:,} words kept: document_stories {clean_s:.2f} s; nlp.pipe "
              f"on the stories {spacy_s:.2f} s = {clean_s / spacy_s:.1%} of spaCy, on the documents {raw_s:.2f} s = "
              f"{clean_s / raw_s:.1%}")


def print_profile(parts: tuple[str, ...], n: int) -> None:
    """clean_eval's step shares of cleaning's time over each part's first `n` run-together documents."""
    from clean_eval import profile
    from lines_eval import make_runs
    from newsgraph.sources.base import Document

    warm_cleaning(_warm_texts(parts))  # the models loaded first, as in print_speed
    for part in parts:
        docs = [Document(uri=f"runs/{part}/{i}", format="text", text="\n".join(d.lines))
                for i, d in enumerate(make_runs(sp.load_pages(parts=(part,)), n))]
        print(f"{part}:")
        profile(docs, rounds=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", nargs="+", choices=PARTS, default=("tune", "test"))
    ap.add_argument("--docs", type=int, default=60, help="run-together documents timed per part (default 60)")
    ap.add_argument("--profile", action="store_true",
                    help="print the share of cleaning's time in each step instead of timing against spaCy")
    args = ap.parse_args()
    if not sp.WCXB.exists() and not sp.AEB.exists():
        print(f"SKIP runs_speed: {sp.DATA} not found (the shared development data is not beside the project)")
        return 0
    parts = tuple(p for p in PARTS if p in args.parts)
    if args.profile:
        print_profile(parts, args.docs)
    else:
        print_speed(parts, args.docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
