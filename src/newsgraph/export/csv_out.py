"""CSV export: one file per table in a folder, UTF-8 with a header row, written as the store streams."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from ..model import Article
from .tables import TABLES, StoreIds, table_rows


def write_csv(articles: Iterable[Article], out: Path, store_ids: StoreIds | None = None) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    files = {t: (out / f"{t}.csv").open("w", encoding="utf-8", newline="") for t in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    try:
        writers = {t: csv.writer(f) for t, f in files.items()}
        for t, w in writers.items():
            w.writerow([c for c, _ in TABLES[t]])
        for a in articles:
            for t, row in table_rows(a, store_ids):
                writers[t].writerow(["" if v is None else v for v in row])
                counts[t] += 1
    finally:
        for f in files.values():
            f.close()
    return counts
