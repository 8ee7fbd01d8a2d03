"""The watcher's memory in the store (`newsgraph watch`, package newsgraph.watch): every SQL statement it runs.

Its tables are declared below in the style of tables.py but are not part of tables.STEPS: a store that never
ran `watch` has none of them, and `WatchState(store)` makes them on first use (CREATE ... IF NOT EXISTS), in
SQLite and PostgreSQL alike.

- watch_items: one row per URL or file met: a source (feed, sitemap, list of URLs) with the HTTP validators of
  its last fetch, or an item to read (a feed entry's page, a listed URL, a file of a watched folder) with its
  status: pending, retry (a transient failure), done (its stories are stored) or failed (nothing to store).
  An item is marked done only after `store.add` committed its stories; a crash in between re-reads it, and
  since story ids are content hashes the second store adds nothing.
- watch_evaluated: the stories alert rules have looked at (each once; copies and follow-ups included).
- watch_alerts: one row per rule and incident, with the figures that fired it; watch_alert_keys maps the
  incident keys of its stories (see newsgraph.watch.alerts) to it, so a copy or a follow-up finds it.
- watch_deliveries: each firing (new, or update when a casualty figure rose) with its JSON and the sinks it
  went to: written with the alert in one transaction, sent after it, so a crash re-sends rather than loses.
- watch_meta: the baseline (stories stored before watching began are not alerted on).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .ddl import create_index, create_table
from .tables import Column, Index, Table


def _c(name: str, type: str = "text", nn: bool = False, default: str | None = None) -> Column:
    return Column(name, type, not_null=nn, default=default)


WATCH_TABLES: tuple[Table, ...] = (
    Table("watch_items", (
        _c("key", nn=True), _c("kind", nn=True), _c("source", nn=True), _c("parent"), _c("status", nn=True),
        _c("attempts", "int", nn=True, default="0"), _c("etag"), _c("last_modified"), _c("content_hash"),
        _c("stamp"),  # a file's size and modification time, so unchanged files are not hashed every poll
        _c("listed"),  # the date its feed or sitemap gave it, when any
        _c("entry"),  # JSON: what the feed said of the entry (title, date, its own text for a fallback)
        _c("http_status", "int"), _c("error"), _c("stories", "int"), _c("first_seen", nn=True), _c("checked"),
    ), key=("key",), indexes=(Index("watch_items_status", ("status", "first_seen")),)),
    Table("watch_evaluated", (_c("article_id", nn=True), _c("at", nn=True)), key=("article_id",)),
    Table("watch_alerts", (
        _c("id", nn=True), _c("rule", nn=True), _c("article_id", nn=True), _c("event_id"), _c("incident_id"),
        _c("type"), _c("sub_type"), _c("place"), _c("country"), _c("killed", "int"), _c("injured", "int"),
        _c("figure"), _c("title"), _c("url"), _c("stories", "int", nn=True, default="1"),
        _c("fires", "int", nn=True, default="1"), _c("fired_at", nn=True), _c("updated_at", nn=True),
        _c("payload", nn=True),
    ), key=("id",), indexes=(Index("watch_alerts_fired", ("fired_at",)), Index("watch_alerts_rule", ("rule",)))),
    Table("watch_alert_keys", (_c("rule", nn=True), _c("key", nn=True), _c("alert_id", nn=True)),
          key=("rule", "key")),
    Table("watch_deliveries", (
        _c("alert_id", nn=True), _c("seq", "int", nn=True), _c("kind", nn=True), _c("payload", nn=True),
        _c("sinks", nn=True), _c("sent", nn=True, default="'[]'"), _c("created", nn=True),
        _c("done", "int", nn=True, default="0"),
    ), key=("seq",), indexes=(Index("watch_deliveries_done", ("done",)),)),
    Table("watch_meta", (_c("key", nn=True), _c("value", nn=True)), key=("key",)),
)

ITEM_COLUMNS = ("key", "kind", "source", "parent", "status", "attempts", "etag", "last_modified", "content_hash",
                "stamp", "listed", "entry", "http_status", "error", "stories", "first_seen", "checked")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class Item:
    """One row of watch_items."""

    key: str
    kind: str
    source: str
    parent: str | None = None
    status: str = "pending"
    attempts: int = 0
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    stamp: str | None = None
    listed: str | None = None
    entry: str | None = None
    http_status: int | None = None
    error: str | None = None
    stories: int | None = None
    first_seen: str = ""
    checked: str | None = None

    def entry_data(self) -> dict[str, Any]:
        return json.loads(self.entry) if self.entry else {}


@dataclass
class Delivery:
    alert_id: str
    seq: int
    kind: str
    payload: str
    sinks: list[str]
    sent: list[str]


class WatchState:
    """The watcher's SQL over an open store's connection (SQLiteStore or PostgresStore), single-threaded."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.conn = store.conn
        self.sqlite = isinstance(self.conn, sqlite3.Connection)
        self._tx = False
        self._create()

    # -- plumbing ----------------------------------------------------------------------------------
    def _create(self) -> None:
        from .postgres_sql import DIALECT as PG
        from .schema_sql import DIALECT as LITE

        d = LITE if self.sqlite else PG
        with self.transaction():
            for t in WATCH_TABLES:
                self.execute(create_table(t, d, if_not_exists=True))
                for ix in t.indexes:
                    self.execute(create_index(t, ix, d).replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """SQL with `?` placeholders in either backend; the rows, if the statement returns any."""
        if self.sqlite:
            return self.conn.execute(sql, tuple(params)).fetchall()
        cur = self.conn.execute(sql.replace("?", "%s"), tuple(params))
        return [tuple(r) for r in cur.fetchall()] if cur.description else []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one)."""
        if self._tx:
            yield
            return
        self._tx = True
        try:
            if self.sqlite:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            else:
                with self.conn.transaction():
                    yield
        finally:
            self._tx = False

    # -- items ---------------------------------------------------------------------------------------
    def item(self, key: str) -> Item | None:
        rows = self.execute(f"SELECT {', '.join(ITEM_COLUMNS)} FROM watch_items WHERE key = ?", (key,))
        return Item(*rows[0]) if rows else None

    def items(self, statuses: Iterable[str], sources: Iterable[str] | None = None, limit: int = 100_000) -> list[Item]:
        """Items in these statuses, oldest first (of these sources, when given)."""
        st = list(statuses)
        sql = f"SELECT {', '.join(ITEM_COLUMNS)} FROM watch_items WHERE status IN ({', '.join('?' * len(st))})"
        params: list[Any] = [*st]
        if sources is not None:
            src = list(sources)
            if not src:
                return []
            sql += f" AND source IN ({', '.join('?' * len(src))})"
            params += src
        return [Item(*r) for r in self.execute(sql + " ORDER BY first_seen, key LIMIT ?", (*params, limit))]

    def known(self, keys: Iterable[str]) -> dict[str, Item]:
        """The rows of those keys that exist."""
        out: dict[str, Item] = {}
        ks = list(dict.fromkeys(keys))
        for i in range(0, len(ks), 500):
            part = ks[i:i + 500]
            for r in self.execute(f"SELECT {', '.join(ITEM_COLUMNS)} FROM watch_items WHERE key IN "
                                  f"({', '.join('?' * len(part))})", part):
                out[r[0]] = Item(*r)
        return out

    def source_rows(self, keys: Iterable[str]) -> dict[str, Item]:
        """The rows of these sources, and of the sitemaps a sitemap index of theirs listed."""
        ks = list(dict.fromkeys(keys))
        out = self.known(ks)
        for i in range(0, len(ks), 500):
            part = ks[i:i + 500]
            for r in self.execute(f"SELECT {', '.join(ITEM_COLUMNS)} FROM watch_items WHERE kind = 'sitemap' AND parent IN"
                                  f" ({', '.join('?' * len(part))})", part):
                out[r[0]] = Item(*r)
        return out

    def enqueue(self, items: Iterable[Item]) -> int:
        """New items as pending; keys already known are left as they are. Returns how many were new."""
        n = 0
        stamp = now_iso()
        for it in items:
            rows = self.execute(
                "INSERT INTO watch_items (key, kind, source, parent, status, attempts, stamp, listed, entry, first_seen)"
                " VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING key",
                (it.key, it.kind, it.source, it.parent, it.stamp, it.listed, it.entry, it.first_seen or stamp))
            n += len(rows)
        return n

    def requeue(self, key: str, *, stamp: str | None = None, listed: str | None = None) -> None:
        """A known item to read again: a file that changed, a listed URL with a newer date."""
        self.execute("UPDATE watch_items SET status = 'pending', attempts = 0, stamp = coalesce(?, stamp),"
                     " listed = coalesce(?, listed) WHERE key = ?", (stamp, listed, key))

    def touch_file(self, key: str, stamp: str) -> None:
        """A file whose size or time changed but whose bytes did not."""
        self.execute("UPDATE watch_items SET stamp = ?, checked = ? WHERE key = ?", (stamp, now_iso(), key))

    def save_source(self, it: Item) -> None:
        """A polled source's row: its kind and the validators of its last good fetch."""
        self.execute(
            "INSERT INTO watch_items (key, kind, source, parent, status, attempts, etag, last_modified, content_hash,"
            " http_status, error, first_seen, checked) VALUES (?, ?, ?, ?, 'done', 0, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, etag = excluded.etag,"
            " last_modified = excluded.last_modified, content_hash = excluded.content_hash,"
            " http_status = excluded.http_status, error = excluded.error, checked = excluded.checked",
            (it.key, it.kind, it.source, it.parent, it.etag, it.last_modified, it.content_hash, it.http_status,
             it.error, now_iso(), now_iso()))

    def finish(self, key: str, status: str, *, http_status: int | None = None, error: str | None = None,
               etag: str | None = None, last_modified: str | None = None, content_hash: str | None = None,
               stories: int | None = None, entry: str | None = None) -> None:
        """An item read: done or failed; or retry (attempts counted). `entry` replaces the feed's data kept."""
        self.execute(
            "UPDATE watch_items SET status = ?, attempts = attempts + ?, http_status = ?, error = ?,"
            " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
            " content_hash = coalesce(?, content_hash), stories = coalesce(?, stories), entry = coalesce(?, entry),"
            " checked = ? WHERE key = ?",
            (status, 1 if status == "retry" else 0, http_status, error, etag, last_modified, content_hash, stories,
             entry, now_iso(), key))

    def counts(self) -> dict[str, int]:
        return {s: n for s, n in self.execute("SELECT status, count(*) FROM watch_items GROUP BY status")}

    # -- stories to evaluate ------------------------------------------------------------------------
    def baseline(self) -> bool:
        """Once per store, before the first poll: the stories already stored are not news. True when taken now."""
        with self.transaction():
            if self.execute("SELECT 1 FROM watch_meta WHERE key = 'baseline'"):
                return False
            self.execute("INSERT INTO watch_evaluated (article_id, at) SELECT id, ? FROM articles WHERE true"
                         " ON CONFLICT (article_id) DO NOTHING", (now_iso(),))
            self.execute("INSERT INTO watch_meta (key, value) VALUES ('baseline', ?)", (now_iso(),))
            return True

    def incidents_stale(self) -> bool:
        """The incidents tables do not reflect the stories stored (another process stored some, or a refresh
        failed): compared as `newsgraph disputes` does."""
        from ..crosssource import store_stamp

        got = self.execute("SELECT value FROM meta WHERE key = 'incidents_stamp'")
        return not got or got[0][0] != store_stamp(self.store)

    def unevaluated(self, limit: int = 500) -> list[tuple[str, str | None]]:
        """(id, duplicate_of) of stories no rule has looked at: originals first, so copies find their alert."""
        return [tuple(r) for r in self.execute(
            "SELECT a.id, a.duplicate_of FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM watch_evaluated w WHERE w.article_id = a.id)"
            " ORDER BY (a.duplicate_of IS NOT NULL), a.published, a.id LIMIT ?", (limit,))]

    def mark_all_evaluated(self) -> int:
        """Every story not yet evaluated, marked at once (a watch without rules); returns how many."""
        with self.transaction():
            n = self.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                             " (SELECT 1 FROM watch_evaluated w WHERE w.article_id = a.id)")[0][0]
            self.execute("INSERT INTO watch_evaluated (article_id, at) SELECT id, ? FROM articles WHERE true"
                         " ON CONFLICT (article_id) DO NOTHING", (now_iso(),))
        return n

    def mark_evaluated(self, article_id: str) -> None:
        self.execute("INSERT INTO watch_evaluated (article_id, at) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING",
                     (article_id, now_iso()))

    def incident_members(self, article_id: str, event_id: str) -> tuple[str | None, list[tuple[Any, ...]]]:
        """The incident (crosssource.refresh_incidents) holding this event, and its events:
        (article_id, event_id, root story, type, place_id, killed, injured)."""
        got = self.execute("SELECT incident_id FROM incident_events WHERE article_id = ? AND event_id = ?",
                           (article_id, event_id))
        if not got:
            return None, []
        rows = self.execute(
            "SELECT ie.article_id, ie.event_id, coalesce(a.duplicate_of, a.id), e.type, e.place_id, ie.killed,"
            " ie.injured FROM incident_events ie JOIN events e ON e.article_id = ie.article_id AND e.id = ie.event_id"
            " JOIN articles a ON a.id = ie.article_id WHERE ie.incident_id = ?", (got[0][0],))
        return got[0][0], rows

    # -- alerts --------------------------------------------------------------------------------------
    def alert_for(self, rule: str, keys: Iterable[str]) -> dict[str, Any] | None:
        """The alert of this rule that any of these incident keys already belongs to."""
        ks = list(dict.fromkeys(keys))
        if not ks:
            return None
        got = self.execute(f"SELECT alert_id FROM watch_alert_keys WHERE rule = ? AND key IN ({', '.join('?' * len(ks))})"
                           " ORDER BY alert_id LIMIT 1", (rule, *ks))
        if not got:
            return None
        return _alert_dict(self.execute(f"SELECT {_ALERT_COLS} FROM watch_alerts WHERE id = ?", (got[0][0],))[0])

    def add_keys(self, rule: str, alert_id: str, keys: Iterable[str]) -> None:
        for k in dict.fromkeys(keys):
            self.execute("INSERT INTO watch_alert_keys (rule, key, alert_id) VALUES (?, ?, ?)"
                         " ON CONFLICT (rule, key) DO NOTHING", (rule, k, alert_id))

    def save_alert(self, a: dict[str, Any], *, new: bool) -> None:
        """Insert a new alert, or update one (its figures, payload and counts) that fired again or grew."""
        vals = [a.get(c) for c in _ALERT_FIELDS]
        if new:
            self.execute(f"INSERT INTO watch_alerts ({_ALERT_COLS}) VALUES ({', '.join('?' * len(_ALERT_FIELDS))})", vals)
        else:
            sets = ", ".join(f"{c} = ?" for c in _ALERT_FIELDS[1:])
            self.execute(f"UPDATE watch_alerts SET {sets} WHERE id = ?", (*vals[1:], a["id"]))

    def add_delivery(self, alert_id: str, kind: str, payload: dict[str, Any], sinks: Sequence[str]) -> None:
        # numbered across all alerts, so deliveries go out in the order they were written
        seq = self.execute("SELECT coalesce(max(seq), 0) + 1 FROM watch_deliveries")[0][0]
        self.execute("INSERT INTO watch_deliveries (alert_id, seq, kind, payload, sinks, sent, created, done)"
                     " VALUES (?, ?, ?, ?, ?, '[]', ?, ?)",
                     (alert_id, seq, kind, json.dumps(payload, ensure_ascii=False), json.dumps(list(sinks)), now_iso(),
                      0 if sinks else 1))

    def pending_deliveries(self) -> list[Delivery]:
        return [Delivery(a, s, k, p, json.loads(si), json.loads(se)) for a, s, k, p, si, se in self.execute(
            "SELECT alert_id, seq, kind, payload, sinks, sent FROM watch_deliveries WHERE done = 0"
            " ORDER BY seq")]

    def mark_sent(self, d: Delivery, sink: str) -> None:
        """One sink got it; the delivery is done when all of its sinks have."""
        if sink not in d.sent:
            d.sent.append(sink)
        done = int(all(s in d.sent for s in d.sinks))
        with self.transaction():
            self.execute("UPDATE watch_deliveries SET sent = ?, done = ? WHERE seq = ?", (json.dumps(d.sent), done, d.seq))


_ALERT_FIELDS = ("id", "rule", "article_id", "event_id", "incident_id", "type", "sub_type", "place", "country",
                 "killed", "injured", "figure", "title", "url", "stories", "fires", "fired_at", "updated_at", "payload")
_ALERT_COLS = ", ".join(_ALERT_FIELDS)


def _alert_dict(row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(_ALERT_FIELDS, row, strict=True))


Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


def read_alerts(query: Query, *, rule: str | None = None, since: str | None = None, limit: int = 50,
                offset: int = 0) -> list[dict[str, Any]]:
    """Alerts newest first, for `newsgraph alerts` and a web page: `query` is a store's `query` (SQL with `?`
    placeholders; a read-only store will do). A store where `watch` never ran has no alerts."""
    if not _has_alerts_table(query):
        return []
    sql = f"SELECT {_ALERT_COLS} FROM watch_alerts WHERE 1=1"
    params: list[Any] = []
    if rule:
        sql += " AND rule = ?"
        params.append(rule)
    if since:
        sql += " AND updated_at >= ?"
        params.append(since)
    rows = query(sql + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?", (*params, limit, offset))
    out = []
    for r in rows:
        d = _alert_dict(r)
        d["payload"] = json.loads(d["payload"])
        out.append(d)
    return out


def _has_alerts_table(query: Query) -> bool:
    # PostgreSQL's question first: a failed statement would spoil an open PostgreSQL transaction, while SQLite
    # just answers "no such function" and is asked its own way
    try:
        return bool(query("SELECT to_regclass('watch_alerts') IS NOT NULL", ())[0][0])
    except Exception:
        return bool(query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watch_alerts'", ()))
