"""Events as one ACLED-like table: a row per event, the columns an analyst of ACLED data expects."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from ..model import Article

COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "plover_type", "plover_mode", "actor1",
           "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "injured",
           "notes", "source", "source_url", "article_id", "confidence")

# ACLED's geo_precision: 1 the town itself, 2 a part of a region near a town, 3 a region or country.
_PRECISION = {"city": 1, "admin1": 3, "region": 3, "country": 3}


def event_rows(a: Article) -> Iterable[tuple[object, ...]]:
    places = {p.id: p for p in a.places}
    for ev in a.events:
        p = places.get(ev.place or "")
        yield (
            ev.id, ev.date or (a.published or "")[:10], ev.acled_type or "", ev.acled_subtype or "", ev.type,
            ev.mode or "", ev.actor.text if ev.actor else "", ev.recipient.text if ev.recipient else "",
            p.country if p else "", p.admin1 if p and p.admin1 else "", p.name if p else "",
            p.lat if p and p.lat is not None else "", p.lon if p and p.lon is not None else "",
            _PRECISION.get(p.feature, "") if p else "", ev.killed if ev.killed is not None else "",
            ev.injured if ev.injured is not None else "", " ".join(a.text[ev.span[0]:ev.span[1]].split()),
            a.title or "", a.source.uri, a.id, ev.confidence if ev.confidence is not None else "",
        )


def write_events(articles: Iterable[Article], out: IO[str]) -> dict[str, int]:
    w = csv.writer(out)
    w.writerow(COLUMNS)
    n = 0
    for a in articles:
        for row in event_rows(a):
            w.writerow(row)
            n += 1
    return {"events": n}
