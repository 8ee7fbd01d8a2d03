"""Readers: paths, folders, globs or standard input in; Documents (or Rejects) out, one input at a time.

A reader that fails yields a Reject for that input and the caller goes on to the next.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .base import Document, InputError, Reject
from .decode import MAX_BYTES, gunzip

FORMATS = ("auto", "text", "html", "warc", "jsonl", "feed")

__all__ = ["FORMATS", "Document", "InputError", "Reject", "detect_format", "expand_paths", "read"]


def detect_format(head: bytes, name: str = "") -> str:
    """The input kind from its first bytes (already gunzipped), with the file name only as a tie-breaker."""
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    low = s.lower()
    if s.startswith(b"WARC/"):
        return "warc"
    if low.startswith(b"<?xml") or low.startswith(b"<rss") or low.startswith(b"<feed"):
        if b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low:
            return "feed"
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or (b"<html" in low[:1024] and b"<body" in low):
        return "html"
    if s.startswith(b"{"):
        return "jsonl"
    n = name.lower().removesuffix(".gz")
    for ext, fmt in ((".warc", "warc"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".html", "html"), (".htm", "html"),
                     (".rss", "feed"), (".atom", "feed")):
        if n.endswith(ext):
            return fmt
    return "text"


def expand_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Folders (recursively, sorted), globs and plain paths; '-' is standard input. Missing paths pass through
    so that the reader reports them."""
    for p in inputs:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
        elif any(c in p for c in "*?[") and not os.path.exists(p):
            hits = sorted(glob.glob(p, recursive=True))
            yield from (h for h in hits if os.path.isfile(h)) if hits else [p]
        else:
            yield p


def _open_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or directory; check the path")
    if not p.is_file():
        raise InputError("not a regular file")
    if p.stat().st_size > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // 2**20} MiB; split it into smaller files")
    with p.open("rb") as f:
        return f.read()


def _jsonl_lines(path: str) -> Iterator[bytes]:
    """Stream JSONL line by line (gzip or not) so memory stays flat however long the file."""
    if path == "-":
        yield from sys.stdin.buffer
        return
    with open(path, "rb") as raw:
        magic = raw.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as f:
            yield from f
    except (OSError, EOFError) as e:
        raise InputError(f"truncated or corrupt gzip ({e})") from None


def _peek(path: str) -> bytes:
    if path == "-" or not os.path.isfile(path):
        return b""
    with open(path, "rb") as f:
        head = f.read(65536)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(head)) as g:
                return g.read(8192)
        except (OSError, EOFError):
            return b""
    return head[:8192]


def read_one(path: str, fmt: str = "auto") -> Iterator[Document | Reject]:
    """Documents of one input; any failure becomes a Reject for it (records already yielded stay yielded)."""
    uri = "<stdin>" if path == "-" else path
    try:
        if fmt == "auto" and path != "-":
            fmt = detect_format(_peek(path), path)
        if fmt == "jsonl":
            from .jsonl import read_jsonl_lines

            yield from read_jsonl_lines(_jsonl_lines(path), uri)
            return
        data = gunzip(_open_bytes(path), uri)
        if fmt == "auto":
            fmt = detect_format(data[:8192], path)
            if fmt == "jsonl":
                from .jsonl import read_jsonl_lines

                yield from read_jsonl_lines(data.splitlines(), uri)
                return
        if not data.strip():
            raise InputError("empty input; nothing to extract")
        if fmt == "html":
            from .html import read_html

            yield from read_html(data, uri)
        elif fmt == "warc":
            from .warc import read_warc

            yield from read_warc(data, uri)
        elif fmt == "feed":
            from .feed import read_feed

            yield from read_feed(data, uri)
        else:
            from .text import read_text

            yield from read_text(data, uri)
    except InputError as e:
        yield Reject(uri, str(e))
    except MemoryError:
        yield Reject(uri, "out of memory reading this input; split it into smaller files")


def read(inputs: Iterable[str], fmt: str = "auto") -> Iterator[Document | Reject]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    for path in expand_paths(inputs):
        yield from read_one(path, fmt)
