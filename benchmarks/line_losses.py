"""Which body lines the line-role model takes out, and what surrounds them (issue 18, "body lines kept").

For the single pages of one part (train or tune only: the test part is measured, never read), the line model's
second-pass probability of every line is computed as clean/lines.py computes it (rules first, then the model),
and the body lines at or above the model's threshold are counted by lines_eval's body_kind and by how many words
they have, and the pages that lose most are listed; --show N prints N of them with the lines around them (label,
probability, text), to see what a feature could tell them from the furniture beside them. On the tuning part's
blocks pages (model of 20dc5d5) 876 of 11,858 body lines go, 502 of them of 1-3 words, and three pages (long
checklists and lists of course names) lose 384 of the 876: the line-level figure moves with a few list pages.

    .venv/bin/python benchmarks/line_losses.py [--part tune] [--style blocks] [--show 20] [--seed 1] [--pages 10]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scrape_pages as sp
from lines_eval import body_kind


def page_probs(lines: list[str]) -> list[float]:
    """The line model's furniture probability of each line (0 where a rule already names it furniture)."""
    from newsgraph.clean.lines import classify
    from newsgraph.clean.roles import furniture_prob, load_model

    model = load_model()
    if model is None:
        return [0.0] * len(lines)
    kinds = [k if r != "body" else None for r, k in (classify(t) for t in lines)]
    probs = furniture_prob(lines, kinds, model)
    return [0.0 if k is not None else float(p) for k, p in zip(kinds, probs, strict=True)]


def _size(n_words: int) -> str:
    return "1-3" if n_words <= 3 else "4-7" if n_words <= 7 else "8-11" if n_words <= 11 else "12+"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("train", "tune"), default="tune")
    ap.add_argument("--style", choices=sp.STYLES, default="blocks")
    ap.add_argument("--show", type=int, default=0, help="print this many lost lines with their context")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--context", type=int, default=3)
    ap.add_argument("--pages", type=int, default=10, help="list this many pages that lose the most body lines")
    args = ap.parse_args()
    from newsgraph.clean.roles import load_model

    model = load_model()
    if model is None:
        print("no line model")
        return 2
    pages = [p for p in sp.load_pages(parts=(args.part,)) if p.style == args.style]
    counts: Counter = Counter()
    lost: list[tuple[sp.Page, int, list[float]]] = []
    for p in pages:
        probs = page_probs(p.lines)
        for i, y in enumerate(p.labels):
            if not y:
                continue
            kind, size = body_kind(p.lines, p.labels, i), _size(len(p.lines[i].split()))
            gone = probs[i] >= model.threshold
            counts[("n", kind)] += 1
            counts[("n", size)] += 1
            counts[("lost", kind)] += gone
            counts[("lost", size)] += gone
            if gone:
                lost.append((p, i, probs))
    total = sum(v for (a, k), v in counts.items() if a == "n" and not k[0].isdigit())
    print(f"{args.part}/{args.style}: {len(pages)} pages, {total} body lines, {len(lost)} lost at {model.threshold}")
    for key in ("broken", "after_furniture", "colon_list", "short", "sentence", "other", "1-3", "4-7", "8-11", "12+"):
        n = counts[("n", key)]
        print(f"  {key:16s} lost {counts[('lost', key)]:5d} of {n:5d} ({counts[('lost', key)] / max(n, 1):.3f})")
    by_page = Counter(p.id for p, _, _ in lost)
    for pid, n in by_page.most_common(args.pages):
        print(f"  {n:5d} lost on {pid}")
    rng = random.Random(args.seed)
    for p, i, probs in rng.sample(lost, min(args.show, len(lost))):
        print(f"\n--- {p.id} line {i} ({body_kind(p.lines, p.labels, i)})")
        for k in range(max(0, i - args.context), min(len(p.lines), i + args.context + 1)):
            mark = ">>" if k == i else "  "
            print(f"{mark} {'B' if p.labels[k] else '-'} {probs[k]:.2f} {p.lines[k][:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
