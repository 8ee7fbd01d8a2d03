"""The analysis tables of the csv and parquet exports: views over the store's flattened rows (store/rows.py).

Each export table reads one store table's rows (written columns and extras, declared in store/tables.py) and picks
its columns, some under another name; their Arrow types derive from the declared logical types. Documented column
by column in docs/export.md (coupled: change both together).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from ..model import Article
from ..store.rows import Row, StoreIds, article_rows, month
from ..store.tables import TABLES as STORE_TABLES

__all__ = ["ARROW", "TABLES", "VIEWS", "StoreIds", "month", "table_rows"]

# export table -> (the store table whose rows it reads, its columns: "name", or "name=cell" for a cell of
# another name); in the order the files are written
VIEWS: dict[str, tuple[str, str]] = {
    "stories": ("articles", "id title published month language uri format record=source_record chars entities quotes"
                            " figures places events text extractors"),
    "entities": ("entities", "article_id entity_id=id name type mentions store_entity"),
    "mentions": ("mentions", "article_id entity_id name type start end store_entity"),
    "quotes": ("quotes", "article_id idx text kind speaker speaker_entity cue start end speaker_store_entity "
               "speaker_text speaker_method speaker_confidence"),
    "figures": ("figures", "article_id idx text category qualifier value low high unit place_id start end"),
    "places": ("places", "article_id place_id=id name geonameid country admin1 feature lat lon mentions"),
    "events": ("events", "article_id event_id=id type mode acled_type acled_subtype actor actor_entity recipient"
                         " recipient_entity place_id date killed injured confidence start end evidence"),
}
# logical type (store/tables.py) -> Arrow type name (parquet_out.py); it also says what a CSV cell holds
ARROW = {"text": "string", "int": "int64", "bigint": "int64", "real": "float64"}


def _columns(view: str) -> list[tuple[str, str, int]]:
    """(export column, Arrow type, position of its cell in the store table's row)."""
    table, spec = VIEWS[view]
    t = STORE_TABLES[table]
    out = []
    for item in spec.split():
        name, _, cell = item.partition("=")
        cell = cell or name
        out.append((name, ARROW[t.column(cell).type], t.fields.index(cell)))
    return out


_COLUMNS = {v: _columns(v) for v in VIEWS}


def _source_url(a: Article) -> str:
    """The page's own address when known (a scrape's --url or sidecar, a page's canonical link), else the
    record's source, as the events export's source_url."""
    return a.source.url or a.source.uri


# Columns an export table adds after the store's: (name, Arrow type, the cell from the record).
ADDED: dict[str, list[tuple[str, str, Callable[[Article], Any]]]] = {"stories": [("source_url", "string", _source_url)]}
# table -> [(column, Arrow type)], in file order
TABLES: dict[str, list[tuple[str, str]]] = {
    v: [(c, a) for c, a, _ in cols] + [(c, a) for c, a, _ in ADDED.get(v, [])] for v, cols in _COLUMNS.items()}


def _picker(cells: list[int]) -> Callable[[Row], Row]:
    if len(cells) == 1:  # itemgetter of one index gives the cell, not a 1-tuple
        return lambda row: (row[cells[0]],)
    return itemgetter(*cells)


_PICK = {v: _picker([i for _, _, i in cols]) for v, cols in _COLUMNS.items()}


def table_rows(a: Article, store_ids: StoreIds | None = None) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) pairs of one story, rows in TABLES' column order, each table's in the record's order.
    Without `store_ids` (records read from no store), the store entity columns are empty."""
    rows = article_rows(a, store_ids, record=False)
    for view, (table, _) in VIEWS.items():
        pick = _PICK[view]
        added = tuple(cell(a) for _, _, cell in ADDED.get(view, []))
        for row in rows[table]:
            yield view, tuple(pick(row)) + added if added else pick(row)
