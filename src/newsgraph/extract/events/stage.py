"""Events: who did what to whom, where, when and how many — PLOVER types with ACLED-compatible labels.

Per sentence: hand-written triggers (triggers.py) propose types; the parse drops what the sentence does
not assert (questions, conditionals, plans, denials; a negated acceptance becomes REJECT) and finds actor and
recipient (roles.py); the learned scorer (scorer.py, when shipped) ranks the proposed types. Per
story: mentions of one incident merge (a summary sentence and its detail are one event, with the detail's
counts), different incidents (other place, other means) stay apart, and "X attributed the attacks to Y"
makes Y the actor. Place, date and counts come from the places, dates and figures stages when they ran.

Per story, too, the scorer types the main event from the headline and lead (document.py); that type resolves a
trigger that could be two types ("strike") and leans the scores of the lead's sentences towards it. It never adds
an event no sentence triggers. Triggers that report nothing of the story are dropped (filters.py): movement
without people ("investors fled"), nouns that give a cause ("in retaliation for an arrest"), war-long tolls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...model import Actor, Event, stable_id
from .. import Stage
from . import classifier
from . import scorer as model_mod
from .acled import LABEL_PLOVER, REMOTE, acled_labels, category
from .document import DocType, blend, document_type
from .filters import (
    MOVEMENT_NOUNS,
    background_mention,
    claimed,
    cumulative_toll,
    denial,
    figurative_migration,
    historical,
    human,
    mover,
    not_now,
    reference_year,
)
from .roles import (
    ACCEPT_WORDS,
    PRONOUNS,
    Phrase,
    attribution,
    factuality,
    negated,
    phrase,
    roles,
)
from .sentence import classify_sentence, depth, trigger_head
from .triggers import MODE_CUES, MODE_RANK, find
from .weights import (
    CLAIMED,
    MIN_CONFIDENCE,
    MODEL_SHARE,
    NEGATED_ACCEPT_STRENGTH,
    NOT_NOW,
    RULES_ONLY,
    TEMPER,
    TRIGGER_SHARE,
    WEAK_SHARE,
    WEAK_STRENGTH,
)
from .where import PLACE_RANK, SAYING, counts, event_date, event_place, place_id, places_in, story_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...clean.story import Story
    from ...model import Article

# Types whose incidents are told apart by place and means; the rest merge per story when nothing conflicts.
VIOLENT = {"ASSAULT", "COERCE"}
# Named-entity types under which a trigger word is a name ("Relief International", "in March").
NAME_ENTS = {"DATE", "PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "TIME"}
# Types a news story mostly reports as statements: without an actor they are usually rhetoric, not events.
NEEDS_ACTOR = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "SANCTION", "MOBILIZE"}
# "seize the opportunity" is not a seizure.
IDIOM_OBJECTS = {"opportunity", "chance", "moment", "initiative", "occasion"}
# Sentences apart within which two mentions of one type (without a conflict) are one incident, and before an
# attribution within which it names the attacks' actor. Hand-set in 6da6446 (issue 8), no recorded figure.
# Measured (events_eval --no-train --quick, 3 and 9): only the speed sample's event count moves (524 -> 536, 522).
MERGE_WINDOW = 6
# A violent mention with neither a specific place nor a shared target joins an incident only this many sentences
# on (the next sentence). Hand-set in 6da6446 (issue 8), no recorded figure.
NEXT_SENTENCES = 1
# Sentences before a summary ("after a car bombing and an attack on ...") within which the details it sums up are
# looked for. Hand-set in 6da6446 (issue 8), no recorded figure. Measured (3 and 9): events 524 -> 525, 523 only.
SUMMARY_WINDOW = 6
GENERIC_VIOLENCE = {"Armed clash", "Attack"}
# Types that report something happening (not a statement or an intent); one planned or recalled from years back
# keeps its event at NOT_NOW of its confidence (weights.py), below 0.5 for all but the surest.
HAPPENINGS = {"ASSAULT", "COERCE", "PROTEST", "DISASTER", "CRIME", "CLAIM", "MIGRATE"}
# A trigger that names its weapon ("bombings", "drone strike") is evidence no classifier's doubt overrules.
WEAPON_MODES = {"explosives", "suicide-attack", "drone", "aerial", "heavy-weapons", "grenade", "chemical"}
# Targets too common to tell one incident from another.
GENERIC_TARGETS = {"people", "persons", "civilians", "others", "members", "residents", "one", "man", "men", "women",
                   "children", "soldiers", "troops", "police", "officers", "forces", "targets"}
ATTRIBUTE_NOUNS = {"age", "spirit", "chance", "chances", "force", "season", "ability", "capacity", "words", "stance"}


@dataclass
class Candidate:
    type: str
    sent: Span
    index: int  # sentence number in the story
    trigger: Token
    strength: float
    mode: str | None = None
    actor: Phrase | None = None
    recipient: Phrase | None = None
    place: Any = None
    killed: int | None = None
    injured: int | None = None
    date: str | None = None
    confidence: float = 0.0
    counted: bool = False  # this sentence itself gave killed/injured (merging copies counts to the group)
    words: set[str] = field(default_factory=set)
    members: list[Candidate] = field(default_factory=list)
    label: str | None = None  # ACLED sub-event type or a label beyond ACLED (classifier.py), when learned


def sentence_candidates(sent: Span, scores: dict[str, float] | None = None,
                        prefer: str | None = None, ref_year: int | None = None,
                        lowers: list[str] | None = None) -> list[Candidate]:
    """The events a sentence asserts, one per type, before story-level merging. `prefer` (the story's type)
    settles a trigger word that reads as two types; `ref_year` (the story's year) tells history from news;
    `lowers`: the doc's lower-cased tokens when already read (_lowers)."""
    own = lowers[sent.start:sent.end] if lowers is not None else [t.lower_ for t in sent]
    idx = [sent.start + k for k, w in enumerate(own) if w not in ("-", "–")]
    words = [w for w in own if w not in ("-", "–")]
    found: dict[str, Candidate] = {}
    toll: bool | None = None
    for hit in find(words):
        tok = trigger_head(sent, idx, hit)
        if tok.ent_type_ in NAME_ENTS and tok.ent_type_ != "NORP":
            continue
        nxt = sent.doc[tok.i + 1].lower_ if tok.i + 1 < len(sent.doc) else ""
        if nxt in ATTRIBUTE_NOUNS:
            continue  # "fighting age", "strike force"
        if tok.dep_ in ("amod", "compound") and tok.head.i not in idx[hit.start:hit.end]:
            continue  # a modifier ("fighting age", "mobilisation age"); a trigger it modifies will count
        etype = hit.trigger.type
        if etype == "MIGRATE" and figurative_migration(tok, sent):
            continue
        if background_mention(tok):
            continue
        if etype in VIOLENT:
            toll = (cumulative_toll(sent) or historical(sent, ref_year)) if toll is None else toll
            if toll:
                continue
        fact = factuality(tok, sent)
        if fact == "negated" and etype in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE"):
            etype, fact = "REJECT", "asserted"
        if fact != "asserted":
            continue
        _add(found, Candidate(etype, sent, 0, tok, hit.trigger.strength, hit.trigger.mode))
    lower = set(own)
    for k in (k for k, w in enumerate(own) if w in ACCEPT_WORDS):
        # "would never accept", "won't allow": a rejection whatever the modal says.
        tok = sent.doc[sent.start + k]
        if negated(tok) and not sent.text.rstrip().endswith("?"):
            _add(found, Candidate("REJECT", sent, 0, tok, NEGATED_ACCEPT_STRENGTH))
    out = []
    for c in found.values():
        c.words = lower
        if c.type == "ASSAULT":
            modes = [m for m in [c.mode, *(MODE_CUES.get(w) for w in lower)] if m]
            if modes:
                c.mode = max(modes, key=lambda m: MODE_RANK.get(m, 0))
        c.actor, c.recipient = roles(c.trigger)
        if c.type == "MIGRATE":
            c.recipient = None  # where people go is a place, not a target
            who = mover(c.trigger) if c.actor is None else None
            if who is not None and human(who) and who.lower_ not in PRONOUNS | MOVEMENT_NOUNS:
                c.actor = phrase(who)  # "the number of Russians leaving": the Russians move
        if c.recipient is not None and c.recipient.head.lower_ in IDIOM_OBJECTS:
            continue
        if c.type in NEEDS_ACTOR and c.actor is None:
            continue
        p = None
        if scores:
            p = scores.get(c.type)
            top = max(scores.values())
            # The model only knows the 16 PLOVER types; MIGRATE rests on its triggers alone.
            rel = p / top if p is not None and top > 0 else None
            c.confidence = (round(TRIGGER_SHARE * c.strength + MODEL_SHARE * rel, 3) if rel is not None
                            else round(RULES_ONLY * c.strength, 3))
        else:
            c.confidence = round(RULES_ONLY * c.strength, 3)
        weak = c.strength < WEAK_STRENGTH and (not scores or p is None or p < WEAK_SHARE * max(scores.values()))
        if c.confidence >= MIN_CONFIDENCE and not weak:
            out.append(c)
    if prefer is not None and any(c.type == prefer for c in out):
        chosen = {c.trigger.i for c in out if c.type == prefer}
        out = [c for c in out if c.type == prefer or c.trigger.i not in chosen]
    return out


def _add(found: dict[str, Candidate], c: Candidate) -> None:
    """Keep, per type, the trigger highest in the tree (the main event rather than a modifier)."""
    old = found.get(c.type)
    if old is None or depth(c.trigger) < depth(old.trigger) or (
            depth(c.trigger) == depth(old.trigger) and c.strength > old.strength):
        if old is not None:
            c.mode = c.mode or old.mode
            c.strength = max(c.strength, old.strength)
        found[c.type] = c
    else:
        old.mode = old.mode or c.mode
        old.strength = max(c.strength, old.strength)


# --- story level --------------------------------------------------------------------------------------------

def _contains(big: Any, small: Any) -> bool:
    if big is None or small is None:
        return True
    if big.id == small.id:
        return True
    bf, sf = getattr(big, "feature", "other"), getattr(small, "feature", "other")
    if bf == "country":
        return big.country is not None and big.country == small.country
    if bf == "admin1" and sf == "city":
        return big.admin1 is not None and big.admin1 == small.admin1 and big.country == small.country
    return False


# Modes that can describe one incident: a suicide bombing is an explosion, a drone strike is from the air.
MODE_FAMILY = {"suicide-attack": "explosives", "grenade": "explosives", "drone": "aerial"}


def _conflict(a: Candidate, b: Candidate) -> bool:
    if a.mode and b.mode and MODE_FAMILY.get(a.mode, a.mode) != MODE_FAMILY.get(b.mode, b.mode):
        return True
    if a.type not in VIOLENT and a.actor is not None and b.actor is not None and (
            a.actor.head.lower_ != b.actor.head.lower_):
        return True
    if a.type == "MIGRATE":
        return False  # people leave one place for several: the places differ, the movement is one
    if a.place is not None and b.place is not None and not (_contains(a.place, b.place) or _contains(b.place, a.place)):
        return True
    return False


def _same_incident(group: Candidate, c: Candidate) -> bool:
    if group.type != c.type or _conflict(group, c):
        return False
    last = max(m.index for m in [group, *group.members])
    if group.type not in VIOLENT:
        same_actor = group.actor is not None and c.actor is not None
        return same_actor or c.index - last <= MERGE_WINDOW
    if _specific(group.place) and _specific(c.place):
        return True  # one contains the other (no conflict); a whole country says little about the incident
    nouns = {m.recipient.head.lower_ for m in [group, *group.members] if m.recipient} - GENERIC_TARGETS
    if c.recipient is not None and c.recipient.head.lower_ in nouns and c.index - last <= MERGE_WINDOW:
        return True  # the same target ("the helicopter") a few sentences on
    return c.index - last <= NEXT_SENTENCES and not (_specific(group.place) and _specific(c.place))


def _absorb(group: Candidate, c: Candidate) -> None:
    group.members.append(c)
    if c.mode and MODE_RANK.get(c.mode, 0) >= MODE_RANK.get(group.mode or "", -1):
        group.mode = c.mode
    if c.place is not None and (group.place is None or
                                PLACE_RANK.get(c.place.feature, 1) > PLACE_RANK.get(group.place.feature, 1)):
        group.place = c.place
    group.actor = group.actor or c.actor
    group.recipient = group.recipient or c.recipient
    if group.killed is None and group.injured is None:
        group.killed, group.injured = c.killed, c.injured
    group.date = group.date or c.date
    if c.label is not None and (group.label is None or c.confidence > group.confidence):
        group.label = c.label  # the surest sentence's label: a lead's summary over a detail's side remark
    group.confidence = max(group.confidence, c.confidence)
    group.words |= c.words


def _specific(place: Any) -> bool:
    return place is not None and getattr(place, "feature", "other") != "country"


def _is_summary(c: Candidate) -> bool:
    """A sentence that sums up several incidents: "after a car bombing and an attack on ..."."""
    n = 0
    for t in c.sent:
        if t.dep_ == "conj" and find([t.lower_]) and find([t.head.lower_]):
            n += 1
    plural = {"attacks", "incidents", "bombings", "explosions", "clashes", "protests", "strikes"}
    return n > 0 or bool(c.words & plural and c.words & {"both", "two", "three", "several", "series"})


def merge(cands: list[Candidate]) -> list[Candidate]:
    """One event per incident: details merge, summaries go when the details they sum up are there."""
    groups: list[Candidate] = []
    summaries: list[Candidate] = []
    for c in cands:
        if c.type in VIOLENT and _is_summary(c):
            summaries.append(c)
            continue
        for g in reversed(groups):
            if _same_incident(g, c):
                _absorb(g, c)
                break
        else:
            groups.append(c)
    for s in summaries:
        same = [g for g in groups if g.type == s.type and g.index > s.index - SUMMARY_WINDOW]
        if len(same) >= 2:
            continue  # the details carry it
        if len(same) == 1 and not _conflict(same[0], s):
            _absorb(same[0], s)
        else:
            groups.append(s)
    groups.sort(key=lambda g: g.index)
    return groups


def _attribute(groups: list[Candidate], sents: list[Span]) -> None:
    for i, sent in enumerate(sents):
        got = attribution(sent)
        if got is None:
            continue
        doer, several = got
        before = [g for g in groups if g.type == "ASSAULT" and i - MERGE_WINDOW <= g.index <= i]
        targets = before if several else before[-1:]
        for g in targets:
            g.actor = doer


def _actor(p: Phrase | None, mentions: list[tuple[int, int, str]]) -> Actor | None:
    if p is None:
        return None
    h = p.head
    for a, b, eid in mentions:
        if a <= h.idx < b:
            return Actor(p.text, eid)
    return Actor(p.text, None)


def _lowers(doc: Doc) -> list[str]:
    """Every token's lower-cased form, read from the doc's arrays: a Token object is made at every access."""
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(LOWER).tolist()]


def sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, cut again at line breaks: a line is never part of another line's sentence."""
    out = []
    text = doc.text
    for sent in doc.sents:
        stext = text[sent.start_char:sent.end_char]
        if "\n" not in stext:
            out.append(sent)
            continue
        if "\n" not in stext.rstrip():
            # Only the paragraph break after it: drop the trailing space tokens (as the walk below would).
            end = sent.end
            while end > sent.start and doc[end - 1].is_space and "\n" in doc[end - 1].text:
                end -= 1
            out.append(doc[sent.start:end])
            continue
        start = sent.start
        for t in sent:
            if "\n" in t.text or (t.i > start and "\n" in doc[t.i - 1].whitespace_):
                if t.i > start:
                    out.append(doc[start:t.i])
                start = t.i + 1 if "\n" in t.text else t.i
        if start < sent.end:
            out.append(doc[start:sent.end])
    return [s for s in out if text[s.start_char:s.end_char].strip()]


def run(article: Article, doc: Doc, story: Story | None = None) -> None:
    article.events = extract_events(article, doc, story, model_mod.load())


def extract_events(article: Article, doc: Doc, story: Story | None = None,
                   model: model_mod.EventModel | None = None) -> list[Event]:
    sents = sentences(doc)
    text = doc.text  # spaCy joins the tokens anew at every read
    lowers = _lowers(doc)
    story_type = document_type(getattr(article, "title", None), text, model)
    ref_year = reference_year(article.published, text)
    published = (article.published or "")[:10] or None
    cands: list[Candidate] = []
    labeller = classifier.load()
    lead = classifier.Lead(labeller, text, sents) if labeller is not None else None
    for i, sent in enumerate(sents):
        labels = lead.scores(sent) if lead is not None else None
        cs = []
        if _has_trigger(sent, lowers):  # most sentences have none: no parse walk
            cs = sentence_candidates(sent, _scores(sent, model, story_type, lead),
                                     story_type.type if story_type is not None else None, ref_year, lowers)
            for c in cs:
                _label(c, labels)
        if labels:
            # The classifier may find an event no trigger names (an earthquake, a drug haul), or one the triggers
            # typed as something it disbelieves ("retook the town ... at a rally"); a triggered event it finds
            # likely (a flight across a border, a refusal) stands without it.
            kept = [c for c in cs if c.mode in WEAPON_MODES
                    or classifier.likelihood(labels, c.type) >= classifier.OVERRULE]
            learned = _learned_candidate(sent, labels, ref_year)
            if learned is not None and not kept:
                cs = [learned]
            elif learned is not None and learned.strength >= classifier.BESIDE_MIN and all(
                    c.type != learned.type for c in kept):
                cs = [*kept, learned]  # "bandits burned 40 houses after residents fled": both happened
        for c in cs:
            c.index = i
            if (c.label is not None or c.type in HAPPENINGS) and not_now(sent, c.trigger):
                c.confidence = round(c.confidence * NOT_NOW, 3)
            if c.type not in ("CLAIM", "REJECT") and (claimed(c.trigger) or denial(sent)):
                c.confidence = round(c.confidence * CLAIMED, 3)
            c.place = event_place(sent, c.trigger, c.actor, places_in(article, sent.start_char, sent.end_char))
            c.killed, c.injured = counts(article, sent.start_char, sent.end_char)
            c.counted = c.killed is not None or c.injured is not None
            c.date = event_date(story, sent, c.trigger, published)
        cands.extend(cs)
    groups = merge(cands)
    _attribute(groups, sents)
    fallback = story_place(article, doc, sents[0].end_char) if sents and groups else None
    mentions = [(a, b, e.id) for e in getattr(article, "entities", None) or [] for a, b in e.mentions]
    events = []
    for g in groups:
        # The sentence with the counts, else the one that names the group's actor, else the first.
        evidence = next((m for m in [g, *g.members] if m.counted), None) or next(
            (m for m in [g, *g.members] if g.actor is not None and m.sent.start <= g.actor.head.i < m.sent.end), g)
        span = (evidence.sent.start_char, evidence.sent.end_char)
        rec = g.recipient.text if g.recipient else None
        acled_type, acled_sub = acled_labels(g.type, g.mode, rec, g.words)
        # ACLED codes remote violence by the weapon first: a named remote weapon (drone, bomb, shell, grenade)
        # keeps its sub-type over the classifier's generic clash or attack.
        if g.label is not None and not (g.label in GENERIC_VIOLENCE and acled_type == REMOTE):
            acled_type, acled_sub = category(g.label), g.label
        events.append(Event(
            id=stable_id(article.id, g.type, span[0]), type=g.type, span=span, mode=g.mode,
            acled_type=acled_type, acled_subtype=acled_sub, actor=_actor(g.actor, mentions),
            recipient=_actor(g.recipient, mentions), place=place_id(g.place or fallback),
            date=g.date or published, killed=g.killed, injured=g.injured, confidence=g.confidence,
        ))
    return events


def _learned_candidate(sent: Span, labels: dict[str, float], ref_year: int | None) -> Candidate | None:
    """An event the classifier finds in a sentence without a trigger, when it is sure enough and the sentence
    asserts something of now (not a question, not history)."""
    got = classifier.new_event(labels)
    if got is None or sent.text.rstrip().endswith("?") or historical(sent, ref_year) or denial(sent):
        return None
    if LABEL_PLOVER[got[0]][0] in VIOLENT and cumulative_toll(sent):
        return None  # a war's or a period's total, as the triggers' path drops it
    label, p = got
    etype, mode = LABEL_PLOVER[label]
    tok = sent.root
    if tok.lower_ in SAYING:
        tok = next((c for c in tok.children if c.dep_ == "ccomp"), tok)
    if factuality(tok, sent) != "asserted":
        return None
    c = Candidate(etype, sent, 0, tok, p, mode, label=label, confidence=round(p, 3))
    c.words = {t.lower_ for t in sent}
    c.actor, c.recipient = roles(tok)
    return c


def _label(c: Candidate, labels: dict[str, float] | None) -> None:
    """The learned label of a triggered event among those its type allows, and its confidence tempered by how
    likely the sentence reports an event at all."""
    if not labels:
        return
    c.label, _ = classifier.label_for(labels, c.type)
    # TEMPER (weights.py) of the weight on the classifier's probability that the sentence reports an event of this
    # type: a history, a film plot or a rally word in a report of fighting keeps its event but loses its certainty.
    c.confidence = round(c.confidence * (1 - TEMPER + TEMPER * classifier.likelihood(labels, c.type)), 3)


def _scores(sent: Span, model: model_mod.EventModel | None, story_type: DocType | None,
            lead: classifier.Lead | None = None) -> dict[str, float] | None:
    if model is None:
        return None
    in_lead = story_type is not None and sent.start_char < story_type.lead_end
    words = lead.words(sent) if lead is not None and model.analyser is model_mod.features else None
    return blend(model.scores(sent.text, words), story_type, in_lead)


def _has_trigger(sent: Span, lowers: list[str]) -> bool:
    words = lowers[sent.start:sent.end]
    return bool(find([w for w in words if w not in ("-", "–")])) or not ACCEPT_WORDS.isdisjoint(words)


__all__ = ["STAGE", "classify_sentence", "document_type", "extract_events", "merge", "phrase",
           "sentence_candidates"]

# `id` seeds the events' ids; `title` and `text` give the story's type; the rest are each event's evidence.
STAGE = Stage("events", run, components=("parser", "ner"),
              reads={"id", "title", "text", "published", "entities", "figures", "places", "dates"}, adds={"events"})
