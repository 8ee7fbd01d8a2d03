"""Filtering events on confidence and on the ACLED sub-event type: the `events` command, the JSON API, the
CSV download, the events page, and the in-memory timeline and map counts, which must agree with the list.

The store holds invented stories whose events are written by hand, with the confidences the extractor gives
(planned, claimed and denied events below 0.5) and sub-types from extract/events/acled.py's LABELS.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.extract.events.acled import LABELS, REMOTE, SUB_EVENTS, category
from newsgraph.model import Actor, Article, Event, Place, Source
from newsgraph.store.sqlite import SQLiteStore
from newsgraph.store.web_filters import EventFilter

# (sentence, PLOVER type, mode, sub-type, confidence, killed, actor)
DEPOT = [
    ("A drone struck the fuel depot outside Tarrow Falls before dawn on Tuesday, killing four guards.",
     "ASSAULT", "aerial", "Air/drone strike", 0.92, 4, None),
    ("The Ridge Brigade said it would shell the garrison at Tarrow Falls next week.",
     "ASSAULT", "heavy-weapons", "Shelling/artillery/missile attack", 0.41, None, "Ridge Brigade"),
    ("A group calling itself the Night Wardens claimed the attack on the depot.",
     "CLAIM", None, "Claim of responsibility", None, None, "Night Wardens"),
]
QUILLON = [
    ("Several hundred teachers marched through Quillon on Thursday to demand six months of unpaid wages.",
     "PROTEST", "demo", "Peaceful protest", 0.85, None, None),
    ("The defence ministry denied that its aircraft had bombed the Quillon cattle market.",
     "ASSAULT", "aerial", "Air/drone strike", 0.3, None, "defence ministry"),
    ("A storm surge flooded the low quarter of Quillon overnight and drowned two fishermen.",
     "DISASTER", "natural", "Natural disaster", 0.74, 2, None),
]
CONFIDENT = {"depot-0", "quillon-0", "quillon-2"}  # at least 0.5
AIR = {"depot-0", "quillon-1"}


def _story(key: str, title: str, published: str, place: tuple[str, str, float, float],
           events: list[tuple[str, str, str | None, str, float | None, int | None, str | None]]) -> Article:
    text = " ".join(e[0] for e in events)
    name, cc, lat, lon = place
    at = text.index(name)
    pid = f"geo:{key}"
    evs = []
    for i, (sentence, etype, mode, sub, conf, killed, actor) in enumerate(events):
        start = text.index(sentence)
        evs.append(Event(f"{key}-{i}", etype, (start, start + len(sentence)), mode=mode, acled_type=category(sub),
                         acled_subtype=sub, actor=Actor(actor) if actor else None, place=pid, date=published,
                         killed=killed, confidence=conf))
    return Article(id=Article.make_id(text, title), source=Source(f"https://news.example/{key}"), text=text,
                   title=title, published=published, places=[Place(pid, name, cc, lat, lon, [(at, at + len(name))])],
                   events=evs)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("event-filters") / "news.db"
    with SQLiteStore(path) as store:
        store.add([_story("depot", "Drone hits depot at Tarrow Falls", "2026-02-03", ("Tarrow Falls", "XQ", 5.0, 6.0),
                          DEPOT),
                   _story("quillon", "A week in Quillon", "2026-02-05", ("Quillon", "XR", -7.0, 30.0), QUILLON)])
    return path


def test_the_hand_written_sub_types_are_labels() -> None:
    assert {e[3] for e in DEPOT + QUILLON} <= set(LABELS) and SUB_EVENTS["Air/drone strike"][0] == REMOTE


# -- the events command ----------------------------------------------------------------------------
def _cli(db: Path, *args: str):
    return CliRunner().invoke(main, ["events", "--db", str(db), *args])


def _cli_ids(db: Path, *args: str) -> set[str]:
    res = _cli(db, "--format", "json", *args)
    assert res.exit_code == 0, res.output
    return {json.loads(line)["event_id_cnty"] for line in res.stdout.splitlines()}


def test_cli_lists_every_event_without_filters(db: Path) -> None:
    assert len(_cli_ids(db)) == 6


def test_cli_min_confidence_keeps_the_confident_events(db: Path) -> None:
    assert _cli_ids(db, "--min-confidence", "0.5") == CONFIDENT
    rows = [json.loads(line) for line in _cli(db, "--format", "json", "--min-confidence", "0.5").stdout.splitlines()]
    assert all(r["confidence"] >= 0.5 for r in rows)
    assert _cli_ids(db, "--min-confidence", "0.9") == {"depot-0"}
    assert _cli_ids(db, "--min-confidence", "1") == set()
    # 0 is the default: every event, the one without a confidence too
    assert len(_cli_ids(db, "--min-confidence", "0")) == 6


def test_cli_sub_type_matches_in_any_case(db: Path) -> None:
    assert _cli_ids(db, "--sub-type", "air/drone strike") == AIR
    assert _cli_ids(db, "--sub-type", "AIR/DRONE STRIKE") == AIR
    assert _cli_ids(db, "--sub-type", "Natural disaster") == {"quillon-2"}
    assert _cli_ids(db, "--sub-type", "air/drone strike", "--min-confidence", "0.5") == {"depot-0"}
    csv_out = _cli(db, "--format", "csv", "--sub-type", "peaceful PROTEST")
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert [r["sub_event_type"] for r in rows] == ["Peaceful protest"]


def test_cli_type_matches_in_any_case(db: Path) -> None:
    assert _cli_ids(db, "--type", "assault") == {"depot-0", "depot-1", "quillon-1"}
    assert _cli_ids(db, "--type", "DISASTER") == {"quillon-2"}
    assert _cli_ids(db, "--type", "claim") == {"depot-2"}


def test_cli_unknown_type_names_the_valid_ones(db: Path) -> None:
    res = _cli(db, "--type", "BOMBING")
    assert res.exit_code != 0
    assert "BOMBING" in res.output and "'ASSAULT'" in res.output and "'PROTEST'" in res.output
    for extra in ("MIGRATE", "DISASTER", "CRIME", "CLAIM"):
        assert f"'{extra}'" in res.output


def test_cli_unknown_sub_type_names_the_valid_ones(db: Path) -> None:
    res = _cli(db, "--sub-type", "nonsense")
    assert res.exit_code != 0
    assert "nonsense" in res.output
    for label in LABELS:
        assert repr(label) in res.output, label


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
def test_cli_min_confidence_must_be_0_to_1(db: Path, bad: str) -> None:
    res = _cli(db, "--min-confidence", bad)
    assert res.exit_code != 0 and "--min-confidence" in res.output


def test_cli_help_explains_the_filters() -> None:
    out = CliRunner().invoke(main, ["events", "--help"]).output
    assert "--min-confidence FLOAT" in out and "--sub-type TEXT" in out and "--type TYPE" in out


# -- the web app -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(db: Path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    return TestClient(create_app(db), base_url="http://127.0.0.1")


def _api_ids(client, **params: str) -> set[str]:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return {e["id"] for e in r.json()["items"]}


def _summary_n(client, **params: str) -> int:
    r = client.get("/api/events/summary", params=params)
    assert r.status_code == 200, r.text
    s = r.json()
    assert sum(p["events"] for p in s["places"]) == sum(t["n"] for t in s["timeline"])  # every event is dated, placed
    return sum(t["n"] for t in s["timeline"])


def test_api_min_confidence_filters_list_and_summary(client) -> None:
    assert len(_api_ids(client)) == 6 and _summary_n(client) == 6
    assert _api_ids(client, min_confidence="0.5") == CONFIDENT
    assert _summary_n(client, min_confidence="0.5") == len(CONFIDENT)
    s = client.get("/api/events/summary", params={"min_confidence": "0.5"}).json()
    assert {(p["name"], p["type"]): p["events"] for p in s["places"]} == {
        ("Tarrow Falls", "ASSAULT"): 1, ("Quillon", "PROTEST"): 1, ("Quillon", "DISASTER"): 1}
    assert {p["killed"] for p in s["places"] if p["type"] == "ASSAULT"} == {4}


def test_api_sub_type_filters_list_and_summary(client) -> None:
    assert _api_ids(client, sub_type="Air/drone strike") == AIR
    assert _api_ids(client, sub_type="air/drone strike") == AIR
    assert _summary_n(client, sub_type="air/DRONE strike") == len(AIR)
    both = {"sub_type": "air/drone strike", "min_confidence": "0.5"}
    assert _api_ids(client, **both) == {"depot-0"} and _summary_n(client, **both) == 1
    timeline = client.get("/api/events/summary", params=both).json()["timeline"]
    assert timeline == [{"day": "2026-02-03", "type": "ASSAULT", "n": 1, "killed": 4}]
    assert _api_ids(client, sub_type="nonsense") == set() and _summary_n(client, sub_type="nonsense") == 0


@pytest.mark.parametrize("params", [
    {}, {"min_confidence": "0"}, {"min_confidence": ".4"}, {"min_confidence": "0.41"}, {"min_confidence": "1"},
    {"sub_type": "claim of responsibility"}, {"sub_type": "Peaceful protest", "min_confidence": "0.9"},
    {"type": "ASSAULT", "min_confidence": "0.35"}, {"type": "ASSAULT", "sub_type": "Shelling/artillery/missile attack"},
    {"place": "Quillon", "min_confidence": "0.5"}, {"date_from": "2026-02-04", "sub_type": "air/drone strike"},
    {"actor": "brigade", "min_confidence": "0.4"},
])
def test_summary_counts_agree_with_the_list(client, params: dict[str, str]) -> None:
    # The timeline and map are counted in memory over the cached tuples; the list is SQL: same meaning.
    assert _summary_n(client, **params) == len(_api_ids(client, **params)), params


def test_csv_download_filters(client) -> None:
    r = client.get("/api/events.csv", params={"min_confidence": "0.5", "sub_type": "natural DISASTER"})
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(row["id"], row["acled_subtype"]) for row in rows] == [("quillon-2", "Natural disaster")]
    assert len(list(csv.DictReader(io.StringIO(client.get("/api/events.csv?min_confidence=0.5").text)))) == 3


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "2", "high", "0.5e1", "nan"])
def test_api_min_confidence_must_be_0_to_1(client, bad: str) -> None:
    for url in ("/api/events", "/api/events/summary", "/api/events.csv"):
        r = client.get(url, params={"min_confidence": bad})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "min_confidence"], (url, bad)
    assert client.get("/events", params={"min_confidence": bad}).status_code == 422


def test_openapi_documents_the_filters(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/summary", "/api/events.csv"):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert {"min_confidence", "sub_type"} <= names, path


def test_events_page_form_keeps_the_filters_in_the_url(client) -> None:
    # A form sends its blank fields too: empty means "no filter".
    blank = client.get("/events", params={"type": "", "date_from": "", "date_to": "", "place": "", "actor": "",
                                          "sub_type": "", "min_confidence": ""})
    assert blank.status_code == 200 and blank.text.count('class="event-row"') == 6
    r = client.get("/events", params={"sub_type": "air/drone strike", "min_confidence": "0.5"})
    assert r.status_code == 200 and r.text.count('class="event-row"') == 1
    assert "A drone struck the fuel depot" in r.text and "aircraft had bombed" not in r.text
    start = r.text.index('<form class="filters" action="/events"')
    form = r.text[start:r.text.index("</form>", start)]
    select = form[form.index('<select name="sub_type"'):]
    select = select[:select.index("</select>")]
    assert select.count("<option") == len(LABELS) + 1  # + "any"
    for label in LABELS:
        assert f">{label}</option>" in select, label
    assert "<option selected>Air/drone strike</option>" in form
    assert 'name="min_confidence"' in form and 'value="0.5"' in form
    assert 'href="/api/events.csv?' in form and "sub_type=Air%2Fdrone+strike" in form and "min_confidence=0.5" in form


# -- the dates' rule: the event's own date (the web's), or failing that the story's (the events command's) ----------
@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Depot: events dated 2026-02-03. Quillon: events without a date in a story published 2026-03-09 (a
    date-time). Orphan: events with no date in a story without one."""
    path = tmp_path_factory.mktemp("event-dates") / "news.db"
    depot = _story("depot", "Drone hits depot at Tarrow Falls", "2026-02-03", ("Tarrow Falls", "XQ", 5.0, 6.0), DEPOT)
    quillon = _story("quillon", "A week in Quillon", "2026-03-09T10:00:00", ("Quillon", "XR", -7.0, 30.0), QUILLON)
    quillon.events = [replace(e, date=None) for e in quillon.events]
    orphan = _story("orphan", "Undated", "2026-01-01", ("Tarrow Falls", "XQ", 5.0, 6.0), DEPOT[:2])
    orphan.published = None
    orphan.events = [replace(e, id=f"orphan-{i}", date=None) for i, e in enumerate(orphan.events)]
    with SQLiteStore(path) as store:
        store.add([depot, quillon, orphan])
    return path


def _keys(path: Path, flt: EventFilter, limit: int = 100) -> list[str]:
    with SQLiteStore(path, readonly=True) as store:
        reads = store.web_reads()
        try:
            return [eid for _aid, eid in reads.event_keys(flt, limit)]
        finally:
            reads.close()


def test_the_date_fallback_is_off_by_default_and_filters_the_event_date_only(dated: Path) -> None:
    assert EventFilter().date_fallback_published is False
    assert set(_keys(dated, EventFilter(date_from="2026-02-01"))) == {"depot-0", "depot-1", "depot-2"}
    assert _keys(dated, EventFilter(date_from="2026-03-01")) == []
    # without dates nothing is left out, the undated events too
    assert len(_keys(dated, EventFilter())) == 8


def test_the_date_fallback_dates_an_undated_event_by_its_story(dated: Path) -> None:
    since = EventFilter(date_from="2026-03-01", date_fallback_published=True)
    assert set(_keys(dated, since)) == {"quillon-0", "quillon-1", "quillon-2"}
    # --until a day includes the date-times of that day; newest first, the story's date standing in
    upto = EventFilter(date_from="2026-02-01", date_to="2026-03-09", date_fallback_published=True)
    assert _keys(dated, upto) == ["quillon-0", "quillon-1", "quillon-2", "depot-0", "depot-1", "depot-2"]
    assert _keys(dated, replace(upto, date_to="2026-03-08")) == ["depot-0", "depot-1", "depot-2"]
    # other filters still apply
    assert _keys(dated, replace(since, sub_type="air/drone strike")) == ["quillon-1"]


def test_the_undated_events_are_counted_with_the_other_filters(dated: Path) -> None:
    with SQLiteStore(dated, readonly=True) as store:
        reads = store.web_reads()
        try:
            flt = EventFilter(date_from="2026-02-01", date_fallback_published=True)
            assert reads.undated_events(flt) == 2
            assert reads.undated_events(replace(flt, min_confidence=0.9)) == 1  # the drone strike (0.92)
            assert reads.undated_events(replace(flt, min_confidence=0.95)) == 0
        finally:
            reads.close()


def test_the_events_command_keeps_its_dates_rule(dated: Path) -> None:
    res = _cli(dated, "--format", "json", "--since", "2026-03-01")
    assert res.exit_code == 0, res.output
    assert {json.loads(line)["event_id_cnty"] for line in res.stdout.splitlines()} == {"quillon-0", "quillon-1",
                                                                                        "quillon-2"}
    assert "2 undated event(s) left out" in res.stderr
