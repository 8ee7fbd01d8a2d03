"""How a line reads: as a sentence of a news story, or as an item of a list, a teaser or a label.

A brief on a front page or a live page is a complete small story: full sentences with a finite verb, someone
named in mid-sentence, often a reporting verb ("said", "told", "according to"), a figure and a day. An item of
a list (a product, a step, a link) or a teaser has few of these. Cut and fragment features (clean/parts.py)
sum these marks over a part's lines, so the splitter can tell two small stories side by side from two items
of one list. Cheap on purpose: a few regular expressions per line, no parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import MONTH_NAMES, WEEKDAYS

# The marks of one line, in this order (LineShape fields).
MARKS = ("sentence", "speech", "figure", "name", "date")

# Reporting verbs by their base form; the forms a news sentence uses (past tense and third person present:
# "said", "says") are made by English spelling rules, with the irregular pasts given after a colon. A "!"
# keeps the present form out where it is more often a plural noun ("reports", "the states").
_SPEECH_VERBS = (
    "say:said tell:told write:wrote add announce report! confirm explain warn claim! insist note! argue ask "
    "reply deny acknowledge admit:admitted urge stress! state! declare allege accuse suggest predict estimate! "
    "tweet! complain concede recall!"
).split()
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens percent"
).split()
_DATE_WORDS = [*WEEKDAYS, *(m for m in MONTH_NAMES if m != "may"), "today", "yesterday", "tonight", "weekend"]


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def speech_forms() -> list[str]:
    """Every reporting-verb form the speech mark looks for."""
    out: list[str] = []
    for entry in _SPEECH_VERBS:
        base, _, past = entry.rstrip("!").partition(":")
        out += [past or _past(base)] + ([] if entry.endswith("!") else [_third_person(base)])
    return out


# The words of these lists are whole runs of word characters, so `\b(?:a|b)\b` finds one exactly when one of the
# line's runs (_RUN) is among them: a set lookup per run instead of trying every alternative at every position
# (the searches were a twentieth of cleaning's time on lines_eval's run-together documents).
_RUN = re.compile(r"\w+")
_SPEECH = frozenset(speech_forms())
_ACCORDING = re.compile(r"\baccording to\b")
_DIGIT = re.compile(r"\d")
_FIGURE = frozenset(_NUMBER_WORDS)  # any case
# A month alone is ambiguous ("May", "March"): those two are left out of the list; "last week" and the like
# are dates too.
_DATE = frozenset(_DATE_WORDS)  # any case
_RELATIVE_DATE = re.compile(r"\b(?:last|next|this) (?:week|month|year)\b", re.IGNORECASE)
_PERIODS = frozenset(("week", "month", "year"))
# Someone or somewhere named in mid-sentence: a capitalised word after a lower-case word or a comma (a
# sentence's first word is capitalised whatever it is).
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
SENTENCE_WORDS = 8  # a full sentence has at least this many words; a list item or a label mostly has fewer


@lru_cache(maxsize=50_000)
def line_marks(text: str) -> tuple[float, ...]:
    """MARKS of one line, each 0.0 or 1.0."""
    words = len(_WORD.findall(text))
    runs = _RUN.findall(text)
    lower = {r.lower() for r in runs}
    return (float(words >= SENTENCE_WORDS and bool(_SENTENCE_END.search(text))),
            float(not _SPEECH.isdisjoint(runs) or ("according to" in text and bool(_ACCORDING.search(text)))),
            float(bool(_DIGIT.search(text)) or not _FIGURE.isdisjoint(lower)),
            float(bool(_NAME.search(text))),
            float(not _DATE.isdisjoint(lower) or (not _PERIODS.isdisjoint(lower) and bool(_RELATIVE_DATE.search(text)))))
