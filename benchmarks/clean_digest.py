"""A digest of cleaning's output, to show that a change meant to be output-neutral (a speed-up, a refactor) is.

Runs document_stories over the user's example, the bundled sample and lines_eval's documents of one part
(run-together documents, pages of briefs, single pages) and prints one sha1 of every story's text and removed
lines, with the CPU time taken. Run it before and after the change (e.g. with `git stash`): the same digest
means byte-identical stories. Session 12 checked its speed-ups so (252 tune-part documents).

    .venv/bin/python benchmarks/clean_digest.py [--part tune] [--runs 60] [--briefs 40] [--pages 150]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lines_eval as le
import scrape_pages as sp
from _shared import EXAMPLES, ROOT


def texts(part: str, runs: int, briefs: int, pages: int) -> list[str]:
    """The documents digested: the example and the sample when present, then the part's documents."""
    out = [p.read_text("utf-8") for p in (EXAMPLES / "000_555da0d0ff763633.txt", ROOT / "examples" / "sample_scrape.txt")
           if p.exists()]
    got = sp.load_pages(parts=(part,))
    out += ["\n".join(d.lines) for d in le.make_runs(got, runs)]
    out += ["\n".join(d.lines) for d in le.make_briefs(got, briefs)]
    return out + ["\n".join(p.lines) for p in got[:pages]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="tune", choices=le.PARTS, help="lines_eval part whose documents are cleaned")
    ap.add_argument("--runs", type=int, default=60, help="run-together documents")
    ap.add_argument("--briefs", type=int, default=40, help="pages of briefs")
    ap.add_argument("--pages", type=int, default=150, help="single pages (both scraper styles)")
    args = ap.parse_args()
    from newsgraph.clean import document_stories
    from newsgraph.sources.base import Document

    docs = texts(args.part, args.runs, args.briefs, args.pages)
    digest, t0 = hashlib.sha1(), time.process_time()
    for text in docs:
        for st in document_stories(Document(uri="clean_digest", format="text", text=text)):
            digest.update(st.text.encode())
            digest.update(repr(st.removed).encode())
    print(f"clean_digest: {len(docs)} documents, sha1 {digest.hexdigest()}, {time.process_time() - t0:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
