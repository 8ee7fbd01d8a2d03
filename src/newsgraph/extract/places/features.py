"""What a story says for and against each reading of a place name, as a vector the place model weighs.

A reading's features are of two kinds: what the place is (kind, population, capital, matched through another
spelling, overshadowed by a same-named country or region) and what the rest of the story says (the share of its
other places and demonyms in the reading's country or a neighbour, a region written with it, places listed with
it, a chosen place that contains it or lies near it). The weights are learned (scripts/train_places.py); this module
only measures. Context is always seen from one name with that name's own votes left out, so a name cannot vote for
its own reading.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

import numpy as np

from ...geo.gazetteer import Candidate, Gazetteer, haversine_km
from .mentions import Name, is_airport

FEATURES = (
    "country", "region", "admin1", "other", "city", "airport",
    "admin1_logpop", "other_logpop", "city_logpop", "capital", "alt", "no_point",
    "namesake_city", "namesake_other", "city_over_region", "top_population",
    "in_story_country", "story_country_share", "in_neighbour", "neighbour_share",
    "region_word_fits", "region_word_misfits", "listed_same_kind", "listed_other_kind",
    "inside_written", "inside_chosen", "in_written_country", "contains_chosen",
    "near_50km", "near_200km", "near_600km",
)
INDEX = {f: i for i, f in enumerate(FEATURES)}


_NO_VOTES: Counter[str] = Counter()  # read only: a name without votes
_GEO_FEATURES = ("city", "other", "admin1")  # readings whose distance to a chosen place counts


class Context:
    """The story's places as chosen so far, and the country votes they and its demonyms cast."""

    def __init__(self, names: list[Name], demonyms: Counter[str], gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.votes: dict[str, Counter[str]] = {}
        self.total = Counter(demonyms)
        for n in names:
            v: Counter[str] = Counter()
            if n.choice is not None and n.choice.country:
                # A place votes for its country; a dateline speaks for the whole story.
                v[n.choice.country] += min(len(n.spans), 3) * (3 if n.dateline else 1)
            self.votes[n.key] = v
            self.total.update(v)
        self.chosen = {n.key: n.choice for n in names if n.choice is not None}
        # What _story reads of every chosen place for every reading of every name, read once.
        self._total_votes = sum(self.total.values())
        self._chosen = [(key, o, o.feature in ("city", "other") and o.lat is not None and o.lon is not None)
                        for key, o in self.chosen.items()]

    def in_context(self, name: Name, c: Candidate) -> bool:
        """Some other place or demonym of the story is in this reading's country."""
        own = self.votes.get(name.key, Counter())
        return c.country is not None and self.total[c.country] - own[c.country] > 0

    def features(self, name: Name, cands: tuple[Candidate, ...]) -> np.ndarray:
        """One row per reading of `name`."""
        top = max((c.population for c in cands), default=0)
        namesake = any(c.feature in ("country", "region") and not c.alt for c in cands)
        out = np.zeros((len(cands), len(FEATURES)), dtype=np.float64)
        own = self.votes.get(name.key, _NO_VOTES)
        total = self._total_votes - sum(own.values())
        for i, c in enumerate(cands):
            _own(out[i], c, cands, namesake, top)
            self._story(out[i], name, c, own, total)
        return out

    def _story(self, row: np.ndarray, name: Name, c: Candidate, own: Counter[str], total: int) -> None:
        """What the rest of the story says of reading `c`: `own` is the name's own votes, `total` the votes of
        everything else."""
        if total > 0 and c.country:
            share = (self.total[c.country] - own[c.country]) / total
            if share > 0:
                row[INDEX["in_story_country"]] = 1.0
                row[INDEX["story_country_share"]] = share
            elif c.feature != "region":
                nb = self.gaz.neighbours.get(c.country, frozenset())
                nshare = sum(self.total[x] for x in nb) / total
                if nshare > 0:
                    row[INDEX["in_neighbour"]] = 1.0
                    row[INDEX["neighbour_share"]] = nshare
        if name.admin_hint:
            row[INDEX["region_word_fits" if c.feature in ("admin1", "other") else "region_word_misfits"]] = 1.0
        for f in self._relations(name, c):
            row[INDEX[f]] = 1.0

    def _relations(self, name: Name, c: Candidate) -> set[str]:
        """The features `c` gets from the chosen places: listed with it, containing it or inside it, near it."""
        found: set[str] = set()
        near = 0
        geo = c.feature in _GEO_FEATURES and c.lat is not None and c.lon is not None
        for key, o, o_geo in self._chosen:
            if key == name.key or o.pid == c.pid:
                continue
            if key in name.siblings and o.feature in ("country", "admin1"):
                if o.feature != c.feature:
                    found.add("listed_other_kind")  # "Utah, Washington and Ohio": the state, not the city
                elif c.feature == "country" or o.country == c.country:
                    found.add("listed_same_kind")
            if c.parent is not None and o.pid == c.parent:
                found.add("inside_written" if key in name.within else "inside_chosen")
            elif o.parent == c.pid:
                found.add("contains_chosen")
            elif key in name.within and o.feature == "country" and c.country == o.country:
                found.add("in_written_country")
            if geo and o_geo and near < 3:
                near = max(near, _nearness(c.lat, c.lon, o.lat, o.lon))
        if near:
            found.add(("near_600km", "near_200km", "near_50km")[near - 1])
        return found


@lru_cache(maxsize=65536)
def _nearness(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    """3 within 50 km, 2 within 200 km, 1 within 600 km, else 0; cached: the same pairs come back in every
    round of resolve() and in every story about the same places."""
    d = haversine_km(lat1, lon1, lat2, lon2)
    return 3 if d <= 50 else 2 if d <= 200 else 1 if d <= 600 else 0


def _own(row: np.ndarray, c: Candidate, cands: tuple[Candidate, ...], namesake: bool, top: int) -> None:
    """What the reading is, whatever the story says."""
    logpop = math.log10(c.population + 1)
    if is_airport(c):
        row[INDEX["airport"]] = 1.0
    elif c.feature in ("country", "region"):
        row[INDEX[c.feature]] = 1.0
    elif c.feature in ("admin1", "other"):
        row[INDEX[c.feature]] = 1.0
        row[INDEX[c.feature + "_logpop"]] = logpop
    else:
        row[INDEX["city"]] = 1.0
        row[INDEX["city_logpop"]] = logpop
        row[INDEX["capital"]] = float(c.capital)
    row[INDEX["alt"]] = float(c.alt)
    row[INDEX["no_point"]] = float(c.lat is None)
    if namesake and c.feature not in ("country", "region"):
        # A village named like a country ("Russia", Ohio) against the country.
        row[INDEX["namesake_city" if c.feature == "city" else "namesake_other"]] = 1.0
    if c.feature == "city" and not c.alt and any(
            d.feature == "admin1" and d.country == c.country and c.population >= 0.1 * d.population for d in cands):
        row[INDEX["city_over_region"]] = 1.0  # "Aleppo", "Washington": news means the city far more often
    row[INDEX["top_population"]] = float(c.population == top and top > 0)
