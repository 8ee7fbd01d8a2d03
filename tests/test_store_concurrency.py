"""Several writer processes with overlapping input at once: one copy of each story, nothing lost."""

from __future__ import annotations

import multiprocessing as mp
import uuid

import pytest

from newsgraph.model import Article
from newsgraph.store import open_store
from pg import PG_URL, pg_store
from records import sample_article


def make(i: int) -> Article:
    a = sample_article(f"Story {i}: the council of district {i} voted on a bridge.", uri=f"x://{i}")
    a.id = f"s{i:04d}"
    return a


def writer(url: str, schema: str | None, ids: list[int], batch: int) -> None:
    if schema:
        from newsgraph.store.postgres import PostgresStore

        store = PostgresStore(url, schema=schema)
    else:
        store = open_store(url)
    with store:
        for k in range(0, len(ids), batch):
            store.add([make(i) for i in ids[k:k + batch]])


def run_writers(url: str, schema: str | None) -> None:
    # three writers, each overlapping the others by half, in different orders
    plans = [list(range(0, 120)), list(range(60, 180))[::-1], list(range(0, 180, 2))]
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=writer, args=(url, schema, p, 7)) for p in plans]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0


def check(store) -> None:
    s = store.stats()
    assert s["articles"] == 180
    assert s["quotes"] == 180 and s["figures"] == 180 and s["events"] == 180
    assert s["mentions"] == 180 * 3
    assert s["entities"] == 2 and s["places"] == 1
    assert store.integrity() == "ok"


@pytest.mark.slow
def test_concurrent_sqlite_writers(tmp_path):
    db = str(tmp_path / "c.db")
    open_store(db).close()
    run_writers(db, None)
    with open_store(db) as store:
        check(store)


@pytest.mark.slow
def test_concurrent_postgres_writers():
    with pg_store() as store:
        run_writers(PG_URL, store.schema)
        check(store)


def test_unique_schema_names_are_valid():
    from newsgraph.store.base import StoreError
    from newsgraph.store.postgres import PostgresStore

    with pytest.raises(StoreError):
        PostgresStore(PG_URL, schema=f"bad-{uuid.uuid4().hex}; DROP TABLE x")
