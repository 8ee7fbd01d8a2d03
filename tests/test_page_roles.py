"""Line roles decided within each story of a run-together document (clean/page_roles.py)."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.clean import page_roles
from newsgraph.clean.gaps import CONTENT
from newsgraph.clean.lines import Line, assign_roles, split_lines
from newsgraph.clean.roles import load_model

PAGE_A = [
    "Home", "News", "Sport", "Weather", "By Ilse Maren", "2 June 2026",
    "Ferry services to the outer islands were cancelled for a third day on Tuesday as gales kept boats in "
    "harbour and left hundreds of travellers waiting in the mainland terminal with nowhere to sleep.",
    "The operator said the crossings would resume once the wind dropped below the limit its captains are "
    "allowed to sail in, which forecasters expected no sooner than Thursday morning.",
    "Islanders said shops were running short of fresh food.",
    "Share", "Most read", "Council tax to rise by four percent", "New school opens in Dunmore",
]
PAGE_B = [
    "Menu", "Search", "Subscribe",
    "A small museum in the hill town of Carrow has reopened after two years of repairs to its roof, which a "
    "storm tore open in the winter of 2024 and left the collection of old farm tools exposed to the rain.",
    "Volunteers catalogued every object before the builders arrived and stored them in a barn lent by a farmer.",
    "Entry is free until the end of the summer, the trust that runs the museum said on its website.",
    "Contact us", "Privacy policy",
]


def _run() -> list[Line]:
    return split_lines("\n".join(PAGE_A + PAGE_B))


def _cut_between_pages(monkeypatch) -> None:
    """The splitter and the part model stand aside: the document's two stories are its two pages."""
    monkeypatch.setattr(page_roles, "split_stories", lambda lines: [lines[:len(PAGE_A)], lines[len(PAGE_A):]])
    monkeypatch.setattr(page_roles, "drop_furniture_parts", lambda groups: groups)


def _alone(*pages: list[str]) -> list[float]:
    """The furniture probability of every line, each page's lines decided alone."""
    out: list[float] = []
    for page in pages:
        own = split_lines("\n".join(page))
        assign_roles(own)
        out += [ln.furn for ln in own]
    return out


def test_each_story_is_weighed_as_its_own_page(monkeypatch):
    if load_model() is None:
        pytest.skip("no data/clean_lines.json in this build")
    reference = _run()
    assign_roles(reference)
    # The cut falls after the first page's furniture; its page ends at its last content line, and the lines
    # after that are weighed with the page they lead into.
    last = max(i for i, ln in enumerate(reference[:len(PAGE_A)]) if ln.role in CONTENT)
    assert last < len(PAGE_A) - 1
    _cut_between_pages(monkeypatch)
    lines = _run()
    groups = page_roles.page_stories(lines)
    # Furniture between the stories stays with the first, as the splitter has it.
    assert len(groups) == 2 and groups[1][0].role in CONTENT and groups[1][0].text.startswith("A small museum")
    alone = _alone(PAGE_A[:last + 1], PAGE_A[last + 1:] + PAGE_B)
    # Each line's furniture probability is the one its page gets alone, not the one of the whole document.
    assert np.allclose([ln.furn for ln in lines], alone)
    assert not np.allclose([ln.furn for ln in reference], alone, atol=1e-3)


def test_a_document_left_whole_is_decided_once(monkeypatch):
    monkeypatch.setattr(page_roles, "split_stories", lambda lines: [lines])
    calls = []
    real = page_roles.assign_roles
    monkeypatch.setattr(page_roles, "assign_roles", lambda lines, **kw: calls.append(len(lines)) or real(lines, **kw))
    lines = _run()
    page_roles.page_stories(lines)
    reference = _run()
    assign_roles(reference)
    assert calls == [len(lines)]
    assert [(ln.role, ln.kind) for ln in lines] == [(ln.role, ln.kind) for ln in reference]


def test_a_part_taken_as_furniture_stays_furniture(monkeypatch):
    def drop_last(groups):
        for ln in groups[-1]:
            ln.role, ln.kind = "furniture", ln.kind or "other"
        return [groups[0] + groups[-1]] if len(groups) == 2 else groups

    # The second page's last sentence and footer make a part of their own, which the part model takes.
    cut = len(PAGE_A) + 5
    monkeypatch.setattr(page_roles, "split_stories", lambda lines: [lines[:len(PAGE_A)], lines[len(PAGE_A):cut],
                                                                    lines[cut:]])
    monkeypatch.setattr(page_roles, "drop_furniture_parts", lambda groups: [groups[0], *drop_last(groups[1:])])
    lines = _run()
    groups = page_roles.page_stories(lines)
    assert len(groups) == 2
    assert lines[cut].text.startswith("Entry is free")
    assert all(ln.role == "furniture" for ln in lines[cut:])


def test_each_page_reads_list_markers_as_the_whole_document_does(monkeypatch):
    # PAGE_B ends its story with an author's list: alone, its marked lines stand after its last dense line and
    # read as a dumper's. In the document PAGE_A's story follows, so the list is inside the prose.
    page_b = [*PAGE_B[:-2], "- Open Tuesday to Sunday", "- Guided walks at noon", "- Step-free entrance",
              *PAGE_B[-2:]]
    texts = page_b + PAGE_A
    assert page_roles.dumper_marked(page_b) and not page_roles.dumper_marked(texts)
    monkeypatch.setattr(page_roles, "split_stories", lambda lines: [lines[:len(page_b)], lines[len(page_b):]])
    monkeypatch.setattr(page_roles, "drop_furniture_parts", lambda groups: groups)
    seen = []
    real = page_roles.assign_roles
    monkeypatch.setattr(page_roles, "assign_roles", lambda lines, **kw: seen.append(kw["unmark"]) or real(lines, **kw))
    page_roles.page_stories(split_lines("\n".join(texts)))
    assert seen == [False, False, False]  # the document once, then each of its two pages
