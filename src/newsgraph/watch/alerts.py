"""Alerts: the rules run over each story stored since watching began, once per story, and fire once per incident.

Which incident a story's event belongs to comes from the store: its root story (`duplicate_of`: a syndicated
copy has its original's root) and the incidents tables (`refresh_incidents`: follow-up reports of one event
from other sources). An alert keeps the keys "root|type|place" of every event of its incident and "root|story"
of every story that matched it; a later match sharing any key is the same incident and updates the alert
instead of firing a new one. It fires again only when a casualty figure rose, saying from what to what.

Alerts and their deliveries are written in the transaction that marks the story evaluated: after a crash a
story is evaluated again or not at all, and a delivery is sent after it is written (at least once).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Event, Place, stable_id
from ..store.watch_state import WatchState, now_iso
from .rules import Rule, matched_words
from .sinks import Sink, SinkError

log = logging.getLogger(__name__)


@dataclass
class Match:
    rule: Rule
    article: Article
    root: str
    event: Event | None = None
    place: Place | None = None
    incident_id: str | None = None
    keys: list[str] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None


@dataclass
class Evaluated:
    stories: int = 0
    fired: int = 0
    updated: int = 0  # fired again: a casualty figure rose
    joined: int = 0  # copies and follow-ups that joined an alert without firing


def evaluate(state: WatchState, rules: Sequence[Rule], sinks: Sequence[Sink], batch: int = 200) -> Evaluated:
    """Every story not yet evaluated, originals before copies. Each story's alerts commit with its mark."""
    out = Evaluated()
    if not rules:
        out.stories = state.mark_all_evaluated()  # nothing to look for: later rules start from here
        return out
    names = [s.name for s in sinks]
    while True:
        todo = state.unevaluated(batch)
        if not todo:
            return out
        for aid, dup in todo:
            art = state.store.get(aid)
            with state.transaction():
                if art is not None:
                    for rule in rules:
                        m = match_story(state, rule, art, dup or aid)
                        if m is not None:
                            _record(state, m, names, out)
                state.mark_evaluated(aid)
            out.stories += 1


def match_story(state: WatchState, rule: Rule, art: Article, root: str) -> Match | None:
    """The rule's best match in a story (the event with the most killed, then the most confident), or None."""
    if not rule.story_holds(art):
        return None
    story_key = f"{root}|story"
    if not rule.about_events:
        killed = max((e.killed for e in art.events if e.killed is not None), default=None)
        return Match(rule, art, root, keys=[story_key], killed=killed)
    places = {p.id: p for p in art.places}
    best: Match | None = None
    keys = [story_key]
    for ev in art.events:
        place = places.get(ev.place) if ev.place else None
        incident, members = state.incident_members(art.id, ev.id)
        killed = _top([ev.killed, *(m[5] for m in members)])
        injured = _top([ev.injured, *(m[6] for m in members)])
        if not rule.event_holds(ev, place, killed, injured):
            continue
        keys.append(f"{root}|{ev.type}|{ev.place or ''}")
        keys += [f"{m[2]}|{m[3]}|{m[4] or ''}" for m in members]
        m = Match(rule, art, root, ev, place, incident, [], killed, injured)
        if best is None or (killed or -1, ev.confidence or 0) > (best.killed or -1, best.event.confidence or 0):  # type: ignore[union-attr]
            best = m
    if best is not None:
        best.keys = list(dict.fromkeys(keys))
    return best


def _top(xs: list[int | None]) -> int | None:
    return max((x for x in xs if x is not None), default=None)


def _record(state: WatchState, m: Match, sinks: list[str], out: Evaluated) -> None:
    existing = state.alert_for(m.rule.name, m.keys)
    now = now_iso()
    if existing is None:
        aid = stable_id("watch-alert", m.rule.name, m.article.id, m.event.id if m.event else "")
        alert = {"id": aid, "rule": m.rule.name, "fired_at": now, "stories": 1, "fires": 1}
        _fill(alert, m, now)
        alert["payload"] = json.dumps(payload(alert, m, "new", None), ensure_ascii=False)
        state.save_alert(alert, new=True)
        state.add_keys(m.rule.name, aid, m.keys)
        state.add_delivery(aid, "new", json.loads(alert["payload"]), sinks)
        out.fired += 1
        return
    state.add_keys(m.rule.name, existing["id"], m.keys)
    existing["stories"] = (existing["stories"] or 1) + 1
    change = _rise(existing, m)
    if change is None:
        state.save_alert(existing, new=False)
        out.joined += 1
        return
    existing["fires"] += 1
    _fill(existing, m, now, keep_first=True)
    body = payload(existing, m, "update", change)
    existing["payload"] = json.dumps(body, ensure_ascii=False)
    state.save_alert(existing, new=False)
    state.add_delivery(existing["id"], "update", body, sinks)
    out.updated += 1


def _rise(alert: dict[str, Any], m: Match) -> str | None:
    """What rose since the alert last fired ("killed rose from 7 to 12"), or None."""
    said = []
    for what, old, new in (("killed", alert.get("killed"), m.killed), ("injured", alert.get("injured"), m.injured)):
        if new is not None and (old is None or new > old):
            said.append(f"{what} rose from {old} to {new}" if old is not None else f"{what} now {new}")
    return "; ".join(said) or None


def _fill(alert: dict[str, Any], m: Match, now: str, keep_first: bool = False) -> None:
    """The alert's figures and its latest story; on an update the first story's id stays."""
    ev, art = m.event, m.article
    if not keep_first:
        alert["article_id"], alert["event_id"] = art.id, ev.id if ev else None
    alert.update({
        "incident_id": m.incident_id, "type": ev.type if ev else None, "sub_type": ev.acled_subtype if ev else None,
        "place": m.place.name if m.place else None, "country": m.place.country if m.place else None,
        "killed": _top([m.killed, alert.get("killed")]), "injured": _top([m.injured, alert.get("injured")]),
        "figure": _figure_text(art, ev), "title": art.title, "url": art.source.url or art.source.uri,
        "updated_at": now,
    })


def _figure_text(art: Article, ev: Event | None) -> str | None:
    """The words of the killed figure in the event's sentence (else anywhere in the story)."""
    figs = [f for f in art.figures if f.category in ("killed", "killed_or_injured")]
    if ev is not None:
        inside = [f for f in figs if ev.span[0] <= f.span[0] < ev.span[1]]
        figs = inside or figs
    return figs[0].text if figs else None


def payload(alert: dict[str, Any], m: Match, kind: str, change: str | None) -> dict[str, Any]:
    """The JSON every sink receives (documented in docs/watch.md)."""
    ev, art, place = m.event, m.article, m.place
    body: dict[str, Any] = {
        "alert": alert["id"], "kind": kind, "rule": m.rule.name, "at": alert["updated_at"],
        "first_fired": alert["fired_at"], "fires": alert["fires"],
        "incident": {"id": m.incident_id, "type": ev.type if ev else None,
                     "sub_type": ev.acled_subtype if ev else None, "place": place.name if place else None,
                     "country": place.country if place else None, "lat": place.lat if place else None,
                     "lon": place.lon if place else None, "killed": alert["killed"], "injured": alert["injured"],
                     "stories": alert["stories"]},
        "story": {"id": art.id, "title": art.title, "url": art.source.url or art.source.uri,
                  "published": art.published, "language": art.language},
        "figure": alert["figure"],
        "conditions": m.rule.describe(),
    }
    if ev is not None:
        body["event"] = {"id": ev.id, "type": ev.type, "acled_type": ev.acled_type, "sub_type": ev.acled_subtype,
                         "actor": ev.actor.text if ev.actor else None,
                         "recipient": ev.recipient.text if ev.recipient else None, "date": ev.date,
                         "killed": ev.killed, "injured": ev.injured, "confidence": ev.confidence,
                         "evidence": " ".join(art.text[ev.span[0]:ev.span[1]].split())}
    if m.rule.words:
        body["words"] = matched_words(m.rule, art)
    if change:
        body["change"] = change
    return body


def deliver(state: WatchState, sinks: Sequence[Sink]) -> tuple[int, list[str]]:
    """Send what is owed to each configured sink; returns (sent, errors). A failed send stays owed."""
    by_name = {s.name: s for s in sinks}
    sent, errors = 0, []
    failed: set[str] = set()  # a sink that failed once this round is not asked again until the next
    for d in state.pending_deliveries():
        for name in d.sinks:
            sink = by_name.get(name)
            if name in d.sent or sink is None or name in failed:
                continue
            try:
                sink.send(d.payload)
            except SinkError as e:
                failed.add(name)
                errors.append(str(e))
                continue
            state.mark_sent(d, name)
            sent += 1
    return sent, errors
