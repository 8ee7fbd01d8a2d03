"""What every backend shares: its lifecycle, the incidents tables' replacement, and reads written once in SQL
with `?` placeholders (each backend's `query()` binds them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Self

from ..model import Article
from .base import IncidentRows
from .ddl import insert_into, on_conflict
from .web_filters import QuoteFilter

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

    # -- the CLI's lists (cli.py): quotes, store entities and their links, places ---------------------------
    def entity_link_ids(self, article_id: str) -> dict[str, str]:
        """A story's entity ids to the store entities they are linked to (store/entity_links.py)."""
        return dict(self.query("SELECT entity_id, store_id FROM entity_links WHERE article_id = ?", (article_id,)))

    def quote_rows(self, flt: QuoteFilter, limit: int) -> list[tuple[Any, ...]]:
        """Quotes newest first, as (speaker, text, kind, cue, story id, title, published, store entity id, store
        entity name). A speaker is matched (any case) by its own name and by its store entity's names: "Putin"
        finds the quotes of stories that name "Vladimir Putin", and the full name the stories that only say
        "Putin"; speaker_entity is a story entity's id or a store entity's."""
        sql = ("SELECT q.speaker, q.text, q.kind, q.cue, a.id, a.title, a.published, s.id, s.name FROM quotes q"
               " JOIN articles a ON a.id = q.article_id"
               " LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity"
               " LEFT JOIN store_entities s ON s.id = l.store_id WHERE 1=1")
        params: list[Any] = []
        if flt.speaker:
            pattern = f"%{flt.speaker.lower()}%"
            sql += (" AND (lower(coalesce(q.speaker, '')) LIKE ? OR l.store_id IN (SELECT l2.store_id FROM"
                    " entity_links l2 JOIN entities e2 ON e2.id = l2.entity_id WHERE lower(e2.name) LIKE ?)"
                    " OR l.store_id IN (SELECT id FROM store_entities WHERE lower(name) LIKE ?))")
            params += [pattern] * 3
        if flt.words:
            sql += " AND lower(q.text) LIKE ?"
            params.append(f"%{flt.words.lower()}%")
        if flt.speaker_entity:
            sql += " AND (q.speaker_entity = ? OR l.store_id = ?)"
            params += [flt.speaker_entity] * 2
        sql += " ORDER BY a.published DESC, a.id, q.idx LIMIT ?"
        return self.query(sql, (*params, limit))

    def store_entity_rows(self, etype: str | None, name: str | None, limit: int) -> list[tuple[Any, ...]]:
        """Store entities, most stories first, as (id, name, type, key kind, key, stories); `name`: part of the
        entity's name or of any name a story used for it (any case)."""
        where, params = [], []
        if etype:
            where.append("s.type = ?")
            params.append(etype.upper())
        if name:
            where.append("(lower(s.name) LIKE ? OR s.id IN (SELECT l2.store_id FROM entity_links l2"
                         " JOIN entities e2 ON e2.id = l2.entity_id WHERE lower(e2.name) LIKE ?))")
            params += [f"%{name.lower()}%"] * 2
        return self.query(
            "SELECT s.id, s.name, s.type, s.key_kind, s.key, count(DISTINCT l.article_id) AS n"
            " FROM store_entities s JOIN entity_links l ON l.store_id = s.id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY s.id, s.name, s.type, s.key_kind, s.key ORDER BY n DESC, s.name LIMIT ?", (*params, limit))

    def entity_forms(self, store_id: str) -> list[str]:
        """Every name the stories used for a store entity, in order."""
        return [r[0] for r in self.query("SELECT DISTINCT e.name FROM entity_links l JOIN entities e"
                                         " ON e.id = l.entity_id WHERE l.store_id = ? ORDER BY e.name", (store_id,))]

    def entity_link_rows(self, store_id: str, limit: int) -> list[tuple[Any, ...]]:
        """The story entities linked to a store entity, newest story first, as (story id, name, type, rule,
        reason, evidence story, evidence start, evidence end, title)."""
        return self.query(
            "SELECT l.article_id, e.name, e.type, l.rule, l.reason, l.ev_article, l.ev_start, l.ev_end, a.title"
            " FROM entity_links l JOIN entities e ON e.id = l.entity_id JOIN articles a ON a.id = l.article_id"
            " WHERE l.store_id = ? ORDER BY a.published DESC, l.article_id LIMIT ?", (store_id, limit))

    def place_rows(self, country: str | None, limit: int) -> list[tuple[Any, ...]]:
        """Places named in stories, the most stories first, as (id, name, country, admin1, feature, lat, lon,
        stories, mentions); `country`: an ISO 3166-1 alpha-2 code."""
        sql = ("SELECT p.id, p.name, p.country, p.admin1, p.feature, p.lat, p.lon, count(ap.article_id),"
               " sum(ap.count) FROM places p JOIN article_places ap ON ap.place_id = p.id")
        params: list[Any] = []
        if country:
            sql += " WHERE p.country = ?"
            params.append(country.upper())
        sql += (" GROUP BY p.id, p.name, p.country, p.admin1, p.feature, p.lat, p.lon"
                " ORDER BY count(ap.article_id) DESC, p.name LIMIT ?")
        return self.query(sql, (*params, limit))

    def duplicate_of(self, article_id: str) -> str | None:
        rows = self.query("SELECT duplicate_of FROM articles WHERE id=?", (article_id,))
        return rows[0][0] if rows else None

    def partition_done(self, pid: str) -> bool:
        return bool(self.query("SELECT 1 FROM partitions_done WHERE id=?", (pid,)))
