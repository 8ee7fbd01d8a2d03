"""Issue 22, item 5: forgiving search. Words with apostrophes, dots and plus signs are searched as typed, a
leading '-' leaves a word out, and a query the engine cannot read gets a plain message, never a raw error."""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.model import Article
from newsgraph.store import SearchError, SQLiteStore
from newsgraph.store.search_query import translate
from newsgraph.store.web_filters import SearchFilter
from pg import pg_store
from records import sample_article

STORIES = {
    "harbour": "The harbour board's plan for the U.S. ferry line was approved on Monday in Oslo.",
    "compiler": "Engineers rewrote the parser in C++ before the release, the team lead said in Lima.",
    "orchard": "Growers in Quito counted the apple harvest; the orchard board's report followed.",
}


def _article(key: str) -> Article:
    text = STORIES[key]
    base = sample_article(text, uri=f"test://{key}")
    return replace(base, id=Article.make_id(text, key), title=key, entities=[], quotes=[], figures=[], places=[],
                   events=[])


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "s.db")
    with SQLiteStore(path) as store:
        store.add([_article(k) for k in STORIES])
    return path


def _titles(db: str, query: str) -> set[str]:
    with SQLiteStore(db) as store:
        return {h.title for h in store.search(query)}


@pytest.mark.parametrize(("query", "want"), [
    ("board's", {"harbour", "orchard"}),
    ("U.S.", {"harbour"}),
    ("C++", {"compiler"}),
    ("board's -Quito", {"harbour"}),
    ("board's NOT Quito", {"harbour"}),
    ('"apple harvest" OR parser', {"orchard", "compiler"}),
    ("(Oslo OR Lima) -parser", {"harbour"}),
    ("harv*", {"orchard"}),
    ("title:harbour", set()),
])
def test_sqlite_store_reads_typed_words(db: str, query: str, want: set[str]) -> None:
    assert _titles(db, query) == want


@pytest.mark.parametrize("query", ["-Quito", "NOT Quito", "&&", "((", "  ", '"unclosed phrase', "Oslo)"])
def test_unreadable_queries_get_a_plain_message(db: str, query: str) -> None:
    with SQLiteStore(db) as store, pytest.raises(SearchError) as e:
        store.search(query)
    assert "fts5" not in str(e.value).lower() and "syntax" not in str(e.value).lower()


@pytest.mark.parametrize(("query", "want"), [
    ("board's", {"harbour", "orchard"}),
    ("U.S.", {"harbour"}),
    ("C++", {"compiler"}),
    ("board's -Quito", {"harbour"}),
    ('"apple harvest" OR parser', {"orchard", "compiler"}),
])
def test_postgres_store_reads_typed_words(query: str, want: set[str]) -> None:
    with pg_store() as store:
        store.add([_article(k) for k in STORIES])
        assert {h.title for h in store.search(query)} == want
        assert {h["title"] for h in store.web_reads().search(query, SearchFilter(), 10, 0).items} == want
        with pytest.raises(SearchError):
            store.search("-Quito")


def test_one_translation_for_both_dialects() -> None:
    assert translate("Russia's -Ukraine", "sqlite") == '("Russia\'s") NOT "Ukraine"'
    assert translate("Russia's -Ukraine", "postgres") == "Russia's -Ukraine"
    assert translate('"car bomb" AND Colombia OR Peru', "postgres") == '"car bomb" Colombia or Peru'
    assert translate('(Oslo OR Lima) -(parser OR C++)', "sqlite") == '((("Oslo") OR ("Lima"))) NOT (("parser") OR ("C++"))'
    with pytest.raises(SearchError, match="unclosed quote"):
        translate('say "hi"" there', "postgres")


def test_web_reads_use_the_same_translation(db: str) -> None:
    with SQLiteStore(db) as store:
        reads = store.web_reads()
        page = reads.search("board's -Quito", SearchFilter(), 10, 0)
        assert [h["title"] for h in page.items] == ["harbour"]
        with pytest.raises(SearchError):
            reads.search("-Quito", SearchFilter(), 10, 0)


@pytest.mark.parametrize("args", [["--", "-Quito", "board's"], ["board's", "-Quito"], ["board's -Quito"]])
def test_cli_takes_a_leading_minus_as_not(db: str, args: list[str]) -> None:
    res = CliRunner().invoke(main, ["search", "--db", db, "--json", *args])
    assert res.exit_code == 0, res.output
    assert '"harbour"' in res.output and "orchard" not in res.output


def test_cli_only_excluded_words_is_a_usage_message(db: str) -> None:
    res = CliRunner().invoke(main, ["search", "--db", db, "-Quito"])
    assert res.exit_code == 2
    assert "besides the ones left out" in res.output
    assert "Traceback" not in res.output
