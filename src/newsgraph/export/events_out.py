"""Events as one table with ACLED's columns, so analysts can load it beside ACLED data: a row per event.

ACLED's columns come first, in ACLED's order and under ACLED's names (column list of the ACLED codebook; ACLED's
"Guide to 2023 ACLED Column Changes" added disorder_type, civilian_targeting and tags), filled as far as a
newsgraph record allows; newsgraph's own columns follow them. What each holds:

  event_id_cnty       newsgraph's event id (ACLED's is a country acronym and a number; ours is a stable hash).
  event_date          the event's date, yyyy-mm-dd (the form ACLED's exports and API write), else the article's
                      publication day; empty when the record knows only a week, month or year.
  year                the year of that date (also when only the week, month or year is known).
  disorder_type       ACLED's disorder type of the sub-event type (extract.events.disorder_type); empty for the
                      labels beyond ACLED (disasters, crime, claims, diplomacy).
  event_type          the ACLED event type, or the category of a label beyond ACLED ("Disasters", "Crime"...).
  sub_event_type      the ACLED sub-event type, or the label beyond ACLED ("Natural disaster"...).
  actor1, actor2      the event's actor and recipient as the story words them (ACLED writes names from its
                      actor dictionary, "Police Forces of Kenya (2022-)"; newsgraph has none).
  assoc_actor_1/_2    empty: the record keeps no associated actors.
  inter1, inter2      ACLED's actor-type codes 1-8, APPROXIMATED from the actor's words and the sub-event type
                      (acled_actors.py; not from ACLED's actor dictionary); empty when the words say nothing.
  interaction         the two codes joined, smaller first ("16"), one side only with 0 ("10"), per the codebook.
  civilian_targeting  "Civilian targeting" for Violence against civilians, and for any other violent ACLED event
                      (not Strategic developments, not the labels beyond ACLED) whose recipient is civilians (7);
                      else empty. ACLED writes that value or nothing.
  iso                 ACLED's numeric ISO 3166-1 country code (as an integer: 4, not 004), from the place's
                      alpha-2 code through pycountry; empty when the country is unknown (or has no ISO number).
  region              empty: ACLED's world regions are its own grouping; newsgraph does not derive them.
  country             the country's short English name (pycountry's common name, with the few names ACLED is
                      known to spell otherwise: "Democratic Republic of Congo", "Russia"...). ACLED's spelling of
                      some other countries may differ: join on iso where names disagree.
  admin1              the place's first-level region: the name of the top of its ISO 3166-2 subdivision (the
                      gazetteer stores codes such as "CO-ANT"), or the value the record holds when it is a name.
  admin2              the second level when the record reaches it (a subdivision below the first level, or a
                      district the gazetteer holds); else empty. admin3 is always empty.
  location            the place's name.
  latitude, longitude the place's point.
  geo_precision       ACLED's spatial precision (codebook "Spatial precision codes"; acledR vignette "Geography"):
                      1 a town or city; 2 a named part of a region or a known place in one (a district, an airport,
                      a landmark: the gazetteer's "other"); 3 a region, an admin1, or a whole country.
  source              the outlet: its name when the input gave one (--source, a sidecar), else the host of the
                      article's web address ("news.example"), else the article's
                      title (ACLED writes outlet names, "Reuters; Daily Nation").
  source_scale        empty.
  notes               the evidence sentence (ACLED writes a short summary of its own).
  fatalities          the killed count when the record has one, else 0: ACLED writes 0 when its sources report no
                      deaths (codebook, "Reported fatalities"; acledR vignette "Fatalities"), so a story that gives
                      no count is written as no deaths, not as unknown. A count of 0 and no count read the same.
  tags                empty (ACLED notes crowd sizes and similar there).
  timestamp           empty: a record does not carry the time it was stored.

newsgraph's columns: plover_type, plover_mode, injured (empty when not reported), confidence, source_url (the
page's own address when known, else the record's source), article_id.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import IO
from urllib.parse import urlsplit

from ..extract.events import STRATEGIC, SUB_EVENTS, VAC, category, disorder_type
from ..model import Article, Event, Place
from .acled_actors import CIVILIANS, inter_codes, interaction

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "disorder_type", "event_type", "sub_event_type", "actor1",
                 "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
                 "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
NEWSGRAPH_COLUMNS = ("plover_type", "plover_mode", "injured", "confidence", "source_url", "article_id")
COLUMNS = ACLED_COLUMNS + NEWSGRAPH_COLUMNS

# ACLED's geo_precision: 1 the town itself, 2 a part of a region or a place near a town, 3 a region or country.
_PRECISION = {"city": 1, "other": 2, "admin1": 3, "region": 3, "country": 3}

# ACLED's event types in which someone is attacked: civilians as the recipient there is civilian targeting.
_VIOLENT_TYPES = frozenset(t for t, _ in SUB_EVENTS.values()) - {STRATEGIC}

# Countries whose ACLED name is not pycountry's (common) name; the rest match.
_ACLED_COUNTRY = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
                  "RU": "Russia", "PS": "Palestine", "TR": "Turkey", "CZ": "Czech Republic", "SZ": "eSwatini",
                  "XK": "Kosovo", "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde", "TL": "East Timor"}

_ISO_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"^(\d{4})(?!\d)")


@lru_cache(maxsize=512)
def _country(code: str) -> tuple[int | str, str]:
    """(ISO numeric, name) of an alpha-2 code; ("", code) when pycountry does not know it."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper())
    if c is None:
        return "", _ACLED_COUNTRY.get(code.upper(), code)
    return int(c.numeric), _ACLED_COUNTRY.get(c.alpha_2) or getattr(c, "common_name", None) or c.name


@lru_cache(maxsize=4096)
def _subdivision(code: str) -> tuple[str, str] | None:
    """(admin1, admin2) names of an ISO 3166-2 code: the top of its hierarchy, and the level below it if any."""
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    if sub is None:
        return None
    chain = [sub]
    while getattr(chain[-1], "parent_code", None) and len(chain) < 5:
        parent = pycountry.subdivisions.get(code=chain[-1].parent_code)
        if parent is None:
            break
        chain.append(parent)
    return chain[-1].name, chain[-2].name if len(chain) > 1 else ""


def _admin(p: Place) -> tuple[str, str]:
    a1 = a2 = ""
    code = p.admin1 or ""
    if _ISO_SUBDIVISION.match(code):
        a1, a2 = _subdivision(code) or (code, "")
    elif code:
        a1 = code
    if not a1 and p.feature == "admin1":
        a1 = p.name
    if not a2 and p.id.startswith("adm2:"):
        a2 = p.name  # a district the gazetteer holds without an ISO code
    return a1, a2


def _geo(p: Place | None) -> tuple[object, ...]:
    """iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision."""
    if p is None:
        return ("",) * 10
    iso, country = _country(p.country) if p.country else ("", "")
    a1, a2 = _admin(p)
    return (iso, "", country, a1, a2, "", p.name, "" if p.lat is None else p.lat, "" if p.lon is None else p.lon,
            _PRECISION.get(p.feature, ""))


def _dates(ev: Event, a: Article) -> tuple[str, object]:
    d = ev.date or (a.published or "")[:10]
    m = _YEAR.match(d)
    return (d[:10] if _DAY.match(d) else ""), (int(m.group(1)) if m else "")


def _source(a: Article) -> str:
    if a.source.outlet:
        return a.source.outlet  # named by the user or a sidecar: "Sky News" says more than a host
    for addr in (a.source.url, a.source.uri):
        if addr and addr.startswith(("http://", "https://")):
            host = (urlsplit(addr).hostname or "").removeprefix("www.")
            if host:
                return host
    return a.title or ""


def event_row(ev: Event, a: Article, places: dict[str, Place]) -> tuple[object, ...]:
    sub = ev.acled_subtype
    etype = ev.acled_type or category(sub) or ""
    actor = ev.actor.text if ev.actor else ""
    recipient = ev.recipient.text if ev.recipient else ""
    inter1, inter2 = inter_codes(actor, recipient, sub, ev.type)
    targeting = etype == VAC or (inter2 == CIVILIANS and etype in _VIOLENT_TYPES)
    date, year = _dates(ev, a)
    return (
        ev.id, date, year, disorder_type(sub) or "", etype, sub or "",
        actor, "", "" if inter1 is None else inter1, recipient, "", "" if inter2 is None else inter2,
        interaction(inter1, inter2), "Civilian targeting" if targeting else "",
        *_geo(places.get(ev.place or "")),
        _source(a), "", " ".join(a.text[ev.span[0]:ev.span[1]].split()), ev.killed or 0, "", "",
        ev.type, ev.mode or "", "" if ev.injured is None else ev.injured,
        "" if ev.confidence is None else ev.confidence, a.source.url or a.source.uri, a.id,
    )


def event_rows(a: Article) -> Iterable[tuple[object, ...]]:
    """One row per event of `a`, in COLUMNS order; the event id first (cli.py filters on it)."""
    places = {p.id: p for p in a.places}
    for ev in a.events:
        yield event_row(ev, a, places)


def write_events(articles: Iterable[Article], out: IO[str]) -> dict[str, int]:
    w = csv.writer(out)
    w.writerow(COLUMNS)
    n = 0
    for a in articles:
        for row in event_rows(a):
            w.writerow(row)
            n += 1
    return {"events": n}
