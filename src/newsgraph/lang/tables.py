"""The shape of one language's word tables, and where each language's tables live.

The tables are written from grammar and news usage (words_fr.py, words_es.py, words_ru.py), not taken from
a data set: each list is what a reporter writing in that language uses for speech, counts, dates and
violent events. Extractors in this package read only these tables, so adding a language is writing one
more words_xx.py module and listing it in MODULES.

Word forms are lower-case. Regex fragments (the `*_RE` fields) are matched case-insensitively against
lower-cased text, on whole words.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

# Languages with full extractors (entities, quotes, figures, dates, places, events), and their tables.
MODULES = {"fr": "words_fr", "es": "words_es", "ru": "words_ru"}


@dataclass(frozen=True)
class Tables:
    code: str
    # -- quotes --
    speech_verbs: frozenset[str]  # inflected forms as news writes them ("a déclaré" is matched as "déclaré")
    speech_lemmas: frozenset[str]  # lemmas, for the parser's reading of rarer forms
    according_to: tuple[str, ...]  # "selon", "según", "по словам": attribution before a name
    pronouns: dict[str, str]  # third-person subject pronoun -> "m", "f" or "p"
    quote_pairs: tuple[tuple[str, str], ...]  # (open, close) marks in order of preference
    dialogue_dash: bool  # whether "— text, — said X." marks a quote (Russian, also Spanish)
    # -- numbers --
    units: dict[str, int]  # number words that add ("cinq", "veinticinco", "пяти")
    scales: dict[str, int]  # number words that multiply what comes before ("mille", "mil", "тысяч")
    hundreds_multiply: frozenset[str]  # "cent(s)" in French multiplies a unit before it; elsewhere it adds
    joiners: frozenset[str]  # "et", "y": inside a number ("vingt et un", "treinta y dos")
    approx_nouns: dict[str, int]  # "une dizaine" -> about 10
    vague_nouns: dict[str, int]  # "des dizaines" -> vague, low = 2 x the value
    hedges: tuple[tuple[str, str], ...]  # (regex, qualifier) before a number, longest first
    not_counts: frozenset[str]  # words after a number that make it no count: years, ages, units, times
    # -- what is counted: category -> regex of stems (lower case, whole-word start) --
    cues: dict[str, str]
    person_nouns: frozenset[str]  # nouns that count people ("personnes", "civils", "человек")
    # -- dates --
    months: dict[str, int]  # every form: "mars", "marzo", "марта", "марте"
    weekdays: dict[str, int]  # Monday 0, every form: "mardi", "martes", "вторник", "среду"
    relative_days: dict[str, int]  # "hier" -> -1
    # -- events: PLOVER type -> mode -> regex of trigger stems --
    triggers: dict[str, dict[str, str]]
    negations: frozenset[str]  # a word right before a trigger that denies it
    future_re: str  # plans and calls ("appellent à manifester"): the event has not happened
    killed_one_re: str  # one person killed, no number: "a été tué", "fue asesinado", "убит"
    accident_re: str  # a story of an accident: its explosion is no attack ("fuite de gaz", "fábrica", "авария")
    armed_targets: frozenset[str]  # targets that make an attack a clash between armed sides
    # -- names --
    titles: frozenset[str]  # words before a person's name that are not part of it
    exonyms: dict[str, str] = field(default_factory=dict)  # own spelling -> English news spelling
    country_names: dict[str, str] = field(default_factory=dict)  # common short names -> ISO code
    # attribution only where it opens the sentence: "Pour le chercheur X, « ... »" ("pour" is mostly "for")
    opening_according_to: tuple[str, ...] = ()


def get(code: str) -> Tables:
    """The tables of a language with full extractors; KeyError for any other."""
    mod = importlib.import_module(f"{__package__}.{MODULES[code]}")
    return mod.TABLES


def words(text: str) -> frozenset[str]:
    """A space-separated list as a set: tables are easier to read and review written as prose lines."""
    return frozenset(text.split())
