"""What every store offers, whatever the backend (SQLite here; PostgreSQL for shared deployments)."""

from __future__ import annotations

from dataclasses import dataclass


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class SearchError(ValueError):
    """A search query the full-text engine cannot read; the message says how to write one."""


@dataclass
class SearchHit:
    id: str
    title: str | None
    published: str | None
    snippet: str
    score: float
