"""Dates in French, Spanish and Russian text, resolved against the publication date.

The forms news uses: a day and month with or without a year ("14 mars 2024", "5 de marzo", "12 марта 2024
года"), a month and year ("en mars 2024", "в марте"), a weekday ("mardi", "el martes", "во вторник") and
relative days ("hier", "ayer", "вчера", "la veille", "накануне"). The conventions are the English stage's
(extract/dates.py): a bare weekday is the latest such day on or before publication unless the sentence
speaks of the future; a day and month without a year take the year that puts them nearest publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..extract.dates import nearest_year, ref_date
from .tables import Tables

_FUTURE = {"fr": r"\b(?:prochain|prochaine|sera|aura\s+lieu|prévu|prévue|doit|devrait)\b",
           "es": r"\b(?:próximo|próxima|será|tendrá\s+lugar|previsto|prevista|deberá)\b",
           "ru": r"(?:следующ\w*|будет|состоится|пройдет|пройдёт|планиру\w*)"}


@dataclass(frozen=True)
class DateMention:
    text: str
    span: tuple[int, int]
    value: str | None  # ISO 8601 at its granularity, None when unresolved
    granularity: str  # day, month, year


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _day_month(text: str, t: Tables, ref: date | None) -> list[DateMention]:
    rx = re.compile(rf"\b(?P<day>[0-3]?\d)(?:er|º)?\s+(?:de\s+)?(?P<mon>{_alt(t.months)})\b"
                    rf"(?:\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)(?:\s+(?:года|г\.))?)?", re.I)
    out = []
    for m in rx.finditer(text):
        month, day = t.months[m.group("mon").lower()], int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else nearest_year(month, day, ref)
        try:
            value = date(year, month, day).isoformat() if year else None
        except ValueError:
            continue
        out.append(DateMention(m.group(), (m.start(), m.end()), value, "day"))
    return out


def _month_year(text: str, t: Tables, taken: list[tuple[int, int]]) -> list[DateMention]:
    rx = re.compile(rf"\b(?P<mon>{_alt(t.months)})\s+(?:de\s+|del\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
    out = []
    for m in rx.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(DateMention(m.group(), (m.start(), m.end()),
                               f"{m.group('year')}-{t.months[m.group('mon').lower()]:02d}", "month"))
    return out


def _sentence(text: str, pos: int) -> str:
    s = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    e = min((i for i in (text.find(".", pos), text.find("\n", pos)) if i >= 0), default=len(text))
    return text[s:e]


def _relative(text: str, t: Tables, ref: date | None) -> list[DateMention]:
    out = []
    rel = re.compile(rf"(?<![\w-])(?:{_alt(t.relative_days)})(?![\w-])", re.I)
    for m in rel.finditer(text):
        w = m.group().lower()
        before = text[max(0, m.start() - 12):m.start()].lower()
        if t.code == "es" and w == "mañana" and re.search(r"(?:la|esta|por\s+la|de\s+la)\s+$", before):
            continue  # "esta mañana", "por la mañana": a morning, not tomorrow
        value = (ref + timedelta(days=t.relative_days[w])).isoformat() if ref else None
        out.append(DateMention(m.group(), (m.start(), m.end()), value, "day"))
    wd = re.compile(rf"(?<![\w-])(?:{_alt(t.weekdays)})(?![\w-])", re.I)
    for m in wd.finditer(text):
        value = None
        if ref is not None:
            back = (ref.weekday() - t.weekdays[m.group().lower()]) % 7
            if re.search(_FUTURE.get(t.code, r"$^"), _sentence(text, m.start()).lower()):
                value = (ref + timedelta(days=(7 - back) % 7)).isoformat()
            else:
                value = (ref - timedelta(days=back)).isoformat()
        out.append(DateMention(m.group(), (m.start(), m.end()), value, "day"))
    return out


def find_dates(text: str, t: Tables, published: str | None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published` where it is relative, in text order."""
    ref = ref_date(published)
    found = _day_month(text, t, ref)
    taken = [d.span for d in found]
    found += _month_year(text, t, taken)
    taken = [d.span for d in found]
    found += [d for d in _relative(text, t, ref) if not any(s <= d.span[0] < e for s, e in taken)]
    return sorted(found, key=lambda d: d.span)


def dateline(text: str, t: Tables) -> str | None:
    """A full date in the story's first lines ("BAMAKO, 14 mars 2024 (AFP) -"), as the publication date."""
    for d in _day_month(text[:300], t, None):
        if d.value:
            return d.value
    return None
