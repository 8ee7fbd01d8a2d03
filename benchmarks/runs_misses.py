"""Why lines_eval's run-together documents come out with too few stories (issue 18): each pair of neighbouring
pages merged into one story (a missed cut) and each page lost whole, classed by the step of the pipeline that
made the miss. The pipeline is page_roles.page_stories run step by step on the same documents lines_eval builds.

A missed cut between pages k and k' (the next page with a body line kept) is classed by the gaps that would
separate the two pages' body lines (every content gap between page k's last and page k''s first content body line):
  "gap under threshold": no such gap reaches the gap model's candidate threshold;
  "min size": one does, but no candidate lies there (choose_cuts skipped it for a story under min_lines / min_words, and
  shift_cuts did not move a cut to it);
  "pruned (main)" / "pruned (briefs)": a candidate, dropped by the cut trees of that regime;
  "fragment pass": kept by pruning, joined back by the third pass (clean/fragments.py);
  "after split: part model": the cut was made, but most of one page's content lines went with a part the part
  model took as furniture, and what the page-by-page line roles brought back of it joined the other page;
  "after split: page roles": the cut was made, the page-by-page line roles and regrouping merged the pages;
  "no content at first": one of the pages had no content line to the first line roles (page_roles found it).
A lost page (no body line reaches the output) is classed as lost by the first line roles (no body line was content
to begin with), by the part model (its content lines were all in parts taken as furniture), partly each
("part model + page roles"), or by the page-by-page line roles alone.
Extra stories are counted too: a page split in two ("page split") or a story with no body line ("furniture story").

Only the train and tune parts can be read here (the test part is for measuring, never for looking at).

    .venv/bin/python benchmarks/runs_misses.py [--parts train tune] [--kind runs|briefs] [--examples 5]
    .venv/bin/python benchmarks/runs_misses.py --parts train --kind news   # articles_eval's documents
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lines_eval as le
import scrape_pages as sp
from newsgraph.clean.gaps import CONTENT
from newsgraph.clean.lines import Line, assign_roles, split_lines
from newsgraph.clean.markdown import plain_lines
from newsgraph.clean.page_roles import redecide_pages
from newsgraph.clean.part_roles import drop_furniture_parts, furniture_parts, load_model
from newsgraph.clean.segment import Analysis, Model, analyse, candidate_cuts, default_model, pruning, settle_fragments

OUTCOMES = ("gap under threshold", "min size", "pruned (main)", "pruned (briefs)", "fragment pass",
            "after split: part model", "after split: page roles", "no content at first")
LOST = ("first line roles", "part model", "part model + page roles", "page roles")


@dataclass
class Trace:
    """One document through the pipeline: content gaps and their fate at each step."""
    a: Analysis
    probs: list[float]
    briefs: bool
    model: Model
    cands: list[int]
    dropped: dict[int, float]  # pruned cut -> its probability when dropped
    pruned: list[int]
    final: list[int]
    roles0: list[str]  # first line roles
    in_dropped_part: set[int]  # line indices of parts the part model took as furniture
    story_of: list[int | None]  # output story per line (None: not in any story's text)
    at: list[int] = field(default_factory=list)  # the input line of each line the cleaning reads (a.idx's lines)
    notes: list[str] = field(default_factory=list)


def _groups(lines: list[Line], a: Analysis, cuts: list[int]) -> list[list[Line]]:
    out, prev = [], 0
    for k in cuts:
        out.append(lines[prev:a.idx[k]])
        prev = a.idx[k]
    return [*out, lines[prev:]]


def run_trace(texts: list[str]) -> Trace:
    """page_stories on the document, step by step, as document_stories reads it (a Markdown dump's lines as plain
    text, clean/markdown.py). The Trace's per-line lists are 1:1 with `texts` (the dumps hold no empty line); a
    line markdown drops is furniture in no story."""
    every = split_lines("\n".join(texts))
    assert len(every) == len(texts)
    lines, _ = plain_lines(list(every))
    assign_roles(lines)  # page_roles' first roles (no site memory here)
    first = [ln.role for ln in lines]
    m = default_model()
    a = analyse(lines)
    page, probs = m.splitter(a) if a.rows else (m, [])
    cands = candidate_cuts(a, probs, page) if a.rows else []
    dropped: dict[int, float] = {}
    pruned: list[int] = []
    prev: tuple[float, list[int]] | None = None
    for doubt, kept in pruning(cands, a, probs, page):
        if prev is not None:
            dropped.update({k: prev[0] for k in set(prev[1]) - set(kept)})
        if doubt >= page.cut_threshold:
            pruned = kept
            break
        prev = (doubt, kept)
    final = settle_fragments(pruned, a, probs, page)
    groups = _groups(lines, a, final)
    flags = furniture_parts(groups, load_model()) if load_model() is not None else [False] * len(groups)
    in_dropped = {id(ln) for g, f in zip(groups, flags, strict=True) if f for ln in g}
    groups = drop_furniture_parts(groups)
    if len(groups) >= 2:  # page_roles.page_stories, after its split
        groups = redecide_pages(lines, groups, first)
    story_at = {}
    s = 0
    for g in groups:
        content = [ln for ln in g if ln.role in CONTENT]
        if content:
            story_at.update({id(ln): s for ln in content})
            s += 1
    role0 = {id(ln): r for ln, r in zip(lines, first, strict=True)}
    return Trace(a, probs, page is not m and page is not m.main, page, cands, dropped, pruned, final,
                 [role0.get(id(ln), "furniture") for ln in every],
                 {i for i, ln in enumerate(every) if id(ln) in in_dropped}, [story_at.get(id(ln)) for ln in every],
                 at=[i for i, ln in enumerate(every) if id(ln) in role0])


def _lost_class(t: Trace, body: list[int]) -> str:
    content = [i for i in body if t.roles0[i] in CONTENT]
    if not content:
        return "first line roles"
    taken = [i in t.in_dropped_part for i in content]
    return "part model" if all(taken) else "part model + page roles" if any(taken) else "page roles"


def _miss_class(t: Trace, b1: list[int], b2: list[int]) -> tuple[str, str]:
    """Class of a missed cut between the body lines of page k (b1) and page k' (b2), and a detail."""
    c1, c2 = ([i for i in b if t.roles0[i] in CONTENT] for b in (b1, b2))
    if not c1 or not c2:
        return "no content at first", ""
    idx = [t.at[i] for i in t.a.idx]
    gaps = [p for p in range(1, len(idx)) if idx[p - 1] >= c1[-1] and idx[p] <= c2[0]]
    if any(p in t.final for p in gaps):
        taken = max(sum(i in t.in_dropped_part for i in c) / len(c) for c in (c1, c2))
        return f"after split: {'part model' if taken > 0.5 else 'page roles'}", f"taken {taken:.2f}"
    if any(p in t.pruned for p in gaps):
        return "fragment pass", ""
    cands = [p for p in gaps if p in t.cands]
    if cands:
        p = max(cands, key=lambda q: t.dropped.get(q, 0.0))
        return f"pruned ({'briefs' if t.briefs else 'main'})", f"cut prob {t.dropped.get(p, -1):.2f}"
    best = max(t.probs[p - 1] for p in gaps)
    if best >= t.model.threshold:
        return "min size", f"gap prob {best:.2f}"
    return "gap under threshold", f"gap prob {best:.2f}"


def classify(d: sp.RunDoc) -> tuple[Trace, list[tuple[str, str]], list[str], Counter[str]]:
    """(trace, missed cuts with details, lost pages, extra-story kinds) of one document."""
    t = run_trace(d.lines)
    pages = [[i for i, s in enumerate(d.story) if s == k] for k in range(d.n_stories)]
    lost, kept = [], []
    for body in pages:
        got = [t.story_of[i] for i in body if t.story_of[i] is not None]
        if got:
            kept.append((body, Counter(got).most_common(1)[0][0]))
        else:
            lost.append(_lost_class(t, body))
    misses = []
    for (b1, s1), (b2, s2) in itertools.pairwise(kept):
        if s1 == s2:
            c, detail = _miss_class(t, b1, b2)
            misses.append((c, f"{detail} (lines {b1[-1]}-{b2[0]})"))
    extra: Counter[str] = Counter()
    for body, _ in kept:
        shares = Counter(t.story_of[i] for i in body if t.story_of[i] is not None)
        # a page split in two: its kept body lines in two stories, at least 3 lines in each (a stray line is not)
        extra["page split"] += sum(1 for c in shares.values() if c >= 3) > 1
    gold_of = Counter(t.story_of[i] for i, s in enumerate(d.story) if s is not None)
    extra["furniture story"] += sum(1 for s in set(t.story_of) if s is not None and s not in gold_of)
    return t, misses, lost, extra


ARTICLE_KINDS = ("web", "news", "news-briefs")  # articles_eval.py's documents (its training half)


def documents(part: str, kind: str) -> list[sp.RunDoc]:
    """lines_eval's run-together documents or pages of briefs of the part; for an ARTICLE_KINDS kind,
    articles_eval's documents of that set, 150 of segment_eval's training half ("train"; "tune" is refused)."""
    if kind in ARTICLE_KINDS:
        import articles_eval as ae

        if part != "train":
            raise SystemExit("runs_misses: articles_eval's documents are read on its training half only (--parts train)")
        return ae.documents(kind.replace("news-", ""), "train", 150, ae.SEED)
    pages = sp.load_pages(parts=(part,))
    return le.make_runs(pages) if kind == "runs" else le.make_briefs(pages)


def report(part: str, kind: str, n_examples: int) -> None:
    docs = documents(part, kind)
    miss: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    diff: Counter[int] = Counter()
    briefs_docs = 0
    shown: Counter[str] = Counter()
    for n, d in enumerate(docs):
        t, m, lo, ex = classify(d)
        predicted = len({s for s in t.story_of if s is not None})
        diff[predicted - d.n_stories] += 1
        briefs_docs += t.briefs
        miss.update(c for c, _ in m)
        lost.update(lo)
        extra.update(ex)
        for c, detail in m:
            if shown[c] < n_examples:
                shown[c] += 1
                print(f"  [{part} doc {n}] missed cut: {c} {detail}")
    print(f"\n{part} {kind}: {len(docs)} documents, predicted - gold stories {dict(sorted(diff.items()))}, "
          f"briefs regime in {briefs_docs}")
    print("  missed cuts: " + ", ".join(f"{c} {miss[c]}" for c in OUTCOMES) + f" (total {sum(miss.values())})")
    print("  lost pages: " + ", ".join(f"{c} {lost[c]}" for c in LOST) + f" (total {sum(lost.values())})")
    print("  extra stories: " + ", ".join(f"{c} {v}" for c, v in extra.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts", nargs="+", choices=("train", "tune"), default=("train", "tune"))
    ap.add_argument("--kind", choices=("runs", "briefs", *ARTICLE_KINDS), default="runs",
                    help="lines_eval's documents, or articles_eval's (web, news, news-briefs; --parts train)")
    ap.add_argument("--examples", type=int, default=0, help="missed cuts shown per class")
    args = ap.parse_args()
    if not sp.WCXB.exists() and not sp.AEB.exists():
        print(f"SKIP runs_misses: {sp.DATA} not found")
        return 0
    for part in args.parts:
        report(part, args.kind, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
