"""What every backend shares: its lifecycle, and reads written once in SQL with `?` placeholders (each
backend's `query()` binds them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Self

from ..model import Article

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
            "SELECT uri, format, NULLIF(record, ''), span_start, span_end FROM article_sources WHERE article_id=?"
            " ORDER BY uri, record", (article_id,))
        return [{"uri": u, "format": f, "record": r, "span": [s, e] if s is not None else None} for u, f, r, s, e in rows]

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
        sql = ("SELECT e.name, e.type, count(DISTINCT m.article_id) n FROM entities e JOIN mentions m ON m.entity_id=e.id"
               + (" WHERE e.type=?" if etype else "") + " GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.name LIMIT ?")
        return [tuple(r) for r in self.query(sql, (etype, limit) if etype else (limit,))]

    def duplicate_of(self, article_id: str) -> str | None:
        rows = self.query("SELECT duplicate_of FROM articles WHERE id=?", (article_id,))
        return rows[0][0] if rows else None

    def partition_done(self, pid: str) -> bool:
        return bool(self.query("SELECT 1 FROM partitions_done WHERE id=?", (pid,)))
