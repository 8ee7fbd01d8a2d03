"""Documents into the store: the one place the watcher runs the extraction pipeline.

`newsgraph.ingest` takes paths; the watcher has pages in memory (with their URLs, feed titles and dates), so it
drives `Pipeline.run_documents` itself, with the same contract: stories the store has skip the model (and add
their source), writes go in transactions of `commit_every`. Switch this module when the library grows an
entry point for Documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Seen
from ..sources import Document, Reject


@dataclass
class Stored:
    added: int = 0
    seen: int = 0
    rejects: list[Reject] = field(default_factory=list)
    by_uri: dict[str, int] = field(default_factory=dict)  # stories (new or already stored) per document uri


class Extractor:
    """The pipeline, loaded on first use (a poll with nothing new never loads the model)."""

    def __init__(self, model: str | None = None, batch_size: int = 32, site_memory: bool = True,
                 warn: Callable[[str], None] | None = None) -> None:
        self.model, self.batch_size, self.site_memory, self.warn = model, batch_size, site_memory, warn
        self._pipe: Any = None

    @property
    def pipeline(self) -> Any:
        if self._pipe is None:
            from ..pipeline import Options, Pipeline

            self._pipe = Pipeline(Options(model=self.model, batch_size=self.batch_size, site_memory=self.site_memory),
                                  warn=self.warn)
        return self._pipe

    def load(self) -> None:
        """Load the model now, so a missing one is an error before the first poll rather than in it."""
        self.pipeline.nlp  # noqa: B018 - loading is the point

    def store(self, store: Any, docs: Iterable[Document | Reject], *, language: str | None = None,
              commit_every: int = 64) -> Stored:
        """Extract and store; returns when every story is committed. A StoreError propagates (nothing after
        the last commit is stored, and the caller marks nothing done)."""
        out = Stored()
        batch: list[Article | Seen] = []

        def flush() -> None:
            if batch:
                a, s = store.add(batch)
                out.added, out.seen = out.added + a, out.seen + s
                batch.clear()

        for item in self.pipeline.run_documents(docs, known=store.has, store=store):
            if isinstance(item, Reject):
                out.rejects.append(item)
                continue
            if language and isinstance(item, Article):
                item.language = language
            out.by_uri[item.source.uri] = out.by_uri.get(item.source.uri, 0) + 1
            batch.append(item)
            if len(batch) >= commit_every:
                flush()
        flush()
        return out
