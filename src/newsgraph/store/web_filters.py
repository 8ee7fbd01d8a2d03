"""What the web app asks the store for, whatever the backend: pages of rows, the filters of each list, and
the in-memory counting of events behind the events page's timeline and map.

The SQL behind them is in store/web_reads.py (shared) with store/web_sqlite.py and store/web_postgres.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..extract.events import LABELS

# Private-use characters mark the matched words inside search snippets: they cannot be typed into a query by
# accident, and the web renderer turns them into <mark> only after the text around them has been escaped.
HL_OPEN, HL_CLOSE = "\ue000", "\ue001"



def brackets(snippet: str) -> str:
    """The CLI's marks around a match: [word]."""
    return snippet.replace(HL_OPEN, "[").replace(HL_CLOSE, "]")


MAX_QUERY_CHARS = 500
# Relevance ranks at most this many matches, the newest (see each backend's search).
RANK_WINDOW = 2000
# Copies listed with each story in a result list; the count is exact, the list stops here.
COPIES_LISTED = 10
# An entity's co-occurring names are counted over its last CO_SAMPLE * 4 story links.
CO_SAMPLE = 500
# The figures page is about people: casualties, displacement, detention (coupled to extract/figures.CASUALTY).
HUMAN_TOLL = ["killed", "injured", "killed_or_injured", "missing", "displaced", "arrested", "kidnapped"]
# The ACLED sub-event types and the labels beyond ACLED, by their lower case: a sub_type filter matches in any case.
SUB_TYPES: dict[str, str] = {label.lower(): label for label in LABELS}
EVENT_COLUMNS = ("article_id", "id", "type", "mode", "acled_type", "acled_subtype", "actor", "actor_entity",
                 "recipient", "recipient_entity", "date", "killed", "injured", "confidence", "place_id",
                 "place_name", "country", "lat", "lon", "title", "evidence")


@dataclass
class Page:
    items: list[dict[str, Any]]
    limit: int
    offset: int
    has_more: bool

    @classmethod
    def of(cls, rows: list[dict[str, Any]], limit: int, offset: int) -> Page:
        """A page from up to limit+1 rows: fetching one more than shown tells whether another page exists
        without counting every match, which is slow on frequent words in a large archive."""
        return cls(rows[:limit], limit, offset, len(rows) > limit)


def like(words: str) -> str:
    """A LIKE pattern that matches `words` literally (used with ESCAPE '\\')."""
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def end_of(day: str) -> str:
    """An upper bound that every date or timestamp starting with `day` (YYYY, YYYY-MM or YYYY-MM-DD) stays
    below, for `x < end_of(day)`: '2024-05-01' -> '2024-05-02', '2024-09' -> '2024-10', '2029' -> '2030'.

    Used where text order may follow a language's collation (PostgreSQL), in which a '\\uffff' sentinel does
    not sort last; digits compare the same in every collation."""
    m = re.search(r"(\d+)$", day)
    if m is None:
        return day + "\uffff"
    digits = m.group(1)
    up = str(int(digits) + 1).zfill(len(digits))
    return day[:m.start()] + up if len(up) == len(digits) else day + "\uffff"


def read_by_sql(alias: str, name: str, read: bool = True) -> tuple[str, str]:
    """A condition on the articles row `alias`: its story was (`read`) or was not read by the extractor `name`,
    as the space-separated `extractors` column lists them; with its LIKE parameter (ESCAPE '\\')."""
    cond = f"(' ' || coalesce({alias}.extractors, '') || ' ') {'' if read else 'NOT '}LIKE ? ESCAPE '\\'"
    return cond, "% " + like(name.strip())[1:-1] + " %"


def read_by_filter(read_by: str | None, not_read_by: str | None, alias: str = "a") -> tuple[str, list[str]]:
    """" AND ..." conditions on `alias` for the stores' own search, with their parameters ('?' marks)."""
    sql, params = "", []
    for name, read in ((read_by, True), (not_read_by, False)):
        if name:
            cond, param = read_by_sql(alias, name, read)
            sql += " AND " + cond
            params.append(param)
    return sql, params


@dataclass
class SearchFilter:
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    entity: str | None = None
    place: str | None = None
    event_type: str | None = None
    # Stories whose record says the extractor (EXTRACTORS) read them, or did not: read_by="entities" keeps the
    # stories whose people and organisations were read; not_read_by="entities" those in a language newsgraph
    # cannot read (or whose model was missing), of which only digits and gazetteer names were taken.
    read_by: str | None = None
    not_read_by: str | None = None


@dataclass
class QuoteFilter:
    speaker: str | None = None
    words: str | None = None
    speaker_entity: str | None = None


@dataclass
class EventFilter:
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    actor: str | None = None
    min_confidence: float | None = None  # 0 or None: every event, those without a confidence too
    sub_type: str | None = None  # an ACLED sub-event type or a label beyond ACLED, any case
    country: str | None = None  # an ISO 3166 alpha-2 code: events at places in that country
    source: str | None = None  # words in one of the story's source URIs (a site's host name, a file name)
    # The dates' rule. False (the web's): date_from/date_to filter the event's own date, and an undated event is
    # left out by either. True (the `events` command's): an event without a date of its own is dated by its
    # story's publication day, so only events with neither are left out (EventReads.undated_events counts them).
    date_fallback_published: bool = False

    def __post_init__(self) -> None:
        if self.sub_type:
            # Written as the label is (an unknown value is kept, and matches nothing).
            self.sub_type = SUB_TYPES.get(self.sub_type.lower(), self.sub_type)

    def any(self) -> bool:
        return bool(self.type or self.date_from or self.date_to or self.place or self.actor or self.min_confidence
                    or self.sub_type or self.country or self.source)


@dataclass
class FigureFilter:
    category: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def event_day(ev: tuple[Any, ...]) -> str:
    """The day of one event tuple of the summaries (see WebReads.summaries)."""
    return ev[0]


def aggregate_events(events: list[tuple[Any, ...]], places_by_id: dict[str, tuple[Any, ...]], flt: EventFilter,
                     places: set[str] | None) -> dict[str, list[dict[str, Any]]]:
    """Events per day and type (the timeline) and per place and type (the map), counted over the summaries'
    event tuples with the same meaning as the SQL filters of the events list; `places`: the ids the place
    filter names."""
    hi = flt.date_to + "\uffff" if flt.date_to else None
    actor = flt.actor.lower() if flt.actor else None
    days: dict[tuple[str, str], list[int]] = {}
    spots: dict[tuple[str, str], list[int]] = {}
    least = flt.min_confidence
    for day, etype, place, killed, who, whom, confidence, subtype in events:
        if (flt.type and etype != flt.type) or (flt.date_from and (day or "") < flt.date_from) \
                or (hi and (not day or day > hi)) or (places is not None and place not in places) \
                or (actor and actor not in who and actor not in whom) \
                or (least and (confidence is None or confidence < least)) \
                or (flt.sub_type and subtype != flt.sub_type):
            continue
        if day:
            d = days.setdefault((day, etype), [0, 0])
            d[0] += 1
            d[1] += killed
        if place in places_by_id:
            p = spots.setdefault((place, etype), [0, 0])
            p[0] += 1
            p[1] += killed
    timeline = [{"day": d, "type": t, "n": n, "killed": k} for (d, t), (n, k) in sorted(days.items())]
    top = sorted(spots.items(), key=lambda kv: (-kv[1][1], -kv[1][0]))[:400]
    points = []
    for (pid, etype), (n, k) in top:
        name, lat, lon = places_by_id[pid]
        points.append({"place_id": pid, "name": name, "lat": lat, "lon": lon, "type": etype, "events": n, "killed": k})
    return {"timeline": timeline, "places": points}
