"""Line roles from hand-made scrapes: furniture by pattern, subheadings kept, body never lost."""

from __future__ import annotations

import pytest

from newsgraph.clean.lines import Line, assign_roles, classify, split_lines


def roles(text: str) -> list[tuple[str, str, str | None]]:
    lines = split_lines(text)
    assign_roles(lines)
    return [(ln.text, ln.role, ln.kind) for ln in lines]


def test_split_lines_keeps_offsets_into_the_text() -> None:
    text = "First line.\n\n   Second line here.  \r\nThird."
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["First line.", "Second line here.", "Third."]
    for ln in lines:
        assert text[ln.start:ln.end] == ln.text
    assert isinstance(lines[0], Line) and lines[0].role == "body"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("0:49", "video"), ("12:07", "video"), ("(3:15)", "video"), ("1:02:33", "video"),
        ("Your browser does not support this media player", "video"),
        ("Switch to another browser for a better video player", "video"),
        ("Advertisement", "advert"), ("ADVERTISEMENT", "advert"), ("Story continues below advertisement", "advert"),
        ("More on Climate", "navigation"), ("Related Topics:", "navigation"), ("Read more:", "navigation"),
        ("Most read", "navigation"), ("Home > World > Europe", "navigation"),
        ("Pic: Agence Nord", "credit"), ("Image: Pics: Wire Service", "credit"), ("Photo: Getty Images", "credit"),
        ("Reuters", "credit"),
        ("Share this article", "share"), ("Facebook Twitter Email", "share"), ("Copy link", "share"),
        ("Follow Evening Bulletin on Instagram", "promo"),
        ("Listen to the Morning Brief podcast every weekday", "promo"),
        ("Sign up for our weekly newsletter", "promo"), ("Subscribe", "promo"),
        ("We use cookies to improve your experience", "other"),
    ],
)
def test_furniture_patterns(line: str, kind: str) -> None:
    assert classify(line) == ("furniture", kind)


def test_long_image_line_is_a_caption() -> None:
    assert classify("Image: Fishermen haul their boats up the beach ahead of the storm") == ("caption", "caption")


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up talks are planned for next month, the minister said.",
        "Share prices fell sharply after the announcement on Tuesday.",
        "Watch makers in the valley have struggled since the pandemic.",
        "Related reports suggested the harbour would reopen within days, officials said.",
        "The video shows the moment the bridge gave way.",
    ],
)
def test_sentences_that_start_like_furniture_stay_body(line: str) -> None:
    assert classify(line) == ("body", None)


SCRAPE = """The harbour at Elmsport flooded overnight as the river burst its banks.
Residents were moved to the school hall, where volunteers handed out blankets.
Please use another browser for a better video player
2:14
Rain batters the coast for a third day
Will the sea wall hold?
Engineers say the wall was built for a smaller surge than this one.
Advertisement
The council has asked the government for emergency funds.
Read more:
Minister visits flooded valley
Farmers count the cost of wet summer
The mayor said repairs would take months.
Follow Coastal News on Facebook"""


def test_scrape_roles_in_context() -> None:
    got = roles(SCRAPE)
    kinds = [(r, k) for _, r, k in got]
    assert kinds == [
        ("body", None), ("body", None),
        ("furniture", "video"), ("furniture", "video"), ("furniture", "teaser"),
        ("heading", None),
        ("body", None),
        ("furniture", "advert"),
        ("body", None),
        ("furniture", "navigation"), ("furniture", "teaser"), ("furniture", "teaser"),
        ("body", None),
        ("furniture", "promo"),
    ]


def test_subheading_phrase_between_paragraphs_is_a_heading() -> None:
    text = ("The vote was delayed again on Monday after a long debate.\n"
            "What happens next\n"
            "Members will meet again in the spring to try once more.")
    assert [r for _, r, _ in roles(text)] == ["body", "heading", "body"]


def test_no_body_line_is_lost() -> None:
    body = [ln for ln in SCRAPE.splitlines() if ln.endswith(".")]
    kept = [t for t, r, _ in roles(SCRAPE) if r == "body"]
    assert kept == body
