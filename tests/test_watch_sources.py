"""`newsgraph watch` configuration: sources files, intervals, alert rules and sinks (no network, no model)."""

from __future__ import annotations

import json
import sys

import pytest

from newsgraph.watch.rules import RuleError, load_rules, parse_rules
from newsgraph.watch.sinks import CommandSink, FileSink, SinkError, StdoutSink, WebhookSink, make_sinks
from newsgraph.watch.sources import SourceError, gather, parse_every, parse_line, read_sources_file


def test_a_sources_file_gives_locations_names_languages_and_kinds(tmp_path):
    folder = tmp_path / "drops"
    folder.mkdir()
    f = tmp_path / "sources.txt"
    f.write_text("# the wires\n"
                 "https://example.org/rss.xml  name=\"Example News\" lang=en\n"
                 "\n"
                 f"{folder}   name=scraper lang=pt-BR   # a comment after\n"
                 "https://example.org/sitemap.xml kind=sitemap\n", encoding="utf-8")
    got = read_sources_file(f)
    assert [(s.location, s.kind, s.name, s.language) for s in got] == [
        ("https://example.org/rss.xml", None, "Example News", "en"),
        (str(folder.resolve()), "folder", "scraper", "pt-BR"),
        ("https://example.org/sitemap.xml", "sitemap", "example.org", None),
    ]


@pytest.mark.parametrize(("line", "why"), [
    ("https://x.org/a colour=red", "not an option"),
    ("https://x.org/a kind=magazine", "unknown kind"),
    ("https://x.org/a lang=English", "not a code"),
    ("ftp://x.org/feed", "only http and https"),
    ("/no/such/folder/here", "no such folder"),
    ("https://x.org/a kind=folder", "needs a local folder"),
    ('https://x.org/a name="unclosed', "No closing quotation"),
])
def test_bad_source_lines_say_where_and_why(line, why):
    with pytest.raises(SourceError, match=why) as e:
        parse_line(line, "sources.txt:7")
    assert "sources.txt:7" in str(e.value)


def test_sources_from_arguments_and_file_are_merged_once(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("https://a.example/feed name=A\nhttps://b.example/feed\n", encoding="utf-8")
    got = gather(["https://a.example/feed"], str(f))
    assert [s.location for s in got] == ["https://a.example/feed", "https://b.example/feed"]
    assert got[0].name == "a.example"  # the first mention wins
    with pytest.raises(SourceError, match="nothing to watch"):
        gather([], None)


def test_a_local_file_is_a_list_of_urls(tmp_path):
    f = tmp_path / "urls.txt"
    f.write_text("https://a.example/1\n", encoding="utf-8")
    assert parse_line(str(f), "arg").kind == "list"
    with pytest.raises(SourceError, match="list of URLs"):
        parse_line(f"{f} kind=feed", "arg")


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("2h", 7200), ("1h30m", 5400),
                                               ("1d", 86400), ("5", 300), ("0.5m", 30)])
def test_intervals(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15x", "0s", "15m later"])
def test_bad_intervals(text):
    with pytest.raises(SourceError):
        parse_every(text)


RULES = """
[[rule]]
name = "bombings in Colombia"
type = "assault"
sub_type = ["Remote explosive/landmine/IED", "Suicide bomb"]
country = ["Colombia", "ve"]
killed = ">= 5"

[[rule]]
name = "near Kyiv"
near = { place = "Kyiv", km = 50 }
injured = 10

[[rule]]
name = "Lavrov speaks"
speaker = "Lavrov"
words = ["grain deal", "Black Sea"]

[output]
file = "alerts.jsonl"
"""


def test_rules_are_read_with_countries_as_codes_and_places_as_points(tmp_path):
    f = tmp_path / "rules.toml"
    f.write_text(RULES, encoding="utf-8")
    rules, output = load_rules(f)
    bomb, kyiv, lavrov = rules
    assert bomb.types == ("ASSAULT",) and bomb.countries == ("CO", "VE")
    assert bomb.sub_types == ("remote explosive/landmine/ied", "suicide bomb")
    assert str(bomb.killed) == ">= 5" and bomb.killed.holds(5) and not bomb.killed.holds(4)
    assert not bomb.killed.holds(None)  # no figure is not a figure of at least five
    assert kyiv.near is not None and abs(kyiv.near.lat - 50.45) < 0.2 and kyiv.near.km == 50
    assert str(kyiv.injured) == ">= 10"
    assert lavrov.speakers == ("lavrov",) and not lavrov.about_events and bomb.about_events
    assert output == {"file": "alerts.jsonl"}


@pytest.mark.parametrize(("toml", "why"), [
    ('[[rule]]\nname = "x"\ntype = "BOMBING"', "unknown event type"),
    ('[[rule]]\nname = "x"\nsub_type = "Bombing"', "unknown sub_type"),
    ('[[rule]]\nname = "x"\ncountry = "Atlantis"', "unknown country"),
    ('[[rule]]\nname = "x"\nkilled = "many"', "killed takes a number"),
    ('[[rule]]\nname = "x"\nnear = { place = "Kyiv" }', "near takes"),
    ('[[rule]]\nname = "x"\nnear = { lat = 95, lon = 0, km = 5 }', "lat"),
    ('[[rule]]\nname = "x"\nnear = { place = "Qwxzzyvillestan", km = 5 }', "no place called"),
    ('[[rule]]\nname = "x"\nkiled = 5', "unknown key"),
    ('[[rule]]\nname = "x"', "at least one condition"),
    ('[[rule]]\ntype = "ASSAULT"', "needs a name"),
    ('[[rule]]\nname = "x"\nwords = "a"\n[[rule]]\nname = "x"\nwords = "b"', "must differ"),
    ('[rules]\nname = "x"', "unknown table"),
    ('[output]\nemail = "me@example.org"', "unknown key"),
    ('[[rule]]\nname = "x"\nmin_confidence = 2', "from 0 to 1"),
])
def test_bad_rules_are_refused_with_the_reason(toml, why):
    import tomllib

    with pytest.raises(RuleError, match=why):
        parse_rules(tomllib.loads(toml), "rules.toml")


def test_a_rules_file_that_is_not_toml(tmp_path):
    f = tmp_path / "r.toml"
    f.write_text("[[rule]\nname=", encoding="utf-8")
    with pytest.raises(RuleError, match="not valid TOML"):
        load_rules(f)


def test_sinks_from_options_and_output_table(tmp_path):
    sinks = make_sinks(stdout=True, files=[str(tmp_path / "a.jsonl")], webhooks=["http://127.0.0.1:9/hook"],
                       commands=["cat"], output={"file": [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]})
    assert [type(s) for s in sinks] == [StdoutSink, FileSink, FileSink, WebhookSink, CommandSink]
    assert len({s.name for s in sinks}) == 5
    with pytest.raises(SinkError, match="http"):
        make_sinks(webhooks=["file:///etc/passwd"])


def test_file_and_command_sinks_deliver_the_json(tmp_path):
    payload = json.dumps({"alert": "a1", "rule": "r", "kind": "new"})
    FileSink(str(tmp_path / "out.jsonl")).send(payload)
    FileSink(str(tmp_path / "out.jsonl")).send(payload)
    assert [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()] == [json.loads(payload)] * 2
    got = tmp_path / "got.json"
    CommandSink(f"{sys.executable} -c \"import sys; open(sys.argv[1], 'w').write(sys.stdin.read())\" {got}").send(payload)
    assert json.loads(got.read_text()) == json.loads(payload)
    with pytest.raises(SinkError, match="exited with 3"):
        CommandSink(f"{sys.executable} -c \"import sys; sys.exit(3)\"").send(payload)


def test_the_command_refuses_bad_configuration_before_fetching(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main

    r = CliRunner().invoke(main, ["watch", "--once", "--db", str(tmp_path / "n.db")])
    assert r.exit_code == 2 and "nothing to watch" in r.stderr
    bad = tmp_path / "rules.toml"
    bad.write_text('[[rule]]\nname = "x"\ntype = "BOMBING"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["watch", "https://example.org/feed", "--once", "--rules", str(bad)])
    assert r.exit_code == 2 and "unknown event type 'BOMBING'" in r.stderr
    r = CliRunner().invoke(main, ["watch", "https://example.org/feed", "--every", "soon"])
    assert r.exit_code == 2 and "cannot read the interval" in r.stderr
    assert not (tmp_path / "n.db").exists()


def test_alerts_of_a_store_where_watch_never_ran(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main
    from newsgraph.store import SQLiteStore

    SQLiteStore(tmp_path / "n.db").close()
    r = CliRunner().invoke(main, ["alerts", "--db", str(tmp_path / "n.db")])
    assert r.exit_code == 0 and r.stdout == "" and "0 alert(s)" in r.stderr
    r = CliRunner().invoke(main, ["alerts", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 1 and "no store" in r.stderr
