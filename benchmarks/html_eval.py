"""HTML main-text quality: trafilatura alone against newsgraph's HTML path, on two public benchmarks.

1. ScrapingHub article-extraction-benchmark (../shared/data/scrapinghub-aeb): the benchmark's own metric —
   4-word shingles counted as a multiset, TP/FP/FN normalised per page, precision and recall averaged over
   pages and F1 taken from those averages. Bar: F1 >= 0.965 (trafilatura 2.0.0 published 0.958).
2. WCXB development articles (../shared/data/wcxb-dev-articles): WCXB's own metric — bag-of-words F1 per page
   (lowercased \\w+ tokens), averaged; the share of `with` snippets found and of `without` snippets (page
   furniture) leaking, as case-insensitive substrings, averaged per page. Bars: F1 >= 0.93, leaks <= 2%.

"trafilatura" is `trafilatura.extract(html, include_comments=False)`, the call the ScrapingHub benchmark
runs. "newsgraph" is `newsgraph.sources.html.extract_html` followed by the line roles of
`newsgraph.clean.lines`, keeping body and heading lines (furniture and captions dropped), as the pipeline does;
"ng-html-only" is the same text before the line roles, to tell the two stages' shares apart.

Run: .venv/bin/python benchmarks/html_eval.py [--limit N] [--only aeb|wcxb] [--worst K]

Exits 1 when a full run (no --limit) misses a bar.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
AEB = DATA / "scrapinghub-aeb"
WCXB = DATA / "wcxb-dev-articles"

_WORD = re.compile(r"\w+")
# The bars above: newsgraph's F1 on AEB; F1 and furniture leaks on WCXB.
AEB_F1_BAR = 0.965
WCXB_F1_BAR = 0.93
WCXB_LEAKS_BAR = 0.02


def aeb_ok(out: dict[str, dict[str, float]]) -> bool:
    return out["newsgraph"]["f1"] >= AEB_F1_BAR


def wcxb_ok(out: dict[str, dict[str, float]]) -> bool:
    return out["newsgraph"]["f1"] >= WCXB_F1_BAR and out["newsgraph"]["without"] <= WCXB_LEAKS_BAR


# --- ScrapingHub metric (coupled to article-extraction-benchmark's evaluate.py: keep the same arithmetic) ---

def _shingles(text: str, n: int = 4) -> Counter:
    toks = _WORD.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def aeb_scores(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    def prec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def rec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    ps = [prec(*r) for r in rows if r[0] + r[1] > 0]
    rs = [rec(*r) for r in rows if r[0] + r[2] > 0]
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# --- WCXB metric (coupled to WCXB's evaluate.py) ---

def word_prf(pred: str, ref: str) -> tuple[float, float, float]:
    pt, rt = _WORD.findall(pred.lower()), _WORD.findall(ref.lower())
    if not rt:
        return (1.0, 1.0, 1.0) if not pt else (0.0, 0.0, 0.0)
    if not pt:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pt) & Counter(rt)).values())
    p, r = overlap / len(pt), overlap / len(rt)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def snippet_rate(text: str, snippets: list[str]) -> float:
    if not snippets:
        return 1.0
    low = text.lower()
    return sum(1 for s in snippets if s.lower() in low) / len(snippets)


# --- the two systems ---

def run_trafilatura(html: str, url: str | None) -> dict[str, str]:
    import trafilatura

    return {"trafilatura": trafilatura.extract(html, include_comments=False) or ""}


def run_newsgraph(html: str, url: str | None) -> dict[str, str]:
    """newsgraph's text, and (as "ng-html-only") what sources/html.py gives before the line roles."""
    from newsgraph.clean.lines import assign_roles, split_lines
    from newsgraph.sources.html import extract_html

    try:
        page = extract_html(html, url)
    except Exception as e:  # a page that fails scores zero, like an empty extraction
        print(f"  newsgraph failed on {url}: {type(e).__name__}: {e}", file=sys.stderr)
        return {"ng-html-only": "", "newsgraph": ""}
    lines = split_lines(page.text)
    assign_roles(lines, headings=set(page.headings), learned=False)  # as clean.document_stories does
    kept = "\n".join(ln.text for ln in lines if ln.role in ("body", "heading"))
    return {"ng-html-only": page.text, "newsgraph": kept}


RUNNERS: list[Callable[[str, str | None], dict[str, str]]] = [run_trafilatura, run_newsgraph]
SYSTEMS = ("trafilatura", "ng-html-only", "newsgraph")


def _outputs(html: str, url: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for fn in RUNNERS:
        out.update(fn(html, url))
    return out


def _read_gz(path: Path) -> str:
    with gzip.open(path, "rb") as f:
        raw = f.read()
    return raw.decode("utf-8", errors="replace")


def eval_aeb(limit: int | None, worst: int) -> dict[str, dict[str, float]]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name in SYSTEMS}
    per_page: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    for key in keys:
        html = _read_gz(AEB / "html" / f"{key}.html.gz")
        body = truth[key].get("articleBody", "")
        url = truth[key].get("url")
        for name, text in _outputs(html, url).items():
            rows[name].append(shingle_tp_fp_fn(body, text))
        tp, fp, fn_ = rows["newsgraph"][-1]
        per_page.append((tp - rows["trafilatura"][-1][0], f"{key[:12]} tp={tp:.3f} fp={fp:.3f} fn={fn_:.3f} {url}"))
    out = {name: aeb_scores(r) for name, r in rows.items()}
    print(f"ScrapingHub AEB: {len(keys)} pages in {time.perf_counter() - t0:.0f}s (4-word shingles, its metric)",
          flush=True)
    for name, m in out.items():
        print(f"  {name:<12} precision={m['precision']:.4f} recall={m['recall']:.4f} F1={m['f1']:.4f}", flush=True)
    print(f"  bar: newsgraph F1 >= {AEB_F1_BAR} -> {'PASS' if aeb_ok(out) else 'BELOW'}")
    for d, line in sorted(per_page)[:worst]:
        print(f"    worse than trafilatura by {-d:+.3f}: {line}")
    return out


def _wcxb_items(limit: int | None):
    files = sorted((WCXB / "ground-truth").glob("*.json"))
    n = 0
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        gt = data.get("ground_truth")
        if not isinstance(gt, dict) or not isinstance(gt.get("main_content"), str):
            continue
        html_path = WCXB / "html" / f"{f.stem}.html.gz"
        if not html_path.exists():
            continue
        yield f.stem, data.get("url"), _read_gz(html_path), gt
        n += 1
        if limit and n >= limit:
            return


def eval_wcxb(limit: int | None, worst: int) -> dict[str, dict[str, float]]:
    from scrape_pages import part_of  # lines_eval's page hash: its train/tune/test parts, here too

    acc: dict[str, dict[str, float]] = {name: Counter() for name in SYSTEMS}
    by_part: dict[tuple[str, str], list[float]] = {}
    n = 0
    leaks: Counter = Counter()
    per_page: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    for fid, url, html, gt in _wcxb_items(limit):
        n += 1
        for name, text in _outputs(html, url).items():
            p, r, f1 = word_prf(text, gt["main_content"])
            a = acc[name]
            a["precision"] += p
            a["recall"] += r
            a["f1"] += f1
            by_part.setdefault((part_of(f"wcxb/{fid}"), name), []).append(f1)
            a["with"] += snippet_rate(text, gt.get("with") or [])
            a["without"] += snippet_rate(text, gt.get("without") or []) if gt.get("without") else 0.0
            if name == "newsgraph":
                per_page.append((f1, f"{fid} p={p:.3f} r={r:.3f} {url}"))
                low = text.lower()
                for s in gt.get("without") or []:
                    if s.lower() in low:
                        leaks[s[:60]] += 1
    print(f"WCXB dev articles: {n} pages in {time.perf_counter() - t0:.0f}s (word F1 per page, its metric)")
    out = {}
    for name, a in acc.items():
        m = {k: v / n for k, v in a.items()}
        out[name] = m
        print(f"  {name:<12} precision={m['precision']:.4f} recall={m['recall']:.4f} F1={m['f1']:.4f} "
              f"with-snippets found={m['with']:.1%} without-snippets leaked={m['without']:.2%}")
    for part in ("train", "tune", "test"):
        f1s = {name: by_part.get((part, name), []) for name in SYSTEMS}
        print(f"  F1 on lines_eval's {part} part ({len(f1s['newsgraph'])} pages): "
              + " ".join(f"{name}={sum(v) / max(1, len(v)):.4f}" for name, v in f1s.items()))
    print(f"  bar: newsgraph F1 >= {WCXB_F1_BAR} and leaks <= {WCXB_LEAKS_BAR:.0%} -> "
          f"{'PASS' if wcxb_ok(out) else 'BELOW'}")
    for f1, line in sorted(per_page)[:worst]:
        print(f"    F1={f1:.3f} {line}")
    if worst:
        print("    most frequent leaked `without` snippets:", leaks.most_common(worst))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="pages per benchmark (default: all)")
    ap.add_argument("--only", choices=("aeb", "wcxb"), default=None)
    ap.add_argument("--worst", type=int, default=0, help="list the K worst pages of newsgraph")
    args = ap.parse_args(argv)
    if not AEB.is_dir() and not WCXB.is_dir():
        print(f"SKIP: no benchmark data at {DATA}")
        return 0
    missed = []
    if args.only in (None, "aeb"):
        if AEB.is_dir():
            if not aeb_ok(eval_aeb(args.limit, args.worst)):
                missed.append("AEB")
        else:
            print(f"SKIP: {AEB} absent")
    if args.only in (None, "wcxb"):
        if WCXB.is_dir():
            if not wcxb_ok(eval_wcxb(args.limit, args.worst)):
                missed.append("WCXB")
        else:
            print(f"SKIP: {WCXB} absent")
    if args.limit:
        print("bars not checked with --limit")  # they hold for the whole sets
        return 0
    if missed:
        print("FAIL: below the bar on " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
