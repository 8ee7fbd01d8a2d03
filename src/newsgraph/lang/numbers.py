"""Number expressions in French, Spanish and Russian text, and digits in any language.

`find_numbers(text, tables)` returns each quantity a sentence states: digits as these languages group them
("1 200" and "1.200" are twelve hundred, "1,5" is one and a half), number words ("vingt-cinq", "treinta y
dos", "двадцати пяти"), digits with a scale word ("1,2 million", "3 mil", "5 тыс."), round nouns ("une
dizaine" about 10, "des centaines" vague) and the hedge before them ("au moins", "más de", "не менее").
Qualifiers are the English stage's (extract/numbers.py): exact, at_least, at_most, more_than, fewer_than,
about, vague. With `tables` None only digits are read: the language-neutral reading for any other language.

Not quantities: a number followed by a unit, a month or a year word (`Tables.not_counts`: ages, dates,
durations, distances), times ("14h30", "14:30"), percentages, ordinals ("1er", "5-й"), and bare years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tables import Tables

_DIGITS = re.compile(r"(?<![\w.,:])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\w%])")
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?\.?|[^\W\d_]")
_AFTER_TIME = re.compile(r"^\s*(?:h\s?\d|:\d|heures?\b|h\b|ч\.|час)", re.I)


@dataclass
class Num:
    start: int  # where the expression starts, with its hedge
    end: int
    core_start: int  # where the number itself starts
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    words: bool = False  # written in words ("douze") rather than digits


def _digit_value(s: str) -> float:
    s = s.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):  # 1.200 or 1.200,5: dots group thousands
        s = s.replace(".", "")
    return float(s.replace(",", "."))


def _word_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group().lower()) for m in _WORD.finditer(text[start:end])]


def _parse_words(parts: list[str], t: Tables) -> float | None:
    """The value of a run of number words, by adding units and multiplying by scales."""
    total, current, seen = 0.0, 0.0, False
    for w in parts:
        if w in t.joiners:
            continue
        if w in t.hundreds_multiply and 1 < current < 10:
            current *= 100  # "deux cents"
        elif w in t.units:
            current += t.units[w]
        elif w in t.scales:
            total += max(current, 1.0) * t.scales[w]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_word(w: str, t: Tables) -> bool:
    parts = w.replace("quatre-vingt", "quatre_vingt").split("-")
    return all(p.replace("_", "-") in t.units or p in t.scales for p in parts if p)


def _word_runs(text: str, t: Tables) -> list[tuple[int, int, list[str]]]:
    """Runs of number words ("vingt et un", "две тысячи пятьсот") with their spans."""
    toks = _word_tokens(text, 0, len(text))
    runs: list[tuple[int, int, list[str]]] = []
    i = 0
    while i < len(toks):
        s, e, w = toks[i]
        if not _is_number_word(w, t):
            i += 1
            continue
        parts = w.replace("quatre-vingt", "quatre_vingt").split("-")
        j = i + 1
        end = e
        while j < len(toks):
            w2 = toks[j][2]
            gap = text[end:toks[j][0]]
            if gap.strip() or "\n" in gap:
                break
            if _is_number_word(w2, t):
                parts += w2.replace("quatre-vingt", "quatre_vingt").split("-")
                end = toks[j][1]
            elif w2 in t.joiners and j + 1 < len(toks) and _is_number_word(toks[j + 1][2], t):
                parts.append(w2)
                end = toks[j][1]
            else:
                break
            j += 1
        runs.append((s, end, [p.replace("_", "-") for p in parts if p]))
        i = j
    return runs


def _hedge(text: str, start: int, t: Tables | None) -> tuple[int, str]:
    if t is None:
        return start, "exact"
    before = text[max(0, start - 40):start].lower()
    for pat, qual in t.hedges:
        m = re.search(rf"(?:^|[^\w])({pat})\s+$", before)
        if m:
            return start - (len(before) - m.start(1)), qual
    return start, "exact"


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s*([^\W\d_][\w'’-]*\.?|%|°)", text[end:end + 40])
    return m.group(1).lower().rstrip(".") if m else ""


def _excluded(text: str, s: int, e: int, value: float | None, t: Tables | None) -> bool:
    nxt = _next_word(text, e)
    if t is not None and (nxt in t.not_counts or nxt + "." in t.not_counts or nxt in t.months):
        return True
    of_month = re.match(r"\s*(?:de|del)\s+(\w+)", text[e:e + 20]) if t is not None else None
    if t is not None and of_month and of_month.group(1).lower() in t.months:  # "5 de marzo"
        return True
    if nxt in ("%", "°") or _AFTER_TIME.match(text[e:e + 8]) or re.match(r"[-–]?(?:е|й|я|го|er|e|ème|º|ª|°)\b",
                                                                          text[e:e + 4]):
        return True
    if value is not None and 1800 <= value <= 2100 and value == int(value) and not (t and nxt in t.person_nouns):
        return True  # a year
    return bool(re.match(r"[/.]\d", text[e:e + 2]) or (s and text[s - 1] in "/#№"))


def find_numbers(text: str, t: Tables | None = None) -> list[Num]:
    """Every quantity in `text`, in order. Digits only when `t` is None (any language)."""
    found: list[Num] = []
    for m in _DIGITS.finditer(text):
        s, e, value = m.start(), m.end(), _digit_value(m.group())
        scale = re.match(r"\s*([^\W\d_][\w'’-]*)(\.?)", text[e:e + 40])
        if t is not None and scale and scale.group(1).lower() in t.scales:  # "1,2 million", "5 тыс."
            value *= t.scales[scale.group(1).lower()]
            e += scale.end(1) + (1 if scale.group(1).lower() + "." in t.scales and scale.group(2) else 0)
        if _excluded(text, s, e, value, t):
            continue
        hs, qual = _hedge(text, s, t)
        found.append(Num(hs, e, s, value, qualifier=qual))
    if t is not None:
        found += _words_numbers(text, t)
    found.sort(key=lambda n: n.start)
    return _drop_overlaps(found)


def _words_numbers(text: str, t: Tables) -> list[Num]:
    out: list[Num] = []
    for s, e, parts in _word_runs(text, t):
        value = _parse_words(parts, t)
        if value is None or _excluded(text, s, e, value, t):
            continue
        hs, qual = _hedge(text, s, t)
        out.append(Num(hs, e, s, value, qualifier=qual, words=True))
    for m in re.finditer(r"[^\W\d_]+", text):
        w = m.group().lower()
        before = text[max(0, m.start() - 12):m.start()].lower()
        if w in t.approx_nouns and not re.search(r"(?:des|plusieurs|varias|unas)\s+$", before):
            s, qual = _hedge(text, m.start(), t)
            # "une dizaine", "una decena": the article belongs to the expression
            a = re.search(r"(?:une?|una?|la|el)\s+$", before)
            start = m.start() - (len(before) - a.start()) if a and s == m.start() else s
            out.append(Num(start, m.end(), m.start(), t.approx_nouns[w], qualifier="about" if qual == "exact" else qual,
                           words=True))
        elif w in t.vague_nouns and not _after_number(text, m.start(), t):
            v = t.vague_nouns[w]
            out.append(Num(m.start(), m.end(), m.start(), None, low=2.0 * v, qualifier="vague", words=True))
    return out


def _after_number(text: str, start: int, t: Tables) -> bool:
    """'deux millions', 'две тысячи': a scale after a number is part of it, not a vague amount."""
    prev = re.search(r"([\w]+)\s*$", text[max(0, start - 20):start])
    return bool(prev and (prev.group(1).isdigit() or _is_number_word(prev.group(1).lower(), t)))


def _drop_overlaps(nums: list[Num]) -> list[Num]:
    out: list[Num] = []
    for n in nums:
        if out and n.start < out[-1].end:
            if n.end - n.start > out[-1].end - out[-1].start:
                out[-1] = n
            continue
        out.append(n)
    return out
