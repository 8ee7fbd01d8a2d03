"""Entities with canonical names inside a story: "Putin" and "Vladimir Putin" are one entity.

Mentions come from spaCy's NER, trimmed of possessives, titles and glued punctuation; obvious type errors
are fixed with the gazetteer (a country tagged ORG is a GPE); short forms join the fullest form that
contains them (surnames, acronyms defined in parentheses).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..geo.names import place_kind
from ..model import Entity, stable_id
from . import Stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..clean.story import Story
    from ..model import Article

KEEP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC", "EVENT": "EVENT"}

# Honorifics and offices that spaCy sometimes folds into a PERSON span; the name is what follows.
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president", "vice", "prime",
    "minister", "secretary", "gen", "general", "col", "colonel", "lt", "sgt", "capt", "captain", "adm",
    "admiral", "sen", "senator", "rep", "gov", "governor", "mayor", "judge", "justice", "king", "queen",
    "prince", "princess", "pope", "rev", "chancellor", "premier", "chief", "commander", "ambassador",
    "envoy", "spokesman", "spokeswoman", "spokesperson", "leader", "former", "the", "st",
}
_LEAD = re.compile(r"^[\W_]+")
_TAIL = re.compile(r"[\W_]+$")
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|for|and|de|del|la)\s+)*){1,9})\(([A-Z][A-Za-z.&]{1,9})\)")
_CAPS_RUN = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?![\w-])")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class Mention:
    text: str
    type: str
    start: int
    end: int
    sure: bool = False  # typed by a rule that knows better than the gazetteer (a team named after its town)


def _trim(text: str, start: int, label: str) -> tuple[str, int] | None:
    """The mention without possessive, leading titles and glued punctuation, with its new start."""
    if "\n" in text:
        # A span across lines is two things glued by the tagger; keep the first line's part.
        text = text.split("\n", 1)[0]
    text = _POSSESSIVE.sub("", text)
    lead = _LEAD.match(text)
    start += lead.end() if lead else 0
    text = text[lead.end():] if lead else text
    tail = _TAIL.search(text)
    if tail and not text.endswith("."):  # keep the dot of "Inc." / "U.S."
        text = text[: tail.start()]
    if label == "PERSON":
        words = text.split(" ")
        while len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
            start += len(words[0]) + 1
            words = words[1:]
        text = " ".join(words)
    elif text.lower().startswith("the "):
        text, start = text[4:], start + 4
    text = _POSSESSIVE.sub("", text)
    if not text or not any(ch.isalpha() for ch in text) or not (text[0].isupper() or text[0].isdigit()):
        return None
    return text, start


def mentions_from_doc(doc: Doc, text: str | None = None) -> list[Mention]:
    """NER mentions, trimmed; `text` is the story's own text when spaCy read a recased copy of it."""
    text = doc.text if text is None else text
    out: list[Mention] = []
    for ent in doc.ents:
        label = KEEP.get(ent.label_)
        if label is None:
            continue
        got = _trim(text[ent.start_char:ent.end_char], ent.start_char, label)
        if got is None:
            continue
        name, start = got
        out.append(Mention(name, label, start, start + len(name)))
    return out


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans, (s, float("inf"))) - 1
    return (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e)


def _common_word(name: str) -> bool:
    from ..clean.glue import _freq

    return " " not in name and _freq(name.lower()) > 2e-5


def add_missed(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions the tagger missed: other occurrences of a name it tagged elsewhere in the story, and
    country and big-city names from the gazetteer."""
    spans = sorted((m.start, m.end) for m in mentions)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        types[m.text][m.type] += 1
    added: list[Mention] = []

    def add(name: str, typ: str, s: int, e: int) -> None:
        if not _covered(spans, s, e):
            bisect.insort(spans, (s, e))
            added.append(Mention(name, typ, s, e))

    for name, ts in types.items():
        if len(name) < 3 or _common_word(name):
            continue
        for occ in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            add(name, ts.most_common(1)[0][0], occ.start(), occ.end())
    for occ in _CAPS_RUN.finditer(text):
        name = occ.group(0)
        kind = place_kind(name)
        if kind is None or _common_word(name):
            continue
        sentence_start = text[max(0, occ.start() - 2):occ.start()].strip() in ("", ".", "!", "?", "\"", "”")
        if kind == "country" or not sentence_start:
            add(name, "GPE", occ.start(), occ.end())
    return sorted(mentions + added, key=lambda m: m.start)


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.:-]\d+)*(?![\w])")
_INITIALS_NAME = re.compile(r"(?<![\w.])(?:[A-Z]\. ?){1,3}(?:(?:de|van|der|von|da|le) )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w])")
_NAME_COUNTRY = re.compile(
    r"(?<![\w])([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}) \( ?([A-Z][\w.]+(?: [A-Z][\w.]+){0,2}) ?\)")
_TEAM_SCORE = re.compile(r"(?<![\w.])([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}) (?=\d+(?:[-/]\d+)?(?: |,|$|\.\s))")


def table_mentions(text: str) -> list[Mention]:
    """Names in results tables and lists (sport, elections): lines dense with numbers, where the tagger
    is weakest. "J. Smith 45" is a person, "Name (Country)" a person and a country, "Town 3" a team."""
    out: list[Mention] = []
    pos = 0
    for line in text.split("\n"):
        if len(_NUMBER.findall(line)) >= 3 or re.search(r"\( ?[A-Z][a-z]+ ?\) \d", line):
            taken: list[tuple[int, int]] = []

            def put(name: str, typ: str, s: int, offset: int = pos, taken: list[tuple[int, int]] = taken) -> None:
                a, b = offset + s, offset + s + len(name)
                if not any(x < b and a < y for x, y in taken):
                    taken.append((a, b))
                    out.append(Mention(name, typ, a, b, sure=True))

            for m in _NAME_COUNTRY.finditer(line):
                if place_kind(m.group(2)) == "country":
                    put(m.group(2), "GPE", m.start(2))
                    if len(m.group(1).split()) >= 2 and place_kind(m.group(1)) is None:
                        put(m.group(1), "PERSON", m.start(1))
            for m in _INITIALS_NAME.finditer(line):
                put(m.group(0), "PERSON", m.start())
            for m in _TEAM_SCORE.finditer(line):
                if not _common_word(m.group(1)):
                    put(m.group(1), "ORG", m.start(1))
        pos += len(line) + 1
    return out


def merge_table_mentions(mentions: list[Mention], text: str) -> list[Mention]:
    """Table-line rules win over the tagger where they overlap."""
    extra = table_mentions(text)
    if not extra:
        return mentions
    spans = sorted((m.start, m.end) for m in extra)
    kept = [m for m in mentions if not _covered(spans, m.start, m.end)]
    return sorted(kept + extra, key=lambda m: m.start)


def _fix_type(m: Mention) -> str:
    if m.type in ("ORG", "PERSON", "FAC", "LOC", "EVENT"):
        kind = place_kind(m.text)
        if kind in ("country", "admin1") or (kind == "city" and m.type in ("ORG", "FAC", "PERSON")):
            return "GPE"
    return m.type


def _acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the story: "Long Name (LN)" makes "LN" a short form of "Long Name"."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        words = m.group(1).split()
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        acr = m.group(2).replace(".", "")
        # Prefer the shortest tail whose initials spell the acronym; a translated one ("FARC") takes the run.
        name = next((" ".join(words[i:]) for i in range(len(words) - 1, -1, -1)
                     if _initials(" ".join(words[i:])) == acr), " ".join(words))
        if name:
            out[acr] = name
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def group_mentions(mentions: list[Mention], text: str = "") -> list[Entity]:
    """Cluster mentions into entities with canonical names; pure Python so it is unit-testable."""
    for m in mentions:
        if not m.sure:
            m.type = _fix_type(m)
    persons_full = {m.text for m in mentions if m.type == "PERSON" and len(m.text.split()) >= 2}
    acr = _acronyms(text)
    org_names = {m.text for m in mentions if m.type in ("ORG", "NORP", "GPE")}

    def key(m: Mention) -> tuple[str, str]:
        words = m.text.split()
        # Person short forms: a single name that ends (or starts) exactly one full name seen in the story.
        if len(words) <= 2 and m.type in ("PERSON", "ORG", "GPE", "NORP") and m.text not in persons_full:
            hits = [f for f in persons_full if f.split()[-1] == words[-1] or (len(words) == 1 and f.split()[0] == words[0])]
            hits = [f for f in hits if f != m.text]
            if len(hits) == 1 and (m.type == "PERSON" or len(words) == 1):
                return ("PERSON", hits[0])
        if m.type in ("ORG", "GPE", "NORP") and m.text in acr:
            return ("ORG", acr[m.text])
        if m.type == "ORG" and m.text.isupper() and len(m.text) <= 6:
            long = [n for n in org_names if _initials(n) == m.text and n != m.text]
            if len(long) == 1:
                return ("ORG", long[0])
        return (m.type, m.text)

    groups: dict[str, list[tuple[Mention, str]]] = defaultdict(list)
    gtype: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        t, canon = key(m)
        groups[canon.casefold()].append((m, canon))
        gtype[canon.casefold()][t] += 1
    entities: list[Entity] = []
    for k, items in groups.items():
        names = [c for _, c in items] + [m.text for m, _ in items]
        name = max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))
        types = gtype[k]
        etype = "PERSON" if "PERSON" in types and len(name.split()) >= 2 and name in persons_full else types.most_common(1)[0][0]
        spans = sorted({(m.start, m.end) for m, _ in items})
        entities.append(Entity(stable_id(etype, name), name, etype, spans))
    entities.sort(key=lambda e: e.mentions[0])
    return entities


def run(article: Article, doc: Doc, story: Story) -> None:
    mentions = add_missed(merge_table_mentions(mentions_from_doc(doc, article.text), article.text), article.text)
    article.entities = group_mentions(mentions, article.text)


STAGE = Stage("entities", run, components=("ner",))
