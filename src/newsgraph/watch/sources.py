"""What to watch: feed URLs, sitemaps and lists of URLs, single pages, and local folders a scraper drops files in.

A sources file has one source a line, `#` starts a comment, and options follow the location as key=value
(quote a value with spaces):

    https://example.org/rss.xml               name="Example News" lang=en
    https://example.org/sitemap-news.xml      kind=sitemap
    /data/scrapes/                            name=scraper
    https://example.org/2025/05/story.html    kind=page

kind is one of KINDS; without it a local folder is a folder, a local file a list of URLs, and a URL is
recognised from its first fetch (a feed, a sitemap, a plain-text list of URLs, else a page).
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

KINDS = ("feed", "sitemap", "list", "page", "folder")
_OPTIONS = ("name", "lang", "kind")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class SourceError(ValueError):
    """A source line or argument that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class WatchSource:
    location: str  # an http(s) URL, or an absolute path
    kind: str | None = None  # one of KINDS; None: recognised at the first poll
    name: str = ""
    language: str | None = None

    @property
    def is_url(self) -> bool:
        return is_url(self.location)

    @property
    def key(self) -> str:
        """The source's row in the watch state."""
        return self.location


def is_url(s: str) -> bool:
    return urlsplit(s).scheme in ("http", "https") and bool(urlsplit(s).netloc)


def make_source(location: str, *, kind: str | None = None, name: str | None = None,
                language: str | None = None, where: str = "argument") -> WatchSource:
    """A checked source: a URL or an existing local path, a known kind, a plausible language code."""
    if kind is not None and kind not in KINDS:
        raise SourceError(f"{where}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if language is not None and not _LANG.match(language):
        raise SourceError(f"{where}: language {language!r} is not a code like en, fr or pt-BR")
    if is_url(location):
        if kind == "folder":
            raise SourceError(f"{where}: kind=folder needs a local folder, not a URL")
        return WatchSource(location, kind, name or urlsplit(location).netloc, language)
    if "://" in location:
        raise SourceError(f"{where}: only http and https URLs can be watched: {location}")
    path = Path(location).expanduser()
    if not path.exists():
        raise SourceError(f"{where}: no such folder or file: {location}")
    if path.is_dir():
        if kind not in (None, "folder"):
            raise SourceError(f"{where}: {location} is a folder; kind={kind} needs a URL or a file")
        kind = "folder"
    elif kind not in (None, "list"):
        raise SourceError(f"{where}: a local file can only be a list of URLs (kind=list); watch its folder instead")
    else:
        kind = "list"
    resolved = str(path.resolve())
    return WatchSource(resolved, kind, name or os.path.basename(resolved.rstrip(os.sep)) or resolved, language)


def parse_line(line: str, where: str) -> WatchSource | None:
    """One line of a sources file; None for blank and comment lines."""
    try:
        parts = shlex.split(line, comments=True)
    except ValueError as e:
        raise SourceError(f"{where}: {e}") from None
    if not parts:
        return None
    location, opts = parts[0], {}
    for p in parts[1:]:
        key, eq, value = p.partition("=")
        if not eq or key not in _OPTIONS:
            raise SourceError(f"{where}: {p!r} is not an option; write name=..., lang=... or kind=...")
        opts[key] = value
    return make_source(location, kind=opts.get("kind"), name=opts.get("name"), language=opts.get("lang"), where=where)


def read_sources_file(path: str | Path) -> list[WatchSource]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as e:
        raise SourceError(f"cannot read the sources file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise SourceError(f"the sources file {path} is not UTF-8 text") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        src = parse_line(line, f"{path}:{n}")
        if src is not None:
            out.append(src)
    return out


def gather(arguments: tuple[str, ...] | list[str], sources_file: str | None = None) -> list[WatchSource]:
    """Sources from the command line and a sources file, each location once (the first mention wins)."""
    found = [make_source(a) for a in arguments]
    if sources_file:
        found += read_sources_file(sources_file)
    seen: dict[str, WatchSource] = {}
    for s in found:
        seen.setdefault(s.key, s)
    if not seen:
        raise SourceError("nothing to watch: give feed URLs, sitemaps, pages or folders, or --sources FILE")
    return list(seen.values())


_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_every(text: str) -> float:
    """Seconds from '15m', '30s', '2h', '1h30m', '1d' (a bare number is minutes)."""
    s = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", s):
        seconds = float(s) * 60
    else:
        parts = _EVERY.findall(s)
        if not parts or _EVERY.sub("", s).strip():
            raise SourceError(f"cannot read the interval {text!r}; write e.g. 30s, 15m, 2h or 1h30m")
        seconds = sum(float(n) * _UNIT[u] for n, u in parts)
    if seconds < 1:
        raise SourceError(f"the interval {text!r} is under a second")
    return seconds
