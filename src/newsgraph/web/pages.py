"""The server-rendered pages: each the twin of an API route (web/api.py) with the same filters, drawn by its
template in web/templates. URLs carry only ids and filters, so a link to a story, a person or a filtered
event list stays valid."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from ..model import EXTRACTORS
from ..store.web_filters import HUMAN_TOLL, SUB_TYPES, EventFilter, FigureFilter, Page, QuoteFilter
from . import borders, mapdata, render, timeline
from . import disputes as D
from .params import (
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


def _readers(extractors: list[str]) -> dict[str, Any]:
    """Which extractors read the story, as its record says, and whether only the language-neutral ones did:
    digits and gazetteer names, nothing understood (issue 23: nothing is presented as understood)."""
    return {"ran": extractors, "neutral": bool(extractors) and "entities" not in extractors}


def register(app: FastAPI, site: Site) -> None:
    """Add the pages to `app`."""
    reads = site.reads

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        summ = site.summ()
        pts = render.markers(summ["places"], "stories", "/search?place=")
        found = site.disputes.peek()
        return site.page(request, "home.html", title="newsgraph", o=reads.overview(summ), points=pts,
                         borders=borders.svg_paths(), grid=render.graticule(),
                         disputes=None if found is None else found["items"][:5],
                         disputes_total=None if found is None else len(found["items"]))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Words = "", date_from: Date = None, date_to: Date = None,
                    source: Text = None, entity: Text = None, place: Text = None, event_type: Text = None,
                    sort: Sort = "relevance", copies: Copies = "fold", limit: Limit = 20,
                    offset: Offset = 0, read_by: ReadBy = None, not_read_by: ReadBy = None) -> HTMLResponse:
        res = site.search(q, date_from, date_to, source, entity, place, event_type, sort, limit, offset, copies,
                          read_by, not_read_by)
        args = {"q": q, "date_from": date_from or "", "date_to": date_to or "", "source": source or "",
                "entity": entity or "", "place": place or "", "event_type": event_type or "", "sort": sort,
                "copies": copies, "read_by": read_by or "", "not_read_by": not_read_by or ""}
        return site.page(request, "search.html", title=f"Search: {q}" if q else "Search", res=res,
                         nav=page_json(request, res), args=args, choices=reads.filter_choices(),
                         extractors=EXTRACTORS)

    @app.get("/story/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, article_id: Id) -> HTMLResponse:
        got = reads.story(article_id)
        if got is None:
            raise not_found("story")
        art, sources = got
        places = {p.id: p for p in art.places}
        evs = [{"e": e, "evidence": art.text[e.span[0]:e.span[1]], "place": places.get(e.place) if e.place else None}
               for e in art.events]
        found = site.disputes.peek()
        sid = reads.story_store_ids(art.id)  # entity links go to the store-level entity pages
        title = art.title or render.first_sentence(art.text) or art.id
        return site.page(request, "story.html", title=title, art=art, sources=sources, events=evs,
                         body=render.highlight(art.text, render.story_annotations(art, sid)), sid=sid,
                         disputed=(found or {"by_article": {}})["by_article"].get(art.id, []),
                         dup=reads.story_copies(art.id), readers=_readers(art.extractors))

    @app.get("/geo/countries.json", include_in_schema=False)
    def countries_geojson() -> Response:
        """Country borders for the interactive maps (web/borders.py)."""
        return Response(borders.countries_json(), media_type="application/geo+json",
                        headers={"Cache-Control": "public, max-age=86400"})

    _register_people(app, site)
    _register_tables(app, site)

    # API docs, drawn from the OpenAPI spec by our own template (Swagger UI would need a CDN)
    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return site.page(request, "api.html", title="JSON API", spec=app.openapi())


def _register_people(app: FastAPI, site: Site) -> None:
    reads = site.reads

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_html(request: Request, name: Text = None, type: Text = None, limit: Limit = 50,
                      offset: Offset = 0) -> HTMLResponse:
        ranked = site.summ()["entities"]
        if type:
            res = reads.entities_page(ranked, name, type, limit, offset)
            groups = render.by_entity_type(res.items)
        else:
            # People first, then organisations, then the rest: each its own ranked list, paged together.
            pages_ = [reads.entities_page(ranked, name, t, limit, offset) for t in ("PERSON", "ORG")]
            rest = [r for r in ranked if r[2] not in ("PERSON", "ORG")]
            pages_.append(reads.entities_page(rest, name, None, limit, offset))
            groups = [(h, p.items) for h, p in zip(("People", "Organisations", "Other names"), pages_, strict=True)
                      if p.items]
            res = Page([e for p in pages_ for e in p.items], limit, offset, any(p.has_more for p in pages_))
        return site.page(request, "entities.html", title="People and organisations", res=res, groups=groups,
                         nav=page_json(request, res), args={"name": name or "", "type": type or ""})

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: Id, limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
        got = reads.entity(entity_id, limit, offset)
        if got is None:
            raise not_found("entity")
        res = Page(got["stories"], limit, offset, got["has_more"])
        chart = render.bars([(r["month"], r["mentions"]) for r in got["timeline"]])
        return site.page(request, "entity.html", title=got["name"], ent=got, chart=chart,
                         nav=page_json(request, res), res=res)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_html(request: Request, speaker: Text = None, q: Text = None, entity: Text = None, limit: Limit = 50,
                    offset: Offset = 0) -> HTMLResponse:
        res = reads.quotes_page(QuoteFilter(speaker, q, entity), limit, offset)
        return site.page(request, "quotes.html", title="Quotes", res=res, nav=page_json(request, res),
                         args={"speaker": speaker or "", "q": q or "", "entity": entity or ""})


def _register_tables(app: FastAPI, site: Site) -> None:
    reads = site.reads

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_html(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                    place: Text = None, actor: Text = None, min_confidence: Confidence = None,
                    sub_type: SubType = None, country: Country = None, source: Source = None, limit: Limit = 50,
                    offset: Offset = 0) -> HTMLResponse:
        flt = EventFilter(type, date_from, date_to, place, actor, confidence(min_confidence), sub_type,
                          country.upper() if country else None, source)
        res = reads.events_page(flt, limit, offset)
        ctx = _event_context(site, flt, "/events")
        return site.page(request, "events.html", title="Events", res=res, nav=page_json(request, res),
                         choices=reads.filter_choices(), sub_types=list(SUB_TYPES.values()),
                         facets=reads.event_facets(flt),
                         csv_url="/api/events.csv?" + urlencode({k: v for k, v in ctx["args"].items() if v}), **ctx)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_html(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                      place: Text = None, actor: Text = None, min_confidence: Confidence = None,
                      sub_type: SubType = None, country: Country = None, source: Source = None) -> HTMLResponse:
        flt = EventFilter(type, date_from, date_to, place, actor, confidence(min_confidence), sub_type,
                          country.upper() if country else None, source)
        ctx = _event_context(site, flt, "/timeline")
        return site.page(request, "timeline.html", title="Timeline", facets=reads.event_facets(flt), **ctx)

    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_html(request: Request) -> HTMLResponse:
        rows = site.summ()["places"]
        pts = mapdata.place_points(rows)
        return site.page(request, "places.html", title="Places", places=rows, points=pts, legend=[],
                         svg_points=render.markers(rows, "stories", "/search?place="), borders=borders.svg_paths(),
                         grid=render.graticule(), country_link=lambda cc: event_link("/events", {}, country=cc))

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_html(request: Request, category: Text = None, place: Text = None, date_from: Date = None,
                     date_to: Date = None, limit: Limit = 100, offset: Offset = 0) -> HTMLResponse:
        flt = FigureFilter(category, place, date_from, date_to)
        res = reads.figures_page(flt, limit, offset)
        groups: dict[tuple[str, str], list[dict]] = {}
        for f in res.items:
            groups.setdefault((f["place_name"] or "place unknown", f["date"] or "undated"), []).append(f)
        return site.page(request, "figures.html", title="Figures", res=res, groups=groups,
                         nav=page_json(request, res), args={k: v or "" for k, v in asdict(flt).items()},
                         categories=HUMAN_TOLL)

    @app.get("/disputes", response_class=HTMLResponse, include_in_schema=False)
    def disputes_html(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                      place: Text = None, incident: IncidentId = None, limit: Limit = 20,
                      offset: Offset = 0) -> HTMLResponse:
        flt = D.DisputeFilter(type, date_from, date_to, place, incident)
        found = site.disputes.get()
        res = D.disputes_page(found, flt, limit, offset)
        return site.page(request, "disputes.html", title="Where sources disagree", res=res,
                         nav=page_json(request, res), args={k: v or "" for k, v in asdict(flt).items()},
                         types=sorted({d["type"] for d in found["items"]}))


def event_link(path: str, args: dict[str, str], **changes: str) -> str:
    """`path` with the current filters and `changes` (an empty value drops a filter); always the first page."""
    merged = {**args, **changes}
    return path + "?" + urlencode({k: v for k, v in merged.items() if v})


def _event_context(site: Site, flt: EventFilter, path: str) -> dict[str, Any]:
    """What the events and timeline pages share: the filters, the map and the timeline for `flt`."""
    reads = site.reads
    # The page's query arguments: the filters a URL carries (the dates' rule is the CLI's choice, not a URL's).
    args = {k: "" if v is None else str(v) for k, v in asdict(flt).items() if k != "date_fallback_published"}
    summary = reads.event_summary(site.summ(), flt)
    days: dict[str, int] = {}
    for r in summary["timeline"]:
        days[r["day"]] = days.get(r["day"], 0) + r["n"]
    undated = reads.event_facets(flt, most=1)["undated"]
    pts = mapdata.event_points(reads.map_events(flt))
    return {"args": args, "path": path, "link": lambda **kw: event_link(path, args, **kw),
            "timeline": timeline.timeline(sorted(days.items()), undated), "points": pts,
            "legend": mapdata.legend(pts), "borders": borders.svg_paths(), "grid": render.graticule(),
            "country_link": lambda cc: event_link(path, args, country=cc),
            "svg_points": render.markers(summary["places"], "killed", path + "?place=")}
