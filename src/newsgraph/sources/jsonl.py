"""JSON Lines input: one object a line with "id", "text" or "html", and optional "url", "title", "published".

Also reads newsgraph's own Article records back (they carry "schema"), so an export re-ingests.
A bad line is a Reject for that line; the file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..model import SCHEMA_ID, Article
from .base import Document, Reject


def read_jsonl_lines(lines: Iterable[bytes], uri: str) -> Iterator[Document | Reject]:
    for n, raw in enumerate(lines, 1):
        raw = raw.strip()
        if not raw:
            continue
        where = f"line {n}"
        try:
            obj = json.loads(raw.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as e:
            yield Reject(uri, f"{where}: not valid JSON ({e.msg} at column {e.colno})", record=str(n))
            continue
        if not isinstance(obj, dict):
            yield Reject(uri, f"{where}: expected a JSON object, got {type(obj).__name__}", record=str(n))
            continue
        if obj.get("schema") == SCHEMA_ID:
            try:
                art = Article.from_dict(obj)
            except (KeyError, TypeError, ValueError) as e:
                yield Reject(uri, f"{where}: not a valid newsgraph record ({type(e).__name__}: {e})", record=str(n))
                continue
            yield Document(uri=art.source.uri, format=art.source.format, text=art.text, record=art.source.record,
                           title=art.title, published=art.published, article=art)
            continue
        record = obj.get("id")
        record = str(record) if record is not None else str(n)
        text, html = obj.get("text"), obj.get("html")
        if not isinstance(text, str) and not isinstance(html, str):
            yield Reject(uri, f"{where}: needs a \"text\" or \"html\" string field", record=record)
            continue
        src = obj["source"] if isinstance(obj.get("source"), dict) else {}
        url = obj.get("url") or src.get("uri")
        yield Document(
            uri=str(url) if url else uri,
            format="jsonl",
            text=text if isinstance(text, str) else None,
            html=html if isinstance(html, str) and not isinstance(text, str) else None,
            record=str(src.get("record") or record) if obj.get("schema") else record,
            title=obj.get("title") if isinstance(obj.get("title"), str) else None,
            published=obj.get("published") if isinstance(obj.get("published"), str) else None,
            url=str(url) if url else None,
        )
