"""Region points from the land each region covers, not only from where its towns are.

A region's towns crowd where people live (the south of a Canadian province, the coast of an Australian
state), so a point taken from the towns alone sits hundreds of kilometres from the region's geographic
centre, which is where gazetteers put it. The land is known at country level only (the outline that
countryinfo ships), so it is shared out among the regions by their towns: a grid of equal-area cells
inside the outline, each cell given to the region of its nearest town (a Voronoi partition of the
country). A region's point is then the centroid of its cells on the sphere, which follows its empty
north as well as its towns.
"""

from __future__ import annotations

import ast
import math
from collections import defaultdict
from collections.abc import Hashable, Sequence

import numpy as np

# Cell height in degrees (about 28 km); cells are as wide as they are tall on the ground, so equal in area.
CELL_DEGREES = 0.25
# A region covering fewer cells than this (about 4,000 km²) keeps its towns' point: at that size the two
# agree anyway, and a handful of coarse cells along a low-detail outline says little.
MIN_CELLS = 5
# Land farther than this from every town of the country is left out: an outline can hold islands whose towns
# the gazetteer files under another code (Svalbard in Norway's outline), and they belong to no region of it.
MAX_TOWN_KM = 600.0
EARTH_KM = 6371.0


def outline_rings(geojson: object) -> list[np.ndarray]:
    """The outer rings (lon, lat arrays) of a country's outline as countryinfo ships it (a GeoJSON
    FeatureCollection, sometimes as the text of a Python literal)."""
    if isinstance(geojson, str):
        try:
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError):
            return []
    if not isinstance(geojson, dict):
        return []
    out: list[np.ndarray] = []
    for feat in geojson.get("features", []):
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            if poly and len(poly[0]) >= 3:
                ring = np.asarray([pt[:2] for pt in poly[0]], dtype=float)
                if ring.ndim == 2 and np.isfinite(ring).all():
                    out.append(ring)
    return out


def _inside(lon: np.ndarray, lat: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd rule: which points lie inside the ring (lon, lat treated as plane coordinates, which is
    exact enough at a cell's size since the outlines are split at the antimeridian)."""
    x0, y0 = ring[:, 0], ring[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    res = np.zeros(len(lon), dtype=bool)
    for a, b, c, d in zip(x0, y0, x1, y1, strict=True):
        if b == d:
            continue
        crosses = (b > lat) != (d > lat)
        res ^= crosses & (lon < a + (lat - b) * (c - a) / (d - b))
    return res


def land_cells(rings: Sequence[np.ndarray], step: float = CELL_DEGREES) -> np.ndarray:
    """Centres (lat, lon) of equal-area cells inside the rings."""
    found: list[np.ndarray] = []
    for ring in rings:
        lon0, lat0 = ring.min(axis=0)
        lon1, lat1 = ring.max(axis=0)
        lats, lons = [], []
        for lat in np.arange(lat0 + step / 2, lat1, step):
            width = step / max(0.05, math.cos(math.radians(lat)))
            row = np.arange(lon0 + width / 2, lon1, width)
            lats.append(np.full(len(row), lat))
            lons.append(row)
        if not lats:
            continue
        la, lo = np.concatenate(lats), np.concatenate(lons)
        keep = _inside(lo, la, ring)
        if keep.any():
            found.append(np.stack([la[keep], lo[keep]], axis=1))
    return np.concatenate(found) if found else np.zeros((0, 2))


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=1)


def region_points(rings: Sequence[np.ndarray], towns: Sequence[tuple[float, float, Hashable]],
                  step: float = CELL_DEGREES, min_cells: int = MIN_CELLS,
                  max_town_km: float = MAX_TOWN_KM) -> dict[Hashable, tuple[float, float]]:
    """The point of each region (by key) of one country: the centroid of the land cells whose nearest
    town is one of its own. `towns` are (lat, lon, region key); regions with fewer than `min_cells`
    cells are left out (the caller keeps its own point for them)."""
    if not towns:
        return {}
    cells = land_cells(rings, step)
    if not len(cells):
        return {}
    from scipy.spatial import cKDTree  # reverse_geocoder's own dependency, read only at build time

    pts = np.asarray([(t[0], t[1]) for t in towns], dtype=float)
    keys = [t[2] for t in towns]
    chord, nearest = cKDTree(_unit(pts[:, 0], pts[:, 1])).query(_unit(cells[:, 0], cells[:, 1]))
    far = 2 * math.sin(max_town_km / EARTH_KM / 2)  # that distance as a chord of the unit sphere
    members: dict[Hashable, list[int]] = defaultdict(list)
    for cell, (town, d) in enumerate(zip(nearest, chord, strict=True)):
        if d <= far:
            members[keys[town]].append(cell)
    out: dict[Hashable, tuple[float, float]] = {}
    for key, idx in members.items():
        if len(idx) < min_cells:
            continue
        v = _unit(cells[idx, 0], cells[idx, 1]).mean(axis=0)
        norm = float(np.linalg.norm(v))
        if norm < 1e-9:
            continue
        v /= norm
        out[key] = (round(math.degrees(math.asin(float(v[2]))), 4), round(math.degrees(math.atan2(float(v[1]), float(v[0]))), 4))
    return out
