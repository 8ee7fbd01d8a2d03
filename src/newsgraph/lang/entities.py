"""Entities and places of a French, Spanish or Russian story, with names the store can link across languages.

The tagger's spans (spaCy's for fr/es, natasha's for ru) are cleaned (titles and articles off the front,
lower-case and one-letter spans dropped, MISC left out: in these models it is mostly quoted titles and
slogans), then named:
- a person by `translit.person_name`: natasha's nominative in English news spelling for Russian
  ("Владимира Путина" -> "Vladimir Putin"), the exonym table for the few names French or Spanish spell
  otherwise ("Poutine" -> "Putin"), else as written; a lone surname or first name joins the story's one full
  name that has it, as extract/entities/ does in English;
- a place by the gazetteer entry it resolves to ("Moscou", "в Москве" -> "Moscow"), typed GPE for countries,
  regions and cities and LOC otherwise; the same resolution gives the story's Places, so the store links the
  entity by gazetteer id (store/entity_links.py);
- an organisation, or a place the gazetteer does not know, by its normal form (natasha's nominative).
A one-word name the tagger called a person that is a country in the story's language is a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..geo.names import norm
from ..model import Entity, Place, stable_id
from . import places as places_mod
from .ldoc import Ent, LDoc
from .tables import Tables
from .translit import person_name

if TYPE_CHECKING:
    from ..geo.gazetteer import Candidate, Gazetteer

_PLACE_FEATURES = ("country", "admin1", "admin2", "city")
_ARTICLES = re.compile(r"^(?:l['’]|la\s|le\s|les\s|el\s|los\s|las\s|del\s|du\s|des\s|de\sla\s|de\sl['’]|de\s)", re.I)
SMALL_TOWN = 100_000
# A MISC span of two or three capitalised words none of which is commoner than this (wordfreq's Zipf scale)
# is a name: "Nicolás Maduro" (4.6 at most) but not "Copa Mundial" (5.3).
RARE_NAME_ZIPF = 4.7


@dataclass
class Mention:
    start: int
    end: int
    label: str
    normal: str
    gender: str | None = None


def _strip_front(ld: LDoc, e: Ent, t: Tables) -> Mention | None:
    """The span without titles and articles before the name; None when no name is left."""
    text = ld.text
    words = [(m.start() + e.start, m.end() + e.start) for m in re.finditer(r"\S+", text[e.start:e.end])]
    k = 0
    while k < len(words) - 1:
        w = text[words[k][0]:words[k][1]]
        nxt = text[words[k + 1][0]:words[k + 1][1]].lower().rstrip(",")
        if _is_title(w, t) or (_ARTICLES.match(w + " ") and (e.label != "PERSON" or nxt in t.titles)):
            k += 1  # "El presidente Gustavo Petro": the article goes with the title
        else:
            break
    start = words[k][0] if words else e.start
    if e.label != "PERSON" and (m := _ARTICLES.match(text[start:e.end])) and m.end() < e.end - start:
        start += m.end()  # "l'Ukraine": an elided article is glued to the name
    end = e.end
    while end > start and text[end - 1] in " ,.;:»«\"'’-—":
        end -= 1
    span = text[start:end]
    if end - start < 2 or not any(ch.isupper() for ch in span) or span.isdigit():
        return None
    normal = e.normal
    if (start, end) != (e.start, e.end):
        # natasha's normal form has the span's words in order: drop as many from its front as were cut
        nwords = normal.split()
        normal = " ".join(nwords[k:]) if ld.lang == "ru" and len(nwords) == len(words) and k else span
    tok = next((tk for tk in ld.tokens if tk.start == start), None)
    return Mention(start, end, e.label, normal, tok.gender if tok else None)


_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*$")


def _person_like(ld: LDoc, e: Ent, t: Tables, surnames: set[str]) -> bool:
    """A MISC span that is a person: one to three capitalised words next to a title or a speech verb ("le
    ministre de la Défense, Salifou Mody", "a déclaré Salifou Mody"), or the surname of a person the story
    names ("afirmó Petro")."""
    words = ld.text[e.start:e.end].split()
    titled = False
    while len(words) > 1 and (_is_title(words[0], t) or (_ARTICLES.match(words[0] + " ") and _is_title(words[1], t))):
        words, titled = words[1:], True  # "El presidente Gustavo Petro"
    if not 1 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if titled and len(words) >= 2:
        return True
    if words[-1].lower() in surnames:
        return True
    if 2 <= len(words) <= 3 and not _starts_sentence(ld, e.start) and max(
            _zipf(w, ld.lang) for w in words) < RARE_NAME_ZIPF:
        return True  # "Nicolás Maduro": words that are names, not the common words of a title or an event
    before = re.findall(r"[\w'’-]+", ld.text[max(0, e.start - 45):e.start].lower())
    after = re.findall(r"[\w'’-]+", ld.text[e.end:e.end + 25].lower())[:2]
    near = set(before[-5:]) | {w.split("-")[0] for w in before[-2:]}
    return len(words) >= 2 and bool(near & (t.titles | t.speech_verbs) or set(after) & t.speech_verbs)


def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang)


def _domain_of_title(ld: LDoc, e: Ent, t: Tables) -> bool:
    """"le ministre de l'Économie", "el ministro de Economía": a one-word 'person' after a title and "de" is
    the title's domain."""
    if " " in ld.text[e.start:e.end].strip():
        return False
    before = re.findall(r"[\w'’.-]+", ld.text[max(0, e.start - 40):e.start].lower())[-4:]
    return bool(before) and before[-1] in ("de", "del", "du", "des", "d'", "de la") and bool(set(before) & t.titles)


def _cue_names(ld: LDoc, t: Tables) -> list[Ent]:
    """Names the tagger missed right after a speech verb ("a raconté Moussa Ag Ibrahim, un commerçant"):
    two to four capitalised words (with name particles) not inside any entity."""
    taken = [(e.start, e.end) for e in ld.ents]
    out = []
    for m in re.finditer(r"(?<![\w-])([\w'’-]+)\s+((?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+|de|da|van|von|ben|bin|al|el)"
                         r"(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+|de|da|van|von|ben|bin|al|el)){1,3})", ld.text):
        if m.group(1).lower() not in t.speech_verbs:
            continue
        s, e = m.span(2)
        words = m.group(2).split()
        if not _NAME_WORD.match(words[0]):
            continue
        while words and not _NAME_WORD.match(words[-1]):
            e -= len(words.pop()) + 1
        if len(words) >= 2 and not any(a < e and s < b for a, b in taken):
            out.append(Ent(s, e, "PERSON", ld.text[s:e]))
    return out


def _country_mentions(ld: LDoc, t: Tables) -> list[Ent]:
    """Country names the tagger missed ("«España crece»" opening a quote), from the language's table of
    short names, where no entity covers them. Not for Russian, whose case forms the table does not list."""
    if ld.lang == "ru":
        return []
    taken = [(e.start, e.end) for e in ld.ents]
    out = []
    for name in t.country_names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", ld.text, re.I):
            s, e = m.span()
            if ld.text[s].isupper() and not any(a < e and s < b for a, b in taken):
                out.append(Ent(s, e, "GPE", ld.text[s:e]))
                taken.append((s, e))
    return out


def _is_title(word: str, t: Tables) -> bool:
    return word.lower().rstrip(",") in t.titles


def _surnames(ld: LDoc, ents: list[Ent]) -> set[str]:
    return {ld.text[e.start:e.end].split()[-1].lower() for e in ents
            if e.label == "PERSON" and " " in ld.text[e.start:e.end].strip()}


def _relabelled(ld: LDoc, t: Tables) -> list[Ent]:
    """The tagger's spans with MISC persons made PERSON, and a one-word place or organisation that is the
    surname of a person the story names ("afirmó Petro" tagged LOC) made PERSON too."""
    ents = list(ld.ents) + _cue_names(ld, t) + _country_mentions(ld, t)
    ents = [e for e in ents if not (e.label == "PERSON" and _domain_of_title(ld, e, t))]
    surnames = _surnames(ld, ents)
    ents = [Ent(e.start, e.end, "PERSON", e.normal) if e.label == "OTHER" and _person_like(ld, e, t, surnames) else e
            for e in ents]
    surnames = _surnames(ld, ents)
    return [Ent(e.start, e.end, "PERSON", e.normal) if e.label in ("LOC", "ORG", "GPE")
            and ld.text[e.start:e.end].strip().lower() in surnames else e for e in ents]


# Closed word classes (Universal Dependencies): a preposition, determiner, pronoun or conjunction is never a
# name, whatever a tagger makes of a capitalised one opening a sentence ("Según él, ...").
_CLOSED = frozenset(("ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX"))


def _closed_class(ld: LDoc, e: Ent) -> bool:
    toks = ld.tokens_in(e.start, e.end)
    return bool(toks) and all(tk.pos in _CLOSED for tk in toks)


def mentions(ld: LDoc, t: Tables) -> list[Mention]:
    out = []
    for e in _relabelled(ld, t):
        if e.label == "OTHER" or _closed_class(ld, e):
            continue  # MISC: mostly titles of works, events and slogans in these models
        first = ld.text[e.start:e.end].split(" ", 1)[0].lower()
        if e.label != "PERSON" and first in t.titles:
            continue  # "ministre de la Défense": a role, not an organisation
        m = _strip_front(ld, e, t)
        if m is not None:
            out.append(m)
    return out


def _common_word(word: str, lang: str, zipf: float) -> bool:
    from wordfreq import zipf_frequency

    return " " not in word.strip() and zipf_frequency(word.lower(), lang) >= zipf


def _starts_sentence(ld: LDoc, start: int) -> bool:
    before = ld.text[max(0, start - 3):start]
    return start == 0 or bool(re.search(r"(?:^|[.!?\n«“\"—–]\s*)$", before))


def _plausible(resolved: list[tuple[int, int, Candidate]], ld: LDoc, t: Tables) -> list[tuple[int, int, Candidate]]:
    """Readings kept: a small town abroad read from a common word ("Vamos" opening a quote is not the Greek
    village) is dropped unless the story is about its country."""
    countries = {c.country for _, _, c in resolved if c.feature == "country"}
    out = []
    for s, e, c in resolved:
        if c.feature != "country" and c.population < SMALL_TOWN and c.country not in countries \
                and _common_word(ld.text[s:e], t.code, 3.5):
            continue
        out.append((s, e, c))
    return out


def _keep_unresolved(m: Mention, ld: LDoc, t: Tables) -> bool:
    """A place name the gazetteer does not know stays, unless it is a common word opening a sentence; a
    common word elsewhere is an institution ("la Fiscalía", "Кремль") and is typed ORG."""
    if m.label not in ("LOC", "GPE") or not _common_word(ld.text[m.start:m.end], t.code, 4.0):
        return True
    if _starts_sentence(ld, m.start):
        return False
    m.label = "ORG"
    return True


def _join_people(people: list[tuple[Mention, str]]) -> dict[str, str]:
    """canonical name -> the story's full name it stands for: "Putin" -> "Vladimir Putin" when one full name
    of the story has that surname (or first name)."""
    fulls = {n for _, n in people if " " in n}
    out = {n: n for _, n in people}
    for _, n in people:
        if " " in n:
            continue
        hits = {f for f in fulls if norm(f).split()[-1] == norm(n) or norm(f).split()[0] == norm(n)}
        if len(hits) == 1:
            out[n] = hits.pop()
    return out


def _big_place(gaz: Gazetteer, name: str) -> bool:
    """A country, a first-level region or a city of half a million people or more, by its own name (as the
    English entities stage judges the tagger's PERSON and ORG slips)."""
    return any(not c.alt and (c.feature in ("country", "admin1", "region") or c.population >= 500_000)
               for c in gaz.lookup(name))


def extract(ld: LDoc, t: Tables, gaz: Gazetteer | None) -> tuple[list[Entity], list[Place], list[tuple[int, int, str]]]:
    """(entities, places, person mentions as (start, end, entity id)) of one story."""
    ms = mentions(ld, t)
    countries = places_mod.country_names(t.code)
    surnames = {m.normal.split()[-1].lower() for m in ms if m.label == "PERSON" and " " in m.normal}
    for m in ms:
        if m.label == "PERSON" and " " not in m.normal and (norm(m.normal) in countries or (
                gaz is not None and m.normal.lower() not in surnames and _big_place(gaz, m.normal))):
            m.label = "LOC"  # "en Bogotá" tagged PERSON: a capital is too big to be a first name
    place_ms = [m for m in ms if m.label in ("LOC", "GPE")]
    resolved = places_mod.resolve_mentions([(m.start, m.end, m.normal) for m in place_ms], t.code, gaz) if gaz else []
    resolved = _plausible(resolved, ld, t)
    by_span = {(s, e): c for s, e, c in resolved}
    ms = [m for m in ms if (m.start, m.end) in by_span or _keep_unresolved(m, ld, t)]
    people = [(m, person_name(m.normal, t)) for m in ms if m.label == "PERSON"]
    full = _join_people(people)
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    person_spans: list[tuple[int, int, str]] = []
    for m in ms:
        if m.label == "PERSON":
            key = ("PERSON", full[person_name(m.normal, t)])
        elif (m.start, m.end) in by_span:
            c = by_span[(m.start, m.end)]
            key = ("GPE" if c.feature in _PLACE_FEATURES else "LOC", c.name)
        else:
            key = (m.label, " ".join(m.normal.split()))
        groups.setdefault(key, []).append((m.start, m.end))
    entities = [Entity(stable_id(typ, name), name, typ, sorted(spans)) for (typ, name), spans in groups.items()]
    entities.sort(key=lambda e: e.mentions[0])
    for ent in entities:
        if ent.type == "PERSON":
            person_spans += [(s, e, ent.id) for s, e in ent.mentions]
    return entities, places_mod.to_places(resolved), sorted(person_spans)
