"""Line roles from hand-made scrapes: furniture by pattern, subheadings kept, body never lost."""

from __future__ import annotations

import pytest

from newsgraph.clean.lines import Line, assign_roles, classify, split_lines, tab_table_rows


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


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Get the best stories from the valley sent straight to your inbox every Friday", "promo"),
        ("Sign up for our free gardening emails", "promo"),
        ("Join our newsletter", "promo"),
        ("Weekend Kitchen Newsletters", "promo"),
        ("Subscribe to my blog for more walking routes", "promo"),
        ("Pin this for later!", "promo"),
        ("Enjoyed this episode? Help us spread the word and leave a review", "promo"),
        ("Share your story", "promo"),
        ("Was this article helpful?", "promo"),
        ("Rate this recipe", "promo"),
        ("Every kettle on this list was chosen independently by our editors.", "other"),
        ("If you buy something through a link on this page, we may earn a commission.", "other"),
        ("As an Amazon Associate I earn from qualifying purchases.", "other"),
        ("This story was funded by readers like you.", "other"),
        ("This post contains affiliate links to outdoor shops.", "other"),
        ("Written by Mara Okonjo", "other"),
        ("Reviewed by Dr. Tomas van Leer", "other"),
        ("Advertisement: Spring seeds catalogue", "advert"),
        ("Advertisement - Continue Reading Below", "advert"),
        ("You might also like...", "navigation"),
        ("Readers also enjoyed", "navigation"),
        ("Next article: Ferry timetable changes for winter", "navigation"),
        ("Previous post", "navigation"),
        ("Back to blog", "navigation"),
        ("Back to all posts", "navigation"),
        ("Key Takeaways", "navigation"),
        ("Table of Contents", "navigation"),
        ("In this article:", "navigation"),
        ("Media playback is not supported on this device", "video"),
    ],
)
def test_web_page_furniture_patterns(line: str, kind: str) -> None:
    assert classify(line) == ("furniture", kind)


@pytest.mark.parametrize(
    "line",
    [
        # Product and story text that merely mentions a player, a newsletter, a commission or going back.
        "The speaker supports gapless playback and a sleep timer.",
        "Smooth 4K playback from the built-in card reader",
        "She signed up for the marathon in March and trained through the winter.",
        "The city commission will vote on the budget next week.",
        "The newsletter, founded in 1998, now reaches forty thousand readers.",
        "Written by hand in 1843, the letter was found in an attic.",
        "Back to school costs rose by a tenth this year, the survey found.",
        "Activists tried to spread the word about the closure before the meeting.",
        "Follow the 5-minute rule for fresh bread:",
        "Follow-up visits are booked within a week.",
        "Latest figures show a rise in ferry passengers",
        "Cut the butter into the flour, then add the cookies crumbs and chill the dough for an hour.",
        # Table rows: cells come tab-separated from the HTML path, and are data.
        "Model\tBattery\tWeight",
        "Home\tAway\tScore",
    ],
)
def test_mentions_and_table_rows_stay_body(line: str) -> None:
    assert classify(line) == ("body", None)


def test_headings_from_the_source_are_headings_unless_furniture() -> None:
    text = ("The bridge reopened after six months of repairs.\n"
            "Cost of the work.\n"
            "Engineers replaced two of the main cables.\n"
            "Sign up for our newsletter")
    lines = split_lines(text)
    assign_roles(lines, headings={"Cost of the work.", "Sign up for our newsletter"})
    assert [(ln.role, ln.kind) for ln in lines] == [
        ("body", None), ("heading", None), ("body", None), ("furniture", "promo"),
    ]


PAGE = """<!DOCTYPE html><html><head><title>Lighthouse keepers return to Skerry Point</title>
<link rel="canonical" href="https://example.org/news/lighthouse-keepers">
<meta property="article:published_time" content="2024-05-02"></head><body>
<article><h1>Lighthouse keepers return to Skerry Point</h1>
<p>For the first time in forty years, two keepers will live at the Skerry Point light this summer, the
trust that runs it said on Thursday.</p>
<figure><img src="a.jpg"><figcaption>The lamp room was restored by volunteers over two winters</figcaption></figure>
<p>The trust wants visitors to see how the light was tended before it was automated in the 1980s.</p>
<h2>Living on the rock</h2>
<p>The keepers will cook on a coal range and log the weather every three hours, as their predecessors did.</p>
<p>Sign up for our free coastal newsletter</p>
<p>Bookings for guided tours open next month, and places are expected to go quickly.</p>
</article></body></html>"""


def test_html_document_keeps_headings_captions_and_what_was_removed() -> None:
    from newsgraph.clean import REMOVED_KINDS, document_stories
    from newsgraph.sources.base import Document

    doc = Document(uri="page.html", format="html", html=PAGE)
    (story,) = document_stories(doc)
    assert story.title == "Lighthouse keepers return to Skerry Point"
    assert "coal range" in story.text and "Bookings for guided tours" in story.text
    assert "newsletter" not in story.text
    headings = [story.text[a:b] for a, b in story.headings]
    assert "Living on the rock" in headings
    assert story.captions == ["The lamp room was restored by volunteers over two winters"]
    removed = {(r.text, r.kind) for r in story.removed}
    assert ("The lamp room was restored by volunteers over two winters", "caption") in removed
    assert ("Sign up for our free coastal newsletter", "promo") in removed
    # The headline repeated in the body is dropped by the HTML path, and reported with the rest.
    assert any(t == "Lighthouse keepers return to Skerry Point" for t, _ in removed)
    assert all(r.kind in REMOVED_KINDS for r in story.removed)
    assert doc.url == "https://example.org/news/lighthouse-keepers"


def test_a_list_item_the_model_took_does_not_take_the_items_after_it(monkeypatch) -> None:
    import newsgraph.clean.lines as lines_mod

    def model_takes_first_item(lines, marked, unmark):
        lines[1].role, lines[1].kind = "furniture", "navigation"
        return {1}

    monkeypatch.setattr(lines_mod, "_learned_roles", model_takes_first_item)
    text = ("The school lists the clubs that meet after lessons this term:\n"
            "Chess\n"
            "Junior Robotics Workshop\n"
            "Choir and Orchestra Practice\n"
            "Parents can sign their children up at the front office until Friday.")
    lines = split_lines(text)
    assign_roles(lines)
    assert [ln.role for ln in lines][2:4] == ["heading", "heading"]
    # A navigation line a rule names still heads the teasers of other stories.
    lines = split_lines("Related stories\nJunior Robotics Workshop\nChoir and Orchestra Practice")
    assign_roles(lines, learned=False)
    assert [ln.kind for ln in lines] == ["navigation", "teaser", "teaser"]


@pytest.mark.parametrize("line", ["Home > World > Europe", "Start » Sport » Tennis » Results", "Index | Local | Weather"])
def test_breadcrumbs_are_navigation(line: str) -> None:
    assert classify(line) == ("furniture", "navigation")


def test_a_long_selector_line_is_classified_and_returns() -> None:
    # A currency or country selector dumped on one line: hundreds of " / " separators and a full stop at the end.
    # The breadcrumb pattern once tried every grouping of such a line's pieces and never returned.
    line = " / ".join(f"Land{i} CUR{i}" for i in range(250)) + " and more."
    role, _ = classify(line)
    assert role == "body"
    assert classify("Home > Travel > " + "x" * 31) == ("body", None)  # a crumb longer than 30 characters


def test_rules_read_the_lines_of_a_dump_that_marks_list_items_without_the_markers() -> None:
    plain = ["Home", "World", "Sport", "Share this article", "Follow Evening Bulletin on Instagram",
             "Home > World > Europe"]
    body = ("The ferry service resumed on Monday after a week of gales kept every boat in harbour, the operator said, "
            "and extra sailings were added for freight.")
    marked = [f"* {t}" for t in plain]
    got = roles("\n".join([*marked, body]))
    want = roles("\n".join([*plain, body]))
    assert [(role, kind) for _, role, kind in got] == [(role, kind) for _, role, kind in want]
    assert ("* Share this article", "furniture", "share") in got


def test_rows_of_a_tab_separated_table_are_found():
    texts = [
        "Rainfall at the three stations was measured every month of the dry season and compared with the average.",
        "Station\tMarch\tApril",
        "Hillside\t12 mm\t30 mm",
        "Riverbank\t18 mm\t41 mm",
        "Airfield\t9 mm\t22 mm",
        "Note:\tprovisional",  # one tab: not a row of the table above
        "Home\tNews",
    ]
    assert tab_table_rows(texts) == {1, 2, 3, 4}
    assert tab_table_rows(texts[:3]) == set()  # two rows are no table yet


def test_the_model_does_not_take_out_a_tables_rows():
    rows = [f"{m}/1/2025\t+{m}.{m}%" for m in range(1, 10)]
    prose = ("The council's housing report tracked rents month by month, and the rise slowed through the spring "
             "before it picked up again in the summer, as the table below shows.")
    lines = split_lines("\n".join([prose, *rows, prose]))
    assign_roles(lines)
    assert all(ln.role != "furniture" for ln in lines[1:-1])


@pytest.mark.parametrize(("headline", "is_heading"), [
    ("3 Ferries Cancelled as Gales Return", True),
    ("‘We will rebuild’: Harbour town counts the cost", True),
    ("12 bridges the storm closed overnight", False),  # after the number, a lower-case word: read as a sentence
])
def test_a_headline_may_open_with_a_number_or_a_quote(headline: str, is_heading: bool) -> None:
    # Whether it then titles the story is the title model's call (tests/test_titles.py).
    text = (f"{headline}\n"
            "Gales returned to the harbour town on Sunday, three ferries were cancelled, and the town began to count "
            "the cost of a storm that closed 12 bridges overnight.\n"
            "Engineers will inspect each bridge before it reopens to traffic later in the week, the council said.")
    lines = split_lines(text)
    assign_roles(lines, learned=False)
    assert lines[0].role == ("heading" if is_heading else "body")
