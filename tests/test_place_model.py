"""The learned place choice: features a reading gets from the story, and the model file's contract."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from newsgraph.extract.places import scorer as place_model
from newsgraph.extract.places import stage as places
from newsgraph.extract.places.features import FEATURES, INDEX, Context
from newsgraph.extract.places.mentions import find_names
from test_gazetteer import make_small_gazetteer
from test_places import tagged


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = make_small_gazetteer(Path(tmp_path_factory.mktemp("gaz")) / "gaz.sqlite")
    yield g
    g.close()


def _names(gaz, text: str, labels: dict[str, str]):
    art, doc = tagged(text, labels)
    names, dem = find_names(art, doc, gaz)
    places.resolve(names, dem, gaz)
    return {n.text: n for n in names}, Context(names, Counter({c: len(v) for c, v in dem.items()}), gaz)


def test_a_name_does_not_vote_for_its_own_country(gaz):
    names, ctx = _names(gaz, "Crowds gathered in Georgia on Sunday.", {"Georgia": "GPE"})
    rows = ctx.features(names["Georgia"], names["Georgia"].candidates)
    assert not rows[:, INDEX["in_story_country"]].any()


def test_the_story_country_is_a_feature_of_the_reading_in_it(gaz):
    text = "Police in Tbilisi said protesters marched across Georgia after a vote in Russia."
    names, ctx = _names(gaz, text, {"Tbilisi": "GPE", "Georgia": "GPE", "Russia": "GPE"})
    georgia = names["Georgia"]
    rows = ctx.features(georgia, georgia.candidates)
    in_ge = [i for i, c in enumerate(georgia.candidates) if c.country == "GE"]
    assert in_ge and rows[in_ge[0], INDEX["in_story_country"]] == 1.0
    assert rows.shape == (len(georgia.candidates), len(FEATURES))


def test_weights_decide_the_reading(gaz):
    """With the story's context weighed at nothing and population alone counting, the bigger reading wins; the
    shipped model reads the same story by its context."""
    text = "The governor of Georgia spoke in Atlanta and later in Savannah."
    labels = {"Georgia": "GPE", "Atlanta": "GPE", "Savannah": "GPE"}
    art, doc = tagged(text, labels)
    shipped = {p.name: p.country for p in places.places_for(art, doc, gaz)}
    assert shipped.get("Georgia") == "US"
    weights = np.zeros(len(FEATURES))
    weights[INDEX["country"]] = 5.0
    blind = place_model.PlaceModel({"features": list(FEATURES), "weights": list(weights)})
    got = {p.name: p.country for p in places.places_for(art, doc, gaz, model=blind)}
    assert got.get("Georgia") == "GE"


def test_a_model_for_other_features_is_refused():
    with pytest.raises(ValueError, match="retrain"):
        place_model.PlaceModel({"features": ["population"], "weights": [1.0]})


def test_use_overrides_and_resets(tmp_path):
    m = place_model.PlaceModel({"features": list(FEATURES), "weights": [0.0] * len(FEATURES)})
    path = tmp_path / "m.json"
    import json

    path.write_text(json.dumps(m.to_dict()))
    place_model.use(path)
    try:
        assert not place_model.load().weights.any()
    finally:
        place_model.use(None)
    assert place_model.load().weights.any()
