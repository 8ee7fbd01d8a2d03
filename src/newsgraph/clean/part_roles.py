"""Parts that are page furniture: after splitting (clean/segment.py), a part with no story in it.

The splitter cuts where the text changes; on a scraped page the text also changes at a cookie notice, an
"about us" blurb, a promotion or a block of teasers the line roles left in place, and such a block then comes
out as a "story" of its own. On the development dumps (benchmarks/lines_eval.py, tuning part) 16 of the 18
single pages cut in two had an extra part with no body line at all. Whether a part is a story is a property of
the whole part (does it hold paragraphs of prose, sentences that name someone, say something, give a figure
and a day; is its vocabulary its own; did the line model doubt its lines), so it is decided here, on the
parts, by a logistic model over PART_FEATURES: shapes, never phrases.

A part judged furniture keeps its lines, as furniture of kind "other" (each line keeps a kind the rules or the
line model gave it), joined to the story before it (or after it, at the top of the page), so the record's
`removed` shows what went. The most story-like part of a document is always kept.

Trained by benchmarks/train_part_roles.py on the training part of the scrape benchmark; stored in
data/clean_parts.json. PART_FEATURES is the column order of that file (coupled).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .gaps import CONTENT
from .lines import Line
from .roles import DENSE_WORDS, SENT_END, WORD, line_words
from .shape import MARKS, line_marks

PART_FEATURES = (
    "log_lines", "log_content", "log_words", "furniture_share", "heading_share", "furn_mean", "furn_min",
    "log_dense", "dense_share", "sent_share", "stop_share", "log_words_per_line", "log_max_words", "digit_share",
    "cap_share", *(f"{m}_share" for m in MARKS), "first_marks", "is_first", "is_last", "word_share",
    "vocab_shared", "repeat_share", "person_share", "you_share",
)

# A site speaks to its reader ("we", "our", "you"); a news story speaks of others, except in quotes.
_PERSON = frozenset("we us our ours you your yours".split())
# The reader alone (you_share beside person_share): consent notices, comment forms and subscription appeals address
# the reader; an author's "we" is also a columnist's. Session 24, the model refitted on the splits of the main
# splitter with gap trees (benchmarks/train_part_roles.py), with against without this column: run-together documents
# exact tune .820 -> .813, test .787 -> .807, single pages kept whole .970/.971 -> .973/.974; in the whole pipeline
# (lines_eval.py) runs exact test .787 -> .800 (three draws .751 -> .764), tune unchanged; articles_eval eval half
# web exact .870 -> .860, body kept .955 -> .953, news and briefs unchanged.
_YOU = frozenset("you your yours".split())
_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»“]")
_QUOTE_OPENS = ("“", "\"", "«", "„")  # a quotation _QUOTED finds opens on one of these


@dataclass(frozen=True)
class PartModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float  # a part is furniture when its probability reaches this

    def probs(self, rows: np.ndarray) -> np.ndarray:
        z = ((np.asarray(rows, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def to_json(self) -> dict:
        return {"features": list(PART_FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept, "threshold": self.threshold}

    @classmethod
    def from_json(cls, raw: dict) -> PartModel:
        if tuple(raw["features"]) != PART_FEATURES:
            raise ValueError("clean_parts.json was written for other features: retrain with "
                             "benchmarks/train_part_roles.py")
        return cls(np.asarray(raw["mean"], dtype=np.float64), np.asarray(raw["scale"], dtype=np.float64),
                   np.asarray(raw["coef"], dtype=np.float64), float(raw["intercept"]), float(raw["threshold"]))


MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "clean_parts.json"


@lru_cache(maxsize=1)
def load_model() -> PartModel | None:
    """The shipped model, or None when the package has none (every part is then kept)."""
    if not MODEL_PATH.exists():
        return None
    return PartModel.from_json(json.loads(MODEL_PATH.read_text("utf-8")))


# A line's words, lower-cased, and lower-cased less roles.STOP_WORDS (roles.line_words).
_Words = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _part_row(group: list[Line], words_of: dict[int, _Words], j: int, n_groups: int, doc_vocab: Counter[str],
              doc_words: int, line_counts: Counter[str]) -> list[float]:
    content = [ln for ln in group if ln.role in CONTENT]
    found = [words_of[id(ln)] for ln in content]
    words = [ws for ws, _, _ in found]
    flat = [w for ws in words for w in ws]
    n_w = len(flat)
    nc = len(content)
    own = Counter(w for _, _, topical in found for w in topical)
    stops = n_w - sum(len(topical) for _, _, topical in found)
    shared = sum(1 for w, c in own.items() if doc_vocab[w] > c)
    ends = [bool(SENT_END.search(ln.text)) for ln in content]
    dense = sum(len(ws) >= DENSE_WORDS and end for ws, end in zip(words, ends, strict=True))
    marks = [line_marks(ln.text) for ln in content]
    chars = sum(len(ln.text) for ln in content)
    furn = [ln.furn for ln in content]
    return [
        math.log1p(len(group)), math.log1p(nc), math.log1p(n_w),
        sum(ln.role == "furniture" for ln in group) / max(1, len(group)),
        sum(ln.role == "heading" for ln in content) / max(1, nc),
        float(np.mean(furn)) if furn else 1.0, min(furn, default=1.0),
        math.log1p(dense), dense / max(1, nc),
        sum(ends) / max(1, nc),
        stops / max(1, n_w),
        math.log1p(n_w / max(1, nc)), math.log1p(max((len(ws) for ws in words), default=0)),
        sum(_digits(ln.text) for ln in content) / max(1, chars),
        sum(map(str.isupper, [w[:1] for w in flat])) / max(1, n_w),
        *(sum(m[c] for m in marks) / max(1, nc) for c in range(len(MARKS))),
        sum(marks[0]) if marks else 0.0,
        float(j == 0), float(j == n_groups - 1),
        n_w / max(1, doc_words),
        shared / max(1, len(own)),
        sum(line_counts[ln.text] > 1 for ln in group) / max(1, len(group)),
        *_person_shares(content, found),
    ]


def _digits(text: str) -> int:
    """The characters of `text` that are digits (str.isdigit); in ASCII text only 0-9 are."""
    return sum(map(text.count, "0123456789")) if text.isascii() else sum(map(str.isdigit, text))


def _person_shares(content: list[Line], found: list[_Words]) -> tuple[float, float]:
    """First- and second-person words (_PERSON) and second-person words alone (_YOU) per word, outside
    quotations."""
    person = you = total = 0
    for ln, (_, low, _) in zip(content, found, strict=True):
        if not any(q in ln.text for q in _QUOTE_OPENS):  # nothing quoted: the line's words, already found
            words = low
        else:
            words = tuple(w.lower() for w in WORD.findall(_QUOTED.sub(" ", ln.text)))
        person += sum(map(_PERSON.__contains__, words))
        you += sum(map(_YOU.__contains__, words))
        total += len(words)
    return person / max(1, total), you / max(1, total)


def part_rows(groups: list[list[Line]]) -> np.ndarray:
    """PART_FEATURES rows, one per part of a split document."""
    # Each content line's words, found once for the document's vocabulary and the parts' rows.
    words_of = {id(ln): line_words(ln.text) for g in groups for ln in g if ln.role in CONTENT}
    vocab = Counter(w for _, _, topical in words_of.values() for w in topical)
    total = sum(len(ws) for ws, _, _ in words_of.values())
    counts = Counter(ln.text for g in groups for ln in g)
    return np.array([_part_row(g, words_of, j, len(groups), vocab, total, counts) for j, g in enumerate(groups)],
                    dtype=np.float64).reshape(len(groups), len(PART_FEATURES))


def furniture_parts(groups: list[list[Line]], model: PartModel) -> list[bool]:
    """Which parts are furniture: those the model puts at or above its threshold, except the most story-like."""
    if len(groups) < 2:
        return [False] * len(groups)
    p = model.probs(part_rows(groups))
    drop = [bool(x >= model.threshold) for x in p]
    drop[int(np.argmin(p))] = False
    return drop


def drop_furniture_parts(groups: list[list[Line]], model: PartModel | None = None) -> list[list[Line]]:
    """The parts left once those with no story in them become furniture of the story before them (or after
    them, before the first story). Lines change role in place."""
    model = model or load_model()
    if model is None or len(groups) < 2:
        return groups
    drop = furniture_parts(groups, model)
    out: list[list[Line]] = []
    pending: list[Line] = []  # furniture parts before the first kept story
    for g, d in zip(groups, drop, strict=True):
        if not d:
            out.append(pending + g)
            pending = []
            continue
        for ln in g:
            ln.role, ln.kind = "furniture", ln.kind or "other"
        if out:
            out[-1].extend(g)
        else:
            pending.extend(g)
    return out
