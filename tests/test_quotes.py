"""Quotes and speakers: quote-mark scanning by hand (no model), then every quote form through spaCy."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes.marks import find_regions
from newsgraph.extract.quotes.stage import colon_lines, verb_lemma


def regions(text: str) -> list[str]:
    return [r.text(text) for r in find_regions(text)]


# ---------------------------------------------------------------- quote marks, pure Python

def test_curly_and_straight_double_quotes() -> None:
    assert regions("“Rain is coming,” said Tom. He said \"bring a coat\" twice.") == ["Rain is coming,", "bring a coat"]


def test_single_quotes_are_told_from_apostrophes() -> None:
    text = "The farmers’ union isn’t happy. ‘We have lost the harvest,’ its head said. Jones’ dog barked."
    assert regions(text) == ["We have lost the harvest,"]


def test_german_and_french_marks() -> None:
    text = "Sie sagte: „Wir bleiben hier“ und ging. Il a répondu « jamais » hier."
    assert regions(text) == ["Wir bleiben hier", "jamais"]


def test_quote_over_several_paragraphs_closes_once() -> None:
    text = "“The first part of the statement.\n“The second part goes on.\n“And the end,” she said.\nNext."
    found = find_regions(text)
    assert len(found) == 1
    assert found[0].paragraphs == 3 and found[0].closed
    assert found[0].text(text).endswith("And the end,")


def test_unbalanced_open_mark_ends_at_paragraph() -> None:
    text = "He warned: “This will not stand.\nThe meeting ended early."
    found = find_regions(text)
    assert [r.text(text) for r in found] == ["This will not stand."]
    assert found[0].closed is False


def test_nested_single_quotes_stay_inside_double() -> None:
    text = "“They told us ‘go home’ and left,” she said."
    assert regions(text) == ["They told us ‘go home’ and left,"]


def test_typewriter_double_quotes() -> None:
    text = "He said ''We are ready,'' and left. ``Not yet,'' she said. It's late."
    assert regions(text) == ["We are ready,", "Not yet,"]


def test_lost_opening_mark_starts_at_paragraph() -> None:
    assert regions("We are all very tired,” said the driver.") == ["We are all very tired,"]


def test_reporting_verb_forms() -> None:
    assert verb_lemma("said") == "say"
    assert verb_lemma("told") == "tell"
    assert verb_lemma("insisted") == "insist"
    assert verb_lemma("Tweets") == "tweet"
    assert verb_lemma("admitted") == "admit"
    assert verb_lemma("thinks") is None  # a thought is not speech


def test_colon_line_needs_a_named_speaker() -> None:
    from newsgraph.model import Entity

    class FakeResolver:
        def __init__(self, ents: list[Entity]) -> None:
            self.ents = ents

        def entity_at(self, start: int, end: int):
            for e in self.ents:
                for s, t in e.mentions:
                    if s <= start < t or start <= s < end:
                        return e, (s, t)
            return None

    text = "Merkel: Europe must act together now\nUpdate: More rain is expected today"
    ents = [Entity("e1", "Angela Merkel", "PERSON", [(0, 6)])]
    got = colon_lines(text, FakeResolver(ents))  # type: ignore[arg-type]
    assert [(q.speaker, q.text, q.kind) for q in got] == [("Angela Merkel", "Europe must act together now", "indirect")]


# ---------------------------------------------------------------- through spaCy

@pytest.fixture(scope="module")
def quotes_of(nlp):
    from newsgraph.clean.story import Story
    from newsgraph.extract import entities, quotes
    from newsgraph.pipeline import Options, Pipeline

    pipe = Pipeline(Options(stages=[entities.STAGE, quotes.STAGE]), nlp=nlp)

    def run(text: str):
        art = pipe.article(Story(text=text, uri="t", format="text"), nlp(text))
        for q in art.quotes:
            assert art.text[q.span[0]:q.span[1]] == q.text
        return art.quotes

    return run


def find(quotes, fragment: str):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote with {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


@pytest.mark.model
def test_direct_quote_with_trailing_attribution(quotes_of) -> None:
    qs = quotes_of("Mayor Anna Lindqvist opened the bridge on Monday. “This bridge joins two towns,” she said.")
    q = find(qs, "This bridge joins two towns")
    assert (q.kind, q.speaker, q.cue) == ("direct", "Anna Lindqvist", "say")
    assert q.speaker_entity is not None


@pytest.mark.model
def test_inverted_attribution(quotes_of) -> None:
    q = find(quotes_of("“We had no water for three days,” said Omar Haddad, a farmer."), "no water")
    assert (q.kind, q.speaker) == ("direct", "Omar Haddad")


@pytest.mark.model
def test_colon_introduced_quote(quotes_of) -> None:
    q = find(quotes_of("The coach, Peter Novak, said: “We will play to win on Sunday.”"), "play to win")
    assert q.kind == "direct" and q.speaker == "Peter Novak"


@pytest.mark.model
def test_partial_quote_inside_a_sentence(quotes_of) -> None:
    q = find(quotes_of("Senator Maria Ortiz said the budget was “a betrayal of working families”."), "betrayal")
    assert q.kind == "partial" and q.speaker == "Maria Ortiz"
    assert "budget" in q.text  # the reported clause, quoted words included


@pytest.mark.model
def test_indirect_speech(quotes_of) -> None:
    q = find(quotes_of("Foreign minister Karl Brenner said his country would never sign the treaty."), "never sign")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "Karl Brenner", "say")


@pytest.mark.model
def test_according_to(quotes_of) -> None:
    q = find(quotes_of("The harvest fell by a third this year, according to the farm ministry."), "harvest fell")
    assert q.kind == "indirect" and q.cue == "according to"
    assert "ministry" in (q.speaker or "")


@pytest.mark.model
def test_split_quote_parts_share_the_speaker(quotes_of) -> None:
    text = "Engineer Laura Finch inspected the dam. “The wall is sound,” she said. “But the gates need repair.”"
    qs = quotes_of(text)
    a, b = find(qs, "wall is sound"), find(qs, "gates need repair")
    assert a.speaker == b.speaker == "Laura Finch"


@pytest.mark.model
def test_multi_paragraph_quote(quotes_of) -> None:
    text = ("Chief Thomas Reed spoke at the station. “We found the car at noon,” he said. “Nobody was inside.\n"
            "“We are still searching the forest.”")
    qs = quotes_of(text)
    q = find(qs, "still searching")
    assert q.speaker == "Thomas Reed" and q.kind == "direct"


@pytest.mark.model
def test_apposition_speaker(quotes_of) -> None:
    text = "Helena Varga, the head of the port authority, said the new terminal would open in May."
    q = find(quotes_of(text), "terminal would open")
    assert q.speaker == "Helena Varga"


@pytest.mark.model
def test_pronoun_speaker_resolves_to_the_person(quotes_of) -> None:
    text = ("The talks were led by Victor Almeida. Afterwards the delegates left the hall. "
            "“Nothing has been agreed yet,” he said.")
    q = find(quotes_of(text), "Nothing has been agreed")
    assert q.speaker == "Victor Almeida" and q.speaker_entity is not None
    assert q.speaker_span is not None and text[q.speaker_span[0]:q.speaker_span[1]] == "he"
    assert (q.speaker_text, q.speaker_method) == ("he", "pronoun")


@pytest.mark.model
def test_pronoun_does_not_reach_two_paragraphs_back(quotes_of) -> None:
    text = ("The talks were led by Victor Almeida.\nAfterwards the delegates left the hall.\nThe doors were shut.\n"
            "“Nothing has been agreed yet,” he said.")
    q = find(quotes_of(text), "Nothing has been agreed")
    assert (q.speaker, q.speaker_entity, q.speaker_text, q.speaker_method) == (None, None, "he", "none")


@pytest.mark.model
def test_is_quoted_as_saying(quotes_of) -> None:
    text = "Judge Rosa Mendel ruled on Friday. “The law is clear,” she is quoted as saying."
    q = find(quotes_of(text), "law is clear")
    assert q.speaker == "Rosa Mendel" and q.cue == "quoted as saying"


@pytest.mark.model
def test_unnamed_sources_keep_their_phrase(quotes_of) -> None:
    qs = quotes_of("A senior official said the border would stay closed.\n"
                   "Western diplomats have told reporters that talks had stalled.")
    assert find(qs, "border would stay closed").speaker == "A senior official"
    assert find(qs, "talks had stalled").speaker == "Western diplomats"


@pytest.mark.model
def test_scare_quotes_are_not_quotes(quotes_of) -> None:
    text = ("The council promised a “green corridor” for the river.\n"
            "Critics see the so-called “smart fence” as a waste of money.")
    assert quotes_of(text) == []


@pytest.mark.model
def test_single_quotes_as_quotes(quotes_of) -> None:
    q = find(quotes_of("‘We will rebuild every house,’ said Governor Lena Park."), "rebuild every house")
    assert q.speaker == "Lena Park" and q.kind == "direct"


@pytest.mark.model
def test_bare_quote_paragraph_inherits_last_speaker(quotes_of) -> None:
    text = ("“The river rose in an hour,” said Ivan Petrov, who lives by the bank.\n"
            "“We carried the children to the roof and waited there all night.”")
    q = find(quotes_of(text), "carried the children")
    assert q.speaker == "Ivan Petrov"


@pytest.mark.model
def test_thoughts_are_not_quotes(quotes_of) -> None:
    assert quotes_of("Many residents believe the factory poisoned the lake.") == []


@pytest.mark.model
def test_any_verb_before_a_colon_introduces_a_quote(quotes_of) -> None:
    q = find(quotes_of("Coach Daniel Moreau stood up and shouted at the bench: “Run back and defend now!”"), "Run back")
    assert q.speaker == "Daniel Moreau" and q.kind == "direct"


@pytest.mark.model
def test_full_stop_before_attribution(quotes_of) -> None:
    q = find(quotes_of("“The harbour will reopen next spring.” Minister Paula Reyes said."), "harbour will reopen")
    assert q.speaker == "Paula Reyes"


@pytest.mark.model
def test_dateline_is_not_the_speaker(quotes_of) -> None:
    q = find(quotes_of("LISBON — Finance minister João Barros said the deficit would shrink next year."), "deficit")
    assert q.speaker is not None and "Barros" in q.speaker


@pytest.mark.model
def test_statement_author_speaks(quotes_of) -> None:
    text = "The city council issued a statement saying the park would close for repairs."
    q = find(quotes_of(text), "park would close")
    assert q.speaker == "The city council"


@pytest.mark.model
def test_quote_in_one_paragraph_is_not_attributed_from_the_next(quotes_of) -> None:
    text = "“We never saw the letter before today.”\n\nThe mayor, Jonas Berg, said the budget was final."
    qs = quotes_of(text)
    assert not any("never saw the letter" in q.text for q in qs)
    assert find(qs, "budget was final").speaker == "Jonas Berg"


@pytest.mark.model
def test_as_someone_noted(quotes_of) -> None:
    q = find(quotes_of("As one analyst noted, the central bank has few tools left."), "few tools left")
    assert q.kind == "indirect" and q.speaker == "one analyst"


@pytest.mark.model
def test_passive_agent_speaks(quotes_of) -> None:
    q = find(quotes_of("The reform was described by Minister Karin Holm as “long overdue and fair”."), "overdue")
    assert q.speaker == "Karin Holm"


@pytest.mark.model
def test_programme_titles_are_not_quotes(quotes_of) -> None:
    qs = quotes_of("Speaking on the show “Morning Politics,” Governor Ruth Adler said taxes would fall.")
    assert not any(q.text.startswith("Morning Politics") for q in qs)
    assert find(qs, "taxes would fall").speaker == "Ruth Adler"


def test_titles_are_not_statements() -> None:
    from newsgraph.extract.quotes.marks import is_sentence_like, title_like

    assert title_like("Evening News Hour")
    assert not is_sentence_like("Evening News Hour,")
    assert not is_sentence_like("a bold gamble")  # a scare quote: too short, no full stop
    assert is_sentence_like("We will rebuild every school")
    assert is_sentence_like("Not again.")


@pytest.mark.model
def test_pointed_out_is_a_cue(quotes_of) -> None:
    q = find(quotes_of("The engineer Lena Brandt pointed out that the old pipes leak every winter."), "pipes leak")
    assert (q.kind, q.cue, q.speaker) == ("indirect", "point out", "Lena Brandt")


@pytest.mark.model
def test_cue_candidates_match_a_plain_scan(nlp) -> None:
    from newsgraph.extract.quotes.stage import VERB_FORMS, find_cues

    doc = nlp("Tom said the road was closed. According to police, it SAID nothing. She tells everyone. "
              "They pointed out the gap and were told to wait.")
    scanned = [t.i for t in doc if t.lower_ in VERB_FORMS or t.lower_ in ("according", "pointed")]
    cue_tokens = [c.token.i for c in find_cues(doc)]
    assert cue_tokens == sorted(cue_tokens)
    assert set(cue_tokens) <= set(scanned)
    assert {doc[i].lower_ for i in cue_tokens} >= {"said", "according", "tells"}


@pytest.mark.model
def test_name_slots_match_a_plain_scan(nlp) -> None:
    from newsgraph.extract.quotes.speakers import _name_slots

    doc = nlp("It rained. Engel went to Colombia with Maria, and the Office told Drugs Inc about it.")
    deps = ("nsubj", "nsubjpass", "appos", "dobj", "pobj", "attr")
    plain = [t.i for t in doc if t.dep_ in deps and t.text[:1].isupper() and t.text[1:].islower() and t.text.isalpha()]
    assert plain  # the sentence must exercise the filter
    assert [t.i for t in _name_slots(doc)] == plain
