"""Stories: split a document's lines into the stories it holds.

First version: a new story starts where the vocabulary of the lines before and after a boundary
candidate (a run of furniture, or a gap in named words) shares almost nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import Line

_WORD = re.compile(r"[A-Z][a-z]{2,}")
WINDOW = 6
MIN_STORY_LINES = 4


def _names(lines: list[Line]) -> Counter[str]:
    c: Counter[str] = Counter()
    for ln in lines:
        c.update(m.group(0) for m in _WORD.finditer(ln.text) if m.start() > 0)
    return c


def _overlap(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    shared = sum((a & b).values())
    return shared / min(sum(a.values()), sum(b.values()))


def split_stories(lines: list[Line]) -> list[list[Line]]:
    body = [i for i, ln in enumerate(lines) if ln.role in ("body", "heading")]
    if len(body) < 2 * MIN_STORY_LINES:
        return [lines] if lines else []
    cuts: list[int] = []
    for k in range(MIN_STORY_LINES, len(body) - MIN_STORY_LINES + 1):
        before = [lines[j] for j in body[max(0, k - WINDOW):k]]
        after = [lines[j] for j in body[k:k + WINDOW]]
        if _overlap(_names(before), _names(after)) == 0.0 and (not cuts or k - cuts[-1] >= MIN_STORY_LINES):
            cuts.append(k)
    if not cuts:
        return [lines]
    out: list[list[Line]] = []
    prev = 0
    for k in cuts:
        cut_at = body[k]
        out.append(lines[prev:cut_at])
        prev = cut_at
    out.append(lines[prev:])
    return [s for s in out if s]
