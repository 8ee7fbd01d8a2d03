"""Type corrections from the words around a mention, applied after the gazetteer's check.

Each rule is a grammar pattern, not a list of names: a title before a name ("President X") makes a
person; an apposition after it says what it is ("X, a nurse at ..." a person, "X, the capital of ..." a
place); the subject of a speech verb is a person or an organisation unless the name is a country, a
first-level region or a capital (those speak for their governments); a name that has users, posts and
an account is a platform; a region of the gazetteer is not an organisation; a name inside a work's title
("the film 'Guinea Pig'") is not a place; an unknown "place" coordinated with a person is a person.

`ENABLED` names the rules in force (the benchmark switches them one by one); `LOG`, when a list, receives
(rule, start, end, old type, new type) for every change, so each rule can be counted and checked.
"""

from __future__ import annotations

import re

from ...lexicon import HONORIFICS, OFFICES, RANK_ABBREVIATIONS
from .mentions import Mention, cached_place_kind, common_word
from .tables import is_sports

RULES = ("title", "apposition", "speech", "platform", "region", "region_locative", "work_title", "coordination",
         "quoted_name")
ENABLED: set[str] = set(RULES)
LOG: list[tuple[str, int, int, str, str]] | None = None

PLACE_TYPES = ("GPE", "LOC", "FAC")

# Offices and honorifics written before a name. Abbreviations need their own case; words may be lower
# case after an adjective ("foreign minister Sergei Lavrov", "former president Richard Nixon").
_TITLE_WORDS = "|".join([
    r"vice[- ]president", "prime minister", *OFFICES,
    *"congressman congresswoman sheikh emir ayatollah archbishop bishop cardinal rabbi imam lieutenant sergeant "
     "professor chairman chairwoman commissioner lawmaker dictator coach striker midfielder defender goalkeeper".split()])
_TITLE_BEFORE = re.compile(
    r"(?:(?<![\w.])(?:" + _TITLE_WORDS + r")|(?<![\w.])(?:" + "|".join([*HONORIFICS, *RANK_ABBREVIATIONS]) + r")\.?) $",
    re.I)

# Appositions: ", a nurse at", ", the capital of", ", a company that". The head is the last word of the
# noun phrase after the comma, read up to a preposition, a relative word, a verb of speech or punctuation.
_APPOS = re.compile(
    r" ?, (?:(?:a|an|the|his|her|its|their|another|one) ((?:(?!(?:who|which|that|whose|where|when)\b)[\w’'-]+ )"
    r"{0,4}?[a-z][\w-]*)|([a-z][\w-]*))"
    r"(?= (?:of|in|at|on|for|from|with|to|near|who|which|that|whose|and|said|says|told|is|was|has|had|"
    r"based|where|since|until)\b|[,.;:)]| ?\n|$)")
PERSON_HEADS = frozenset(
    "nurse doctor surgeon teacher student pupil worker officer official spokesman spokeswoman spokesperson "
    "lawyer attorney judge minister president leader chief head director manager executive chairman "
    "chairwoman founder co-founder owner member resident citizen mother father son daughter wife husband "
    "brother sister widow widower friend colleague partner analyst professor researcher engineer "
    "reporter correspondent editor writer author actor actress singer player striker midfielder defender "
    "goalkeeper coach captain veteran survivor victim witness candidate lawmaker legislator senator "
    "diplomat envoy ambassador soldier commander general colonel pilot driver farmer businessman "
    "businesswoman entrepreneur investor trader banker consultant adviser advisor aide secretary deputy "
    "governor mayor priest bishop monk nun man woman boy girl grandmother grandfather neighbour neighbor "
    "mother-of-two father-of-two spokesman".split())
# People nouns by their ending: a journalist, an economist, a politician, a physician.
_PERSON_SUFFIX = re.compile(r"(?:ist|ician|ologist)$")
PLACE_HEADS = {
    **dict.fromkeys("capital city town village province state county district suburb port municipality "
                    "republic country kingdom emirate enclave township borough".split(), "GPE"),
    **dict.fromkeys("region island islands area peninsula territory valley mountains range river "
                    "desert coast".split(), "LOC"),
}
ORG_HEADS = frozenset(
    "company firm group bank party agency ministry newspaper daily broadcaster club union organisation "
    "organization association charity airline carrier insurer lender brokerage conglomerate subsidiary "
    "unit militia faction movement alliance coalition government".split())

# Speech: "X said", "X told reporters", "X has said"; and the inverted '..., said X.'
_SPEECH_AFTER = re.compile(
    r"(?: ?, [^,\n]{1,60},)? (?:(?:has|had|have|also|later|then|earlier|again|would|will) )?(?:said|says|told|"
    r"added|stated|noted|declared|announced|warned|explained|argued|insisted|claimed|replied|wrote|tweeted|"
    r"posted|urged|denied|admitted|acknowledged)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|asked|wrote|replied)\s$")
_CLAUSE_END = re.compile(r"\s?(?:[.,;:!?\"”]|$|\n)")
_PREP_BEFORE = re.compile(r"\b(?:of|in|at|near|from|to|into|for|by|with|on)\s$")
_PLACE_PREP = re.compile(r"\b(?:in|at|near|outside|from|to|into|across)\s$")

# Platforms and services: "X users", "a X post", "his X account"; "posted on X", "an observer on X".
_PLATFORM_AFTER = re.compile(r" (?:users?|posts?|account|accounts|feed|handle|followers|app|platform)\b")
_PLATFORM_BEFORE = re.compile(
    r"\b(?:posted|posting|wrote|writing|tweeted|shared|sharing|published|observer|observers|commentator|"
    r"commentators|users?|posts?|message|messages|comment|comments|account|followers|streamed|live)"
    r" (?:on|via) $")

# Regions: "in the X", "across the X" for a name that is not an acronym or a body.
_LOCATIVE_THE = re.compile(r"\b(?:in|across|into|through|over|throughout|beyond)\s+the\s$", re.I)

# Works: "the film 'Guinea Pig'", "his novel Heart of Darkness".
_WORK = r"(?:film|movie|book|novel|song|album|play|series|show|documentary|musical|opera|poem|single|sitcom)"
_QUOTED = re.compile(r"[“\"‘']([A-Z][^“”\"‘’'\n]{0,80})[”\"’']")
_WORK_BEFORE = re.compile(r"\b(?:" + _WORK + r"s?|titled|entitled|called|named)\s*,?\s*$", re.I)

# A title written without quotes straight after its kind: "the film Guinea Pig".
_WORK_TITLE_BARE = re.compile(r"\b(?:the|a|an|his|her|their) " + _WORK + r" $")

_COORD = re.compile(r"^\s+(?:and|or|&)\s+$")


def _log(rule: str, m: Mention, new: str) -> None:
    if LOG is not None:
        LOG.append((rule, m.start, m.end, m.type, new))


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words)


def _apposition_type(text: str, end: int) -> str | None:
    m = _APPOS.match(text, end)
    if m is None:
        return None
    if _SPEECH_AFTER.match(text, m.end()) or re.match(r" (?:said|says|told)\b", text[m.end():m.end() + 8]):
        return None  # "X, the ministry said": a new clause, not an apposition
    if m.group(2) and not text.startswith((" of ", " for ", " at "), m.end()):
        return None  # without an article only "X, spokesman for ..." / "X, capital of ..." read as one
    words = re.split(r"['’]s ", m.group(1) or m.group(2))[-1].split()  # "the company's chief": the head follows "'s"
    if not words:
        return None
    head = words[-1]
    if head in PERSON_HEADS or _PERSON_SUFFIX.search(head):
        return "PERSON"
    if head in PLACE_HEADS:
        return PLACE_HEADS[head]
    if head in ORG_HEADS:
        return "ORG"
    return None


def _big_place(name: str) -> bool:
    """A country, a first-level region or a capital city: names that speak for a government."""
    if cached_place_kind(name) in ("country", "admin1"):
        return True
    from ...geo.gazetteer import get_gazetteer

    return any(c.capital or c.feature in ("country", "admin1", "region") for c in get_gazetteer().lookup(name)
               if not c.alt)


def _region(name: str) -> bool:
    from ...geo.gazetteer import get_gazetteer

    return any(c.feature == "region" and not c.alt for c in get_gazetteer().lookup(name))


def _work_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of titles of works: a quoted title after "film", "book", "titled"..."""
    out = []
    for q in _QUOTED.finditer(text):
        if _WORK_BEFORE.search(text, max(0, q.start() - 30), q.start()):
            out.append(q.span(1))
    return out


def retype(mentions: list[Mention], text: str, tagged: list[str] | None = None) -> list[Mention]:
    """Mentions with types corrected from context (in place) and those inside a work's title dropped.
    `tagged` holds each mention's type before the gazetteer check, when that differs."""
    if not text:
        return mentions
    tagged = tagged or [m.type for m in mentions]
    on = ENABLED
    persons = {m.text for m in mentions if m.type == "PERSON"}
    surnames = {p.split()[-1] for p in persons if " " in p}
    placed = {m.text for m in mentions if _PLACE_PREP.search(text, max(0, m.start - 12), m.start)}
    sports = is_sports(text[:4000])
    works = _work_spans(text) if "work_title" in on else []
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.sure:
            out.append(m)
            continue
        s, e = m.start, m.end
        if works and m.type in (*PLACE_TYPES, "PERSON", "ORG") and any(a <= s and e <= b for a, b in works):
            _log("work_title", m, "-")
            continue
        if "work_title" in on and m.type in PLACE_TYPES and _WORK_TITLE_BARE.search(text, max(0, s - 20), s):
            # "the film Guinea Pig": a title written without quotes
            _log("work_title", m, "-")
            continue
        new = None
        rule = ""
        if "title" in on and m.type != "PERSON" and _looks_like_name(m.text) \
                and _TITLE_BEFORE.search(text, max(0, s - 25), s) and cached_place_kind(m.text) != "country":
            new, rule = "PERSON", "title"
        if new is None and "apposition" in on and m.type != "NORP":
            got = _apposition_type(text, e)
            if got == "PERSON" and m.type != "PERSON" and _looks_like_name(m.text) and not _big_place(m.text):
                new, rule = got, "apposition"
            elif got in ("GPE", "LOC") and m.type in ("PERSON", "ORG", "FAC"):
                new, rule = got, "apposition"
            elif got == "ORG" and m.type in ("PERSON",):
                new, rule = got, "apposition"
        if new is None and "platform" in on and m.type in ("PERSON", *PLACE_TYPES) and m.text not in surnames \
                and len(m.text.split()) <= 2 and (_PLATFORM_AFTER.match(text, e)
                                                  or _PLATFORM_BEFORE.search(text, max(0, s - 30), s)):
            new, rule = "ORG", "platform"
        if new is None and "speech" in on and m.type in PLACE_TYPES and _looks_like_name(m.text) \
                and (_SPEECH_AFTER.match(text, e) or (_SPEECH_BEFORE.search(text, max(0, s - 10), s)
                                                      and _CLAUSE_END.match(text, e))) \
                and not _big_place(m.text) and m.text not in placed and not common_word(m.text) \
                and not _PREP_BEFORE.search(text, max(0, s - 12), s):
            # "Kennedy said": a speaker is a person or a body, and a small town is not a speaker
            back = tagged[i] if tagged[i] in ("PERSON", "ORG") else "PERSON"
            new, rule = back, "speech"
        if new is None and "region" in on and m.type == "ORG" and not m.text.isupper() and _region(m.text):
            new, rule = "LOC", "region"
        if new is None and "region_locative" in on and m.type == "ORG" and " " not in m.text \
                and not m.text.isupper() and _LOCATIVE_THE.search(text, max(0, s - 20), s) \
                and _CLAUSE_END.match(text, e) and not sports:
            # "a pass high in the Caucasus": the object of a place preposition, at the end of its clause
            new, rule = "LOC", "region_locative"
        if new is None and "coordination" in on and m.type in PLACE_TYPES and " " not in m.text \
                and cached_place_kind(m.text) is None and not _known_place(m.text):
            nb = [o for o in (mentions[i - 1] if i else None, mentions[i + 1] if i + 1 < len(mentions) else None)
                  if o is not None and o.type == "PERSON"
                  and _COORD.match(text[min(o.end, e):max(o.start, s)])]
            if nb:
                new, rule = "PERSON", "coordination"
        if new and new != m.type:
            _log(rule, m, new)
            m.type = new
            m.sure = True
        out.append(m)
    return out


def _known_place(name: str) -> bool:
    from ...geo.gazetteer import get_gazetteer

    return bool(get_gazetteer().lookup(name))


# A name given in quotation marks and then the subject of a verb: "'Nick' is now on the run" (a name the
# story has changed, which the tagger does not read as one).
_QUOTED_SUBJECT = re.compile(
    r"(?<![\w’'])[‘'“\"]([A-Z][a-z]{2,})[’'”\"] (?=(?:is|was|has|had|says|said|told|says|who|and his|and her)\b)")


def add_quoted_names(mentions: list[Mention], text: str) -> list[Mention]:
    """People introduced by a name in quotation marks and then acting in the sentence."""
    if "quoted_name" not in ENABLED:
        return mentions
    from ...clean.words import freq

    added = []
    for q in _QUOTED_SUBJECT.finditer(text):
        s, e = q.span(1)
        name = q.group(1)
        if any(m.start < e and s < m.end for m in mentions) or freq(name.lower()) > 1e-4 or cached_place_kind(name):
            continue
        new = Mention(name, "PERSON", s, e)
        if LOG is not None:
            LOG.append(("quoted_name", s, e, "-", "PERSON"))
        added.append(new)
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions
