"""Inputs into a store, and inputs into records: the one way in for the CLI, Python users and Dask runs.

    result = newsgraph.ingest(["scrapes/"], "news.db")         # every core; re-running adds nothing
    for item in newsgraph.extract_records(["dump.jsonl"]):     # Articles and Rejects, in input order
        ...

`ingest` skips the stories the store has (no model run for them), writes in transactions of `commit_every`
stories, reports each rejected input (the run goes on), stops at the first store error with what was stored
said (`IngestError.result`), and refreshes the incidents tables once at the end of a run that stored something.
Extraction runs on `workers` local processes (workers.py; default every core) or, given a Dask `scheduler` or
`dask_workers`, on a Dask cluster (distributed.py), which many machines can share. Either way this process is
the single writer of the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import crosssource
from .model import Article, Seen
from .pipeline import Options, Pipeline
from .sources import Meta, Reject, read
from .store import Store, StoreError, open_store

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    """What a run did. `failed` counts inputs (documents, records, Dask partitions) that were not read."""

    added: int = 0
    seen: int = 0
    failed: int = 0
    rejects: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Dask runs: partitions done now, finished by an earlier run, and failed after their retries
    partitions: int = 0
    skipped_partitions: int = 0
    failed_partitions: int = 0


class IngestError(StoreError):
    """A store write failed; the run stopped. `result` holds what was stored before it."""

    def __init__(self, cause: StoreError, result: IngestResult) -> None:
        super().__init__(f"{cause} (stored before the error: {result.added} new stories, {result.seen} already "
                         "stored)")
        self.cause, self.result = cause, result


class _Report:
    """Rejects and warnings: counted in the result and handed to the caller's callbacks."""

    def __init__(self, result: IngestResult, on_reject: Callable[[str], None] | None,
                 warn: Callable[[str], None] | None) -> None:
        self.result, self.on_reject, self.on_warn = result, on_reject, warn

    def reject(self, msg: str) -> None:
        self.result.failed += 1
        self.result.rejects.append(msg)
        if self.on_reject is not None:
            self.on_reject(msg)

    def warn(self, msg: str) -> None:
        self.result.warnings.append(msg)
        (self.on_warn or log.warning)(msg)


class _Writer:
    """Stories into the store in transactions of `every`."""

    def __init__(self, store: Store, result: IngestResult, replace: bool, every: int,
                 progress: Callable[[int], None] | None) -> None:
        self.store, self.result, self.replace, self.every, self.progress = store, result, replace, every, progress
        self.batch: list[Article | Seen] = []
        self.done = 0

    def add(self, item: Article | Seen) -> None:
        self.batch.append(item)
        self.done += 1
        if self.progress is not None:
            self.progress(self.done)
        if len(self.batch) >= self.every:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        try:
            a, s = self.store.add(self.batch, replace=self.replace)
        except StoreError as e:
            raise IngestError(e, self.result) from e
        self.result.added += a
        self.result.seen += s
        self.batch.clear()


def ingest(inputs: str | Path | Iterable[str | Path], db_or_store: str | Path | Store, *, fmt: str = "auto",
           model: str | None = None, workers: int | None = None, replace: bool = False, commit_every: int = 64,
           site_memory: bool = True, on_reject: Callable[[str], None] | None = None,
           progress: Callable[[int], None] | None = None, batch_size: int = 32, scheduler: str | None = None,
           dask_workers: int | None = None, warn: Callable[[str], None] | None = None,
           pool_min_chars: int | None = None, meta: Meta | None = None) -> IngestResult:
    """Extract the stories of `inputs` (paths, folders, globs) into a store: a SQLite path, a postgresql://
    URL, or an open Store (left open). Idempotent: a story already stored adds only its new source.

    `workers`: local processes (None: every core; 1: this process). `scheduler` (a Dask scheduler address)
    or `dask_workers` (a local Dask cluster of N) run on Dask instead, resuming at unfinished partitions.
    `on_reject(msg)` per input that failed, `progress(n)` after each story, `warn(msg)` for problems that
    stop nothing (default: logged). `meta`: publication date, URL and title for every story of the inputs
    (sources.Meta; a file's sidecar `file.txt.json` wins for that file). Raises IngestError (a StoreError)
    when a write fails."""
    paths = _paths(inputs)
    _local_only(meta, scheduler, dask_workers)
    result = IngestResult()
    report = _Report(result, on_reject, warn)
    own = isinstance(db_or_store, str | Path)
    store: Any = open_store(db_or_store) if own else db_or_store
    try:
        writer = _Writer(store, result, replace, commit_every, progress)
        if scheduler is not None or dask_workers is not None:
            _dask_into_store(paths, fmt, store, writer, report, model=model, batch_size=batch_size,
                             site_memory=site_memory, scheduler=scheduler, dask_workers=dask_workers)
        else:
            pipe = Pipeline(Options(model=model, batch_size=batch_size, workers=workers, site_memory=site_memory,
                                    pool_min_chars=pool_min_chars), warn=report.warn)
            pipe.check_model()
            docs = read(paths, fmt, meta)
            with closing(pipe.run_documents(docs, known=None if replace else store.has, store=store)) as items:
                for item in items:
                    if isinstance(item, Reject):
                        report.reject(str(item))
                    else:
                        writer.add(item)
            writer.flush()
        refresh_incidents(store, result.added, report.warn)
    finally:
        if own:
            store.close()
    return result


def _local_only(meta: Meta | None, scheduler: str | None, dask_workers: int | None) -> None:
    if meta is not None and (scheduler is not None or dask_workers is not None):
        raise ValueError("metadata for every input (meta=) is for local runs; on Dask give each file a sidecar "
                         "(file.txt.json)")


def _paths(inputs: str | Path | Iterable[str | Path]) -> list[str]:
    if isinstance(inputs, str | Path):
        return [str(inputs)]
    return [str(p) for p in inputs]


def _dask_into_store(paths: list[str], fmt: str, store: Any, writer: _Writer, report: _Report,
                     **kw: Any) -> None:
    """Dask workers extract whole partitions; each is committed, then marked done, so a rerun skips it."""
    for r in _dask_results(paths, fmt, report, done=store.partition_done, **kw):
        for art in r["articles"]:
            writer.add(art)
        writer.flush()
        if not r.get("failed"):
            try:
                store.mark_partition(r["id"])
            except StoreError as e:
                raise IngestError(e, writer.result) from e
        for rej in r["rejects"]:
            report.reject(str(rej))


def _dask_results(paths: list[str], fmt: str, report: _Report, *, model: str | None, batch_size: int,
                  site_memory: bool, scheduler: str | None, dask_workers: int | None,
                  out: str | None = None, done: Callable[[str], bool] | None = None) -> Iterator[dict[str, Any]]:
    """Partition results as they complete (any order), failed ones with their reason as a reject; the
    partition counts go into the result."""
    from . import distributed

    parts = distributed.plan(paths, fmt)
    counts = distributed.RunResult()
    yield from distributed.results(parts, workers=dask_workers, scheduler=scheduler, model=model,
                                   batch_size=batch_size, out=out, site_memory=site_memory,
                                   done=done or (lambda pid: False), counts=counts)
    res = report.result
    res.partitions, res.skipped_partitions, res.failed_partitions = counts.partitions, counts.skipped, counts.failed


def write_partitions(inputs: str | Path | Iterable[str | Path], out: str | Path, *, fmt: str = "auto",
                     model: str | None = None, batch_size: int = 32, site_memory: bool = True,
                     scheduler: str | None = None, dask_workers: int | None = None,
                     on_reject: Callable[[str], None] | None = None) -> IngestResult:
    """A Dask run where each partition writes its Parquet tables under `out` instead of into a store
    (docs/scale.md); partitions with a marker in `out/_done` are skipped."""
    result = IngestResult()
    report = _Report(result, on_reject, None)
    for r in _dask_results(_paths(inputs), fmt, report, model=model, batch_size=batch_size,
                           site_memory=site_memory, scheduler=scheduler, dask_workers=dask_workers, out=str(out)):
        result.added += r.get("count", 0)
        for rej in r["rejects"]:
            report.reject(str(rej))
    return result


def extract_records(inputs: str | Path | Iterable[str | Path], *, fmt: str = "auto", model: str | None = None,
                    workers: int | None = None, batch_size: int = 32, site_memory: bool = True,
                    scheduler: str | None = None, dask_workers: int | None = None,
                    warn: Callable[[str], None] | None = None, pool_min_chars: int | None = None,
                    result: IngestResult | None = None, meta: Meta | None = None) -> Iterator[Article | Reject]:
    """Articles (and Rejects for inputs that failed) from `inputs`, without a store. Local runs keep input
    order, on any number of `workers` (None: every core); Dask runs give each partition's records as it
    completes. `result`, when given, gets the Dask partition counts and the rejects. `meta`: as for ingest."""
    paths = _paths(inputs)
    _local_only(meta, scheduler, dask_workers)
    report = _Report(result or IngestResult(), None, warn)
    if scheduler is not None or dask_workers is not None:
        return _dask_records(paths, fmt, report, model=model, batch_size=batch_size, site_memory=site_memory,
                             scheduler=scheduler, dask_workers=dask_workers)
    pipe = Pipeline(Options(model=model, batch_size=batch_size, workers=workers, site_memory=site_memory,
                            pool_min_chars=pool_min_chars), warn=report.warn)
    pipe.check_model()  # before any input is read: a missing model is the caller's error, not the inputs'
    return _local_records(pipe.run_documents(read(paths, fmt, meta)), report)


def _local_records(items: Iterator[Any], report: _Report) -> Iterator[Article | Reject]:
    with closing(items):
        for item in items:
            if isinstance(item, Reject):
                report.result.failed += 1
                report.result.rejects.append(str(item))
            yield item


def _dask_records(paths: list[str], fmt: str, report: _Report, **kw: Any) -> Iterator[Article | Reject]:
    for r in _dask_results(paths, fmt, report, **kw):
        yield from r["articles"]
        for rej in r["rejects"]:
            report.result.failed += 1
            report.result.rejects.append(str(rej))
            yield rej


def refresh_incidents(store: Any, added: int, warn: Callable[[str], None] | None = None) -> None:
    """Once per run that stored something: the incidents tables then answer SQL and `newsgraph disputes`."""
    if not added:
        return
    try:
        crosssource.refresh_incidents(store)
    except Exception as e:  # the stories are stored; only the derived tables are behind
        (warn or log.warning)(f"incidents not refreshed ({type(e).__name__}: {e}); the next ingest retries, "
                              "and `newsgraph disputes` computes them meanwhile")
