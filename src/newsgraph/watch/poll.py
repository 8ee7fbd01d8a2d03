"""Polling: what each source lists now, turned into items in the watch state.

Fetches run on the fetcher's threads; everything that reads or writes the store runs in the calling thread.
A feed's new entries, a sitemap's or list's new URLs and a folder's new or changed files are written as
pending items in one transaction with the source's new validators, so a crash after it loses nothing (the
items wait in the state) and a crash before it polls the source again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ..sources import InputError, detect_format
from ..sources.decode import gunzip
from ..store.watch_state import Item, WatchState
from .fetch import Fetcher, FetchError, Response, host_of
from .sources import WatchSource, is_url

MAX_CHILD_SITEMAPS = 50
# The fallback text kept with a feed entry (used when its page cannot be fetched).
MAX_ENTRY_CHARS = 200_000
# Files a scraper is still writing or that are not news: skipped.
_PARTIAL = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp", "~")
_SITEMAP = re.compile(rb"<(?:[\w.-]+:)?(urlset|sitemapindex)\b")


@dataclass
class Polled:
    """What one URL source gave: its rows to save, the items it lists, and the pages already fetched."""

    source: WatchSource
    rows: list[Item] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    prefetched: dict[str, Response] = field(default_factory=dict)
    error: str | None = None
    unchanged: bool = False


@dataclass
class PollReport:
    polled: int = 0
    new_items: int = 0
    errors: list[str] = field(default_factory=list)
    prefetched: dict[str, Response] = field(default_factory=dict)


def poll_all(fetcher: Fetcher, state: WatchState, sources: list[WatchSource], *, settle: float = 2.0,
             max_new: int = 1000) -> PollReport:
    """Poll every source once; new items are pending in the state when this returns."""
    report = PollReport()
    remote = [s for s in sources if s.is_url]
    rows = state.source_rows(s.key for s in remote)
    for p in fetcher.map(lambda s: poll_url(fetcher, s, rows), remote, host=lambda s: host_of(s.location)):
        report.polled += 1
        if p.error:
            report.errors.append(f"{p.source.location}: {p.error}")
        report.prefetched.update(p.prefetched)
        with state.transaction():
            for r in p.rows:
                state.save_source(r)
            report.new_items += _enqueue(state, p.items, max_new)
    for s in sources:
        if s.is_url:
            continue
        report.polled += 1
        try:
            items = scan_folder(state, s, settle) if s.kind == "folder" else list_items(s, _read_local_list(s))
        except (OSError, InputError) as e:
            report.errors.append(f"{s.location}: {e}")
            continue
        with state.transaction():
            report.new_items += _enqueue(state, items, max_new)
    return report


def _enqueue(state: WatchState, items: list[Item], max_new: int) -> int:
    """New items (at most max_new a poll: the rest are new again next time); known sitemap URLs with a newer
    date and changed files go back to pending."""
    known = state.known(i.key for i in items)
    fresh: list[Item] = []
    n = 0
    for it in items:
        old = known.get(it.key)
        if old is None:
            fresh.append(it)
        elif it.kind == "file" and it.content_hash and it.content_hash != old.content_hash:
            state.requeue(it.key, stamp=it.stamp)
            n += 1
        elif it.kind == "file" and it.stamp != old.stamp:
            state.touch_file(it.key, it.stamp or "")
        elif it.listed and old.listed and it.listed > old.listed and old.status in ("done", "failed"):
            state.requeue(it.key, listed=it.listed)
            n += 1
    return n + state.enqueue(fresh[:max_new])


def poll_url(fetcher: Fetcher, source: WatchSource, rows: dict[str, Item]) -> Polled:
    """Fetch a remote source (conditionally when it was fetched before) and list its items. Runs on a thread."""
    out = Polled(source)
    row = rows.get(source.key)
    kind = source.kind or (row.kind if row is not None and row.kind in ("feed", "sitemap", "list") else None)
    if kind == "page" or (kind is None and row is not None and row.kind == "url"):
        out.items.append(Item(source.location, "url", source.key))  # a page is read once
        return out
    try:
        resp = fetcher.get(source.location, etag=row.etag if row and kind else None,
                           last_modified=row.last_modified if row and kind else None,
                           accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, text/*;q=0.8")
    except FetchError as e:
        out.error = e.reason
        return out
    if resp.status == 304:
        return _unchanged(fetcher, source, kind, rows, out)
    try:
        body = gunzip(resp.body, source.location, fetcher.options.max_bytes)
    except InputError as e:
        out.error = str(e)
        return out
    kind = kind or detect_kind(resp, body)
    if kind == "page":
        out.items.append(Item(source.location, "url", source.key))
        out.prefetched[source.location] = resp
        return out
    digest = hashlib.sha256(body).hexdigest()
    me = Item(source.key, kind, source.key, etag=resp.etag, last_modified=resp.last_modified, content_hash=digest,
              http_status=resp.status)
    if row is not None and row.content_hash == digest and row.kind == kind:
        out.rows.append(me)  # a server without validators sent the same bytes again
        return _unchanged(fetcher, source, kind, rows, out)
    try:
        out.items = _list(fetcher, source, kind, body, rows, out)
    except InputError as e:
        out.error = f"cannot read the {kind}: {e}"
        return out
    out.rows.append(me)
    return out


def _list(fetcher: Fetcher, source: WatchSource, kind: str, body: bytes, rows: dict[str, Item], out: Polled) -> list[Item]:
    if kind == "feed":
        return feed_items(source, body)
    if kind == "list":
        return list_items(source, body.decode("utf-8", "replace"))
    urls, children = parse_sitemap(body)
    items = [Item(u, "url", source.key, parent=source.key, listed=d, entry=_entry(title=t)) for u, d, t in urls]
    for child in children[:MAX_CHILD_SITEMAPS]:
        items += _child_sitemap(fetcher, source, child, rows, out)
    return items


def _unchanged(fetcher: Fetcher, source: WatchSource, kind: str | None, rows: dict[str, Item], out: Polled) -> Polled:
    """A source that did not change; a sitemap index's children may have (news sitemaps change, their index
    rarely does), so they are asked again, each with its own validators."""
    out.unchanged = True
    if kind == "sitemap":
        for child in [k for k, r in rows.items() if r.parent == source.key and r.kind == "sitemap"][:MAX_CHILD_SITEMAPS]:
            out.items += _child_sitemap(fetcher, source, child, rows, out)
    return out


def _child_sitemap(fetcher: Fetcher, source: WatchSource, url: str, rows: dict[str, Item], out: Polled) -> list[Item]:
    row = rows.get(url)
    try:
        resp = fetcher.get(url, etag=row.etag if row else None, last_modified=row.last_modified if row else None)
        if resp.status == 304:
            return []
        body = gunzip(resp.body, url, fetcher.options.max_bytes)
        urls, _ = parse_sitemap(body)  # an index inside an index is not followed
    except (FetchError, InputError) as e:
        out.error = f"sitemap {url}: {e}"
        return []
    out.rows.append(Item(url, "sitemap", source.key, parent=source.key, etag=resp.etag,
                         last_modified=resp.last_modified, content_hash=hashlib.sha256(body).hexdigest(),
                         http_status=resp.status))
    return [Item(u, "url", source.key, parent=url, listed=d, entry=_entry(title=t)) for u, d, t in urls]


def detect_kind(resp: Response, body: bytes) -> str:
    """feed, sitemap, list (plain text of URLs) or page, from the content first and the Content-Type after."""
    head = body[:16384]
    if _SITEMAP.search(head[:4096]):
        return "sitemap"
    fmt = detect_format(head, resp.url)
    if fmt == "feed" or resp.content_type in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    if fmt == "text":
        lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()[:100]
                 if ln.strip() and not ln.strip().startswith("#")]
        urls = sum(1 for ln in lines if is_url(ln))
        if urls and urls * 2 >= len(lines):  # mostly addresses: a list (its other lines are skipped)
            return "list"
    return "page"


def feed_items(source: WatchSource, body: bytes) -> list[Item]:
    """One item per feed entry: its link is the page to fetch (relative links resolved against the feed's
    address); an entry without one is read from the feed's own text. An entry with a link but no text is
    still an item: its page is the story."""
    import io

    import feedparser

    from ..sources.base import Document
    from ..sources.feed import read_feed

    # read_feed gives one Document (or Reject, for an entry without text) per entry, in order; the links and
    # ids come from the same parse of the same bytes.
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    out = []
    for e, d in zip(entries, read_feed(body, source.location), strict=False):  # InputError: no entries
        link = urljoin(source.location, e.get("link")) if e.get("link") else None
        doc = d if isinstance(d, Document) else None
        title = doc.title if doc else (e.get("title") or "").strip() or None
        record = doc.record if doc else d.record
        linked = bool(link and is_url(link))
        entry = _entry(title=title, published=doc.published if doc else None, record=record, feed=source.location,
                       html=(doc.html or "")[:MAX_ENTRY_CHARS] or None if doc else None,
                       text=(doc.text or "")[:MAX_ENTRY_CHARS] or None if doc else None,
                       unlinked=None if linked else True)
        if linked:
            out.append(Item(link, "entry", source.key, parent=source.key, listed=doc.published if doc else None,
                            entry=entry))
        elif doc is not None:
            out.append(Item(f"{source.location}#{record}", "entry", source.key, parent=source.key,
                            listed=doc.published, entry=entry))
    if entries and not out:
        raise InputError("no entry has a link or text" + (" (nor is it well-formed XML)" if parsed.get("bozo") else ""))
    return out


def parse_sitemap(body: bytes) -> tuple[list[tuple[str, str | None, str | None]], list[str]]:
    """(url, date, title) of a urlset (dates from <lastmod> or <news:publication_date>), and the child
    sitemaps of a sitemap index."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise InputError(f"not well-formed XML ({e})") from None
    urls, children = [], []
    for el in root:
        tag = _local(el.tag)
        fields = {_local(c.tag): (c.text or "").strip() for c in el.iter() if c is not el}
        loc = fields.get("loc", "")
        if not is_url(loc):
            continue
        if tag == "sitemap":
            children.append(loc)
        elif tag == "url":
            urls.append((loc, fields.get("publication_date") or fields.get("lastmod") or None, fields.get("title") or None))
    return urls, children


def list_items(source: WatchSource, text: str) -> list[Item]:
    lines = (ln.strip() for ln in text.splitlines())
    return [Item(ln, "url", source.key, parent=source.key) for ln in lines if ln and not ln.startswith("#") and is_url(ln)]


def _read_local_list(source: WatchSource) -> str:
    return Path(source.location).read_text(encoding="utf-8", errors="replace")


def scan_folder(state: WatchState, source: WatchSource, settle: float) -> list[Item]:
    """The folder's files as items: new ones, and known ones whose size or time changed (with their hash, so
    only changed bytes are read again). A file written in the last `settle` seconds waits for the next poll."""
    import time

    now = time.time()
    found: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(source.location):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or f.endswith(_PARTIAL):
                continue
            path = os.path.join(root, f)
            try:
                st = os.stat(path)
            except OSError:
                continue  # removed while we looked
            if now - st.st_mtime < settle:
                continue
            found.append((path, f"{st.st_size}:{st.st_mtime_ns}"))
    known = state.known(p for p, _ in found)
    items = []
    for path, stamp in found:
        old = known.get(path)
        it = Item(path, "file", source.key, stamp=stamp)
        if old is not None and old.stamp != stamp:
            it.content_hash = file_hash(path)
        items.append(it)
    return items


def file_hash(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _entry(**kw: Any) -> str | None:
    d = {k: v for k, v in kw.items() if v is not None}
    return json.dumps(d, ensure_ascii=False) if d else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
