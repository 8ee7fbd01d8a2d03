"""Sentence fragments joined (clean/joins.py), on hand-written lines."""

from __future__ import annotations

from newsgraph.clean import document_stories
from newsgraph.clean.joins import FEATURES, join_fragments, join_probs, pair_row
from newsgraph.clean.lines import split_lines
from newsgraph.sources.base import Document

# A paragraph as get_text("\n") writes it: a line per text node, broken at each link and emphasis.
BROKEN = [
    "Residents who want to object to the new car park can",
    "write to the planning office",
    ", or fill in the",
    "online form",
    "before the end of the month, the council said.",
]
WHOLE = ("Residents who want to object to the new car park can write to the planning office, or fill in the online "
         "form before the end of the month, the council said.")


def test_pair_row_has_a_value_per_feature() -> None:
    row = pair_row("the council said", ", and the mayor agreed", (0.1, 0.2))
    assert len(row) == len(FEATURES)
    assert row[FEATURES.index("next_punct")] == 1.0 and row[FEATURES.index("prev_sentence_end")] == 0.0


def test_a_sentence_broken_at_its_links_is_joined_whole() -> None:
    text = "\n".join(BROKEN) + "\n"
    got = join_fragments(split_lines(text), text)
    # The pieces that cannot stand alone (a lowercase start, a comma) go back; a model may leave the last cut.
    assert " ".join(ln.text for ln in got).replace(" ,", ",") == WHOLE and len(got) <= 2
    assert got[0].text.startswith(BROKEN[0] + " write to the planning office, or fill in the online form")
    assert [src for _, src in got[0].joins] == [text.index(p) for p in BROKEN[1:len(got[0].joins) + 1]]


def test_separate_blocks_are_not_joined() -> None:
    lines = ["Home", "World", "Business", "Flood barrier finished a year early",
             "Engineers finished the river barrier on Tuesday, a year ahead of the plan.",
             "The council will open the riverside path again in the spring.", "Share this story"]
    text = "\n".join(lines) + "\n"
    assert max(join_probs(split_lines(text))) < 0.5
    assert [ln.text for ln in join_fragments(split_lines(text), text)] == lines


def test_a_blank_line_is_never_crossed() -> None:
    text = BROKEN[0] + "\n\n" + BROKEN[1] + "\n"
    assert [ln.text for ln in join_fragments(split_lines(text), text)] == BROKEN[:2]


def test_the_story_reads_the_joined_sentence() -> None:
    menu = "Home\nNews\nSport\nWeather\n"
    body = ("Car park plans go to the council\n"
            "The town's plan for a four-storey car park beside the station goes to the planning committee next week.\n"
            + "\n".join(BROKEN) + "\n"
            "Shop owners on the high street have said they support the plan, which adds four hundred spaces.\n")
    [story] = document_stories(Document(uri="broken.txt", format="text", text=menu + body + "Contact us\nPrivacy\n"))
    assert WHOLE in story.text.split("\n")
