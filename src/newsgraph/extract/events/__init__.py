"""Events: who did what to whom, where, when and how many, with PLOVER types and ACLED-compatible labels.

The stage is `stage.py`. Per sentence, the hand-written triggers (`triggers.py`) propose types, the parse says
who acted and whether the sentence asserts the event (`roles.py`, `filters.py`, `sentence.py`), the learned
scorer (`scorer.py`, data/events_model.json) ranks the types and the label classifier (`classifier.py`,
data/events_types.json) picks sub-types; per story, the headline and lead give the main event's type
(`document.py`), and each event gets its place, date and counts (`where.py`). `acled.py` is the one table of
event labels; `hrd.py` is HRDsAttack's view of a finished record (benchmarks only).

The rest of newsgraph reads the label table from here without loading the stage: STAGE and extract_events are
imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .acled import (
    EXTRA,
    EXTRA_TYPES,
    LABELS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    SUB_EVENTS,
    VAC,
    acled_labels,
    category,
    disorder_type,
)

if TYPE_CHECKING:
    from .stage import STAGE, extract_events

__all__ = ["EXTRA", "EXTRA_TYPES", "LABELS", "PROTESTS", "RIOTS", "STAGE", "STRATEGIC", "SUB_EVENTS", "VAC",
           "acled_labels", "category", "disorder_type", "extract_events"]

_FROM_STAGE = ("STAGE", "extract_events")


def __getattr__(name: str) -> object:
    # The stage loads the scorer, the classifier and the trigger tables, which the store, the web pages and the
    # exports (readers of the label table above) never use: it is imported when a name of it is first asked for.
    if name in _FROM_STAGE:
        from . import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
