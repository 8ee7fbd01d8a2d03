from __future__ import annotations

from newsgraph.extract.entities import Mention, _trim, group_mentions


def m(text: str, typ: str, start: int) -> Mention:
    return Mention(text, typ, start, start + len(text))


def by_name(ents):
    return {e.name: e for e in ents}


def test_surname_joins_full_name():
    ents = by_name(group_mentions([m("Olga Berg", "PERSON", 0), m("Berg", "PERSON", 40), m("Berg", "ORG", 80)]))
    assert set(ents) == {"Olga Berg"}
    assert ents["Olga Berg"].type == "PERSON"
    assert ents["Olga Berg"].mentions == [(0, 9), (40, 44), (80, 84)]


def test_ambiguous_surname_stays_apart():
    ents = by_name(group_mentions([m("Jan Holm", "PERSON", 0), m("Eva Holm", "PERSON", 20), m("Holm", "PERSON", 50)]))
    assert set(ents) == {"Jan Holm", "Eva Holm", "Holm"}


def test_country_tagged_org_becomes_gpe():
    ents = by_name(group_mentions([m("Kenya", "ORG", 0), m("Kenya", "GPE", 30)]))
    assert ents["Kenya"].type == "GPE"
    assert len(ents["Kenya"].mentions) == 2


def test_acronym_defined_in_parentheses_joins_long_name():
    text = "The Northern Farmers Union (NFU) met. NFU leaders left."
    ents = by_name(group_mentions([m("Northern Farmers Union", "ORG", 4), m("NFU", "ORG", 28), m("NFU", "ORG", 38)],
                                  text))
    assert set(ents) == {"Northern Farmers Union"}
    assert len(ents["Northern Farmers Union"].mentions) == 3


def test_trim_possessive_title_and_punctuation():
    assert _trim("Olga Berg’s", 10, "PERSON") == ("Olga Berg", 10)
    assert _trim("President Olga Berg", 0, "PERSON") == ("Olga Berg", 10)
    assert _trim("“Berg", 5, "PERSON") == ("Berg", 6)
    assert _trim("the Senate", 0, "ORG") == ("Senate", 4)
    assert _trim("U.S.", 0, "GPE") == ("U.S.", 0)
    assert _trim("the", 0, "ORG") is None


def test_entity_ids_are_stable_across_stories():
    a = group_mentions([m("Olga Berg", "PERSON", 0)])
    b = group_mentions([m("Olga Berg", "PERSON", 70)])
    assert a[0].id == b[0].id
