"""Second pass of story splitting (clean/segment.py): what is known of the text between two candidate cuts
(a Part), and the evidence on a cut judged on the whole parts it separates (CUT_FEATURES order)."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .gaps import Analysis
from .shape import MARKS, line_marks
from .topics import cosine as topic_cosine
from .topics import halves
from .words import rarity

CUT_FEATURES = (
    "gap_logit", "part_sim", "names_jaccard", "len_left", "len_right", "len_min", "new_right", "new_left",
    "names_shared", "sim_x_len", "new_x_len", "jaccard_x_len", "coh_left", "coh_right", "coh_drop",
    "skip_sim", "skip_gain", "log_sim", "log_kept_right", "log_kept_left",
    *(f"{m}_{side}" for side in ("left", "right") for m in (*MARKS, "lede")),
    "n_names_left", "n_names_right", "topic_sim", "topic_coh_left", "topic_coh_right", "topic_drop",
)
# Tried (session 23): the non-content lines between the parts (log1p, the gap row's "furniture") as a cut feature,
# a learned page break. Retrained: lines_eval runs exact train/tune/test .773/.767/.780 -> .773/.760/.820 (three
# test draws .744 -> .773), but articles_eval eval web/news .875/.540 -> .865/.530, segment_eval held-out multi
# 88.8 -> 86.2%, and examples/sample_scrape.txt came out as 4 stories. Not kept.


@dataclass
class Part:
    """What the second pass knows of the text between two cuts: its words (all and by line), names and size."""

    words: Counter[str]
    names: set[str]
    size: int
    lines: list[list[str]]  # each line's topical words
    marks: tuple[float, ...] = (0.0,) * len(MARKS)  # lines with each of shape.MARKS
    first: tuple[float, ...] = (0.0,) * len(MARKS)  # shape.MARKS of the first line
    topics: np.ndarray | None = None  # each line's topic vector (clean/topics.py)
    # Coherences and the topic sum, once per part: pruning judges each part beside both its neighbours.
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __add__(self, other: Part) -> Part:
        topics = None if self.topics is None or other.topics is None else np.vstack((self.topics, other.topics))
        # Counter's + looks up every word of one side in the other through __missing__; a copy updated with
        # the other's counts is the same Counter (the same words, counts and order: none is below 1).
        words = Counter(self.words)
        words.update(other.words)
        joined = Part(words, self.names | other.names, self.size + other.size,
                      self.lines + other.lines, tuple(a + b for a, b in zip(self.marks, other.marks, strict=True)),
                      self.first, topics)
        if "terms" in self._memo and "terms" in other._memo:
            joined._memo["weights"], joined._memo["terms"] = self._joined_weights(other, words)
        return joined

    def _joined_weights(self, other: Part, words: Counter[str]) -> tuple[Weights, dict[str, float]]:
        """weights() of the joined words from both parts' kept weights: only the words both use change their
        log count, and every term stays in the joined words' order (pruning joins parts of hundreds of words)."""
        (tf_a, r2_a, _), (tf_b, r2_b, _) = self.weights(), other.weights()
        tf, r2 = {**tf_a, **tf_b}, {**r2_a, **r2_b}
        terms: dict[str, float] = {**self._memo["terms"], **other._memo["terms"]}  # type: ignore[dict-item]
        for w in self.words.keys() & other.words.keys():
            t = _tf(words[w])
            tf[w], terms[w] = t, (t * rarity(w)) ** 2
        return (tf, r2, math.sqrt(sum(terms.values()))), terms

    def topic(self) -> np.ndarray | None:
        """The part's topic vector (the sum of its lines')."""
        if "topic" not in self._memo:
            self._memo["topic"] = None if self.topics is None else self.topics.sum(axis=0)
        return self._memo["topic"]  # type: ignore[return-value]

    def topic_coherence(self) -> float:
        """coherence() by topic vectors: a short story's halves are alike in topic though they share no word."""
        if "topic_coh" not in self._memo:
            self._memo["topic_coh"] = 0.0 if self.topics is None else halves(self.topics, [len(x) for x in self.lines])
        return self._memo["topic_coh"]  # type: ignore[return-value]

    def shape(self) -> list[float]:
        """Does the part read as a complete small story or as an item of a list: the share of its lines with
        each of shape.MARKS, and how many marks its first line has (a news lede has most: a sentence naming
        someone, a day, a figure, a speaker). Not its words per line: with those, whole web articles were split
        more often (harness on the training half: 92.3 -> 91.0% exact), briefs no better (57.7% both)."""
        n = max(1, len(self.lines))
        return [*(m / n for m in self.marks), sum(self.first)]

    def coherence(self) -> float:
        """Cosine between the part's two halves (by topical words): how alike a story is to itself. A line
        goes to the first half while its middle comes before the part's middle word; one line has no halves."""
        if "coh" not in self._memo:
            self._memo["coh"] = self._coherence()
        return self._memo["coh"]  # type: ignore[return-value]

    def _coherence(self) -> float:
        half = sum(len(x) for x in self.lines) / 2
        seen = end = 0
        for j, line in enumerate(self.lines):
            if seen + len(line) / 2 > half and j:
                break
            seen += len(line)
            end = j + 1
        first = Counter(w for line in self.lines[:end] for w in line)
        if not first or seen >= 2 * half:
            return 0.0
        # self.words - first, without Counter's lookups through __missing__: the words left after the first
        # half, in the part's order.
        rest = {w: c - first.get(w, 0) for w, c in self.words.items()}
        return cosine(first, {w: c for w, c in rest.items() if c > 0})

    def weights(self) -> Weights:
        """cosine()'s terms for this part's words, once: pruning compares each part with both neighbours again
        after every join (about a fifth of cleaning's time on the user's example before these were kept)."""
        if "weights" not in self._memo:
            self._memo["weights"], terms = _weights(self.words)
            self._memo["terms"] = dict(zip(self.words, terms, strict=True))  # for joins
        return self._memo["weights"]  # type: ignore[return-value]

    def rare_counts(self) -> tuple[dict[str, float], float]:
        """Each word's count times its rarity, and their sum, once: novel() asks for them against each
        neighbour."""
        if "rare" not in self._memo:
            weighted = {w: rarity(w) * c for w, c in self.words.items()}
            self._memo["rare"] = (weighted, sum(weighted.values()))
        return self._memo["rare"]  # type: ignore[return-value]

    def similarity(self, other: Part) -> float:
        """cosine(self.words, other.words), from kept weights: weighted_cosine's sum over the words both use,
        found by a set intersection and taken in the shorter part's order (two stories share few words, and
        going through all of them was most of the cost)."""
        short, long_ = (other, self) if len(self.words) > len(other.words) else (self, other)
        (ta, r2, na), (tb, _, nb) = short.weights(), long_.weights()
        common = ta.keys() & tb.keys()
        if not common:
            return 0.0
        dot = sum([ta[w] * tb[w] * r2[w] for w in sorted(common, key=short.order().__getitem__)])
        return dot / (na * nb) if dot else 0.0

    def order(self) -> dict[str, int]:
        """Each word's place among the part's words."""
        if "order" not in self._memo:
            self._memo["order"] = {w: i for i, w in enumerate(self.words)}
        return self._memo["order"]  # type: ignore[return-value]


def parts_of(a: Analysis, cuts: list[int]) -> list[Part]:
    return parts_between(a, [0, *cuts, len(a.sizes)])


def parts_between(a: Analysis, edges: list[int]) -> list[Part]:
    """The parts between consecutive content-line positions in `edges` (0 and n bound the whole document)."""
    names = a.names or [set() for _ in a.sizes]
    none = (0.0,) * len(MARKS)
    marks = [line_marks(t) for t in a.texts] if a.texts else [none] * len(a.sizes)
    return [Part(Counter(w for line in a.words[lo:hi] for w in line), set().union(*names[lo:hi]),
                 sum(a.sizes[lo:hi]), a.words[lo:hi], tuple(sum(m[c] for m in marks[lo:hi]) for c in range(len(none))),
                 marks[lo] if lo < hi else none, None if a.topics is None else a.topics[lo:hi])
            for lo, hi in itertools.pairwise(edges)]


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def cut_features(gap_prob: float, parts: list[Part], j: int) -> list[float]:
    """CUT_FEATURES of the cut between parts[j] and parts[j + 1]: story-level evidence that a window cannot
    see (a subheading or a change of angle moves a window's words, not a whole story's)."""
    left, right = parts[j], parts[j + 1]
    shared = len(left.names & right.names)
    sim = left.similarity(right)
    jaccard = shared / max(1, len(left.names | right.names))
    short = math.log1p(min(left.size, right.size))
    new_r, new_l = novel(left, right), novel(right, left)
    # Against the parts' own coherence: two stories on one topic share words, but less than each shares
    # with itself; a list or a scene-changing essay is unlike itself too, so a low similarity says little.
    coh_l, coh_r = left.coherence(), right.coherence()
    # A part unlike both its neighbours while they are alike is an interlude of one story (a list, a
    # promo or credits block), not a story of its own.
    skip = max(parts[j - 1].similarity(right) if j > 0 else 0.0,
               left.similarity(parts[j + 2]) if j + 2 < len(parts) else 0.0)
    t_l, t_r = left.topic(), right.topic()
    t_sim = topic_cosine(t_l, t_r) if t_l is not None and t_r is not None else 0.0
    t_coh_l, t_coh_r = left.topic_coherence(), right.topic_coherence()
    # Products with the shorter part's size: a short part is usually a list item or a tail of one story,
    # unless its words and names are its own.
    return [logit(gap_prob), sim, jaccard, math.log1p(left.size), math.log1p(right.size), short, new_r,
            new_l, float(shared), sim * short, (2 - new_r - new_l) * short, jaccard * short,
            coh_l, coh_r, (coh_l + coh_r) / 2 - sim, skip, skip - sim,
            # Log scales: between two stories the overlap is near nothing, and 0.01 against 0.1 matters
            # more than 0.3 against 0.4.
            math.log(sim + 0.01), math.log(1.01 - new_r), math.log(1.01 - new_l),
            # Two complete small stories side by side, or two items of one list: short parts that share no
            # words are either, and only how their lines read tells them apart.
            *left.shape(), *right.shape(),
            # No name shared says more when each side names many (a story of its own) than when neither names
            # anyone (a list's items, a how-to's steps).
            math.log1p(len(left.names)), math.log1p(len(right.names)),
            # The same comparisons by topic vectors, which need no repeated word.
            t_sim, t_coh_l, t_coh_r, (t_coh_l + t_coh_r) / 2 - t_sim]


def novel(seen: Part, part: Part) -> float:
    """Rarity-weighted share of `part`'s words that `seen` never uses."""
    weighted, total = part.rare_counts()
    return sum(v for w, v in weighted.items() if w not in seen.words) / total if total else 0.5


def part_bounds(cuts: list[int], n: int) -> list[tuple[int, int]]:
    """Content-line ranges [lo, hi) of the parts that `cuts` make of n content lines."""
    return list(itertools.pairwise([0, *cuts, n]))


def cosine(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Cosine of rarity-weighted, log-scaled counts: a name repeated in two related stories ("Russia" ten
    times in each) must not make them look like one."""
    return weighted_cosine(weights(a), weights(b))


# A word list's terms of cosine(): each word's log-scaled count, its squared rarity, and the vector's norm.
Weights = tuple[dict[str, float], dict[str, float], float]


def weights(words: Mapping[str, int]) -> Weights:
    return _weights(words)[0]


def _weights(words: Mapping[str, int]) -> tuple[Weights, list[float]]:
    """weights() and each word's term of the norm's sum."""
    # One pass over the words each for their log counts and rarities; the products and the sum in the same order.
    tfs = [_TF[c] if c < len(_TF) else _tf(c) for c in words.values()]
    rar = [rarity(w) for w in words]
    terms = [(t * r) ** 2 for t, r in zip(tfs, rar, strict=True)]
    return (dict(zip(words, tfs, strict=True)), dict(zip(words, [r ** 2 for r in rar], strict=True)),
            math.sqrt(sum(terms))), terms


def weighted_cosine(a: Weights, b: Weights) -> float:
    """cosine() of two weights(); the dot product runs over the shorter list."""
    if len(a[0]) > len(b[0]):
        a, b = b, a
    (ta, r2, na), (tb, _, nb) = a, b
    dot = sum(t * tb[w] * r2[w] for w, t in ta.items() if w in tb)
    return dot / (na * nb) if dot else 0.0


def _tf(count: int) -> float:
    return 1.0 + math.log(count)


_TF = [0.0, *(_tf(c) for c in range(1, 256))]  # _tf of the common counts, looked up

