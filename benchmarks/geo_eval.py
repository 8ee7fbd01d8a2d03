"""Geocoding quality on TR-News and GeoVirus (../shared/data/geoparsing), plus gazetteer load cost.

Every gold toponym with coordinates counts: it is right when a place we output has a mention overlapping
it and lies within 161 km (100 miles) of the gold point; a toponym we miss counts as wrong. Also prints
toponym recall, the median error of the matched ones, the gazetteer's load time and resident memory (in a
fresh subprocess), and checks the user's example (Georgia the country, Cali and Antioquia in Colombia).

    .venv/bin/python benchmarks/geo_eval.py [--limit N] [--show-errors 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GEO = DATA / "geoparsing"
EXAMPLE = DATA.parent / "examples" / "000_555da0d0ff763633.txt"
BARS = {"acc161": 0.85, "load_s": 1.0, "rss_mb": 300.0}

Gold = tuple[int, int, str, float, float]  # start, end, phrase, lat, lon


def _num(el: ET.Element | None) -> float | None:
    try:
        return float(el.text) if el is not None and el.text else None
    except ValueError:
        return None


def trnews(path: Path) -> list[tuple[str, list[Gold]]]:
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            lat, lon = (_num(g.find("lat")), _num(g.find("lon"))) if g is not None else (None, None)
            if lat is None or lon is None:
                continue
            gold.append((int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", lat, lon))
        out.append((text, gold))
    return out


def geovirus(path: Path) -> list[tuple[str, list[Gold]]]:
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for loc in art.iter("location"):
            lat, lon = _num(loc.find("lat")), _num(loc.find("lon"))
            if lat is None or lon is None:
                continue
            gold.append((int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name") or "", lat, lon))
        out.append((text, gold))
    return out


def score(pipeline, nlp, corpus: list[tuple[str, list[Gold]]], errors: list[str]) -> dict[str, float]:
    from newsgraph.clean.story import Story
    from newsgraph.geo.gazetteer import get_gazetteer, haversine_km

    gaz = get_gazetteer()
    right = found = total = 0
    # An extra figure, not the bar: toponyms that name a country are judged mostly on which convention a
    # corpus follows for a country's point (GeoNames' or Wikipedia's), so accuracy without them is shown too.
    sub_right = sub_total = 0
    dists: list[float] = []
    t0 = time.perf_counter()
    t_places = 0.0
    places_stage = pipeline.stages[-1]
    for i, (text, gold) in enumerate(corpus):
        story = Story(text=text, uri=f"eval:{i}", format="text")
        doc = nlp(text)
        art = pipeline.article(story, doc)
        t = time.perf_counter()
        places_stage.run(art, doc, story)  # timed alone: the stage's own cost per story
        t_places += time.perf_counter() - t
        spans = [(s, e, p) for p in art.places for s, e in p.mentions]
        for gs, ge, phrase, lat, lon in gold:
            total += 1
            country = any(c.feature == "country" and not c.alt for c in gaz.lookup(phrase))
            sub_total += not country
            hits = [(min(e, ge) - max(s, gs), p) for s, e, p in spans if s < ge and gs < e]
            if not hits:
                errors.append(f"MISS  {phrase!r}  ctx={text[max(0, gs - 40):ge + 20]!r}")
                continue
            found += 1
            p = max(hits, key=lambda h: h[0])[1]
            if p.lat is None:
                errors.append(f"NOPT  {phrase!r} -> {p.name} ({p.country}, {p.feature})")
                continue
            d = haversine_km(lat, lon, p.lat, p.lon)
            dists.append(d)
            if d <= 161:
                right += 1
                sub_right += not country
            else:
                errors.append(f"FAR   {phrase!r} -> {p.name} ({p.country}, {p.feature}) {d:.0f} km")
    return {
        "toponyms": total,
        "acc161": right / total if total else 0.0,
        "recall": found / total if total else 0.0,
        "noncountry_acc161": sub_right / sub_total if sub_total else 0.0,
        "noncountry_toponyms": sub_total,
        "median_km": statistics.median(dists) if dists else float("nan"),
        "s": time.perf_counter() - t0,
        "places_ms_per_story": 1000 * t_places / max(1, len(corpus)),
    }


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
    all_right = all_total = sub_right = sub_total = 0.0
    for name, reader, fn in (("TR-News", trnews, "TR-News.xml"), ("GeoVirus", geovirus, "GeoVirus.xml")):
        corpus = reader(GEO / fn)
        if args.limit:
            corpus = corpus[: args.limit]
        errors: list[str] = []
        r = score(pipeline, nlp, corpus, errors)
        results[name] = r
        all_right += r["acc161"] * r["toponyms"]
        all_total += r["toponyms"]
        sub_right += r["noncountry_acc161"] * r["noncountry_toponyms"]
        sub_total += r["noncountry_toponyms"]
        print(f"{name:9s} toponyms={r['toponyms']:5d} acc@161km={r['acc161']:.3f} recall={r['recall']:.3f} "
              f"median_err={r['median_km']:.1f}km non-country acc@161km={r['noncountry_acc161']:.3f} "
              f"({r['noncountry_toponyms']}) places={r['places_ms_per_story']:.1f}ms/story ({r['s']:.0f}s)")
        for line in errors[: args.show_errors]:
            print("   ", line)
    acc = all_right / all_total if all_total else 0.0
    print(f"overall   acc@161km={acc:.3f} (bar >= {BARS['acc161']})  "
          f"{'PASS' if acc >= BARS['acc161'] else 'BELOW BAR'}  "
          f"(without country toponyms: {sub_right / max(1.0, sub_total):.3f}, not a bar)")
    print(f"gazetteer load={load_s:.3f}s (bar <= {BARS['load_s']}s) rss={rss:.0f}MB (bar <= {BARS['rss_mb']}MB)  "
          f"{'PASS' if load_s <= BARS['load_s'] and rss <= BARS['rss_mb'] else 'BELOW BAR'}  "
          f"(importing the newsgraph package before it: {import_s:.3f}s)")
    for line in example_check(Pipeline(Options(stages=[entities.STAGE, places.STAGE]), nlp=nlp)):
        print(line)
    if args.json:
        print(json.dumps({"corpora": results, "acc161": acc, "load_s": load_s, "rss_mb": rss}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
