"""Where, when and how many, from the event itself: the place its own sentence names (not a demonym modifying a
person, a speaker's surname, or a country that is only the actor), else the story's dateline or focus; the date
of its own clause, never a year from a clause about plans and never after the story's date; the counts of its
sentence.

Reads the record's places and figures, the story's resolved date mentions and the parsed sentence; the events
stage writes what these return into each event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lexicon import SAYING
from .roles import HYPOTHETICAL_AUX, Phrase, clause_verb, factuality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...clean.story import Story
    from ...model import Article

# How specific a place is: an event takes the most specific place its sentence names. An order, not a tuned figure.
PLACE_RANK = {"city": 3, "admin1": 2, "region": 1, "other": 1, "country": 0}
# Nouns a place name modifies and still names a place ("Dorvale district", "the Kandahar road").
PLACE_NOUNS = {"district", "districts", "province", "region", "county", "village", "town", "city", "state", "area",
               "municipality", "governorate", "department", "prefecture", "township", "camp", "border", "valley",
               "river", "island", "neighbourhood", "neighborhood", "suburb", "port", "road", "highway", "outskirts",
               "countryside", "oblast", "commune", "division", "zone", "settlement", "refinery", "airport", "base"}


def places_in(article: Article, start: int, end: int) -> list[tuple[int, int, Any]]:
    out = []
    for p in getattr(article, "places", None) or []:
        for a, b in getattr(p, "mentions", None) or []:
            if start <= a and b <= end:
                out.append((a, b, p))
    return sorted(out, key=lambda x: x[0])


# Prepositions that put an event somewhere ("in", "near", "outside"), and those that only point away from it.
LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "on", "into", "throughout", "within"}
AWAY = {"from", "of", "to", "toward", "towards", "than"}
# Score of a place a locative preposition ties to the event, on top of its PLACE_RANK, and of one a preposition
# points away from ("from Kabul"): a locative tie outranks a more specific place, an away one falls a rank.
# Hand-set in a5c9ab2, no recorded figure. Measured (events_eval --no-train --quick, x0.5 and x1.5): LOCATIVE_BONUS
# 1.0: snippets' country .622 -> .621, 3.0: nothing; AWAY_PENALTY 0.5: place .388 -> .391, country -> .621, 1.5:
# place -> .382. HRDsAttack's country and city do not move.
LOCATIVE_BONUS = 2.0
AWAY_PENALTY = 1.0
# A story's focus place (when no place is early in it) must be named at least this many times. Hand-set in
# a5c9ab2, no recorded figure.
MIN_FOCUS_MENTIONS = 2


def _where_root(doc: Doc, a: int, b: int) -> Token | None:
    """The head token of a place mention that can say where something happened; None for a place that only
    modifies a noun ("United States service members", "Rwandan forces") or a speaker read as a town ("Kennedy
    said")."""
    toks = doc.char_span(a, b, alignment_mode="expand")
    if toks is None:
        return None
    root = toks.root
    if root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.ent_type_ not in ("GPE", "LOC", "FAC") \
            and root.head.lower_ not in PLACE_NOUNS:
        return None
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in SAYING:
        return None
    return root


def event_place(sent: Span, trigger: Token, actor: Phrase | None, mentions: list[tuple[int, int, Any]]) -> Any:
    """The place the event's own sentence puts it in: never a modifier or a speaker (`_where_root`), or a country
    acting as the actor; among the rest the one a locative preposition ties to the event, then the most
    specific (PLACE_RANK)."""
    best, best_score = None, -1.0
    acting = set(range(actor.head.left_edge.i, actor.head.right_edge.i + 1)) if actor is not None else set()
    for a, b, place in mentions:
        root = _where_root(sent.doc, a, b)
        if root is None or root.i in acting or (root.dep_ == "nsubj" and root.head == clause_verb(trigger)):
            continue
        score = float(PLACE_RANK.get(getattr(place, "feature", "other"), 1))
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
            score += LOCATIVE_BONUS  # "in Cali", "near the border town of X"
        elif root.dep_ == "pobj" and root.head.lower_ in AWAY:
            score -= AWAY_PENALTY  # "from Kabul", "south of the capital"
        if score > best_score:
            best, best_score = place, score
    return best


def place_id(place: Any) -> str | None:
    return place.id if place is not None else None


def story_place(article: Article, doc: Doc, head_end: int) -> Any:
    """Where a story without a place in the event's sentence happens: the first place of its dateline or first
    sentence (up to head_end) that can say where, else the place it names most often if at least twice."""
    places = getattr(article, "places", None) or []
    early = [(a, p) for p in places for a, b in p.mentions if a < head_end and _where_root(doc, a, b) is not None]
    if early:
        return min(early, key=lambda x: x[0])[1]
    ranked = sorted(places, key=lambda p: (len(p.mentions), PLACE_RANK.get(p.feature, 1)), reverse=True)
    return ranked[0] if ranked and len(ranked[0].mentions) >= MIN_FOCUS_MENTIONS else None


def counts(article: Article, start: int, end: int) -> tuple[int | None, int | None]:
    killed = injured = None
    for f in getattr(article, "figures", None) or []:
        a, b = f.span
        if not (start <= a and b <= end):
            continue
        v = f.value if f.value is not None else f.low
        if v is None:
            continue
        if f.category == "killed" and killed is None:
            killed = int(v)
        elif f.category == "injured" and injured is None:
            injured = int(v)
    return killed, injured


def event_date(story: Story | None, sent: Span, trigger: Token, published: str | None) -> str | None:
    """The date the event's own clause gives: a date in the trigger's clause, or in a clause above it ("said on
    Tuesday that ..."), or below it when that clause asserts something (not "could not support a rise before
    2027"); never one after the story's publication date, since a reported event has happened."""
    verb = clause_verb(trigger)
    for d in story.dates if story is not None else ():  # the DateMentions of the dates stage
        span, iso = d.span, d.date_iso
        if not (iso and sent.start_char <= span[0] and span[1] <= sent.end_char):
            continue
        if published and iso[:len(published)] > published[:len(iso)]:
            continue
        toks = sent.doc.char_span(span[0], span[1], alignment_mode="expand")
        if toks is None:
            continue
        dverb = clause_verb(toks.root)
        if dverb == verb or dverb in verb.ancestors:
            return iso
        if dverb in verb.subtree and factuality(dverb, sent) == "asserted" and not any(
                a.dep_ == "aux" and a.lower_ in HYPOTHETICAL_AUX for a in dverb.children):
            return iso
    return None
