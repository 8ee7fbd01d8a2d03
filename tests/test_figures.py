"""Counted figures: category, qualifier, value and unit from hand-written news sentences.

Most tests run the extractor on text alone (no model); the `model` ones give it a spaCy parse, as the
pipeline does.
"""

from __future__ import annotations

import pytest

from newsgraph.extract.figures import extract_figures, link_figure_places
from newsgraph.gkg_counts import GKG_COUNT_TYPES, gkg_count_number, gkg_count_type
from newsgraph.model import Article, Figure, Place, Source


def fig(text: str, phrase: str, doc=None) -> Figure:
    """The one figure whose span covers `phrase`."""
    at = text.index(phrase)
    hits = [f for f in extract_figures(text, doc) if f.span[0] < at + len(phrase) and at < f.span[1]]
    assert len(hits) == 1, (phrase, extract_figures(text, doc))
    return hits[0]


def no_fig(text: str, phrase: str) -> None:
    at = text.index(phrase)
    hits = [f for f in extract_figures(text) if f.span[0] < at + len(phrase) and at < f.span[1]]
    assert hits == [], hits


CASES = [
    # (sentence, phrase locating the figure, category, qualifier, value, low, high, unit)
    ("At least 23 people were killed when a ferry capsized off the coast.", "23", "killed", "at_least", 23, None, None,
     "people"),
    ("A gas blast tore through the market, killing four people and injuring more than 40.", "four", "killed",
     "exact", 4, None, None, "people"),
    ("A gas blast tore through the market, killing four people and injuring more than 40.", "40", "injured",
     "more_than", 40, None, None, "people"),
    ("Officials said at least nine died in the landslide.", "nine", "killed", "at_least", 9, None, None, "people"),
    ("Between 1,500 and 2,000 have been killed or wounded since the spring.", "1,500", "killed_or_injured",
     "between", None, 1500, 2000, "people"),
    ("Nearly 120,000 had fled across the border by Sunday.", "120,000", "displaced", "about", 120000, None, None,
     "people"),
    ("Some 3,000 residents were evacuated from the valley.", "3,000", "displaced", "about", 3000, None, None,
     "people"),
    ("Police arrested 31 people after the match.", "31", "arrested", "exact", 31, None, None, "people"),
    ("Gunmen kidnapped a dozen pupils from a boarding school.", "dozen", "kidnapped", "exact", 12, None, None,
     "people"),
    ("Rescuers said 14 climbers are still missing.", "14", "missing", "exact", 14, None, None, "people"),
    ("Thousands of demonstrators marched through the capital.", "Thousands", "protesters", "vague", None, 2000,
     None, "people"),
    ("The government deployed 6,000 troops to the region.", "6,000", "troops", "exact", 6000, None, None,
     "people"),
    ("The council approved a $2.3bn budget for roads.", "$2.3bn", "money", "exact", 2.3e9, None, None, "dollars"),
    ("He paid £450,000 for the house.", "£450,000", "money", "exact", 450000, None, None, "pounds"),
    ("Wildfires burned a record 31,000 hectares this summer.", "31,000", "area", "exact", 31000, None, None,
     "hectares"),
    ("The estate covers about 1,200 acres of farmland.", "1,200", "area", "about", 1200, None, None, "acres"),
    ("The company will close 48 branches next year.", "48", "other", "exact", 48, None, None, "branches"),
    ("Officials counted hundreds of thousands of voters.", "hundreds of thousands", "other", "vague", None,
     200000, None, "people"),
    ("The storm left 1.2m homes without power.", "1.2m", "other", "exact", 1.2e6, None, None, "homes"),
    ("Two trains collided, leaving 12 passengers dead and 50 injured.", "12", "killed", "exact", 12, None,
     None, "people"),
    ("Two trains collided, leaving 12 passengers dead and 50 injured.", "50", "injured", "exact", 50, None,
     None, "people"),
    ("The virus has claimed the lives of 2,300 people this year.", "2,300", "killed", "exact", 2300, None, None,
     "people"),
    ("Health officials raised the death toll to 61 on Tuesday.", "61", "killed", "exact", 61, None, None, "people"),
    ("The floods killed 30 people in the north, 12 in the east and nine in the south.", "12", "killed", "exact",
     12, None, None, "people"),
    ("Two of the five cases were fatal.", "Two", "killed", "exact", 2, None, None, "people"),
    ("The chain runs 240 Mexican restaurants.", "240", "other", "exact", 240, None, None, "restaurants"),
    ("About 3,000 Canadians were stranded abroad.", "3,000", "other", "about", 3000, None, None, "people"),
    ("The fund received CA$4.5 million last year.", "4.5", "money", "exact", 4.5e6, None, None, "dollars"),
    ("Losses are known to exceed $US 2 billion.", "2 billion", "money", "more_than", 2e9, None, None, "dollars"),
    ("The agency now counts seven confirmed cases.", "seven", "other", "exact", 7, None, None, "cases"),
]


@pytest.mark.parametrize(("text", "phrase", "category", "qualifier", "value", "low", "high", "unit"), CASES)
def test_figures_without_parse(text, phrase, category, qualifier, value, low, high, unit) -> None:
    f = fig(text, phrase)
    assert (f.category, f.qualifier, f.unit) == (category, qualifier, unit)
    assert (f.value, f.low, f.high) == (
        pytest.approx(value) if value is not None else None,
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None,
    )


@pytest.mark.model
@pytest.mark.parametrize(("text", "phrase", "category", "qualifier", "value", "low", "high", "unit"), CASES)
def test_figures_with_parse(nlp, text, phrase, category, qualifier, value, low, high, unit) -> None:
    f = fig(text, phrase, nlp(text))
    assert (f.category, f.qualifier) == (category, qualifier)


@pytest.mark.model
def test_long_subject_takes_the_verb_from_the_parse(nlp) -> None:
    text = "Three members of the coastguard and a fisherman from the island were killed in the storm."
    assert fig(text, "Three", nlp(text)).category == "killed"


def test_active_verb_counts_the_object_not_the_subject() -> None:
    text = "Two rockets killed seven soldiers near the base."
    assert fig(text, "Two").category == "other"
    assert fig(text, "seven").category == "killed"


def test_animals_are_not_casualties() -> None:
    text = "Inspectors found 5,000 dead chickens at the farm, and 40 pigs died."
    assert fig(text, "5,000").category == "other"
    assert fig(text, "40").category == "other"


def test_swine_flu_deaths_are_people() -> None:
    text = "The swine flu death toll rose to 212 on Friday."
    assert fig(text, "212").category == "killed"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The video lasted 2:45 and was shared widely.", "2:45"),
        ("The summit opened in 2021 in Geneva.", "2021"),
        ("The vote is on 12 May in the capital.", "12"),
        ("The shop opens at 9 a.m. every day.", "9"),
        ("Maria Lopez, 34, was named coach.", "34"),
        ("A 19-year-old man was charged.", "19"),
        ("Her son turns 12 in June.", "12"),
        ("Unemployment fell to 4.2 percent.", "4.2"),
        ("Turnout was 61% in the city.", "61"),
        ("She finished 3rd in the race.", "3rd"),
        ("For details call 0800 123 456 today.", "0800"),
        ("They waited for three days at the border.", "three"),
        ("The talks lasted two weeks.", "two"),
        ("It was the past 24 hours of fighting.", "24"),
        ("The bill gives two fingers to the regulators.", "two"),
        ("He is a father of three and a keen cyclist.", "three"),
        ("A 40-tonne lorry overturned.", "40"),
        ("No one was hurt in the fire.", "one"),
        ("One official said the plan was sound.", "One"),
        ("The last two were never found.", "two"),
        ("The tower is 300 metres tall.", "300"),
        ("Gyms are betting on the 2025 fitness boom.", "2025"),
        ("Tickets went on sale in May 2026 for the tour.", "2026"),
        ("Our partner 404 Digital Studio built it.", "404"),
        ("Read more: 12 Ways Cities Cut Traffic", "12"),
        ("Viewers of KTV 5 said the report was unfair.", "5"),
    ],
)
def test_not_figures(text: str, phrase: str) -> None:
    no_fig(text, phrase)


def test_one_is_a_figure_when_someone_died() -> None:
    text = "One person was killed and two were hurt when the roof fell."
    f = fig(text, "One")
    assert (f.category, f.value) == ("killed", 1)


def test_figure_span_covers_number_and_counted_noun() -> None:
    text = "Police said more than 200 protesters were detained."
    f = fig(text, "200")
    assert f.text == "more than 200 protesters"
    assert text[f.span[0]:f.span[1]] == f.text
    assert f.category == "arrested"


def test_link_figure_places_nearest_place_in_sentence() -> None:
    text = "In Lagos, 12 people died. The storm also destroyed 300 homes in Ibadan and flooded Oyo."
    art = Article(id="a", source=Source("x"), text=text, figures=extract_figures(text))
    lagos = Place("p1", "Lagos", "NG", 6.5, 3.4, [(3, 8)])
    ibadan_at = text.index("Ibadan")
    oyo_at = text.index("Oyo")
    ibadan = Place("p2", "Ibadan", "NG", 7.4, 3.9, [(ibadan_at, ibadan_at + 6)])
    oyo = Place("p3", "Oyo", "NG", 7.8, 3.9, [(oyo_at, oyo_at + 3)])
    art.places = [lagos, ibadan, oyo]
    link_figure_places(art)
    by_value = {f.value: f.place for f in art.figures}
    assert by_value == {12: "p1", 300: "p2"}


def test_link_figure_places_leaves_figures_without_a_place_alone() -> None:
    text = "About 50 people gathered. Later, Rome was quiet."
    art = Article(id="a", source=Source("x"), text=text, figures=extract_figures(text))
    rome_at = text.index("Rome")
    art.places = [Place("p1", "Rome", "IT", 41.9, 12.5, [(rome_at, rome_at + 4)])]
    link_figure_places(art)
    assert [f.place for f in art.figures] == [None]


def test_every_schema_category_has_a_gkg_entry() -> None:
    import json
    from pathlib import Path

    import newsgraph

    schema = json.loads((Path(newsgraph.__file__).parent / "schema" / "article.schema.json").read_text())
    cats = schema["properties"]["figures"]["items"]["properties"]["category"]["enum"]
    assert set(cats) == set(GKG_COUNT_TYPES)
    assert gkg_count_type("killed") == "KILL"
    assert gkg_count_type("injured") == "WOUND"
    assert gkg_count_type("money") is None
    with pytest.raises(ValueError):
        gkg_count_type("sandwiches")


def test_gkg_number_uses_lower_bound_of_ranges() -> None:
    assert gkg_count_number(Figure("x", (0, 1), "killed", "between", None, 40000, 80000)) == 40000
    assert gkg_count_number(Figure("x", (0, 1), "killed", "exact", 17)) == 17
    assert gkg_count_number(Figure("x", (0, 1), "killed", "vague")) is None


@pytest.mark.model
def test_stage_fills_article_figures(nlp) -> None:
    from newsgraph.clean.story import Story
    from newsgraph.extract import default_stages
    from newsgraph.extract.figures import STAGE

    text = ("Flash floods swept through three villages on Tuesday.\n"
            "At least 19 people were killed and more than 60 injured, the regional governor said.\n"
            "Around 4,000 residents have fled to higher ground.")
    art = Article(id="a", source=Source("<test>"), text=text)
    STAGE.run(art, nlp(text), Story(text, "<test>", "text"))
    got = {(f.category, f.qualifier, f.value) for f in art.figures}
    assert ("killed", "at_least", 19) in got
    assert ("injured", "more_than", 60) in got
    assert ("displaced", "about", 4000) in got
    assert STAGE.name in [st.name for st in default_stages()]
