"""A PostgreSQL store in a fresh schema for one test, or a skip with the reason when no server answers."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest

PG_URL = os.environ.get("NEWSGRAPH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def pg_store(readonly: bool = False):
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install newsgraph[postgres])")
    from newsgraph.store.postgres import PostgresStore

    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL server at {PG_URL} ({str(e).strip()[:80]}); set NEWSGRAPH_TEST_PG to test it")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    store = PostgresStore(PG_URL, schema=schema)
    try:
        yield store
    finally:
        store.close()
        with psycopg.connect(PG_URL, autocommit=True) as c:
            c.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def backend_store(backend: str, tmp_path):
    """A fresh store of `backend` ("sqlite" in tmp_path, or "postgres" in its own schema)."""
    if backend == "sqlite":
        from newsgraph.store import SQLiteStore

        with SQLiteStore(tmp_path / "t.db") as db:
            yield db
    else:
        with pg_store() as db:
            yield db
