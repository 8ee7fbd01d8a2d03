"""Extractors: each turns a Story's spaCy Doc into its part of the Article.

A stage declares the record fields it reads and the ones it adds; the pipeline checks the order once at
start-up instead of failing on the first story (newsgraph/stages.py holds the check and the built-in list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..clean.story import Story
    from ..model import Article


@dataclass(frozen=True)
class Stage:
    """One extractor: `run(article, doc, story)` fills its fields of the Article (or the Story's `dates`).

    `reads` and `adds` name fields as newsgraph.stages.FIELDS lists them ("text", "entities", "dates", ...);
    to add is to write, so a stage that fills in a field it also reads (dates fills a missing `published`)
    adds it too. `needs`, the names of earlier stages, is the older way to order a stage and is still checked.
    """

    name: str
    run: Callable[[Article, Doc, Story], None]
    needs: tuple[str, ...] = ()  # earlier stages, by name
    components: tuple[str, ...] = ()  # spaCy pipeline components
    # Any set of names (a set literal reads best); stored as a frozenset, as the stage is frozen.
    reads: AbstractSet[str] = frozenset()
    adds: AbstractSet[str] = frozenset()

    def __post_init__(self) -> None:
        # Accept any iterable of names, but not a bare string: reads="text" would be the letters t, e, x.
        for attr in ("reads", "adds"):
            value: Iterable[str] = getattr(self, attr)
            if isinstance(value, str):
                raise TypeError(f"stage {self.name!r}: {attr} takes a set of field names, not the string {value!r}")
            object.__setattr__(self, attr, frozenset(value))  # frozen dataclass: the one way to normalise


def default_stages() -> list[Stage]:
    """The built-in extractors in their order (newsgraph.stages.default_stages; kept here for callers that
    import it from this package)."""
    from ..stages import default_stages as built_in

    return built_in()
