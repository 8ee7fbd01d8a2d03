"""Hard-wrapped text read as paragraphs: the lines of a paragraph a dumper wrapped at a fixed width joined again.

Text browsers' dumps (lynx -dump, w3m -dump), mail and newsletter text and many text exports wrap every paragraph
at a width of 70-80 characters. The line roles and the splitter read a line as one block of the page (a
paragraph, a menu item, a heading); a wrapped paragraph is several lines that each look like a fragment. So a
document that reads as wrapped has its wrapped lines joined first (stage: reads the Lines of split_lines after
clean/markdown.py, returns Lines each spanning its source lines: the first line's start, the last line's end, and
where each joined line starts in both, Line.joins, for the story's line map).

A stretch of a document reads as wrapped when its lines stop at a width: at most TOO_LONG of them are longer than
it, the lengths pile up just under it (NEAR, PEAK, FULL_SHARE), it is at most MAX_WIDTH (a dump with a block per
line has paragraphs of hundreds of characters), and after a full line the next mostly runs on in lowercase
(RUNS_ON: a list of items of one length piles up too). The stretch is the whole document when it is short, else
each CHUNK lines (pages wrapped at different widths run together). A line is joined to the next when the next
one's first word would not have fitted on it (the wrapper moved it down) and no blank line stands between them.
On html-text dumps of the development pages wrapped at 68-80 (benchmarks/tool_dumps.py, "wrapped"), word F1
train/tune/test went from .868/.864/.866 to .897/.892/.898 and furniture leaked from .165/.180/.194 to
.125/.093/.139; 150 of them run together (tune part, each page at its own width) came out with the right story
count .620 of the time with one width for the whole document and .707 by stretches (.813 unwrapped). Of the
4,450 unwrapped dumps of those pages in five styles, 18 have a stretch read as wrapped: one page's own text is
wrapped in its HTML, in every style.
"""

from __future__ import annotations

import re

from .lines import Line, blank_between, joined

MAX_WIDTH = 120  # wider lines are blocks, not wrapped paragraphs
MIN_LINES = 8
TOO_LONG = 0.03  # of the lines: longer than the width found (a long address cannot be wrapped)
# A wrapped document's line lengths pile up just under its width: the lines ending within NEAR characters of it
# outnumber PEAK times those ending 20-30 characters short of it, and are at least FULL_SHARE of its lines.
# Set on scrape_pages' training and tuning pages wrapped with textwrap at 68-80 (full share 0.18-0.64, the near
# lines 5-50 times the others) against the same pages unwrapped, in five dumpers' styles, whose widths under
# 120 came with full shares of 0.00-0.21 and never a pile-up (the near lines at most 0.4 times the others).
NEAR = 10
PEAK = 3.0
FULL_SHARE = 0.12
# Set once (English prose wraps before a lowercase word about three times in four); with it the unwrapped dumps
# above with a stretch read as wrapped fell from 315 to 18.
RUNS_ON = 0.3
# A list item's marker, inscriptis' "o " for a nested item among them: an item starts anew, whatever its case.
_ITEM = re.compile(r"^(?:[-–—*+•·▪►‣o]|\d{1,3}[.)])\s")
# A document that is not wrapped at one width is measured in stretches of this many lines: pages wrapped at
# different widths and run together (each page of tool_dumps' "wrapped" runs has its own).
CHUNK = 50


def _raw_len(ln: Line, source: str) -> int:
    """The length of a line as the dumper wrote it, indentation included (lynx indents its paragraphs)."""
    return ln.end - (source.rfind("\n", 0, ln.start) + 1)


def width_of(lines: list[Line], source: str) -> int | None:
    """The width the document's lines were wrapped at, or None when they were not."""
    if len(lines) < MIN_LINES:
        return None
    lengths = sorted(_raw_len(ln, source) for ln in lines)
    width = lengths[min(len(lengths) - 1, int(len(lengths) * (1 - TOO_LONG)))]
    if width > MAX_WIDTH or width < 30:
        return None
    near = sum(1 for n in lengths if width - NEAR <= n <= width)
    short = sum(1 for n in lengths if width - 30 <= n < width - 20)
    if near < max(FULL_SHARE * len(lengths), PEAK * short, 1):
        return None
    # Wrapped prose runs on: after a full line the next mostly starts in lowercase (a list of items of one
    # length, dates or table rows, piles up too, but each item starts anew).
    full = [i for i, ln in enumerate(lines[:-1]) if width - NEAR <= _raw_len(ln, source) <= width]
    runs_on = sum(1 for i in full if lines[i + 1].text[:1].islower() and not _ITEM.match(lines[i + 1].text))
    return width if runs_on >= RUNS_ON * len(full) else None


def _continues(prev: Line, nxt: Line, width: int, source: str) -> bool:
    """Whether `nxt` is the rest of `prev`'s paragraph: no blank line between them, and its first word would have
    overflowed `prev` (the wrapper broke there for want of room, not at the end of a block)."""
    if blank_between(prev, nxt, source):
        return False
    return _raw_len(prev, source) + 1 + len(nxt.text.split(maxsplit=1)[0]) > width


def widths(lines: list[Line], source: str) -> list[int | None]:
    """The width each line's stretch of the document was wrapped at: the whole document's when it reads as wrapped
    at one width, else each CHUNK lines' own (dumps of several pages run together, each wrapped at its own
    width); None for a line in no wrapped stretch."""
    if len(lines) < 2 * CHUNK:
        return [width_of(lines, source)] * len(lines)
    out: list[int | None] = []
    for at in range(0, len(lines), CHUNK):
        chunk = lines[at:at + CHUNK]
        out += [width_of(chunk, source)] * len(chunk)
    return out


def reflow(lines: list[Line], source: str) -> list[Line]:
    """The document's lines with each wrapped paragraph joined into one Line (a new Line; no input Line is
    changed), or `lines` itself when no stretch of the document reads as wrapped. `source`: the text the lines'
    offsets point into."""
    found = widths(lines, source)
    if not any(found):
        return lines
    out: list[Line] = []
    prev: Line | None = None
    for ln, width in zip(lines, found, strict=True):
        if prev is not None and width is not None and _continues(prev, ln, width, source):
            # A word the wrapper broke at its hyphen ("well-" / "known") is one word again.
            sep = "" if prev.text.endswith("-") and prev.text[-2:-1].isalpha() else " "
            out[-1] = joined(out[-1], ln, sep)
        else:
            out.append(ln)
        prev = ln
    return out
