"""Topic vectors of lines: how alike two stretches of text are in topic without a word in common.

Short stories repeat few words, so word overlap says little about whether two short parts are one story or two
(a flood story's "river", "drowned" and "shelters" are each used once). Each topical word has a small latent
topic vector (LSA over news and web stories, data/clean_topics.npz, built by benchmarks/train_word_topics.py);
a line's vector is the rarity-weighted sum of its words' vectors, less the corpus's mean direction (every news
text leans that way), and a part's the sum of its lines'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .words import rarity

TOPICS_FILE = Path(__file__).resolve().parents[1] / "data" / "clean_topics.npz"
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’]+")  # as clean/gaps.py: words of any script


def topical_words(text: str) -> list[str]:
    """The words that can say what a text is about: longer than two letters and not among the commonest
    (rarity >= 1, as clean/gaps.py keeps them), lower-cased."""
    out = []
    for t in _TOKEN.findall(text):
        if len(t) > 2:
            w = t.lower().replace("’", "'")
            if rarity(w) >= 1.0:
                out.append(w)
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Word index, unit topic vectors and the mean direction; one zero topic when the file is absent."""
    if not TOPICS_FILE.exists():
        return {}, np.zeros((1, 1), dtype=np.float32), np.zeros(1, dtype=np.float32)
    with np.load(TOPICS_FILE) as z:
        words = [str(w) for w in z["words"]]
        vecs = z["vectors"].astype(np.float32) / 127.0
        mean = z["mean"].astype(np.float32)
    return {w: i for i, w in enumerate(words)}, vecs, mean


def line_vectors(lines: list[list[str]]) -> np.ndarray:
    """One topic vector per line of topical words: rarity-weighted sum of its known words' vectors less the mean
    direction at the same length (rows of zeros for lines with no known word)."""
    index, vecs, mean = _table()
    out = np.zeros((len(lines), vecs.shape[1]), dtype=np.float32)
    cols: list[int] = []
    weights: list[float] = []
    rows, starts = [], []
    for r, words in enumerate(lines):
        known = [w for w in words if w in index]
        if known:
            rows.append(r)
            starts.append(len(cols))
            cols.extend(map(index.__getitem__, known))
            weights.extend(map(rarity, known))
    if rows:
        # One gather and one segmented sum for the whole document (np.add.at per word cost twice as much).
        out[rows] = np.add.reduceat(vecs[cols] * np.asarray(weights, dtype=np.float32)[:, None], starts, axis=0)
    return out - np.linalg.norm(out, axis=1, keepdims=True) * mean


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    # np.linalg.norm of a vector is the square root of its dot with itself; taken directly, without its checks.
    den = float(np.sqrt(a.dot(a)) * np.sqrt(b.dot(b)))
    return float(a @ b) / den if den > 0 else 0.0


def halves(vecs: np.ndarray, sizes: list[int]) -> float:
    """Topic cosine between a part's two halves: lines go to the first half while their middle word comes before
    the part's middle word (as parts.Part.coherence splits them); 0.0 for one line."""
    if len(sizes) < 2:
        return 0.0
    s = np.asarray(sizes, dtype=float)
    mids = np.cumsum(s) - s / 2
    cut = min(len(sizes) - 1, max(1, int(np.searchsorted(mids, s.sum() / 2, side="right"))))
    return cosine(vecs[:cut].sum(axis=0), vecs[cut:].sum(axis=0))
