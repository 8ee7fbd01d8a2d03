"""Places: every place a story names, resolved offline to a gazetteer entry with coordinates.

Candidates come from GPE/LOC/FAC entities, from demonyms ("Colombian" names Colombia), and from gazetteer
names the tagger missed or mislabelled. Each distinct name then gets one reading for the whole story
(one sense per discourse), chosen by a score that adds a prior (kind of place, population, capital) to the
story's context: the countries its other places and demonyms point to, their neighbours, regions that
contain a candidate, distance to the story's other places, "City, Region" pairs and the dateline; names
listed together ("Utah, Washington and Ohio") are read as places of one kind, and words like "state of"
ask for the region. A small town the tagger missed is taken when the words before it make it one ("the
village of X"; "near X" only in a story about its country), a district when its name says so ("Metcalfe
County"); airports are places by their names ("Heathrow"). A name the tagger cut in two is put back
together ("French" + "Guiana", "People's" + "Republic of China"), a small town listed next to a place
("Tacloban and Babatngon") or written with its region or country ("Sukoharjo, Central Java") is taken in
a story about its country, and a region's adjective names the region ("Asian markets"). A capitalised
word the tagger left off the front of a place's name is put back ("Little" + "Portugal"). The choice is
iterated a few times so that confident names settle the ambiguous ones.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from ..geo.build import GENERIC_WORDS
from ..geo.gazetteer import Candidate, Gazetteer, get_gazetteer, haversine_km
from ..model import Place
from . import Stage
from .place_mentions import KIND, SCAN_MIN_POP_IN_CONTEXT, Name, find_names, is_airport, scan_ok

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..clean.story import Story
    from ..model import Article

ROUNDS = 6

# An airport counts as a city of about this size: news names only the big ones, and by name.
AIRPORT_PRIOR = 2.3


def _prior(c: Candidate) -> float:
    if is_airport(c):
        s = AIRPORT_PRIOR
    elif c.feature == "country":
        s = 4.0
    elif c.feature == "region":
        s = 3.5
    elif c.feature == "admin1":
        s = 1.3 + 0.3 * math.log10(c.population + 1)
    elif c.feature == "other":
        s = 0.8 + 0.25 * math.log10(c.population + 1)
    else:
        s = 0.45 * math.log10(c.population + 1) + (2.0 if c.capital else 0.0)
    if c.alt:
        s -= 0.6
    if c.lat is None:
        s -= 1.0
    return s


class _Context:
    """What the rest of the story says about where it is, as seen from one name (its own votes left out)."""

    def __init__(self, names: list[Name], demonyms: Counter[str], gaz: Gazetteer) -> None:
        self.names = names
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

    def score(self, name: Name, c: Candidate) -> float:
        s = _prior(c) + name.bias.get(c.pid, 0.0)
        own = self.votes.get(name.key, Counter())
        total = sum(self.total.values()) - sum(own.values())
        if total > 0 and c.country:
            share = (self.total[c.country] - own[c.country]) / total
            if share > 0:
                s += 1.0 + 3.0 * share
            elif c.feature != "region":
                nb = self.gaz.neighbours.get(c.country, frozenset())
                nshare = sum(self.total[x] for x in nb) / total
                if nshare > 0:
                    s += 0.3 + 1.0 * nshare
        near = inside = contains = listed = 0.0
        if name.admin_hint:
            s += 2.0 if c.feature in ("admin1", "other") else -2.0
        for key, o in self.chosen.items():
            if key == name.key or o.pid == c.pid:
                continue
            if key in name.siblings and o.feature in ("country", "admin1"):
                if o.feature != c.feature:
                    listed = min(listed, -1.5)  # "Utah, Washington and Ohio": the state, not the city
                elif c.feature == "country" or o.country == c.country:
                    listed = max(listed, 2.0)
            if c.parent is not None and o.pid == c.parent:
                inside = max(inside, 2.5 if key in name.within else 1.5)
            elif o.parent == c.pid:
                contains = 1.0
            elif key in name.within and o.feature == "country" and c.country == o.country:
                inside = max(inside, 2.5)
            if o.feature in ("city", "other") and c.feature in ("city", "other", "admin1") \
                    and c.lat is not None and o.lat is not None:
                d = haversine_km(c.lat, c.lon, o.lat, o.lon)
                near = max(near, 1.5 if d <= 50 else 1.0 if d <= 200 else 0.2 if d <= 600 else 0.0)
        return s + near + inside + contains + listed

def resolve(names: list[Name], demonyms: dict[str, list[tuple[int, int]]], gaz: Gazetteer) -> None:
    """Choose each name's reading; names the scan found and context does not support are dropped."""
    dem = Counter({cc: len(v) for cc, v in demonyms.items()})
    for n in names:
        n.choice = max(n.candidates, key=lambda c, n=n: _prior(c) + n.bias.get(c.pid, 0.0)) if n.candidates else None
    for _ in range(ROUNDS):
        ctx = _Context(names, dem, gaz)
        changed = False
        for n in names:
            if not n.candidates:
                continue
            best = max(n.candidates, key=lambda c: (ctx.score(n, c), c.population))
            changed |= best is not n.choice
            n.choice = best
        if not changed:
            break
    ctx = _Context(names, dem, gaz)
    for n in names:
        c = n.choice
        if c is None:
            continue
        in_context = c.country is not None and ctx.total[c.country] - ctx.votes[n.key][c.country] > 0
        if c.feature not in ("country", "region") and not in_context and set(n.key.split()) <= GENERIC_WORDS:
            n.choice = None
            continue
        if n.trimmed and not in_context and c.feature not in ("country", "region"):
            n.choice = None  # "West Midlands" read as a region called Midlands elsewhere
            continue
        if n.ner or (n.paired and any(
                ctx.chosen.get(k) is not None and (ctx.chosen[k].pid == c.parent or (
                    ctx.chosen[k].feature == "country" and ctx.chosen[k].country == c.country))
                for k in n.within)):
            continue
        if not ((scan_ok(c) and not c.alt) or
                (c.feature == "city" and c.population >= SCAN_MIN_POP_IN_CONTEXT and in_context) or
                (c.feature == "admin1" and in_context) or
                (c.feature == "city" and not c.alt and (n.cue == "kind" or (n.cue == "prep" and in_context))) or
                (c.feature == "city" and c.alt and n.cue == "kind" and in_context) or
                (c.feature == "city" and not c.alt and n.cue == "list" and in_context) or
                (n.dateline and not c.alt and c.feature in ("city", "admin1", "other")) or
                (c.feature == "other" and in_context and KIND.search(n.text) is not None)):
            n.choice = None


def places_for(article: Article, doc: Doc, gaz: Gazetteer | None = None) -> list[Place]:
    gaz = gaz or get_gazetteer()
    names, demonyms = find_names(article, doc, gaz)
    resolve(names, demonyms, gaz)
    by_pid: dict[int, tuple[Candidate, list[tuple[int, int]]]] = {}
    for n in names:
        if n.choice is not None:
            by_pid.setdefault(n.choice.pid, (n.choice, []))[1].extend(n.spans)
    for cc, spans in demonyms.items():
        c = gaz.countries.get(cc)
        if c is not None:
            by_pid.setdefault(c.pid, (c, []))[1].extend(spans)
    out = [
        Place(id=c.id, name=c.name, country=c.country, lat=c.lat, lon=c.lon, mentions=sorted(set(spans)),
              geonameid=c.geonameid, admin1=c.admin1, feature=c.feature)
        for c, spans in by_pid.values()
    ]
    out.sort(key=lambda p: p.mentions[0])
    return out


def run(article: Article, doc: Doc, story: Story) -> None:
    article.places = places_for(article, doc)


STAGE = Stage("places", run, needs=("entities",), components=("ner",))
