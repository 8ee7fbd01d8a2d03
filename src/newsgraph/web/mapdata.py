"""What the interactive map (static/map.js, over the vendored Leaflet) is given: one point per located event
with its popup's words and story link, and a legend of the types' colours. Popups are built by the script
from these fields as text, never as HTML, so a story's words cannot become markup."""

from __future__ import annotations

import math
from typing import Any

from .render import type_colour


def radius(killed: int | None) -> float:
    """A marker's radius in pixels: its area grows with the people killed, capped."""
    return round(min(4 + 2.5 * math.sqrt(max(killed or 0, 0)), 24), 1)


def event_points(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Map points from map_events rows (store/web_events.py)."""
    return [{"lat": r["lat"], "lon": r["lon"], "type": r["type"], "sub_type": r.get("acled_subtype") or "",
             "date": r.get("date") or "", "killed": r.get("killed") or 0, "place": r.get("place_name") or "",
             "country": r.get("country") or "", "title": r.get("title") or "(untitled story)",
             "href": f"/story/{r['article_id']}", "colour": type_colour(r["type"]), "r": radius(r.get("killed"))}
            for r in rows]


def place_points(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Map points from the places of the summaries, sized by their stories."""
    return [{"lat": r["lat"], "lon": r["lon"], "type": "", "place": r["name"], "country": r.get("country") or "",
             "title": f"{r['stories']} stories", "href": f"/search?place={r['place_id']}", "killed": 0,
             "colour": "#1f77b4", "r": round(min(3 + 2 * math.sqrt(r["stories"]), 22), 1)}
            for r in rows]


def legend(points: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"type": t, "colour": type_colour(t)} for t in sorted({p["type"] for p in points if p["type"]})]
