"""Trigger words that do not report an event of the story, told from the parse (parser labels and entities only).

- Figurative movement: MIGRATE is people leaving a place. "Investors fled the bond market", "the birds fled the
  storm" have no people (or no place) moving.
- Background mentions: a nominal trigger that explains another event ("struck back in retaliation for an arrest")
  or sits inside a relative clause describing something ("the man whose arrest sparked ...") is not itself an
  event the story reports.
- Cumulative tolls: "thousands have been killed in the war so far", "the conflict has killed 9,000 since 2014"
  are totals over a war, not an incident; "it was formed in 1964, carrying out attacks" is history.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .roles import PRONOUNS, clause_verb

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PEOPLE_ENTS = {"PERSON", "NORP", "ORG", "GPE"}  # a country or group leaving is its people
PLACE_ENTS = {"GPE", "LOC", "FAC"}
HUMAN_NOUNS = {
    "people", "persons", "person", "civilians", "civilian", "residents", "resident", "families", "family", "men",
    "man", "women", "woman", "children", "child", "kids", "refugees", "migrants", "citizens", "villagers",
    "inhabitants", "population", "locals", "thousands", "hundreds", "millions", "dozens", "tens", "many", "most",
    "some", "others", "youths", "youth", "students", "workers", "farmers", "voters", "conscripts", "recruits",
    "soldiers", "troops", "fighters", "rebels", "militants", "staff", "crew", "passengers", "tourists", "nationals",
    "minorities", "communities", "households", "asylum", "evacuees", "survivors", "patients", "pilgrims", "boys",
    "girls", "mothers", "fathers", "parents", "elderly",
}
# Nouns for a movement of people: they make a MIGRATE trigger literal but are not who moves.
MOVEMENT_NOUNS = {"number", "exodus", "wave", "flood", "stream", "influx", "flow", "outflow", "departure"}
HUMAN_SUFFIXES = ("ians", "ers", "ees", "ists", "ants", "ents", "ese", "ish", "ors")
PLACE_NOUNS = {
    "border", "borders", "country", "countries", "home", "homes", "city", "cities", "town", "towns", "village",
    "villages", "region", "area", "areas", "abroad", "camp", "camps", "capital", "province", "state", "frontier",
    "homeland", "territory", "neighbourhood", "neighborhood", "district", "island", "coast", "overseas", "exile",
}
# Nouns that make the noun under them a cause or a reason, not a reported event.
CAUSE_NOUNS = {"retaliation", "revenge", "response", "reprisal", "reaction", "answer", "punishment", "payback",
               "reason", "justification", "pretext", "excuse", "grounds"}
CAUSE_MARKS = {"because", "due", "owing"}
# "since 2014", "since the start of", "so far", "to date" ...
_SINCE = re.compile(r"\bsince\s+(?:\d{4}|the\s+(?:start|beginning|outbreak)|it\s+(?:began|started)|"
                    r"(?:the\s+)?(?:war|conflict|invasion|fighting)\s+(?:began|started|broke))", re.I)
_SPAN_YEARS = re.compile(r"\b(?:between|from)\s+\d{4}\s+(?:and|to)\s+\d{4}\b", re.I)
_TOTAL = re.compile(r"\b(?:so\s+far|to\s+date|in\s+total|altogether|in\s+all|over\s+the\s+(?:past|last)\s+"
                    r"(?:\w+\s+)?(?:years|decades|months)|(?:in|of|during)\s+(?:this|the)\s+(?:war|conflict)\b"
                    r"(?!\s+(?:zone|in\b)))", re.I)
# Incident nouns: a sentence naming one of these tells of one incident even with "so far" ("the toll of the
# bombing has risen to 12 so far").
INCIDENT_NOUNS = {"attack", "bombing", "blast", "explosion", "ambush", "raid", "shooting", "strike", "airstrike",
                  "massacre", "assault", "bomb", "shelling", "crash", "clash", "clashes", "attacks"}
CASUALTY_WORDS = {"killed", "died", "dead", "injured", "wounded", "deaths", "casualties", "lives", "toll", "victims"}
# What people flee: a mover that is only maybe people ("farmers", "investors") moves for real when one is named.
DANGER_NOUNS = {"war", "conflict", "fighting", "violence", "insurgency", "invasion", "persecution", "famine",
                "drought", "floods", "bombing", "bombings", "shelling", "gangs", "draft", "mobilisation",
                "mobilization", "conscription", "repression", "crackdown", "fire", "fires", "militias"}


def mover(tok: Token) -> Token | None:
    """Who moves: the subject of the trigger's clause, or the noun a participle describes ("Russians fleeing",
    "the number of Syrians leaving")."""
    verb = clause_verb(tok)
    for t in (tok, verb):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return next((c for c in tok.head.children if c.dep_ == "pobj"), None)
    if tok.dep_ in ("acl", "amod", "relcl") and tok.head != tok:
        return tok.head
    if verb.dep_ in ("acl", "relcl") and verb.head != verb:
        return verb.head
    return None


def human(t: Token) -> bool:
    return _human_level(t) > 0


def _human_level(t: Token) -> int:
    """2: surely people (an entity, a number, "residents"); 1: maybe ("investors", an unknown capitalised word);
    0: not people."""
    if t.ent_type_ in PEOPLE_ENTS or t.like_num:
        return 2
    w = t.lower_
    if w in HUMAN_NOUNS or w in MOVEMENT_NOUNS or w in PRONOUNS or w in ("who", "i", "we", "they", "he", "she"):
        return 2
    if w in ("that", "which") and t.head.dep_ == "relcl":
        return _human_level(t.head.head)
    # Plural demonyms and agent nouns ("Syrians", "protesters", "employees"); names the NER missed are
    # capitalised. Agent nouns are also markets' actors ("investors fled stocks"): only "maybe".
    return int(w.endswith(HUMAN_SUFFIXES) or (t.text[:1].isupper() and t.i > t.sent.start))


def figurative_migration(tok: Token, sent: Span) -> bool:
    """A MIGRATE trigger with a mover that is not people, or with neither people nor a place in sight."""
    who = mover(tok)
    if who is not None and who.lower_ == "number":
        who = next((c for c in who.children if c.dep_ == "prep"), who)
        who = next((c for c in who.children if c.dep_ == "pobj"), who)
    level = _human_level(who) if who is not None else None
    if level == 2:
        return False
    if level == 0:
        return True
    if level == 1:  # maybe people: they must leave a place, or flee what people flee
        return not any(t.ent_type_ in PLACE_ENTS or t.lower_ in PLACE_NOUNS or t.lower_ in DANGER_NOUNS for t in sent)
    return not any(t.ent_type_ in PLACE_ENTS | PEOPLE_ENTS or t.lower_ in PLACE_NOUNS or t.lower_ in HUMAN_NOUNS
                   for t in sent)


def background_mention(tok: Token) -> bool:
    """A nominal trigger that gives the cause of another event or describes something inside a relative clause."""
    # spaCy makes a new Token object on each access: compare positions, never identity.
    if clause_verb(tok).i == tok.i:
        return False  # a verb: the clause's own event
    restated = _restates(tok)
    if restated is not None and background_mention(restated):
        return True
    t = tok
    for _ in range(BACKGROUND_REACH):
        if t.head.i == t.i:
            return False
        parent = t.head
        if t.dep_ == "pobj" and parent.dep_ == "prep":
            owner = parent.head
            if owner.lower_ in CAUSE_NOUNS or (parent.lower_ in ("of", "to") and owner.lower_ in CAUSE_MARKS):
                return True
        if t.i != tok.i and t.dep_ in ("relcl", "acl"):
            return True  # the clause around the noun describes something else
        if t.i != tok.i and t.dep_ in ("ROOT", "ccomp", "conj", "advcl", "xcomp"):
            return False  # reached the clause the noun belongs to
        t = parent
    return False


# How many heads up from a nominal trigger a cause noun or a describing clause is looked for. e8a1125, hand-set,
# no recorded figure.
BACKGROUND_REACH = 8
_NOMINAL_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "conj"}
_LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "case"}


def _restates(tok: Token) -> Token | None:
    """The noun a dashed or bracketed phrase restates: in "the operation – the invasion of X –" the parser often
    hangs "invasion" on the verb, yet it is the operation again and shares its role."""
    doc = tok.doc
    left = tok.i
    while left > 0 and doc[left - 1].head.i == tok.i and doc[left - 1].dep_ in _LEFT_DEPS:
        left -= 1
    j = left - 1
    if j < 1 or doc[j].text not in ("–", "—", "(", "--"):
        return None
    k = j - 1
    while k > 0 and doc[k].text in ("”", '"', "’", "'", ")"):
        k -= 1
    return doc[k] if doc[k].dep_ in _NOMINAL_DEPS and doc[k].i != tok.i else None


def cumulative_toll(sent: Span) -> bool:
    """A sentence that totals casualties over a war or a period rather than reporting one incident."""
    words = {t.lower_ for t in sent}
    if not (words & CASUALTY_WORDS or any(t.like_num for t in sent)):
        return False  # a total counts something: "have already attacked the town twice" is not one
    text = sent.text
    if not (_SINCE.search(text) or _SPAN_YEARS.search(text) or _TOTAL.search(text) or _already_total(sent)):
        return False
    return not (words & INCIDENT_NOUNS)


_YEAR_OF = re.compile(r"\b(?:in|since|from|during|between|by|until)\s+(1[89]\d\d|20\d\d)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A sentence set this many years or more before the story's year is history. e8a1125, hand-set, no recorded figure.
HISTORY_YEARS = 3


def reference_year(published: str | None, text: str) -> int | None:
    """The story's own year: its publication date, else the latest year it mentions."""
    if published and published[:4].isdigit():
        return int(published[:4])
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def historical(sent: Span, ref_year: int | None) -> bool:
    """A sentence set years before the story's time ("in 1964", "between 1985 and 2018"): background."""
    if ref_year is None:
        return False
    years = [int(y) for y in _YEAR_OF.findall(sent.text)]
    return bool(years) and max(years) <= ref_year - HISTORY_YEARS


def _already_total(sent: Span) -> bool:
    """"have been killed ... already": a perfect tense with "already" over unnamed victims."""
    for t in sent:
        if t.lower_ == "already" and any(a.lower_ in ("have", "has", "had") for a in sent):
            return True
    return False


# Words that put a clause in the future or in a plan ("will meet", "plans a march", "is due to", "a planned
# strike"), and phrases of time that point ahead or far back. They lower an event's confidence (stage.py,
# NOT_NOW) rather than drop it: "the army will withdraw" is still PLOVER's intent, not ACLED's event.
FUTURE_AUX = {"will", "shall", "'ll", "would"}  # "would": the future of reported speech ("said they would")
PLAN_WORDS = {"plan", "plans", "planned", "planning", "scheduled", "due", "intend", "intends", "intended",
              "upcoming", "proposed", "expected", "prepare", "prepares", "preparing"}
_AHEAD = re.compile(r"\b(?:next (?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                    r"tomorrow|later this (?:week|month|year)|by (?:the )?(?:year's|year-|end of)|"
                    r"in the coming (?:days|weeks|months))", re.I)
_BACK = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty) years ago\b|"
                   r"\banniversary\b|\bcommemorat|\bin memory of\b", re.I)


def not_now(sent: Span, trigger: Token) -> str | None:
    """'future' when the event's clause is a plan or lies ahead, 'past' when the sentence recalls it from years
    back; None for an event of the story's own time."""
    from .roles import clause_verb  # the stage runs without a tagger: clauses by dependency only

    verb = clause_verb(trigger)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return "future"
    if any(t.lower_ in PLAN_WORDS for t in (trigger, *trigger.children, verb, verb.head)):
        return "future"
    if verb.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return "future"  # a headline's "Ministers to meet ..."
    if _AHEAD.search(sent.text):
        return "future"
    if _BACK.search(sent.text):
        return "past"
    return None


# Verbs that report an assertion as someone's, not as a fact: "claiming that Putin had agreed", "accused the
# army of shelling". An event under one keeps CLAIMED of its confidence (stage.py); a claim of responsibility
# is itself the event and keeps its own.
CLAIM_WORDS = {"claim", "claims", "claimed", "claiming", "allege", "alleges", "alleged", "alleging", "accuse",
               "accuses", "accused", "accusing", "insist", "insists", "insisted", "purported", "rumoured"}


def claimed(trigger: Token) -> bool:
    """The event's clause is the content of someone's claim or accusation."""
    t = trigger
    for _ in range(CLAIM_REACH):
        if t.head == t or t.dep_ not in CLIMB:
            return False
        t = t.head
        if t.lower_ in CLAIM_WORDS:
            return True
    return False


# Dependencies through which a clause or a noun is the content of the word above it ("accused X of shelling",
# "claiming that Y had agreed", "reports of a takeover").
CLIMB = {"ccomp", "xcomp", "pcomp", "pobj", "prep", "advcl", "dobj", "acl", "relcl", "compound"}
# How many heads up through CLIMB a claim word is looked for. 12f499e (false events on hard negatives .219 ->
# .152 with `claimed` and `denial` together), hand-set, no recorded figure for the reach.
CLAIM_REACH = 6


DENY = {"deny", "denies", "denied", "denying", "refute", "refutes", "refuted", "refuting"}
DISMISS = {"reject", "rejects", "rejected", "rejecting", "dismiss", "dismisses", "dismissed", "dismissing"}
ASSERTIONS = {"allegations", "allegation", "claims", "claim", "reports", "report", "accusations", "accusation",
              "suggestions", "rumours", "rumors"}


def denial(sent: Span) -> bool:
    """The sentence denies what it tells ("denied carrying out an air strike", "rejected allegations that its
    drones struck", "said reports of ... were false")."""
    for t in sent:
        low = t.lower_
        if low in DENY:
            return True
        if low in DISMISS and any(c.dep_ == "dobj" and c.lower_ in ASSERTIONS for c in t.children):
            return True
        if low in ASSERTIONS and t.dep_ == "nsubj" and any(
                c.lower_ in ("false", "untrue", "baseless", "unfounded", "fabricated") for c in t.head.children):
            return True
    return False
