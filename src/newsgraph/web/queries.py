"""Read-only SQL for the web app: one function per page, every value bound as a parameter.

The web app never writes. Each thread opens its own `mode=ro` connection with `query_only` on, so a bug
here cannot change the archive, and readers never block the ingest writer (the store runs in WAL mode).
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..extract.events_acled import LABELS
from ..model import Article
from ..store.base import SearchError, StoreError
from ..store.sqlite import SQLiteStore

# Private-use characters mark the matched words inside FTS5 snippets: they cannot be typed into a query by
# accident, and the renderer turns them into <mark> only after the text around them has been escaped.
HL_OPEN, HL_CLOSE = "\ue000", "\ue001"

MAX_QUERY_CHARS = 500
# Relevance ranks at most this many matches, the newest; see search().
RANK_WINDOW = 2000
# Below this many matches, a filtered search checks each match against the filters rather than listing the
# filtered stories first (break-even on the 100,000-story bench store: about 1,500 matches). Listing the
# stories of a source reads every source URI (LIKE), so with a source filter checking wins up to about 10,000.
PER_HIT_MAX = 1000
PER_HIT_MAX_SOURCE = 8000
_HIT_COLUMNS = ("SELECT a.id, a.title, a.published, a.duplicate_of,"
                f" snippet(articles_fts, 2, '{HL_OPEN}', '{HL_CLOSE}', '…', 16) AS snippet")
# Copies listed with each story in a result list; the count is exact, the list stops here.
COPIES_LISTED = 10


class ReadOnlyDB:
    """A read-only view of a newsgraph SQLite store, one connection per thread."""

    def __init__(self, path: str | Path) -> None:
        resolved = Path(path).resolve()
        # Opening through the store checks the file exists and carries a schema this code understands.
        SQLiteStore(resolved, readonly=True).close()
        # quote() keeps '?' and '#' in a file name from being read as URI syntax.
        self._uri = f"file:{quote(str(resolved))}?mode=ro"
        self._local = threading.local()
        self.path = resolved

    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            try:
                c = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            except sqlite3.Error as e:  # pragma: no cover - the file vanished after start-up
                raise StoreError(f"cannot open {self.path} read-only ({e})") from None
            c.execute("PRAGMA query_only=ON")
            c.execute("PRAGMA busy_timeout=5000")
            c.row_factory = sqlite3.Row
            self._local.conn = c
        return c


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def _like(words: str) -> str:
    """A LIKE pattern that matches `words` literally (used with ESCAPE '\\')."""
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class Page:
    items: list[dict[str, Any]]
    limit: int
    offset: int
    has_more: bool


def _page(rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
    # Fetching limit+1 tells whether another page exists without counting every match, which is slow on
    # frequent words in a large archive.
    return Page(rows[:limit], limit, offset, len(rows) > limit)


# -- home ------------------------------------------------------------------------------------------
def overview(conn: sqlite3.Connection, summ: Summaries) -> dict[str, Any]:
    cached = summ.get(conn)
    # Syndicated copies are folded under their original (see with_copies), not listed again.
    newest = with_copies(conn, _rows(conn, "SELECT id, title, published, duplicate_of FROM articles"
                                           " WHERE +duplicate_of IS NULL ORDER BY published DESC, id LIMIT 10"))
    events = events_page(conn, EventFilter(), 10, 0).items
    return {"counts": cached["counts"], "newest": newest, "latest_events": events,
            "top_speakers": cached["top_speakers"]}


class Summaries:
    """Whole-archive aggregates (counts, most quoted, map places, entity ranking) kept off the request path.

    They scan whole tables, which takes seconds on a large archive, so they are computed once and
    recomputed in a background thread when the store has grown (the newest article rowid changed); pages
    meanwhile show the previous figures."""

    def __init__(self, db: ReadOnlyDB) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._data: dict[str, Any] | None = None
        self._version: int | None = None
        self._building = False

    def get(self, conn: sqlite3.Connection) -> dict[str, Any]:
        version = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        if self._data is None:
            with self._lock:
                if self._data is None:
                    self._data, self._version = self._compute(conn), version
        elif version != self._version and not self._building:
            self._building = True
            threading.Thread(target=self._refresh, args=(version,), daemon=True).start()
        return self._data

    def warm(self) -> None:
        self.get(self._db.conn())

    def _refresh(self, version: int) -> None:
        try:
            data = self._compute(self._db.conn())
            self._data, self._version = data, version
        finally:
            self._building = False

    @staticmethod
    def _compute(conn: sqlite3.Connection) -> dict[str, Any]:
        counts = {}
        labels: dict[str | None, str | None] = {}
        for table in ("articles", "entities", "quotes", "figures", "places", "events"):
            counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # fixed names, no input
        speakers = _rows(
            conn,
            "SELECT coalesce(l.store_id, q.speaker_entity) AS entity_id, coalesce(s.name, e.name, q.speaker) AS name,"
            " count(*) AS quotes FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity"
            " LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity"
            " LEFT JOIN store_entities s ON s.id = l.store_id WHERE q.speaker IS NOT NULL"
            " GROUP BY coalesce(l.store_id, q.speaker_entity, q.speaker) ORDER BY quotes DESC, name LIMIT 10")
        # ranked by store entity (store/entity_links.py): "Putin" and "Vladimir Putin" stories count as one
        entities = conn.execute(
            "SELECT s.id, s.name, s.type, c.n FROM (SELECT store_id, count(DISTINCT article_id) AS n FROM entity_links"
            " GROUP BY store_id) c JOIN store_entities s ON s.id = c.store_id ORDER BY c.n DESC, s.name").fetchall()
        places = _rows(conn, "SELECT p.id AS place_id, p.name, p.lat, p.lon, count(ap.article_id) AS stories"
                             " FROM places p JOIN article_places ap ON ap.place_id = p.id WHERE p.lat IS NOT NULL"
                             " AND p.lon IS NOT NULL GROUP BY p.id ORDER BY stories DESC LIMIT 300")
        out = {"counts": counts, "top_speakers": speakers, "entities": [tuple(r) for r in entities],
                "places": places,
                # One small tuple per event, so the events page can count any filter without a table scan:
                # (day, type, place_id, killed, actor, recipient, confidence, acled_subtype), the order
                # _aggregate_events unpacks. Sorted by day, so a date filter is two binary searches. The few
                # sub-type labels are shared strings, not one copy per event.
                "events": [(*ev[:7], labels.setdefault(ev[7], ev[7])) for ev in conn.execute(
                    "SELECT coalesce(substr(date, 1, 10), ''), type, place_id, coalesce(killed, 0),"
                    " lower(coalesce(actor, '')), lower(coalesce(recipient, '')), confidence, acled_subtype"
                    " FROM events ORDER BY 1")],
                "places_by_id": {r[0]: r[1:] for r in conn.execute(
                    "SELECT id, name, lat, lon FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL")}}
        out["events_by_type"] = {}
        for ev in out["events"]:
            out["events_by_type"].setdefault(ev[1], []).append(ev)
        out["event_summary"] = _aggregate_events(out["events"], out["places_by_id"], EventFilter(), None)
        return out


# -- search ----------------------------------------------------------------------------------------
@dataclass
class SearchFilter:
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    entity: str | None = None
    place: str | None = None
    event_type: str | None = None

    def clauses(self, a: str = "a", per_row: bool = False) -> tuple[list[str], list[Any]]:
        """SQL conditions on the articles table under the alias `a`, with their parameters.

        By default a filter is a list of stories built once per query (IN subquery): a correlated EXISTS would
        run once per matching story, which on a common word is most of the archive. With `per_row`, each
        story is checked by a primary-key lookup instead: the better plan when few stories are checked."""
        where: list[str] = []
        params: list[Any] = []
        if self.date_from:
            where.append(f"{a}.published >= ?")
            params.append(self.date_from)
        if self.date_to:
            # A bare date includes the whole day: '2024-05-01' < '2024-05-01T10:00' < '2024-05-01\uffff'.
            where.append(f"{a}.published <= ?")
            params.append(self.date_to + "\uffff")
        if self.source:
            where.append(f"EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = {a}.id AND s.uri LIKE ?"
                         " ESCAPE '\\')" if per_row else
                         f"{a}.id IN (SELECT article_id FROM article_sources WHERE uri LIKE ? ESCAPE '\\')")
            params.append(_like(self.source))
        if self.entity:
            # a store entity (by id or name) or a story entity id: every story linked to the same store entity
            ents = ("(SELECT id FROM store_entities WHERE id = ? OR name = ? COLLATE NOCASE UNION"
                    " SELECT store_id FROM entity_links WHERE entity_id IN"
                    " (SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE))")
            where.append(f"EXISTS (SELECT 1 FROM entity_links m WHERE m.article_id = {a}.id AND m.store_id IN {ents})"
                         if per_row else f"{a}.id IN (SELECT article_id FROM entity_links WHERE store_id IN {ents})")
            params += [self.entity] * 4
        if self.place:
            places = "(SELECT id FROM places WHERE id = ? OR name = ? COLLATE NOCASE)"
            where.append(f"EXISTS (SELECT 1 FROM article_places p WHERE p.article_id = {a}.id AND p.place_id IN {places})"
                         if per_row else f"{a}.id IN (SELECT article_id FROM article_places WHERE place_id IN {places})")
            params += [self.place, self.place]
        if self.event_type:
            where.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = {a}.id AND e.type = ?)" if per_row
                         else f"{a}.id IN (SELECT article_id FROM events WHERE type = ?)")
            params.append(self.event_type)
        return where, params


class CopyIndex:
    """Which stories are near-duplicate copies (articles.duplicate_of) and of which root, by rowid.

    Copies are a small share of an archive and the list changes only when stories are added, so it is
    read once per store version (the newest rowid) and kept: folding a page of hits is then a dict lookup."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._map: dict[int, int] = {}

    def get(self, conn: sqlite3.Connection) -> dict[int, int]:
        version = conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        if version != self._version:
            with self._lock:
                if version != self._version:
                    self._map = dict(conn.execute(
                        "SELECT c.rowid, r.rowid FROM articles c JOIN articles r ON r.id = c.duplicate_of"
                        " WHERE c.duplicate_of IS NOT NULL").fetchall())
                    self._version = version
        return self._map


def _fold_sql(flt: SearchFilter, q: str | None) -> tuple[str, list[Any]]:
    """A condition that leaves out a copy when its root is in the same result list (same words, same filters).

    Evaluated only for copies (the OR stops at the first term for the others), one indexed lookup each."""
    where, params = flt.clauses("r", per_row=True)
    if q:
        where.append("EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = r.rowid)")
        params.append(q)
    cond = "".join(" AND " + w for w in where)
    return f" AND (+a.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM articles r WHERE r.id = a.duplicate_of{cond}))", \
        params


def with_copies(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each story with how many copies of it the store holds and the first COPIES_LISTED of them."""
    for r in rows:
        r.setdefault("duplicate_of", None)
        r["copies"], r["copy_list"] = 0, []
    roots = {r["id"]: r for r in rows if not r["duplicate_of"]}
    if not roots:
        return rows
    marks = ",".join("?" * len(roots))
    for root, cid, title, uri in conn.execute(
            "SELECT c.duplicate_of, c.id, c.title, (SELECT min(s.uri) FROM article_sources s WHERE s.article_id = c.id)"
            f" FROM articles c WHERE c.duplicate_of IN ({marks}) ORDER BY c.rowid", list(roots)):
        r = roots[root]
        r["copies"] += 1
        if len(r["copy_list"]) < COPIES_LISTED:
            r["copy_list"].append({"id": cid, "title": title, "uri": uri})
    return rows


def search(conn: sqlite3.Connection, q: str, flt: SearchFilter, limit: int, offset: int,
           sort: str = "relevance", copies: dict[int, int] | None = None) -> Page:
    """Full-text search with filters; with no words, the filtered stories newest first.

    With `copies` (CopyIndex.get), a near-duplicate copy whose root is also a hit is folded under that root,
    which then carries `copies` (a count) and `copy_list`; without, every copy is a hit of its own."""
    page = _search(conn, q, flt, limit, offset, sort, copies)
    with_copies(conn, page.items)
    return page


def _search(conn: sqlite3.Connection, q: str, flt: SearchFilter, limit: int, offset: int, sort: str,
            copies: dict[int, int] | None) -> Page:
    where, params = flt.clauses()
    if not q.strip():
        fold, fparams = _fold_sql(flt, None) if copies else ("", [])
        sql = ("SELECT a.id, a.title, a.published, a.duplicate_of, substr(a.text, 1, 240) AS snippet, NULL AS score"
               " FROM articles a WHERE 1" + "".join(" AND " + w for w in where) + fold
               + " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?")
        return _page(_rows(conn, sql, [*params, *fparams, limit + 1, offset]), limit, offset)
    if len(q) > MAX_QUERY_CHARS:
        raise SearchError(f"search query too long ({len(q)} characters; at most {MAX_QUERY_CHARS})")
    try:
        if sort == "newest":
            # Walks the FTS index by rowid (insertion order) and stops at the page: fast however common the word.
            fold, fparams = _fold_sql(flt, q) if copies else ("", [])
            sql = (f"{_HIT_COLUMNS}, NULL AS score FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                   " WHERE articles_fts MATCH ?" + "".join(" AND " + w for w in where) + fold
                   + " ORDER BY f.rowid DESC LIMIT ? OFFSET ?")
            return _page(_rows(conn, sql, [q, *params, *fparams, limit + 1, offset]), limit, offset)
        # Relevance ranks the RANK_WINDOW newest matches: bm25 over every match of a word found in half of
        # a large archive costs hundreds of milliseconds, and the ranking of a narrower query is exact.
        # Without filters the articles table is not needed to rank, and joining it costs more than bm25.
        # Filters select article rowids, which are the index's rowids: no per-match lookup of the article.
        # The unary + keeps SQLite from handing the rowid list to FTS5 as a lookup per rowid (seconds, not ms).
        keep = ""
        if where:
            # Start from the smaller side, told by a count that stops at PER_HIT_MAX: a few hundred matches are
            # checked one by one against the filters (a rowid lookup each); more are intersected with the
            # filtered stories, found once through covering indexes (migration 5).
            most = PER_HIT_MAX_SOURCE if flt.source else PER_HIT_MAX
            few = conn.execute("SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
                               [q, most]).fetchone()[0] < most
            if few:
                where, params = flt.clauses(per_row=True)
                keep = f" AND EXISTS (SELECT 1 FROM articles a WHERE a.rowid = f.rowid AND {' AND '.join(where)})"
            else:
                keep = f" AND +f.rowid IN (SELECT a.rowid FROM articles a WHERE {' AND '.join(where)})"
        ranked = conn.execute(
            f"SELECT f.rowid, f.rank FROM articles_fts f WHERE articles_fts MATCH ?{keep}"
            " ORDER BY f.rowid DESC LIMIT ?", [q, *params, RANK_WINDOW]).fetchall()
        if copies:
            # Exact within the ranked window: a copy goes when its root is among the matches.
            matched = {r[0] for r in ranked}
            ranked = [r for r in ranked if copies.get(r[0]) not in matched]
        ranked.sort(key=lambda r: (r[1], -r[0]))
        window = ranked[offset:offset + limit + 1]
        if not window:
            return _page([], limit, offset)
        # Snippets only for the page: FTS5 builds them from the match, so the same MATCH is repeated. A rowid
        # range runs that match once; a list of rowids (without the unary +) would run it once per rowid,
        # which for a prefix query (every word it expands to, again each time) cost 50 ms a page.
        marks = ",".join("?" * len(window))
        page_ids = [r[0] for r in window]
        got = {r["rowid"]: r for r in _rows(
            conn, f"{_HIT_COLUMNS}, f.rowid AS rowid FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                  f" WHERE articles_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND +f.rowid IN ({marks})",
            [q, min(page_ids), max(page_ids), *page_ids])}
    except sqlite3.OperationalError as e:
        raise SearchError(
            f"cannot read the search query ({e}); use words, \"exact phrases\", AND/OR/NOT, prefix*") from None
    rows = []
    for rowid, rank in window:
        if rowid in got:
            hit = got[rowid]
            del hit["rowid"]
            hit["score"] = -rank
            rows.append(hit)
    return _page(rows, limit, offset)


def filter_choices(conn: sqlite3.Connection) -> dict[str, list[str]]:
    return {
        "event_types": [r[0] for r in conn.execute("SELECT DISTINCT type FROM events ORDER BY type")],
        "figure_categories": [r[0] for r in conn.execute(
            "SELECT DISTINCT category FROM figures WHERE category IS NOT NULL ORDER BY category")],
    }


# -- story -----------------------------------------------------------------------------------------
def story(conn: sqlite3.Connection, article_id: str) -> tuple[Article, list[dict[str, Any]]] | None:
    row = conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    sources = _rows(conn, "SELECT uri, format, NULLIF(record, '') AS record, span_start, span_end FROM article_sources"
                          " WHERE article_id = ? ORDER BY uri, record", (article_id,))
    return Article.from_json(row[0]), sources


def story_copies(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """A story's place among near-duplicates: its original (when it is a copy) and the original's other copies."""
    got = conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
    root = got[0] if got else None
    original = None
    if root:
        found = _rows(conn, "SELECT id, title, published, (SELECT min(s.uri) FROM article_sources s"
                            " WHERE s.article_id = a.id) AS uri FROM articles a WHERE id = ?", (root,))
        original = found[0] if found else {"id": root, "title": None, "published": None, "uri": None}
    copies = _rows(conn, "SELECT c.id, c.title, c.published, (SELECT min(s.uri) FROM article_sources s"
                         " WHERE s.article_id = c.id) AS uri FROM articles c WHERE c.duplicate_of = ?"
                         " AND c.id != ? ORDER BY c.rowid LIMIT 200", (root or article_id, article_id))
    return {"duplicate_of": root, "original": original, "copies": copies}


CO_SAMPLE = 500

# -- entities --------------------------------------------------------------------------------------
def entities_page(conn: sqlite3.Connection, summ: Summaries, name: str | None, etype: str | None, limit: int,
                  offset: int) -> Page:
    """Entities most mentioned first, ranked by the cached story counts (see Summaries)."""
    ranked = summ.get(conn)["entities"]
    if name:
        ids = {r[0] for r in conn.execute(
            "SELECT id FROM store_entities WHERE name LIKE ? ESCAPE '\\' UNION SELECT l.store_id FROM entity_links l"
            " WHERE l.entity_id IN (SELECT id FROM entities WHERE name LIKE ? ESCAPE '\\' LIMIT 5000)",
            (_like(name), _like(name)))}
        ranked = [r for r in ranked if r[0] in ids]
    if etype:
        ranked = [r for r in ranked if r[2] == etype]
    rows = [{"id": i, "name": n, "type": t, "stories": c} for i, n, t, c in ranked[offset:offset + limit + 1]]
    return _page(rows, limit, offset)


def store_entity_id(conn: sqlite3.Connection, entity_id: str) -> str | None:
    """A store entity's id from its own id, or from a story entity's id (the store entity most of its stories
    link it to)."""
    if conn.execute("SELECT 1 FROM store_entities WHERE id = ?", (entity_id,)).fetchone():
        return entity_id
    row = conn.execute("SELECT store_id FROM entity_links WHERE entity_id = ? GROUP BY store_id"
                       " ORDER BY count(*) DESC, store_id LIMIT 1", (entity_id,)).fetchone()
    return row[0] if row else None


def story_store_ids(conn: sqlite3.Connection, article_id: str) -> dict[str, str]:
    """A story's entity ids -> their store entities."""
    return dict(conn.execute("SELECT entity_id, store_id FROM entity_links WHERE article_id = ?", (article_id,)))


def entity(conn: sqlite3.Connection, entity_id: str, limit: int, offset: int) -> dict[str, Any] | None:
    """One store entity (store/entity_links.py), by its id or a story entity's: every story entity linked to it
    counts, whatever the story called it."""
    sid = store_entity_id(conn, entity_id)
    if sid is None:
        return None
    rows = _rows(conn, "SELECT id, name, type, key_kind, key, parent_id FROM store_entities WHERE id = ?", (sid,))
    if not rows:
        return None
    out = rows[0]
    out["forms"] = _rows(conn, "SELECT e.id, e.name, e.type, l.rule, count(*) AS stories FROM entity_links l"
                               " JOIN entities e ON e.id = l.entity_id WHERE l.store_id = ?"
                               " GROUP BY e.id, e.name, e.type, l.rule ORDER BY stories DESC, e.name LIMIT 50", (sid,))
    # the (story, story entity) pairs of this store entity, as a join target
    linked = "(SELECT article_id, entity_id FROM entity_links WHERE store_id = ?)"
    out["timeline"] = _rows(
        conn,
        "SELECT coalesce(substr(a.published, 1, 7), 'undated') AS month, count(DISTINCT a.id) AS stories,"
        f" count(*) AS mentions FROM {linked} l JOIN mentions m ON m.article_id = l.article_id"
        " AND m.entity_id = l.entity_id JOIN articles a ON a.id = m.article_id"
        " GROUP BY month ORDER BY month", (sid,))
    out["quotes"] = quotes_page(conn, QuoteFilter(speaker_entity=sid), limit, offset).items
    # Counted over the entity's last CO_SAMPLE * 4 stories (some hundreds): a name in a tenth of a large archive
    # would otherwise join hundreds of thousands of mentions on every page view.
    out["co_occurring"] = _rows(
        conn,
        "WITH s AS (SELECT DISTINCT article_id FROM (SELECT article_id FROM entity_links WHERE store_id = ?"
        " ORDER BY rowid DESC LIMIT ?)),"
        " c AS (SELECT l2.store_id, count(DISTINCT l2.article_id) AS stories FROM s"
        " JOIN entity_links l2 ON l2.article_id = s.article_id WHERE l2.store_id != ? GROUP BY l2.store_id"
        " ORDER BY stories DESC LIMIT 20)"
        " SELECT e.id, e.name, e.type, c.stories FROM c JOIN store_entities e ON e.id = c.store_id"
        " ORDER BY c.stories DESC, e.name",
        (sid, CO_SAMPLE * 4, sid))
    # A copy whose original also names the entity is folded under the original (see with_copies).
    stories = _rows(
        conn,
        "SELECT a.id, a.title, a.published, a.duplicate_of,"
        " (SELECT count(*) FROM mentions m JOIN entity_links l ON l.article_id = m.article_id"
        " AND l.entity_id = m.entity_id WHERE m.article_id = a.id AND l.store_id = ?) AS mentions"
        " FROM articles a WHERE a.id IN (SELECT article_id FROM entity_links WHERE store_id = ?)"
        " AND (a.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM entity_links r WHERE r.article_id = a.duplicate_of"
        " AND r.store_id = ?))"
        " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        (sid, sid, sid, limit + 1, offset))
    page = _page(with_copies(conn, stories), limit, offset)
    out["stories"] = page.items
    out["has_more"] = page.has_more
    return out


# -- quotes ----------------------------------------------------------------------------------------
@dataclass
class QuoteFilter:
    speaker: str | None = None
    words: str | None = None
    speaker_entity: str | None = None


def quotes_page(conn: sqlite3.Connection, flt: QuoteFilter, limit: int, offset: int) -> Page:
    where, params = [], []
    if flt.speaker:
        # Matched once over each column into a list of quote rows, not row by row along a join.
        # ... and by store entity: "Putin" finds the quotes of stories that name "Vladimir Putin"
        where.append("q.rowid IN (SELECT rowid FROM quotes WHERE speaker LIKE ? ESCAPE '\\' UNION"
                     " SELECT rowid FROM quotes WHERE speaker_entity IN"
                     " (SELECT id FROM entities WHERE name LIKE ? ESCAPE '\\') UNION"
                     " SELECT q2.rowid FROM entity_links l JOIN quotes q2 ON q2.article_id = l.article_id"
                     " AND q2.speaker_entity = l.entity_id WHERE l.store_id IN"
                     " (SELECT id FROM store_entities WHERE name LIKE ? ESCAPE '\\' UNION SELECT l3.store_id"
                     " FROM entity_links l3 JOIN entities e3 ON e3.id = l3.entity_id WHERE e3.name LIKE ? ESCAPE '\\'))")
        params += [_like(flt.speaker)] * 4
    if flt.words:
        where.append("q.text LIKE ? ESCAPE '\\'")
        params.append(_like(flt.words))
    if flt.speaker_entity:
        # a store entity's id (every story entity linked to it) or a story entity's id
        where.append("(q.speaker_entity = ? OR q.rowid IN (SELECT q2.rowid FROM entity_links l JOIN quotes q2"
                     " ON q2.article_id = l.article_id AND q2.speaker_entity = l.entity_id WHERE l.store_id = ?))")
        params += [flt.speaker_entity] * 2
    # Unfiltered, walk stories newest first by their index and stop at the page (CROSS JOIN fixes that
    # order); filtered, let the planner start from the narrower side.
    join = "articles a JOIN quotes q" if where else "articles a CROSS JOIN quotes q"
    sql = ("SELECT q.article_id, q.idx, q.text, q.kind, q.speaker, coalesce(l.store_id, q.speaker_entity) AS"
           " speaker_entity, q.speaker_entity AS story_entity, coalesce(s.name, e.name) AS speaker_name, q.cue,"
           f" a.title, a.published FROM {join} ON q.article_id = a.id"
           " LEFT JOIN entities e ON e.id = q.speaker_entity"
           " LEFT JOIN entity_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity"
           " LEFT JOIN store_entities s ON s.id = l.store_id" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY a.published DESC, q.article_id, q.idx LIMIT ? OFFSET ?")
    return _page(_rows(conn, sql, [*params, limit + 1, offset]), limit, offset)


# -- events ----------------------------------------------------------------------------------------
# The ACLED sub-event types and the labels beyond ACLED, by their lower case: a sub_type filter matches in any case.
SUB_TYPES: dict[str, str] = {label.lower(): label for label in LABELS}


@dataclass
class EventFilter:
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    actor: str | None = None
    min_confidence: float | None = None  # 0 or None: every event, those without a confidence too
    sub_type: str | None = None  # an ACLED sub-event type or a label beyond ACLED, any case

    def __post_init__(self) -> None:
        if self.sub_type:
            # Written as the label is (an unknown value is kept, and matches nothing).
            self.sub_type = SUB_TYPES.get(self.sub_type.lower(), self.sub_type)


EVENT_COLUMNS = ("article_id", "id", "type", "mode", "acled_type", "acled_subtype", "actor", "actor_entity",
                 "recipient", "recipient_entity", "date", "killed", "injured", "confidence", "place_id",
                 "place_name", "country", "lat", "lon", "title", "evidence")


def _event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = [], []
    if flt.type:
        # Unindexed (+) on purpose: walking events newest first and stopping at the page beats sorting
        # every event of a common type.
        where.append("+v.type = ?")
        params.append(flt.type)
    if flt.date_from:
        where.append("v.date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("v.date <= ?")
        params.append(flt.date_to + "\uffff")
    if flt.place:
        # A place id, a place name (any case) or a country code, resolved to ids once.
        where.append("v.place_id IN (SELECT id FROM places WHERE id = ? OR name = ? COLLATE NOCASE OR country = ?)")
        params += [flt.place, flt.place, flt.place.upper()]
    if flt.actor:
        where.append("(v.actor LIKE ? ESCAPE '\\' OR v.recipient LIKE ? ESCAPE '\\')")
        params += [_like(flt.actor)] * 2
    if flt.min_confidence:
        where.append("v.confidence >= ?")
        params.append(flt.min_confidence)
    if flt.sub_type:
        where.append("v.acled_subtype = ?")
        params.append(flt.sub_type)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def events_page(conn: sqlite3.Connection, flt: EventFilter, limit: int, offset: int) -> Page:
    where, params = _event_where(flt)
    # The evidence is the sentence the event was read from: its span is into the stored clean text.
    sql = ("SELECT v.article_id, v.id, v.type, v.mode, v.acled_type, v.acled_subtype, v.actor, v.actor_entity,"
           " v.recipient, v.recipient_entity, v.date, v.killed, v.injured, v.confidence, v.place_id,"
           " p.name AS place_name, p.country, p.lat, p.lon, a.title,"
           " substr(a.text, v.start + 1, min(v.end - v.start, 1000)) AS evidence"
           " FROM events v JOIN articles a ON a.id = v.article_id LEFT JOIN places p ON p.id = v.place_id"
           + where + " ORDER BY v.date DESC, v.article_id, v.start LIMIT ? OFFSET ?")
    return _page(_rows(conn, sql, [*params, limit + 1, offset]), limit, offset)


def event_summary(conn: sqlite3.Connection, summ: Summaries, flt: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """The events page's timeline (per day and type) and map (per place and type), counted in memory over the
    archive summaries with the same meaning as the SQL filters of events_page."""
    cached = summ.get(conn)
    if not (flt.type or flt.date_from or flt.date_to or flt.place or flt.actor or flt.min_confidence
            or flt.sub_type):
        return cached["event_summary"]
    places: set[str] | None = None
    if flt.place:
        places = {r[0] for r in conn.execute("SELECT id FROM places WHERE id = ? OR name = ? COLLATE NOCASE"
                                             " OR country = ?", (flt.place, flt.place, flt.place.upper()))}
    events = cached["events_by_type"].get(flt.type, []) if flt.type else cached["events"]
    lo = bisect.bisect_left(events, flt.date_from, key=_day) if flt.date_from else 0
    hi = bisect.bisect_right(events, flt.date_to + "\uffff", key=_day) if flt.date_to else len(events)
    return _aggregate_events(events[lo:hi], cached["places_by_id"], flt, places)


def _day(ev: tuple[Any, ...]) -> str:
    return ev[0]


def _aggregate_events(events: list[tuple[Any, ...]], places_by_id: dict[str, tuple[Any, ...]], flt: EventFilter,
                      places: set[str] | None) -> dict[str, list[dict[str, Any]]]:
    hi = flt.date_to + "\uffff" if flt.date_to else None
    actor = flt.actor.lower() if flt.actor else None
    days: dict[tuple[str, str], list[int]] = {}
    spots: dict[tuple[str, str], list[int]] = {}
    least = flt.min_confidence
    for day, etype, place, killed, who, whom, confidence, subtype in events:
        if (flt.type and etype != flt.type) or (flt.date_from and (day or "") < flt.date_from) \
                or (hi and (not day or day > hi)) or (places is not None and place not in places) \
                or (actor and actor not in who and actor not in whom) \
                or (least and (confidence is None or confidence < least)) \
                or (flt.sub_type and subtype != flt.sub_type):
            continue
        if day:
            d = days.setdefault((day, etype), [0, 0])
            d[0] += 1
            d[1] += killed
        if place in places_by_id:
            p = spots.setdefault((place, etype), [0, 0])
            p[0] += 1
            p[1] += killed
    timeline = [{"day": d, "type": t, "n": n, "killed": k} for (d, t), (n, k) in sorted(days.items())]
    top = sorted(spots.items(), key=lambda kv: (-kv[1][1], -kv[1][0]))[:400]
    points = []
    for (pid, etype), (n, k) in top:
        name, lat, lon = places_by_id[pid]
        points.append({"place_id": pid, "name": name, "lat": lat, "lon": lon, "type": etype, "events": n, "killed": k})
    return {"timeline": timeline, "places": points}


def iter_events(conn: sqlite3.Connection, flt: EventFilter, batch: int = 1000) -> Any:
    """Every matching event, page by page, so a CSV download of a large archive streams in flat memory."""
    offset = 0
    while True:
        page = events_page(conn, flt, batch, offset)
        yield from page.items
        if not page.has_more:
            return
        offset += batch


# -- figures ---------------------------------------------------------------------------------------
# The figures page is about people: casualties, displacement, detention (coupled to extract/figures.CASUALTY).
HUMAN_TOLL = ["killed", "injured", "killed_or_injured", "missing", "displaced", "arrested", "kidnapped"]


@dataclass
class FigureFilter:
    category: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def figures_page(conn: sqlite3.Connection, flt: FigureFilter, limit: int, offset: int) -> Page:
    """Figures newest first, then by place and category, so one count reported by several stories sits
    together; ordering by the indexed publication date lets a page stop early in a large archive."""
    where, params = [], []
    # Newest stories first, probing each for figures, stops at the page; only a place is rare enough
    # to be better found first.
    narrow = bool(flt.place)
    # The unary + keeps SQLite from probing figures by category for every story it walks (quadratic).
    if flt.category:
        where.append("+f.category = ?")
        params.append(flt.category)
    else:
        where.append(f"+f.category IN ({','.join('?' * len(HUMAN_TOLL))})")
        params += HUMAN_TOLL
    if flt.place:
        where.append("f.place_id IN (SELECT id FROM places WHERE id = ? OR name = ? COLLATE NOCASE)")
        params += [flt.place, flt.place]
    if flt.date_from:
        where.append("a.published >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("a.published <= ?")
        params.append(flt.date_to + "\uffff")
    sql = ("SELECT f.article_id, f.idx, f.text, f.category, f.qualifier, f.value, f.low, f.high, f.unit,"
           " f.place_id, p.name AS place_name, p.country, substr(a.published, 1, 10) AS date, a.title"
           f" FROM articles a {'JOIN' if narrow else 'CROSS JOIN'} figures f ON f.article_id = a.id"
           " LEFT JOIN places p ON p.id = f.place_id"
           " WHERE " + " AND ".join(where)
           + " ORDER BY a.published DESC, p.name, f.category, f.value, f.article_id, f.idx LIMIT ? OFFSET ?")
    return _page(_rows(conn, sql, [*params, limit + 1, offset]), limit, offset)
