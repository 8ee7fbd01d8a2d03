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


def _stored(t: Table) -> list[str]:
    """The columns an INSERT may fill: stored in each of the table's backends, not computed by the database."""
    return [c.name for c in t.columns if c.generated is None and all(b in c.backends for b in t.backends)]


def insert_columns(table: str, columns: Sequence[str] | None = None) -> tuple[str, ...]:
    """The columns an INSERT into `table` names, in order: `columns`, checked against the table, or else every
    column it stores in each of its backends (none the database computes).

    A subset must name stored columns of the table, each once, and leave out only columns that may be left out:
    nullable ones or ones with a default, never one of the key."""
    t = TABLES[table]
    stored = _stored(t)
    if columns is None:
        return tuple(stored)
    cols = tuple(columns)
    unknown = [c for c in cols if c not in stored]
    if unknown or len(set(cols)) != len(cols):
        raise ValueError(f"INSERT INTO {table}: {unknown or 'repeated columns'} not among its stored columns {stored}")
    needed = [c.name for c in t.columns if c.name not in cols and c.generated is None and c.default is None
              and (c.not_null or c.name in t.key) and all(b in c.backends for b in t.backends)]
    if needed:
        raise ValueError(f"INSERT INTO {table} leaves out {needed}, which have no default")
    return cols


def insert_into(table: str, columns: Sequence[str] | None = None, *, mark: str = "?", verb: str = "INSERT INTO",
                tail: str = "") -> str:
    """`INSERT INTO table ("c1", "c2") VALUES (?, ?)` then `tail` (an ON CONFLICT clause: on_conflict()), over
    insert_columns(table, columns). `mark` is the parameter mark: the `?` that the SQL written once for both
    backends uses (PostgreSQL's writers turn it into %s), or a Dialect's placeholder."""
    cols = insert_columns(table, columns)
    marks = ", ".join([mark] * len(cols))
    return f"{verb} {table} ({', '.join(map(quote, cols))}) VALUES ({marks}){tail}"


def on_conflict(table: str, update: Sequence[str] | Mapping[str, str] = ()) -> str:
    """` ON CONFLICT (key) DO NOTHING` on the table's primary key, or, given `update`, `DO UPDATE SET` each of
    those columns to the row offered (excluded.c), or (a mapping) to its SQL expression."""
    t = TABLES[table]
    if not t.key:
        raise ValueError(f"{table} has no primary key to meet a conflict on")
    if not update:
        return f" ON CONFLICT ({', '.join(map(quote, t.key))}) DO NOTHING"
    sets = update if isinstance(update, Mapping) else {c: f"excluded.{quote(c)}" for c in update}
    unknown = [c for c in sets if c not in _stored(t)]
    if unknown:
        raise ValueError(f"{table}: cannot update {unknown}, not among its stored columns")
    body = ", ".join(f"{quote(c)} = {expr}" for c, expr in sets.items())
    return f" ON CONFLICT ({', '.join(map(quote, t.key))}) DO UPDATE SET {body}"


def insert_sql(table: str, d: Dialect, verb: str = "INSERT INTO", tail: str = "") -> str:
    """An INSERT of a flattened row's written columns (Table.written, rows.py)."""
    return insert_into(table, TABLES[table].written, mark=d.placeholder, verb=verb, tail=tail)
