"""Glued-word repair: names run into the next word are split; words, names and brands are left alone."""

from __future__ import annotations

import pytest

from newsgraph.clean.glue import doc_counts, repair_glue, split_glued

DOC = (
    "Officials in Moscow met envoys from Tehran and Madrid on Tuesday. Kyiv was not invited. "
    "Analysts said Moscowwould reject the offer, that Tehranisn’t ready and that Madridhas doubts. "
    "Some said Kyivwas right to stay away."
)


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [("Moscowwould", "Moscow would"), ("Tehranisn’t", "Tehran isn’t"), ("Madridhas", "Madrid has"),
     ("Kyivwas", "Kyiv was")],
)
def test_glued_names_are_split_with_document_context(glued: str, fixed: str) -> None:
    assert split_glued(glued, doc_counts(DOC)) == fixed


def test_repair_glue_rewrites_text_and_records_each_repair() -> None:
    text, reps = repair_glue(DOC, doc_counts(DOC))
    assert "Moscow would reject" in text and "Tehran isn’t ready" in text and "Kyiv was right" in text
    assert [(r.from_, r.to) for r in reps] == [
        ("Moscowwould", "Moscow would"), ("Tehranisn’t", "Tehran isn’t"), ("Madridhas", "Madrid has"),
        ("Kyivwas", "Kyiv was"),
    ]


def test_clear_case_is_split_without_context() -> None:
    assert split_glued("Obamasaid") == "Obama said"


@pytest.mark.parametrize(
    "word",
    ["iPhone", "McDonald", "YouTube", "PayPal", "LinkedIn", "WhatsApp", "eBay", "OpenAI", "WeWork",
     "FreshBooks", "Nevertheless", "Washington", "Understanding", "Something", "Greenwood", "Heathrow",
     "Johnson", "Kazakhstan", "Tuesday", "Elementor", "Budlong", "Sonicare", "Homeless"],
)
def test_words_names_and_brands_are_not_broken(word: str) -> None:
    text = f"We read about {word} yesterday, and {word.lower()} too."
    for ctx in (None, doc_counts(text + " Home Sonic Element Bud Green John")):
        fixed, reps = repair_glue(text, ctx)
        assert fixed == text and reps == []


def test_a_token_repeated_in_the_document_is_a_name_not_an_accident() -> None:
    doc = "Brightwater opened a shop. Brightwater later closed it. Bright ideas. Water rose."
    assert split_glued("Brightwater", doc_counts(doc)) is None


def test_left_half_must_stand_alone_in_the_document() -> None:
    # "Paris" never stands alone here, so "Parisand" is more likely a name than a lost space.
    doc = "The Parisand family owns the mill."
    assert split_glued("Parisand", doc_counts(doc)) is None
