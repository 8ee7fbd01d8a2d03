"""Articles run together with furniture (issue 18's second bar set), scored line by line through the whole cleaning.

segment_eval.py builds these documents (2-6 article bodies of the development sets, real WCXB `without` snippets
and news-site pattern furniture between and inside them) but scores only the splitter on the first line roles.
This script runs newsgraph's cleaning as a user gets it (document_stories: line roles, splitting, the part model,
page-by-page roles) on the same kind of document and scores what lines_eval.py scores for run-together page
dumps: furniture removal P/R/F1, body lines kept (all, and full sentences), story count exact, Pk. Unlike a page
dump, such a document is mostly body: a body line removed costs furniture precision at once.

Three sets, each on segment_eval's training half (which train_segment.py and train_lines.py train on) and its
held-out half, whose web articles and furniture come only from pages train_lines.py never sees:
  web:    2-6 WCXB / ScrapingHub article bodies (headings, list items and short lines included);
  news:   2-6 stories of the news sets (PolNeAR's 2016 US political news and TR-News): stories on one topic, run
          together as a section page or a live page would;
  briefs: the news sets' stories cut to their first 3-8 paragraphs, 2-6 to a page.
Each held-out value is checked against a pinned floor (FLOORS); a missed floor prints a FAIL line and exits 1.

    .venv/bin/python benchmarks/articles_eval.py [--docs 200] [--halves train eval]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lines_eval as le
import scrape_pages as sp
import segment_eval as se
from _shared import DATA, missed_floors

SEED = 20261207
HALVES = ("train", "eval")
SHOWN = ("furn_P", "furn_R", "furn_F1", "body_kept", "prose_kept", "kept_short", "share_short", "stories_exact",
         "Pk")

# Held-out half with the line model of train_lines.ARTICLES (session 16; before it, at d3e16ed with the same
# documents: web furniture F1 .685, body kept .932, exact .860; news .773 / .954 / .545; briefs F1 .809, exact
# .390), fixed seeds: the same documents every run. Each floor a little below (a "min") the value in the comment:
# they stop a slide; the issue's bars (furniture F1 >= 0.90, body kept >= 0.99, story count exact >= 0.93,
# Pk <= 0.04) are above most of them.
FLOORS: dict[tuple[str, str], tuple[float, str]] = {
    # Web: 0.716 / 0.949 before roles.OUTSIDE_SHARE and lines.tab_table_rows (session 20), 0.732 / 0.954 with them
    # (P 0.646: most of what it removes wrongly is short body lines).
    ("web", "furn_F1"): (0.72, "min"),
    ("web", "body_kept"): (0.945, "min"),
    ("web", "stories_exact"): (0.83, "min"),  # 0.860
    ("news", "furn_F1"): (0.86, "min"),  # 0.883
    ("news", "body_kept"): (0.985, "min"),  # 0.994
    # 0.715 with the main splitter's gap trees (session 24, train_segment.MAIN_TREES; 0.540 before): one-topic
    # stories, mostly too few (no gap candidate).
    ("news", "stories_exact"): (0.67, "min"),
    ("briefs", "furn_F1"): (0.89, "min"),  # 0.916
    ("briefs", "stories_exact"): (0.45, "min"),  # 0.510 (100 documents; 0.460 before MAIN_TREES)
}


def unseen(page_id: str) -> bool:
    """A page the line model never trains on (scrape_pages' tuning and test parts; train_lines.py)."""
    return sp.part_of(page_id) != "train"


def documents(kind: str, half: str, count: int, seed: int) -> list[sp.RunDoc]:
    """segment_eval's synthetic documents of one kind, as lines_eval's run-together documents (no glue). The
    held-out half takes web articles and furniture only from pages the line model never saw (`unseen`)."""
    pages = unseen if half == "eval" else None
    if kind == "web":
        docs = se.make_docs(half, count, seed, pages=pages)
    elif kind == "news":
        docs = se.make_docs(half, count, seed + 1, news=True, web=False, pages=pages)
    else:
        docs = se.make_docs(half, count, seed + 2, short=1.0, news=True, web=False, pages=pages)
    return [sp.RunDoc(d.lines, [int(s is not None) for s in d.story], d.story, [], d.n_stories) for d in docs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200, help="documents per set and half (briefs: half as many)")
    ap.add_argument("--halves", nargs="+", choices=HALVES, default=HALVES)
    ap.add_argument("--segment-model", type=Path,
                    help="a story-splitting model file (benchmarks/train_segment.py --out) instead of the shipped one")
    args = ap.parse_args()
    if args.segment_model is not None:
        le.set_segment_model(args.segment_model)
    if not (DATA / "wcxb-dev-articles").exists():
        print(f"SKIP: development data not found at {DATA}")
        return 0
    got: dict[tuple[str, str], float] = {}
    t0 = time.time()
    print(f"{'set':7s} {'half':6s} {'docs':>5s} " + " ".join(f"{k:>13s}" for k in SHOWN))
    for kind in ("web", "news", "briefs"):
        for half in args.halves:
            n = args.docs // 2 if kind == "briefs" else args.docs
            s = le.score_docs(documents(kind, half, n, SEED))
            print(f"{kind:7s} {half:6s} {n:5d} " + " ".join(f"{s[k]:13.3f}" for k in SHOWN), flush=True)
            if half == "eval":
                got.update({(kind, k): s[k] for k in SHOWN})
    print(f"({time.time() - t0:.0f} s)")
    if args.docs != 200:
        print("floors not checked: they hold for the default documents (no --docs)")
        return 0
    missed = missed_floors(got, FLOORS)
    for line in missed:
        print(f"FAIL articles_eval: {line}")
    print(f"floors ({len([k for k in FLOORS if k in got])} values): "
          + ("all met" if not missed else f"{len(missed)} missed"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
