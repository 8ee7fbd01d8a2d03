"""Where alerts go: standard output (JSON lines), a file (appended JSON lines), a webhook (a JSON POST), or a
command (the JSON on its standard input). A sink that fails raises SinkError; the delivery stays pending in
the store and is tried again after the next poll.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from .fetch import user_agent


class SinkError(RuntimeError):
    """An alert not delivered to one sink; the message says where and why."""


class Sink(Protocol):
    name: str  # recorded with each delivery, so a restart knows which sinks are still owed it

    def send(self, payload: str) -> None: ...


@dataclass
class StdoutSink:
    name: str = "stdout"
    stream: Any = None  # default: sys.stdout at send time (what click's test runner captures)

    def send(self, payload: str) -> None:
        out = self.stream or sys.stdout
        out.write(payload + "\n")
        out.flush()


@dataclass
class FileSink:
    path: str
    name: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.path = str(Path(self.path).expanduser().resolve())
        self.name = self.name or f"file:{self.path}"

    def send(self, payload: str) -> None:
        try:
            with self._lock, open(self.path, "a", encoding="utf-8") as f:
                f.write(payload + "\n")
                f.flush()
                os.fsync(f.fileno())  # a line written is a line kept, before the delivery is marked sent
        except OSError as e:
            raise SinkError(f"cannot append to {self.path}: {e.strerror or e}") from None


@dataclass
class WebhookSink:
    url: str
    name: str = ""
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    agent: str = field(default_factory=user_agent)

    def __post_init__(self) -> None:
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise SinkError(f"a webhook needs an http(s) URL, not {self.url!r}")
        self.name = self.name or f"webhook:{self.url}"

    def send(self, payload: str) -> None:
        data = payload.encode("utf-8")
        last = ""
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(self.url, data=data, method="POST", headers={
                "Content-Type": "application/json; charset=utf-8", "User-Agent": self.agent})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as r:
                    r.read(65536)
                    return
            except urllib.error.HTTPError as e:
                last = f"HTTP {e.code} {e.reason}"
                if e.code < 500 and e.code not in (408, 429):
                    break  # the receiver refused it: asking again the same way will not help
            except (urllib.error.URLError, TimeoutError, OSError) as e:
                last = f"no answer ({getattr(e, 'reason', e)})"
            if attempt < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
        raise SinkError(f"webhook {self.url}: {last}")


@dataclass
class CommandSink:
    command: str
    name: str = ""
    timeout: float = 30.0

    def __post_init__(self) -> None:
        self.args = shlex.split(self.command)
        if not self.args:
            raise SinkError("an empty alert command")
        self.name = self.name or f"command:{self.command}"

    def send(self, payload: str) -> None:
        try:
            # no shell: the command line is split like a shell would, but nothing in it is expanded
            r = subprocess.run(self.args, input=payload + "\n", text=True, capture_output=True, timeout=self.timeout,
                               check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise SinkError(f"alert command {self.command!r}: {e}") from None
        if r.returncode != 0:
            why = (r.stderr or "").strip().splitlines()[-1:] or [""]
            raise SinkError(f"alert command {self.command!r} exited with {r.returncode} {why[0]}".rstrip())


def make_sinks(*, stdout: bool = False, files: tuple[str, ...] | list[str] = (), webhooks: tuple[str, ...] | list[str] = (),
               commands: tuple[str, ...] | list[str] = (), output: dict[str, Any] | None = None) -> list[Sink]:
    """Sinks from command-line options and a rules file's [output] table (either may name several of a kind)."""
    output = output or {}

    def many(key: str) -> list[str]:
        v = output.get(key)
        return [] if v is None else [v] if isinstance(v, str) else [str(x) for x in v]

    sinks: list[Sink] = []
    if stdout or output.get("stdout") is True:
        sinks.append(StdoutSink())
    sinks += [FileSink(p) for p in dict.fromkeys([*files, *many("file")])]
    sinks += [WebhookSink(u) for u in dict.fromkeys([*webhooks, *many("webhook")])]
    sinks += [CommandSink(c) for c in dict.fromkeys([*commands, *many("command")])]
    return sinks
