"""Where the web app's code lives: routes and presentation in web/, every SQL statement in store/, one kind
of cache (store/cache.py). Read from the source; nothing is imported."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
WEB = sorted((SRC / "web").glob("*.py"))
# SQL as this project writes it: upper-case keywords inside strings.
SQL = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA)\s"
                 r"|\sJOIN\s+\w+\s+\w+\s+ON\s|\sWHERE\s+\w+[.]?\w*\s*(=|IN\b|LIKE\b)")


def test_the_scanner_finds_sql() -> None:
    samples = ['"SELECT id FROM articles"', "f\"DELETE FROM {t}\"", '" FROM events v JOIN articles a ON a.id = v.x"',
               '"PRAGMA query_only=ON"', '" WHERE a.id IN (?)"']
    assert all(SQL.search(s) for s in samples)
    assert not SQL.search('"Select a story, then its sources: where it was seen."')


def test_web_holds_no_sql() -> None:
    assert WEB, "no web modules found"
    bad = [f"{p.name}:{i}: {line.strip()}" for p in WEB
           for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if SQL.search(line)]
    assert not bad, "SQL in web/ (it belongs in store/web_reads.py or a backend):\n" + "\n".join(bad)


def test_web_opens_no_database_itself() -> None:
    drivers = re.compile(r"^\s*(import|from)\s+(sqlite3|psycopg)\b", re.M)
    assert not [p.name for p in WEB if drivers.search(p.read_text(encoding="utf-8"))]


def test_caches_are_store_cache_cached() -> None:
    # A hand-made cache (a lock, a flag and a thread) is how the racy one began: use store/cache.Cached.
    locks = re.compile(r"threading\.(R?Lock|Condition|local)\(")
    files = [*WEB, *sorted((SRC / "store").glob("web_*.py"))]
    bad = [p.name for p in files if p.name != "web_sql.py" and locks.search(p.read_text(encoding="utf-8"))]
    assert not bad, f"locks outside store/cache.py (use Cached): {bad}"
