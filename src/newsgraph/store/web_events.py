"""The web app's reads of events, figures and the evidence of disputed incidents' claims (part of
store/web_reads.py's WebReads), written once for both backends over the dialect of store/web_sql.py. The incidents
themselves are crosssource's (web/disputes.py asks it), so the store does not import the analysis."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from .web_filters import HUMAN_TOLL, EventFilter, FigureFilter, Page, aggregate_events, event_day, like
from .web_sql import SQLReads


def source_name(uri: str) -> str:
    """What a source URI is known by: a web address's host (without www.), else its file's name."""
    if "://" in uri:
        host = urlsplit(uri).hostname or ""
        return host.removeprefix("www.")
    return PurePath(uri.split("#")[0]).name or uri


class EventReads(SQLReads):
    """Events (list, CSV, timeline and map), figures and events' evidence sentences."""

    # -- events ----------------------------------------------------------------------------------
    def _event_where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if flt.type:
            # Unindexed on purpose: walking events newest first and stopping at the page beats sorting
            # every event of a common type.
            where.append(f"{self._noindex('v.type')} = ?")
            params.append(flt.type)
        # The event's date, or (date_fallback_published) failing that its story's publication day; a subquery,
        # so the condition holds in every query of events whether or not it joins the stories.
        day = ("coalesce(v.date, (SELECT substr(pa.published, 1, 10) FROM articles pa WHERE pa.id = v.article_id))"
               if flt.date_fallback_published else "v.date")
        if flt.date_from:
            where.append(f"{day} >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            cond, bound = self._upto(day, flt.date_to)
            where.append(cond)
            params.append(bound)
        if flt.place:
            # A place id, a place name (any case) or a country code, resolved to ids once.
            where.append(f"v.place_id IN (SELECT id FROM places WHERE id = ? OR {self._ieq('name')} OR country = ?)")
            params += [flt.place, flt.place, flt.place.upper()]
        if flt.actor:
            where.append(f"(v.actor {self.LIKE} ? ESCAPE '\\' OR v.recipient {self.LIKE} ? ESCAPE '\\')")
            params += [like(flt.actor)] * 2
        if flt.min_confidence:
            where.append("v.confidence >= ?")
            params.append(flt.min_confidence)
        if flt.sub_type:
            where.append("v.acled_subtype = ?")
            params.append(flt.sub_type)
        if flt.country:
            where.append("v.place_id IN (SELECT id FROM places WHERE country = ?)")
            params.append(flt.country.upper())
        if flt.source:
            where.append(f"v.article_id IN (SELECT article_id FROM article_sources WHERE uri {self.LIKE} ? ESCAPE '\\')")
            params.append(like(flt.source))
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def events_page(self, flt: EventFilter, limit: int, offset: int) -> Page:
        """Coded events with their evidence sentence, newest first."""
        where, params = self._event_where(flt)
        length = self._clip("v.start", 'v."end"', 1000)
        # The evidence is the sentence the event was read from: its span is into the stored clean text.
        sql = ("SELECT v.article_id, v.id, v.type, v.mode, v.acled_type, v.acled_subtype, v.actor, v.actor_entity,"
               " v.recipient, v.recipient_entity, v.date, v.killed, v.injured, v.confidence, v.place_id,"
               " p.name AS place_name, p.country, p.lat, p.lon, a.title,"
               f" substr(a.text, v.start + 1, {length}) AS evidence"
               " FROM events v JOIN articles a ON a.id = v.article_id LEFT JOIN places p ON p.id = v.place_id"
               + where + f" ORDER BY v.date {self.DESC}, v.article_id, v.start LIMIT ? OFFSET ?")
        return Page.of(self.rows(sql, [*params, limit + 1, offset]), limit, offset)

    def event_keys(self, flt: EventFilter, limit: int) -> list[tuple[str, str]]:
        """The (story id, event id) of up to `limit` matching events, newest first: by the event's date, or with
        date_fallback_published failing that by its story's publication date (the `events` command's order)."""
        where, params = self._event_where(flt)
        order = "coalesce(v.date, a.published)" if flt.date_fallback_published else "v.date"
        sql = ("SELECT v.article_id, v.id FROM events v JOIN articles a ON a.id = v.article_id" + where
               + f" ORDER BY {order} {self.DESC}, v.article_id, v.id LIMIT ?")
        return [(aid, eid) for aid, eid in self.query(sql, [*params, limit])]

    def undated_events(self, flt: EventFilter) -> int:
        """How many events match every filter but the dates and have neither a date of their own nor a story
        publication date: those a date filter with date_fallback_published leaves out whatever the dates."""
        where, params = self._event_where(replace(flt, date_from=None, date_to=None))
        sql = ("SELECT count(*) FROM events v JOIN articles a ON a.id = v.article_id" + where
               + (" AND" if where else " WHERE") + " coalesce(v.date, a.published) IS NULL")
        return int(self.query(sql, params)[0][0])

    def iter_events(self, flt: EventFilter, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching event, page by page, so a CSV download of a large archive streams in flat memory."""
        offset = 0
        while True:
            page = self.events_page(flt, batch, offset)
            yield from page.items
            if not page.has_more:
                return
            offset += batch

    def place_ids(self, place: str) -> set[str]:
        """The places a filter names: a place id, a place name (any case) or a country code."""
        return {r[0] for r in self.query(f"SELECT id FROM places WHERE id = ? OR {self._ieq('name')} OR country = ?",
                                         (place, place, place.upper()))}

    def event_summary(self, summ: dict[str, Any], flt: EventFilter) -> dict[str, list[dict[str, Any]]]:
        """The events page's timeline (per day and type) and map (per place and type), counted in memory over
        `summ` (summaries()) with the same meaning as the SQL filters of events_page."""
        if not flt.any():
            return summ["event_summary"]
        if flt.source or flt.date_fallback_published:
            # The in-memory event tuples carry neither the sources nor the stories' publication dates.
            return self._summary_sql(flt)
        places = self.place_ids(flt.place) if flt.place else None
        if flt.country:
            in_country = {r[0] for r in self.query("SELECT id FROM places WHERE country = ?", (flt.country.upper(),))}
            places = in_country if places is None else places & in_country
        events = summ["events_by_type"].get(flt.type, []) if flt.type else summ["events"]
        lo = bisect.bisect_left(events, flt.date_from, key=event_day) if flt.date_from else 0
        hi = bisect.bisect_right(events, flt.date_to + "\uffff", key=event_day) if flt.date_to else len(events)
        return aggregate_events(events[lo:hi], summ["places_by_id"], flt, places)

    def _summary_sql(self, flt: EventFilter) -> dict[str, list[dict[str, Any]]]:
        """event_summary counted in SQL: for the filters the in-memory event tuples do not carry (source)."""
        where, params = self._event_where(flt)
        timeline = self.rows("SELECT substr(v.date, 1, 10) AS day, v.type, count(*) AS n, coalesce(sum(v.killed), 0)"
                             " AS killed FROM events v" + where + (" AND" if where else " WHERE")
                             + " v.date IS NOT NULL AND v.date != '' GROUP BY day, v.type ORDER BY day, v.type", params)
        places = self.rows("SELECT p.id AS place_id, p.name, p.lat, p.lon, v.type, count(*) AS events,"
                           " coalesce(sum(v.killed), 0) AS killed FROM events v JOIN places p ON p.id = v.place_id"
                           + where + (" AND" if where else " WHERE") + " p.lat IS NOT NULL AND p.lon IS NOT NULL"
                           " GROUP BY p.id, p.name, p.lat, p.lon, v.type ORDER BY killed DESC, events DESC LIMIT 400",
                           params)
        return {"timeline": timeline, "places": places}

    def map_events(self, flt: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
        """Located events for the map, newest first: each with its place, story and title (for its popup)."""
        where, params = self._event_where(flt)
        sql = ("SELECT v.article_id, v.id, v.type, v.acled_subtype, v.date, v.killed, v.confidence, p.name AS place_name,"
               " p.country, p.lat, p.lon, a.title FROM events v JOIN places p ON p.id = v.place_id"
               " JOIN articles a ON a.id = v.article_id" + where + (" AND" if where else " WHERE")
               + f" p.lat IS NOT NULL AND p.lon IS NOT NULL ORDER BY v.date {self.DESC}, v.article_id, v.id LIMIT ?")
        return self.rows(sql, [*params, limit])

    def event_facets(self, flt: EventFilter, most: int = 15) -> dict[str, Any]:
        """How many matching events each value of a facet has (type, sub-type, country, source, year), the most
        first, and how many matching events have no date."""
        where, params = self._event_where(flt)
        join = " LEFT JOIN places p ON p.id = v.place_id"

        def counts(expr: str, extra: str = "") -> list[dict[str, Any]]:
            got = self.query(f"SELECT {expr} AS k, count(*) AS n FROM events v{extra}{where}"
                             f" GROUP BY {expr} ORDER BY n DESC LIMIT ?", [*params, most])
            return [{"value": k, "n": n} for k, n in got if k]

        undated = self.query(f"SELECT count(*) FROM events v{where}" + (" AND" if where else " WHERE")
                             + " (v.date IS NULL OR v.date = '')", params)[0][0]
        years = sorted(counts("substr(v.date, 1, 4)"), key=lambda r: r["value"])
        return {"type": counts("v.type"), "sub_type": counts("v.acled_subtype"),
                "country": counts("p.country", join), "source": self._source_facet(where, params, most),
                "year": years, "undated": undated}

    def _source_facet(self, where: str, params: list[Any], most: int) -> list[dict[str, Any]]:
        """Matching events per source: a web address's host, else the file's name."""
        got = self.query("SELECT s.uri, count(*) FROM events v JOIN article_sources s ON s.article_id = v.article_id"
                         + where + " GROUP BY s.uri ORDER BY count(*) DESC LIMIT 5000", params)
        per: dict[str, int] = {}
        for uri, n in got:
            key = source_name(uri)
            per[key] = per.get(key, 0) + n
        top = sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))[:most]
        return [{"value": k, "n": n} for k, n in top if k]

    # -- figures ---------------------------------------------------------------------------------
    def figures_page(self, flt: FigureFilter, limit: int, offset: int) -> Page:
        """Figures newest first, then by place and category, so one count reported by several stories sits
        together; ordering by the indexed publication date lets a page stop early in a large archive."""
        where: list[str] = []
        params: list[Any] = []
        # The noindex mark keeps SQLite from probing figures by category for every story it walks (quadratic).
        if flt.category:
            where.append(f"{self._noindex('f.category')} = ?")
            params.append(flt.category)
        else:
            where.append(f"{self._noindex('f.category')} IN ({','.join('?' * len(HUMAN_TOLL))})")
            params += HUMAN_TOLL
        if flt.place:
            where.append(f"f.place_id IN (SELECT id FROM places WHERE id = ? OR {self._ieq('name')})")
            params += [flt.place, flt.place]
        if flt.date_from:
            where.append("a.published >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            cond, bound = self._upto("a.published", flt.date_to)
            where.append(cond)
            params.append(bound)
        # Newest stories first, probing each for figures, stops at the page; only a place is rare enough
        # to be better found first.
        join = "JOIN" if flt.place else self.OUTER_FIRST
        sql = ("SELECT f.article_id, f.idx, f.text, f.category, f.qualifier, f.value, f.low, f.high, f.unit,"
               " f.place_id, p.name AS place_name, p.country, substr(a.published, 1, 10) AS date, a.title"
               f" FROM articles a {join} figures f ON f.article_id = a.id"
               " LEFT JOIN places p ON p.id = f.place_id"
               " WHERE " + " AND ".join(where)
               + f" ORDER BY a.published {self.DESC}, p.name {self.ASC}, f.category, f.value, f.article_id, f.idx"
               " LIMIT ? OFFSET ?")
        return Page.of(self.rows(sql, [*params, limit + 1, offset]), limit, offset)

    # -- disputes --------------------------------------------------------------------------------
    def event_evidence(self, article_id: str, event_id: str) -> str:
        """An event's evidence sentence, as crosssource.claims words it (whitespace runs made one space); "" for
        an event the store does not have. web/disputes.py gives the disputed incidents' claims theirs."""
        got = self.query("SELECT e.start, e.\"end\", CASE WHEN e.\"end\" >= e.start THEN"
                         " substr(a.text, e.start + 1, e.\"end\" - e.start) END FROM events e"
                         " JOIN articles a ON a.id = e.article_id WHERE e.article_id = ? AND e.id = ?",
                         (article_id, event_id))
        if not got:
            return ""
        start, end, text = got[0]
        if start is None or end is None or end < start:  # what a Python slice would give
            full = self.query("SELECT text FROM articles WHERE id = ?", (article_id,))[0][0]
            text = full[start:end]
        return " ".join((text or "").split())
