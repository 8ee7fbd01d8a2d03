"""Near-duplicate stories are marked, distinct ones are not, on both backends."""

from __future__ import annotations

import pytest

from newsgraph.store import SQLiteStore
from newsgraph.store.dedup import signature, similarity
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
