"""Second pass of story splitting (clean/segment.py): what is known of the text between two candidate cuts
(a Part), and the evidence on a cut judged on the whole parts it separates (CUT_FEATURES order)."""

from __future__ import annotations

import itertools
import math
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
class Vocab:
    """A document's topical words as numbers, for comparing parts with numpy: every content line's words as ids,
    line after line, where each line starts among them, each id's rarity, and two scratch arrays the size of the
    vocabulary (zero between uses). Comparing parts word by word in Python dicts was a third of cleaning's time on
    the user's example."""

    ids: np.ndarray  # int64: the content lines' topical words as vocabulary ids, in order
    starts: np.ndarray  # int64, n + 1: where each content line's words start in ids, and the end
    rarity: np.ndarray  # float64 per id: words.rarity
    dense: np.ndarray  # float64 per id: scratch for a dot product
    seen: np.ndarray  # bool per id: scratch for membership

    def counts(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """The distinct word ids of content lines lo..hi-1 (sorted) and their counts (float64)."""
        # A count per id and its nonzero ones: what np.unique gives (sorted ids, their counts), with less overhead.
        counts = np.bincount(self.ids[self.starts[lo]:self.starts[hi]], minlength=len(self.rarity))
        ids = np.flatnonzero(counts)
        return ids, counts[ids].astype(np.float64)


def vocab_of(a: Analysis) -> Vocab:
    """The Vocab of an analysed document, built once."""
    got = a.memo.get("vocab")
    if got is None:
        index: dict[str, int] = {}
        ids = [index.setdefault(w, len(index)) for line in a.words for w in line]
        starts = np.fromiter(itertools.accumulate(map(len, a.words), initial=0), np.int64, len(a.words) + 1)
        got = Vocab(np.asarray(ids, dtype=np.int64), starts, np.fromiter(map(rarity, index), np.float64, len(index)),
                    np.zeros(len(index)), np.zeros(len(index), dtype=bool))
        a.memo["vocab"] = got
    return got  # type: ignore[return-value]


@dataclass
class Part:
    """What the second pass knows of the text between two cuts, content lines lo..hi-1: its words (through the
    document's Vocab), names and size."""

    vocab: Vocab = field(repr=False)
    lo: int
    hi: int
    names: set[str]
    size: int
    marks: tuple[float, ...] = (0.0,) * len(MARKS)  # lines with each of shape.MARKS
    first: tuple[float, ...] = (0.0,) * len(MARKS)  # shape.MARKS of the first line
    topics: np.ndarray | None = None  # each line's topic vector (clean/topics.py)
    # Counts, weights, coherences and the topic sum, once per part: pruning judges each part beside both its
    # neighbours.
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def __add__(self, other: Part) -> Part:
        """The part of both, which must be neighbours (this one first)."""
        if self.vocab is not other.vocab or self.hi != other.lo:
            raise ValueError("only neighbouring parts of one document join")
        topics = None if self.topics is None or other.topics is None else np.vstack((self.topics, other.topics))
        return Part(self.vocab, self.lo, other.hi, self.names | other.names, self.size + other.size,
                    tuple(a + b for a, b in zip(self.marks, other.marks, strict=True)), self.first, topics)

    @property
    def n_lines(self) -> int:
        return self.hi - self.lo

    def line_words(self) -> list[int]:
        """How many topical words each of the part's lines has."""
        if "lens" not in self._memo:
            self._memo["lens"] = np.diff(self.vocab.starts[self.lo:self.hi + 1]).tolist()
        return self._memo["lens"]  # type: ignore[return-value]

    def words(self) -> tuple[np.ndarray, np.ndarray]:
        """The part's distinct word ids (sorted) and their counts."""
        if "words" not in self._memo:
            self._memo["words"] = self.vocab.counts(self.lo, self.hi)
        return self._memo["words"]  # type: ignore[return-value]

    def topic(self) -> np.ndarray | None:
        """The part's topic vector (the sum of its lines')."""
        if "topic" not in self._memo:
            self._memo["topic"] = None if self.topics is None else self.topics.sum(axis=0)
        return self._memo["topic"]  # type: ignore[return-value]

    def topic_coherence(self) -> float:
        """coherence() by topic vectors: a short story's halves are alike in topic though they share no word."""
        if "topic_coh" not in self._memo:
            self._memo["topic_coh"] = 0.0 if self.topics is None else halves(self.topics, self.line_words())
        return self._memo["topic_coh"]  # type: ignore[return-value]

    def shape(self) -> list[float]:
        """Does the part read as a complete small story or as an item of a list: the share of its lines with
        each of shape.MARKS, and how many marks its first line has (a news lede has most: a sentence naming
        someone, a day, a figure, a speaker). Not its words per line: with those, whole web articles were split
        more often (harness on the training half: 92.3 -> 91.0% exact), briefs no better (57.7% both)."""
        n = max(1, self.n_lines)
        return [*(m / n for m in self.marks), sum(self.first)]

    def coherence(self) -> float:
        """Cosine between the part's two halves (by topical words): how alike a story is to itself. A line
        goes to the first half while its middle comes before the part's middle word; one line has no halves."""
        if "coh" not in self._memo:
            self._memo["coh"] = self._coherence()
        return self._memo["coh"]  # type: ignore[return-value]

    def _coherence(self) -> float:
        lens = self.line_words()
        half = sum(lens) / 2
        seen = end = 0
        for j, n in enumerate(lens):
            if seen + n / 2 > half and j:
                break
            seen += n
            end = j + 1
        if not seen or seen >= 2 * half:
            return 0.0
        f_ids, f_counts = self.vocab.counts(self.lo, self.lo + end)
        ids, counts = self.words()
        at = np.searchsorted(ids, f_ids)  # the first half's words are among the part's
        rest = counts.copy()
        rest[at] -= f_counts
        u_first = _tf(f_counts) * self.vocab.rarity[f_ids]
        u_rest = _tf(rest) * self.vocab.rarity[ids]
        dot = float(u_first @ u_rest[at])
        return dot / math.sqrt(float(u_first @ u_first) * float(u_rest @ u_rest)) if dot else 0.0

    def weights(self) -> tuple[np.ndarray, float]:
        """cosine()'s terms of the part's words (in words()' order) and their norm, once: pruning compares each
        part with both neighbours again after every join."""
        if "weights" not in self._memo:
            ids, counts = self.words()
            u = _tf(counts) * self.vocab.rarity[ids]
            self._memo["weights"] = (u, math.sqrt(float(u @ u)))
        return self._memo["weights"]  # type: ignore[return-value]

    def rare_counts(self) -> tuple[np.ndarray, float]:
        """Each word's count times its rarity (in words()' order), and their sum, once: novel() asks for them
        against each neighbour."""
        if "rare" not in self._memo:
            ids, counts = self.words()
            weighted = counts * self.vocab.rarity[ids]
            self._memo["rare"] = (weighted, float(weighted.sum()))
        return self._memo["rare"]  # type: ignore[return-value]

    def similarity(self, other: Part) -> float:
        """Cosine of the two parts' rarity-weighted, log-scaled word counts: a name repeated in two related
        stories ("Russia" ten times in each) must not make them look like one."""
        (u_a, n_a), (u_b, n_b) = self.weights(), other.weights()
        if not n_a or not n_b:
            return 0.0
        ids_a, ids_b = self.words()[0], other.words()[0]
        scratch = self.vocab.dense
        scratch[ids_a] = u_a
        dot = float(scratch[ids_b] @ u_b)
        scratch[ids_a] = 0.0
        return dot / (n_a * n_b) if dot else 0.0


def parts_of(a: Analysis, cuts: list[int]) -> list[Part]:
    return parts_between(a, [0, *cuts, len(a.sizes)])


def parts_between(a: Analysis, edges: list[int]) -> list[Part]:
    """The parts between consecutive content-line positions in `edges` (0 and n bound the whole document)."""
    vocab = vocab_of(a)
    names = a.names or [set() for _ in a.sizes]
    none = (0.0,) * len(MARKS)
    marks = [line_marks(t) for t in a.texts] if a.texts else [none] * len(a.sizes)
    return [Part(vocab, lo, hi, set().union(*names[lo:hi]), sum(a.sizes[lo:hi]),
                 tuple(sum(m[c] for m in marks[lo:hi]) for c in range(len(none))),
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
    if not total:
        return 0.5
    mask = seen.vocab.seen
    seen_ids = seen.words()[0]
    mask[seen_ids] = True
    new = float(weighted[~mask[part.words()[0]]].sum())
    mask[seen_ids] = False
    return new / total


def part_bounds(cuts: list[int], n: int) -> list[tuple[int, int]]:
    """Content-line ranges [lo, hi) of the parts that `cuts` make of n content lines."""
    return list(itertools.pairwise([0, *cuts, n]))


def _tf(counts: np.ndarray) -> np.ndarray:
    """Log-scaled counts, 0 for none."""
    return np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0)
