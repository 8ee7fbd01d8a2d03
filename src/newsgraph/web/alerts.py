"""The alerts `newsgraph watch` fired (store/watch_state.py), as a page and as JSON: newest first, filterable by
rule. A store where `watch` never ran simply has none."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from ..store.watch_state import read_alerts
from .params import Limit, Offset, Text
from .site import Site


def register(app: FastAPI, site: Site) -> None:
    query = site.reads.query

    @app.get("/api/alerts", tags=["alerts"])
    def api_alerts(rule: Text = None, since: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Alerts fired by `newsgraph watch`, newest first: one per rule and incident, with the figure that fired
        it and the story it came from."""
        return {"items": read_alerts(query, rule=rule, since=since, limit=limit, offset=offset),
                "limit": limit, "offset": offset}

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_html(request: Request, rule: Text = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
        items = read_alerts(query, rule=rule, limit=limit, offset=offset)
        return site.page(request, "alerts.html", title="Alerts", items=items, rule=rule or "")
