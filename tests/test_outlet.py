"""The outlet a scrape was published by: given on the command line or in a sidecar, kept in the record, the
store and the exports (issue 22's `--source`)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.model import Article, Source
from newsgraph.store.sqlite import SQLiteStore

TEXT = ("Workers at the harbour in Eastport walked out on Tuesday over unpaid wages, the union said.\n\n"
        "The strike closed two of the port's three berths, according to the harbour master.\n")


def test_outlet_round_trips_through_the_record():
    a = Article(id="x", source=Source("f.txt", outlet="Harbour Gazette"), text="t")
    assert a.to_dict()["source"]["outlet"] == "Harbour Gazette"
    assert Article.from_dict(a.to_dict()).source.outlet == "Harbour Gazette"
    assert "outlet" not in Article(id="y", source=Source("f.txt"), text="t").to_dict()["source"]


def test_source_option_and_sidecar_reach_the_store(tmp_path):
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(TEXT)
    two.write_text(TEXT.replace("Eastport", "Westhaven"))
    (tmp_path / "two.txt.json").write_text(json.dumps({"source": "Coast Radio"}))
    db = tmp_path / "s.db"
    res = CliRunner().invoke(main, ["ingest", str(one), str(two), "--source", "Harbour Gazette",
                                    "--published", "2025-03-04", "--workers", "1", "--db", str(db)])
    assert res.exit_code == 0, res.output
    with SQLiteStore(str(db)) as store:
        outlets = {a.source.uri.rsplit("/", 1)[-1]: a.source.outlet for a in store.iter_articles()}
        rows = store.query("SELECT outlet FROM article_sources ORDER BY uri")
    assert outlets == {"one.txt": "Harbour Gazette", "two.txt": "Coast Radio"}  # the sidecar wins for its file
    assert [r[0] for r in rows] == ["Harbour Gazette", "Coast Radio"]
