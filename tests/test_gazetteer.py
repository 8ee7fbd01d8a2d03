"""The gazetteer file: built by hand here (a dozen places), so these run in milliseconds without the
packaged data; one slow test builds (or reuses) the real one."""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import pytest

from newsgraph import config
from newsgraph.geo import build, version
from newsgraph.geo.build import Writer, core, country_point, haversine_km, norm
from newsgraph.geo.gazetteer import Gazetteer, cache_path


def make_small_gazetteer(path: Path) -> Gazetteer:
    """Countries, regions and cities chosen to be ambiguous the way news names are."""
    w = Writer(path)
    ge = w.place("geo:614540", "Georgia", "GE", "country", 42.0, 43.5, population=3_700_000, geonameid=614540)
    ru = w.place("geo:2017370", "Russia", "RU", "country", 60.0, 100.0, population=144_000_000, geonameid=2017370,
                 names=["Russian Federation"])
    us = w.place("geo:6252001", "United States", "US", "country", 39.8, -98.5, population=327_000_000,
                 geonameid=6252001, names=["US", "U.S.", "America"])
    co = w.place("geo:3686110", "Colombia", "CO", "country", 4.0, -72.0, population=49_000_000, geonameid=3686110)
    fr = w.place("geo:3017382", "France", "FR", "country", 46.0, 2.0, population=67_000_000, geonameid=3017382)
    w.country("GE", ge, ["RU", "AM", "AZ", "TR"])
    w.country("RU", ru, ["GE", "UA"])
    w.country("US", us, ["CA", "MX"])
    w.country("CO", co, ["VE", "EC"])
    w.country("FR", fr, ["ES", "DE"])
    for word, cc in (("Colombian", "CO"), ("American", "US"), ("Russian", "RU"), ("Georgian", "GE")):
        w.demonym(word, cc)
    ga = w.place("geo:4197000", "Georgia", "US", "admin1", 32.7, -83.4, population=9_000_000, geonameid=4197000,
                 admin1="US-GA", parent=us, names=["Ga."])
    tx = w.place("geo:4736286", "Texas", "US", "admin1", 31.2, -100.0, population=25_000_000, geonameid=4736286,
                 admin1="US-TX", parent=us)
    ant = w.place("iso:CO-ANT", "Antioquia", "CO", "admin1", 7.0, -75.5, population=5_000_000, admin1="CO-ANT",
                  parent=co, alt_names=["ANT"])  # ISO 3166-2 codes are alternate names, as in the real build
    vac = w.place("iso:CO-VAC", "Valle del Cauca", "CO", "admin1", 3.8, -76.5, population=4_000_000,
                  admin1="CO-VAC", parent=co)
    w.place("geo:3687925", "Cali", "CO", "city", 3.437, -76.522, population=2_200_000, geonameid=3687925,
            admin1="CO-VAC", parent=vac)
    w.place("geo:9000001", "Cali", "PH", "city", 10.0, 123.0, population=900, geonameid=9000001)
    w.place("geo:3674962", "Medellín", "CO", "city", 6.25, -75.56, population=2_500_000, geonameid=3674962,
            admin1="CO-ANT", parent=ant, alt_names=["Medellin City"])
    w.place("geo:611717", "Tbilisi", "GE", "city", 41.69, 44.83, population=1_100_000, geonameid=611717,
            capital=True)
    w.place("geo:4180439", "Atlanta", "US", "city", 33.75, -84.39, population=460_000, geonameid=4180439,
            admin1="US-GA", parent=ga)
    w.place("geo:2988507", "Paris", "FR", "city", 48.85, 2.35, population=2_100_000, geonameid=2988507,
            capital=True)
    w.place("geo:4717560", "Paris", "US", "city", 33.66, -95.56, population=25_000, geonameid=4717560,
            admin1="US-TX", parent=tx)
    w.place("geo:4684888", "Dallas", "US", "city", 32.78, -96.8, population=1_300_000, geonameid=4684888,
            admin1="US-TX", parent=tx)
    w.place("rgn:middle-east", "Middle East", None, "region", 29.0, 42.0)
    w.place("geo:9000005", "Hugo", "US", "city", 31.9, -96.0, population=4_000, geonameid=9000005, parent=tx)
    w.place("geo:5815135", "Washington", "US", "admin1", 47.5, -120.5, population=7_000_000, geonameid=5815135,
            admin1="US-WA", parent=us)
    w.place("geo:5549030", "Utah", "US", "admin1", 39.3, -111.7, population=3_000_000, geonameid=5549030,
            admin1="US-UT", parent=us)
    w.place("geo:4140963", "Washington", "US", "city", 38.9, -77.04, population=690_000, geonameid=4140963,
            capital=True)
    w.place("geo:9000002", "Brent", "GB", "city", 51.56, -0.28, population=320_000, geonameid=9000002)
    w.place("geo:9000003", "University", "US", "city", 28.07, -82.43, population=41_000, geonameid=9000003)
    w.place("geo:5206379", "Pittsburgh", "US", "city", 40.44, -79.99, population=300_000, geonameid=5206379)
    w.place("geo:9000004", "Pittsburg", "US", "city", 37.41, -94.7, population=20_000, geonameid=9000004,
            alt_names=["Pittsburgh"])  # a smaller town that lists the big city's spelling as a variant
    gb = w.place("geo:2635167", "United Kingdom", "GB", "country", 54.76, -2.7, population=66_000_000,
                 geonameid=2635167, names=["UK", "Britain"])
    w.country("GB", gb, ["IE"])
    # An airport named like a small town elsewhere, by its names as the build writes them.
    w.place("apt:EGLL", "London Heathrow Airport", "GB", "other", 51.47, -0.46, names=["Heathrow Airport"],
            alt_names=["Heathrow"])
    w.place("geo:9000006", "Heathrow", "US", "city", 28.76, -81.37, population=5_000, geonameid=9000006)
    w.place("adm2:US:texas:lamar county", "Lamar County", "US", "other", 33.67, -95.57, population=50_000,
            parent=tx)
    # Names the tagger cuts in two, and small towns known by a cue, a list or the region after them.
    cd = w.place("geo:203312", "Democratic Republic of the Congo", "CD", "country", -2.8, 23.6,
                 population=84_000_000, geonameid=203312, names=["DR Congo"])
    cg = w.place("geo:2260494", "Republic of the Congo", "CG", "country", -0.7, 15.2, population=5_000_000,
                 geonameid=2260494, names=["Congo"])
    gf = w.place("geo:3381670", "French Guiana", "GF", "country", 4.0, -53.0, population=195_000,
                 geonameid=3381670)
    eg = w.place("geo:357994", "Egypt", "EG", "country", 27.0, 30.0, population=98_000_000, geonameid=357994)
    ph = w.place("geo:1694008", "Philippines", "PH", "country", 13.0, 122.0, population=106_000_000,
                 geonameid=1694008)
    for cc, pid in (("CD", cd), ("CG", cg), ("GF", gf), ("EG", eg), ("PH", ph)):
        w.country(cc, pid, [])
    w.demonym("French", "FR")
    w.place("geo:359173", "Banī Suwayf", "EG", "city", 29.07, 31.1, population=270_000, geonameid=359173,
            alt_names=["Beni Suef"])
    w.place("geo:218680", "Beni", "CD", "city", 0.5, 29.47, population=230_000, geonameid=218680)
    w.place("geo:1680932", "Tacloban", "PH", "city", 11.24, 125.0, population=240_000, geonameid=1680932)
    w.place("geo:1729564", "Babatngon", "PH", "city", 11.42, 124.84, population=6_000, geonameid=1729564)
    w.place("geo:2653941", "Camborne", "GB", "city", 50.21, -5.3, population=20_000, geonameid=2653941)
    # A town named for a country, whose first word the tagger tends to drop.
    w.place("geo:9000011", "Little Colombia", "US", "city", 40.2, -80.1, population=3_000, geonameid=9000011)
    w.place("geo:9000008", "Envigado", "CO", "city", 6.17, -75.59, population=9_000, geonameid=9000008,
            admin1="CO-ANT", parent=ant)
    w.place("geo:1814991", "China", "CN", "country", 35.0, 105.0, population=1_400_000_000, geonameid=1814991,
            names=["People's Republic of China"])
    w.place("geo:1668284", "Taiwan", "TW", "country", 23.7, 121.0, population=23_000_000, geonameid=1668284,
            names=["Republic of China"])
    w.place("geo:6255148", "Europe", None, "region", 48.7, 9.1, population=741_000_000, geonameid=6255148)
    w.finish({"sources": "test"})
    return Gazetteer(path)


@pytest.fixture()
def gaz(tmp_path: Path) -> Gazetteer:
    g = make_small_gazetteer(tmp_path / "gaz.sqlite")
    yield g
    g.close()


def test_norm_ignores_accents_case_dots_and_dashes():
    assert norm("Bogotá") == norm("BOGOTA") == "bogota"
    assert norm("U.S.") == norm("US")
    assert norm("Saint-Étienne") == norm("saint etienne")
    assert norm("Côte d’Ivoire") == norm("Cote d'Ivoire")
    # Letters without a decomposition are written plain in English text.
    assert norm("Puławy") == "pulawy"
    assert norm("Doğubayazıt") == "dogubayazit"
    assert norm("Tromsø") == "tromso"


def test_core_drops_the_kind_of_region():
    assert core("Province of Samar") == "samar"
    assert core("Hubei Sheng") == "hubei"
    assert core("Central Luzon (Region III)") == "central luzon"
    assert core("Bruxelles-Capitale, Région de") == "bruxelles capitale"


def test_lookup_finds_every_reading_of_a_name(gaz: Gazetteer):
    kinds = sorted((c.country, c.feature) for c in gaz.lookup("Georgia"))
    assert kinds == [("GE", "country"), ("US", "admin1")]
    assert {c.country for c in gaz.lookup("cali")} == {"CO", "PH"}
    assert [c.name for c in gaz.lookup("Medellin")] == ["Medellín"]
    assert gaz.lookup("Atlantis") == ()


def test_alternate_names_are_marked(gaz: Gazetteer):
    (own,) = gaz.lookup("Medellín")
    (alt,) = gaz.lookup("Medellin City")
    assert not own.alt and alt.alt
    assert own.pid == alt.pid


def test_aliases_and_abbreviations(gaz: Gazetteer):
    assert {c.country for c in gaz.lookup("U.S.")} == {"US"}
    assert gaz.lookup("Ga.")[0].admin1 == "US-GA"


def test_region_from_iso_3166_2_has_a_point_and_code(gaz: Gazetteer):
    (ant,) = gaz.lookup("Antioquia")
    assert (ant.feature, ant.country, ant.admin1, ant.id) == ("admin1", "CO", "CO-ANT", "iso:CO-ANT")
    assert ant.lat is not None and ant.lon is not None


def test_demonyms_countries_and_neighbours(gaz: Gazetteer):
    assert gaz.demonym("Colombian") == "CO"
    assert gaz.demonym("colombian") == "CO"
    assert gaz.demonym("Martian") is None
    assert gaz.countries["GE"].name == "Georgia"
    assert "RU" in gaz.neighbours["GE"]


def test_place_by_pid_and_parent(gaz: Gazetteer):
    cali = next(c for c in gaz.lookup("Cali") if c.country == "CO")
    parent = gaz.place(cali.parent)
    assert parent is not None and parent.name == "Valle del Cauca"


def test_writer_replaces_the_file_atomically(tmp_path: Path):
    path = tmp_path / "g.sqlite"
    make_small_gazetteer(path).close()
    assert path.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_cache_path_is_keyed_and_overridable(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("NEWSGRAPH_GAZETTEER", raising=False)
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    monkeypatch.setattr(config, "_settings", config.Config.from_env())
    p = cache_path()
    assert p.parent == tmp_path and p.name.startswith("gazetteer-") and p.suffix == ".sqlite"
    monkeypatch.setattr(version, "BUILD_VERSION", version.BUILD_VERSION + 1)
    assert cache_path() != p  # a new build version never reads an old file
    monkeypatch.setenv("NEWSGRAPH_GAZETTEER", str(tmp_path / "mine.sqlite"))
    monkeypatch.setattr(config, "_settings", config.Config.from_env())
    assert cache_path() == tmp_path / "mine.sqlite"


def test_country_point_takes_the_largest_polygon():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    islet = [[50, 50], [51, 50], [51, 51], [50, 51], [50, 50]]
    geo = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [[islet], [square]]}}]}
    lat, lon = country_point(geo)
    assert abs(lat - 5) < 0.05 and abs(lon - 5) < 1e-6
    assert country_point(str(geo)) == (lat, lon)
    assert country_point("not json") is None


def test_country_point_is_the_centre_of_true_area():
    # From the equator to 60°N the land at the top is half as wide as at the bottom (on the globe): the
    # centre of its area lies south of the middle latitude that the plain lon/lat plane would give.
    band = [[0, 0], [10, 0], [10, 60], [0, 60], [0, 0]]
    lat, lon = country_point({"features": [{"geometry": {"type": "Polygon", "coordinates": [band]}}]})
    assert 25 < lat < 27 and abs(lon - 5) < 1e-6


def test_country_centre_takes_the_centroid_only_when_the_two_agree():
    assert build.country_centre((38.0, -97.0), (40.0, -99.0)) == (40.0, -99.0)
    assert build.country_centre((60.0, -95.0), (57.0, -110.0)) == (60.0, -95.0)  # far apart: the published one
    assert build.country_centre(None, (1.0, 2.0)) == (1.0, 2.0)
    assert build.country_centre(None, None) is None


def test_airport_names_drop_the_city_and_keep_the_bare_name_as_an_alternate():
    places = frozenset({"london", "toronto", "denver", "ottawa"})
    names, alts = build.airport_names("London Heathrow Airport", "London", places)
    assert names == ["London Heathrow Airport", "Heathrow Airport"] and alts == ["Heathrow"]
    names, alts = build.airport_names("Toronto Pearson International Airport", "Mississauga", places)
    assert "Pearson International Airport" in names and "Pearson Airport" in names and alts == ["Pearson"]
    names, alts = build.airport_names("Ottawa / Macdonald-Cartier International Airport", "Ottawa", places)
    assert "Macdonald-Cartier International Airport" in names and alts == ["Macdonald-Cartier"]
    # The bare name of a city's airport is the city: it names no airport, and the kind words alone neither.
    names, alts = build.airport_names("Denver International Airport", "Denver", places)
    assert alts == [] and "International Airport" not in names and "Airport" not in names
    assert build.airport_names("London City Airport", "London", places)[1] == []  # "City" is a word


def test_region_short_and_part_names():
    assert build.region_short_names("Guangxi Zhuangzu Zizhiqu") == ["Guangxi"]
    assert build.region_short_names("Hubei Sheng") == []
    assert build.region_part_names("Newfoundland and Labrador") == ["Newfoundland", "Labrador"]
    assert build.region_part_names("Central and Western") == []  # kind words alone name nothing
    assert build.region_part_names("Trinidad") == []


def test_region_point_is_the_middle_of_its_towns():
    g = build._Group()
    for lat, lon in [(0, 0), (0, 10), (10, 0), (10, 10), (1, 1), (1, 2), (2, 1)]:
        g.add(lat, lon, 1000, "01")
    assert g.point() == (5.0, 5.0)  # towns crowding a corner do not drag it there


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert 110 < haversine_km(0, 0, 1, 0) < 112


@pytest.mark.slow
def test_packaged_gazetteer_builds_loads_fast_and_knows_regions():
    from newsgraph.geo.gazetteer import get_gazetteer

    g = get_gazetteer()  # builds into the user cache on first use
    t = time.perf_counter()
    fresh = Gazetteer(g.path)
    assert time.perf_counter() - t < 1.0
    ant = [c for c in fresh.lookup("Antioquia") if c.feature == "admin1"]
    assert ant and ant[0].admin1 == "CO-ANT" and 5 < ant[0].lat < 9
    assert any(c.country == "GE" and c.feature == "country" for c in fresh.lookup("Georgia"))
    assert fresh.demonym("Colombian") == "CO"
    assert any(c.admin1 == "CA-ON" for c in fresh.lookup("Ont."))
    dc = [c for c in fresh.lookup("D.C.") if c.country == "US"]
    assert dc and dc[0].feature == "admin1" and abs(dc[0].lat - 38.9) < 1
    us = fresh.countries["US"]
    assert haversine_km(us.lat, us.lon, 39.5, -98.5) < 300  # the middle of the lower 48, not an island
    # A county is filed under its state, so a story's state picks among same-named counties.
    counties = [c for c in fresh.lookup("Monroe County") if c.country == "US"]
    assert len(counties) > 5 and all(c.admin1 and c.admin1.startswith("US-") for c in counties)
    assert any(c.feature == "admin1" for c in fresh.lookup("Guangxi"))
    if importlib.util.find_spec("airportsdata") is not None:
        (lhr,) = [c for c in fresh.lookup("Heathrow Airport") if c.key.startswith("apt:")]
        assert lhr.country == "GB" and lhr.feature == "other"
    fresh.close()


def test_region_point_ignores_a_town_filed_under_the_wrong_region():
    g = build._Group()
    for i in range(20):
        g.add(30.0 + (i % 5) * 0.5, 118.0 + (i // 5) * 0.5, 1000, "01")
    g.add(30.0, 100.0, 1000, "01")  # 1,700 km west: another province's town
    lat, lon = g.point()
    assert abs(lat - 31.0) < 0.01 and abs(lon - 118.75) < 0.01


def test_only_old_files_of_other_builds_are_removed(tmp_path: Path):
    from newsgraph.geo import gazetteer

    keep, recent, old = (tmp_path / f"gazetteer-{k}.sqlite" for k in ("keep", "recent", "old"))
    for f in (keep, recent, old):
        f.write_bytes(b"x")
    now = time.time()
    os.utime(old, (now - 3 * 86400, now - 3 * 86400))
    gazetteer._remove_stale(keep, now)
    assert keep.exists() and recent.exists() and not old.exists()
