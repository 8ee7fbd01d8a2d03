"""Story-splitting documents made of real page dumps (scrape_pages.py), for benchmarks/train_segment.py.

The splitter's synthetic documents run clean article bodies together; what it meets in use is a scraper's
dump, where the line roles leave some furniture, lists and tables in place. These documents are single dumps
(one story, whatever furniture is left) and dumps of several sites' pages run together, with their furniture
and glued links. Pages come from the scrape benchmark's part (train or tune) AND the story splitter's own
training half, so neither lines_eval.py's test part nor segment_eval.py's evaluation half is trained on.
"""

from __future__ import annotations

import random

import scrape_pages as sp
from segment_eval import SynthDoc, half_of

SINGLE_SHARE = 0.4  # of dump documents, single pages (lines_eval's "pages wrongly split"); the rest run together


def dump_docs(part: str, count: int, seed: int) -> list[SynthDoc]:
    """`count` documents from the pages of the scrape benchmark's `part` that lie in the splitter's training half."""
    pages = [p for p in sp.load_pages(styles=("blocks",), parts=(part,)) if half_of(p.id) == "train" and sum(p.labels) >= 2]
    if not pages:
        return []
    rng = random.Random(seed)
    out: list[SynthDoc] = []
    for _ in range(count):
        if rng.random() < SINGLE_SHARE:
            p = rng.choice(pages)
            out.append(SynthDoc(list(p.lines), [0 if y else None for y in p.labels], 1))
        else:
            run = sp.run_together(pages, rng)
            out.append(SynthDoc(run.lines, run.story, run.n_stories))
    return out


def brief_dump_docs(part: str, count: int, seed: int) -> list[SynthDoc]:
    """`count` pages of briefs (scrape_pages.brief_pages, as lines_eval.py builds them) from the same pages."""
    pages = [p for p in sp.load_pages(styles=("blocks",), parts=(part,)) if half_of(p.id) == "train"]
    if not pages:
        return []
    rng = random.Random(seed)
    return [SynthDoc(d.lines, d.story, d.n_stories) for d in (sp.brief_pages(pages, rng) for _ in range(count))]
