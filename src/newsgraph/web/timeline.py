"""The timeline: events counted into bins of a size chosen for the range (day, week, month or year), drawn as
SVG bars on a real date axis. Each bar knows the dates it covers, so a click or a drag (static/timeline.js)
or a plain link sets `date_from` and `date_to` in the URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

WIDTH, HEIGHT, AXIS = 720, 140, 18
# The largest range (in days) each bin size is used for: the first that fits keeps bars at most ~120.
BINS = (("day", 120), ("week", 7 * 120), ("month", 366 * 10))


def parse_day(s: str | None) -> dt.date | None:
    """The day a date string starts with (YYYY, YYYY-MM or YYYY-MM-DD; a missing part is the first)."""
    if not s:
        return None
    parts = [*s[:10].split("-"), "01", "01"][:3]
    try:
        return dt.date(int(parts[0]), int(parts[1] or 1), int(parts[2] or 1))
    except ValueError:
        return None


def choose_unit(first: dt.date, last: dt.date) -> str:
    span = (last - first).days + 1
    return next((unit for unit, most in BINS if span <= most), "year")


def bin_start(d: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return d - dt.timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    if unit == "year":
        return d.replace(month=1, day=1)
    return d


def next_bin(d: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=1)
    if unit == "week":
        return d + dt.timedelta(days=7)
    if unit == "month":
        return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return d.replace(year=d.year + 1)


def label(d: dt.date, unit: str) -> str:
    return {"year": f"{d.year}", "month": d.strftime("%Y-%m")}.get(unit, d.isoformat())


def timeline(days: Iterable[tuple[str, int]], undated: int = 0) -> dict[str, Any]:
    """Bars and axis ticks from (day, count) pairs; `undated`: the events without a date, shown apart."""
    counted: dict[dt.date, int] = {}
    for day, n in days:
        d = parse_day(day)
        if d is not None:
            counted[d] = counted.get(d, 0) + n
    out: dict[str, Any] = {"bars": [], "ticks": [], "unit": None, "undated": undated, "width": WIDTH,
                           "height": HEIGHT, "axis": AXIS, "total": sum(counted.values())}
    if not counted:
        return out
    unit = choose_unit(min(counted), max(counted))
    bins: dict[dt.date, int] = {}
    for d, n in counted.items():
        b = bin_start(d, unit)
        bins[b] = bins.get(b, 0) + n
    starts = [bin_start(min(counted), unit)]
    while starts[-1] < max(bins):
        starts.append(next_bin(starts[-1], unit))
    top = max(bins.values())
    bw = WIDTH / len(starts)
    plot = HEIGHT - AXIS
    for i, b in enumerate(starts):
        n = bins.get(b, 0)
        h = round(n / top * (plot - 4), 1)
        end = next_bin(b, unit) - dt.timedelta(days=1)
        out["bars"].append({"x": round(i * bw, 1), "w": round(max(bw - 1, 0.5), 1), "y": round(plot - h, 1), "h": h,
                            "n": n, "label": label(b, unit), "from": b.isoformat(), "to": end.isoformat()})
    out["unit"] = unit
    out["ticks"] = _ticks(out["bars"])
    return out


def _ticks(bars: list[dict[str, Any]], most: int = 8) -> list[dict[str, Any]]:
    """About `most` evenly spaced labelled ticks along the axis."""
    step = max(1, -(-len(bars) // most))
    return [{"x": b["x"], "label": b["label"]} for b in bars[::step]]
