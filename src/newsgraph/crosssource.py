"""One event, many sources: events across stories clustered into incidents, and where sources disagree.

Two events are one incident when they have the same type, the same place (or one is inside the other's
country and neither names a finer place), dates within WINDOW_DAYS, and compatible actors. Syndicated copies
(`duplicate_of`) count as one source. A dispute is an incident whose sources' casualty claims cannot all be
true at once: "at least 17 killed" and "15 killed" disagree; "at least 15" and "17" do not.

`incident_rows` turns the incidents into the rows of the store's `incidents` and `incident_events` tables,
`refresh_incidents(store)` has the store write them (its `replace_incidents()`), and `stored_disputes` reads the
disputes back from them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

WINDOW_DAYS = 2
_QUALIFIED = {"exact", "at_least", "more_than", "at_most", "fewer_than", "about", "between"}


@dataclass
class Claim:
    article_id: str
    source: str  # root story id: copies of one story are one source
    title: str | None
    uri: str
    event_id: str
    type: str
    place_id: str | None
    country: str | None
    place: str | None
    day: date | None
    actor: str | None
    killed: int | None
    injured: int | None
    evidence: str
    killed_text: str | None = None
    killed_range: tuple[float, float] | None = None
    killed_qualifier: str | None = None


@dataclass
class Incident:
    type: str
    place: str | None
    country: str | None
    first: date | None
    last: date | None
    claims: list[Claim] = field(default_factory=list)

    @property
    def sources(self) -> int:
        return len({c.source for c in self.claims})

    def disputed(self, what: str = "killed") -> bool:
        ranges = [c.killed_range for c in self.claims if c.killed_range is not None] if what == "killed" else \
            [(float(c.injured), float(c.injured)) for c in self.claims if c.injured is not None]
        if len({c.source for c in self.claims if (c.killed_range if what == "killed" else c.injured) is not None}) < 2:
            return False
        lo, hi = max(r[0] for r in ranges), min(r[1] for r in ranges)
        return lo > hi


def claim_range(qualifier: str | None, value: float | None, low: float | None, high: float | None) -> tuple[float, float] | None:
    """The numbers a figure allows: "at least 17" is [17, inf)."""
    if qualifier not in _QUALIFIED:
        return None
    if qualifier == "between" and low is not None and high is not None:
        return (low, high)
    v = value if value is not None else low
    if v is None:
        return None
    return {
        "exact": (v, v), "at_least": (v, math.inf), "more_than": (v + 1, math.inf), "at_most": (0.0, v),
        "fewer_than": (0.0, v - 1), "about": (math.floor(v * 0.9), math.ceil(v * 1.1)),
    }.get(qualifier or "", (v, v))


def _day(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _actors_alike(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa & wb)


def claims(store, since: str | None = None, etype: str | None = None, *, evidence: bool = True) -> list[Claim]:
    """Every event with the facts needed to compare it across sources.

    `evidence=False` leaves each claim's sentence empty and reads killed figures from the figures table instead
    of parsing every story's record, several times faster on a large store."""
    sql = ("SELECT e.article_id, coalesce(a.duplicate_of, a.id), a.title, e.id, e.type, e.place_id, p.country, p.name,"
           " coalesce(e.date, substr(a.published, 1, 10)), e.actor, e.killed, e.injured, e.start, e.\"end\","
           " (SELECT min(s.uri) FROM article_sources s WHERE s.article_id = a.id)"
           " FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id WHERE 1=1")
    params: list[object] = []
    if since:
        sql += " AND coalesce(e.date, substr(a.published, 1, 10)) >= ?"
        params.append(since)
    if etype:
        sql += " AND e.type = ?"
        params.append(etype.upper())
    out: list[Claim] = []
    cache: dict[str, Any] = {}  # article id -> its Article (or None when gone)
    if not evidence:
        store = _FigureReader(store)
    for aid, root, title, eid, typ, pid, cc, pname, day, actor, killed, injured, st, en, uri in store.query(sql, tuple(params)):
        art = cache.get(aid) or store.get(aid)
        cache[aid] = art
        text = art.text if art else ""
        c = Claim(aid, root, title, uri or "", eid, typ, pid, cc, pname, _day(day), actor, killed, injured,
                  " ".join(text[st:en].split()))
        if killed is not None and art is not None:
            fig = next((f for f in art.figures if f.category in ("killed", "killed_or_injured") and st <= f.span[0] < en
                        and (f.value == killed or f.low == killed)), None)
            c.killed_text = fig.text if fig else None
            c.killed_range = claim_range(fig.qualifier, fig.value, fig.low, fig.high) if fig else (killed, killed)
            c.killed_qualifier = fig.qualifier if fig else None
        out.append(c)
    return out


def incidents(all_claims: Iterable[Claim]) -> list[Incident]:
    """Greedy clustering in date order within each (type, place or country) group."""
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in all_claims:
        key = c.place_id or (f"country:{c.country}" if c.country else f"story:{c.source}")
        groups.setdefault((c.type, key), []).append(c)
    out: list[Incident] = []
    for (typ, _), cs in sorted(groups.items()):
        cs.sort(key=lambda c: (c.day or date.min, c.article_id, c.event_id))
        current: list[Incident] = []
        for c in cs:
            home = next((i for i in current if _fits(i, c)), None)
            if home is None:
                home = Incident(typ, c.place, c.country, c.day, c.day)
                current.append(home)
                out.append(home)
            home.claims.append(c)
            if c.day and (home.last is None or c.day > home.last):
                home.last = c.day
            if c.day and home.first is None:
                home.first = c.day
    return out


def _fits(inc: Incident, c: Claim) -> bool:
    if inc.first and c.day and abs((c.day - inc.first).days) > WINDOW_DAYS:
        return False
    return all(_actors_alike(x.actor, c.actor) for x in inc.claims)


def disputes(store, since: str | None = None, etype: str | None = None, *, evidence: bool = True) -> list[Incident]:
    """Incidents reported by two or more sources whose casualty claims disagree (`evidence`: see claims)."""
    return [i for i in incidents(claims(store, since, etype, evidence=evidence))
            if i.sources >= 2 and (i.disputed("killed") or i.disputed("injured"))]



@dataclass
class _Fig:
    text: str
    span: tuple[int, int]
    category: str
    qualifier: str | None
    value: float | None
    low: float | None
    high: float | None


@dataclass
class _Story:
    text: str
    figures: list[_Fig]


class _FigureReader:
    """The two reads claims() makes of a store, with figures from one query instead of one record per story."""

    def __init__(self, store) -> None:
        self._store = store
        self._figures: dict[str, list[_Fig]] = {}
        for aid, text, st, en, cat, qual, v, lo, hi in store.query(
                "SELECT article_id, text, start, \"end\", category, qualifier, value, low, high FROM figures"
                " WHERE category IN ('killed', 'killed_or_injured') ORDER BY article_id, idx"):
            self._figures.setdefault(aid, []).append(
                _Fig(text, (st if st is not None else -1, en if en is not None else -1), cat, qual, v, lo, hi))

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._store.query(sql, params)

    def get(self, article_id: str) -> _Story:
        return _Story("", self._figures.get(article_id, []))


def incident_id(inc: Incident) -> str:
    """From the events it holds (as the web app's ids), so it stays the same while the store grows elsewhere."""
    key = "|".join([inc.type, *sorted(f"{c.article_id}/{c.event_id}" for c in inc.claims)])
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _finite(x: float | None) -> float | None:
    return None if x is None or math.isinf(x) else x


def incident_rows(store) -> tuple[list[tuple], list[tuple]]:
    """Rows of the `incidents` and `incident_events` tables for every incident of the store."""
    incs, evs = [], []
    for inc in incidents(claims(store, evidence=False)):
        iid = incident_id(inc)
        killed = [c.killed for c in inc.claims if c.killed is not None]
        injured = [c.injured for c in inc.claims if c.injured is not None]
        disputed = inc.sources >= 2 and (inc.disputed("killed") or inc.disputed("injured"))
        incs.append((iid, inc.type, next((c.place_id for c in inc.claims if c.place_id), None), inc.place,
                     inc.country, inc.first.isoformat() if inc.first else None,
                     inc.last.isoformat() if inc.last else None, inc.sources, len(inc.claims), disputed,
                     min(killed, default=None), max(killed, default=None),
                     min(injured, default=None), max(injured, default=None)))
        for c in inc.claims:
            lo, hi = c.killed_range if c.killed_range is not None else (None, None)
            evs.append((iid, c.article_id, c.event_id, c.source, c.day.isoformat() if c.day else None, c.killed,
                        c.killed_text, c.killed_qualifier, _finite(lo), _finite(hi), c.injured))
    return incs, evs


def store_stamp(store) -> str:
    """Changes whenever stories or their events are added or replaced: the incidents tables are fresh while
    the stamp saved with them equals this one."""
    n, top = store.query("SELECT count(*), coalesce(max(id), '') FROM articles")[0]
    ev, ev_top = store.query("SELECT count(*), coalesce(max(article_id || '/' || id), '') FROM events")[0]
    return f"{n}:{top}:{ev}:{ev_top}"


def refresh_incidents(store) -> int:
    """Recompute the store's incidents and incident_events tables, replacing them in one transaction, so readers
    see the old set or the new one, never half. Returns the number of incidents.

    The incidents are computed inside the store's write transaction (Store.replace_incidents): a refresh that
    waited for another one reads the stories that one wrote, and the saved stamp (store_stamp) matches what was
    clustered."""
    return store.replace_incidents(lambda s: (store_stamp(s), *incident_rows(s)))


def stored_disputes(store, etype: str | None = None, *, evidence: bool = True) -> list[Incident] | None:
    """The disputed incidents from the store's incidents tables, or None when they are missing or stale.
    `evidence=False` leaves the claims' sentences empty (no story is read)."""
    try:
        got = store.query("SELECT value FROM meta WHERE key = 'incidents_stamp'")
    except Exception:  # a store from before the incidents tables (read-only: not migrated)
        return None
    if not got or got[0][0] != store_stamp(store):
        return None
    sql = ("SELECT i.id, i.type, i.place, i.country, i.first_date, i.last_date, ie.article_id, ie.source, a.title,"
           " ie.event_id, e.place_id, p.country, p.name, ie.date, e.actor, ie.killed, ie.injured, e.start, e.\"end\","
           " (SELECT min(s.uri) FROM article_sources s WHERE s.article_id = a.id), ie.killed_text,"
           " ie.killed_qualifier, ie.killed_low, ie.killed_high"
           " FROM incidents i JOIN incident_events ie ON ie.incident_id = i.id"
           " JOIN events e ON e.article_id = ie.article_id AND e.id = ie.event_id"
           " JOIN articles a ON a.id = ie.article_id LEFT JOIN places p ON p.id = e.place_id"
           " WHERE i.disputed" + (" AND i.type = ?" if etype else "") +
           " ORDER BY i.type, i.first_date, i.id, ie.date, ie.article_id, ie.event_id")
    out: dict[str, Incident] = {}
    texts: dict[str, str] = {}
    for (iid, typ, place, cc, first, last, aid, root, title, eid, pid, ecc, pname, day, actor, killed, injured,
         st, en, uri, ktext, kqual, klo, khi) in store.query(sql, (etype.upper(),) if etype else ()):
        inc = out.get(iid)
        if inc is None:
            inc = out[iid] = Incident(typ, place, cc, _day(first), _day(last))
        if aid not in texts:
            art = store.get(aid) if evidence else None
            texts[aid] = art.text if art else ""
        c = Claim(aid, root, title, uri or "", eid, typ, pid, ecc, pname, _day(day), actor, killed, injured,
                  " ".join(texts[aid][st:en].split()), ktext, None, kqual)
        if killed is not None:
            c.killed_range = (klo, khi if khi is not None else math.inf) if klo is not None or khi is not None \
                else None
        inc.claims.append(c)
    return list(out.values())
