"""The local process pool: spaCy and the extractors on every core, output in input order, byte for byte.

The parent process reads, cleans and splits documents (with site memory, clean/memory.py) and checks which
stories the store already has: all of that is sequential state (a site's template is learned from the pages
before and a window after each page). Its costly part, converting HTML, needs no state: workers convert the
pages a little ahead of the cleaning, which takes their result (on 60 real web pages of the WCXB set,
cleaning was about a quarter of a one-process run, most of it HTML conversion). Workers then run spaCy and
the extractors on the cleaned stories, a few at a time (CHUNK_CHARS), and send back Articles and Rejects;
the parent puts them back in input order and stays the single writer of any store. The output equals a
one-process run's: the same cleaning, and spaCy's result for a story does not depend on its batch.

Workers are started with "spawn" (no fork of a process that may hold threads or open connections); each loads
the model once, in its initializer. A script using workers > 1 needs the usual `if __name__ == "__main__":`
guard of multiprocessing code.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .clean import Story
    from .model import Article, Seen
    from .pipeline import Pipeline
    from .sources import Document, Reject
    from .sources.html import HtmlText

log = logging.getLogger(__name__)

# Below this many characters of input, a run stays in this process; the input is measured before cleaning, a
# text document by its length, an HTML page as HTML_PAGE_CHARS (below). One process extracts about
# 27,000 characters a second (26,000 on short invented stories, 29,000 on 40 real web pages of the WCXB set;
# 2 cores, en_core_web_sm), and a pool of 2 costs about 1.2 s more wall time than one process on a tiny input
# (2.5 s against 1.3 s for five short stories: spawning, imports, each worker loading the model). Two workers
# halve the extraction time, so the pool pays from ~2.4 s of one process's work (~65,000 characters);
# 100,000 (~3.7 s) leaves a margin for a loaded machine. Counting stories instead would misjudge both ways:
# 64 short stories are half a second of work, 48 web pages thirty.
MIN_CHARS = 100_000
# An HTML document counts as this many characters of story when judging an input's size (its markup is
# mostly not story): WCXB's development pages average 12,000 characters of story in 280 KB of HTML (median
# 180 KB), and converting a page costs about 0.2 s. Fragments (a feed entry's content) count their length.
HTML_PAGE_CHARS = 12_000
# Pages converted ahead per worker: keeps workers busy while the prescan here waits for the next page.
HTML_AHEAD_PER_WORKER = 8
# A worker's task: a batch's stories in runs of about this many characters (~1.5 s of one process's work),
# so that a few long stories (web pages: 12,000 characters each) spread over every worker, while short ones
# go a whole batch at a time. spaCy's output for a story does not depend on the other stories of its batch
# (measured: identical records with batches of 1, 5, 13 and 32 stories on 180 web pages of WCXB and
# ScrapingHub, the example scrape and 150 invented stories), so the records stay those of one process.
CHUNK_CHARS = 40_000
# Batches queued per worker beyond the one it runs: keeps every worker busy while bounding the memory the
# parent holds (stories sent, results waiting for an earlier batch).
QUEUED_PER_WORKER = 2
# How often a worker checks that its parent is alive: a parent killed outright (SIGKILL, OOM) leaves no one to
# tell the pool to stop, and workers blocked on their queue would otherwise live on.
PARENT_CHECK_SECONDS = 1.0

START_FAILED = ("worker processes died as they started. A script that runs newsgraph with workers > 1 needs "
                "the `if __name__ == \"__main__\":` guard of multiprocessing code (each worker imports the main "
                "module); else run with workers=1")


def cpu_count() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve(workers: int | None) -> int:
    """Processes for a run: `workers` when given, else every core."""
    return cpu_count() if workers is None else max(1, int(workers))


# --- in the worker process -------------------------------------------------------------------------------

_PIPE: Any = None
_INIT_ERROR: BaseException | None = None


def _init(options_blob: bytes, log_level: int, log_format: str | None, parent: int) -> None:
    """Load the model once per worker. A failure is kept and raised by each task (an initializer that raises
    only breaks the pool, and its message would be lost)."""
    global _PIPE, _INIT_ERROR
    # Ctrl-C reaches the whole process group; the parent alone handles it and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if log_format is not None:
        logging.basicConfig(level=log_level, format=log_format)
    logging.getLogger().setLevel(log_level)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        from .pipeline import Pipeline

        options = dataclasses.replace(pickle.loads(options_blob), workers=1)  # a worker runs in itself
        _PIPE = Pipeline(options)
        _PIPE.nlp  # noqa: B018 - load now, once
    except BaseException as e:  # any failure is the tasks' to report
        _INIT_ERROR = e


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _hello() -> None:
    """The first task of a pool: done once a worker has started (a worker dying later is a batch's doing)."""


def _html(html: str, url: str | None) -> HtmlText | None:
    """A page's HTML converted; None when it cannot be (the parent meets the error again and reports it)."""
    from .sources.html import extract_html

    try:
        return extract_html(html, url)
    except Exception:
        return None


def _work(stories: list[Story]) -> list[Article | Reject]:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return list(_PIPE.run_here([stories]))  # one batch: the same nlp.pipe batch as in one process


# --- in the parent -------------------------------------------------------------------------------------

Batch = list  # Story | Reject | Seen | Article, as Pipeline.batches makes them


def _stories(batch: Batch) -> list[Story]:
    from .clean import Story

    return [s for s in batch if isinstance(s, Story)]


def _merge(batch: Batch, done: list[Article | Reject]) -> Iterator[Article | Reject | Seen]:
    """A batch's items in order, its stories replaced by what the worker made of them."""
    from .clean import Story

    out = iter(done)
    for item in batch:
        yield next(out) if isinstance(item, Story) else item


def _rejected(stories: list[Story], why: str) -> list[Reject]:
    from .sources import Reject

    return [Reject(s.uri, why, record=s.record) for s in stories]


class _Pool:
    """A ProcessPoolExecutor that can be started again after a worker died."""

    def __init__(self, workers: int, options_blob: bytes) -> None:
        import multiprocessing

        root = logging.getLogger()
        fmt = next((h.formatter._fmt for h in root.handlers if h.formatter is not None), None)
        self.args = (multiprocessing.get_context("spawn"), (options_blob, root.getEffectiveLevel(), fmt,
                                                            os.getpid()))
        self.workers = workers
        self.ex = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ctx, initargs = self.args
        ex = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init, initargs=initargs)
        self.hello = ex.submit(_hello)
        return ex

    def check_started(self) -> None:
        """After the pool broke: raise when no worker ever started, since then no batch is to blame."""
        if not (self.hello.done() and self.hello.exception() is None):
            raise RuntimeError(START_FAILED)

    def submit(self, stories: list[Story]) -> Future:
        try:
            return self.ex.submit(_work, stories)
        except BrokenProcessPool:  # broken before these were sent: they go through the restart too
            fut: Future = Future()
            fut.set_exception(BrokenProcessPool("the pool broke before the stories were sent"))
            return fut

    def restart(self) -> None:
        self.ex.shutdown(wait=False, cancel_futures=True)
        self.ex = self._start()

    def close(self) -> None:
        self.ex.shutdown(wait=True, cancel_futures=True)


def run_documents(pipe: Pipeline, docs: Iterable[Document | Reject], known: Callable[[str], bool] | None = None,
                  store: Any = None) -> Iterator[Article | Reject | Seen]:
    """Pipeline.run_documents on `pipe.workers` processes, results in input order. Stays in this process when
    the input is small (under `options.pool_min_chars`, default MIN_CHARS, of estimated work)."""
    docs = iter(docs)
    min_chars = MIN_CHARS if pipe.options.pool_min_chars is None else pipe.options.pool_min_chars
    head: list[Document | Reject] = []
    size = 0
    for d in docs:
        head.append(d)
        size += _cost(d)
        if size >= min_chars:
            break
    else:  # input ended first: small, so no processes
        log.debug("about %d characters to extract: in this process", size)
        yield from pipe.run_here(pipe.batches(head, known, store))
        return
    try:
        blob = pickle.dumps(pipe.options)
    except Exception as e:  # custom stages that cannot be sent to another process
        log.debug("options cannot be pickled (%s): extracting in this process", e)
        yield from pipe.run_here(pipe.batches(_chain(head, docs), known, store))
        return
    log.debug("extracting on %d worker processes", pipe.workers)
    pool = _Pool(pipe.workers, blob)
    try:
        converted = _html_ahead(_chain(head, docs), pool)
        yield from _pooled(pool, pipe.batches(converted, known, store))
    finally:
        pool.close()


def _cost(d: Document | Reject) -> int:
    """Characters of story a document is likely to hold, to judge an input's size before cleaning it."""
    from .sources import Document

    if not isinstance(d, Document) or d.article is not None:
        return 0
    if d.html is not None:
        return min(len(d.html), HTML_PAGE_CHARS)
    return len(d.text or "")


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def _html_ahead(docs: Iterator[Document | Reject], pool: _Pool) -> Iterator[Document | Reject]:
    """Documents in order, the HTML of each converted by a worker first (and kept for the cleaning here to
    take, clean/memory.py): HTML extraction is most of the cleaning's cost, and the only part of it that
    needs no state."""
    from .clean.memory import keep_html_page
    from .sources import Document

    ahead: deque[tuple[Document | Reject, Future | None]] = deque()
    limit = pool.workers * HTML_AHEAD_PER_WORKER

    def first() -> Document | Reject:
        d, fut = ahead.popleft()
        if fut is not None:
            try:
                page = fut.result()
            except (BrokenProcessPool, CancelledError):  # the batches' side restarts the pool; converted here
                pool.check_started()
                page = None
            if page is not None:
                keep_html_page(d.html, d.url, page)
        return d

    for d in docs:
        fut = None
        if isinstance(d, Document) and d.html is not None and d.article is None:
            try:
                fut = pool.ex.submit(_html, d.html, d.url)
            except BrokenProcessPool:
                pool.check_started()
        ahead.append((d, fut))
        while ahead and (len(ahead) > limit or _ready(ahead[0][1])):
            yield first()
    while ahead:
        yield first()


def _pooled(pool: _Pool, batches: Iterator[Batch]) -> Iterator[Article | Reject | Seen]:
    pending: deque[tuple[Batch, list[Future]]] = deque()
    limit = pool.workers * (1 + QUEUED_PER_WORKER)
    for batch in batches:
        pending.append((batch, [pool.submit(c) for c in _chunks(_stories(batch))]))
        # hand on every finished batch at the head; wait for the head only when the queue is full
        while pending and (len(pending) > limit or all(f.done() for f in pending[0][1])):
            yield from _take(pool, pending)
    while pending:
        yield from _take(pool, pending)


def _chunks(stories: list[Story]) -> list[list[Story]]:
    """A batch's stories in runs of about CHUNK_CHARS characters, one story at least: one worker's task."""
    out: list[list[Story]] = []
    size = 0
    for st in stories:
        if not out or size + len(st.text) > CHUNK_CHARS:
            out.append([])
            size = 0
        out[-1].append(st)
        size += len(st.text)
    return out


def _ready(fut: Future | None) -> bool:
    return fut is None or fut.done()


def _take(pool: _Pool, pending: deque[tuple[Batch, list[Future]]]) -> Iterator[Article | Reject | Seen]:
    batch, futs = pending.popleft()
    done: list[Article | Reject] = []
    try:
        for fut in futs:
            done.extend(fut.result())
    except BrokenProcessPool:
        pool.check_started()
        # A worker died (killed, out of memory, a crash in native code). Every chunk in flight is lost with
        # it; redo them one at a time in a new pool, so that a chunk that kills its worker again is known.
        batches = [batch, *(b for b, _ in pending)]
        pending.clear()
        yield from _one_by_one(pool, batches)
        return
    yield from _merge(batch, done)


def _one_by_one(pool: _Pool, batches: list[Batch]) -> Iterator[Article | Reject | Seen]:
    pool.restart()
    for batch in batches:
        done: list[Article | Reject] = []
        for chunk in _chunks(_stories(batch)):
            try:
                done.extend(pool.submit(chunk).result())
            except BrokenProcessPool:
                pool.check_started()
                log.warning("a worker process died twice on the same %d stories; they are rejected", len(chunk))
                done.extend(_rejected(chunk, "extraction failed: the worker process died on it"))
                pool.restart()
        yield from _merge(batch, done)
