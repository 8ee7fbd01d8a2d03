"""Glued-word repair on clean text: every repair here is a false one (bar: < 1 per 100,000 words).

Runs clean.glue.repair_glue over the development sets' ground-truth text (WCXB `main_content`,
ScrapingHub `articleBody`), which a human cleaned, so a split it makes is a word, name or brand broken.
Also checks that glued tokens made on purpose from that text (a capitalised word and the next word run
together, as when a link's space is lost) are found again: the recall side.

    .venv/bin/python benchmarks/glue_eval.py [--show 30]
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def texts() -> list[str]:
    out = []
    for f in sorted(glob.glob(str(DATA / "wcxb-dev-articles" / "ground-truth" / "*.json"))):
        out.append(json.loads(Path(f).read_text("utf-8"))["ground_truth"].get("main_content") or "")
    sh = DATA / "scrapinghub-aeb" / "ground-truth.json"
    if sh.exists():
        out.extend(v.get("articleBody") or "" for v in json.loads(sh.read_text("utf-8")).values())
    return out


_PAIR = re.compile(r"\b([A-Z][a-z]{2,}) ([a-z]{2,})\b")
# A name inside a sentence (after a lowercase word or comma), as links are: not a sentence's first word.
_MID = re.compile(r".*[a-z,] $")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=30, help="print this many of the false repairs")
    args = ap.parse_args()
    if not (DATA / "wcxb-dev-articles").exists():
        print(f"SKIP: development data not found at {DATA}")
        return 0
    from newsgraph.clean.glue import doc_counts, repair_glue

    docs = texts()
    words, false = 0, Counter()
    t0 = time.process_time()
    for text in docs:
        words += len(text.split())
        ctx = doc_counts(text)
        for line in text.splitlines():
            _, reps = repair_glue(line, ctx)
            false.update(f"{r.from_} -> {r.to}" for r in reps)
    secs = time.process_time() - t0
    n_false = sum(false.values())
    print(f"glue_eval: {len(docs)} ground-truth texts, {words:,} words")
    print(f"  false repairs: {n_false} = {n_false / words * 1e5:.2f} per 100,000 words  (bar < 1)")
    print(f"  speed: {words / secs:,.0f} words/s (CPU)")
    for item, c in false.most_common(args.show):
        print(f"    {c:3d}  {item}")

    # Recall: glue a name to the next word where it stands in real text, as a dropped link space would.
    rng = random.Random(4)
    found = total = 0
    for text in docs:
        ctx = doc_counts(text)
        for m in _PAIR.finditer(text):
            if not _MID.match(text, max(0, m.start() - 3), m.start()) or rng.random() > 0.05:
                continue
            glued = m.group(1) + m.group(2)
            _, reps = repair_glue(f"We saw {glued} there.", ctx)
            total += 1
            found += any(r.to == f"{m.group(1)} {m.group(2)}" for r in reps)
    print(f"  recall on {total} mid-sentence name+word pairs from the same text, glued: {found / max(total, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
