"""Event labels on the project's own held-out event snippets: the classifier alone and the whole pipeline.

    .venv/bin/python benchmarks/events_snippets.py [--all-styles] [--limit N]

The snippets (benchmarks/data/event_sentences, written by the project) come in four registers; the one named by
scripts/train_event_types.py's HELD_OUT is never trained on, so it is the measured part. `--all-styles` also
prints the training registers (seen: an upper bound, not a result). Printed, for each part:
- the classifier alone (extract/events/classifier.py): weighted F1 over ACLED's 25 sub-event types and over all 30 labels;
- the pipeline (every stage on the snippet as a story): the label of its surest event, NONE when it codes none;
  the same weighted F1s, and on the NONE snippets (history, plans, denials, claims, fiction, sport, recipes) the
  share that yield an event of one of the 30 labels with confidence above 0.5 (false events; statements such as
  a denial are PLOVER events, REJECT, and are not counted);
- where: the surest event's place against the snippet's `where` (same name, or one inside the other) and its
  country against `country`; killed: the event's count against the snippet's where one is stated.
Exits non-zero when a pinned floor (FLOORS) is missed on the held-out register.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

# Held-out register figures of the first shipped model (2026-12-05: classifier .898, pipeline .902 / .889, false
# events .245, .152 once claims, denials and plans lower confidence; place .388, country .498, background
# .015) less a margin for the next retrain's noise. Place and country are low because the gazetteer lacks many
# small towns and districts the snippets name (issue 20).
FLOORS = {"clf_wF1_acled25": 0.85, "pipe_wF1_acled25": 0.85, "pipe_wF1_all30": 0.84, "false_events": (0.22, "max"),
          "place": 0.33, "country": 0.44}
BACKGROUND_MAX = 0.05


def weighted_f1(gold: list[str], pred: list[str], labels: list[str]) -> float:
    keep = [i for i, g in enumerate(gold) if g in labels]
    if not keep:
        return 0.0
    total, acc = 0, 0.0
    for lab in labels:
        support = sum(gold[i] == lab for i in keep)
        if not support:
            continue
        tp = sum(gold[i] == lab and pred[i] == lab for i in keep)
        fp = sum(gold[i] != lab and pred[i] == lab for i in keep)
        f1 = 2 * tp / (2 * tp + fp + (support - tp)) if tp else 0.0
        acc += support * f1
        total += support
    return acc / total


def run_story(nlp, stages, text: str):
    """The record of one snippet run through `stages` as one story."""
    from newsgraph.clean.story import Story
    from newsgraph.model import Article, Source

    story = Story(text, "snippet", "text")
    art = Article(id=Article.make_id(text), source=Source("snippet"), text=text)
    doc = nlp(text)
    for st in stages:
        st.run(art, doc, story)
    return art


def _country_name(code: str | None) -> str:
    import pycountry

    if not code:
        return ""
    c = pycountry.countries.get(alpha_2=code)
    return (getattr(c, "common_name", None) or c.name).lower() if c else code.lower()


def _same_place(name: str, where: str) -> bool:
    a, b = name.lower(), where.lower()
    return bool(a) and (a in b or b in a)


def measure(rows: list[dict], nlp, stages, labeller) -> dict[str, float]:
    from newsgraph.extract.events.acled import LABELS, NONE

    gold = [r["label"] for r in rows]
    clf = [max(s, key=s.get) for s in (labeller.scores(r["text"]) for r in rows)]
    pipe: list[str] = []
    false_events = negatives = place_ok = place_n = country_ok = country_n = killed_ok = killed_n = 0
    for r in rows:
        art = run_story(nlp, stages, r["text"])
        labelled = [e for e in art.events if e.acled_subtype]
        top = max(labelled, key=lambda e: e.confidence or 0.0) if labelled else None
        pipe.append(top.acled_subtype if top else NONE)
        if r["label"] == NONE:
            negatives += 1
            false_events += any((e.confidence or 0) > 0.5 for e in labelled)
            continue
        places = {p.id: p for p in art.places}
        place = places.get(top.place) if top and top.place else None
        if r.get("where"):
            place_n += 1
            place_ok += bool(place and _same_place(place.name, r["where"]))
        if r.get("country"):
            country_n += 1
            country_ok += bool(place and _same_place(_country_name(place.country), r["country"]))
        if r.get("killed"):
            killed_n += 1
            killed_ok += bool(top and top.killed == r["killed"])
    acled = list(LABELS[:25])
    return {"n": len(rows), "clf_wF1_acled25": weighted_f1(gold, clf, acled),
            "clf_wF1_all30": weighted_f1(gold, clf, list(LABELS)),
            "pipe_wF1_acled25": weighted_f1(gold, pipe, acled), "pipe_wF1_all30": weighted_f1(gold, pipe, list(LABELS)),
            "false_events": false_events / max(1, negatives), "place": place_ok / max(1, place_n),
            "country": country_ok / max(1, country_n), "killed": killed_ok / max(1, killed_n),
            "_pairs": list(zip(gold, pipe, strict=True))}


def background(nlp, stages, count: int = 600) -> float:
    """Share of ordinary sentences (train_event_types.read_background, the test part of the development pages)
    that yield an event of one of the 30 labels with confidence above 0.5: a page that is not news, or the
    eventless sentences of one that is, should yield none."""
    from train_event_types import read_background

    rows = read_background(count, part="test")
    bad = 0
    for r in rows:
        art = run_story(nlp, stages, r["text"])
        bad += any(e.acled_subtype and (e.confidence or 0) > 0.5 for e in art.events)
    return bad / max(1, len(rows))


def report(name: str, m: dict[str, float]) -> None:
    print(f"  {name:18s} n={m['n']:4.0f}  classifier wF1 ACLED-25 {m['clf_wF1_acled25']:.3f} all-30 "
          f"{m['clf_wF1_all30']:.3f} | pipeline wF1 ACLED-25 {m['pipe_wF1_acled25']:.3f} all-30 "
          f"{m['pipe_wF1_all30']:.3f} | false events on NONE {m['false_events']:.3f} | place {m['place']:.3f} "
          f"country {m['country']:.3f} killed {m['killed']:.3f}")


def confusions(pairs: list[tuple[str, str]], k: int = 12) -> None:
    wrong = Counter((g, p) for g, p in pairs if g != p)
    for (g, p), n in wrong.most_common(k):
        print(f"      {n:3d}  {g} -> {p}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--all-styles", action="store_true", help="also the training registers (seen)")
    ap.add_argument("--limit", type=int, help="at most N snippets per register (a quick look)")
    ap.add_argument("--confusions", action="store_true", help="the most frequent wrong labels of the pipeline")
    ap.add_argument("--style", help="measure this register instead (with --model trained without it: tuning)")
    ap.add_argument("--model", type=Path, help="an event-type model file instead of the shipped one")
    args = ap.parse_args(argv)
    from train_event_types import HELD_OUT, STYLES, read_sentences

    from events_eval import pipeline_stages
    from newsgraph import nlp as nlp_mod
    from newsgraph.extract.events import classifier as events_types

    if args.model:
        events_types.use(args.model)
    labeller = events_types.load()
    rows = read_sentences()
    if labeller is None or not rows:
        print("SKIP: no event-type model or no snippets (scripts/train_event_types.py builds the model)")
        return 0
    nlp = nlp_mod.load(None, needs=("ner", "parser"))
    stages = pipeline_stages()
    failed = []
    for style in (STYLES if args.all_styles else (args.style or HELD_OUT,)):
        part = [r for r in rows if r["style"] == style][: args.limit]
        m = measure(part, nlp, stages, labeller)
        report(style + (" (held out)" if style == HELD_OUT else " (trained)"), m)
        if args.confusions:
            confusions(m["_pairs"])
        if style == HELD_OUT and not args.limit and not args.model:
            for key, floor in FLOORS.items():
                value, kind = (floor if isinstance(floor, tuple) else (floor, "min"))
                if (m[key] < value) if kind == "min" else (m[key] > value):
                    failed.append(f"{key} {m[key]:.3f} (floor {value})")
    if not args.limit:
        value = background(nlp, stages)
        print(f"  background sentences (test part of the development pages, no trigger): {value:.3f} yield an "
              "event of a label above 0.5")
        if not args.model and value > BACKGROUND_MAX:
            failed.append(f"background false events {value:.3f} (floor {BACKGROUND_MAX})")
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
