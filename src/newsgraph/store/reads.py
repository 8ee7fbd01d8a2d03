"""What every backend shares: its lifecycle, the incidents tables' replacement, and reads written once in SQL
with `?` placeholders (each backend's `query()` binds them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Self

from ..model import Article
from .base import IncidentRows
from .ddl import insert_into, on_conflict

# run(sql with ? placeholders, rows): one statement per row, inside the backend's write transaction
Run = Callable[[str, Sequence[tuple[Any, ...]]], None]

_INCIDENT = insert_into("incidents")
_INCIDENT_EVENT = insert_into("incident_events")
_META = insert_into("meta", tail=on_conflict("meta", ["value"]))

_TABLES = ("articles", "article_sources", "entities", "mentions", "quotes", "figures", "places", "events")


class Reads:
    conn: Any  # the backend's open connection

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _write_transaction(self, work: Callable[[Run], int]) -> int:
        """Run `work` in one write transaction, serialised with other refreshes (each backend its own way)."""
        raise NotImplementedError

    def replace_incidents(self, compute: Callable[[Self], IncidentRows]) -> int:
        """Replace the incidents and incident_events tables, and the incidents stamp in meta, with what
        `compute(store)` returns, in one transaction, so readers see the old set or the new one, never half.
        Returns the number of incidents. crosssource.refresh_incidents(store) is the caller: the store only
        writes the rows it is given, and knows nothing of how incidents are found.

        `compute` runs inside the write transaction, which is serialised with other refreshes: a refresh that
        waited for another one reads the stories that one wrote, and the stamp saved matches what was clustered."""
        def work(run: Run) -> int:
            stamp, incs, evs = compute(self)
            run("DELETE FROM incident_events", [()])
            run("DELETE FROM incidents", [()])
            run(_INCIDENT, incs)
            run(_INCIDENT_EVENT, evs)
            run(_META, [("incidents_stamp", stamp)])
            return len(incs)
        return self._write_transaction(work)

    @staticmethod
    def _backfill_links(linker: Any) -> None:
        """Once, in the first write transaction after the migration that made the store-entity tables: link
        the stories stored before them (store/entity_links.py)."""
        rows = linker.execute("SELECT value FROM meta WHERE key = 'entity_links_backfill'", [])
        if not rows or rows[0][0] != "pending":
            return
        last = ""
        while True:
            batch = linker.execute("SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT 500", [last])
            if not batch:
                break
            for _id, rec in batch:
                linker.link_article(Article.from_json(rec))
            last = batch[-1][0]
        linker.execute("UPDATE meta SET value = 'done' WHERE key = 'entity_links_backfill'", [])

    def has(self, article_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM articles WHERE id=?", (article_id,)))

    def get(self, article_id: str) -> Article | None:
        """A story by its id, or by a prefix of it that only one story has."""
        rows = self.query("SELECT record FROM articles WHERE id=?", (article_id,))
        if not rows:
            prefix = article_id.replace("%", "").replace("_", "")
            rows = self.query("SELECT record FROM articles WHERE id LIKE ? LIMIT 2", (prefix + "%",))
            if len(rows) != 1:
                return None
        return Article.from_json(rows[0][0])

    def sources(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT uri, format, NULLIF(record, ''), span_start, span_end, outlet FROM article_sources"
            " WHERE article_id=? ORDER BY uri, record", (article_id,))
        return [{"uri": u, "format": f, "record": r, "span": [s, e] if s is not None else None,
                 **({"outlet": o} if o else {})} for u, f, r, s, e, o in rows]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every record in id order, streamed in pages so memory stays flat."""
        last = ""
        while True:
            rows = self.query("SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch))
            if not rows:
                return
            for _id, rec in rows:
                yield Article.from_json(rec)
            last = rows[-1][0]

    def stats(self) -> dict[str, int]:
        return {t: self.query(f"SELECT count(*) FROM {t}")[0][0] for t in _TABLES}  # fixed names only

    def top_entities(self, limit: int = 10, etype: str | None = None) -> list[tuple[str, str, int]]:
        """Store-level entities (store/entity_links.py) by the number of stories linked to them."""
        sql = ("SELECT s.name, s.type, count(DISTINCT l.article_id) n FROM store_entities s"
               " JOIN entity_links l ON l.store_id = s.id" + (" WHERE s.type=?" if etype else "")
               + " GROUP BY s.id, s.name, s.type ORDER BY n DESC, s.name LIMIT ?")
        return [tuple(r) for r in self.query(sql, (etype, limit) if etype else (limit,))]

    def duplicate_of(self, article_id: str) -> str | None:
        rows = self.query("SELECT duplicate_of FROM articles WHERE id=?", (article_id,))
        return rows[0][0] if rows else None

    def partition_done(self, pid: str) -> bool:
        return bool(self.query("SELECT 1 FROM partitions_done WHERE id=?", (pid,)))
