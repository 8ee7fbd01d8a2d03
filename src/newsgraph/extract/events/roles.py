"""Roles and factuality from the dependency parse: who acted (actor), on whom (recipient), and whether the
sentence asserts the event at all (questions, conditionals, plans, denials and negations do not).

Works on the parser's labels only (no tagger or lemmatizer: the events stage asks for parser and ner).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...lexicon import REPORTING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Governing verbs whose complement is not (yet) a fact: "planned to attack", "denied attacking".
NON_FACTUAL = {
    "plan", "plans", "planned", "planning", "want", "wants", "wanted", "intend", "intends", "intended", "hope",
    "hopes", "hoped", "seek", "seeks", "sought", "consider", "considers", "considered", "considering", "prepare",
    "prepares", "prepared", "preparing", "threaten", "threatens", "threatened", "threatening", "vow", "vows",
    "vowed", "promise", "promises", "promised", "pledge", "pledged", "pledges", "aim", "aims", "aimed", "deny",
    "denies", "denied", "refuse", "refuses", "refused", "reject", "rejects", "rejected", "urge", "urges", "urged",
    "demand", "demands", "demanded", "ask", "asks", "asked", "warn", "warns", "warned", "accuse", "accuses",
    "accused", "fear", "fears", "feared", "propose", "proposes", "proposed", "offer", "offers", "offered", "agree",
    "agrees", "agreed", "try", "tries", "tried", "attempt", "attempted", "expect", "expects", "expected", "likely",
    "unlikely", "able", "ready", "willing", "would", "could", "call", "calls", "called",
}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "'d", "ought"}
CONDITION_MARKS = {"if", "unless", "whether"}
NEGATIONS = {"not", "n't", "never", "no"}
# Verbs of acceptance: negated ("would never accept", "won't allow") they are a rejection.
ACCEPT_WORDS = {
    "accept", "accepts", "accepted", "accepting", "allow", "allows", "allowed", "tolerate", "tolerates",
    "approve", "approves", "recognize", "recognise", "recognizes", "recognises", "agree", "agrees", "agreed",
    "support", "supports", "endorse", "endorses",
}
# Heads of noun phrases that are the means of an attack, not an actor: "a drone attacked", "a car bomb killed".
INSTRUMENTS = {
    "vehicle", "car", "truck", "bomb", "bombs", "drone", "drones", "explosion", "blast", "device", "missile",
    "missiles", "rocket", "rockets", "shell", "shells", "attack", "attacks", "it", "which", "that", "this", "grenade",
    "mine", "fire", "explosives", "strike", "strikes", "bombing", "shelling", "incident", "violence", "who", "what",
    "fighting", "clashes", "war", "conflict", "blasts", "gunfire", "plane", "aircraft", "helicopter",
}
PRONOUNS = {"he", "she", "they", "we", "i", "you", "it", "them", "him", "her", "us", "one", "some", "others", "those"}
_PHRASE_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case", "npadvmod", "pobj",
                "advmod", "predet", "nn"}
_VERBAL = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "pcomp", "acl", "csubj", "parataxis"}


@dataclass
class Phrase:
    text: str
    start: int  # char offsets in the doc text
    end: int
    head: Token


def phrase(tok: Token) -> Phrase:
    """The noun phrase headed by `tok`: modifiers and "of ..." kept, clauses and appositions left out."""
    keep = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if (c.dep_ in _PHRASE_DEPS and c.dep_ != "pobj") or (c.dep_ == "prep" and c.lower_ == "of") or (
                    c.dep_ == "pobj" and t.dep_ == "prep"):
                keep.add(c.i)
                stack.append(c)
    # A phrase is contiguous; stop at the first gap so a stray modifier cannot drag in half the sentence.
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    while lo < hi and doc[lo].lower_ in ("the", "a", "an", "some", "both"):
        lo += 1
    span = doc[lo:hi + 1]
    return Phrase(span.text, span.start_char, span.end_char, tok)


def _is_agent_head(tok: Token) -> bool:
    return tok.lower_ not in INSTRUMENTS and tok.lower_ not in PRONOUNS and not tok.is_punct and not tok.like_num


# How many heads up from a trigger its clause's verb is looked for, and how many embedding clauses `factuality`
# climbs through (a plan or a denial further up is not read). 6da6446 (issue 8), hand-set, no recorded figure.
CLAUSE_REACH = 8
EMBED_REACH = 6


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a trigger sits in (the trigger itself when it is a verb)."""
    t = tok
    for _ in range(CLAUSE_REACH):
        if t.dep_ in _VERBAL or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in t.children):
            return t
        if t.head == t:
            return t
        t = t.head
    return t


def negated(tok: Token) -> bool:
    verb = clause_verb(tok)
    return any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "neg", "det"))
               for t in {tok, verb} for c in t.children)


def factuality(tok: Token, sent: Span) -> str:
    """'asserted', 'negated', 'question', 'hypothetical' or 'embedded' (under a plan, denial, demand ...)."""
    if sent.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return "question"
    verb = clause_verb(tok)
    chain = [verb]
    t = verb
    for _ in range(EMBED_REACH):  # climb through the clauses that embed this one
        if t.head == t or t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl", "pobj", "prep"):
            break
        t = t.head
        chain.append(t)
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX and not _reported(verb):
            return "hypothetical"
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
            return "hypothetical"
    for t in chain:
        if any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in t.children):
            return "hypothetical"
    if negated(tok):
        return "negated"
    for t in chain[1:]:
        if t.lower_ in NON_FACTUAL and verb.dep_ in ("xcomp", "ccomp", "pcomp") and verb.head == t:
            return "embedded"
        if t.lower_ in NON_FACTUAL and t.dep_ in ("xcomp",) and verb.head == t:
            return "embedded"
    if (verb.head.lower_ in NON_FACTUAL and verb.dep_ in ("xcomp", "pcomp")) or (
            verb.dep_ == "pobj" and verb.head.head.lower_ in NON_FACTUAL):
        return "embedded"
    return "asserted"


def _reported(verb: Token) -> bool:
    """'Officials said the army would withdraw': reported intention, coded as announced."""
    return verb.dep_ == "ccomp" and verb.head.lower_ in REPORTING


def roles(tok: Token) -> tuple[Phrase | None, Phrase | None]:
    """(actor, recipient) of the event whose trigger is `tok`."""
    actor = recipient = None
    kids = list(tok.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    for c in kids:
        if c.dep_ == "nsubj" and not passive:
            actor = actor or c
        elif c.dep_ == "agent":
            actor = next((g for g in c.children if g.dep_ == "pobj"), actor)
        elif c.dep_ in ("dobj", "nsubjpass", "attr") and recipient is None:
            recipient = c
        elif c.dep_ == "poss":
            actor = actor or c
        elif c.dep_ == "prep" and c.lower_ == "by":
            actor = next((g for g in c.children if g.dep_ == "pobj"), actor)
        elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "into", "targeting") and recipient is None:
            recipient = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_ == "prep" and c.lower_ == "of" and actor is None and recipient is None:
            # "the flight of thousands", "protests of workers": the doer; "the invasion of X": the target.
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                if tok.lower_.startswith(DOER_OF):
                    actor = obj
                else:
                    recipient = obj
        elif c.dep_ == "compound" and c.ent_type_ in ("NORP", "ORG", "GPE") and actor is None:
            actor = c
        elif c.dep_ == "prep" and c.lower_ == "for" and tok.lower_ in ("unacceptable",) and actor is None:
            actor = next((g for g in c.children if g.dep_ == "pobj"), None)
    if actor is None and not passive and tok.dep_ in ("xcomp", "conj", "advcl") and tok.head != tok:
        # "rebels vowed to attack" / "gunmen stormed the village and killed ...": the governing subject.
        actor = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if actor is None and tok.dep_ in ("attr", "dobj", "nsubj", "nsubjpass") and tok.head != tok:
        # "There were protests ... by students": the parser hangs "by" on the copula.
        by = next((c for c in tok.head.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"), None)
        actor = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if actor is None and tok.dep_ == "dobj" and tok.head.lower_ in LIGHT_VERBS:
        actor = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # "students staged a protest"
    if actor is None and tok.dep_ == "acl":
        actor = tok.head  # "villagers fleeing the fighting"
    if actor is None and tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        actor = next((c for c in tok.head.children if c.dep_ == "pobj"), None)  # "the number of Russians fleeing"
    if tok.lower_ == "unacceptable" and recipient is None and tok.dep_ == "acomp":
        recipient = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    a = phrase(actor) if actor is not None and _is_agent_head(actor) else None
    r = phrase(recipient) if recipient is not None and _is_recipient_head(recipient) else None
    return a, r


# "met on Wednesday", "struck at dawn": the object of "on"/"at" is often a time, never a party to the event.
_WHEN_TYPES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_WHEN_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight",
               "yesterday", "tomorrow", "dawn", "dusk", "night", "morning", "afternoon", "evening", "weekend",
               "midnight", "noon"}


def _is_recipient_head(tok: Token) -> bool:
    return tok.lower_ not in PRONOUNS and tok.ent_type_ not in _WHEN_TYPES and tok.lower_ not in _WHEN_WORDS


# Nouns whose "of" names who acts: "the exodus of families", "a march of farmers".
DOER_OF = ("flight", "exodus", "protest", "march", "strike", "rally", "demonstration", "departure", "walkout",
           "boycott", "mobili", "deployment", "withdrawal", "retreat", "resignation", "refusal", "rejection")
LIGHT_VERBS = {"held", "hold", "holds", "holding", "staged", "stage", "stages", "launched", "launch", "launches",
               "carried", "carry", "carries", "mounted", "mount", "organised", "organized", "led", "lead", "leads",
               "conducted", "conduct", "began", "begin", "started", "start", "waged", "wage", "signed", "sign",
               "reached", "reach", "imposed", "impose", "issued", "issue", "made", "make"}
INCIDENT_WORDS = {"attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion", "explosions", "incident",
                  "incidents", "killing", "killings", "massacre", "ambush", "assault", "shooting", "violence"}
ATTRIBUTION_VERBS = {"attributed", "attributes", "attribute", "blamed", "blames", "blame"}


def attribution(sent: Span) -> tuple[Phrase, bool] | None:
    """Who a sentence says did it: "X attributed the attacks to Y" / "X blamed Y for" / "Y claimed
    responsibility". Returns the doer and whether it covers several incidents ("both attacks")."""
    low_text = sent.text.lower()
    if "attribut" not in low_text and "blam" not in low_text and "responsib" not in low_text:
        return None
    words = {t.lower_ for t in sent}
    for tok in sent:
        low = tok.lower_
        doer = None
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue  # "easier to blame someone": no one attributed anything
        if low.startswith("blam") and not words & INCIDENT_WORDS:
            continue
        if low in ATTRIBUTION_VERBS and low.startswith("attribut"):
            prep = next((c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
            doer = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        elif low in ATTRIBUTION_VERBS:
            # "blamed the attack on Y" names Y; "blamed Y for the attack" names the object.
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            # The parser hangs "on Y" on the verb or on its object ("the attack on Y").
            on = next((c for t in (tok, obj) if t is not None for c in t.children
                       if c.dep_ == "prep" and c.lower_ == "on"), None)
            doer = next((g for g in on.children if g.dep_ == "pobj"), None) if on is not None else None
            doer = doer or next((c for c in tok.children if c.dep_ == "dobj"), None)
        elif low in ("claimed", "claims") and any(c.lower_ == "responsibility" for c in tok.children):
            doer = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if doer is None or not _is_agent_head(doer):
            continue
        several = bool(words & {"both", "attacks", "incidents", "bombings", "all"})
        return phrase(doer), several
    return None
