"""Where list markers stand, and what becomes of tab-separated table rows (issue 18; the figures behind
roles.OUTSIDE_SHARE and lines.tab_table_rows).

1. Of the documents roles.dumper_marked's share test passes (MARKED_SHARE of the lines marked, 3 at least): the
   share of their marked lines that stand outside the span of dense lines (before the first line of DENSE_WORDS
   words or after the last), as percentiles. A dumper marks the menus around a story (tool_dumps' inscriptis and
   Markdown dumps of the train and tune parts); an author's list stands inside it (articles_eval's web documents,
   whose article bodies the ground truth writes with "- " lists, on the training half).
2. Lines in runs of tabbed lines (lines.tab_table_rows) in every dump style of the train and tune parts, by label:
   no development scraper writes a tab, so the line model never met a table row.
3. articles_eval's web documents (both halves): body and furniture lines that are rows of a tab table, and how
   many of each the cleaning keeps (document_stories, as articles_eval.py runs it).

    .venv/bin/python benchmarks/marks_tables.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import articles_eval as ae
import lines_eval as le
import scrape_pages as sp
import tool_dumps as td
from newsgraph.clean.lines import tab_table_rows
from newsgraph.clean.roles import marked_outside


def outside_share(texts: list[str]) -> float | None:
    """The share of marked lines outside the dense lines' span; None where the share test does not pass."""
    got = marked_outside(texts)
    return None if got is None else got[0] / got[1]


def percentiles(values: list[float]) -> str:
    v = sorted(values)
    at = {q: v[int(q * (len(v) - 1))] for q in (0.1, 0.25, 0.5, 0.75, 0.9)} if v else {}
    return f"{len(v):4d} documents  " + "  ".join(f"p{int(q * 100)} {x:.2f}" for q, x in at.items())


def main() -> int:
    if not sp.WCXB.exists() and not sp.AEB.exists():
        print(f"SKIP marks_tables: {sp.DATA} not found")
        return 0
    pages = [*td.load(("train", "tune")), *sp.load_pages(styles=("blocks", "text"), parts=("train", "tune"))]
    print("marked lines outside the dense lines' span, where the share test passes:")
    for style in ("inscriptis", "markdown"):
        got = [s for p in pages if p.style == style and (s := outside_share(p.lines)) is not None]
        print(f"  {style:12s} {percentiles(got)}")
    web = ae.documents("web", "train", 200, ae.SEED)
    got = [s for d in web if (s := outside_share(d.lines)) is not None]
    print(f"  {'articles web':12s} {percentiles(got)}")

    runs: Counter[tuple[str, int]] = Counter()
    for p in pages:
        runs.update((p.style, p.labels[i]) for i in tab_table_rows(p.lines))
    styles = sorted({p.style for p in pages})
    print("\nlines in runs of tabbed lines, train and tune parts (furniture / body):")
    print("  " + ", ".join(f"{s} {runs[s, 0]} / {runs[s, 1]}" for s in styles))

    print("\narticles_eval web documents, rows of tab tables kept by the cleaning:")
    for half in ae.HALVES:
        acc: Counter[tuple[int, bool]] = Counter()
        for d in ae.documents("web", half, 200, ae.SEED):
            rows = tab_table_rows(d.lines)
            if rows:
                kept = le.newsgraph_clean(d.lines)[0]
                acc.update((d.labels[i], i in kept) for i in rows)
        print(f"  {half:5s} body {acc[1, True]} of {acc[1, True] + acc[1, False]} kept, "
              f"furniture {acc[0, True]} of {acc[0, True] + acc[0, False]} kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
