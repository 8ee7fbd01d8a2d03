"""Corpus memory: lines that recur across many pages of one site (menus, footers, prompts, sign-offs) are
furniture even when nothing in the line itself says so.

A line is known by a fingerprint of its normalised text. `SiteMemory` counts, per site, on how many distinct
pages each fingerprint was seen; a fingerprint on MIN_PAGES pages or more is the site's template. The memory
lives in the store for `ingest` (SQLite or PostgreSQL, table site_lines) and in memory for `extract`, which
reads its inputs a window ahead (`prescan`) so that even the first page of a site benefits from the others.

A page's site is its URL's host; a file without a URL belongs to its folder (`group_of`). Measured in
benchmarks/memory_eval.py.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..sources.base import Document, Reject
from .lines import Line, split_lines
from .markdown import document_lines

if TYPE_CHECKING:
    from ..sources.html import HtmlText

log = logging.getLogger(__name__)

# A fingerprint seen on this many distinct pages of a site is template. benchmarks/memory_eval.py: on the
# synthetic sites (one real page's furniture around other pages' articles) 2, 3 and 4 take the same template
# lines once a site has that many pages. On the 73 real development sites with two or more pages, 2 also takes
# lines that two pages of a site share inside their articles (memory kept 0.996 of the body lines the learned
# line roles kept, 0.994 under the rules alone: a press release's dateline, a theatre's show details, besides
# disclosures the ground truth counts as body); 3, on the 5 real sites with three pages, takes one body line
# ("Who curated this article?"). Two pages can share a topic; three sharing a line is a template.
MIN_PAGES = 3
# A page where memory would take more than this share of the words its line roles kept (of the lines the page
# has once) is most likely another copy of a story the site has published before (syndicated, re-published,
# updated): its text recurs because the story does. Memory then leaves the page alone. memory_eval.py, train
# and tune parts: every synthetic copy (one article on three pages of a site) sits above it, while the
# synthetic template pages sit below (96-98% of them under the learned line roles, 91-93% under the rules
# alone, which leave more template for memory to take). 0.6 and 0.7 gained 1-3 points of furniture F1 under
# the rules, but would also let memory take the repeated paragraphs of an updated story that repeats up to
# that share of its words. Half is the line between "mostly template" and "mostly story".
MAX_SHARE = 0.5
# Documents read ahead by `prescan`: the pages of one site that sit within this window see each other.
WINDOW = 256
# Pages waiting to be written to the store before the memory writes them (one transaction each time).
SAVE_EVERY = 64
# Fingerprints a memory keeps per site before it forgets the ones seen on a single page (mostly article
# lines, which never recur): memory stays bounded (~10 MB a site) on runs of any length. With a store nothing
# is lost (what is forgotten is read back from it when met again); without one, a line forgotten after its
# first page starts again from one, which a template line, met on page after page, never is.
MAX_TRACKED = 100_000

_DIGIT = re.compile(r"\d+")
_NONWORD = re.compile(r"[\W_]+")
_ROLES = ("body", "heading")


def normalise(line: str) -> str:
    """Case, numbers ("Updated 3 hours ago" = "Updated 12 hours ago"), punctuation and spacing folded away."""
    return _NONWORD.sub(" ", _DIGIT.sub("0", line.casefold())).strip()


def fingerprint(line: str) -> str:
    """A short stable hash of the normalised line (16 hex digits)."""
    return _hash(normalise(line))


def _hash(norm: str) -> str:
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def page_fps(texts: Iterable[str]) -> frozenset[str]:
    """Fingerprints of the lines a page has once. A line repeated within one page is the page's own structure
    (a review's "Pros"/"Cons", a table's "Price"), not evidence of a site template; a line of punctuation
    only names nothing."""
    seen: dict[str, int] = {}
    for t in texts:
        if norm := normalise(t):
            fp = _hash(norm)
            seen[fp] = seen.get(fp, 0) + 1
    return frozenset(fp for fp, n in seen.items() if n == 1)


def page_key(texts: Iterable[str]) -> str:
    """A page's identity by content: the same page read again (or at another address) is not counted twice."""
    h = hashlib.blake2b(digest_size=8)
    for t in texts:
        h.update(normalise(t).encode("utf-8") + b"\n")
    return h.hexdigest()


def site_of(doc: Document) -> str | None:
    """The host of the page's URL without "www.", or None for a page without one."""
    return _host(doc.url)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def group_of(doc: Document) -> str | None:
    """The site of a page, or for a file without a URL its folder ("dir:/abs/folder"): a folder of scrapes is
    most often one site's pages. Standard input, strings and other made-up names belong to no group."""
    site = site_of(doc)
    if site is not None:
        return site
    if not doc.uri or doc.uri.startswith("<") or not os.path.isfile(doc.uri):
        return None
    return "dir:" + os.path.dirname(os.path.abspath(doc.uri))


class SiteMemory:
    """Distinct pages per (site, fingerprint); backed by a store (`SiteMemory(store)`) or in memory only.

    With a store, a site's counts are read the first time one of its fingerprints is asked about, and the
    pages counted in this run are written back by `save()` (every SAVE_EVERY pages and at the end). A page
    the store has counted before is not counted again, and its cleaning repeats what memory did to it then
    (`applied`), so that ingesting the same input twice gives the same stories."""

    def __init__(self, store: Any = None, min_pages: int = MIN_PAGES) -> None:
        self.store = store
        self.min_pages = min_pages
        self.counts: dict[str, dict[str, int]] = {}
        self._recurring: dict[str, set[str]] = {}
        self._frozen: dict[str, frozenset[str]] = {}
        # page key -> what memory took from it when it was stored (None: counted in this run, not cleaned yet)
        self.pages: dict[str, dict[str, frozenset[str] | None]] = {}
        self.pending: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []

    def _load(self, site: str, fps: Collection[str], key: str | None) -> None:
        counts = self.counts.setdefault(site, {})
        pages = self.pages.setdefault(site, {})
        if self.store is None:
            return
        if key is not None and key not in pages:
            applied = self.store.site_page(site, key)
            if applied is not None:
                pages[key] = frozenset(applied.split())
        new = [fp for fp in fps if fp not in counts]
        if new:
            stored = self.store.site_lines(site, new)
            for fp in new:
                self._set(site, fp, stored.get(fp, 0))

    def _set(self, site: str, fp: str, n: int) -> None:
        self.counts[site][fp] = n
        if n >= self.min_pages and fp not in self._recurring.setdefault(site, set()):
            self._recurring[site].add(fp)
            self._frozen.pop(site, None)

    def add_page(self, site: str, fps: Iterable[str], key: str | None = None) -> bool:
        """Count a page's fingerprints once each. False when the page (by `key`) was counted before."""
        fps = frozenset(fps)
        self._load(site, fps, key)
        if key is not None:
            if key in self.pages[site]:
                return False
            self.pages[site][key] = None
        counts = self.counts[site]
        for fp in fps:
            self._set(site, fp, counts.get(fp, 0) + 1)
        if len(counts) > MAX_TRACKED:
            self._forget(site)
        return True

    def _forget(self, site: str) -> None:
        """Drop the fingerprints seen on one page only (see MAX_TRACKED)."""
        if self.store is not None:
            self.save()  # the store then holds what was counted, and gives it back when a line is met again
            self.pages[site] = {k: v for k, v in self.pages[site].items() if v is None}
        self.counts[site] = {fp: n for fp, n in self.counts[site].items() if n > 1}

    def recurring(self, site: str) -> frozenset[str]:
        """Fingerprints seen on MIN_PAGES or more distinct pages of the site (of those this memory has met)."""
        if site not in self._frozen:
            self._frozen[site] = frozenset(self._recurring.get(site, ()))
        return self._frozen[site]

    def applied(self, site: str, key: str) -> frozenset[str] | None:
        """What memory took from a page stored before this run, or None for a page new to the store."""
        return self.pages.get(site, {}).get(key)

    def record(self, site: str, key: str, fps: Iterable[str], applied: Iterable[str]) -> None:
        """A page counted in this run has been cleaned: queue it (with what memory took) for the store."""
        if self.store is None or self.pages.get(site, {}).get(key) is not None:
            return
        done = frozenset(applied)
        self.pages.setdefault(site, {})[key] = done
        self.pending.append((site, key, tuple(sorted(fps)), tuple(sorted(done))))
        if len(self.pending) >= SAVE_EVERY:
            self.save()

    def save(self) -> int:
        """Write the queued pages to the store; returns how many it had not counted yet."""
        if self.store is None or not self.pending:
            return 0
        from ..store.base import StoreError

        pages, self.pending = self.pending, []
        try:
            return self.store.add_site_pages(pages)
        except StoreError as e:
            # Memory only makes cleaning better: the run goes on (and the stories' own write reports the cause).
            log.warning("site memory not saved (%s); those pages will be counted again by the next run", e)
            return 0


def mark_recurring(lines: list[Line], recurring: Collection[str], max_share: float = MAX_SHARE) -> frozenset[str]:
    """Body and heading lines whose fingerprint is in `recurring` (and that the page has once) become
    furniture of kind "recurring", unless that would take more than `max_share` of the page's kept words
    (a copy of a story seen before).
    Returns the fingerprints it took."""
    if not recurring:
        return frozenset()
    # Only lines the page has once: they alone can recur, so they alone weigh in the share (a page that
    # repeats its own text, as a mobile and a desktop copy, would otherwise dilute a copy's share).
    once = page_fps(ln.text for ln in lines)
    kept = [(ln, fp) for ln in lines if ln.role in _ROLES and (fp := fingerprint(ln.text)) in once]
    hits = [(ln, fp) for ln, fp in kept if fp in recurring]
    if not hits:
        return frozenset()
    total = sum(len(ln.text.split()) for ln, _ in kept)
    if sum(len(ln.text.split()) for ln, _ in hits) > max_share * total:
        return frozenset()
    for ln, _ in hits:
        ln.role, ln.kind = "furniture", "recurring"
    return frozenset(fp for _, fp in hits)


# Pages converted by the prescan (or ahead of it by worker processes, workers.py), handed to document_stories
# so that a page's HTML is parsed once: id(html) -> (html, url, page). Bounded by HELD_PAGES (the prescan's
# window and as many converted ahead of it); an entry leaves when it is used.
_HTML_PAGES: dict[int, tuple[str, str | None, HtmlText]] = {}
HELD_PAGES = 2 * WINDOW


def html_page(html: str, url: str | None) -> HtmlText:
    """extract_html, or the page the prescan already made of this very string."""
    hit = _HTML_PAGES.pop(id(html), None)
    if hit is not None and hit[0] is html and hit[1] == url:
        return hit[2]
    from ..sources.html import extract_html

    return extract_html(html, url)


def keep_html_page(html: str, url: str | None, page: HtmlText) -> None:
    """A page converted elsewhere (a worker process), for the prescan and document_stories to take."""
    if len(_HTML_PAGES) < HELD_PAGES:
        _HTML_PAGES[id(html)] = (html, url, page)


@dataclass(frozen=True)
class Page:
    """A document as the memory sees it: its group, its content key and its lines' fingerprints."""

    site: str
    key: str
    fps: frozenset[str]


def observe(doc: Document, memory: SiteMemory) -> Page | None:
    """Count a document's lines in the memory (cheap: no spaCy). None for documents memory does not cover."""
    if doc.article is not None:
        return None
    if doc.html is not None:
        try:
            page = html_page(doc.html, doc.url)
        except Exception:  # document_stories meets the same failure and reports it with its reason
            return None
        if len(_HTML_PAGES) < HELD_PAGES:
            _HTML_PAGES[id(doc.html)] = (doc.html, doc.url, page)
        lines, own_url = split_lines(page.text), page.url
    else:
        # Read as document_stories reads it: a Markdown scrape's lines as plain text (clean/markdown.py).
        lines, own_url = document_lines(doc.text or "")[0], None
    # A saved page without an address names itself by its canonical link, as document_stories reads it.
    site = (None if doc.url else _host(own_url)) or group_of(doc)
    if site is None:
        return None
    texts = [ln.text for ln in lines]
    p = Page(site, page_key(texts), page_fps(texts))
    memory.add_page(p.site, p.fps, p.key)
    return p


def recurring_for(page: Page, memory: SiteMemory) -> frozenset[str]:
    """What memory may take from this page: as before for a page stored before, else the site's template."""
    before = memory.applied(page.site, page.key)
    if before is not None:
        return before
    return memory.recurring(page.site) & page.fps


def prescan(docs: Iterable[Document | Reject], memory: SiteMemory,
            window: int = WINDOW) -> Iterator[tuple[Document | Reject, Page | None]]:
    """Documents in input order, each with its Page, counted `window` documents ahead of its cleaning."""
    buf: list[Document | Reject] = []

    def flush() -> Iterator[tuple[Document | Reject, Page | None]]:
        pages = [observe(d, memory) if isinstance(d, Document) else None for d in buf]
        yield from zip(buf, pages, strict=True)
        buf.clear()

    for d in docs:
        buf.append(d)
        if len(buf) >= window:
            yield from flush()
    yield from flush()


def taken(removed: Iterable[Any]) -> frozenset[str]:
    """Fingerprints of the lines memory took (`Removed` entries of kind "recurring")."""
    return frozenset(fingerprint(r.text) for r in removed if r.kind == "recurring")
