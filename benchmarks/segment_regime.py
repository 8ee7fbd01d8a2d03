"""The page-of-briefs regime of the story splitter (clean/regime.py), fitted for benchmarks/train_segment.py.

A logistic model over regime.PAGE_FEATURES says whether a page is a page of briefs. Positives: pages of briefs
of the development stories (segment_eval.brief_docs) and of real page dumps (scrape_pages.brief_pages, as
lines_eval.py builds them); negatives: the other training documents (web pages and news stories run together,
single pages, dumps). All from the splitter's training half and, for dumps, the scrape benchmark's training part.
Pages past the gate are pruned by the briefs' own cut model (Model.brief_forest, train_segment.fit_brief_cuts) when
there is one. Then its gate and the cut threshold of pages past the gate are chosen on tuning documents: train_segment.py's
(no briefs) plus pages of briefs of both kinds (own seeds; dumps from the scrape benchmark's tune part), by the
most exact story counts less Pk over all of them, so briefs gain only what the other pages do not pay for.
"""

from __future__ import annotations

import bisect
import dataclasses

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsgraph.clean.regime import page_features
from newsgraph.clean.segment import Model, analyse, candidate_cuts, pruning, settle_fragments
from segment_dumps import brief_dump_docs, dump_docs
from segment_eval import brief_docs, doc_lines, make_docs, pk

SEED = 70
GATES = (0.5, 0.7, 0.9)
MIN_WORDS = (60, 40, 25, 15)  # a story's least words on a page of briefs (60 elsewhere: train_segment.py)
BRIEF_CUTS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def regime_training_docs(count: int, short: float) -> tuple[list, list[int]]:
    pos = brief_docs("train", count // 2, SEED) + brief_dump_docs("train", count // 2, SEED + 1)
    neg = (make_docs("train", count // 2, SEED + 2, sizes=(1, 2, 3, 4, 5, 6), short=short, news=True)
           + make_docs("train", count // 2, SEED + 3) + make_docs("train", count // 4, SEED + 4, sizes=(1,))
           + dump_docs("train", count // 2, SEED + 5))
    return pos + neg, [1] * len(pos) + [0] * len(neg)


def fit_regime(m: Model, prepared, count: int = 800, short: float = 0.2) -> Model:
    """m with the page model, gate and brief cut threshold; `prepared`: train_segment's tuning documents as
    (doc, lines, analysis, gap probabilities)."""
    docs, ys = regime_training_docs(count, short)
    xs, labels = [], []
    for doc, y in zip(docs, ys, strict=True):
        an = analyse(doc_lines(doc))
        if an.rows:
            xs.append(page_features(an, m.page_probs(an.rows)))
            labels.append(y)
    x = np.array(xs)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    clf = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED).fit((x - mean) / scale, labels)
    m = dataclasses.replace(m, brief_mean=tuple(mean), brief_scale=tuple(scale), brief_coef=tuple(clf.coef_[0]),
                            brief_intercept=float(clf.intercept_[0]))
    print(f"page-of-briefs model: {len(labels)} pages, {sum(labels)} of briefs; training accuracy "
          f"{clf.score((x - mean) / scale, labels):.3f}")
    briefs = [(doc, lines, an, m.probs(an.rows)) for doc in brief_docs("train", count // 4, SEED + 6)
              + brief_dump_docs("tune", count // 4, SEED + 7) for lines in [doc_lines(doc)]
              for an in [analyse(lines)] if an.rows]
    return choose_gate(m, prepared, briefs)


def choose_gate(m: Model, prepared, briefs) -> Model:
    """The gate and the brief regime (cut threshold, minimum story words, third pass or not) with the most exact
    story counts less Pk over all tuning documents."""
    main = m.main or m  # what splits the pages below the gate
    rows = []  # (is a brief page, doc, lines, an, probs, the main splitter's probs, page prob)
    for flag, docs in ((0, prepared), (1, briefs)):
        rows += [(flag, doc, lines, an, probs, main.probs(an.rows) if m.main else probs, m.brief_chance(an, probs))
                 for doc, lines, an, probs in docs if an.rows]
    # (row, min words; 0 below the gate): the pruning path, computed when first needed
    paths: dict[tuple[int, int], list] = {}
    memo: dict[tuple[int, bool, tuple[int, ...], bool], tuple[int, float]] = {}  # most regimes leave cuts alike

    def run(gate: float, low: float, min_words: int, frag: bool) -> tuple[float, float, float]:
        ex, pks = np.zeros(2), [[], []]
        for r, (flag, doc, lines, an, probs, main_probs, page) in enumerate(rows):
            brief = page >= gate
            mm = dataclasses.replace(m, min_words=min_words, cut_forest=m.for_briefs().cut_forest) if brief else main
            pp = probs if brief else main_probs
            if (r, min_words * brief) not in paths:
                paths[r, min_words * brief] = list(pruning(candidate_cuts(an, pp, mm), an, pp, mm))
            thr = low if brief else main.cut_threshold
            cuts = next(kept for doubt, kept in paths[r, min_words * brief] if doubt >= thr)
            with_frag = frag or not brief
            key = (r, brief, tuple(cuts), with_frag)
            if key not in memo:
                memo[key] = _score(doc, lines, an, pp, cuts, mm, with_frag)
            e, p = memo[key]
            ex[flag] += e
            pks[flag].append(p)
        n = np.array([len(pks[0]), len(pks[1])])
        others, brief_exact = ex / n
        return others, brief_exact, (ex.sum() - sum(pks[0]) - sum(pks[1])) / n.sum()

    base = run(1.1, main.cut_threshold, main.min_words, True)
    print(f"  one regime: other tuning documents exact {base[0]:.3f}, pages of briefs {base[1]:.3f}")
    best = (base[2], (1.1, main.cut_threshold, main.min_words, True))
    for gate in GATES:
        for min_words in MIN_WORDS:
            for frag in (True, False):
                for low in BRIEF_CUTS:
                    s = run(gate, low, min_words, frag)
                    print(f"  gate {gate} min words {min_words} fragments {frag} cut {low}: others {s[0]:.3f}, "
                          f"briefs {s[1]:.3f}", flush=True)
                    if s[2] > best[0]:
                        best = (s[2], (gate, low, min_words, frag))
    gate, low, min_words, frag = best[1]
    if gate > 1.0:
        print("chosen: no page-of-briefs regime")
        return dataclasses.replace(m, brief_mean=(), brief_scale=(), brief_coef=(), brief_intercept=0.0)
    print(f"chosen: gate {gate}, cut threshold {low}, min words {min_words}, fragments {frag}")
    return dataclasses.replace(m, brief_gate=gate, brief_cut_threshold=low, brief_min_words=min_words,
                               brief_fragments=frag)


def _score(doc, lines, an, probs, cuts, m: Model, fragments: bool) -> tuple[int, float]:
    starts = [an.idx[k] for k in (settle_fragments(cuts, an, probs, m) if fragments else cuts)]
    hyp = [bisect.bisect_right(starts, i) for i in range(len(lines))]
    keep = [i for i, s in enumerate(doc.story) if s is not None]
    return int(len(starts) + 1 == doc.n_stories), pk([doc.story[i] for i in keep], [hyp[i] for i in keep])
