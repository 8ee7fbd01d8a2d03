"""Settings from the environment (config.py) and `newsgraph config`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsgraph import config
from newsgraph.cli import main
from newsgraph.config import Config


def test_defaults_follow_xdg_then_home():
    assert Config.from_env({"XDG_CACHE_HOME": "/x"}).cache_dir == Path("/x/newsgraph")
    c = Config.from_env({})
    assert c.cache_dir.name == "newsgraph" and c.cache_dir.parent.name == ".cache"
    assert c.gazetteer is None and c.events_model is None and c.sources == ()


def test_variables_win_and_empty_ones_count_as_unset():
    c = Config.from_env({"NEWSGRAPH_CACHE": "/c", "XDG_CACHE_HOME": "/x", "NEWSGRAPH_GAZETTEER": "/g.sqlite",
                         "NEWSGRAPH_EVENTS_MODEL": ""})
    assert (c.cache_dir, c.gazetteer, c.events_model) == (Path("/c"), Path("/g.sqlite"), None)
    rows = {name: (value, came) for name, value, came in c.describe()}
    assert rows["cache_dir"] == ("/c", "$NEWSGRAPH_CACHE")
    assert rows["gazetteer"] == ("/g.sqlite", "$NEWSGRAPH_GAZETTEER")
    assert rows["events_model"][0] == "" and "shipped" in rows["events_model"][1]


def test_config_command_prints_what_the_process_read(monkeypatch):
    monkeypatch.setattr(config, "_settings", Config.from_env({"NEWSGRAPH_CACHE": "/somewhere"}))
    out = CliRunner().invoke(main, ["config"])
    assert out.exit_code == 0 and "/somewhere" in out.output and "$NEWSGRAPH_CACHE" in out.output
    got = json.loads(CliRunner().invoke(main, ["config", "--json"]).output)
    assert got == {"cache_dir": "/somewhere", "gazetteer": None, "events_model": None}
