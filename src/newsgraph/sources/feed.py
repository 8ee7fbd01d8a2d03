"""RSS and Atom input (feedparser): each entry's content, else its summary, becomes a Document.

An entry with markup goes down the HTML path, one without it is plain text. The entry's link is its uri, its
id the record, its published (else updated) date an ISO 8601 string. Nothing is fetched: a feed's links are
recorded, not followed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from .base import Document, InputError, Reject

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _iso(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return datetime(*t[:6], tzinfo=UTC).isoformat().replace("+00:00", "Z")
            except (TypeError, ValueError):
                continue
    raw = entry.get("published") or entry.get("updated")
    return raw if isinstance(raw, str) and raw.strip() else None


def _body(entry) -> tuple[str, bool]:
    """The entry's longest content block (else its summary), and whether it holds markup."""
    best, best_type = "", ""
    for c in entry.get("content") or []:
        value = c.get("value") or ""
        if len(value) > len(best):
            best, best_type = value, c.get("type") or ""
    if not best.strip():
        best = entry.get("summary") or ""
        best_type = (entry.get("summary_detail") or {}).get("type") or ""
    is_html = "html" in best_type and bool(_MARKUP.search(best))
    return best, is_html


def read_feed(data: bytes, uri: str) -> Iterator[Document | Reject]:
    import feedparser

    # Bytes in a stream: a string could make feedparser fetch a URL or open a file.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        raise InputError("no feed entries found" + (f" (the feed is not well-formed: {why})" if why else ""))
    warnings: list[str] = []
    if parsed.get("bozo"):
        warnings.append(f"feed is not well-formed XML ({parsed.get('bozo_exception')}); parsed leniently")
    for n, entry in enumerate(entries, 1):
        link = entry.get("link") or None
        record = entry.get("id") or link or str(n)
        body, is_html = _body(entry)
        if not body.strip():
            yield Reject(uri, f"entry {n} has neither content nor summary", record=record)
            continue
        title = entry.get("title") or None
        yield Document(
            uri=link or uri,
            format="feed",
            text=None if is_html else body,
            html=body if is_html else None,
            record=record,
            title=title.strip() if isinstance(title, str) else None,
            published=_iso(entry),
            url=link,
            warnings=list(warnings),
        )
