"""Parquet export: one dataset per table, partitioned by publication month (`month=YYYY-MM/`).

Rows are flushed every `batch` stories, each flush into new files, so memory stays flat on any store size.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import Article
from .tables import TABLES, StoreIds, month, table_rows


def _schema(table: str):
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    cols = [pa.field(c, types[t]) for c, t in TABLES[table]]
    if table != "stories":
        cols.append(pa.field("month", pa.string()))
    return pa.schema(cols)


def write_parquet(articles: Iterable[Article], out: Path, batch: int = 2000, prefix: str = "",
                  store_ids: StoreIds | None = None) -> dict[str, int]:
    """`prefix` names the files of one writer, so that several (distributed partitions) share a folder."""
    try:
        import pyarrow as pa
        import pyarrow.dataset as ds
    except ImportError:
        raise RuntimeError('Parquet export needs pyarrow: pip install "newsgraph[parquet]"') from None
    out.mkdir(parents=True, exist_ok=True)
    schemas = {t: _schema(t) for t in TABLES}
    buffers: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    flushes = 0

    def flush() -> None:
        nonlocal flushes
        for t, rows in buffers.items():
            if not rows:
                continue
            cols = list(zip(*rows, strict=True))
            table = pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schemas[t], strict=True)],
                                         schema=schemas[t])
            ds.write_dataset(table, out / t, format="parquet", partitioning=["month"], partitioning_flavor="hive",
                             basename_template=f"{prefix}part-{flushes:05d}-{{i}}.parquet",
                             existing_data_behavior="overwrite_or_ignore")
            rows.clear()
        flushes += 1

    n = 0
    for a in articles:
        m = month(a.published)  # the partition key, also a column of stories
        for t, row in table_rows(a, store_ids):
            buffers[t].append(row if t == "stories" else (*row, m))
            counts[t] += 1
        n += 1
        if n % batch == 0:
            flush()
    flush()
    return counts
