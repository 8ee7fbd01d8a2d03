"""Rules for sports and results pages, where the tagger is weakest: tables dense with numbers, and teams
named after their towns ("Leeds beat Chelsea 2-1": Leeds is a club there, not a city).

All patterns run on the recased view of the text (ALL-CAPS lines written the way the story writes those
words elsewhere), so a caps standings table reads like any other; names are cut from the original text.
"""

from __future__ import annotations

import re

from ...geo.names import place_kind
from .mentions import Mention, cached_place_kind, common_word

_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:[.,:/-]\d+)*(?!\w)|(?<![\w])\.\d+(?!\w)")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_INITIALS_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z]\. ?){1,3}(?:(?:de|van|der|von|da|le) )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w])")
_NAME_COUNTRY = re.compile(
    r"(?<![\w])([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}) \( ?([A-Z][\w.]+(?: [A-Z][\w.]+){0,2}) ?\)")
# Cricket scorecards: "Smith c Jones b Patel 45", "lbw b Patel", "Patel 10-1-38-3" (bowling figures).
_NAME = r"(?:[A-Z]\. ?){0,2}(?:de |van )?(?:Mc|Mac|O'|O’)?[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?"
_SCORECARD = re.compile(r"(?:(?<=\bc )|(?<=\bb )|(?<=\bst ))(" + _NAME + r")(?=\s|$|,)|(" + _NAME
                        + r") (?=\d+(?:\.\d)?-\d+-\d+-\d+)")
# A name followed by a score or a row of standings: "Leeds 2", "Leeds 46 5 59 .441".
_TEAM_SCORE = re.compile(
    r"(?<![\w.])((?:[A-Z][a-z]+|[A-Z]{2,4})(?:[ -][A-Z][a-z]+){0,2}) (?=\d+(?:[-/]\d+)?(?: |,|$|\.\s))")
# Fixture lines: "Leeds v Chelsea", "Leeds vs. Chelsea", "Boston at New York".
_FIXTURE = re.compile(
    r"^(?:[\w ,-]*\d[\w ,-]*: |\d[\w ,-]* )?([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}) (?:v|vs\.?|at) "
    r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?= \(|$|,| \d)")

# Words of sports reports; a story with several of them (or many score lines) is a sports story.
SPORT_WORDS = frozenset(
    "beat beats drew draw lost won win wins victory defeat defeated match matches league season goal goals "
    "scored scorer halftime half-time innings wickets wicket tournament championship championships cup "
    "semifinal semi-final quarter-final quarterfinal final seeded coach striker midfielder goalkeeper "
    "captain inning homer homered pitcher race stage lap title champion champions round set sets "
    "points game games team teams player players club clubs played play-off playoff standings "
    "squad tie relegation promotion fixture fixtures referee medal medals olympic results division soccer "
    "football rugby cricket tennis golf boxing athletics baseball basketball hockey cycling racing "
    "featherweight heavyweight bantamweight welterweight middleweight cruiserweight knockout grand prix".split())
_SCORE = re.compile(r"(?<![\w.-])\d{1,3}-\d{1,3}(?![\w-])")


def is_sports(ntext: str) -> bool:
    words = [w.lower() for w in _WORD.findall(ntext[:4000])]
    if not words:
        return False
    hits = sum(w in SPORT_WORDS for w in words)
    if hits < 2:
        return False
    scores = len(_SCORE.findall(ntext[:4000])) + sum(map(table_line, ntext[:4000].split("\n")))
    return hits >= 2 and hits + scores >= 4 and (hits + scores) / len(words) >= 0.02


def table_line(line: str) -> bool:
    """A row of a results table or standings: mostly numbers, few words."""
    nums = len(_NUMBER.findall(line))
    if nums >= 3:
        return True
    if nums >= 2:
        return nums / max(1, len(line.split())) >= 0.25
    if nums == 1 and len(line.split()) <= 8 and re.search(r"[A-Za-z][\w.'’)]* \d[\d.,:/-]*$", line):
        # a short row that ends in its figure: "J. Smith not out 14", "Leeds 3"
        return True
    return bool(re.search(r"\( ?[A-Z][a-z]+ ?\) \d", line))


def table_mentions(text: str, ntext: str) -> list[Mention]:
    """Names in results tables and lists (sport, elections). "J. Smith 45" is a person, "Name (Country)"
    a person and a country, "Town 3" a team, "Town v Town" two teams."""
    out: list[Mention] = []
    pos = 0
    for line in ntext.split("\n"):
        taken: list[tuple[int, int]] = []

        def put(s: int, e: int, typ: str, offset: int = pos, taken: list[tuple[int, int]] = taken) -> None:
            a, b = offset + s, offset + e
            if not any(x < b and a < y for x, y in taken):
                taken.append((a, b))
                out.append(Mention(text[a:b], typ, a, b, sure=True))

        fx = _FIXTURE.match(line)
        if fx:
            for g in (1, 2):
                name = fx.group(g)
                if cached_place_kind(name) == "country" or common_word(name):
                    continue
                if g == 2 and re.search(r" at $", line[:fx.start(2)], re.I):
                    # "Boston at New York": the second is where they play
                    if place_kind(name):
                        put(fx.start(g), fx.end(g), "GPE")
                else:
                    put(fx.start(g), fx.end(g), "ORG")
        elif table_line(line):
            for m in _NAME_COUNTRY.finditer(line):
                if cached_place_kind(m.group(2)) == "country":
                    put(m.start(2), m.end(2), "GPE")
                    if len(m.group(1).split()) >= 2 and cached_place_kind(m.group(1)) is None:
                        put(m.start(1), m.end(1), "PERSON")
            for m in _INITIALS_NAME.finditer(line):
                put(m.start(), m.end(), "PERSON")
            for m in _SCORECARD.finditer(line):
                g = 1 if m.group(1) else 2
                if not common_word(m.group(g)) and not cached_place_kind(m.group(g)):
                    put(m.start(g), m.end(g), "PERSON")
            for m in _TEAM_SCORE.finditer(line):
                name = m.group(1)
                if not common_word(name) and cached_place_kind(name) != "country":
                    put(m.start(1), m.end(1), "ORG")
        pos += len(line) + 1
    return out


# Around a team: it beats, draws, plays; is beaten, played against.
_TEAM_BEFORE = re.compile(
    r"(?:\b(?:beat|beats|beating|against|v|vs|over|to|with|play|plays|playing|host|hosts|hosting|face|faces|"
    r"facing|and|leaders|champions|rivals|holders|visitors|hosts|side|dismiss|dismissed|bowled|reducing|"
    r"reduced|bowling|defeated|edged|thrashed|routed|trailing)\.? )$")
_TEAM_AFTER = re.compile(
    r"^(?: 's| ’s|'s|’s)?(?: (?:beat|beats|drew|draw|lost|lose|won|win|wins|defeated|thrashed|edged|held|"
    r"host|hosts|face|faces|play|plays|played|trail|trailed|led|lead|were|are|have|had|need|needed|"
    r"reached|made|closed|took|take|scored|finished|moved|climbed|went|go|remain|remained|kept|"
    r"captain|coach|manager|striker|midfielder|defender|goalkeeper|player|players|fans|supporters|"
    r"team|squad|side|v|vs\.?)\b| \d{1,3}(?:-\d{1,3})?(?![\w-]))")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|of|outside|into|across|around)\.? (?:the )?$", re.I)


def sports_teams(mentions: list[Mention], ntext: str) -> None:
    """In a sports story, a town or region named where a team stands (it beats, is beaten, has a captain)
    is the club: ORG. Countries stay places (national teams are written as their countries)."""
    teams: set[str] = set()
    for m in mentions:
        if m.type not in ("GPE", "LOC", "FAC", "ORG") or (m.sure and m.type != "ORG"):
            continue
        if m.type == "ORG":
            teams.add(m.text)
            continue
        if cached_place_kind(m.text) == "country":
            continue
        before = ntext[max(0, m.start - 30):m.start]
        after = ntext[m.end:m.end + 30]
        if _PLACE_BEFORE.search(before):
            continue
        if _TEAM_BEFORE.search(before) or _TEAM_AFTER.match(after):
            teams.add(m.text)
    for m in mentions:
        if m.text in teams and m.type in ("GPE", "LOC", "FAC") and not m.sure \
                and not _PLACE_BEFORE.search(ntext[max(0, m.start - 30):m.start]) and cached_place_kind(m.text) != "country":
            m.type = "ORG"
            m.sure = True
