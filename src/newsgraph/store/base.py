"""What every store offers, whatever the backend (SQLite here; PostgreSQL for shared deployments)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..model import Article


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


class Store(Protocol):
    """One interface, two backends (SQLiteStore, PostgresStore); exports and the CLI use only this."""

    def add(self, articles: Iterable[Any], *, replace: bool = False) -> tuple[int, int]: ...
    def has(self, article_id: str) -> bool: ...
    def get(self, article_id: str) -> Article | None: ...
    def sources(self, article_id: str) -> list[dict[str, Any]]: ...
    def iter_articles(self, batch: int = 500) -> Iterator[Article]: ...
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]: ...
    def stats(self) -> dict[str, int]: ...
    def top_entities(self, limit: int = 10, etype: str | None = None) -> list[tuple[str, str, int]]: ...
    def integrity(self) -> str: ...
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
