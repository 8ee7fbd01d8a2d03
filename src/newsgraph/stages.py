"""The stage contract: the fields each extractor reads and adds, the built-in list, and the start-up check.

A stage (extract.Stage) runs over one story's Article, spaCy Doc and Story. It names the fields it reads and
the fields it adds (writes: creates, or fills in) as FIELDS lists them: the record's own fields, plus "dates",
the date mentions the dates stage leaves on the Story for the events stage. Pipeline() checks a stage list
once, before any story is read, so that a misordered list fails there with the stage and the field named,
rather than on the first story, or quietly, with the events missing their places.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .extract import Stage

if TYPE_CHECKING:
    from .clean.story import Story
    from .model import Article

# What the record holds before any stage runs: Pipeline.article fills these from the Story (coupled to it;
# tests/test_stage_contracts.py checks that together with STAGE_FIELDS they are the Article's fields).
INPUT_FIELDS = frozenset({"id", "source", "text", "title", "published", "language", "headings", "captions",
                          "removed", "repairs"})
# What the stages fill: the record's extracted items, the Story's date mentions (Story.dates, not stored), and
# `extractors`, where each built-in extractor lists itself once it has run (extractor() below).
STAGE_FIELDS = frozenset({"entities", "quotes", "figures", "places", "events", "dates", "extractors"})
FIELDS = INPUT_FIELDS | STAGE_FIELDS


class StageOrderError(ValueError):
    """A stage list whose declarations do not hold together: Pipeline() raises it before reading anything."""


def declare(stage: Stage, reads: Iterable[str], adds: Iterable[str]) -> Stage:
    """`stage` with its contract (the stages defined before the contract existed get theirs here)."""
    return replace(stage, needs=(), reads=frozenset(reads), adds=frozenset(adds))


@dataclass(frozen=True)
class Listed:
    """A stage's run that, once done, lists the stage in the record's `extractors`: the record says what read
    it, whatever stage list a configuration chose. A class, not a closure, so Options still pickle for workers."""

    run: Callable[[Article, Any, Story], None]
    name: str

    def __call__(self, article: Article, doc: Any, story: Story) -> None:
        self.run(article, doc, story)
        article.extractors.append(self.name)


def extractor(stage: Stage) -> Stage:
    """`stage` listing itself by name in the record's `extractors` once it has run."""
    return replace(stage, run=Listed(stage.run, stage.name), adds=stage.adds | {"extractors"})


def default_stages() -> list[Stage]:
    """The built-in extractors, in their order."""
    # Imported when a Pipeline is built, not when newsgraph is: the extractors load numpy models and tables
    # that `newsgraph --help` or a store reader never use.
    from .extract import dates, entities, events, figures, places, quotes

    # dates.STAGE and events.STAGE declare their contract where they are defined; these four are declared here,
    # each from what its run function reads of the Article. The six extractors are listed in the record's
    # `extractors`; figure_places only links what two of them found.
    return [
        extractor(declare(entities.STAGE, reads={"text"}, adds={"entities"})),
        extractor(declare(quotes.STAGE, reads={"text", "entities"}, adds={"quotes"})),
        extractor(declare(figures.STAGE, reads={"text"}, adds={"figures"})),
        extractor(declare(places.STAGE, reads={"text", "entities"}, adds={"places"})),
        # Ties each figure to a place: it fills in `figures`, so whoever reads figures comes after it.
        declare(figures.PLACE_STAGE, reads={"text", "figures", "places"}, adds={"figures"}),
        extractor(dates.STAGE),
        extractor(events.STAGE),
    ]


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise StageOrderError unless every stage's reads are there when it runs: each field it reads is one the
    record starts with or one an earlier stage adds, and no later stage adds it (it would read it unfinished:
    the dates stage fills in `published`, the figure_places stage `figures`). Stages that declare nothing are
    not checked by field; their `needs` (names of earlier stages) are."""
    for st in stages:
        _check_known(st)
    available = set(INPUT_FIELDS)
    done: set[str] = set()
    for i, st in enumerate(stages):
        missing = [n for n in st.needs if n not in done]
        if missing:
            raise StageOrderError(f"stage {st.name!r} needs {', '.join(missing)} to run before it")
        for name in sorted(st.reads):
            later = next((s.name for s in stages[i + 1:] if name in s.adds), None)
            if later is not None:
                raise StageOrderError(f"stage {st.name!r} reads {name!r}, which stage {later!r} adds after it: "
                                      f"put {later!r} before {st.name!r}")
            if name not in available:
                raise StageOrderError(f"stage {st.name!r} reads {name!r}, which the record does not start with and "
                                      f"no stage before it adds (stages: {', '.join(s.name for s in stages)})")
        available |= st.adds
        done.add(st.name)


def _check_known(st: Stage) -> None:
    for kind, names in (("reads", st.reads), ("adds", st.adds)):
        for name in sorted(names):
            if name not in FIELDS:
                near = difflib.get_close_matches(name, sorted(FIELDS), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                raise StageOrderError(f"stage {st.name!r} {kind} {name!r}, which is no field{hint}; the fields are: "
                                      f"{', '.join(sorted(FIELDS))}")
