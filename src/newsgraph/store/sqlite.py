"""The embedded store: SQLite with WAL, FTS5 full-text search, content-hash ids and batched commits.

One writer, many readers. A story's id is the hash of its words, so ingesting the same input twice (or
after a crash) adds nothing: `INSERT OR IGNORE` on the id, inside one transaction per batch.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model import Article, Seen, Source
from .base import SearchError, SearchHit, StoreError
from .dedup import index_article
from .entity_links import Linker
from .reads import Reads, Run
from .rows import source_row, store_rows
from .schema_sql import FOLD_FUNCTION, INSERT, INSERT_FTS, META, MIGRATIONS
from .search_fold import fold, unfold_snippet
from .search_query import SEARCH_HELP, translate
from .site_lines import SiteLines, SitePage, count_pages
from .web_filters import HL_CLOSE, HL_OPEN, brackets, read_by_filter
from .web_sqlite import SQLiteWebReads

SCHEMA_VERSION = len(MIGRATIONS)


class SQLiteStore(Reads, SiteLines):
    """`with SQLiteStore("news.db") as db: db.add(articles)`."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"no store at {self.path}; create one with `newsgraph ingest PATH --db {self.path}`")
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            try:
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as e:
                raise StoreError(f"cannot open {self.path} for writing ({e}); check the folder exists and is writable") from None
            except sqlite3.DatabaseError as e:
                raise StoreError(f"{self.path} is not a newsgraph store ({e}); choose another --db file") from None
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        if not readonly:
            self.conn.execute("PRAGMA synchronous=NORMAL")
            # the "fold_scripts" migration refills the search index through it
            self.conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
            self._migrate()
        self._check_version()

    def _migrate(self) -> None:
        cur = self.conn
        cur.execute(META)
        row = cur.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        have = int(row[0]) if row else 0
        for version, script in enumerate(MIGRATIONS[have:], start=have + 1):
            cur.execute("BEGIN IMMEDIATE")
            try:
                for stmt in script:
                    cur.execute(stmt)
                cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(version),))
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise

    def _check_version(self) -> None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path} is not a newsgraph store ({e})") from None
        have = int(row[0]) if row else 0
        if have > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer newsgraph (schema {have}); upgrade newsgraph")
        if self.readonly and have < SCHEMA_VERSION:
            raise StoreError(f"{self.path} has an old schema ({have}); open it once for writing to migrate")

    # -- writing ---------------------------------------------------------------------------------
    def add(self, articles: Iterable[Article | Seen], *, replace: bool = False) -> tuple[int, int]:
        """Store one batch in one transaction. Returns (added, already present).

        A `Seen` (a story the pipeline knew was stored) adds only its source."""
        added = skipped = 0
        cur = self.conn
        try:
            cur.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreError(_write_error(self.path, e)) from None
        try:
            linker = Linker(self._execute)
            self._backfill_links(linker)
            for art in articles:
                if not isinstance(art, Article):
                    self._add_source(art.id, art.source)
                    skipped += 1
                elif self._add_one(art, replace, linker):
                    added += 1
                else:
                    skipped += 1
            linker.finish()
            cur.execute("COMMIT")
        except sqlite3.OperationalError as e:
            self._rollback()
            raise StoreError(_write_error(self.path, e)) from None
        except BaseException:
            self._rollback()
            raise
        return added, skipped

    def _write_transaction(self, work: Callable[[Run], int]) -> int:
        cur = self.conn
        try:
            cur.execute("BEGIN IMMEDIATE")  # the write lock first: no other writer between reading and writing
        except sqlite3.OperationalError as e:
            raise StoreError(_write_error(self.path, e)) from None
        try:
            n = work(lambda sql, rows: cur.executemany(sql, rows) and None)
            cur.execute("COMMIT")
        except sqlite3.OperationalError as e:
            self._rollback()
            raise StoreError(_write_error(self.path, e)) from None
        except BaseException:
            self._rollback()
            raise
        return n

    def add_site_pages(self, pages: Iterable[SitePage]) -> int:
        """Corpus memory: count pages' line fingerprints, once per page (store/site_lines.py)."""
        return self._write_transaction(
            lambda _run: count_pages(lambda sql, params: self.conn.execute(sql, params).rowcount, pages))

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _execute(self, sql: str, params: Any) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def _add_one(self, a: Article, replace: bool, linker: Linker) -> bool:
        c = self.conn
        exists = c.execute("SELECT 1 FROM articles WHERE id=?", (a.id,)).fetchone() is not None
        if exists and not replace:
            self._add_source(a.id, a.source)  # the same story seen at another place: one record, many sources
            return False
        if exists:
            linker.stale(a.id)
            c.execute("DELETE FROM articles_fts WHERE rowid = (SELECT rowid FROM articles WHERE id=?)", (a.id,))
            c.execute("DELETE FROM articles WHERE id=?", (a.id,))  # children go by ON DELETE CASCADE
        rows = store_rows(a)
        rowid = c.execute(INSERT["articles"], rows.pop("articles")[0]).lastrowid
        # Coupled to migration 4 (tables.py step place_indexes): the index row takes the article's rowid. Never
        # VACUUM a store (it may renumber rowids of a table without an INTEGER PRIMARY KEY); `integrity()` checks
        # the pairing.
        c.execute(INSERT_FTS, (rowid, a.id, fold(a.title or ""), fold(a.text)))  # folded: search_fold.py
        for table, r in rows.items():  # its source first, then the parts
            if r:
                c.executemany(INSERT[table], r)
        index_article(lambda sql, params: c.execute(sql, params).fetchall(), a.id, a.text)
        linker.link_article(a)
        return True

    def _add_source(self, article_id: str, src: Source) -> None:
        self.conn.execute(INSERT["article_sources"], source_row(article_id, src))

    # -- reading ---------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20, offset: int = 0, read_by: str | None = None,
               not_read_by: str | None = None) -> list[SearchHit]:
        if not query.strip():
            raise SearchError("empty search query; give words to look for")
        match = translate(query, "sqlite")
        cond, params = read_by_filter(read_by, not_read_by)
        try:
            # the index holds folded text: its snippet is given the story's own letters back (unfold_snippet),
            # marked with characters no text has, then with brackets
            rows = self.conn.execute(
                f"SELECT a.id, a.title, a.published, snippet(articles_fts, 2, '{HL_OPEN}', '{HL_CLOSE}', '…', 12),"
                " a.text, bm25(articles_fts) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                f" WHERE articles_fts MATCH ?{cond} ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
                (match, *params, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError:
            raise SearchError(f"cannot read the search query {query!r}; {SEARCH_HELP}") from None
        return [SearchHit(i, t, p, brackets(unfold_snippet(s, o, HL_OPEN, HL_CLOSE, "…")), -r)
                for i, t, p, s, o, r in rows]

    def mark_partition(self, pid: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO partitions_done VALUES (?, datetime('now'))", (pid,))

    def integrity(self) -> str:
        res = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if res != "ok":
            return res
        stray = self.conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN articles_fts f ON f.rowid = a.rowid"
            " WHERE f.article_id IS NOT a.id").fetchone()[0]
        return "ok" if stray == 0 else f"{stray} article(s) out of step with the search index"

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL for the CLI and exports (parameters bound, never formatted in)."""
        return self.conn.execute(sql, params).fetchall()

    def web_reads(self) -> SQLiteWebReads:
        """The web app's reads over this store's file, on read-only connections of their own (one per thread),
        so they outlive this object and never block its writes."""
        return SQLiteWebReads(self.path)


def _write_error(path: str, e: sqlite3.OperationalError) -> str:
    msg = str(e)
    if "full" in msg:
        return f"{path}: disk full ({msg}); free space and run again: stories already stored are kept"
    if "readonly" in msg or "read-only" in msg:
        return f"{path}: the store is read-only ({msg}); check the file's permissions or choose another --db"
    if "locked" in msg or "busy" in msg:
        return f"{path}: the store is busy ({msg}); another process holds it; try again when it has finished"
    return f"{path}: cannot write the store ({msg})"
