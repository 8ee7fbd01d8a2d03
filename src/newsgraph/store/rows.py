"""An Article as rows of the store's tables: the one flattener, for both stores' writes and the csv/parquet exports.

A row holds its table's written columns, then its extras (tables.py `Table.fields`): the stores write the first
part (`store_rows`), the exports pick and rename cells of the whole (export/tables.py). tests/test_schema.py
checks every cell against the record, by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model import Article, Source
from .tables import ARTICLE_TABLES

Row = tuple[Any, ...]
# article id -> {story entity id: store entity id} (store/entity_links.py), for the exports' store entity cells
StoreIds = Callable[[str], dict[str, str]]

_MONTH = re.compile(r"^\d{4}-\d{2}")
_WRITTEN = {t.name: len(t.written) for t in ARTICLE_TABLES}
_EXTRAS = {t.name for t in ARTICLE_TABLES if t.extras}
_DISTINCT = {t.name for t in ARTICLE_TABLES if t.distinct}


def month(published: str | None) -> str:
    """The parquet partition key: YYYY-MM of the publication date, or "unknown"."""
    return published[:7] if published and _MONTH.match(published) else "unknown"


def source_row(article_id: str, src: Source) -> Row:
    """An article_sources row: the record id is '' rather than NULL, as it is part of the key."""
    return (article_id, src.uri, src.format, src.record or "", *(src.span or (None, None)), src.outlet)


def article_rows(a: Article, store_ids: StoreIds | None = None, *, record: bool = True) -> dict[str, list[Row]]:
    """Every table's rows of one story, cells in `Table.fields` order, rows in the record's order.

    `store_ids` fills the store entity extras (else empty); `record=False` leaves out the JSON record, the
    costliest cell, for the exports, which do not write it."""
    sid = store_ids(a.id) if store_ids is not None else {}
    s = a.source
    text = a.text or ""  # for the extras: a record without text meets the store's NOT NULL, not a TypeError here
    return {
        "articles": [(a.id, a.title, a.published, a.language, a.text, a.to_json() if record else None,
                      " ".join(a.extractors), month(a.published), s.uri, s.format, s.record, len(text),
                      len(a.entities), len(a.quotes), len(a.figures), len(a.places), len(a.events))],
        "article_sources": [source_row(a.id, s)],
        "entities": [(e.id, e.name, e.type, a.id, len(e.mentions), sid.get(e.id)) for e in a.entities],
        "mentions": [(a.id, e.id, st, en, e.name, e.type, sid.get(e.id)) for e in a.entities for st, en in e.mentions],
        "quotes": [(a.id, i, q.text, q.span[0], q.span[1], q.kind, q.speaker, q.speaker_entity, q.cue,
                    q.speaker_text, q.speaker_method, q.speaker_confidence,
                    sid.get(q.speaker_entity) if q.speaker_entity else None) for i, q in enumerate(a.quotes)],
        "figures": [(a.id, i, f.text, f.span[0], f.span[1], f.category, f.qualifier, f.value, f.low, f.high, f.unit,
                     f.place) for i, f in enumerate(a.figures)],
        "places": [(p.id, p.name, p.geonameid, p.country, p.admin1, p.feature, p.lat, p.lon, a.id, len(p.mentions))
                   for p in a.places],
        "article_places": [(a.id, p.id, len(p.mentions)) for p in a.places],
        "events": [(a.id, e.id, e.type, e.mode, e.acled_type, e.acled_subtype,
                    e.actor.text if e.actor else None, e.actor.entity if e.actor else None,
                    e.recipient.text if e.recipient else None, e.recipient.entity if e.recipient else None,
                    e.place, e.date, e.killed, e.injured, e.confidence, e.span[0], e.span[1], text[e.span[0]:e.span[1]])
                   for e in a.events],
    }


def store_rows(a: Article) -> dict[str, list[Row]]:
    """The rows the stores write: written columns only; a `distinct` table's rows deduplicated and sorted."""
    out = {}
    for table, rows in article_rows(a).items():
        if table in _EXTRAS:
            n = _WRITTEN[table]
            rows = [r[:n] for r in rows]
        out[table] = sorted(set(rows)) if table in _DISTINCT else rows
    return out
