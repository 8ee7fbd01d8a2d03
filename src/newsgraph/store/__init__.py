"""Stores: `open_store("news.db")` for the embedded SQLite store (the default)."""

from __future__ import annotations

from pathlib import Path

from .base import SearchError, SearchHit, StoreError
from .sqlite import SQLiteStore

DEFAULT_DB = "newsgraph.db"

__all__ = ["DEFAULT_DB", "SQLiteStore", "SearchError", "SearchHit", "StoreError", "open_store"]


def open_store(url: str | Path = DEFAULT_DB, *, readonly: bool = False) -> SQLiteStore:
    url = str(url)
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError("PostgreSQL stores are not available in this version; use a SQLite file path")
    return SQLiteStore(url.removeprefix("sqlite:///"), readonly=readonly)
