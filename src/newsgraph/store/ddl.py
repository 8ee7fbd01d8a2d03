"""SQL rendered from the table definition (tables.py) in one backend's dialect: CREATE statements, the numbered
migrations, and INSERT statements. schema_sql.py (SQLite) and postgres_sql.py (PostgreSQL) hold the dialects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .tables import STEP_INDEX, STEPS, TABLES, Column, Index, Step, Table, tables_in


@dataclass(frozen=True)
class Dialect:
    name: str  # tables.SQLITE or tables.POSTGRES: which tables, columns, indexes and steps apply
    types: Mapping[str, str]  # logical type -> column type
    nocase: str  # a case-blind index on column {c}
    placeholder: str  # the driver's parameter mark


def quote(name: str) -> str:
    return f'"{name}"'


def column_sql(c: Column, d: Dialect) -> str:
    parts = [quote(c.name), d.types[c.type]]
    if c.generated is not None:
        parts.append(f"GENERATED ALWAYS AS ({c.generated}) STORED")
    if c.not_null:
        parts.append("NOT NULL")
    if c.default is not None:
        parts.append(f"DEFAULT {c.default}")
    if c.references is not None:
        parts.append(f"REFERENCES {c.references}(id) ON DELETE CASCADE")
    return " ".join(parts)


def create_table(t: Table, d: Dialect, columns: Sequence[Column] | None = None, *, if_not_exists: bool = False) -> str:
    """CREATE TABLE for `t` with `columns` (default: all of them in this backend)."""
    cols = t.columns_in(d.name) if columns is None else columns
    if t.fts is not None:
        # FTS5 takes column names only; the names are plain identifiers
        names = [c.name + (" UNINDEXED" if c.unindexed else "") for c in cols]
        return f"CREATE VIRTUAL TABLE {t.name} USING fts5({', '.join(names)}, tokenize='{t.fts}')"
    body = [column_sql(c, d) for c in cols]
    if t.key:
        body.append(f"PRIMARY KEY ({', '.join(map(quote, t.key))})")
    exists = "IF NOT EXISTS " if if_not_exists else ""
    rowid = " WITHOUT ROWID" if t.without_rowid and d.name == "sqlite" else ""
    return f"CREATE TABLE {exists}{t.name} ({', '.join(body)}){rowid}"


def create_index(t: Table, ix: Index, d: Dialect) -> str:
    cols = [d.nocase.format(c=quote(c)) if ix.nocase else quote(c) for c in ix.columns]
    using = f" USING {ix.using}" if ix.using else ""
    return f"CREATE INDEX {ix.name} ON {t.name}{using} ({', '.join(cols)})"


def _made_in(since: str | None, table: Table) -> str | None:
    return table.since if since is None else since


def step_sql(step: Step, d: Dialect, extra: Sequence[str] = ()) -> list[str]:
    """The statements of one migration: per table, the columns it drops, its creation or its new columns, then
    its new indexes; then the step's data statements and this backend's own (`extra`)."""
    out: list[str] = []
    for t in tables_in(d.name):
        if t.since is None or STEP_INDEX[t.since] > STEP_INDEX[step.name]:
            continue
        # a dropped column is made as it was, and dropped before its replacement (it may share its name) is made
        dropped = [c for c in t.dropped if d.name in c.backends]
        out.extend(f"ALTER TABLE {t.name} DROP COLUMN {quote(c.name)}" for c in dropped if c.until == step.name)
        new = [c for c in (*t.columns_in(d.name), *dropped) if _made_in(c.since, t) == step.name]
        if t.since == step.name:
            out.append(create_table(t, d, new))
        else:
            out.extend(f"ALTER TABLE {t.name} ADD COLUMN {column_sql(c, d)}" for c in new)
        out.extend(create_index(t, ix, d) for ix in t.indexes
                   if d.name in ix.backends and _made_in(ix.since, t) == step.name)
    return [*out, *step.sql, *extra]


def migrations(d: Dialect, extra: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The backend's numbered migrations: migration N (schema version N) is the N-th step it takes."""
    return [step_sql(s, d, extra.get(s.name, ())) for s in STEPS if d.name in s.backends]


def bootstrap_sql(d: Dialect) -> str:
    """The table that records the schema version, made before any migration runs."""
    return create_table(TABLES["meta"], d, if_not_exists=True)


def insert_sql(table: str, d: Dialect, verb: str = "INSERT INTO", tail: str = "") -> str:
    """An INSERT of a flattened row's written columns (Table.written, rows.py)."""
    cols = TABLES[table].written
    marks = ", ".join([d.placeholder] * len(cols))
    return f"{verb} {table} ({', '.join(map(quote, cols))}) VALUES ({marks}){tail}"
