"""Polite HTTP with the standard library: who we are, what the site allows, how often, how much.

- A User-Agent naming the tool, its version and what it does; robots.txt read per host (urllib.robotparser),
  its Crawl-delay honoured; a 401/403 robots.txt forbids the host, a missing one allows it, a failing one (5xx,
  no answer) forbids it for now (the items wait for the next poll).
- One request at a time per host, and at least `delay` seconds between the starts of two of them; at most
  `concurrency` requests in flight overall (a thread pool of that size; work is interleaved by host so a
  slow host does not hold every thread).
- Conditional requests: the ETag and Last-Modified of the last fetch are sent back; 304 means unchanged.
- Timeouts per connection and read, and a total deadline per response; transient failures (no answer,
  timeouts, 429, 5xx) are retried with exponential backoff (or the server's Retry-After, capped).
- A size cap: a body past `max_bytes` (declared or read, after gzip) is refused, not truncated.
- Redirects: at most MAX_REDIRECTS, to http(s) only.
"""

from __future__ import annotations

import email.utils
import math
import re
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

MAX_REDIRECTS = 5
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted
ROBOTS_RETRY = 60.0  # seconds before a failed robots.txt is asked again
MAX_ROBOTS_BYTES = 512 * 1024
_FRACTION_DELAY = re.compile(r"(?im)^(\s*crawl-delay\s*:\s*)(\d*\.\d+)")
_TRANSIENT = {408, 425, 429, 500, 502, 503, 504}
T = TypeVar("T")
R = TypeVar("R")


def user_agent(contact: str | None = None) -> str:
    from .. import __version__

    extra = f"; {contact}" if contact else ""
    return f"newsgraph/{__version__} (newsgraph watch: polls news feeds{extra})"


class FetchError(Exception):
    """A URL not fetched: `transient` when trying again later may work (timeouts, 5xx, robots.txt unreachable)."""

    def __init__(self, url: str, reason: str, *, status: int | None = None, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.transient = url, reason, status, transient


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200..299, or 304 (unchanged since the validators sent)
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)  # names in lower case

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            k, _, v = part.strip().partition("=")
            if k.lower() == "charset":
                return v.strip().strip('"') or None
        return None


@dataclass
class FetchOptions:
    user_agent: str = field(default_factory=user_agent)
    timeout: float = 20.0  # per connection and per read; a whole response gets 3 times as long
    retries: int = 2  # after the first attempt, for transient failures
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    delay: float = 1.0  # between two requests to one host
    concurrency: int = 4
    max_bytes: int = 10 * 1024 * 1024
    max_wait: float = 60.0  # cap on a Retry-After or Crawl-delay


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP address refused: {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HostGate:
    """One request at a time per host, `delay` seconds apart (start to start)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.clock, self.sleep = clock, sleep
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        with self._lock:
            lock = self._hosts.setdefault(host, threading.Lock())
        with lock:
            wait = self._next.get(host, 0.0) - self.clock()
            if wait > 0:
                self.sleep(wait)
            self._next[host] = self.clock() + delay
            yield


class Fetcher:
    """`Fetcher(FetchOptions(...)).get(url, etag=..., last_modified=...)`; `map(fn, items)` runs fn on a
    pool of `concurrency` threads."""

    def __init__(self, options: FetchOptions | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options or FetchOptions()
        self.sleep, self.clock = sleep, clock
        self.gate = HostGate(clock, sleep)
        self._opener = urllib.request.build_opener(_Redirects())
        self._robots: dict[str, tuple[float, RobotFileParser | None, str]] = {}
        self._robots_lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}
        self.requests = 0  # HTTP requests sent (robots.txt included)

    # -- public ----------------------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """A 2xx or 304 response, else FetchError."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "only http and https URLs are fetched")
        delay = self._robots_check(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._with_retries(url, headers, delay)

    def map(self, fn: Callable[[T], R], items: Iterable[T], host: Callable[[T], str]) -> list[R]:
        """fn over items on the thread pool, results in the items' order; items interleaved by `host` first."""
        todo = list(items)
        if not todo:
            return []
        order = _round_robin(range(len(todo)), lambda i: host(todo[i]))
        out: list[Any] = [None] * len(todo)
        with ThreadPoolExecutor(max_workers=max(1, self.options.concurrency), thread_name_prefix="watch") as pool:
            futures = {pool.submit(fn, todo[i]): i for i in order}
            for fut, i in futures.items():
                out[i] = fut.result()
        return out

    # -- robots.txt ----------------------------------------------------------------------------------
    def _robots_check(self, url: str) -> float:
        """The delay to keep for this URL's host; FetchError when robots.txt forbids it or cannot be read."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            lock = self._robots_locks.setdefault(base, threading.Lock())
        with lock:  # one robots.txt request per host, however many threads want it
            cached = self._robots.get(base)
            if cached is None or cached[0] <= self.clock():
                cached = self._robots[base] = self._load_robots(base)
        _, parser, why = cached
        if parser is None:
            raise FetchError(url, why, transient=True)
        if not parser.can_fetch(self.options.user_agent, url):
            raise FetchError(url, "robots.txt disallows it for this user agent", status=None)
        crawl = parser.crawl_delay(self.options.user_agent)
        return max(self.options.delay, min(float(crawl or 0), self.options.max_wait))

    def _load_robots(self, base: str) -> tuple[float, RobotFileParser | None, str]:
        parser = RobotFileParser(base + "/robots.txt")
        try:
            resp = self._with_retries(base + "/robots.txt", {"Accept": "text/plain"}, self.options.delay,
                                      max_bytes=MAX_ROBOTS_BYTES)
            # urllib.robotparser drops a fractional Crawl-delay ("0.5"): rounded up, it is kept (and politer)
            text = _FRACTION_DELAY.sub(lambda m: f"{m.group(1)}{math.ceil(float(m.group(2)))}",
                                       resp.body.decode("utf-8", "replace"))
            parser.parse(text.splitlines())
        except FetchError as e:
            if e.status in (401, 403):
                parser.disallow_all = True
            elif e.status is not None and 400 <= e.status < 500:
                parser.allow_all = True
            else:
                return (self.clock() + ROBOTS_RETRY, None, f"robots.txt could not be read ({e.reason}); retried later")
        parser.modified()  # can_fetch answers False until the parser has a read time
        return (self.clock() + ROBOTS_TTL, parser, "")

    # -- requests ------------------------------------------------------------------------------------
    def _with_retries(self, url: str, headers: dict[str, str], delay: float, max_bytes: int | None = None) -> Response:
        o = self.options
        for attempt in range(o.retries + 1):
            try:
                with self.gate.slot(urlsplit(url).netloc, delay):
                    return self._once(url, headers, max_bytes or o.max_bytes)
            except _Retry as r:
                if attempt == o.retries:
                    raise r.error from None
                wait = r.after if r.after is not None else o.backoff * 2 ** attempt
                self.sleep(min(wait, o.max_wait))
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        req = urllib.request.Request(url, headers={**headers, "User-Agent": self.options.user_agent,
                                                   "Accept-Encoding": "gzip"})
        self.requests += 1
        try:
            with self._opener.open(req, timeout=self.options.timeout) as r:
                hdrs = {k.lower(): v for k, v in r.headers.items()}
                body = self._read(url, r, hdrs, max_bytes)
                return Response(r.geturl(), r.status, body, hdrs)
        except urllib.error.HTTPError as e:
            hdrs = {k.lower(): v for k, v in (e.headers or {}).items()}
            if e.code == 304:
                return Response(url, 304, b"", hdrs)
            err = FetchError(url, f"HTTP {e.code} {e.reason}", status=e.code, transient=e.code in _TRANSIENT)
            if err.transient:
                raise _Retry(err, _retry_after(hdrs.get("retry-after"))) from None
            raise err from None
        except TimeoutError as e:
            raise _Retry(FetchError(url, f"timed out ({e or 'no answer'})", transient=True)) from None
        except urllib.error.URLError as e:
            raise _Retry(FetchError(url, f"no answer ({e.reason})", transient=True)) from None
        except (ConnectionError, OSError) as e:
            raise _Retry(FetchError(url, f"connection failed ({type(e).__name__}: {e})", transient=True)) from None

    def _read(self, url: str, r: Any, hdrs: Mapping[str, str], max_bytes: int) -> bytes:
        declared = hdrs.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"larger than the {_mib(max_bytes)} cap ({_mib(int(declared))} declared)")
        deadline = self.clock() + 3 * self.options.timeout
        chunks, size = [], 0
        while True:
            chunk = r.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, f"larger than the {_mib(max_bytes)} cap; not read further")
            if self.clock() > deadline:
                raise _Retry(FetchError(url, "too slow: the page did not arrive in time", transient=True))
            chunks.append(chunk)
        body = b"".join(chunks)
        if hdrs.get("content-encoding", "").lower() in ("gzip", "x-gzip"):
            body = _gunzip(url, body, max_bytes)
        return body


class _Retry(Exception):
    def __init__(self, error: FetchError, after: float | None = None) -> None:
        super().__init__(str(error))
        self.error, self.after = error, after


def _gunzip(url: str, body: bytes, max_bytes: int) -> bytes:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, max_bytes + 1)
    except zlib.error as e:
        raise FetchError(url, f"a corrupt gzip body ({e})") from None
    if len(out) > max_bytes:
        raise FetchError(url, f"larger than the {_mib(max_bytes)} cap once decompressed")
    return out


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def _round_robin(indexes: Iterable[int], key: Callable[[int], str]) -> list[int]:
    """One of each host in turn: a, b, c, a, b, a ..."""
    queues: dict[str, list[int]] = {}
    for i in indexes:
        queues.setdefault(key(i), []).append(i)
    out: list[int] = []
    while queues:
        for k in list(queues):
            out.append(queues[k].pop(0))
            if not queues[k]:
                del queues[k]
    return out


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()
