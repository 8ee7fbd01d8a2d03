"""Story splitting on hand-made scrapes: stories run together are split; one story stays whole."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from newsgraph.clean import document_stories
from newsgraph.clean.gaps import FEATURES
from newsgraph.clean.lines import assign_roles, split_lines
from newsgraph.clean.segment import analyse, choose_cuts, default_model, prune_cuts, shift_cuts, split_stories
from newsgraph.clean.trees import Forest
from newsgraph.sources.base import Document

FLOOD = "\n".join([
    'Floodwater swept through the riverside town of Elmsport on Sunday night, forcing hundreds of '
    'residents from their homes as the Wend burst its banks after three days of torrential rain.',
    'Rescue crews in inflatable boats pulled families from upstairs windows along Mill Lane, where the '
    'water rose above the ground floors within an hour, according to the county fire service.',
    'The Elmsport mayor, Janet Okafor, said the emergency shelter at the grammar school was already full '
    'and a second shelter would open at the leisure centre by the morning.',
    'Hydrologists at the regional river authority said the Wend peaked at nearly five metres above its '
    'normal level, higher than during the record flood of 1968.',
    'Farmers upstream reported fields of barley and potatoes under water, and several livestock sheds '
    'along the valley road were cut off by the torrent.',
    'Okafor urged residents not to drive through floodwater and said sandbags were being handed out at '
    'the town hall car park until midnight.',
])

CHESS = "\n".join([
    'A seventeen-year-old grandmaster from Tbilisi won the Baltic Open chess championship in Riga on '
    'Saturday, beating the tournament favourite in a tense final round that lasted almost six hours.',
    'Nino Beridze sacrificed a knight on the twentieth move, a decision that commentators first called '
    'reckless, before her bishops broke through on the queenside.',
    'Her opponent, the Dutch veteran Pieter van Laar, resigned after a long endgame in which he was left '
    'with a lone rook against two connected passed pawns.',
    "The victory lifts Beridze into the world's top fifty by rating, making her the youngest player on "
    'that list, according to the international chess federation.',
    'Organisers said the open drew more than four hundred players from thirty countries, a record for the'
    ' event since it moved to the Latvian capital.',
    'Beridze said she would spend the prize money on coaching and travel to the candidates qualifier in '
    'Madrid this spring.',
])


def _lines(text: str):
    lines = split_lines(text)
    assign_roles(lines)
    return lines


def test_two_stories_run_together_are_split_at_the_boundary() -> None:
    text = FLOOD + "\n" + CHESS
    groups = split_stories(_lines(text))
    assert len(groups) == 2
    assert groups[1][0].text == CHESS.splitlines()[0]


def test_furniture_between_stories_stays_with_the_first() -> None:
    text = FLOOD + "\nShare this article\nAdvertisement\n" + CHESS
    groups = split_stories(_lines(text))
    assert len(groups) == 2
    assert [ln.role for ln in groups[0][-2:]] == ["furniture", "furniture"]
    assert groups[1][0].text == CHESS.splitlines()[0]


def test_one_story_with_a_subheading_stays_whole() -> None:
    paras = FLOOD.splitlines()
    text = "\n".join([*paras[:3], "What happens to the farms?", *paras[3:]])
    assert len(split_stories(_lines(text))) == 1
    assert len(split_stories(_lines(CHESS))) == 1


def test_document_stories_spans_point_into_the_source() -> None:
    text = FLOOD + "\n" + CHESS
    stories = document_stories(Document(uri="mem", format="text", text=text))
    assert len(stories) == 2
    a, b = stories
    assert a.span is not None and b.span is not None
    assert text[b.span[0]:b.span[1]] == CHESS
    assert a.text == FLOOD and b.text == CHESS


def test_choose_cuts_keeps_the_minimum_story_size() -> None:
    model = dataclasses.replace(default_model(), threshold=0.5, min_lines=2, min_words=10)
    sizes = [10] * 8
    probs = [0.1, 0.9, 0.8, 0.2, 0.7, 0.1, 0.6]  # gap k (1-based) is before line k
    # 2 is best; 3 is too close to it; 5 keeps both sides at two lines; 7 would leave one line.
    assert choose_cuts(probs, sizes, model) == [2, 5]


def test_prune_cuts_joins_parts_of_one_story() -> None:
    lines = _lines(FLOOD + "\n" + CHESS)
    a = analyse(lines)
    model = default_model()
    # Even when the window model rates a cut inside the flood story as high as the true one, the wrong cut is
    # undone (its two parts share names and words) while the true one stays.
    probs = model.probs(a.rows)
    probs[2] = probs[5]
    assert prune_cuts([3, 6], a, probs, model) == [6]


def test_shift_cuts_moves_a_cut_to_the_close_rival_that_separates_the_stories() -> None:
    lines = _lines(FLOOD + "\n" + CHESS)
    a = analyse(lines)
    model = dataclasses.replace(default_model(), threshold=0.1, min_lines=2, min_words=10)
    # The window model rates the flood story's last paragraph (gap 5) a little above the chess story's first
    # (gap 6); with two lines a story, choose_cuts can keep only the former.
    probs = [0.01] * len(a.rows)
    probs[4], probs[5] = 0.5, 0.45
    cuts = choose_cuts(probs, a.sizes, model)
    assert cuts == [5]
    assert shift_cuts(cuts, a, probs, model)[0] == [6]
    # Without a close rival above the candidate threshold the cut stays where it is.
    probs[5] = 0.05
    assert shift_cuts(choose_cuts(probs, a.sizes, model), a, probs, model)[0] == [5]


def test_huge_document_is_split_block_by_block_without_losing_lines(monkeypatch) -> None:
    from newsgraph.clean import segment

    monkeypatch.setattr(segment, "MAX_BLOCK", 5)
    lines = _lines("\n".join([FLOOD, CHESS, FLOOD]))
    groups = split_stories(lines)
    assert [ln for g in groups for ln in g] == lines
    assert 1 <= len(groups) <= 6


def test_no_content_lines_gives_one_group_and_empty_input_none() -> None:
    lines = _lines("Advertisement\n0:31\nShare this article")
    assert split_stories(lines) == [lines]
    assert split_stories([]) == []


def _part(text: str):
    from newsgraph.clean.segment import parts_of

    return parts_of(analyse(_lines(text)), [])[0]


def _parts(blocks: list[list[str]]):
    """The parts of one document made of `blocks` of lines, cut where each block ends (every line is content)."""
    from itertools import accumulate

    from newsgraph.clean.segment import parts_of

    a = analyse(_lines("\n".join(line for block in blocks for line in block)))
    assert len(a.sizes) == sum(map(len, blocks))
    return parts_of(a, list(accumulate(map(len, blocks[:-1]))))


def test_a_story_is_more_alike_to_itself_than_two_stories_run_together() -> None:
    one = _part(FLOOD)
    two = _part("\n".join([*FLOOD.splitlines()[:3], *CHESS.splitlines()[:3]]))
    assert one.coherence() > 0.1
    assert two.coherence() < one.coherence() / 2
    assert _part(FLOOD.splitlines()[0]).coherence() == 0.0  # one line has no halves


def test_cut_features_see_an_interlude_between_two_halves_of_one_story() -> None:
    from newsgraph.clean.segment import CUT_FEATURES, cut_features

    flood = FLOOD.splitlines()
    interlude = ("Tickets for the autumn jazz weekend at the Corn Exchange go on sale on Friday morning, with "
                 "a discount for students and pensioners.")
    skip = CUT_FEATURES.index("skip_sim")
    within = _parts([flood[:3], [interlude], flood[3:]])
    across = _parts([flood[:3], [interlude], CHESS.splitlines()])
    # The cut after the interlude: the part before the interlude continues in the one after it, or not.
    assert cut_features(0.5, within, 1)[skip] > 0.1
    assert cut_features(0.5, across, 1)[skip] < 0.05
    assert cut_features(0.5, within, 0)[skip] > 0.1  # and the cut before it, looking past it


def _fragment_model(keep: float, left: float, right: float, max_lines: int = 1):
    from newsgraph.clean.segment import FRAGMENT_FEATURES

    n = len(FRAGMENT_FEATURES)
    return dataclasses.replace(default_model(), frag_mean=(0.0,) * n, frag_scale=(1.0,) * n,
                               frag_coef=((0.0,) * n,) * 3, frag_intercept=(keep, left, right),
                               frag_max_lines=max_lines, frag_margin=0.0)


def test_settle_fragments_joins_short_parts_to_the_side_the_model_prefers() -> None:
    from newsgraph.clean.segment import settle_fragments

    a = analyse(_lines(FLOOD + "\n" + CHESS))
    probs = default_model().probs(a.rows)
    # Parts [0,3) [3,4) [4,6) [6,12): only the one-line part is short enough to be judged.
    assert settle_fragments([3, 4, 6], a, probs, _fragment_model(0.0, 5.0, 0.0)) == [4, 6]
    assert settle_fragments([3, 4, 6], a, probs, _fragment_model(0.0, 0.0, 5.0)) == [3, 6]
    assert settle_fragments([3, 4, 6], a, probs, _fragment_model(5.0, 0.0, 0.0)) == [3, 4, 6]
    # A first part has no story before it to join, a last part none after it.
    assert settle_fragments([1, 6], a, probs, _fragment_model(0.0, 5.0, 0.0)) == [1, 6]
    assert settle_fragments([6, 11], a, probs, _fragment_model(0.0, 0.0, 5.0)) == [6, 11]
    assert settle_fragments([6, 11], a, probs, _fragment_model(0.0, 5.0, 0.0)) == [6]


def test_model_file_without_a_fragment_pass_still_loads(tmp_path) -> None:
    import json

    from newsgraph.clean.segment import MODEL_FILE, load_model

    raw = {k: v for k, v in json.loads(MODEL_FILE.read_text("utf-8")).items() if not k.startswith("frag_")}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw), "utf-8")
    model = load_model(path)
    assert model.frag_coef == ()
    assert model.cut_threshold == default_model().cut_threshold


def test_a_story_tail_split_off_by_a_cut_joins_its_story() -> None:
    from newsgraph.clean.segment import settle_fragments

    tail = ["Additional reporting on the Elmsport flood by Tom Reyes; Wend river levels from the county river "
            "authority.",
            "Okafor thanked the rescue crews and the volunteers who filled sandbags through the night along "
            "Mill Lane."]
    a = analyse(_lines("\n".join([FLOOD, *tail, CHESS])))
    model = default_model()
    probs = model.probs(a.rows)
    # Cuts before and after the two tail lines: the tail belongs to the flood story, the chess story stays apart.
    assert settle_fragments([6, 8], a, probs, model) == [8]


def test_joined_parts_compare_as_the_same_lines_taken_whole():
    # Pruning joins neighbouring parts: the join must weigh and compare exactly as a part made of the same lines.
    from newsgraph.clean.parts import novel

    flood, chess = FLOOD.splitlines(), CHESS.splitlines()
    parts = _parts([flood, chess[:3], chess[3:], flood])
    joined = parts[0] + parts[1] + parts[2]
    whole = _parts([flood + chess, flood])
    for got, want in ((joined, whole[0]), (parts[3], whole[1])):
        assert (got.lo, got.hi, got.size, got.names, got.marks) == (want.lo, want.hi, want.size, want.names, want.marks)
    assert joined.similarity(parts[3]) == pytest.approx(whole[0].similarity(whole[1]), abs=1e-12)
    assert joined.coherence() == pytest.approx(whole[0].coherence(), abs=1e-12)
    # The flood story comes back after the chess story: the two flood parts are alike, chess is unlike both.
    flood_sim = parts[0].similarity(parts[3])
    assert flood_sim > 3 * max(parts[0].similarity(parts[1]), parts[2].similarity(parts[3]))
    assert flood_sim == pytest.approx(parts[3].similarity(parts[0]), abs=1e-12)
    assert novel(parts[0], parts[1]) > 0.9 > 0.1 > novel(parts[0], parts[3])
    with pytest.raises(ValueError):
        parts[0] + parts[2]


def test_a_gap_forest_takes_the_place_of_the_logistic_gap_model() -> None:
    # One stump on the first feature: log odds -1 at or below 0.5, +1 above.
    stump = Forest(np.array([[0, -1, -1]]), np.array([[0.5, 0.0, 0.0]]), np.array([[1, 0, 0]]),
                   np.array([[2, 0, 0]]), np.array([[0.0, -1.0, 1.0]]), 0.0, 1)
    m = dataclasses.replace(default_model(), gap_forest=stump)
    low, high = [0.0] * len(FEATURES), [1.0] + [0.0] * (len(FEATURES) - 1)
    assert m.probs([low, high]) == pytest.approx([1 / (1 + math.e), 1 / (1 + math.exp(-1))])
    assert default_model().probs([low]) != pytest.approx([1 / (1 + math.e)])


def test_the_page_of_briefs_model_reads_the_logistic_gap_model_beside_gap_trees() -> None:
    stump = Forest(np.array([[0, -1, -1]]), np.array([[0.5, 0.0, 0.0]]), np.array([[1, 0, 0]]),
                   np.array([[2, 0, 0]]), np.array([[0.0, -4.0, 4.0]]), 0.0, 1)
    base = default_model()
    m = dataclasses.replace(base, gap_forest=stump)
    a = analyse(_lines(FLOOD + "\n" + CHESS))
    assert m.probs(a.rows) != pytest.approx(base.probs(a.rows))
    assert m.page_probs(a.rows) == base.probs(a.rows)
    assert m.brief_chance(a, m.probs(a.rows)) == pytest.approx(base.brief_chance(a, base.probs(a.rows)))


def test_pages_not_of_briefs_are_split_by_the_main_splitter() -> None:
    from newsgraph.clean.segment import story_starts

    plain = dataclasses.replace(default_model(), main=None)
    never = dataclasses.replace(plain, threshold=2.0)  # no gap reaches it: one story
    a = analyse(_lines(FLOOD + "\n" + CHESS))
    assert story_starts(a, plain)
    with_main = dataclasses.replace(plain, main=never, brief_gate=1.1)
    assert with_main.splitter(a)[0] is never
    assert story_starts(a, with_main) == []
    # A page the page model takes for a page of briefs is split by the outer model, on its own probabilities.
    briefs = dataclasses.replace(with_main, brief_gate=0.0)
    page, probs = briefs.splitter(a)
    assert page is not never and probs == plain.probs(a.rows)


def test_the_main_splitter_reads_its_own_gap_trees() -> None:
    stump = Forest(np.array([[0, -1, -1]]), np.array([[0.5, 0.0, 0.0]]), np.array([[1, 0, 0]]),
                   np.array([[2, 0, 0]]), np.array([[0.0, -4.0, 4.0]]), 0.0, 1)
    plain = dataclasses.replace(default_model(), main=None)
    trees = dataclasses.replace(plain, gap_forest=stump)
    m = dataclasses.replace(plain, main=trees, brief_gate=1.1)
    a = analyse(_lines(FLOOD + "\n" + CHESS))
    page, probs = m.splitter(a)
    assert page is trees and probs == trees.probs(a.rows) != plain.probs(a.rows)


def test_a_model_file_nests_its_main_splitter(tmp_path) -> None:
    import json

    from newsgraph.clean.segment import MODEL_FILE, load_model

    raw = json.loads(MODEL_FILE.read_text("utf-8"))
    raw.pop("main", None)
    (tmp_path / "one.json").write_text(json.dumps(raw), "utf-8")
    assert load_model(tmp_path / "one.json").main is None
    raw["main"] = {**raw, "threshold": 0.5}
    (tmp_path / "two.json").write_text(json.dumps(raw), "utf-8")
    m = load_model(tmp_path / "two.json")
    assert m.main is not None and m.main.threshold == 0.5 and m.threshold != 0.5
