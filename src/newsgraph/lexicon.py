"""English word lists that several stages read: month and weekday names, titles written before a name, and
reporting verbs as news writes them.

Each list is written once, here. Where stages were tuned on different parts of a list, each takes a named
part from here rather than keeping its own copy, so the differences show in one file; giving a stage the
whole list is a change of behaviour to measure with benchmarks/, not a refactor. All lower case.
"""

from __future__ import annotations

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# As news abbreviates them ("Sept. 5"); "may" is its own abbreviation.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Every month word (name or abbreviation) to its number.
MONTH_NUMBERS: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTH_NAMES, 1)},
    **{a: next(i for i, name in enumerate(MONTH_NAMES, 1) if name.startswith(a[:3])) for a in MONTH_ABBREVIATIONS},
}
# The month words with "may", which is more often the verb, left out.
MONTH_WORDS_BUT_MAY = frozenset(MONTH_NUMBERS) - {"may"}
# The month words as one regular-expression alternation, to use with re.IGNORECASE; a dot after an
# abbreviation is the caller's to allow.
MONTH_PATTERN = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
                 r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Written before a name, without their dot: honorifics ("Mr", "Dr.") and abbreviated ranks ("Sen.", "Gen.").
HONORIFICS = ("mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady")
RANK_ABBREVIATIONS = ("sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "adm")
# Offices and ranks written in full before a name ("President Obama", "foreign minister Sergei Lavrov"): the
# ones both the entity extractor (entities.TITLES) and the type rules (extract/entities/type_rules.py) read; each adds its own.
OFFICES = ("president", "minister", "secretary", "general", "colonel", "captain", "admiral", "senator", "governor",
           "mayor", "judge", "justice", "king", "queen", "prince", "princess", "pope", "chancellor", "premier",
           "commander", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "leader")

# Reporting verbs as written, for stages that read words without a lemmatiser. Two parts, each tuned with its
# stage (see the module docstring):
# - the verbs whose clause holds what was said: "Kennedy said" names a speaker, not a place, and an event told
#   as "officials said X" is in X (extract/events/where.py, extract/events/stage.py);
SAYING = frozenset({
    "say", "says", "said", "saying", "tell", "tells", "told", "report", "reports", "reported", "announce",
    "announces", "announced", "state", "states", "stated", "add", "adds", "added", "confirm", "confirms", "confirmed",
    "claim", "claims", "claimed", "write", "writes", "wrote", "note", "notes", "noted",
})
# - the forms that make a complement clause reported speech for an event's mode: "officials said the army would
#   withdraw" is announced (extract/events/roles.py).
REPORTING = frozenset({
    "said", "says", "say", "told", "tell", "tells", "reported", "reports", "added", "stated", "announced",
    "confirmed", "claimed", "according", "noted", "explained", "insisted", "argued",
})
