"""Build src/newsgraph/data/clean_joins.json: which neighbouring lines of a dump are one block broken apart
(clean/joins.py).

Pairs come from benchmarks/tool_dumps.py's dumps of the development pages' training part:
- "soup" dumps (BeautifulSoup's get_text("\\n"): a line per text node), each pair labelled 1 when both lines lie in
  one line of the same page's html-text dump (a block: align()), else 0;
- html-text dumps, every pair 0 (a line per block already), so the model also learns where not to join.
The trees are fitted on the training part; the tuning part's pairs are printed as precision and recall at a few
thresholds. THRESHOLD was chosen end to end on the tuning part (tool_dumps single pages of every style); the test
part is only measured there. Needs scikit-learn (the `events` extra) and tool_dumps' tools (the dev extra).

    .venv/bin/python benchmarks/train_joins.py [--no-write]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scrape_pages as sp
import tool_dumps as td
from newsgraph.clean.joins import FEATURES, doc_features, pair_row
from newsgraph.clean.trees import Forest

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "clean_joins.json"
# Tuning part, tool_dumps single pages (word F1 / leak / body lines kept), with no joins -> 0.9 -> 0.7:
# soup .900/.080/.887 -> .912/.071/.934 -> .914/.078/.950; blocks .911/.069/.933 -> .911/.073/.936 -> .911/.075/.939;
# html-text .905/.107/.909 -> .905/.109/.909 -> .904/.109/.909; inscriptis .902/.089/.917 -> same -> .904/.093/.918.
THRESHOLD = 0.7
_WS = re.compile(r"\s+")
LOOK_AHEAD = 40  # html-text lines searched for the next soup line (a block the soup dump left out is skipped)


def align(pieces: list[str], blocks: list[str]) -> list[int | None]:
    """Per line of `pieces` after the first: 1 when it lies in the same line of `blocks` as the one before, 0 when
    not, None when either could not be found. Both are dumps of one page; whitespace is ignored."""
    flat = [_WS.sub("", b) for b in blocks]
    j, pos = 0, 0
    where: list[int | None] = []
    for piece in pieces:
        t = _WS.sub("", piece)
        found = None
        for jj in range(j, min(j + LOOK_AHEAD, len(flat))):
            k = flat[jj].find(t, pos if jj == j else 0) if t else -1
            if k >= 0:
                found = (jj, k + len(t))
                break
        if found is None:
            where.append(None)
            continue
        j, pos = found
        where.append(j)
    return [None if a is None or b is None else int(a == b) for a, b in itertools.pairwise(where)]


def rows(part: str) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of the part's soup and html-text pairs."""
    by_id: dict[str, dict[str, sp.Page]] = {}
    for p in td.load((part,)):
        by_id.setdefault(p.id, {})[p.style] = p
    xs: list[list[float]] = []
    ys: list[int] = []
    for styles in by_id.values():
        if "soup" not in styles or "html_text" not in styles:
            continue
        soup, html = styles["soup"].lines, styles["html_text"].lines
        for lines, labels in ((soup, align(soup, html)), (html, [0] * (len(html) - 1))):
            doc = doc_features(lines)
            for a, b, y in zip(lines, lines[1:], labels, strict=False):
                if y is not None:
                    xs.append(pair_row(a, b, doc))
                    ys.append(y)
    return np.array(xs), np.array(ys)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="print the scores, leave the model file alone")
    args = ap.parse_args()
    if not sp.WCXB.exists() and not sp.AEB.exists():
        print(f"SKIP: no development pages under {sp.DATA}")
        return 0
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y = rows("train")
    clf = HistGradientBoostingClassifier(max_iter=150, max_depth=4, learning_rate=0.1, min_samples_leaf=40,
                                         random_state=0).fit(x, y)
    forest = Forest.from_hist(clf)
    print(f"train_joins: {len(y):,} training pairs, {y.mean():.2f} joined")
    xt, yt = rows("tune")
    p = 1.0 / (1.0 + np.exp(-forest.logits(xt)))
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        tp, fp, fn = int(((p >= t) & (yt == 1)).sum()), int(((p >= t) & (yt == 0)).sum()), int(((p < t) & (yt == 1)).sum())
        print(f"  tune pairs at {t:.1f}: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}")
    if not args.no_write:
        OUT.write_text(json.dumps({"about": "line joins: benchmarks/train_joins.py", "features": list(FEATURES),
                                   "threshold": THRESHOLD, "forest": forest.to_json()}, separators=(",", ":")) + "\n",
                       "utf-8")
        print(f"  wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
