"""The event taxonomy, the learned event labels, and where/when an event is placed (hand-written sentences)."""

from __future__ import annotations

import pytest

from newsgraph.extract.events import classifier as et
from newsgraph.extract.events.acled import EXTRA, LABEL_PLOVER, LABELS, NONE, SUB_EVENTS, TABLE, category, disorder_type
from newsgraph.model import Article, Place, Source


def test_taxonomy_is_one_consistent_table():
    assert len(SUB_EVENTS) == 25 and len(EXTRA) == 5 and len(LABELS) == 30
    assert set(LABEL_PLOVER) == set(LABELS)
    assert {sub for _, sub in TABLE.values() if sub} <= set(LABELS)
    assert category("Air/drone strike") == "Explosions/Remote violence"
    assert disorder_type("Excessive force against protesters") == "Political violence; Demonstrations"
    assert category("Natural disaster") == "Disasters" and disorder_type("Natural disaster") is None


def test_compatible_labels_follow_the_plover_type():
    assert "Peaceful protest" in et.compatible("PROTEST") and "Violent demonstration" in et.compatible("PROTEST")
    assert "Arrests" in et.compatible("COERCE") and "Arrests" not in et.compatible("PROTEST")
    assert et.compatible("REQUEST") == frozenset()


def _scores(**given: float) -> dict[str, float]:
    rest = (1.0 - sum(given.values())) / (len(LABELS) + 1 - len(given))
    out = dict.fromkeys([*LABELS, NONE], rest)
    out.update({k.replace("_", " "): v for k, v in given.items()})
    return out


def test_label_for_needs_a_share_and_a_probability():
    s = _scores(Arrests=0.6, NONE=0.2)
    assert et.label_for(s, "COERCE")[0] == "Arrests"
    # Every COERCE label unlikely: the rules decide.
    s = _scores(NONE=0.95)
    assert et.label_for(s, "COERCE") == (None, pytest.approx(1 / len(et.compatible("COERCE")), abs=0.01))


def test_new_event_wants_a_clear_label_over_none():
    assert et.new_event(_scores(**{"Natural_disaster": 0.7, "NONE": 0.1})) == ("Natural disaster", 0.7)
    assert et.new_event(_scores(**{"Natural_disaster": 0.35, "NONE": 0.3})) is None  # not 1.5 times NONE
    assert et.new_event(_scores(NONE=0.9)) is None


def test_likelihood_of_a_type():
    s = _scores(**{"Peaceful_protest": 0.5, "Violent_demonstration": 0.2, "NONE": 0.2})
    assert et.likelihood(s, "PROTEST") > 0.7 > et.likelihood(s, "ASSAULT")
    assert et.likelihood(s, "REQUEST") == pytest.approx(0.8)
    assert et.likelihood(None, "ASSAULT") == 1.0


def test_shipped_classifier_reads_labels_from_words():
    model = et.load()
    if model is None:
        pytest.skip("no event-type model in this build")
    s = model.scores("An earthquake flattened homes in the hill villages overnight, killing eleven people.")
    assert max(s, key=s.get) == "Natural disaster"
    s = model.scores("Riot police fired tear gas and water cannon to break up the students' sit-in outside parliament.")
    assert max(s, key=s.get) == "Protest with intervention"
    s = model.scores("Stir the onions until golden, then add the garlic and a pinch of chilli.")
    assert max(s, key=s.get) == NONE


def _events(nlp, text: str, places=(), published: str | None = None):
    from newsgraph.extract.events import extract_events

    art = Article(id="t", source=Source("test"), text=text, places=list(places), published=published)
    return art, extract_events(art, nlp(text), None, None)


def _place(pid: str, name: str, text: str, feature: str, country: str = "XX") -> Place:
    i = text.index(name)
    return Place(pid, name, country, 0.0, 0.0, [(i, i + len(name))], feature=feature)


@pytest.mark.model
def test_place_is_never_a_modifier_of_people(nlp):
    text = "An air strike hit a market in Dorvale district, where Norland service members had been stationed."
    places = [_place("d", "Dorvale", text, "other"), _place("n", "Norland", text, "country")]
    _, evs = _events(nlp, text, places)
    assert evs and evs[0].place == "d"


@pytest.mark.model
def test_learned_event_where_no_trigger_names_one(nlp):
    if et.load() is None:
        pytest.skip("no event-type model in this build")
    _, evs = _events(nlp, "A powerful earthquake struck the coastal province before dawn, flattening hundreds of homes.")
    assert [(e.type, e.acled_subtype) for e in evs] == [("DISASTER", "Natural disaster")]


@pytest.mark.model
def test_no_date_from_a_clause_about_plans(nlp):
    from newsgraph.clean.story import Story
    from newsgraph.extract.dates import STAGE as DATES

    text = "The finance minister rejected the unions' demands, saying the budget could not support a raise before 2031."
    art = Article(id="t", source=Source("test"), text=text, published="2026-03-02")
    story = Story(text, "test", "text", published="2026-03-02")
    doc = nlp(text)
    DATES.run(art, doc, story)
    from newsgraph.extract.events import extract_events

    evs = extract_events(art, doc, story, None)
    assert evs and all(e.date is None or not e.date.startswith("2031") for e in evs)


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("Dock unions will strike at all four ports next week over pay.", "future"),
    ("The opposition plans a march through the capital on Saturday.", "future"),
    ("Ministers to meet in the port city to discuss the ceasefire.", "future"),
    ("Twenty years ago, a bomb in the central station killed 40 commuters.", "past"),
    ("Soldiers shelled the ridge above the village on Tuesday.", None),
])
def test_not_now_tells_plans_and_recollections(nlp, text, expected):
    from newsgraph.extract.events.filters import not_now
    from newsgraph.extract.events.triggers import find, text_tokens

    doc = nlp(text)
    assert find(text_tokens(text)), "the sentence needs a trigger for this test"
    verbs = [t for t in doc if find([t.lower_])]
    assert not_now(next(doc.sents), verbs[0]) == expected


@pytest.mark.model
def test_claims_and_denials_lower_confidence(nlp):
    _, plain = _events(nlp, "Militia fighters shelled the market town at dawn, killing six traders.")
    _, denied = _events(nlp, "The militia denied that its fighters shelled the market town at dawn.")
    _, alleged = _events(nlp, "The governor accused the militia of shelling the market town at dawn.")
    assert plain and max(e.confidence for e in plain) > 0.5
    assert all(e.confidence <= 0.5 for e in denied if e.acled_subtype)
    assert all(e.confidence <= 0.5 for e in alleged if e.acled_subtype)
