"""One event, many sources: events across stories clustered into incidents, and where sources disagree.

Two events are one incident when they have the same type, the same place (or one is inside the other's
country and neither names a finer place), dates within WINDOW_DAYS, and compatible actors. Syndicated copies
(`duplicate_of`) count as one source. A dispute is an incident whose sources' casualty claims cannot all be
true at once: "at least 17 killed" and "15 killed" disagree; "at least 15" and "17" do not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

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


def claims(store, since: str | None = None, etype: str | None = None) -> list[Claim]:
    """Every event with the facts needed to compare it across sources."""
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
    cache: dict[str, object] = {}
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


def disputes(store, since: str | None = None, etype: str | None = None) -> list[Incident]:
    """Incidents reported by two or more sources whose casualty claims disagree."""
    return [i for i in incidents(claims(store, since, etype)) if i.sources >= 2 and (i.disputed("killed") or
                                                                                      i.disputed("injured"))]
