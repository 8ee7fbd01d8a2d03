"""Why a text document splits as it does: each line's role, each gap's boundary probability, the page-of-briefs
chance against its gate, the candidate cuts, every step of pruning, and for each kept cut which CUT_FEATURES move
its probability most when set to another cut's values (issue 18: written to find the extra cut in the bundled
example, which the briefs' cut trees kept at .80).

    .venv/bin/python benchmarks/segment_trace.py examples/sample_scrape.txt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgraph.clean.lines import assign_roles
from newsgraph.clean.markdown import document_lines
from newsgraph.clean.regime import PAGE_FEATURES, page_features
from newsgraph.clean.segment import (
    CUT_FEATURES,
    Model,
    analyse,
    candidate_cuts,
    cut_features,
    default_model,
    load_model,
    parts_of,
    prune_cuts,
    pruning,
    settle_fragments,
)


def sensitivity(model: Model, row: list[float], other: list[float], top: int = 8) -> list[tuple[str, float, float]]:
    """The features whose value from `other` moves the cut probability of `row` most: (name, own, moved to)."""
    base = model.cut_prob(row)
    moves = []
    for i, name in enumerate(CUT_FEATURES):
        changed = list(row)
        changed[i] = other[i]
        moves.append((name, row[i], model.cut_prob(changed) - base))
    return sorted(moves, key=lambda t: -abs(t[2]))[:top]


def trace(text: str, m: Model | None = None) -> None:
    lines, _ = document_lines(text)  # as document_stories reads it (a Markdown scrape as plain text)
    assign_roles(lines)
    for i, ln in enumerate(lines):
        print(f"{i:4d} {ln.role:10s} {ln.kind or '':10s} {ln.text[:70]}")
    m = m or default_model()
    a = analyse(lines)
    if not a.rows:
        print("fewer than two content lines: one story")
        return
    probs = m.probs(a.rows)
    chance = m.brief_chance(a, probs)
    print(f"page of briefs: {chance:.3f} (gate {m.brief_gate})")
    print("  " + " ".join(f"{n}={v:.3f}" for n, v in zip(PAGE_FEATURES, page_features(a, m.page_probs(a.rows)), strict=True)))
    print("gaps: " + " ".join(f"{a.idx[k]}:{p:.3f}" for k, p in enumerate(probs, 1)))
    page, probs = m.splitter(a, probs)
    if page is m.main:
        print("main splitter (gap trees): " + " ".join(f"{a.idx[k]}:{p:.3f}" for k, p in enumerate(probs, 1)))
    cands = candidate_cuts(a, probs, page)
    print(f"candidates (content positions): {cands}; cut threshold {page.cut_threshold}")
    for doubt, kept in pruning(cands, a, probs, page):
        print(f"  least likely {doubt:.3f} among {kept}")
    cuts = prune_cuts(cands, a, probs, page)
    parts = parts_of(a, cuts)
    rows = [cut_features(probs[k - 1], parts, j) for j, k in enumerate(cuts)]
    for j, k in enumerate(cuts):
        print(f"cut before line {a.idx[k]}: {page.cut_prob(rows[j]):.3f} (outer cut trees {m.cut_prob(rows[j]):.3f})")
        for i, other in enumerate(rows):
            if i != j:
                moves = ", ".join(f"{n} {v:.3f}: {d:+.3f}" for n, v, d in sensitivity(page, rows[j], other))
                print(f"  set to the values of the cut before line {a.idx[cuts[i]]}: {moves}")
    print(f"after the third pass: {[a.idx[k] for k in settle_fragments(cuts, a, probs, page)]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--model", type=Path, help="a model file from train_segment.py --out (default: the shipped one)")
    args = ap.parse_args()
    trace(args.path.read_text("utf-8"), load_model(args.model) if args.model else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
