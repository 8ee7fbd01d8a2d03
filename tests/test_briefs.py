"""Pages of briefs: a complete small story reads unlike an item of a list, and a page of briefs splits into them."""

from __future__ import annotations

from pathlib import Path

from newsgraph.clean import document_stories
from newsgraph.clean.lines import split_lines
from newsgraph.clean.parts import CUT_FEATURES, cut_features, parts_of
from newsgraph.clean.segment import analyse
from newsgraph.clean.shape import MARKS, line_marks, speech_forms
from newsgraph.sources.base import Document

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_scrape.txt"

BRIEF = [
    "Firefighters rescued 14 hikers from a ridge above the village of Dornbach on Saturday after a rockfall "
    "closed the only trail down, the regional police said.",
    "Two of the hikers were taken to hospital in Feldkirch with minor injuries, according to a spokesman for "
    "the mountain rescue service.",
    "Mayor Ilse Brandner told local radio the trail would stay closed until geologists had inspected the slope.",
]
LIST = [
    "Waterproof jacket with taped seams",
    "Trekking poles",
    "Spare socks and a warm hat",
]


def _marks(text: str) -> dict[str, float]:
    return dict(zip(MARKS, line_marks(text), strict=True))


def test_a_brief_sentence_has_the_marks_of_a_news_story() -> None:
    marks = _marks(BRIEF[0])
    assert marks == {"sentence": 1.0, "speech": 1.0, "figure": 1.0, "name": 1.0, "date": 1.0}
    assert _marks(BRIEF[1])["speech"] == 1.0  # "according to"
    assert _marks(BRIEF[2])["name"] == 1.0  # named in mid-sentence, not only as the first word


def test_a_list_item_or_a_label_has_none() -> None:
    for text in [*LIST, "Where do the hikers go now?"]:
        assert sum(line_marks(text)) == 0.0, text
    # Too short to be a full sentence, though it ends like one.
    assert _marks("The trail is closed.")["sentence"] == 0.0


def test_speech_verbs_are_inflected_by_rule_and_plural_nouns_left_out() -> None:
    forms = set(speech_forms())
    assert {"said", "says", "told", "tells", "added", "denied", "replies", "admitted", "urged"} <= forms
    assert not {"reports", "states", "claims"} & forms  # more often plural nouns than verbs
    assert _marks("Analysts expect the reports of the central bank to be released in the states.")["speech"] == 0.0


def test_marks_are_found_as_whole_words_only() -> None:
    # A mark's word counts only standing alone ("said", not "unsaid"); figures and dates in any case.
    assert _marks("The unsaid rule of the workshop was older than anyone remembered there.")["speech"] == 0.0
    assert _marks("The committee, she said, will meet again.")["speech"] == 1.0
    assert _marks("Officials met according to plan")["speech"] == 1.0
    assert _marks("According to plan")["speech"] == 0.0  # the phrase is looked for in lower case only
    assert _marks("TWENTY boats")["figure"] == 1.0 and _marks("Twentyfold")["figure"] == 0.0
    assert _marks("Room 4")["figure"] == 1.0
    assert _marks("See you Last Week")["date"] == 1.0 and _marks("a weekly column")["date"] == 0.0
    assert _marks("Closed on TUESDAY")["date"] == 1.0 and _marks("Tuesdays only")["date"] == 0.0


def test_cut_features_describe_each_side_as_a_story_or_a_list() -> None:
    lines = split_lines("\n".join([*BRIEF, *LIST]))
    for ln in lines:  # every line is content here, whatever the role model makes of a list's items
        ln.role = "body"
    a = analyse(lines)
    parts = parts_of(a, [len(BRIEF)])
    row = dict(zip(CUT_FEATURES, cut_features(0.5, parts, 0), strict=True))
    assert row["sentence_left"] == 1.0 and row["sentence_right"] == 0.0
    assert row["speech_left"] == 1.0 and row["speech_right"] == 0.0
    assert row["lede_left"] == 5.0 and row["lede_right"] == 0.0  # the first line's marks
    assert row["n_names_left"] > row["n_names_right"] == 0.0
    # Joining parts adds their lines' marks: the shares are of the joined part's lines.
    joined = parts[0] + parts[1]
    assert joined.shape()[MARKS.index("sentence")] == 0.5
    assert joined.first == parts[0].first


def test_the_bundled_page_of_briefs_splits_into_its_three_stories() -> None:
    text = SAMPLE.read_text("utf-8")
    stories = document_stories(Document(uri=str(SAMPLE), format="text", text=text))
    assert len(stories) == 3
    # Each story starts with its own first sentence (no headlines on this page) and keeps all its body lines.
    firsts = [st.text.split(". ")[0].split(" ")[:3] for st in stories]
    assert firsts == [["Floodwaters", "forced", "more"], ["Thousands", "of", "teachers"],
                      ["European", "Union", "foreign"]]
    assert "Minsk condemned the move" in stories[2].text
    assert "Where will the displaced go?" in stories[0].text
