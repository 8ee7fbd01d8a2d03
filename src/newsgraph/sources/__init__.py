"""Readers: paths, folders, globs or standard input in; Documents (or Rejects) out, one input at a time.

A reader that fails yields a Reject for that input and the caller goes on to the next.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .base import Document, InputError, Reject
from .decode import MAX_BYTES, gunzip

FORMATS = ("auto", "text", "html", "warc", "jsonl", "feed")

__all__ = ["FORMATS", "Document", "InputError", "Meta", "Reject", "detect_format", "expand_paths", "read"]


@dataclass(frozen=True)
class Meta:
    """What a scrape does not say about itself: given for every input of a run (`newsgraph extract --published
    2025-08-21 --url ...`) or for one file by its sidecar, `file.txt.json` beside `file.txt` with any of these
    keys. A sidecar's values win over the run's, and both over what the input says (an HTML page's date).
    `source` is the outlet's name, kept as each record's `source.outlet`."""

    published: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None

    def over(self, base: Meta | None) -> Meta:
        """These values, falling back to `base`'s."""
        if base is None:
            return self
        return Meta(**{f.name: getattr(self, f.name) or getattr(base, f.name) for f in fields(Meta)})

    def apply(self, doc: Document) -> Document:
        """`doc` with these values; a document that is a stored record read back is left as it is."""
        if doc.article is not None:
            return doc
        return replace(doc, published=self.published or doc.published, url=self.url or doc.url,
                       title=self.title or doc.title, outlet=self.source or doc.outlet)


SIDECAR = ".json"


def sidecar_path(path: str) -> str:
    return path + SIDECAR


def _is_sidecar(name: str, siblings: set[str]) -> bool:
    return name.endswith(SIDECAR) and name[: -len(SIDECAR)] in siblings


def read_sidecar(path: str) -> Meta | None:
    """The Meta of `path`'s sidecar, None when it has none; InputError when the sidecar cannot be read."""
    side = sidecar_path(path)
    if path == "-" or not os.path.isfile(side):
        return None
    try:
        with open(side, encoding="utf-8") as f:
            d = json.load(f)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise InputError(f"its metadata file {side} is not readable JSON ({e}); fix or remove it") from None
    if not isinstance(d, dict):
        raise InputError(f"its metadata file {side} must hold one JSON object with keys published, source, url, "
                         "title")
    known = {f.name for f in fields(Meta)}
    bad = sorted(k for k, v in d.items() if k not in known or not (v is None or isinstance(v, str)))
    if bad:
        raise InputError(f"its metadata file {side} has unknown keys or values that are not text: {', '.join(bad)}"
                         "; use published, source, url, title")
    return Meta(**{k: (v.strip() or None) if isinstance(v, str) else None for k, v in d.items()})


_PROLOG = re.compile(rb"^(\s+|<\?[^>]*\?>|<!--.*?-->|<!doctype[^>]*>)", re.S | re.I)
_FIRST_TAG = re.compile(rb"^<([a-zA-Z][\w:.-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf"}
_HTML_TAGS = {b"html", b"head", b"body", b"meta", b"title", b"div", b"p", b"article", b"section", b"main",
              b"script", b"style", b"link", b"header", b"nav", b"span", b"table", b"h1", b"h2", b"h3", b"ul"}
_EXT = ((".warc", "warc"), (".arc", "warc"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".html", "html"),
        (".htm", "html"), (".xhtml", "html"), (".rss", "feed"), (".atom", "feed"), (".xml", "feed"),
        (".txt", "text"))


def _as_ascii_head(head: bytes) -> bytes:
    """UTF-16 heads (with or without BOM) seen as the ASCII they spell, so that '<rss' or '{' still match."""
    from .decode import utf16_guess

    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].decode("utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be", "ignore").encode("utf-8")
    enc = utf16_guess(head)
    if enc:
        return head[: len(head) // 2 * 2].decode(enc, "ignore").encode("utf-8")
    return head


def detect_format(head: bytes, name: str = "") -> str:
    """The input kind from its first bytes (already gunzipped), with the file name only as a tie-breaker.

    Content wins over the name: a WARC saved as .txt is read as WARC, an HTML page saved as .txt as HTML.
    """
    s = _as_ascii_head(head[:16384]).lstrip(b"\xef\xbb\xbf \t\r\n")
    if s.startswith(b"WARC/"):
        return "warc"
    if s.startswith((b"{", b"[")):
        # JSON Lines, or a JSON document that the JSONL reader refuses with a clear reason
        return "jsonl"
    # Skip the XML declaration, comments, processing instructions and doctype to reach the root element.
    rest = s
    for _ in range(50):
        m = _PROLOG.match(rest)
        if not m or not m.group(0):
            break
        rest = rest[m.end():]
    doctype_html = re.search(rb"<!doctype\s+html", s[:1024], re.I) is not None
    m = _FIRST_TAG.match(rest)
    if m:
        tag = m.group(1).lower()
        if tag in _FEED_ROOTS:
            return "feed"
        if tag in _HTML_TAGS or doctype_html:
            return "html"
    elif doctype_html:
        return "html"
    low = s[:4096].lower()
    if b"<html" in low and (b"<body" in low or b"<head" in low):
        return "html"
    n = name.lower().removesuffix(".gz")
    for ext, fmt in _EXT:
        if n.endswith(ext):
            # A name says .xml or .html but the content did not look like it: trust the content's text-ness.
            return fmt if fmt in ("warc", "jsonl", "text") or s.startswith(b"<") else "text"
    return "text"


def expand_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Folders (recursively, sorted), globs and plain paths; '-' is standard input. Missing paths pass through
    so that the reader reports them."""
    for p in inputs:
        if p == "-":
            yield p
        elif os.path.isdir(p):
            yield from _folder(p)
        elif any(c in p for c in "*?[") and not os.path.exists(p):
            hits = sorted(glob.glob(p, recursive=True))
            yield from (h for h in hits if os.path.isfile(h) and not _is_sidecar(h, set(hits))) if hits else [p]
        else:
            yield p


def _folder(p: str) -> Iterator[str]:
    """A folder's files, recursively and sorted, without hidden files and sidecars (read with their file); an
    empty folder passes through itself, for the reader to say so."""
    found = False
    for root, dirs, files in os.walk(p):
        dirs.sort()
        names = set(files)
        for f in sorted(files):
            if not f.startswith(".") and not _is_sidecar(f, names):
                found = True
                yield os.path.join(root, f)
    if not found:
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


def _stdin_raw_head() -> bytes:
    """What standard input starts with, without consuming it (empty when the stream cannot peek)."""
    peek = getattr(sys.stdin.buffer, "peek", None)
    try:
        return peek(65536)[:65536] if peek else b""
    except (OSError, ValueError):
        return b""


def _jsonl_lines(path: str) -> Iterator[bytes]:
    """Stream JSONL line by line (gzip or not) so memory stays flat however long the file."""
    if path == "-":
        if _stdin_raw_head().startswith(b"\x1f\x8b"):
            try:
                yield from gzip.GzipFile(fileobj=sys.stdin.buffer)
            except (OSError, EOFError) as e:
                raise InputError(f"truncated or corrupt gzip ({e})") from None
        else:
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
    """The first bytes of a file, gunzipped when it is gzip; a damaged gzip gives what could be inflated."""
    if path == "-":
        head = _stdin_raw_head()
    elif os.path.isfile(path):
        with open(path, "rb") as f:
            head = f.read(65536)
    else:
        return b""
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16384)
        except zlib.error:
            return b""
    return head[:16384]


# A "text" with no line break in a megabyte is not prose (a minified page, a dump, a binary): refuse it
# rather than hand one giant line to the line roles and spaCy.
MAX_LINE_BYTES = 1024 * 1024


def _check_lines(data: bytes) -> None:
    start = 0
    n = len(data)
    while start < n:
        end = data.find(b"\n", start)
        if end < 0:
            end = n
        if end - start > MAX_LINE_BYTES:
            raise InputError(
                f"a single line of {(end - start) / 2**20:.1f} MiB with no line break; this is not plain text "
                "(pass --from html or --from jsonl if it is markup or JSON, or split it into lines)"
            )
        start = end + 1


def _check_json_lines(head: bytes) -> None:
    """A pretty-printed JSON document or array is not JSON Lines: one clear error, not a reject per line."""
    import json

    s = _as_ascii_head(head).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not s.startswith((b"{", b"[")):
        return
    first = s.split(b"\n", 1)[0].strip()
    try:
        ok = isinstance(json.loads(first), dict)
    except ValueError:
        ok = len(first) >= len(s) - 1 and not s.startswith(b"[")  # one long line cut by the peek
    if not ok:
        raise InputError("a JSON document, not JSON Lines (one object per line); convert it first, "
                         "e.g. jq -c '.[]' for an array")


def _read_format(data: bytes, fmt: str, uri: str) -> Iterator[Document | Reject]:
    if fmt == "jsonl":
        from .jsonl import read_jsonl_lines

        _check_json_lines(data[:16384])
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
        _check_lines(data)
        from .text import read_text

        yield from read_text(data, uri)


def read_one(path: str, fmt: str = "auto") -> Iterator[Document | Reject]:
    """Documents of one input; any failure becomes a Reject for it (records already yielded stay yielded).

    JSON Lines and WARC files are streamed record by record, so their size does not matter; other inputs
    are read whole (up to MAX_BYTES) since one of them is one document.
    """
    uri = "<stdin>" if path == "-" else path
    try:
        if path != "-":
            if not os.path.exists(path):
                raise InputError("no such file or directory; check the path")
            if os.path.isdir(path):
                raise InputError("an empty folder: no files to read in it (hidden files are skipped)")
            if not os.path.isfile(path):
                raise InputError("not a regular file")
        # Standard input is detected from a peek when the stream allows one, so that it streams too.
        head = _peek(path)
        if fmt == "auto" and head:
            fmt = detect_format(head, path)
        if fmt == "jsonl" and head:
            from .jsonl import read_jsonl_lines

            _check_json_lines(head)
            yield from read_jsonl_lines(_jsonl_lines(path), uri)
            return
        if fmt == "warc" and (head or path != "-"):
            from .warc import read_warc

            if path != "-" and os.path.getsize(path) == 0:
                raise InputError("empty input; nothing to extract")
            # fastwarc seeks in its input, which a pipe cannot do: standard input is read whole (up to
            # MAX_BYTES) and handed over as bytes.
            yield from read_warc(_open_bytes(path) if path == "-" else path, uri)
            return
        data = gunzip(_open_bytes(path), uri)
        if fmt == "auto":
            fmt = detect_format(data[:16384], path)
        yield from _read_format(data, fmt, uri)
    except InputError as e:
        yield Reject(uri, str(e))
    except MemoryError:
        yield Reject(uri, "out of memory reading this input; split it into smaller files")


def read_with_meta(path: str, fmt: str = "auto", meta: Meta | None = None) -> Iterator[Document | Reject]:
    """read_one, each Document given the metadata of `path`'s sidecar over `meta` (the run's)."""
    try:
        own = read_sidecar(path)
    except InputError as e:
        yield Reject("<stdin>" if path == "-" else path, str(e))
        return
    given = own.over(meta) if own is not None else meta
    for item in read_one(path, fmt):
        yield given.apply(item) if given is not None and isinstance(item, Document) else item


def read(inputs: Iterable[str], fmt: str = "auto", meta: Meta | None = None) -> Iterator[Document | Reject]:
    """The Documents (or Rejects) of `inputs`, each with its sidecar's metadata over `meta`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    for path in expand_paths(inputs):
        yield from read_with_meta(path, fmt, meta)
