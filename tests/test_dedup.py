"""Near-duplicate stories are marked, distinct ones are not, on both backends."""

from __future__ import annotations

import pytest

from newsgraph.store import SQLiteStore, dedup
from newsgraph.store.dedup import (
    CONTAINMENT,
    MIN_JACCARD,
    THRESHOLD,
    containment,
    is_copy,
    shingles,
    signature,
    similarity,
)
from pg import pg_store
from records import sample_article

BASE = (
    "Heavy rain flooded the lower town of Vilmar overnight, and the regional council said 40 families had moved "
    "to the sports hall. The river rose two metres in six hours, according to the water board, which warned that "
    "more rain was due on Thursday. Volunteers filled sandbags outside the old mill while the fire brigade pumped "
    "water from cellars along the quay. The mayor said the town would ask the state for emergency funds next week."
)
EDITED = BASE.replace("40 families", "about 40 families").replace("next week", "on Monday") + " (Agencies)"
OTHER = (
    "The city orchestra announced a new season of free concerts in the park, starting in June. Tickets will not be "
    "needed, the director said, but seats near the stage will be limited. The programme includes three premieres by "
    "local composers and a children's matinee every Sunday afternoon."
)


def story(text: str, i: int):
    a = sample_article(text, uri=f"x://{i}")
    a.id = f"id{i}"
    return a


def test_similarity_of_signatures():
    assert similarity(signature(BASE), signature(BASE)) == 1.0
    assert similarity(signature(BASE), signature(EDITED)) >= 0.7
    assert similarity(signature(BASE), signature(OTHER)) < 0.2
    assert signature(BASE) == signature(BASE)  # deterministic


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    if request.param == "sqlite":
        with SQLiteStore(tmp_path / "d.db") as s:
            yield s
    else:
        with pg_store() as s:
            yield s


def test_syndicated_copy_points_to_the_first(db):
    db.add([story(BASE, 1)])
    db.add([story(OTHER, 2), story(EDITED, 3)])
    db.add([story(EDITED + " Updated.", 4)])
    assert db.duplicate_of("id1") is None
    assert db.duplicate_of("id2") is None
    assert db.duplicate_of("id3") == "id1"
    assert db.duplicate_of("id4") == "id1"  # the root, not the copy it is closest to


# Syndication edits on a story of wire length (eight paragraphs, about 310 words); measured on real
# development-set bodies in benchmarks/dedup_eval.py.
WIRE = [
    "The regional water board in Korvala said on Tuesday that it would close the eastern reservoir for at least "
    "three months after tests found high levels of algae. About 18,000 homes draw their water from it. The board "
    "said supplies would come from the western plant while engineers cleaned the intake.",
    "Board chair Ines Marlow told reporters that the tests were routine and that no illness had been reported. "
    "She said the closure was a precaution. Residents were asked to keep using tap water as normal.",
    "The reservoir was built in 1974 and last drained in 2009. Engineers have warned for years that its pumps and "
    "filters were near the end of their working life, and a report to the council last spring put the cost of "
    "repairs at 14 million crowns.",
    "Opposition councillors said the board had ignored that report. Councillor Pavel Strand said the town had "
    "been lucky that the problem was found in winter, when demand is low. He called for an independent review of "
    "how the board spends its budget.",
    "Farmers downstream said the closure could affect irrigation in the spring. The farmers' union asked the board "
    "to publish a timetable for the work and to say how much water would be released into the river meanwhile.",
    "The western plant can treat about 60 percent of the town's daily demand, according to the board. Officials "
    "said they would truck water to schools and the hospital if pressure fell in the evening peak.",
    "Marlow said the board would hold a public meeting at the library next Thursday to answer questions. The "
    "meeting will also be streamed online for residents who cannot attend in person.",
    "The board expects to publish the full test results by the end of the month, along with an estimate of the "
    "cost of the cleaning work and of any repairs found necessary once the reservoir is empty.",
]


def wire(paras: list[str]) -> str:
    return "\n\n".join(paras)


def reversed_sentences(para: str) -> str:
    return " ".join(reversed(para.replace(". ", ".\n").split("\n")))


def test_trimmed_copy_is_marked_even_when_half_the_story_is_gone(db):
    db.add([story(wire(WIRE), 1)])
    # Half the paragraphs left: Jaccard is about 0.55, under THRESHOLD, but every shingle of the copy is in the
    # original. An agency's story cut to half is still that story: the containment rule marks it.
    half = wire(WIRE[:-4])
    assert similarity(signature(wire(WIRE)), signature(half)) < THRESHOLD
    db.add([story(half, 4), story(wire(WIRE[:-1]), 2), story(wire(WIRE[:-2]), 3)])
    assert [db.duplicate_of(f"id{i}") for i in (2, 3, 4)] == ["id1", "id1", "id1"]


def test_the_full_story_stored_after_its_trimmed_copy_joins_it(db):
    # containment is of the smaller story in the larger, whichever came first; the root is the first stored
    db.add([story(wire(WIRE[:-4]), 4)])
    db.add([story(wire(WIRE), 1)])
    assert db.duplicate_of("id1") == "id4"


def test_rows_stored_without_a_shingle_count_are_judged_on_jaccard_alone(db):
    db.add([story(wire(WIRE), 1)])
    db.conn.execute("UPDATE signatures SET shingle_count = NULL")  # as a store written before the column
    db.add([story(wire(WIRE[:-4]), 4)])
    assert db.duplicate_of("id4") is None
    db.add([story(wire(WIRE[:-1]), 2)])
    assert db.duplicate_of("id2") == "id1"


def test_rule_needs_both_containment_and_the_jaccard_floor():
    # a brief of 80 shingles wholly inside a roundup of 240: containment 1, Jaccard 1/3
    assert containment(1 / 3, 80, 240) == pytest.approx(1.0)
    assert not is_copy(1 / 3, 80, 240)
    assert is_copy(0.55, 170, 310)  # the half-cut copy above
    assert not is_copy(0.55, 200, 200)  # same Jaccard between equals: each has 29% of its text the other lacks
    assert not is_copy(0.55, None, 310) and is_copy(0.75, None, None)  # no count: Jaccard alone


# A weekly roundup that carries the first two paragraphs of WIRE as one item among others.
ROUNDUP_ITEMS = [
    "In sport, the Korvala rowing club won both senior races at the spring regatta on the lake, and the youth "
    "team finished third in a field of eleven boats.",
    "The library will stay open until nine on weekdays from next month, after a petition signed by more than two "
    "thousand students asked for longer hours during the exam season.",
]


@pytest.mark.parametrize("brief_first", [True, False])
def test_short_story_inside_a_much_longer_different_one_is_not_a_copy(db, monkeypatch, brief_first):
    brief = wire(WIRE[:2])
    roundup = wire([BASE, *WIRE[:2], OTHER, *ROUNDUP_ITEMS])
    x, y = shingles(brief), shingles(roundup)
    sim = similarity(signature(brief), signature(roundup))
    assert x <= y and containment(sim, len(x), len(y)) >= CONTAINMENT and sim < MIN_JACCARD
    # More, narrower bands, so that the pair is surely a candidate and the verification rule, not the LSH
    # filter, is what keeps the two apart (the default bands drop most pairs this far apart unseen).
    monkeypatch.setattr(dedup, "BANDS", 64)
    monkeypatch.setattr(dedup, "ROWS", 2)
    assert set(dedup.bands(signature(brief))) & set(dedup.bands(signature(roundup)))
    first, second = (story(brief, 1), story(roundup, 2)) if brief_first else (story(roundup, 2), story(brief, 1))
    db.add([first])
    db.add([second])
    assert db.duplicate_of("id1") is None and db.duplicate_of("id2") is None


def test_copy_with_a_local_paragraph_inserted_is_marked(db):
    local = ("Shop owner Rita Vance said customers had been asking all week whether the water was safe. She said "
             "she had sold out of bottled water on Monday and expected a delivery on Wednesday.")
    db.add([story(wire(WIRE), 1)])
    db.add([story(wire([*WIRE[:3], local, *WIRE[3:]]), 2)])
    assert db.duplicate_of("id2") == "id1"


def test_reordered_sentences_in_one_paragraph_stay_a_copy_in_every_paragraph_do_not():
    one = [WIRE[0], reversed_sentences(WIRE[1]), *WIRE[2:]]
    every = [reversed_sentences(p) for p in WIRE]
    assert one[1] != WIRE[1] and all(a != b for a, b in zip(every, WIRE, strict=True) if ". " in b)
    with SQLiteStore(":memory:") as db:
        db.add([story(wire(WIRE), 1)])
        db.add([story(wire(one), 2), story(wire(every), 3)])
        assert db.duplicate_of("id2") == "id1"
        # every sentence boundary moved: a third of the 5-word shingles are new, Jaccard about 0.65
        assert db.duplicate_of("id3") is None


def test_follow_up_that_reuses_the_lead_is_not_a_copy():
    follow_up = [
        WIRE[0],
        "The board said on Friday that cleaning had begun ahead of schedule. Divers inspected the intake tower and "
        "found cracks in two of its four valves, which will be replaced before the reservoir is refilled.",
        "A local engineering firm won the repair contract after a short tender. It said it would need about six "
        "weeks and would work at night to limit disruption to traffic on the lake road.",
        "Councillors will discuss the cost of the work at their budget meeting in March. The opposition said it "
        "would ask for the review of spending it called for last month to be completed first.",
    ]
    with SQLiteStore(":memory:") as db:
        db.add([story(wire(WIRE), 1)])
        db.add([story(wire(follow_up), 2)])
        assert db.duplicate_of("id2") is None
