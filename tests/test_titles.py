"""A plain-text story's title chosen among its first lines (clean/titles.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from newsgraph.clean import document_stories, titles
from newsgraph.clean.lines import split_lines
from newsgraph.sources.base import Document

LEDE = ("Crews worked through the night to clear fallen trees from the coast road after the storm, "
        "the council said on Sunday, and the road is expected to reopen by Tuesday.")
MORE = ("Engineers will inspect each of the bridges on the route before traffic returns, and the ferry to the "
        "island will run an extra crossing on Monday morning for people who could not travel.")
PAGE = f"Local News\nCoast road cleared after storm brings down trees\n{LEDE}\n{MORE}"


def _story_title(text: str) -> str | None:
    (story,) = document_stories(Document(uri="t", format="text", text=text))
    return story.title


def test_the_headline_under_a_section_name_titles_the_story() -> None:
    if titles.load_model() is None:
        pytest.skip("no data/clean_titles.json in this build")
    assert _story_title(PAGE) == "Coast road cleared after storm brings down trees"


def test_a_story_opening_on_its_first_paragraph_has_no_title() -> None:
    assert _story_title(f"{LEDE}\n{MORE}") is None


def test_candidates_stop_at_the_first_paragraph() -> None:
    lines = split_lines(PAGE)
    for ln, role in zip(lines, ("heading", "heading", "body", "body"), strict=True):
        ln.role = role
    cands, rows = titles.candidates(lines, Counter(ln.text for ln in lines))
    assert [ln.text for ln in cands] == ["Local News", "Coast road cleared after storm brings down trees"]
    assert rows.shape == (2, len(titles.TITLE_FEATURES))
    # The headline shares words with the opening ("storm", "trees", "road"); the section name none.
    overlap = titles.TITLE_FEATURES.index("overlap")
    assert rows[1, overlap] > 0 == rows[0, overlap]


def test_without_the_model_a_heading_like_first_line_titles_the_story(monkeypatch) -> None:
    monkeypatch.setattr(titles, "load_model", lambda: None)
    lines = split_lines(PAGE)
    for ln, role in zip(lines, ("heading", "heading", "body", "body"), strict=True):
        ln.role = role
    assert titles.story_title(lines, Counter()) == "Local News"
    lines[0].role = "furniture"
    assert titles.story_title(lines, Counter()) == "Coast road cleared after storm brings down trees"
