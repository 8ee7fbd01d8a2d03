"""The local web app: server-rendered pages for analysts and a JSON API under /api, over a read-only store.

`create_app(db_path)` builds it; `serve.serve_command` runs it on 127.0.0.1. Every page has a JSON twin
with the same filters and pagination (`limit`, `offset`, `next`), and URLs carry only ids and filters,
so a link to a story, a person or a filtered event list stays valid.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..store.base import SearchError
from . import disputes as D
from . import queries as Q
from . import render

HERE = Path(__file__).parent
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")
MAX_URL_QUERY = 4096
SECURITY_HEADERS = {
    # Pages load only our own files: no inline script, no third-party origin, no framing.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                               " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

Id = Annotated[str, PathParam(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_:.\-]+$")]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
# Empty is allowed because an HTML form sends its blank fields.
Date = Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                   description="YYYY, YYYY-MM or YYYY-MM-DD; empty means no bound.")]
Text = Annotated[str | None, Query(max_length=200)]
# A number from 0 to 1, written as an HTML form sends it (empty allowed, like Date).
Confidence = Annotated[str | None, Query(max_length=20, pattern=r"^(0?\.\d+|0\.?|1(\.0*)?)?$",
                                         description="Only events at least this confident, from 0 to 1 (planned,"
                                                     " claimed and denied events fall below 0.5); empty means all.")]
SubType = Annotated[str | None, Query(max_length=200,
                                      description="An ACLED sub-event type (e.g. 'Air/drone strike') or a label"
                                                  " beyond ACLED ('Natural disaster', 'Man-made disaster', 'Organised"
                                                  " crime', 'Claim of responsibility', 'Diplomatic event'), any case;"
                                                  " empty means any.")]
Words = Annotated[str, Query(max_length=Q.MAX_QUERY_CHARS,
                             description='FTS5 query: words, "exact phrases", AND/OR/NOT, prefix*.')]
Sort = Annotated[str, Query(pattern="^(relevance|newest)$")]
Copies = Annotated[str, Query(pattern="^(fold|show)$",
                              description="fold: a near-duplicate copy whose original is also a hit is listed under"
                                          " it (`copies`, `copy_list`); show: every copy is a hit of its own.")]
IncidentId = Annotated[str | None, Query(max_length=32, pattern=r"^[0-9a-f]*$",
                                         description="One incident, by the id the list gives it.")]
BAD_QUERY = {400: {"description": "The search query cannot be read; the message says how to write one."}}
NOT_FOUND = {404: {"description": "No such item."}}


def _page_json(request: Request, page: Q.Page) -> dict[str, Any]:
    def link(offset: int) -> str:
        params = dict(request.query_params)
        params.update(offset=str(offset), limit=str(page.limit))
        return f"{request.url.path}?{urlencode(params)}"

    return {"items": page.items, "limit": page.limit, "offset": page.offset,
            "next": link(page.offset + page.limit) if page.has_more else None,
            "prev": link(max(page.offset - page.limit, 0)) if page.offset else None}


def _csv_cell(v: Any) -> Any:
    # A cell starting with = + - @ runs as a formula in a spreadsheet; a leading quote keeps it text.
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def create_app(db_path: str | Path, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over the store at `db_path`, opened read-only. `allowed_hosts` guards against DNS rebinding."""
    db = Q.ReadOnlyDB(db_path)
    summ = Q.Summaries(db)
    disp = D.Disputes(db)
    copy_index = Q.CopyIndex()
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None,
                  description="Read the news as data: stories, people, quotes, events and figures.")
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(snippet=render.snippet, type_class=render.type_class, map_w=render.MAP_W, map_h=render.MAP_H)
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS))
    # The land outline, the archive summaries and the disputes take seconds to build: start now, not on the
    # first page.
    threading.Thread(target=lambda: (summ.warm(), render.land_path(), disp.warm()), daemon=True).start()

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        if len(request.scope.get("query_string", b"")) > MAX_URL_QUERY:
            return PlainTextResponse("request URL too long", status_code=414)
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("this server is read-only: GET only", status_code=405,
                                     headers={"Allow": "GET, HEAD"})
        length = request.headers.get("content-length")
        if length and length != "0":
            return PlainTextResponse("request bodies are not accepted", status_code=413)
        resp = await call_next(request)
        resp.headers.update(SECURITY_HEADERS)
        return resp

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, title=f"Error {exc.status_code}", message=exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if is_api(request):
            return JSONResponse({"detail": problems}, status_code=422)
        msg = "; ".join(f"{'.'.join(str(x) for x in p['loc'][1:])}: {p['msg']}" for p in problems)
        return page(request, "error.html", 422, title="Bad request", message=msg)

    @app.exception_handler(SearchError)
    async def bad_search(request: Request, exc: SearchError) -> Response:
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page(request, "error.html", 400, title="Cannot read that search", message=str(exc))

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"no {what} with that id in this store")

    # -- home ------------------------------------------------------------------------------------
    @app.get("/api/overview", tags=["home"])
    def api_overview() -> dict[str, Any]:
        """Counts, newest stories, latest events and most-quoted people."""
        return Q.overview(db.conn(), summ)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        conn = db.conn()
        pts = render.markers(summ.get(conn)["places"], "stories", "/search?place=")
        found = disp.peek(conn)
        return page(request, "home.html", title="newsgraph", o=Q.overview(conn, summ), points=pts,
                    land=render.land_path(), grid=render.graticule(),
                    disputes=None if found is None else found["items"][:5],
                    disputes_total=None if found is None else len(found["items"]))

    # -- search ----------------------------------------------------------------------------------
    def do_search(q: str, date_from: str | None, date_to: str | None, source: str | None, entity: str | None,
                  place: str | None, event_type: str | None, sort: str, limit: int, offset: int,
                  copies: str) -> Q.Page:
        flt = Q.SearchFilter(date_from, date_to, source, entity, place, event_type)
        conn = db.conn()
        return Q.search(conn, q, flt, limit, offset, sort, copy_index.get(conn) if copies == "fold" else None)

    @app.get("/api/search", tags=["search"], responses=BAD_QUERY)
    def api_search(request: Request, q: Words = "", date_from: Date = None, date_to: Date = None, source: Text = None,
                   entity: Text = None, place: Text = None, event_type: Text = None, sort: Sort = "relevance",
                   copies: Copies = "fold", limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        """Full-text search over titles and text, with filters; snippets mark matched words with « ».

        Each hit carries `duplicate_of` (the original, when the hit is a near-duplicate copy) and `copies`."""
        res = do_search(q, date_from, date_to, source, entity, place, event_type, sort, limit, offset, copies)
        for it in res.items:
            it["snippet"] = render.plain_snippet(it["snippet"])
        return _page_json(request, res)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Words = "", date_from: Date = None, date_to: Date = None,
                    source: Text = None, entity: Text = None, place: Text = None, event_type: Text = None,
                    sort: Sort = "relevance", copies: Copies = "fold", limit: Limit = 20,
                    offset: Offset = 0) -> HTMLResponse:
        res = do_search(q, date_from, date_to, source, entity, place, event_type, sort, limit, offset, copies)
        nav = _page_json(request, res)
        args = {"q": q, "date_from": date_from or "", "date_to": date_to or "", "source": source or "",
                "entity": entity or "", "place": place or "", "event_type": event_type or "", "sort": sort,
                "copies": copies}
        return page(request, "search.html", title=f"Search: {q}" if q else "Search", res=res, nav=nav,
                    args=args, choices=Q.filter_choices(db.conn()))

    # -- story -----------------------------------------------------------------------------------
    @app.get("/api/stories/{article_id}", tags=["story"], responses=NOT_FOUND)
    def api_story(article_id: Id) -> dict[str, Any]:
        """The whole Article record (schema newsgraph/article/1), every place it was seen, and its near-duplicates:
        `duplicate_of` (its original, when it is a copy) and `copies` (the original's other copies)."""
        conn = db.conn()
        got = Q.story(conn, article_id)
        if got is None:
            raise not_found("story")
        art, sources = got
        dup = Q.story_copies(conn, article_id)
        return {"article": art.to_dict(), "sources": sources, "duplicate_of": dup["duplicate_of"],
                "copies": [c["id"] for c in dup["copies"]]}

    @app.get("/story/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, article_id: Id) -> HTMLResponse:
        conn = db.conn()
        got = Q.story(conn, article_id)
        if got is None:
            raise not_found("story")
        art, sources = got
        places = {p.id: p for p in art.places}
        evs = [{"e": e, "evidence": art.text[e.span[0]:e.span[1]], "place": places.get(e.place) if e.place else None}
               for e in art.events]
        found = disp.peek(conn)
        sid = Q.story_store_ids(conn, art.id)  # entity links go to the store-level entity pages
        return page(request, "story.html", title=art.title or art.id, art=art, sources=sources, events=evs,
                    body=render.highlight(art.text, render.story_annotations(art, sid)), sid=sid,
                    disputed=(found or {"by_article": {}})["by_article"].get(art.id, []),
                    dup=Q.story_copies(conn, art.id))

    # -- entities --------------------------------------------------------------------------------
    @app.get("/api/entities", tags=["entities"])
    def api_entities(request: Request, name: Text = None, type: Text = None, limit: Limit = 50,
                     offset: Offset = 0) -> dict[str, Any]:
        """People, organisations and places by name, most mentioned first."""
        return _page_json(request, Q.entities_page(db.conn(), summ, name, type, limit, offset))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_html(request: Request, name: Text = None, type: Text = None, limit: Limit = 50,
                      offset: Offset = 0) -> HTMLResponse:
        res = Q.entities_page(db.conn(), summ, name, type, limit, offset)
        return page(request, "entities.html", title="People and organisations", res=res,
                    nav=_page_json(request, res), args={"name": name or "", "type": type or ""})

    @app.get("/api/entities/{entity_id}", tags=["entities"], responses=NOT_FOUND)
    def api_entity(request: Request, entity_id: Id, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
        """One entity: mentions per month, their quotes, who appears with them, their stories (paginated)."""
        got = Q.entity(db.conn(), entity_id, limit, offset)
        if got is None:
            raise not_found("entity")
        more = got.pop("has_more")
        nav = _page_json(request, Q.Page([], limit, offset, more))
        got["next"], got["prev"] = nav["next"], nav["prev"]
        return got

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: Id, limit: Limit = 20, offset: Offset = 0) -> HTMLResponse:
        got = Q.entity(db.conn(), entity_id, limit, offset)
        if got is None:
            raise not_found("entity")
        nav = _page_json(request, Q.Page(got["stories"], limit, offset, got["has_more"]))
        chart = render.bars([(r["month"], r["mentions"]) for r in got["timeline"]])
        return page(request, "entity.html", title=got["name"], ent=got, chart=chart, nav=nav,
                    res=Q.Page(got["stories"], limit, offset, got["has_more"]))

    # -- quotes ----------------------------------------------------------------------------------
    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(request: Request, speaker: Text = None, q: Text = None, entity: Text = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict[str, Any]:
        """Quotes by speaker name and words (both matched as plain text, anywhere) or speaker entity id."""
        return _page_json(request, Q.quotes_page(db.conn(), Q.QuoteFilter(speaker, q, entity), limit, offset))

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_html(request: Request, speaker: Text = None, q: Text = None, entity: Text = None, limit: Limit = 50,
                    offset: Offset = 0) -> HTMLResponse:
        res = Q.quotes_page(db.conn(), Q.QuoteFilter(speaker, q, entity), limit, offset)
        return page(request, "quotes.html", title="Quotes", res=res, nav=_page_json(request, res),
                    args={"speaker": speaker or "", "q": q or "", "entity": entity or ""})

    # -- events ----------------------------------------------------------------------------------
    def _float(v: str | None) -> float | None:
        return float(v) if v else None

    @app.get("/api/events", tags=["events"])
    def api_events(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                   place: Text = None, actor: Text = None, min_confidence: Confidence = None,
                   sub_type: SubType = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Coded events with their evidence sentence, newest first."""
        flt = Q.EventFilter(type, date_from, date_to, place, actor, _float(min_confidence), sub_type)
        return _page_json(request, Q.events_page(db.conn(), flt, limit, offset))

    @app.get("/api/events/summary", tags=["events"])
    def api_event_summary(type: Text = None, date_from: Date = None, date_to: Date = None, place: Text = None,
                          actor: Text = None, min_confidence: Confidence = None,
                          sub_type: SubType = None) -> dict[str, Any]:
        """Events per day and type (the timeline) and per place and type (the map)."""
        flt = Q.EventFilter(type, date_from, date_to, place, actor, _float(min_confidence), sub_type)
        return Q.event_summary(db.conn(), summ, flt)

    @app.get("/api/events.csv", tags=["events"], response_class=StreamingResponse,
             responses={200: {"content": {"text/csv": {}}, "description": "Every matching event, one a row."}})
    def api_events_csv(type: Text = None, date_from: Date = None, date_to: Date = None, place: Text = None,
                       actor: Text = None, min_confidence: Confidence = None,
                       sub_type: SubType = None) -> StreamingResponse:
        """Every matching event as CSV (not paginated: the whole selection streams)."""
        flt = Q.EventFilter(type, date_from, date_to, place, actor, _float(min_confidence), sub_type)

        def rows() -> Iterator[str]:
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(Q.EVENT_COLUMNS)
            for ev in Q.iter_events(db.conn(), flt):
                w.writerow([_csv_cell(ev[c]) for c in Q.EVENT_COLUMNS])
                if buf.tell() > 64_000:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
            yield buf.getvalue()

        return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_html(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                    place: Text = None, actor: Text = None, min_confidence: Confidence = None,
                    sub_type: SubType = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
        conn = db.conn()
        flt = Q.EventFilter(type, date_from, date_to, place, actor, _float(min_confidence), sub_type)
        res = Q.events_page(conn, flt, limit, offset)
        summary = Q.event_summary(conn, summ, flt)
        days: dict[str, int] = {}
        span = {r["day"][:7] for r in summary["timeline"]}
        for r in summary["timeline"]:
            # Beyond a few months, a bar a day is too thin to read: count by month instead.
            key = r["day"][:7] if len(span) > 4 else r["day"]
            days[key] = days.get(key, 0) + r["n"]
        args = {k: v or "" for k, v in asdict(flt).items()}
        return page(request, "events.html", title="Events", res=res, nav=_page_json(request, res),
                    args=args, choices=Q.filter_choices(conn), sub_types=list(Q.SUB_TYPES.values()),
                    chart=render.bars(sorted(days.items())),
                    points=render.markers(summary["places"], "killed", "/events?place="),
                    land=render.land_path(), grid=render.graticule(),
                    csv_url="/api/events.csv?" + urlencode({k: v for k, v in args.items() if v}))

    # -- figures ---------------------------------------------------------------------------------
    @app.get("/api/figures", tags=["figures"])
    def api_figures(request: Request, category: Text = None, place: Text = None, date_from: Date = None,
                    date_to: Date = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Casualty, displacement and detention figures, grouped by place then date across stories."""
        flt = Q.FigureFilter(category, place, date_from, date_to)
        return _page_json(request, Q.figures_page(db.conn(), flt, limit, offset))

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_html(request: Request, category: Text = None, place: Text = None, date_from: Date = None,
                     date_to: Date = None, limit: Limit = 100, offset: Offset = 0) -> HTMLResponse:
        flt = Q.FigureFilter(category, place, date_from, date_to)
        res = Q.figures_page(db.conn(), flt, limit, offset)
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for f in res.items:
            groups.setdefault((f["place_name"] or "place unknown", f["date"] or "undated"), []).append(f)
        return page(request, "figures.html", title="Figures", res=res, groups=groups,
                    nav=_page_json(request, res), args={k: v or "" for k, v in asdict(flt).items()},
                    categories=Q.HUMAN_TOLL)

    # -- disputes --------------------------------------------------------------------------------
    @app.get("/api/disputes", tags=["disputes"])
    def api_disputes(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                     place: Text = None, incident: IncidentId = None, limit: Limit = 20,
                     offset: Offset = 0) -> dict[str, Any]:
        """Incidents whose sources disagree on casualty figures, newest first: each source's claim, with the
        story and the sentence it comes from. Copies of one story count as one source.

        `place` is a place id, a place name (any case) or a country code."""
        flt = D.DisputeFilter(type, date_from, date_to, place, incident)
        return _page_json(request, D.disputes_page(disp.get(db.conn()), flt, limit, offset))

    @app.get("/disputes", response_class=HTMLResponse, include_in_schema=False)
    def disputes_html(request: Request, type: Text = None, date_from: Date = None, date_to: Date = None,
                      place: Text = None, incident: IncidentId = None, limit: Limit = 20,
                      offset: Offset = 0) -> HTMLResponse:
        flt = D.DisputeFilter(type, date_from, date_to, place, incident)
        found = disp.get(db.conn())
        res = D.disputes_page(found, flt, limit, offset)
        return page(request, "disputes.html", title="Where sources disagree", res=res, nav=_page_json(request, res),
                    args={k: v or "" for k, v in asdict(flt).items()},
                    types=sorted({d["type"] for d in found["items"]}))

    # -- API docs, drawn from the OpenAPI spec by our own template (Swagger UI would need a CDN) ---
    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return page(request, "api.html", title="JSON API", spec=app.openapi())

    return app
