"""Search with diacritics and vowel marks aside in non-Latin scripts, in both stores (issue 23, item 7): Greek
tonos ("Αθηνα", "ΑΘΗΝΑ" find "Αθήνα"), Russian ё ("Королев" finds "Королёв"), Arabic harakat and tatweel
("سوريا" finds "سُوريا", which FTS5 split in two), Hebrew points; the snippet keeps the stored letters; an older
store's index is rebuilt. Our own sentences. The PostgreSQL cases skip when no server answers (tests/pg.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Article, Source
from newsgraph.store import SQLiteStore
from newsgraph.store.search_fold import fold, fold_map, unfold_snippet
from newsgraph.store.search_query import translate
from pg import backend_store, pg_store

EL = ("Η Αθήνα άνοιξε χθες τον νέο σταθμό του μετρό στο κέντρο της πόλης, μετά από τρία χρόνια εργασιών.")
RU = "Космонавт Сергей Королёв открыл в Самаре музей ракетной техники в субботу."
AR = "قالت الحكومة إن المدارس في سُوريا ستفتح أبوابها الأسبوع المقبل بعد إصلاح المبـاني المتضررة."
HE = "עִירִיַּת חֵיפָה פָּתְחָה גַּן צִבּוּרִי חָדָשׁ לְיַד הַנָּמָל."
EN = "The harbour board in Leeds agreed to repaint the old crane on the quay."


def _article(text: str, title: str, language: str) -> Article:
    return Article(id=Article.make_id(text, title), source=Source(f"test://{title}", "text"), text=text,
                   title=title, published="2026-05-04", language=language)


STORIES = {"el": _article(EL, "μετρό", "el"), "ru": _article(RU, "музей", "ru"), "ar": _article(AR, "مدارس", "ar"),
           "he": _article(HE, "גן", "he"), "en": _article(EN, "crane", "en")}
WHICH = {a.id: k for k, a in STORIES.items()}
CASES = [
    ("Αθηνα", {"el"}), ("ΑΘΗΝΑ", {"el"}), ("Αθήνα", {"el"}), ("σταθμο", {"el"}), ("Королев", {"ru"}),
    ("КОРОЛЁВ", {"ru"}), ('"Сергей Королев"', {"ru"}), ("سوريا", {"ar"}), ("سُوريا", {"ar"}),
    ("المباني", {"ar"}),  # the tatweel of المبـاني aside
    ("חיפה", {"he"}), ("Йошкар", set()), ("Leeds", {"en"}), ("Королев OR Leeds", {"ru", "en"}),
]



def test_the_fold_of_each_script() -> None:
    assert fold("Αθήνα ΐ Ώρα") == "Αθηνα ι Ωρα"
    assert fold("Королёв, ЁЛКА, й ї ў") == "Королев, ЕЛКА, й ї ў"  # й, ї, ў are letters of their own
    assert fold("سُوريا المبـاني أحمد") == "سوريا المباني أحمد"  # the hamza of أ makes a letter: kept
    assert fold("חֵיפָה") == "חיפה"
    assert translate("Αθήνα -Королёв", "sqlite") == '("Αθηνα") NOT "Королев"'
    assert translate("سُوريا", "postgres") == "سوريا"
    folded, starts = fold_map("سُوريا")
    assert folded == "سوريا" and starts == [0, 2, 3, 4, 5, 6]


def test_a_snippet_is_given_its_stored_letters_back() -> None:
    text = "في سُوريا اليوم"
    assert unfold_snippet("في <سوريا> اليوم", text, "<", ">") == "في <سُوريا> اليوم"
    # a fragment cut short on both sides, as FTS5's snippet() marks it
    assert unfold_snippet("…<Αθηνα> ανοιξε…", EL, "<", ">", "…") == "…<Αθήνα> άνοιξε…"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_each_script_is_found_without_its_marks(tmp_path: Path, backend: str) -> None:
    with backend_store(backend, tmp_path) as db:
        db.add(STORIES.values())
        for query, want in CASES:
            assert {WHICH[h.id] for h in db.search(query)} == want, query
        (hit,) = db.search("سوريا")
        assert "[سُوريا]" in hit.snippet  # the stored harakat, inside the mark
        (hit,) = db.search("Αθηνα")
        assert "[Αθήνα]" in hit.snippet
        _check_web(db)


def _check_web(db: Any) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        for sort in ("relevance", "newest"):
            items = client.get("/api/search", params={"q": "Королев", "sort": sort}).json()["items"]
            assert [WHICH[h["id"]] for h in items] == ["ru"], sort
            assert "«Королёв" in items[0]["snippet"], items[0]["snippet"]
        page = client.get("/search", params={"q": "سوريا"}).text
        assert "<mark>سُوريا</mark>" in page


def test_an_older_sqlite_store_has_its_index_refilled_folded(tmp_path: Path) -> None:
    from newsgraph.store.schema_sql import META, MIGRATIONS
    from newsgraph.store.tables import STEPS

    before = [s.name for s in STEPS if "sqlite" in s.backends].index("fold_scripts")
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(META)
    for script in MIGRATIONS[:before]:
        for stmt in script:
            conn.execute(stmt)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(before),))
    for a in (STORIES["ar"], STORIES["el"]):  # written as that version did: the index held the text as stored
        cur = conn.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (?,?,?,?,?,?)",
                           (a.id, a.title, a.published, a.language, a.text, json.dumps(a.to_dict())))
        conn.execute("INSERT INTO articles_fts (rowid, article_id, title, text) VALUES (?,?,?,?)",
                     (cur.lastrowid, a.id, a.title or "", a.text))
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"سوريا\"'").fetchone() == (0,)
    conn.close()
    with SQLiteStore(path) as db:
        assert [h.id for h in db.search("سوريا")] == [STORIES["ar"].id]
        assert [h.id for h in db.search("ΑΘΗΝΑ")] == [STORIES["el"].id]
        assert db.integrity() == "ok"


def test_an_older_postgres_store_has_its_search_vector_rebuilt() -> None:
    from newsgraph.store.postgres import PostgresStore
    from newsgraph.store.postgres_sql import META, MIGRATIONS
    from newsgraph.store.tables import STEPS

    before = [s.name for s in STEPS if "postgres" in s.backends].index("fold_scripts")
    a = STORIES["ar"]
    with pg_store() as fresh:  # a schema of its own, dropped afterwards; rebuilt here as the older version
        conn = fresh.conn
        conn.execute(f'DROP SCHEMA "{fresh.schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{fresh.schema}"')
        conn.execute(f'SET search_path TO "{fresh.schema}"')
        conn.execute(META)
        for script in MIGRATIONS[:before]:
            for stmt in script:
                conn.execute(stmt)
        conn.execute("INSERT INTO meta VALUES ('schema_version', %s)", (str(before),))
        conn.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (%s,%s,%s,%s,%s,%s)",
                     (a.id, a.title, a.published, a.language, a.text, a.to_json()))
        conn.execute("INSERT INTO article_sources (article_id, uri, format, record) VALUES (%s,%s,%s,'')",
                     (a.id, a.source.uri, a.source.format))
        assert conn.execute("SELECT count(*) FROM articles WHERE tsv @@ websearch_to_tsquery('english', 'سوريا')"
                            ).fetchone() == (0,)  # the harakat counted, as before
        with PostgresStore(fresh.url, schema=fresh.schema) as db:
            (hit,) = db.search("سوريا")
            assert hit.id == a.id and "[سُوريا]" in hit.snippet
