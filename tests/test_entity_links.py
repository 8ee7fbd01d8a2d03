"""One entity across the store (store/entity_links.py): hand-written stories, hand-built records."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.model import Article, Entity, Place, Quote, Source, stable_id
from newsgraph.store import SQLiteStore
from newsgraph.store.entity_links import norm, person_parts
from pg import pg_store


def story(text: str, names: list[tuple[str, str, list[str]]], quotes: list[tuple[str, str]] = (),
          places: list[Place] = (), title: str | None = None) -> Article:
    """A record for `text`: each (name, type, [surface forms]) an entity with every occurrence of its forms
    as mentions; each (quoted words, speaker name) a quote of that entity."""
    ents = []
    for name, etype, forms in names:
        spans = []
        for form in forms:
            start = text.find(form)
            while start >= 0:
                spans.append((start, start + len(form)))
                start = text.find(form, start + 1)
        assert spans, form
        ents.append(Entity(stable_id(etype, name), name, etype, sorted(spans)))
    by_name = {e.name: e for e in ents}
    qs = []
    for words, speaker in quotes:
        s = text.find(words)
        qs.append(Quote(words, (s, s + len(words)), "direct", speaker, by_name[speaker].id, None, "said"))
    aid = Article.make_id(text, title)
    return Article(aid, Source(f"test://{aid}"), text, title=title, published="2026-01-05", entities=ents,
                   quotes=qs, places=list(places))


PUTIN_FULL = story(
    "Vladimir Putin met the governors in the Kremlin on Monday. Putin said: “The harvest will be large.”",
    [("Vladimir Putin", "PERSON", ["Vladimir Putin", "Putin"])], [("The harvest will be large.", "Vladimir Putin")])
PUTIN_SHORT = story(
    "Putin told reporters the talks were over. “We have nothing more to discuss,” Putin said.",
    [("Putin", "PERSON", ["Putin"])], [("We have nothing more to discuss,", "Putin")])
VOCATIVE = story(
    "“Vladimir, the roads are closed,” a farmer shouted at the meeting.",
    [("Vladimir", "PERSON", ["Vladimir"])])
US_DOTS = story("The U.S. sent two ships to the strait.", [("U.S.", "GPE", ["U.S."])])
US_LONG = story("The United States will hold talks in May.", [("United States", "GPE", ["United States"])])
US_BARE = story("US officials denied the report on Friday.", [("US", "ORG", ["US"])])
SMITH_JOHN = story("John Smith opened the bakery on Elm Street.", [("John Smith", "PERSON", ["John Smith"])])
SMITH_JANE = story("Jane Smith won the county chess final.", [("Jane Smith", "PERSON", ["Jane Smith"])])
SMITH_SHORT = story("Smith declined to comment on the plan.", [("Smith", "PERSON", ["Smith"])])
RUSSIAN = story("Russian troops crossed the river near Kherson.",
                [("Russian", "NORP", ["Russian"]), ("Kherson", "GPE", ["Kherson"])],
                places=[Place("geo:706448", "Kherson", "UA", 46.6, 32.6, [(40, 47)], 706448, None, "city")])
RUSSIA = story("Russia closed its embassy in the capital.", [("Russia", "GPE", ["Russia"])])
WHO_DEF = story("The World Health Organization (WHO) warned of measles. WHO staff flew in.",
                [("World Health Organization", "ORG", ["World Health Organization", "WHO"])])
WHO_SHORT = story("WHO experts arrived in the valley on Tuesday.", [("WHO", "ORG", ["WHO"])])


def links(store) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(article, story entity name) -> (store entity name, store entity type, rule)."""
    rows = store.query("SELECT l.article_id, e.name, s.name, s.type, l.rule FROM entity_links l"
                       " JOIN entities e ON e.id = l.entity_id JOIN store_entities s ON s.id = l.store_id")
    return {(a, n): (sn, st, r) for a, n, sn, st, r in rows}


@contextmanager
def sqlite(tmp_path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "news.db") as db:
        yield db


def test_names_and_parts():
    assert norm("U.S.") == norm("US") == "us"
    assert norm("Zelenskyy’s") == "zelenskyy's"
    assert person_parts("Martin Luther King Jr.") == ("martin", "king")
    assert person_parts("Putin") is None


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_full_name_absorbs_surname_and_vocative_across_stories(tmp_path, backend):
    with (sqlite(tmp_path) if backend == "sqlite" else pg_store()) as db:
        # the short forms first: the later full name absorbs them
        db.add([PUTIN_SHORT, VOCATIVE])
        got = links(db)
        assert got[(PUTIN_SHORT.id, "Putin")] == ("Putin", "PERSON", "unmatched")
        db.add([PUTIN_FULL])
        got = links(db)
        assert got[(PUTIN_FULL.id, "Vladimir Putin")] == ("Vladimir Putin", "PERSON", "person")
        assert got[(PUTIN_SHORT.id, "Putin")] == ("Vladimir Putin", "PERSON", "surname")
        assert got[(VOCATIVE.id, "Vladimir")] == ("Vladimir Putin", "PERSON", "first name")
        # the evidence: the full name's mention in the story that introduced it
        ev = db.query("SELECT ev_article, ev_start, ev_end, reason FROM entity_links WHERE article_id = ?",
                      (PUTIN_SHORT.id,))
        art, s, e, reason = ev[0]
        assert art == PUTIN_FULL.id and PUTIN_FULL.text[s:e] == "Vladimir Putin" and "only" in reason
        assert db.query("SELECT count(DISTINCT store_id) FROM entity_links")[0][0] == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_smiths_keep_the_surname_apart(tmp_path, backend):
    with (sqlite(tmp_path) if backend == "sqlite" else pg_store()) as db:
        db.add([SMITH_JOHN, SMITH_SHORT])
        assert links(db)[(SMITH_SHORT.id, "Smith")] == ("John Smith", "PERSON", "surname")
        db.add([SMITH_JANE])  # now the store knows two Smiths: the lone one goes back to its own entity
        got = links(db)
        assert got[(SMITH_SHORT.id, "Smith")] == ("Smith", "PERSON", "ambiguous")
        assert got[(SMITH_JOHN.id, "John Smith")][0] == "John Smith"
        assert got[(SMITH_JANE.id, "Jane Smith")][0] == "Jane Smith"
        reason = db.query("SELECT reason, ev_article FROM entity_links WHERE article_id = ?", (SMITH_SHORT.id,))[0]
        assert "'Jane Smith'" in reason[0] and "'John Smith'" in reason[0] and reason[1] is None


def test_order_does_not_matter(tmp_path):
    with SQLiteStore(tmp_path / "a.db") as a, SQLiteStore(tmp_path / "b.db") as b:
        for art in (SMITH_JANE, SMITH_SHORT, SMITH_JOHN, PUTIN_FULL, PUTIN_SHORT):
            a.add([art])
        b.add([PUTIN_SHORT, SMITH_JOHN, SMITH_SHORT, PUTIN_FULL, SMITH_JANE])
        assert links(a) == links(b)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_country_aliases_are_one_entity(tmp_path, backend):
    with (sqlite(tmp_path) if backend == "sqlite" else pg_store()) as db:
        db.add([US_DOTS, US_LONG, US_BARE])
        got = links(db)
        assert got[(US_DOTS.id, "U.S.")] == got[(US_LONG.id, "United States")] == got[(US_BARE.id, "US")]
        assert got[(US_DOTS.id, "U.S.")][:2] == ("United States", "GPE")
        assert db.query("SELECT key_kind, key FROM store_entities s JOIN entity_links l ON l.store_id = s.id"
                        " WHERE l.article_id = ?", (US_BARE.id,)) == [("iso", "US")]


def test_demonym_keeps_its_type_and_points_to_the_country(tmp_path):
    with sqlite(tmp_path) as db:
        db.add([RUSSIAN, RUSSIA])
        got = links(db)
        assert got[(RUSSIAN.id, "Russian")][1:] == ("NORP", "demonym")
        assert got[(RUSSIA.id, "Russia")] == ("Russia", "GPE", "country")
        parent = db.query("SELECT p.name FROM store_entities s JOIN store_entities p ON p.id = s.parent_id"
                          " WHERE s.key_kind = 'demonym'")
        assert parent == [("Russia",)]
        # a place by its gazetteer id
        assert got[(RUSSIAN.id, "Kherson")] == ("Kherson", "GPE", "place")
        assert db.query("SELECT key FROM store_entities WHERE key_kind = 'place'") == [("geo:706448",)]


def test_acronym_defined_in_one_story_joins_another(tmp_path):
    with sqlite(tmp_path) as db:
        db.add([WHO_SHORT])
        assert links(db)[(WHO_SHORT.id, "WHO")][2] == "unmatched"
        db.add([WHO_DEF])
        got = links(db)
        assert got[(WHO_SHORT.id, "WHO")] == ("World Health Organization", "ORG", "acronym")
        art, s, e = db.query("SELECT ev_article, ev_start, ev_end FROM entity_links WHERE article_id = ?",
                             (WHO_SHORT.id,))[0]
        assert art == WHO_DEF.id and WHO_DEF.text[s:e] == "WHO"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_reingest_adds_nothing(tmp_path, backend):
    arts = [PUTIN_FULL, PUTIN_SHORT, SMITH_JOHN, SMITH_JANE, SMITH_SHORT, US_DOTS, US_LONG]
    with (sqlite(tmp_path) if backend == "sqlite" else pg_store()) as db:
        db.add(arts)
        tables = ("store_entities", "entity_links", "entity_aliases")
        before = {t: sorted(db.query(f"SELECT * FROM {t}")) for t in tables}
        db.add(arts)
        db.add(arts, replace=True)
        after = {t: sorted(db.query(f"SELECT * FROM {t}")) for t in tables}
        assert before == after


def test_backfill_links_stories_stored_before_the_tables(tmp_path):
    path = tmp_path / "old.db"
    with SQLiteStore(path) as db:
        db.add([PUTIN_FULL, PUTIN_SHORT])
        db.conn.execute("DELETE FROM entity_links")
        db.conn.execute("DELETE FROM entity_aliases")
        db.conn.execute("UPDATE meta SET value = 'pending' WHERE key = 'entity_links_backfill'")
        db.add([US_LONG])
        assert links(db)[(PUTIN_SHORT.id, "Putin")][0] == "Vladimir Putin"


def test_quotes_speaker_finds_the_full_name_stories(tmp_path):
    db = str(tmp_path / "news.db")
    with SQLiteStore(db) as store:
        store.add([PUTIN_FULL, PUTIN_SHORT, SMITH_JOHN])
    res = CliRunner().invoke(main, ["quotes", "--speaker", "Putin", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in res.stdout.splitlines()]
    assert {q["text"] for q in got} == {"The harvest will be large.", "We have nothing more to discuss,"}
    assert {q["entity_name"] for q in got} == {"Vladimir Putin"}
    # and the full name finds the stories that only say "Putin"
    res = CliRunner().invoke(main, ["quotes", "--speaker", "vladimir putin", "--db", db, "--json"])
    assert len(res.stdout.splitlines()) == 2


def test_entities_command_lists_store_entities(tmp_path):
    db = str(tmp_path / "news.db")
    with SQLiteStore(db) as store:
        store.add([PUTIN_FULL, PUTIN_SHORT, VOCATIVE, US_DOTS, US_LONG])
    res = CliRunner().invoke(main, ["entities", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    rows = {r["name"]: r for r in map(json.loads, res.stdout.splitlines())}
    assert rows["Vladimir Putin"]["stories"] == 3 and rows["United States"]["stories"] == 2
    assert set(rows["Vladimir Putin"]["forms"]) == {"Vladimir Putin", "Putin", "Vladimir"}
    res = CliRunner().invoke(main, ["entities", "--db", db, "--type", "PERSON"])
    assert "Vladimir Putin" in res.stdout and "United States" not in res.stdout


def test_csv_export_carries_the_store_entity(tmp_path):
    db = str(tmp_path / "news.db")
    with SQLiteStore(db) as store:
        store.add([PUTIN_FULL, PUTIN_SHORT])
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "--out", str(tmp_path / "csv"), "-q"])
    assert res.exit_code == 0, res.output
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["name"] for r in rows} == {"Vladimir Putin", "Putin"}
    assert len({r["store_entity"] for r in rows}) == 1 and rows[0]["store_entity"]
    with (tmp_path / "csv" / "quotes.csv").open(encoding="utf-8") as f:
        quotes = list(csv.DictReader(f))
    assert {q["speaker_store_entity"] for q in quotes} == {rows[0]["store_entity"]}


def test_stats_counts_store_entities(tmp_path):
    with sqlite(tmp_path) as db:
        db.add([PUTIN_FULL, PUTIN_SHORT, VOCATIVE])
        assert db.top_entities(1) == [("Vladimir Putin", "PERSON", 3)]
