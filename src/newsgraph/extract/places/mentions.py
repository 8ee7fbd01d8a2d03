"""Place names of a story and their candidate readings: what the places stage (stage.py) chooses among.

Mentions come from the tagger's GPE/LOC/FAC entities and the entities stage's corrections, from demonyms,
from a scan of capitalised words for gazetteer names the tagger missed or mislabelled, from the dateline,
from lists of places, and from later mentions of a name already placed. Each distinct name becomes one
Name with every gazetteer reading of it and what its surroundings say (a cue word before it, the region
written after it, the names listed with it).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from ...geo.gazetteer import Candidate, Gazetteer, norm
from ...nlp import Columns, columns
from ..entities import addressed, mentions_from_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...model import Article

PLACE_TYPES = ("GPE", "LOC", "FAC")
# Entity types whose words are not place names even when one matches ("Jordan Peele", "Paris Agreement").
BLOCK_TYPES = ("PERSON", "NORP", "EVENT", "OTHER")
MAX_CANDIDATES = 60

# A name found only by the gazetteer scan must be a big place, or a smaller one in the story's country.
SCAN_MIN_POP = 100_000
SCAN_MIN_POP_IN_CONTEXT = 15_000
BIG_CITY = 500_000
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|northern|southern|eastern|western|"
                        r"north[- ]?(?:east|west)(?:ern)?|south[- ]?(?:east|west)(?:ern)?|upstate|downtown|"
                        r"greater|metropolitan|rural|inner)\s+", re.I)
KIND = re.compile(r"\s+(?:province|state|region|county|parish|borough|city|district|prefecture|department|governorate|"
                   r"municipality|oblast|territory|island|islands|valley)$", re.I)
# Words that say the name next to them is a region, not the city of that name.
_REGION_BEFORE = re.compile(r"\b(?:state|province|region|prefecture|governorate|county|department)\s+of\s+$", re.I)
_REGION_AFTER = re.compile(r"^\s+(?:state|province|region|prefecture|governorate)\b")
# Words before a name that say it is a settlement ("the village of Orneta"), and, weaker, that it is a
# location at all ("near Orneta", also said of people and organisations).
_TOWN_BEFORE = re.compile(r"\b(?:town|towns|village|villages|city|cities|municipality|community|hamlet|suburb|"
                          r"township|port|settlement)\s+of\s+$", re.I)
_PREP_BEFORE = re.compile(r"\b(?:in|near|from|outside|at|to|into|towards|around)\s+$")
_WITHIN_GAP = re.compile(r",\s*|\s+in\s+(?:the\s+)?")
_CAPS_AHEAD = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s+(?:and|or|&))\s*$")
_SPEECH = frozenset("said says told tells added adds explained asked wrote recalled noted".split())
# A single capitalised word this common in English is a word, not a place, unless the tagger says otherwise.
COMMON_WORD = 1e-5
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s*([A-Z][A-Za-z.'’ ]{1,30}?))?\s*"
                       r"(?:\([^()\n]{1,30}\))?\s*(?:—|–|--| - )")


@dataclass
class Name:
    """One distinct place name of the story with its mentions and candidate readings."""

    key: str
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    candidates: tuple[Candidate, ...] = ()
    ner: bool = False  # the tagger called it a place; otherwise only the gazetteer scan found it
    dateline: bool = False
    within: set[str] = field(default_factory=set)  # keys of names written right after it ("Cali, Colombia")
    siblings: set[str] = field(default_factory=set)  # names listed with it ("Utah, Washington and Ohio")
    admin_hint: bool = False  # written as a region ("state of Washington", "Hubei province")
    trimmed: bool = False  # only found without its qualifier ("West Midlands" as "Midlands")
    paired: bool = False  # found by the scan as a town of the region written after it ("Ada, Oklahoma")
    cue: str = ""  # what the words before it say: "kind" ("the village of X"), "prep" ("near X"), or nothing
    choice: Candidate | None = None


def _variants(text: str) -> list[str]:
    """The mention, then forms without the words that qualify it ("northern Syria", "Hubei province")."""
    out = [text]
    t = _DIRECTION.sub("", text)
    if t != text:
        out.append(t)
    k = KIND.sub("", t)
    if k != t:
        out.append(k)
    if text.lower().startswith("the "):
        out.append(text[4:])
    return out


def _candidates(gaz: Gazetteer, text: str) -> tuple[str, tuple[Candidate, ...]]:
    for v in _variants(text):
        cands = gaz.lookup(v)
        if cands:
            best: dict[int, Candidate] = {}
            for c in cands:
                if c.pid not in best or (best[c.pid].alt and not c.alt):
                    best[c.pid] = c
            # A place matched only through another spelling loses to one of that name that is at least as big
            # ("Pittsburgh" is not the smaller Pittsburg that lists it as a variant).
            own = max((c.population for c in best.values() if not c.alt and c.feature == "city"), default=-1)
            kept = [c for c in best.values() if not c.alt or c.population > own or c.feature != "city"]
            ranked = sorted(kept, key=lambda c: (c.feature == "city", -c.population))
            return norm(v), tuple(ranked[:MAX_CANDIDATES])
    return norm(text), ()


def is_airport(c: Candidate) -> bool:
    return c.key.startswith("apt:")


def find_names(article: Article, doc: Doc, gaz: Gazetteer) -> tuple[list[Name], dict[str, list[tuple[int, int]]]]:
    """The story's place names (unresolved) and its demonyms' spans by country code."""
    text = article.text
    names: dict[str, Name] = {}
    demonyms: dict[str, list[tuple[int, int]]] = defaultdict(list)
    taken: list[tuple[int, int]] = []
    blocked: list[tuple[int, int]] = []
    unplaced: list[tuple[int, int]] = []
    in_lists: list[tuple[int, int]] = []  # one-word people and organisations that a list may make places

    def add(start: int, end: int, ner: bool, name: str | None = None) -> bool:
        surface = text[start:end]
        key, cands = _candidates(gaz, name or surface)
        if not cands:
            return False
        n = names.get(key)
        if n is None:
            n = names[key] = Name(key, surface, candidates=cands)
            n.trimmed = _DIRECTION.match(surface) is not None and key != norm(surface)
        if (KIND.search(surface) and key != norm(surface)) or _REGION_AFTER.match(text[end:end + 12]) \
                or _REGION_BEFORE.search(text[max(0, start - 20):start]):
            n.admin_hint = True
        n.spans.append((start, end))
        n.ner = n.ner or ner
        taken.append((start, end))
        return True

    # The tagger's own labels, not the entities' merged types: grouping can fold a place into a person
    # ("Wisconsin" into "Trump - Wisconsin"), and the label of each mention is the better evidence here.
    spans = [(m.start, m.end, m.type) for m in mentions_from_doc(doc, text)]
    # Then the entities stage's corrections (a big city the tagger called ORG is a GPE there).
    spans += [(s, e, ent.type) for ent in article.entities if ent.type in PLACE_TYPES for s, e in ent.mentions]
    # Mentions of a full name ("Vladimir" of "Vladimir Putin") stay people whatever places share them.
    people = {sp for ent in article.entities if ent.type == "PERSON" and " " in ent.name for sp in ent.mentions}
    # Where the entities stage made a mention a place, its word is final: the tagger's label for that very
    # span ("Nottingham" tagged PERSON) was what it corrected.
    corrected = {(s, e): ent.type for ent in article.entities if ent.type in PLACE_TYPES for s, e in ent.mentions}
    # A mention that makes a place's name once its cut-off words are put back is that place, whatever
    # the tagger called its first part; the pieces inside it are not mentions of their own.
    whole = [(_possessor(text, s, x, gaz), x, etype) for s, e, etype in spans
             for x in (_extended(doc, text, s, e, gaz),)]
    # Not a person's full name, though: "George Washington" is a man before it is any town of that name.
    joined = {(a, b) for (a, b, _t), (s, e, _u) in zip(whole, spans, strict=True)
              if (a, b) != (s, e) and (a, b) not in people}
    spans = [(s, e, "GPE" if (s, e) in joined else t) for s, e, t in whole
             if not any(a <= s and e <= b and b - a > e - s for a, b in joined)]
    seen: set[tuple[int, int]] = set()
    for s, e, etype in spans:
        if (s, e) in seen:
            continue
        seen.add((s, e))
        if (s, e) not in people:
            etype = corrected.get((s, e), etype)
        if etype in ("PERSON", "ORG") and (s, e) not in people and _big_place(gaz, text[s:e]) \
                and not (etype == "PERSON" and addressed(text, s, e)):
            etype = "GPE"  # "Tabriz" tagged PERSON, "Cali" tagged ORG: the tagger's usual slips
        if etype in PLACE_TYPES:
            if not add(s, e, True) and etype != "FAC":
                # One the gazetteer lacks stays open to the scan ("Texas A&M University"), but its
                # adjective is part of a name ("Indian Ocean"), not a demonym; a building's adjective
                # does name its country ("the Turkish Embassy").
                unplaced.append((s, e))
        elif etype == "NORP":
            _norp(text, s, e, gaz, demonyms, taken, add, blocked)
        elif etype in BLOCK_TYPES and not (etype == "PERSON" and (s, e) not in people and _cue(text, s) == "kind"):
            blocked.append((s, e))  # but "the town of Camborne" is a town, whatever the tagger says
            if etype == "PERSON" and (s, e) not in people:
                in_lists.append((s, e))
        elif etype == "ORG" and (s, e) not in people:
            in_lists.append((s, e))

    def free(s: int, e: int, demonym: bool = False) -> bool:
        spans = (taken, blocked, unplaced) if demonym else (taken, blocked)
        return not any(a < e and s < b for sp in spans for a, b in sp)

    # One sense per story: a word the tagger called a place once is that place where it called it a
    # person or an organisation ("police in Cairns said ... the Cairns team").
    for s, e, etype in spans:
        n = names.get(norm(text[s:e]))
        if etype in ("PERSON", "ORG") and n is not None and n.ner and (s, e) not in people \
                and (s, e) not in n.spans:
            n.spans.append((s, e))
            taken.append((s, e))
    def regions_after(end: int) -> frozenset[int | str]:
        """The regions (pids) and countries (codes) a name written right after `end` (", Oklahoma",
        ", Vietnam") may be: a name found already, else the capitalised words there, which the scan may
        not have reached yet ("Sukoharjo, Central Java")."""
        m = _WITHIN_GAP.match(text, end, end + 12)
        if not m:
            return frozenset()
        nxt = m.end()
        cands = [c for n in names.values() if any(a == nxt for a, _ in n.spans) for c in n.candidates]
        if not cands:
            w = _CAPS_AHEAD.match(text, nxt)
            words = w.group(0).split() if w else []
            for k in range(len(words), 0, -1):
                cands = [c for c in gaz.lookup(" ".join(words[:k])) if not c.alt]
                if cands:
                    break
        return frozenset(c.pid if c.feature == "admin1" else c.country for c in cands
                         if c.feature == "admin1" or (c.feature == "country" and c.country))

    paired: set[tuple[int, int]] = set()
    cued: dict[tuple[int, int], str] = {}
    dateline = _dateline_at(text)
    _dateline_place(dateline, taken, add)
    _scan(doc, text, gaz, free, add, demonyms, taken, blocked, regions_after, paired, cued)
    _listed_names(text, in_lists, blocked, taken, add, cued)
    for n in names.values():
        n.paired = any(sp in paired for sp in n.spans)
        cues = {cued[sp] for sp in n.spans if sp in cued}
        n.cue = next((k for k in ("kind", "prep", "list") if k in cues), "")
    _dateline(dateline, names)
    _same_name(text, names, free, add)
    _lists(text, names)
    for n in names.values():
        for _s, e in n.spans:
            # "Cali, Colombia", and "Warwick in Queensland", which says the same.
            m = _WITHIN_GAP.match(text, e, e + 12)
            if m:
                nxt = m.end()
                for o in names.values():
                    if o is not n and any(a == nxt for a, _ in o.spans):
                        n.within.add(o.key)
    return list(names.values()), dict(demonyms)


_JOINERS = frozenset("of the - and de del do da dos das du des di la le el al upon on sur".split())


def _extended(doc: Doc, text: str, start: int, end: int, gaz: Gazetteer) -> int:
    """Where a mention ends once the words the tagger cut off are put back: it splits some names into a
    demonym or a place and the rest ("French" + "Guiana", "Democratic Republic" + "of the Congo",
    "Guinea" + "-Bissau"). The longest run of capitalised words and joiners after it that makes the whole
    a place's own name (not a variant) wins; otherwise the mention is kept as it is."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    best = end
    for k in range(span.end, min(span.end + 4, len(doc))):
        t = doc[k]
        if t.lower_ in _JOINERS and not t.text[:1].isupper():
            continue
        if not t.text[:1].isupper() or not t.is_alpha:
            break
        cand_end = t.idx + len(t.text)
        if any((not c.alt and c.feature != "city") or (not c.alt and c.population >= SCAN_MIN_POP_IN_CONTEXT)
               for c in gaz.lookup(text[start:cand_end])):
            best = cand_end
    return best


_POSSESSOR = re.compile(r"\b[A-Z][a-z]+['’]s $")
# Not an article: "The US" is a name the gazetteer knows, but "the" is no part of the place's name.
_WORD_BEFORE = re.compile(r"(?<![\w.'’-])(?!The )[A-Z][a-z]+ $")


def _possessor(text: str, start: int, end: int, gaz: Gazetteer) -> int:
    """Where a mention starts once a word the tagger dropped is put back, if that makes a place's own
    name: a possessive ("People's" + "Republic of China"), or a capitalised word that is part of a longer
    name ("Little" + "Portugal", "Stoke" + "Newington"); else where it starts."""
    m = _POSSESSOR.search(text, max(0, start - 16), start) or _WORD_BEFORE.search(text, max(0, start - 16), start)
    if m and any(not c.alt for c in gaz.lookup(text[m.start():end])):
        return m.start()
    return start


def _lists(text: str, names: dict[str, Name]) -> None:
    """Names written as a list ("Ohio, Utah and Washington") are usually places of one kind."""
    spans = sorted((s, e, n.key) for n in names.values() for s, e in n.spans)
    for (_s1, e1, k1), (s2, _e2, k2) in pairwise(spans):
        if k1 != k2 and s2 - e1 <= 6 and _LIST_GAP.match(text[e1:s2]):
            names[k1].siblings.add(k2)
            names[k2].siblings.add(k1)


_LIST_BEFORE = re.compile(r"(?:,|,?\s+(?:and|or))\s*$")
_LIST_AFTER = re.compile(r"^\s*(?:,|,?\s+(?:and|or)\s)\s*")


def _listed(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> str:
    """"list" when the name is listed next to a place found already ("Tacloban and Babatngon")."""
    b = _LIST_BEFORE.search(text[max(0, start - 6):start])
    if b and any(e == start - (len(b.group(0))) for _s, e in taken):
        return "list"
    a = _LIST_AFTER.match(text[end:end + 6])
    if a and any(s == end + a.end() for s, _e in taken):
        return "list"
    return ""


def _cue(text: str, start: int) -> str:
    before = text[max(0, start - 30):start]
    return "kind" if _TOWN_BEFORE.search(before) else "prep" if _PREP_BEFORE.search(before) else ""


# Words that may sit inside a place's name between capitalised ones.
_NAME_JOINERS = ("of", "de", "del", "la", "el", "'s", "’s")


def _scan(doc: Doc, text: str, gaz: Gazetteer, free, add, demonyms, taken, blocked, regions_after, paired,
          cued) -> None:
    """Gazetteer names among capitalised words the tagger did not call places."""
    sc = _Scanner(columns(doc), text, gaz, add, taken, blocked, regions_after, paired, cued)
    words, idx, alpha, upper = sc.words, sc.idx, sc.cols.alpha, sc.upper
    i, n_tok = 0, len(words)
    while i < n_tok:
        w = words[i]
        if not (upper[i] and (alpha[i] or w.rstrip(".").replace(".", "").isalpha())):
            if "-" in w:
                _compound(w, idx[i], gaz, free, add, demonyms, taken)
            i += 1
            continue
        adj = _region_adjective(sc.cols.lower, upper, i)
        if adj:
            n, region = adj
            s, e = idx[i], idx[i + n - 1] + len(words[i + n - 1])
            if free(s, e, demonym=True) and add(s, e, False, region):
                i += n
                continue
        cc = _demonym(gaz, w)
        if cc and free(idx[i], idx[i] + len(w), demonym=True):
            demonyms[cc].append((idx[i], idx[i] + len(w)))
            taken.append((idx[i], idx[i] + len(w)))
            i += 1
            continue
        i += max(sc.at(i), 1)


@lru_cache(maxsize=65536)
def _demonym(gaz: Gazetteer, word: str) -> str | None:
    """gaz.demonym, cached: the scan asks it of every capitalised word, and names recur."""
    return gaz.demonym(word)


class _Scanner:
    """The scan's view of one story: its tokens as plain lists and the spans found so far."""

    def __init__(self, cols: Columns, text: str, gaz: Gazetteer, add, taken, blocked, regions_after, paired,
                 cued) -> None:
        from ...clean.words import freq

        self.cols, self.words, self.idx = cols, cols.words, cols.idx
        self.upper = [w[:1].isupper() for w in cols.words]
        self.text, self.gaz, self.freq = text, gaz, freq
        self.add, self.taken, self.blocked = add, taken, blocked
        self.regions_after, self.paired, self.cued = regions_after, paired, cued

    def run_length(self, i: int, most: int) -> int:
        """How many tokens from capitalised token i (at most `most`) may belong to one name: capitalised
        words, the joiners of names, and a hyphen inside a word ("Rhône-Alpes", "Baden-Württemberg");
        "'s" inside a name as in "People's Republic of China", which is not the "Republic of China" in it."""
        words, lower, space, upper = self.words, self.cols.lower, self.cols.space, self.upper
        k = i + 1
        while k < i + most and (upper[k] or lower[k] in _NAME_JOINERS
                                or (words[k] == "-" and not space[k] and not space[k - 1])):
            k += 1
        return k - i

    def free_until(self, s: int) -> float:
        """Where the first span found or blocked after `s` starts: [s, e) is free (find_names' `free`) for
        every e up to it. One pass over the spans answers for each length of name tried at s."""
        lim = math.inf
        for spans in (self.taken, self.blocked):
            for a, b in spans:
                if b > s and a < lim:
                    lim = a
        return lim

    def ends(self, i: int) -> list[tuple[int, int]]:
        """The names that may start at token i, longest first: (tokens, end offset), each ending on a
        capitalised word."""
        idx, words, upper = self.idx, self.words, self.upper
        run = self.run_length(i, min(6, len(words) - i))
        return [(n, idx[i + n - 1] + len(words[i + n - 1])) for n in range(run, 0, -1) if upper[i + n - 1]]

    def at(self, i: int) -> int:
        """The tokens of the gazetteer name starting at capitalised token i that the scan takes (0: none)."""
        text, s = self.text, self.idx[i]
        ends = self.ends(i)
        # Nothing below adds a span without a reading in the gazetteer: most capitalised words have none.
        if not any(self.gaz.lookup(text[s:e]) for _n, e in ends):
            return 0
        limit = self.free_until(s)
        for n, e in ends:
            # "Ada, Oklahoma": a town of that name is in that state, however small, and even if the tagger
            # took it for a person.
            regions = self.regions_after(e)
            if regions and not any(a < e and s < b for a, b in self.taken) and \
                    any((c.feature == "city" and c.parent in regions) or (
                        c.country in regions and not c.alt and (c.feature == "admin1" or c.population >= 1000))
                        for c in self.gaz.lookup(text[s:e])) and self.add(s, e, False):
                self.paired.add((s, e))
                return n
            if e > limit or self.skip_word(i, n):
                continue
            took = self.take(i, n, s, e)
            if took is not None:
                return n  # taken, or a longer name settled without a place
        return 0

    def skip_word(self, i: int, n: int) -> bool:
        """A single word that is a word or a name of something else here, not a place."""
        if n != 1:
            return False
        w, freq, cols = self.words[i], self.freq, self.cols
        if cols.sent_start[i] and freq(w) > 5e-5:
            return True  # "Reading", "Nice" opening a sentence are words ("Berlin" is rarer)
        if i + 1 < len(self.words) and cols.lower[i + 1] in _SPEECH:
            return True  # "Brent told reporters": a person's first name, whatever borough shares it
        if w.isupper() and len(w) <= 3 and not any(
                (c.feature == "country" and not c.alt) or (c.feature == "admin1" and len(w) == 3)
                for c in self.gaz.lookup(w)):
            return True  # short capitals are acronyms far more often than places, bar "US", "DRC", "NSW"
        return freq(w) > COMMON_WORD and not any(
            not c.alt and (norm(c.name) == norm(w) or w.isupper())
            and (c.feature in ("country", "region") or c.population >= BIG_CITY)
            for c in self.gaz.lookup(self.text[self.idx[i]:self.idx[i] + len(w)]))
            # "University", "Delta", "Island": words that a few places are also called

    def take(self, i: int, n: int, s: int, e: int) -> bool | None:
        """Whether the scan takes text[s:e] (n tokens from i) as a place: True when added, False when the
        name is settled without a place (no shorter one is tried), None to try a shorter one."""
        text, cands, upper = self.text, self.gaz.lookup(self.text[s:e]), self.upper
        code = text[s:e].replace(".", "").isupper()  # a region's code is written in capitals: "NSW"
        # A name that says its kind ("Metcalfe County") is a district however small; resolve() keeps it
        # only in a story about its country.
        kind = n > 1 and KIND.search(text[s:e]) is not None
        # A town of any size after words that make it one; resolve() asks more of the weaker cue.
        # Not when a capitalised word follows: "near Dufferin Street" names the street, not a town.
        follows = i + n < len(upper) and upper[i + n] and self.cols.alpha[i + n]
        cue = "" if follows else _cue(text, s) or _listed(text, s, e, self.taken)
        if not any(scan_ok(c) or (c.feature == "city" and c.population >= SCAN_MIN_POP_IN_CONTEXT)
                   or (kind and c.feature == "other") or (cue and c.feature == "city")
                   for c in cands if not c.alt or (c.feature == "admin1" and code)
                   or (cue == "kind" and c.feature == "city")):
            # A longer name known only by another spelling ("Beni Suef") is still that name, never its
            # first word ("Beni", a Congolese city): a town big enough to be news, if the story is
            # about its country (resolve() asks that of a scanned town), else nothing.
            if n > 1 and any(c.alt and c.feature == "city" for c in cands):
                if any(c.feature == "city" and c.population >= SCAN_MIN_POP_IN_CONTEXT for c in cands):
                    self.add(s, e, False)
                return False
            return None
        if not self.add(s, e, False):
            return None
        if cue:
            self.cued[(s, e)] = cue
        return True


# The adjectives of regions, which name them as a demonym names its country ("Asian markets", "the
# European Parliament"); the countries' own are in the gazetteer.
REGION_ADJECTIVES = {
    "european": "Europe", "asian": "Asia", "african": "Africa", "south american": "South America",
    "north american": "North America", "latin american": "Latin America", "central american": "Central America",
    "southeast asian": "Southeast Asia", "south east asian": "Southeast Asia", "south asian": "South Asia",
    "east asian": "East Asia", "central asian": "Central Asia", "middle eastern": "Middle East",
    "scandinavian": "Scandinavia", "east african": "East Africa", "west african": "West Africa",
    "north african": "North Africa", "caribbean": "Caribbean",
}


_AMERICAN_AFTER = re.compile(r"[\s-]*Americans?\b")


# The first words of REGION_ADJECTIVES: most capitalised words start none of them.
_ADJECTIVE_FIRST = frozenset(k.split(" ")[0] for k in REGION_ADJECTIVES)


def _region_adjective(lower: list[str], upper: list[bool], i: int) -> tuple[int, str] | None:
    """The number of tokens and the region, when a region's adjective starts at token i; not in
    "African American", which names people."""
    if " " not in lower[i] and lower[i] not in _ADJECTIVE_FIRST:
        return None
    for n in (3, 2, 1):
        if i + n > len(lower):
            continue
        region = REGION_ADJECTIVES.get(" ".join(lower[i:i + n]))
        if region and upper[i]:
            nxt = lower[i + n] if i + n < len(lower) else ""
            if nxt in ("american", "americans", "-"):
                return None
            return n, region
    return None


def _compound(word: str, start: int, gaz: Gazetteer, free, add, demonyms, taken) -> None:
    """A country or its demonym first in a word the tokenizer keeps whole ("U.S.-led", "UK-based")."""
    head, dash, _rest = word.partition("-")
    if not dash or not head[:1].isupper() or len(head) < 2:
        return
    s, e = start, start + len(head)
    if not free(s, e, demonym=True):
        return
    cc = gaz.demonym(head)
    if cc:
        demonyms[cc].append((s, e))
        taken.append((s, e))
    elif any(c.feature == "country" and not c.alt for c in gaz.lookup(head)):
        add(s, e, False)


def _big_place(gaz: Gazetteer, name: str) -> bool:
    """A country, a region (first-level or a named one, "Java") or a city of half a million or more: too
    big to be a person's name."""
    return any(not c.alt and (c.feature in ("country", "admin1", "region") or c.population >= BIG_CITY)
               for c in gaz.lookup(name))


def scan_ok(c: Candidate) -> bool:
    big = c.feature in ("city", "other") and c.population >= SCAN_MIN_POP
    return big or c.feature in ("country", "admin1", "region") or (is_airport(c) and not c.alt)


def _norp(text: str, s: int, e: int, gaz: Gazetteer, demonyms, taken, add, blocked) -> None:
    """A NORP span: demonyms name their country ("Turkish-Russian" names two); a place name the tagger
    called NORP ("Aleppo") is a place; anything else ("Kurdish") blocks the scan."""
    cc = gaz.demonym(text[s:e])
    if cc:
        demonyms[cc].append((s, e))
        taken.append((s, e))
        return
    region = REGION_ADJECTIVES.get(" ".join(text[s:e].lower().split()))
    if region and not _AMERICAN_AFTER.match(text, e) and add(s, e, False, region):
        return
    parts = [(m.start() + s, m.end() + s) for m in re.finditer(r"[^\s\-–/]+", text[s:e])]
    codes = [gaz.demonym(text[a:b]) for a, b in parts]
    if len(parts) > 1 and any(codes):
        for (a, b), c in zip(parts, codes, strict=True):
            if c:
                demonyms[c].append((a, b))
                taken.append((a, b))
        return
    if any(scan_ok(c) or (c.feature == "city" and c.population >= SCAN_MIN_POP_IN_CONTEXT)
           for c in gaz.lookup(text[s:e]) if not c.alt):
        add(s, e, False)
        return
    blocked.append((s, e))


_DATELINE_IN = re.compile(_DATELINE.pattern.removeprefix("^"))
_SENTENCE_END = re.compile(r"\n|[.!?]\s+")


def _dateline_at(text: str) -> re.Match[str] | None:
    """The story's dateline: at its start, or in capitals after a headline run into the first line
    ("Mason charged. BANTAM — A mason was ...")."""
    m = _DATELINE.match(text[:120])
    if m and not _SENTENCE_END.search(m.group(1)):
        return m
    for b in _SENTENCE_END.finditer(text, 0, 200):
        m = _DATELINE_IN.match(text, b.end(), b.end() + 120)
        if m and m.group(1).strip().isupper() and len(m.group(1).strip()) > 2:
            return m
    return None


def _dateline_place(m: re.Match[str] | None, taken: list[tuple[int, int]], add) -> None:
    """The words of a dateline ("SPRINGFIELD, Ill. —") name where the story was filed, whatever the tagger
    saw there (it often sees nothing in a line of capitals); resolve() takes a town of any size there."""
    if not m:
        return
    for g in (1, 2):
        s, e = m.span(g)
        if s >= 0 and not any(a < e and s < b for a, b in taken):
            add(s, e, False)


def _listed_names(text: str, spans: list[tuple[int, int]], blocked: list[tuple[int, int]],
                  taken: list[tuple[int, int]], add, cued: dict[tuple[int, int], str]) -> None:
    """A one-word name the tagger called a person or an organisation, listed next to places ("Moonbi, Parkes,
    Berry and Wyong", "Heathrow and Gatwick"), is one of them: a list holds things of one kind. Chains are
    followed both ways; resolve() keeps a town found this way only in a story about its country."""
    todo = [sp for sp in spans if " " not in text[sp[0]:sp[1]].strip()]
    changed = True
    while changed and todo:
        changed = False
        for sp in list(todo):
            if sp in taken or not _listed(text, sp[0], sp[1], taken):
                continue
            todo.remove(sp)
            if sp in blocked:
                blocked.remove(sp)
            if add(sp[0], sp[1], False):
                cued.setdefault(sp, "list")
                changed = True


_OWNED = re.compile(r"['’]s $")


def _same_name(text: str, names: dict[str, Name], free, add) -> None:
    """One sense per story: a name the tagger or the dateline made a place is that place where it is
    written again and nothing else claimed the words ("INNISFAIL -" ... "the Innisfail skater")."""
    from ...clean.words import freq

    forms: set[str] = set()
    for n in names.values():
        if not (n.ner or n.dateline):
            continue
        for surface in {text[s:e] for s, e in n.spans if text[s:e][:1].isupper()}:
            if " " not in surface and freq(surface) > COMMON_WORD and not any(
                    not c.alt and (c.feature in ("country", "admin1", "region") or c.population >= BIG_CITY)
                    for c in n.candidates):
                continue  # "Olympic", "Earth": a word first, whatever the tagger once made of it
            forms.update((surface, surface.title()) if surface.isupper() else (surface,))
    if not forms:
        return
    # One pass over the text for all of them, longest first so that "New York" is not read as "York".
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w'’-])(?:{alts})(?![\w'’$-])", text):
        # "Messi's Barca" is a club: a name owned by someone is not a place written again.
        if free(m.start(), m.end()) and not _OWNED.search(text, max(0, m.start() - 4), m.start()):
            add(m.start(), m.end(), False)


def _dateline(m: re.Match[str] | None, names: dict[str, Name]) -> None:
    if not m:
        return
    for n in names.values():
        if any(s == m.start(1) for s, _ in n.spans):
            n.dateline = True
