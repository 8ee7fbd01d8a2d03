"""Number expressions: values, ranges, vague amounts, qualifiers, and the numbers that are not quantities."""

from __future__ import annotations

import pytest

from newsgraph.extract.numbers import find_numbers, parse_number


def one(text: str):
    got = find_numbers(text)
    assert len(got) == 1, [(m.text, m.kind) for m in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("twenty-three", 23),
        ("one hundred and four", 104),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two million", 2_000_000),
        ("a million", 1_000_000),
        ("3,450", 3450),
        ("12,500,000", 12_500_000),
        ("2.5", 2.5),
        ("1.5m", 1_500_000),
        ("4bn", 4_000_000_000),
        ("300k", 300_000),
        ("6.2 billion", 6_200_000_000),
        ("$8.8-billion", 8_800_000_000),
    ],
)
def test_parse_number_values(text: str, value: float) -> None:
    got, _cur, _words = parse_number(text)
    assert got == pytest.approx(value)


def test_word_article_does_not_add_one() -> None:
    # "an eleven-strong crew": the article belongs to the noun phrase, not the number
    assert parse_number("an eleven")[0] == 11


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("at least 14 were hurt", "at_least", 14),
        ("no fewer than 9 boats", "at_least", 9),
        ("more than 2,000 homes", "more_than", 2000),
        ("over 60 flights", "more_than", 60),
        ("up to 500 workers", "at_most", 500),
        ("as many as 70 villages", "at_most", 70),
        ("fewer than 40 beds", "fewer_than", 40),
        ("under $300", "fewer_than", 300),
        ("about 90 cars", "about", 90),
        ("nearly 1,200 families", "about", 1200),
        ("some 35 boats", "about", 35),
        ("an estimated 8,000 people", "about", 8000),
        ("a record 612 cases", "exact", 612),
        ("80 or more students", "at_least", 80),
        ("at least an additional 13 cases", "at_least", 13),
    ],
)
def test_qualifiers(text: str, qualifier: str, value: float) -> None:
    m = find_numbers(text)[0]
    assert (m.qualifier, m.value) == (qualifier, value)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 3,000 and 5,000 troops", 3000, 5000),
        ("from 12 to 20 boats", 12, 20),
        ("15 to 25 people", 15, 25),
        ("30-40 houses", 30, 40),
        ("30–40 houses", 30, 40),
        ("five or six lorries", 5, 6),
        ("between 2 and 3 million people", 2_000_000, 3_000_000),
        ("$10,000 to $12,000 in cash", 10_000, 12_000),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    m = find_numbers(text)[0]
    assert (m.qualifier, m.value, m.low, m.high) == ("between", None, low, high)


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("dozens of cars", 24),
        ("hundreds of volunteers", 200),
        ("thousands of fans", 2000),
        ("tens of thousands of voters", 20_000),
        ("hundreds of thousands of tourists", 200_000),
        ("several million viewers", 2_000_000),
        ("millions of dollars", 2_000_000),
    ],
)
def test_vague(text: str, low: float) -> None:
    m = find_numbers(text)[0]
    assert (m.qualifier, m.value, m.low) == ("vague", None, low)


def test_currency_sign_kept() -> None:
    m = one("a fine of £40,000 was paid")
    assert (m.currency, m.value) == ("£", 40_000)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("the clip runs 3:17 long", "time"),
        ("at 7 p.m. on the day", "time"),
        ("from 11.30am", "time"),
        ("call 0161-555-2040 now", "phone"),
        ("prices rose 4.5 percent", "percent"),
        ("a 12% rise", "percent"),
        ("she was born in 1987 and", "year"),
        ("in the years 1990 to 1995", "year"),
        ("between 2004 and 2011", "year"),
        ("the 2019-20 season", "year"),
        ("on June 9 the ship", "date"),
        ("on 14 July the ship", "date"),
    ],
)
def test_non_quantities_are_flagged(text: str, kind: str) -> None:
    got = find_numbers(text)
    assert all(m.kind for m in got), [(m.text, m.kind) for m in got]  # nothing here is a quantity
    assert not got or kind in [m.kind for m in got]


def test_ordinals_are_not_numbers() -> None:
    assert all(m.kind == "ordinal" for m in find_numbers("her 3rd title and the 21st race"))


def test_year_followed_by_a_count_noun_is_a_quantity() -> None:
    m = one("2000 people came")
    assert (m.kind, m.value) == ("", 2000)


def test_hyphenated_codes_are_not_numbers() -> None:
    assert find_numbers("an AK-47 and a Q-400 plane") == []


def test_span_covers_qualifier() -> None:
    text = "It said at least 45 people"
    m = one(text)
    assert text[m.start:m.end] == "at least 45"
    assert text[m.core_start:m.end] == "45"
