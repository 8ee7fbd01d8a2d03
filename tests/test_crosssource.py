"""Incidents across stories and the disputes between their sources, from hand-built records."""

from __future__ import annotations

import math

from newsgraph.crosssource import claim_range, claims, disputes, incidents
from newsgraph.model import Actor, Article, Event, Figure, Place, Source
from newsgraph.store import SQLiteStore

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
