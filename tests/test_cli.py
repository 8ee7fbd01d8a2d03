"""The CLI end to end, in process, with the real model (loaded once for the session)."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from stories import story, write_jsonl

pytestmark = pytest.mark.model

SCRAPE = """Farmers in the north of Kenya say the drought has lasted three seasons.
Agnes Wanjiru, who keeps goats near Marsabit, said many animals had died. “We sold what we could,” she said.
Advertisement
1:05
Video: drought in pictures
The county government promised water trucks by Friday.
"""


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("newsgraph").joinpath("schema/article.schema.json").read_text("utf-8"))


@pytest.fixture
def run(nlp):  # the nlp fixture warms the shared model cache
    runner = CliRunner()

    def go(*args: str, input: str | bytes | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return go


def test_extract_gives_schema_valid_json(run, tmp_path, schema):
    p = tmp_path / "scrape.txt"
    p.write_text(SCRAPE, encoding="utf-8")
    res = run("extract", str(p))
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 1
    for r in recs:
        jsonschema.validate(r, schema)
    r = recs[0]
    assert "Advertisement" not in r["text"] and "1:05" not in r["text"]
    assert {"advert", "video"} <= {x["kind"] for x in r["removed"]}
    names = {e["name"] for e in r["entities"]}
    assert "Agnes Wanjiru" in names
    for e in r["entities"]:
        for s, t in e["mentions"]:
            assert r["text"][s:t] in e["name"] or e["name"].endswith(r["text"][s:t])


def test_extract_is_deterministic(run, tmp_path):
    p = tmp_path / "scrape.txt"
    p.write_text(SCRAPE, encoding="utf-8")
    assert run("extract", str(p)).stdout == run("extract", str(p)).stdout


def test_jsonl_input_sets_record_ids(run, tmp_path):
    p = write_jsonl(tmp_path / "in.jsonl", 3)
    res = run("extract", "--from", "jsonl", str(p))
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["source"]["record"] for r in recs] == ["s0", "s1", "s2"]
    assert [r["title"] for r in recs] == ["Debate 0", "Debate 1", "Debate 2"]


def test_bad_inputs_are_reported_and_the_rest_processed(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(story(1), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(story(2).encode("utf-8") + b" caf\xe9 \xff\xfe end.")
    badgz = tmp_path / "cut.txt.gz"
    badgz.write_bytes(gzip.compress(story(3).encode() * 50)[:60])
    res = run("extract", str(good), str(empty), str(binary), str(tmp_path / "missing.txt"), str(latin), str(badgz))
    assert res.exit_code == 1
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 2  # the good file and the one with replaced bytes
    err = res.stderr
    assert "empty.txt: empty input" in err
    assert "binary.txt: binary content" in err
    assert "missing.txt: no such file" in err
    assert "cut.txt.gz: truncated or corrupt gzip" in err
    assert "latin.txt: invalid UTF-8" in err
    assert len([ln for ln in err.splitlines() if ln.startswith("newsgraph: error")]) == 4


def test_usage_error_exit_code(run):
    assert run("extract").exit_code == 2
    assert run("extract", "--from", "pdf", "x").exit_code == 2


def test_ingest_twice_adds_nothing(run, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 12)
    db = str(tmp_path / "n.db")
    r1 = run("ingest", str(src), "--db", db, "--commit-every", "5")
    assert r1.exit_code == 0, r1.output
    s1 = json.loads(run("stats", "--db", db, "--json").stdout)
    r2 = run("ingest", str(src), "--db", db)
    assert r2.exit_code == 0
    s2 = json.loads(run("stats", "--db", db, "--json").stdout)
    assert s1 == s2
    assert s1["articles"] == 12 and s1["entities"] > 0 and s1["mentions"] > 0
    assert "0 new stories, 12 already stored" in r2.stderr


def test_search_show_and_bad_query(run, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 6)
    db = str(tmp_path / "n.db")
    run("ingest", str(src), "--db", db)
    res = run("search", "railway", "--db", db, "--json")
    hits = [json.loads(line) for line in res.stdout.splitlines()]
    assert hits and all("railway" in h["snippet"].lower() for h in hits)
    shown = run("show", hits[0]["id"], "--db", db)
    assert shown.exit_code == 0 and "railway" in shown.stdout
    bad = run("search", '"unclosed', "--db", db)
    assert bad.exit_code == 2 and "Traceback" not in bad.output and "search query" in bad.stderr
    assert run("show", "no-such-id", "--db", db).exit_code == 1


def test_every_command_has_help(run):
    for cmd in ("extract", "ingest", "search", "show", "stats", "export", "quotes", "places", "events", "disputes", "serve"):
        res = run(cmd, "--help")
        assert res.exit_code == 0 and "Usage:" in res.stdout and len(res.stdout) > 200


def test_quotes_places_events_commands(run, tmp_path):
    from newsgraph.store import SQLiteStore
    from records import sample_article

    db = tmp_path / "q.db"
    with SQLiteStore(db) as s:
        s.add([sample_article()])
    res = run("quotes", "--speaker", "lind", "--db", str(db), "--json")
    got = [json.loads(line) for line in res.stdout.splitlines()]
    assert [q["text"] for q in got] == ["It is safe."] and got[0]["speaker"] == "Ana Lind"
    assert run("quotes", "--speaker", "nobody", "--db", str(db), "--json").stdout == ""
    res = run("places", "--db", str(db), "--json")
    assert json.loads(res.stdout.splitlines()[0])["name"] == "Tampere"
    res = run("events", "--type", "agree", "--country", "fi", "--since", "2026-01-01", "--format", "csv", "--db", str(db))
    lines = res.stdout.splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,disorder_type,event_type") and len(lines) == 2
    res = run("events", "--since", "2027-01-01", "--format", "csv", "--db", str(db))
    assert len(res.stdout.splitlines()) == 1
