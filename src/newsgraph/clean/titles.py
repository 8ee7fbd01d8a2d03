"""A plain-text story's title, chosen among its first lines: a scrape carries no title of its own, and the line
roles keep, above a story's first paragraph, its headline beside section names, breadcrumbs, datelines and
standfirsts. Taking the first line when it is heading-like gave the page's own headline on 43% of the scrape
benchmark's single pages (tuning part) and another line on 21%.

The candidates are a story's content lines before its first paragraph (PARAGRAPH_WORDS and a sentence end), at
most CANDIDATES of them. A small boosted-tree model (clean/trees.py) over TITLE_FEATURES (shape, place, and the
share of the line's words the story's opening repeats; never phrases) gives each the chance that it is the
headline; the likeliest names the story when it reaches the model's threshold, else the story has no title.
Single pages (blocks dumps) titled right / wrong, the rule it replaced -> the model: tuning part 66/32 -> 71/22,
test part 73/43 -> 81/26 (155 and 166 pages with a headline); taking the rule's title where the model finds none
gave test 86/42: four more right for sixteen more wrong (benchmarks/train_titles.py prints both). A Title-Case
headline that is a story's only candidate scores low ("3 Ferries Cancelled as Gales Return" .27, with most of its
words in the opening): the menus it was trained beside are Title Case too.

Trained by benchmarks/train_titles.py on the training part's single pages (their <title> names the headline line);
stored in data/clean_titles.json. TITLE_FEATURES is the column order of that file (coupled).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .gaps import CONTENT
from .lines import Line, headline_like
from .roles import DENSE_WORDS, SENT_END, WORD, line_words
from .trees import Forest

TITLE_FEATURES = (
    "log_words", "sent_end", "ask_end", "colon_end", "cap_share", "caps_share", "digit_share", "separator",
    "heading", "log_index", "is_first", "is_last", "log_candidates", "overlap", "best_overlap", "furn",
    "log_repeats", "headline_like", "marker_start", "heading_before",
)
PARAGRAPH_WORDS = DENSE_WORDS  # a sentence this long is the story's text, not its title
CANDIDATES = 8
OPENING_WORDS = 150  # the words after the candidates that a headline's words are looked up in
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


@dataclass(frozen=True)
class TitleModel:
    forest: Forest
    threshold: float  # the likeliest candidate titles the story when its probability reaches this

    def probs(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.forest.logits(rows), -30.0, 30.0)))

    def to_json(self) -> dict:
        return {"features": list(TITLE_FEATURES), "threshold": self.threshold, "forest": self.forest.to_json()}

    @classmethod
    def from_json(cls, raw: dict) -> TitleModel:
        if tuple(raw["features"]) != TITLE_FEATURES:
            raise ValueError("clean_titles.json was written for other features: retrain with benchmarks/train_titles.py")
        return cls(Forest.from_json(raw["forest"]), float(raw["threshold"]))


MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "clean_titles.json"


@lru_cache(maxsize=1)
def load_model() -> TitleModel | None:
    """The shipped model, or None when the package has none (story_title then takes a heading-like first line)."""
    if not MODEL_PATH.exists():
        return None
    return TitleModel.from_json(json.loads(MODEL_PATH.read_text("utf-8")))


def candidates(story: Sequence[Line], repeats: Counter[str]) -> tuple[list[Line], np.ndarray]:
    """A story's title candidates and their TITLE_FEATURES rows. `repeats`: how often each line's text occurs in
    the whole document."""
    content = [ln for ln in story if ln.role in CONTENT]
    cands: list[Line] = []
    for ln in content:
        if ln.role == "body" and len(ln.text.split()) >= PARAGRAPH_WORDS and SENT_END.search(ln.text):
            break
        cands.append(ln)
        if len(cands) >= CANDIDATES:
            break
    if not cands:
        return [], np.zeros((0, len(TITLE_FEATURES)))
    opening: set[str] = set()
    n = 0
    for ln in content[len(cands):]:
        words, _, topical = line_words(ln.text)
        opening.update(topical)
        n += len(words)
        if n >= OPENING_WORDS:
            break
    overlaps = [_overlap(ln.text, opening) for ln in cands]
    best = max(overlaps)
    rows, headings = [], 0
    for k, (ln, ov) in enumerate(zip(cands, overlaps, strict=True)):
        rows.append([*_shape(ln.text.strip()), float(ln.role == "heading"), math.log1p(k), float(k == 0),
                     float(k == len(cands) - 1), math.log1p(len(cands)), ov, float(ov > 0 and ov == best), ln.furn,
                     math.log1p(max(0, repeats[ln.text] - 1)), float(headline_like(ln.text)),
                     float(ln.text.lstrip()[:1] in ">|•*-"), float(headings > 0)])
        headings += ln.role == "heading"
    return cands, np.asarray(rows, dtype=np.float64)


def _shape(text: str) -> list[float]:
    words = WORD.findall(text)
    nw = max(1, len(words))
    return [math.log1p(len(words)), float(bool(SENT_END.search(text))), float(text.endswith(("?", "!"))),
            float(text.endswith(":")), sum(w[:1].isupper() for w in words) / nw,
            sum(len(w) > 1 and w.isupper() for w in words) / nw,
            sum(c.isdigit() for c in text) / max(1, len(text)), float(any(s in text for s in _SEPARATORS))]


def _overlap(text: str, opening: set[str]) -> float:
    topical = set(line_words(text)[2])
    return len(topical & opening) / len(topical) if topical else 0.0


def story_title(story: Sequence[Line], repeats: Counter[str], model: TitleModel | None = None) -> str | None:
    """The title of a story whose source gave none (None when no line is likely enough)."""
    model = model or load_model()
    if model is None:
        first = next((ln for ln in story if ln.role in CONTENT), None)
        return first.text if first is not None and first.role == "heading" else None
    cands, rows = candidates(story, repeats)
    if not cands:
        return None
    p = model.probs(rows)
    best = int(np.argmax(p))
    return cands[best].text.strip() if p[best] >= model.threshold else None
