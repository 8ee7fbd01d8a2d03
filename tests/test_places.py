"""The places stage on hand-tagged sentences (a blank spaCy tokenizer, entity labels set by hand) over a
small hand-built gazetteer: context decides between readings of one name."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsgraph.clean.story import Story
from newsgraph.extract.entities import stage as entities
from newsgraph.extract.places import stage as places
from newsgraph.model import Article, Source
from test_gazetteer import make_small_gazetteer

_NLP = spacy.blank("en")


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = make_small_gazetteer(Path(tmp_path_factory.mktemp("gaz")) / "gaz.sqlite")
    yield g
    g.close()


def tagged(text: str, labels: dict[str, str]):
    """A Doc whose entities are the given phrases (first occurrence of each, every occurrence when the
    phrase is repeated) with the given labels; then the entities stage, as the pipeline would run it."""
    doc = _NLP(text)
    spans = []
    for phrase, label in labels.items():
        start = 0
        while (i := text.find(phrase, start)) >= 0:
            sp = doc.char_span(i, i + len(phrase), label=label)
            assert sp is not None, phrase
            spans.append(sp)
            start = i + len(phrase)
    doc.ents = sorted(spans, key=lambda s: s.start)
    art = Article(id="t", source=Source("test"), text=text)
    story = Story(text=text, uri="test", format="text")
    entities.run(art, doc, story)
    return art, doc


def resolved(art: Article) -> dict[str, tuple]:
    out = {}
    for p in art.places:
        for s, e in p.mentions:
            out[art.text[s:e]] = (p.country, p.feature, p.admin1)
    return out


def test_georgia_the_country_beside_russia(gaz):
    art, doc = tagged("Georgia reopened its border crossing with Russia after talks in Tbilisi.",
                      {"Georgia": "GPE", "Russia": "GPE", "Tbilisi": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Georgia"] == ("GE", "country", None)
    assert got["Tbilisi"][0] == "GE"


def test_georgia_the_state_in_an_american_story(gaz):
    art, doc = tagged("Voters in Atlanta waited for hours as Georgia counted ballots, American officials said.",
                      {"Atlanta": "GPE", "Georgia": "GPE", "American": "NORP"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Georgia"] == ("US", "admin1", "US-GA")
    assert got["American"][:2] == ("US", "country")  # a demonym is a mention of its country


def test_georgia_alone_is_the_country(gaz):
    art, doc = tagged("Georgia held an election on Sunday.", {"Georgia": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Georgia"][0] == "GE"


def test_city_tagged_org_found_and_placed_by_colombian_context(gaz):
    text = "The Colombian army sent troops to Antioquia, and police in Cali reported new arrests."
    art, doc = tagged(text, {"Colombian": "NORP", "Antioquia": "GPE", "Cali": "ORG"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Cali"] == ("CO", "city", "CO-VAC")
    assert got["Antioquia"] == ("CO", "admin1", "CO-ANT")
    assert got["Colombian"][:2] == ("CO", "country")
    cali = next(p for p in art.places if p.name == "Cali")
    assert cali.id == "geo:3687925" and cali.geonameid == 3687925
    assert abs(cali.lat - 3.44) < 0.1 and abs(cali.lon + 76.5) < 0.1


def test_shared_city_name_follows_the_story_country(gaz):
    art, doc = tagged("Floods closed roads between Dallas and Paris, and Texas asked for federal help.",
                      {"Dallas": "GPE", "Paris": "GPE", "Texas": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Paris"][:2] == ("US", "city")


def test_shared_city_name_defaults_to_the_big_one(gaz):
    art, doc = tagged("Ministers met in Paris on Tuesday.", {"Paris": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Paris"][0] == "FR"


def test_city_region_pair(gaz):
    art, doc = tagged("Flooding hit Paris, Texas overnight.", {"Paris": "GPE", "Texas": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Paris"][0] == "US"


def test_repeated_name_is_one_place_with_every_mention(gaz):
    art, doc = tagged("Russia said Russia would answer.", {"Russia": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    (p,) = art.places
    assert p.mentions == [(0, 6), (12, 18)]
    assert p.id == "geo:2017370" and p.feature == "country"


def test_person_names_are_not_scanned_as_places(gaz):
    art, doc = tagged("Paris Dallas, a singer, performed.", {"Paris Dallas": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    assert art.places == []


def test_untagged_small_place_needs_context(gaz):
    # "Cali" in the Philippines is tiny: an untagged mention with no supporting context is not kept.
    art, doc = tagged("The band Cali played a set.", {})
    places_ = places.places_for(art, doc, gaz)
    assert all(p.country != "PH" for p in places_)


def test_region_code_in_capitals_needs_the_country_in_context(gaz):
    art, doc = tagged("Colombian troops reached ANT on Monday.", {"Colombian": "NORP"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["ANT"] == ("CO", "admin1", "CO-ANT")
    art, doc = tagged("Ant colonies moved as Colombian farmers watched.", {"Colombian": "NORP"})
    art.places = places.places_for(art, doc, gaz)
    assert "Ant" not in resolved(art)
    art, doc = tagged("Troops reached ANT on Monday.", {})
    art.places = places.places_for(art, doc, gaz)
    assert art.places == []


def test_generic_region_words_need_context(gaz):
    art, doc = tagged("Experts in the Middle East met.", {"Middle East": "LOC"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Middle East"][1] == "region"


def test_stage_contract(gaz, monkeypatch):
    assert places.STAGE.needs == ("entities",)
    monkeypatch.setattr(places, "get_gazetteer", lambda: gaz)
    art, doc = tagged("Georgia and Russia talked.", {"Georgia": "GPE", "Russia": "GPE"})
    places.run(art, doc, Story(text=art.text, uri="t", format="text"))
    assert {p.country for p in art.places} == {"GE", "RU"}
    # The record round-trips through JSON with the schema's field names.
    back = Article.from_json(art.to_json())
    assert back.places == art.places


@pytest.mark.model
def test_with_the_model(pipeline):
    from newsgraph.pipeline import Options, Pipeline

    p = Pipeline(Options(stages=[entities.STAGE, places.STAGE]), nlp=pipeline.nlp)
    text = ("Colombian troops were sent to Antioquia after fighting near Medellin. "
            "Officials in Bogota said the army would stay.")
    art = p.article(Story(text=text, uri="t", format="text"), p.nlp(text))
    got = resolved(art)
    assert got.get("Antioquia", (None,))[0] == "CO"
    assert got.get("Medellin", (None,))[0] == "CO"


def test_a_name_listed_among_states_is_the_state(gaz):
    art, doc = tagged("Cases were reported in Utah, Washington and Texas.",
                      {"Utah": "GPE", "Washington": "GPE", "Texas": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Washington"] == ("US", "admin1", "US-WA")


def test_alone_the_capital_wins_and_a_region_word_makes_it_the_state(gaz):
    art, doc = tagged("Officials in Washington met on Monday.", {"Washington": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Washington"][1] == "city"
    art, doc = tagged("A cow on a farm in the state of Washington was sick.", {"Washington": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Washington"][1] == "admin1"


def test_first_name_before_a_speech_verb_is_not_scanned(gaz):
    art, doc = tagged("Brent told reporters the plan had failed.", {})
    art.places = places.places_for(art, doc, gaz)
    assert "Brent" not in resolved(art)


def test_common_word_is_not_scanned_as_a_town(gaz):
    art, doc = tagged("She studied at the University for three years in Texas.", {"Texas": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert "University" not in resolved(art)


def test_variant_spelling_does_not_beat_the_place_of_that_name(gaz):
    art, doc = tagged("The team flew to Pittsburgh on Sunday.", {"Pittsburgh": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    (p,) = art.places
    assert p.id == "geo:5206379"


def test_small_town_written_with_its_state_even_if_tagged_a_person(gaz):
    art, doc = tagged("The couple lived in Hugo, Texas, for years.", {"Hugo": "PERSON", "Texas": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Hugo"] == ("US", "city", None)
    art, doc = tagged("Hugo said the plan had failed.", {"Hugo": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    assert "Hugo" not in resolved(art)


def test_airport_by_its_bare_name_in_a_british_story(gaz):
    art, doc = tagged("Fog grounded flights at Heathrow, and travellers across Britain faced delays.",
                      {"Heathrow": "FAC", "Britain": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Heathrow"] == ("GB", "other", None)


def test_airport_by_its_full_name_is_found_untagged(gaz):
    art, doc = tagged("Two runways at Heathrow Airport were shut for an hour.", {})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Heathrow Airport"][:2] == ("GB", "other")


def test_small_county_inside_an_organisation_name_needs_its_country(gaz):
    text = "Deputies of the Lamar County Sheriff's Office searched farms near Dallas, Texas."
    art, doc = tagged(text, {"Lamar County Sheriff's Office": "ORG", "Dallas": "GPE", "Texas": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Lamar County"] == ("US", "other", None)
    art, doc = tagged("Deputies of the Lamar County Sheriff's Office searched the farms.",
                      {"Lamar County Sheriff's Office": "ORG"})
    art.places = places.places_for(art, doc, gaz)
    assert "Lamar County" not in resolved(art)  # no story country: a small district stays unread


def test_a_name_the_tagger_cut_in_two_is_put_back_together(gaz):
    text = "Aid reached Angola and the Democratic Republic of the Congo this week."
    art, doc = tagged(text, {"Democratic Republic": "GPE", "Congo": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Democratic Republic of the Congo"] == ("CD", "country", None)
    assert "Congo" not in got  # not also the other Congo
    art, doc = tagged("Rain fell between Suriname and French Guiana.", {"French": "NORP", "Guiana": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["French Guiana"] == ("GF", "country", None)
    assert "French" not in got


def test_a_longer_name_known_by_a_variant_is_not_read_as_its_first_word(gaz):
    art, doc = tagged("Doctors in Egypt said the patient came from Beni Suef last week.", {"Egypt": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Beni Suef"] == ("EG", "city", None)
    assert "Beni" not in got


def test_town_after_a_kind_word_even_if_tagged_a_person(gaz):
    art, doc = tagged("Firefighters were called to a farm in the town of Camborne on Sunday.",
                      {"Camborne": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Camborne"] == ("GB", "city", None)
    art, doc = tagged("Camborne said the farm was safe.", {"Camborne": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    assert "Camborne" not in resolved(art)


def test_small_town_listed_beside_a_place_of_its_country(gaz):
    art, doc = tagged("Samples from Tacloban and Babatngon tested positive.",
                      {"Tacloban": "GPE", "Babatngon": "ORG"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Babatngon"] == ("PH", "city", None)
    art, doc = tagged("Samples from Babatngon tested positive.", {"Babatngon": "ORG"})
    art.places = places.places_for(art, doc, gaz)
    assert "Babatngon" not in resolved(art)  # alone and tagged otherwise, a small town stays unread


def test_small_town_written_with_a_region_the_scan_finds_later(gaz):
    art, doc = tagged("A trader from Envigado, Antioquia, fell ill.", {"Envigado": "NORP"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Envigado"][:2] == ("CO", "city")
    assert got["Antioquia"] == ("CO", "admin1", "CO-ANT")


def test_a_region_adjective_names_the_region_but_not_in_african_american(gaz):
    art, doc = tagged("European ministers met in Paris, France.", {"European": "NORP", "Paris": "GPE", "France": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["European"] == (None, "region", None)
    art, doc = tagged("Shares fell across European markets.", {})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["European"] == (None, "region", None)
    art, doc = tagged("The European American community met.", {"European American": "NORP"})
    art.places = places.places_for(art, doc, gaz)
    assert "European" not in resolved(art) and "European American" not in resolved(art)


def test_country_first_in_a_hyphenated_word_and_an_embassy_adjective(gaz):
    art, doc = tagged("Troops joined the U.S.-led campaign; guards stood at the Russian Embassy in Paris.",
                      {"U.S.-led": "ORG", "the Russian Embassy": "FAC", "Paris": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["U.S."] == ("US", "country", None)
    assert got["Russian"] == ("RU", "country", None)


def test_a_possessive_word_the_tagger_dropped_is_put_back(gaz):
    art, doc = tagged("Officials said the People's Republic of China had shared the data.",
                      {"Republic of China": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["People's Republic of China"] == ("CN", "country", None)
    assert "Republic of China" not in got


def test_a_capitalised_word_the_tagger_dropped_is_put_back(gaz):
    art, doc = tagged("The festival in Little Colombia drew a crowd on Sunday.", {"Colombia": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["Little Colombia"] == ("US", "city", None)
    assert "Colombia" not in got


def test_an_article_is_not_put_back(gaz):
    # "The US" is a name of the country, but the article is no part of the place.
    art, doc = tagged("The US sent aid to the region.", {"US": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["US"] == ("US", "country", None)
    assert "The US" not in got


def test_a_surname_named_twice_is_not_a_town(gaz):
    text = "Police in Colombia questioned Maria Envigado. Lawyers for Envigado were not present."
    art, doc = tagged(text, {"Colombia": "GPE", "Maria Envigado": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    assert "Envigado" not in resolved(art)


def test_a_town_the_tagger_called_a_person_is_a_place_in_a_list_of_places(gaz):
    art, doc = tagged("Flooding closed roads in Medellín, Envigado and the hills around them in Colombia.",
                      {"Medellín": "GPE", "Envigado": "PERSON", "Colombia": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["Envigado"] == ("CO", "city", "CO-ANT")


def test_a_name_listed_with_people_stays_a_person(gaz):
    art, doc = tagged("In Colombia the prize went to Ana Restrepo, Envigado and Luis Mora.",
                      {"Colombia": "GPE", "Ana Restrepo": "PERSON", "Envigado": "PERSON", "Luis Mora": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    assert "Envigado" not in resolved(art)


def test_a_dateline_names_a_small_town_the_tagger_missed_and_its_later_mentions(gaz):
    text = "ENVIGADO, Colombia — Rain kept schools shut on Monday.\nThe Envigado council met in the evening."
    art, doc = tagged(text, {"Colombia": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    got = resolved(art)
    assert got["ENVIGADO"] == ("CO", "city", "CO-ANT")
    assert got["Envigado"] == ("CO", "city", "CO-ANT")


def test_a_dateline_after_a_headline_run_into_the_first_line(gaz):
    text = "Schools shut after the storm. ENVIGADO — Rain kept schools shut in Colombia on Monday."
    art, doc = tagged(text, {"Colombia": "GPE"})
    art.places = places.places_for(art, doc, gaz)
    assert resolved(art)["ENVIGADO"][0] == "CO"
    # A headline is no dateline: its words stay what they are.
    assert "Schools shut after the storm" not in resolved(art)


def test_a_name_owned_by_someone_is_not_the_place_again(gaz):
    text = "ENVIGADO — Rain fell in Colombia. Maria's Envigado, a bakery, stayed open."
    art, doc = tagged(text, {"Colombia": "GPE", "Maria": "PERSON"})
    art.places = places.places_for(art, doc, gaz)
    env = [p for p in art.places if p.name == "Envigado"]
    assert len(env) == 1 and len(env[0].mentions) == 1
