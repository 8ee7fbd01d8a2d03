"""The record says which extractors read a story (Article.extractors), filled by what ran, not guessed from
the language afterwards; the stores keep it, older stores are migrated, and a user filters on it (`search
--read-by/--not-read-by`, the web's read_by/not_read_by). Issue 23, item 5. Our own sentences.

The PostgreSQL cases skip when no server answers (tests/pg.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph import Options, Pipeline, lang
from newsgraph.lang import models
from newsgraph.model import Article, Source
from newsgraph.sources import Document
from newsgraph.stages import default_stages
from pg import backend_store, pg_store

ALL = ["entities", "quotes", "figures", "places", "dates", "events"]
NEUTRAL = ["figures:digits", "places:gazetteer"]

PT = ("Chuva forte derruba ponte em Porto Alegre\n"
      "A ponte sobre o arroio desabou na madrugada de terça-feira depois de dois dias de chuva; a prefeitura "
      "informou que 15 famílias foram levadas para abrigos municipais.")
FR = ("Le maire de Lyon inaugure une bibliothèque\n"
      "La nouvelle bibliothèque du quartier de la Guillotière a ouvert ses portes samedi, a annoncé la mairie, "
      "qui promet 30 000 livres et des horaires prolongés le dimanche.")
EN = ("Flooded bridge closes in Leeds\n"
      "The footbridge over the River Aire in Leeds was closed on Monday after the water rose overnight, the "
      "council said, and 12 families were moved to a school hall.")


def _record(text: str, title: str, **kw: Any) -> Article:
    art = Article(id=Article.make_id(text, title), source=Source(f"test://{title}", "text"), text=text,
                  title=title, published="2026-04-07")
    lang.fill(art, **kw)
    return art


def test_a_portuguese_story_lists_only_the_language_neutral_extractors() -> None:
    art = _record(PT, "ponte")
    assert art.language == "pt"
    assert art.extractors == NEUTRAL
    assert art.entities == [] and art.quotes == [] and art.events == []
    assert Article.from_json(art.to_json()).extractors == NEUTRAL  # kept through JSON Lines


def test_a_french_story_read_without_its_model_lists_the_neutral_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    # The model missing, as on a machine without newsgraph[fr]: read neutrally, and the record says so, where
    # lang.extractors_for("fr") would have claimed every extractor.
    monkeypatch.setattr(models, "available", lambda code: False)
    art = _record(FR, "bibliotheque", missing="neutral")
    assert art.language == "fr"
    assert art.extractors == NEUTRAL
    assert lang.extractors_for("fr") != tuple(art.extractors)


def test_a_record_without_the_field_takes_what_its_language_said() -> None:
    # A JSON Lines record written before the field existed.
    d = _record(PT, "ponte").to_dict()
    del d["extractors"]
    assert Article.from_dict(d).extractors == NEUTRAL
    d["language"] = "en"
    assert Article.from_dict(d).extractors == ALL


def test_the_schema_describes_the_field() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("newsgraph").joinpath("schema/article.schema.json").read_text("utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    d = _record(PT, "ponte").to_dict()
    assert v.is_valid(d)
    assert not v.is_valid({**d, "extractors": "figures:digits"})  # a list, not one string
    assert not v.is_valid({**d, "extractors": ["figures:digits", "figures:digits"]})


@pytest.mark.model
def test_an_english_story_lists_every_extractor_and_a_stage_switched_off_is_not_listed(nlp: Any) -> None:
    doc = Document(uri="test://leeds", format="text", text=EN)
    (art,) = Pipeline(nlp=nlp).run_documents([doc])
    assert isinstance(art, Article) and art.language == "en"
    assert art.extractors == ALL
    # a configuration without the events stage: its record does not claim events were read
    stages = [st for st in default_stages() if st.name != "events"]
    (art,) = Pipeline(Options(stages=stages), nlp=nlp).run_documents([doc])
    assert isinstance(art, Article)
    assert art.extractors == ALL[:-1] and art.events == []



def _three() -> list[Article]:
    """A Portuguese story, a French one read without its model, and an English one (hand-built, every
    extractor listed): each says 'Porto Alegre' so that one search finds all three."""
    pt = _record(PT, "ponte")
    fr = Article(id=Article.make_id(FR, "bib"), source=Source("test://bib", "text"), text=FR + " Porto Alegre.",
                 title="bib", published="2026-04-07", language="fr", extractors=list(NEUTRAL))
    en = Article(id=Article.make_id(EN, "leeds"), source=Source("test://leeds", "text"), text=EN + " Porto Alegre.",
                 title="leeds", published="2026-04-07", language="en", extractors=list(ALL))
    return [pt, fr, en]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_read_by_filters_in_each_store_and_the_web(tmp_path: Path, backend: str) -> None:
    pt, fr, en = _three()
    with backend_store(backend, tmp_path) as db:
        db.add([pt, fr, en])
        assert db.get(fr.id).extractors == NEUTRAL and db.get(en.id).extractors == ALL

        def found(**kw: str) -> set[str]:
            return {h.id for h in db.search('"Porto Alegre"', **kw)}

        assert found() == {pt.id, fr.id, en.id}
        assert found(read_by="entities") == {en.id}
        assert found(not_read_by="entities") == {pt.id, fr.id}
        assert found(read_by="places:gazetteer") == {pt.id, fr.id}
        assert found(read_by="figures") == {en.id}  # a whole name: "figures:digits" is not "figures"
        assert found(read_by="events", not_read_by="quotes") == set()
        _check_web(db, pt, fr, en)


def _check_web(db: Any, pt: Article, fr: Article, en: Article) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        def ids(**params: str) -> set[str]:
            got = client.get("/api/search", params=params)
            assert got.status_code == 200, got.text
            return {h["id"] for h in got.json()["items"]}

        assert ids(q="Alegre", not_read_by="entities") == {pt.id, fr.id}
        assert ids(read_by="entities") == {en.id}  # no words: the filtered stories
        assert ids(q="Alegre", read_by="") == {pt.id, fr.id, en.id}  # a blank form field is no filter
        assert client.get("/api/search", params={"read_by": "x' OR 1"}).status_code == 422
        page = client.get("/search", params={"q": "Alegre", "not_read_by": "entities"}).text
        assert f"/story/{fr.id}" in page and f"/story/{en.id}" not in page
        assert '<option selected>entities</option>' in page
        # the story page shows the stored field: the French story was read neutrally, whatever its language
        page = client.get(f"/story/{fr.id}").text
        assert "Read by: figures:digits, places:gazetteer" in page and "read language-neutrally" in page
        page = client.get(f"/story/{en.id}").text
        assert "Read by: entities, quotes, figures, places, dates, events" in page
        assert "read language-neutrally" not in page


def test_the_cli_search_filters(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main
    from newsgraph.store import SQLiteStore

    pt, fr, en = _three()
    db = str(tmp_path / "c.db")
    with SQLiteStore(db) as store:
        store.add([pt, fr, en])
    run = CliRunner().invoke
    got = run(main, ["search", "Alegre", "--not-read-by", "entities", "--json", "--db", db])
    assert got.exit_code == 0, got.output
    assert {json.loads(line)["id"] for line in got.stdout.splitlines()} == {pt.id, fr.id}
    got = run(main, ["search", "Alegre", "--read-by", "entities", "--json", "--db", db])
    assert {json.loads(line)["id"] for line in got.stdout.splitlines()} == {en.id}
    got = run(main, ["search", "Alegre", "--read-by", "sentiment", "--db", db])
    assert got.exit_code == 2 and "figures:digits" in got.output  # the choices are named


def _before(step: str, backend: str) -> int:
    """The schema version of `backend` just before `step` (later steps may follow it)."""
    from newsgraph.store.tables import STEPS

    return [s.name for s in STEPS if backend in s.backends].index(step)


def _old_sqlite_store(path: Path, arts: list[Article]) -> None:
    """A store as the version before this field made it, holding `arts` as it wrote them (records without
    `extractors`, no column for it)."""
    from newsgraph.store.schema_sql import META, MIGRATIONS

    before = _before("extractors", "sqlite")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(META)
    for script in MIGRATIONS[:before]:
        for stmt in script:
            conn.execute(stmt)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(before),))
    for a in arts:
        d = a.to_dict()
        del d["extractors"]
        cur = conn.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (?,?,?,?,?,?)",
                           (a.id, a.title, a.published, a.language, a.text, json.dumps(d, ensure_ascii=False)))
        conn.execute("INSERT INTO articles_fts (rowid, article_id, title, text) VALUES (?,?,?,?)",
                     (cur.lastrowid, a.id, a.title or "", a.text))
        conn.execute("INSERT INTO article_sources (article_id, uri, format, record) VALUES (?,?,?,'')",
                     (a.id, a.source.uri, a.source.format))
    conn.close()


def test_an_older_sqlite_store_is_migrated_with_what_each_language_said(tmp_path: Path) -> None:
    from newsgraph.store import SQLiteStore

    pt, _, en = _three()
    path = tmp_path / "old.db"
    _old_sqlite_store(path, [pt, en])
    with SQLiteStore(path) as db:
        assert dict(db.query("SELECT id, extractors FROM articles")) == {
            pt.id: " ".join(NEUTRAL), en.id: " ".join(ALL)}
        assert db.get(pt.id).extractors == NEUTRAL  # the record, without the field, says the same
        assert {h.id for h in db.search("Alegre", not_read_by="entities")} == {pt.id}
        assert db.integrity() == "ok"


def test_an_older_postgres_store_is_migrated_with_what_each_language_said() -> None:
    from newsgraph.store.postgres import PostgresStore
    from newsgraph.store.postgres_sql import META, MIGRATIONS

    pt, _, en = _three()
    with pg_store() as fresh:  # a schema of its own, dropped afterwards; rebuilt here as the older version
        schema, url = fresh.schema, fresh.url
        conn = fresh.conn
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'SET search_path TO "{schema}"')
        conn.execute(META)
        before = _before("extractors", "postgres")
        for script in MIGRATIONS[:before]:
            for stmt in script:
                conn.execute(stmt)
        conn.execute("INSERT INTO meta VALUES ('schema_version', %s)", (str(before),))
        for a in (pt, en):
            d = a.to_dict()
            del d["extractors"]
            conn.execute("INSERT INTO articles (id, title, published, language, text, record) VALUES (%s,%s,%s,%s,%s,%s)",
                         (a.id, a.title, a.published, a.language, a.text, json.dumps(d, ensure_ascii=False)))
            conn.execute("INSERT INTO article_sources (article_id, uri, format, record) VALUES (%s,%s,%s,'')",
                         (a.id, a.source.uri, a.source.format))
        conn.commit()
        with PostgresStore(url, schema=schema) as db:
            assert dict(db.query("SELECT id, extractors FROM articles")) == {
                pt.id: " ".join(NEUTRAL), en.id: " ".join(ALL)}
            assert db.get(pt.id).extractors == NEUTRAL
            assert {h.id for h in db.search("Alegre", not_read_by="entities")} == {pt.id}
