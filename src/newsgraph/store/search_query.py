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
from dataclasses import dataclass, field
from typing import Literal

from .base import SearchError
from .search_fold import FOLD_DROP, FOLD_FROM, FOLD_TO, fold, fold_sql, unfold_snippet

# the folding lives in search_fold.py; these names stay importable from here
__all__ = ["FOLD_DROP", "FOLD_FROM", "FOLD_TO", "SEARCH_HELP", "fold", "fold_sql", "headline_sql", "translate",
           "unfold_snippet"]

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
    # folded as the index is (search_fold.py): "Αθηνα" finds "Αθήνα" in either engine
    return fold(_fts5_any(tree) if dialect == "sqlite" else _web_any(tree))


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


# -- snippets (PostgreSQL) -------------------------------------------------------------------------------
def headline_sql(text: str, query: str, options: str) -> str:
    """A FROM item giving `snippet`, ts_headline over the folded `text` (search_fold.py: so folded matches are
    marked), and `original`, `text` as stored, for unfold_snippet() to give the snippet its own letters back
    (accents, vowel marks). The options must ask for one fragment, which ts_headline copies verbatim."""
    return (f"LATERAL (SELECT hl AS snippet, {text} AS original"
            f" FROM ts_headline('english', {fold_sql(text)}, {query}, '{options}') AS hl) AS s")


SEARCH_HELP = ('use words (Russia\'s, U.S., C++ as typed), "exact phrases", OR, -word or NOT word to leave one out, '
               "prefix*")
