"""Output identity of cleaning and splitting: a sha256 per document of everything document_stories returns.

A speed-up of cleaning must not change its output. This runs the public entry point (newsgraph.clean's
document_stories, which clean_eval.py and lines_eval.py call) over a fixed set of text documents: the user's
example (../shared/examples), examples/sample_scrape.txt, and lines_eval's documents of the given parts (its
run-together documents, pages of briefs and single pages of both scraper styles, from ../shared/data). Each
document's digest covers its stories' text, span, title, headings, captions, removed lines with their kinds,
glue repairs and line map. Unlike clean_digest.py (one sha1 of all), a difference here names the documents.

    .venv/bin/python benchmarks/clean_identity.py --out /tmp/base.json            # record
    .venv/bin/python benchmarks/clean_identity.py --against /tmp/base.json        # compare: exit 1 on a difference
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lines_eval as le
import scrape_pages as sp
from _shared import EXAMPLES, ROOT

FIXED = (EXAMPLES / "000_555da0d0ff763633.txt", ROOT / "examples" / "sample_scrape.txt")


def documents(parts: tuple[str, ...]) -> dict[str, str]:
    """{name: text} of every document checked, in a fixed order (lines_eval's seeds make the synthetic ones)."""
    out = {p.name: p.read_text("utf-8") for p in FIXED if p.exists()}
    for part in parts:
        pages = sp.load_pages(parts=(part,))
        for i, d in enumerate(le.make_runs(pages)):
            out[f"{part}/runs/{i}"] = "\n".join(d.lines)
        for i, d in enumerate(le.make_briefs(pages)):
            out[f"{part}/briefs/{i}"] = "\n".join(d.lines)
        for i, p in enumerate(pages):
            out[f"{part}/singles/{p.style}/{i}"] = "\n".join(p.lines)
    return out


def digest(text: str) -> str:
    """sha256 of the stories of one text document, every field cleaning sets."""
    from newsgraph.clean import document_stories
    from newsgraph.sources.base import Document

    h = hashlib.sha256()
    for st in document_stories(Document(uri="clean_identity", format="text", text=text)):
        fields = (st.text, st.span, st.title, st.headings, st.captions,
                  [(r.text, r.kind) for r in st.removed], [(r.from_, r.to) for r in st.repairs], st.line_map)
        h.update(repr(fields).encode())
        h.update(b"\0")
    return h.hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", nargs="+", default=["train", "tune"], choices=le.PARTS,
                    help="lines_eval parts whose documents are checked (default: train tune)")
    ap.add_argument("--out", type=Path, help="write the digests to this JSON file")
    ap.add_argument("--against", type=Path, help="compare with a JSON file --out wrote; exit 1 on any difference")
    args = ap.parse_args()
    docs = documents(tuple(args.parts))
    t0 = time.process_time()
    got = {name: digest(text) for name, text in docs.items()}
    secs = time.process_time() - t0
    print(f"clean_identity: {len(got)} documents, {secs:.1f} s CPU")
    if args.out:
        args.out.write_text(json.dumps(got, indent=0, sort_keys=True) + "\n", "utf-8")
    if args.against is None:
        return 0
    want = json.loads(args.against.read_text("utf-8"))
    differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    for name in differ[:50]:
        print(f"  DIFFERS {name}" + ("" if name in got and name in want else " (missing on one side)"))
    if len(differ) > 50:
        print(f"  ... and {len(differ) - 50} more")
    print(f"  {'identical' if not differ else f'{len(differ)} documents differ'} against {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
