"""The analysis tables of a store, derived from Article records: one definition for CSV and Parquet.

Documented column by column in docs/export.md (coupled: change both together).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..model import Article

# table -> [(column, type)]; types are Arrow type names (see parquet.py) and say what a CSV cell holds
TABLES: dict[str, list[tuple[str, str]]] = {
    "stories": [("id", "string"), ("title", "string"), ("published", "string"), ("month", "string"),
                ("language", "string"), ("uri", "string"), ("format", "string"), ("record", "string"),
                ("chars", "int64"), ("entities", "int64"), ("quotes", "int64"), ("figures", "int64"),
                ("places", "int64"), ("events", "int64"), ("text", "string")],
    "entities": [("article_id", "string"), ("entity_id", "string"), ("name", "string"), ("type", "string"),
                 ("mentions", "int64"), ("store_entity", "string")],
    "mentions": [("article_id", "string"), ("entity_id", "string"), ("name", "string"), ("type", "string"),
                 ("start", "int64"), ("end", "int64"), ("store_entity", "string")],
    "quotes": [("article_id", "string"), ("idx", "int64"), ("text", "string"), ("kind", "string"),
               ("speaker", "string"), ("speaker_entity", "string"), ("cue", "string"), ("start", "int64"),
               ("end", "int64"), ("speaker_store_entity", "string")],
    "figures": [("article_id", "string"), ("idx", "int64"), ("text", "string"), ("category", "string"),
                ("qualifier", "string"), ("value", "float64"), ("low", "float64"), ("high", "float64"),
                ("unit", "string"), ("place_id", "string"), ("start", "int64"), ("end", "int64")],
    "places": [("article_id", "string"), ("place_id", "string"), ("name", "string"), ("geonameid", "int64"),
               ("country", "string"), ("admin1", "string"), ("feature", "string"), ("lat", "float64"),
               ("lon", "float64"), ("mentions", "int64")],
    "events": [("article_id", "string"), ("event_id", "string"), ("type", "string"), ("mode", "string"),
               ("acled_type", "string"), ("acled_subtype", "string"), ("actor", "string"), ("actor_entity", "string"),
               ("recipient", "string"), ("recipient_entity", "string"), ("place_id", "string"), ("date", "string"),
               ("killed", "int64"), ("injured", "int64"), ("confidence", "float64"), ("start", "int64"),
               ("end", "int64"), ("evidence", "string")],
}

_MONTH = re.compile(r"^\d{4}-\d{2}")


def month(published: str | None) -> str:
    """The partition key: YYYY-MM of the publication date, or "unknown"."""
    return published[:7] if published and _MONTH.match(published) else "unknown"


# article id -> {story entity id: store entity id} (store/entity_links.py); the store's entity_links table
StoreIds = Callable[[str], dict[str, str]]


def table_rows(a: Article, store_ids: StoreIds | None = None) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) pairs of one story, rows in TABLES' column order. Without `store_ids` (records read
    from no store), the store entity columns are empty."""
    sid = store_ids(a.id) if store_ids is not None else {}
    s = a.source
    yield "stories", (a.id, a.title, a.published, month(a.published), a.language, s.uri, s.format, s.record,
                      len(a.text), len(a.entities), len(a.quotes), len(a.figures), len(a.places), len(a.events), a.text)
    for e in a.entities:
        yield "entities", (a.id, e.id, e.name, e.type, len(e.mentions), sid.get(e.id))
        for st, en in e.mentions:
            yield "mentions", (a.id, e.id, e.name, e.type, st, en, sid.get(e.id))
    for i, q in enumerate(a.quotes):
        yield "quotes", (a.id, i, q.text, q.kind, q.speaker, q.speaker_entity, q.cue, q.span[0], q.span[1],
                         sid.get(q.speaker_entity) if q.speaker_entity else None)
    for i, f in enumerate(a.figures):
        yield "figures", (a.id, i, f.text, f.category, f.qualifier, f.value, f.low, f.high, f.unit, f.place,
                          f.span[0], f.span[1])
    for p in a.places:
        yield "places", (a.id, p.id, p.name, p.geonameid, p.country, p.admin1, p.feature, p.lat, p.lon,
                         len(p.mentions))
    for ev in a.events:
        yield "events", (a.id, ev.id, ev.type, ev.mode, ev.acled_type, ev.acled_subtype,
                         ev.actor.text if ev.actor else None, ev.actor.entity if ev.actor else None,
                         ev.recipient.text if ev.recipient else None, ev.recipient.entity if ev.recipient else None,
                         ev.place, ev.date, ev.killed, ev.injured, ev.confidence, ev.span[0], ev.span[1],
                         a.text[ev.span[0]:ev.span[1]])
