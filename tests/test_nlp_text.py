"""The text spaCy reads: ALL-CAPS lines recased, every offset kept."""

from __future__ import annotations

import pytest

from newsgraph.nlp import nlp_text


def test_caps_headline_recased_like_the_story_writes_it():
    text = "HARBOUR STRIKE ENDS IN VALDORIA\nDock workers in Valdoria went back to work on Monday."
    out = nlp_text(text)
    assert len(out) == len(text)
    assert out.split("\n")[0] == "Harbour strike ends in Valdoria"
    assert out.split("\n")[1] == text.split("\n")[1]


def test_caps_dateline_place_recased_rest_kept():
    text = "Title line\nKORVINA, Aug 30 (Reuters) - Talks resumed in Korvina."
    out = nlp_text(text)
    assert out.split("\n")[1].startswith("Korvina, Aug 30 (Reuters) - Talks")
    assert len(out) == len(text)


def test_text_without_caps_lines_is_unchanged():
    text = "Prices rose in March.\nThe NATO summit opens on Friday."
    assert nlp_text(text) == text
    assert nlp_text("") == ""


@pytest.mark.model
def test_entity_spans_match_spacy_ents(nlp):
    from newsgraph.extract.entities.stage import KEEP, _entity_spans

    text = ("Marta Olsen met officials of the World Bank in Nairobi on Tuesday.\n"
            "Tomas Reyes, who leads Porto's council, flew to Lima and then Manila.")
    doc = nlp(nlp_text(text))
    want = [(e.start_char, e.end_char, KEEP[e.label_]) for e in doc.ents if e.label_ in KEEP]
    assert want and _entity_spans(doc) == want


@pytest.mark.model
def test_story_entities_through_the_model(nlp):
    from newsgraph.extract.entities.stage import extract_mentions, group_mentions

    text = ("Stellan Moberg, the head of the national grid operator, said repairs would take a week.\n"
            "Moberg said crews from Norway and Finland had arrived.")
    ents = {e.name: e for e in group_mentions(extract_mentions(nlp(nlp_text(text)), text), text)}
    assert ents["Stellan Moberg"].type == "PERSON"
    assert len(ents["Stellan Moberg"].mentions) == 2
    assert ents["Norway"].type == "GPE" and ents["Finland"].type == "GPE"
