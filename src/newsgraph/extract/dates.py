"""Dates: the story's publication date, and the event dates in its text resolved against it.

`article.published` comes from HTML metadata or the input record when the reader had it; otherwise a
dateline in the story's first lines ("Edmonton, Ky. (November 28, 2016) –", "Published 3 March 2025") is
used when one is found there. Date expressions in the text ("on Monday", "yesterday", "last weekend",
"in 2023", "on 3 March", "two weeks ago") become DateMentions in `story.dates`, resolved to ISO 8601 at
their granularity (day "2025-03-03", week "2025-W10", weekend = its Saturday, month "2025-03", year
"2025") when the publication date is known, or when the expression is absolute ("3 March 2023").

News convention, not calendar logic: a bare weekday ("on Monday") is the latest such day on or before
publication unless the sentence speaks of the future ("will", "next", "due to"); a day and month without a
year take the year that puts them nearest the publication date. Own rules rather than dateparser: these
few forms are all the stage needs, and regexes run in microseconds per story.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..lexicon import MONTH_NUMBERS, MONTH_PATTERN
from ..lexicon import WEEKDAYS as WEEKDAY_NAMES
from ..model import DateMention  # defined with the record types: Story.dates holds them too
from . import Stage

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..clean.story import Story
    from ..model import Article

MONTHS = MONTH_NUMBERS
WEEKDAYS = {name: i for i, name in enumerate(WEEKDAY_NAMES)}  # Monday is 0, as date.weekday() counts
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3}

_MON = rf"(?P<mon>{MONTH_PATTERN})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WD = r"(?P<wd>" + "|".join(WEEKDAY_NAMES) + ")"
_NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple\s+of|a\s+few)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?\b", re.I)),
    ("mdy", re.compile(rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR})?\b", re.I)),
    ("my", re.compile(rf"\b(?:in\s+|of\s+|since\s+)?(?:early\s+|late\s+|mid-?)?{_MON}\s+{_YEAR}\b", re.I)),
    ("rel_day", re.compile(r"\b(?P<w>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|"
                           r"evening))\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("rel_unit", re.compile(r"\b(?P<which>last|this|next|past|coming)\s+(?P<unit>weekend|week|month|year)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<which>last|this|next|on|coming)\s+)?{_WD}(?:\s+(?P<part>morning|afternoon|"
                           r"evening|night))?\b", re.I)),
    ("month", re.compile(rf"\b(?P<which>in|last|this|next|since|early|late|mid-?|by|until|during)\s+(?:early\s+|"
                         rf"late\s+)?{_MON}(?!\s+\d)\b", re.I)),
    ("year", re.compile(rf"\b(?:(?:in|since|by|until|of|during|from|early|late|mid-?|before|after)\s+)(?:early\s+|"
                        rf"late\s+|mid-?)?{_YEAR}\b(?![-–/]\d|\s*(?:%|per\s*cent))", re.I)),
]
# A dateline: a full date near the top of the story ("(November 28, 2016) –", "Published: 3 March 2025").
_DATELINE_ZONE = 300
_FUTURE = re.compile(r"\b(?:will|shall|next|upcoming|due\s+to|scheduled|expected\s+to|plans?\s+to|set\s+to|'ll)\b",
                     re.I)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def nearest_year(month: int, day: int, ref: date | None) -> int | None:
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - ref).days) < abs((best - ref).days):
            best = d
    return best.year if best else None


def _month_of(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").lower().rstrip(".")]


def _resolve(kind: str, m: re.Match[str], ref: date | None, sentence: str) -> tuple[str | None, str] | None:
    """(ISO date or None, granularity) for one match; None when the match is not a date after all."""
    g = m.groupdict()
    if kind == "iso":
        try:
            return date(int(g["year"]), int(g["m"]), int(g["day"])).isoformat(), "day"
        except ValueError:
            return None
    if kind in ("dmy", "mdy"):
        month, day = _month_of(m), int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = int(g["year"]) if g.get("year") else nearest_year(month, day, ref)
        if year is None:
            return None, "day"
        try:
            return date(year, month, day).isoformat(), "day"
        except ValueError:
            return None
    if kind == "my":
        return f"{int(g['year']):04d}-{_month_of(m):02d}", "month"
    if kind == "year":
        return g["year"], "year"
    if kind == "month":
        if g["mon"][0] == "m" and g["mon"].lower() == "may":
            return None  # lowercase "may" is the verb
        month = _month_of(m)
        if ref is None:
            return None, "month"
        which = g["which"].lower()
        if which == "last":
            year = ref.year if month < ref.month else ref.year - 1
        elif which == "next":
            year = ref.year if month > ref.month else ref.year + 1
        elif month > ref.month and not _FUTURE.search(sentence):
            year = ref.year - 1  # "in December", written in March, is last December
        else:
            year = ref.year
        return f"{year:04d}-{month:02d}", "month"
    if ref is None:
        gran = {"rel_day": "day", "weekday": "day", "ago": "day"}.get(kind)
        if kind == "rel_unit":
            gran = g["unit"].lower()
        if kind == "ago":
            gran = g["unit"].lower().rstrip("s")
        return None, gran or "day"
    if kind == "rel_day":
        w = " ".join(g["w"].lower().split())
        delta = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
        return (ref + timedelta(days=delta)).isoformat(), "day"
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else NUMBER_WORDS.get(" ".join(g["n"].lower().split()), 1)
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return (ref - timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return _iso_week(ref - timedelta(weeks=n)), "week"
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
            return f"{y:04d}-{mo + 1:02d}", "month"
        return f"{ref.year - n:04d}", "year"
    if kind == "rel_unit":
        which, unit = g["which"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
        if unit == "year":
            return f"{ref.year + step:04d}", "year"
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
            return f"{y:04d}-{mo + 1:02d}", "month"
        if unit == "week":
            return _iso_week(ref + timedelta(weeks=step)), "week"
        # weekend: its Saturday. "last weekend" is the one before the publication week's end.
        sat = ref + timedelta(days=(5 - ref.weekday()))
        if which in ("last", "past"):
            sat -= timedelta(days=7)
        elif which in ("next", "coming") and ref.weekday() >= 5:
            sat += timedelta(days=7)
        return sat.isoformat(), "weekend"
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        which = (g.get("which") or "").lower()
        back = (ref.weekday() - wd) % 7
        if which == "last":
            d = ref - timedelta(days=back or 7)
        elif which in ("next", "coming") or (which in ("", "on", "this") and _FUTURE.search(sentence)):
            d = ref + timedelta(days=((wd - ref.weekday()) % 7) or (7 if which == "next" else 0))
        else:
            d = ref - timedelta(days=back)
        return d.isoformat(), "day"
    return None


def ref_date(published: str | None) -> date | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def find_dateline(text: str) -> str | None:
    """A full date (day, month and year) in the story's opening: its publication date, ISO 8601."""
    head = text[:_DATELINE_ZONE]
    for kind in ("iso", "mdy", "dmy"):
        rx = dict(PATTERNS)[kind]
        for m in rx.finditer(head):
            if not m.groupdict().get("year"):
                continue
            # A date inside the first sentence's claims ("born on 3 March 1950") is not a dateline: require
            # it before any sentence end, or set off by brackets, dashes or a "published/updated" label.
            before = head[:m.start()]
            labelled = re.search(r"(?:published|updated|posted|date)[:\s]*$", before, re.I)
            framed = re.search(r"[(\[|–—-]\s*$", before) or re.match(r"\s*[)\]|–—-]", head[m.end():])
            if not (labelled or framed or m.start() == 0 or before.endswith("\n")):
                continue
            got = _resolve(kind, m, None, "")
            if got and got[0]:
                return got[0]
    return None


def find_dates(text: str, published: str | None = None, doc: Doc | None = None) -> list[DateMention]:
    """Date expressions in `text`, resolved against the publication date when it is known."""
    ref = ref_date(published)
    taken = bytearray(len(text))  # characters already inside a date: earlier patterns are more specific
    out: list[DateMention] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            lo = max(0, s - 300)  # bounded: an unbounded rfind per match is quadratic in the story length
            sent_s = max(text.rfind(".", lo, s), text.rfind("\n", lo, s), lo - 1) + 1
            if kind == "weekday" and re.search(r"\b(?:every|each)\s+$", text[max(0, s - 8):s], re.I):
                continue  # "every Wednesday" recurs; it is no one date
            # tense is read from the clause before the date: "met on Wednesday to discuss what will work" is past
            got = _resolve(kind, m, ref, text[max(sent_s, s - 80):s])
            if got is None:
                continue
            start = s
            lead = re.match(r"(?:in|since|of|on|by|until|during|from|before|after)\s+", m.group(), re.I)
            if lead:
                start += lead.end()  # the date is "2023", not "in 2023"
            taken[s:e] = b"\x01" * (e - s)
            out.append(DateMention(text[start:e], (start, e), got[0], got[1]))
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ != "DATE" or any(taken[ent.start_char:ent.end_char]):
                continue
            y = re.search(r"\b((?:1[89]|20)\d\d)\b", ent.text)
            if y and len(set(re.findall(r"\b(?:1[89]|20)\d\d\b", ent.text))) == 1 \
                    and not re.search(r"\d\s*[-–/]\s*\d", ent.text):
                out.append(DateMention(ent.text, (ent.start_char, ent.end_char), y.group(1), "year"))
    out.sort(key=lambda d: d.span)
    return out


def run(article: Article, doc: Doc, story: Story) -> None:
    if not article.published:
        found = find_dateline(article.text)
        if found:
            article.published = found
    story.dates = find_dates(article.text, article.published, doc)


# Adds `published` too: it fills a missing one from the dateline, so a stage reading it runs after this one.
STAGE = Stage("dates", run, components=("ner",), reads={"text", "published"}, adds={"dates", "published"})
