"""Speed and memory of `newsgraph extract`, as ratios against a reference run in the same process.

1. words/s of the whole newsgraph pipeline (read, clean, split, spaCy with only the components the
   extractors need, every extractor) against raw spaCy `nlp.pipe` with the same model's default pipeline
   on the same stories, single core. Bar: ratio >= 1.0.
   Also the share of time spent outside spaCy by each stage (cleaning, each extractor).
2. Peak memory extracting 20,000 stories streamed from JSONL against 2,000 (two subprocesses).
   Bar: within 10%.

    python benchmarks/throughput.py [--stories N] [--skip-memory]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # single core, for both runs alike

from _shared import DATA  # noqa: E402

HERE = Path(__file__).resolve().parent


def corpus(n: int) -> list[str]:
    """Real article bodies from the development sets when present, else the bundled example's stories."""
    texts: list[str] = []
    gt = DATA / "wcxb-dev-articles" / "ground-truth"
    if gt.exists():
        for p in sorted(gt.glob("*.json")):
            body = json.loads(p.read_text("utf-8")).get("ground_truth", {}).get("main_content") or ""
            if len(body.split()) > 80:
                texts.append(body)
    if not texts:
        texts = [(HERE.parent / "examples" / "sample_scrape.txt").read_text("utf-8")]
    out = []
    while len(out) < n:
        out.extend(texts)
    return out[:n]


def speed(n: int) -> bool:
    """Prints words/s against raw spaCy and each stage's cost; True when the speed bar is met."""
    import spacy

    from newsgraph import Document, Pipeline
    from newsgraph.nlp import default_model

    texts = corpus(n)
    words = sum(len(t.split()) for t in texts)
    name = default_model()
    raw = spacy.load(name)
    pipe = Pipeline()
    pipe.nlp  # noqa: B018 - load outside the timing
    docs = [Document(uri=f"doc{i}", format="text", text=t) for i, t in enumerate(texts)]

    # warm both once, then time alternately to share any machine noise
    list(raw.pipe(texts[:5]))
    list(pipe.run_documents(docs[:5]))
    t_raw = t_ng = 0.0
    for _ in range(2):
        t0 = time.perf_counter()
        for _ in raw.pipe(texts, batch_size=32):
            pass
        t_raw += time.perf_counter() - t0
        t0 = time.perf_counter()
        out = list(pipe.run_documents(docs))
        t_ng += time.perf_counter() - t0
        n_art = len(out)
    wps_raw, wps_ng = 2 * words / t_raw, 2 * words / t_ng
    # The stages after cleaning read the stories' words: a cleaning that keeps more text costs them more.
    kept = sum(len(a.text.split()) for a in out if hasattr(a, "text"))
    print(f"corpus: {len(texts)} documents, {words:,} words ({n_art} stories out, {kept / words:.2%} of the words "
          f"kept); model {name}")
    print(f"raw spaCy nlp.pipe, default pipeline {raw.pipe_names}: {wps_raw:,.0f} words/s")
    print(f"newsgraph extract, components {pipe.nlp.pipe_names}: {wps_ng:,.0f} words/s")
    print(f"ratio newsgraph/raw: {wps_ng / wps_raw:.2f}  (bar >= 1.0: {'PASS' if wps_ng >= wps_raw else 'FAIL'})")
    stage_costs(pipe, docs)
    return wps_ng >= wps_raw


def stage_costs(pipe, docs) -> None:
    """Time of each stage beside spaCy's own on the same stories."""
    from newsgraph.clean import document_stories
    from newsgraph.model import Article, Source
    from newsgraph.nlp import nlp_text

    t0 = time.perf_counter()
    stories = [s for d in docs for s in document_stories(d)]
    t_clean = time.perf_counter() - t0
    t0 = time.perf_counter()
    spacy_docs = list(pipe.nlp.pipe((nlp_text(s.text) for s in stories), batch_size=32))
    t_spacy = time.perf_counter() - t0
    costs = {st.name: 0.0 for st in pipe.stages}
    for story, doc in zip(stories, spacy_docs, strict=True):
        art = Article(id="x", source=Source(story.uri), text=story.text)
        for st in pipe.stages:
            t0 = time.perf_counter()
            st.run(art, doc, story)
            costs[st.name] += time.perf_counter() - t0
    print(f"spaCy time {t_spacy:.2f}s; cleaning+splitting {t_clean:.2f}s ({100 * t_clean / t_spacy:.1f}% of spaCy)")
    for name, c in costs.items():
        print(f"  stage {name:10} {c:.2f}s ({100 * c / t_spacy:.1f}% of spaCy)")


def peak_rss(n: int, workdir: Path) -> float:
    """Peak resident MiB of a `newsgraph extract` subprocess over n streamed stories."""
    src = workdir / f"in{n}.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": str(i), "text": f"Officials in district {i} said on Monday that the "
                                f"council would vote on a plan for {i % 97} new schools. Residents told reporters "
                                f"they had waited {i % 13} years for the decision."}) + "\n")
    code = (
        "import resource, sys\n"
        "from newsgraph.cli import main\n"
        "try:\n"
        f"    main(['extract', '--from', 'jsonl', '{src}'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         check=False)
    return int(res.stderr.strip().splitlines()[-1]) / 1024


def memory(small: int, large: int) -> bool:
    """Prints peak memory at two corpus sizes; True when the growth is within the bar."""
    with tempfile.TemporaryDirectory() as d:
        a = peak_rss(small, Path(d))
        b = peak_rss(large, Path(d))
    print(f"peak memory: {small:,} stories {a:.0f} MiB; {large:,} stories {b:.0f} MiB; "
          f"growth {100 * (b / a - 1):+.1f}% (bar within 10%: {'PASS' if b <= a * 1.10 else 'FAIL'})")
    return b <= a * 1.10


def main() -> int:
    """Exits 1 when a bar (speed ratio, memory growth) is missed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=200, help="documents in the speed corpus")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--memory-stories", type=int, default=20_000)
    args = ap.parse_args()
    ok = speed(args.stories)
    if not args.skip_memory:
        ok = memory(args.memory_stories // 10, args.memory_stories) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
