"""Number expressions in English news text: digits, number words, multipliers, ranges and qualifiers.

`find_numbers(text)` returns every expression that reads as a quantity ("at least 17", "more than 30",
"between 40,000 and 80,000", "two million", "1.5m", "$2.5bn", "a dozen", "hundreds of thousands"), with
its value (or low/high for ranges and vague amounts) and qualifier. It does not decide whether the
number is a *figure* (a count of something): years, times and dates are flagged here (`kind`) because
the text around the digits decides them, and the figures stage drops them.

Conventions (coupled to benchmarks/data/figures_gold.jsonl, which was labelled with them):
- "nearly", "almost", "around", "some", "an average of" give qualifier "about" with the stated value.
- Vague plurals ("dozens", "hundreds of thousands", "several million") give qualifier "vague",
  value None and low = 2 x the unit (a plural means at least two of them), high None.
- Ranges ("between X and Y", "X to Y", "X-Y", "X or Y") give qualifier "between", value None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import MONTH_PATTERN

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
# Abbreviated multipliers glued to digits or following them: "1.5m", "$2bn", "300k", "$4.2 bn".
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 10**9, "b": 10**9, "tn": 10**12}
VAGUE_BASE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 10**9}

QUALIFIERS = [
    ("at_least", r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|"
                 r"at\s+the\s+very\s+least"),
    ("at_most", r"up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|as\s+many\s+as|as\s+much\s+as|a\s+maximum\s+of"),
    ("more_than", r"(?:well\s+|just\s+|slightly\s+)?(?:more\s+than|over|above|in\s+excess\s+of|upwards?\s+of|"
                  r"exceed(?:s|ed|ing)?|greater\s+than)"),
    ("fewer_than", r"(?:just\s+|slightly\s+)?(?:fewer\s+than|less\s+than|under|below)"),
    ("about", r"about|around|approximately|approx\.|roughly|nearly|almost|close\s+to|some|circa|an\s+estimated|"
              r"estimated|an\s+average\s+of|on\s+average|a\s+total\s+of\s+about|more\s+or\s+less"),
]
_QUAL_RE = "|".join(f"(?P<q_{name}>{pat})" for name, pat in QUALIFIERS)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[  ]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
_SHORT = "|".join(sorted(SHORT_SCALES, key=len, reverse=True))
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_CURRENCY = (r"(?:\$US\s?|US\$|CA\$|AU\$|A\$|C\$|NZ\$|HK\$|S\$|R\$|\$|£|€|¥|₹|KSh\s?|Ksh\s?|Rs\.?\s?|USD\s?|EUR\s?|"
             r"GBP\s?)")

# One number: digits with an optional multiplier, or a run of number words ("two hundred and five",
# "a dozen", "half a million", "twenty-six").
_NUM_WORDS = (
    rf"(?:(?:half\s+a|a|an)\s+)?(?:(?:{'|'.join([*UNITS, *TENS])})(?:-(?:{'|'.join(UNITS)}))?"
    rf"|dozen|hundred|thousand|million|billion)"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{'|'.join([*UNITS, *TENS])}|hundred|thousand|million|billion|dozen)"
    rf"(?:-(?:{'|'.join(UNITS)}))?)*"
)
_ONE_NUM = (
    rf"{_CURRENCY}?(?:(?:{_DIGITS})(?:\s?(?:{_SHORT})\b|(?:\s+|-)(?:{_SCALE_WORDS})\b)?"
    rf"|{_NUM_WORDS})"
)
_VAGUE = (
    r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few|many)\s+(?:hundred\s+thousand|hundred|thousand|million|billion|dozen)"
    r"|dozens|scores|hundreds|thousands|millions|billions)"
)
NUMBER_RE = re.compile(
    rf"(?:(?<![\w.,$£€/:-])|(?<=-)(?=[A-Za-z]))(?:(?P<qual>{_QUAL_RE})\s+(?:an?\s+(?:additional|further|extra)\s+)?)?"
    rf"(?:(?P<range_kw>between|from)\s+(?P<r1>{_ONE_NUM})\s+(?:and|to)\s+(?P<r2>{_ONE_NUM})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<a>{_ONE_NUM})(?:(?:\s*[-–—]\s*|\s+to\s+|\s+or\s+)(?P<b>{_ONE_NUM}))?)"
    rf"(?P<suffix>\s+or\s+(?:more|so)|-plus|\+|-odd)?"
    rf"(?![\w]|[.,]\d)",
    re.IGNORECASE,
)


@dataclass
class NumberMatch:
    start: int
    end: int
    text: str
    qualifier: str = "exact"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    words_only: bool = False  # written in words ("five"), not digits
    core_start: int = 0  # where the number itself starts, after the qualifier
    # "year", "time", "phone", "percent", "ordinal" or "" (a plain quantity)
    kind: str = ""


def _words_value(s: str) -> float | None:
    """ "two hundred and five" -> 205, "half a million" -> 500000, "a dozen" -> 12; None when not a number."""
    toks = [t for t in re.split(r"[\s-]+", s.lower()) if t and t != "and"]
    if not toks:
        return None
    total, cur, seen = 0.0, 0.0, False
    half = False
    for i, t in enumerate(toks):
        if t in ("a", "an"):
            # "a dozen", "a million" count one of the scale; "an eleven-man team" does not add one
            if i + 1 < len(toks) and toks[i + 1] in ("dozen", *SCALES):
                cur = cur or 1.0
            continue
        if t == "half":
            half = True
            continue
        if t in UNITS:
            cur += UNITS[t]
        elif t in TENS:
            cur += TENS[t]
        elif t == "dozen":
            cur = (cur or 1.0) * 12
        elif t == "hundred":
            cur = (cur or 1.0) * 100
        elif t in SCALES:
            total += (cur or 1.0) * SCALES[t]
            cur = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    v = total + cur
    return v / 2 if half else v


def parse_number(s: str) -> tuple[float | None, str | None, bool]:
    """One number's value, its currency sign and whether it was written in words: "$1.5bn" -> 1.5e9."""
    s = s.strip()
    cur = None
    m = re.match(_CURRENCY, s)
    if m and m.end() > 0:
        cur = m.group().strip()
        s = s[m.end():].strip()
    m = re.match(rf"({_DIGITS})\s?-?\s?([a-zA-Z]*)$", s)
    if m:
        v = float(re.sub(r"[,  ]", "", m.group(1)))
        mult = m.group(2).lower()
        if mult:
            v *= SHORT_SCALES.get(mult) or SCALES.get(mult) or 1
        return v, cur, False
    return _words_value(s), cur, True


def _multiplier(s: str) -> float:
    m = re.search(rf"(?:{_SHORT}|{_SCALE_WORDS})\s*$", s, re.I)
    if not m:
        return 1.0
    w = m.group().strip().lower()
    return float(SHORT_SCALES.get(w) or SCALES.get(w) or 1)


def _qualifier(m: re.Match[str]) -> str:
    for name, _ in QUALIFIERS:
        if m.group(f"q_{name}"):
            return name
    return "exact"


def _vague_low(s: str) -> float:
    ws = s.lower().split()
    if len(ws) >= 3 and ws[1] == "of":  # "tens of thousands", "hundreds of millions"
        return 2 * (10 if ws[0] == "tens" else 100) * VAGUE_BASE[ws[2]]
    if ws[0] in ("several", "a", "many"):
        rest = [w for w in ws[1:] if w != "few"]
        base = 1.0
        for w in rest:
            base *= 12 if w == "dozen" else SCALES[w]
        return 2 * base
    return 2 * VAGUE_BASE[ws[0]]


_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_PATTERN})\.?\s*$", re.I)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTH_PATTERN})\b", re.I)
_TIME_AFTER = re.compile(r"^\s*(?:[ap]\.?m\.?(?![a-z])|o'clock|gmt|utc|bst|cet|est|edt|pst|hrs\b|h\b)", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s*cent|percent|pc\b|percentage\s+points?|basis\s+points|bps\b)", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)


def _kind(text: str, m: NumberMatch) -> str:
    """Numbers that are not quantities whatever surrounds them: times, dates, percentages, phone numbers."""
    before, after = text[max(0, m.start - 30):m.start], text[m.end:m.end + 30]
    core = text[m.core_start:m.end]
    if m.currency is None and re.fullmatch(r"(?:between\s+|from\s+)?(?:1[89]\d\d|20\d\d)\s*(?:and|to|[-–/])\s*"
                                           r"(?:1[89]\d\d|20\d\d|\d\d)",
                                           core, re.I):
        return "year"  # "between 1985 and 2018", "2001-2006", "2016-17"
    if re.fullmatch(r"1[89]\d\d|20\d\d", core) and re.match(r"^[-–/]\d\d\b(?![-–/]\d)", after):
        return "year"  # "the 2019-20 season"
    if re.match(r"^[:.]\d", after) or re.search(r"\d[:.]$", before) or re.match(r"^\s*\d{3,}", after):
        return "time" if ":" in (after[:1] + before[-1:]) else "phone"
    if re.match(r"^-\d", after) or re.search(r"\d-$|\(\d{3}\)\s*$", before):
        return "phone"
    if _PERCENT_AFTER.match(after):
        return "percent"
    if _ORDINAL_AFTER.match(after):
        return "ordinal"
    if not m.words_only and _TIME_AFTER.match(after):
        return "time"
    plain = re.fullmatch(r"\d+", core)
    if plain and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after.lstrip())) and int(core) <= 31:
        return "date"
    if plain and len(core) == 4 and 1800 <= int(core) <= 2100 and m.currency is None:
        nxt = re.match(r"\s*([A-Za-z]+)", after)
        # "in 2016", "2016 Olympics", "2025 fitness trends" are years; "2000 people" counts people.
        if not nxt or nxt.group(1).lower() not in _COUNTED_AFTER_YEAR_LIKE:
            return "year"
    if re.search(r"\b(?:[12]\d{3})\s*[-–/]\s*$", before) or re.match(r"^\s*[-–/]\s*[12]\d{3}\b", after):
        if plain and len(core) in (2, 4):
            return "year"  # "2016-17", "2001-2006"
    return ""


# Nouns that make a year-like number a count: "2000 people", "1900 homes". Anything else reads as a year.
_COUNTED_AFTER_YEAR_LIKE = {
    "people", "persons", "residents", "civilians", "troops", "soldiers", "children", "men", "women", "workers",
    "students", "homes", "houses", "families", "cases", "deaths", "jobs", "acres", "hectares", "refugees",
    "protesters", "demonstrators", "police", "officers", "employees", "patients", "migrants", "others", "more",
}
_FUNCTION_WORDS = {
    "the", "a", "an", "and", "or", "but", "to", "in", "on", "at", "of", "for", "by", "with", "as", "that", "this",
    "when", "after", "before", "since", "until", "he", "she", "it", "they", "we", "i", "his", "her", "their", "its",
    "was", "were", "is", "are", "had", "has", "have", "be", "been", "will", "would", "could", "from", "into",
    "election", "elections", "season", "census", "budget", "report", "survey", "study", "alone", "onwards", "onward",
}


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in `text`, left to right, non-overlapping."""
    out: list[NumberMatch] = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group()
        if not re.search(r"\d|[a-z]", raw, re.I):
            continue
        nm = NumberMatch(m.start(), m.end(), raw)
        nm.qualifier = _qualifier(m) if m.group("qual") else "exact"
        nm.core_start = m.start("qual") + len(m.group("qual")) if m.group("qual") else m.start()
        while nm.core_start < m.end() and text[nm.core_start].isspace():
            nm.core_start += 1
        if m.group("vague"):
            nm.qualifier = "vague"
            nm.low = _vague_low(m.group("vague"))
            nm.words_only = True
        elif m.group("r1") or m.group("b"):
            a_txt, b_txt = (m.group("r1"), m.group("r2")) if m.group("r1") else (m.group("a"), m.group("b"))
            lo, cur1, w1 = parse_number(a_txt)
            hi, cur2, w2 = parse_number(b_txt)
            if lo is None or hi is None:
                continue
            mult_a, mult_b = _multiplier(a_txt), _multiplier(b_txt)
            if mult_a == 1 and mult_b > 1 and lo * mult_b <= hi:
                lo *= mult_b  # "between 2 and 3 million": the second number's multiplier applies to both
            if hi <= lo:
                # "five-six" is a range only when it rises; "266 to 39" is a vote count, keep the first
                if m.group("r1"):
                    continue
                sep = re.search(r"\s*(?:[-–—]|to|or)\s*$", text[nm.core_start:m.start("b")], re.I)
                nm.end = m.start("b") - (len(sep.group()) if sep else 0)
                nm.text = text[nm.start:nm.end]
                nm.value, nm.currency, nm.words_only = lo, cur1, w1
            else:
                nm.low, nm.high = lo, hi
                nm.currency = cur1 or cur2
                nm.words_only = w1 and w2
                nm.qualifier = "between"  # the range carries the vagueness; "some 35-40" is still a range
        else:
            v, cur, w = parse_number(m.group("a"))
            if v is None:
                continue
            nm.value, nm.currency, nm.words_only = v, cur, w
        suffix = " ".join((m.group("suffix") or "").lower().split())
        if suffix and nm.end == m.end() and nm.qualifier in ("exact", "between"):
            if suffix in ("or more", "-plus", "+"):
                nm.qualifier = "at_least"
            elif suffix in ("or so", "-odd"):
                nm.qualifier = "about"
        if nm.words_only and re.fullmatch(r"(?:a|an|and|half)(?:\s+(?:a|an|and))*", raw.strip(), re.I):
            continue
        nm.kind = _kind(text, nm)
        out.append(nm)
    return out
