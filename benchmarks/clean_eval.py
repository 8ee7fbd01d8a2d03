"""The user's example scrape, line by line: roles, story boundaries and glue repairs against a hand key.

The key below names lines by number (1-based) of ../shared/examples/000_555da0d0ff763633.txt, so no text
of the example enters the project. Bar: everything exact. Also times document_stories against spaCy's
nlp.pipe on the same story texts (bar: cleaning and splitting under 10% of the spaCy time).

    .venv/bin/python benchmarks/clean_eval.py [--no-spacy] [--profile]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "000_555da0d0ff763633.txt"

STORY_STARTS = (1, 33, 71)
FURNITURE = {7, 8, 11, 34, 35, 36, 40, 41, 42, 48, 49, 50, 57, 58, 59, 68, 73, 86, 87}
CAPTIONS = {14, 21}
HEADINGS = {43, 60, 78}
GLUED = {38, 39, 62}  # one glued token on each of these lines
ROUNDS = 7  # speed rounds, each 4 cleanings and one nlp.pipe of the stories


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-spacy", action="store_true", help="skip the speed comparison with spaCy")
    ap.add_argument("--profile", action="store_true",
                    help="also print where document_stories spends its time (share of it, by cleaning step)")
    args = ap.parse_args()
    if not EXAMPLE.exists():
        print(f"SKIP: example not found at {EXAMPLE}")
        return 0
    from newsgraph.clean import document_stories
    from newsgraph.clean.glue import doc_counts, repair_glue
    from newsgraph.clean.lines import assign_roles, split_lines
    from newsgraph.sources.base import Document

    raw = EXAMPLE.read_text("utf-8")
    doc = Document(uri=str(EXAMPLE), format="text", text=raw)
    stories = document_stories(doc)
    line_starts = [0]
    for ln in raw.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(ln))
    lineno = {off: i + 1 for i, off in enumerate(line_starts)}
    problems: list[str] = []

    got_starts = tuple(lineno.get(st.span[0], -1) if st.span else 1 for st in stories)
    if got_starts != STORY_STARTS:
        problems.append(f"stories start at lines {got_starts}, expected {STORY_STARTS}")

    lines = split_lines(raw)
    assign_roles(lines)
    for ln in lines:
        no = lineno.get(ln.start) or lineno[max(o for o in line_starts if o <= ln.start)]
        want = ("furniture" if no in FURNITURE else "caption" if no in CAPTIONS
                else "heading" if no in HEADINGS else "body")
        if ln.role != want:
            problems.append(f"line {no}: {ln.role}/{ln.kind}, expected {want}")

    ctx = doc_counts(raw)
    for i, text in enumerate(raw.splitlines(), start=1):
        n = len(repair_glue(text, ctx)[1])
        if n != (1 if i in GLUED else 0):
            problems.append(f"line {i}: {n} glue repairs, expected {1 if i in GLUED else 0}")
    reps = sum(len(st.repairs) for st in stories)
    if reps != len(GLUED):
        problems.append(f"stories carry {reps} repairs, expected {len(GLUED)}")

    n_body = len(lines) - len(FURNITURE) - len(CAPTIONS)
    kept = sum(st.text.count("\n") + 1 for st in stories if st.text)
    if kept != n_body:
        problems.append(f"stories keep {kept} lines, expected {n_body} body and heading lines")

    print(f"clean_eval: {EXAMPLE.name}: {len(stories)} stories starting at lines {got_starts}")
    for p in problems:
        print("  WRONG", p)
    print(f"  {'exact' if not problems else f'{len(problems)} problems'} (bar: exact)")

    if not args.no_spacy:
        from newsgraph import nlp as nlp_mod

        nlp = nlp_mod.load(None, needs=("ner", "parser"))
        texts = [st.text for st in document_stories(doc)]
        list(nlp.pipe(texts))  # warm up
        # Rounds that time both side by side, and the median ratio: on a shared machine one long run of each
        # swung the share by two points (9.6-12.0% for the same code).
        ratios, clean_ms, spacy_ms = [], [], []
        for _ in range(ROUNDS):
            t0 = time.process_time()
            for _ in range(4):
                document_stories(doc)
            clean_s = (time.process_time() - t0) / 4
            t0 = time.process_time()
            list(nlp.pipe(texts))
            spacy_s = time.process_time() - t0
            ratios.append(clean_s / spacy_s)
            clean_ms.append(clean_s * 1000)
            spacy_ms.append(spacy_s * 1000)
        print(f"  speed: document_stories {statistics.median(clean_ms):.1f} ms, nlp.pipe {statistics.median(spacy_ms):.1f}"
              f" ms (CPU, medians of {ROUNDS} rounds) = {statistics.median(ratios):.1%} of spaCy (bar < 10%;"
              f" rounds {min(ratios):.1%}-{max(ratios):.1%})")
    if args.profile:
        profile([doc])
    return 1 if problems else 0


# The steps of document_stories whose cumulative time --profile shows, as (module, function).
STEPS = (("markdown", "document_lines"), ("page_roles", "page_stories"), ("page_roles", "redecide_pages"),
         ("lines", "assign_roles"), ("roles", "features"), ("segment", "split_stories"), ("gaps", "analyse"),
         ("segment", "shift_cuts"), ("segment", "prune_cuts"), ("parts", "cut_features"),
         ("part_roles", "drop_furniture_parts"), ("story", "build_story"), ("glue", "repair_glue"),
         ("__init__", "_language"))


def profile(docs: list, rounds: int = 20) -> None:
    """Share of document_stories' time over `docs` (each cleaned `rounds` times) in each of STEPS (cumulative: a
    step includes the steps it calls). benchmarks/runs_speed.py --profile uses it on real pages run together."""
    import cProfile
    import pstats

    from newsgraph.clean import document_stories

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(rounds):
        for doc in docs:
            document_stories(doc)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    cum = {(Path(f).stem, name): ct for (f, _, name), (_, _, _, ct, _) in stats.items()
           if "newsgraph" in f and "clean" in f}
    total = cum.get(("__init__", "document_stories"), 0.0)
    print(f"  profile ({rounds} rounds of {len(docs)} documents, {1000 * total / (rounds * len(docs)):.1f} ms a "
          "document under the profiler):")
    for step in STEPS:
        print(f"    {'.'.join(step):34s} {cum.get(step, 0.0) / max(total, 1e-9):6.1%}")


if __name__ == "__main__":
    sys.exit(main())
