"""Events: triggers, ACLED labels and the stored scorer by hand; sentences through the parser (model tests)."""

from __future__ import annotations

import pytest

from newsgraph.extract import events_model
from newsgraph.extract.events_acled import acled_labels
from newsgraph.extract.events_lexicon import find, text_tokens
from newsgraph.model import Article, Figure, Place, Source

# --- no model -------------------------------------------------------------------------------------------------


def test_triggers_prefer_the_longest_phrase():
    hits = find(text_tokens("A drone strike hit the depot after a general strike began"))
    got = [(h.trigger.type, h.trigger.mode) for h in hits]
    assert got == [("ASSAULT", "drone"), ("PROTEST", "strike")]


def test_trigger_inflections_match_without_a_lemmatizer():
    for word in ("fled", "fleeing", "bombed", "detonates", "kidnapped", "protesting"):
        assert find([word]), word


def test_acled_mapping_by_mode_and_target():
    assert acled_labels("ASSAULT", "explosives") == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled_labels("ASSAULT", "drone") == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_labels("ASSAULT", "firearms", "three soldiers") == ("Battles", "Armed clash")
    assert acled_labels("ASSAULT", "firearms", "two farmers") == ("Violence against civilians", "Attack")
    assert acled_labels("PROTEST", "riot") == ("Riots", "Violent demonstration")
    assert acled_labels("MIGRATE", None) == (None, None)
    assert acled_labels("COERCE", "arrest") == ("Strategic developments", "Arrests")


def test_scorer_round_trips_through_json(tmp_path):
    labels = ["ASSAULT", "PROTEST"]
    vocab = ["bomb", "march", "bomb exploded"]
    coef = [[2.0, -1.0, 1.5], [-2.0, 2.5, -1.0]]
    path = tmp_path / "m.json"
    path.write_text(events_model.dump(labels, vocab, [1.0, 1.0, 1.5], coef, [0.0, 0.1]), "utf-8")
    model = events_model.load(path)
    assert model is not None
    s1 = model.scores("The bomb exploded.")
    s2 = model.scores("Workers march again.")
    assert s1["ASSAULT"] > 0.8 and s2["PROTEST"] > 0.8
    assert abs(sum(s1.values()) - 1.0) < 1e-9


def test_shipped_scorer_is_small_when_present():
    from importlib import resources

    ref = resources.files("newsgraph").joinpath("data", events_model.MODEL_FILE)
    if not ref.is_file():
        pytest.skip("no shipped scorer: the stage runs on its rules")
    assert len(ref.read_bytes()) < 5_000_000
    model = events_model.load()
    assert model is not None and "ASSAULT" in model.labels


# --- with the parser ------------------------------------------------------------------------------------------


def _place(pid: str, name: str, text: str, feature: str = "city", admin1: str | None = None) -> Place:
    i = text.index(name)
    return Place(pid, name, "XX", 0.0, 0.0, [(i, i + len(name))], admin1=admin1, feature=feature)


def _fig(text: str, phrase: str, category: str, value: float, after: int = 0) -> Figure:
    i = text.index(phrase, after)
    return Figure(phrase, (i, i + len(phrase)), category=category, value=value)


def _events(nlp, text: str, places=(), figures=()):
    from newsgraph.extract.events import extract_events

    art = Article(id="t", source=Source("test"), text=text, places=list(places), figures=list(figures))
    return extract_events(art, nlp(text), None, None)


@pytest.mark.model
def test_bombing_with_counts_and_acled_labels(nlp):
    text = "A car bomb exploded outside a police station in Redford on Monday, killing four officers and wounding nine."
    evs = _events(nlp, text, [_place("p1", "Redford", text)],
                  [_fig(text, "four officers", "killed", 4), _fig(text, "nine", "injured", 9)])
    assert [e.type for e in evs] == ["ASSAULT"]
    e = evs[0]
    assert e.mode == "explosives" and e.place == "p1" and (e.killed, e.injured) == (4, 9)
    assert (e.acled_type, e.acled_subtype) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert e.span == (0, len(text))


@pytest.mark.model
def test_drone_attack_has_actor_and_target(nlp):
    evs = _events(nlp, "Insurgents attacked an army convoy with drones near the river crossing.")
    assert [e.type for e in evs] == ["ASSAULT"]
    assert evs[0].mode == "drone" and evs[0].acled_subtype == "Air/drone strike"
    assert evs[0].actor is not None and evs[0].actor.text == "Insurgents"
    assert evs[0].recipient is not None and "convoy" in evs[0].recipient.text


@pytest.mark.model
def test_protest_with_actor_and_target(nlp):
    evs = _events(nlp, "Thousands of nurses held protests against the new pay rules in the capital on Saturday.")
    assert [e.type for e in evs] == ["PROTEST"]
    assert evs[0].actor is not None and "nurses" in evs[0].actor.text
    assert evs[0].recipient is not None and "pay rules" in evs[0].recipient.text
    assert evs[0].acled_type == "Protests"


@pytest.mark.model
def test_fleeing_across_a_border_is_migrate(nlp):
    evs = _events(nlp, "Hundreds of families fled across the mountain border overnight, carrying what they could.")
    assert [e.type for e in evs] == ["MIGRATE"]
    assert evs[0].acled_type is None


@pytest.mark.model
def test_never_accepting_is_a_rejection_not_a_threat(nlp):
    evs = _events(nlp, "The foreign minister said his country would never accept foreign monitors on its soil.")
    assert [e.type for e in evs] == ["REJECT"]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Would the general really threaten the neighbouring state with force?",
    "If the talks collapse, the militia could attack the town within days.",
    "The ministry denied that its soldiers had shot at the crowd.",
    "The rebels plan to bomb the railway bridge next month.",
])
def test_questions_conditions_denials_and_plans_are_not_events(nlp, text):
    types = [e.type for e in _events(nlp, text)]
    assert "ASSAULT" not in types and "THREATEN" not in types


@pytest.mark.model
def test_attribution_names_the_actor(nlp):
    text = ("A roadside bomb destroyed a bus near Marlow, killing seven passengers. "
            "The defence minister attributed the attack to a breakaway faction of the northern rebel army.")
    evs = _events(nlp, text, [_place("m", "Marlow", text)], [_fig(text, "seven passengers", "killed", 7)])
    assault = [e for e in evs if e.type == "ASSAULT"]
    assert len(assault) == 1
    assert assault[0].actor is not None
    assert assault[0].actor.text.startswith("breakaway faction of")


@pytest.mark.model
def test_summary_and_details_merge_into_separate_incidents(nlp):
    text = ("Two attacks left nine people dead in the province on Sunday. "
            "A bomb exploded at the bus station in Northtown, killing six people. "
            "Hours later, gunmen shot dead three farmers in Southvale.")
    places = [_place("n", "Northtown", text, admin1="01"), _place("s", "Southvale", text, admin1="02")]
    figures = [_fig(text, "nine people", "killed", 9), _fig(text, "six people", "killed", 6),
               _fig(text, "three farmers", "killed", 3)]
    evs = [e for e in _events(nlp, text, places, figures) if e.type == "ASSAULT"]
    assert sorted((e.place, e.killed, e.mode) for e in evs) == [("n", 6, "explosives"), ("s", 3, "firearms")]


@pytest.mark.model
def test_two_sentences_about_one_bombing_are_one_event(nlp):
    text = ("A suicide bomber attacked a mosque in Eastbury during Friday prayers. "
            "The blast at the mosque killed 15 worshippers and injured 40 others, police said.")
    figures = [_fig(text, "15 worshippers", "killed", 15), _fig(text, "40 others", "injured", 40)]
    evs = [e for e in _events(nlp, text, [_place("e", "Eastbury", text)], figures) if e.type == "ASSAULT"]
    assert len(evs) == 1
    e = evs[0]
    assert (e.killed, e.injured, e.place, e.mode) == (15, 40, "e", "suicide-attack")
    assert e.acled_subtype == "Suicide bomb"
    assert text[e.span[0]:e.span[1]].startswith("The blast")  # the detail sentence is the evidence


@pytest.mark.model
def test_ids_are_stable(nlp):
    text = "Police arrested twelve activists outside the parliament building in the capital."
    a = _events(nlp, text)
    b = _events(nlp, text)
    assert [e.id for e in a] == [e.id for e in b] and a and a[0].type == "COERCE"


@pytest.mark.model
@pytest.mark.parametrize("second", [
    "A little-known separatist militia claimed responsibility for the attack on Tuesday.",
    "The governor blamed the attack on a little-known separatist militia.",
])
def test_claims_and_blame_name_the_actor(nlp, second):
    text = "Gunmen killed eleven villagers near Harrow on Monday night. " + second
    evs = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].actor is not None
    assert evs[0].actor.text.endswith("separatist militia")


@pytest.mark.model
def test_a_blame_that_is_only_talked_about_names_no_one(nlp):
    text = "Gunmen killed eleven villagers near Harrow on Monday night. It is always easier to blame someone else."
    evs = [e for e in _events(nlp, text) if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].actor is not None and evs[0].actor.text == "Gunmen"
