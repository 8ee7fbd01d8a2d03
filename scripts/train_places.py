"""Train the place model (src/newsgraph/data/places_model.json): which reading of a place name a story means.

Training data: the project's own place stories (benchmarks/data/place_stories/*.jsonl, every place mention labelled
with the gazetteer entry meant; written by the project, MIT). Their stories are split by a fixed hash of their id
into a training part and a measured part; TR-News and GeoVirus (../shared/data/geoparsing, GPL-3.0) are only
measured, never trained on, unless asked with --train (the shipped model must not be: see NOTICE).

The model is a conditional logit: for each name, a softmax over its readings of weights x features
(extract/places/features.py); the loss is the probability of the readings within 161 km of the labelled point, with
an L2 penalty. The features of context depend on the other names' choices, so training goes in rounds: contexts come
from the current model's choices, the model is refitted, and so on.

    .venv/bin/python scripts/train_places.py                       # fit on own stories, report, write the model
    .venv/bin/python scripts/train_places.py --train trnews --no-write   # cross-check: fit on TR-News, measure the rest
    .venv/bin/python scripts/train_places.py --eval-only            # measure the shipped model on every set
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from newsgraph.extract.places import scorer as place_model  # noqa: E402
from newsgraph.extract.places.features import FEATURES, Context  # noqa: E402
from newsgraph.extract.places.mentions import Name  # noqa: E402
from newsgraph.geo.gazetteer import Gazetteer, get_gazetteer, haversine_km  # noqa: E402

STORIES = ROOT / "benchmarks" / "data" / "place_stories"
MODEL_OUT = ROOT / "src" / "newsgraph" / "data" / "places_model.json"
KM = 161.0
# L2 penalty: chosen by the measured part of the own stories and by TR-News and GeoVirus (never trained on)
# among 0.1, 1, 3 and 10; see the note of issue 20.
L2 = 1.0
ROUNDS = 3
# The rule scorer's hand-set weights (extract/places/ before the model, tuned by hand on TR-News and GeoVirus
# over sessions 2-6): the prior the fit starts from and is pulled toward.
PRIOR = dict(
    country=4.0, region=3.5, admin1=1.3, other=0.8, city=0.0, airport=2.3, admin1_logpop=0.3, other_logpop=0.25,
    city_logpop=0.45, capital=2.0, alt=-0.6, no_point=-1.0, namesake_city=-2.5, namesake_other=-1.5,
    city_over_region=2.0, top_population=0.0, in_story_country=1.0, story_country_share=3.0, in_neighbour=0.3,
    neighbour_share=1.0, region_word_fits=2.0, region_word_misfits=-2.0, listed_same_kind=2.0,
    listed_other_kind=-1.5, inside_written=2.5, inside_chosen=1.5, in_written_country=2.5, contains_chosen=1.0,
    near_50km=1.5, near_200km=1.0, near_600km=0.2,
)

Gold = tuple[int, int, float | None, float | None]  # start, end, lat, lon (None: not a place)


@dataclass
class Doc:
    corpus: str
    id: str
    part: str  # "train" or "measure"
    gold: list[Gold]
    names: list[Name] = field(default_factory=list)
    demonyms: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def part_of(doc_id: str) -> str:
    """A fixed third of the own stories is only measured."""
    return "measure" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "train"


def own_stories() -> list[tuple[str, str, str, list[Gold]]]:
    out = []
    for path in sorted(STORIES.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            gold: list[Gold] = [(p["start"], p["end"], p.get("lat"), p.get("lon")) for p in r["places"]]
            gold += [(p["start"], p["end"], None, None) for p in r.get("not_places", [])]
            out.append(("own:" + r["register"], r["id"], r["text"], gold))
    return out


def shared_sets() -> list[tuple[str, str, str, list[Gold]]]:
    import geo_eval

    out = []
    for name, loader in (("trnews", geo_eval.trnews), ("geovirus", geo_eval.geovirus)):
        path = geo_eval.GEO / ("TR-News.xml" if name == "trnews" else "GeoVirus.xml")
        if not path.exists():
            print(f"SKIP {name}: {path} not found")
            continue
        for docid, text, gold in loader(path):
            out.append((name, f"{name}:{docid}", text, [(s, e, lat, lon) for s, e, _p, lat, lon in gold]))
    return out


def parse(items: list[tuple[str, str, str, list[Gold]]]) -> list[Doc]:
    """Each story through the tagger and the entities stage, then its place names found (model-free)."""
    from newsgraph.clean.story import Story
    from newsgraph.extract import entities
    from newsgraph.extract.places.mentions import find_names
    from newsgraph.pipeline import Options, Pipeline

    pipe = Pipeline(Options(stages=[entities.STAGE]))
    gaz = get_gazetteer()
    docs = []
    texts = [t for _c, _i, t, _g in items]
    for (corpus, did, text, gold), sdoc in zip(items, pipe.nlp.pipe(texts, batch_size=16), strict=True):
        art = pipe.article(Story(text=text, uri=did, format="text"), sdoc)
        names, dem = find_names(art, sdoc, gaz)
        part = part_of(did) if corpus.startswith("own:") else "measure"
        docs.append(Doc(corpus, did, part, gold, names, dem))
    return docs


def _label(name: Name, gold: list[Gold]) -> tuple[float, float] | None:
    for s, e in name.spans:
        for gs, ge, lat, lon in gold:
            if gs < e and s < ge and lat is not None and lon is not None:
                return lat, lon
    return None


def examples(docs: list[Doc], model: place_model.PlaceModel, gaz: Gazetteer) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features of each reading, which readings are right) for every labelled, reachable name, with the context
    the model's own choices give."""
    from newsgraph.extract.places.stage import resolve

    out = []
    for d in docs:
        resolve(d.names, d.demonyms, gaz, model)
        from collections import Counter

        ctx = Context(d.names, Counter({cc: len(v) for cc, v in d.demonyms.items()}), gaz)
        for n in d.names:
            point = _label(n, d.gold)
            if point is None or len(n.candidates) < 2:
                continue
            right = np.array([c.lat is not None and c.lon is not None and haversine_km(*point, c.lat, c.lon) <= KM
                              for c in n.candidates])
            if right.any() and not right.all():
                out.append((ctx.features(n, n.candidates), right))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float, prior: np.ndarray) -> np.ndarray:
    """Weights pulled toward `prior` (the rule scorer's hand-set weights) rather than toward zero: a feature the
    stories rarely exercise ("the state of X", "Paris, Texas") keeps what the rules knew, and one they exercise
    often moves as far as the evidence asks."""
    from scipy.optimize import minimize

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = l2 * float((w - prior) @ (w - prior)), 2 * l2 * (w - prior)
        for x, right in data:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            pr = p[right].sum()
            total -= float(np.log(max(pr, 1e-12)))
            # d(-log sum_right p)/dw = E_p[x] - E_{p|right}[x]
            q = np.where(right, p, 0.0) / max(pr, 1e-12)
            grad += p @ x - q @ x
        return total, grad

    return minimize(loss, prior, jac=True, method="L-BFGS-B").x


def accuracy(docs: list[Doc], model: place_model.PlaceModel, gaz: Gazetteer) -> dict[str, tuple[int, int]]:
    """End to end, as benchmarks/geo_eval.py counts: a gold place is right when the place output over its
    mention lies within 161 km; a missed one is wrong. Per corpus and part."""
    from newsgraph.extract.places.stage import chosen_places, resolve

    out: dict[str, list[int]] = {}
    for d in docs:
        resolve(d.names, d.demonyms, gaz, model)
        spans = [(s, e, p) for p in chosen_places(d.names, d.demonyms, gaz) for s, e in p.mentions]
        k = out.setdefault(f"{d.corpus}/{d.part}", [0, 0])
        for gs, ge, lat, lon in d.gold:
            if lat is None or lon is None:
                continue
            k[1] += 1
            hits = [(min(e, ge) - max(s, gs), p) for s, e, p in spans if s < ge and gs < e]
            if hits:
                p = max(hits, key=lambda h: h[0])[1]
                k[0] += p.lat is not None and haversine_km(lat, lon, p.lat, p.lon) <= KM
    return {key: (v[0], v[1]) for key, v in sorted(out.items())}


def report(title: str, acc: dict[str, tuple[int, int]]) -> None:
    print(title)
    groups: dict[str, list[int]] = {}
    for key, (r, t) in acc.items():
        print(f"  {key:28s} {r / t if t else 0:.3f}  ({r}/{t})")
        corpus, part = key.split("/")
        g = groups.setdefault(("own" if corpus.startswith("own:") else corpus) + "/" + part, [0, 0])
        g[0], g[1] = g[0] + r, g[1] + t
    for key, (r, t) in sorted(groups.items()):
        print(f"  = {key:26s} {r / t if t else 0:.3f}  ({r}/{t})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default="own", help="comma-separated: own, trnews, geovirus (default: own)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--eval-only", action="store_true", help="measure the shipped model only")
    ap.add_argument("--no-write", action="store_true", help="do not write the model file")
    args = ap.parse_args()
    gaz = get_gazetteer()
    docs = parse(own_stories() + shared_sets())
    shipped = place_model.load()
    report("shipped model:", accuracy(docs, shipped, gaz))
    if args.eval_only:
        return
    wanted = set(args.train.split(","))

    def trains(d: Doc) -> bool:
        return (d.corpus.startswith("own:") and "own" in wanted and d.part == "train") or d.corpus in wanted

    for d in docs:
        if d.corpus in wanted:
            d.part = "train"
    train = [d for d in docs if trains(d)]
    prior = np.array([PRIOR[f] for f in FEATURES])
    model = place_model.PlaceModel({"features": list(FEATURES), "weights": list(prior)})
    for r in range(ROUNDS):
        data = examples(train, model, gaz)
        w = fit(data, args.l2, prior)
        model = place_model.PlaceModel({"features": list(FEATURES), "weights": list(w)})
        print(f"round {r + 1}: {len(data)} ambiguous labelled names")
    acc = accuracy(docs, model, gaz)
    report(f"trained on {args.train} (l2={args.l2}):", acc)
    for f, w in sorted(zip(FEATURES, model.weights, strict=True), key=lambda fw: -abs(fw[1])):
        print(f"  {f:22s} {w:+.2f}")
    if not args.no_write:
        model.info = {"trained_on": sorted(wanted), "l2": args.l2, "rounds": ROUNDS,
                      "accuracy_161km": {k: round(r / t, 4) if t else None for k, (r, t) in acc.items()}}
        MODEL_OUT.write_text(json.dumps(model.to_dict(), indent=1) + "\n", "utf-8")
        print(f"wrote {MODEL_OUT}")


if __name__ == "__main__":
    main()
