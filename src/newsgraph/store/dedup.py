"""Near-duplicate stories (syndicated copies, light edits): MinHash over word 5-grams, LSH bands in the store.

A new story whose estimated Jaccard similarity to a stored one reaches THRESHOLD gets `duplicate_of` =
that story's root (the first copy stored), so counts across a corpus are not inflated by wire copies.
The signature is deterministic (fixed seed, SHA-1 hashing): the same text gives the same bands anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidates from about 0.4 similarity; THRESHOLD decides
THRESHOLD = 0.7
# Bounds per new story: stories read from one LSH bucket, and candidates whose signatures are compared.
MAX_BUCKET, MAX_VERIFY = 64, 16
SHINGLE = 5
_WORD = re.compile(r"\w+")

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1)
    return m.permutations, m.scheme


def signature(text: str) -> bytes:
    from datasketch import MinHash

    # the permutations are drawn once: making them is a third of a signature's cost
    perms, scheme = _permutations()
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=perms, scheme=scheme)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m.hashvalues.astype("<u4").tobytes()


def bands(sig: bytes) -> list[tuple[int, str]]:
    width = ROWS * 4
    return [(b, sig[b * width:(b + 1) * width].hex()) for b in range(BANDS)]


def similarity(a: bytes, b: bytes) -> float:
    import numpy as np

    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float((x == y).mean())


def find_original(execute: Execute, sig: bytes, article_id: str) -> str | None:
    """The root of the most similar stored story above THRESHOLD, or None. SQL uses `?` placeholders.

    One indexed lookup per band (an OR over all bands defeats the index and scans the table), and only the
    candidates sharing the most bands are verified, so the cost per story stays flat as the store grows."""
    shared: dict[str, int] = {}
    for band, key in bands(sig):
        for (cid,) in execute("SELECT article_id FROM lsh WHERE band = ? AND key = ? LIMIT ?", [band, key, MAX_BUCKET]):
            if cid != article_id:
                shared[cid] = shared.get(cid, 0) + 1
    best: tuple[float, str] | None = None
    for cid in sorted(shared, key=lambda c: (-shared[c], c))[:MAX_VERIFY]:
        row = execute("SELECT s.sig, a.duplicate_of FROM signatures s JOIN articles a ON a.id = s.article_id"
                      " WHERE s.article_id = ?", [cid])
        if not row:
            continue
        sim = similarity(sig, bytes(row[0][0]))
        root = row[0][1] or cid
        if sim >= THRESHOLD and (best is None or (sim, root) > best):
            best = (sim, root)
    return best[1] if best else None


def index_article(execute: Execute, article_id: str, text: str) -> str | None:
    """Store the story's signature and bands; return the id of what it duplicates, if anything."""
    sig = signature(text)
    original = find_original(execute, sig, article_id)
    execute("INSERT INTO signatures (article_id, sig) VALUES (?, ?)", [article_id, sig])
    for band, key in bands(sig):
        execute("INSERT INTO lsh (band, key, article_id) VALUES (?, ?, ?)", [band, key, article_id])
    if original:
        execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", [original, article_id])
    return original
