"""Dates: datelines and event dates resolved against the publication date."""

from __future__ import annotations

import time

import pytest

from newsgraph.extract.dates import DateMention, find_dateline, find_dates

# 2025-08-27 is a Wednesday.
PUB = "2025-08-27"


def resolve(text: str, phrase: str, published: str | None = PUB) -> DateMention:
    at = text.index(phrase)
    hits = [d for d in find_dates(text, published) if d.span[0] < at + len(phrase) and at < d.span[1]]
    assert len(hits) == 1, (phrase, find_dates(text, published))
    return hits[0]


@pytest.mark.parametrize(
    ("text", "phrase", "iso", "granularity"),
    [
        ("The mayor resigned on Monday after the vote.", "Monday", "2025-08-25", "day"),
        ("The mayor resigned on Wednesday.", "Wednesday", "2025-08-27", "day"),
        ("The mayor will resign on Friday.", "Friday", "2025-08-29", "day"),
        ("The envoy visited last Thursday.", "last Thursday", "2025-08-21", "day"),
        ("The envoy arrives next Tuesday.", "next Tuesday", "2025-09-02", "day"),
        ("The minister spoke yesterday.", "yesterday", "2025-08-26", "day"),
        ("The minister speaks today.", "today", "2025-08-27", "day"),
        ("The report is due tomorrow.", "tomorrow", "2025-08-28", "day"),
        ("Fighting resumed last night.", "last night", "2025-08-26", "day"),
        ("Talks were held last weekend.", "last weekend", "2025-08-23", "weekend"),
        ("Talks will be held this weekend.", "this weekend", "2025-08-30", "weekend"),
        ("Sales fell last week.", "last week", "2025-W34", "week"),
        ("Sales fell last month.", "last month", "2025-07", "month"),
        ("Elections are due next year.", "next year", "2026", "year"),
        ("Prices rose in 2023 across the region.", "2023", "2023", "year"),
        ("The bridge opened on 3 March.", "3 March", "2025-03-03", "day"),
        ("The bridge opened on March 3.", "March 3", "2025-03-03", "day"),
        ("The bridge opened on 3 March 2019.", "3 March 2019", "2019-03-03", "day"),
        ("The bridge opened on Sept. 14, 2020.", "Sept. 14, 2020", "2020-09-14", "day"),
        ("The fair is held on 2 September.", "2 September", "2025-09-02", "day"),
        ("Exports grew in March.", "March", "2025-03", "month"),
        ("Exports grew in December.", "December", "2024-12", "month"),
        ("Exports grew in June 2022.", "June 2022", "2022-06", "month"),
        ("The ban began two weeks ago.", "two weeks ago", "2025-W33", "week"),
        ("The ban began three days ago.", "three days ago", "2025-08-24", "day"),
        ("The figures were published 2024-11-05.", "2024-11-05", "2024-11-05", "day"),
    ],
)
def test_resolved_against_publication(text: str, phrase: str, iso: str, granularity: str) -> None:
    d = resolve(text, phrase)
    assert (d.date_iso, d.granularity) == (iso, granularity)


def test_tense_is_read_before_the_date() -> None:
    text = "The chiefs met on Wednesday to discuss how the plan will work."
    assert resolve(text, "Wednesday").date_iso == "2025-08-27"
    text = "The chiefs met on Monday; they will meet again on Thursday."
    assert resolve(text, "Thursday").date_iso == "2025-08-28"


def test_recurring_weekday_is_not_a_date() -> None:
    assert find_dates("The show airs every Thursday at nine.", PUB) == []


def test_relative_dates_unresolved_without_publication_date() -> None:
    text = "The mayor resigned on Monday, and the vote was held in 2023."
    monday = resolve(text, "Monday", published=None)
    year = resolve(text, "2023", published=None)
    assert (monday.date_iso, monday.granularity) == (None, "day")
    assert year.date_iso == "2023"


def test_mention_span_is_the_date_not_the_preposition() -> None:
    text = "Output fell in 2023."
    d = resolve(text, "2023")
    assert text[d.span[0]:d.span[1]] == d.text == "2023"


@pytest.mark.parametrize(
    "text",
    [
        "Revenue may rise this quarter.",
        "The team scored 2023 points over its history.",
        "Inflation reached 2024 levels.",
        "The clip runs 4:02.",
    ],
)
def test_not_dates(text: str) -> None:
    assert [d for d in find_dates(text, PUB) if d.granularity in ("month", "year")] == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Springfield, Ill. (October 4, 2021) – The county board met.", "2021-10-04"),
        ("BRISTOL, 9 May 2024 - Council workers walked out.", "2024-05-09"),
        ("Published: 2023-01-30\nThe plant closed.", "2023-01-30"),
        ("Updated 12 February 2022\nThe plant closed.", "2022-02-12"),
    ],
)
def test_dateline(text: str, iso: str) -> None:
    assert find_dateline(text) == iso


def test_a_date_inside_a_claim_is_not_a_dateline() -> None:
    assert find_dateline("The singer, who was born on 3 March 1950 in Leeds, died.") is None
    assert find_dateline("The plant closed. It had opened in the spring.") is None


def test_fast_enough() -> None:
    text = ("The minister said on Monday that the talks, first held in March 2021 and again last weekend, "
            "would resume next week. ") * 400
    t0 = time.perf_counter()
    got = find_dates(text, PUB)
    assert len(got) == 1600
    assert time.perf_counter() - t0 < 2.0  # ~0.3 s here; spaCy needs ~8 s for this much text


@pytest.mark.model
def test_stage_sets_published_and_story_dates(nlp) -> None:
    from newsgraph.clean.story import Story
    from newsgraph.extract.dates import STAGE
    from newsgraph.model import Article, Source

    text = ("Leeds (March 5, 2024) – Flooding closed the ring road on Monday.\n"
            "The council said repairs would finish next month.")
    art = Article(id="a", source=Source("<test>"), text=text)
    story = Story(text, "<test>", "text")
    STAGE.run(art, nlp(text), story)
    assert art.published == "2024-03-05"
    got = {d.text: d.date_iso for d in story.dates}
    assert got["Monday"] == "2024-03-04"
    assert got["next month"] == "2024-04"


@pytest.mark.model
def test_stage_keeps_a_known_publication_date(nlp) -> None:
    from newsgraph.clean.story import Story
    from newsgraph.extract.dates import STAGE
    from newsgraph.model import Article, Source

    text = "Leeds (March 5, 2024) – The road closed yesterday."
    art = Article(id="a", source=Source("<test>"), text=text, published="2024-03-10T08:00:00Z")
    story = Story(text, "<test>", "text")
    STAGE.run(art, nlp(text), story)
    assert art.published == "2024-03-10T08:00:00Z"
    assert {d.text: d.date_iso for d in story.dates}["yesterday"] == "2024-03-09"
