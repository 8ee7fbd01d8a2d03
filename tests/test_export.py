"""Exports from hand-built records (no model): JSONL round trip, CSV and Parquet tables, GKG, events."""

from __future__ import annotations

import csv
import json

import pytest

from newsgraph.export import export
from newsgraph.export.gkg import COLUMNS as GKG_COLUMNS
from newsgraph.export.tables import TABLES
from newsgraph.model import Figure
from newsgraph.pipeline import Pipeline
from newsgraph.sources import read
from newsgraph.store import SQLiteStore
from records import sample_article


def articles(n: int = 5):
    out = []
    for i in range(n):
        a = sample_article(f"Story {i}: Mayor Ana Lind said the bridge in Tampere would reopen.", uri=f"https://news.example/{i}")
        a.id = f"a{i:03d}"
        a.published = f"2026-0{1 + i % 3}-1{i}"
        a.figures.append(Figure("at least 4 killed", (0, 5), "killed", "at_least", value=4.0, place="geo:634963"))
        out.append(a)
    return out


def test_jsonl_round_trip_to_an_equal_store(tmp_path):
    src = SQLiteStore(tmp_path / "a.db")
    src.add(articles())
    out = tmp_path / "records.jsonl"
    assert export(src.iter_articles(), "jsonl", str(out)) == {"articles": 5}
    dst = SQLiteStore(tmp_path / "b.db")
    # no model is needed to read records back: they are stored as they are
    items = list(Pipeline(nlp=object()).run_documents(read([str(out)], "jsonl")))
    dst.add(items)
    assert dst.stats() == src.stats()
    assert list(dst.iter_articles()) == list(src.iter_articles())
    q = "SELECT * FROM events ORDER BY article_id"
    assert dst.query(q) == src.query(q)


def test_csv_tables_have_documented_columns(tmp_path):
    counts = export(iter(articles(3)), "csv", str(tmp_path / "csv"))
    assert counts["stories"] == 3 and counts["mentions"] == 9 and counts["figures"] == 6
    for table, cols in TABLES.items():
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[0] == [c for c, _ in cols]
        assert len(rows) - 1 == counts[table]


def test_parquet_is_partitioned_by_month(tmp_path):
    ds = pytest.importorskip("pyarrow.dataset")
    out = tmp_path / "pq"
    export(iter(articles(6)), "parquet", str(out))
    months = sorted(p.name for p in (out / "stories").iterdir())
    assert months == ["month=2026-01", "month=2026-02", "month=2026-03"]
    stories = ds.dataset(out / "stories", format="parquet", partitioning="hive").to_table()
    assert stories.num_rows == 6
    figures = ds.dataset(out / "figures", format="parquet", partitioning="hive").to_table()
    assert figures.num_rows == 12
    assert figures.schema.field("value").type == "double"


def test_gkg_rows_follow_the_codebook_formats(tmp_path):
    export_to = tmp_path / "x.gkg"
    export(iter(articles(2)), "gkg", str(export_to))
    lines = export_to.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    for line in lines:
        cols = line.split("\t")
        assert len(cols) == len(GKG_COLUMNS) == 27
        row = dict(zip(GKG_COLUMNS, cols, strict=True))
        assert row["DATE"].isdigit() and len(row["DATE"]) == 14
        assert row["SourceCollectionIdentifier"] == "1" and row["SourceCommonName"] == "news.example"
        count_blocks = row["Counts"].split(";")
        assert any(b.startswith("KILL#4#") for b in count_blocks)
        assert all(len(b.split("#")) == 10 for b in count_blocks)
        assert all(len(b.split("#")) == 11 for b in row["V2Counts"].split(";"))
        loc = row["V2Locations"].split("#")
        assert len(loc) == 9 and loc[0] == "4" and loc[1] == "Tampere" and loc[2] == "FI"
        assert row["Persons"] == "Ana Lind"
        q = row["Quotations"].split("|")
        assert len(q) == 4 and q[2] == "added" and q[3] == "It is safe."
        assert "Ana Lind," in row["AllNames"]
        assert row["Extras"].startswith("<PAGE_TITLE>")


def test_events_table_is_acled_like(tmp_path):
    out = tmp_path / "events.csv"
    export(iter(articles(2)), "events", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 2
    r = rows[0]
    assert r["plover_type"] == "AGREE" and r["country"] == "Finland" and r["iso"] == "246"
    assert r["location"] == "Tampere"
    assert r["latitude"] == "61.5" and r["actor1"] == "Ana Lind"
    assert r["notes"].startswith("Story 0: Mayor Ana Lind said")


def test_folder_formats_refuse_stdout():
    with pytest.raises(ValueError):
        export(iter([]), "csv", "-")


def test_jsonl_export_is_schema_valid(tmp_path):
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("newsgraph").joinpath("schema/article.schema.json").read_text("utf-8"))
    out = tmp_path / "r.jsonl.gz"
    export(iter(articles(2)), "jsonl", str(out))
    import gzip

    for line in gzip.open(out, "rt", encoding="utf-8"):
        jsonschema.validate(json.loads(line), schema)
