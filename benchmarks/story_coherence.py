"""How alike a short story is to itself: the cut model's `coherence` (clean/parts.py, cosine of a part's two
halves by topical words) for real stories cut to 4-7 paragraphs, beside the bundled sample's three stories,
and what the shipped splitter makes of the sample's two true boundaries (gap and cut probabilities).

A diagnostic for issue 18's pages of briefs: the cut trees learn from real stories that a part unlike itself
is rarely a whole story, so a page whose stories barely repeat a word is joined. This prints where the
sample's stories fall among real ones. Uses the development sets' news stories (segment_eval.load_news) and
WCXB's training half; skips when they are absent.

Coherence by topic vectors (clean/topics.py, which need no repeated word) is printed beside it.

    .venv/bin/python benchmarks/story_coherence.py [--model FILE]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgraph.clean.gaps import Analysis, analyse
from newsgraph.clean.lines import assign_roles, split_lines
from newsgraph.clean.parts import cut_features, parts_of
from newsgraph.clean.segment import Model, default_model, load_model, pruning, story_starts
from segment_eval import DATA, load_articles, load_news

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_scrape.txt"
SAMPLE_STORIES = ((0, 7), (7, 12), (12, 16))  # content-line ranges of its three stories (read by hand)


def coherence(texts: list[str]) -> tuple[float, float]:
    """By topical words, and by topic vectors."""
    lines = split_lines("\n".join(texts))
    assign_roles(lines, learned=False)
    part = parts_of(analyse(lines), [])[0]
    return part.coherence(), part.topic_coherence()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, help="a model file from train_segment.py --out (default: the shipped one)")
    args = ap.parse_args()
    if not (DATA / "wcxb-dev-articles").exists():
        print(f"SKIP: development data not found at {DATA}")
        return 0
    sets = {"news": load_news(), "web (WCXB train half)": load_articles("train")}
    for name, arts in sets.items():
        vals = []
        for a in arts:
            paras = [t for t in a.lines if len(t.split()) >= 5]
            paras = paras[:random.Random(a.id).randint(4, 7)]
            if len(paras) >= 4:
                vals.append(coherence(paras))
        v = np.array(vals)
        q = np.quantile(v[:, 0], [0.05, 0.1, 0.25, 0.5])
        qt = np.quantile(v[:, 1], [0.05, 0.1, 0.25, 0.5])
        print(f"{name}: {len(v)} stories of 4-7 paragraphs, coherence quantiles 5/10/25/50%: "
              + " ".join(f"{x:.3f}" for x in q) + f"; share under 0.03: {(v[:, 0] < 0.03).mean():.3f}; "
              + "by topic vectors: " + " ".join(f"{x:.3f}" for x in qt))
    lines = split_lines(SAMPLE.read_text("utf-8"))
    assign_roles(lines)
    a = analyse(lines)
    parts = parts_of(a, [lo for lo, _ in SAMPLE_STORIES[1:]])
    print("bundled sample's stories: " + " ".join(f"{p.coherence():.3f}" for p in parts)
          + "; by topic vectors: " + " ".join(f"{p.topic_coherence():.3f}" for p in parts))
    sample_boundaries(a, load_model(args.model) if args.model else default_model())
    return 0


def sample_boundaries(a: Analysis, model: Model) -> None:
    """The shipped splitter at the sample's true boundaries: the gap model's probability, the cut model's with
    both cuts in place, and the pruning it then does (a cut is dropped while its probability is under the
    model's threshold for the page)."""
    probs = model.probs(a.rows)
    page_model, page_probs = model.splitter(a, probs)
    if model.brief_coef:
        page = model.brief_chance(a, probs)
        print(f"  page-of-briefs chance {page:.3f} (gate {model.brief_gate}, then cut threshold "
              f"{model.brief_cut_threshold} instead of {model.cut_threshold}, stories of {model.brief_min_words}+ "
              f"words instead of {model.min_words}, third pass {'on' if model.brief_fragments else 'off'})")
    print(f"  the splitter's story starts (content lines): {story_starts(a, model, probs)}")
    model, probs = page_model, page_probs
    cuts = [lo for lo, _ in SAMPLE_STORIES[1:]]
    parts = parts_of(a, cuts)
    print(f"  gap probabilities at its boundaries: {' '.join(f'{probs[k - 1]:.3f}' for k in cuts)}")
    print(f"  cut probabilities with both cuts: "
          f"{' '.join(f'{model.cut_prob(cut_features(probs[k - 1], parts, j)):.3f}' for j, k in enumerate(cuts))}"
          f" (cut threshold on this page {model.cut_threshold})")
    for doubt, kept in pruning(cuts, a, probs, model):
        print(f"  least likely of {kept}: {doubt:.3f}")


if __name__ == "__main__":
    sys.exit(main())
