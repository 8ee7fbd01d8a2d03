"""Hard-wrapped text joined into paragraphs (clean/reflow.py), on hand-written text."""

from __future__ import annotations

import textwrap

from newsgraph.clean import document_stories
from newsgraph.clean.lines import split_lines
from newsgraph.clean.markdown import document_lines
from newsgraph.clean.reflow import reflow, width_of
from newsgraph.sources.base import Document

PARAGRAPHS = [
    "The harbour authority reopened the northern quay on Tuesday after a week of repairs to the sea wall, "
    "which storms had cracked in two places during the last days of the winter.",
    "Fishing crews who had moored at the southern end said the move would save them an hour each morning, "
    "though several complained that the new fees for overnight berths were higher than last year's.",
    "Engineers will inspect the wall again in the spring, the authority said, and a second phase of work on "
    "the breakwater is planned for the autumn if the council approves the money.",
    "A spokesperson for the port workers' union welcomed the reopening but asked for a meeting on staffing "
    "before the summer season, when the ferry timetable doubles.",
]


def _wrapped(width: int, blank: bool) -> str:
    sep = "\n\n" if blank else "\n"
    return sep.join(textwrap.fill(p, width) for p in PARAGRAPHS) + "\n"


def test_wrapped_paragraphs_are_joined_whole() -> None:
    for width in (68, 72, 80):
        text = _wrapped(width, True)
        lines = split_lines(text)
        assert width_of(lines, text) is not None
        assert [ln.text for ln in reflow(lines, text)] == PARAGRAPHS


def test_without_blank_lines_no_paragraph_is_cut() -> None:
    # A paragraph whose last line happens to be full runs into the next (nothing tells them apart), but none
    # is left in pieces.
    for width in (68, 72, 80):
        text = _wrapped(width, False)
        got = [ln.text for ln in reflow(split_lines(text), text)]
        assert all(any(p in line for line in got) for p in PARAGRAPHS)
        assert len(got) <= len(PARAGRAPHS)


def test_joined_line_keeps_its_source_offsets() -> None:
    text = _wrapped(70, True)
    [first, *_] = reflow(split_lines(text), text)
    assert first.start == 0 and text[first.end - 1] == "."
    for off, src in first.joins:
        # each joined source line starts with the words found at that offset of the paragraph
        assert first.text[off:off + 12] == text[src:src + 12]


def test_a_dump_with_a_block_per_line_is_left_alone() -> None:
    text = "Home\nWorld\nSport\n" + "\n".join(PARAGRAPHS) + "\nShare this story\n"
    lines = split_lines(text)
    assert width_of(lines, text) is None
    assert reflow(lines, text) is lines


def test_short_lines_of_a_wrapped_dump_stay_apart() -> None:
    menu = "Home\nWorld\nBusiness\nSport\n"
    text = menu + _wrapped(72, False) + "Contact us\nTerms of use\n"
    got = [ln.text for ln in reflow(split_lines(text), text)]
    assert got[:4] == ["Home", "World", "Business", "Sport"]
    assert got[4:8] == PARAGRAPHS
    assert got[-2:] == ["Contact us", "Terms of use"]


def test_a_word_broken_at_its_hyphen_is_whole_again() -> None:
    text = _wrapped(72, True)
    lines = [ln.text for ln in document_lines(text)[0]]
    assert "port workers' union" in lines[3]
    long_word = "A " + "well-" + "\n"  # not wrapped text: too few lines to tell, left alone
    assert [ln.text for ln in document_lines(long_word)[0]] == ["A well-"]


def test_wrapped_story_reads_as_paragraphs_and_maps_every_source_line() -> None:
    text = "Menu\nNews\nWeather\n\n" + _wrapped(74, True) + "\nCopyright 2026 Harbour Gazette\n"
    [story] = document_stories(Document(uri="wrapped.txt", format="text", text=text))
    assert story.text.split("\n")[-4:] == PARAGRAPHS
    starts = {src for _, src in story.line_map}
    body = text.index(PARAGRAPHS[0][:20])
    wrapped_starts = [i + 1 for i, ch in enumerate(text[:-1]) if ch == "\n" and i + 1 >= body and text[i + 1] not in "\nC"]
    assert set(wrapped_starts) <= starts


def test_pages_wrapped_at_different_widths_are_each_joined() -> None:
    # Long enough to be measured in stretches: each page's paragraphs joined at its own width.
    narrow = "\n\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS * 4)
    wide = "\n\n".join(textwrap.fill(p, 79) for p in PARAGRAPHS * 4)
    text = narrow + "\n\n" + wide + "\n"
    got = [ln.text for ln in reflow(split_lines(text), text)]
    # A stretch holding both pages is measured at the wider width, so a paragraph there may stay in pieces;
    # none is joined to another.
    whole = sum(line in PARAGRAPHS for line in got)
    assert whole >= 0.85 * len(PARAGRAPHS) * 8
    assert all(any(line in p for p in PARAGRAPHS) for line in got)


def test_a_list_of_items_of_one_length_is_not_joined() -> None:
    items = [f"Regional office number {n:02d} opening hours and address" for n in range(30)]
    text = "\n".join(items) + "\n"
    lines = split_lines(text)
    assert width_of(lines, text) is None
    assert [ln.text for ln in reflow(lines, text)] == items
