"""Quality gate for counted figures: scores extract/figures.py against a hand-labelled gold set.

Gold (benchmarks/data/figures_gold.jsonl) holds only ids, offsets and labels into TR-News and GeoVirus
(../shared/data/geoparsing); the text is re-read from there, and a short hash of each labelled span checks
the offsets still fit. Splits, labelled by reading the text before any extractor output was seen:
"dev" (393 figures, used while writing the rules), "holdout" (94, GeoVirus 98-159) and "holdout2" (78,
GeoVirus 162-187), each labelled after the rules of the time were frozen and scored once before any
further change (first scores: holdout category 0.908 / value 0.989 / casualty recall 0.982; holdout2
0.984 / 1.000 / 0.897). Each gold figure is matched to the extracted figure whose span overlaps it.
Bars (issue 6): category accuracy >= 0.90 and value/qualifier exact >= 0.95
over matched figures; recall >= 0.90 of casualty figures. Then the user's example
(../shared/examples) is checked figure by figure against the expectations listed below.

    .venv/bin/python benchmarks/figures_eval.py [--show-errors]

Prints SKIP and exits 0 when ../shared is absent; exits 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
GOLD = ROOT / "benchmarks" / "data" / "figures_gold.jsonl"
CASUALTY = {"killed", "injured", "killed_or_injured", "missing", "displaced", "arrested", "kidnapped"}
BARS = {"category_accuracy": 0.90, "value_qualifier_exact": 0.95, "casualty_recall": 0.90}

# The user's example: (a phrase that locates the figure, category, qualifier, value, low, high).
# Located by search at run time; the example text itself stays in ../shared.
EXAMPLE = "examples/000_555da0d0ff763633.txt"
EXAMPLE_EXPECT = [
    ("300,000", "displaced", "exact", 300000, None, None),
    ("hundreds of thousands", "troops", "vague", None, 200000, None),
    ("thousands of others", "other", "vague", None, 2000, None),
    ("40,000 and 80,000", "killed_or_injured", "between", None, 40000, 80000),
    ("17 people", "killed", "at_least", 17, None, None),
    ("five people", "killed", "exact", 5, None, None),
    ("more than 30", "injured", "more_than", 30, None, None),
    ("12 died", "killed", "at_least", 12, None, None),
    ("450,000", "killed", "about", 450000, None, None),
    ("253,000", "area", "exact", 253000, None, None),
    ("four children", "other", "exact", 4, None, None),
]
# Numbers in the example that must not come out as figures.
EXAMPLE_NOT = ["0:49", "4:02", "5:57", "1964", "2022", "2023", "1985 and 2018", "17 next year", "24 hours",
               "two weeks", "four days", "two fingers", "2.0", "Article 5"]


def load_docs() -> dict[tuple[str, str], str]:
    docs: dict[tuple[str, str], str] = {}
    root = ET.parse(DATA / "geoparsing" / "TR-News.xml").getroot()
    for a in root.findall("article"):
        docs[("tr-news", a.get("docid") or "")] = a.findtext("text") or ""
    root = ET.parse(DATA / "geoparsing" / "GeoVirus.xml").getroot()
    for i, a in enumerate(root.findall("article")):
        docs[("geovirus", str(i))] = a.findtext("text") or ""
    return docs


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-errors", action="store_true", help="print every miss and mismatch")
    args = ap.parse_args()
    if not (DATA / "geoparsing").is_dir():
        print(f"SKIP figures_eval: {DATA / 'geoparsing'} not found (../shared/data is absent)")
        return 0

    from newsgraph import nlp as nlp_mod
    from newsgraph.extract.figures import extract_figures

    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    docs = load_docs()
    nlp = nlp_mod.load(None, needs=("ner", "parser"))
    keys = sorted({(g["corpus"], g["doc"]) for g in gold})
    t0 = time.perf_counter()
    texts = [docs[k] for k in keys]
    parsed = dict(zip(keys, nlp.pipe(texts, batch_size=16), strict=True))
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    extracted = {k: extract_figures(docs[k], parsed[k]) for k in keys}
    t_fig = time.perf_counter() - t0

    failed = False
    for split in ("all", "dev", "holdout", "holdout2"):
        part = [g for g in gold if split == "all" or g.get("split", "dev") == split]
        scores, errors, confusion = score(part, docs, extracted)
        if not part:
            continue
        print(f"[{split}] " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()))
        if split == "all":
            for k, v in scores.items():
                if k in BARS:
                    ok = v >= BARS[k]
                    failed |= not ok
                    print(f"    {k:24s} {v:.3f}  (bar {BARS[k]:.2f}) {'ok' if ok else 'BELOW BAR'}")
            if args.show_errors:
                for e in errors:
                    print(e)
                print("confusion (gold, got):", dict(confusion.most_common()))
    n_chars = sum(len(t) for t in texts)
    print(f"gold figures: {len(gold)} in {len(keys)} documents; time: spaCy {t_nlp:.2f}s, figures "
          f"{t_fig * 1000:.0f} ms for {n_chars} chars ({n_chars / max(t_fig, 1e-9) / 1000:.0f}k chars/s)")
    failed |= not check_example(extract_figures, nlp, args.show_errors)
    return 1 if failed else 0


def score(gold: list[dict], docs: dict, extracted: dict) -> tuple[dict[str, float], list[str], Counter]:
    matched = cat_ok = val_ok = 0
    cas_total = cas_found = 0
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    for g in gold:
        text = docs[(g["corpus"], g["doc"])]
        snippet = text[g["start"]:g["end"]]
        if hashlib.sha1(snippet.encode()).hexdigest()[:8] != g["check"]:
            raise SystemExit(f"gold offsets do not match the source text: {g}")
        is_cas = g["category"] in CASUALTY
        cas_total += is_cas
        hits = [f for f in extracted[(g["corpus"], g["doc"])] if f.span[0] < g["end"] and g["start"] < f.span[1]]
        ctx = text[max(0, g["start"] - 60):g["end"] + 60].replace("\n", " ")
        if not hits:
            errors.append(f"MISS [{g['category']}] {snippet!r} :: {ctx}")
            continue
        f = hits[0]
        matched += 1
        cas_found += is_cas
        confusion[(g["category"], f.category)] += 1
        if f.category == g["category"]:
            cat_ok += 1
        else:
            errors.append(f"CAT gold={g['category']} got={f.category} {f.text!r} :: {ctx}")
        if f.qualifier == g["qualifier"] and _same(f.value, g["value"]) and _same(f.low, g["low"]) \
                and _same(f.high, g["high"]):
            val_ok += 1
        else:
            errors.append(f"VAL gold={g['qualifier']} {g['value']} {g['low']} {g['high']} got={f.qualifier} "
                          f"{f.value} {f.low} {f.high} {f.text!r} :: {ctx}")

    scores = {
        "category_accuracy": cat_ok / matched if matched else 0.0,
        "value_qualifier_exact": val_ok / matched if matched else 0.0,
        "casualty_recall": cas_found / cas_total if cas_total else 0.0,
        "recall": matched / len(gold) if gold else 0.0,
        "n": float(len(gold)),
        "n_casualty": float(cas_total),
    }
    return scores, errors, confusion


def check_example(extract_figures, nlp, verbose: bool) -> bool:
    path = SHARED / EXAMPLE
    if not path.exists():
        print("SKIP example check: the user's example is absent")
        return True
    text = path.read_text(encoding="utf-8")
    figs = extract_figures(text, nlp(text))
    ok_all = True
    for phrase, cat, qual, value, low, high in EXAMPLE_EXPECT:
        at = text.find(phrase)
        hits = [f for f in figs if at >= 0 and f.span[0] < at + len(phrase) and at < f.span[1]]
        good = bool(hits) and (cat is None or hits[0].category == cat) and hits[0].qualifier == qual \
            and _same(hits[0].value, value) and _same(hits[0].low, low) and _same(hits[0].high, high)
        ok_all &= good
        got = (hits[0].category, hits[0].qualifier, hits[0].value, hits[0].low, hits[0].high) if hits else None
        if verbose or not good:
            print(f"example {'ok ' if good else 'BAD'} {phrase!r}: expected {cat} {qual} {value} {low} {high}, "
                  f"got {got}")
    for phrase in EXAMPLE_NOT:
        at = text.find(phrase)
        hits = [f for f in figs if at >= 0 and f.span[0] < at + len(phrase) and at < f.span[1]]
        if hits:
            ok_all = False
            print(f"example BAD {phrase!r} is not a figure, got {[(f.text, f.category) for f in hits]}")
    print(f"user's example: {len(EXAMPLE_EXPECT)} expected figures and {len(EXAMPLE_NOT)} non-figures "
          f"{'all right' if ok_all else 'NOT all right'}; {len(figs)} figures extracted")
    if verbose:
        for f in figs:
            print(f"   {f.category:18s} {f.qualifier:10s} {f.value} {f.low} {f.high} {f.unit} {f.text!r}")
    return ok_all


if __name__ == "__main__":
    sys.exit(main())
