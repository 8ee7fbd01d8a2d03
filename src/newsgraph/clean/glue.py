"""Glued words: a link's lost space ("Moscowsaid") repaired with a word-frequency list.

First version: split a token only when it is unknown as a whole and both halves are common words
or the left half is a capitalised known name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Repair

_TOKEN = re.compile(r"[A-Za-z][a-z]+[A-Za-z’']*")


@lru_cache(maxsize=200_000)
def _freq(word: str) -> float:
    from wordfreq import word_frequency

    return word_frequency(word, "en")


def _split(tok: str) -> str | None:
    # Contractions glued onto a name: "Iranisn’t"
    if len(tok) < 6 or _freq(tok) > 1e-7 or _freq(tok.replace("’", "'")) > 1e-7:
        return None
    best: tuple[float, str] | None = None
    for i in range(2, len(tok) - 1):
        left, right = tok[:i], tok[i:]
        if not right[0].islower() and not right[0].isupper():
            continue
        fl, fr = _freq(left), _freq(right.replace("’", "'"))
        if fl < 1e-6 or fr < 1e-5:
            continue
        if len(right) < 2 or len(left) < 2:
            continue
        score = min(fl, fr)
        if best is None or score > best[0]:
            best = (score, f"{left} {right}")
    return best[1] if best else None


def repair_glue(text: str) -> tuple[str, list[Repair]]:
    repairs: list[Repair] = []

    def fix(m: re.Match[str]) -> str:
        tok = m.group(0)
        if not tok[0].isupper():
            return tok
        new = _split(tok)
        if new is None:
            return tok
        repairs.append(Repair(tok, new))
        return new

    return _TOKEN.sub(fix, text), repairs
