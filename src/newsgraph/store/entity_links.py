"""One entity across the store: each story's canonical entities linked to store-level entities.

Inside a story, extract/entities/ already joins "Putin" to "Vladimir Putin" and "LN" to "Long Name (LN)".
This module does the same across stories, at ingest time, in the store's write transaction (SQL with `?`
placeholders through an `execute` callable, as store/dedup.py does), so it serves both backends:

- a person's full name is one store entity whatever story it is in (key: the name, case, accents and dots
  aside);
- a one-word person name ("Putin", a vocative "Vladimir") joins the full name it is the surname or first
  name of, when exactly one full name in the store has it; with none, or with two ("John Smith" and "Jane
  Smith"), it stays a store entity of its own and the link says why (rule "unmatched" or "ambiguous");
- an acronym ("NATO") joins the long form some story defined it for ("... Organization (NATO)"), when the
  store knows exactly one;
- a place joins by its gazetteer id (the story's geocoded Place whose mention it shares), a country by its
  ISO code ("US", "U.S.", "USA", "United States" -> one), whatever the tagger typed it;
- a demonym ("Russian", NORP) is a store entity of its own type, keyed by its country's code, whose
  `parent_id` is the country's store entity: it is linked to Russia, not merged into it.

Every link keeps its evidence: the rule, a sentence of reason, and the story and character span that
justified it (the full name's mention in the story that introduced it, the acronym's definition, the
geocoded mention), or no span when the rule alone did (an ambiguous short form).

Short forms are re-linked whenever the store learns a name that bears on them: a later "Vladimir Putin"
absorbs earlier stories' lone "Putin", and a later "Ivan Putin" takes the lone "Putin" back out again,
so the links are a function of the stories stored, not of the order they came in. Linking is idempotent:
the same story linked twice writes the same rows.

Why a store module and not an extractor: the decision needs the whole store (is this surname unique?),
changes when other stories arrive, and must be written in the same transaction as the story.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import stable_id
from .ddl import insert_columns, insert_into, on_conflict
from .tables import TABLES

if TYPE_CHECKING:
    from ..model import Article, Entity

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

# key kinds of store entities
PERSON, NAME, SHORT, ISO, PLACE, DEMONYM = "person", "name", "short", "iso", "place", "demonym"
# rules of links
RULES = ("name", "person", "place", "country", "demonym", "surname", "first name", "acronym", "unmatched",
         "ambiguous")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ACRONYM = re.compile(r"^[A-Z](?:\.?[A-Z&]){1,6}\.?$")
_PLACE_TYPES = ("GPE", "LOC", "FAC", "ORG")


def norm(name: str) -> str:
    """A name's key: case, accents, dots, apostrophe shapes and spacing do not matter ("U.S." == "US")."""
    s = unicodedata.normalize("NFKD", name.replace("’", "'").replace(".", "").replace("-", " "))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


def _compact(name: str) -> str:
    """A name's letters only, for acronyms: "U.S." -> "US"."""
    return re.sub(r"[^\w&]", "", name)


def person_parts(name: str) -> tuple[str, str] | None:
    """(first name, surname) keys of a full person name, or None for a one-word name."""
    words = [w for w in norm(name).split() if w not in _SUFFIXES]
    if len(words) < 2:
        return None
    return words[0], words[-1]


def store_id(kind: str, key: str) -> str:
    return stable_id("store-entity", kind, key)


@dataclass
class Link:
    """One story entity's store entity, and why."""
    store_id: str
    rule: str
    reason: str
    short: str | None = None  # the lookup key of a short form, re-resolved when the store learns names
    ev_article: str | None = None
    ev_start: int | None = None
    ev_end: int | None = None


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    try:
        from ..geo.gazetteer import get_gazetteer

        return get_gazetteer()
    except Exception:  # no gazetteer: places still link by the story's geocoding, countries by their name
        return None


def country_code(name: str) -> str | None:
    """The ISO code of a country name or alias ("U.S.", "Britain"), or None."""
    gaz = _gazetteer()
    if gaz is None:
        return None
    cands = gaz.lookup(name)
    return cands[0].country if cands and cands[0].feature == "country" else None


def country_name(code: str) -> str:
    gaz = _gazetteer()
    c = gaz.countries.get(code) if gaz is not None else None
    return c.name if c is not None else code


def demonym_code(name: str) -> str | None:
    gaz = _gazetteer()
    return gaz.demonym(name) if gaz is not None else None


# -- SQL (both backends: ? placeholders, ON CONFLICT as SQLite 3.24+ and PostgreSQL write it) ---------------
# Columns in tables.py's order: (id, name, type, key_kind, key, parent_id), (article_id, entity_id, store_id, rule,
# reason, short, ev_article, ev_start, ev_end) and (alias, store_id, rule, article_id, entity_id, ev_start, ev_end).
# An entity or alias met again is kept; a story entity linked again takes its new link.
_ENTITY = insert_into("store_entities", tail=on_conflict("store_entities"))
_LINK = insert_into("entity_links", tail=on_conflict(
    "entity_links", [c for c in insert_columns("entity_links") if c not in TABLES["entity_links"].key]))
_ALIAS = insert_into("entity_aliases", tail=on_conflict("entity_aliases"))


class Linker:
    """Links the entities of stories being stored, in the caller's transaction."""

    def __init__(self, execute: Execute) -> None:
        self.execute = execute
        self.touched: set[str] = set()  # short-form keys whose resolution may have changed

    # -- store entities ----------------------------------------------------------------------------
    def _entity(self, kind: str, key: str, name: str, etype: str, parent: str | None = None) -> str:
        sid = store_id(kind, key)
        self.execute(_ENTITY, [sid, name, etype, kind, key, parent])
        return sid

    def _country(self, code: str) -> str:
        return self._entity(ISO, code, country_name(code), "GPE")

    # -- one story -----------------------------------------------------------------------------------
    def stale(self, article_id: str) -> None:
        """Call before a stored story is replaced: the names it taught the store are about to go."""
        for (alias,) in self.execute("SELECT DISTINCT alias FROM entity_aliases WHERE article_id = ?", [article_id]):
            self.touched.add(alias)

    def link_article(self, a: Article) -> int:
        places = [(p, s, e) for p in a.places for s, e in p.mentions]
        n = 0
        for ent in a.entities:
            link = self._link(a, ent, places)
            self.execute(_LINK, [a.id, ent.id, link.store_id, link.rule, link.reason, link.short, link.ev_article,
                                 link.ev_start, link.ev_end])
            if link.short:
                self.touched.add(link.short)
            n += 1
        return n

    def _link(self, a: Article, ent: Entity, places: list[tuple[Any, int, int]]) -> Link:
        first = ent.mentions[0] if ent.mentions else (None, None)
        own = (a.id, first[0], first[1])
        if ent.type == "PERSON":
            parts = person_parts(ent.name)
            if parts is None:
                short = "person:" + norm(ent.name)
                return self._short(short, ent.name, ent.type)
            sid = self._entity(PERSON, norm(ent.name), ent.name, "PERSON")
            for alias, rule in ((parts[1], "surname"), (parts[0], "first name")):
                self.execute(_ALIAS, ["person:" + alias, sid, rule, a.id, ent.id, *first])
                self.touched.add("person:" + alias)
            return Link(sid, "person", f"full name {ent.name!r}", None, *own)
        if ent.type == "NORP":
            code = demonym_code(ent.name)
            if code:
                sid = self._entity(DEMONYM, code, ent.name, "NORP", self._country(code))
                return Link(sid, "demonym", f"demonym of {country_name(code)} ({code}); kept a NORP", None, *own)
        if ent.type in _PLACE_TYPES:
            spans = set(ent.mentions)
            hit = next(((p, s, e) for p, s, e in places if (s, e) in spans), None)
            if hit is None:  # a mention overlapping a geocoded one ("the U.S." and "U.S.")
                hit = next(((p, s, e) for p, s, e in places for ms, me in ent.mentions if s < me and ms < e), None)
            if hit is not None and ent.type != "ORG":
                p, s, e = hit
                if p.feature == "country" and p.country:
                    return Link(self._country(p.country), "country", f"geocoded as the country {p.country}", None,
                                a.id, s, e)
                sid = self._entity(PLACE, p.id, p.name, ent.type)
                return Link(sid, "place", f"geocoded as {p.name} ({p.id})", None, a.id, s, e)
            code = country_code(ent.name)
            if code:
                return Link(self._country(code), "country", f"{ent.name!r} names the country {code}", None, *own)
        if ent.type != "PERSON" and " " not in ent.name.strip() and _ACRONYM.match(ent.name.strip()):
            return self._short("acronym:" + _compact(ent.name), ent.name, ent.type)
        sid = self._entity(NAME, f"{ent.type}:{norm(ent.name)}", ent.name, ent.type)
        if " " in ent.name.strip():
            for s, e in ent.mentions:
                surface = a.text[s:e].strip()
                if " " not in surface and _ACRONYM.match(surface) and norm(surface) != norm(ent.name):
                    self.execute(_ALIAS, ["acronym:" + _compact(surface), sid, "acronym", a.id, ent.id, s, e])
                    self.touched.add("acronym:" + _compact(surface))
        return Link(sid, "name", f"own name {ent.name!r}", None, *own)

    def _short(self, short: str, name: str, etype: str) -> Link:
        link = self._resolve(short)
        if link is None:
            # resolved again at the end of the batch, when every story of it has taught its names
            sid = self._entity(SHORT, short, name, etype)
            return Link(sid, "unmatched", "not resolved yet", short)
        return link

    # -- short forms ---------------------------------------------------------------------------------
    def _resolve(self, short: str) -> Link | None:
        """The one long form the store knows for `short`, else None (ambiguous or unknown)."""
        rows = self.execute("SELECT store_id, rule, article_id, ev_start, ev_end FROM entity_aliases WHERE alias = ?"
                            " ORDER BY article_id, ev_start", [short])
        ids = sorted({r[0] for r in rows})
        if len(ids) != 1:
            return None
        sid, rule, art, s, e = rows[0]
        name = self.execute("SELECT name FROM store_entities WHERE id = ?", [sid])
        word = short.split(":", 1)[1]
        long = name[0][0] if name else sid
        what = {"surname": "full name with the surname", "first name": "full name with the first name",
                "acronym": "long form defined for"}.get(rule, rule)
        return Link(sid, rule, f"the only {what} {word!r} in the store: {long!r}", short, art, s, e)

    def _unresolved(self, short: str) -> Link:
        rows = self.execute("SELECT DISTINCT s.name FROM entity_aliases a JOIN store_entities s ON s.id = a.store_id"
                            " WHERE a.alias = ? ORDER BY s.name", [short])
        word = short.split(":", 1)[1]
        sid = store_id(SHORT, short)
        if rows:
            names = [r[0] for r in rows]
            shown = ", ".join(repr(n) for n in names[:5]) + (", ..." if len(names) > 5 else "")
            return Link(sid, "ambiguous", f"{len(names)} names in the store share {word!r}: {shown}; kept apart",
                        short)
        kind = "acronym defined" if short.startswith("acronym:") else "full name"
        return Link(sid, "unmatched", f"no {kind} with {word!r} in the store", short)

    def finish(self) -> int:
        """Re-resolve every short form whose long forms changed in this batch; returns the links changed."""
        changed = 0
        for short in sorted(self.touched):
            link = self._resolve(short) or self._unresolved(short)
            if link.rule in ("ambiguous", "unmatched"):
                rows = self.execute("SELECT name, type FROM store_entities WHERE id = ?", [link.store_id])
                if not rows:
                    first = self.execute("SELECT e.name, e.type FROM entity_links l JOIN entities e"
                                         " ON e.id = l.entity_id WHERE l.short = ? LIMIT 1", [short])
                    if not first:
                        continue  # an alias nobody uses as a short form yet
                    self._entity(SHORT, short, first[0][0], first[0][1])
            before = self.execute("SELECT count(*) FROM entity_links WHERE short = ? AND (store_id != ? OR rule != ?"
                                  " OR reason != ?)", [short, link.store_id, link.rule, link.reason])
            if before and before[0][0]:
                changed += before[0][0]
                self.execute("UPDATE entity_links SET store_id = ?, rule = ?, reason = ?, ev_article = ?, ev_start = ?,"
                             " ev_end = ? WHERE short = ?", [link.store_id, link.rule, link.reason, link.ev_article,
                                                            link.ev_start, link.ev_end, short])
        self.touched.clear()
        return changed


def link_articles(execute: Execute, articles: Iterable[Article]) -> int:
    """Link the entities of `articles` (already stored in this transaction) and re-link the short forms they
    bear on; returns the number of links written."""
    linker = Linker(execute)
    n = sum(linker.link_article(a) for a in articles)
    linker.finish()
    return n
