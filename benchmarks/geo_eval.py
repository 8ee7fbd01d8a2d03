"""Geocoding quality on TR-News and GeoVirus (../shared/data/geoparsing), plus gazetteer load cost.

Every gold toponym with coordinates counts: it is right when a place we output has a mention overlapping
it and lies within 161 km (100 miles) of the gold point; a toponym we miss counts as wrong. Also prints
toponym recall, the median error of the matched ones, the gazetteer's load time and resident memory (in a
fresh subprocess), and checks the user's example (Georgia the country, Cali and Antioquia in Colombia).

    .venv/bin/python benchmarks/geo_eval.py [--half even|odd|all] [--limit N] [--show-errors 20]

Each corpus is also split by document id parity (TR-News' docid; GeoVirus has none, so its position in the
file): the even half is for tuning, the odd half is held out, and both are always printed so that a change
fitted to one half shows as a gap between them. `--half` picks which half the errors are listed from.

Exits 1 when a bar is missed (BELOW BAR or FAIL above it): accuracy (not checked with --limit), load cost, or the
example.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GEO = DATA / "geoparsing"
EXAMPLE = DATA.parent / "examples" / "000_555da0d0ff763633.txt"
BARS = {"acc161": 0.85, "load_s": 1.0, "rss_mb": 300.0}
# Each half's floor: since the place model is learned from the project's own stories (scripts/train_places.py),
# both halves are measured, not tuned on; the shipped model gives 0.866 / 0.838 (session 8), and a regression
# of more than about 0.01 on either fails. The bar (0.85) applies to the whole of both corpora.
HALF_FLOOR = 0.825

Gold = tuple[int, int, str, float, float]  # start, end, phrase, lat, lon
Doc = tuple[int, str, list[Gold]]  # document id (its parity picks the half), text, gold toponyms


def _num(el: ET.Element | None) -> float | None:
    try:
        return float(el.text) if el is not None and el.text else None
    except ValueError:
        return None


def _align(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """The gold span moved onto its phrase: GeoVirus' offsets are one character late and some TR-News
    offsets drift by a few characters, so a toponym found in the right place would otherwise count as
    missed. The nearest occurrence within 100 characters wins; failing that the span is kept."""
    if not phrase or text[start:end] == phrase:
        return start, end
    best = None
    for i in range(max(0, start - 100), min(len(text), start + 100)):
        if text.startswith(phrase, i) and (best is None or abs(i - start) < abs(best - start)):
            best = i
    return (best, best + len(phrase)) if best is not None else (start, end)


def trnews(path: Path) -> list[Doc]:
    out = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            lat, lon = (_num(g.find("lat")), _num(g.find("lon"))) if g is not None else (None, None)
            if lat is None or lon is None:
                continue
            phrase = t.findtext("phrase") or ""
            gold.append((*_align(text, int(t.findtext("start")), int(t.findtext("end")), phrase), phrase, lat, lon))
        out.append((int(art.get("docid") or i), text, gold))
    return out


def geovirus(path: Path) -> list[Doc]:
    out = []
    for i, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            lat, lon = _num(loc.find("lat")), _num(loc.find("lon"))
            if lat is None or lon is None:
                continue
            phrase = loc.findtext("name") or ""
            gold.append((*_align(text, int(loc.findtext("start")), int(loc.findtext("end")), phrase), phrase, lat, lon))
        out.append((i, text, gold))
    return out


HALVES = ("even", "odd")


def score(pipeline, nlp, corpus: list[Doc], errors: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """The measures for each half of the corpus and for all of it; errors are listed per half."""
    from newsgraph.clean.story import Story
    from newsgraph.geo.gazetteer import get_gazetteer, haversine_km

    gaz = get_gazetteer()
    # An extra figure, not the bar: toponyms that name a country are judged mostly on which convention a
    # corpus follows for a country's point (GeoNames' or Wikipedia's), so accuracy without them is shown too.
    keys = ("right", "found", "total", "sub_right", "sub_total", "docs")
    counts = {h: dict.fromkeys(keys, 0) for h in HALVES}
    dists: dict[str, list[float]] = {h: [] for h in HALVES}
    t0 = time.perf_counter()
    t_places = 0.0
    places_stage = pipeline.stages[-1]
    for docid, text, gold in corpus:
        half = HALVES[docid % 2]
        k, errs = counts[half], errors.setdefault(half, [])
        k["docs"] += 1
        story = Story(text=text, uri=f"eval:{docid}", format="text")
        doc = nlp(text)
        art = pipeline.article(story, doc)
        t = time.perf_counter()
        places_stage.run(art, doc, story)  # timed alone: the stage's own cost per story
        t_places += time.perf_counter() - t
        spans = [(s, e, p) for p in art.places for s, e in p.mentions]
        for gs, ge, phrase, lat, lon in gold:
            k["total"] += 1
            country = any(c.feature == "country" and not c.alt for c in gaz.lookup(phrase))
            k["sub_total"] += not country
            hits = [(min(e, ge) - max(s, gs), p) for s, e, p in spans if s < ge and gs < e]
            if not hits:
                errs.append(f"MISS  {phrase!r}  ctx={text[max(0, gs - 40):ge + 20]!r}")
                continue
            k["found"] += 1
            p = max(hits, key=lambda h: h[0])[1]
            if p.lat is None:
                errs.append(f"NOPT  {phrase!r} -> {p.name} ({p.country}, {p.feature})")
                continue
            d = haversine_km(lat, lon, p.lat, p.lon)
            dists[half].append(d)
            if d <= 161:
                k["right"] += 1
                k["sub_right"] += not country
            else:
                errs.append(f"FAR   {phrase!r} -> {p.name} ({p.country}, {p.feature}) {d:.0f} km"
                            f"  gold=({lat:.2f},{lon:.2f})")
    elapsed = time.perf_counter() - t0
    counts["all"] = {key: sum(counts[h][key] for h in HALVES) for key in keys}
    dists["all"] = dists["even"] + dists["odd"]
    out = {}
    for h, k in counts.items():
        out[h] = {
            "docs": k["docs"],
            "toponyms": k["total"],
            "right": k["right"],
            "acc161": k["right"] / k["total"] if k["total"] else 0.0,
            "recall": k["found"] / k["total"] if k["total"] else 0.0,
            "noncountry_right": k["sub_right"],
            "noncountry_toponyms": k["sub_total"],
            "noncountry_acc161": k["sub_right"] / k["sub_total"] if k["sub_total"] else 0.0,
            "median_km": statistics.median(dists[h]) if dists[h] else float("nan"),
        }
    out["all"]["s"] = elapsed
    out["all"]["places_ms_per_story"] = 1000 * t_places / max(1, len(corpus))
    return out


# The package import (spaCy and friends, not the gazetteer's) is timed apart from the gazetteer's load.
LOAD_PROBE = """
import resource, time
t0 = time.perf_counter()
from newsgraph.geo.gazetteer import get_gazetteer
t = time.perf_counter()
g = get_gazetteer()
for n in ("Paris", "Georgia", "Cali", "Antioquia", "Springfield", "London"):
    g.lookup(n)
dt = time.perf_counter() - t
print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, t - t0)
"""


def load_cost() -> tuple[float, float, float]:
    # Once to make sure the cache exists (a first build is not a load), then the measured run.
    subprocess.run([sys.executable, "-c", LOAD_PROBE], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", LOAD_PROBE], check=True, capture_output=True, text=True)
    dt, rss, imp = out.stdout.split()
    return float(dt), float(rss), float(imp)


def example_check(pipeline) -> list[str]:
    """The user's example: which of its places we get right. Names only, nothing copied from the text."""
    from newsgraph.sources import Document

    if not EXAMPLE.exists():
        return ["SKIP example: file absent"]
    from newsgraph.clean.story import Story

    text = EXAMPLE.read_text(encoding="utf-8", errors="replace")
    items = list(pipeline.run_documents([Document(uri=str(EXAMPLE), format="text", text=text)]))
    arts = [a for a in items if hasattr(a, "places")]
    lines = [f"  reject: {r}" for r in items if not hasattr(r, "places")]
    if not arts:
        # Cleaning failed upstream: geocode the file as one story, so this check still measures places.
        lines.append("  (story splitting failed; the whole file is one story here)")
        arts = [pipeline.article(Story(text=text, uri=str(EXAMPLE), format="text"), pipeline.nlp(text))]
    want = {"Georgia": ("GE", None), "Cali": ("CO", None), "Antioquia": ("CO", "CO-ANT")}
    seen: dict[str, list[str]] = {}
    for a in arts:
        for p in a.places:
            surfaces = {a.text[s:e] for s, e in p.mentions}
            for w in want:
                if w in surfaces:
                    seen.setdefault(w, []).append(f"{p.name}/{p.country}/{p.admin1}/{p.feature}")
        lines.append("  story: " + "; ".join(f"{p.name}({p.country},{p.feature})" for p in a.places))
    ok = True
    for w, (cc, a1) in want.items():
        got = seen.get(w, [])
        good = bool(got) and all(g.split("/")[1] == cc and (a1 is None or g.split("/")[2] == a1) for g in got)
        ok &= good
        lines.append(f"  {w}: {'OK' if good else 'WRONG'} {got}")
    lines.insert(0, f"example: {'PASS' if ok else 'FAIL'}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="articles per corpus (0 = all)")
    ap.add_argument("--show-errors", type=int, default=0, help="print this many errors per corpus")
    ap.add_argument("--half", choices=("even", "odd", "all"), default="even",
                    help="which half the listed errors come from (numbers are printed for every half)")
    ap.add_argument("--json", action="store_true", help="print the numbers as one JSON line too")
    args = ap.parse_args()
    if not GEO.is_dir():
        print(f"SKIP geo_eval: {GEO} not found")
        return 0
    from newsgraph import Pipeline
    from newsgraph.extract import entities, places
    from newsgraph.pipeline import Options

    load_s, rss, import_s = load_cost()
    pipeline = Pipeline(Options(stages=[entities.STAGE, places.STAGE]))
    nlp = pipeline.nlp
    results = {}
    sums = {h: Counter() for h in (*HALVES, "all")}
    for name, reader, fn in (("TR-News", trnews, "TR-News.xml"), ("GeoVirus", geovirus, "GeoVirus.xml")):
        corpus = reader(GEO / fn)
        if args.limit:
            corpus = corpus[: args.limit]
        errors: dict[str, list[str]] = {}
        r = score(pipeline, nlp, corpus, errors)
        results[name] = r
        for h in sums:
            sums[h].update({k: r[h][k] for k in ("right", "toponyms", "noncountry_right", "noncountry_toponyms")})
        for h in (*HALVES, "all"):
            x = r[h]
            print(f"{name:9s} {h:4s} docs={x['docs']:3d} toponyms={x['toponyms']:5d} acc@161km={x['acc161']:.3f} "
                  f"recall={x['recall']:.3f} median_err={x['median_km']:.1f}km "
                  f"non-country acc@161km={x['noncountry_acc161']:.3f} ({x['noncountry_toponyms']})")
        print(f"{name:9s} places={r['all']['places_ms_per_story']:.1f}ms/story ({r['all']['s']:.0f}s)")
        listed = errors.get("even", []) + errors.get("odd", []) if args.half == "all" else errors.get(args.half, [])
        for line in listed[: args.show_errors]:
            print("   ", line)
    missed: list[str] = []
    for h in (*HALVES, "all"):
        acc = sums[h]["right"] / max(1, sums[h]["toponyms"])
        sub = sums[h]["noncountry_right"] / max(1, sums[h]["noncountry_toponyms"])
        bar = BARS["acc161"] if h == "all" else HALF_FLOOR
        if args.limit:
            verdict = "not checked with --limit"
        elif acc >= bar:
            verdict = "PASS"
        else:
            verdict = "BELOW BAR"
            missed.append(f"{h} acc@161km {acc:.3f}")
        print(f"overall   {h:4s} acc@161km={acc:.3f} ({'bar' if h == 'all' else 'floor'} >= {bar})  "
              f"{verdict}  (without country toponyms: {sub:.3f}, not a bar)")
    acc = sums["all"]["right"] / max(1, sums["all"]["toponyms"])
    cheap = load_s <= BARS["load_s"] and rss <= BARS["rss_mb"]
    if not cheap:
        missed.append(f"gazetteer load {load_s:.3f}s / {rss:.0f}MB")
    print(f"gazetteer load={load_s:.3f}s (bar <= {BARS['load_s']}s) rss={rss:.0f}MB (bar <= {BARS['rss_mb']}MB)  "
          f"{'PASS' if cheap else 'BELOW BAR'}  "
          f"(importing the newsgraph package before it: {import_s:.3f}s)")
    lines = example_check(Pipeline(Options(stages=[entities.STAGE, places.STAGE]), nlp=nlp))
    for line in lines:
        print(line)
    if lines[0] == "example: FAIL":
        missed.append("the example's places")
    if args.json:
        print(json.dumps({"corpora": results, "acc161": acc, "load_s": load_s, "rss_mb": rss}))
    if missed:
        print("FAIL: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
