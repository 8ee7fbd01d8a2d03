"""Country borders as vector GeoJSON for the maps, built from the outlines the countryinfo package ships
(MIT; already a dependency of the gazetteer), so no map tile or remote file is ever needed.

Coordinates are rounded to 0.05 degree and repeated points dropped: about the detail of Natural Earth's
1:110m countries, small enough to send with a page.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .render import MAP_H, MAP_W

STEP = 0.05  # degrees


def _ring(points: list[list[float]]) -> list[list[float]] | None:
    out: list[list[float]] = []
    for lon, lat, *_ in points:
        pt = [round(round(float(lon) / STEP) * STEP, 2), round(round(float(lat) / STEP) * STEP, 2)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out if len(out) >= 4 else None


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry.get("type") == "Polygon":
        polys = [geometry.get("coordinates") or []]
    elif geometry.get("type") == "MultiPolygon":
        polys = geometry.get("coordinates") or []
    else:
        return []
    out = []
    for poly in polys:
        rings = [r for r in (_ring(ring) for ring in poly) if r]
        if rings:
            out.append(rings)
    return out


def _outlines() -> dict[str, tuple[str, list[list[list[list[float]]]]]]:
    """Country code -> (name, polygons)."""
    from ..geo.packages import countryinfo_records

    found: dict[str, tuple[str, list[list[list[list[float]]]]]] = {}
    for info in countryinfo_records().values():
        cc = ((info.get("ISO") or {}).get("alpha2") or "").upper()
        geo = info.get("geoJSON")
        if not cc or not isinstance(geo, dict):
            continue
        polys = [p for feat in geo.get("features", []) for p in _polygons(feat.get("geometry") or {})]
        if polys:
            found[cc] = (str(info.get("name") or cc).title(), polys)
    return found


@lru_cache(maxsize=1)
def countries() -> dict[str, Any]:
    """Every country as one GeoJSON Feature (MultiPolygon) with its ISO code `cc` and `name`."""
    feats = [{"type": "Feature", "id": cc, "properties": {"cc": cc, "name": name},
              "geometry": {"type": "MultiPolygon", "coordinates": polys}}
             for cc, (name, polys) in sorted(_outlines().items())]
    return {"type": "FeatureCollection", "features": feats}


@lru_cache(maxsize=1)
def countries_json() -> str:
    return json.dumps(countries(), separators=(",", ":"))


def _svg_ring(ring: list[list[float]]) -> str:
    pts = [(round((lon + 180) / 360 * MAP_W, 1), round((90 - lat) / 180 * MAP_H, 1)) for lon, lat in ring]
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in pts) + "z"


@lru_cache(maxsize=1)
def svg_paths() -> list[dict[str, str]]:
    """One SVG path per country on the equirectangular map of render.project: the no-script map's borders."""
    return [{"cc": f["properties"]["cc"], "name": f["properties"]["name"],
             "d": "".join(_svg_ring(r) for poly in f["geometry"]["coordinates"] for r in poly)}
            for f in countries()["features"]]
