"""Issue 22, item 6: the query commands say what is valid when an option is wrong, read country names, and say
how many undated events a date filter left out; an empty input folder is an error for extract and ingest."""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.model import Article, Event, Place
from newsgraph.store import SQLiteStore
from records import sample_article


def _story(key: str, text: str, published: str | None, country: str, date: str | None) -> Article:
    base = sample_article(text, uri=f"test://{key}")
    place = Place(f"geo:{key}", f"Town {key}", country, 1.0, 2.0, [(0, 4)], None, None, "city")
    ev = Event(f"ev-{key}", "ASSAULT", (0, len(text)), place=place.id, date=date, confidence=0.9)
    return replace(base, id=Article.make_id(text, key), title=key, published=published, entities=[], quotes=[],
                   figures=[], places=[place], events=[ev])


@pytest.fixture()
def db(tmp_path) -> str:
    path = str(tmp_path / "q.db")
    with SQLiteStore(path) as store:
        store.add([
            _story("dated", "Gunmen attacked a checkpoint near the river crossing at dawn.", "2025-08-21", "CO",
                   "2025-08-20"),
            _story("undated", "A patrol was ambushed on the mountain road, officials said.", None, "CO", None),
            _story("older", "Raiders struck the market of a border town during the night.", "2019-02-01", "PE",
                   "2019-01-31"),
        ])
    return path


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_unknown_event_type_lists_the_valid_ones(db: str) -> None:
    res = _run("events", "--type", "BOMBING", "--db", db)
    assert res.exit_code == 2 and "'BOMBING' is not one of" in res.output and "'ASSAULT'" in res.output
    res = _run("disputes", "--type", "BOMBING", "--db", db)
    assert res.exit_code == 2 and "'ASSAULT'" in res.output


@pytest.mark.parametrize(("cmd", "opt"), [("events", "--since"), ("events", "--until"), ("disputes", "--since")])
def test_bad_dates_say_what_a_date_looks_like(db: str, cmd: str, opt: str) -> None:
    res = _run(cmd, opt, "2019-13-45", "--db", db)
    assert res.exit_code == 2
    assert "'2019-13-45' is not a date" in res.output and "YYYY-MM-DD" in res.output
    assert "Traceback" not in res.output


@pytest.mark.parametrize("country", ["Colombia", "colombia", "CO", "co", "Republic of Colombia"])
def test_country_names_work_like_codes(db: str, country: str) -> None:
    res = _run("events", "--country", country, "--format", "json", "--db", db)
    assert res.exit_code == 0, res.output
    assert res.stdout.count('"article_id"') == 2 and "older" not in res.stdout


def test_places_reads_a_country_name(db: str) -> None:
    res = _run("places", "--country", "Peru", "--db", db)
    assert res.exit_code == 0 and "Town older" in res.output and "Town dated" not in res.output


def test_unknown_country_suggests_names(db: str) -> None:
    res = _run("events", "--country", "Colombai", "--db", db)
    assert res.exit_code == 2 and "did you mean Colombia (CO)" in res.output
    res = _run("events", "--country", "Qqqqq", "--db", db)
    assert res.exit_code == 2 and "English name or its ISO 3166-1 alpha-2 code" in res.output


def test_date_filter_says_how_many_undated_events_it_dropped(db: str) -> None:
    res = _run("events", "--since", "2025-01-01", "--format", "json", "--db", db)
    assert res.exit_code == 0
    assert res.stdout.count('"article_id"') == 1
    assert "1 undated event(s) left out" in res.stderr
    quiet = _run("events", "--country", "CO", "--format", "json", "--db", db)
    assert "undated" not in quiet.stderr


@pytest.mark.parametrize("cmd", ["extract", "ingest"])
def test_an_empty_input_folder_is_an_error(tmp_path, cmd: str) -> None:
    folder = tmp_path / "scrapes"
    folder.mkdir()
    (folder / ".hidden").write_text("not read", encoding="utf-8")
    extra = ["--db", str(tmp_path / "e.db")] if cmd == "ingest" else []
    res = _run(cmd, "--workers", "1", str(folder), *extra)
    assert res.exit_code == 1
    assert "an empty folder" in res.stderr
