"""The connections and SQL dialect under the web app's reads (store/web_reads.py): each thread its own
read-only connection, and the few places where SQLite and PostgreSQL write the same thing differently.

A reader never writes: each thread opens its own read-only connection to the store (SQLite `mode=ro` with
`query_only`; PostgreSQL read-only transactions), so a bug in a read cannot change the archive, readers never
block an ingest, and a slow page does not hold up another. A thread's connection closes when the thread
ends, and all of them on `close()`.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from typing import Any


class _Held:
    """One thread's connection, closed when the thread ends (its thread-local slot is dropped) or on close()."""

    __slots__ = ("__weakref__", "conn")

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def __del__(self) -> None:
        self.close()


class SQLReads:
    """Rows from SQL written with `?` placeholders, on the calling thread's own read-only connection."""

    LIKE = "LIKE"  # case-insensitive LIKE
    DESC = "DESC"  # descending with NULLs last
    ASC = "ASC"  # ascending with NULLs first
    OUTER_FIRST = "CROSS JOIN"  # an inner join that keeps the left table outer (SQLite's CROSS JOIN ... ON)
    where = ""  # what is read, for messages: a path, or a URL without its password

    def __init__(self) -> None:
        self._local = threading.local()
        self._held: weakref.WeakSet[_Held] = weakref.WeakSet()
        self._held_lock = threading.Lock()

    # -- connections (each backend opens and runs its own) -----------------------------------------
    def _connect(self) -> Any:
        raise NotImplementedError

    def _run(self, conn: Any, sql: str, params: tuple[Any, ...] | list[Any]) -> Any:
        """A cursor over `sql` (written with `?` placeholders) run with `params`."""
        raise NotImplementedError

    def conn(self) -> Any:
        held = getattr(self._local, "held", None)
        if held is None or held.conn is None:
            held = _Held(self._connect())
            self._local.held = held
            with self._held_lock:
                self._held.add(held)
        return held.conn

    def close(self) -> None:
        """Close every thread's connection (a thread that reads again opens a new one)."""
        with self._held_lock:
            held = list(self._held)
        for h in held:
            h.close()

    def rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts by column name, as the pages and the JSON answers use them."""
        cur = self._run(self.conn(), sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows as tuples; also the store read crosssource makes."""
        return [tuple(r) for r in self._run(self.conn(), sql, params).fetchall()]

    # -- dialect: where SQLite and PostgreSQL write the same thing differently ----------------------
    def _noindex(self, expr: str) -> str:
        """`expr`, marked so the planner does not pick an index on it (SQLite's unary +)."""
        return expr

    def _ieq(self, col: str) -> str:
        """`col` equals the next parameter, case aside."""
        raise NotImplementedError

    def _upto(self, col: str, day: str) -> tuple[str, str]:
        """A condition and its parameter: `col` is `day` (YYYY[-MM[-DD]]) or earlier, a timestamp on it included."""
        raise NotImplementedError

    def _stored_order(self, alias: str) -> str:
        """ORDER BY terms for the order stories were stored in."""
        raise NotImplementedError

    def _clip(self, start: str, end: str, most: int) -> str:
        """The length of the span start..end, at most `most`."""
        raise NotImplementedError

    def _quote_key(self, alias: str, *, compared: bool = False) -> str:
        """The columns that name one quote row (as a value to compare when `compared`)."""
        raise NotImplementedError

    def _recent_links(self) -> str:
        """SQL for the article ids of a store entity's latest links (parameters: the store id, how many)."""
        raise NotImplementedError
