"""Document-level event typing: the PLOVER type of a story's main event, read from its headline and lead.

A sentence often says too little to tell its type ("the attack" under a protest headline, "they left" in a story
about an exodus); the headline and first paragraphs say what the story is about. The stage uses this type only to
resolve and boost the types of candidate events its sentence triggers already found in the story: it never makes
an event out of a story with no trigger sentence for it.

Two ways, by scorer (scorer.py):
- a model trained on stories (`scripts/train_events.py --sources all`, marked `story_typing` in its JSON; see
  scorer.py for NEWSGRAPH_EVENTS_MODEL) reads title + lead exactly as `document_text` gives it here and in
  training (coupled): macro-F1 0.96 on held-out synthetic stories of templates it saw, 0.49 on unseen templates;
- otherwise (the shipped scorer learned single gold sentences and types whole stories near chance, 0.10) the
  trigger words of the headline (counted three times: the headline states the main event) and of the lead, with
  the sentence scorer as a minor vote: macro-F1 0.50. With no trigger in title or lead there is no story type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .triggers import find, text_tokens

if TYPE_CHECKING:
    from .scorer import EventModel

# The lead: the first paragraphs of the story. Two are what a reader of news takes in with the headline, and the
# length keeps the cost flat on long stories (one model call per story). Set in e8a1125 with story typing, whose
# figures (events_eval [1]) are for the whole method: hand-set, no recorded figure for these values.
LEAD_PARAGRAPHS = 2
LEAD_CHARS = 1200
# Below this probability the story's type is left to the sentences. e8a1125, hand-set, no recorded figure.
MIN_PROBABILITY = 0.35
# Trigger strength in the headline counts this many times the lead's (the headline states the main event).
# e8a1125, hand-set, no recorded figure.
TITLE_WEIGHT = 3.0
# The sentence scorer's vote beside the headline and lead triggers when the model was not trained on stories
# (macro-F1 0.50 with it, module docstring). e8a1125, hand-set, no recorded figure for the weight itself.
SENTENCE_MODEL_WEIGHT = 0.3
# How far a sentence's scores lean towards the story's type: in the lead, and elsewhere (`blend`). e8a1125,
# hand-set, no recorded figure.
LEAD_LEAN = 0.5
BODY_LEAN = 0.15


@dataclass(frozen=True)
class DocType:
    type: str
    probability: float
    margin: float  # over the runner-up type
    lead_end: int  # char offset in the text where the lead ends: sentences before it tell the main event
    scores: dict[str, float]


def lead_end(text: str, paragraphs: int = LEAD_PARAGRAPHS, max_chars: int = LEAD_CHARS) -> int:
    """The char offset where the first `paragraphs` non-empty paragraphs (blank-line or line separated) end."""
    pos = 0
    seen = 0
    n = len(text)
    while pos < n and seen < paragraphs:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            seen += 1
        pos = end + 1 if nl >= 0 else n
    end = min(pos, n)
    if end > max_chars:
        # One long paragraph: cut at the last sentence end inside the budget rather than mid-sentence.
        cut = text.rfind(". ", 0, max_chars)
        end = cut + 1 if cut > 0 else max_chars
    return end


def document_text(title: str | None, text: str) -> str:
    """Headline and lead as one text: the scorer's input for a whole story (training uses it too)."""
    lead = text[:lead_end(text)].strip()
    return f"{title.strip()}\n{lead}" if title and title.strip() else lead


def document_scores(title: str | None, text: str, model: EventModel | None) -> dict[str, float] | None:
    """Type probabilities for the story as a whole (see the module docstring for which evidence is used)."""
    if not (text.strip() or (title or "").strip()):
        return None
    if model is not None and model.meta.get("story_typing"):
        return model.scores(document_text(title, text))
    lex = trigger_scores(title, text)
    if not lex:
        return None
    if model is None:
        return lex
    ms = model.scores(document_text(title, text))
    w = SENTENCE_MODEL_WEIGHT
    return {k: (1 - w) * lex.get(k, 0.0) + w * ms.get(k, 0.0) for k in set(lex) | set(ms)}


def trigger_scores(title: str | None, text: str) -> dict[str, float]:
    """Shares of trigger strength per type in the headline (weighted up) and the lead."""
    out: dict[str, float] = {}
    lead = text[:lead_end(text)]
    for part, weight in ((title or "", TITLE_WEIGHT), (lead, 1.0)):
        for hit in find(text_tokens(part)):
            out[hit.trigger.type] = out.get(hit.trigger.type, 0.0) + weight * hit.trigger.strength
    total = sum(out.values())
    return {k: v / total for k, v in out.items()} if total else {}


def document_type(title: str | None, text: str, model: EventModel | None,
                  min_probability: float = MIN_PROBABILITY) -> DocType | None:
    """The story's main event type, or None when nothing points to one or the evidence is split."""
    scores = document_scores(title, text, model)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, p = ranked[0]
    if p < min_probability:
        return None
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    return DocType(best, p, p - runner, lead_end(text), scores)


def blend(sentence: dict[str, float] | None, doc: DocType | None, in_lead: bool) -> dict[str, float] | None:
    """Sentence scores leaning towards the story's type: strongly in the lead (where the main event is told),
    a little elsewhere (later sentences also tell background and other incidents)."""
    if doc is None:
        return sentence
    w = LEAD_LEAN if in_lead else BODY_LEAN
    if sentence is None:
        return None
    return {k: (1 - w) * v + w * doc.scores.get(k, 0.0) for k, v in sentence.items()}
