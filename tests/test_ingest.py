"""newsgraph.ingest and extract_records: idempotent, rejects reported and the run going on, a store error
stopping with what was stored, and the local process pool giving one process's records in the same order."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

import newsgraph
from newsgraph import IngestError, IngestResult, extract_records
from newsgraph.cli import main
from newsgraph.extract import Stage, default_stages
from newsgraph.store import SQLiteStore, StoreError

INGEST = sys.modules["newsgraph.ingest"]  # `newsgraph.ingest` is the function; this is its module

TEXTS = [
    "The harbour authority in Tarvik said on Monday that two ferries would stop running for a week.\n\n"
    "“The engines need new parts,” said Ingrid Solberg, who manages the port.",
    "Farmers near the town of Kessel counted 40 sheep lost after the storm on Tuesday night.\n\n"
    "Paul Brandt, a shepherd, said the river rose faster than anyone expected.",
    "A new library opened in Ostrava on Saturday with 12,000 books and a reading room for children.\n\n"
    "The mayor, Jana Novak, said the city had waited ten years for it.",
    "Police in Lindholm arrested three men after a break-in at a jewellery shop on Friday.\n\n"
    "A spokesman said the men were held overnight and would appear in court.",
    "Students at the technical college in Brno marched to the town hall to ask for cheaper buses.\n\n"
    "“We cannot pay twice what we paid last year,” said Tomas Kral, one of the organisers.",
]


def write_docs(folder, texts=TEXTS):
    folder.mkdir(exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"{i:02d}.txt"
        p.write_text(text + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def records(items) -> list[str]:
    out = []
    for it in items:
        assert not isinstance(it, newsgraph.Reject), str(it)
        out.append(json.dumps(it.to_dict(), ensure_ascii=False))
    return out


@pytest.mark.model
def test_ingest_is_idempotent_and_refreshes_incidents_once_per_run_that_stored(tmp_path, nlp, monkeypatch):
    paths = write_docs(tmp_path / "in")
    db = tmp_path / "n.db"
    refreshed = []
    real = SQLiteStore.replace_incidents
    monkeypatch.setattr(SQLiteStore, "replace_incidents",
                        lambda self, compute: refreshed.append(1) or real(self, compute))
    seen_progress: list[int] = []
    first = newsgraph.ingest(paths, db, workers=1, commit_every=2, progress=seen_progress.append)
    assert (first.added, first.seen, first.failed) == (5, 0, 0)
    assert seen_progress == [1, 2, 3, 4, 5] and refreshed == [1]
    again = newsgraph.ingest(paths, str(db), workers=1)
    assert (again.added, again.seen, again.failed) == (0, 5, 0)
    assert refreshed == [1]  # nothing new stored: the incidents tables stand
    with SQLiteStore(str(db)) as s:
        assert s.stats()["articles"] == 5


@pytest.mark.model
def test_rejects_are_reported_one_by_one_and_the_run_goes_on(tmp_path, nlp):
    paths = write_docs(tmp_path / "in", TEXTS[:2])
    (tmp_path / "empty.txt").write_text("")
    said: list[str] = []
    with SQLiteStore(str(tmp_path / "n.db")) as store:  # an open store is used and left open
        res = newsgraph.ingest([paths[0], str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), paths[1]],
                               store, workers=1, on_reject=said.append)
        assert store.stats()["articles"] == 2
    assert res.added == 2 and res.failed == 2 and res.rejects == said
    assert any("empty.txt" in m for m in said) and any("missing.txt" in m for m in said)


class FailingStore:
    """Takes one transaction, then fails as a locked or full store would."""

    def __init__(self) -> None:
        self.calls = 0

    def has(self, article_id: str) -> bool:
        return False

    def add(self, batch, *, replace=False):
        self.calls += 1
        if self.calls > 1:
            raise StoreError("database is locked")
        return len(batch), 0

    def replace_incidents(self, compute) -> int:
        raise AssertionError("a run stopped by a store error does not refresh incidents")


@pytest.mark.model
def test_a_store_error_stops_the_run_and_says_what_was_stored(tmp_path, nlp):
    paths = write_docs(tmp_path / "in")
    with pytest.raises(IngestError) as err:
        newsgraph.ingest(paths, FailingStore(), workers=1, commit_every=2, site_memory=False)
    assert isinstance(err.value, StoreError)
    assert err.value.result.added == 2
    assert "stored before the error: 2 new stories" in str(err.value)


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_give_one_process_records_in_the_same_order(tmp_path, nlp):
    paths = write_docs(tmp_path / "in")
    (tmp_path / "in" / "zz-empty.txt").write_text("")
    inputs = [*paths, str(tmp_path / "in" / "zz-empty.txt")]
    one = list(extract_records(inputs, workers=1, batch_size=2))
    # pool_min_chars=0: the pool starts even for five short stories; batch_size=2: three batches in flight
    two = list(extract_records(inputs, workers=2, batch_size=2, pool_min_chars=0))
    assert [str(x) for x in one if isinstance(x, newsgraph.Reject)] == \
           [str(x) for x in two if isinstance(x, newsgraph.Reject)] != []
    assert records(x for x in two if not isinstance(x, newsgraph.Reject)) == \
           records(x for x in one if not isinstance(x, newsgraph.Reject))

    db1, db2 = tmp_path / "one.db", tmp_path / "two.db"
    newsgraph.ingest(paths, db1, workers=1)
    res = newsgraph.ingest(paths, db2, workers=2, batch_size=2, pool_min_chars=0)
    assert res.added == 5
    with SQLiteStore(str(db1)) as a, SQLiteStore(str(db2)) as b:
        assert records(a.iter_articles()) == records(b.iter_articles())


def test_small_inputs_stay_in_this_process(monkeypatch):
    from newsgraph import Document, workers

    class Started(Exception):
        pass

    def no_pool(*a, **k):
        raise Started

    monkeypatch.setattr(workers, "_Pool", no_pool)

    class Pipe:
        options = newsgraph.Options(workers=2)
        workers = 2

        def batches(self, docs, known, store):
            return [list(docs)]

        def run_here(self, batches):
            return iter(batches)

    short = [Document(uri=f"{i}.txt", format="text", text="One short sentence. " * 10) for i in range(40)]
    assert list(workers.run_documents(Pipe(), short)) == [short]  # 8,000 characters: a second of work at most
    pages = [Document(uri=f"{i}.html", format="html", html="<p>markup</p>" * 5000) for i in range(10)]
    with pytest.raises(Started):  # ten web pages: several seconds of work
        list(workers.run_documents(Pipe(), pages))


def _die_in_worker(art, doc, story) -> None:
    """A stage that kills its worker process on one story, as a crash in native code would."""
    import multiprocessing

    if "DIE" in story.text and multiprocessing.parent_process() is not None:
        os._exit(3)


@pytest.mark.model
@pytest.mark.slow
def test_a_batch_that_kills_its_worker_is_rejected_and_the_rest_extracted(tmp_path, nlp):
    from newsgraph import Options, Pipeline

    stages = [*default_stages(), Stage("die", _die_in_worker)]
    texts = [*TEXTS[:2], "DIE now, said nobody in the town of Vik.", *TEXTS[2:]]
    paths = write_docs(tmp_path / "in", texts)
    pipe = Pipeline(Options(workers=2, batch_size=1, pool_min_chars=0, stages=stages))
    out = list(pipe.run(paths))
    assert [type(x).__name__ for x in out] == ["Article"] * 2 + ["Reject"] + ["Article"] * 3
    assert "worker process died" in str(out[2]) and out[2].uri.endswith("02.txt")


def test_cli_ingest_and_extract_call_the_library(tmp_path, monkeypatch):
    calls: dict[str, dict] = {}

    def fake_ingest(paths, store, **kw):
        calls["ingest"] = {"paths": paths, **kw}
        kw["on_reject"]("bad.txt: empty input")
        return IngestResult(added=3, seen=1, failed=1)

    def fake_records(paths, **kw):
        calls["extract"] = {"paths": paths, **kw}
        yield newsgraph.Reject("bad.txt", "empty input")

    monkeypatch.setattr(INGEST, "ingest", fake_ingest)
    monkeypatch.setattr(INGEST, "extract_records", fake_records)
    runner = CliRunner()
    db = str(tmp_path / "n.db")
    res = runner.invoke(main, ["ingest", "a.txt", "--db", db, "--workers", "3", "--commit-every", "7", "-q"])
    assert res.exit_code == 1, res.output
    assert "ingested into" in res.stderr and "3 new stories, 1 already stored, 1 inputs failed" in res.stderr
    assert "newsgraph: error: bad.txt: empty input" in res.stderr
    kw = calls["ingest"]
    assert kw["paths"] == ("a.txt",) and kw["workers"] == 3 and kw["commit_every"] == 7 and kw["scheduler"] is None
    res = runner.invoke(main, ["extract", "a.txt", "--workers", "2"])
    assert res.exit_code == 1 and calls["extract"]["workers"] == 2 and res.stdout == ""
    assert runner.invoke(main, ["extract", "a.txt"]).exit_code == 1
    assert calls["extract"]["workers"] is None  # every core


def test_cli_refuses_the_local_pool_with_a_dask_run(tmp_path):
    runner = CliRunner()
    for args in (["--workers", "2", "--dask-workers", "2"], ["--scheduler", "tcp://x:1", "--dask-workers", "2"]):
        res = runner.invoke(main, ["ingest", "a.txt", "--db", str(tmp_path / "n.db"), *args])
        assert res.exit_code == 2
    assert runner.invoke(main, ["ingest", "a.txt", "--out", str(tmp_path / "o")]).exit_code == 2
