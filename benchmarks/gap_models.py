"""The splitter's first pass alone: the logistic gap model against boosted trees (train_segment.py --gap-trees).

Both are fitted on the gap rows train_segment.py trains the gap model on (1,000 synthetic documents of the
training half, its pages of briefs and real page dumps), then scored on segment_eval's held-out half: how many of
the true story boundaries are among the candidates, with as many candidates as the logistic model gives at the
candidate threshold (a boundary that is not a candidate can never be cut). Session 22: news stories run together
.827 -> .903, pages of briefs .958 -> .983, web articles .991 -> .988; session 23, the trees without sim_short
(train_segment.GAP_TREES_WITHOUT): .893, .973, .987 (train_segment.py's GAP_TREES comment holds
what the whole retrained splitter did). Also each gap's probability in examples/sample_scrape.txt.

    .venv/bin/python benchmarks/gap_models.py [--without]   # no feature left out: session 22's trees
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_segment as ts
from newsgraph.clean.lines import assign_roles, split_lines
from newsgraph.clean.markdown import plain_lines
from newsgraph.clean.segment import analyse
from segment_dumps import dump_docs
from segment_eval import DATA, brief_docs, doc_lines, make_docs

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_scrape.txt"


def rows(docs: list) -> tuple[np.ndarray, np.ndarray]:
    """Gap rows (segment.FEATURES) and boundary labels of documents, as train_segment.py makes them."""
    xs: list[list[float]] = []
    ys: list[int] = []
    for doc in docs:
        lines = doc_lines(doc)
        an = analyse(lines)
        xs.extend(an.rows)
        ys.extend(ts.gap_labels(doc, lines, an.idx))
    return np.array(xs), np.array(ys)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--without", nargs="*", default=list(ts.GAP_TREES_WITHOUT), metavar="FEATURE",
                    help="gap features the trees never split on (default train_segment.GAP_TREES_WITHOUT; none: "
                         "session 22's trees)")
    without = tuple(ap.parse_args().without)
    if not (DATA / "wcxb-dev-articles").exists():
        print(f"SKIP gap_models: development data not found at {DATA}")
        return 0
    train = (make_docs("train", 1000, ts.SEED, sizes=(1, 2, 3, 4, 5, 6), short=ts.SHORT, news=True)
             + ts.training_briefs(1000, ts.SEED + 8, (ts.BRIEFS, ts.NEWS_BRIEFS), False)
             + dump_docs("train", int(1000 * ts.DUMPS), ts.SEED + 40))
    x, y = rows(train)
    print(f"training gaps: {len(y):,}, {int(y.sum()):,} boundaries")
    mean, scale, lr = ts._fit(x, y)
    trees = ts.fit_gap_trees(x, y, without)

    def models(xe: np.ndarray) -> dict[str, np.ndarray]:
        return {"logistic": lr.predict_proba((xe - mean) / scale)[:, 1], "trees": trees.predict_proba(xe)[:, 1]}

    sets = {"web articles": make_docs("eval", 400, 99), "news run together": make_docs("eval", 300, 101, news=True,
                                                                                       web=False),
            "pages of briefs": brief_docs("eval", 300, 103)}
    print(f"held-out half: true boundaries among as many candidates as the logistic model gives at "
          f"{ts.CANDIDATE_THRESHOLD}")
    for name, docs in sets.items():
        xe, ye = rows(docs)
        probs = models(xe)
        n = int((probs["logistic"] >= ts.CANDIDATE_THRESHOLD).sum())
        got = {k: ye[np.argsort(-p)[:n]].sum() / ye.sum() for k, p in probs.items()}
        print(f"  {name:18s} {int(ye.sum()):5d} boundaries, {n:5d} candidates: "
              + ", ".join(f"{k} {v:.3f}" for k, v in got.items()))
    lines, _ = plain_lines(split_lines(SAMPLE.read_text("utf-8")))
    assign_roles(lines)
    an = analyse(lines)
    probs = models(np.array(an.rows))
    print(f"{SAMPLE.name}: each gap's probability (the line after it), logistic / trees")
    for k in range(1, len(an.idx)):
        print(f"  line {an.idx[k]:3d}: {probs['logistic'][k - 1]:.3f} / {probs['trees'][k - 1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
