"""Counted figures in French, Spanish and Russian: "au moins douze civils ont été tués", "más de 30 heridos",
"погибли не менее пяти человек".

Each number expression (numbers.py) gets the category of the cue nearest to it in its clause, read in
this order, as the English stage reads it (extract/figures.py):
1. the word counted is itself the cue: "12 morts", "30 heridos", "пять погибших";
2. a cue in the words after it, before the next number or the clause's end: "12 personnes ont été tuées";
3. a cue in the few words before it: "tuant 12 personnes", "murieron 12 personas", "погибли 12 человек".
The cue words are words for people (tués, heridos, погибли), so a cue makes a casualty whatever noun is
counted. "un"/"une"/"один" alone is a figure only as a casualty ("un policier tué"), and other number words
only when they count people or a casualty ("deux pays" is no figure).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Figure
from . import tables as tables_mod
from .numbers import Num, find_numbers
from .tables import Tables

CASUALTY = ("killed", "injured", "missing", "displaced", "arrested", "kidnapped")
WINDOW_AFTER = 60  # characters after a number in which its cue is read
WINDOW_BEFORE = 40
_CLAUSE_END = re.compile(r"[.;!?\n]|,\s+(?:et|y|и|mais|pero|но)\s|\s[-–—]\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# An aside on part of a count, set off by commas: "12 personnes, dont trois enfants, ont été tuées",
# "12 personas, entre ellas tres niños, murieron", "12 человек, в том числе трое детей, погибли".
_ASIDE = re.compile(r"\s*,\s*(?:dont|parmi\s+(?:eux|elles|lesquels|lesquelles)|entre\s+ell[oa]s|incluid[oa]s|"
                    r"в\s+том\s+числе|среди\s+них)\b[^,.;!?\n]{0,120},", re.I)
_NEXT_NUMBER = re.compile(r"\d")  # after an aside, a digit bounds the window (number words rarely follow there)


@lru_cache(maxsize=8)
def _cue_res(code: str) -> dict[str, re.Pattern[str]]:
    return {cat: re.compile(rf"(?<![\w])(?:{pat})", re.I) for cat, pat in tables_mod.get(code).cues.items()}


def _counted(text: str, end: int, not_nouns: frozenset[int]) -> tuple[str | None, int]:
    """The word a number counts ("personnes", after a "de"/"of" connector) and where it ends; None when the
    next word is a verb or an auxiliary by the parse ("30 resultaron heridas")."""
    m = re.match(r"\s*(?:(?:de|d['’]|des)\s+)?([^\W\d_][\w'’-]*)", text[end:end + 40])
    if not m or end + m.start(1) in not_nouns:
        return None, end
    return m.group(1).lower(), end + m.end(1)


def _first_cue(window: str, cues: dict[str, re.Pattern[str]], last: bool = False) -> str | None:
    hits = [(m.start(), cat) for cat, rx in cues.items() for m in rx.finditer(window)]
    if not hits:
        return None
    return (max(hits) if last else min(hits))[1]


def _verb_before(before: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    """The cue of a verb right before the number, which takes it as its object or subject: "tuant 19 fidèles
    et en blessant 30", "mató a 12", "погибли 12 человек, ранены 30"."""
    hits = [(m.end(), cat) for cat, rx in cues.items() for m in rx.finditer(before)]
    if not hits:
        return None
    end, cat = max(hits)
    return cat if re.fullmatch(r"\w*(?:\s+(?:a|à))?\s*", before[end:]) else None


def _around(text: str, n: Num, after_start: int, nxt_start: int, cues: dict[str, re.Pattern[str]]) -> str | None:
    """The cue in the number's clause: a verb right before it, else after it (and the word it counts, and an
    aside on part of the count), else the last one before it."""
    before = text[max(0, n.start - WINDOW_BEFORE):n.start]
    cut_b = list(_CLAUSE_END.finditer(before))
    before = before[cut_b[-1].end():] if cut_b else before
    cat = _verb_before(before, cues)
    if cat is not None:
        return cat
    aside = _ASIDE.match(text, after_start)
    if aside is not None:  # the numbers inside the aside count part of this one: read the clause after it
        after_start = aside.end()
        if nxt_start < after_start:
            nxt = _NEXT_NUMBER.search(text, after_start)
            nxt_start = nxt.start() if nxt else len(text)
    after = text[after_start:min(nxt_start, after_start + WINDOW_AFTER)]
    cut = _CLAUSE_END.search(after)
    return _first_cue(after[:cut.start()] if cut else after, cues) or _first_cue(before, cues, last=True)


def categorise(text: str, n: Num, nxt_start: int, t: Tables,
               not_nouns: frozenset[int] = frozenset()) -> tuple[str, str | None, int]:
    """(category, unit, end of the figure's text) of one number expression."""
    cues = _cue_res(t.code)
    noun, noun_end = _counted(text, n.end, not_nouns)
    person = noun is not None and noun in t.person_nouns
    own = next((c for c, rx in cues.items() if noun is not None and rx.fullmatch(noun)), None)
    if own in CASUALTY:
        return own, "people", noun_end  # "12 morts", "30 heridos", "пять погибших"
    cat = _around(text, n, noun_end, nxt_start, cues) or own  # "cinq soldats tués" is killed; "cinq soldats" troops
    end = noun_end if noun is not None and (person or cat is not None) else n.end
    if cat in CASUALTY and noun is not None and not person and n.value == 1:
        return cat, None, end  # "un ataque mató": the count is no person
    if cat is None:
        return "other", "people" if person else None, end
    return cat, "people" if person or cat in CASUALTY else None, end


def extract_figures(text: str, t: Tables | None, not_nouns: frozenset[int] = frozenset()) -> list[Figure]:
    """Figures of a story in a language with tables; with `t` None, digits only, uncategorised. `not_nouns`:
    start offsets of words the parse reads as verbs or auxiliaries."""
    nums = find_numbers(text, t)
    out: list[Figure] = []
    for i, n in enumerate(nums):
        if t is None:
            out.append(Figure(text=text[n.start:n.end], span=(n.start, n.end), category="other", qualifier=n.qualifier,
                              value=n.value, low=n.low, high=n.high))
            continue
        nxt = nums[i + 1].start if i + 1 < len(nums) else len(text)
        cat, unit, end = categorise(text, n, nxt, t, not_nouns)
        if n.value == 1 and n.words and (cat not in CASUALTY or unit != "people" or end == n.end):
            continue  # "un homme", "un ataque mató": an article, not a count, unless a person is the casualty
        if cat == "other" and unit is None and n.words and n.qualifier == "exact":
            continue  # "deux pays": number words with nothing person-like or casualty-like are rarely figures
        value = n.value
        out.append(Figure(text=text[n.start:end], span=(n.start, end), category=cat, qualifier=n.qualifier,
                          value=value, low=n.low, high=n.high, unit=unit))
    return out
