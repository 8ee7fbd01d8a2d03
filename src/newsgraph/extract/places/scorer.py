"""The learned weights that choose among a place name's readings (data/places_model.json).

A reading's score is its feature vector (features.FEATURES) times the weights: a conditional logit fitted by
scripts/train_places.py on place stories the project wrote itself (benchmarks/data/place_stories), where every place
mention is labelled with the gazetteer entry the story means. The file records what it was trained on and the
figures it reached, so a retrained model can be compared before it is shipped.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .features import FEATURES

MODEL_FILE = "places_model.json"


class PlaceModel:
    def __init__(self, data: dict[str, Any]) -> None:
        names = tuple(data["features"])
        if names != FEATURES:
            missing = sorted(set(FEATURES) - set(names))
            raise ValueError(f"place model features do not match this version (missing: {missing}); "
                             "retrain with scripts/train_places.py")
        self.weights = np.asarray(data["weights"], dtype=np.float64)
        self.info: dict[str, Any] = {k: v for k, v in data.items() if k not in ("features", "weights")}

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return rows @ self.weights

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": [round(float(w), 6) for w in self.weights], **self.info}


_override: list[PlaceModel] = []


def use(model: PlaceModel | str | Path | None) -> None:
    """Use this model (or the one in a file) instead of the shipped one in this process; None goes back to the
    shipped one. The training script and benchmarks compare models so."""
    if model is None:
        _override.clear()
    elif isinstance(model, PlaceModel):
        _override[:] = [model]
    else:
        _override[:] = [PlaceModel(json.loads(Path(model).read_text("utf-8")))]


def load() -> PlaceModel:
    return _override[0] if _override else _packaged()


@lru_cache(maxsize=1)
def _packaged() -> PlaceModel:
    ref = resources.files("newsgraph").joinpath("data", MODEL_FILE)
    return PlaceModel(json.loads(ref.read_text("utf-8")))
