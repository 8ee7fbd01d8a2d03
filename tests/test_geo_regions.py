"""Region points from the land their towns share out (geo/regions.py), on hand-made outlines."""

from __future__ import annotations

import numpy as np

from newsgraph.geo.build import haversine_km
from newsgraph.geo.regions import land_cells, outline_rings, region_points


def _square(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "FeatureCollection", "features": [{"geometry": {"type": "Polygon", "coordinates": [ring]}}]}


def test_outline_rings_reads_polygons_multipolygons_and_literal_text() -> None:
    sq = _square(0, 0, 2, 2)
    multi = {"features": [{"geometry": {"type": "MultiPolygon",
                                        "coordinates": [sq["features"][0]["geometry"]["coordinates"]] * 2}}]}
    assert len(outline_rings(sq)) == 1
    assert len(outline_rings(multi)) == 2
    assert len(outline_rings(repr(sq))) == 1
    assert outline_rings("not a literal (") == []
    assert outline_rings(None) == []


def test_cells_fill_the_outline_and_nothing_outside() -> None:
    # An L-shaped country: the notch at the top right holds no cell.
    ring = [[0, 0], [4, 0], [4, 2], [2, 2], [2, 4], [0, 4], [0, 0]]
    cells = land_cells([np.asarray(ring, dtype=float)], step=0.5)
    assert len(cells) > 0
    assert not ((cells[:, 0] > 2) & (cells[:, 1] > 2)).any()
    assert ((cells[:, 0] < 2) & (cells[:, 1] > 2)).any() and ((cells[:, 0] > 2) & (cells[:, 1] < 2)).any()


def test_a_region_with_an_empty_north_gets_a_point_in_its_middle_not_among_its_towns() -> None:
    # Two regions side by side, each 5 degrees (550 km) tall; every town sits in the far south.
    rings = outline_rings(_square(0, 40, 20, 45))
    towns = [(40.5 + 0.1 * i, 2.0 + 0.5 * i, "west") for i in range(6)]
    towns += [(40.5 + 0.1 * i, 12.0 + 0.5 * i, "east") for i in range(6)]
    pts = region_points(rings, towns, step=0.5)
    assert set(pts) == {"west", "east"}
    west_lat, west_lon = pts["west"]
    town_mean = (np.mean([t[0] for t in towns[:6]]), np.mean([t[1] for t in towns[:6]]))
    assert 42 < west_lat < 43  # the middle of its land, not the towns' 40.7
    assert west_lon < 10 < pts["east"][1]
    assert haversine_km(west_lat, west_lon, *town_mean) > 200


def test_small_regions_are_left_to_the_caller() -> None:
    # "tiny" is one town among a grid of its neighbour's: a cell or two at most are nearest to it.
    rings = outline_rings(_square(0, 0, 4, 4))
    towns = [(0.25 + 0.5 * i, 0.25 + 0.5 * j, "big") for i in range(8) for j in range(8)]
    towns.append((1.1, 1.1, "tiny"))
    pts = region_points(rings, towns, step=0.25, min_cells=5)
    assert "big" in pts and "tiny" not in pts
    assert region_points(rings, []) == {}


def test_land_far_from_every_town_belongs_to_no_region() -> None:
    # The mainland and a far island in one outline; the island's towns are filed elsewhere (none here).
    mainland = _square(0, 40, 4, 44)["features"][0]
    island = _square(0, 60, 4, 64)["features"][0]
    rings = outline_rings({"features": [mainland, island]})
    towns = [(42.0 + 0.2 * i, 1.0 + 0.3 * i, "coast") for i in range(6)]
    lat, _lon = region_points(rings, towns, step=0.5, max_town_km=600)["coast"]
    assert 41 < lat < 43  # without the cap the island's cells would pull it to about 52
    lat_all, _ = region_points(rings, towns, step=0.5, max_town_km=1e5)["coast"]
    assert lat_all > 48
