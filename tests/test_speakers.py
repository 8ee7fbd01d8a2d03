"""Safe speakers: never the person a quote is about or addressed to, pronouns only within their paragraph,
how each speaker was found and how far to trust it, and indirect speech without quote marks."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes.speaker_rules import CONFIDENCE, METHODS, display_text, finish
from newsgraph.extract.quotes.speakers import avoid_keys, avoided
from newsgraph.model import Article, Quote, Source


@pytest.fixture(scope="module")
def quotes_of(nlp):
    from newsgraph.clean.story import Story
    from newsgraph.extract import entities, quotes
    from newsgraph.pipeline import Options, Pipeline

    pipe = Pipeline(Options(stages=[entities.STAGE, quotes.STAGE]), nlp=nlp)

    def run(text: str) -> list[Quote]:
        art = pipe.article(Story(text=text, uri="t", format="text"), nlp(text))
        for q in art.quotes:
            assert art.text[q.span[0]:q.span[1]] == q.text
            assert q.speaker_method in METHODS
            assert q.speaker_confidence == CONFIDENCE[q.speaker_method]
            assert (q.speaker is None) == (q.speaker_method == "none")
            if q.speaker_span is not None:
                assert q.speaker_text == art.text[q.speaker_span[0]:q.speaker_span[1]]
        return art.quotes

    return run


def find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote with {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


# ---------------------------------------------------------------- the person a quote is about or addressed to

@pytest.mark.model
def test_threat_against_someone_is_not_their_quote(quotes_of) -> None:
    text = "A caller threatened Congresswoman Odile Varenne on Tuesday. “You will not see another term,” he said."
    q = find(quotes_of(text), "another term")
    assert q.speaker is None and q.speaker_text == "he" and q.speaker_method == "none"


@pytest.mark.model
def test_a_threat_received_is_not_the_receivers_words(quotes_of) -> None:
    q = find(quotes_of("Odile Varenne received a letter on Tuesday: “Your office will burn before the vote.”"),
             "office will burn")
    assert q.speaker != "Odile Varenne" and q.speaker is None


@pytest.mark.model
def test_the_one_told_is_not_the_speaker(quotes_of) -> None:
    text = "Odile Varenne met the new treasurer on Monday. “You will lose the seat,” she told Varenne."
    q = find(quotes_of(text), "lose the seat")
    assert q.speaker is None and q.speaker_text == "she"


@pytest.mark.model
def test_a_person_addressed_in_the_quote_is_not_its_speaker(quotes_of) -> None:
    text = "Mayor Ines Okafor sat beside the governor. “Ines, you have let this valley down,” she said."
    q = find(quotes_of(text), "let this valley down")
    assert q.speaker is None and q.speaker_text == "she"


@pytest.mark.model
def test_a_bare_quote_addressing_the_last_speaker_is_not_theirs(quotes_of) -> None:
    qs = quotes_of("“We will finish the dam by June,” said Teodor Lind.\n“Teodor, you said that last year.”")
    assert find(qs, "finish the dam").speaker == "Teodor Lind"
    assert find(qs, "said that last year").speaker is None


def test_avoided_names_match_by_entity_name_or_word() -> None:
    avoid = frozenset(avoid_keys("e7", "Ines") | avoid_keys(None, "Bram Dekker"))
    assert avoided("e7", "Anyone", avoid)
    assert avoided(None, "Mayor Ines Okafor", avoid)  # the first name addressed, the full name elsewhere
    assert avoided(None, "Bram Dekker", avoid)
    assert not avoided(None, "Okafor Ltd", avoid)
    assert not avoided(None, "The Ines Okafor Fund", frozenset(avoid_keys(None, "Ines", person=False)))


# ---------------------------------------------------------------- pronouns

@pytest.mark.model
def test_it_said_with_no_organisation_is_unknown(quotes_of) -> None:
    q = find(quotes_of("The harbour stayed closed on Monday. It said the storm had passed."), "storm had passed")
    assert q.kind == "indirect"
    assert (q.speaker, q.speaker_entity, q.speaker_text, q.speaker_method) == (None, None, "It", "none")


@pytest.mark.model
def test_they_said_is_unknown(quotes_of) -> None:
    q = find(quotes_of("They said the ferry would sail again next week."), "ferry would sail")
    assert q.speaker is None and q.speaker_text == "They"


@pytest.mark.model
def test_it_said_resolves_to_an_organisation_in_the_paragraph(quotes_of) -> None:
    text = "Harbor Logistics cut 200 jobs this spring. It said the cuts were needed to survive the winter."
    q = find(quotes_of(text), "cuts were needed")
    assert q.speaker == "Harbor Logistics" and q.speaker_method == "pronoun" and q.speaker_text == "It"


@pytest.mark.model
def test_pronoun_resolved_within_its_paragraph(quotes_of) -> None:
    q = find(quotes_of("Omar Bell opened the new clinic on Friday. “This building was a promise,” he said."),
             "building was a promise")
    assert (q.speaker, q.speaker_text, q.speaker_method) == ("Omar Bell", "he", "pronoun")
    assert q.speaker_entity is not None


@pytest.mark.model
def test_pronoun_reaches_one_paragraph_back_and_no_further(quotes_of) -> None:
    q = find(quotes_of("Omar Bell opened the new clinic on Friday.\n\n“This building was a promise,” he said."),
             "building was a promise")
    assert (q.speaker, q.speaker_method) == ("Omar Bell", "pronoun")
    far = ("Omar Bell opened the new clinic on Friday.\n\nThe ward has forty beds.\n\nIt cost two million.\n\n"
           "“This building was a promise,” he said.")
    q = find(quotes_of(far), "building was a promise")
    assert (q.speaker, q.speaker_text, q.speaker_method) == (None, "he", "none")


@pytest.mark.model
def test_pronoun_gender_shown_by_a_title(quotes_of) -> None:
    text = "Congresswoman Odile Varenne thanked Bram Dekker for the report. “The bridge is safe,” he said."
    q = find(quotes_of(text), "bridge is safe")
    assert (q.speaker, q.speaker_method) == ("Bram Dekker", "pronoun")  # not the congresswoman


@pytest.mark.model
def test_pronoun_carries_on_the_previous_speaker(quotes_of) -> None:
    q = find(quotes_of("“The vote is lost,” said Ivan Petrov.\n\nHe said the count had been fair."), "count had been")
    # One paragraph back, the pronoun finds the named person itself (PRONOUN_PARAGRAPHS = 1).
    assert (q.speaker, q.speaker_text, q.speaker_method) == ("Ivan Petrov", "He", "pronoun")


# ---------------------------------------------------------------- methods and confidences

@pytest.mark.model
def test_methods_and_confidences(quotes_of) -> None:
    qs = quotes_of("“The river rose in an hour,” said Ivan Petrov, who lives by the bank.\n"
                   "“We carried the children to the roof and waited there all night.”\n"
                   "The head of the port authority, Helena Varga, said the terminal would open in May.")
    named, carried, appos = find(qs, "river rose"), find(qs, "carried the children"), find(qs, "terminal would")
    assert (named.speaker, named.speaker_method) == ("Ivan Petrov", "cue")
    assert (carried.speaker, carried.speaker_method) == ("Ivan Petrov", "previous")
    assert (appos.speaker, appos.speaker_method) == ("Helena Varga", "apposition")
    assert all(0.0 <= q.speaker_confidence <= 1.0 for q in qs)  # type: ignore[operator]
    assert named.speaker_confidence == CONFIDENCE["cue"]


def test_confidences_cover_every_method() -> None:
    assert set(CONFIDENCE) == set(METHODS)
    assert all(0.0 <= v <= 1.0 for v in CONFIDENCE.values())
    assert CONFIDENCE["none"] < min(CONFIDENCE[m] for m in METHODS if m != "none")


# ---------------------------------------------------------------- indirect speech shows no quote marks

@pytest.mark.model
def test_indirect_quote_carries_no_quote_marks(quotes_of) -> None:
    q = find(quotes_of("Minister Lena Holt said the old bridge would reopen in May."), "would reopen")
    assert q.kind == "indirect" and q.text == "the old bridge would reopen in May"
    assert display_text(q) == q.text
    assert display_text(Quote("Enough is enough.", (0, 17), "direct")) == "“Enough is enough.”"


def test_indirect_span_loses_an_unpaired_edge_mark() -> None:
    text = "Holt: “the fares will rise in spring"
    q = finish(Quote(text[6:], (6, len(text)), "indirect"), text)
    assert q.text == "the fares will rise in spring" and q.span == (7, len(text))


def test_indirect_span_wrapped_in_marks_is_direct() -> None:
    text = "Holt: “The fares will rise.”"
    q = finish(Quote(text[6:], (6, len(text)), "indirect"), text)
    assert (q.kind, q.text) == ("direct", "The fares will rise.")


def test_indirect_span_keeps_an_inner_quoted_phrase() -> None:
    text = "the plan was “a disaster for farmers”"
    q = finish(Quote(text, (0, len(text)), "indirect"), text)
    assert (q.kind, q.text) == ("indirect", text)


# ---------------------------------------------------------------- records

def test_new_quote_fields_round_trip_and_old_records_still_load() -> None:
    q = Quote("the fares will rise", (0, 19), "indirect", None, None, (20, 22), "say", "he", "none", 0.1)
    art = Article(id="a1", source=Source("t", "text"), text="the fares will rise, he said", quotes=[q])
    back = Article.from_json(art.to_json())
    assert back.quotes[0] == q
    old = art.to_dict()
    for k in ("speaker_text", "speaker_method", "speaker_confidence"):
        del old["quotes"][0][k]
    assert Article.from_dict(old).quotes[0].speaker_method is None
