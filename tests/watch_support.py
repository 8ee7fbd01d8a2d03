"""Helpers for the tests of `newsgraph watch` (tests/test_watch*.py): a loopback HTTP server whose routes a test
changes between polls, a guard that refuses any connection but loopback, and hand-written feeds and pages.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


# -- nothing but loopback ------------------------------------------------------------------------------
class NetGuard:
    """Refuses (and records) every name lookup and connection that is not to the loopback interface."""

    def __init__(self) -> None:
        self.refused: list[str] = []
        self._saved: dict[str, object] = {}

    def _check(self, host: object) -> None:
        h = str(host).strip("[]")
        if h not in LOOPBACK and not h.startswith("127."):
            self.refused.append(h)
            raise OSError(f"test network guard: connection to {h} refused (loopback only)")

    def install(self) -> None:
        real_gai, real_cc, real_connect = socket.getaddrinfo, socket.create_connection, socket.socket.connect
        self._saved = {"gai": real_gai, "cc": real_cc, "connect": real_connect}

        def getaddrinfo(host, *a, **kw):
            self._check(host)
            return real_gai(host, *a, **kw)

        def create_connection(address, *a, **kw):
            self._check(address[0])
            return real_cc(address, *a, **kw)

        def connect(sock, address):
            if isinstance(address, tuple):
                self._check(address[0])
            return real_connect(sock, address)

        socket.getaddrinfo, socket.create_connection, socket.socket.connect = getaddrinfo, create_connection, connect

    def uninstall(self) -> None:
        if self._saved:
            socket.getaddrinfo = self._saved["gai"]
            socket.create_connection = self._saved["cc"]
            socket.socket.connect = self._saved["connect"]


@contextmanager
def loopback_only() -> Iterator[NetGuard]:
    g = NetGuard()
    g.install()
    try:
        yield g
    finally:
        g.uninstall()


# -- the server ------------------------------------------------------------------------------------------
@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    ctype: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0  # seconds before answering (a slow host)
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0
    body: bytes = b""


class Server:
    """`with Server() as s: s.routes["/feed"] = Route(...); s.url("/feed")`. Unknown paths are 404s."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.posts: list[Hit] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.served = threading.Semaphore(0)  # released after each GET answered
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server._get(self)

            def do_POST(self) -> None:
                server._post(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def _get(self, h: BaseHTTPRequestHandler) -> None:
        hit = Hit("GET", h.path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic())
        with self.lock:
            self.hits.append(hit)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            route = self.routes.get(h.path)
            if route is not None and route.delay:
                time.sleep(route.delay)
            self._answer(h, route)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout under test)
        finally:
            hit.end = time.monotonic()
            with self.lock:
                self.in_flight -= 1
            self.served.release()

    def _answer(self, h: BaseHTTPRequestHandler, route: Route | None) -> None:
        if route is None:
            return self._send(h, 404, b"not found", "text/plain", {})
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            return self._send(h, 304, b"", None, {"ETag": route.etag})
        extra = dict(route.headers)
        if route.etag:
            extra["ETag"] = route.etag
        body = route.body
        if route.gzip:
            body = gzip.compress(body)
            extra["Content-Encoding"] = "gzip"
        self._send(h, route.status, body, route.ctype, extra)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str | None, extra: dict[str, str]) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in extra.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body and h.command != "HEAD":
            h.wfile.write(body)

    def _post(self, h: BaseHTTPRequestHandler) -> None:
        n = int(h.headers.get("Content-Length") or 0)
        hit = Hit("POST", h.path, {k.lower(): v for k, v in h.headers.items()}, time.monotonic(), body=h.rfile.read(n))
        with self.lock:
            self.posts.append(hit)
        route = self.routes.get(h.path)
        self._send(h, route.status if route else 204, b"", None, {})


# -- content ---------------------------------------------------------------------------------------------
def rss(items: list[tuple[str, str, str]], title: str = "Test wire") -> bytes:
    """An RSS 2.0 feed of (title, link, summary) items, newest first."""
    when = format_datetime(datetime(2025, 3, 4, 12, 0, tzinfo=UTC))
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<pubDate>{when}</pubDate><description>{escape(summary)}</description></item>"
        for t, link, summary in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>").encode()


def page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{escape(title)}</h1>{paras}</article><footer>Copyright Test Wire</footer></body></html>").encode()


STORIES = {
    "bogota": ("Car bomb kills seven in Bogotá",
               "BOGOTÁ, Colombia (AP) — A car bomb exploded outside a police station in Bogotá on Tuesday, killing seven "
               "people and wounding 20 others, officials said.\n\nPolice blamed the ELN rebel group for the attack. "
               "\"This was a cowardly act,\" President Gustavo Petro said in a statement.\n\nThe explosion shattered "
               "windows across several blocks of the city centre, and ambulances took the wounded to three hospitals."),
    "kenya": ("Floods displace thousands in western Kenya",
              "NAIROBI, Kenya — Heavy rains caused flooding across western Kenya on Monday, officials said. Thousands "
              "of families were moved to higher ground as rivers burst their banks.\n\nThe government said it would "
              "send food and tents to the affected areas this week."),
    "budget": ("Parliament passes budget after long debate",
               "LONDON — Britain's parliament passed the annual budget on Wednesday after a long debate. The finance "
               "minister said the plan would cut the deficit within three years.\n\n\"We have made hard choices,\" "
               "she said. Opposition members said the cuts went too far."),
    "quake": ("Strong earthquake shakes northern Japan",
              "TOKYO — A strong earthquake shook northern Japan on Thursday, the meteorological agency said. Trains "
              "were halted and some buildings swayed in the city of Sendai.\n\nNo tsunami warning was issued, and "
              "officials said they were checking nuclear plants in the region for damage."),
}
# A syndicated copy of the Bogotá story: another site's headline and sign-off around the same words.
STORIES["bogota_copy"] = ("Bogotá car bomb kills seven, officials say", STORIES["bogota"][1] + "\n\n(Reporting by wire staff.)")


# `python -c GUARDED_CLI watch ...` runs the newsgraph command with the loopback guard on, in a child process.
# At exit it prints "NETGUARD refused [...]" on stderr when anything tried another address.
GUARDED_CLI = ("import atexit, sys; sys.path.insert(0, sys.argv.pop(1)); import watch_support; "
               "g = watch_support.NetGuard(); g.install(); "
               "atexit.register(lambda: g.refused and print('NETGUARD refused', g.refused, file=sys.stderr)); "
               "from newsgraph.cli import main; main()")
