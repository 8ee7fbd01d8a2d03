"""The SQLite store's SQL, rendered from the table definition (tables.py): its numbered migrations and its INSERTs.

Migration N is the N-th step of tables.STEPS that SQLite takes. Besides the declared tables, SQLite's own
statements are the search index's rebuilds (articles_fts, an FTS5 table: its tokenizer or rowids cannot be
altered in place).
"""

from __future__ import annotations

from .ddl import Dialect, bootstrap_sql, create_table, insert_sql, migrations
from .tables import ARTICLE_TABLES, SQLITE, TABLES

DIALECT = Dialect(SQLITE, {"text": "TEXT", "int": "INTEGER", "bigint": "INTEGER", "real": "REAL", "bool": "INTEGER",
                           "bytes": "BLOB"}, nocase="{c} COLLATE NOCASE", placeholder="?")

_FTS = create_table(TABLES["articles_fts"], DIALECT)
FOLD_FUNCTION = "newsgraph_fold"  # search_fold.fold, as an SQL function of the store's connections
EXTRA: dict[str, tuple[str, ...]] = {
    "fts_porter": ("DROP TABLE articles_fts", _FTS,
                   "INSERT INTO articles_fts (article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles"),
    # the index row shares its article's rowid
    "place_indexes": ("DROP TABLE articles_fts", _FTS,
                      "INSERT INTO articles_fts (rowid, article_id, title, text)"
                      " SELECT rowid, id, coalesce(title, ''), text FROM articles"),
    # the index holds folded text (search_fold.py), written by the store's newsgraph_fold() (sqlite.py registers
    # it on every connection that writes)
    "fold_scripts": ("DELETE FROM articles_fts",
                     f"INSERT INTO articles_fts (rowid, article_id, title, text) SELECT rowid, id,"
                     f" {FOLD_FUNCTION}(coalesce(title, '')), {FOLD_FUNCTION}(text) FROM articles"),
}

META = bootstrap_sql(DIALECT)
MIGRATIONS: list[list[str]] = migrations(DIALECT, EXTRA)

# Per-article rows are new whenever their article is (ids are content hashes); OR IGNORE only guards shared ones
# (and a source met again).
INSERT: dict[str, str] = {t.name: insert_sql(t.name, DIALECT, "INSERT OR IGNORE INTO") for t in ARTICLE_TABLES}
INSERT["articles"] = insert_sql("articles", DIALECT)
# Coupled to the "place_indexes" step: the search index row takes its article's rowid; and to "fold_scripts":
# its title and text are folded (search_fold.fold).
INSERT_FTS = "INSERT INTO articles_fts (rowid, article_id, title, text) VALUES (?,?,?,?)"
