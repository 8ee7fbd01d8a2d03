"""Near-duplicate stories (syndicated copies, light edits): MinHash over word 5-grams, LSH bands in the store.

A new story is a copy of a stored one when their estimated Jaccard similarity reaches THRESHOLD, or when
it reaches MIN_JACCARD and nearly all of the smaller story's shingles are in the larger (estimated
containment >= CONTAINMENT: a copy trimmed from the bottom, or with a paragraph of its own added). It then
gets `duplicate_of` = that story's root (the first copy stored), so counts across a corpus are not
inflated by wire copies. The containment needs both stories' shingle counts (`signatures.shingle_count`);
rows stored before that column existed have none and are judged on Jaccard alone.
The signature is deterministic (fixed seed, SHA-1 hashing): the same text gives the same bands anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from .ddl import insert_into

NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidates from about 0.4 similarity; is_copy decides
THRESHOLD = 0.7
# Agencies trim a story from the bottom and desks add a paragraph of local reaction: Jaccard then falls
# with the share of text cut or added (a story cut to half is about 0.5), yet the smaller story is still
# all inside the larger. So a candidate is also a copy when the estimated containment reaches CONTAINMENT,
# as long as Jaccard reaches MIN_JACCARD: below that, the smaller story is a small part of the larger (a
# brief, or a follow-up reusing a lead), which a reader takes for another story. Chosen on the development
# set (benchmarks/dedup_eval.py, 871 real story bodies), against Jaccard alone: 3 paragraphs cut, recall
# 0.907 -> 0.982 (0.633 -> 0.937 for stories <= 600 words), 2 cut 0.957 -> 0.994 (short 0.833 -> 0.976), a
# paragraph inserted 0.979 -> 0.999; precision stays 1.000, distinct stories are still never merged, and
# follow-ups reusing a stored story's lead and closing paragraph are merged 2 times in 693 (was 1). The
# 32 x 4 bands propose candidates from about MIN_JACCARD: a lower floor would find little more.
CONTAINMENT, MIN_JACCARD = 0.9, 0.4
# Bounds per new story: stories read from one LSH bucket, and candidates whose signatures are compared.
MAX_BUCKET, MAX_VERIFY = 64, 16
SHINGLE = 5
_WORD = re.compile(r"\w+")

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
# rows (article_id, sig, shingle_count) and (band, key, article_id), as tables.py declares them
_SIGNATURE = insert_into("signatures")
_BAND = insert_into("lsh")


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
    return _signature(shingles(text))


def _signature(sh: set[bytes]) -> bytes:
    from datasketch import MinHash

    # the permutations are drawn once: making them is a third of a signature's cost
    perms, scheme = _permutations()
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=perms, scheme=scheme)
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


def containment(sim: float, a: int, b: int) -> float:
    """Estimated share of the smaller story's shingles found in the larger, from the estimated Jaccard `sim`
    and the two shingle counts: |A & B| = J (a + b) / (1 + J)."""
    if min(a, b) <= 0:
        return 0.0
    return sim * (a + b) / (1 + sim) / min(a, b)


def is_copy(sim: float, a: int | None, b: int | None) -> bool:
    """The verification rule for one candidate: Jaccard alone when a shingle count is unknown (an old row)."""
    if sim >= THRESHOLD:
        return True
    return sim >= MIN_JACCARD and a is not None and b is not None and containment(sim, a, b) >= CONTAINMENT


def find_original(execute: Execute, sig: bytes, article_id: str, size: int | None = None) -> str | None:
    """The root of the most similar stored story that `is_copy` accepts, or None. SQL uses `?` placeholders.

    `size` is the new story's shingle count (None: Jaccard alone). One indexed lookup per band (an OR over
    all bands defeats the index and scans the table), and only the candidates sharing the most bands are
    verified, so the cost per story stays flat as the store grows."""
    shared: dict[str, int] = {}
    for band, key in bands(sig):
        for (cid,) in execute("SELECT article_id FROM lsh WHERE band = ? AND key = ? LIMIT ?", [band, key, MAX_BUCKET]):
            if cid != article_id:
                shared[cid] = shared.get(cid, 0) + 1
    best: tuple[float, str] | None = None
    for cid in sorted(shared, key=lambda c: (-shared[c], c))[:MAX_VERIFY]:
        row = execute("SELECT s.sig, s.shingle_count, a.duplicate_of FROM signatures s"
                      " JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?", [cid])
        if not row:
            continue
        sim = similarity(sig, bytes(row[0][0]))
        root = row[0][2] or cid
        if is_copy(sim, size, row[0][1]) and (best is None or (sim, root) > best):
            best = (sim, root)
    return best[1] if best else None


def index_article(execute: Execute, article_id: str, text: str) -> str | None:
    """Store the story's signature, shingle count and bands; return the id of what it duplicates, if anything."""
    sh = shingles(text)
    sig = _signature(sh)
    original = find_original(execute, sig, article_id, len(sh))
    execute(_SIGNATURE, [article_id, sig, len(sh)])
    for band, key in bands(sig):
        execute(_BAND, [band, key, article_id])
    if original:
        execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", [original, article_id])
    return original
