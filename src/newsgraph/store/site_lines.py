"""Corpus memory in the store (clean/memory.py): per-site line fingerprints and the pages that counted them.

Written once for both backends: reads through `query()` (`?` placeholders), writes through an `execute`
the backend runs inside its own write transaction. The SQL (ON CONFLICT upserts) reads the same in SQLite
and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .ddl import insert_into, on_conflict

# (site, page key, the page's fingerprints, the fingerprints memory took from it)
SitePage = tuple[str, str, Sequence[str], Sequence[str]]

# Stays well under SQLite's bound-parameter limit (999 in old builds).
_CHUNK = 500
# rows (site, page, applied) and (site, fp, pages), as tables.py declares them; a page counted before is skipped,
# a line seen before adds its new pages to its count
_PAGE = insert_into("site_pages", tail=on_conflict("site_pages"))
_LINE = insert_into("site_lines", tail=on_conflict("site_lines", {"pages": "site_lines.pages + excluded.pages"}))


class SiteLines:
    """The reads; mixed into both stores, which provide `query()`."""

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def site_lines(self, site: str, fps: Iterable[str] | None = None) -> dict[str, int]:
        """Distinct pages per fingerprint of a site: all of them, or those of `fps` the store has."""
        if fps is None:
            return dict(self.query("SELECT fp, pages FROM site_lines WHERE site=?", (site,)))
        want = sorted(set(fps))
        out: dict[str, int] = {}
        for i in range(0, len(want), _CHUNK):
            part = want[i:i + _CHUNK]
            marks = ",".join("?" * len(part))
            out.update(self.query(f"SELECT fp, pages FROM site_lines WHERE site=? AND fp IN ({marks})",
                                  (site, *part)))
        return out

    def site_recurring(self, site: str, min_pages: int) -> frozenset[str]:
        """The site's template: fingerprints seen on `min_pages` distinct pages or more."""
        rows = self.query("SELECT fp FROM site_lines WHERE site=? AND pages >= ?", (site, min_pages))
        return frozenset(r[0] for r in rows)

    def site_page(self, site: str, page: str) -> str | None:
        """For a page counted before: the fingerprints memory took from it (space-separated); else None."""
        rows = self.query("SELECT applied FROM site_pages WHERE site=? AND page=?", (site, page))
        return rows[0][0] if rows else None


def count_pages(execute: Callable[[str, tuple[Any, ...]], int], pages: Iterable[SitePage]) -> int:
    """Record pages and add one to each of their fingerprints' counts, skipping pages recorded before.
    `execute(sql, params)` returns the rows it changed. Returns how many pages were new.

    Counts are summed first and written in (site, fp) order: one statement per line, and the same lock order
    in every writer, so concurrent PostgreSQL ingests do not deadlock on each other's rows."""
    counts: Counter[tuple[str, str]] = Counter()
    new = 0
    for site, key, fps, applied in sorted(pages, key=lambda p: (p[0], p[1])):
        if execute(_PAGE, (site, key, " ".join(applied))):
            new += 1
            counts.update((site, fp) for fp in set(fps))
    for (site, fp), n in sorted(counts.items()):
        execute(_LINE, (site, fp, n))
    return new
