"""Plain-text dumps of the development pages as naive scrapers write them, each line labelled body or furniture.

The pages are ../shared/data/wcxb-dev-articles and ../shared/data/scrapinghub-aeb (raw HTML plus the article
text). Two scraper styles, both from the whole page (menus, share bars, teasers, bylines, footers stay):
  - "blocks": every block element's text on its own line, and every link of a link list too (a DOM walker);
  - "text": a get_text/inscriptis-like dump where only block boundaries break lines.
A line is body (1) when its words are in the article body (see `label_lines`), otherwise furniture (0). The
page title counts as body: WCXB's main_content leaves it out (only 19 of 711 start with it) but a story's
headline belongs to its story, so one dump line equal to the title is labelled 1 and `Page.body` is
title + main_content. Pages split by a fixed hash into train / tune / test (60/20/20).

    .venv/bin/python benchmarks/scrape_pages.py [--show 5] [--rebuild]     # label stats, a few pages by eye
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
WCXB = DATA / "wcxb-dev-articles"
AEB = DATA / "scrapinghub-aeb"
# Bump when rendering or labelling changes: the cache is keyed by it.
VERSION = 8
CACHE = Path.home() / ".cache" / "newsgraph-bench" / f"scrape_pages-v{VERSION}.json.gz"

STYLES = ("blocks", "text")
_DROP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "canvas",
                   "math", "input", "textarea"})
# Elements that break lines in both styles (as get_text with block separators or inscriptis does).
_BLOCK = frozenset({"p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2", "h3",
                    "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "figure", "figcaption",
                    "blockquote", "pre", "form", "fieldset", "address", "hr", "details", "summary", "caption",
                    "select", "option", "menu", "body", "html", "center", "legend", "tbody", "thead", "tfoot"})
# A DOM walker also puts these on their own line.
_BLOCK_EXTRA = frozenset({"td", "th", "button", "label"})
_HIDE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SEPARATOR = re.compile(r"^[\s|·•/,\-–—:;>»]{0,4}$")  # what sits between the links of a link list
_MARK = "\ue000"  # private-use character marking a glue spot while a line is built


@dataclass
class Page:
    id: str  # "wcxb/0001" or "sh/<hash>"
    site: str  # host of the page URL without "www."
    style: str  # "blocks" | "text"
    lines: list[str]  # the dump, one line per entry, stripped, no empty lines
    labels: list[int]  # per line: 1 = body (part of the article), 0 = furniture
    body: str  # ground-truth article text (title first, when known)
    with_: list[str]  # WCXB `with` snippets (empty for scrapinghub)
    without: list[str]  # WCXB `without` snippets
    part: str  # "train" | "tune" | "test"
    title: str = ""  # the page title from the ground truth (WCXB) or og:title / <title> (scrapinghub)
    title_line: int | None = None  # index of the line labelled as the title, if one was found
    # (line index, offset of a space after an inline link) where a text-node-stripping scraper would glue
    glue_spots: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class RunDoc:
    lines: list[str]
    labels: list[int]
    story: list[int | None]  # story index per line; None for furniture lines
    glued: list[tuple[str, str]]  # (glued token, "Left right") gold pairs, on body lines
    n_stories: int = 0
    ids: list[str] = field(default_factory=list)  # the pages used, in order


def part_of(page_id: str) -> str:
    """Fixed split: md5 of the id, 60% train, 20% tune, 20% test."""
    r = int(hashlib.md5(page_id.encode()).hexdigest(), 16) % 10
    return "train" if r < 6 else "tune" if r < 8 else "test"


# ---------------------------------------------------------------- rendering


def _hidden(el) -> bool:
    a = el.attrib
    # React streams server-rendered parts in `<div hidden id="S:0">` that a browser shows at once: visible.
    return ("hidden" in a and not (a.get("id") or "").startswith("S:")) or bool(_HIDE.search(a.get("style") or ""))


def _text_of(el) -> str:
    try:
        return el.text_content()
    except ValueError:
        return ""


def _in_link_list(a) -> bool:
    """A link next to another link with only a separator between, or one of several links of an <li>."""
    prev, nxt = a.getprevious(), a.getnext()
    if prev is not None and prev.tag == "a" and _SEPARATOR.match(prev.tail or ""):
        return True
    if nxt is not None and nxt.tag == "a" and _SEPARATOR.match(a.tail or ""):
        return True
    parent = a.getparent()
    return parent is not None and parent.tag == "li" and len(parent.findall("a")) > 1


class _Renderer:
    def __init__(self, style: str) -> None:
        self.style = style
        self.blocks = _BLOCK | _BLOCK_EXTRA if style == "blocks" else _BLOCK
        self.lines: list[str] = []
        self.spots: list[tuple[int, int]] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if not text.replace(_MARK, "").strip():
            return
        offs = []
        while (i := text.find(_MARK)) >= 0:
            text = text[:i] + text[i + 1:]
            offs.append(i)
        text = text.strip()  # markers never sit at the ends: a letter precedes and follows each
        if text:
            self.spots.extend((len(self.lines), o) for o in offs if o < len(text) and text[o] == " ")
            self.lines.append(text)

    def walk(self, el, in_nav: bool = False) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _DROP or _hidden(el):
            return
        role = (el.get("role") or "").lower()
        in_nav = in_nav or tag in ("nav", "menu") or role in ("navigation", "menu", "menubar")
        own = tag in self.blocks or (self.style == "blocks" and tag == "a" and (in_nav or _in_link_list(el)))
        if tag == "br":
            self.flush()
            return
        if own:
            self.flush()
        elif tag in ("td", "th"):
            self.buf.append(" ")
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child, in_nav)
            tail = child.tail
            if tail:
                if (self.style == "blocks" and child.tag == "a" and not in_nav and re.match(r"\s+[^\W\d_]", tail)
                        and _text_of(child)[-1:].isalpha() and child.tag not in self.blocks and not _in_link_list(child)):
                    tail = _MARK + tail  # a scraper stripping text nodes would drop this space
                self.buf.append(tail)
        if own:
            self.flush()


def render(html: str, style: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The dump of a page in one scraper style, and its glue spots (blocks style only)."""
    root = _parse(html)
    return render_root(root, style) if root is not None else ([], [])


def _parse(html: str):
    import lxml.html

    # A browser puts content after a stray </body> or </html> into the body; libxml2 drops it, so drop the tags.
    html = re.sub(r"</(?:body|html)\s*>", "", html, flags=re.I)
    try:
        return lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(remove_comments=True))
    except Exception:  # an unparsable page yields an empty dump, like a scraper that gives up
        return None


def render_root(root, style: str) -> tuple[list[str], list[tuple[int, int]]]:
    r = _Renderer(style)
    r.walk(root)  # not just <body>: broken pages leave content after a stray </body> (head is dropped)
    r.flush()
    return r.lines, r.spots


def apply_glue(lines: list[str], spots: list[tuple[int, int]], rng: random.Random, p: float = 0.5,
               labels: list[int] | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Drop the space after an inline link with probability p, as a scraper that strips text nodes does
    ("Russia would" -> "Russiawould"). Returns the new lines and (glued, "Left right") pairs on body lines."""
    out = list(lines)
    gold: list[tuple[str, str]] = []
    for i, off in sorted(spots, reverse=True):  # right to left keeps earlier offsets in a line valid
        if rng.random() >= p:
            continue
        s = out[i]
        left, right = re.search(r"\w+$", s[:off]), re.match(r"\w+", s[off + 1:])
        if not left or not right:
            continue
        out[i] = s[:off] + s[off + 1:]
        if labels is None or labels[i]:
            gold.append((left.group() + right.group(), f"{left.group()} {right.group()}"))
    return out, gold


# ---------------------------------------------------------------- labels


def norm_tokens(text: str) -> list[str]:
    """Lower-cased word tokens, punctuation and quote/dash variants gone: what labels and scores compare."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def _joined(tokens: list[str]) -> str:
    return " " + " ".join(tokens) + " "


def _grams(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)]


STRONG = 8  # words; shorter lines (book titles, menu items, "By:") match a body by chance, so need context


def label_lines(lines: list[str], body: str, title: str = "", without: list[str] = ()) -> tuple[list[int], int | None]:
    """Per line 1 (body) or 0 (furniture), and the index of the title line. A line matches the body when it is a
    normalised substring of it, or has >= 4 words and >= 50% of its word 3-grams are the body's (or >= 20 and
    >= 25%: main_content sometimes skips a passage). A matching line of >= STRONG words is body; a shorter one
    only when it equals a whole body line within the span of the strong body lines, or sits between strong body
    lines (nearest within 12 lines either side). Copies of a body line beyond the body's own count (a teaser
    repeating the lede) keep the one amid most body lines. A line holding a `without` snippet that is not itself
    body text is furniture (snippets under 4 words only when the line equals them)."""
    btoks = norm_tokens(body)
    bjoin, bgrams = _joined(btoks), set(_grams(btoks))
    blines = {_joined(norm_tokens(x)) for x in body.splitlines() if x.strip()}
    toks = [norm_tokens(x) for x in lines]
    joins = [_joined(t) for t in toks]
    match = [False] * len(lines)
    for i, t in enumerate(toks):
        g = _grams(t)
        hit = sum(x in bgrams for x in g) if len(t) >= 4 else 0
        match[i] = bool(t) and (joins[i] in bjoin or hit >= 0.5 * len(g) > 0 or (hit >= 20 and hit >= 0.25 * len(g)))
    bad = [_joined(norm_tokens(w)) for w in without]
    bad = [w for w in bad if w.strip() and w not in bjoin]
    for i, j in enumerate(joins):
        if match[i] and any((w in j) if w.count(" ") > 4 else w == j for w in bad):
            match[i] = False
    strong_len = STRONG if any(m and len(t) >= STRONG for m, t in zip(match, toks, strict=True)) else 4
    strong = [i for i, t in enumerate(toks) if len(t) >= strong_len]
    labels = [int(match[i] and len(toks[i]) >= strong_len) for i in range(len(lines))]
    _drop_extra_copies(labels, joins, bjoin)
    body_idx = [i for i in strong if labels[i]]
    if body_idx:
        first, last = body_idx[0], body_idx[-1]
        for i, t in enumerate(toks):
            if match[i] and len(t) < strong_len:
                near = first - 3 <= i <= last + 1 and joins[i] in blines
                labels[i] = int(near or _between_body(i, strong, labels))
    tline = _title_line(lines, title, body_idx[0] if body_idx else len(lines))
    if tline is not None:
        labels[tline] = 1
    return labels, tline


def _drop_extra_copies(labels: list[int], joins: list[str], bjoin: str) -> None:
    groups: dict[str, list[int]] = {}
    for i, j in enumerate(joins):
        if labels[i] and j in bjoin:
            groups.setdefault(j, []).append(i)
    for j, idx in groups.items():
        allowed = bjoin.count(j)
        if len(idx) <= allowed:
            continue
        def support(i: int) -> int:
            return sum(labels[k] for k in range(max(0, i - 3), min(len(labels), i + 4)) if joins[k] != joins[i])
        keep = set(sorted(idx, key=lambda i: -support(i))[:allowed])
        for i in idx:
            labels[i] = int(i in keep)


def _between_body(i: int, strong: list[int], labels: list[int], reach: int = 12) -> bool:
    """The nearest strong lines before and after (within `reach` lines) are both body."""
    before = [k for k in strong if i - reach <= k < i]
    after = [k for k in strong if i < k <= i + reach]
    return bool(before and after and labels[before[-1]] and labels[after[0]])


def _title_line(lines: list[str], title: str, first_body: int) -> int | None:
    """The line equal to the title, either of them possibly carrying a site name after " | " or " - ": the
    nearest such line before the body, else the first."""
    def parts(text: str) -> set[str]:
        return {_joined(norm_tokens(text))} | {_joined(norm_tokens(p)) for p in re.split(r"\s[|–—-]\s", text)
                                               if len(norm_tokens(p)) >= 3}

    cands = parts(title) - {"  "}
    hits = [i for i, x in enumerate(lines) if len(x) <= 2 * len(title) + 20 and parts(x) & cands]
    before = [i for i in hits if i < first_body]
    return before[-1] if before else hits[0] if hits else None


# ---------------------------------------------------------------- loading


def _site(url: str) -> str:
    host = urlparse(url or "").netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _html_title(root) -> str:
    for path in (".//meta[@property='og:title']", ".//meta[@name='twitter:title']"):
        m = root.find(path)
        if m is not None and (m.get("content") or "").strip():
            return " ".join(m.get("content").split())
    t = root.find(".//title")
    return " ".join((t.text_content() if t is not None else "").split())


def sources():
    """(id, url, html path, body, title or None, with, without) of every development page."""
    for f in sorted((WCXB / "ground-truth").glob("*.json")):
        d = json.loads(f.read_text("utf-8"))
        gt = d["ground_truth"]
        yield ("wcxb/" + f.stem, d.get("url") or "", WCXB / "html" / f"{f.stem}.html.gz", gt.get("main_content") or "",
               gt.get("title"), list(gt.get("with") or []), list(gt.get("without") or []))
    gtf = AEB / "ground-truth.json"
    if gtf.exists():
        for k, v in sorted(json.loads(gtf.read_text("utf-8")).items()):
            yield "sh/" + k, v.get("url") or "", AEB / "html" / f"{k}.html.gz", v.get("articleBody") or "", None, [], []


def build_pages() -> list[Page]:
    out: list[Page] = []
    for pid, url, path, body, title, with_, without in sources():
        if not path.exists() or not body.strip():
            continue
        root = _parse(gzip.open(path, "rb").read().decode("utf-8", errors="replace"))
        if root is None:
            continue
        title = " ".join((title or _html_title(root)).split())
        full = f"{title}\n\n{body}" if title and not body.lstrip().startswith(title) else body
        for style in STYLES:
            lines, spots = render_root(root, style)
            labels, tline = label_lines(lines, body, title, without)
            out.append(Page(pid, _site(url), style, lines, labels, full, with_, without, part_of(pid), title, tline,
                            spots if style == "blocks" else []))
    return out


def load_pages(styles: tuple[str, ...] = STYLES, parts: tuple[str, ...] | None = None,
               rebuild: bool = False) -> list[Page]:
    """Every development page in the given styles and parts; built once (about a minute), then read from a gzip
    JSON cache under ~/.cache/newsgraph-bench/. Empty when ../shared/data is absent."""
    if not WCXB.exists() and not AEB.exists():
        return []
    if CACHE.exists() and not rebuild:
        with gzip.open(CACHE, "rt", encoding="utf-8") as f:
            rows = json.load(f)
        pages = [Page(**{**r, "glue_spots": [tuple(x) for x in r["glue_spots"]]}) for r in rows]
    else:
        pages = build_pages()
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = CACHE.with_suffix(f".tmp{random.getrandbits(32)}")
        with gzip.open(tmp, "wt", encoding="utf-8") as f:
            json.dump([asdict(p) for p in pages], f)
        tmp.replace(CACHE)  # atomic: a helper reading at the same time never sees half a file
    return [p for p in pages if p.style in styles and (parts is None or p.part in parts)]


# ---------------------------------------------------------------- synthetic documents


def distinct_sites(pages: list[Page], rng: random.Random, k: int, ok) -> list[Page]:
    """Up to k pages of different sites drawn from those `ok` accepts."""
    pool = [p for p in pages if ok(p)]
    out: list[Page] = []
    seen: set[str] = set()
    for p in rng.sample(pool, min(len(pool), 8 * k)):
        if p.site not in seen:
            out.append(p)
            seen.add(p.site)
        if len(out) == k:
            break
    return out


def _trim(n_head: int, rng: random.Random) -> int:
    """How many furniture lines to keep at one end: all of them half the time, else a random share, so that
    page boundaries do not always look alike."""
    return n_head if rng.random() < 0.5 else rng.randint(0, n_head)


def run_together(pages: list[Page], rng: random.Random, n: tuple[int, int] = (2, 5), glue_links: bool = True) -> RunDoc:
    """2-5 dumps of pages of different sites one after another, each with its furniture (head and tail furniture
    randomly trimmed); with glue_links, spaces after inline links dropped with probability 0.5 (apply_glue)."""
    chosen = distinct_sites(pages, rng, rng.randint(*n), lambda p: sum(p.labels) >= 2)
    doc = RunDoc([], [], [], [], len(chosen), [p.id for p in chosen])
    for k, p in enumerate(chosen):
        lines, gold = apply_glue(p.lines, p.glue_spots, rng, 0.5, p.labels) if glue_links else (p.lines, [])
        body = [i for i, y in enumerate(p.labels) if y]
        lo = body[0] - _trim(body[0], rng)
        hi = body[-1] + 1 + _trim(len(lines) - body[-1] - 1, rng)
        for i in range(lo, hi):
            doc.lines.append(lines[i])
            doc.labels.append(p.labels[i])
            doc.story.append(k if p.labels[i] else None)
        doc.glued.extend(gold)
    return doc


def _furniture_run(pages: list[Page], rng: random.Random, most: int) -> list[str]:
    """A run of up to `most` consecutive furniture lines of one of the pages (a share bar, a teaser block)."""
    p = rng.choice(pages)
    furn = [i for i, y in enumerate(p.labels) if not y]
    if not furn or most <= 0:
        return []
    start = rng.choice(furn)
    out = []
    for i in range(start, min(len(p.lines), start + rng.randint(1, most))):
        if p.labels[i]:
            break
        out.append(p.lines[i])
    return out


def brief_pages(pages: list[Page], rng: random.Random) -> RunDoc:
    """A page of 3-6 short briefs: each story's first 2-5 body paragraphs, half the time after its headline, with
    runs of real furniture lines (of the same pages) before, between and after."""
    def paras(p: Page) -> list[int]:
        return [i for i, y in enumerate(p.labels) if y and i != p.title_line and len(p.lines[i].split()) >= 5]

    chosen = distinct_sites(pages, rng, rng.randint(3, 6), lambda p: len(paras(p)) >= 2)
    doc = RunDoc([], [], [], [], len(chosen), [p.id for p in chosen])

    def add(text: str, story: int | None) -> None:
        doc.lines.append(text)
        doc.labels.append(int(story is not None))
        doc.story.append(story)

    for line in _furniture_run(chosen, rng, 8):
        add(line, None)
    for k, p in enumerate(chosen):
        if k and rng.random() < 0.7:
            for line in _furniture_run(chosen, rng, 3):
                add(line, None)
        if p.title_line is not None and rng.random() < 0.5:
            add(p.lines[p.title_line], k)
        for i in paras(p)[:rng.randint(2, 5)]:
            add(p.lines[i], k)
    for line in _furniture_run(chosen, rng, 8):
        add(line, None)
    return doc


# ---------------------------------------------------------------- report


def _stats(pages: list[Page]) -> None:
    from collections import defaultdict

    rows: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in pages:
        for part in (p.part, "all"):
            r = rows[(p.id.split("/")[0], p.style, part)]
            r[0] += 1
            r[1] += len(p.lines)
            r[2] += sum(p.labels)
            r[3] += p.title_line is not None
    print(f"{'source':6s} {'style':7s} {'part':6s} {'pages':>6s} {'lines':>8s} {'body share':>10s} {'title found':>11s}")
    for (src, style, part), (n, lines, body, tl) in sorted(rows.items()):
        print(f"{src:6s} {style:7s} {part:6s} {n:6d} {lines:8d} {body / max(1, lines):10.3f} {tl / max(1, n):11.2f}")


def _show(pages: list[Page], n: int, seed: int, width: int = 120) -> None:
    for p in random.Random(seed).sample(pages, min(n, len(pages))):
        print(f"\n===== {p.id} {p.site} {p.style} {p.part}: {len(p.lines)} lines, {sum(p.labels)} body")
        for i, (line, y) in enumerate(zip(p.lines, p.labels, strict=True)):
            print(f"{'B' if y else '.'}{'T' if i == p.title_line else ' '} {line[:width]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many random pages with their labels")
    ap.add_argument("--style", choices=STYLES, default="blocks")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cache")
    args = ap.parse_args()
    pages = load_pages(rebuild=args.rebuild)
    if not pages:
        print(f"SKIP scrape_pages: {DATA} not found (the shared development data is not beside the project)")
        return 0
    _stats(pages)
    _show([p for p in pages if p.style == args.style], args.show, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
