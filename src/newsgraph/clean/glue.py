"""Glued words: a link's lost space ("Moscowsaid") repaired with a word-frequency list.

A scrape drops the space after a link's text, so a name runs into the next word: a capitalised known
word followed by a common lowercase word, the whole unknown. Brands look the same ("Sonicare",
"Surfshark", "Beachbody"), so a split needs more than two known halves:
- the token has no inner capital (camelCase and CamelCase are brands: "iPhone", "PayPal", "WeWork");
- the right half is a common word (function words, auxiliaries, everyday verbs), not a name ending;
- with the document at hand: the token is not repeated in it (a brand is named again, a glue accident
  is not) and the left half stands alone elsewhere in it (the linked name is mentioned again);
  without it, both halves must be very common.
Coupled to the pipeline: run before spaCy (clean/story.py) so the repaired name is recognised.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from ..model import Repair
from .words import freq

_freq = freq  # the old name, still imported by extract/entities.py; new code: clean.words.freq

# Capitalised word, then lowercase letters only (an apostrophe allowed for "isn't"): no inner capitals.
_TOKEN = re.compile(r"(?<![\w’'@#/.-])[A-Z][a-z]+(?:[’'][a-z]+)?(?![\w’'@/-])")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")

UNKNOWN = 1e-8  # a token this rare as a whole is not an English word wordfreq knows
RIGHT_MIN = 1e-4  # the right half: a common word ("would", "had", "isn't", "said", "and")
LEFT_MIN = 1e-6  # the left half: a known word or name ("Russia", "Putin")
ALONE_RIGHT_MIN = 5e-4  # without the document, stricter halves
ALONE_LEFT_MIN = 1e-5
# Common words that are also common endings of names and brands ("Sonicare", "Budlong", "Elementor"),
# and English suffixes that happen to be words ("Deskless").
_NAME_ENDINGS = frozenset(
    "are ere ore ire or er en an in on un a e o i y ly ty man men son ton land line long back way well "
    "ville town ford field wood worth ham ley dale burg berg stein ware works soft net link point care "
    "book books hub lab labs box go one all out up lot less ness ful ship hood wise ward wards like".split()
)


def doc_counts(text: str) -> Counter[str]:
    """How often each word stands in a document: the context repair_glue weighs a split against."""
    return Counter(_WORD.findall(text))


def split_glued(token: str, context: Mapping[str, int] | None = None) -> str | None:
    """"Name word" when `token` is a name glued to a common word, else None."""
    if len(token) < 6 or freq(token) > UNKNOWN:
        return None
    if context is not None and context.get(token, 0) > 1:
        return None
    left_min, right_min = (LEFT_MIN, RIGHT_MIN) if context is not None else (ALONE_LEFT_MIN, ALONE_RIGHT_MIN)
    best: tuple[float, str] | None = None
    for i in range(3, len(token) - 1):
        left, right = token[:i], token[i:]
        if right.lower() in _NAME_ENDINGS or right[0] in "’'":
            continue
        fl, fr = freq(left), freq(right)
        if fl < left_min or fr < right_min:
            continue
        if context is not None and context.get(left, 0) < 1:
            continue
        score = fl * fr
        if best is None or score > best[0]:
            best = (score, f"{left} {right}")
    return best[1] if best else None


def repair_glue(text: str, context: Mapping[str, int] | None = None) -> tuple[str, list[Repair]]:
    """`text` with glued tokens split, and a Repair for each. `context`: word counts of the whole document
    (doc_counts), which make the repair both safer and surer; without it only clear cases are split."""
    repairs: list[Repair] = []

    def fix(m: re.Match[str]) -> str:
        tok = m.group(0)
        new = split_glued(tok, context)
        if new is None:
            return tok
        repairs.append(Repair(tok, new))
        return new

    return _TOKEN.sub(fix, text), repairs
