"""Third pass of story splitting (clean/segment.py): each short part left between cuts joins the story before
it, the one after it, or stands alone. Most wrong cuts that survive pruning split a few lines off a true
boundary (credits at an article's end, a list article's heading and intro, a story's last lines), and those
are judged best against both neighbours at once."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .gaps import FEATURES, Analysis
from .parts import Part, cut_features, logit, novel, part_bounds, parts_of
from .topics import cosine as topic_cosine

if TYPE_CHECKING:
    from .segment import Model

# Third pass, on each short part left after pruning: does it belong to the story before it, the one after
# it, or is it a story of its own? (FRAGMENT_CLASSES order.)
FRAGMENT_FEATURES = (
    "has_left", "has_right", "logit_left", "logit_right", "cut_left", "cut_right", "sim_left", "sim_right",
    "log_sim_left", "log_sim_right", "novel_left", "novel_right", "names_left", "names_right", "log_words",
    "log_lines", "rel_left", "rel_right", "head_first", "head_last", "cont_first", "dateline_first",
    "open_before", "head_after", "coh_left", "coh_right", "topic_sim_left", "topic_sim_right", "topic_coh_left",
    "topic_coh_right", "topic_coh_self",
)
FRAGMENT_CLASSES = ("keep", "left", "right")


def fragment_features(a: Analysis, probs: list[float], cuts: list[int], parts: list[Part], j: int,
                      model: Model) -> list[float]:
    """FRAGMENT_FEATURES of parts[j], bounded by cuts[j - 1] (if j > 0) and cuts[j] (if j < len(cuts))."""
    frag = parts[j]
    lo, hi = part_bounds(cuts, len(a.sizes))[j]
    left = parts[j - 1] if j > 0 else None
    right = parts[j + 1] if j + 1 < len(parts) else None

    def side(other: Part | None, k: int | None, cut_j: int) -> list[float]:
        # A missing side reads as a certain non-boundary with nothing in common, and has_* says so.
        if other is None or k is None:
            return [-8.0, 0.0, 0.0, math.log(0.01), 1.0, 0.0, -3.0, 0.0, 0.0, 0.0]
        sim = frag.similarity(other)
        names = len(frag.names & other.names) / max(1, len(frag.names | other.names))
        # By topic vectors too: a short story next to another shares no word with it, nor with itself.
        t_frag, t_other = frag.topic(), other.topic()
        t_sim = topic_cosine(t_frag, t_other) if t_frag is not None and t_other is not None else 0.0
        return [logit(probs[k - 1]), model.cut_prob(cut_features(probs[k - 1], parts, cut_j)), sim,
                math.log(sim + 0.01), novel(other, frag), names,
                math.log((frag.size + 1) / (other.size + 1)), other.coherence(), t_sim, other.topic_coherence()]

    sl = side(left, cuts[j - 1] if j > 0 else None, j - 1)
    sr = side(right, cuts[j] if j < len(cuts) else None, j)
    # The gap rows (FEATURES order) of the fragment's own cuts say how its first and last lines look.
    row_in = a.rows[lo - 1] if lo > 0 else None
    row_out = a.rows[hi - 1] if hi < len(a.sizes) else None
    f = FEATURES.index
    return [float(left is not None), float(right is not None), sl[0], sr[0], sl[1], sr[1], sl[2], sr[2],
            sl[3], sr[3], sl[4], sr[4], sl[5], sr[5], math.log1p(frag.size), math.log(hi - lo), sl[6], sr[6],
            row_in[f("head_next")] if row_in else 0.0, row_out[f("head_prev")] if row_out else 0.0,
            row_in[f("cont_start")] if row_in else 0.0, row_in[f("dateline")] if row_in else 0.0,
            row_in[f("prev_open")] if row_in else 0.0, row_out[f("head_next")] if row_out else 0.0,
            sl[7], sr[7], sl[8], sr[8], sl[9], sr[9], frag.topic_coherence()]


def settle_fragments(cuts: list[int], a: Analysis, probs: list[float], model: Model) -> list[int]:
    """Join short parts to the neighbour they belong to (a credits paragraph to its article, a list's
    heading and intro to its list), the surest first; each join changes the parts around it, so the rest
    are judged again."""
    if not model.frag_coef:
        return cuts
    cuts = list(cuts)
    while cuts:
        parts = parts_of(a, cuts)
        best: tuple[float, int] | None = None
        for j, (lo, hi) in enumerate(part_bounds(cuts, len(a.sizes))):
            if hi - lo > model.frag_max_lines:
                continue
            keep, to_left, to_right = model.frag_scores(fragment_features(a, probs, cuts, parts, j, model))
            for gain, c in ((to_left - keep, j - 1), (to_right - keep, j)):
                if 0 <= c < len(cuts) and gain > model.frag_margin and (best is None or gain > best[0]):
                    best = (gain, c)
        if best is None:
            break
        del cuts[best[1]]
    return cuts


