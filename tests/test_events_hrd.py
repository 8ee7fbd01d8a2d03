"""violation_types, event_country and event_city (extract/events/hrd.py) on hand-built records."""

from __future__ import annotations

from newsgraph.extract.events.hrd import event_city, event_country, violation_types
from newsgraph.model import Actor, Article, Event, Place, Source

# Each line: a sentence, and the event the stage would have found in it: (type, mode, acled_subtype, killed,
# actor, place id), or None.
Line = tuple[str, tuple | None]


def article(lines: list[Line], places: list[Place] | None = None, title: str | None = None) -> Article:
    text, events, pos = "", [], 0
    for i, (sent, ev) in enumerate(lines):
        if text:
            text += " "
            pos += 1
        if ev is not None:
            etype, mode, sub, killed, actor, place = (*ev, None, None, None, None)[:6]
            events.append(Event(id=f"e{i}", type=etype, span=(pos, pos + len(sent)), mode=mode, acled_subtype=sub,
                                killed=killed, actor=Actor(actor) if actor else None, place=place))
        text += sent
        pos += len(sent)
    return Article(id="t", source=Source("test"), text=text, title=title, events=events, places=places or [])


FILLER = [("The union said it would hold its annual congress in the spring.", None),
          ("Its members voted on a new constitution last year.", None)]


def test_a_killing_with_people_killed_is_a_killing_not_an_assault():
    a = article([("Two masked men shot the farm workers' organiser dead at his gate on Sunday night.",
                  ("ASSAULT", "firearms", "Attack", 1)), *FILLER])
    assert violation_types(a) == {"killing"}


def test_arrests_told_twice_are_arbitrary_detention():
    a = article([("Officers arrested the editor of a weekly paper at her home before dawn.", ("COERCE", "arrest", "Arrests")),
                 ("She has been detained without charge since then, her lawyer said.", ("COERCE", "arrest", "Arrests")),
                 *FILLER])
    assert violation_types(a) == {"arbitrary detention"}


def test_suspects_arrested_for_a_murder_are_no_arbitrary_detention():
    a = article([("Police arrested three suspects in connection with the murder of the teachers' leader.",
                  ("COERCE", "arrest", "Arrests")),
                 ("The suspects were detained in the capital on Friday.", ("COERCE", "arrest", "Arrests")), *FILLER])
    got = violation_types(a)
    assert "arbitrary detention" not in got
    assert "killing" in got


def test_kidnapping_by_gunmen_is_kidnapping_only():
    a = article([("Gunmen abducted a village health worker from the clinic and demanded a ransom.",
                  ("ASSAULT", "abduct", "Abduction/forced disappearance", None, "Gunmen")),
                 ("The kidnappers released her after a week.", None), *FILLER])
    assert violation_types(a) == {"kidnapping"}


def test_abduction_by_state_agents_is_also_an_enforced_disappearance():
    a = article([("The blogger was abducted by security forces outside a cafe in the port city.",
                  ("ASSAULT", "abduct", "Abduction/forced disappearance", None, "security forces")),
                 ("His family say his whereabouts remain unknown a month later.", None),
                 ("Press groups condemned the abduction.", None), *FILLER])
    assert violation_types(a) == {"kidnapping", "enforced disappearance"}


def test_one_passing_mention_of_an_abduction_is_not_enough():
    a = article([("The blogger was abducted by security forces outside a cafe in the port city.",
                  ("ASSAULT", "abduct", "Abduction/forced disappearance", None, "security forces")), *FILLER])
    assert "kidnapping" not in violation_types(a)


def test_torture_in_custody():
    a = article([("The land-rights lawyer said guards tortured him with electric shocks during questioning.",
                  ("ASSAULT", "torture", "Attack", None, "guards")), *FILLER])
    assert "torture" in violation_types(a)


def test_torture_named_in_an_institution_or_as_a_risk_is_no_torture():
    a = article([("The national committee for the prevention of torture visited the prison on Tuesday.", None),
                 ("Activists warned the detainees were at risk of torture.", None), *FILLER])
    assert "torture" not in violation_types(a)


def test_threats_and_harassment_are_other():
    a = article([("A local official threatened the environmental campaigner after her report.", ("THREATEN", None)),
                 ("She said she had been harassed online for weeks.", None),
                 ("Police raided the office of her association and seized laptops.", ("COERCE", "seize", None)),
                 *FILLER])
    assert violation_types(a) == {"other"}


def test_a_story_without_violations_is_unknown():
    a = article([("The central bank left its main interest rate unchanged on Thursday.", None),
                 ("Analysts expect growth to pick up in the second half of the year.", ("AGREE", None)), *FILLER])
    assert violation_types(a) == {"unknown"}


def test_a_title_counts_twice():
    body = [("The court in the capital will hear the case next month.", None), *FILLER]
    assert "arbitrary detention" not in violation_types(article(body))
    assert "arbitrary detention" in violation_types(article(body, title="Trade unionist jailed over strike speech"))


def places() -> list[Place]:
    return [Place("p1", "Freetown", "SL", 8.48, -13.23, [(0, 8)], feature="city"),
            Place("p2", "Ghana", "GH", 8.0, -1.0, [(0, 5), (10, 15), (20, 25)], feature="country"),
            Place("p3", "Hong Kong", "HK", 22.3, 114.2, [(30, 39)], feature="country")]


def test_event_country_is_the_events_place_country_else_the_most_mentioned():
    a = article([("Soldiers detained the reporter in Freetown.", ("COERCE", "arrest", "Arrests", None, None, "p1")),
                 ("She was later freed.", None)], places())
    assert event_country(a) == "SL"
    no_place = article([("Soldiers detained the reporter.", ("COERCE", "arrest", "Arrests"))], places())
    assert event_country(no_place) == "GH"  # three mentions against one
    assert event_country(article([("Nothing happened.", None)])) is None


def test_event_city_reads_a_city_state_as_a_city():
    a = article([("Police arrested five speech therapists.", ("COERCE", "arrest", "Arrests", None, None, "p3"))],
                places())
    assert event_city(a) == "Hong Kong"
    assert event_city(article([("Police arrested five people.", None)], places()[1:2])) is None
