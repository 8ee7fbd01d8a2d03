"""Search with diacritics aside in both stores (issue 23, item 7): "Bogota" finds "Bogotá" and "senor" finds
"señor" in SQLite (FTS5's remove_diacritics 2) and in PostgreSQL (a search vector of folded text, and a folded
query: store/search_query.py), in the CLI's search and the web API's; a store made before the fold upgrades.

The PostgreSQL tests skip when no server answers (tests/pg.py: NEWSGRAPH_TEST_PG, a fresh schema per test).
The stories are written for these tests.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from newsgraph.model import Article, Source
from newsgraph.store import postgres_sql
from newsgraph.store.search_query import FOLD_FROM, fold, translate, unfold_snippet
from newsgraph.store.tables import POSTGRES, STEPS
from pg import PG_URL, backend_store, pg_store

FR = ("Le maire de Saint-Étienne, François Lefèvre, a inauguré jeudi une école élémentaire au bord de la forêt. "
      "Les élèves y étudieront dès la rentrée.")
ES = ("El señor Tomás Ibáñez y la señora Begoña Núñez llegaron a Bogotá el martes para hablar con los cultivadores "
      "de café de Cúcuta. Según ella, la cosecha de este año será más pequeña.")
EN = "The council in Leeds approved a new cycle lane along the canal on Monday."


def _article(text: str, title: str, language: str) -> Article:
    return Article(id=Article.make_id(text, title), source=Source(f"test://{language}", "text"), text=text,
                   title=title, published="2026-05-04", language=language)


STORIES = {"fr": _article(FR, "Une école à Saint-Étienne", "fr"), "es": _article(ES, "Café en Cúcuta", "es"),
           "en": _article(EN, "New cycle lane", "en")}
WHICH = {a.id: k for k, a in STORIES.items()}
# query -> the stories it finds, in either store
CASES = [
    ("Bogota", {"es"}), ("senor", {"es"}), ("senora", {"es"}), ("Nunez", {"es"}), ('"Begona Nunez"', {"es"}),
    ("Bogotá", {"es"}), ("Cucuta", {"es"}), ("cafe", {"es"}), ("ecole", {"fr"}), ("Etienne", {"fr"}),
    ("foret", {"fr"}), ("Lefevre", {"fr"}), ("FRANCOIS", {"fr"}), ("élèves OR Leeds", {"fr", "en"}),
    ("Bogota -cafe", set()), ("Leeds", {"en"}),
]



@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_search_without_accents_finds_the_accented_story(tmp_path: Path, backend: str) -> None:
    with backend_store(backend, tmp_path) as db:
        db.add(STORIES.values())
        for query, want in CASES:
            assert {WHICH[h.id] for h in db.search(query)} == want, query


def test_the_postgres_snippet_keeps_the_stored_accents() -> None:
    with pg_store() as db:
        db.add(STORIES.values())
        (hit,) = db.search("Bogota")
        assert "[Bogotá]" in hit.snippet and "señora" in hit.snippet


def test_an_old_postgres_store_is_searched_with_accents_aside_once_upgraded() -> None:
    psycopg = pytest.importorskip("psycopg")
    from newsgraph.store.postgres import PostgresStore

    a = STORIES["es"]
    with pg_store() as probe:  # a skip without a server
        probe.conn.execute("SELECT 1")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        try:
            conn.execute(f'CREATE SCHEMA "{schema}"')
            conn.execute(f'SET search_path TO "{schema}"')
            conn.execute(postgres_sql.META)
            # the schema as it was before the fold step (later steps may follow it)
            before = [s.name for s in STEPS if POSTGRES in s.backends].index("pg_fold")
            for script in postgres_sql.MIGRATIONS[:before]:
                for stmt in script:
                    conn.execute(stmt)
            conn.execute("INSERT INTO meta VALUES ('schema_version', %s)", (str(before),))
            conn.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (%s,%s,%s,%s,%s,%s)",
                         (a.id, a.title, a.published, a.language, a.text, a.to_json()))
            assert conn.execute("SELECT count(*) FROM articles WHERE tsv @@ websearch_to_tsquery('english', 'bogota')"
                                ).fetchone() == (0,)  # accents counted, as before
            with PostgresStore(PG_URL, schema=schema) as db:
                assert [h.id for h in db.search("Bogota")] == [a.id]
        finally:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_the_web_api_over_postgres_searches_without_accents() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with pg_store() as db:
        db.add(STORIES.values())
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            for query, want in CASES:
                r = client.get("/api/search", params={"q": query})
                assert r.status_code == 200, r.text
                assert {WHICH[h["id"]] for h in r.json()["items"]} == want, query
            items = client.get("/api/search", params={"q": "senora Nunez", "sort": "newest"}).json()["items"]
            assert "«señora»" in items[0]["snippet"] and "«Núñez»" in items[0]["snippet"]


# -- the fold itself ----------------------------------------------------------------------------------------


def test_the_fold_matches_sqlites_remove_diacritics() -> None:
    c = sqlite3.connect(":memory:")
    c.execute("CREATE VIRTUAL TABLE f USING fts5(t, tokenize='unicode61 remove_diacritics 2')")
    c.executemany("INSERT INTO f (rowid, t) VALUES (?, ?)", [(i, f"x{ch}x") for i, ch in enumerate(FOLD_FROM, 1)])
    c.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')")
    sqlite = {FOLD_FROM[doc - 1]: term for doc, term in c.execute("SELECT doc, term FROM v")}
    # FTS5 keeps ǡ/Ǡ (a with dot and macron); every other letter folds alike
    differ = {ch for ch in FOLD_FROM if sqlite[ch] != f"x{fold(ch).lower()}x"}
    assert differ == {"ǡ", "Ǡ"}


def test_fold_and_the_postgres_query_text() -> None:
    assert fold("Señor Núñez, Łódź, Dvořák, Nguyễn, São Paulo, Bogota\u0301") == \
        "Senor Nunez, Łodz, Dvorak, Nguyen, Sao Paulo, Bogota"
    assert translate('"señor Pérez" OR Bogotá -ñandú', "postgres") == '"senor Perez" or Bogota -nandu'
    assert translate("Bogotá", "sqlite") == '"Bogota"'  # folded as the index is (search_fold.py)


def test_unfold_snippet_puts_the_stored_letters_back() -> None:
    assert unfold_snippet("a <Bogota>, le", "a Bogotá, le", "<", ">") == "a <Bogotá>, le"
    # decomposed accents are letters' own marks, kept inside the mark
    assert unfold_snippet("a <Bogota>", "a Bogota\u0301", "<", ">") == "a <Bogota\u0301>"
    # no stored text, or no such fragment in it: the folded snippet as it is
    assert unfold_snippet("a <Bogota>", None, "<", ">") == "a <Bogota>"
    assert unfold_snippet("a <Lima>", "a Bogotá", "<", ">") == "a <Lima>"
