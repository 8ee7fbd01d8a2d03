"""The watcher's tables and item states (store/watch_state.py) in SQLite and PostgreSQL."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from newsgraph.store import SQLiteStore
from newsgraph.store.watch_state import WATCH_TABLES, Item, WatchState, read_alerts
from pg import pg_store


@contextmanager
def sqlite_store(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        yield s


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    with (sqlite_store(tmp_path) if request.param == "sqlite" else pg_store()) as s:
        yield s


def columns(store, table: str) -> list[str]:
    if isinstance(store, SQLiteStore):
        return [r[1] for r in store.query(f"PRAGMA table_info({table})")]
    return [r[0] for r in store.query("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                                      " AND table_schema = current_schema() ORDER BY ordinal_position", (table,))]


def test_the_tables_are_made_on_first_use_as_declared(store):
    assert read_alerts(store.query) == []  # a store where watch never ran
    WatchState(store)
    WatchState(store)  # and again: IF NOT EXISTS
    for t in WATCH_TABLES:
        assert columns(store, t.name) == [c.name for c in t.columns]
    assert read_alerts(store.query) == []


def test_items_go_from_pending_to_done_once(store):
    st = WatchState(store)
    feed = "http://127.0.0.1:1/feed"
    with st.transaction():
        st.save_source(Item(feed, "feed", feed, etag='"v1"', content_hash="h1", http_status=200))
        assert st.enqueue([Item("http://127.0.0.1:1/a", "entry", feed), Item("http://127.0.0.1:1/b", "entry", feed)]) == 2
    assert st.enqueue([Item("http://127.0.0.1:1/a", "entry", feed)]) == 0  # known: left as it is
    assert [i.key for i in st.items(["pending"], sources=[feed])] == ["http://127.0.0.1:1/a", "http://127.0.0.1:1/b"]
    assert st.items(["pending"], sources=["http://elsewhere/"]) == []
    st.finish("http://127.0.0.1:1/a", "done", http_status=200, etag='"p"', content_hash="c", stories=1)
    st.finish("http://127.0.0.1:1/b", "retry", http_status=503, error="HTTP 503")
    st.finish("http://127.0.0.1:1/b", "retry", http_status=503, error="HTTP 503")
    b = st.item("http://127.0.0.1:1/b")
    assert (b.status, b.attempts, b.error) == ("retry", 2, "HTTP 503")
    a = st.item("http://127.0.0.1:1/a")
    assert (a.status, a.etag, a.content_hash, a.stories) == ("done", '"p"', "c", 1)
    assert st.counts() == {"done": 2, "retry": 1}  # the feed's own row counts as done
    src = st.source_rows([feed])[feed]
    assert (src.kind, src.etag, src.content_hash) == ("feed", '"v1"', "h1")
    st.save_source(Item(feed, "feed", feed, etag='"v2"', content_hash="h2", http_status=200))
    assert st.item(feed).etag == '"v2"'


def test_a_sitemap_index_keeps_its_children_with_it(store):
    st = WatchState(store)
    idx = "http://127.0.0.1:1/sitemap.xml"
    st.save_source(Item(idx, "sitemap", idx))
    st.save_source(Item("http://127.0.0.1:1/s1.xml", "sitemap", idx, parent=idx, etag='"c1"'))
    assert set(st.source_rows([idx])) == {idx, "http://127.0.0.1:1/s1.xml"}


def test_a_changed_file_or_a_newer_listing_is_read_again(store):
    st = WatchState(store)
    st.enqueue([Item("/drop/a.html", "file", "/drop", stamp="10:1")])
    st.finish("/drop/a.html", "done", content_hash="x", stories=1)
    st.touch_file("/drop/a.html", "10:2")
    assert (st.item("/drop/a.html").status, st.item("/drop/a.html").stamp) == ("done", "10:2")
    st.requeue("/drop/a.html", stamp="11:3")
    got = st.item("/drop/a.html")
    assert (got.status, got.attempts, got.stamp, got.content_hash) == ("pending", 0, "11:3", "x")


def test_a_failed_transaction_writes_nothing(store):
    st = WatchState(store)
    with pytest.raises(RuntimeError), st.transaction():
        st.enqueue([Item("http://127.0.0.1:1/z", "url", "s")])
        raise RuntimeError("killed here")
    assert st.item("http://127.0.0.1:1/z") is None
