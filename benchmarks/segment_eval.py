"""Story splitting on synthetic scrapes: 2-6 development article bodies run together, furniture inserted.

Articles come from ../shared/data (WCXB `main_content`, ScrapingHub `articleBody`), split by a hash of
their id into a training half (benchmarks/train_segment.py) and an evaluation half (this script).
Furniture lines are WCXB `without` snippets (real page furniture) and pattern lines (clip durations,
credits, promos, teaser headlines of other articles), put at boundaries and inside stories alike, so a
furniture run alone does not give a boundary away.

Prints: % of documents with the exact story count (bar >= 90%), mean Pk (bar <= 0.05), the share of
single articles kept whole, and cleaning+splitting speed in words/s; with --all-sets also documents mixing
the news sets' stories in, and pages of short briefs; and cleaning's time as a share of spaCy's (bar < 10%).
Each share and Pk is checked against a pinned floor (FLOORS) when the documents are the default ones (no
--docs, --seed, --related, --model or --rule-roles); a missed floor prints a FAIL line and exits 1. The spaCy
time share is gated only when --spacy is given.

    .venv/bin/python benchmarks/segment_eval.py [--docs 400] [--all-sets] [--rule-roles] [--model FILE]

--rule-roles gives line roles by the rules alone (no learned role model), as every figure was measured before
that model existed.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _shared import DATA, cleaning_share, missed_floors

MAX_LINES = 60  # longer bodies are cut: a scrape rarely holds a whole long feature


@dataclass
class Article:
    id: str
    title: str | None
    lines: list[str]


@dataclass
class SynthDoc:
    lines: list[str]
    story: list[int | None]  # story index of each line; None for inserted furniture
    n_stories: int


def half_of(key: str) -> str:
    return "train" if int(hashlib.md5(key.encode()).hexdigest(), 16) % 2 == 0 else "eval"


def load_articles(half: str) -> list[Article]:
    out: list[Article] = []
    for f in sorted(glob.glob(str(DATA / "wcxb-dev-articles" / "ground-truth" / "*.json"))):
        gt = json.loads(Path(f).read_text("utf-8"))["ground_truth"]
        key = "wcxb/" + Path(f).stem
        body = gt.get("main_content") or ""
        out.append(Article(key, gt.get("title"), _lines(body)))
    sh = DATA / "scrapinghub-aeb" / "ground-truth.json"
    if sh.exists():
        for k, v in sorted(json.loads(sh.read_text("utf-8")).items()):
            out.append(Article("sh/" + k, None, _lines(v.get("articleBody") or "")))
    return [a for a in out if half_of(a.id) == half and len(a.lines) >= 2 and sum(len(x.split()) for x in a.lines) >= 60]


def load_news() -> list[Article]:
    """News stories of the other development sets (TR-News, GeoVirus, PolNeAR train and dev): shorter, and closer
    to a scraped news page, than many WCXB pages (shops, recipes, guides). Split into halves like the others."""
    import xml.etree.ElementTree as ET

    out: list[Article] = []
    for name in ("TR-News.xml", "GeoVirus.xml"):
        f = DATA / "geoparsing" / name
        if f.exists():
            for i, art in enumerate(ET.parse(f).getroot().iter("article")):
                title = " ".join((art.findtext("title") or "").split()) or None
                out.append(Article(f"geo/{name}/{i}", title, _lines(art.findtext("text") or "")))
    for split in ("train", "dev"):
        for f in sorted((DATA / "polnear" / "data" / split / "text").glob("*.txt")):
            lines = _lines(f.read_text("utf-8"))
            if lines:  # PolNeAR: the headline, then paragraphs
                out.append(Article(f"polnear/{split}/{f.stem}", lines[0], lines[1:]))
    return [a for a in out if len(a.lines) >= 2 and sum(len(x.split()) for x in a.lines) >= 60]


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()][:MAX_LINES]


def load_furniture(keep: Callable[[str], bool] | None = None) -> list[str]:
    """WCXB's `without` snippets of one line, of every page (of the pages whose id `keep` accepts)."""
    out: list[str] = []
    for f in sorted(glob.glob(str(DATA / "wcxb-dev-articles" / "ground-truth" / "*.json"))):
        if keep is not None and not keep("wcxb/" + Path(f).stem):
            continue
        gt = json.loads(Path(f).read_text("utf-8"))["ground_truth"]
        out.extend(s.strip() for s in gt.get("without") or [] if s.strip() and "\n" not in s.strip())
    return out


_TOPICS = ["Politics", "Europe", "Business", "Climate", "Health", "Technology", "Sport", "World", "Asia", "Markets"]
_AGENCIES = ["Reuters", "AP", "AFP", "Getty Images", "EPA", "PA Media", "Bloomberg", "Shutterstock"]


def pattern_furniture(rng: random.Random, other_titles: list[str]) -> list[str]:
    """A run of furniture in the styles seen on news sites (own wording, random fillers)."""
    topic, agency = rng.choice(_TOPICS), rng.choice(_AGENCIES)
    dur = f"{rng.randint(0, 12)}:{rng.randint(0, 59):02d}"
    teaser = rng.choice(other_titles) if other_titles else "Latest headlines"
    runs = [
        [dur, teaser],
        ["Your browser does not support the video tag", dur, teaser],
        ["Advertisement"],
        ["ADVERTISEMENT"],
        [f"More on {topic}"],
        ["Related Topics:"],
        [f"Image: {agency}"],
        [f"Photo: {agency}"],
        [f"Pics: {agency}"],
        ["Share this article", "Copy link"],
        [f"Follow {topic} news on Twitter"],
        [f"Sign up to the {topic} newsletter"],
        [f"Listen to the {topic} podcast every Friday"],
        ["Read more:", teaser],
        [teaser],
    ]
    return rng.choice(runs)


def make_doc(rng: random.Random, arts: list[Article], furniture: list[str], titles: list[str], n: int,
             short: float = 0.0, neighbours: list[list[int]] | None = None,
             paragraphs: tuple[int, int] = (3, 8)) -> SynthDoc:
    if neighbours:
        # Related stories in a row, as on a topic page or a live page: each next one is among the
        # articles nearest in vocabulary to the one before.
        order = [rng.randrange(len(arts))]
        while len(order) < n:
            options = [j for j in neighbours[order[-1]] if j not in order] or \
                      [j for j in range(len(arts)) if j not in order]
            order.append(rng.choice(options))
        chosen = [arts[j] for j in order]
    else:
        chosen = rng.sample(arts, n)
    if short:
        # Training only: some stories cut to a few paragraphs, as short news briefs are.
        chosen = [Article(a.id, a.title, a.lines[:rng.randint(*paragraphs)]) if rng.random() < short else a
                  for a in chosen]
    lines: list[str] = []
    story: list[int | None] = []

    def furn() -> None:
        run = pattern_furniture(rng, titles) if rng.random() < 0.6 else [rng.choice(furniture)]
        lines.extend(run)
        story.extend([None] * len(run))

    for s, art in enumerate(chosen):
        if s > 0 and rng.random() < 0.6:
            furn()
        if art.title and rng.random() < 0.4:
            lines.append(art.title)
            story.append(s)
        for j, text in enumerate(art.lines):
            if j > 0 and rng.random() < 0.07:
                furn()
            lines.append(text)
            story.append(s)
    if rng.random() < 0.5:
        furn()
    return SynthDoc(lines, story, n)


def make_docs(half: str, count: int, seed: int, sizes: tuple[int, ...] = (2, 3, 4, 5, 6),
              short: float = 0.0, related: float = 0.0, news: bool = False, web: bool = True,
              paragraphs: tuple[int, int] = (3, 8), pages: Callable[[str], bool] | None = None) -> list[SynthDoc]:
    """`related`: the share of documents whose stories are neighbours in topic rather than random. `news`: the
    news sets' half joins the web articles' half. `pages`: web articles and furniture only of the pages whose id
    it accepts (articles_eval.py keeps out the pages the line model trains on)."""
    arts = [a for a in load_articles(half) if pages is None or pages(a.id)] if web else []
    if news:
        arts += [a for a in load_news() if half_of(a.id) == half]
    furniture = load_furniture(pages)
    titles = [a.title for a in arts if a.title]
    near = nearest(arts) if related else None
    rng = random.Random(seed)
    return [make_doc(rng, arts, furniture, titles, rng.choice(sizes), short,
                     near if near and rng.random() < related else None, paragraphs) for _ in range(count)]


def brief_docs(half: str, count: int, seed: int, news: bool = True) -> list[SynthDoc]:
    """Pages of news briefs: 2-6 stories, each cut to its first 3-8 paragraphs (often under 150 words), as a
    news site's front page, a roundup or a live page runs them together."""
    return make_docs(half, count, seed, sizes=(2, 3, 4, 5, 6), short=1.0, news=news)


def nearest(arts: list[Article], k: int = 8) -> list[list[int]]:
    """For each article, the k others most alike in vocabulary (tf-idf cosine)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    m = TfidfVectorizer(min_df=2, sublinear_tf=True, stop_words="english").fit_transform(
        [" ".join(a.lines) for a in arts])
    sims = (m @ m.T).toarray()
    for i in range(len(arts)):
        sims[i, i] = -1.0
    return [list(reversed(row.argsort()[-k:])) for row in sims]


RULE_ROLES = False  # --rule-roles: line roles by the rules alone, without the learned role model


def doc_lines(doc: SynthDoc):
    from newsgraph.clean.lines import assign_roles, split_lines

    lines = split_lines("\n".join(doc.lines))
    if RULE_ROLES:
        assign_roles(lines, learned=False)
    else:
        assign_roles(lines)
    return lines


def pk(ref: list[int], hyp: list[int]) -> float:
    """Beeferman's Pk: how often a probe k items wide disagrees on same-story; k is half the mean story."""
    n = len(ref)
    k = max(1, round(n / (2 * len(set(ref)))))
    if n <= k:
        return 0.0
    miss = sum((ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]) for i in range(n - k))
    return miss / (n - k)


def score(docs: list[SynthDoc], model=None) -> dict[str, float]:
    from newsgraph.clean.segment import CONTENT, split_stories

    exact, pks, words, secs = 0, [], 0, 0.0
    for doc in docs:
        t0 = time.process_time()
        lines = doc_lines(doc)
        groups = split_stories(lines, model)
        secs += time.process_time() - t0
        words += sum(len(x.split()) for x in doc.lines)
        hyp_of_line: list[int] = []
        for g, grp in enumerate(groups):
            hyp_of_line.extend([g] * len(grp))
        n_pred = sum(1 for grp in groups if any(ln.role in CONTENT for ln in grp))
        exact += n_pred == doc.n_stories
        keep = [i for i, s in enumerate(doc.story) if s is not None]
        pks.append(pk([doc.story[i] for i in keep], [hyp_of_line[i] for i in keep]))  # type: ignore[misc]
    return {"exact": exact / len(docs), "pk": sum(pks) / len(pks), "words_per_s": words / secs if secs else 0.0}


DOCS, SEED, SPACY_DOCS = 400, 20261125, 40

# Values at 73b3b89 with this script's defaults (deterministic: fixed seeds, the same documents every run) in
# the comments, each floor a little below (a "min") or above (a "max"). The bars printed beside the first two
# (exact >= 90%, Pk <= 0.05) are the targets; the floors stop a slide.
FLOORS: dict[tuple[str, str], tuple[float, str]] = {
    # With topic vectors (issue 18): multi 0.852 / Pk 0.0294, single 0.975, all sets 0.725 / 0.0504.
    # Session 24's main splitter with gap trees (train_segment.MAIN_TREES) traded these web pages for news stories
    # and pages of briefs: multi 0.888 -> 0.858, single 0.985 -> 0.965, all sets 0.730 -> 0.808, briefs 0.660 -> 0.695.
    ("multi", "exact"): (0.84, "min"),  # 0.858 (0.865 at 73b3b89)
    ("multi", "pk"): (0.030, "max"),  # 0.0252
    ("single", "exact"): (0.955, "min"),  # 0.965 (193/200 single articles kept whole; 0.990 at 73b3b89)
    # --all-sets only:
    ("all_sets", "exact"): (0.78, "min"),  # 0.808 (0.738 at 73b3b89)
    ("all_sets", "pk"): (0.056, "max"),  # 0.0349
    # Raised with the topic vectors and the page-of-briefs regime (issue 18): 0.490 / 0.1442 before.
    ("briefs", "exact"): (0.65, "min"),  # 0.695 (0.630 at 73b3b89)
    ("briefs", "pk"): (0.125, "max"),  # 0.1140
    # --spacy N only: document_stories' CPU time over nlp.pipe's on the same 40 documents. A speed ratio, noisy
    # on a loaded 2-core machine (other jobs share the caches and cores), so gated at 0.12 rather than at the
    # 10% bar printed, and only when asked for, not in the default run (make bench).
    # 0.13 since session 24's main splitter with gap trees: 0.113-0.125 in three runs, against 0.094-0.107 for the
    # logistic splitter alternately on the same machine (clean_eval on the user's example: 8.5%, 7.2% before).
    # Session 25: 0.087 with both sides warmed first (the language identifier's load no longer counted) and the
    # numpy parts (clean/parts.py); spaCy 3.8.18 with blis 1.3.4 read faster than the earlier sessions' install.
    ("spacy", "share"): (0.13, "max"),  # 0.120, 0.106 in two runs at 73b3b89 (4.26 / 35.63 s, 3.65 / 34.29 s), other jobs on
}


def check_floors(got: dict[tuple[str, str], float]) -> list[str]:
    """One line per floor missed among the values measured (a section not run is not checked)."""
    return missed_floors(got, FLOORS)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=DOCS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--spacy", type=int, default=None,
                    help=f"documents to time against spaCy (default {SPACY_DOCS}; 0: skip); given, the time share is "
                         "also checked against its floor")
    ap.add_argument("--related", type=float, default=0.0,
                    help="share of documents made of topic neighbours instead of random articles (harder)")
    ap.add_argument("--all-sets", action="store_true",
                    help="also score documents of the held-out half of every development set, news sets included")
    ap.add_argument("--model", type=Path, help="a model file from train_segment.py --out (default: the shipped one)")
    ap.add_argument("--rule-roles", action="store_true",
                    help="line roles by the rules alone (clean/lines.py without the learned role model), to compare "
                         "splitting with figures measured before that model")
    args = ap.parse_args()
    global RULE_ROLES
    RULE_ROLES = args.rule_roles
    if not (DATA / "wcxb-dev-articles").exists():
        print(f"SKIP: development data not found at {DATA}")
        return 0
    from newsgraph.clean.segment import load_model

    model = load_model(args.model) if args.model else None
    got: dict[tuple[str, str], float] = {}
    multi = score(make_docs("eval", args.docs, args.seed, related=args.related), model)
    single = score(make_docs("eval", args.docs // 2, args.seed + 1, sizes=(1,)), model)
    print(f"segment_eval: {args.docs} synthetic documents of 2-6 held-out development articles"
          + (f" ({args.related:.0%} of them topic neighbours)" if args.related else ""))
    print(f"  exact story count: {multi['exact']:.1%}   (bar >= 90%)")
    print(f"  Pk:                {multi['pk']:.4f}  (bar <= 0.05)")
    print(f"  single articles kept whole: {single['exact']:.1%} of {args.docs // 2}")
    print(f"  roles + splitting speed: {multi['words_per_s']:,.0f} words/s (CPU)")
    got.update({("multi", "exact"): multi["exact"], ("multi", "pk"): multi["pk"], ("single", "exact"): single["exact"]})
    if args.all_sets:
        mixed = score(make_docs("eval", args.docs, args.seed + 4, news=True), model)
        print(f"  all development sets, held-out half ({args.docs} documents): exact {mixed['exact']:.1%}, "
              f"Pk {mixed['pk']:.4f}")
        briefs = score(brief_docs("eval", args.docs // 2, args.seed + 5), model)
        print(f"  pages of briefs, held-out half ({args.docs // 2} documents): exact {briefs['exact']:.1%}, "
              f"Pk {briefs['pk']:.4f}")
        got.update({("all_sets", "exact"): mixed["exact"], ("all_sets", "pk"): mixed["pk"],
                    ("briefs", "exact"): briefs["exact"], ("briefs", "pk"): briefs["pk"]})
    n_spacy = SPACY_DOCS if args.spacy is None else args.spacy
    if n_spacy:
        share = spacy_share(make_docs("eval", n_spacy, args.seed + 2), make_docs("train", 3, args.seed + 3))
        if args.spacy is not None:
            got["spacy", "share"] = share
    if (args.docs, args.seed, args.related, args.model, args.rule_roles) != (DOCS, SEED, 0.0, None, False):
        print("floors not checked: they hold for the default documents and model (no --docs, --seed, --related, "
              "--model, --rule-roles)")
        return 0
    missed = check_floors(got)
    for line in missed:
        print(f"FAIL segment_eval: {line}")
    print(f"floors ({len(got)} values): " + ("all met" if not missed else f"{len(missed)} missed"))
    return 1 if missed else 0


def spacy_share(docs: list[SynthDoc], warm: list[SynthDoc]) -> float:
    """document_stories (roles, splitting, glue, story building) against nlp.pipe on the stories it gives: the
    share of spaCy's CPU time that cleaning takes. Both warmed first (`warm`: other documents); until session 25
    cleaning's side also counted loading the language identifier, about 0.4 s of the 40 documents' 3.5-4 s."""
    clean_s, spacy_s, words = cleaning_share(["\n".join(d.lines) for d in docs], ["\n".join(d.lines) for d in warm])
    print(f"  {len(docs)} documents, {words:,} words: document_stories {clean_s:.2f} s, nlp.pipe {spacy_s:.2f} s (CPU)"
          f" = {clean_s / spacy_s:.1%} of spaCy (bar < 10%)")
    return clean_s / spacy_s


if __name__ == "__main__":
    sys.exit(main())
