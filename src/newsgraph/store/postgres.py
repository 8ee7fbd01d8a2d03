"""PostgreSQL store for shared deployments: the SQLite store's tables and behaviour over psycopg 3.

Same content-hash ids and idempotent ingest (`ON CONFLICT DO NOTHING`), full-text search with a weighted
tsvector and a GIN index, versioned migrations, and several ingest processes at once: the article insert
decides who writes a story's rows, and a batch that loses a deadlock is retried whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Article, Seen, Source
from .base import SearchError, SearchHit, StoreError
from .dedup import index_article
from .entity_links import Linker
from .postgres_sql import INSERT, META, MIGRATIONS
from .reads import Reads, Run
from .rows import source_row, store_rows
from .search_query import headline_sql, translate, unfold_snippet
from .site_lines import SiteLines, SitePage, count_pages
from .tables import ARTICLE_TABLES
from .web_filters import HL_CLOSE, HL_OPEN, brackets, read_by_filter
from .web_postgres import PostgresWebReads

SCHEMA_VERSION = len(MIGRATIONS)
# rows shared across stories (entities, places): written first, sorted, in one lock order for every writer
_SHARED = tuple(t.name for t in ARTICLE_TABLES if t.shared)
_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
MAX_RETRIES = 8


class PostgresStore(Reads, SiteLines):
    """`PostgresStore("postgresql://user@host/db")`; `schema=` keeps the tables in their own namespace."""

    def __init__(self, url: str, *, readonly: bool = False, schema: str | None = None) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError('PostgreSQL needs psycopg: pip install "newsgraph[postgres]"') from None
        self._psycopg = psycopg
        self.url, self.readonly, self.schema = url, readonly, schema
        if schema is not None and not _IDENT.match(schema):
            raise StoreError(f"bad schema name {schema!r}: lower-case letters, digits and _ only")
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise StoreError(f"cannot connect to {_redact(url)} ({first}); is the server running and the URL right?") \
                from None
        if schema:
            if not readonly:
                self.conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self.conn.execute(f'SET search_path TO "{schema}"')
        if readonly:
            self.conn.execute("SET default_transaction_read_only = on")
        else:
            self._migrate()
        self._check_version()

    def _migrate(self) -> None:
        with self.conn.transaction():
            # one migrator at a time across processes
            self.conn.execute("SELECT pg_advisory_xact_lock(727274)")
            self.conn.execute(META)
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            have = int(row[0]) if row else 0
            for version, script in enumerate(MIGRATIONS[have:], start=have + 1):
                for stmt in script:
                    self.conn.execute(stmt)
                self.conn.execute(
                    "INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (str(version),))

    def _check_version(self) -> None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except self._psycopg.errors.UndefinedTable:
            raise StoreError("no newsgraph store in this database; create one with `newsgraph ingest PATH --db URL`") \
                from None
        have = int(row[0]) if row else 0
        if have > SCHEMA_VERSION:
            raise StoreError(f"the store was written by a newer newsgraph (schema {have}); upgrade newsgraph")

    # -- writing ---------------------------------------------------------------------------------
    def add(self, articles: Iterable[Article | Seen], *, replace: bool = False) -> tuple[int, int]:
        items = sorted(articles, key=lambda a: a.id)  # one lock order for every writer: fewer deadlocks
        errors = self._psycopg.errors
        for attempt in range(MAX_RETRIES):
            try:
                with self.conn.transaction():
                    return self._add_batch(items, replace)
            except (errors.DeadlockDetected, errors.SerializationFailure):
                if attempt == MAX_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def add_site_pages(self, pages: Iterable[SitePage]) -> int:
        """Corpus memory: count pages' line fingerprints, once per page (store/site_lines.py)."""
        items = list(pages)
        errors = self._psycopg.errors
        for attempt in range(MAX_RETRIES):
            try:
                with self.conn.transaction(), self.conn.cursor() as cur:
                    def execute(sql: str, params: tuple[Any, ...], cur: Any = cur) -> int:
                        cur.execute(sql.replace("?", "%s"), params)
                        return cur.rowcount
                    return count_pages(execute, items)
            except (errors.DeadlockDetected, errors.SerializationFailure):
                if attempt == MAX_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def _write_transaction(self, work: Callable[[Run], int]) -> int:
        with self.conn.transaction(), self.conn.cursor() as cur:
            # concurrent refreshes (one per ingest process) one after the other, or the second one's inserts
            # would collide with the first one's
            cur.execute("SELECT pg_advisory_xact_lock(727275)")

            def run(sql: str, rows: Any) -> None:
                cur.executemany(sql.replace("?", "%s"), rows)
            return work(run)

    def _add_batch(self, items: list[Any], replace: bool) -> tuple[int, int]:
        added = skipped = 0
        with self.conn.cursor() as cur:
            linked: list[Article] = []
            linker = Linker(lambda sql, params, cur=cur: _fetch(cur, sql, params))
            for a in items:
                if not isinstance(a, Article):
                    self._add_source(cur, a.id, a.source)
                    skipped += 1
                    continue
                if replace:
                    linker.stale(a.id)
                    cur.execute("DELETE FROM articles WHERE id=%s", (a.id,))
                rows = store_rows(a)
                cur.execute(INSERT["articles"], rows.pop("articles")[0])
                inserted = cur.fetchone() is not None
                cur.executemany(INSERT["article_sources"], rows.pop("article_sources"))
                if not inserted:
                    skipped += 1
                    continue
                added += 1
                for table in _SHARED:
                    if rows[table]:
                        cur.executemany(INSERT[table], sorted(set(rows[table])))
                for table, r in rows.items():
                    if r and table not in _SHARED:
                        cur.executemany(INSERT[table], r)
                index_article(lambda sql, params, cur=cur: _fetch(cur, sql, params), a.id, a.text)
                linked.append(a)
            # Store-level entities last, one batch at a time across processes: whether a surname is unique in
            # the store must be read and written by one writer at a time (store/entity_links.py).
            cur.execute("SELECT pg_advisory_xact_lock(727276)")
            self._backfill_links(linker)
            for a in linked:
                linker.link_article(a)
            linker.finish()
        return added, skipped

    def _add_source(self, cur: Any, article_id: str, src: Source) -> None:
        cur.execute(INSERT["article_sources"], source_row(article_id, src))

    # -- reading ---------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20, offset: int = 0, read_by: str | None = None,
               not_read_by: str | None = None) -> list[SearchHit]:
        if not query.strip():
            raise SearchError("empty search query; give words to look for")
        # websearch_to_tsquery reads any input (quotes, OR, -word) without a syntax error. The snippet is marked
        # with characters no text has, so its accents can be put back (search_query.unfold_snippet).
        headline = headline_sql("a.text", "q", f"StartSel={HL_OPEN}, StopSel={HL_CLOSE}, MaxWords=24, MinWords=8,"
                                " MaxFragments=1")
        cond, params = read_by_filter(read_by, not_read_by)
        rows = self.conn.execute(
            "SELECT id, title, published, s.snippet, s.original, ts_rank_cd(tsv, q)"
            f" FROM articles a, websearch_to_tsquery('english', %s) q, {headline} WHERE tsv @@ q"
            f"{cond.replace('?', '%s')} ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT %s OFFSET %s",
            (translate(query, "postgres"), *params, limit, offset),
        ).fetchall()
        return [SearchHit(i, t, p, brackets(unfold_snippet(s, o, HL_OPEN, HL_CLOSE)), float(r))
                for i, t, p, s, o, r in rows]

    def mark_partition(self, pid: str) -> None:
        self.conn.execute("INSERT INTO partitions_done VALUES (%s, now()::text) ON CONFLICT DO NOTHING", (pid,))

    def integrity(self) -> str:
        orphans = self.conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id=a.id)"
        ).fetchone()[0]
        return "ok" if orphans == 0 else f"{orphans} article(s) without a source"

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL written for SQLite's `?` placeholders (parameters bound, never formatted in)."""
        return [tuple(r) for r in self.conn.execute(sql.replace("?", "%s"), params).fetchall()]

    def web_reads(self) -> PostgresWebReads:
        """The web app's reads over this database and schema, on read-only connections of their own (one per
        thread), so they outlive this object and requests do not queue on one connection."""
        return PostgresWebReads(self.url, self.schema)


def _fetch(cur: Any, sql: str, params: Any) -> list[tuple[Any, ...]]:
    cur.execute(sql.replace("?", "%s"), params)
    return cur.fetchall() if cur.description else []


def _redact(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
