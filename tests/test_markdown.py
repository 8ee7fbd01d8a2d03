"""Markdown scrapes read as plain text (clean/markdown.py), on hand-written lines."""

from __future__ import annotations

import pytest

from newsgraph.clean import document_stories
from newsgraph.clean.lines import split_lines
from newsgraph.clean.markdown import document_lines, links_to_text, plain_text, reads_as_markdown
from newsgraph.sources.base import Document


@pytest.mark.parametrize(("line", "plain"), [
    ("## Harbour reopens after the storm", "Harbour reopens after the storm"),
    ("# Title with closing hashes ##", "Title with closing hashes"),
    ("The mayor [said on Tuesday](https://example.org/a) that the ferry would run.",
     "The mayor said on Tuesday that the ferry would run."),
    ("[![Site logo](https://example.org/logo.png)](https://example.org/)", ""),
    ("Updated May 2![](https://example.org/p.png)The ferry ran late.", "Updated May 2 The ferry ran late."),
    ("The ferry ![map](https://example.org/m.png) ran late.", "The ferry  ran late."),
    ("![](https://example.org/photo.jpg)", ""),
    ("See the [wiki page](https://en.example.org/wiki/Port_(town)) for more.", "See the wiki page for more."),
    ("**Breaking:** the bridge is *closed* until noon.", "Breaking: the bridge is closed until noon."),
    ("The variable snake\\_case\\_name stays, as does 2\\*3.", "The variable snake_case_name stays, as does 2*3."),
    ("> A quoted paragraph from the council.", "A quoted paragraph from the council."),
    ("| Team | Points |", "Team | Points"),
    ("|---|:---:|", ""),
    ("* * *", ""),
    ("```python", ""),
    ("[3]: https://example.org/source", ""),
    ("Read the `config.yaml` file.", "Read the config.yaml file."),
    ("[Gardeners swap seeds at the winter fair", "Gardeners swap seeds at the winter fair"),
    ("December 17, 2025](https://example.org/posts/seed-fair/)", "December 17, 2025"),
    ("Write to <mailto:desk@example.org> today.", "Write to mailto:desk@example.org today."),
])
def test_plain_text(line: str, plain: str) -> None:
    assert plain_text(line) == plain


def test_emphasis_inside_words_is_left_alone() -> None:
    assert plain_text("call my_function_name and 3*4*5 now") == "call my_function_name and 3*4*5 now"


def test_links_are_read_in_any_document_but_headings_only_in_markdown() -> None:
    assert links_to_text("Prices [rose](https://example.org/p) again") == "Prices rose again"
    plain = "# not a heading in plain text\nA second line.\nA third line."
    lines, dropped = document_lines(plain)
    assert [ln.text for ln in lines] == ["# not a heading in plain text", "A second line.", "A third line."]
    assert dropped == []


def test_reads_as_markdown_needs_several_marked_lines() -> None:
    one = split_lines("A line with one [link](https://example.org).\n" + "Plain words here.\n" * 5)
    assert not reads_as_markdown(one)
    many = split_lines("".join(f"* [Section {i}](https://example.org/{i})\n" for i in range(6)) + "Body.\n")
    assert reads_as_markdown(many)


def test_offsets_still_point_at_the_source_line() -> None:
    text = "* [Home](https://example.org/)\n* [World](https://example.org/w)\n\n## Floods close the valley road\n"
    text += "![](https://example.org/x.jpg)\n* [Sport](https://example.org/s)\n"
    lines, dropped = document_lines(text)
    assert [ln.text for ln in lines][-2] == "Floods close the valley road"
    heading = lines[-2]
    assert text[heading.start:heading.end] == "## Floods close the valley road"
    assert [text[ln.start:ln.end] for ln in dropped] == ["![](https://example.org/x.jpg)"]


def test_markdown_scrape_story_has_no_link_syntax_and_keeps_what_went() -> None:
    menu = "".join(f"* [{name}](https://news.example.org/{name.lower()})\n"
                   for name in ("Home", "World", "Business", "Sport", "Weather", "Opinion"))
    body = (
        "## Valley road shut as river rises\n\n"
        "Engineers closed the valley road on Monday after the river rose [two metres](https://x.example/r) "
        "in a single night, the county council said in a statement.\n\n"
        "![](https://news.example.org/img/river.jpg)\n\n"
        "Residents of the lower village were told to move their cars to higher ground before dark, and the "
        "council opened the school hall for anyone who needed a bed.\n\n"
        "The road is expected to stay closed until the water falls, which forecasters think could take "
        "until Thursday if no more rain arrives in the hills.\n\n"
        "---\n"
    )
    [story] = document_stories(Document(uri="md.txt", format="text", text=menu + "\n" + body + menu))
    assert "](" not in story.text and "##" not in story.text
    assert "rose two metres in a single night" in story.text
    assert story.text.startswith("Valley road shut as river rises\n")
    assert "Business" not in story.text and "Weather" not in story.text  # the menus, read as words, went
    removed = {r.text for r in story.removed}
    assert "![](https://news.example.org/img/river.jpg)" in removed and "---" in removed



def _md_story(title: str, paragraphs: list[str], image: str, rule: str) -> str:
    body = [f"## {title}", *paragraphs[:3], f"![](https://news.example.org/img/{image}.jpg)", *paragraphs[3:], rule]
    return "\n\n".join(body) + "\n\n"


def test_each_story_of_a_markdown_scrape_keeps_its_own_unread_lines() -> None:
    menu = "".join(f"* [{n}](https://news.example.org/{n.lower()})\n"
                   for n in ("Home", "World", "Business", "Sport", "Weather"))
    one = _md_story("Valley road shut as river rises", [
        "Engineers closed the valley road on Monday after the river rose two metres in a single night, the county "
        "council said.",
        "Residents of the lower village were told to move their cars to higher ground before dark, and the council "
        "opened the school hall for anyone who needed a bed.",
        "The road is expected to stay closed until the water falls, which forecasters think could take until Thursday.",
        "Farmers upstream said the flooding had already drowned two fields of winter wheat and cut off a dairy from "
        "its tanker.",
    ], "river", "---")
    two = _md_story("Orchestra names new conductor", [
        "The city orchestra has appointed a 34-year-old violinist from Porto as its principal conductor, the board "
        "announced on Friday.",
        "She will lead her first concert in September, a programme of Sibelius and a new commission for choir and brass.",
        "Musicians welcomed the choice, saying rehearsals under her as a guest last spring had been the most demanding "
        "in years.",
        "Ticket sales for the coming season are up by a fifth, the orchestra's manager said, with most new buyers "
        "under thirty.",
    ], "concert", "***")
    stories = document_stories(Document(uri="md.txt", format="text", text=menu + one + menu + two + menu))
    assert [st.text.split("\n")[0] for st in stories] == ["Valley road shut as river rises",
                                                          "Orchestra names new conductor"]
    unread = [[r.text for r in st.removed if r.kind == "other"] for st in stories]
    assert unread == [["![](https://news.example.org/img/river.jpg)", "---"],
                      ["![](https://news.example.org/img/concert.jpg)", "***"]]
