"""The Dask runner (`--scheduler ADDRESS`, `--dask-workers N`): input split into partitions, one model per
worker process, results to one writer. Many machines can share it; on one machine the local process pool
(workers.py, `--workers`) keeps input order and needs no Dask.

Partitions are files, or line ranges of an uncompressed JSON Lines file (byte offsets at line starts).
Each has a stable id (path, range, size), so a run can be resumed: the store remembers finished partitions
(`partitions_done`), and `--out DIR` runs leave a marker per partition beside its Parquet files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Article, stable_id
from .sources import Document, Reject, detect_format, expand_paths, read_one

LINES_PER_PARTITION = 2000
RETRIES = 2


@dataclass(frozen=True)
class Partition:
    id: str
    path: str
    fmt: str
    start: int = 0  # byte range of a JSONL file; end None = to the end
    end: int | None = None


def plan(inputs: Iterable[str], fmt: str = "auto", lines: int | None = None) -> list[Partition]:
    """Partitions of the inputs, in input order; JSONL files in ranges of `lines` lines."""
    lines = lines or LINES_PER_PARTITION
    parts: list[Partition] = []
    for path in expand_paths(inputs):
        if path == "-":
            raise ValueError("distributed runs read files, not standard input; save the input to a file first")
        kind = fmt
        size = os.path.getsize(path) if os.path.isfile(path) else -1
        if kind == "auto" and size >= 0:
            with open(path, "rb") as f:
                head = f.read(8192)
            kind = "jsonl" if not head.startswith(b"\x1f\x8b") and detect_format(head, path) == "jsonl" else "auto"
        if kind == "jsonl" and size > 0 and not _gzipped(path):
            parts.extend(_jsonl_ranges(path, size, lines))
        else:
            parts.append(Partition(stable_id(path, size, fmt), path, fmt))
    return parts


def _gzipped(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def _jsonl_ranges(path: str, size: int, lines: int) -> Iterator[Partition]:
    start, n = 0, 0
    with open(path, "rb") as f:
        pos = 0
        for line in f:
            pos += len(line)
            n += 1
            if n == lines:
                yield Partition(stable_id(path, size, start, pos), path, "jsonl", start, pos)
                start, n = pos, 0
    if start < size:
        yield Partition(stable_id(path, size, start, size), path, "jsonl", start, size)


def read_partition(part: Partition) -> Iterator[Document | Reject]:
    if part.end is None:
        yield from read_one(part.path, part.fmt)
        return
    from .sources.jsonl import read_jsonl_lines

    with open(part.path, "rb") as f:
        f.seek(part.start)
        data = f.read(part.end - part.start)
    yield from read_jsonl_lines(data.splitlines(), part.path)


# One pipeline per worker process, loaded on first use: the model loads once per worker, not per task.
_PIPELINES: dict[tuple[str | None, int, bool], Any] = {}


def _pipeline(model: str | None, batch_size: int, site_memory: bool = True):
    key = (model, batch_size, site_memory)
    if key not in _PIPELINES:
        from .pipeline import Options, Pipeline

        _PIPELINES[key] = Pipeline(Options(model=model, batch_size=batch_size, site_memory=site_memory))
    return _PIPELINES[key]


def process(part: Partition, model: str | None = None, batch_size: int = 32, out: str | None = None,
            site_memory: bool = True) -> dict[str, Any]:
    """Run one partition on a worker: its Articles and Rejects (objects; Dask pickles them). With `out`, write
    its Parquet tables there and return counts only.

    Site memory (clean/memory.py) is the partition's own: lines recurring across the pages of one JSON Lines
    range or WARC file; a partition of one page has nothing to compare with, and no store is read."""
    pipe = _pipeline(model, batch_size, site_memory)
    articles: list[Article] = []
    rejects: list[Reject] = []
    for item in pipe.run_documents(read_partition(part)):
        if isinstance(item, Reject):
            rejects.append(item)
        elif isinstance(item, Article):
            articles.append(item)
    if out is None:
        return {"id": part.id, "articles": articles, "rejects": rejects}
    from .export.parquet_out import write_parquet

    write_parquet(articles, Path(out), prefix=f"{part.id}-")
    done = Path(out) / "_done"
    done.mkdir(parents=True, exist_ok=True)
    (done / part.id).write_text("\n".join(map(str, rejects)), encoding="utf-8")
    return {"id": part.id, "articles": [], "count": len(articles), "rejects": rejects}


@dataclass
class RunResult:
    partitions: int = 0
    skipped: int = 0
    failed: int = 0


def run(parts: list[Partition], *, workers: int | None = None, scheduler: str | None = None,
        model: str | None = None, batch_size: int = 32, out: str | None = None, site_memory: bool = True,
        done: Callable[[str], bool] = lambda pid: False,
        on_result: Callable[[dict[str, Any]], None] = lambda r: None,
        on_error: Callable[[str], None] = lambda msg: None) -> RunResult:
    """Submit every unfinished partition; hand each result to `on_result` as it completes (any order)."""
    res = RunResult()
    for r in results(parts, workers=workers, scheduler=scheduler, model=model, batch_size=batch_size, out=out,
                     site_memory=site_memory, done=done, counts=res):
        if r.get("failed"):
            on_error(str(r["rejects"][0]))
        else:
            on_result(r)
    return res


def results(parts: list[Partition], *, workers: int | None = None, scheduler: str | None = None,
            model: str | None = None, batch_size: int = 32, out: str | None = None, site_memory: bool = True,
            done: Callable[[str], bool] = lambda pid: False,
            counts: RunResult | None = None) -> Iterator[dict[str, Any]]:
    """Each unfinished partition's result as it completes (any order), on a Dask cluster: the one at
    `scheduler`, else a local one of `workers` processes. A partition that failed after its retries comes as
    {"id", "failed": True, "articles": [], "rejects": [why]}. `counts` is kept up to date."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ImportError('distributed runs need Dask: pip install "newsgraph[dask]"') from None
    res = counts if counts is not None else RunResult()
    finished: set[str] = set()
    if out is not None and (Path(out) / "_done").exists():
        finished = {p.name for p in (Path(out) / "_done").iterdir()}
    todo = [p for p in parts if p.id not in finished and not done(p.id)]
    res.skipped = len(parts) - len(todo)
    if not todo:
        return
    with _quiet_cluster() as silence:
        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=silence)
            client = Client(cluster)
        else:
            client = Client(scheduler)
        try:
            futures = {client.submit(process, p, model, batch_size, out, site_memory, retries=RETRIES, pure=False,
                                     key=f"part-{p.id}"): p
                       for p in todo}
            for fut in as_completed(futures):
                part = futures[fut]
                if fut.status == "error":
                    res.failed += 1
                    where = f"{part.path} [{part.start}:{part.end if part.end is not None else ''}]"
                    why = f"partition failed after {RETRIES} retries: {fut.exception()!r}"
                    yield {"id": part.id, "failed": True, "articles": [], "rejects": [Reject(where, why)]}
                    continue
                r = fut.result()
                fut.release()
                res.partitions += 1
                yield r
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@contextmanager
def _quiet_cluster() -> Iterator[int | bool]:
    """Dask's own logging (cluster start and stop, connections) only with -v (a root logger at DEBUG): the
    level for LocalCluster's silence_logs, with this process's "distributed" loggers held to it meanwhile."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        yield False  # no change: everything shows
        return
    logger = logging.getLogger("distributed")
    before = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield logging.CRITICAL
    finally:
        logger.setLevel(before)
