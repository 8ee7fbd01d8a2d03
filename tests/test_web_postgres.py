"""The web app over a PostgreSQL store: the same stories as tests/test_web_api.py, the same pages and API.

Skipped when no PostgreSQL server answers (tests/pg.py). Most answers must equal, field for field, what the
app gives over a SQLite store of the same stories; search differs by design in its snippets and ranking
(tsvector vs FTS5), so it is checked by which stories it finds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from newsgraph.store.postgres import PostgresStore
from newsgraph.web.app import create_app
from pg import PG_URL, pg_store
from test_web_api import build_web_store, web_stories


@pytest.fixture(scope="module")
def pg() -> Iterator[tuple[PostgresStore, dict[str, str]]]:
    with pg_store() as store:
        stories, ids = web_stories(disputes=True)
        store.add(stories)
        yield store, ids


@pytest.fixture(scope="module")
def pclient(pg: tuple[PostgresStore, dict[str, str]]) -> Iterator[TestClient]:
    # As a context manager, the client runs the app's shutdown, which closes its connections before the
    # schema is dropped.
    with TestClient(create_app(pg[0]), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def sclient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("web-pg-twin") / "news.db"
    build_web_store(path, disputes=True)
    with TestClient(create_app(path), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def ids(pg: tuple[PostgresStore, dict[str, str]]) -> dict[str, str]:
    return pg[1]


def _hits(client: TestClient, **params: str) -> list[str]:
    r = client.get("/api/search", params=params)
    assert r.status_code == 200, r.text
    return [h["id"] for h in r.json()["items"]]


# -- pages ---------------------------------------------------------------------------------------
def test_search_page_and_api(pclient: TestClient, ids: dict[str, str]) -> None:
    r = pclient.get("/search", params={"q": "harbour"})
    assert r.status_code == 200
    assert "<mark>" in r.text and f"/story/{ids['march']}" in r.text
    j = pclient.get("/api/search", params={"q": "pumps OR pump"}).json()
    assert [h["id"] for h in j["items"]] == [ids["flood"]]
    assert "«pump»" in j["items"][0]["snippet"]  # stemmed: the match is the word the text has
    assert j["items"][0]["score"] > 0


@pytest.mark.parametrize(("params", "expect"), [
    ({"q": "Riverton", "date_from": "2026-04-07", "date_to": "2026-04-07"}, {"flood", "toll"}),
    ({"q": "Riverton", "source": "WIRE.example"}, {"toll"}),
    ({"q": "Quinlan", "event_type": "PROTEST"}, {"march"}),
    ({"entity": "ent-dovetxeberri"}, {"march", "ferry"}),
    ({"place": "geo:riverton"}, {"flood", "toll"}),
    ({"place": "harbour city"}, {"march", "ferry"}),
    ({"entity": "mara quinlan", "q": "boats"}, {"toll"}),
    ({"date_from": "2026-05"}, {"march", "xss", "ferry"}),
    ({"date_to": "2026-03", "q": "blast"}, {"depot"}),
])
def test_search_filters(pclient: TestClient, ids: dict[str, str], params: dict[str, str], expect: set[str]) -> None:
    assert set(_hits(pclient, **params)) == {ids[k] for k in expect}
    assert set(_hits(pclient, sort="newest", **params)) == {ids[k] for k in expect}


def test_search_folds_copies_and_pages(pclient: TestClient, ids: dict[str, str]) -> None:
    for sort in ("relevance", "newest"):
        items = pclient.get("/api/search", params={"q": "depot manager", "sort": sort}).json()["items"]
        assert [h["id"] for h in items] == [ids["depot"]], sort
        assert items[0]["copies"] == 2
        shown = _hits(pclient, q="depot manager", sort=sort, copies="show")
        assert set(shown) == {ids["depot"], ids["depot_copy"], ids["depot_copy2"]}
    assert _hits(pclient, q="Valley Wire") == [ids["depot_copy"]]  # its original does not say it: not folded
    seen: list[str] = []
    url: str | None = "/api/search?limit=2"
    while url:
        j = pclient.get(url).json()
        seen += [h["id"] for h in j["items"]]
        url = j["next"]
    assert len(seen) == len(set(seen)) == 7  # nine stories, two of them copies folded under their original


def test_story_page(pclient: TestClient, ids: dict[str, str]) -> None:
    r = pclient.get(f"/story/{ids['flood']}")
    assert r.status_code == 200
    assert f'<a href="/entity/{ids["quinlan_store"]}" class="ent ent-PERSON"' in r.text
    assert 'class="fig fig-killed"' in r.text and "officials said." in r.text and "ASSAULT" in r.text
    assert 'href="https://news.example/riverton-flood"' in r.text
    copy = pclient.get(f"/story/{ids['depot_copy']}").text
    assert 'id="story-original"' in copy and f'href="/story/{ids["depot"]}"' in copy
    assert pclient.get("/story/nosuchstory").status_code == 404


def test_events_page(pclient: TestClient) -> None:
    r = pclient.get("/events")
    assert r.status_code == 200 and r.text.count('class="event-row"') == 7  # three, and four of the bombing
    assert r.text.count('class="marker"') >= 3 and 'class="bar"' in r.text
    only = pclient.get("/events", params={"type": "PROTEST", "date_from": "", "place": ""})
    assert only.text.count('class="event-row"') == 1 and "Hundreds marched" in only.text


def test_entities_and_entity_pages(pclient: TestClient, ids: dict[str, str]) -> None:
    r = pclient.get("/entities", params={"name": "QUIN"})
    assert r.status_code == 200 and "Mara Quinlan" in r.text and "Dov Etxeberria" not in r.text
    page = pclient.get(f"/entity/{ids['quinlan']}")
    assert page.status_code == 200 and "Every pump we own" in page.text
    j = pclient.get(f"/api/entities/{ids['quinlan']}").json()
    assert {m["month"] for m in j["timeline"]} == {"2026-04", "2026-05"} and len(j["stories"]) == 3


@pytest.mark.parametrize("url", ["/", "/quotes?speaker=dov", "/figures", "/disputes", "/story/{xss}", "/api"])
def test_other_pages_render_and_escape(pclient: TestClient, ids: dict[str, str], url: str) -> None:
    r = pclient.get(url.format(**ids))
    assert r.status_code == 200
    assert "<script>window" not in r.text and "<img src=x" not in r.text and 'href="javascript:' not in r.text


# -- the same answers as over SQLite -----------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "/api/overview", "/api/events", "/api/events?place=riverton", "/api/events?actor=ETXEBERRIA",
    "/api/events?date_to=2026-04&type=ASSAULT", "/api/events?min_confidence=0.5", "/api/events/summary",
    "/api/events/summary?place=QQ", "/api/events.csv", "/api/quotes", "/api/quotes?speaker=quinlan",
    "/api/quotes?q=harbour", "/api/quotes?entity={dov_store}", "/api/entities", "/api/entities?name=dov",
    "/api/entities/{quinlan}", "/api/entities/{dov_store}?limit=1", "/api/disputes", "/api/disputes?place=stonebridge",
    "/api/stories/{flood}", "/api/figures?place=Riverton", "/api/search?entity=Ines Marlow&sort=newest",
])
def test_answers_match_the_sqlite_store(pclient: TestClient, sclient: TestClient, ids: dict[str, str],
                                        url: str) -> None:
    url = url.format(**ids)
    got, want = pclient.get(url), sclient.get(url)
    assert got.status_code == want.status_code == 200
    if url.endswith(".csv"):
        assert got.text == want.text
        return
    assert _comparable(got.json()) == _comparable(want.json())


def _comparable(j: Any) -> Any:
    # Snippets differ by design (ts_headline vs FTS5 snippet), and lists of the same rank may come in another
    # order from another engine: compare them as sorted lists.
    if isinstance(j, dict):
        return {k: _comparable(v) for k, v in j.items() if k != "snippet"}
    if isinstance(j, list):
        return sorted((_comparable(v) for v in j), key=repr)
    return j


@pytest.mark.parametrize("url", ["/api/events", "/api/quotes", "/api/overview", "/api/figures"])
def test_lists_come_in_the_same_order(pclient: TestClient, sclient: TestClient, url: str) -> None:
    # Ordered by dates and hash ids, which compare alike in any collation (names may not: see _comparable).
    def order(j: dict[str, Any]) -> list[Any]:
        items = j.get("items") or j["newest"] + j["latest_events"]
        return [(it.get("article_id"), it.get("id"), it.get("idx")) for it in items]

    assert order(pclient.get(url).json()) == order(sclient.get(url).json())


def test_story_copies_and_sources(pclient: TestClient, ids: dict[str, str]) -> None:
    root = pclient.get(f"/api/stories/{ids['depot']}").json()
    assert root["duplicate_of"] is None and set(root["copies"]) == {ids["depot_copy"], ids["depot_copy2"]}
    copy = pclient.get(f"/api/stories/{ids['depot_copy']}").json()
    assert copy["duplicate_of"] == ids["depot"] and copy["copies"] == [ids["depot_copy2"]]


# -- read-only, and the serve command ---------------------------------------------------------------
def test_the_app_cannot_write(pg: tuple[PostgresStore, dict[str, str]], pclient: TestClient) -> None:
    psycopg = pytest.importorskip("psycopg")
    reads = pg[0].web_reads()
    try:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reads.query("DELETE FROM articles")
    finally:
        reads.close()
    assert pclient.get("/api/overview").json()["counts"]["articles"] == 9
    assert pclient.post("/api/search").status_code == 405


def test_serve_opens_a_postgresql_url(pg: tuple[PostgresStore, dict[str, str]], monkeypatch: pytest.MonkeyPatch,
                                      tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main
    from newsgraph.web import serve

    served: dict[str, Any] = {}

    def fake_serve(store: Any, host: str, port: int) -> None:  # the app, without binding a port
        with TestClient(create_app(store), base_url="http://127.0.0.1") as c:
            served["store"] = type(store).__name__
            served["articles"] = c.get("/api/overview").json()["counts"]["articles"]

    monkeypatch.setattr(serve, "serve_command", fake_serve)
    # The test store lives in its own schema: the URL's options put it on the search path.
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{pg[0].schema}"
    res = CliRunner().invoke(main, ["serve", "--db", url])
    assert res.exit_code == 0, res.output
    assert served == {"store": "PostgresStore", "articles": 9}
    missing = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store at" in missing.output


# -- pieces that need no server ------------------------------------------------------------------------
@pytest.mark.parametrize(("day", "bound"), [("2026-04-07", "2026-04-08"), ("2026-04-09", "2026-04-10"),
                                            ("2026-09", "2026-10"), ("2029", "2030"), ("2026-12-31", "2026-12-32")])
def test_end_of_a_day_month_or_year(day: str, bound: str) -> None:
    from newsgraph.store.web_filters import end_of

    assert end_of(day) == bound
    # every date or timestamp on that day, month or year sorts below the bound, the next one does not
    assert f"{day}T23:59:59" < bound and day < bound and not f"{bound}T00:00" < bound


def test_the_served_url_hides_its_password() -> None:
    from newsgraph.store.web_postgres import redact

    assert redact("postgresql://ana:s3cret@db.example:5433/news") == "postgresql://ana:***@db.example:5433/news"
    assert redact("postgresql://ana@db.example/news") == "postgresql://ana@db.example/news"
