"""Alert rules: a TOML file of named rules (docs/watch.md), read with tomllib, checked before the first poll.

A rule's event conditions (type, sub_type, country, near, actor, killed, injured, min_confidence) must all hold
for one event of a story; its story conditions (words, speaker) for the story. A rule with no event condition
is about stories alone. Every list means "any of"; names are matched without regard to case.
"""

from __future__ import annotations

import json
import operator
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Article, Event, Place

RULE_KEYS = ("name", "type", "sub_type", "country", "near", "actor", "speaker", "killed", "injured", "words",
             "min_confidence")
OUTPUT_KEYS = ("stdout", "file", "webhook", "command")
_OPS: dict[str, Callable[[int, float], bool]] = {">=": operator.ge, ">": operator.gt, "=": operator.eq,
                                                 "==": operator.eq, "<=": operator.le, "<": operator.lt}
_THRESHOLD = re.compile(r"^\s*(>=|<=|==|=|>|<)?\s*(\d+)\s*$")


class RuleError(ValueError):
    """A rules file that cannot be used; the message names the rule and the key."""


@dataclass(frozen=True)
class Threshold:
    op: str
    value: int

    def holds(self, x: int | None) -> bool:
        return x is not None and _OPS[self.op](x, self.value)

    def __str__(self) -> str:
        return f"{self.op} {self.value}"


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    km: float
    label: str

    def holds(self, place: Place | None) -> bool:
        from ..geo.names import haversine_km

        if place is None or place.lat is None or place.lon is None:
            return False
        return haversine_km(self.lat, self.lon, place.lat, place.lon) <= self.km


@dataclass(frozen=True)
class Rule:
    name: str
    types: tuple[str, ...] = ()
    sub_types: tuple[str, ...] = ()  # lower case: ACLED sub-event types or event types
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    near: Near | None = None
    actors: tuple[str, ...] = ()  # lower case
    speakers: tuple[str, ...] = ()  # lower case
    killed: Threshold | None = None
    injured: Threshold | None = None
    words: tuple[str, ...] = ()
    min_confidence: float | None = None

    @property
    def about_events(self) -> bool:
        return bool(self.types or self.sub_types or self.countries or self.near or self.actors or self.killed
                    or self.injured or self.min_confidence is not None)

    def story_holds(self, art: Article) -> bool:
        if self.speakers and not any(q.speaker and any(s in q.speaker.lower() for s in self.speakers)
                                     for q in art.quotes):
            return False
        return not self.words or bool(matched_words(self, art))

    def event_holds(self, ev: Event, place: Place | None, killed: int | None, injured: int | None) -> bool:
        """`killed`/`injured`: the incident's highest figures (the event's own when it is in no incident)."""
        if self.types and ev.type not in self.types:
            return False
        if self.sub_types and not ({(ev.acled_subtype or "").lower(), (ev.acled_type or "").lower()}
                                   & set(self.sub_types)):
            return False
        if self.countries and (place is None or place.country not in self.countries):
            return False
        if self.near is not None and not self.near.holds(place):
            return False
        if self.actors:
            names = " | ".join(a.text.lower() for a in (ev.actor, ev.recipient) if a is not None)
            if not any(x in names for x in self.actors):
                return False
        if self.killed is not None and not self.killed.holds(killed):
            return False
        if self.injured is not None and not self.injured.holds(injured):
            return False
        return self.min_confidence is None or (ev.confidence or 0.0) >= self.min_confidence

    def describe(self) -> dict[str, Any]:
        """The rule as it was understood (after names became codes and places points), for alerts."""
        d: dict[str, Any] = {"name": self.name}
        for k, v in (("type", self.types), ("sub_type", self.sub_types), ("country", self.countries),
                     ("actor", self.actors), ("speaker", self.speakers), ("words", self.words)):
            if v:
                d[k] = list(v)
        if self.near:
            d["near"] = {"lat": self.near.lat, "lon": self.near.lon, "km": self.near.km, "label": self.near.label}
        for k, t in (("killed", self.killed), ("injured", self.injured)):
            if t:
                d[k] = str(t)
        if self.min_confidence is not None:
            d["min_confidence"] = self.min_confidence
        return d


def matched_words(rule: Rule, art: Article) -> list[str]:
    hay = f"{art.title or ''}\n{art.text}"
    return [w for w in rule.words if _word_re(w).search(hay)]


@lru_cache(maxsize=1024)
def _word_re(words: str) -> re.Pattern[str]:
    # whole words, any spacing between them: "car bomb" finds "Car  bomb", not "carbomb" or "scar bombing"
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words.split())) + r"(?!\w)", re.I)


def load_rules(path: str | Path) -> tuple[list[Rule], dict[str, Any]]:
    """The rules of a TOML file, and its [output] table (where alerts go; empty when absent)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise RuleError(f"cannot read the rules file {path}: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise RuleError(f"{path} is not valid TOML: {e}") from None
    return parse_rules(data, str(path))


def parse_rules(data: Mapping[str, Any], where: str = "rules") -> tuple[list[Rule], dict[str, Any]]:
    unknown = set(data) - {"rule", "output"}
    if unknown:
        raise RuleError(f"{where}: unknown table(s) {', '.join(sorted(unknown))}; write [[rule]] and [output]")
    raw = data.get("rule", [])
    if not isinstance(raw, list):
        raise RuleError(f"{where}: write each rule as a [[rule]] table")
    rules = [_rule(r, f"{where}: rule {i + 1}") for i, r in enumerate(raw)]
    names = [r.name for r in rules]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise RuleError(f"{where}: rule names must differ; repeated: {', '.join(dup)}")
    output = dict(data.get("output", {}))
    bad = set(output) - set(OUTPUT_KEYS)
    if bad:
        raise RuleError(f"{where}: [output] has unknown key(s) {', '.join(sorted(bad))}; use {', '.join(OUTPUT_KEYS)}")
    return rules, output


def _rule(r: Any, where: str) -> Rule:
    if not isinstance(r, dict):
        raise RuleError(f"{where}: not a table")
    bad = set(r) - set(RULE_KEYS)
    if bad:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(bad))}; a rule takes {', '.join(RULE_KEYS)}")
    name = r.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleError(f"{where}: every rule needs a name")
    where = f"{where} ({name})"
    rule = Rule(
        name=name.strip(),
        types=_types(_strings(r, "type", where), where),
        sub_types=_sub_types(_strings(r, "sub_type", where), where),
        countries=tuple(country_code(c, where) for c in _strings(r, "country", where)),
        near=_near(r["near"], where) if "near" in r else None,
        actors=tuple(a.lower() for a in _strings(r, "actor", where)),
        speakers=tuple(s.lower() for s in _strings(r, "speaker", where)),
        killed=_threshold(r, "killed", where),
        injured=_threshold(r, "injured", where),
        words=tuple(w for w in _strings(r, "words", where) if w.strip()),
        min_confidence=_confidence(r, where),
    )
    if rule == Rule(rule.name):
        raise RuleError(f"{where}: a rule needs at least one condition ({', '.join(RULE_KEYS[1:])})")
    return rule


def _strings(r: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    v = r.get(key)
    if v is None:
        return ()
    vals = [v] if isinstance(v, str) else v
    if not isinstance(vals, list) or not all(isinstance(x, str) for x in vals):
        raise RuleError(f"{where}: {key} takes a string or a list of strings")
    return tuple(vals)


def _types(vals: tuple[str, ...], where: str) -> tuple[str, ...]:
    known = event_types()
    out = []
    for v in vals:
        if v.upper() not in known:
            raise RuleError(f"{where}: unknown event type {v!r}; one of {', '.join(known)}")
        out.append(v.upper())
    return tuple(out)


def _sub_types(vals: tuple[str, ...], where: str) -> tuple[str, ...]:
    from ..extract.events import EXTRA, LABELS, SUB_EVENTS

    known = {x.lower() for x in (*LABELS, *(t for t, _ in SUB_EVENTS.values()), *EXTRA.values())}
    for v in vals:
        if v.lower() not in known:
            raise RuleError(f"{where}: unknown sub_type {v!r}; an ACLED sub-event type such as 'Attack' or "
                            f"'Remote explosive/landmine/IED', or an event type such as 'Battles' "
                            "(`newsgraph events --help` lists them)")
    return tuple(v.lower() for v in vals)


def _threshold(r: dict[str, Any], key: str, where: str) -> Threshold | None:
    v = r.get(key)
    if v is None:
        return None
    if isinstance(v, int) and not isinstance(v, bool):
        return Threshold(">=", v)
    m = _THRESHOLD.match(v) if isinstance(v, str) else None
    if not m:
        raise RuleError(f"{where}: {key} takes a number (meaning at least) or a comparison such as \">= 5\"")
    return Threshold(m.group(1) or ">=", int(m.group(2)))


def _confidence(r: dict[str, Any], where: str) -> float | None:
    v = r.get("min_confidence")
    if v is None:
        return None
    if not isinstance(v, int | float) or isinstance(v, bool) or not 0 <= v <= 1:
        raise RuleError(f"{where}: min_confidence takes a number from 0 to 1")
    return float(v)


def _near(v: Any, where: str) -> Near:
    if not isinstance(v, dict) or "km" not in v:
        raise RuleError(f"{where}: near takes {{ place = \"Kyiv\", km = 50 }} or {{ lat = 50.45, lon = 30.52, km = 50 }}")
    km = v["km"]
    if not isinstance(km, int | float) or isinstance(km, bool) or km <= 0:
        raise RuleError(f"{where}: near.km takes a positive number of kilometres")
    if "place" in v:
        lat, lon, label = place_point(str(v["place"]), where)
        return Near(lat, lon, float(km), label)
    lat, lon = v.get("lat"), v.get("lon")
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in (lat, lon)) \
            or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RuleError(f"{where}: near takes a place name, or lat (-90..90) and lon (-180..180)")
    return Near(float(lat), float(lon), float(km), f"{lat},{lon}")


def country_code(name: str, where: str = "rule") -> str:
    """An ISO 3166-1 alpha-2 code from a code or a country's name in any spelling the gazetteer knows."""
    from ..geo.gazetteer import get_gazetteer

    g = get_gazetteer()
    if len(name.strip()) == 2 and name.strip().upper() in g.countries:
        return name.strip().upper()
    for c in g.lookup(name):
        if c.feature == "country" and c.country:
            return c.country
    raise RuleError(f"{where}: unknown country {name!r}; write its name (\"Colombia\") or ISO code (\"CO\")")


def place_point(name: str, where: str = "rule") -> tuple[float, float, str]:
    """The most populous place of that name the gazetteer has: its point and a label naming its country."""
    from ..geo.gazetteer import get_gazetteer

    found = [c for c in get_gazetteer().lookup(name) if c.lat is not None and c.lon is not None]
    if not found:
        raise RuleError(f"{where}: no place called {name!r} in the gazetteer; give lat and lon instead")
    best = max(found, key=lambda c: (not c.alt, c.population))
    return float(best.lat), float(best.lon), f"{best.name}, {best.country}"  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """PLOVER's types of the record schema, and the types beyond PLOVER (as `newsgraph events --type`)."""
    from importlib import resources

    from ..extract.events import EXTRA_TYPES

    schema = json.loads(resources.files("newsgraph").joinpath("schema/article.schema.json").read_text("utf-8"))
    return tuple(dict.fromkeys([*schema["properties"]["events"]["items"]["properties"]["type"]["enum"],
                                "MIGRATE", *EXTRA_TYPES]))
