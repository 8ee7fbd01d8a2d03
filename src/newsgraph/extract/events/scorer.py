"""The learned PLOVER type scorer: TF-IDF word n-grams and a multinomial logistic regression, stored as JSON.

Training lives in scripts/train_events.py; it uses `features` from here so that training and inference
tokenise the same way (coupled: change one, retrain). The file holds the vocabulary, idf, and the weights
quantised to int8 per class, so it loads in milliseconds without pickle and stays well under 5 MB.

Which model the stage uses:
- the one shipped in newsgraph/data/events_model.json: trained on the PLOVER gold-standard sentences only, the
  one training set whose licence (CC BY-SA 4.0) allows shipping weights derived from it;
- or a model you trained yourself, named by the environment variable NEWSGRAPH_EVENTS_MODEL:

      .venv/bin/python scripts/train_events.py --sources all --out ~/events_all.json
      NEWSGRAPH_EVENTS_MODEL=~/events_all.json newsgraph extract story.txt

  `--sources all` adds the NGEC synthetic stories (no licence stated: use them only where you may, and do not
  redistribute the weights). Such a model types whole stories from their title and lead far better
  (benchmarks/events_eval.py prints both). A path that does not load is an error, not a silent fallback.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ...config import EVENTS_MODEL_VAR, settings

FORMAT = "newsgraph/events-model/1"
MODEL_FILE = "events_model.json"
ENV_VAR = EVENTS_MODEL_VAR

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


_SUFFIXES = ("ings", "ing", "ies", "ied", "ers", "ed", "es", "er", "s")
# A stem keeps at least this many letters. 29fd105 (the classifier's analyser), hand-set, no recorded figure;
# coupled with the shipped data/events_types.json, whose features are these stems: change it, retrain.
MIN_STEM = 4


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A crude stem: the longest common inflection off, leaving at least four letters ("bombings" and "bombed"
    -> "bomb", "clashes" -> "clash"); enough to let a word seen in one form count in another."""
    for suf in _SUFFIXES:
        if token.endswith(suf) and len(token) - len(suf) >= MIN_STEM:
            return token[: -len(suf)]
    return token


def features_stems(text: str) -> list[str]:
    """`features` and the stems of its words ("~bomb"): the event-type classifier's analyser (classifier.py)."""
    toks = tokens(text)
    return [*toks, *(f"{a} {b}" for a, b in itertools.pairwise(toks)), *("~" + stem(t) for t in toks if t != "<num>")]


ANALYSERS = {"words": features, "words+stems": features_stems}


class EventModel:
    """Scores a text against the PLOVER types it was trained on; `scores` gives probabilities summing to 1."""

    def __init__(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not an events model: {data.get('format')!r}")
        self.labels: list[str] = list(data["labels"])
        self.analyser = ANALYSERS[data.get("analyser", "words")]
        self.meta = {k: v for k, v in data.items() if k not in ("vocab", "idf", "coef", "scale", "intercept")}
        self.index = {w: i for i, w in enumerate(data["vocab"])}
        self.idf: list[float] = data["idf"]
        n = len(data["vocab"])
        raw = base64.b64decode(data["coef"])
        self.scale: list[float] = data["scale"]
        # Row per feature, column per label, de-quantised once: a user-trained model has ~40k features and a
        # story's scoring is then one gather and one small product instead of a Python loop per feature.
        self.coef = np.frombuffer(raw, dtype=np.int8).reshape(n, len(self.labels)) * np.asarray(self.scale)
        self.intercept: list[float] = data["intercept"]
        self._intercept = np.asarray(self.intercept)

    def scores_many(self, texts: list[str], feats: list[list[str]] | None = None) -> list[dict[str, float]]:
        """`scores` of many texts with one matrix product (the events stage scores every sentence of a story);
        `feats`: their features when already computed with this model's analyser."""
        if not texts:
            return []
        from scipy.sparse import csr_matrix

        get = self.index.get
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, text in enumerate(texts):
            counts = Counter(i for i in map(get, feats[r] if feats else self.analyser(text)) if i is not None)
            if not counts:
                continue
            w = np.fromiter(((1.0 + math.log(n)) * self.idf[i] for i, n in counts.items()), float, len(counts))
            w /= math.sqrt(float(w @ w)) or 1.0
            rows += [r] * len(counts)
            cols += list(counts)
            vals += w.tolist()
        x = csr_matrix((vals, (rows, cols)), shape=(len(texts), self.coef.shape[0]))
        logits = np.asarray(x @ self.coef) + self._intercept
        exps = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs = exps / exps.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, row, strict=True)) for row in probs.tolist()]

    def scores(self, text: str, feats: list[str] | None = None) -> dict[str, float]:
        get = self.index.get
        counts = Counter(i for i in map(get, self.analyser(text) if feats is None else feats) if i is not None)
        if not counts:
            logits = self._intercept
        else:
            idx = list(counts)
            w = np.asarray([(1.0 + math.log(counts[i])) * self.idf[i] for i in idx])  # sublinear tf
            w /= math.sqrt(float(w @ w)) or 1.0
            logits = self._intercept + w @ self.coef[idx]
        exps = np.exp(logits - logits.max())
        probs = (exps / exps.sum()).tolist()
        return dict(zip(self.labels, probs, strict=True))


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
    """The model from `path`, else from $NEWSGRAPH_EVENTS_MODEL, else the one shipped in newsgraph/data; None when
    there is none (rules only)."""
    if path is None:
        path = settings().events_model
    if path is not None:
        p = Path(path).expanduser().resolve()
        return _from_file(str(p), p.stat().st_mtime_ns)
    return _packaged()


def source(path: str | Path | None = None) -> str:
    """Where `load(path)` takes its model from, for logs and benchmark output."""
    if path is not None:
        return str(path)
    env = settings().events_model
    return f"{env} (${ENV_VAR})" if env else f"newsgraph/data/{MODEL_FILE} (shipped)"


@lru_cache(maxsize=4)
def _from_file(path: str, mtime: int) -> EventModel:
    # mtime is part of the key so a retrained file is read again; the stage calls load() once per article.
    return EventModel(json.loads(Path(path).read_text("utf-8")))


@lru_cache(maxsize=1)
def _packaged() -> EventModel | None:
    try:
        ref = resources.files("newsgraph").joinpath("data", MODEL_FILE)
        if not ref.is_file():
            return None
        return EventModel(json.loads(ref.read_text("utf-8")))
    except (FileNotFoundError, ModuleNotFoundError, ValueError):
        return None
