"""Stores: `open_store("news.db")` for the embedded SQLite store (the default), or a postgresql:// URL."""

from __future__ import annotations

from pathlib import Path

from .base import SearchError, SearchHit, Store, StoreError
from .sqlite import SQLiteStore

DEFAULT_DB = "newsgraph.db"

__all__ = ["DEFAULT_DB", "SQLiteStore", "SearchError", "SearchHit", "Store", "StoreError", "is_postgres", "open_store"]


def is_postgres(url: str | Path) -> bool:
    return str(url).startswith(("postgresql://", "postgres://"))


def open_store(url: str | Path = DEFAULT_DB, *, readonly: bool = False) -> Store:
    """A SQLite file path (the default) or a postgresql:// URL."""
    if is_postgres(url):
        from .postgres import PostgresStore

        return PostgresStore(str(url), readonly=readonly)
    return SQLiteStore(str(url).removeprefix("sqlite:///"), readonly=readonly)
