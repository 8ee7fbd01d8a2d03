"""The JSON API under /api: one route per page of the app, with the same filters and pagination (`limit`,
`offset`, `next`, `prev`). The docstrings are the API docs (/api, /openapi.json)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from ..store.web_filters import EVENT_COLUMNS, EventFilter, FigureFilter, Page, QuoteFilter
from . import disputes as D
from . import render
from .params import (
    BAD_QUERY,
    NOT_FOUND,
    Confidence,
    Copies,
    Country,
    Date,
    Id,
    IncidentId,
    Limit,
    Offset,
    ReadBy,
    Sort,
    Source,
    SubType,
    Text,
    Words,
    confidence,
)
from .site import Site, not_found, page_json


def csv_cell(v: Any) -> Any:
    # A cell starting with = + - @ runs as a formula in a spreadsheet; a leading quote keeps it text.
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def register(app: FastAPI, site: Site) -> None:
    """Add the API routes to `app`, in the order the docs list them."""
    reads = site.reads

    @app.get("/api/overview", tags=["home"])
    def api_overview() -> dict[str, Any]:
        """Counts, newest stories, latest events and most-quoted people."""
        return reads.overview(site.summ())

    @app.get("/api/search", tags=["search"], responses=BAD_QUERY)
    def api_search(request: Request, q: Words = "", date_from: Date = None, date_to: Date = None, source: Text = None,
                   entity: Text = None, place: Text = None, event_type: Text = None, sort: Sort = "relevance",
                   copies: Copies = "fold", limit: Limit = 20, offset: Offset = 0, read_by: ReadBy = None,
                   not_read_by: ReadBy = None) -> dict[str, Any]:
        """Full-text search over titles and text, with filters; snippets mark matched words with « ».

        Each hit carries `duplicate_of` (the original, when the hit is a near-duplicate copy) and `copies`."""
        res = site.search(q, date_from, date_to, source, entity, place, event_type, sort, limit, offset, copies,
                          read_by, not_read_by)
        for it in res.items:
            it["snippet"] = render.plain_snippet(it["snippet"])
        return page_json(request, res)

    @app.get("/api/stories/{article_id}", tags=["story"], responses=NOT_FOUND)
    def api_story(article_id: Id) -> dict[str, Any]:
        """The whole Article record (schema newsgraph/article/1), every place it was seen, and its near-duplicates:
        `duplicate_of` (its original, when it is a copy) and `copies` (the original's other copies)."""
        got = reads.story(article_id)
        if got is None:
            raise not_found("story")
        art, sources = got
        dup = reads.story_copies(article_id)
        return {"article": art.to_dict(), "sources": sources, "duplicate_of": dup["duplicate_of"],
                "copies": [c["id"] for c in dup["copies"]]}

    _register_entities(app, site)
    _register_events(app, site)

    @app.get("/api/figures", tags=["figures"])
    def api_figures(request: Request, category: Text = None, place: Text = None, date_from: Date = None,
                    date_to: Date = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Casualty, displacement and detention figures, grouped by place then date across stories."""
        flt = FigureFilter(category, place, date_from, date_to)
        return page_json(request, reads.figures_page(flt, limit, offset))

    @app.get("/api/disputes", tags=["disputes"])
    def api_disputes(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                     place: Text = None, incident: IncidentId = None, limit: Limit = 20,
                     offset: Offset = 0) -> dict[str, Any]:
        """Incidents whose sources disagree on casualty figures, newest first: each source's claim, with the
        story and the sentence it comes from. Copies of one story count as one source.

        `place` is a place id, a place name (any case) or a country code."""
        flt = D.DisputeFilter(type, date_from, date_to, place, incident)
        return page_json(request, D.disputes_page(site.disputes.get(), flt, limit, offset))


def _register_entities(app: FastAPI, site: Site) -> None:
    reads = site.reads

    @app.get("/api/entities", tags=["entities"])
    def api_entities(request: Request, name: Text = None, type: Text = None, limit: Limit = 50,
                     offset: Offset = 0) -> dict[str, Any]:
        """People, organisations and places by name, most mentioned first."""
        return page_json(request, reads.entities_page(site.summ()["entities"], name, type, limit, offset))

    @app.get("/api/entities/{entity_id}", tags=["entities"], responses=NOT_FOUND)
    def api_entity(request: Request, entity_id: Id, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        """One entity: mentions per month, their quotes, who appears with them, their stories (paginated)."""
        got = reads.entity(entity_id, limit, offset)
        if got is None:
            raise not_found("entity")
        more = got.pop("has_more")
        nav = page_json(request, Page([], limit, offset, more))
        got["next"], got["prev"] = nav["next"], nav["prev"]
        return got

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(request: Request, speaker: Text = None, q: Text = None, entity: Text = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict[str, Any]:
        """Quotes by speaker name and words (both matched as plain text, anywhere) or speaker entity id."""
        return page_json(request, reads.quotes_page(QuoteFilter(speaker, q, entity), limit, offset))


def _register_events(app: FastAPI, site: Site) -> None:
    reads = site.reads

    @app.get("/api/events", tags=["events"])
    def api_events(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                   place: Text = None, actor: Text = None, min_confidence: Confidence = None,
                   sub_type: SubType = None, country: Country = None,
                   source: Source = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Coded events with their evidence sentence, newest first."""
        flt = EventFilter(type, date_from, date_to, place, actor, confidence(min_confidence), sub_type,
                          country.upper() if country else None, source)
        return page_json(request, reads.events_page(flt, limit, offset))

    @app.get("/api/events/summary", tags=["events"])
    def api_event_summary(type: Text = None, date_from: Date = None, date_to: Date = None, place: Text = None,
                          actor: Text = None, min_confidence: Confidence = None,
                          sub_type: SubType = None, country: Country = None,
                          source: Source = None) -> dict[str, Any]:
        """Events per day and type (the timeline) and per place and type (the map)."""
        flt = EventFilter(type, date_from, date_to, place, actor, confidence(min_confidence), sub_type,
                          country.upper() if country else None, source)
        return reads.event_summary(site.summ(), flt)

    @app.get("/api/events/facets", tags=["events"])
    def api_event_facets(type: Text = None, date_from: Date = None, date_to: Date = None, place: Text = None,
                         actor: Text = None, min_confidence: Confidence = None, sub_type: SubType = None,
                         country: Country = None, source: Source = None) -> dict[str, Any]:
        """How many matching events each type, sub-type, country, source and year has, and how many are undated."""
        flt = EventFilter(type, date_from, date_to, place, actor, confidence(min_confidence), sub_type,
                          country.upper() if country else None, source)
        return reads.event_facets(flt)

    @app.get("/api/events.csv", tags=["events"], response_class=StreamingResponse,
             responses={200: {"content": {"text/csv": {}}, "description": "Every matching event, one a row."}})
    def api_events_csv(type: Text = None, date_from: Date = None, date_to: Date = None, place: Text = None,
                       actor: Text = None, min_confidence: Confidence = None,
                       sub_type: SubType = None, country: Country = None,
                       source: Source = None) -> StreamingResponse:
        """Every matching event as CSV (not paginated: the whole selection streams)."""
        flt = EventFilter(type, date_from, date_to, place, actor, confidence(min_confidence), sub_type,
                          country.upper() if country else None, source)

        def rows() -> Iterator[str]:
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(EVENT_COLUMNS)
            for ev in reads.iter_events(flt):
                w.writerow([csv_cell(ev[c]) for c in EVENT_COLUMNS])
                if buf.tell() > 64_000:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()

        return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="events.csv"'})
