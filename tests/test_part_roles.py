"""Parts of a split scrape that hold no story become furniture (clean/part_roles.py)."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.clean.lines import assign_roles, split_lines
from newsgraph.clean.part_roles import PART_FEATURES, PartModel, drop_furniture_parts, load_model, part_rows

STORY_A = "\n".join([
    "Flood barriers along the Varn river gave way on Tuesday night, forcing about 2,400 residents of Oldmere to "
    "leave their homes before dawn, the regional council said.",
    "Emergency crews used boats to reach families in the lower town, where the water rose by almost a metre in "
    "three hours, according to the fire service.",
    "\"We have never seen it come up this fast,\" said Ana Petrov, who runs a bakery near the old bridge and spent "
    "the night moving flour sacks upstairs.",
    "The council said schools in the district would stay closed until Friday while engineers inspect the damaged "
    "embankment.",
])

STORY_B = "\n".join([
    "The city of Kestrel Bay approved a plan on Monday to add 40 electric buses to its fleet by 2028, at a cost of "
    "roughly 31 million dollars.",
    "Transport officials told the council that the buses would replace diesel vehicles on the busiest routes first,"
    " cutting fuel costs by a third.",
    "Mayor Lena Ortiz said the money would come from a national clean transport grant and from savings on "
    "maintenance over the next decade.",
])

FURNITURE = """About this site
Contact the newsroom
Our journalism is funded by readers
Terms
Help centre
Careers"""


def _groups(*texts: str) -> list[list]:
    out = []
    pos = 0
    for t in texts:
        lines = split_lines(t)
        for ln in lines:
            ln.start += pos
            ln.end += pos
        assign_roles(lines, learned=False)
        out.append(lines)
        pos += len(t) + 1
    return out


def _dense_model(threshold: float = 0.5) -> PartModel:
    """A hand-set model: a part without paragraphs of prose is furniture."""
    coef = np.zeros(len(PART_FEATURES))
    coef[PART_FEATURES.index("dense_share")] = -10.0
    return PartModel(np.zeros(len(PART_FEATURES)), np.ones(len(PART_FEATURES)), coef, 3.0, threshold)


def test_rows_have_one_column_per_feature():
    rows = part_rows(_groups(STORY_A, FURNITURE))
    assert rows.shape == (2, len(PART_FEATURES))
    dense = PART_FEATURES.index("dense_share")
    assert rows[0, dense] > 0.5 and rows[1, dense] == 0.0


def test_a_part_with_no_story_joins_the_story_before_it_as_furniture():
    groups = _groups(STORY_A, FURNITURE)
    out = drop_furniture_parts(groups, _dense_model())
    assert len(out) == 1
    tail = out[0][-6:]
    assert [ln.text for ln in tail] == FURNITURE.splitlines()
    assert all(ln.role == "furniture" and ln.kind for ln in tail)
    assert all(ln.role != "furniture" for ln in out[0][:4])


def test_furniture_before_the_first_story_joins_it():
    out = drop_furniture_parts(_groups(FURNITURE, STORY_A, STORY_B), _dense_model())
    assert len(out) == 2
    assert out[0][0].text == "About this site" and out[0][0].role == "furniture"
    assert out[1][0].text.startswith("The city of Kestrel Bay")


def test_two_stories_stay_two():
    out = drop_furniture_parts(_groups(STORY_A, STORY_B), _dense_model())
    assert len(out) == 2


def test_the_most_story_like_part_is_kept_even_when_all_look_like_furniture():
    out = drop_furniture_parts(_groups(FURNITURE, "Menu\nSearch\nLog in"), _dense_model())
    assert len(out) == 1
    assert sum(ln.role != "furniture" for ln in out[0]) > 0


COOKIES = """We use cookies to improve your experience on our site and to show you relevant advertising.
By continuing to browse you agree to our use of cookies.
Manage preferences
Accept all"""


def _page_groups(*texts: str) -> list[list]:
    """One page of `texts` with roles assigned as the cleaning does (learned, on the whole page), cut into
    the given parts."""
    lines = split_lines("\n".join(texts))
    assign_roles(lines)
    out, pos = [], 0
    for t in texts:
        n = len(t.splitlines())
        out.append(lines[pos:pos + n])
        pos += n
    return out


@pytest.mark.parametrize("blurb", [
    pytest.param(FURNITURE, id="site-links"),
    pytest.param(COOKIES, id="cookie-notice"),
])
def test_shipped_model_drops_a_site_block_between_stories(blurb: str):
    model = load_model()
    if model is None:
        pytest.skip("no data/clean_parts.json in this build")
    out = drop_furniture_parts(_page_groups(STORY_A, blurb, STORY_B), model)
    assert [g[0].text[:10] for g in out] == [STORY_A[:10], STORY_B[:10]]
    assert all(ln.role == "furniture" for ln in out[0] if ln.text in blurb.splitlines())
    assert len(out[1]) == len(STORY_B.splitlines())


def test_second_person_share_counts_the_reader_addressed_outside_quotes():
    appeal = ("If you enjoyed this piece, your support keeps our reporting free for you and your neighbours, "
              "and we thank you for reading.")
    rows = part_rows(_groups(STORY_A, appeal))
    you, person = PART_FEATURES.index("you_share"), PART_FEATURES.index("person_share")
    # Story A's only "we" sits inside a quotation; the appeal speaks to the reader.
    assert rows[0, you] == 0.0 and rows[0, person] == 0.0
    assert rows[1, you] > 0.15 and rows[1, person] > rows[1, you]
