"""Disputed incidents for the web app: the store's disputed incidents (`disputed_incidents`) as the
pages and the API show them, filtered and paginated in memory.

Clustering every event of a large archive into incidents takes seconds (2-3 s for 66,000 events on the
100,000-story bench store, where crosssource over the full store API takes 10-13 s: it parses the record of
every story behind an event), so the app keeps the list in a store/cache.py Cached (see `cache`): computed
once per store version and again in a background thread when the store has grown, pages meanwhile using
the previous list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .. import crosssource as cs
from ..store.cache import Cached
from ..store.web_filters import Page
from ..store.web_reads import WebReads


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


def disputed_incidents(reads: WebReads) -> list[cs.Incident]:
    """Every disputed incident (crosssource.py), each claim with its evidence sentence."""
    # The tables the last ingest wrote when they are fresh, else clustering now; claims come without their
    # sentences either way (reading the record behind every event is slow) and are given them after.
    found = cs.stored_disputes(reads, evidence=False)
    if found is None:
        found = cs.disputes(reads, evidence=False)
    for inc in found:
        for c in inc.claims:
            c.evidence = reads.event_evidence(c.article_id, c.event_id)
    return found


def compute(reads: WebReads) -> dict[str, Any]:
    """Every disputed incident of the store, newest first, and which stories take part in each."""
    items = [_incident_json(i) for i in disputed_incidents(reads)]
    items.sort(key=lambda d: (d["last"] or "", d["first"] or "", d["type"], d["place"] or "", d["id"]), reverse=True)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for d in items:
        for c in d["claims"]:
            got = by_article.setdefault(c["article_id"], [])
            if d not in got:
                got.append(d)
    return {"items": items, "by_article": by_article}


def cache(reads: WebReads) -> Cached[dict[str, Any]]:
    """The app's cache of compute(): `get()` waits only for the first list, `peek()` never waits (a story page
    does not pay for the first computation)."""
    return Cached(lambda: compute(reads), reads.version, name="disputed incidents")


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
    return Page.of(rows[offset:], limit, offset)
