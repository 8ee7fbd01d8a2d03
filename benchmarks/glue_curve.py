"""How well the shipped English glue model ranks, apart from where its thresholds fall: recall on
benchmarks/glue_eval.py's inserted glue when the thresholds (capitalised and inner capitals; lowercase) are
set on the part itself to let through n false splits of its clean text, for a few n. An oracle: it reads
the part it scores, so it compares models and never sets a threshold. train_glue.py's budget lets only 2
false splits through on the tune part out of fold, so the shipped thresholds hang on one or two clean
tokens, and glue_eval's figures move with them more than with the ranking.

    .venv/bin/python benchmarks/glue_curve.py [--part measure|tune]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import glue_eval as ge
from newsgraph.clean.glue import ENGLISH, WHOLE_MAX, _kind, doc_counts, position, score_splits

COUNTS = (2, 4, 6, 8, 12, 16)  # false splits; the measure part's 1 per 100,000 words is about 8


def best(token: str, ctx, where: tuple[int, int]) -> tuple[float, str]:
    """The best split's probability and text ("" when the token has no candidate); `where`: its position."""
    if len(token) < 4 or ENGLISH.freq(token) >= WHOLE_MAX:
        return 0.0, ""
    s = score_splits(token, ctx, where)
    return (s[0][0], f"{s[0][1]} {s[0][2]}") if s else (0.0, "")


def scores(part: str) -> tuple[list[tuple[float, bool]], list[tuple[float, bool]]]:
    """(probability, lowercase?) of every clean token's best split, and of every inserted glue's right
    split when it is the best (-1 when not: never found)."""
    neg: list[tuple[float, bool]] = []
    pos: list[tuple[float, bool]] = []
    for page_id, text in ge.pages():
        if ge.part_of(page_id) != part:
            continue
        ctx = doc_counts(text, "en")
        neg += [(best(m.group(0), ctx, position(text, m.start(), m.end()))[0], _kind(m.group(0)) == 2)
                for m in ENGLISH.token.finditer(text)]
        if not ge.is_english(text):
            continue
        glued, glues = ge.insert_glue(text, random.Random(f"{ge.SEED}/{page_id}"))  # glue_eval's glue
        gctx = doc_counts(glued, "en")
        for line, g in ((line, g) for line, gs in zip(glued.split("\n"), glues, strict=True) for g in gs):
            p, split = best(g.token, gctx, position(line, g.at, g.at + len(g.token)))
            pos.append((p if split == g.fixed else -1.0, _kind(g.token) == 2))
    return neg, pos


def recall_at(neg: list[tuple[float, bool]], pos: list[tuple[float, bool]], n: int) -> float:
    """The most glue found with n clean tokens let through, shared between the two kinds as suits best."""
    cuts = [np.sort([p for p, low in neg if low == k and p > 0.0])[::-1] for k in (False, True)]
    found = [np.array([p for p, low in pos if low == k]) for k in (False, True)]

    def hits(k: int, m: int) -> int:
        return int((found[k] > (cuts[k][m] if m < len(cuts[k]) else 0.0)).sum())

    return max(hits(0, a) + hits(1, n - a) for a in range(n + 1)) / max(1, len(pos))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("tune", "measure"), default="measure")
    args = ap.parse_args()
    if not (ge.DATA / "wcxb-dev-articles").exists():
        print(f"SKIP: development data not found at {ge.DATA}")
        return 0
    neg, pos = scores(args.part)
    print(f"glue_curve [{args.part} part]: {len(pos)} inserted glues; recall at n false splits of clean text:")
    print("  " + ", ".join(f"{n}: {recall_at(neg, pos, n):.3f}" for n in COUNTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
