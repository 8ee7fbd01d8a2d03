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

from collections import Counter
from typing import TYPE_CHECKING

from ...geo.gazetteer import Candidate, Gazetteer, get_gazetteer
from ...geo.names import GENERIC_WORDS
from ...model import Place
from .. import Stage
from . import scorer
from .features import Context
from .mentions import KIND, SCAN_MIN_POP_IN_CONTEXT, Name, find_names, scan_ok
from .scorer import PlaceModel

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...clean.story import Story
    from ...model import Article

ROUNDS = 6


def _best(model: PlaceModel, ctx: Context, n: Name) -> Candidate:
    scores = model.scores(ctx.features(n, n.candidates))
    # Ties (a name's readings that nothing tells apart) go to the bigger place.
    return max(zip(scores, n.candidates, strict=True), key=lambda sc: (sc[0], sc[1].population))[1]


def resolve(names: list[Name], demonyms: dict[str, list[tuple[int, int]]], gaz: Gazetteer,
            model: PlaceModel | None = None) -> None:
    """Choose each name's reading; names the scan found and context does not support are dropped."""
    model = model or scorer.load()
    dem = Counter({cc: len(v) for cc, v in demonyms.items()})
    for n in names:
        n.choice = None
    # First what each reading is, with no story around it; then rounds in which the confident names settle
    # the ambiguous ones, until nothing changes.
    ctx = Context(names, dem, gaz)
    for n in names:
        n.choice = _best(model, ctx, n) if n.candidates else None
    for _ in range(ROUNDS):
        ctx = Context(names, dem, gaz)
        changed = False
        for n in names:
            if not n.candidates:
                continue
            best = _best(model, ctx, n)
            changed |= best is not n.choice
            n.choice = best
        if not changed:
            break
    _drop_unsupported(names, Context(names, dem, gaz))


def _drop_unsupported(names: list[Name], ctx: Context) -> None:
    """A name only the gazetteer scan found is kept when the place is big, or the story supports it."""
    for n in names:
        c = n.choice
        if c is None:
            continue
        in_context = ctx.in_context(n, c)
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


def places_for(article: Article, doc: Doc, gaz: Gazetteer | None = None,
               model: PlaceModel | None = None) -> list[Place]:
    gaz = gaz or get_gazetteer()
    names, demonyms = find_names(article, doc, gaz)
    resolve(names, demonyms, gaz, model)
    return chosen_places(names, demonyms, gaz)


def chosen_places(names: list[Name], demonyms: dict[str, list[tuple[int, int]]], gaz: Gazetteer) -> list[Place]:
    """The resolved names and the demonyms' countries as Places, one per gazetteer entry, in text order."""
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
