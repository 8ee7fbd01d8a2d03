"""Throughput of a distributed run with 1 and 2 Dask workers on this machine, and peak memory per worker.

Scaling efficiency = (words/s with 2 workers) / (2 x words/s with 1 worker). Bar: >= 0.8 on 2 cores.
The corpus is real article bodies from the development sets when present, else the bundled example.

    python benchmarks/scale.py [--stories N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

from throughput import corpus  # noqa: E402


def peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_run(src: Path, workers: int, lines: int) -> tuple[float, int, list[float]]:
    from dask.distributed import Client, LocalCluster

    from newsgraph import distributed

    parts = distributed.plan([str(src)], "jsonl", lines=lines)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    client = Client(cluster)
    try:
        # load the model on every worker before the clock starts: a long run pays it once
        client.run(lambda: distributed._pipeline(None, 32).nlp)
        n = 0

        def count(r):
            nonlocal n
            n += len(r["articles"])

        t0 = time.perf_counter()
        distributed.run(parts, scheduler=cluster.scheduler_address, on_result=count)
        secs = time.perf_counter() - t0
        mem = list(client.run(peak_rss_mib).values())
    finally:
        client.close()
        cluster.close()
    return secs, n, mem


def main() -> int:
    """Exits 1 when the scaling efficiency misses its bar."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=120)
    args = ap.parse_args()
    texts = corpus(args.stories)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}) + "\n")
        lines = max(1, len(texts) // 8)  # 8 partitions: both workers stay busy to the end
        results = {w: timed_run(src, w, lines) for w in (1, 2)}
    wps = {w: words / r[0] for w, r in results.items()}
    print(f"corpus: {len(texts)} documents, {words:,} words, {max(1, len(texts) // 8)} documents per partition")
    for w, (secs, n, mem) in results.items():
        print(f"{w} worker(s): {secs:.1f}s, {wps[w]:,.0f} words/s, {n} stories; peak memory per worker "
              + ", ".join(f"{m:.0f} MiB" for m in mem))
    eff = wps[2] / (2 * wps[1])
    print(f"scaling efficiency 2 workers: {eff:.2f} (bar >= 0.8: {'PASS' if eff >= 0.8 else 'FAIL'})")
    print(f"per-core throughput: {wps[1]:,.0f} words/s = {wps[1] * 3600 / 1e6:.1f} M words per core-hour")
    return 0 if eff >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
