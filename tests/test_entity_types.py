"""Type corrections from context, on sentences written for these tests."""

from __future__ import annotations

from newsgraph.extract.entities.mentions import Mention
from newsgraph.extract.entities.stage import group_mentions
from newsgraph.extract.entities.type_rules import add_quoted_names, retype


def at(text: str, name: str, typ: str, nth: int = 0) -> Mention:
    i = -1
    for _ in range(nth + 1):
        i = text.index(name, i + 1)
    return Mention(name, typ, i, i + len(name))


def types(text: str, *mentions: Mention) -> dict[str, str]:
    return {e.name: e.type for e in group_mentions(list(mentions), text)}


def test_title_makes_a_person():
    text = "Talks stalled after President Marlowe left the hall early."
    assert types(text, at(text, "Marlowe", "GPE"))["Marlowe"] == "PERSON"
    text = "The foreign minister Odeko Banda arrived late."
    assert types(text, at(text, "Odeko Banda", "ORG"))["Odeko Banda"] == "PERSON"


def test_apposition_says_person_or_place():
    text = "Renna Holt, a nurse at the county clinic, worked through the night."
    assert types(text, at(text, "Renna Holt", "ORG"))["Renna Holt"] == "PERSON"
    text = "Officials flew to Valdoria, the capital of the province, on Friday."
    assert types(text, at(text, "Valdoria", "PERSON"))["Valdoria"] == "GPE"


def test_new_clause_after_comma_is_not_an_apposition():
    text = "The deal was signed by Tomas Ferren, the ministry said."
    assert types(text, at(text, "Tomas Ferren", "PERSON"))["Tomas Ferren"] == "PERSON"


def test_speaker_is_not_a_small_town():
    text = "Kennedy said the vote would go ahead next week."
    assert types(text, at(text, "Kennedy", "PERSON"))["Kennedy"] == "PERSON"
    text = "Yesterday Brandlow said the plan was dead."
    assert types(text, at(text, "Brandlow", "GPE"))["Brandlow"] == "PERSON"


def test_country_that_speaks_stays_a_place():
    text = "France said on Monday that more aid would follow."
    assert types(text, at(text, "France", "GPE"))["France"] == "GPE"


def test_place_after_preposition_is_not_the_speaker():
    text = "Police in the town of Brandlow said two men were held."
    assert types(text, at(text, "Brandlow", "GPE"))["Brandlow"] == "GPE"


def test_platform_is_not_a_person():
    text = "A commentator on Chirpy noted the irony, and Chirpy users agreed."
    ents = types(text, at(text, "Chirpy", "PERSON"), at(text, "Chirpy", "PERSON", 1))
    assert ents["Chirpy"] == "ORG"


def test_gazetteer_region_is_not_an_organisation():
    text = "Fighting spread across the Sahel this year."
    assert types(text, at(text, "Sahel", "ORG"))["Sahel"] == "LOC"


def test_locative_object_is_a_region():
    text = "The road climbs to a pass high in the Verdanus."
    assert types(text, at(text, "Verdanus", "ORG"))["Verdanus"] == "LOC"


def test_title_of_a_work_is_not_a_place():
    text = "She starred in the film “Guinea Dreams” last year."
    assert "Guinea" not in types(text, at(text, "Guinea", "GPE"))
    text = "He read the novel Chad while travelling."
    assert retype([at(text, "Chad", "GPE")], text) == []


def test_unknown_place_beside_a_person_is_a_person():
    text = "A meeting between Orlov and Vantresk was promised."
    ents = types(text, at(text, "Orlov", "PERSON"), at(text, "Vantresk", "GPE"))
    assert ents["Vantresk"] == "PERSON"


def test_quoted_name_acting_in_the_sentence_is_a_person():
    text = "We met a teacher. ‘Dmitri’ is now hiding with friends."
    got = add_quoted_names([], text)
    assert [(m.text, m.type) for m in got] == [("Dmitri", "PERSON")]
