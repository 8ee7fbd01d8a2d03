"""What can be read of a story in a language without extractors: digits and well-known place names.

Nothing here claims to understand the language. Figures are digits with no category ("other") and no
qualifier beyond exact: what is counted is not read. Places are names the gazetteer knows, in the story's
own script, found by looking up runs of one to four words: in Latin script only capitalised runs, and in
any script only countries, cities of at least MIN_POPULATION and regions whose names have two words or more
(a smaller town's name is too often a word of some language: "Mar", "Sol"). What the grammar of a script's
main languages glues to a name is read off when the whole word is no place: Arabic's one-letter prefixes
("و", "ف", then "ب", "ل", "ك": and, so, in, to, like; "وبدمشق"), Hebrew's ("ו", "ב", "ל", "מ", "ה", "כ", "ש",
up to two: "ובירושלים"), and the -ς a Greek feminine name takes in the genitive ("της Ελλάδας" -> "Ελλάδα").
No entities, quotes, dates or events are made.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Figure, Place
from . import places as places_mod
from .figures import extract_figures

if TYPE_CHECKING:
    from ..geo.gazetteer import Candidate, Gazetteer

MIN_POPULATION = 100_000
MAX_WORDS = 4
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*\w|[^\W\d_]")
_PREFIX = re.compile(r"[وف]?[بلك]|[وف]|[ובלמהכש]{1,2}")  # what the grammar glues before a name
_GLUED = re.compile(r"[\u0600-\u06ff\u05d0-\u05ea]{4,}")  # a word of Arabic or Hebrew letters long enough to cut
_GREEK_GENITIVE = re.compile(r"(?<=[\u0370-\u03ff]{3}[αηάή])ς$")
# Arabic particles, prepositions and relative pronouns (from the grammar), which a glued "و", "ف", "ب" or "ل"
# can make look like a city's Arabic name once hamza is folded: "وإن" (and that) is Van, "بلم" Belém.
_ARABIC_PARTICLES = frozenset("""
من إلى عن على في مع أن إن أو ثم لا لم لن ما قد هل بل كي حتى منذ لكن إذا كما بعد قبل عند بين حيث ذلك هذا هذه
التي الذي الذين كان أي كل غير نحو خلال ضد دون لدى عبر حول إذ لأن أما إما سوف هو هي هم
""".split())


def figures(text: str) -> list[Figure]:
    return extract_figures(text, None)


def _particle(name: str) -> bool:
    """An Arabic particle, bare or behind a one-letter prefix ("وإن", "بلم"): no place."""
    return name in _ARABIC_PARTICLES or (name[:1] in "وبلف" and name[1:] in _ARABIC_PARTICLES)


def _known(name: str, gaz: Gazetteer, lang: str) -> list[Candidate]:
    """The readings of a name this module trusts (see the module's doc), a country's first."""
    if _particle(name):
        return []
    cands = places_mod.candidates(name, lang, gaz)
    if len(cands) == 1 and cands[0].feature == "country":
        cands += places_mod.other_readings(name, gaz)
    big = [c for c in cands if c.population >= MIN_POPULATION]
    good = [c for c in big if c.feature == "country" or c.feature == "city" or (c.feature == "admin1" and " " in name)]
    return sorted(good, key=lambda c: (c.feature != "country", -c.population))


def _choose(found: list[tuple[int, int, list[Candidate]]]) -> list[tuple[int, int, Candidate]]:
    """One reading a mention: a country, unless one of its other readings lies in a country the story names
    with no doubt ("عمان" beside "الأردن" is Amman, not Oman); else the biggest."""
    sure = {rs[0].country for _, _, rs in found if len(rs) == 1 and rs[0].feature == "country"}
    out = []
    for s, e, rs in found:
        inside = [c for c in rs if c.feature != "country" and c.country in sure]
        out.append((s, e, inside[0] if inside and rs[0].country not in sure else rs[0]))
    return out


def _inflected(word: str, s: int, gaz: Gazetteer, lang: str) -> tuple[list[Candidate], int]:
    """A place under a glued prefix or a Greek genitive ending, and where its name starts."""
    for k in (1, 2) if _GLUED.fullmatch(word) else ():
        # "ولبنان" is "و" + Lebanon, "وبدمشق" is "وب" + Damascus: each cut the grammar allows, leaving 3 letters
        if len(word) - k >= 3 and _PREFIX.fullmatch(word[:k]):
            c = _known(word[k:], gaz, lang)
            if c:
                return c, s + k
    if _GREEK_GENITIVE.search(word):
        return _known(word[:-1], gaz, lang), s
    return [], s


def places(text: str, gaz: Gazetteer, lang: str = "und") -> list[Place]:
    """Places a story names in any script, longest name first at each position. `lang`: the story's
    language, for country names in it (pycountry and CLDR name countries in most languages)."""
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[tuple[int, int, list[Candidate]]] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            s, e = toks[i][0], toks[i + n - 1][1]
            name = text[s:e]
            if name[:1].isalpha() and name[:1].lower() != name[:1].upper() and not name[:1].isupper():
                break  # a lower-case word in a cased script is no name
            if "\n" in name:
                continue
            c = _known(name, gaz, lang)
            if not c and n == 1:
                c, s = _inflected(name, s, gaz, lang)
            if c:
                hit = (s, e, c, n)
                break
        if hit is None:
            i += 1
            continue
        found.append(hit[:3])
        i += hit[3]
    return places_mod.to_places(_choose(found))
