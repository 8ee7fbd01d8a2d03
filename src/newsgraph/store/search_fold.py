"""Diacritics aside in search, in every script and both stores: "Αθηνα" finds "Αθήνα", "Королев" finds
"Королёв", "سوريا" finds "سُوريا" and "Bogota" finds "Bogotá".

Text is folded the same way where it is indexed and where it is searched: SQLite's search index holds folded
text (sqlite.py, the "fold_scripts" step rebuilds older indexes) and PostgreSQL's search vector is built from
the same fold in SQL (`fold_sql`, translate(), which every server has; tables.py); the query is folded by
search_query.translate. The fold is a table of single characters, so Python and SQL agree on it exactly:

- Latin letters with diacritics -> their ASCII letter (Unicode's decompositions; as FTS5's remove_diacritics 2);
- Greek letters with tonos, dialytika or the polytonic marks -> the bare letter ("ή" -> "η", "ΐ" -> "ι");
- Cyrillic "ё" -> "е" (Russian writes it or not at will; "й", "ї", "ў" are letters of their own and stay);
- combining marks of decomposed text dropped, and Arabic harakat (fatha, damma, kasra, tanwin, shadda, sukun,
  superscript alef; not the hamza and madda that make letters), the Arabic tatweel (a stretch, no letter) and
  Hebrew points and cantillation dropped: a vowel mark no longer splits "سُوريا" into two words in FTS5.

Snippets are cut from folded text; `unfold_snippet` maps them back to the stored text's own characters.
Decompositions of assigned characters never change, so the table is the same on every Python a store meets.
"""

from __future__ import annotations

import re
import unicodedata


def _composed(ranges: tuple[tuple[int, int], ...], script: str) -> tuple[str, str]:
    """Precomposed letters of `script` in `ranges` whose decomposition is one such letter and combining marks:
    (the letters, their bare letters)."""
    src, dst = [], []
    for lo, hi in ranges:
        for ch in map(chr, range(lo, hi)):
            parts = unicodedata.normalize("NFD", ch)
            base = parts[0]
            is_script = base.isascii() if script == "LATIN" else script in unicodedata.name(base, "")
            if len(parts) > 1 and base.isalpha() and is_script and all(unicodedata.combining(m) for m in parts[1:]):
                src.append(ch)
                dst.append(base)
    return "".join(src), "".join(dst)


# Latin: Latin-1, Latin Extended-A and -B and Latin Extended Additional, with ſ/ẛ (long s) by hand. Frozen as the
# PostgreSQL "pg_fold" step built its search vector with it (tables.py keeps that column's expression).
_LATIN_FROM, _LATIN_TO = _composed(((0xC0, 0x250), (0x1E00, 0x1F00)), "LATIN")
FOLD_FROM, FOLD_TO = "ſẛ" + _LATIN_FROM, "ss" + _LATIN_TO
FOLD_DROP = "".join(map(chr, range(0x300, 0x370)))  # Combining Diacritical Marks: translate() drops the unpaired

_GREEK_FROM, _GREEK_TO = _composed(((0x370, 0x400), (0x1F00, 0x2000)), "GREEK")
_HARAKAT = "".join(map(chr, (*range(0x64B, 0x653), *range(0x656, 0x660), 0x670)))
_TATWEEL = "\u0640"
_HEBREW_MARKS = "".join(ch for ch in map(chr, range(0x591, 0x5C8)) if unicodedata.category(ch) == "Mn")
# Every script (the fold_scripts step on): what the index and the query are folded with now.
SCRIPTS_FROM = FOLD_FROM + _GREEK_FROM + "ёЁ"
SCRIPTS_TO = FOLD_TO + _GREEK_TO + "еЕ"
SCRIPTS_DROP = FOLD_DROP + _HARAKAT + _TATWEEL + _HEBREW_MARKS

_FOLD = str.maketrans(SCRIPTS_FROM, SCRIPTS_TO, SCRIPTS_DROP)
_DROPPED = re.compile(f"[{re.escape(SCRIPTS_DROP)}]")


def fold(text: str) -> str:
    """`text` as the search index and the query read it: diacritics and vowel marks aside, in every script."""
    return text.translate(_FOLD)


def fold_sql(expr: str, *, latin_only: bool = False) -> str:
    """The SQL of `expr` folded as fold() does (no quote or placeholder character is in the map); `latin_only`:
    the Latin fold alone, as the "pg_fold" step made it."""
    if latin_only:
        return f"translate({expr}, '{FOLD_FROM}{FOLD_DROP}', '{FOLD_TO}')"
    return f"translate({expr}, '{SCRIPTS_FROM}{SCRIPTS_DROP}', '{SCRIPTS_TO}')"


def fold_map(text: str) -> tuple[str, list[int]]:
    """fold(text) and, for each of its characters, its index in `text`, with len(text) after the last: a folded
    span [i, j) is text[starts[i]:starts[j]], marks dropped after its last letter included."""
    folded = fold(text)
    n = len(text)
    if len(folded) == n:  # replacements are one letter for one: nothing moved
        return folded, list(range(n + 1))
    gone = {m.start() for m in _DROPPED.finditer(text)}
    return folded, [i for i in range(n) if i not in gone] + [n]


def unfold_snippet(snippet: str, original: str | None, mark_open: str, mark_close: str, ellipsis: str = "") -> str:
    """`snippet`, cut from the folded `original` with its matches between `mark_open` and `mark_close` (and,
    where it was cut short, `ellipsis` at either end), as the same stretch of `original`: its own letters,
    accents and vowel marks, with the marks around the same words. As it is when the stretch is not found."""
    if original is None:
        return snippet
    plain = snippet.replace(mark_open, "").replace(mark_close, "")
    folded, starts = fold_map(original)
    head = tail = ""
    pos = folded.find(plain)
    if pos < 0 and ellipsis:
        head = ellipsis if plain.startswith(ellipsis) else ""
        tail = ellipsis if plain.endswith(ellipsis) and len(plain) > len(head) else ""
        plain = plain[len(head):len(plain) - len(tail)]
        pos = folded.find(plain) if plain else -1
    if pos < 0:
        return snippet
    out: list[str] = [head]
    seen = 0  # characters of the snippet's text passed, ellipsis included
    done = starts[pos]  # `original` written up to here
    for ch in snippet:
        if ch in (mark_open, mark_close):
            at = starts[pos + min(max(seen - len(head), 0), len(plain))]
            out += [original[done:at], ch]
            done = at
        else:
            seen += 1
    out += [original[done:starts[pos + len(plain)]], tail]
    return "".join(out)
