"""A real LocalCluster with two worker processes gives the records a single process gives (order aside)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.distributed import plan, read_partition
from stories import write_jsonl

pytest.importorskip("dask.distributed", reason='Dask is not installed (pip install "newsgraph[dask]")')


def test_plan_splits_jsonl_into_line_ranges(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 25)
    parts = plan([str(src)], "auto", lines=10)
    assert [p.fmt for p in parts] == ["jsonl"] * 3
    docs = [d for p in parts for d in read_partition(p)]
    assert [d.record for d in docs] == [f"s{i}" for i in range(25)]
    assert len({p.id for p in parts}) == 3
    assert [p.id for p in plan([str(src)], "auto", lines=10)] == [p.id for p in parts]  # stable ids


def test_plan_refuses_stdin():
    with pytest.raises(ValueError):
        plan(["-"])


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_equal_one_process_and_resume(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", 30)
    runner = CliRunner()
    single = runner.invoke(main, ["extract", "--from", "jsonl", str(src)], catch_exceptions=False)
    assert single.exit_code == 0
    import newsgraph.distributed as d

    d.LINES_PER_PARTITION = 8  # several partitions for two workers
    try:
        multi = runner.invoke(main, ["extract", "--from", "jsonl", "--dask-workers", "2", str(src)], catch_exceptions=False)
        assert multi.exit_code == 0, multi.stderr
        key = lambda line: json.loads(line)["id"]  # noqa: E731
        assert sorted(single.stdout.splitlines(), key=key) == sorted(multi.stdout.splitlines(), key=key)

        db = str(tmp_path / "d.db")
        r1 = runner.invoke(main, ["ingest", "--dask-workers", "2", str(src), "--db", db], catch_exceptions=False)
        assert r1.exit_code == 0 and "30 new stories" in r1.stderr
        r2 = runner.invoke(main, ["ingest", "--dask-workers", "2", str(src), "--db", db], catch_exceptions=False)
        assert "0 partition(s) done, 4 already finished" in r2.stderr

        out = tmp_path / "pq"
        r3 = runner.invoke(main, ["ingest", "--dask-workers", "2", str(src), "--out", str(out)], catch_exceptions=False)
        assert r3.exit_code == 0
        import pyarrow.dataset as ds

        assert ds.dataset(out / "stories", format="parquet", partitioning="hive").count_rows() == 30
        assert len(list((out / "_done").iterdir())) == 4
    finally:
        d.LINES_PER_PARTITION = 2000
