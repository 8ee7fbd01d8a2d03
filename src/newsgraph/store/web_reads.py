"""The web app's reads, one method per page, over any store: `store.web_reads()` gives the backend's subclass
(store/web_sqlite.py, store/web_postgres.py).

The SQL is written once with `?` placeholders; where the two engines differ (case-insensitive matching,
index hints, NULL order, insertion order, clipping a span) it asks one of the small dialect methods of
store/web_sql.py, and full-text search is each backend's own (`search`). Every value is bound as a
parameter, on read-only connections (store/web_sql.py). Events, figures and disputed incidents are read
in store/web_events.py.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from ..model import Article
from .web_events import EventReads
from .web_filters import (
    CO_SAMPLE,
    COPIES_LISTED,
    EventFilter,
    Page,
    QuoteFilter,
    SearchFilter,
    aggregate_events,
    event_day,
    like,
    read_by_sql,
)

_COUNTED = ("articles", "entities", "quotes", "figures", "places", "events")


class WebReads(EventReads):
    """Read-only queries for the web app, each on the calling thread's own connection."""

    # -- what each backend does its own way ---------------------------------------------------------
    def version(self) -> Hashable:
        """Changes when stories are added: caches of whole-archive figures (store/cache.py) follow it."""
        raise NotImplementedError

    def search(self, q: str, flt: SearchFilter, limit: int, offset: int, sort: str = "relevance",
               fold: bool = True) -> Page:
        """Full-text search with filters; with no words, the filtered stories newest first. Each hit has `id`,
        `title`, `published`, `duplicate_of`, `snippet` (matches between HL_OPEN and HL_CLOSE) and `score`.

        With `fold`, a near-duplicate copy whose original is also a hit is left out, and the original carries
        `copies` (a count) and `copy_list`; without, every copy is a hit of its own."""
        raise NotImplementedError

    # -- home ------------------------------------------------------------------------------------
    def summaries(self) -> dict[str, Any]:
        """Whole-archive aggregates (counts, most quoted, map places, entity ranking, every event as a small
        tuple): they scan whole tables, so the web app keeps them in a store/cache.py Cached."""
        speakers = self.rows(
            "SELECT min(coalesce(l.store_id, q.speaker_entity)) AS entity_id,"
            " min(coalesce(s.name, e.name, q.speaker)) AS name, count(*) AS quotes"
            " FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity"
            " LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity"
            " LEFT JOIN store_entities s ON s.id = l.store_id WHERE q.speaker IS NOT NULL"
            " GROUP BY coalesce(l.store_id, q.speaker_entity, q.speaker) ORDER BY quotes DESC, name LIMIT 10")
        # ranked by store entity (store/entity_links.py): "Putin" and "Vladimir Putin" stories count as one
        entities = self.query(
            "SELECT s.id, s.name, s.type, c.n FROM (SELECT store_id, count(DISTINCT article_id) AS n FROM entity_links"
            " GROUP BY store_id) c JOIN store_entities s ON s.id = c.store_id ORDER BY c.n DESC, s.name")
        places = self.rows("SELECT p.id AS place_id, p.name, p.lat, p.lon, count(ap.article_id) AS stories"
                           " FROM places p JOIN article_places ap ON ap.place_id = p.id WHERE p.lat IS NOT NULL"
                           " AND p.lon IS NOT NULL GROUP BY p.id ORDER BY stories DESC LIMIT 300")
        labels: dict[str | None, str | None] = {}
        # One small tuple per event, so the events page can count any filter without a table scan:
        # (day, type, place_id, killed, actor, recipient, confidence, acled_subtype), the order
        # aggregate_events unpacks. Sorted by day (in Python: a database may sort text by a language's
        # collation), so a date filter is two binary searches. The few sub-type labels are shared strings.
        events = [(*ev[:7], labels.setdefault(ev[7], ev[7])) for ev in self.query(
            "SELECT coalesce(substr(date, 1, 10), ''), type, place_id, coalesce(killed, 0),"
            " lower(coalesce(actor, '')), lower(coalesce(recipient, '')), confidence, acled_subtype"
            " FROM events ORDER BY 1")]
        events.sort(key=event_day)
        out = {"counts": {t: self.query(f"SELECT count(*) FROM {t}")[0][0] for t in _COUNTED},  # fixed names only
               "top_speakers": speakers, "entities": entities, "places": places, "events": events,
               "places_by_id": {r[0]: r[1:] for r in self.query(
                   "SELECT id, name, lat, lon FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL")},
               "events_by_type": {}}
        for ev in events:
            out["events_by_type"].setdefault(ev[1], []).append(ev)
        out["event_summary"] = aggregate_events(events, out["places_by_id"], EventFilter(), None)
        return out

    def overview(self, summ: dict[str, Any]) -> dict[str, Any]:
        """Counts, newest stories, latest events and most-quoted people; `summ`: summaries()."""
        # Syndicated copies are folded under their original (see with_copies), not listed again.
        newest = self.with_copies(self.rows(
            f"SELECT id, title, published, duplicate_of FROM articles WHERE {self._noindex('duplicate_of')} IS NULL"
            f" ORDER BY published {self.DESC}, id LIMIT 10"))
        events = self.events_page(EventFilter(), 10, 0).items
        return {"counts": summ["counts"], "newest": newest, "latest_events": events,
                "top_speakers": summ["top_speakers"]}

    def with_copies(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each story with how many copies of it the store holds and the first COPIES_LISTED of them."""
        for r in rows:
            r.setdefault("duplicate_of", None)
            r["copies"], r["copy_list"] = 0, []
        roots = {r["id"]: r for r in rows if not r["duplicate_of"]}
        if not roots:
            return rows
        marks = ",".join("?" * len(roots))
        for root, cid, title, uri in self.query(
                "SELECT c.duplicate_of, c.id, c.title, (SELECT min(s.uri) FROM article_sources s"
                f" WHERE s.article_id = c.id) FROM articles c WHERE c.duplicate_of IN ({marks})"
                f" ORDER BY {self._stored_order('c')}", list(roots)):
            r = roots[root]
            r["copies"] += 1
            if len(r["copy_list"]) < COPIES_LISTED:
                r["copy_list"].append({"id": cid, "title": title, "uri": uri})
        return rows

    # -- search ----------------------------------------------------------------------------------
    def story_filter(self, flt: SearchFilter, a: str = "a", per_row: bool = False) -> tuple[list[str], list[Any]]:
        """SQL conditions on the articles table under the alias `a`, with their parameters.

        By default a filter is a list of stories built once per query (IN subquery): a correlated EXISTS would
        run once per matching story, which on a common word is most of the archive. With `per_row`, each
        story is checked by a primary-key lookup instead: the better plan when few stories are checked."""
        where: list[str] = []
        params: list[Any] = []
        if flt.date_from:
            where.append(f"{a}.published >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            cond, bound = self._upto(f"{a}.published", flt.date_to)
            where.append(cond)
            params.append(bound)
        if flt.source:
            where.append(f"EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = {a}.id AND s.uri {self.LIKE} ?"
                         " ESCAPE '\\')" if per_row else
                         f"{a}.id IN (SELECT article_id FROM article_sources WHERE uri {self.LIKE} ? ESCAPE '\\')")
            params.append(like(flt.source))
        if flt.entity:
            # a store entity (by id or name) or a story entity id: every story linked to the same store entity
            ents = (f"(SELECT id FROM store_entities WHERE id = ? OR {self._ieq('name')} UNION"
                    " SELECT store_id FROM entity_links WHERE entity_id IN"
                    f" (SELECT id FROM entities WHERE id = ? OR {self._ieq('name')}))")
            where.append(f"EXISTS (SELECT 1 FROM entity_links m WHERE m.article_id = {a}.id AND m.store_id IN {ents})"
                         if per_row else f"{a}.id IN (SELECT article_id FROM entity_links WHERE store_id IN {ents})")
            params += [flt.entity] * 4
        if flt.place:
            places = f"(SELECT id FROM places WHERE id = ? OR {self._ieq('name')})"
            where.append(f"EXISTS (SELECT 1 FROM article_places p WHERE p.article_id = {a}.id AND p.place_id IN {places})"
                         if per_row else f"{a}.id IN (SELECT article_id FROM article_places WHERE place_id IN {places})")
            params += [flt.place, flt.place]
        if flt.event_type:
            where.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = {a}.id AND e.type = ?)" if per_row
                         else f"{a}.id IN (SELECT article_id FROM events WHERE type = ?)")
            params.append(flt.event_type)
        for name, read in ((flt.read_by, True), (flt.not_read_by, False)):
            if name:
                cond, param = read_by_sql(a, name, read)
                where.append(cond)
                params.append(param)
        return where, params

    def filter_choices(self) -> dict[str, list[str]]:
        return {
            "event_types": [r[0] for r in self.query("SELECT DISTINCT type FROM events ORDER BY type")],
            "figure_categories": [r[0] for r in self.query(
                "SELECT DISTINCT category FROM figures WHERE category IS NOT NULL ORDER BY category")],
        }

    # -- story -----------------------------------------------------------------------------------
    def story(self, article_id: str) -> tuple[Article, list[dict[str, Any]]] | None:
        """A story's record and every place it was seen."""
        got = self.query("SELECT record FROM articles WHERE id = ?", (article_id,))
        if not got:
            return None
        sources = self.rows("SELECT uri, format, NULLIF(record, '') AS record, span_start, span_end"
                            " FROM article_sources WHERE article_id = ? ORDER BY uri, record", (article_id,))
        return Article.from_json(got[0][0]), sources

    def story_copies(self, article_id: str) -> dict[str, Any]:
        """A story's place among near-duplicates: its original (when it is a copy) and the original's other copies."""
        got = self.query("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,))
        root = got[0][0] if got else None
        original = None
        if root:
            found = self.rows("SELECT id, title, published, (SELECT min(s.uri) FROM article_sources s"
                              " WHERE s.article_id = a.id) AS uri FROM articles a WHERE id = ?", (root,))
            original = found[0] if found else {"id": root, "title": None, "published": None, "uri": None}
        copies = self.rows("SELECT c.id, c.title, c.published, (SELECT min(s.uri) FROM article_sources s"
                           " WHERE s.article_id = c.id) AS uri FROM articles c WHERE c.duplicate_of = ?"
                           f" AND c.id != ? ORDER BY {self._stored_order('c')} LIMIT 200", (root or article_id, article_id))
        return {"duplicate_of": root, "original": original, "copies": copies}

    def story_store_ids(self, article_id: str) -> dict[str, str]:
        """A story's entity ids -> their store entities (store/entity_links.py)."""
        return dict(self.query("SELECT entity_id, store_id FROM entity_links WHERE article_id = ?", (article_id,)))

    # -- entities --------------------------------------------------------------------------------
    def entities_page(self, ranked: list[tuple[Any, ...]], name: str | None, etype: str | None, limit: int,
                      offset: int) -> Page:
        """Entities most mentioned first; `ranked`: summaries()["entities"], so no request counts them again."""
        if name:
            ids = {r[0] for r in self.query(
                f"SELECT id FROM store_entities WHERE name {self.LIKE} ? ESCAPE '\\' UNION SELECT l.store_id"
                f" FROM entity_links l WHERE l.entity_id IN (SELECT id FROM entities WHERE name {self.LIKE} ?"
                " ESCAPE '\\' LIMIT 5000)", (like(name), like(name)))}
            ranked = [r for r in ranked if r[0] in ids]
        if etype:
            ranked = [r for r in ranked if r[2] == etype]
        rows = [{"id": i, "name": n, "type": t, "stories": c} for i, n, t, c in ranked[offset:offset + limit + 1]]
        return Page.of(rows, limit, offset)

    def store_entity_id(self, entity_id: str) -> str | None:
        """A store entity's id from its own id, or from a story entity's id (the store entity most of its
        stories link it to)."""
        if self.query("SELECT 1 FROM store_entities WHERE id = ?", (entity_id,)):
            return entity_id
        got = self.query("SELECT store_id FROM entity_links WHERE entity_id = ? GROUP BY store_id"
                         " ORDER BY count(*) DESC, store_id LIMIT 1", (entity_id,))
        return got[0][0] if got else None

    def entity(self, entity_id: str, limit: int, offset: int) -> dict[str, Any] | None:
        """One store entity (store/entity_links.py), by its id or a story entity's: every story entity linked
        to it counts, whatever the story called it. Its stories are paginated (`has_more`)."""
        sid = self.store_entity_id(entity_id)
        if sid is None:
            return None
        found = self.rows("SELECT id, name, type, key_kind, key, parent_id FROM store_entities WHERE id = ?", (sid,))
        if not found:
            return None
        out = found[0]
        out["forms"] = self.rows(
            "SELECT e.id, e.name, e.type, l.rule, count(*) AS stories FROM entity_links l"
            " JOIN entities e ON e.id = l.entity_id WHERE l.store_id = ?"
            " GROUP BY e.id, e.name, e.type, l.rule ORDER BY stories DESC, e.name LIMIT 50", (sid,))
        # the (story, story entity) pairs of this store entity, as a join target
        out["timeline"] = self.rows(
            "SELECT coalesce(substr(a.published, 1, 7), 'undated') AS month, count(DISTINCT a.id) AS stories,"
            " count(*) AS mentions FROM (SELECT article_id, entity_id FROM entity_links WHERE store_id = ?) l"
            " JOIN mentions m ON m.article_id = l.article_id AND m.entity_id = l.entity_id"
            " JOIN articles a ON a.id = m.article_id GROUP BY month ORDER BY month", (sid,))
        out["quotes"] = self.quotes_page(QuoteFilter(speaker_entity=sid), limit, offset).items
        # Counted over the entity's last CO_SAMPLE * 4 stories (some hundreds): a name in a tenth of a large
        # archive would otherwise join hundreds of thousands of mentions on every page view.
        out["co_occurring"] = self.rows(
            f"WITH s AS (SELECT DISTINCT article_id FROM ({self._recent_links()}) recent),"
            " c AS (SELECT l2.store_id, count(DISTINCT l2.article_id) AS stories FROM s"
            " JOIN entity_links l2 ON l2.article_id = s.article_id WHERE l2.store_id != ? GROUP BY l2.store_id"
            " ORDER BY stories DESC LIMIT 20)"
            " SELECT e.id, e.name, e.type, c.stories FROM c JOIN store_entities e ON e.id = c.store_id"
            " ORDER BY c.stories DESC, e.name", (sid, CO_SAMPLE * 4, sid))
        page = self._entity_stories(sid, limit, offset)
        out["stories"], out["has_more"] = page.items, page.has_more
        return out

    def _entity_stories(self, sid: str, limit: int, offset: int) -> Page:
        # A copy whose original also names the entity is folded under the original (see with_copies).
        stories = self.rows(
            "SELECT a.id, a.title, a.published, a.duplicate_of,"
            " (SELECT count(*) FROM mentions m JOIN entity_links l ON l.article_id = m.article_id"
            " AND l.entity_id = m.entity_id WHERE m.article_id = a.id AND l.store_id = ?) AS mentions"
            " FROM articles a WHERE a.id IN (SELECT article_id FROM entity_links WHERE store_id = ?)"
            " AND (a.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM entity_links r WHERE r.article_id ="
            " a.duplicate_of AND r.store_id = ?))"
            f" ORDER BY a.published {self.DESC}, a.id LIMIT ? OFFSET ?",
            (sid, sid, sid, limit + 1, offset))
        return Page.of(self.with_copies(stories), limit, offset)

    # -- quotes ----------------------------------------------------------------------------------
    def quotes_page(self, flt: QuoteFilter, limit: int, offset: int) -> Page:
        where: list[str] = []
        params: list[Any] = []
        key, lk = self._quote_key, self.LIKE
        if flt.speaker:
            # Matched once over each column into a list of quote rows, not row by row along a join.
            # ... and by store entity: "Putin" finds the quotes of stories that name "Vladimir Putin"
            where.append(
                f"{key('q', compared=True)} IN (SELECT {key('quotes')} FROM quotes WHERE speaker {lk} ? ESCAPE '\\'"
                f" UNION SELECT {key('quotes')} FROM quotes WHERE speaker_entity IN"
                f" (SELECT id FROM entities WHERE name {lk} ? ESCAPE '\\') UNION"
                f" SELECT {key('q2')} FROM entity_links l JOIN quotes q2 ON q2.article_id = l.article_id"
                " AND q2.speaker_entity = l.entity_id WHERE l.store_id IN"
                f" (SELECT id FROM store_entities WHERE name {lk} ? ESCAPE '\\' UNION SELECT l3.store_id"
                f" FROM entity_links l3 JOIN entities e3 ON e3.id = l3.entity_id WHERE e3.name {lk} ? ESCAPE '\\'))")
            params += [like(flt.speaker)] * 4
        if flt.words:
            where.append(f"q.text {lk} ? ESCAPE '\\'")
            params.append(like(flt.words))
        if flt.speaker_entity:
            # a store entity's id (every story entity linked to it) or a story entity's id
            where.append(f"(q.speaker_entity = ? OR {key('q', compared=True)} IN (SELECT {key('q2')} FROM entity_links l"
                         " JOIN quotes q2 ON q2.article_id = l.article_id AND q2.speaker_entity = l.entity_id"
                         " WHERE l.store_id = ?))")
            params += [flt.speaker_entity] * 2
        # Unfiltered, walk stories newest first by their index and stop at the page (CROSS JOIN fixes that
        # order in SQLite); filtered, let the planner start from the narrower side.
        join = "articles a JOIN quotes q" if where else f"articles a {self.OUTER_FIRST} quotes q"
        sql = ("SELECT q.article_id, q.idx, q.text, q.kind, q.speaker, coalesce(l.store_id, q.speaker_entity) AS"
               " speaker_entity, q.speaker_entity AS story_entity, coalesce(s.name, e.name) AS speaker_name, q.cue,"
               f" a.title, a.published FROM {join} ON q.article_id = a.id"
               " LEFT JOIN entities e ON e.id = q.speaker_entity"
               " LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity"
               " LEFT JOIN store_entities s ON s.id = l.store_id" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY a.published {self.DESC}, q.article_id, q.idx LIMIT ? OFFSET ?")
        return Page.of(self.rows(sql, [*params, limit + 1, offset]), limit, offset)
