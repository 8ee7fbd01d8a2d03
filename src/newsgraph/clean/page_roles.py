"""Line roles decided page by page: when a plain-text document runs several pages together, its split parts
stand for its pages, and the line-role model looks again at each part on its own.

The line-role model (clean/roles.py) weighs a line against its document: the share of dense prose, the
document's length, where the line sits between the first and last paragraph, the prose's vocabulary. In a
document of several pages these mix the pages, and a story's own short paragraphs read as another page's
furniture (on lines_eval's run-together documents a story's 30-word paragraph scored .7-.9 furniture inside a
run and ~.15 on its own page). The splitter (clean/segment.py) needs only the stories' dense prose to find where
the pages meet, so once parts with no story have joined their neighbours (clean/part_roles.py) the parts are a
fair estimate of the pages, and within each the model sees what it was trained on, one page. The cut itself
stays as it was made from the first roles, which the splitter and the part model were trained on; a document
left whole is decided once, as before.
"""

from __future__ import annotations

from collections.abc import Collection

from .lines import Line, assign_roles
from .memory import mark_recurring
from .part_roles import drop_furniture_parts
from .segment import split_stories


def _assign(lines: list[Line], recurring: Collection[str]) -> None:
    assign_roles(lines)
    mark_recurring(lines, recurring)  # before splitting: template lines are furniture between stories


def page_stories(lines: list[Line], recurring: Collection[str] = ()) -> list[list[Line]]:
    """The stories of a plain-text document, each a run of its lines, with every line's role (in place): roles
    over the whole document, the split, then roles again within each story when there are several. Lines of a
    part the part model took as furniture stay furniture."""
    _assign(lines, recurring)
    before = [ln.role for ln in lines]
    groups = drop_furniture_parts(split_stories(lines))
    if len(groups) < 2:
        return groups
    taken = [(ln, ln.kind) for ln, role in zip(lines, before, strict=True) if ln.role == "furniture" != role]
    for g in groups:
        _assign(g, recurring)
    for ln, kind in taken:
        ln.role, ln.kind = "furniture", kind
    return groups
