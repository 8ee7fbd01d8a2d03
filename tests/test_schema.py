"""The schema written once (store/tables.py): fresh stores of both backends have exactly the declared tables,
columns and indexes; a store built by the hand-written migrations of any earlier version (tests/schema_history.py)
upgrades to the same schema; the one flattener (store/rows.py) gives what the stores hold and the exports read."""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import schema_history
from newsgraph.export.tables import ARROW, VIEWS
from newsgraph.store import SQLiteStore, postgres_sql, schema_sql
from newsgraph.store.ddl import insert_columns, insert_into, on_conflict
from newsgraph.store.rows import article_rows, store_rows
from newsgraph.store.tables import POSTGRES, SQLITE, STEP_INDEX, STEPS, TABLES, TYPES, tables_in
from pg import PG_URL, pg_store
from records import sample_article

# -- the declaration itself --------------------------------------------------------------------------------------


def test_every_declaration_names_a_known_step_type_and_column():
    for t in TABLES.values():
        names = [c.name for c in t.columns]
        assert len(names) == len(set(names)), t.name
        assert set(t.key) <= set(names), t.name
        for c in (*t.columns, *t.extras):
            assert c.type in TYPES, (t.name, c.name)
        for ix in t.indexes:
            assert set(ix.columns) <= set(names), ix.name
        for obj in (*t.columns, *t.indexes):
            step = obj.since or t.since
            if step is not None:
                assert step in STEP_INDEX, (t.name, obj.name)
                # an object made in a step one backend skips exists only in the others: say so where it is declared
                assert set(obj.backends) & set(t.backends) <= set(STEPS[STEP_INDEX[step]].backends), obj.name


def test_columns_added_later_come_last_and_can_be_added_to_full_tables():
    # ALTER TABLE appends a column, and cannot add a NOT NULL one without a default to a table that has rows
    for t in TABLES.values():
        if t.since is None:
            continue
        made = [STEP_INDEX[c.since or t.since] for c in t.columns]
        assert made == sorted(made) and made[0] == STEP_INDEX[t.since], t.name
        for c in t.columns:
            if c.since not in (None, t.since):
                assert not c.not_null or c.default is not None, (t.name, c.name)


def test_each_backend_maps_every_type_it_uses():
    for dialect in (schema_sql.DIALECT, postgres_sql.DIALECT):
        for t in tables_in(dialect.name):
            if t.fts is None:
                assert all(c.type in dialect.types for c in t.columns_in(dialect.name)), (dialect.name, t.name)
    for table, spec in VIEWS.values():
        for item in spec.split():
            assert TABLES[table].column(item.partition("=")[2] or item).type in ARROW, item


def test_schema_versions_count_the_steps_each_backend_takes():
    assert len(schema_sql.MIGRATIONS) == sum(SQLITE in s.backends for s in STEPS)
    assert len(postgres_sql.MIGRATIONS) == sum(POSTGRES in s.backends for s in STEPS)


# -- SQLite ------------------------------------------------------------------------------------------------------


def _sqlite_tables(c: sqlite3.Connection) -> dict[str, str]:
    """name -> CREATE statement, without SQLite's own tables and the FTS5 index's shadow tables."""
    rows = dict(c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    fts = [n for n, sql in rows.items() if "VIRTUAL TABLE" in sql.upper()]
    return {n: sql for n, sql in rows.items() if not any(n.startswith(f + "_") for f in fts)}


def sqlite_schema(c: sqlite3.Connection) -> dict[str, Any]:
    """Everything that makes the schema: columns (type, NOT NULL, default, key), foreign keys, rowid tables,
    the search index's definition, indexes (columns, collations, expressions)."""
    out: dict[str, Any] = {}
    for name, sql in sorted(_sqlite_tables(c).items()):
        virtual = re.sub(r'[\s"]', "", sql) if "VIRTUAL TABLE" in sql.upper() else None
        out[name] = (c.execute(f"PRAGMA table_xinfo({name})").fetchall(),
                     sorted(c.execute(f"PRAGMA foreign_key_list({name})").fetchall()),
                     "WITHOUT ROWID" in sql.upper(), virtual)
    for name, table in c.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
                                 " AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name"):
        out["index " + name] = (table, c.execute(f"PRAGMA index_xinfo({name})").fetchall())
    return out


def _fresh_sqlite(path) -> dict[str, Any]:
    SQLiteStore(path).close()
    with sqlite3.connect(path) as c:
        return sqlite_schema(c)


def test_a_fresh_sqlite_store_has_exactly_the_declared_tables_columns_and_indexes(tmp_path):
    SQLiteStore(tmp_path / "t.db").close()
    c = sqlite3.connect(tmp_path / "t.db")
    declared = tables_in(SQLITE)
    assert set(_sqlite_tables(c)) == {t.name for t in declared}
    for t in declared:
        # hidden 1: a virtual table's own columns (FTS5's rank and the table's name)
        have = [(name, type_, bool(nn), pk) for _, name, type_, nn, _, pk, hidden
                in c.execute(f"PRAGMA table_xinfo({t.name})") if hidden != 1]
        want = [(col.name, "" if t.fts else schema_sql.DIALECT.types[col.type], col.not_null,
                 t.key.index(col.name) + 1 if col.name in t.key else 0) for col in t.columns_in(SQLITE)]
        assert have == want, t.name
    indexes = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'"
                                       " AND name NOT LIKE 'sqlite_autoindex%'")}
    assert indexes == {ix.name for t in declared for ix in t.indexes if SQLITE in ix.backends}
    c.close()


def _old_sqlite_store(path, version: int) -> None:
    """A store as the hand-written migrations left it at `version`, holding one story (from version 1)."""
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for script in schema_history.SQLITE[:version]:
        for stmt in script:
            c.execute(stmt)
    c.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))
    if version:
        a = sample_article()
        rowid = c.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (?,?,?,?,?,?)",
                          (a.id, a.title, a.published, a.language, a.text, a.to_json())).lastrowid
        c.execute("INSERT INTO articles_fts (rowid, article_id, title, text) VALUES (?,?,?,?)",
                  (rowid, a.id, a.title, a.text))
    c.commit()
    c.close()


@pytest.mark.parametrize("version", range(len(schema_history.SQLITE) + 1))
def test_an_old_sqlite_store_upgrades_to_the_fresh_schema(tmp_path, version):
    fresh = _fresh_sqlite(tmp_path / "fresh.db")
    _old_sqlite_store(tmp_path / "old.db", version)
    with SQLiteStore(tmp_path / "old.db") as db:
        assert db.query("SELECT value FROM meta WHERE key = 'schema_version'") == [(str(len(schema_sql.MIGRATIONS)),)]
        assert db.integrity() == "ok"
        if version:
            assert [h.id for h in db.search("bridges")] == [sample_article().id]  # re-indexed with stemming
    with sqlite3.connect(tmp_path / "old.db") as c:
        assert sqlite_schema(c) == fresh


# -- PostgreSQL --------------------------------------------------------------------------------------------------


@contextmanager
def _pg_schema() -> Iterator[tuple[Any, str]]:
    """A connection whose search path is a new, empty schema, dropped afterwards; a skip without a server."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install newsgraph[postgres])")
    try:
        conn = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL server at {PG_URL} ({str(e).strip()[:80]})")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'SET search_path TO "{schema}"')
        yield conn, schema
    finally:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.close()


def pg_schema(conn: Any, schema: str) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(str(v).replace(schema, "S") for v in r) for r in conn.execute(sql, (schema,)).fetchall()]

    return {
        "columns": rows("SELECT table_name, ordinal_position, column_name, data_type, is_nullable, column_default,"
                        " is_generated, generation_expression FROM information_schema.columns"
                        " WHERE table_schema = %s ORDER BY 1, 2"),
        "indexes": rows("SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = %s ORDER BY 1"),
        "constraints": rows("SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
                            " JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                            " WHERE n.nspname = %s ORDER BY 1, 2"),
    }


def test_a_fresh_postgres_store_has_exactly_the_declared_tables_columns_and_indexes():
    with pg_store() as db:
        got: dict[str, list[tuple[str, str, bool]]] = {}
        for table, name, type_, nullable in db.query(
                "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
                " WHERE table_schema = ? ORDER BY table_name, ordinal_position", (db.schema,)):
            got.setdefault(table, []).append((name, type_, nullable == "NO"))
        declared = tables_in(POSTGRES)
        assert set(got) == {t.name for t in declared}
        for t in declared:
            want = [(c.name, postgres_sql.DIALECT.types[c.type].lower(), c.not_null or c.name in t.key)
                    for c in t.columns_in(POSTGRES)]
            assert got[t.name] == want, t.name
        indexes = {n for (n,) in db.query("SELECT indexname FROM pg_indexes WHERE schemaname = ?", (db.schema,))}
        assert indexes == ({ix.name for t in declared for ix in t.indexes if POSTGRES in ix.backends}
                           | {f"{t.name}_pkey" for t in declared if t.key})


def test_old_postgres_stores_upgrade_to_the_fresh_schema():
    from newsgraph.store.postgres import PostgresStore

    with _pg_schema() as (conn, schema):
        PostgresStore(PG_URL, schema=schema).close()
        fresh = pg_schema(conn, schema)
    for version in range(len(schema_history.POSTGRES) + 1):
        with _pg_schema() as (conn, schema):
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            for script in schema_history.POSTGRES[:version]:
                for stmt in script:
                    conn.execute(stmt)
            conn.execute("INSERT INTO meta VALUES ('schema_version', %s)", (str(version),))
            with PostgresStore(PG_URL, schema=schema) as db:
                assert db.query("SELECT value FROM meta WHERE key = 'schema_version'") == \
                    [(str(len(postgres_sql.MIGRATIONS)),)]
            assert pg_schema(conn, schema) == fresh, f"upgraded from version {version}"


# -- the one flattener -------------------------------------------------------------------------------------------


def test_flattened_cells_are_the_records_parts_by_name():
    a = sample_article()
    rows = {t: [dict(zip(TABLES[t].fields, r, strict=True)) for r in rs]
            for t, rs in article_rows(a, lambda _id: {"e-lind": "S-lind"}).items()}
    story = rows["articles"][0]
    assert (story["id"], story["text"], story["month"], story["uri"], story["source_record"], story["chars"]) == \
        (a.id, a.text, "2026-03", "test://one", None, len(a.text))
    assert rows["article_sources"][0]["record"] == ""  # part of the key: never NULL
    assert [(e["id"], e["mentions"], e["store_entity"]) for e in rows["entities"]] == \
        [("e-lind", 2, "S-lind"), ("e-tampere", 1, None)]
    assert [(m["entity_id"], m["start"], m["end"], m["name"]) for m in rows["mentions"]][:2] == \
        [("e-lind", 6, 14, "Ana Lind"), ("e-lind", 56, 60, "Ana Lind")]
    q = rows["quotes"][0]
    assert (q["idx"], q["start"], q["end"], q["speaker"], q["cue"], q["speaker_store_entity"]) == \
        (0, 69, 80, "Ana Lind", "added", "S-lind")
    f = rows["figures"][0]
    assert (f["category"], f["value"], f["unit"], f["start"]) == ("injured", 2.0, "people", 0)
    p = rows["places"][0]
    assert (p["id"], p["geonameid"], p["admin1"], p["lat"], p["mentions"]) == ("geo:634963", 634963, "Pirkanmaa", 61.5, 1)
    assert rows["article_places"] == [{"article_id": a.id, "place_id": "geo:634963", "count": 1}]
    e = rows["events"][0]
    assert (e["id"], e["actor"], e["actor_entity"], e["place_id"], e["confidence"], e["evidence"]) == \
        ("ev1", "Ana Lind", "e-lind", "geo:634963", 0.7, a.text[0:54])
    assert article_rows(a, record=False)["articles"][0][5] is None  # the exports skip the JSON record


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_stores_hold_exactly_the_flattened_rows(tmp_path, backend):
    @contextmanager
    def opened():
        if backend == "sqlite":
            with SQLiteStore(tmp_path / "t.db") as s:
                yield s
        else:
            with pg_store() as s:
                yield s

    a = sample_article()
    with opened() as db:
        db.add([a])
        for table, rows in store_rows(a).items():
            cols = ", ".join(f'"{c}"' for c in TABLES[table].written)
            assert sorted(db.query(f"SELECT {cols} FROM {table}")) == sorted(rows), table


def test_inserts_name_the_declared_columns_and_a_subset_is_checked():
    # every INSERT names its columns from tables.py: all the stored ones, or a subset that may leave the rest out
    assert insert_columns("signatures") == ("article_id", "sig", "shingle_count")
    assert insert_columns("articles") == ("id", "title", "published", "language", "text", "record", "duplicate_of",
                                         "extractors")
    assert insert_into("lsh") == 'INSERT INTO lsh ("band", "key", "article_id") VALUES (?, ?, ?)'
    assert insert_into("meta", tail=on_conflict("meta", ["value"]), mark="%s") == (
        'INSERT INTO meta ("key", "value") VALUES (%s, %s) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"')
    assert insert_into("site_pages", ["site", "page"]).endswith("VALUES (?, ?)")  # applied has a default
    with pytest.raises(ValueError, match="nope"):
        insert_into("articles", ["id", "nope"])
    with pytest.raises(ValueError, match="record"):
        insert_into("articles", ["id", "text"])  # record is NOT NULL with no default
    with pytest.raises(ValueError, match="repeated"):
        insert_into("lsh", ["band", "band", "key", "article_id"])
    with pytest.raises(ValueError, match="primary key"):
        on_conflict("lsh")
    with pytest.raises(ValueError, match="nope"):
        on_conflict("meta", {"nope": "1"})
