"""The offline gazetteer: name -> candidate places, from a SQLite file built once from shipped data.

Opening it costs milliseconds and a few MB: lookups go to the file (its name index is clustered), and
only the country and demonym tables (a few hundred rows) are read into memory.

The file lives in the user cache ($NEWSGRAPH_CACHE, else $XDG_CACHE_HOME/newsgraph, else
~/.cache/newsgraph), named by a hash of the build version and the source package versions, so an upgrade
rebuilds it; $NEWSGRAPH_GAZETTEER points at a file to use as is.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import settings
from .names import haversine_km, norm
from .version import source_versions

log = logging.getLogger(__name__)

__all__ = ["Candidate", "Gazetteer", "cache_path", "get_gazetteer", "haversine_km", "norm"]


@dataclass(frozen=True)
class Candidate:
    pid: int
    key: str
    name: str
    country: str | None
    admin1: str | None
    feature: str
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    parent: int | None
    capital: bool
    alt: bool = False  # matched through an alternate name, not the place's own name

    @property
    def id(self) -> str:
        """Stable across builds: the GeoNames id, else the ISO 3166-2 code, else the build key."""
        return self.key


_COLS = "p.pid, p.key, p.name, p.country, p.admin1, p.feature, p.lat, p.lon, p.population, p.geonameid, " \
        "p.parent, p.capital"


def _cand(row: tuple, alt: bool = False) -> Candidate:
    return Candidate(*row[:11], bool(row[11]), alt)


class Gazetteer:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        uri = f"file:{self.path}?mode=ro&immutable=1"
        self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.countries: dict[str, Candidate] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        rows = self.db.execute(f"SELECT c.code, c.neighbours, {_COLS} FROM country c JOIN place p ON p.pid = c.pid")
        for code, nb, *rest in rows:
            self.countries[code] = _cand(tuple(rest))
            self.neighbours[code] = frozenset(n for n in nb.split(",") if n)
        self.demonyms: dict[str, str] = dict(self.db.execute("SELECT norm, country FROM demonym"))
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)
        self.place = lru_cache(maxsize=20_000)(self._place)

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every place called `name` (any spelling the index knows), own names before alternate ones."""
        key = norm(name)
        if not key:
            return ()
        with self._lock:
            rows = self.db.execute(f"SELECT {_COLS}, n.alt FROM name n JOIN place p ON p.pid = n.pid "
                                   "WHERE n.norm = ?", (key,)).fetchall()
        return tuple(_cand(r[:12], bool(r[12])) for r in rows)

    def _place(self, pid: int) -> Candidate | None:
        with self._lock:
            row = self.db.execute(f"SELECT {_COLS} FROM place p WHERE p.pid = ?", (pid,)).fetchone()
        return _cand(row) if row else None

    def demonym(self, word: str) -> str | None:
        """The ISO country code a demonym or adjective points to ("Colombian" -> "CO")."""
        return self.demonyms.get(norm(word))

    def big_city_names(self, min_population: int) -> list[tuple[str]]:
        """The own names of cities of at least this population (GeoNames' spelling, one row per city)."""
        with self._lock:
            return self.db.execute("SELECT name FROM place WHERE feature = 'city' AND population >= ?",
                                   (min_population,)).fetchall()

    def has(self, name: str) -> bool:
        return bool(self.lookup(name))

    def close(self) -> None:
        self.db.close()


def cache_dir() -> Path:
    return settings().cache_dir


def cache_path() -> Path:
    pinned = settings().gazetteer
    if pinned is not None:
        return pinned
    tag = hashlib.sha256(source_versions().encode()).hexdigest()[:12]
    return cache_dir() / f"gazetteer-{tag}.sqlite"


_lock = threading.Lock()
_instance: Gazetteer | None = None


# Another build's file is left alone this long after it was written: installs that share a cache
# (two checkouts, two virtual environments) each key their own file, and removing each other's at once
# would have them rebuild in turn.
STALE_AFTER_S = 2 * 86400


def _remove_stale(keep: Path, now: float | None = None) -> None:
    """Files of older builds are 30 MB each and never read again once no install uses them; a process
    still reading one keeps its open handle (POSIX), so removing them is safe."""
    now = time.time() if now is None else now
    for old in keep.parent.glob("gazetteer-*.sqlite"):
        try:
            if old != keep and now - old.stat().st_mtime > STALE_AFTER_S:
                old.unlink()
        except OSError:
            log.debug("could not remove %s", old, exc_info=True)


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer, built into the cache on first use (about a minute, once per install)."""
    global _instance
    with _lock:
        if _instance is None:
            path = cache_path()
            if not path.exists():
                from .build import build_from_packages

                path.parent.mkdir(parents=True, exist_ok=True)
                log.warning("building the offline gazetteer at %s (once per install)", path)
                build_from_packages(path)
                if settings().gazetteer is None:
                    _remove_stale(path)
            _instance = Gazetteer(path)
        return _instance
