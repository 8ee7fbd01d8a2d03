"""The learned PLOVER type scorer: TF-IDF word n-grams and a multinomial logistic regression, stored as JSON.

Training lives in scripts/train_events.py; it uses `features` from here so that training and inference
tokenise the same way (coupled: change one, retrain). The file holds the vocabulary, idf, and the weights
quantised to int8 per class, so it loads in milliseconds without pickle and stays well under 5 MB.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

FORMAT = "newsgraph/events-model/1"
MODEL_FILE = "events_model.json"

_TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]|\d+")
# Numbers, countries and names vary across stories of one type; a placeholder keeps the signal "a number".
_NUM = re.compile(r"\d")


def tokens(text: str) -> list[str]:
    out = []
    for t in _TOKEN.findall(text.lower()):
        out.append("<num>" if _NUM.match(t) else t.replace("’", "'"))
    return out


def features(text: str) -> list[str]:
    """Unigrams and bigrams of lower-cased word tokens (the training analyzer too)."""
    toks = tokens(text)
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


class EventModel:
    """Scores a text against the PLOVER types it was trained on; `scores` gives probabilities summing to 1."""

    def __init__(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not an events model: {data.get('format')!r}")
        self.labels: list[str] = list(data["labels"])
        self.meta = {k: v for k, v in data.items() if k not in ("vocab", "idf", "coef", "scale", "intercept")}
        self.index = {w: i for i, w in enumerate(data["vocab"])}
        self.idf: list[float] = data["idf"]
        n = len(data["vocab"])
        raw = base64.b64decode(data["coef"])
        self.scale: list[float] = data["scale"]
        # Column-major rows per feature: one slice per feature gives its weight for every label.
        self.coef = [memoryview(raw)[i * len(self.labels):(i + 1) * len(self.labels)].cast("b") for i in range(n)]
        self.intercept: list[float] = data["intercept"]
        self._rows: dict[int, list[float]] = {}  # de-quantised weights, filled as features are seen

    def scores(self, text: str) -> dict[str, float]:
        counts: dict[int, int] = {}
        for f in features(text):
            i = self.index.get(f)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        weights = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}  # sublinear tf
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        logits = list(self.intercept)
        for i, w in weights.items():
            row = self._rows.get(i)
            if row is None:
                row = self._rows[i] = [c * s for c, s in zip(self.coef[i], self.scale, strict=True)]
            x = w / norm
            logits = [a + b * x for a, b in zip(logits, row, strict=True)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        z = sum(exps)
        return {lab: e / z for lab, e in zip(self.labels, exps, strict=True)}


def dump(labels: list[str], vocab: list[str], idf: list[float], coef: list[list[float]], intercept: list[float],
         **meta: object) -> str:
    """The model as JSON text; `coef` is labels x vocab, quantised to int8 with one scale per label."""
    scale = [max((abs(v) for v in row), default=0.0) / 127 or 1.0 for row in coef]
    buf = bytearray(len(vocab) * len(labels))
    for j, row in enumerate(coef):
        for i, v in enumerate(row):
            buf[i * len(labels) + j] = round(v / scale[j]) & 0xFF
    data = {"format": FORMAT, **meta, "labels": labels, "intercept": [round(v, 5) for v in intercept],
            "scale": scale, "vocab": vocab, "idf": [round(v, 4) for v in idf],
            "coef": base64.b64encode(bytes(buf)).decode("ascii")}
    return json.dumps(data, separators=(",", ":"))


def load(path: str | Path | None = None) -> EventModel | None:
    """The model from `path`, else the one shipped in newsgraph/data; None when there is none (rules only)."""
    if path is not None:
        return EventModel(json.loads(Path(path).read_text("utf-8")))
    return _packaged()


@lru_cache(maxsize=1)
def _packaged() -> EventModel | None:
    try:
        ref = resources.files("newsgraph").joinpath("data", MODEL_FILE)
        if not ref.is_file():
            return None
        return EventModel(json.loads(ref.read_text("utf-8")))
    except (FileNotFoundError, ModuleNotFoundError, ValueError):
        return None
