"""Rule evidence for one sentence: where a trigger's head is, how deep in the parse, what an embedding verb makes
of it ("vowed to attack" is a threat), and the per-type scores of a sentence taken to report something.

Reads a parsed sentence (spaCy Span) and the trigger lexicon; adds nothing to the record. The events stage uses
`trigger_head` and `depth`; `type_scores` and `classify_sentence` serve the gold-sentence evaluation
(benchmarks/events_eval.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import scorer as model_mod
from .roles import ACCEPT_WORDS, clause_verb, factuality, negated
from .triggers import Hit, find

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def trigger_head(sent: Span, words: list[int], hit: Hit) -> Token:
    """The syntactic head of a (multi-word) trigger: the token whose head lies outside the match."""
    toks = [sent.doc[words[k]] for k in range(hit.start, hit.end)]
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head == t:
            return t
    return toks[-1]


def depth(t: Token) -> int:
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
    verb = clause_verb(tok)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in INTENT_HEADS


# How many heads above the trigger's clause an embedding verb is looked for. 6da6446, hand-set, no recorded figure.
GOVERNOR_REACH = 3


def governor(tok: Token) -> Token | None:
    verb = clause_verb(tok)
    t = verb
    for _ in range(GOVERNOR_REACH):
        if t.head == t:
            return None
        t = t.head
        if t.lower_ in GOVERNOR_TYPE:
            return t
    return None


# Weights of the rule evidence in `type_scores`, all hand-set in 6da6446 (issue 8; moved here in a5c9ab2) with no
# recorded figure; they serve the gold-sentence evaluation only (events_eval [2]), not the stage:
DEPTH_DECAY = 0.5  # a trigger's strength / (1 + DEPTH_DECAY x its depth in the parse)
ACTED_ON = 0.3  # a trigger that is the object of another ("lifted the ban") keeps this share
CONDITIONAL_THREAT = 0.8  # "will pull out unless ...": THREATEN at this share
GOVERNED = 1.2  # an event under an embedding verb: the verb's type ("vowed to attack": THREATEN) at this share ...
GOVERNED_OWN = 0.4  # ... and its own type at this share
INTENT = 0.9  # a stated future action: THREATEN or AGREE at this share ...
INTENT_OWN = 0.6  # ... and its own type at this share
UNASSERTED = 0.5  # a trigger neither asserted nor negated, embedded nor intended keeps this share
NEGATED_ACCEPT = 1.0  # "would never accept": REJECT at this score
MUST_REQUEST = 0.6  # "X said Y must return": REQUEST at this score
# `classify_sentence`: the rules' share against the learned scores' (each scaled by its best). 6da6446,
# hand-set, no recorded figure.
RULE_SHARE = 0.7
MODEL_VOTE = 0.3


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
    trigger_tokens = {trigger_head(sent, idx, h).i for h in hits}
    for hit in hits:
        tok = trigger_head(sent, idx, hit)
        etype = hit.trigger.type
        weight = hit.trigger.strength / (1 + DEPTH_DECAY * depth(tok))
        gov_tok = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ in ("dobj", "pobj") and gov_tok.i in trigger_tokens and gov_tok.i != tok.i:
            weight *= ACTED_ON  # the thing acted on ("lifted the ban", "dismissed the appeal"), not an act itself
        fact = factuality(tok, sent)
        gov = governor(tok)
        if fact == "negated":
            if etype in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE"):
                add("REJECT", weight)
            continue
        if fact == "hypothetical" and conditional:
            add("THREATEN", CONDITIONAL_THREAT * weight)  # "will pull out unless ...": a conditional threat
            continue
        if gov is not None and fact == "embedded":
            add(GOVERNOR_TYPE[gov.lower_], weight * GOVERNED)
            add(etype, GOVERNED_OWN * weight)
            continue
        if fact == "asserted" and intent(tok) and (etype in CONFLICTUAL or etype in COOPERATIVE):
            add("THREATEN" if etype in CONFLICTUAL else "AGREE", INTENT * weight)
            add(etype, INTENT_OWN * weight)
            continue
        if etype == "REQUEST" and negated(tok.head):
            add("REJECT", weight)  # "would not meet the demands"
            continue
        add(etype, weight * (1.0 if fact == "asserted" else UNASSERTED))
    for tok in sent:
        if tok.lower_ in ACCEPT_WORDS and negated(tok):
            add("REJECT", NEGATED_ACCEPT)
        elif tok.lower_ == "must" and tok.dep_ == "aux":
            add("REQUEST", MUST_REQUEST)  # "X said Y must return ...": a demand
    return out


def classify_sentence(sent: Span, model: model_mod.EventModel | None = None) -> str | None:
    """The single most likely type of a sentence taken to report an event (for evaluation on gold sentences):
    the learned scores weigh less than the rules (MODEL_VOTE): trained on whole stories, they are weak on one sentence.
    rule evidence and the learned scores combined, else the model's best guess."""
    cands = type_scores(sent)
    scores = model.scores(sent.text) if model else None
    if scores:
        top = max(scores.values())
        if not cands:
            return max(scores, key=scores.get)
        top_rule = max(cands.values())
        return max(cands, key=lambda k: RULE_SHARE * cands[k] / top_rule + MODEL_VOTE * scores.get(k, 0.0) / top)
    return max(cands, key=cands.get) if cands else None
