"""Issue 22, item 7: metadata for scrapes. --published and --url for every story of the inputs, a sidecar
(file.txt.json) per file, a "Published ..." line read from the text, and the page URL in every export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.export import export
from newsgraph.model import Article
from newsgraph.sources import Meta, expand_paths, read

SCRAPE = """Flood waters cut the valley road

Heavy rain on Tuesday flooded the valley road near Riverton, the county roads office said.
Crews closed two bridges and the mayor of Riverton asked drivers to stay at home.
The water is expected to fall by Thursday, the office added.

Council approves new library

The town council of Harbourside voted on Monday to build a new public library by the harbour.
The mayor said the building would open next spring and cost about two million dollars.
"""

DATELINED = """Ferry service resumes after storm

Published 3 March 2024

The island ferry resumed its crossings on Sunday after a storm kept boats in port for two days.
Harbour officials said the first boat left at dawn with forty passengers on board.
"""


def _extract(*args: str) -> list[dict]:
    res = CliRunner().invoke(main, ["extract", "--workers", "1", *args])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


@pytest.fixture()
def scrape(tmp_path: Path) -> Path:
    p = tmp_path / "scrape.txt"
    p.write_text(SCRAPE, encoding="utf-8")
    return p


def test_published_and_url_apply_to_every_story(nlp, scrape: Path) -> None:
    recs = _extract("--published", "2025-08-21", "--url", "https://news.example/floods", str(scrape))
    assert recs
    assert {r["published"] for r in recs} == {"2025-08-21"}
    assert {r["source"]["url"] for r in recs} == {"https://news.example/floods"}


def test_without_options_a_scrape_has_no_date(nlp, scrape: Path) -> None:
    assert {r["published"] for r in _extract(str(scrape))} == {None}


@pytest.mark.parametrize(("opt", "value", "said"), [("--published", "2025-13-01", "is not a date"),
                                                     ("--url", "news.example/x", "is not a web address")])
def test_bad_metadata_is_a_usage_error(scrape: Path, opt: str, value: str, said: str) -> None:
    res = CliRunner().invoke(main, ["extract", opt, value, str(scrape)])
    assert res.exit_code == 2 and said in res.output


def test_sidecar_gives_one_file_its_metadata(nlp, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DATELINED.replace("Published 3 March 2024\n\n", ""), encoding="utf-8")
    (folder / "a.txt.json").write_text(json.dumps({"published": "2024-03-04", "url": "https://isle.example/ferry",
                                                    "title": "Ferry back"}), encoding="utf-8")
    (folder / "b.txt").write_text(SCRAPE, encoding="utf-8")
    assert [Path(p).name for p in expand_paths([str(folder)])] == ["a.txt", "b.txt"]  # the sidecar is no input
    recs = _extract("--published", "2025-01-01", str(folder))
    by_url = {r["source"].get("url"): r for r in recs}
    ferry = by_url["https://isle.example/ferry"]
    assert ferry["published"] == "2024-03-04" and ferry["title"] == "Ferry back"  # the sidecar wins
    others = [r for r in recs if r is not ferry]
    assert others and {r["published"] for r in others} == {"2025-01-01"}


def test_a_broken_sidecar_rejects_its_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SCRAPE, encoding="utf-8")
    (tmp_path / "a.txt.json").write_text('{"published": 2024}', encoding="utf-8")
    [item] = list(read([str(tmp_path / "a.txt")]))
    assert "metadata file" in item.reason and "published" in item.reason


def test_meta_over_keeps_the_sidecar_first() -> None:
    got = Meta(published="2024-01-02").over(Meta(published="2025-01-01", url="https://x.example/"))
    assert got == Meta(published="2024-01-02", url="https://x.example/")


def test_a_published_line_in_the_text_is_read(nlp, tmp_path: Path) -> None:
    p = tmp_path / "ferry.txt"
    p.write_text(DATELINED, encoding="utf-8")
    [rec] = _extract(str(p))
    assert rec["published"] == "2024-03-03"


def test_ingest_with_published_makes_events_datable(nlp, tmp_path: Path) -> None:
    p = tmp_path / "attack.txt"
    p.write_text("Gunmen attacked a police station in the town of Riverton on Monday, killing three officers, "
                 "the regional governor said.\nThe attack was the third this month, officials said.\n",
                 encoding="utf-8")
    db = str(tmp_path / "n.db")
    res = CliRunner().invoke(main, ["ingest", "-q", "--workers", "1", "--published", "2025-08-21", str(p), "--db", db])
    assert res.exit_code == 0, res.output
    got = CliRunner().invoke(main, ["events", "--since", "2025-01-01", "--format", "json", "--db", db])
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert rows and all(r["event_date"] >= "2025-01-01" for r in rows)
    assert {r["source_url"] for r in rows} == {str(p)}


def _article(url: str | None) -> Article:
    from records import sample_article

    a = sample_article()
    a.source.url = url
    return a


@pytest.mark.parametrize("url", ["https://news.example/bridge", None])
def test_exports_keep_the_page_url(tmp_path: Path, url: str | None) -> None:
    a = _article(url)
    want = url or a.source.uri
    export([a], "gkg", str(tmp_path / "g.csv"))
    row = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[-1].split("\t")
    assert row[4] == want
    export([a], "csv", str(tmp_path / "tables"))
    with open(tmp_path / "tables" / "stories.csv", encoding="utf-8") as f:
        [story] = list(csv.DictReader(f))
    assert story["source_url"] == want
    export([a], "events", str(tmp_path / "e.csv"))
    with open(tmp_path / "e.csv", encoding="utf-8") as f:
        assert {r["source_url"] for r in csv.DictReader(f)} == {want}
    export([a], "jsonl", str(tmp_path / "r.jsonl"))
    rec = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    assert rec["source"].get("url") == url
