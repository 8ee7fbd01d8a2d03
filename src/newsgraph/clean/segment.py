"""Stories: split a document's lines into the stories it holds.

Three passes. First every gap between two content lines (body or heading) gets a probability of being a story
boundary from a small logistic model over window signals: a dip in vocabulary similarity between the text
before and after (TextTiling-style, words weighted by rarity), lexical chains over the whole document (words
and names after the gap never used before it, and before it never used again), names new after the gap,
furniture runs in the gap, headline-like lines, datelines, and lines that can only continue a story (a pronoun
or "But" first, a sentence cut mid-way). Candidate cuts are taken generously, best first, with a minimum story
size. Then a second model (boosted trees, clean/trees.py) judges each candidate on the whole parts it
separates (their vocabulary and name overlap, what each brings that the other lacks, their sizes, how alike
each part is to itself, and whether the parts beyond them continue it) and drops the most doubtful cut,
joining its parts, until every remaining cut is likely: a subheading or a change of angle moves a window's
words, not a whole story's. Last, a third (multinomial) model looks at each short part left between cuts and
decides whether it joins the story before it, the one after it, or stands alone: most wrong cuts that survive
pruning split a few lines off a true boundary (credits at an article's end, a list article's heading and
intro, a story's last lines), and those are judged best against both neighbours at once.

The weights and trees live in data/clean_segment.json, built by benchmarks/train_segment.py from synthetic
concatenations of development articles (coupled: FEATURES and CUT_FEATURES below are the column orders of
that file, as is FRAGMENT_FEATURES).
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .lines import Line
from .trees import Forest
from .words import rarity

CONTENT = ("body", "heading")

FEATURES = (
    "sim_short", "sim_long", "depth", "sim_rel", "story_sim", "names_new", "names_shared",
    "furniture", "video", "promo", "head_next", "head_prev", "cont_start", "dateline",
    "prev_open", "edge", "len_next", "len_prev", "new_words", "gone_words", "new_names", "gone_names",
)

CUT_FEATURES = (
    "gap_logit", "part_sim", "names_jaccard", "len_left", "len_right", "len_min", "new_right", "new_left",
    "names_shared", "sim_x_len", "new_x_len", "jaccard_x_len", "coh_left", "coh_right", "coh_drop",
    "skip_sim", "skip_gain", "log_sim", "log_kept_right", "log_kept_left",
)

# Third pass, on each short part left after pruning: does it belong to the story before it, the one after
# it, or is it a story of its own? (FRAGMENT_CLASSES order.)
FRAGMENT_FEATURES = (
    "has_left", "has_right", "logit_left", "logit_right", "cut_left", "cut_right", "sim_left", "sim_right",
    "log_sim_left", "log_sim_right", "novel_left", "novel_right", "names_left", "names_right", "log_words",
    "log_lines", "rel_left", "rel_right", "head_first", "head_last", "cont_first", "dateline_first",
    "open_before", "head_after", "coh_left", "coh_right",
)
FRAGMENT_CLASSES = ("keep", "left", "right")

_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’]+")  # words of any script
_NAME = re.compile(r"[A-Z][a-z]+(?:[’'][a-z]+)?|[A-Z]{2,6}\b")
# A line that can only continue a story: it leans on something said before it.
_CONT = re.compile(
    r"^(?:[“\"‘'(—–-]|[a-z]|(?i:he|she|it|they|his|her|its|their|them|this|these|those|that|but|and|or|so|yet|"
    r"also|however|meanwhile|still|instead|then|there|here|such|both|neither|others?|another|moreover|"
    r"furthermore|besides|nevertheless|although|though|while|because|if|as|the same|which|who)\b)"
)
# "WASHINGTON (Reuters) -", "KYIV, Ukraine —", "LONDON:" opening a line.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?(?:\s*\([^)]{1,30}\))?\s*[-—–:]\s")
_OPEN_END = re.compile(r"[A-Za-z0-9,;–—-]$")
_STOP_NAMES = frozenset(
    "The A An He She It They We I You His Her Its Their Our This That These Those But And Or So If In On At "
    "For To From By With As After Before When While Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November December".split()
)


# A window's vector is a difference of prefix sums, so every gap is scored in a few numpy operations.
# Words get a column each (hashing them into 1,024 columns made unrelated stories look alike: a median
# cosine of 0.10 instead of 0.01); a very long document shares columns beyond _MAX_WORDS to bound memory.
# Names are few: hashed (crc32 is stable across runs, unlike hash()).
_MAX_WORDS = 8192
_DIM_NAMES = 256
_CHUNK = 256  # gaps scored at a time, to bound memory on long documents


@lru_cache(maxsize=200_000)
def _col(token: str, dim: int) -> int:
    return zlib.crc32(token.encode("utf-8")) % dim


def _ranges(counts: np.ndarray, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """For each gap k (1..n-1): start of the lines before it holding `budget` words, end of those after."""
    cum = np.concatenate(([0], np.cumsum(counts)))
    ks = np.arange(1, len(counts))
    lo = np.searchsorted(cum, cum[ks] - budget, side="right") - 1
    hi = np.searchsorted(cum, cum[ks] + budget, side="left")
    return np.clip(lo, 0, None), np.clip(hi, None, len(counts))


def _cosines(prefix: np.ndarray, lo: np.ndarray, ks: np.ndarray, hi: np.ndarray) -> np.ndarray:
    out = np.zeros(len(ks))
    for c in range(0, len(ks), _CHUNK):
        sl = slice(c, c + _CHUNK)
        a = prefix[ks[sl]] - prefix[lo[sl]]
        b = prefix[hi[sl]] - prefix[ks[sl]]
        den = np.sqrt(np.einsum("ij,ij->i", a, a) * np.einsum("ij,ij->i", b, b))
        out[sl] = np.where(den > 0, np.einsum("ij,ij->i", a, b) / np.where(den > 0, den, 1.0), 0.0)
    return out


def _novelty(prefix: np.ndarray, lo: np.ndarray, ks: np.ndarray, hi: np.ndarray,
             weight: bool) -> tuple[np.ndarray, np.ndarray]:
    """Lexical chains over the whole document: the share of the words just after a gap never used before it
    anywhere (a new story brings its own), and of the words just before it never used again after it."""
    new = np.full(len(ks), 0.5)
    gone = np.full(len(ks), 0.5)
    total = prefix[-1]
    for c in range(0, len(ks), _CHUNK):
        sl = slice(c, c + _CHUNK)
        before_all = prefix[ks[sl]] > 0
        after_all = (total - prefix[ks[sl]]) > 0
        nxt = prefix[hi[sl]] - prefix[ks[sl]]
        prv = prefix[ks[sl]] - prefix[lo[sl]]
        if not weight:
            nxt, prv = (nxt > 0).astype(np.float32), (prv > 0).astype(np.float32)
        n_den, p_den = nxt.sum(axis=1), prv.sum(axis=1)
        n_num = np.where(before_all, 0.0, nxt).sum(axis=1)
        p_num = np.where(after_all, 0.0, prv).sum(axis=1)
        new[sl] = np.where(n_den > 0, n_num / np.where(n_den > 0, n_den, 1.0), 0.5)
        gone[sl] = np.where(p_den > 0, p_num / np.where(p_den > 0, p_den, 1.0), 0.5)
    return new, gone


@dataclass
class Analysis:
    idx: list[int]  # positions in `lines` of the content lines
    rows: list[list[float]]  # a feature row (FEATURES order) for the gap before each content line k >= 1
    sizes: list[int]  # words of each content line
    words: list[list[str]]  # each content line's topical words
    names: list[set[str]] | None = None  # each content line's capitalised names


def gap_features(lines: list[Line]) -> tuple[list[int], list[list[float]]]:
    """Positions (indexes into `lines`) of content lines, and for each gap before content line k >= 1 its
    feature row (FEATURES order)."""
    a = analyse(lines)
    return a.idx, a.rows


def analyse(lines: list[Line]) -> Analysis:
    idx = [i for i, ln in enumerate(lines) if ln.role in CONTENT]
    n = len(idx)
    if n < 2:
        return Analysis(idx, [], [len(_TOKEN.findall(lines[i].text)) for i in idx], [])
    vocab: dict[str, int] = {}
    per_line: list[list[str]] = []
    line_names: list[set[str]] = []
    names = np.zeros((n + 1, _DIM_NAMES), dtype=np.float32)
    counts = np.zeros(n, dtype=np.int64)
    for r, i in enumerate(idx):
        text = lines[i].text
        toks = _TOKEN.findall(text)
        counts[r] = len(toks)
        row: list[str] = []
        for t in toks:
            if len(t) > 2:
                w = t.lower().replace("’", "'")
                if rarity(w) >= 1.0:  # the commonest words say nothing about topic and only cost time
                    row.append(w)
                    vocab.setdefault(w, len(vocab) % _MAX_WORDS)
        per_line.append(row)
        nrow = names[r + 1]
        found = {m.group(0) for m in _NAME.finditer(text) if m.start() > 0 and m.group(0) not in _STOP_NAMES}
        for name in found:
            nrow[_col(name, _DIM_NAMES)] = 1.0
        line_names.append(found)
    words = np.zeros((n + 1, max(1, min(len(vocab), _MAX_WORDS))), dtype=np.float32)
    for r, row in enumerate(per_line, start=1):
        for w, c in Counter(row).items():
            words[r, vocab[w]] += c * rarity(w)
    words = np.cumsum(words, axis=0)
    names = np.cumsum(names, axis=0)
    ks = np.arange(1, n)
    lo60, hi60 = _ranges(counts, 60)
    lo200, hi200 = _ranges(counts, 200)
    lo400, hi400 = _ranges(counts, 400)
    short = _cosines(words, lo60, ks, hi60)
    long_ = _cosines(words, lo200, ks, hi200)
    story = _cosines(words, lo400, ks, hi400)
    pad = np.concatenate(([-1.0] * 3, short, [-1.0] * 3))
    left = np.max([pad[3 - d:3 - d + len(short)] for d in range(4)], axis=0)
    right = np.max([pad[3 + d:3 + d + len(short)] for d in range(4)], axis=0)
    depth = left + right - 2 * short
    rel = long_ - np.median(long_)
    before_names = (names[ks] - names[lo400]) > 0
    next_names = (names[hi60] - names[ks]) > 0
    n_next = next_names.sum(axis=1)
    names_new = np.where(n_next > 0, (next_names & ~before_names).sum(axis=1) / np.maximum(n_next, 1), 0.5)
    shared = np.log1p((before_names & ((names[hi400] - names[ks]) > 0)).sum(axis=1))
    new_w, gone_w = _novelty(words, lo60, ks, hi60, weight=True)
    new_n, gone_n = _novelty(names, lo60, ks, hi60, weight=False)
    seen = np.cumsum(counts)[:-1]
    edge = np.log1p(np.minimum(seen, counts.sum() - seen))
    rows: list[list[float]] = []
    for j, k in enumerate(ks):
        between = lines[idx[k - 1] + 1:idx[k]]
        kinds = {ln.kind for ln in between}
        cur, prev = lines[idx[k]], lines[idx[k - 1]]
        rows.append([
            float(short[j]),
            float(long_[j]),
            float(depth[j]),
            float(rel[j]),
            float(story[j]),
            float(names_new[j]),
            float(shared[j]),
            math.log1p(len(between)),
            float(bool(kinds & {"video", "teaser"})),
            float(bool(kinds & {"promo", "navigation", "share", "advert"})),
            float(cur.role == "heading"),
            float(prev.role == "heading"),
            float(bool(_CONT.match(cur.text))),
            float(bool(_DATELINE.match(cur.text))),
            float(prev.role != "heading" and bool(_OPEN_END.search(prev.text))),
            float(edge[j]),
            math.log1p(counts[k]),
            math.log1p(counts[k - 1]),
            float(new_w[j]),
            float(gone_w[j]),
            float(new_n[j]),
            float(gone_n[j]),
        ])
    return Analysis(idx, rows, [int(c) for c in counts], per_line, line_names)


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

    def probs(self, rows: list[list[float]]) -> list[float]:
        """Boundary probability of each gap."""
        if not rows:
            return []
        z = ((np.asarray(rows) - self.mean) / self.scale) @ np.asarray(self.coef) + self.intercept
        return (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).tolist()

    def cut_prob(self, row: list[float]) -> float:
        if self.cut_forest is not None:
            return self.cut_forest.prob(row)
        if not self.cut_coef:
            return 1.0
        z = float(((np.asarray(row) - self.cut_mean) / self.cut_scale) @ np.asarray(self.cut_coef)) + self.cut_intercept
        return 1.0 / (1.0 + math.exp(-min(max(z, -30.0), 30.0)))

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
    raw = json.loads(Path(path).read_text("utf-8"))
    if tuple(raw["features"]) != FEATURES or tuple(raw["cut_features"]) != CUT_FEATURES:
        raise RuntimeError(f"{path} does not match segment.FEATURES / CUT_FEATURES: rebuild it "
                           "with benchmarks/train_segment.py")
    return Model(tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["coef"]), raw["intercept"], raw["threshold"],
                 raw["min_lines"], raw["min_words"], tuple(raw["cut_mean"]), tuple(raw["cut_scale"]),
                 tuple(raw["cut_coef"]), raw["cut_intercept"], raw["cut_threshold"],
                 *_fragment_fields(raw, path),
                 cut_forest=Forest.from_json(raw["cut_forest"]) if "cut_forest" in raw else None)


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


@dataclass
class Part:
    """What the second pass knows of the text between two cuts: its words (all and by line), names and size."""

    words: Counter[str]
    names: set[str]
    size: int
    lines: list[list[str]]  # each line's topical words

    def __add__(self, other: Part) -> Part:
        return Part(self.words + other.words, self.names | other.names, self.size + other.size,
                    self.lines + other.lines)

    def coherence(self) -> float:
        """Cosine between the part's two halves (by topical words): how alike a story is to itself. A line
        goes to the first half while its middle comes before the part's middle word; one line has no halves."""
        half = sum(len(x) for x in self.lines) / 2
        first: Counter[str] = Counter()
        seen = 0
        for j, line in enumerate(self.lines):
            if seen + len(line) / 2 > half and j:
                break
            first.update(line)
            seen += len(line)
        return _cos(first, self.words - first) if first and seen < 2 * half else 0.0


def parts_of(a: Analysis, cuts: list[int]) -> list[Part]:
    names = a.names or [set() for _ in a.sizes]
    return [Part(Counter(w for line in a.words[lo:hi] for w in line), set().union(*names[lo:hi]),
                 sum(a.sizes[lo:hi]), a.words[lo:hi]) for lo, hi in part_bounds(cuts, len(a.sizes))]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def cut_features(gap_prob: float, parts: list[Part], j: int) -> list[float]:
    """CUT_FEATURES of the cut between parts[j] and parts[j + 1]: story-level evidence that a window cannot
    see (a subheading or a change of angle moves a window's words, not a whole story's)."""
    left, right = parts[j], parts[j + 1]
    shared = len(left.names & right.names)
    sim = _cos(left.words, right.words)
    jaccard = shared / max(1, len(left.names | right.names))
    short = math.log1p(min(left.size, right.size))
    new_r, new_l = _novel(left.words, right.words), _novel(right.words, left.words)
    # Against the parts' own coherence: two stories on one topic share words, but less than each shares
    # with itself; a list or a scene-changing essay is unlike itself too, so a low similarity says little.
    coh_l, coh_r = left.coherence(), right.coherence()
    # A part unlike both its neighbours while they are alike is an interlude of one story (a list, a
    # promo or credits block), not a story of its own.
    skip = max(_cos(parts[j - 1].words, right.words) if j > 0 else 0.0,
               _cos(left.words, parts[j + 2].words) if j + 2 < len(parts) else 0.0)
    # Products with the shorter part's size: a short part is usually a list item or a tail of one story,
    # unless its words and names are its own.
    return [_logit(gap_prob), sim, jaccard, math.log1p(left.size), math.log1p(right.size), short, new_r,
            new_l, float(shared), sim * short, (2 - new_r - new_l) * short, jaccard * short,
            coh_l, coh_r, (coh_l + coh_r) / 2 - sim, skip, skip - sim,
            # Log scales: between two stories the overlap is near nothing, and 0.01 against 0.1 matters
            # more than 0.3 against 0.4.
            math.log(sim + 0.01), math.log(1.01 - new_r), math.log(1.01 - new_l)]


def _novel(seen: Counter[str], part: Counter[str]) -> float:
    """Rarity-weighted share of `part`'s words that `seen` never uses."""
    total = sum(rarity(w) * c for w, c in part.items())
    return sum(rarity(w) * c for w, c in part.items() if w not in seen) / total if total else 0.5


def prune_cuts(cuts: list[int], a: Analysis, probs: list[float], model: Model) -> list[int]:
    """Drop candidate cuts that the second pass doubts, least likely first; a dropped cut joins its two
    parts, so its neighbours are judged again on the joined text."""
    for doubt, kept in pruning(cuts, a, probs, model):
        if doubt >= model.cut_threshold:
            return kept
    return []


def pruning(cuts: list[int], a: Analysis, probs: list[float], model: Model) -> Iterator[tuple[float, list[int]]]:
    """Every state of pruning down to no cut: the least likely remaining cut's probability (1.0 once none is
    left) and the cuts kept. The order of drops does not depend on cut_threshold, which only says where to
    stop, so one run serves every threshold (benchmarks/train_segment.py tunes it so)."""
    cuts = list(cuts)
    parts = parts_of(a, cuts)
    ps = [model.cut_prob(cut_features(probs[k - 1], parts, j)) for j, k in enumerate(cuts)]
    while cuts:
        j = min(range(len(ps)), key=ps.__getitem__)
        yield ps[j], list(cuts)
        del cuts[j], ps[j]
        parts[j:j + 2] = [parts[j] + parts[j + 1]]
        # Both neighbours' parts changed, and so did the parts next to theirs.
        for i in range(max(0, j - 2), min(len(cuts), j + 2)):
            ps[i] = model.cut_prob(cut_features(probs[cuts[i] - 1], parts, i))
    yield 1.0, []


def part_bounds(cuts: list[int], n: int) -> list[tuple[int, int]]:
    """Content-line ranges [lo, hi) of the parts that `cuts` make of n content lines."""
    return list(itertools.pairwise([0, *cuts, n]))


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
            return [-8.0, 0.0, 0.0, math.log(0.01), 1.0, 0.0, -3.0, 0.0]
        sim = _cos(frag.words, other.words)
        names = len(frag.names & other.names) / max(1, len(frag.names | other.names))
        return [_logit(probs[k - 1]), model.cut_prob(cut_features(probs[k - 1], parts, cut_j)), sim,
                math.log(sim + 0.01), _novel(other.words, frag.words), names,
                math.log((frag.size + 1) / (other.size + 1)), other.coherence()]

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
            sl[7], sr[7]]


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


def _cos(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of rarity-weighted, log-scaled counts: a name repeated in two related stories ("Russia" ten
    times in each) must not make them look like one."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(_tf(c) * _tf(b[w]) * rarity(w) ** 2 for w, c in a.items() if w in b)
    if not dot:
        return 0.0
    na = math.sqrt(sum((_tf(c) * rarity(w)) ** 2 for w, c in a.items()))
    nb = math.sqrt(sum((_tf(c) * rarity(w)) ** 2 for w, c in b.items()))
    return dot / (na * nb)


def _tf(count: int) -> float:
    return 1.0 + math.log(count)


def story_starts(a: Analysis, model: Model, probs: list[float] | None = None) -> list[int]:
    """Content-line positions (1..n-1) where a new story starts. `probs`: the gaps' boundary
    probabilities when already known (model.probs(a.rows))."""
    if not a.rows:
        return []
    probs = model.probs(a.rows) if probs is None else probs
    cuts = prune_cuts(choose_cuts(probs, a.sizes, model), a, probs, model)
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
