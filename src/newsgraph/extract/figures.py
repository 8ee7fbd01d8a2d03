"""Counted figures: "at least 17 people were killed", "injuring more than 30", "300,000 had left".

Each number expression (numbers.py) is kept when it counts something, and gets a category from, in order:
1. the verb or noun right before it ("killing five", "injuring more than 30", "deaths of 500", "toll ... to 19");
2. the verb governing its noun in the parse ("four members of the security forces ... were killed");
3. a cue in the words after it, up to the next number ("were killed or injured", "had left", "are missing");
4. the counted noun itself ("refugees", "deaths", "protesters", "troops", "$", "hectares");
5. the figure just before it when it continues an elliptical list ("45 dead in A, 12 in B and seven in C").
Casualty categories need a person-like or elliptical count: "two bombs killed six" counts six people, and
"4,000 dead birds" is not a casualty figure. Not figures: years, dates, times, clip durations, ages,
durations ("four days"), ordinals, phone numbers, percentages, measurements, compound adjectives
("a 12-kilogram bomb"), "one" unless it is a casualty ("one person was killed").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Figure
from . import Stage
from .numbers import NumberMatch, find_numbers

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..clean.story import Story
    from ..model import Article

CASUALTY = ("killed", "injured", "killed_or_injured", "missing", "displaced", "arrested", "kidnapped")

# Cue words for each category, matched as whole words, lowercase.
_CUES: dict[str, str] = {
    "killed": r"kill(?:ed|ing|s)?|die[ds]?|dying|dead|deaths?(?!\s+rates?)|fatalit(?:y|ies)(?!\s+rates?)|fatal|"
              r"perish(?:ed|ing)?|deceased|"
              r"murdered|slain|massacred|executed|drowned|lost\s+their\s+lives|bodies",
    "injured": r"injur(?:ed|ing|ies|y)|wound(?:ed|ing)|hurt|blinded|maimed",
    "missing": r"missing|unaccounted\s+for|escaped",
    "displaced": r"fled|flee(?:ing)?|displaced|evacuat(?:ed|ing|ion)|evacuees?|refugees?|homeless|"
                 r"(?:had|have|has)\s+(?:already\s+)?left|left\s+(?:their|the)\s+(?:homes?|country|region|city)|"
                 r"forced\s+(?:to\s+leave|from)|(?:emergency\s+)?shelters?|sheltering|camp(?:s|ing)?|asylum",
    "arrested": r"arrest(?:ed|ing)?|detain(?:ed|ing)?|(?:taken|held)\s+into\s+custody|in\s+custody|charged|"
                r"rounded\s+up|apprehended",
    "kidnapped": r"kidnap(?:ped|ping)?|abduct(?:ed|ing)|taken\s+hostage|held\s+hostage|hostages|"
                 r"(?:allegedly\s+)?taken(?!\s+(?:to|into|by\s+ambulance|off|over|up|place))",
    "protesters": r"protest(?:ed|ing|s|ers)?|demonstrat(?:ed|ing|ors|ions?)|rall(?:y|ied|ies)|marched|"
                  r"took\s+to\s+the\s+streets",
    "troops": r"troops|soldiers|reservists|conscripts|recruits|deploy(?:ed|ing)?|mobili[sz](?:ed|ing)|"
              r"(?:hastily\s+)?trained|drafted|fighters|jihadists|militiamen|servicemen",
}
_CUE_RE = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in _CUES.items()}
# Verbs whose object is the count that follows them ("killing five", "arrested along with nine others").
_LEFT_VERB = re.compile(
    r"\b(?P<w>kill(?:ed|ing|s)?|injur(?:ed|ing|es)|wound(?:ed|ing|s)|arrest(?:ed|ing|s)|detain(?:ed|ing|s)|"
    r"evacuat(?:ed|ing|es)|displac(?:ed|ing|es)|kidnapp(?:ed|ing)|abduct(?:ed|ing|s)|charged|"
    r"(?:claimed|took|cost)\s+the\s+lives\s+of|lives\s+of|deaths?\s+of|death\s+toll\s+(?:of|at)|"
    r"(?:deployed|deploying|mobili[sz]ed|mobili[sz]ing)|(?:death|dead)\s+of|bodies\s+of|blind(?:ed|ing))"
    r"(?:\s+(?:along\s+with|including|another|a\s+further|an?\s+additional|a\s+total\s+of|the|some))?\s*$",
    re.I,
)
# "the death toll rose to", "the number of deaths ... is now", "the total dead ... to"
_TOLL = re.compile(
    r"\b(?P<w>toll|death\s+count|dead|deaths|fatalities|killed|injured|casualties|missing|displaced|arrested|evacuated|"
    r"refugees)\b"
    r"[^.;:]{0,90}?\b(?:to|at|is|was|are|were|now|reached|hit|totals?|totalled|stands?\s+at|stood\s+at)\s*$",
    re.I,
)
_NUMBER_OF = re.compile(
    r"\b(?:number|total|tally|count)\s+of\s+(?P<what>(?:[a-z-]+\s+){0,2}?[a-z]+s)\b[^.;:]{0,80}?"
    r"\b(?:to|at|is|was|now|reached|hit|totals?|totalled|stands?\s+at|stood\s+at)\s*$", re.I)
_LEFT_MAP = {
    "kill": "killed", "claimed": "killed", "took": "killed", "cost": "killed", "lives": "killed", "death": "killed",
    "deaths": "killed", "dead": "killed", "toll": "killed", "fatalities": "killed", "injur": "injured",
    "wound": "injured", "blind": "injured", "bodies": "killed", "arrest": "arrested", "detain": "arrested",
    "charged": "arrested", "evacuat": "displaced",
    "displac": "displaced", "refugees": "displaced", "kidnapp": "kidnapped", "abduct": "kidnapped",
    "deploy": "troops", "mobili": "troops", "casualties": "killed_or_injured",
    "missing": "missing", "killed": "killed", "injured": "injured", "arrested": "arrested", "evacuated": "displaced",
}

PEOPLE = {
    "people", "persons", "person", "civilians", "civilian", "residents", "children", "child", "kids", "women", "woman",
    "men", "man", "adults", "individuals", "villagers", "students", "pupils", "workers", "migrants", "passengers",
    "pilgrims", "patients", "victims", "members", "officers", "officer", "policemen", "police", "soldiers",
    "soldier", "troops", "fighters", "militants", "rebels", "gunmen", "insurgents", "protesters", "protestors",
    "demonstrators", "refugees", "families", "inhabitants", "citizens", "tourists", "visitors", "staff",
    "employees", "journalists", "babies", "infants", "teenagers", "teens", "boys", "girls", "boy", "girl",
    "others", "nurses", "doctors", "firefighters", "miners", "crew", "sailors", "prisoners", "inmates",
    "detainees", "hostages", "suspects", "voters", "supporters", "guards", "personnel", "siblings", "relatives",
    "volunteers", "youths", "nationals", "expatriates", "foreigners", "jihadists", "reservists", "conscripts",
    "recruits", "servicemen", "evacuees",
    "casualties", "survivors", "aid", "guests", "worshippers", "spectators", "fans", "farmers", "settlers",
    "peacekeepers", "marines", "sons", "daughters", "mothers", "fathers", "wives", "husbands", "friends",
}
CASUALTY_NOUNS = {
    "deaths": "killed", "death": "killed", "fatalities": "killed", "fatality": "killed", "dead": "killed",
    "bodies": "killed", "lives": "killed", "injuries": "injured", "wounded": "injured", "injured": "injured",
    "casualties": "killed_or_injured", "arrests": "arrested", "detentions": "arrested", "refugees": "displaced",
    "evacuees": "displaced", "displaced": "displaced", "hostages": "kidnapped", "abductees": "kidnapped",
    "protesters": "protesters", "protestors": "protesters", "demonstrators": "protesters", "marchers": "protesters",
    "troops": "troops", "soldiers": "troops", "fighters": "troops", "reservists": "troops", "conscripts": "troops",
    "jihadists": "troops", "militiamen": "troops", "servicemen": "troops", "marines": "troops",
    "peacekeepers": "troops",
}
ANIMALS = {
    "birds", "bird", "chickens", "hens", "ducks", "geese", "swans", "poultry", "pigs", "hogs", "swine", "cattle",
    "cows", "sheep", "goats", "horses", "dogs", "cats", "animals", "fish", "owls", "turkeys", "piglets", "camels",
    "livestock", "heads", "deer", "rats", "mice", "monkeys", "bats", "dolphins", "whales", "elephants",
}
CURRENCY_WORDS = {
    "dollars": "dollars", "dollar": "dollars", "euros": "euros", "euro": "euros", "pounds": "pounds",
    "sterling": "pounds", "yen": "yen", "yuan": "yuan", "rupees": "rupees", "roubles": "roubles", "rubles": "roubles",
    "pesos": "pesos", "shillings": "shillings", "naira": "naira", "rand": "rand", "francs": "francs",
    "dinars": "dinars", "riyals": "riyals", "lira": "lira", "won": "won", "hryvnias": "hryvnias", "usd": "dollars",
}
CURRENCY_SIGNS = {"$": "dollars", "us$": "dollars", "$us": "dollars", "ca$": "dollars", "au$": "dollars",
                  "s$": "dollars", "r$": "reais", "a$": "dollars", "c$": "dollars", "nz$": "dollars",
                  "hk$": "dollars", "£": "pounds", "€": "euros", "¥": "yen", "₹": "rupees", "ksh": "shillings",
                  "rs": "rupees", "rs.": "rupees", "usd": "dollars", "eur": "euros", "gbp": "pounds"}
AREA = re.compile(r"^(?:hectares?|ha\b|acres?|sq(?:uare)?\.?\s*(?:kilometres?|kilometers?|km|miles?|metres?|meters?|"
                  r"feet|foot|ft|yards?)|km2|km²|square)", re.I)
MEASURES = {
    "kilometres", "kilometers", "kilometre", "kilometer", "km", "miles", "mile", "metres", "meters", "metre",
    "meter", "m", "feet", "foot", "ft", "inches", "inch", "centimetres", "centimeters", "cm", "millimetres",
    "millimeters", "mm", "kilos", "kilograms", "kg", "grams", "g", "mg", "milligrams", "tonnes", "tons", "tonne",
    "ton", "litres", "liters", "gallons", "barrels", "degrees", "celsius", "fahrenheit", "mph", "kph", "km/h",
    "knots", "kwh", "mw", "gw", "mva", "magnitude", "points", "times", "bpd", "lbs", "lb", "ounces", "oz",
}
TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "decade", "decades", "century", "centuries", "weekend", "weekends", "nights", "night",
    "mins", "hrs", "yrs", "term", "terms", "sessions", "season", "seasons", "fortnight", "fortnights",
}
# Fixed phrases where a number word counts nothing: "gives two fingers to", "mother of two".
_IDIOM_AFTER = re.compile(r"^\s*(?:fingers?\b|cents'?\s+worth|minds?\b|of\s+a\s+kind|and\s+all\b|by\s+(?:one|two)\b)",
                          re.I)
_PARENT_OF = re.compile(r"\b(?:mother|father|mum|mom|dad|parent|grandmother|grandfather)s?\s+of\s*$", re.I)
_AGE_BEFORE = re.compile(r"(?:\baged?|\bages|\bage\s+of|\bat\s+the\s+age\s+of|\bturns?|\bturned)\s*$", re.I)
_AGE_AFTER = re.compile(r"^(?:\s*|-)(?:years?|yrs?|months?|weeks?)[-\s]old\b|^-year\b|^\s*-?\s*years?\s+of\s+age", re.I)
_SCORE = re.compile(r"^\s*[-–]\s*\d|^\s+(?:goals?|points|runs|wickets|seats|votes)\b", re.I)
_FUNCTION = {
    "the", "a", "an", "and", "or", "but", "to", "in", "on", "at", "for", "by", "with", "as", "that", "this", "these",
    "those", "their", "his", "her", "its", "our", "my", "your", "were", "was", "are", "is", "had", "have", "has",
    "been", "be", "will", "would", "could", "may", "might", "from", "into", "than", "since", "after", "before",
    "who", "which", "when", "while", "where", "more", "other", "others", "further", "additional", "new", "of",
    "per", "each", "every", "so", "far", "all", "still", "also", "already", "now", "then", "they", "we", "it",
    "next", "last", "ago", "later", "earlier", "times", "over", "under", "out", "up", "down", "off", "top", "most",
    "least", "best", "worst",
}
# Counts of people in effect when a casualty word follows: "two of the cases were fatal".
PERSON_LIKE = {"cases", "case", "aid"}
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=\s*[^a-z\s])")


# Verbs that make a bare count a count of people, outside the categories: "over 526 have been stricken".
_PEOPLE_CUE = re.compile(r"^\s+(?:more\s+|others?\s+)?(?:(?:have|has|had|were|was|are|is)\s+(?:been\s+|now\s+|also\s+)?"
                         r"|(?:are|were)\s+(?:estimated|reported|thought|believed|said)\s+to\s+(?:be\s+|have\s+been\s+)?)"
                         r"(?:currently\s+)?(?:infected|sickened|stricken|hospitali[sz]ed|affected|ill|treated|diagnosed|"
                         r"tested|rescued|recovering|trapped|stranded|quarantined|isolated|vaccinated)\b", re.I)
_PEOPLE_LEFT = re.compile(r"\b(?:infect(?:ed|ing)|sicken(?:ed|ing)|affect(?:ed|ing)|hospitali[sz](?:ed|ing)|"
                          r"rescu(?:ed|ing)|treat(?:ed|ing)|vaccinat(?:ed|ing))\s*$", re.I)


@dataclass
class _Cand:
    nm: NumberMatch
    noun: str | None = None  # the counted noun, lowercase
    noun_end: int = 0
    person: bool = False  # counts people, or an elliptical count that may ("five others", "56 more", "12 died")
    animal: bool = False  # an animal word between the number and its noun ("270 swine deaths")
    category: str | None = None
    unit: str | None = None
    sent: tuple[int, int] = (0, 0)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        out.append((pos, m.start() + 1))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _sentence_of(sents: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding offset i; `sents` is sorted and covers the text."""
    k = bisect.bisect_right(sents, (i, len(sents) and sents[-1][1] + 1)) - 1
    return sents[max(k, 0)] if sents else (0, 0)


_WORD_RE = re.compile(r"[A-Za-z][\w'’.-]*|[^\sA-Za-z]")


def _counted_noun(text: str, cand: _Cand, doc: Doc | None) -> None:
    """The noun a number counts: the parse's nummod head when it lies just after, else the first likely noun."""
    nm = cand.nm
    after = text[nm.end:nm.end + 80]
    m = re.match(r"\s+of\s+(?:the\s+|them\b|those\b|its\s+|their\s+|these\s+)?", after, re.I)
    offset = nm.end + (m.end() if m else 0)
    rest = text[offset:offset + 70]
    words: list[tuple[str, int, int]] = []
    for w in _WORD_RE.finditer(rest):
        if not w.group()[0].isalpha():
            break
        words.append((w.group(), offset + w.start(), offset + w.end()))
        if len(words) >= 4 or (w.group().endswith(".") and len(w.group()) > 3 and "." not in w.group()[:-1]):
            break  # a sentence ends here ("House."), but "U.S." does not end one
    if nm.currency:
        if words and words[0][0].lower() in CURRENCY_WORDS:
            cand.noun, cand.noun_end = words[0][0].lower(), words[0][2]
        return
    head = _dep_head(doc, nm) if doc is not None else None
    if head is not None and head[1] >= nm.end and head[1] - nm.end <= 45 \
            and not re.search(r"[.;:!?\n]", text[nm.end:head[1]]):
        word, _s, e = head
        between = set(re.findall(r"[a-z]+", text[nm.end:e].lower()))
        cand.animal = bool(between & ANIMALS)
        cand.noun, cand.noun_end = word.lower(), e
        if re.fullmatch(r"[A-Z][a-z]+(?:ans|ians|ese|is|ons)", word):
            cand.noun = "people"  # "12,000 Britons", "48.7 million Americans"
        return
    for w, _s, e in words:
        lw = w.lower()
        if lw in _FUNCTION:
            break
        if lw in ANIMALS:  # "5,000 dead chickens": the animals are counted, "dead" describes them
            cand.noun, cand.noun_end, cand.animal = lw, e, True
            return
    first = True
    capitals = 0
    for i, (w, _s, e) in enumerate(words):
        lw = w.lower().rstrip(".")
        nxt = words[i + 1][0].rstrip(".") if i + 1 < len(words) else ""
        if lw in ANIMALS:
            cand.animal = True
        if re.fullmatch(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+ty|[a-z]+ly)", lw):
            continue  # "three of the four cases": the noun is after the whole; "four subsequently died"
        if lw in PEOPLE or lw in CASUALTY_NOUNS or lw in ANIMALS or lw in CURRENCY_WORDS or lw in MEASURES \
                or lw in TIME_UNITS:
            cand.noun, cand.noun_end = lw, e - (len(w) - len(w.rstrip(".")))
            return
        if first and lw in _FUNCTION:
            if lw in ("more", "other", "others", "further", "additional", "new"):
                continue
            return
        nationality = re.fullmatch(r"[A-Z][a-z]+(?:ans|ians|ese|is|ons)", w.rstrip(".")) and lw not in ("these", "this")
        if w[0].isupper() and nationality and not (re.fullmatch(r"[a-z]+s", nxt) and nxt not in _FUNCTION):
            cand.noun, cand.noun_end = "people", e  # "48.7 million Americans", "12,000 Britons"
            return
        if w[0].isupper():
            capitals += 1
            if capitals >= 2:
                return  # a name or a title: "747 Media House", "10 Ways Generative AI"
            first = False
            continue  # "two Illinois locations", "130 Chinese cities": skip the proper modifier
        if not lw.endswith("s") and re.fullmatch(r"[a-z]+s", nxt) and nxt not in _FUNCTION:
            first = False
            continue  # a modifier before the plural it describes: "four young boys", "eleven confirmed cases"
        if first and re.search(r"(?:ed|ing)$", lw) and lw not in ("wounded", "injured", "displaced", "dead") \
                and not (re.fullmatch(r"[a-z]+s", nxt) and nxt not in _FUNCTION):
            return  # "12 died", "300,000 had left": a verb, no noun; but "eleven confirmed cases" has one
        if lw.endswith("s") or cand.nm.value == 1 or cand.nm.qualifier == "vague":
            cand.noun, cand.noun_end = lw, e - (len(w) - len(w.rstrip(".")))  # a count of many names a plural
        return


def _dep_head(doc: Doc, nm: NumberMatch) -> tuple[str, int, int] | None:
    span = doc.char_span(nm.core_start, nm.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    last = span[-1]
    tok = last
    # a number's own parts hang off each other ("two million", "40,000 and 80,000"); climb out of them
    while tok.dep_ in ("compound", "quantmod", "nummod", "conj", "cc") and tok.head.i != tok.i and tok.head.like_num:
        tok = tok.head
    if tok.dep_ == "nummod" and tok.head.i > tok.i:
        h = tok.head
        return h.text, h.idx, h.idx + len(h.text)
    return None


def _is_person_noun(noun: str | None) -> bool:
    if noun is None:
        return True  # elliptical: "12 died", "300,000 had left"
    if noun in PEOPLE or noun in CASUALTY_NOUNS:
        return True
    if noun in ANIMALS:
        return False
    return (bool(re.search(r"(?:ers|ors|ists|ians|ees|men|women|ren)$", noun)) and noun not in {
        "numbers", "orders", "letters", "papers", "centers", "centres", "containers", "computers", "helicopters",
        "towers", "waters", "quarters", "headquarters", "members", "offenders", "matters", "chapters", "barrels",
    }) or noun == "members"


def _skip(text: str, cand: _Cand) -> bool:
    """True for numbers that are not counted figures, whatever their context."""
    nm = cand.nm
    if nm.kind:
        return True
    before, after = text[max(0, nm.start - 40):nm.start], text[nm.end:nm.end + 40]
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after) or (
            _PARENT_OF.search(before) and not re.match(r"\s+(?!and\b|who\b|in\b|from\b)[a-z]", after)):
        return True
    if re.match(r"^-[A-Za-z]", after) and not re.match(r"^-(?:strong|plus|odd)\b", after, re.I):
        return True  # compound adjective: "a 12-kilogram bomb", "a two-day visit", "Article 5-like"
    if re.match(r"^\s*(?:/|-\d|:)", after) or re.search(r"(?:#|No\.?|no\.|number|page|room|flight|route)\s*$", before):
        return True
    if re.search(r"\b(?:one|[Nn]o)[\s-]*$", before) or _IDIOM_AFTER.match(after):
        return True  # "no one", "gives two fingers to"
    # an age in apposition: "Jerome Faulkner, 73, and", "Munir Abdulkader, 22, from"
    if nm.value is not None and nm.value < 120 and float(nm.value).is_integer() and not nm.words_only \
            and re.search(r"[A-Z][\w'’.-]+,\s*$", before) and re.match(r"^\s*(?:[,;)]|\.(?:\s|$)|and\b)", after):
        return True
    if nm.value is not None and nm.value < 1 and nm.currency is None:
        return True
    if _SCORE.match(after) and re.search(r"\b(?:won|lost|beat|drew|defeated|score[ds]?)\b[^.]{0,30}$", before):
        return True
    return False


# The words after a count stop being about it at a reporting verb ("Three spokesmen said the wounded ...") or at
# a new coordinated verb ("infected 80 people and led to the death of one vet").
_R_STOP = re.compile(r"\b(?:said|says|say|told|tells|reported|reports|added|announced|stated|according)\b|"
                     r",\s+(?=[a-z]+ing\b)|\s(?:and|but)\s+(?=(?:can|could|may|might|will|would)\b)|"
                     r"(?<!killed)(?<!dead)(?<!injured)(?<!wounded),?\s+(?:and|but)\s+(?=[a-z]+(?:ed|ing)\b)", re.I)


def _right_cue(text: str, start: int, end: int, noun_end: int = 0) -> str | None:
    """The first category cue in text[start:end], ignoring active verbs followed by their own object."""
    window = text[start:end]
    best: tuple[int, str, re.Match[str]] | None = None
    for cat, rx in _CUE_RE.items():
        for m in rx.finditer(window):
            if cat in ("troops", "protesters") and start + m.start() < noun_end:
                continue  # the counted noun itself ("Eighteen troops who were wounded") is not the cue
            if cat in ("killed", "injured", "arrested", "kidnapped", "displaced") and re.match(
                    r"\s+(?:\d|(?:a|an|the|at\s+least|more\s+than|some|about|around|nearly|over|dozens|"
                    r"hundreds|thousands|scores|one|two|three|four|five|six|seven|eight|nine|ten)\b)",
                    text[start + m.end():start + m.end() + 40], re.I) \
                    and not re.search(r"\b(?:were|was|been|being|are|is|got)\s+$", window[:m.start()], re.I):
                continue  # "two bombs killed six police officers": the bombs were not killed
            if best is None or m.start() < best[0]:
                best = (m.start(), cat, m)
            break
    if best is None:
        return None
    _pos, cat, m = best
    tail = window[m.end():m.end() + 30]
    if cat == "killed" and re.match(r"\s+(?:or|and|and/or)\s+(?:injured|wounded|hurt)\b", tail, re.I):
        return "killed_or_injured"
    if cat == "injured" and re.match(r"\s+(?:or|and)\s+(?:killed|dead)\b", tail, re.I):
        return "killed_or_injured"
    return cat


def _verb_cue(doc: Doc | None, cand: _Cand, limit: int) -> str | None:
    """The verb governing the counted noun in the parse, when it is a cue: long subjects defeat the window."""
    if doc is None:
        return None
    span = doc.char_span(cand.nm.core_start, cand.nm.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    if tok.dep_ == "nummod":
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    if verb.i <= tok.i or verb.idx >= limit:
        return None
    words = [verb.text]
    words += [c.text for c in verb.children if c.dep_ in ("acomp", "oprd", "attr")]
    for w in words:
        got = _right_cue(w, 0, len(w))
        if got in ("killed", "injured", "missing", "arrested", "kidnapped", "displaced"):
            for c in verb.children:
                if c.dep_ == "conj" and c.i == verb.i + 2 and not any(
                        x.dep_ in ("nsubj", "nsubjpass", "dobj") for x in c.children):
                    other = _right_cue(c.text, 0, len(c.text))
                    if {got, other} == {"killed", "injured"} and any(x.dep_ == "cc" for x in verb.children):
                        return "killed_or_injured"
            return got
    return None


def extract_figures(text: str, doc: Doc | None = None) -> list[Figure]:
    """Counted figures in `text`; `doc` (a spaCy parse of the same text) sharpens nouns and verbs when given."""
    numbers = find_numbers(text)
    sents = _sentences(text)
    cands = [_Cand(nm) for nm in numbers]
    figures: list[Figure] = []
    prev: _Cand | None = None
    for idx, cand in enumerate(cands):
        nm = cand.nm
        if _skip(text, cand):
            continue
        cand.sent = _sentence_of(sents, nm.start)
        _counted_noun(text, cand, doc)
        noun = cand.noun
        is_area = bool(noun and AREA.match(text[nm.end:].lstrip()))
        if not is_area and not nm.currency and (noun in TIME_UNITS or noun in MEASURES):
            continue
        if is_area:
            cand.category, cand.unit = "area", _area_unit(text[nm.end:].lstrip())
        elif nm.currency or (noun in CURRENCY_WORDS):
            cand.category = "money"
            cand.unit = CURRENCY_SIGNS.get((nm.currency or "").strip().lower()) or CURRENCY_WORDS.get(noun or "")
        cand.person = (_is_person_noun(noun) or noun in ("more", "others") or noun in PERSON_LIKE) and not cand.animal
        if cand.category is None:
            cand.category = _categorise(text, cand, cands, idx, doc, prev)
            noun = cand.noun  # "the number of infected people ... to 23" names what a bare number counts
        if cand.category is None and noun is None and nm.qualifier != "vague":
            if not _PEOPLE_CUE.match(text[nm.end:nm.end + 60]) \
                    and not _PEOPLE_LEFT.search(text[max(0, nm.start - 30):nm.start]):
                continue  # a bare number with nothing counted and no verb: "the last two", "is 17"
            cand.category, cand.unit = "other", "people"  # "over 526 have been stricken", "infected over 4000"
        if nm.value == 1 and nm.qualifier == "exact" and cand.category not in CASUALTY:
            continue  # "one" counts too little to be news unless someone died or was hurt
        if cand.unit is None:
            cand.unit = "people" if (noun in PEOPLE or noun in CASUALTY_NOUNS or (
                noun and cand.person and noun not in ("more", *PERSON_LIKE))) else noun
            if (noun is None or noun in PERSON_LIKE) and cand.category in (*CASUALTY, "protesters", "troops"):
                cand.unit = "people"  # "two of the cases were fatal" counts people
        end = max(nm.end, cand.noun_end) if cand.noun_end - nm.end <= 45 else nm.end
        figures.append(Figure(text=text[nm.start:end], span=(nm.start, end), category=cand.category or "other",
                              qualifier=nm.qualifier, value=nm.value, low=nm.low, high=nm.high, unit=cand.unit))
        prev = cand
    return figures


def _area_unit(s: str) -> str:
    s = s.lower()
    for key, unit in (("hectare", "hectares"), ("ha", "hectares"), ("acre", "acres"), ("km", "square kilometres"),
                      ("kilomet", "square kilometres"), ("mile", "square miles"), ("feet", "square feet"),
                      ("foot", "square feet"), ("ft", "square feet"), ("met", "square metres"),
                      ("yard", "square yards")):
        if key in s[:25]:
            return unit
    return "square units"


def _categorise(text: str, cand: _Cand, cands: list[_Cand], idx: int, doc: Doc | None,
                prev: _Cand | None) -> str | None:
    nm = cand.nm
    s0, s1 = cand.sent
    prev_end = max([c.nm.end for c in cands[:idx]] + [s0])
    left = text[max(s0, prev_end):nm.start]
    nxt = cands[idx + 1].nm.start if idx + 1 < len(cands) else len(text)
    # "Three of the four cases were fatal": the cue after the whole belongs to the part
    if idx + 1 < len(cands) and re.fullmatch(r"\s+of\s+(?:the|those|these)\s+", text[nm.end:nxt]):
        nxt = min(len(text), cands[idx + 2].nm.start if idx + 2 < len(cands) else len(text))
    partitive_whole = bool(re.search(r"\d\s+of\s+(?:the|those|these)\s+$|\b(?:one|two|three|four|five|six|seven|"
                                     r"eight|nine|ten)\s+of\s+(?:the|those|these)\s+$",
                                     text[max(0, nm.start - 30):nm.start], re.I))
    noun = cand.noun
    person = cand.person and noun not in ANIMALS
    animal_ctx = _animal_sentence(text, cand)

    def ok(cat: str | None, lenient: bool = False) -> str | None:
        if cat is None:
            return None
        if cat in CASUALTY or cat in ("protesters", "troops"):
            # a verb right before the count is strong evidence: "the death of one vet", "kills 12,000 Britons"
            allowed = person or (lenient and noun not in ANIMALS and not cand.animal)
            if not allowed or (noun is None and animal_ctx):
                return None
        return cat

    m = _LEFT_VERB.search(left)
    if m:
        got = ok(_map_left(m.group("w")), lenient=True)
        if got:
            return got
    if partitive_whole:
        return CASUALTY_NOUNS.get(noun or "") if noun in ("deaths", "fatalities") else None
    got = ok(_verb_cue(doc, cand, nxt))
    if got:
        return got
    rstart = max(nm.end, cand.noun_end)
    rend = min(s1, nxt, _word_limit(text, rstart, 14))
    stop = _R_STOP.search(text, rstart, rend)
    if stop and not (stop.group().strip()[:3].lower() in ("and", "but", ",") and
                     re.search(r"\b(?:were|was|are|is|been|being)\b", text[rstart:stop.start()], re.I)):
        rend = stop.start()  # but "were shot and wounded" goes on
    got = ok(_right_cue(text, nm.end, rend, cand.noun_end))
    if got:
        return got
    if prev is not None and prev.category in CASUALTY and prev.sent == cand.sent and person \
            and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[max(prev.nm.end, prev.noun_end):nm.start]):
        return prev.category  # "among the dead were four men and two women"
    if noun in CASUALTY_NOUNS and not cand.animal:
        cat = CASUALTY_NOUNS[noun]
        if noun == "lives" and not re.search(r"\b(?:claim|lost|cost|took|taken)", left, re.I):
            return None
        return cat
    m = _TOLL.search(left)
    if m:
        got = ok(_map_left(m.group("w")), lenient=True)
        if got:
            return got
    m = _NUMBER_OF.search(left)
    if m and noun is None:
        # "the number of infected people ... increased to 23": a count of what the phrase names
        cand.noun = m.group("what").split()[-1].lower()
        return None
    gap = text[max(prev.nm.end, prev.noun_end):nm.start] if prev is not None else ""
    if prev is not None and prev.category in CASUALTY and prev.sent == cand.sent and noun is None \
            and len(gap) <= 60 and not re.search(r"\d|[.;:]", gap) and re.search(r"(?:,|\band)\s*$", gap) \
            and re.match(r"\s+(?:in|at|from|on|across)\s+\S", text[nm.end:]):
        return prev.category  # "45 people dead in A, 12 in B and seven in C"
    if noun is None or person:
        clause = left.split(";")[-1]
        if _CUE_RE["troops"].search(clause) and re.search(r"\bin\s+their\s*$|\bmen\b", clause):
            return "troops"  # "hastily trained men, even in their hundreds of thousands"
    return None


def _map_left(w: str) -> str | None:
    lw = w.lower()
    for key, cat in _LEFT_MAP.items():
        if lw.startswith(key):
            return cat
    if "lives" in lw or "death" in lw:
        return "killed"
    return None


def _word_limit(text: str, start: int, n: int) -> int:
    pos = start
    for i, m in enumerate(re.finditer(r"\S+", text[start:start + 200])):
        pos = start + m.end()
        if i + 1 >= n:
            break
    return pos


_DISEASE = re.compile(r"\b(?:swine|bird|avian|chicken|camel|monkey|mad\s+cow|cow|pig|goat)[\s-]+"
                      r"(?:flu|influenza|pox|disease|fever|virus)\b")


def _animal_sentence(text: str, cand: _Cand) -> bool:
    s0, s1 = cand.sent
    sent = _DISEASE.sub(" ", text[s0:s1].lower())  # "swine flu" kills people
    words = set(re.findall(r"[a-z]+", sent))
    return bool(words & ANIMALS) and not (words & PEOPLE - {"others", "heads"})


def link_figure_places(article: Article) -> None:
    """Set `figure.place` to the place mentioned nearest the figure in the same sentence, where there is one.

    Called once places are known (the places stage runs after figures). A figure keeps an existing place.
    """
    if not article.places or not article.figures:
        return
    sents = _sentences(article.text)
    mentions = [(s, e, p.id) for p in article.places for (s, e) in p.mentions]
    for fig in article.figures:
        if fig.place is not None:
            continue
        s0, s1 = _sentence_of(sents, fig.span[0])
        best: tuple[int, str] | None = None
        for s, e, pid in mentions:
            if s0 <= s and e <= s1:
                # a place after the figure ("killed in Cali") reads as its location more often than one before
                dist = s - fig.span[1] if s >= fig.span[1] else (fig.span[0] - e) * 2
                if best is None or dist < best[0]:
                    best = (dist, pid)
        if best is not None:
            fig.place = best[1]


def run(article: Article, doc: Doc, story: Story) -> None:
    article.figures = extract_figures(article.text, doc)


STAGE = Stage("figures", run, needs=("entities",), components=("parser",))


def _link(article: Article, doc: Doc, story: Story) -> None:
    link_figure_places(article)


# Runs after the places stage: figures are found before places exist, and tied to them here.
PLACE_STAGE = Stage("figure_places", _link, needs=("figures", "places"))
