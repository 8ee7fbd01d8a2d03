"""The Article record and its parts, matching schema/article.schema.json ("newsgraph/article/1").

Every span is [start, end) in characters of `Article.text`, the cleaned body.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SCHEMA_ID = "newsgraph/article/1"

Span = tuple[int, int]

# The record's closed vocabularies, as the schema's enums say them (tests/test_model.py checks they agree).
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
RemovedKind = Literal["video", "advert", "navigation", "caption", "credit", "promo", "teaser", "share", "recurring",
                      "other"]
SourceFormat = Literal["text", "html", "warc", "jsonl", "feed"]
QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerMethod = Literal["cue", "apposition", "pronoun", "previous", "none"]
FigureQualifier = Literal["exact", "at_least", "more_than", "at_most", "fewer_than", "about", "between", "vague"]
FigureCategory = Literal["killed", "injured", "killed_or_injured", "missing", "displaced", "arrested", "kidnapped",
                         "protesters", "troops", "money", "area", "other"]
PlaceFeature = Literal["country", "admin1", "city", "region", "other"]
EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "MIGRATE", "DISASTER",
                    "CRIME", "CLAIM"]


def stable_id(*parts: object, size: int = 16) -> str:
    """A deterministic id from the given parts: the same parts give the same id on every machine."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


@dataclass
class Source:
    uri: str
    format: str = "text"
    record: str | None = None
    span: Span | None = None
    url: str | None = None  # the page's own address (its canonical link) when it is not `uri`
    outlet: str | None = None  # who published it ("Sky News"), when the input or the user says


@dataclass
class Removed:
    text: str
    kind: str


@dataclass
class Repair:
    from_: str
    to: str

    def to_dict(self) -> dict[str, str]:
        return {"from": self.from_, "to": self.to}


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    span: Span
    kind: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    speaker_text: str | None = None  # the words naming the speaker at the cue, as written ("he", "the minister")
    speaker_method: str | None = None  # cue, apposition, pronoun, previous or none (extract/quotes/speaker_rules.py)
    speaker_confidence: float | None = None  # 0..1: the measured accuracy of speaker_method


@dataclass
class Figure:
    text: str
    span: Span
    category: str = "other"
    qualifier: str = "exact"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    place: str | None = None


@dataclass
class Place:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    mentions: list[Span] = field(default_factory=list)
    geonameid: int | None = None
    admin1: str | None = None
    feature: str = "other"


@dataclass
class Actor:
    text: str
    entity: str | None = None


@dataclass
class Event:
    id: str
    type: str
    span: Span
    mode: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    place: str | None = None
    date: str | None = None
    killed: int | None = None
    injured: int | None = None
    confidence: float | None = None


@dataclass
class DateMention:
    """A date expression in the text, resolved by the dates stage (extract/dates.py). Not part of the record:
    it stays on the Story (`Story.dates`) for the events stage, which dates each event by its own clause."""

    text: str
    span: Span
    date_iso: str | None  # None when the expression is relative and the publication date unknown
    granularity: str  # "day", "week", "weekend", "month", "year"


@dataclass
class Article:
    id: str
    source: Source
    text: str
    title: str | None = None
    published: str | None = None
    language: str | None = "en"
    headings: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # The extractors that read this story, filled by each as it runs (pipeline.py, lang/analyse.py): "entities",
    # "quotes", "figures", "places", "dates", "events" for a language read in full; "figures:digits" and
    # "places:gazetteer" alone for one newsgraph cannot read. A reader trusts the record for these only.
    extractors: list[str] = field(default_factory=list)

    @staticmethod
    def make_id(text: str, title: str | None = None) -> str:
        """Content hash: a story is its words, so re-ingesting it (from any path) adds nothing."""
        return stable_id(title or "", " ".join(text.split()), size=20)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"schema": SCHEMA_ID}
        for f in fields(self):
            d[f.name] = _plain(getattr(self, f.name))
        d["repairs"] = [r.to_dict() for r in self.repairs]
        for key in ("url", "outlet"):
            if d["source"].get(key) is None:
                d["source"].pop(key, None)  # most sources have none; records stay as they were
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        if d.get("schema") not in (None, SCHEMA_ID):
            raise ValueError(f"unknown record schema {d.get('schema')!r}; expected {SCHEMA_ID}")
        src = d.get("source") or {}
        return cls(
            id=d["id"],
            source=Source(src.get("uri", ""), src.get("format", "text"), src.get("record"), _span(src.get("span")),
                          src.get("url"), src.get("outlet")),
            text=d["text"],
            title=d.get("title"),
            published=d.get("published"),
            language=d.get("language"),
            headings=[_span(s) for s in d.get("headings", [])],
            captions=list(d.get("captions", [])),
            removed=[Removed(**r) for r in d.get("removed", [])],
            repairs=[Repair(r["from"], r["to"]) for r in d.get("repairs", [])],
            entities=[Entity(e["id"], e["name"], e["type"], [_span(m) for m in e["mentions"]]) for e in d.get("entities", [])],
            quotes=[Quote(**{**q, "span": _span(q["span"]), "speaker_span": _span(q.get("speaker_span"))})
                    for q in d.get("quotes", [])],
            figures=[Figure(**{**f, "span": _span(f["span"])}) for f in d.get("figures", [])],
            places=[Place(**{**p, "mentions": [_span(m) for m in p["mentions"]]}) for p in d.get("places", [])],
            events=[_event(e) for e in d.get("events", [])],
            extractors=list(d["extractors"]) if "extractors" in d else legacy_extractors(d.get("language")),
        )

    @classmethod
    def from_json(cls, line: str) -> Article:
        return cls.from_dict(json.loads(line))


@dataclass
class Seen:
    """A story already in the store, met again: only its source is new. The pipeline yields it in place of
    an Article; the stores add its source."""

    id: str
    source: Source


# The names `Article.extractors` holds for the built-in extractors: a language read in full, then the two
# language-neutral ones (lang/neutral.py). The filters (`search --read-by`, the web's read_by) offer these.
EXTRACTORS = ("entities", "quotes", "figures", "places", "dates", "events", "figures:digits", "places:gazetteer")
# What a record written before `extractors` existed was read by: its language said it (the rule of
# lang.extractors_for then). Frozen here, as the store's migration (store/tables.py step "extractors") is.
_READ_IN_FULL = EXTRACTORS[:6]
_READ_NEUTRALLY = EXTRACTORS[6:]


def legacy_extractors(language: str | None) -> list[str]:
    """The extractors of a record that does not list them: every one for English (or no language: stored
    before languages were detected), French, Spanish and Russian; the language-neutral ones otherwise."""
    return list(_READ_IN_FULL if language in (None, "en", "fr", "es", "ru") else _READ_NEUTRALLY)


def _span(v: Any) -> Any:
    return None if v is None else (int(v[0]), int(v[1]))


def _actor(v: dict[str, Any] | None) -> Actor | None:
    return None if v is None else Actor(v["text"], v.get("entity"))


def _event(e: dict[str, Any]) -> Event:
    return Event(**{**e, "span": _span(e["span"]), "actor": _actor(e.get("actor")), "recipient": _actor(e.get("recipient"))})


def _plain(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, Repair):
        return v.to_dict()
    if hasattr(v, "__dataclass_fields__"):
        return {k: _plain(x) for k, x in asdict(v).items()}
    return v
