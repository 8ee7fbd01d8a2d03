"""Is this page a page of briefs? A page-level judgement for story splitting (clean/segment.py).

The cut model (clean/parts.py) learned from whole articles that a short part unlike itself is rarely a story of
its own, so on a page of short briefs (a front page, a live page, a digest: each a few sentences) it joins true
stories: on the scrape benchmark's pages of briefs every wrong story count was too few. A page of briefs reads
differently as a whole: short parts, many likely gaps, most of them opened by a lede-shaped line (a sentence
naming someone, a place, a day, a figure), little vocabulary running across gaps. A small logistic model over
PAGE_FEATURES gives the chance that the page is one, and above its gate pruning uses a cut model trained on pages
of briefs alone (Model.brief_forest) and stops at its own cut threshold (all chosen by benchmarks/train_segment.py:
with the one cut model and a lower threshold, true brief boundaries were pruned even at 0.3, and lowering it
further cut inside briefs).
"""

from __future__ import annotations

import math

import numpy as np

from .gaps import FEATURES, Analysis
from .shape import line_marks

PAGE_FEATURES = (
    "log_lines", "log_words", "log_words_per_line", "gaps_over_10", "gaps_over_30", "gaps_over_50",
    "top_gap_mean", "lede_share", "lede_gap_share", "cont_share", "heading_share", "furniture_mean",
    "sim_short_mean", "sim_long_mean", "topic_short_mean", "new_words_mean",
)

_COL = {name: FEATURES.index(name) for name in
        ("cont_start", "head_next", "furniture", "sim_short", "sim_long", "topic_short", "new_words")}


def page_features(a: Analysis, probs: list[float]) -> list[float]:
    """PAGE_FEATURES of a document's content lines (a.rows non-empty) and its gaps' boundary probabilities."""
    rows = np.asarray(a.rows)
    p = np.asarray(probs)
    n = len(a.sizes)
    words = sum(a.sizes)
    texts = a.texts or [""] * n
    # A lede has most of the marks a news sentence can have (sentence, speech, figure, name, date).
    lede = np.array([sum(line_marks(t)) >= 3 for t in texts], dtype=float)
    top = np.sort(p)[::-1][:max(1, n // 8)]  # a page of briefs has a boundary every few lines
    likely = p >= 0.3
    return [
        math.log1p(n), math.log1p(words), math.log1p(words / n),
        float((p >= 0.1).mean()), float(likely.mean()), float((p >= 0.5).mean()),
        float(top.mean()), float(lede.mean()),
        float(lede[1:][likely].mean()) if likely.any() else 0.0,
        float(rows[:, _COL["cont_start"]].mean()), float(rows[:, _COL["head_next"]].mean()),
        float(rows[:, _COL["furniture"]].mean()), float(rows[:, _COL["sim_short"]].mean()),
        float(rows[:, _COL["sim_long"]].mean()), float(rows[:, _COL["topic_short"]].mean()),
        float(rows[:, _COL["new_words"]].mean()),
    ]


def brief_prob(a: Analysis, probs: list[float], mean: tuple[float, ...], scale: tuple[float, ...],
               coef: tuple[float, ...], intercept: float) -> float:
    """The logistic model's chance that the page is a page of briefs (0.0 with no model or no gap)."""
    if not coef or not a.rows:
        return 0.0
    z = float(((np.asarray(page_features(a, probs)) - mean) / scale) @ np.asarray(coef)) + intercept
    return 1.0 / (1.0 + math.exp(-min(max(z, -30.0), 30.0)))
