"""Coverage-guided fuzzing (atheris) of the readers and the cleaning stages, beside the hypothesis tests.

Each input is a byte string: its first byte picks the format (auto, text, html, warc, jsonl, feed) and
whether the rest is gzipped; the rest goes through `read_one` and every document through
`document_stories`. A finding is an exception that escapes them (a reader must turn bad input into a
Reject) or an input slower than --slow seconds. libFuzzer keeps its corpus in --corpus, so a later run
starts where this one stopped.

    pip install "atheris>=2.3,<4"          # optional; the `fuzz` extra
    .venv/bin/python benchmarks/fuzz.py --seconds 300 [--corpus /tmp/newsgraph_fuzz]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time

FORMATS = ("auto", "text", "html", "warc", "jsonl", "feed")
SEEDS = [
    b"\x00Harbour pilots ended their strike on Tuesday.\n\nThe port said ships would sail again.",
    b"\x02<html><head><title>T</title></head><body><article><h1>Head</h1><p>One paragraph here.</p>"
    b"<figure><figcaption>A caption</figcaption></figure></article></body></html>",
    b"\x04{\"text\": \"A short story about a bridge.\", \"title\": \"Bridge\"}\n{\"text\": 3}\n[1]\n",
    b"\x05<?xml version=\"1.0\"?><rss><channel><item><title>A</title><description>Body text.</description>"
    b"</item></channel></rss>",
    b"\x03WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=120, help="total fuzzing time")
    ap.add_argument("--corpus", default=os.path.join(tempfile.gettempdir(), "newsgraph_fuzz"))
    ap.add_argument("--slow", type=float, default=5.0, help="seconds one input may take")
    args, rest = ap.parse_known_args()
    try:
        import atheris
    except ImportError:
        print("SKIP: atheris is not installed (pip install 'atheris>=2.3,<4')")
        return 0
    with atheris.instrument_imports(include=["newsgraph"]):
        from newsgraph.clean import document_stories
        from newsgraph.sources import read_one
        from newsgraph.sources.base import Document, Reject

    os.makedirs(args.corpus, exist_ok=True)
    for i, seed in enumerate(SEEDS):
        with open(os.path.join(args.corpus, f"seed-{i}"), "wb") as f:
            f.write(seed)
    work = tempfile.mkdtemp(prefix="newsgraph_fuzz_in_")
    started = 0.0  # set when fuzzing starts; one_input reads it
    stats = {"inputs": 0, "documents": 0, "rejects": 0}

    def one_input(data: bytes) -> None:
        if time.time() - started > args.seconds:
            # libFuzzer would end the process without running Python's exit handlers: say what ran, then stop
            print(f"fuzz: {stats['inputs']:,} inputs in {time.time() - started:.0f} s, {stats['documents']:,} "
                  f"documents, {stats['rejects']:,} clear rejects, 0 findings", flush=True)
            os._exit(0)
        if not data:
            return
        fmt = FORMATS[data[0] % len(FORMATS)]
        body = data[1:]
        path = os.path.join(work, "in.gz" if data[0] & 0x80 else "in")
        with open(path, "wb") as f:
            f.write(gzip.compress(body) if data[0] & 0x80 else body)
        t0 = time.perf_counter()
        for item in read_one(path, fmt):
            if isinstance(item, Reject):
                stats["rejects"] += 1
                continue
            assert isinstance(item, Document)
            stats["documents"] += 1
            for story in document_stories(item):
                # a span is set only when a document held several stories
                if story.span is not None:
                    assert 0 <= story.span[0] <= story.span[1] <= len(item.text), "story span out of range"
        stats["inputs"] += 1
        if time.perf_counter() - t0 > args.slow:
            raise RuntimeError(f"slow input: {time.perf_counter() - t0:.1f} s for {len(data)} bytes")

    print(f"fuzzing readers + cleaning for {args.seconds} s; corpus {args.corpus}", flush=True)
    started = time.time()
    atheris.Setup([sys.argv[0], f"-max_total_time={args.seconds + 60}", "-rss_limit_mb=4096", "-max_len=65536",
                   f"-artifact_prefix={args.corpus}-finding-",
                   *rest, args.corpus], one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
