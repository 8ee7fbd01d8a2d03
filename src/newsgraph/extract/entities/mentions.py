"""Mention: a typed span the entity extractor works with before names are merged into Entities, and the two
word tests the entity rule modules (stage.py, type_rules.py, tables.py) share.

Its own module so that the type every entity rule passes around does not live in the sports-table rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...geo.names import place_kind


@dataclass
class Mention:
    text: str
    type: str
    start: int
    end: int
    sure: bool = False  # typed by a rule that knows better than the gazetteer (a team named after its town)
    echo: bool = False  # found as a repeat of a tagged name: it takes that name's type and has no vote


@lru_cache(maxsize=65536)
def cached_place_kind(name: str) -> str | None:
    """geo.names.place_kind, cached: the entity rules ask about the same names many times per story."""
    return place_kind(name)


def common_word(name: str, above: float = 2e-5) -> bool:
    """One word at least this frequent in English (wordfreq): a word, not a name."""
    # Imported here: newsgraph.clean's package imports the whole cleaning stage.
    from ...clean.words import freq

    return " " not in name and freq(name.lower()) > above
