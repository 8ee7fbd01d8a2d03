"""The learned line-role model: its features on hand-made scrapes, and what it takes out of one."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.clean.lines import assign_roles, split_lines
from newsgraph.clean.roles import (
    FEATURES,
    PAGE_REACH,
    STACK,
    STOP_WORDS,
    WORD,
    _runs,
    dumper_marked,
    features,
    load_model,
    shape_kind,
    stack_features,
    unmarked,
)

PAGE = "\n".join([
    'Home',
    'World',
    'Business',
    'Sport',
    'Opinion',
    'By Tamsin Okafor',
    '14 March 2026, 09:12 GMT',
    'Share',
    'Harbour cranes stood idle across the northern port on Friday after dock workers walked out over a pay '
    'offer that their union called an insult to people who kept trade moving through two winters of storms.',
    'The strike began at dawn, when the first shift refused to unload three container ships that had waited '
    'offshore overnight, according to the port authority, which said perishable cargo would be diverted south.',
    "Talks between the union and the employers' federation broke down late on Thursday after eleven "
    'hours, with both sides blaming the other for leaving the table before a final offer could be put in writing.',
    'A spokesperson for the federation said the offer of a four percent rise over two years was the '
    'most the industry could afford while shipping volumes remained below their level of three years ago.',
    'Union members will vote next week on whether to extend the walkout into a second week.',
    'More from this section',
    'Rail fares to rise again in spring',
    'City council approves new cycle lanes',
    'Bakery chain closes twelve branches',
    'Terms of use',
    'Contact us',
    '© 2026 The Coastal Courier',
    '',
])


def test_features_have_one_row_per_line_and_every_column():
    texts = [ln.text for ln in split_lines(PAGE)]
    x = features(texts, [None] * len(texts))
    assert x.shape == (len(texts), len(FEATURES))
    assert np.isfinite(x).all()
    dense = x[:, FEATURES.index("log_dense_dist")] == 0
    # The five long paragraphs and nothing else count as dense prose.
    assert dense.sum() == 4 and dense[8]
    before = x[:, FEATURES.index("before_dense")]
    assert before[0] == 1 and before[8] == 0


def test_runs_report_length_and_ends():
    length, first, last = _runs(np.array([0, 1, 1, 0, 1], dtype=bool))
    assert length.tolist() == [0, 2, 2, 0, 1]
    assert first.tolist() == [0, 1, 1, 3, 4] and last.tolist() == [0, 2, 2, 3, 4]


def test_stack_rows_follow_the_first_pass():
    texts = ["Menu", "Search", "A sentence that runs on for quite a while and ends with a full stop as prose does."]
    x = features(texts, [None, None, None])
    p = np.array([0.9, 0.8, 0.1])
    st = stack_features(p, x)
    assert st.shape == (3, len(STACK))
    assert st[:, 0].tolist() == p.tolist()
    assert st[0, STACK.index("p@1")] == pytest.approx(0.8)
    assert st[0, STACK.index("p_run")] == pytest.approx(0.85)  # the two short lines are one run


def test_shape_kind_names_what_was_taken():
    assert shape_kind("Opinion") == "navigation"
    assert shape_kind("City council approves new cycle lanes") == "teaser"
    assert shape_kind("14 March 2026, 09:12 GMT") == "other"


@pytest.mark.skipif(load_model() is None, reason="no line-role model shipped")
def test_model_takes_the_page_furniture_and_keeps_the_story():
    lines = split_lines(PAGE)
    assign_roles(lines)
    body = [ln.text for ln in lines if ln.role in ("body", "heading")]
    gone = {ln.text for ln in lines if ln.role == "furniture"}
    for text in PAGE.splitlines()[8:13]:
        assert text in body
    for text in ("Home", "Business", "Share", "Terms of use", "Rail fares to rise again in spring"):
        assert text in gone
    assert all(ln.kind for ln in lines if ln.role == "furniture")


def test_page_context_sees_a_list_introduced_inside_the_story():
    prose = ("The committee compared the three rail routes over four months of hearings and site visits, "
             "and found that each would cost more than the council had set aside for the whole scheme.")
    texts = [
        "Menu", "Weather", prose, "The committee ranked the routes it looked at as follows:",
        "Northern route via the old quarry", "Coastal route", "Committee hearings", prose, "Contact",
    ]
    x = features(texts, [None] * len(texts))
    col = {name: x[:, FEATURES.index(name)] for name in
           ("colon_intro", "log_dense_left", "log_dense_right", "log_block", "local_vocab", "frag_start")}
    # The list after the colon line knows it was introduced; the menu before the prose does not.
    assert col["colon_intro"][4] > 0 and col["colon_intro"][6] > 0 and col["colon_intro"][0] == -1
    # Dense prose is 0 lines from itself; a list item sits between two paragraphs, two and three lines away.
    assert col["log_dense_left"][2] == 0 and col["log_block"][2] == 0
    assert np.expm1(col["log_dense_left"][5]) == pytest.approx(3)
    assert np.expm1(col["log_dense_right"][5]) == pytest.approx(2)
    # "Committee hearings" shares its words with the prose nearby; "Weather" shares none.
    assert col["local_vocab"][6] == 1.0 and col["local_vocab"][1] == 0.0
    assert not col["frag_start"].any()


def test_a_line_that_continues_a_broken_sentence_is_marked():
    texts = ["One of the podcasts she listens to is", "Night Signals", ", which covers radio history."]
    x = features(texts, [None] * 3)
    assert x[:, FEATURES.index("frag_start")].tolist() == [0.0, 0.0, 1.0]
    assert x[1, FEATURES.index("frag_start@1")] == 1.0


def test_local_vocabulary_is_the_share_of_words_other_dense_lines_near_use():
    # The sliding window of dense lines' words (_local_vocab) against its definition, line by line: a page long
    # enough that dense lines enter and leave the window, with repeated words and lines of no content word.
    texts = [ln.text for ln in split_lines(PAGE)] * 5
    x = features(texts, [None] * len(texts))
    dense = np.flatnonzero(x[:, FEATURES.index("log_dense_dist")] == 0)
    for i, text in enumerate(texts):
        words = {w.lower() for w in WORD.findall(text)} - STOP_WORDS
        near = [{w.lower() for w in WORD.findall(texts[d])} for d in dense if d != i and abs(d - i) <= PAGE_REACH]
        want = sum(any(w in s for s in near) for w in words) / len(words) if words else 0.5
        assert x[i, FEATURES.index("local_vocab")] == want, i


def test_vocabulary_in_prose_counts_repeated_words_once_each_use():
    texts = ["Harbour harbour cranes", *[ln.text for ln in split_lines(PAGE)]]
    x = features(texts, [None] * len(texts))
    # "harbour" twice and "cranes" once, both used by the page's prose.
    assert x[0, FEATURES.index("vocab_in_prose")] == 1.0
    assert x[1, FEATURES.index("vocab_in_prose")] == 0.0  # "Home": no prose uses it


def _marked(texts: list[str]) -> list[str]:
    """PAGE as a layout-keeping dumper writes it: every short menu, teaser and footer item marked as a list item."""
    return [f"* {t}" if len(t.split()) <= 6 and not t.startswith("By ") else t for t in texts]


def test_a_dump_that_marks_every_list_item_reads_as_one_that_does_not():
    texts = [ln.text for ln in split_lines(PAGE)]
    marked = _marked(texts)
    assert dumper_marked(marked) and not dumper_marked(texts)
    kinds = [None] * len(texts)
    assert np.array_equal(features(marked, kinds), features(texts, kinds))


def test_an_authors_few_bullets_are_left_as_they_are():
    texts = [ln.text for ln in split_lines(PAGE)]
    texts[10] = "- " + texts[10]  # one bulleted paragraph in the story: the author's list, not the dumper's
    assert not dumper_marked(texts)
    x = features(texts, [None] * len(texts))
    assert x[10, FEATURES.index("bullet")] == 1


_GUIDE = [
    "Newsletter",
    "Weekend projects",
    "Winter is hard on a small garden shed, and a few hours of care in the autumn spare you a leaking roof in March.",
    "Before the first frost, walk round the shed with a notebook and write down what needs doing, in this order:",
    "- Clear the gutters of leaves and moss",
    "- Check the roof felt for tears and lifted edges",
    "- Oil the hinges and the padlock",
    "- Move paint and glue indoors where they cannot freeze",
    "- Sweep out the floor and look for damp corners",
    "Most of these jobs take minutes, and the roof is the only one that may need a second pair of hands and a ladder.",
    "Share this article",
]


def test_an_authors_long_list_inside_the_story_is_not_the_dumpers():
    # Five marked lines of eleven pass the share test, but all stand between the story's first and last dense
    # lines: the author's list. A dumper marks the menus around the story too.
    assert not dumper_marked(_GUIDE)
    menu = ["* Home", "* Gardens", "* Sheds", *_GUIDE, "* About us", "* Contact"]
    assert dumper_marked(menu)


def test_the_documents_decision_overrides_a_parts_own():
    kinds = [None] * len(_GUIDE)
    kept = features(_GUIDE, kinds, unmark=False)
    taken = features(_GUIDE, kinds, unmark=True)
    col = FEATURES.index("bullet")
    assert kept[4, col] == 1 and taken[4, col] == 0


@pytest.mark.parametrize(("marked", "plain"), [("* Home", "Home"), ("+ Careers", "Careers"), ("12. Sport", "Sport"),
                                               ("(3) Weather", "Weather"), ("• Contact us", "Contact us")])
def test_list_markers_are_taken_off(marked: str, plain: str) -> None:
    assert unmarked(marked) == plain


@pytest.mark.parametrize("text", ["2026 was a year of storms.", "-5 degrees overnight", "1.5 million voters", "*Note*"])
def test_text_that_only_looks_marked_is_kept(text: str) -> None:
    assert unmarked(text) == text
