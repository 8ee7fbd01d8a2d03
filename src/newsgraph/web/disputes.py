"""Disputed incidents for the web app: crosssource.disputes over the read-only store, cached per app instance.

Clustering every event of a large archive into incidents takes seconds (2-3 s for 66,000 events on the
100,000-story bench store, where crosssource over the full store API takes 10-13 s: it parses the record of
every story behind an event), so it runs once per store version (the newest article rowid, as for the
archive summaries) and again in a background thread when the store has grown; pages meanwhile use the
previous list. Filters and pagination then work on the cached list in memory.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any

from .. import crosssource as cs
from .queries import Page, ReadOnlyDB, _page


class _Conn:
    """The store read crosssource makes (`query`), over the app's read-only connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.cursor()
        cur.row_factory = None
        return cur.execute(sql, params).fetchall()


def _evidence(conn: sqlite3.Connection, claims: list[cs.Claim]) -> None:
    """Each claim's evidence sentence, as crosssource.claims words it (whitespace runs made one space)."""
    for c in claims:
        row = conn.execute("SELECT e.start, e.\"end\", substr(a.text, e.start + 1, e.\"end\" - e.start) FROM events e"
                           " JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? AND e.id = ?",
                           (c.article_id, c.event_id)).fetchone()
        if row is None:
            c.evidence = ""
            continue
        text = row[2]
        if row[0] is None or row[1] is None or row[1] < row[0]:  # what a Python slice would give
            full = conn.execute("SELECT text FROM articles WHERE id = ?", (c.article_id,)).fetchone()[0]
            text = full[row[0]:row[1]]
        c.evidence = " ".join((text or "").split())


def _num(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:g}"


def claim_phrase(c: cs.Claim) -> str:
    """What one source says, in words: "at least 17 killed, 4 injured"."""
    parts = []
    if c.killed_range is not None:
        lo, hi = c.killed_range
        if lo == hi:
            parts.append(f"{_num(lo)} killed")
        elif math.isinf(hi):
            parts.append(f"at least {_num(lo)} killed")
        elif lo <= 0:
            parts.append(f"at most {_num(hi)} killed")
        else:
            parts.append(f"{_num(lo)}\u2013{_num(hi)} killed")
    elif c.killed is not None:
        parts.append(f"{c.killed:,} killed")
    if c.injured is not None:
        parts.append(f"{c.injured:,} injured")
    return ", ".join(parts) or "no casualty figure"


def _incident_json(inc: cs.Incident) -> dict[str, Any]:
    claims = sorted(inc.claims, key=lambda c: (c.day.isoformat() if c.day else "", c.source, c.article_id))
    place_id = next((c.place_id for c in claims if c.place_id), None)
    return {
        "id": cs.incident_id(inc), "type": inc.type, "place": inc.place, "place_id": place_id, "country": inc.country,
        "first": inc.first.isoformat() if inc.first else None, "last": inc.last.isoformat() if inc.last else None,
        "sources": inc.sources, "disputed": [w for w in ("killed", "injured") if inc.disputed(w)],
        "claims": [{"article_id": c.article_id, "source": c.source, "copy_of": c.source if c.source != c.article_id
                    else None, "title": c.title, "uri": c.uri, "event_id": c.event_id,
                    "date": c.day.isoformat() if c.day else None, "actor": c.actor, "killed": c.killed,
                    "injured": c.injured, "killed_text": c.killed_text, "claim": claim_phrase(c),
                    "evidence": c.evidence} for c in claims],
    }


def compute(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every disputed incident of the store, newest first, and which stories take part in each."""
    # The tables the last ingest wrote when they are fresh, else clustering now; claims come without their
    # sentences either way (reading the text behind every event is slow) and _evidence adds them after.
    found = cs.stored_disputes(_Conn(conn), evidence=False)
    if found is None:
        found = cs.disputes(_Conn(conn), evidence=False)
    _evidence(conn, [c for inc in found for c in inc.claims])
    items = [_incident_json(i) for i in found]
    items.sort(key=lambda d: (d["last"] or "", d["first"] or "", d["type"], d["place"] or "", d["id"]), reverse=True)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for d in items:
        for c in d["claims"]:
            got = by_article.setdefault(c["article_id"], [])
            if d not in got:
                got.append(d)
    return {"items": items, "by_article": by_article}


class Disputes:
    """The disputed incidents of the store, kept off the request path once computed (see the module doc)."""

    def __init__(self, db: ReadOnlyDB) -> None:
        self._db = db
        self._lock = threading.Lock()  # held while computing
        self._flag = threading.Lock()  # guards _building only, so peek() never waits for a computation
        self._data: dict[str, Any] | None = None
        self._version: int | None = None
        self._building = False

    @staticmethod
    def _store_version(conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]

    def get(self, conn: sqlite3.Connection) -> dict[str, Any]:
        """The cached list; the first call computes it (and callers wait), later ones refresh in the background."""
        version = self._store_version(conn)
        if self._data is None:
            with self._lock:
                if self._data is None:
                    self._data, self._version = compute(conn), version
        elif version != self._version:
            self._refresh_later(version)
        return self._data

    def peek(self, conn: sqlite3.Connection) -> dict[str, Any] | None:
        """The cached list if there is one, never waiting: a story page does not pay for the first computation."""
        version = self._store_version(conn)
        if self._data is None or version != self._version:
            self._refresh_later(version)
        return self._data

    def warm(self) -> None:
        self.get(self._db.conn())

    def _refresh_later(self, version: int) -> None:
        with self._flag:
            if self._building:
                return
            self._building = True
        threading.Thread(target=self._refresh, args=(version,), daemon=True).start()

    def _refresh(self, version: int) -> None:
        try:
            with self._lock:
                data = compute(self._db.conn())
                self._data, self._version = data, version
        finally:
            self._building = False


@dataclass
class DisputeFilter:
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    incident: str | None = None

    def keep(self, d: dict[str, Any]) -> bool:
        if self.type and d["type"] != self.type.upper():
            return False
        if self.incident and d["id"] != self.incident:
            return False
        # An incident spans days: it is kept when any of them is inside the range.
        if self.date_from and (d["last"] is None or d["last"] < self.date_from):
            return False
        if self.date_to and (d["first"] is None or d["first"] > self.date_to + "\uffff"):
            return False
        if self.place:
            p = self.place.strip()
            if not (p == d["place_id"] or (d["place"] or "").casefold() == p.casefold()
                    or (d["country"] or "") == p.upper()):
                return False
        return True


def disputes_page(data: dict[str, Any], flt: DisputeFilter, limit: int, offset: int) -> Page:
    rows: list[dict[str, Any]] = []
    for d in data["items"]:
        if flt.keep(d):
            rows.append(d)
            if len(rows) > offset + limit:
                break
    return _page(rows[offset:], limit, offset)
