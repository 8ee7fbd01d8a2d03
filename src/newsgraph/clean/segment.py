"""Stories: split a document's lines into the stories it holds.

Three passes. First every gap between two content lines (body or heading) gets a probability of being a story
boundary from a small logistic model over window signals (clean/gaps.py): a dip in vocabulary similarity between
the text before and after, lexical chains, names new after the gap, furniture runs, headline-like lines,
datelines, and lines that can only continue a story. Candidate cuts are taken generously, best first, with a
minimum story size, and each may move to a close candidate that size rule shut out (shift_cuts). Then a second
model (boosted trees, clean/trees.py) judges each candidate on the whole parts it separates (clean/parts.py:
their vocabulary and name overlap, what each brings that the other lacks, their sizes, how alike each part is to
itself, whether the parts beyond them continue it, and whether each reads as a complete small story or as an item
of a list) and drops the most doubtful cut, joining its parts, until every remaining cut is likely: a subheading
or a change of angle moves a window's words, not a whole story's. Last, a third (multinomial) model looks at each
short part left between cuts and decides whether it joins the story before it, the one after it, or stands alone
(clean/fragments.py).

Two splitters share that plan. The logistic gap model's probabilities feed a page model (clean/regime.py) that
tells a page of short briefs from other pages; pages of briefs are split with the logistic gap model and cut trees
of their own, other pages by a main splitter (Model.main) whose gap model is boosted trees, with its own cut trees,
thresholds and third pass.

The weights and trees live in data/clean_segment.json, built by benchmarks/train_segment.py from synthetic
concatenations of development articles (coupled: FEATURES, CUT_FEATURES and FRAGMENT_FEATURES are the column
orders of that file).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .fragments import FRAGMENT_CLASSES, FRAGMENT_FEATURES, fragment_features, settle_fragments
from .gaps import CONTENT, FEATURES, Analysis, analyse, gap_features
from .lines import Line
from .parts import CUT_FEATURES, Part, cut_features, part_bounds, parts_between, parts_of
from .regime import PAGE_FEATURES, brief_prob, page_features
from .trees import Forest

# Re-exported: benchmarks/train_segment.py and the tests know the passes by this module.
__all__ = [
    "CONTENT",
    "CUT_FEATURES",
    "FEATURES",
    "FRAGMENT_CLASSES",
    "FRAGMENT_FEATURES",
    "PAGE_FEATURES",
    "Analysis",
    "Model",
    "Part",
    "analyse",
    "candidate_cuts",
    "choose_cuts",
    "cut_features",
    "default_model",
    "fragment_features",
    "gap_features",
    "load_model",
    "page_features",
    "part_bounds",
    "parts_of",
    "prune_cuts",
    "pruning",
    "settle_fragments",
    "shift_cuts",
    "split_stories",
    "story_starts",
]


@dataclass(frozen=True)
class Model:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # gap probability to become a candidate boundary (low: the second pass prunes)
    min_lines: int  # content lines a story needs at least
    min_words: int
    # Second pass over candidate cuts (CUT_FEATURES order): is this cut between two stories, judged on the
    # whole parts it separates? The least likely cut below cut_threshold is dropped, until none is. The
    # logistic weights serve only when there is no cut_forest (files from before the trees).
    cut_mean: tuple[float, ...] = ()
    cut_scale: tuple[float, ...] = ()
    cut_coef: tuple[float, ...] = ()
    cut_intercept: float = 0.0
    cut_threshold: float = 0.0
    # Third pass (FRAGMENT_FEATURES x FRAGMENT_CLASSES): a part of at most frag_max_lines content lines joins
    # the neighbour it most likely belongs to, when that beats keeping it by frag_margin (log odds). Empty
    # coefficients (an older file): no third pass.
    frag_mean: tuple[float, ...] = ()
    frag_scale: tuple[float, ...] = ()
    frag_coef: tuple[tuple[float, ...], ...] = ()
    frag_intercept: tuple[float, ...] = ()
    frag_max_lines: int = 0
    frag_margin: float = 0.0
    # Boosted trees over CUT_FEATURES that take the place of the cut model's logistic weights when present.
    cut_forest: Forest | None = None
    # Pages of briefs (clean/regime.py, PAGE_FEATURES): when the page model's chance is at least brief_gate,
    # stories need brief_min_words, pruning stops at brief_cut_threshold, and the third pass runs only if
    # brief_fragments (every brief is as short as a fragment). Empty coefficients: one regime.
    brief_mean: tuple[float, ...] = ()
    brief_scale: tuple[float, ...] = ()
    brief_coef: tuple[float, ...] = ()
    brief_intercept: float = 0.0
    brief_gate: float = 1.0
    brief_cut_threshold: float = 0.0
    brief_min_words: int = 0
    brief_fragments: bool = True
    # The cut model of pages of briefs: trees on the candidate cuts of pages of briefs alone. The main trees
    # learned from whole articles that a short part unlike itself rarely stands alone, and pruned true briefs
    # even at a low threshold; one threshold could not serve both kinds of page. None: the main trees.
    brief_forest: Forest | None = None
    # Boosted trees over FEATURES that take the place of the gap model's logistic weights when present
    # (benchmarks/train_segment.py, GAP_TREES there): the shipped file's main splitter has them, its own gap model
    # (pages of briefs) has none.
    gap_forest: Forest | None = None
    # The splitter of pages that are not pages of briefs, when it is not this one: its own gap trees, cut trees,
    # thresholds and third pass (benchmarks/train_segment.py, MAIN_TREES there). This model's logistic gap
    # probabilities still decide the regime, and pages of briefs are split by this model: the gap trees gained on
    # news stories run together but cut the bundled sample's three briefs into two. None: this model splits both.
    main: Model | None = None

    def probs(self, rows: list[list[float]]) -> list[float]:
        """Boundary probability of each gap."""
        return self._gap_probs(rows, self.gap_forest is not None)

    def _gap_probs(self, rows: list[list[float]], trees: bool) -> list[float]:
        if not rows:
            return []
        x = np.asarray(rows, dtype=np.float64)
        if trees and self.gap_forest is not None:
            z = self.gap_forest.logits(x)
        else:
            z = ((x - self.mean) / self.scale) @ np.asarray(self.coef) + self.intercept
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).tolist()

    def cut_prob(self, row: list[float]) -> float:
        if self.cut_forest is not None:
            return self.cut_forest.prob(row)
        if not self.cut_coef:
            return 1.0
        z = float(((np.asarray(row) - self.cut_mean) / self.cut_scale) @ np.asarray(self.cut_coef)) + self.cut_intercept
        return 1.0 / (1.0 + math.exp(-min(max(z, -30.0), 30.0)))

    def cut_probs(self, rows: list[list[float]]) -> list[float]:
        """cut_prob of each row, in one evaluation of the trees (pruning asks for a few rows at a time)."""
        if self.cut_forest is None or not rows:
            return [self.cut_prob(r) for r in rows]
        return self.cut_forest.probs(rows)

    def page_probs(self, rows: list[list[float]]) -> list[float]:
        """The logistic gap model's probabilities, which the page-of-briefs model reads even when trees propose
        the cuts: its gap-share features were designed on them, and the trees' lower, sharper probabilities
        took the bundled sample (three briefs) from .99 to .43, below the gate."""
        return self._gap_probs(rows, trees=False)

    def brief_chance(self, a: Analysis, probs: list[float]) -> float:
        """The page model's chance that the page is a page of briefs; `probs`: self.probs(a.rows)."""
        page = probs if self.gap_forest is None else self.page_probs(a.rows)
        return brief_prob(a, page, self.brief_mean, self.brief_scale, self.brief_coef, self.brief_intercept)

    def is_brief_page(self, a: Analysis, probs: list[float]) -> bool:
        return bool(self.brief_coef) and self.brief_chance(a, probs) >= self.brief_gate

    def for_briefs(self) -> Model:
        """This model as it splits a page of briefs."""
        return dataclasses.replace(self, cut_threshold=self.brief_cut_threshold, min_words=self.brief_min_words,
                                   frag_coef=self.frag_coef if self.brief_fragments else (), brief_coef=(),
                                   cut_forest=self.cut_forest if self.brief_forest is None else self.brief_forest)

    def for_page(self, a: Analysis, probs: list[float]) -> Model:
        """The model that splits this page; `probs`: self.probs(a.rows). Its own gap probabilities may differ
        (a main splitter with gap trees): splitter() gives both."""
        if self.is_brief_page(a, probs):
            return self.for_briefs()
        return self if self.main is None else self.main

    def splitter(self, a: Analysis, probs: list[float] | None = None) -> tuple[Model, list[float]]:
        """The model that splits this page and its gap probabilities; `probs`: self.probs(a.rows) when known."""
        probs = self.probs(a.rows) if probs is None else probs
        m = self.for_page(a, probs)
        return m, (m.probs(a.rows) if self.main is not None and m is self.main else probs)

    def frag_scores(self, row: list[float]) -> list[float]:
        """Log-probabilities (up to a constant) of FRAGMENT_CLASSES for one fragment row."""
        x = (np.asarray(row) - self.frag_mean) / self.frag_scale
        return (np.asarray(self.frag_coef) @ x + np.asarray(self.frag_intercept)).tolist()


MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "clean_segment.json"


@lru_cache(maxsize=1)
def default_model() -> Model:
    return load_model(MODEL_FILE)


def load_model(path: Path) -> Model:
    """A boundary model file written by benchmarks/train_segment.py."""
    return _load(json.loads(Path(path).read_text("utf-8")), path)


def _load(raw: dict, path: Path) -> Model:
    if tuple(raw["features"]) != FEATURES or tuple(raw["cut_features"]) != CUT_FEATURES:
        raise RuntimeError(f"{path} does not match segment.FEATURES / CUT_FEATURES: rebuild it "
                           "with benchmarks/train_segment.py")
    m = Model(tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["coef"]), raw["intercept"], raw["threshold"],
              raw["min_lines"], raw["min_words"], tuple(raw["cut_mean"]), tuple(raw["cut_scale"]),
              tuple(raw["cut_coef"]), raw["cut_intercept"], raw["cut_threshold"],
              *_fragment_fields(raw, path),
              cut_forest=Forest.from_json(raw["cut_forest"]) if "cut_forest" in raw else None,
              **_brief_fields(raw, path))
    if "gap_forest" in raw:
        m = dataclasses.replace(m, gap_forest=Forest.from_json(raw["gap_forest"]))
    return dataclasses.replace(m, main=_load(raw["main"], path)) if "main" in raw else m


def _brief_fields(raw: dict, path: Path) -> dict:
    if "brief_coef" not in raw:  # a file from before the page-of-briefs regime
        return {}
    if tuple(raw["page_features"]) != PAGE_FEATURES:
        raise RuntimeError(f"{path} does not match regime.PAGE_FEATURES: rebuild it with benchmarks/train_segment.py")
    return {"brief_mean": tuple(raw["brief_mean"]), "brief_scale": tuple(raw["brief_scale"]),
            "brief_coef": tuple(raw["brief_coef"]), "brief_intercept": raw["brief_intercept"],
            "brief_gate": raw["brief_gate"], "brief_cut_threshold": raw["brief_cut_threshold"],
            "brief_min_words": raw["brief_min_words"], "brief_fragments": raw["brief_fragments"],
            "brief_forest": Forest.from_json(raw["brief_forest"]) if "brief_forest" in raw else None}


def _fragment_fields(raw: dict, path: Path) -> tuple:
    if "frag_coef" not in raw:  # a file from before the third pass
        return (), (), (), (), 0, 0.0
    if tuple(raw["frag_features"]) != FRAGMENT_FEATURES:
        raise RuntimeError(f"{path} does not match segment.FRAGMENT_FEATURES: rebuild it with "
                           "benchmarks/train_segment.py")
    return (tuple(raw["frag_mean"]), tuple(raw["frag_scale"]), tuple(tuple(r) for r in raw["frag_coef"]),
            tuple(raw["frag_intercept"]), raw["frag_max_lines"], raw["frag_margin"])


def choose_cuts(probs: list[float], sizes: list[int], model: Model) -> list[int]:
    """Candidate gaps (1-based content-line positions): best first, every story keeping its minimum size."""
    n = len(sizes)
    prefix = [0]
    for s in sizes:
        prefix.append(prefix[-1] + s)
    cuts: list[int] = []
    for p, k in sorted(((p, k + 1) for k, p in enumerate(probs)), reverse=True):
        if p < model.threshold:
            break
        lo = max((c for c in cuts if c < k), default=0)
        hi = min((c for c in cuts if c > k), default=n)
        if min(k - lo, hi - k) < model.min_lines:
            continue
        if min(prefix[k] - prefix[lo], prefix[hi] - prefix[k]) < model.min_words:
            continue
        cuts.append(k)
    return sorted(cuts)



def candidate_cuts(a: Analysis, probs: list[float], model: Model) -> list[int]:
    """The cuts pruning starts from: choose_cuts' candidates, each moved to its best close rival (shift_cuts)."""
    return shift_cuts(choose_cuts(probs, a.sizes, model), a, probs, model)[0]


def shift_cuts(cuts: list[int], a: Analysis, probs: list[float], model: Model) -> tuple[list[int], list[Part]]:
    """Each candidate cut moved to a rival candidate that choose_cuts skipped only because it lay too close to
    this cut, when the cut model rates the parts the rival makes higher. The gap model sees a window: after a
    photo credit or a promotion line it can rate a story's last paragraph a little above the next story's lede,
    and the better-ranked candidate then shuts the true one out for good. Also the parts the cuts make, for
    pruning to start from."""
    cuts = list(cuts)
    parts = parts_of(a, cuts)
    if not cuts or (model.cut_forest is None and not model.cut_coef):
        return cuts, parts
    n = len(a.sizes)
    prefix = list(itertools.accumulate(a.sizes, initial=0))
    for j, c in enumerate(cuts):
        lo = cuts[j - 1] if j else 0
        hi = cuts[j + 1] if j + 1 < len(cuts) else n
        # A rival keeps the minimum size against the neighbouring cuts but not against this one.
        rivals = [k for k in range(lo + model.min_lines, hi - model.min_lines + 1)
                  if k != c and probs[k - 1] >= model.threshold
                  and min(prefix[k] - prefix[lo], prefix[hi] - prefix[k]) >= model.min_words
                  and (abs(k - c) < model.min_lines or prefix[max(k, c)] - prefix[min(k, c)] < model.min_words)]
        if not rivals:
            continue
        # The parts beyond the two this cut separates stay as they are (cut_features reads one each side).
        options: list[tuple[int, Part, Part]] = [(c, parts[j], parts[j + 1])]
        for k in rivals:
            left, right = parts_between(a, [lo, k, hi])
            options.append((k, left, right))
        ps = model.cut_probs([cut_features(probs[k - 1], [*parts[max(0, j - 1):j], left, right, *parts[j + 2:j + 3]],
                                           min(j, 1)) for k, left, right in options])
        cuts[j], parts[j], parts[j + 1] = options[max(range(len(options)), key=ps.__getitem__)]
    return cuts, parts


def prune_cuts(cuts: list[int], a: Analysis, probs: list[float], model: Model,
               parts: list[Part] | None = None) -> list[int]:
    """Drop candidate cuts that the second pass doubts, least likely first; a dropped cut joins its two
    parts, so its neighbours are judged again on the joined text."""
    for doubt, kept in pruning(cuts, a, probs, model, parts):
        if doubt >= model.cut_threshold:
            return kept
    return []


def pruning(cuts: list[int], a: Analysis, probs: list[float], model: Model,
            parts: list[Part] | None = None) -> Iterator[tuple[float, list[int]]]:
    """Every state of pruning down to no cut: the least likely remaining cut's probability (1.0 once none is
    left) and the cuts kept. The order of drops does not depend on cut_threshold, which only says where to
    stop, so one run serves every threshold (benchmarks/train_segment.py tunes it so)."""
    cuts = list(cuts)
    parts = parts_of(a, cuts) if parts is None else list(parts)
    ps = model.cut_probs([cut_features(probs[k - 1], parts, j) for j, k in enumerate(cuts)])
    while cuts:
        j = min(range(len(ps)), key=ps.__getitem__)
        yield ps[j], list(cuts)
        del cuts[j], ps[j]
        parts[j:j + 2] = [parts[j] + parts[j + 1]]
        # Both neighbours' parts changed, and so did the parts next to theirs.
        near = range(max(0, j - 2), min(len(cuts), j + 2))
        ps[near.start:near.stop] = model.cut_probs([cut_features(probs[cuts[i] - 1], parts, i) for i in near])
    yield 1.0, []



def story_starts(a: Analysis, model: Model, probs: list[float] | None = None) -> list[int]:
    """Content-line positions (1..n-1) where a new story starts. `probs`: the gaps' boundary
    probabilities when already known (model.probs(a.rows))."""
    if not a.rows:
        return []
    model, probs = model.splitter(a, probs)
    cuts, parts = shift_cuts(choose_cuts(probs, a.sizes, model), a, probs, model)
    cuts = prune_cuts(cuts, a, probs, model, parts)
    return settle_fragments(cuts, a, probs, model)


MAX_BLOCK = 2000  # content lines analysed at once: memory grows with lines x vocabulary


def split_stories(lines: list[Line], model: Model | None = None) -> list[list[Line]]:
    """The stories of a document, each a run of its lines; furniture between two stories stays with the first."""
    if not lines:
        return []
    content = [i for i, ln in enumerate(lines) if ln.role in CONTENT]
    if len(content) > MAX_BLOCK:
        # A huge document is split block by block; a block's first part continues the story before it.
        out: list[list[Line]] = []
        starts = [0, *(content[b] for b in range(MAX_BLOCK, len(content), MAX_BLOCK)), len(lines)]
        for lo, hi in itertools.pairwise(starts):
            groups = _split(lines[lo:hi], model or default_model())
            if out and groups:
                out[-1].extend(groups.pop(0))
            out.extend(groups)
        return out
    return _split(lines, model or default_model())


def _split(lines: list[Line], model: Model) -> list[list[Line]]:
    a = analyse(lines)
    out: list[list[Line]] = []
    prev = 0
    for k in story_starts(a, model):
        out.append(lines[prev:a.idx[k]])
        prev = a.idx[k]
    out.append(lines[prev:])
    return out
