"""The web app's reads over the SQLite store (store/web_reads.py): read-only connections, the SQLite dialect,
and full-text search with FTS5, tuned on the 100,000-story bench store (benchmarks/web_bench.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .base import SearchError, StoreError
from .cache import Cached
from .search_fold import unfold_snippet
from .search_query import SEARCH_HELP, translate
from .web_filters import HL_CLOSE, HL_OPEN, MAX_QUERY_CHARS, RANK_WINDOW, Page, SearchFilter
from .web_reads import WebReads

# Below this many matches, a filtered search checks each match against the filters rather than listing the
# filtered stories first (break-even on the 100,000-story bench store: about 1,500 matches). Listing the
# stories of a source reads every source URI (LIKE), so with a source filter checking wins up to about 10,000.
PER_HIT_MAX = 1000
PER_HIT_MAX_SOURCE = 8000
# the index holds folded text (search_fold.py): `original` gives the snippet the story's own letters back (_unfolded)
_HIT_COLUMNS = ("SELECT a.id, a.title, a.published, a.duplicate_of,"
                f" snippet(articles_fts, 2, '{HL_OPEN}', '{HL_CLOSE}', '…', 16) AS snippet, a.text AS original")


def _unfolded(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["snippet"] = unfold_snippet(r["snippet"], r.pop("original"), HL_OPEN, HL_CLOSE, "…")
    return rows


class SQLiteWebReads(WebReads):
    """`SQLiteStore(path).web_reads()`: the reads of the web app over the store file at `path`."""

    LIKE = "LIKE"  # ASCII case-insensitive in SQLite
    DESC = "DESC"  # NULLs sort first, so last when descending; an index still serves the order

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        resolved = Path(path).resolve()
        # quote() keeps '?' and '#' in a file name from being read as URI syntax.
        self._uri = f"file:{quote(str(resolved))}?mode=ro"
        self.path = resolved
        self.where = str(resolved)
        # Which stories are near-duplicate copies and of which root, by rowid: a small share of an archive,
        # read once per store version, so folding a page of hits is a dict lookup. Current, not refreshed
        # behind the reader's back: a search folds with the copies stored when it runs.
        self._copies: Cached[dict[int, int]] = Cached(self._copy_map, self.version, background=False,
                                                      name="copy index")

    def _connect(self) -> sqlite3.Connection:
        try:
            c = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        except sqlite3.Error as e:  # pragma: no cover - the file vanished after start-up
            raise StoreError(f"cannot open {self.path} read-only ({e})") from None
        c.execute("PRAGMA query_only=ON")
        c.execute("PRAGMA busy_timeout=5000")
        return c

    def _run(self, conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] | list[Any]) -> sqlite3.Cursor:
        return conn.execute(sql, params)

    # -- dialect -----------------------------------------------------------------------------------
    def _noindex(self, expr: str) -> str:
        return "+" + expr

    def _ieq(self, col: str) -> str:
        return f"{col} = ? COLLATE NOCASE"

    def _upto(self, col: str, day: str) -> tuple[str, str]:
        # A bare date includes the whole day: '2024-05-01' < '2024-05-01T10:00' < '2024-05-01\uffff'.
        return f"{col} <= ?", day + "\uffff"

    def _stored_order(self, alias: str) -> str:
        return f"{alias}.rowid"

    def _clip(self, start: str, end: str, most: int) -> str:
        return f"min({end} - {start}, {most})"

    def _quote_key(self, alias: str, *, compared: bool = False) -> str:
        return f"{alias}.rowid"

    def _recent_links(self) -> str:
        return "SELECT article_id FROM entity_links WHERE store_id = ? ORDER BY rowid DESC LIMIT ?"

    def version(self) -> int:
        """The newest article rowid: it grows with every story added (and replaced)."""
        return self.query("SELECT coalesce(max(rowid), 0) FROM articles")[0][0]

    def _copy_map(self) -> dict[int, int]:
        return dict(self.query("SELECT c.rowid, r.rowid FROM articles c JOIN articles r ON r.id = c.duplicate_of"
                               " WHERE c.duplicate_of IS NOT NULL"))

    # -- search ------------------------------------------------------------------------------------
    def search(self, q: str, flt: SearchFilter, limit: int, offset: int, sort: str = "relevance",
               fold: bool = True) -> Page:
        page = self._search(q, flt, limit, offset, sort, self._copies.get() if fold else None)
        self.with_copies(page.items)
        return page

    def _fold_sql(self, flt: SearchFilter, q: str | None) -> tuple[str, list[Any]]:
        """A condition that leaves out a copy when its root is in the same result list (same words, same
        filters). Evaluated only for copies (the OR stops at the first term for the others), one indexed
        lookup each."""
        where, params = self.story_filter(flt, "r", per_row=True)
        if q:
            where.append("EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = r.rowid)")
            params.append(q)
        cond = "".join(" AND " + w for w in where)
        return (" AND (+a.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM articles r WHERE r.id = a.duplicate_of"
                f"{cond}))"), params

    def _search(self, q: str, flt: SearchFilter, limit: int, offset: int, sort: str,
                copies: dict[int, int] | None) -> Page:
        where, params = self.story_filter(flt)
        if not q.strip():
            fold, fparams = self._fold_sql(flt, None) if copies else ("", [])
            sql = ("SELECT a.id, a.title, a.published, a.duplicate_of, substr(a.text, 1, 240) AS snippet,"
                   " NULL AS score FROM articles a WHERE 1" + "".join(" AND " + w for w in where) + fold
                   + " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?")
            return Page.of(self.rows(sql, [*params, *fparams, limit + 1, offset]), limit, offset)
        if len(q) > MAX_QUERY_CHARS:
            raise SearchError(f"search query too long ({len(q)} characters; at most {MAX_QUERY_CHARS})")
        q = translate(q, "sqlite")
        try:
            if sort == "newest":
                # Walks the FTS index by rowid (insertion order) and stops at the page: fast however common the word.
                fold, fparams = self._fold_sql(flt, q) if copies else ("", [])
                sql = (f"{_HIT_COLUMNS}, NULL AS score FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                       " WHERE articles_fts MATCH ?" + "".join(" AND " + w for w in where) + fold
                       + " ORDER BY f.rowid DESC LIMIT ? OFFSET ?")
                return Page.of(_unfolded(self.rows(sql, [q, *params, *fparams, limit + 1, offset])), limit, offset)
            return self._by_relevance(q, flt, limit, offset, copies)
        except sqlite3.OperationalError:
            raise SearchError(f"cannot read the search query; {SEARCH_HELP}") from None

    def _by_relevance(self, q: str, flt: SearchFilter, limit: int, offset: int,
                      copies: dict[int, int] | None) -> Page:
        # Relevance ranks the RANK_WINDOW newest matches: bm25 over every match of a word found in half of
        # a large archive costs hundreds of milliseconds, and the ranking of a narrower query is exact.
        # Without filters the articles table is not needed to rank, and joining it costs more than bm25.
        # Filters select article rowids, which are the index's rowids: no per-match lookup of the article.
        # The unary + keeps SQLite from handing the rowid list to FTS5 as a lookup per rowid (seconds, not ms).
        where, params = self.story_filter(flt)
        keep = ""
        if where:
            # Start from the smaller side, told by a count that stops at PER_HIT_MAX: a few hundred matches are
            # checked one by one against the filters (a rowid lookup each); more are intersected with the
            # filtered stories, found once through covering indexes (migration 5).
            most = PER_HIT_MAX_SOURCE if flt.source else PER_HIT_MAX
            few = self.query("SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
                             [q, most])[0][0] < most
            if few:
                where, params = self.story_filter(flt, per_row=True)
                keep = f" AND EXISTS (SELECT 1 FROM articles a WHERE a.rowid = f.rowid AND {' AND '.join(where)})"
            else:
                keep = f" AND +f.rowid IN (SELECT a.rowid FROM articles a WHERE {' AND '.join(where)})"
        ranked = self.query(f"SELECT f.rowid, f.rank FROM articles_fts f WHERE articles_fts MATCH ?{keep}"
                            " ORDER BY f.rowid DESC LIMIT ?", [q, *params, RANK_WINDOW])
        if copies:
            # Exact within the ranked window: a copy goes when its root is among the matches.
            matched = {r[0] for r in ranked}
            ranked = [r for r in ranked if copies.get(r[0]) not in matched]
        ranked.sort(key=lambda r: (r[1], -r[0]))
        window = ranked[offset:offset + limit + 1]
        if not window:
            return Page.of([], limit, offset)
        # Snippets only for the page: FTS5 builds them from the match, so the same MATCH is repeated. A rowid
        # range runs that match once; a list of rowids (without the unary +) would run it once per rowid,
        # which for a prefix query (every word it expands to, again each time) cost 50 ms a page.
        marks = ",".join("?" * len(window))
        page_ids = [r[0] for r in window]
        got = {r["rowid"]: r for r in _unfolded(self.rows(
            f"{_HIT_COLUMNS}, f.rowid AS rowid FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
            f" WHERE articles_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND +f.rowid IN ({marks})",
            [q, min(page_ids), max(page_ids), *page_ids]))}
        rows = []
        for rowid, rank in window:
            if rowid in got:
                hit = got[rowid]
                del hit["rowid"]
                hit["score"] = -rank
                rows.append(hit)
        return Page.of(rows, limit, offset)
