"""Events in French, Spanish and Russian, typed by rules into the English stage's taxonomy.

A sentence with a trigger word (words_xx.py `triggers`: PLOVER type -> mode -> stems) is an event of that
type; the most specific mode found wins (a suicide bomb before an explosion before a bare "attaque"), and a
sentence may tell events of several types ("la police a arrêté les auteurs de l'attaque"). ACLED labels
come from the one table (extract/events/acled.py): the type and mode, and an armed target ("soldats",
"военных") makes an attack a clash, as `acled_labels` does for English.

Not events: an explosion in a story of an accident (words_xx.py `accident_re`: a gas leak, a factory, a
mine), a trigger right after a negation ("n'a pas été attaqué" reads "pas" two words before), in a sentence
of plans or calls ("appellent à manifester", "préparer un attentat", "планируют акцию"), or inside a quote
(half confidence there: a speaker may be condemning the very attack, which the story tells elsewhere too).

The sentences of one type are one incident (a short story tells its incident many times); its killed and
injured counts are the first its sentences give (or the next sentence, when that one tells no event of its
own: "Au moins 12 personnes ont été tuées." after the attack's sentence), its place
the most precise one its sentences name within one country, its date the first its sentences give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.events import acled_labels
from ..model import Event, Figure, Place, Quote, stable_id
from . import tables as tables_mod
from .dates import DateMention
from .ldoc import LDoc
from .tables import Tables

ORDER = ("ASSAULT", "COERCE", "PROTEST")


@dataclass
class Hit:
    """A sentence telling an event: its trigger's type and mode, and what the sentence adds to the event."""
    sent: int
    type: str
    mode: str | None
    quoted: bool
    place: Place | None = None
    killed: int | None = None
    injured: int | None = None
MODE_ORDER = ("suicide-attack", "explosives", "aerial", "heavy-weapons", "firearms", "abduct", "clash", "riot",
              "strike", "arrest", "demo", "")
CONFIDENCE = 0.7
_SPECIFIC = ("city", "admin2", "other")


@lru_cache(maxsize=8)
def _triggers(code: str) -> list[tuple[str, str, re.Pattern[str]]]:
    t = tables_mod.get(code)
    out = []
    for etype in ORDER:
        for mode in MODE_ORDER:
            pat = t.triggers.get(etype, {}).get(mode)
            if pat:
                out.append((etype, mode, re.compile(rf"(?<![\w-])(?:{pat})(?![\w-])", re.I)))
    return out


def _negated(sent: str, start: int, t: Tables) -> bool:
    before = re.findall(r"[\w'’]+", sent[max(0, start - 30):start].lower())[-3:]
    return any(w in t.negations or w.startswith(("n'", "n’")) for w in before)


def _triggers_in(sent: str, t: Tables) -> list[tuple[str, str | None, int]]:
    """(type, mode, offset in the sentence) of each type of event the sentence tells: the most specific mode
    of each type ("la police a arrêté les auteurs de l'attaque" tells an arrest and the attack)."""
    if re.search(t.future_re, sent.lower()):
        return []
    out: dict[str, tuple[str, str | None, int]] = {}
    for etype, mode, rx in _triggers(t.code):
        if etype in out:
            continue
        m = next((m for m in rx.finditer(sent) if not _negated(sent, m.start(), t)), None)
        if m is not None:
            out[etype] = (etype, mode or None, m.start())
    return list(out.values())


def _place_in(places: list[Place], s: int, e: int) -> Place | None:
    inside = [(p, ms) for p in places for ms, me in p.mentions if s <= ms and me <= e]
    if not inside:
        return None
    # the most specific place the sentence names: a town before its region, a region before the country
    return min(inside, key=lambda pm: (pm[0].feature == "country", pm[0].feature == "admin1", pm[1]))[0]


def _count(figures: list[Figure], s: int, e: int, cat: str) -> int | None:
    vals = [v for v in (f.value if f.value is not None else f.low for f in figures
                        if f.category == cat and s <= f.span[0] < e) if v is not None]
    return int(max(vals)) if vals else None


def _in_quote(quotes: list[Quote], pos: int) -> bool:
    return any(q.span[0] <= pos < q.span[1] for q in quotes)


def _default_place(places: list[Place]) -> Place | None:
    specific = [p for p in places if p.feature in _SPECIFIC]
    return specific[0] if specific else (places[0] if places else None)


def _rank(p: Place | None) -> int:
    return 3 if p is None else {"country": 2, "admin1": 1}.get(p.feature, 0)


def _merge(ev: Event, hit: Hit, places: dict[str, Place]) -> None:
    """Fold a sentence that tells the event again into it: counts, mode, a more precise place in the same
    country ("dans l'ouest du Niger" then "près de Tillabéri"), its own date."""
    # the founding sentence's toll stands: a later sentence may count others ("une dizaine d'assaillants
    # neutralisés" is not the soldiers' toll)
    ev.killed = ev.killed if ev.killed is not None else hit.killed
    ev.injured = ev.injured if ev.injured is not None else hit.injured
    ev.mode = ev.mode or hit.mode
    if hit.quoted:
        return
    ev.confidence = CONFIDENCE  # told outside a quote too
    cur = places.get(ev.place or "")
    if hit.place is not None and _rank(hit.place) < _rank(cur) and (cur is None or cur.country == hit.place.country):
        ev.place = hit.place.id


def _hits(ld: LDoc, t: Tables, quotes: list[Quote]) -> list[Hit]:
    """The sentences that tell an event, those outside quotes first (they found the event; quotes add to it).
    In a story of an accident (a gas leak, a factory, a mine) an explosion is no attack."""
    out = []
    accident = bool(re.search(t.accident_re, ld.text.lower()))
    for i, (s, e) in enumerate(ld.sents):
        for etype, mode, off in _triggers_in(ld.text[s:e], t):
            if accident and etype == "ASSAULT" and mode in ("explosives", None):
                continue
            out.append(Hit(i, etype, mode, _in_quote(quotes, s + off)))
    return sorted(out, key=lambda h: (h.quoted, h.sent))


def extract_events(ld: LDoc, t: Tables, article_id: str, figures: list[Figure], places: list[Place],
                   quotes: list[Quote], dates: list[DateMention], published: str | None) -> list[Event]:
    """Events of one story: one per type, since a short story tells one incident many times ("l'attaque",
    "el atentado"); a roundup of several incidents is read as one (a known limit)."""
    hits = _hits(ld, t, quotes)
    triggered = {h.sent for h in hits}
    by_id = {p.id: p for p in places}
    events: dict[str, Event] = {}
    dated: set[str] = set()
    armed: dict[str, str | None] = {}
    for h in hits:
        s, e = ld.sents[h.sent]
        # the next sentence's casualty figures belong to this event when it tells no event of its own
        nxt_end = ld.sents[h.sent + 1][1] if h.sent + 1 < len(ld.sents) and h.sent + 1 not in triggered else e
        if h.type == "ASSAULT":
            h.killed, h.injured = _count(figures, s, nxt_end, "killed"), _count(figures, s, nxt_end, "injured")
        h.place = _place_in(places, s, e)
        day = next((d.value for d in dates if s <= d.span[0] < e and d.value), None)
        ev = events.get(h.type)
        if ev is None:
            place = h.place or _default_place(places)
            ev = events[h.type] = Event(
                id=stable_id(article_id, h.type, s), type=h.type, span=(s, e), mode=h.mode,
                place=place.id if place else None, killed=h.killed, injured=h.injured,
                date=day or _first_date(dates) or (published or "")[:10] or None,
                confidence=CONFIDENCE / 2 if h.quoted else CONFIDENCE)
        else:
            _merge(ev, h, by_id)
            if day and h.type not in dated and not h.quoted:
                ev.date = day
        if day and not h.quoted:
            dated.add(h.type)
        words = set(re.findall(r"\w+", ld.text[s:e].lower()))
        if h.type == "ASSAULT" and words & t.armed_targets:
            armed[h.type] = "soldiers"
    _story_toll(list(events.values()), figures, quotes)
    _one_killed(events.get("ASSAULT"), ld, t, hits)
    for ev in events.values():
        # labels once the incident's mode is known from all its sentences; a target that is an armed side
        # makes a shooting a clash (acled_labels reads the recipient)
        ev.acled_type, ev.acled_subtype = acled_labels(ev.type, ev.mode, armed.get(ev.type))
    return sorted(events.values(), key=lambda ev: ev.span)


def _one_killed(ev: Event | None, ld: LDoc, t: Tables, hits: list[Hit]) -> None:
    """An attack with no count whose own sentences say one person was killed ("a été tué", "убит")."""
    if ev is None or ev.killed is not None:
        return
    for h in hits:
        s, e = ld.sents[h.sent]
        if h.type == "ASSAULT" and not h.quoted and re.search(t.killed_one_re, ld.text[s:e].lower()):
            ev.killed = 1
            return


def _story_toll(events: list[Event], figures: list[Figure], quotes: list[Quote]) -> None:
    """A story of one attack whose toll is told in a sentence of its own ("Selon un élu, plus de vingt
    personnes ont été blessées") gives that toll to the attack."""
    assaults = [ev for ev in events if ev.type == "ASSAULT"]
    if len(assaults) != 1:
        return
    told = [f for f in figures if not _in_quote(quotes, f.span[0])]
    ev = assaults[0]
    if ev.killed is None:
        ev.killed = _count(told, 0, 10**9, "killed")
    if ev.injured is None:
        ev.injured = _count(told, 0, 10**9, "injured")


def _first_date(dates: list[DateMention]) -> str | None:
    return next((d.value for d in dates if d.value and d.granularity == "day"), None)
