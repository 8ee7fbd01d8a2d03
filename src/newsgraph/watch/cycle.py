"""One poll of every source, and the loop around it.

A cycle: poll the sources (new items become pending in the store), read the pending items in chunks (fetch
on the thread pool, extract and store here, then mark them done), refresh the incidents when stories were
added, run the alert rules over the stories not yet evaluated, and deliver what is owed. Each step commits
before the next starts, so a SIGKILL anywhere loses nothing and the next run finds the work where it stood.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .. import crosssource
from ..sources import Document
from ..store.watch_state import Item, WatchState
from .alerts import deliver, evaluate
from .extract import Extractor, Stored
from .fetch import Fetcher, Response, host_of
from .items import ItemRead, file_documents, read_remote
from .poll import file_hash, poll_all
from .rules import Rule
from .sinks import Sink
from .sources import WatchSource

log = logging.getLogger(__name__)


@dataclass
class WatchConfig:
    sources: list[WatchSource]
    rules: list[Rule] = field(default_factory=list)
    sinks: list[Sink] = field(default_factory=list)
    max_attempts: int = 3  # polls a transiently failing page is tried on before the feed's text stands in
    settle: float = 2.0  # seconds a dropped file must be left alone before it is read
    max_new: int = 1000  # new items taken from one source per poll
    chunk: int = 16  # items fetched, then stored and marked done, together
    commit_every: int = 64


@dataclass
class CycleReport:
    number: int
    started: str = ""
    polled: int = 0
    new_items: int = 0
    read: int = 0
    added: int = 0
    seen: int = 0
    retry: int = 0
    failed: int = 0
    evaluated: int = 0
    fired: int = 0
    updated: int = 0
    sent: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False

    def line(self) -> str:
        """The one line a cycle prints."""
        return (f"watch: cycle {self.number} at {self.started}: {self.polled} sources polled, {self.new_items} new items,"
                f" {self.read} read, {self.added} new stories ({self.seen} already stored),"
                f" {self.fired} alerts fired, {self.updated} updated, {len(self.errors)} errors"
                f" ({self.seconds:.1f}s){' - stopped' if self.stopped else ''}")


class Watcher:
    """`Watcher(store, config, extractor, fetcher).cycle()`; `run(every)` loops until stopped."""

    def __init__(self, store: Any, config: WatchConfig, extractor: Extractor, fetcher: Fetcher,
                 stop: threading.Event | None = None) -> None:
        self.store, self.config, self.extractor, self.fetcher = store, config, extractor, fetcher
        self.stop = stop or threading.Event()
        self.state = WatchState(store)
        self.state.baseline()  # stories stored before the first watch are not news to alert on
        self.languages = {s.key: s.language for s in config.sources}
        self.cycles = 0

    def cycle(self) -> CycleReport:
        self.cycles += 1
        t0 = time.monotonic()
        rep = CycleReport(self.cycles, datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"))
        polled = poll_all(self.fetcher, self.state, self.config.sources, settle=self.config.settle,
                          max_new=self.config.max_new)
        rep.polled, rep.new_items = polled.polled, polled.new_items
        rep.errors += polled.errors
        self._read_pending(rep, polled.prefetched)
        if not self.stop.is_set():
            self._alerts(rep)
        rep.stopped = self.stop.is_set()
        rep.seconds = time.monotonic() - t0
        return rep

    # -- items ---------------------------------------------------------------------------------------
    def _read_pending(self, rep: CycleReport, prefetched: dict[str, Response]) -> None:
        pending = self.state.items(("pending", "retry"), sources=list(self.languages))
        remote = [it for it in pending if it.kind != "file"]
        size = max(1, self.config.chunk)
        for i in range(0, len(remote), size):
            if self.stop.is_set():
                return
            self._remote_chunk(remote[i:i + size], prefetched, rep)
        for it in pending:
            if it.kind == "file" and not self.stop.is_set():
                self._file(it, rep)

    def _remote_chunk(self, chunk: list[Item], prefetched: dict[str, Response], rep: CycleReport) -> None:
        def one(it: Item) -> ItemRead:
            return read_remote(self.fetcher, it, max_attempts=self.config.max_attempts, prefetched=prefetched.pop(it.key, None))

        reads = self.fetcher.map(one, chunk, host=lambda it: host_of(it.key))
        by_lang: dict[str | None, list[Document]] = {}
        for r in reads:
            by_lang.setdefault(self.languages.get(r.item.source), []).extend(r.docs)
        stored = Stored()
        for lang, docs in by_lang.items():
            if docs:
                _merge(stored, self.extractor.store(self.store, docs, language=lang,
                                                    commit_every=self.config.commit_every))
        self._finish(reads, stored, rep)

    def _file(self, it: Item, rep: CycleReport) -> None:
        digest = file_hash(it.key)
        if digest is None:
            r = ItemRead(it, status="failed", error="the file is gone or cannot be read")
            self._finish([r], Stored(), rep)
            return
        stored = self.extractor.store(self.store, file_documents(it), language=self.languages.get(it.source),
                                      commit_every=self.config.commit_every)
        # a file's documents carry their own uris (a JSONL record its URL): every story of the run is this file's
        stored.by_uri[it.key] = stored.added + stored.seen
        rejects = [x for x in stored.rejects if x.uri == it.key and x.record is None]
        r = ItemRead(it, content_hash=digest, status="failed" if rejects and not stored.by_uri[it.key] else "done",
                     error=rejects[0].reason if rejects else None)
        self._finish([r], stored, rep, own_rejects=rejects)

    def _finish(self, reads: Sequence[ItemRead], stored: Stored, rep: CycleReport,
                own_rejects: Sequence[Any] | None = None) -> None:
        """Mark the items read, in one transaction, now that their stories are committed."""
        rep.added += stored.added
        rep.seen += stored.seen
        why = {x.uri: x.reason for x in (own_rejects if own_rejects is not None else stored.rejects)}
        with self.state.transaction():
            for r in reads:
                n = stored.by_uri.get(r.item.key, 0)
                error = r.error or (why.get(r.item.key) if r.docs and not n else None)
                self.state.finish(r.item.key, r.status, http_status=r.http_status, error=error, etag=r.etag,
                                  last_modified=r.last_modified, content_hash=r.content_hash,
                                  stories=n if r.status == "done" else None, entry=_slim(r))
                if r.status == "done":
                    rep.read += 1
                elif r.status == "retry":
                    rep.retry += 1
                else:
                    rep.failed += 1
                if error or r.status != "done":
                    rep.errors.append(f"{r.item.key}: {error or r.status}")
        for x in stored.rejects:
            if x.uri not in {r.item.key for r in reads}:
                rep.errors.append(str(x))

    # -- alerts --------------------------------------------------------------------------------------
    def _alerts(self, rep: CycleReport) -> None:
        if rep.added or (self.state.unevaluated(1) and self.state.incidents_stale()):
            try:
                crosssource.refresh_incidents(self.store)
            except Exception as e:  # the stories are stored; alerts then judge incidents by story alone
                rep.errors.append(f"incidents not refreshed ({type(e).__name__}: {e})")
        ev = evaluate(self.state, self.config.rules, self.config.sinks)
        rep.evaluated, rep.fired, rep.updated = ev.stories, ev.fired, ev.updated
        rep.sent, errors = deliver(self.state, self.config.sinks)
        rep.errors += errors

    # -- the loop ------------------------------------------------------------------------------------
    def run(self, every: float | None, report: Callable[[CycleReport], None]) -> int:
        """Cycles every `every` seconds (None: once) until stopped; exit status 1 when the last cycle had errors."""
        while True:
            started = time.monotonic()
            rep = self.cycle()
            report(rep)
            if every is None or self.stop.is_set():
                return 1 if rep.errors else 0
            if self.stop.wait(max(0.0, every - (time.monotonic() - started))):
                return 0


def _slim(r: ItemRead) -> str | None:
    """Once an item is read, the feed's copy of its text is no longer needed: its title and date are kept."""
    data = r.item.entry_data()
    if r.status == "retry" or data.get("unlinked") or not ({"html", "text"} & set(data)):  # unlinked: it is the story
        return None
    return json.dumps({k: v for k, v in data.items() if k not in ("html", "text")}, ensure_ascii=False)


def _merge(into: Stored, part: Stored) -> None:
    into.added += part.added
    into.seen += part.seen
    into.rejects += part.rejects
    for k, v in part.by_uri.items():
        into.by_uri[k] = into.by_uri.get(k, 0) + v


def stop_on_signals(stop: threading.Event) -> None:
    """The first SIGTERM or SIGINT lets the chunk in hand finish (its stories stored, its items marked) and
    stops; a second one stops at once (KeyboardInterrupt: the open transaction rolls back). Main thread only."""
    def handler(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handler)
