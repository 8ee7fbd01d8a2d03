"""Sentence fragments joined: a dump that broke its lines at every inline element read as whole blocks again.

A hand-made scraper's favourite idiom, BeautifulSoup's get_text("\\n"), puts every text node on a line of its own,
so a sentence breaks wherever a link or an emphasis stands ("Complete and submit the report" / "online" / ", or").
The line roles read each piece as a line of the page and lose most of them. So each pair of neighbouring lines is
scored by boosted trees (data/clean_joins.json, trained by benchmarks/train_joins.py on such dumps of the
development pages' training part, each pair labelled by whether both pieces lie in one block of the same page's
html-text dump) over the shape of the pair: how the next line starts and the line before ends, closed-class words
at the cut, both lengths, title case, and how many of the document's lines start as continuations or are short.
A pair at or above the file's threshold is joined (stage: reads the Lines after clean/reflow.py, returns new
Lines spanning their pieces, with Line.joins for the story's line map).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from functools import lru_cache
from importlib import resources

import numpy as np

from .glue_words import ENGLISH
from .lines import Line, blank_between, joined
from .trees import Forest

# The feature row of a pair (the column order of data/clean_joins.json).
FEATURES = (
    "next_lower", "next_punct", "next_digit", "next_quote", "prev_sentence_end", "prev_colon", "prev_comma",
    "prev_open", "prev_function", "next_function", "log_prev_words", "log_next_words", "prev_short", "next_short",
    "doc_continuing", "doc_short", "prev_title", "next_title",
)
_END = re.compile(r"[.!?…][\"”’')\]]*$")
_CONTINUING = re.compile(r"^(?:[a-z]|[,;:.)!?](?:\s|$))")
_EDGE = ".,;:!?\"'“”‘’()"
_NO_SPACE = ",;:.)!?"  # a piece opening on these joins the one before without a space


def doc_features(texts: list[str]) -> tuple[float, float]:
    """(share of lines that open as a continuation, share of lines of at most 3 words) of a document."""
    n = max(1, len(texts))
    return (sum(bool(_CONTINUING.match(t)) for t in texts) / n, sum(len(t.split()) <= 3 for t in texts) / n)


def _title(words: list[str]) -> float:
    """1.0 when the line has words of 4+ letters and every one is capitalised (stops at the first that is not:
    a sentence's line says so within a few words)."""
    seen = False
    for w in words:
        if len(w) > 3:
            if not w[:1].isupper():
                return 0.0
            seen = True
    return float(seen)


def _side(text: str) -> tuple[int, str, str, float]:
    """What pair_row reads of a line as either side of a pair: its word count, its first and last words
    (lower-cased, edge punctuation stripped) and whether it reads as a title."""
    words = text.split()
    if not words:
        return 0, "", "", 0.0
    return len(words), words[0].lower().strip(_EDGE), words[-1].lower().strip(_EDGE), _title(words)


def pair_row(prev: str, nxt: str, doc: tuple[float, float]) -> list[float]:
    """FEATURES of the pair (the line before, the next line) in a document of `doc` (doc_features)."""
    return _pair_row(prev, nxt, _side(prev), _side(nxt), doc)


def _pair_row(prev: str, nxt: str, p: tuple[int, str, str, float], n: tuple[int, str, str, float],
              doc: tuple[float, float]) -> list[float]:
    (n_prev, _, last, title_prev), (n_next, first, _, title_next) = p, n
    return [
        float(nxt[:1].islower()), float(nxt[:1] in ",;:.)!?"), float(nxt[:1].isdigit()), float(nxt[:1] in "\"“‘'(["),
        float(bool(_END.search(prev))), float(prev.endswith(":")), float(prev[-1:] in ",;-–—"), float(prev[-1:].isalnum()),
        float(last in ENGLISH.function), float(first in ENGLISH.function), math.log1p(n_prev), math.log1p(n_next),
        float(n_prev <= 3), float(n_next <= 3), *doc, title_prev, title_next,
    ]


@lru_cache(maxsize=1)
def _model() -> tuple[Forest, float] | None:
    """The join model and its threshold; None when the package has none (no line is joined)."""
    path = resources.files("newsgraph.data").joinpath("clean_joins.json")
    if not path.is_file():
        return None
    raw = json.loads(path.read_text("utf-8"))
    if tuple(raw["features"]) != FEATURES:
        raise RuntimeError("data/clean_joins.json was trained on other features: rerun benchmarks/train_joins.py")
    return Forest.from_json(raw["forest"]), float(raw["threshold"])


def join_probs(lines: list[Line]) -> list[float]:
    """For each line after the first: the chance that it continues the line before (one block broken apart)."""
    model = _model()
    if model is None or len(lines) < 2:
        return [0.0] * max(0, len(lines) - 1)
    doc = doc_features([ln.text for ln in lines])
    # Each line is read once, though it stands in two pairs.
    sides = [_side(ln.text) for ln in lines]
    rows = np.array([_pair_row(a.text, b.text, sa, sb, doc)
                     for (a, b), (sa, sb) in zip(itertools.pairwise(lines), itertools.pairwise(sides), strict=True)])
    z = model[0].logits(rows)
    return (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).tolist()


def join_fragments(lines: list[Line], source: str) -> list[Line]:
    """The lines with each run of pieces the model joins made one Line (new Lines where joined), never across a
    blank line. `source`: the text the lines' offsets point into."""
    model = _model()
    if model is None or len(lines) < 2:
        return lines
    out = [lines[0]]
    for ln, p in zip(lines[1:], join_probs(lines), strict=True):
        if p < model[1] or blank_between(out[-1], ln, source):
            out.append(ln)
        else:
            out[-1] = joined(out[-1], ln, "" if ln.text[:1] in _NO_SPACE else " ")
    return out
