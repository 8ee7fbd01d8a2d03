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

from .gaps import CONTENT
from .lines import Line, assign_roles
from .memory import mark_recurring
from .part_roles import drop_furniture_parts
from .roles import dumper_marked
from .segment import split_stories


def _assign(lines: list[Line], recurring: Collection[str], unmark: bool) -> None:
    assign_roles(lines, unmark=unmark)
    mark_recurring(lines, recurring)  # before splitting: template lines are furniture between stories


def page_stories(lines: list[Line], recurring: Collection[str] = ()) -> list[list[Line]]:
    """The stories of a plain-text document, each a run of its lines, with every line's role (in place): roles
    over the whole document, the split, then roles again within each page when there are several stories (a page
    reaches from the end of the story before to its own last content line, _pages). Lines of a part the part
    model took as furniture stay furniture."""
    unmark = dumper_marked([ln.text for ln in lines])
    _assign(lines, recurring, unmark)
    before = [ln.role for ln in lines]
    groups = drop_furniture_parts(split_stories(lines))
    if len(groups) < 2:
        return groups
    return redecide_pages(lines, groups, before, recurring, unmark)


def redecide_pages(lines: list[Line], groups: list[list[Line]], first_roles: list[str],
                   recurring: Collection[str] = (), unmark: bool | None = None) -> list[list[Line]]:
    """page_stories' second pass on the split `groups` of `lines`: each page's line roles decided again on their
    own, the stories regrouped. `first_roles`: each line's role before the part model; a line it turned to
    furniture stays furniture. `unmark`: whether the dumper marked the document's lists (None: decided on
    `lines`); a page alone would take its author's list for the dumper's."""
    if unmark is None:
        unmark = dumper_marked([ln.text for ln in lines])
    taken = [(ln, ln.kind) for ln, role in zip(lines, first_roles, strict=True) if ln.role == "furniture" != role]
    pages = _pages(groups)
    for g in pages:
        _assign(g, recurring, unmark)
    for ln, kind in taken:
        ln.role, ln.kind = "furniture", kind
    return _regroup(pages)


def _pages(groups: list[list[Line]]) -> list[list[Line]]:
    """The stories as pages: each from its first line to its last content line, the lines after that going with
    the next. What lies between two stories is furniture to the first roles, and among it is often the next page's
    headline and opening paragraph, which belong with that page (on lines_eval's run-together documents, tuning /
    test part: body lines kept .928/.863 with the stories as cut, .934/.865 with these pages; Pk .042/.042 ->
    .031/.035, as such lines now open their story)."""
    out: list[list[Line]] = []
    carry: list[Line] = []
    for g in groups[:-1]:
        g = carry + g
        last = max((i for i, ln in enumerate(g) if ln.role in CONTENT), default=len(g) - 1)
        out.append(g[:last + 1])
        carry = g[last + 1:]
    return [*out, carry + groups[-1]]


def _regroup(pages: list[list[Line]]) -> list[list[Line]]:
    """Stories again from pages: furniture between two stories stays with the first, as split_stories has it,
    so a page's leading lines move back to the story before, up to the first that is now content."""
    out = [list(pages[0])]
    for g in pages[1:]:
        lead = next((i for i, ln in enumerate(g) if ln.role in CONTENT), None)
        if lead is None:  # the page lost all its content: an empty story, which document_stories leaves out
            out.append(list(g))
            continue
        out[-1].extend(g[:lead])
        out.append(g[lead:])
    return out
