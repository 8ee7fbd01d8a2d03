"""A search box's text as each full-text engine reads it, forgivingly: the one translation of every search
(the CLI's `newsgraph search` and the web app, over SQLite and PostgreSQL).

What a query may hold: words, typed as they are written ("Russia's", "U.S.", "C++", "al-Qaeda"); "exact
phrases"; a leading `-` or NOT before a word, phrase or group to leave it out; OR between alternatives (AND
is implied, and may be written); prefix* words; (groups). Punctuation inside a word is kept: the word is
searched as the tokenizer splits it in the text, as a phrase. A query with nothing to look for besides the
left-out words, an unclosed quote or unpaired brackets raise SearchError with a plain message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from .base import SearchError

Dialect = Literal["sqlite", "postgres"]

_TOKEN = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
_HAS_WORD = re.compile(r"\w")


@dataclass
class _Term:
    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass
class _All:
    """Units that must all match; `negated` holds those that must not."""

    units: list[_Term | _Any] = field(default_factory=list)
    negated: list[_Term | _Any] = field(default_factory=list)


@dataclass
class _Any:
    """Alternatives: OR."""

    alts: list[_All] = field(default_factory=list)


def translate(query: str, dialect: Dialect) -> str:
    """`query` as the engine's query text: an FTS5 MATCH expression (sqlite) or websearch_to_tsquery text
    (postgres). Raises SearchError (a plain message) for a query with nothing to look for."""
    _check_balanced(query)
    tree = _parse(_TOKEN.findall(query))
    if not _has_positive(tree):
        raise SearchError(_NOTHING if not _has_any(tree) else _ONLY_NOT)
    return _fts5_any(tree) if dialect == "sqlite" else fold(_web_any(tree))


_NOTHING = "nothing to look for in the search query; give words, e.g. Colombia or \"car bomb\""
_ONLY_NOT = ("the search query needs words to look for besides the ones left out with '-' or NOT, "
             "e.g. Russia -Ukraine")


def _check_balanced(query: str) -> None:
    if query.count('"') % 2:
        raise SearchError('the search query has an unclosed quote ("); close the phrase or leave the quote out')
    depth = 0
    for ch in re.sub(r'"[^"]*"', "", query):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth:
        raise SearchError("the search query's brackets do not pair up; close each ( with a )")


# -- parsing --------------------------------------------------------------------------------------------
class _Tokens:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> str:
        self.i += 1
        return self.tokens[self.i - 1]


def _parse(tokens: list[str]) -> _Any:
    return _parse_any(_Tokens(tokens))


def _parse_any(ts: _Tokens) -> _Any:
    node = _Any([_parse_all(ts)])
    while ts.peek() == "OR":
        ts.take()
        node.alts.append(_parse_all(ts))
    return node


def _parse_all(ts: _Tokens) -> _All:
    node = _All()
    negate = False
    while (tok := ts.peek()) is not None and tok not in ("OR", ")"):
        ts.take()
        if tok == "AND":
            continue
        if tok in ("NOT", "-"):  # "-" alone: before a "(group)"
            negate = True
            continue
        unit: _Term | _Any | None
        if tok == "(":
            unit = _parse_any(ts)
            if ts.peek() == ")":
                ts.take()
        else:
            unit, negate = _term(tok, negate)
        if unit is not None and (not isinstance(unit, _Any) or _has_any(unit)):
            (node.negated if negate else node.units).append(unit)
        negate = False
    return node


def _term(tok: str, negate: bool) -> tuple[_Term | None, bool]:
    if tok.startswith('"'):
        text = tok.strip('"')
        return (_Term(text, phrase=True) if _HAS_WORD.search(text) else None), negate
    if tok.startswith("-") and len(tok) > 1:
        negate, tok = True, tok[1:]
    prefix = tok.endswith("*")
    text = tok.rstrip("*")
    return (_Term(text, prefix=prefix) if _HAS_WORD.search(text) else None), negate


def _has_any(node: _Any) -> bool:
    return any(a.units or a.negated for a in node.alts)


def _has_positive(node: _Any) -> bool:
    """Every alternative has something to look for (FTS5 cannot match 'NOT x' alone)."""
    return bool(node.alts) and all(a.units and all(not isinstance(u, _Any) or _has_positive(u) for u in a.units)
                                   for a in node.alts)


# -- SQLite FTS5 ----------------------------------------------------------------------------------------
def _fts5_term(t: _Term) -> str:
    # Quoted, any text is a phrase of the tokens the index split it into: "Russia's" is russia s, "C++" is c.
    return '"' + t.text.replace('"', '""') + '"' + ("*" if t.prefix else "")


def _fts5_unit(u: _Term | _Any) -> str:
    return _fts5_term(u) if isinstance(u, _Term) else "(" + _fts5_any(u) + ")"


def _fts5_all(node: _All) -> str:
    out = " AND ".join(_fts5_unit(u) for u in node.units)
    if node.negated:
        out = f"({out})" + "".join(" NOT " + _fts5_unit(u) for u in node.negated)
    return out


def _fts5_any(node: _Any) -> str:
    parts = [_fts5_all(a) for a in node.alts if a.units]
    return parts[0] if len(parts) == 1 else " OR ".join(f"({p})" for p in parts)


# -- PostgreSQL websearch_to_tsquery ---------------------------------------------------------------------
# websearch_to_tsquery has no groups and no prefixes: a group's words are spread into the surrounding list
# and a prefix searches its word.
def _web_term(t: _Term, negated: bool) -> str:
    text = t.text.replace('"', " ")
    return ("-" if negated else "") + (f'"{text}"' if t.phrase else text)


def _web_unit(u: _Term | _Any, negated: bool) -> str:
    if isinstance(u, _Term):
        return _web_term(u, negated)
    return " ".join(_web_all(a, negated) for a in u.alts)


def _web_all(node: _All, negated: bool = False) -> str:
    return " ".join([*(_web_unit(u, negated) for u in node.units),
                     *(_web_unit(u, not negated) for u in node.negated)])


def _web_any(node: _Any) -> str:
    return " or ".join(_web_all(a) for a in node.alts if a.units)


# -- diacritics (PostgreSQL) ------------------------------------------------------------------------------
# FTS5's `remove_diacritics 2` makes "Bogota" find "Bogotá" in SQLite. PostgreSQL's built-in configurations keep
# accents, and its `unaccent` extension may not be installable on a user's server, so the PostgreSQL store folds
# with translate(), which every server has: the search vector is built from folded text (tables.py) and the query
# is folded here. The map is Unicode's own (a Latin letter whose canonical decomposition is an ASCII letter and
# combining marks), which matches FTS5's table on every letter but ǡ/Ǡ (folded here) and ſ/ẛ (added by hand);
# combining marks of decomposed text are dropped. Decompositions of assigned characters never change, and these
# ranges are fully assigned, so the map is the same on every Python a store meets.
def _fold_map() -> tuple[str, str]:
    src, dst = ["ſẛ"], ["ss"]
    for lo, hi in ((0xC0, 0x250), (0x1E00, 0x1F00)):  # Latin-1, Latin Extended-A and -B, Latin Extended Additional
        for ch in map(chr, range(lo, hi)):
            parts = unicodedata.normalize("NFD", ch)
            if len(parts) > 1 and parts[0].isascii() and parts[0].isalpha() \
                    and all(unicodedata.combining(m) for m in parts[1:]):
                src.append(ch)
                dst.append(parts[0])
    return "".join(src), "".join(dst)


FOLD_FROM, FOLD_TO = _fold_map()
FOLD_DROP = "".join(map(chr, range(0x300, 0x370)))  # Combining Diacritical Marks: translate() drops the unpaired
_FOLD = str.maketrans(FOLD_FROM, FOLD_TO, FOLD_DROP)


def fold(text: str) -> str:
    """`text` without the diacritics of Latin letters, as the PostgreSQL store's search vector reads it."""
    return text.translate(_FOLD)


def fold_sql(expr: str) -> str:
    """The SQL of `expr` folded as fold() does (no quote or placeholder character is in the map)."""
    return f"translate({expr}, '{FOLD_FROM}{FOLD_DROP}', '{FOLD_TO}')"


def headline_sql(text: str, query: str, options: str, mark_open: str, mark_close: str) -> str:
    """A FROM item giving `snippet`, ts_headline over the folded `text` (so folded matches are marked), and
    `original`, the same characters in `text` as stored, for unfold_snippet() to put the accents back. The
    options must ask for one fragment, which ts_headline copies verbatim; fold() keeps lengths outside
    decomposed text, so the fragment's place in the folded text is its place in the stored one."""
    plain = f"replace(replace(hl, '{mark_open}', ''), '{mark_close}', '')"
    return (f"LATERAL (SELECT hl AS snippet, substr({text}, strpos({fold_sql(text)}, {plain}), length({plain}))"
            f" AS original FROM ts_headline('english', {fold_sql(text)}, {query}, '{options}') AS hl) AS s")


def unfold_snippet(snippet: str, original: str | None, mark_open: str, mark_close: str) -> str:
    """The folded `snippet` with the stored text's own letters (accents) put back around its marks; as it is
    when `original` is not the same text folded (decomposed accents, or no match found)."""
    plain = snippet.replace(mark_open, "").replace(mark_close, "")
    if original is None or len(original) != len(plain) or fold(original) != plain:
        return snippet
    letters = iter(original)
    return "".join(ch if ch in (mark_open, mark_close) else next(letters) for ch in snippet)


SEARCH_HELP = ('use words (Russia\'s, U.S., C++ as typed), "exact phrases", OR, -word or NOT word to leave one out, '
               "prefix*")
