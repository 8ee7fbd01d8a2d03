"""The web app's reads over the PostgreSQL store (store/web_reads.py): read-only connections, the PostgreSQL
dialect, and full-text search over the weighted `tsvector` column with `websearch_to_tsquery`, as the
store's own `search` does (so any input reads: quotes, OR, -word; there is no syntax error to report). The vector
and the query are folded (search_query.fold): diacritics aside, as in SQLite.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .base import SearchError, StoreError
from .cache import Cached
from .search_query import headline_sql, translate, unfold_snippet
from .web_filters import HL_CLOSE, HL_OPEN, MAX_QUERY_CHARS, RANK_WINDOW, Page, SearchFilter, end_of
from .web_reads import WebReads

# The store version is a count of stories, which PostgreSQL reads by scanning an index: a request reuses
# one read this recent rather than paying for it on every page.
VERSION_TTL = 1.0
# The snippet: the best fragment of about 16 words, matches between the marks the web renderer knows.
_HEADLINE = f"StartSel={HL_OPEN}, StopSel={HL_CLOSE}, MaxWords=16, MinWords=6, MaxFragments=1"


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresWebReads(WebReads):
    """`PostgresStore(url).web_reads()`: the reads of the web app over that database (and schema)."""

    LIKE = "ILIKE"
    DESC = "DESC NULLS LAST"  # PostgreSQL sorts NULLs first when descending; SQLite and the pages put them last
    ASC = "ASC NULLS FIRST"
    OUTER_FIRST = "JOIN"  # no join-order hint: the planner chooses

    def __init__(self, url: str, schema: str | None = None) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError:  # pragma: no cover - the store was opened, so psycopg is there
            raise StoreError('PostgreSQL needs psycopg: pip install "newsgraph[postgres]"') from None
        self._psycopg = psycopg
        self.url, self.schema = url, schema  # the schema name was checked by PostgresStore
        self.where = redact(url) + (f" (schema {schema})" if schema else "")
        # The count, read again once the clock has moved into the next VERSION_TTL slot.
        self._counted: Cached[tuple[int, str]] = Cached(self._count, lambda: int(time.monotonic() / VERSION_TTL),
                                                        background=False, name="story count")

    def _connect(self) -> Any:
        try:
            conn = self._psycopg.connect(self.url, autocommit=True)
        except self._psycopg.OperationalError as e:
            raise StoreError(f"cannot connect to {self.where} ({str(e).strip()[:200]})") from None
        if self.schema:
            conn.execute(f'SET search_path TO "{self.schema}"')
        conn.execute("SET default_transaction_read_only = on")
        return conn

    def _run(self, conn: Any, sql: str, params: tuple[Any, ...] | list[Any]) -> Any:
        return conn.execute(sql.replace("?", "%s"), params)

    # -- dialect -----------------------------------------------------------------------------------
    def _ieq(self, col: str) -> str:
        return f"lower({col}) = lower(?)"  # the name indexes are on lower(name)

    def _upto(self, col: str, day: str) -> tuple[str, str]:
        return f"{col} < ?", end_of(day)

    def _stored_order(self, alias: str) -> str:
        # No insertion order in PostgreSQL: publication order, then id, stands in for it.
        return f"{alias}.published, {alias}.id"

    def _clip(self, start: str, end: str, most: int) -> str:
        # PostgreSQL refuses a negative length, which a bad span would give.
        return f"greatest(least({end} - {start}, {most}), 0)"

    def _quote_key(self, alias: str, *, compared: bool = False) -> str:
        cols = f"{alias}.article_id, {alias}.idx"
        return f"({cols})" if compared else cols

    def _recent_links(self) -> str:
        return ("SELECT l.article_id FROM entity_links l JOIN articles a ON a.id = l.article_id WHERE l.store_id = ?"
                f" ORDER BY {_newest('a')} LIMIT ?")

    def version(self) -> tuple[int, str]:
        """How many stories, and the greatest id: a story added changes the first (ids are hashes, so there
        is no insertion counter to read). At most VERSION_TTL seconds old."""
        return self._counted.get()

    def _count(self) -> tuple[int, str]:
        n, top = self.query("SELECT count(*), coalesce(max(id), '') FROM articles")[0]
        return n, top

    # -- search ------------------------------------------------------------------------------------
    def search(self, q: str, flt: SearchFilter, limit: int, offset: int, sort: str = "relevance",
               fold: bool = True) -> Page:
        if len(q) > MAX_QUERY_CHARS:
            raise SearchError(f"search query too long ({len(q)} characters; at most {MAX_QUERY_CHARS})")
        words = bool(q.strip())
        if words:
            q = translate(q, "postgres")
        where, params = self.story_filter(flt)
        if words:
            where.insert(0, "a.tsv @@ q.q")  # q: the query, read in FROM (see _hits)
        if fold:
            cond, more = self._fold_sql(flt, words)
            where.append(cond)
            params += more
        cond = "".join(" AND " + w for w in where)
        if words:
            rows = self._hits(q, cond, params, sort, limit, offset)
        else:
            rows = self.rows("SELECT a.id, a.title, a.published, a.duplicate_of, substr(a.text, 1, 240) AS snippet,"
                             f" NULL AS score FROM articles a WHERE true{cond} ORDER BY {_newest('a')} LIMIT ? OFFSET ?",
                             [*params, limit + 1, offset])
        return Page.of(self.with_copies(rows), limit, offset)

    def _fold_sql(self, flt: SearchFilter, words: bool) -> tuple[str, list[Any]]:
        """Leaves out a copy whose original passes the same words and filters, so is in the same list."""
        where, params = self.story_filter(flt, "r", per_row=True)
        if words:
            where.insert(0, "r.tsv @@ q.q")
        cond = "".join(" AND " + w for w in where)
        return (f"(a.duplicate_of IS NULL OR NOT EXISTS (SELECT 1 FROM articles r WHERE r.id = a.duplicate_of{cond}))",
                params)

    def _hits(self, q: str, cond: str, params: list[Any], sort: str, limit: int, offset: int) -> list[dict[str, Any]]:
        """One page of matches, newest first or ranked, with snippets built for that page only (ts_headline
        reads the whole text of each story it is given). `cond` and `params`: the filters, on `a` and `q.q`."""
        query = "websearch_to_tsquery('english', ?) AS q(q)"
        matches = f"FROM articles a, {query} WHERE true{cond}"
        if sort == "newest":
            page = f"SELECT a.id, NULL::real AS score, a.published {matches} ORDER BY {_newest('a')} LIMIT ? OFFSET ?"
            order, args = _newest("h"), [q, *params, limit + 1, offset]
        else:
            # As in SQLite, relevance ranks the RANK_WINDOW newest matches: ranking every match of a common
            # word would read the tsvector of most of the archive.
            window = f"SELECT a.id {matches} ORDER BY {_newest('a')} LIMIT {RANK_WINDOW}"
            page = (f"SELECT w.id, ts_rank_cd(a.tsv, q.q) AS score, a.published FROM ({window}) w"
                    f" JOIN articles a ON a.id = w.id, {query} ORDER BY score DESC, w.id LIMIT ? OFFSET ?")
            order, args = "h.score DESC, h.id", [q, *params, q, limit + 1, offset]
        headline = headline_sql("a.text", "q.q", _HEADLINE)
        rows = self.rows(f"SELECT a.id, a.title, a.published, a.duplicate_of, s.snippet, s.original, h.score"
                         f" FROM ({page}) h JOIN articles a ON a.id = h.id, {query}, {headline} ORDER BY {order}",
                         [*args, q])
        for r in rows:  # the snippet was cut from the folded text, which matches the folded query
            r["snippet"] = unfold_snippet(r["snippet"], r.pop("original"), HL_OPEN, HL_CLOSE)
        return rows


def _newest(alias: str) -> str:
    return f"{alias}.published DESC NULLS LAST, {alias}.id"
