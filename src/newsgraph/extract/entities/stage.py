"""Entities with canonical names inside a story: "Putin" and "Vladimir Putin" are one entity.

Mentions come from spaCy's NER, trimmed of possessives, titles and glued punctuation; obvious type errors
are fixed with the gazetteer (a country tagged ORG is a GPE); short forms join the fullest form that
contains them (surnames, acronyms defined in parentheses).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from ...lexicon import HONORIFICS, OFFICES, RANK_ABBREVIATIONS
from ...model import Entity, stable_id
from .. import Stage
from .mentions import Mention, cached_place_kind, common_word
from .tables import is_sports, sports_teams, table_mentions
from .type_rules import add_quoted_names, retype

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ...clean.story import Story
    from ...model import Article

KEEP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC", "EVENT": "EVENT"}

# Honorifics and offices that spaCy sometimes folds into a PERSON span; the name is what follows.
TITLES = {*HONORIFICS, *RANK_ABBREVIATIONS, *OFFICES,
          "miss", "rev", "chief", "vice", "prime", "former", "the", "st"}
# Last words that make a name a company's ("Bank", "Union" do not: West Bank, Soviet Union).
ORG_SUFFIXES = frozenset(
    "Inc Corp Corporation Co Ltd Plc plc PLC AG SA NV BV GmbH LLC Holdings Airlines Airways Industries".split())
GROUP_HEADS = frozenset(
    "Clan Cartel Gang Brigade Brigades Army Front Movement Militia Party Council Committee Faction "
    "Alliance Coalition Group Organisation Organization Association Union League Federation Society "
    "Commission Agency Ministry Foundation Institute Company Corporation Bank Fund".split())
_LEAD = re.compile(r"^[\W_]+")
_TAIL = re.compile(r"[\W_]+$")
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|for|and|de|del|la)\s+)*){1,9})\( ?([A-Z][A-Za-z.&]{1,9}) ?\)\Z")
_PAREN_ACRONYM = re.compile(r"\( ?[A-Z][A-Za-z.&]{1,9} ?\)")
_CAPS_RUN = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?![\w-])")
_POSSESSIVE = re.compile(r"['’]s?$")


_TRAILING_NUMBER = re.compile(r"(?: [-+]?\d+(?:[-/:.,]\d+)*)+$")
# Two names the tagger glued: a headline's topic and its subject ("Cricket - Leicestershire"), the two
# sides of a fixture ("Leeds v Chelsea"), an owner and what it owns ("Colombia's Truth Commission").
_GLUE = re.compile(r" (?:-|–|—|v|V|vs\.?|VS\.?) |(?<=[a-z])['’]s (?=[A-Z])")


def _parts(text: str, start: int, line_start: bool = False) -> list[tuple[str, int]]:
    """The pieces of a span that may be names, split at glue. A line's first piece before a dash is a
    wire headline's topic ("Cricket - ...", "Press digest - ...") and is dropped."""
    if not _GLUE.search(text):
        return [(text, start)]
    out, pos = [], 0
    for m in [*list(_GLUE.finditer(text)), None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        topic = pos == 0 and line_start and m is not None and m.group(0).strip() in "-–—"
        if piece and not topic and not all(common_word(w, 5e-5) or not w[:1].isalpha() for w in piece.split()):
            out.append((piece, start + pos))
        pos = m.end() if m else end
    return out


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
    # A score or a count glued on by the tagger ("Mexico 2-0", "Smith 45") is not part of a name.
    text = _TRAILING_NUMBER.sub("", text)
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


def _entity_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, our type) of the tagger's entities, read from the token arrays: `doc.ents` builds a
    Python object per token, which costs more than all the rules here."""
    from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH

    if not len(doc):
        return []
    arr = doc.to_array([IDX, LENGTH, ENT_IOB, ENT_TYPE])
    strings = doc.vocab.strings
    out: list[tuple[int, int, str]] = []
    cur: list | None = None
    # IOB codes: 3 begins an entity, 1 continues it, 2 is outside.
    for i in [*(arr[:, 2] != 2).nonzero()[0].tolist(), None]:
        if i is not None and arr[i, 2] == 1 and cur is not None and cur[3] == i - 1:
            cur[1] = int(arr[i, 0] + arr[i, 1])
            cur[3] = i
            continue
        if cur is not None and cur[2] is not None:
            out.append((cur[0], cur[1], cur[2]))
        cur = None
        if i is not None:
            label = KEEP.get(strings[int(arr[i, 3])])
            cur = [int(arr[i, 0]), int(arr[i, 0] + arr[i, 1]), label, i]
    return out


def span_mentions(text: str, start: int, end: int, label: str) -> list[Mention]:
    """The mentions in one tagged span text[start:end]: split where names are glued, trimmed, and typed
    by their last word where it says more than the tagger."""
    out: list[Mention] = []
    for piece, pstart in _parts(text[start:end], start, start == 0 or text[start - 1] == "\n"):
        got = _trim(piece, pstart, label)
        if got is None:
            continue
        name, s = got
        last = name.rsplit(" ", 1)[-1].rstrip(".")
        if last in ORG_SUFFIXES and " " in name:
            # "Acme Hospitality Inc": the last word says what it is
            out.append(Mention(name, "ORG", s, s + len(name), sure=True))
        elif last in GROUP_HEADS and label in ("FAC", "PERSON") and " " in name:
            # a clan, a front, a party is a group of people, not a building or a person
            out.append(Mention(name, "ORG", s, s + len(name)))
        else:
            out.append(Mention(name, label, s, s + len(name)))
    return out


def mentions_from_doc(doc: Doc, text: str | None = None) -> list[Mention]:
    """NER mentions, trimmed; `text` is the story's own text when spaCy read a recased copy of it."""
    text = doc.text if text is None else text
    out: list[Mention] = []
    for start, end, label in _entity_spans(doc):
        out.extend(span_mentions(text, start, end, label))
    return out


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans, (s, float("inf"))) - 1
    return (i >= 0 and spans[i][1] > s) or (i + 1 < len(spans) and spans[i + 1][0] < e)


def _occurrences(name: str, ntext: str):
    """Whole-word occurrences of `name` (as the recased view writes it) in the story."""
    i = ntext.find(name)
    n = len(name)
    while i >= 0:
        e = i + n
        if (i == 0 or not ntext[i - 1].isalnum()) and (e == len(ntext) or not ntext[e].isalnum()):
            yield i, e
        i = ntext.find(name, i + 1)


def add_missed(mentions: list[Mention], text: str, ntext: str | None = None) -> list[Mention]:
    """Mentions the tagger missed: other occurrences of a name it tagged elsewhere in the story (a
    headline in capitals included, through the recased view `ntext`), and country and big-city names
    from the gazetteer."""
    ntext = text if ntext is None else ntext
    spans = sorted((m.start, m.end) for m in mentions)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        types[ntext[m.start:m.end]][m.type] += 1
    added: list[Mention] = []

    def add(typ: str, s: int, e: int) -> None:
        if not _covered(spans, s, e):
            bisect.insort(spans, (s, e))
            added.append(Mention(text[s:e], typ, s, e, echo=True))

    lower_words = set(re.findall(r"\b[a-z]+\b", ntext))
    for m in mentions:
        words = ntext[m.start:m.end].split()
        if m.type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) >= 3:
            # a person named in full is later called by surname alone
            types[words[-1]].setdefault("PERSON", 0)
    for name, ts in types.items():
        if len(name) < 3 or (" " not in name and (name.lower() in lower_words or common_word(name, 1e-4))):
            # a name that is also a word of this story ("May", "Bill") would be found in sentences
            continue
        typ = ts.most_common(1)[0][0]
        for s, e in _occurrences(name, ntext):
            add(typ, s, e)
    for acr, long in _acronyms(text).items():
        long_types = types.get(long)
        if long_types and acr not in types:
            # "Northern Farmers Union (NFU)": NFU is what the long name is
            for s, e in _occurrences(acr, ntext):
                add(long_types.most_common(1)[0][0], s, e)
    for occ in _CAPS_RUN.finditer(ntext):
        name = occ.group(0)
        kind = cached_place_kind(name)
        if kind is None or common_word(name):
            continue
        sentence_start = ntext[max(0, occ.start() - 2):occ.start()].strip() in ("", ".", "!", "?", "\"", "”")
        if kind == "country" or not sentence_start:
            add("GPE", occ.start(), occ.end())
    return sorted(mentions + added, key=lambda m: m.start)


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
_DATELINE = re.compile(
    r"^([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?: ?, ([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}))? ?,? "
    r"(?=\d{4}-\d\d-\d\d|" + _MONTH + r"|\((?:Reuters|AP|AFP|UPI|dpa|Xinhua)\))", re.M)


def dateline_mentions(text: str) -> list[Mention]:
    """The wire dateline's place ("PARIS, Aug 30 (Reuters) -", "TOFTIR , Faroe Islands 1996-08-31"): a
    place even when no gazetteer knows it."""
    out = []
    head = text[:600]
    for m in _DATELINE.finditer(head):
        for g in (1, 2):
            if m.group(g) and not common_word(m.group(g)):
                out.append(Mention(m.group(g), "GPE", m.start(g), m.end(g), sure=True))
    return out


_ROLE = (r"(?:head|leader|chief|director|president|chairman|chairwoman|chair|minister|spokesman|spokeswoman|"
         r"spokesperson|secretary|governor|mayor|founder|editor|professor|author|coach|captain|manager|"
         r"ambassador|commander|official|analyst|economist|lawyer|deputy|adviser|advisor|senator|judge|"
         r"executive|owner|son|daughter|wife|husband|widow|mother|father)")
# "Jane Roe, the head of ...", "Jane Roe, 54, ...": a name in apposition to a role or an age is a person's.
_APPOSITION = re.compile(
    r"(?<![\w’'.-])([A-Z][a-z]+(?:[ -][A-Z][a-z’']+){1,2}) ?, (?:(?:the|a|an|its|his|her|their) )?"
    r"(?:(?:[a-z]+|[A-Z][a-z]+(?: [A-Z][a-z]+)?) ?(?:’s |'s )?){0,2}(?:" + _ROLE + r"\b|\d{2} ?, )")


def add_appositions(mentions: list[Mention], text: str, ntext: str) -> list[Mention]:
    """People the tagger missed but the sentence describes: "Jane Roe, the head of the commission"."""
    spans = sorted((m.start, m.end) for m in mentions)
    added = []
    for occ in _APPOSITION.finditer(ntext):
        s, e = occ.span(1)
        name = occ.group(1)
        if _covered(spans, s, e) or cached_place_kind(name) or any(common_word(w, 1e-5) for w in name.split()):
            continue
        bisect.insort(spans, (s, e))
        added.append(Mention(text[s:e], "PERSON", s, e))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def merge_table_mentions(mentions: list[Mention], text: str, ntext: str | None = None) -> list[Mention]:
    """Table-line rules win over the tagger where they overlap."""
    extra = table_mentions(text, text if ntext is None else ntext) + dateline_mentions(text)
    if not extra:
        return mentions
    spans = sorted((m.start, m.end) for m in extra)
    kept = [m for m in mentions if not _covered(spans, m.start, m.end)]
    return sorted(kept + extra, key=lambda m: m.start)


# A name that opens a quotation and is set off from it ("“Vladimir – look at this”", "“Georgia, listen”")
# is someone spoken to: people are addressed, places rarely are.
_QUOTE_OPEN = re.compile(r"[“\"‘]\s*$")
_SET_OFF = re.compile(r"\s*(?:[,!?]|\s[–—-]\s)")


def addressed(text: str, start: int, end: int) -> bool:
    """Whether the words text[start:end] open a quotation as the name of the one spoken to."""
    return bool(text) and _QUOTE_OPEN.search(text, max(0, start - 3), start) is not None \
        and _SET_OFF.match(text, end) is not None


def _fix_type(m: Mention) -> str:
    if m.type in ("ORG", "PERSON", "FAC", "LOC", "EVENT"):
        kind = cached_place_kind(m.text)
        if kind in ("country", "admin1") or (kind == "city" and m.type in ("ORG", "FAC", "PERSON")):
            return "GPE"
    return m.type


_ORG_AFTER = re.compile(
    r"(?: ?['’]s)? (?:CEO|chief executive|chairman|shares|stock|shareholders|subsidiary|subsidiaries|GDRs|ADRs|"
    r"Inc|Corp|Ltd|plc|said it|says it|spokesman|spokeswoman|officials|executives|employees)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|across)\s$")
def _context_type(m: Mention, text: str) -> str | None:
    """The type the words around a mention suggest: "X shares", "X said it" name a company; "in X"
    a place."""
    if _ORG_AFTER.match(text, m.end):
        return "ORG"
    if m.type == "PERSON" and " " not in m.text and _PLACE_BEFORE.search(text, max(0, m.start - 8), m.start):
        return "GPE"
    return None


@lru_cache(maxsize=8)
def _acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the story: "Long Name (LN)" makes "LN" a short form of "Long Name"."""
    out: dict[str, str] = {}
    for cand in _PAREN_ACRONYM.finditer(text):
        # the long name is in the few words before the parenthesis; only that window is searched
        m = _ACRONYM_DEF.search(text, max(0, cand.start() - 160), cand.end())
        if m is None:
            continue
        words = m.group(1).split()
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        acr = m.group(2).replace(".", "")
        if sum(ch.isupper() for ch in acr) < max(2, len(acr) / 2 + 0.5):
            continue  # "Anna Berg (Norway)" names a country, not an acronym
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
    tagged = [m.type for m in mentions]
    for m in mentions:
        if not m.sure and not (m.type == "PERSON" and addressed(text, m.start, m.end)):
            m.type = _fix_type(m)
    if text:
        # the words around a mention know its type better than the gazetteer: "President X", "X said"
        mentions = retype(mentions, text, tagged)
    persons_full = {m.text for m in mentions if m.type == "PERSON" and len(m.text.split()) >= 2}
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    for f in persons_full:
        by_last[f.split()[-1]].add(f)
        by_first[f.split()[0]].add(f)
    acr = _acronyms(text)
    org_names = {m.text for m in mentions if m.type in ("ORG", "NORP", "GPE")}

    def key(m: Mention) -> tuple[str, str]:
        words = m.text.split()
        # Person short forms: a single name that ends (or starts) exactly one full name seen in the story.
        if len(words) <= 2 and m.type in ("PERSON", "ORG", "GPE", "NORP") and m.text not in persons_full:
            hits = set(by_last.get(words[-1], ()))
            if len(words) == 1:
                hits |= by_first.get(words[0], set())
            hits.discard(m.text)
            if len(hits) == 1 and (m.type == "PERSON" or len(words) == 1):
                return ("PERSON", next(iter(hits)))
        if m.type in ("ORG", "GPE", "NORP") and m.text in acr:
            return ("ORG", acr[m.text])
        if m.type == "ORG" and m.text.isupper() and len(m.text) <= 6:
            long = [n for n in org_names if _initials(n) == m.text and n != m.text]
            if len(long) == 1:
                return ("ORG", long[0])
        return (m.type, m.text)

    groups: dict[str, list[tuple[Mention, str]]] = defaultdict(list)
    gtype: dict[str, Counter[str]] = defaultdict(Counter)
    cued: set[str] = set()
    for m in mentions:
        t, canon = key(m)
        groups[canon.casefold()].append((m, canon))
        # A rule-typed mention outweighs the tagger; the words around a mention are evidence too.
        gtype[canon.casefold()][t] += 3 if m.sure else 0 if m.echo else 1
        cue = _context_type(m, text) if text and not m.sure else None
        if cue:
            gtype[canon.casefold()][cue] += 2
            cued.add(canon.casefold())
    entities: list[Entity] = []
    for k, items in groups.items():
        names = [c for _, c in items] + [m.text for m, _ in items]
        name = max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))
        types = gtype[k]
        if "PERSON" in types and len(name.split()) >= 2 and name in persons_full:
            etype = "PERSON"
        elif " " not in name and types["PERSON"] >= 2 and types["PERSON"] * 3 >= sum(types.values()) \
                and types["PERSON"] > max(types[t] for t in ("GPE", "LOC", "FAC", "NORP")) \
                and k not in cued and not any(m.sure for m, _ in items) and not cached_place_kind(name):
            # The tagger often reads a lone surname as an organisation; read as a person more than once,
            # in a third of the mentions and more often than as a place, it is one.
            etype = "PERSON"
        else:
            etype = types.most_common(1)[0][0]
        spans = sorted({(m.start, m.end) for m, _ in items})
        entities.append(Entity(stable_id(etype, name), name, etype, spans))
    entities.sort(key=lambda e: e.mentions[0])
    return entities


def recased_view(doc: Doc, text: str) -> str:
    """The text as spaCy read it: `text` with its ALL-CAPS lines and datelines as the recasing wrote them
    (same length), read back from the doc's own tokens for those lines only (`doc.text` would build
    every token)."""
    from ...nlp import CAPS_DATELINE, LOWER_LETTER

    n = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    out, pos = [], 0
    for line in text[:n].split("\n"):
        end = pos + len(line)
        if line and (len(LOWER_LETTER.findall(line)) * 5 <= len(line) or CAPS_DATELINE.match(line)):
            span = doc.char_span(pos, end, alignment_mode="expand")
            if span is not None:
                seg = span.text[pos - span.start_char:end - span.start_char]
                line = seg if len(seg) == len(line) else line
        out.append(line)
        pos = end + 1
    return "\n".join(out) + text[n:]


def extract_mentions(doc: Doc, text: str) -> list[Mention]:
    """Every mention of a person, organisation or place in the story, typed consistently."""
    ntext = recased_view(doc, text)
    mentions = merge_table_mentions(mentions_from_doc(doc, text), text, ntext)
    mentions = add_missed(add_quoted_names(add_appositions(mentions, text, ntext), text), text, ntext)
    if is_sports(ntext):
        sports_teams(mentions, ntext)
    return mentions


def run(article: Article, doc: Doc, story: Story) -> None:
    article.entities = group_mentions(extract_mentions(doc, article.text), article.text)


STAGE = Stage("entities", run, components=("ner",))
