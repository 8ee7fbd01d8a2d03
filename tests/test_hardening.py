"""Unlucky users and hostile input: full disks, read-only stores, readers racing writers, random bytes."""

from __future__ import annotations

import gzip
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.clean import document_stories
from newsgraph.sources import Document, Reject, read_one
from newsgraph.store import SQLiteStore, StoreError
from records import sample_article


def many(n: int, size: int = 1):
    out = []
    for i in range(n):
        a = sample_article(f"Story {i} " + "about the new bridge and the river. " * size, uri=f"x://{i}")
        a.id = f"h{i:05d}"
        out.append(a)
    return out


def test_disk_full_is_a_clear_error_and_keeps_what_was_stored(tmp_path):
    db = SQLiteStore(tmp_path / "full.db")
    db.add(many(5))
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # SQLite's own 'disk full' path
    big = many(300, size=60)[5:]
    with pytest.raises(StoreError) as e:
        for k in range(0, len(big), 5):
            db.add(big[k:k + 5])
    assert "disk full" in str(e.value) and "kept" in str(e.value)
    assert db.integrity() == "ok"
    assert db.stats()["articles"] >= 5
    assert db.get("h00000") is not None


def test_read_only_store_is_a_clear_error(tmp_path):
    db = SQLiteStore(tmp_path / "ro.db")
    db.add(many(2))
    db.conn.execute("PRAGMA query_only = ON")  # SQLite's own read-only refusal
    with pytest.raises(StoreError) as e:
        db.add(many(4)[2:])
    assert "read-only" in str(e.value)
    db.conn.execute("PRAGMA query_only = OFF")
    assert db.stats()["articles"] == 2 and db.integrity() == "ok"


def test_store_in_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError) as e:
        SQLiteStore(tmp_path / "no" / "such" / "dir" / "x.db")
    assert "writable" in str(e.value)


def test_readers_during_ingest_see_whole_stories(tmp_path):
    path = tmp_path / "race.db"
    SQLiteStore(path).close()
    stop = threading.Event()
    problems: list[str] = []

    def reader() -> None:
        r = SQLiteStore(path, readonly=True)
        last = 0
        while not stop.is_set():
            # one read transaction: in WAL mode it sees one committed state however the writer goes on
            r.conn.execute("BEGIN")
            n_art = r.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            n_fts = r.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
            n_quotes = r.conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
            r.conn.execute("COMMIT")
            if not (n_art == n_fts == n_quotes):
                problems.append(f"torn read: {n_art} articles, {n_fts} indexed, {n_quotes} quotes")
            if n_art < last:
                problems.append("count went backwards")
            last = n_art
            r.search("bridge")
        r.close()

    t = threading.Thread(target=reader)
    t.start()
    w = SQLiteStore(path)
    arts = many(400)
    for k in range(0, 400, 10):
        w.add(arts[k:k + 10])
    stop.set()
    t.join()
    assert problems == []
    assert w.stats()["articles"] == 400


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), gz=st.booleans())
def test_random_bytes_never_crash_a_reader(tmp_path, data, gz):
    p = tmp_path / ("x.bin.gz" if gz else "x.bin")
    p.write_bytes(gzip.compress(data)[: max(10, len(data) // 2)] if gz and data else data)
    for item in read_one(str(p)):
        assert isinstance(item, Document | Reject)
        if isinstance(item, Document):
            for s in document_stories(item):
                assert isinstance(s.text, str)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=3000))
def test_any_text_cleans_without_crashing(text):
    stories = document_stories(Document(uri="t", format="text", text=text))
    for s in stories:
        for a, b in s.headings:
            assert 0 <= a <= b <= len(s.text)
