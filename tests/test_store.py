from __future__ import annotations

import pytest

from newsgraph.model import Seen, Source
from newsgraph.store import SearchError, SQLiteStore, StoreError, open_store
from pg import pg_store
from records import sample_article


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    """The same tests against both backends; PostgreSQL gets a fresh schema per test."""
    if request.param == "sqlite":
        with SQLiteStore(tmp_path / "t.db") as s:
            yield s
        return
    with pg_store() as s:
        yield s


def test_add_and_get_round_trip(db):
    a = sample_article()
    assert db.add([a]) == (1, 0)
    assert db.get(a.id) == a
    assert db.get(a.id[:8]) == a
    assert db.get("nope") is None


def test_re_adding_is_idempotent_and_records_new_source(db):
    a = sample_article(uri="x://first")
    db.add([a])
    before = db.stats()
    assert db.add([sample_article(uri="x://second")]) == (0, 1)
    after = db.stats()
    assert after["articles"] == before["articles"] == 1
    assert after["mentions"] == before["mentions"]
    assert after["article_sources"] == 2
    assert [s["uri"] for s in db.sources(a.id)] == ["x://first", "x://second"]


def test_seen_adds_only_a_source(db):
    a = sample_article()
    db.add([a])
    db.add([Seen(a.id, Source("x://third", "text"))])
    assert db.stats()["articles"] == 1
    assert "x://third" in [s["uri"] for s in db.sources(a.id)]


def test_replace_rewrites_children_without_duplicates(db):
    a = sample_article()
    db.add([a])
    db.add([a], replace=True)
    s = db.stats()
    assert (s["articles"], s["quotes"], s["figures"], s["events"], s["mentions"]) == (1, 1, 1, 1, 3)


def test_all_parts_land_in_tables(db):
    db.add([sample_article()])
    s = db.stats()
    assert s["entities"] == 2 and s["places"] == 1 and s["quotes"] == 1
    row = db.query("SELECT speaker, cue FROM quotes")[0]
    assert row == ("Ana Lind", "added")


def test_full_text_search_with_snippet(db):
    db.add([sample_article()])
    other = sample_article("A ferry strike in Turku delayed traffic for hours.", uri="x://2")
    other.id, other.title = "other", "Ferry strike"
    db.add([other])
    hits = db.search("bridge")
    assert [h.id for h in hits] == [sample_article().id]
    assert "[bridge]" in hits[0].snippet.lower()
    assert [h.id for h in db.search("ferry OR bridge")] and len(db.search("ferry OR bridge")) == 2
    assert db.search('"ferry strike"')[0].id == "other"
    assert db.search("bridge", limit=1, offset=1) == []


@pytest.mark.parametrize("bad", ['"unbalanced', "AND", "bridge NEAR(", "   "])
def test_malformed_query_is_a_clear_error(tmp_path, bad):
    db = SQLiteStore(tmp_path / "t.db")
    db.add([sample_article()])
    with pytest.raises(SearchError) as e:
        db.search(bad)
    assert "query" in str(e.value)


def test_failed_batch_rolls_back_whole(db):
    good, bad = sample_article(), sample_article("Another text entirely.", uri="x://b")
    bad.id = good.id + "x"
    bad.text = None  # NOT NULL constraint
    with pytest.raises(Exception) as e:
        db.add([good, bad])
    assert "null" in str(e.value).lower()
    assert db.stats()["articles"] == 0


def test_empty_query_is_a_clear_error(db):
    with pytest.raises(SearchError):
        db.search("  ")


def test_readonly_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError) as e:
        open_store(tmp_path / "none.db", readonly=True)
    assert "ingest" in str(e.value)


def test_not_a_store_is_a_clear_error(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        SQLiteStore(p)


def test_iter_articles_streams_all(db):
    arts = []
    for i in range(7):
        a = sample_article(f"Story number {i} about a bridge.", uri=f"x://{i}")
        a.id = f"id{i}"
        arts.append(a)
    db.add(arts)
    assert [a.id for a in db.iter_articles(batch=3)] == [f"id{i}" for i in range(7)]
    assert db.integrity() == "ok"


def test_search_stems_english_words(db):
    a = sample_article("Rivers flooded three villages after the storms.", uri="x://f")
    db.add([a])
    assert [h.id for h in db.search("flood")] == [a.id]
    assert [h.id for h in db.search("storm")] == [a.id]


def test_old_store_is_migrated_in_place(tmp_path):
    import sqlite3

    from newsgraph.store.schema_sql import MIGRATIONS

    path = tmp_path / "old.db"
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for stmt in MIGRATIONS[0]:
        c.execute(stmt)
    c.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    a = sample_article("Rivers flooded three villages after the storms.", uri="x://old")
    c.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (?,?,?,?,?,?)",
              (a.id, a.title, a.published, a.language, a.text, a.to_json()))
    c.execute("INSERT INTO articles_fts (article_id, title, text) VALUES (?,?,?)", (a.id, a.title, a.text))
    c.commit()
    c.close()
    with pytest.raises(StoreError):
        SQLiteStore(path, readonly=True)  # a reader must not migrate; it says how
    with SQLiteStore(path) as db:
        assert db.query("SELECT value FROM meta WHERE key='schema_version'") == [(str(len(MIGRATIONS)),)]
        assert [h.id for h in db.search("flood")] == [a.id]
        assert db.duplicate_of(a.id) is None
