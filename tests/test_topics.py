"""Topic vectors (clean/topics.py) and the page-of-briefs regime (clean/regime.py) of the story splitter."""

from __future__ import annotations

import dataclasses

import numpy as np

from newsgraph.clean import topics
from newsgraph.clean.lines import split_lines
from newsgraph.clean.regime import PAGE_FEATURES, page_features
from newsgraph.clean.segment import analyse, default_model

QUAKE = [
    "Earthquake survivors sheltered in tents while rescuers searched collapsed buildings.",
    "Aftershocks rattled the valley as aid convoys brought blankets and clean water to the injured.",
]
MARKET = "Inflation rose again as the central bank held interest rates and bond yields climbed."


def test_topical_words_leave_out_the_commonest_and_short_words() -> None:
    words = topics.topical_words("The rescuers and the survivors of it were in Tents")
    assert words == ["rescuers", "survivors", "tents"]


def test_two_lines_on_one_topic_are_alike_without_a_word_in_common() -> None:
    a, b, c = (topics.topical_words(t) for t in [*QUAKE, MARKET])
    assert not set(a) & set(b)
    va, vb, vc = topics.line_vectors([a, b, c])
    assert topics.cosine(va, vb) > topics.cosine(va, vc) + 0.2
    assert topics.cosine(va, vb) > topics.cosine(vb, vc) + 0.2


def test_unknown_words_give_a_zero_vector_and_halves_need_two_lines() -> None:
    v = topics.line_vectors([["qzxwvy"], []])
    assert not v.any()
    assert topics.cosine(v[0], v[1]) == 0.0
    assert topics.halves(topics.line_vectors([topics.topical_words(QUAKE[0])]), [8]) == 0.0
    vecs = topics.line_vectors([topics.topical_words(t) for t in QUAKE])
    assert topics.halves(vecs, [8, 12]) == topics.cosine(vecs[0], vecs[1])


def test_page_features_and_the_brief_regime() -> None:
    lines = split_lines("\n".join([*QUAKE, MARKET, *QUAKE]))
    for ln in lines:
        ln.role = "body"
    a = analyse(lines)
    model = default_model()
    probs = model.probs(a.rows)
    row = page_features(a, probs)
    assert len(row) == len(PAGE_FEATURES) and all(np.isfinite(row))
    # With the page model's gate at 0 every page is a page of briefs, at 1.01 none is.
    n = len(PAGE_FEATURES)
    always = dataclasses.replace(model, brief_coef=(1.0,) * n, brief_mean=(0.0,) * n, brief_scale=(1.0,) * n,
                                 brief_gate=0.0, brief_cut_threshold=0.123, brief_min_words=17, brief_fragments=False)
    brief = always.for_page(a, probs)
    assert (brief.cut_threshold, brief.min_words, brief.frag_coef, brief.brief_coef) == (0.123, 17, (), ())
    never = dataclasses.replace(always, brief_gate=1.01)
    assert never.for_page(a, probs) is (never.main or never)
    assert dataclasses.replace(never, main=None).for_page(a, probs).brief_gate == 1.01
