"""Events: who did what to whom, where, when and how many — PLOVER types with ACLED-compatible labels.

Per sentence: hand-written triggers (events_lexicon) propose types; the parse drops what the sentence does
not assert (questions, conditionals, plans, denials; a negated acceptance becomes REJECT) and finds actor and
recipient (events_roles); the learned scorer (events_model, when shipped) ranks the proposed types. Per
story: mentions of one incident merge (a summary sentence and its detail are one event, with the detail's
counts), different incidents (other place, other means) stay apart, and "X attributed the attacks to Y"
makes Y the actor. Place, date and counts come from the places, dates and figures stages when they ran.

Per story, too, the scorer types the main event from the headline and lead (events_doc); that type resolves a
trigger that could be two types ("strike") and leans the scores of the lead's sentences towards it. It never adds
an event no sentence triggers. Triggers that report nothing of the story are dropped (events_filters): movement
without people ("investors fled"), nouns that give a cause ("in retaliation for an arrest"), war-long tolls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Actor, Event, stable_id
from . import Stage
from . import events_model as model_mod
from .events_acled import acled_labels
from .events_doc import DocType, blend, document_type
from .events_filters import (
    MOVEMENT_NOUNS,
    background_mention,
    cumulative_toll,
    figurative_migration,
    historical,
    human,
    mover,
    reference_year,
)
from .events_lexicon import MODE_CUES, MODE_RANK, Hit, find
from .events_roles import ACCEPT_WORDS, PRONOUNS, Phrase, attribution, factuality, negated, phrase, roles

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..clean.story import Story
    from ..model import Article

# Types whose incidents are told apart by place and means; the rest merge per story when nothing conflicts.
VIOLENT = {"ASSAULT", "COERCE"}
PLACE_RANK = {"city": 3, "admin1": 2, "region": 1, "other": 1, "country": 0}
# Named-entity types under which a trigger word is a name ("Relief International", "in March").
NAME_ENTS = {"DATE", "PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "TIME"}
MIN_CONFIDENCE = 0.45
# Types a news story mostly reports as statements: without an actor they are usually rhetoric, not events.
NEEDS_ACTOR = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "SANCTION", "MOBILIZE"}
# "seize the opportunity" is not a seizure.
IDIOM_OBJECTS = {"opportunity", "chance", "moment", "initiative", "occasion"}
MERGE_WINDOW = 6  # sentences
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


def _head(sent: Span, words: list[int], hit: Hit) -> Token:
    """The syntactic head of a (multi-word) trigger: the token whose head lies outside the match."""
    toks = [sent.doc[words[k]] for k in range(hit.start, hit.end)]
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head == t:
            return t
    return toks[-1]


def sentence_candidates(sent: Span, scores: dict[str, float] | None = None,
                        prefer: str | None = None, ref_year: int | None = None) -> list[Candidate]:
    """The events a sentence asserts, one per type, before story-level merging. `prefer` (the story's type)
    settles a trigger word that reads as two types; `ref_year` (the story's year) tells history from news."""
    idx = [t.i for t in sent if t.lower_ not in ("-", "–")]
    words = [sent.doc[i].lower_ for i in idx]
    found: dict[str, Candidate] = {}
    toll: bool | None = None
    for hit in find(words):
        tok = _head(sent, idx, hit)
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
    for tok in sent:
        # "would never accept", "won't allow": a rejection whatever the modal says.
        if tok.lower_ in ACCEPT_WORDS and negated(tok) and not sent.text.rstrip().endswith("?"):
            _add(found, Candidate("REJECT", sent, 0, tok, 1.0))
    lower = {t.lower_ for t in sent}
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
            c.confidence = round(0.6 * c.strength + 0.4 * rel, 3) if rel is not None else round(0.8 * c.strength, 3)
        else:
            c.confidence = round(0.8 * c.strength, 3)
        weak = c.strength < 0.8 and (not scores or p is None or p < 0.5 * max(scores.values()))
        if c.confidence >= MIN_CONFIDENCE and not weak:
            out.append(c)
    if prefer is not None and any(c.type == prefer for c in out):
        chosen = {c.trigger.i for c in out if c.type == prefer}
        out = [c for c in out if c.type == prefer or c.trigger.i not in chosen]
    return out


def _add(found: dict[str, Candidate], c: Candidate) -> None:
    """Keep, per type, the trigger highest in the tree (the main event rather than a modifier)."""
    old = found.get(c.type)
    if old is None or _depth(c.trigger) < _depth(old.trigger) or (
            _depth(c.trigger) == _depth(old.trigger) and c.strength > old.strength):
        if old is not None:
            c.mode = c.mode or old.mode
            c.strength = max(c.strength, old.strength)
        found[c.type] = c
    else:
        old.mode = old.mode or c.mode
        old.strength = max(c.strength, old.strength)


def _depth(t: Token) -> int:
    d = 0
    while t.head != t and d < 50:
        t, d = t.head, d + 1
    return d


# What an embedding verb makes of the event under it: "vowed to attack" is a threat, "refused to resign" a
# rejection, "urged X to withdraw" a request, "agreed to withdraw" an agreement.
GOVERNOR_TYPE = {
    **dict.fromkeys(("threaten", "threatens", "threatened", "vow", "vows", "vowed", "warn", "warns", "warned",
                     "swore", "sworn", "swear"), "THREATEN"),
    **dict.fromkeys(("refuse", "refuses", "refused", "reject", "rejects", "rejected", "declined", "declines",
                     "deny", "denies", "denied", "failed", "fails"), "REJECT"),
    **dict.fromkeys(("urge", "urges", "urged", "demand", "demands", "demanded", "ask", "asks", "asked", "call",
                     "calls", "called", "press", "pressed", "pressing", "pressuring", "pushing"), "REQUEST"),
    **dict.fromkeys(("agree", "agrees", "agreed", "offer", "offers", "offered", "promise", "promised", "pledge",
                     "pledged", "willing"), "AGREE"),
}


CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
COOPERATIVE = {"SUPPORT", "CONSULT", "AID", "COOPERATE", "CONCEDE", "RETREAT"}
FUTURE_AUX = {"will", "'ll", "shall", "would"}
INTENT_HEADS = {"ready", "willing", "prepared", "plans", "planned", "intends", "intended", "decided", "decides",
                "announced", "set"}


def intent(tok: Token) -> bool:
    """A stated future action ("will send", "is ready to host", "decided to impose"). PLOVER codes the intent to
    cooperate as AGREE and the intent to coerce or fight as THREATEN."""
    from .events_roles import clause_verb

    verb = clause_verb(tok)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in INTENT_HEADS


def _governor(tok: Token) -> Token | None:
    from .events_roles import clause_verb

    verb = clause_verb(tok)
    t = verb
    for _ in range(3):
        if t.head == t:
            return None
        t = t.head
        if t.lower_ in GOVERNOR_TYPE:
            return t
    return None


def type_scores(sent: Span) -> dict[str, float]:
    """Rule evidence per type for one sentence taken to report something (no event filtering): triggers weighted
    by strength and by how high they sit in the parse, re-read through negation, conditions and embedding."""
    idx = [t.i for t in sent if t.lower_ not in ("-", "–")]
    words = [sent.doc[i].lower_ for i in idx]
    out: dict[str, float] = {}

    def add(etype: str, score: float) -> None:
        out[etype] = max(out.get(etype, 0.0), score)

    conditional = bool({t.lower_ for t in sent} & {"unless", "if"})
    hits = find(words)
    trigger_tokens = {_head(sent, idx, h).i for h in hits}
    for hit in hits:
        tok = _head(sent, idx, hit)
        etype = hit.trigger.type
        weight = hit.trigger.strength / (1 + 0.5 * _depth(tok))
        gov_tok = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ in ("dobj", "pobj") and gov_tok.i in trigger_tokens and gov_tok.i != tok.i:
            weight *= 0.3  # the thing acted on ("lifted the ban", "dismissed the appeal"), not an act itself
        fact = factuality(tok, sent)
        gov = _governor(tok)
        if fact == "negated":
            if etype in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE"):
                add("REJECT", weight)
            continue
        if fact == "hypothetical" and conditional:
            add("THREATEN", 0.8 * weight)  # "will pull out unless ...": a conditional threat
            continue
        if gov is not None and fact == "embedded":
            add(GOVERNOR_TYPE[gov.lower_], weight * 1.2)
            add(etype, 0.4 * weight)
            continue
        if fact == "asserted" and intent(tok) and (etype in CONFLICTUAL or etype in COOPERATIVE):
            add("THREATEN" if etype in CONFLICTUAL else "AGREE", 0.9 * weight)
            add(etype, 0.6 * weight)
            continue
        if etype == "REQUEST" and negated(tok.head):
            add("REJECT", weight)  # "would not meet the demands"
            continue
        add(etype, weight * (1.0 if fact == "asserted" else 0.5))
    for tok in sent:
        if tok.lower_ in ACCEPT_WORDS and negated(tok):
            add("REJECT", 1.0)
        elif tok.lower_ == "must" and tok.dep_ == "aux":
            add("REQUEST", 0.6)  # "X said Y must return ...": a demand
    return out


def classify_sentence(sent: Span, model: model_mod.EventModel | None = None) -> str | None:
    """The single most likely type of a sentence taken to report an event (for evaluation on gold sentences):
    the learned scores weigh less than the rules (0.3): trained on whole stories, they are weak on one sentence.
    rule evidence and the learned scores combined, else the model's best guess."""
    cands = type_scores(sent)
    scores = model.scores(sent.text) if model else None
    if scores:
        top = max(scores.values())
        if not cands:
            return max(scores, key=scores.get)
        top_rule = max(cands.values())
        return max(cands, key=lambda k: 0.7 * cands[k] / top_rule + 0.3 * scores.get(k, 0.0) / top)
    return max(cands, key=cands.get) if cands else None


# --- story level --------------------------------------------------------------------------------------------

def _places_in(article: Article, start: int, end: int) -> list[Any]:
    out = []
    for p in getattr(article, "places", None) or []:
        for a, b in getattr(p, "mentions", None) or []:
            if start <= a and b <= end:
                out.append((a, p))
    return [p for _, p in sorted(out, key=lambda x: x[0])]


def _best_place(places: list[Any]) -> Any:
    if not places:
        return None
    return max(places, key=lambda p: PLACE_RANK.get(getattr(p, "feature", "other"), 1))


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


def _counts(article: Article, start: int, end: int) -> tuple[int | None, int | None]:
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


def _date(story: Story | None, start: int, end: int) -> str | None:
    for d in getattr(story, "dates", None) or []:
        span = getattr(d, "span", None)
        iso = getattr(d, "date_iso", None)
        if span and iso and start <= span[0] and span[1] <= end:
            return iso
    return None


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
    return c.index - last <= 1 and not (_specific(group.place) and _specific(c.place))


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
        same = [g for g in groups if g.type == s.type and g.index > s.index - 6]
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


def sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences, cut again at line breaks: a line is never part of another line's sentence."""
    out = []
    for sent in doc.sents:
        if "\n" not in sent.text:
            out.append(sent)
            continue
        start = sent.start
        for t in sent:
            if "\n" in t.text or (t.i > start and "\n" in doc[t.i - 1].whitespace_):
                if t.i > start:
                    out.append(doc[start:t.i])
                start = t.i + 1 if "\n" in t.text else t.i
        if start < sent.end:
            out.append(doc[start:sent.end])
    return [s for s in out if any(not t.is_space for t in s)]


def run(article: Article, doc: Doc, story: Story | None = None) -> None:
    article.events = extract_events(article, doc, story, model_mod.load())


def extract_events(article: Article, doc: Doc, story: Story | None = None,
                   model: model_mod.EventModel | None = None) -> list[Event]:
    sents = sentences(doc)
    story_type = document_type(getattr(article, "title", None), doc.text, model)
    ref_year = reference_year(article.published, doc.text)
    cands: list[Candidate] = []
    for i, sent in enumerate(sents):
        if not _has_trigger(sent):
            continue  # most sentences: no trigger, no parse walk, no scoring
        cs = sentence_candidates(sent, _scores(sent, model, story_type),
                                 story_type.type if story_type is not None else None, ref_year)
        for c in cs:
            c.index = i
            c.place = _best_place(_places_in(article, sent.start_char, sent.end_char))
            c.killed, c.injured = _counts(article, sent.start_char, sent.end_char)
            c.counted = c.killed is not None or c.injured is not None
            c.date = _date(story, sent.start_char, sent.end_char)
        cands.extend(cs)
    groups = merge(cands)
    _attribute(groups, sents)
    mentions = [(a, b, e.id) for e in getattr(article, "entities", None) or [] for a, b in e.mentions]
    published = (article.published or "")[:10] or None
    events = []
    for g in groups:
        # The sentence with the counts, else the one that names the group's actor, else the first.
        evidence = next((m for m in [g, *g.members] if m.counted), None) or next(
            (m for m in [g, *g.members] if g.actor is not None and m.sent.start <= g.actor.head.i < m.sent.end), g)
        span = (evidence.sent.start_char, evidence.sent.end_char)
        rec = g.recipient.text if g.recipient else None
        acled_type, acled_sub = acled_labels(g.type, g.mode, rec, g.words)
        events.append(Event(
            id=stable_id(article.id, g.type, span[0]), type=g.type, span=span, mode=g.mode,
            acled_type=acled_type, acled_subtype=acled_sub, actor=_actor(g.actor, mentions),
            recipient=_actor(g.recipient, mentions), place=g.place.id if g.place is not None else None,
            date=g.date or published, killed=g.killed, injured=g.injured, confidence=g.confidence,
        ))
    return events


def _scores(sent: Span, model: model_mod.EventModel | None, story_type: DocType | None) -> dict[str, float] | None:
    if model is None:
        return None
    in_lead = story_type is not None and sent.start_char < story_type.lead_end
    return blend(model.scores(sent.text), story_type, in_lead)


def _has_trigger(sent: Span) -> bool:
    words = [t.lower_ for t in sent]
    return bool(find([w for w in words if w not in ("-", "–")])) or not ACCEPT_WORDS.isdisjoint(words)


__all__ = ["STAGE", "classify_sentence", "document_type", "extract_events", "merge", "phrase",
           "sentence_candidates"]

STAGE = Stage("events", run, needs=("entities", "figures", "places", "dates"), components=("parser", "ner"))
