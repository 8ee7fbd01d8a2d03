"""Word frequencies from wordfreq's English list, looked up in its plain dict (one load per process).

wordfreq.word_frequency tokenises every call (~10 µs); cleaning looks up every word of every line, so a
dict lookup keeps cleaning far cheaper than spaCy.
"""

from __future__ import annotations

import math
from functools import lru_cache

_FREQ: dict[str, float] | None = None


def _table() -> dict[str, float]:
    global _FREQ
    if _FREQ is None:
        from wordfreq import get_frequency_dict

        _FREQ = get_frequency_dict("en")
    return _FREQ


def freq(word: str) -> float:
    """Frequency of a word (any case, either apostrophe) in English text; 0.0 when unknown."""
    return _table().get(word.lower().replace("’", "'"), 0.0)


@lru_cache(maxsize=100_000)
def rarity(word: str) -> float:
    """How much a shared word says about a shared topic: 0 for "the", up to 6 for unknown words."""
    f = freq(word)
    if f <= 0.0:
        return 6.0
    zipf = math.log10(f) + 9.0
    return min(6.0, max(0.0, 6.5 - zipf))
