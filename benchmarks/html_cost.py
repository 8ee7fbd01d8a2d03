"""What HTML extraction adds to the cost of a story: words/s of the HTML and WARC readers against the whole
pipeline on the same pages, in one process.

Pages are the development sets' HTML (scrapinghub-aeb and WCXB in ../shared/data); a WARC.gz of them (one
gzip member per record, response records with HTTP headers, as Common Crawl News writes them) is built in a
temporary folder with fastwarc. Words are those of the clean text that comes out (the stories' `text`), the
unit of docs/scale.md, so every rate below divides the same words by a different time:

- html reader:     decode the bytes + `extract_html` (trafilatura, our filters), per page
- warc reader:     `read_warc` on the WARC.gz + `extract_html` on each record
- full from warc:  `Pipeline.run` on the WARC.gz (reading, extraction, cleaning, spaCy, every extractor)
- full from text:  `Pipeline.run_documents` on the extracted text as plain-text documents

The share of the total that HTML extraction takes is warc reader time / full-from-warc time.

    .venv/bin/python benchmarks/html_cost.py [--pages N]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core, like one worker process

from _shared import DATA  # noqa: E402


def pages() -> list[tuple[str, bytes]]:
    """(url, raw HTML bytes) of every development page, both sets interleaved so any prefix mixes them."""
    aeb, wcxb = [], []
    gt = DATA / "scrapinghub-aeb" / "ground-truth.json"
    if gt.exists():
        truth = json.loads(gt.read_text("utf-8"))
        for p in sorted((DATA / "scrapinghub-aeb" / "html").glob("*.html.gz")):
            key = p.name.split(".")[0]
            aeb.append(((truth.get(key) or {}).get("url") or f"https://aeb.example/{key}", gzip.decompress(p.read_bytes())))
    for p in sorted((DATA / "wcxb-dev-articles" / "html").glob("*.html.gz")):
        meta = DATA / "wcxb-dev-articles" / "ground-truth" / f"{p.name.split('.')[0]}.json"
        url = json.loads(meta.read_text("utf-8")).get("url") if meta.exists() else None
        wcxb.append((url or f"https://wcxb.example/{p.name}", gzip.decompress(p.read_bytes())))
    out: list[tuple[str, bytes]] = []
    for i in range(max(len(aeb), len(wcxb))):
        out += [x[i] for x in (aeb, wcxb) if i < len(x)]
    return out


def write_warc(path: Path, items: list[tuple[str, bytes]]) -> None:
    from fastwarc.warc import WarcRecord, WarcRecordType

    with path.open("wb") as f:
        for url, body in items:
            rec = WarcRecord()
            rec.init_headers(WarcRecordType.response)
            rec.headers["WARC-Target-URI"] = url
            rec.headers["Content-Type"] = "application/http; msgtype=response"
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n"
            rec.set_bytes_content(head.encode() + body)
            buf = io.BytesIO()
            rec.write(buf)
            f.write(gzip.compress(buf.getvalue()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300, help="pages to use (both sets interleaved)")
    args = ap.parse_args()
    if not (DATA / "scrapinghub-aeb" / "html").exists() and not (DATA / "wcxb-dev-articles" / "html").exists():
        print(f"SKIP html_cost: {DATA} has no HTML pages (the shared development data is not beside the project)")
        return 0
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        print("SKIP html_cost: fastwarc is not installed (pip install 'newsgraph[warc]')")
        return 0

    from newsgraph import Document, Pipeline
    from newsgraph.model import Article
    from newsgraph.sources.decode import decode_html
    from newsgraph.sources.html import extract_html
    from newsgraph.sources.warc import read_warc

    items = pages()[:args.pages]
    pipe = Pipeline()
    pipe.nlp  # noqa: B018 - load the model outside the timing
    list(pipe.run_documents([Document(uri="w", format="html", html=items[0][1].decode("utf-8", "replace"))]))

    def timed(fn) -> tuple[float, float, object]:
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        return time.perf_counter() - w, time.process_time() - c, out

    def html_reader() -> list[str]:
        return [extract_html(decode_html(raw, url, []), url).text for url, raw in items]

    with tempfile.TemporaryDirectory() as d:
        warc = Path(d) / "pages.warc.gz"
        write_warc(warc, items)
        mb_html, mb_warc = sum(len(b) for _, b in items) / 1e6, warc.stat().st_size / 1e6

        def warc_reader() -> int:
            return sum(1 for _ in read_warc(str(warc), str(warc)))

        def warc_extract() -> int:
            return sum(len(extract_html(doc.html or "", doc.url).text) > 0 for doc in read_warc(str(warc), str(warc)))

        def full_warc() -> list[Article]:
            return [a for a in pipe.run([str(warc)], fmt="warc") if isinstance(a, Article)]

        # The cheap steps run before and after the costly ones and are averaged, to share the machine's noise.
        h1 = timed(html_reader)
        r1 = timed(warc_reader)
        x1 = timed(warc_extract)
        f = timed(full_warc)
        texts: list[str] = h1[2]  # type: ignore[assignment]
        text_docs = [Document(uri=f"t{i}", format="text", text=t) for i, t in enumerate(texts) if t.strip()]
        t = timed(lambda: [a for a in pipe.run_documents(text_docs) if isinstance(a, Article)])
        h2, r2, x2 = timed(html_reader), timed(warc_reader), timed(warc_extract)
        n_rec = r1[2]

    arts: list[Article] = f[2]  # type: ignore[assignment]
    arts_text: list[Article] = t[2]  # type: ignore[assignment]
    words = sum(len(a.text.split()) for a in arts)
    words_text = sum(len(a.text.split()) for a in arts_text)

    def mean(a, b) -> tuple[float, float]:
        return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2

    print(f"pages: {len(items)} ({mb_html:.1f} MB of HTML; WARC.gz of {n_rec} response records, {mb_warc:.1f} MB); "
          f"{len(arts)} stories out, {words:,} words of clean text ({words_text:,} from the text path)")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; one process, one thread")
    print(f"  {'step':36s} {'wall s':>7s} {'CPU s':>7s} {'words/CPU-s':>11s} {'CPU ms/page':>11s}")
    rows = [
        ("html reader (decode + extract_html)", mean(h1, h2), words),
        ("warc reader alone (read_warc)", mean(r1, r2), words),
        ("warc reader + extract_html", mean(x1, x2), words),
        ("full pipeline from the WARC.gz", f[:2], words),
        ("full pipeline from extracted text", t[:2], words_text),
    ]
    for name, (wall, cpu), w in rows:
        print(f"  {name:36s} {wall:7.1f} {cpu:7.1f} {w / cpu:11,.0f} {1000 * cpu / len(items):11.1f}")
    share = mean(x1, x2)[1] / f[1]
    print(f"HTML extraction share of the full WARC pipeline (CPU time): {100 * share:.0f}%; "
          f"per word, full from WARC costs {(f[1] / words) / (t[1] / words_text):.2f}x full from text")
    print(f"full pipeline from WARC: {words / f[1] * 3600 / 1e6:.1f} M words per core-hour (CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
