"""Alert rules over stored stories (newsgraph/watch/alerts.py, store/watch_state.py), from hand-built records:
once per incident, copies and follow-ups update it, a higher casualty figure fires again. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

from newsgraph.crosssource import refresh_incidents
from newsgraph.model import Actor, Article, Event, Figure, Place, Quote, Source
from newsgraph.store import SQLiteStore
from newsgraph.store.watch_state import WatchState, read_alerts
from newsgraph.watch.alerts import deliver, evaluate
from newsgraph.watch.rules import Near, Rule, Threshold
from newsgraph.watch.sinks import FileSink, SinkError
from pg import pg_store

CALI = Place("geo:3687925", "Cali", "CO", 3.437, -76.522, [(0, 4)], 3687925, "CO-VAC", "city")
LIMA = Place("geo:3936456", "Lima", "PE", -12.043, -77.028, [(0, 4)], 3936456, "PE-LIM", "city")
BOMBS = Rule("bombs in Colombia", types=("ASSAULT",), countries=("CO",), killed=Threshold(">=", 5))

LEAD = ("A car bomb exploded outside the police academy in Cali on Tuesday morning, killing {n} people and wounding "
        "dozens more, the regional police commander told reporters at the scene, adding that the army had sealed "
        "off the district while investigators searched the wreckage for clues.")


def report(i: int, text: str, killed: int | None, place: Place = CALI, day: str = "2026-05-02",
           actor: str = "rebels", etype: str = "ASSAULT", quotes: list[Quote] | None = None) -> Article:
    a = Article(id=f"r{i}", source=Source(f"https://site{i}.example/a"), text=text, title=f"Report {i}",
                published=day, places=[place], quotes=quotes or [])
    if killed is not None:
        a.figures = [Figure(f"{killed} people", (0, 10), "killed", "exact", value=killed)]
    a.events = [Event(f"e{i}", etype, (0, len(text)), acled_type="Explosions/Remote violence",
                      acled_subtype="Remote explosive/landmine/IED", actor=Actor(actor), place=place.id, date=day,
                      killed=killed, confidence=0.9)]
    return a


@contextmanager
def sqlite_store(tmp_path):
    with SQLiteStore(tmp_path / "w.db") as s:
        yield s


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    with (sqlite_store(tmp_path) if request.param == "sqlite" else pg_store()) as s:
        yield s


def step(state: WatchState, stories: list[Article], rules=(BOMBS,), sinks=()):
    """What a cycle does after reading its items: store, refresh the incidents, evaluate."""
    if stories:
        state.store.add(stories)
        refresh_incidents(state.store)
    return evaluate(state, list(rules), list(sinks))


def test_an_incident_fires_once_copies_join_and_a_higher_toll_fires_again(store, tmp_path):
    state = WatchState(store)
    assert state.baseline()
    out = tmp_path / "alerts.jsonl"
    sinks = [FileSink(str(out))]
    first = step(state, [report(1, LEAD.format(n=7), 7)], sinks=sinks)
    assert (first.stories, first.fired, first.updated) == (1, 1, 0)
    copy = report(2, LEAD.format(n=7) + " (Agencies)", 7)
    follow = report(3, "The death toll from Tuesday's car bombing at the police academy in Cali rose to 12 on "
                       "Wednesday, hospital officials said, as funerals were held for the first victims.", 12,
                    day="2026-05-03")
    second = step(state, [copy, follow], sinks=sinks)
    assert store.duplicate_of("r2") == "r1"
    assert (second.stories, second.fired, second.joined, second.updated) == (2, 0, 1, 1)
    third = step(state, [report(4, "Rebels attacked a base near Lima, killing 9 soldiers.", 9, place=LIMA),
                         report(5, "A bomb in Cali killed 3 people at a market.", 3, day="2026-05-12"),
                         report(6, "A second car bomb in Cali killed 6 people near the stadium.", 6, day="2026-05-21")],
                 sinks=sinks)
    assert (third.fired, third.updated) == (1, 0)  # Lima is in Peru, 3 is under 5, the bombing weeks later is new
    assert deliver(state, sinks) == (3, [])
    sent = [json.loads(x) for x in out.read_text().splitlines()]
    assert [(a["kind"], a["story"]["id"], a["incident"]["killed"]) for a in sent] == [
        ("new", "r1", 7), ("update", "r3", 12), ("new", "r6", 6)]
    assert sent[1]["change"] == "killed rose from 7 to 12" and sent[1]["alert"] == sent[0]["alert"]
    # originals are evaluated before copies: the follow-up made it 2 stories, the copy joined after (listed below)
    assert sent[1]["incident"]["stories"] == 2
    assert deliver(state, sinks) == (0, [])  # each delivery once
    listed = read_alerts(store.query)
    assert [(a["rule"], a["killed"], a["fires"], a["stories"]) for a in listed] == [
        ("bombs in Colombia", 6, 1, 1), ("bombs in Colombia", 12, 2, 3)]
    assert read_alerts(store.query, rule="nope") == []
    web = store.web_reads()  # what a web page would read, on the web app's read-only connections
    try:
        assert read_alerts(web.query, limit=1) == listed[:1]
    finally:
        web.close()


def test_stories_stored_before_watching_are_not_alerted_on(store):
    store.add([report(1, LEAD.format(n=7), 7)])
    state = WatchState(store)
    assert state.baseline() and not state.baseline()  # taken once per store
    assert step(state, []).stories == 0
    assert step(state, [report(2, "A car bomb in Cali killed 8 people outside a bank on Friday.", 8,
                                day="2026-06-01")]).fired == 1


def test_a_story_rule_fires_once_for_a_story_and_its_copies(store):
    state = WatchState(store)
    state.baseline()
    rule = Rule("car bombs said by the commander", words=("car bomb",),
                speakers=("commander",))
    said = [Quote("They will be caught.", (0, 5), speaker="Police commander Luis Ortega")]
    got = step(state, [report(1, LEAD.format(n=7), 7, quotes=said)], rules=[rule])
    assert got.fired == 1
    again = step(state, [report(2, LEAD.format(n=7) + " (Agencies)", 7, quotes=said)], rules=[rule])
    assert (again.fired, again.joined) == (0, 1)
    none = step(state, [report(3, "A car bomb was defused in Cali.", None, day="2026-07-01")], rules=[rule])
    assert none.fired == 0  # no commander speaks in it


def test_a_sink_that_fails_is_owed_the_alert_and_the_others_are_not_sent_it_twice(store, tmp_path):
    class Flaky:
        name = "flaky"

        def __init__(self):
            self.up, self.got = False, []

        def send(self, payload):
            if not self.up:
                raise SinkError("flaky: down")
            self.got.append(payload)

    flaky, good = Flaky(), FileSink(str(tmp_path / "a.jsonl"))
    state = WatchState(store)
    state.baseline()
    step(state, [report(1, LEAD.format(n=7), 7)], sinks=[flaky, good])
    assert deliver(state, [flaky, good]) == (1, ["flaky: down"])
    flaky.up = True
    assert deliver(state, [flaky, good]) == (1, [])
    assert len(flaky.got) == 1 and len((tmp_path / "a.jsonl").read_text().splitlines()) == 1
    assert state.pending_deliveries() == []


def test_event_conditions():
    art = report(1, LEAD.format(n=7), 7)
    ev, place = art.events[0], art.places[0]
    assert BOMBS.event_holds(ev, place, 7, None)
    assert not BOMBS.event_holds(ev, place, 4, None)
    assert not BOMBS.event_holds(ev, LIMA, 7, None)
    near = Rule("near Cali", near=Near(3.45, -76.53, 20, "Cali"))
    assert near.event_holds(ev, place, None, None) and not near.event_holds(ev, LIMA, None, None)
    assert not near.event_holds(ev, None, None, None)  # an event with no place is near nothing
    assert Rule("x", sub_types=("explosions/remote violence",)).event_holds(ev, place, None, None)
    assert not Rule("x", sub_types=("attack",)).event_holds(ev, place, None, None)
    assert Rule("x", actors=("rebel",)).event_holds(ev, place, None, None)
    assert not Rule("x", actors=("army",)).event_holds(ev, place, None, None)
    assert not Rule("x", min_confidence=0.95).event_holds(ev, place, None, None)
    assert Rule("x", injured=Threshold("<", 3)).event_holds(ev, place, None, 2)


def test_words_are_whole_words_in_any_case():
    art = report(1, "Officials said the CAR  BOMB was hidden in a van. A scarbombing is not a word.", None)
    assert Rule("x", words=("car bomb",)).story_holds(art)
    assert not Rule("x", words=("car bombs", "arbomb")).story_holds(art)


def test_stories_stored_while_watching_without_rules_are_not_alerted_on_later(store):
    state = WatchState(store)
    state.baseline()
    assert step(state, [report(1, LEAD.format(n=7), 7)], rules=()).stories == 1
    assert step(state, []).fired == 0  # the rule came later than the story
    assert step(state, [report(2, "A car bomb in Cali killed 8 people outside a bank on Friday.", 8,
                                day="2026-06-01")]).fired == 1
