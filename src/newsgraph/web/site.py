"""What every route of the web app works with: the store's reads, the two caches of whole-archive figures,
the templates, and the pieces of an answer the pages and the API share (pagination links, the search)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException

from ..store.cache import Cached
from ..store.web_filters import Page, SearchFilter
from ..store.web_reads import WebReads
from . import disputes as D
from . import render

HERE = Path(__file__).parent


@dataclass
class Site:
    reads: WebReads
    # Whole-archive aggregates (WebReads.summaries) and the disputed incidents: seconds to compute on a large
    # archive, so kept off the request path and refreshed in the background when the store grows.
    summaries: Cached[dict[str, Any]]
    disputes: Cached[dict[str, Any]]
    templates: Jinja2Templates

    @classmethod
    def over(cls, reads: WebReads) -> Site:
        env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                          lstrip_blocks=True)
        env.globals.update(snippet=render.snippet, type_class=render.type_class, map_w=render.MAP_W,
                           map_h=render.MAP_H)
        return cls(reads, Cached(reads.summaries, reads.version, name="archive summaries"), D.cache(reads),
                   Jinja2Templates(env=env))

    def summ(self) -> dict[str, Any]:
        return self.summaries.get()

    def page(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        """A page from its template."""
        return self.templates.TemplateResponse(request, name, ctx, status_code=status)

    def search(self, q: str, date_from: str | None, date_to: str | None, source: str | None, entity: str | None,
               place: str | None, event_type: str | None, sort: str, limit: int, offset: int, copies: str,
               read_by: str | None = None, not_read_by: str | None = None) -> Page:
        flt = SearchFilter(date_from, date_to, source, entity, place, event_type, read_by or None, not_read_by or None)
        return self.reads.search(q, flt, limit, offset, sort, fold=copies == "fold")


def page_json(request: Request, page: Page) -> dict[str, Any]:
    """A page of items with links to the next and previous pages (the same URL, another offset)."""
    def link(offset: int) -> str:
        params = dict(request.query_params)
        params.update(offset=str(offset), limit=str(page.limit))
        return f"{request.url.path}?{urlencode(params)}"

    return {"items": page.items, "limit": page.limit, "offset": page.offset,
            "next": link(page.offset + page.limit) if page.has_more else None,
            "prev": link(max(page.offset - page.limit, 0)) if page.offset else None}


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no {what} with that id in this store")
