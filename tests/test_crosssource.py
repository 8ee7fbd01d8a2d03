"""Incidents across stories and the disputes between their sources, from hand-built records."""

from __future__ import annotations

import math

import pytest

from newsgraph.crosssource import claim_range, claims, disputes, incidents, refresh_incidents, stored_disputes
from newsgraph.model import Actor, Article, Event, Figure, Place, Source
from newsgraph.store import SQLiteStore
from pg import pg_store

CALI = Place("geo:1", "Cali", "CO", 3.4, -76.5, [(0, 4)], 1, "CO-VAC", "city")
LIMA = Place("geo:2", "Lima", "PE", -12.0, -77.0, [(0, 4)], 2, "PE-LIM", "city")


def report(i: int, text: str, fig: Figure | None, place: Place = CALI, day: str = "2026-05-02",
           actor: str = "rebels", etype: str = "ASSAULT") -> Article:
    a = Article(id=f"r{i}", source=Source(f"https://site{i}.example/a"), text=text, title=f"Report {i}",
                published=day, places=[place])
    a.figures = [fig] if fig else []
    a.events = [Event(f"e{i}", etype, (0, len(text)), actor=Actor(actor), place=place.id, date=day,
                      killed=int(fig.value if fig.value is not None else fig.low) if fig else None)]
    return a


def fig(text: str, qual: str, v: float) -> Figure:
    return Figure(text, (0, len(text)), "killed", qual, value=v)


def test_claim_ranges():
    assert claim_range("at_least", 17, None, None) == (17, math.inf)
    assert claim_range("between", None, 40, 80) == (40, 80)
    assert claim_range("vague", None, 100, None) is None


def test_disagreeing_sources_make_a_dispute(tmp_path):
    db = SQLiteStore(tmp_path / "x.db")
    db.add([
        report(1, "At least 17 people were killed in a bombing in Cali.", fig("At least 17", "at_least", 17)),
        report(2, "A bombing in Cali killed 15 people, police said.", fig("15 people", "exact", 15), day="2026-05-03"),
        report(3, "Rebels attacked a base near Lima, killing 4.", fig("4", "exact", 4), place=LIMA),
        report(4, "A bombing in Cali killed 15 people, police said.", fig("15 people", "exact", 15), day="2026-05-20"),
    ])
    found = disputes(db)
    assert len(found) == 1
    assert {c.article_id for c in found[0].claims} == {"r1", "r2"}
    incs = incidents(claims(db))
    assert len(incs) == 3  # Cali early May, Lima, Cali weeks later


def test_compatible_claims_are_no_dispute(tmp_path):
    db = SQLiteStore(tmp_path / "y.db")
    db.add([
        report(1, "At least 15 people were killed in Cali.", fig("At least 15", "at_least", 15)),
        report(2, "The attack in Cali killed 17 people.", fig("17 people", "exact", 17)),
    ])
    assert disputes(db) == []


def test_copies_of_one_story_are_one_source(tmp_path):
    db = SQLiteStore(tmp_path / "z.db")
    text = ("A car bomb exploded outside the police academy in Cali on Tuesday morning, killing 15 people and "
            "wounding dozens more, the regional police commander told reporters at the scene.")
    a = report(1, text, fig("15 people", "exact", 15))
    b = report(2, text + " (Agencies)", fig("15 people", "exact", 15))
    b.figures[0] = fig("at least 17", "at_least", 17)  # a copy edited carelessly is still one source
    b.events[0].killed = 17
    db.add([a])
    db.add([b])
    assert db.duplicate_of("r2") == "r1"
    assert disputes(db) == []


def test_different_actors_are_different_incidents(tmp_path):
    db = SQLiteStore(tmp_path / "w.db")
    db.add([
        report(1, "Army units shelled a village near Cali, killing 3.", fig("3", "exact", 3), actor="army"),
        report(2, "Rebels ambushed a patrol near Cali, killing 6.", fig("6", "exact", 6), actor="rebels"),
    ])
    assert len(incidents(claims(db))) == 2
    assert disputes(db) == []


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        with SQLiteStore(tmp_path / "inc.db") as s:
            yield s
        return
    with pg_store() as s:
        yield s


def _disagreeing() -> list[Article]:
    return [
        report(1, "At least 17 people were killed in a bombing in Cali.", fig("At least 17", "at_least", 17)),
        report(2, "A bombing in Cali killed 15 people, police said.", fig("15 people", "exact", 15), day="2026-05-03"),
        report(3, "Rebels attacked a base near Lima, killing 4.", fig("4", "exact", 4), place=LIMA),
    ]


def test_refresh_stores_incidents_with_their_claims(store):
    store.add(_disagreeing())
    assert refresh_incidents(store) == 2
    rows = store.query("SELECT id, type, place_id, country, first_date, last_date, sources, events, disputed,"
                       " killed_low, killed_high FROM incidents ORDER BY place_id")
    cali, lima = rows
    assert cali[1:8] == ("ASSAULT", "geo:1", "CO", "2026-05-02", "2026-05-03", 2, 2)
    assert bool(cali[8]) is True and bool(lima[8]) is False
    assert cali[9:] == (15, 17)
    claims_ = store.query("SELECT article_id, event_id, killed, killed_text, killed_qualifier, killed_low, killed_high"
                          " FROM incident_events WHERE incident_id = ? ORDER BY article_id", (cali[0],))
    assert claims_ == [("r1", "e1", 17, "At least 17", "at_least", 17.0, None),
                       ("r2", "e2", 15, "15 people", "exact", 15.0, 15.0)]
    # the id is stable: the same events give the same id on the next refresh
    store.add(_disagreeing())  # a re-ingest adds nothing ...
    refresh_incidents(store)  # ... and a refresh replaces, never appends
    assert store.query("SELECT count(*) FROM incidents") == [(2,)]
    assert store.query("SELECT count(*) FROM incident_events") == [(3,)]
    assert store.query("SELECT id FROM incidents WHERE disputed") == [(cali[0],)]


def test_stored_disputes_match_the_computed_ones_while_fresh(store):
    store.add(_disagreeing())
    assert stored_disputes(store) is None  # never refreshed
    refresh_incidents(store)
    got, want = stored_disputes(store), disputes(store)
    assert [(i.type, i.place, i.first, i.last, i.sources) for i in got] == \
        [(i.type, i.place, i.first, i.last, i.sources) for i in want]
    key = [(c.article_id, c.killed_text, c.killed_range, c.evidence, c.uri, c.title) for c in got[0].claims]
    assert key == [(c.article_id, c.killed_text, c.killed_range, c.evidence, c.uri, c.title) for c in want[0].claims]
    assert stored_disputes(store, "PROTEST") == []
    store.add([report(5, "A bombing in Cali killed 16 people.", fig("16 people", "exact", 16), day="2026-05-02")])
    assert stored_disputes(store) is None  # stale: a story came after the refresh


def test_cli_disputes_reads_the_fresh_tables(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main

    path = tmp_path / "cli.db"
    with SQLiteStore(path) as db:
        db.add(_disagreeing())
        refresh_incidents(db)
        # a changed stored row shows that the command read the table rather than recomputing
        db.query("UPDATE incidents SET place = 'Somewhere' WHERE disputed")
    out = CliRunner().invoke(main, ["disputes", "--db", str(path)])
    assert out.exit_code == 0, out.output
    assert "ASSAULT in Somewhere 2026-05-02: 2 sources disagree" in out.output
    out = CliRunner().invoke(main, ["disputes", "--db", str(path), "--since", "2026-05-01"])
    assert "ASSAULT in Cali" in out.output


@pytest.mark.model
def test_ingest_refreshes_incidents_once(nlp, tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Car bomb kills at least 17 in Cali\n\nAt least 17 people were killed on Saturday when a car bomb exploded"
        " outside a police station in Cali, Colombia, officials said.\n")
    (tmp_path / "in" / "b.txt").write_text(
        "Police say bomb in Cali killed 15\n\nA car bomb outside a police station in Cali, Colombia, killed 15 people"
        " on Saturday, the national police said.\n")
    path = str(tmp_path / "ing.db")
    for _ in range(2):  # the second run stores nothing new and leaves the tables as they are
        out = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", path, "-q"])
        assert out.exit_code == 0, out.output
        with SQLiteStore(path) as db:
            assert db.query("SELECT sources, disputed, killed_low, killed_high FROM incidents") == [(2, 1, 15, 17)]
            assert sorted(db.query("SELECT killed, killed_qualifier FROM incident_events")) == \
                [(15, "exact"), (17, "at_least")]
