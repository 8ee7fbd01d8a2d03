"""A Story: one story's cleaned body with what was taken out, and the map back to the source text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import DateMention, Removed, Repair, Span
from .glue import repair_glue
from .lines import Line


@dataclass
class Story:
    text: str
    uri: str
    format: str
    record: str | None = None
    title: str | None = None
    published: str | None = None
    span: Span | None = None  # where the story sits in the decoded source, when it held several
    url: str | None = None  # the page's own address, when the source gives one other than `uri`
    outlet: str | None = None  # the publisher's name, when the user or a sidecar gives it
    headings: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # (offset in text, offset in source) at each line start, so a UI can show the original
    line_map: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Date mentions resolved by the dates stage: not part of the record, read by the events stage.
    dates: list[DateMention] = field(default_factory=list)


def build_story(lines: list[Line], uri: str, fmt: str, *, record: str | None = None, title: str | None = None,
                published: str | None = None, with_span: bool = False,
                glue_context: Mapping[str, int] | None = None) -> Story:
    """A Story from a run of lines with roles. `glue_context`: word counts of the whole document
    (glue.doc_counts), which glued-word repair weighs its splits against."""
    parts: list[str] = []
    story = Story("", uri, fmt, record=record, title=title, published=published)
    pos = 0
    for ln in lines:
        if ln.role == "furniture":
            story.removed.append(Removed(ln.text, ln.kind or "other"))
            continue
        if ln.role == "caption":
            story.captions.append(ln.text)
            story.removed.append(Removed(ln.text, "caption"))
            continue
        fixed, reps = repair_glue(ln.text, glue_context)
        story.repairs.extend(reps)
        if parts:
            pos += 1  # the "\n" joining lines
        story.line_map.append((pos, ln.start))
        if ln.joins and fixed == ln.text:  # a repair moves the joined lines' offsets: the paragraph's start only
            story.line_map.extend((pos + off, src) for off, src in ln.joins)
        if ln.role == "heading":
            story.headings.append((pos, pos + len(fixed)))
        parts.append(fixed)
        pos += len(fixed)
    story.text = "\n".join(parts)
    if with_span and lines:
        story.span = (lines[0].start, lines[-1].end)
    return story
