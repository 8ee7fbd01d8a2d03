"""Extractors: each turns a Story's spaCy Doc into its part of the Article.

A stage declares what it needs (earlier stages and spaCy components) and what it adds; the pipeline
checks the order once at start-up instead of failing on the first story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..clean.story import Story
    from ..model import Article


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Article, Doc, Story], None]
    needs: tuple[str, ...] = ()  # earlier stages
    components: tuple[str, ...] = ()  # spaCy pipeline components


def check_order(stages: Sequence[Stage]) -> None:
    seen: set[str] = set()
    for st in stages:
        missing = [n for n in st.needs if n not in seen]
        if missing:
            raise ValueError(f"stage {st.name!r} needs {', '.join(missing)} to run before it")
        seen.add(st.name)


def default_stages() -> list[Stage]:
    """The built-in extractors in their order. Imported here, explicitly: no registry filled by imports."""
    from . import entities

    stages = [entities.STAGE]
    for mod, attr in (("quotes", "STAGE"), ("figures", "STAGE"), ("places", "STAGE"), ("figures", "PLACE_STAGE"),
                      ("dates", "STAGE"), ("events", "STAGE")):
        stage = _optional(mod, attr)
        if stage is not None and all(n in {s.name for s in stages} for n in stage.needs):
            stages.append(stage)
    return stages


def _optional(mod: str, attr: str = "STAGE") -> Any:
    import importlib

    try:
        m = importlib.import_module(f"{__name__}.{mod}")
    except ModuleNotFoundError as e:
        if e.name == f"{__name__}.{mod}":
            return None
        raise
    return getattr(m, attr, None)
