"""An Article as table rows: one definition shared by every backend and by the CSV/Parquet exports.

Coupled to schema_sql.py (SQLite) and postgres_sql.py: the column order here is the order there.
"""

from __future__ import annotations

from typing import Any

from ..model import Article

# table -> columns, in insert order (article_id first for the per-article tables)
COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("id", "name", "type"),
    "mentions": ("article_id", "entity_id", "start", "end"),
    "quotes": ("article_id", "idx", "text", "start", "end", "kind", "speaker", "speaker_entity", "cue"),
    "figures": ("article_id", "idx", "text", "start", "end", "category", "qualifier", "value", "low", "high", "unit",
                "place_id"),
    "places": ("id", "name", "geonameid", "country", "admin1", "feature", "lat", "lon"),
    "article_places": ("article_id", "place_id", "count"),
    "events": ("article_id", "id", "type", "mode", "acled_type", "acled_subtype", "actor", "actor_entity", "recipient",
               "recipient_entity", "place_id", "date", "killed", "injured", "confidence", "start", "end"),
}
# Tables keyed by their own id, shared across stories: insert-or-ignore.
SHARED = ("entities", "places")


def article_rows(a: Article) -> dict[str, list[tuple[Any, ...]]]:
    return {
        "entities": [(e.id, e.name, e.type) for e in a.entities],
        "mentions": sorted({(a.id, e.id, s, t) for e in a.entities for s, t in e.mentions}),
        "quotes": [(a.id, i, q.text, q.span[0], q.span[1], q.kind, q.speaker, q.speaker_entity, q.cue)
                   for i, q in enumerate(a.quotes)],
        "figures": [(a.id, i, f.text, f.span[0], f.span[1], f.category, f.qualifier, f.value, f.low, f.high, f.unit,
                     f.place) for i, f in enumerate(a.figures)],
        "places": [(p.id, p.name, p.geonameid, p.country, p.admin1, p.feature, p.lat, p.lon) for p in a.places],
        "article_places": [(a.id, p.id, len(p.mentions)) for p in a.places],
        "events": [(a.id, e.id, e.type, e.mode, e.acled_type, e.acled_subtype,
                    e.actor.text if e.actor else None, e.actor.entity if e.actor else None,
                    e.recipient.text if e.recipient else None, e.recipient.entity if e.recipient else None,
                    e.place, e.date, e.killed, e.injured, e.confidence, e.span[0], e.span[1]) for e in a.events],
    }


def insert_sql(table: str, placeholder: str = "?", conflict: str = "INSERT OR IGNORE INTO {t}") -> str:
    cols = COLUMNS[table]
    quoted = ", ".join(f'"{c}"' for c in cols)
    return f"{conflict.format(t=table)} ({quoted}) VALUES ({', '.join([placeholder] * len(cols))})"
