"""The PostgreSQL store's SQL, rendered from the table definition (tables.py): its numbered migrations and its
INSERTs.

Migration N is the N-th step of tables.STEPS that PostgreSQL takes (it skips SQLite's search-index steps, so
PostgreSQL 7 = SQLite 9). Search reads articles.tsv, a generated column with a GIN index, both declared in tables.py.
"""

from __future__ import annotations

from .ddl import Dialect, bootstrap_sql, insert_sql, migrations
from .tables import ARTICLE_TABLES, POSTGRES

DIALECT = Dialect(POSTGRES, {"text": "TEXT", "int": "INTEGER", "bigint": "BIGINT", "real": "DOUBLE PRECISION",
                             "bool": "BOOLEAN", "bytes": "BYTEA", "tsvector": "tsvector"},
                  nocase="lower({c})", placeholder="%s")

META = bootstrap_sql(DIALECT)
MIGRATIONS: list[list[str]] = migrations(DIALECT, {})

# Per-article rows are new whenever their article is: the article insert decides who writes them. Shared rows
# (entities, places) and a source met again may exist already.
INSERT: dict[str, str] = {
    t.name: insert_sql(t.name, DIALECT, tail=" ON CONFLICT DO NOTHING" if t.shared or t.name == "article_sources" else "")
    for t in ARTICLE_TABLES}
# RETURNING tells the writer whether it stored the story, and so writes its rows
INSERT["articles"] = insert_sql("articles", DIALECT, tail=" ON CONFLICT (id) DO NOTHING RETURNING id")
