"""Reading one item: a feed entry's page, a listed URL or a dropped file, into Documents for the pipeline.

A page that cannot be had for good (404, robots.txt, too big, not a page) falls back to the feed entry's own
text when the feed gave one; a transient failure (timeout, 5xx) leaves the item for the next poll, up to
`max_attempts` polls, then falls back the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..sources import Document, InputError, Reject, detect_format
from ..sources.decode import decode, decode_html, looks_binary
from ..store.watch_state import Item
from .fetch import Fetcher, FetchError, Response

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"


@dataclass
class ItemRead:
    """What reading an item gave: its documents, and the status to record once they are stored."""

    item: Item
    docs: list[Document] = field(default_factory=list)
    status: str = "done"  # done | failed | retry
    http_status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None


def read_remote(fetcher: Fetcher, item: Item, *, max_attempts: int = 3, prefetched: Response | None = None) -> ItemRead:
    """Fetch an item's page and make its Document. Runs on a fetcher thread; never raises for a bad page."""
    out = ItemRead(item)
    entry = item.entry_data()
    if entry.get("unlinked"):
        return _fallback(out, None)  # an entry without a link: the feed's text is all there is
    try:
        resp = prefetched or fetcher.get(item.key, etag=item.etag, last_modified=item.last_modified, accept=PAGE_ACCEPT)
    except FetchError as e:
        out.http_status = e.status
        if e.transient and item.attempts + 1 < max_attempts:
            out.status, out.error = "retry", e.reason
            return out
        return _fallback(out, e.reason)
    out.http_status, out.etag, out.last_modified = resp.status, resp.etag, resp.last_modified
    if resp.status == 304:
        return out  # unchanged since it was read: its stories are stored
    out.content_hash = hashlib.sha256(resp.body).hexdigest()
    if item.content_hash == out.content_hash:
        return out  # the same bytes again (a sitemap's date moved, the page did not)
    try:
        out.docs = [page_document(item, resp, entry)]
    except InputError as e:
        return _fallback(out, str(e))
    return out


def _fallback(out: ItemRead, why: str | None) -> ItemRead:
    """The feed entry's own text, when the page is out of reach; else the item failed."""
    doc = entry_document(out.item)
    if doc is None:
        out.status, out.error = "failed", why or "nothing to read"
        return out
    out.docs = [doc]
    out.status = "done"
    out.error = f"{why}; the feed's text was used" if why else None
    return out


def entry_document(item: Item) -> Document | None:
    e = item.entry_data()
    if not (e.get("html") or e.get("text")):
        return None
    url = None if e.get("unlinked") else item.key
    return Document(uri=item.key, format="feed", text=e.get("text") if not e.get("html") else None, html=e.get("html"),
                    record=e.get("record"), title=e.get("title"), published=e.get("published"), url=url)


def page_document(item: Item, resp: Response, entry: dict) -> Document:
    """An HTML (or plain-text) page as a Document whose uri is the item's URL; InputError for anything else."""
    body = resp.body
    if not body.strip():
        raise InputError("an empty page")
    ctype = resp.content_type
    head_kind = detect_format(body[:16384], item.key)
    warnings: list[str] = []
    final = resp.url if resp.url != item.key else None
    title, published = entry.get("title"), entry.get("published")
    if "html" in ctype or head_kind == "html":
        html = decode_html(body, item.key, warnings, charset=resp.charset)
        return Document(uri=item.key, format="html", html=html, url=final, title=title, published=published,
                        warnings=warnings)
    if ctype == "text/plain" and not looks_binary(body):
        return Document(uri=item.key, format="text", text=decode(body, item.key, warnings), url=final, title=title,
                        published=published, warnings=warnings)
    raise InputError(f"not a page (Content-Type {ctype or 'missing'}, looks like {head_kind})")


def file_documents(item: Item) -> Iterator[Document | Reject]:
    """A dropped file's documents (any format `newsgraph ingest` reads), streamed; Rejects say what failed."""
    from ..sources import read

    return read([item.key])
