"""Issue 22: the interactive offline map, the timeline, /places, the API docs, event facets and filters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import borders, timeline
from newsgraph.web.app import create_app
from newsgraph.web.render import by_entity_type, first_sentence
from test_web_api import build_web_store  # tests/ is on sys.path (conftest.py)

EXTERNAL = re.compile(r"https?://(?!127\.0\.0\.1|localhost)[^\s\"'<>)]+")
PAGES = ["/", "/events", "/timeline", "/places", "/api/docs", "/api", "/entities", "/quotes", "/figures", "/search?q=bomb"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path: Path = tmp_path_factory.mktemp("map") / "news.db"
    build_web_store(path)
    return TestClient(create_app(path), base_url="http://127.0.0.1")


def _map_data(html: str) -> list[dict]:
    m = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert m, "the page carries no map data"
    return json.loads(m.group(1))


@pytest.mark.parametrize("path", ["/places", "/timeline", "/api/docs", "/geo/countries.json"])
def test_new_pages_answer(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_no_page_loads_anything_from_outside(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert EXTERNAL.findall(html) == []
    # and every script and stylesheet is our own
    for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html):
        assert ref.startswith("/static/"), ref


def test_leaflet_is_vendored_and_served(client: TestClient) -> None:
    js = client.get("/static/vendor/leaflet/leaflet.js")
    assert js.status_code == 200 and "Leaflet" in js.text[:400]
    assert client.get("/static/vendor/leaflet/leaflet.css").status_code == 200
    assert client.get("/static/map.js").status_code == 200
    assert client.get("/static/timeline.js").status_code == 200


def test_events_page_has_borders_and_markers(client: TestClient) -> None:
    html = client.get("/events").text
    paths = re.findall(r'<path class="country" data-cc="([A-Z]{2})" d="M[^"]+"', html)
    assert len(paths) > 150 and "FR" in paths
    points = _map_data(html)
    assert points, "no marker for located events"
    stone = [p for p in points if p["place"] == "Riverton"]
    assert stone and stone[0]["lat"] == 10.0 and stone[0]["href"].startswith("/story/")
    assert stone[0]["r"] > 4  # sized by killed
    assert 'id="map-legend"' in html and "leaflet.js" in html


def test_country_clicks_set_the_country_filter(client: TestClient) -> None:
    html = client.get("/events").text
    assert 'href="/events?country=XX"' in html
    assert "geo:" not in re.search(r'<input type="search" name="q"[^>]*>', html).group(0)
    only = client.get("/events", params={"country": "xx"}).text
    assert {p["country"] for p in _map_data(only)} == {"XX"}
    assert 'value="XX"' in only


def test_geojson_borders() -> None:
    geo = borders.countries()
    assert geo["type"] == "FeatureCollection"
    fr = next(f for f in geo["features"] if f["properties"]["cc"] == "FR")
    lon, lat = fr["geometry"]["coordinates"][0][0][0]
    assert -10 < lon < 45 and 35 < lat < 55


def test_timeline_bins_follow_the_range() -> None:
    assert timeline.timeline([("2024-01-03", 2), ("2024-01-20", 1)])["unit"] == "day"
    assert timeline.timeline([("2024-01-03", 2), ("2024-06-20", 1)])["unit"] == "week"
    t = timeline.timeline([("2020-01-03", 2), ("2024-05-20", 1)], undated=4)
    assert t["unit"] == "month" and t["undated"] == 4
    assert t["bars"][0]["from"] == "2020-01-01" and t["bars"][0]["to"] == "2020-01-31"
    assert sum(b["n"] for b in t["bars"]) == 3
    assert timeline.timeline([("2001-01-01", 1), ("2024-05-20", 1)])["unit"] == "year"


def test_timeline_page_bars_link_to_date_ranges(client: TestClient) -> None:
    html = client.get("/timeline").text
    assert 'id="timeline-svg"' in html and 'class="tick-label"' in html
    assert re.search(r'href="/timeline\?date_from=\d{4}-\d{2}-\d{2}&amp;date_to=\d{4}-\d{2}-\d{2}"', html)
    assert re.search(r'id="timeline-undated">\d+ undated', html)
    narrowed = client.get("/events", params={"date_from": "2026-04-07", "date_to": "2026-04-07"}).text
    assert all(p["date"].startswith("2026-04-07") for p in _map_data(narrowed))


def test_facets_with_counts_and_min_confidence(client: TestClient) -> None:
    facets = client.get("/api/events/facets").json()
    assert set(facets) >= {"type", "sub_type", "country", "source", "year", "undated"}
    assert all(f["n"] > 0 for f in facets["type"])
    assert "news.example" in {f["value"] for f in facets["source"]}
    html = client.get("/events").text
    assert 'id="facet-country"' in html and 'href="/events?country=XX"' in html
    assert client.get("/api/events", params={"min_confidence": "0.9"}).json()["items"] == []
    assert client.get("/api/events", params={"min_confidence": "0.5"}).json()["items"]
    by_source = client.get("/api/events", params={"source": "news.example"}).json()["items"]
    assert by_source and client.get("/api/events", params={"source": "nowhere.example"}).json()["items"] == []


def test_places_page_lists_places_with_counts_and_map(client: TestClient) -> None:
    html = client.get("/places").text
    assert "Riverton" in html and 'id="places-table"' in html
    assert _map_data(html) and '<path class="country"' in html


def test_api_docs_list_routes_from_the_schema(client: TestClient) -> None:
    html = client.get("/api/docs").text
    assert "GET /api/events/facets" in html and "/openapi.json" in html


def test_people_first_and_untitled_story_titles() -> None:
    groups = by_entity_type([{"type": "ORG"}, {"type": "GPE"}, {"type": "PERSON"}])
    assert [h for h, _ in groups] == ["People", "Organisations", "Countries and cities"]
    assert first_sentence("Five people died. Police said so.") == "Five people died."
    assert first_sentence("word " * 100).endswith("…")


def test_entities_page_puts_people_first(client: TestClient) -> None:
    html = client.get("/entities").text
    assert html.index("<h2>People</h2>") < html.index("<h2>Organisations</h2>")
