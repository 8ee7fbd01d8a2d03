"""Exports of a store: JSON Lines records, CSV and Parquet tables, GDELT GKG 2.1, ACLED-like events."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..model import Article

FORMATS = ("jsonl", "csv", "parquet", "gkg", "events")
# formats that write a folder of files; the others write one file (or stdout with "-")
FOLDER_FORMATS = ("csv", "parquet")


@contextmanager
def _text_out(out: str) -> Iterator[IO[str]]:
    if out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    if out.endswith(".gz"):
        with gzip.open(out, "wt", encoding="utf-8", newline="") as f:
            yield f
        return
    with open(out, "w", encoding="utf-8", newline="") as f:
        yield f


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> dict[str, int]:
    n = 0
    for a in articles:
        out.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return {"articles": n}


def export(articles: Iterable[Article], fmt: str, out: str,
           store_ids: Callable[[str], dict[str, str]] | None = None) -> dict[str, int]:
    """Write `articles` (streamed) as `fmt` to `out`: a file, '-' for stdout, or a folder for csv/parquet.

    `store_ids(article_id)` gives a story's entity ids -> store entity ids, for the csv/parquet tables'
    store entity columns (store/entity_links.py); without it they are empty."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in FOLDER_FORMATS:
        if out == "-":
            raise ValueError(f"{fmt} export writes a folder of tables; give --out DIR")
        if fmt == "csv":
            from .csv_out import write_csv

            return write_csv(articles, Path(out), store_ids)
        from .parquet_out import write_parquet

        return write_parquet(articles, Path(out), store_ids=store_ids)
    with _text_out(out) as f:
        if fmt == "jsonl":
            return write_jsonl(articles, f)
        if fmt == "events":
            from .events_out import write_events

            return write_events(articles, f)
        from .gkg import write_gkg

        return write_gkg(articles, f)


__all__ = ["FOLDER_FORMATS", "FORMATS", "export", "write_jsonl"]
