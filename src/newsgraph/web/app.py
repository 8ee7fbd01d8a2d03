"""The local web app: server-rendered pages for analysts and a JSON API under /api, over a read-only store.

`create_app(store)` builds it over any store (SQLite or PostgreSQL: the store's `web_reads()`); the routes
are in web/pages.py and web/api.py, the SQL in store/web_reads.py and its backends. `serve.serve_command`
runs it on 127.0.0.1. Every page has a JSON twin with the same filters and pagination (`limit`, `offset`,
`next`), and URLs carry only ids and filters, so a link to a story, a person or a filtered event list
stays valid.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..store import Store, open_store
from ..store.base import SearchError
from ..store.web_reads import WebReads
from . import alerts, api, borders, pages
from .site import HERE, Site

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
MAX_URL_QUERY = 4096
SECURITY_HEADERS = {
    # Pages load only our own files: no inline script, no third-party origin, no framing.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                               " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def open_reads(store: Store | str | Path) -> WebReads:
    """The web reads of a store, or of the store at a path or postgresql:// URL (opened read-only first, so a
    missing store or an old schema is a StoreError that says what to do)."""
    if isinstance(store, str | Path):
        with open_store(store, readonly=True) as opened:
            return opened.web_reads()
    return store.web_reads()


def create_app(store: Store | str | Path, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The app over `store` (a Store, or a SQLite path or postgresql:// URL), read-only; the caller keeps
    ownership of a Store it passes. `allowed_hosts` guards against DNS rebinding."""
    reads = open_reads(store)
    site = Site.over(reads)
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None,
                  description="Read the news as data: stories, people, quotes, events and figures.")
    app.state.site = site
    app.router.on_shutdown.append(reads.close)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts or LOOPBACK_HOSTS))
    _guard(app, site)
    api.register(app, site)
    pages.register(app, site)
    alerts.register(app, site)
    # The country borders, the archive summaries and the disputes take seconds to build: start now, not on the
    # first page.
    threading.Thread(target=lambda: (site.summaries.warm(), borders.svg_paths(), site.disputes.warm()),
                     name="newsgraph-warm", daemon=True).start()
    return app


def _guard(app: FastAPI, site: Site) -> None:
    """Read-only, small requests only, security headers on every answer, and errors as pages or JSON."""

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

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return site.page(request, "error.html", exc.status_code, title=f"Error {exc.status_code}",
                         message=exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if is_api(request):
            return JSONResponse({"detail": problems}, status_code=422)
        msg = "; ".join(f"{'.'.join(str(x) for x in p['loc'][1:])}: {p['msg']}" for p in problems)
        return site.page(request, "error.html", 422, title="Bad request", message=msg)

    @app.exception_handler(SearchError)
    async def bad_search(request: Request, exc: SearchError) -> Response:
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return site.page(request, "error.html", 400, title="Cannot read that search", message=str(exc))
