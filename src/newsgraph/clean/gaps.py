"""First pass of story splitting (clean/segment.py): every gap between two content lines gets a row of window
signals (FEATURES order), which the gap model turns into a probability of a story boundary.

The signals: a dip in vocabulary similarity between the text before and after (TextTiling-style, words
weighted by rarity), lexical chains over the whole document (words and names after the gap never used before
it, and before it never used again), names new after the gap, furniture runs in the gap, headline-like lines,
datelines, and lines that can only continue a story (a pronoun or "But" first, a sentence cut mid-way).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..lexicon import MONTH_NAMES, WEEKDAYS
from .lines import Line
from .topics import line_vectors
from .words import rarity

CONTENT = ("body", "heading")

FEATURES = (
    "sim_short", "sim_long", "depth", "sim_rel", "story_sim", "names_new", "names_shared",
    "furniture", "video", "promo", "head_next", "head_prev", "cont_start", "dateline",
    "prev_open", "edge", "len_next", "len_prev", "new_words", "gone_words", "new_names", "gone_names",
    "topic_short", "topic_long",
)

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
    "For To From By With As After Before When While Mr Mrs Ms Dr".split()
) | {w.capitalize() for w in (*WEEKDAYS, *MONTH_NAMES)}


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


@lru_cache(maxsize=100_000)
def _topical(token: str) -> str | None:
    """The token as a topical word (lower case, straight apostrophe), or None: two letters or fewer, or among
    the commonest words, which say nothing about topic and only cost time. Tokens repeat across lines and
    documents, and each asked once costs a third of asking each time."""
    if len(token) <= 2:
        return None
    w = token.lower().replace("’", "'")
    return w if rarity(w) >= 1.0 else None


def _names(text: str) -> set[str]:
    """The capitalised names of a line, except one opening it (any sentence's first word is capitalised)."""
    found = _NAME.findall(text)
    # findall's first match is the one at 0 when there is one there: match() tries the same alternatives.
    if found and _NAME.match(text):
        del found[0]
    return set(found).difference(_STOP_NAMES)


def _ranges(counts: np.ndarray, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """For each gap k (1..n-1): start of the lines before it holding `budget` words, end of those after."""
    cum = np.concatenate(([0], np.cumsum(counts)))
    ks = np.arange(1, len(counts))
    lo = np.searchsorted(cum, cum[ks] - budget, side="right") - 1
    hi = np.searchsorted(cum, cum[ks] + budget, side="left")
    return np.clip(lo, 0, None), np.clip(hi, None, len(counts))


def _cosines(prefix: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """For each gap k = 1..n-1 (prefix has n + 1 rows): the cosine of the window lo[k-1]..k against k..hi[k-1]."""
    gaps = prefix[1:-1]  # the prefix rows at the gaps, consecutive: a view, where a gather copies lines x vocabulary
    out = np.zeros(len(gaps))
    for c in range(0, len(gaps), _CHUNK):
        sl = slice(c, c + _CHUNK)
        at = gaps[sl]
        a = at - prefix[lo[sl]]
        b = prefix[hi[sl]] - at
        den = np.sqrt(np.einsum("ij,ij->i", a, a) * np.einsum("ij,ij->i", b, b))
        out[sl] = np.where(den > 0, np.einsum("ij,ij->i", a, b) / np.where(den > 0, den, 1.0), 0.0)
    return out


def _novelty(prefix: np.ndarray, lo: np.ndarray, hi: np.ndarray, weight: bool) -> tuple[np.ndarray, np.ndarray]:
    """Lexical chains over the whole document: the share of the words just after a gap never used before it
    anywhere (a new story brings its own), and of the words just before it never used again after it."""
    gaps = prefix[1:-1]  # as in _cosines
    new = np.full(len(gaps), 0.5)
    gone = np.full(len(gaps), 0.5)
    total = prefix[-1]
    for c in range(0, len(gaps), _CHUNK):
        sl = slice(c, c + _CHUNK)
        at = gaps[sl]
        before_all = at > 0
        after_all = (total - at) > 0
        nxt = prefix[hi[sl]] - at
        prv = at - prefix[lo[sl]]
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
    texts: list[str] | None = None  # each content line's text
    topics: np.ndarray | None = None  # each content line's topic vector (clean/topics.py)
    # What later passes derive from these once per document (clean/parts.py's word ids).
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)


def _gap_lines(lines: list[Line], idx: list[int], k: int) -> list[float]:
    """FEATURES from "furniture" to "prev_open" of the gap before content line k: what lies between it and the
    content line before, and how both read."""
    between = lines[idx[k - 1] + 1:idx[k]]
    kinds = {ln.kind for ln in between}
    cur, prev = lines[idx[k]], lines[idx[k - 1]]
    return [
        math.log1p(len(between)),
        float(bool(kinds & {"video", "teaser"})),
        float(bool(kinds & {"promo", "navigation", "share", "advert"})),
        float(cur.role == "heading"),
        float(prev.role == "heading"),
        float(bool(_CONT.match(cur.text))),
        float(bool(_DATELINE.match(cur.text))),
        float(prev.role != "heading" and bool(_OPEN_END.search(prev.text))),
    ]


def gap_features(lines: list[Line]) -> tuple[list[int], list[list[float]]]:
    """Positions (indexes into `lines`) of content lines, and for each gap before content line k >= 1 its
    feature row (FEATURES order)."""
    a = analyse(lines)
    return a.idx, a.rows


def analyse(lines: list[Line]) -> Analysis:
    idx = [i for i, ln in enumerate(lines) if ln.role in CONTENT]
    n = len(idx)
    if n < 2:
        return Analysis(idx, [], [len(_TOKEN.findall(lines[i].text)) for i in idx], [], texts=[lines[i].text for i in idx])
    vocab: dict[str, int] = {}
    per_line: list[list[str]] = []
    line_names: list[set[str]] = []
    sizes: list[int] = []
    name_at: tuple[list[int], list[int]] = ([], [])  # (row, column) of each name of each line
    for r, i in enumerate(idx, start=1):
        text = lines[i].text
        toks = _TOKEN.findall(text)
        sizes.append(len(toks))
        row = list(filter(None, map(_topical, toks)))  # _topical gives None or a word of 3+ letters
        for w in row:
            vocab.setdefault(w, len(vocab) % _MAX_WORDS)
        per_line.append(row)
        found = _names(text)
        for name in found:
            name_at[0].append(r)
            name_at[1].append(_col(name, _DIM_NAMES))
        line_names.append(found)
    counts = np.asarray(sizes, dtype=np.int64)
    names = np.zeros((n + 1, _DIM_NAMES), dtype=np.float32)
    names[name_at] = 1.0
    # Each line's distinct words and their weights, added at once (float32 weights: the sums are those of
    # adding each to its float32 cell in turn; a column shared past _MAX_WORDS gets both of its words).
    at: tuple[list[int], list[int]] = ([], [])
    weight: list[float] = []
    for r, row in enumerate(per_line, start=1):
        for w, c in Counter(row).items():
            at[0].append(r)
            at[1].append(vocab[w])
            weight.append(c * rarity(w))
    words = np.zeros((n + 1, max(1, min(len(vocab), _MAX_WORDS))), dtype=np.float32)
    np.add.at(words, at, np.asarray(weight, dtype=np.float32))
    words = np.cumsum(words, axis=0)
    names = np.cumsum(names, axis=0)
    lo60, hi60 = _ranges(counts, 60)
    lo200, hi200 = _ranges(counts, 200)
    lo400, hi400 = _ranges(counts, 400)
    short = _cosines(words, lo60, hi60)
    long_ = _cosines(words, lo200, hi200)
    story = _cosines(words, lo400, hi400)
    pad = np.concatenate(([-1.0] * 3, short, [-1.0] * 3))
    left = np.max([pad[3 - d:3 - d + len(short)] for d in range(4)], axis=0)
    right = np.max([pad[3 + d:3 + d + len(short)] for d in range(4)], axis=0)
    depth = left + right - 2 * short
    rel = long_ - np.median(long_)
    names_at = names[1:-1]  # at each gap k = 1..n-1
    before_names = (names_at - names[lo400]) > 0
    next_names = (names[hi60] - names_at) > 0
    n_next = next_names.sum(axis=1)
    names_new = np.where(n_next > 0, (next_names & ~before_names).sum(axis=1) / np.maximum(n_next, 1), 0.5)
    shared = np.log1p((before_names & ((names[hi400] - names_at) > 0)).sum(axis=1))
    new_w, gone_w = _novelty(words, lo60, hi60, weight=True)
    new_n, gone_n = _novelty(names, lo60, hi60, weight=False)
    # Topic vectors: windows alike in topic though they share no word (short stories repeat few words).
    topics = line_vectors(per_line)
    tsum = np.concatenate((np.zeros((1, topics.shape[1]), dtype=np.float32), np.cumsum(topics, axis=0)))
    t_short = _cosines(tsum, lo60, hi60)
    t_long = _cosines(tsum, lo200, hi200)
    seen = np.cumsum(counts)[:-1]
    edge = np.log1p(np.minimum(seen, counts.sum() - seen))
    # Whole columns to Python floats at once: tolist() gives what float() of each element gives.
    window = zip(short.tolist(), long_.tolist(), depth.tolist(), rel.tolist(), story.tolist(), names_new.tolist(),
                 shared.tolist(), strict=True)
    chains = zip(new_w.tolist(), gone_w.tolist(), new_n.tolist(), gone_n.tolist(), t_short.tolist(), t_long.tolist(),
                 strict=True)
    rows = [[*w, *_gap_lines(lines, idx, k), edge_k, math.log1p(sizes[k]), math.log1p(sizes[k - 1]), *c]
            for k, w, edge_k, c in zip(range(1, n), window, edge.tolist(), chains, strict=True)]
    return Analysis(idx, rows, sizes, per_line, line_names, [lines[i].text for i in idx], topics)
