"""Event labels learned from text: which of the 30 labels of acled.py (ACLED's 25 sub-event types and five
beyond ACLED) a sentence reports, or NONE when it reports no event that happened.

The classifier (data/events_types.json, trained by scripts/train_event_types.py on event snippets the project
wrote and on PLOVER gold-standard records) gives the events stage three things:
- the sub-event type of an event its triggers found, chosen among the labels its PLOVER type allows
  (`label_for`), so a shelling and an air strike, or a protest and a riot, are told apart by how they are told;
- events that no trigger names (an earthquake, a cartel's drug haul, a group's claim of a bombing, a building
  collapse), when the classifier is sure enough (`NEW_EVENT_MIN`);
- how likely the sentence reports an event at all (1 - P(NONE)), which tempers the event's confidence:
  history, plans, denials, claims, film plots and recipes score low.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .acled import CROSS, LABEL_PLOVER, NONE, TABLE
from .document import lead_end
from .scorer import EventModel

if TYPE_CHECKING:
    from spacy.tokens import Span

MODEL_FILE = "events_types.json"
# A sentence no trigger names becomes an event when one label has at least this probability; on the held-out
# register of the project's snippets (scripts/train_event_types.py) it keeps false events from negatives low.
# Set in 29fd105 with the classifier (pipeline wF1 .890 / .867, ordinary sentences with an event above 0.5 .012);
# no figure recorded for this value against others: hand-set.
NEW_EVENT_MIN = 0.3
# ... and that label must have this many times the probability of NONE. 29fd105, hand-set, no recorded figure.
NONE_MARGIN = 1.5
# Beside a triggered event the classifier believes, its own event of another type needs this probability.
# ededb72 (held-out register wF1 .908 / .898 with it); no figure recorded for other values: hand-set.
BESIDE_MIN = 0.6
# A triggered event whose type the classifier gives less than this probability gives way to the classifier's
# own event in the same sentence ("killing" in a report of a flood is no attack). 29fd105, hand-set, no
# recorded figure for the value.
OVERRULE = 0.2
# A label chosen for a triggered event needs this share of the probability of the labels its type allows;
# below it the rules of acled.acled_labels decide. a5c9ab2 (before the classifier shipped), hand-set, no
# recorded figure.
LABEL_MIN_SHARE = 0.35
# ... and at least this probability itself: a ban on exports is no looting, whatever share of COERCE's labels
# looting has (below it the rules decide, and they give a ban no ACLED label). 29fd105, hand-set, no recorded
# figure.
LABEL_MIN = 0.1


_override: list[EventModel] = []


def use(path: str | Path) -> None:
    """Use the model in `path` instead of the shipped one in this process (benchmarks tune thresholds so)."""
    import json

    _override[:] = [EventModel(json.loads(Path(path).read_text("utf-8")))]


def load() -> EventModel | None:
    """The classifier in use: the shipped one, or None when the package holds none (the stage then uses its
    rules only)."""
    return _override[0] if _override else _packaged()


@lru_cache(maxsize=1)
def _packaged() -> EventModel | None:
    try:
        ref = resources.files("newsgraph").joinpath("data", MODEL_FILE)
        if not ref.is_file():
            return None
        import json

        return EventModel(json.loads(ref.read_text("utf-8")))
    except (FileNotFoundError, ModuleNotFoundError, ValueError):
        return None


@lru_cache(maxsize=32)
def compatible(ptype: str) -> frozenset[str]:
    """The labels an event of this PLOVER type may carry."""
    out = {lab for lab, (t, _) in LABEL_PLOVER.items() if t == ptype}
    out |= {sub for (t, _), (_, sub) in TABLE.items() if t == ptype and sub}
    out |= set(CROSS.get(ptype, ()))
    return frozenset(out)


def label_for(scores: dict[str, float], ptype: str) -> tuple[str | None, float]:
    """The most likely label among those `ptype` allows and its share of their probability; (None, 0) when the
    type allows none or the share is below LABEL_MIN_SHARE."""
    allowed = [lab for lab in compatible(ptype) if lab in scores]
    total = sum(scores[lab] for lab in allowed)
    if not allowed or total <= 0:
        return None, 0.0
    best = max(allowed, key=scores.__getitem__)
    share = scores[best] / total
    return (best, share) if share >= LABEL_MIN_SHARE and scores[best] >= LABEL_MIN else (None, share)


def new_event(scores: dict[str, float]) -> tuple[str, float] | None:
    """(label, probability) when the sentence reports an event of one label strongly enough on its own: the
    likeliest label is not NONE, has at least NEW_EVENT_MIN and beats NONE by NONE_MARGIN times."""
    best = max((lab for lab in scores if lab != NONE), key=scores.__getitem__, default=None)
    if best is None or scores[best] < NEW_EVENT_MIN or scores[best] < NONE_MARGIN * scores.get(NONE, 0.0):
        return None
    return best, scores[best]


def likelihood(scores: dict[str, float] | None, ptype: str) -> float:
    """How likely the sentence reports an event of this PLOVER type: the probability of the labels the type
    allows, or of any event (1 - P(NONE)) for a type no label covers (REQUEST, SUPPORT ...); 1.0 without a
    model."""
    if not scores:
        return 1.0
    allowed = compatible(ptype)
    if allowed:
        return min(1.0, sum(scores.get(lab, 0.0) for lab in allowed))
    return 1.0 - scores.get(NONE, 0.0)


class Lead:
    """Label scores of a story's sentences, all scored at once: a sentence of the lead is read with the lead
    around it (an event told over two or three sentences is clearer as a whole), the rest alone."""

    def __init__(self, model: EventModel, text: str, sents: list[Span]) -> None:
        self.end = lead_end(text, paragraphs=LEAD_PARAGRAPHS, max_chars=LEAD_CHARS)
        texts = [text[:self.end], *(text[s.start_char:s.end_char] for s in sents)]
        feats = [model.analyser(t) for t in texts]
        got = model.scores_many(texts, feats)
        lead, own = got[0], got[1:]
        self.by_start = {}
        self.feats = {s.start_char: f for s, f in zip(sents, feats[1:], strict=True)}
        for sent, sc in zip(sents, own, strict=True):
            if self.end and sent.start_char < self.end:
                sc = {k: LEAD_WEIGHT * lead.get(k, 0.0) + (1 - LEAD_WEIGHT) * v for k, v in sc.items()}
            self.by_start[sent.start_char] = sc

    def scores(self, sent: Span) -> dict[str, float]:
        return self.by_start[sent.start_char]

    def words(self, sent: Span) -> list[str]:
        """The sentence's word and bigram features (scorer.features), without the stems: the PLOVER
        scorer's input, so the sentence is tokenised once."""
        return [f for f in self.feats[sent.start_char] if f[0] != "~"]


# The lead read as a whole weighs this much against each of its sentences alone, up to LEAD_CHARS characters
# of the first LEAD_PARAGRAPHS paragraphs (a one-paragraph snippet is all lead). a5c9ab2 (before the classifier
# shipped), hand-set, no recorded figure.
LEAD_WEIGHT = 0.5
LEAD_CHARS = 600
LEAD_PARAGRAPHS = 1
