"""`newsgraph watch` end to end on loopback: feeds that change between polls, pages that fail, sitemaps, lists,
folders, a webhook, a SIGKILL mid-poll. Nothing may reach any address but the loopback server."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from watch_support import GUARDED_CLI, STORIES, Route, Server, loopback_only, page, rss

pytestmark = pytest.mark.model
TESTS = str(Path(__file__).parent)

RULES = """
[[rule]]
name = "bombings in Colombia"
type = "ASSAULT"
country = "Colombia"
killed = ">= 5"

[[rule]]
name = "floods"
words = ["flood", "flooding"]
country = "Japan"

[output]
webhook = "{hook}"
"""


@pytest.fixture
def guard():
    with loopback_only() as g:
        yield g
    assert g.refused == [], f"requests left the loopback interface: {g.refused}"


@pytest.fixture
def site(guard):
    with Server() as s:
        s.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /admin\n", ctype="text/plain")
        yield s


def publish(s: Server, keys: list[str], path: str = "/feed", etag: str | None = None) -> None:
    """The feed lists these stories, newest first; each has its page at /news/KEY."""
    items = []
    for k in keys:
        s.routes.setdefault(f"/news/{k}", Route(page(*STORIES[k.split("@")[0]])))
        items.append((STORIES[k.split("@")[0]][0], s.url(f"/news/{k}"), STORIES[k.split("@")[0]][1][:120]))
    s.routes[path] = Route(rss(items), ctype="application/rss+xml", etag=etag)


def watch(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["watch", "--once", "--delay", "0", *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(db)) as c:
        return c.execute(sql).fetchone()[0]


def stored_now(db: Path) -> int:
    """Stories committed so far by a watch running in another process (0 before its tables exist)."""
    try:
        return count(db, "SELECT count(*) FROM articles") if db.exists() else 0
    except sqlite3.OperationalError:
        return 0


def test_a_feed_of_three_then_a_new_item_and_copies(site, tmp_path):
    db, rules = tmp_path / "news.db", tmp_path / "rules.toml"
    rules.write_text(RULES.format(hook=site.url("/hook")), encoding="utf-8")
    publish(site, ["bogota", "kenya", "budget"], etag='"v1"')
    code, out, err = watch(site.url("/feed"), "--db", str(db), "--rules", str(rules))
    assert code == 0, err
    assert count(db, "SELECT count(*) FROM articles") == 3
    assert "1 sources polled, 3 new items, 3 read, 3 new stories (0 already stored), 1 alerts fired, 0 updated, 0 errors" in err
    assert len([ln for ln in err.splitlines() if ln.startswith("watch: cycle")]) == 1
    assert out == ""  # the rules file sends alerts to the webhook only
    [hook] = site.posts
    assert hook.headers["content-type"].startswith("application/json")
    assert hook.headers["user-agent"].startswith("newsgraph/")
    alert = json.loads(hook.body)
    assert (alert["kind"], alert["rule"], alert["incident"]["country"]) == ("new", "bombings in Colombia", "CO")
    assert alert["incident"]["killed"] == 7 and alert["story"]["url"] == site.url("/news/bogota")
    assert alert["event"]["type"] == "ASSAULT" and "car bomb" in alert["event"]["evidence"]

    # The feed adds a story and lists the Bogotá story again at another address (a mirror of the same page).
    site.routes["/news/bogota@mirror"] = Route(page(*STORIES["bogota"]))
    publish(site, ["quake", "bogota@mirror", "bogota", "kenya", "budget"], etag='"v2"')
    before = len(site.hits)
    code, out, err = watch(site.url("/feed"), "--db", str(db), "--rules", str(rules))
    assert code == 0, err
    assert "2 new items, 2 read, 1 new stories (1 already stored), 0 alerts fired" in err
    assert count(db, "SELECT count(*) FROM articles") == 4
    fetched = [h.path for h in site.hits[before:]]
    assert sorted(p for p in fetched if p.startswith("/news/")) == ["/news/bogota@mirror", "/news/quake"]
    assert len(site.posts) == 1  # nothing fired for the copy

    # A syndicated copy with its own headline and sign-off: stored, marked a copy, joins the alert silently.
    publish(site, ["bogota_copy", "quake", "bogota@mirror", "bogota", "kenya", "budget"], etag='"v3"')
    code, out, err = watch(site.url("/feed"), "--db", str(db), "--rules", str(rules))
    assert code == 0 and "1 new stories" in err and "0 alerts fired" in err
    assert count(db, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") == 1
    assert len(site.posts) == 1
    # Unchanged feed: a conditional request, a 304, nothing else fetched.
    before = len(site.hits)
    code, out, err = watch(site.url("/feed"), "--db", str(db), "--rules", str(rules))
    assert code == 0 and "0 new items" in err
    feed_hit = next(h for h in site.hits[before:] if h.path == "/feed")
    assert feed_hit.headers["if-none-match"] == '"v3"'
    assert [h.path for h in site.hits[before:] if h.path.startswith("/news/")] == []
    r = CliRunner().invoke(main, ["alerts", "--db", str(db), "--json"])
    [listed] = [json.loads(x) for x in r.stdout.splitlines()]
    assert (listed["rule"], listed["stories"], listed["fires"], listed["killed"]) == ("bombings in Colombia", 2, 1, 7)


def test_pages_that_fail_and_a_malformed_feed(guard, tmp_path):
    db = tmp_path / "news.db"
    with Server() as s, Server() as slow:
        for srv in (s, slow):
            srv.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /admin\n", ctype="text/plain")
        s.routes["/news/kenya"] = Route(page(*STORIES["kenya"]))
        s.routes["/news/budget"] = Route(b"oops", status=500)
        s.routes["/news/quake"] = Route(b"<html><body>" + b"<p>x</p>" * 200_000 + b"</body></html>")  # 1.6 MB
        slow.routes["/news/bogota"] = Route(page(*STORIES["bogota"]), delay=3)
        items = [(STORIES["kenya"][0], s.url("/news/kenya"), STORIES["kenya"][1]),
                 (STORIES["budget"][0], s.url("/news/budget"), STORIES["budget"][1]),
                 (STORIES["quake"][0], s.url("/news/quake"), STORIES["quake"][1]),
                 (STORIES["quake"][0] + " (gone)", s.url("/news/missing"), ""),
                 (STORIES["bogota"][0], slow.url("/news/bogota"), STORIES["bogota"][1]),
                 ("Private", s.url("/admin/x"), "")]
        s.routes["/feed"] = Route(rss(items), ctype="application/rss+xml")
        s.routes["/bad.xml"] = Route(b"<?xml version='1.0'?><rss><channel><item><title>x</tit", ctype="application/rss+xml")
        args = [s.url("/feed"), s.url("/bad.xml"), "--db", str(db), "--timeout", "0.5", "--retries", "0",
                "--max-size", "1"]
        t0 = time.monotonic()
        code, _, err = watch(*args)
        assert code == 1 and time.monotonic() - t0 < 30
        with closing(sqlite3.connect(db)) as c:
            rows = dict(c.execute("SELECT key, status FROM watch_items").fetchall())
        assert rows[s.url("/news/kenya")] == "done"
        assert rows[s.url("/news/budget")] == "retry"  # 500: asked again at the next poll
        assert rows[slow.url("/news/bogota")] == "retry"  # timed out
        assert rows[s.url("/news/quake")] == "done"  # too big: the feed's own text stood in
        assert rows[s.url("/news/missing")] == "failed"  # 404 and the feed gave no text
        assert rows[s.url("/admin/x")] == "failed"  # robots.txt
        assert "/admin/x" not in s.paths()
        assert count(db, "SELECT count(*) FROM articles") == 2  # kenya, and quake from the feed's summary
        # 500 and timeout (retried), too big (feed text used), 404 and robots.txt (failed), the malformed feed
        assert "6 errors" in err, err
        # The next poll: the server is fixed, the slow host is quick again; only the waiting items are asked.
        s.routes["/news/budget"] = Route(page(*STORIES["budget"]))
        slow.routes["/news/bogota"] = Route(page(*STORIES["bogota"]))
        before = len(s.hits)
        code, _out, err = watch(s.url("/feed"), "--db", str(db))
        assert code == 0, err
        assert sorted(h.path for h in s.hits[before:] if h.path.startswith("/news/")) == ["/news/budget"]
        assert count(db, "SELECT count(*) FROM articles") == 4


def test_sitemaps_lists_and_a_folder(site, tmp_path):
    db, drop = tmp_path / "news.db", tmp_path / "drop"
    drop.mkdir()
    for k in ("kenya", "budget", "quake"):
        site.routes[f"/news/{k}"] = Route(page(*STORIES[k]))
    site.routes["/sitemap.xml"] = Route(
        ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
         f"<url><loc>{site.url('/news/kenya')}</loc><lastmod>2025-03-04</lastmod></url>"
         f"<url><loc>{site.url('/news/budget')}</loc></url></urlset>").encode(), ctype="application/xml")
    site.routes["/urls.txt"] = Route(f"# today\n{site.url('/news/quake')}\n".encode(), ctype="text/plain")
    (drop / "bogota.txt").write_text(STORIES["bogota"][0] + "\n\n" + STORIES["bogota"][1], encoding="utf-8")
    (drop / "half.html.part").write_text("<html>still being written", encoding="utf-8")
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{site.url('/sitemap.xml')} name=site\n{site.url('/urls.txt')}\n{drop} name=scraper lang=en\n",
                       encoding="utf-8")
    code, _, err = watch("--sources", str(sources), "--db", str(db), "--settle", "0")
    assert code == 0, err
    assert "3 sources polled, 4 new items, 4 read, 4 new stories" in err
    with closing(sqlite3.connect(db)) as c:
        kinds = dict(c.execute("SELECT key, kind FROM watch_items").fetchall())
    assert kinds[site.url("/sitemap.xml")] == "sitemap" and kinds[site.url("/urls.txt")] == "list"
    (drop / "kenya.html").write_bytes(page(*STORIES["kenya"]))  # the scraper drops a page the sitemap had
    (drop / "bogota.txt").write_text(STORIES["bogota"][0] + "\n\n" + STORIES["bogota"][1], encoding="utf-8")  # same bytes
    code, _out, err = watch("--sources", str(sources), "--db", str(db), "--settle", "0")
    assert code == 0, err
    assert "1 new items, 1 read, 0 new stories (1 already stored)" in err


def test_postgres_store(guard, tmp_path):
    from newsgraph.watch import Extractor, Fetcher, FetchOptions, WatchConfig, Watcher, gather
    from newsgraph.watch.rules import parse_rules
    from newsgraph.watch.sinks import FileSink
    from pg import pg_store

    with Server() as s, pg_store() as store:
        s.routes["/robots.txt"] = Route(b"", status=404)
        publish(s, ["bogota", "kenya", "budget"])
        rules, _ = parse_rules({"rule": [{"name": "bombs", "type": "ASSAULT", "killed": 5}]})
        out = tmp_path / "alerts.jsonl"
        config = WatchConfig(gather([s.url("/feed")]), rules, [FileSink(str(out))])
        w = Watcher(store, config, Extractor(), Fetcher(FetchOptions(delay=0)))
        first = w.cycle()
        assert (first.added, first.fired, first.errors) == (3, 1, [])
        second = w.cycle()
        assert (second.new_items, second.added, second.fired) == (0, 0, 0)
        assert len(out.read_text().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("kill_when", ["pages", "stories"])
def test_a_sigkill_mid_poll_loses_and_repeats_nothing(site, tmp_path, kill_when):
    db, rules = tmp_path / "news.db", tmp_path / "rules.toml"
    rules.write_text(RULES.format(hook=site.url("/hook")), encoding="utf-8")
    keys = ["bogota", "kenya", "budget", "quake", "bogota@mirror", "bogota_copy"]
    publish(site, keys)
    for k in keys:
        site.routes[f"/news/{k}"].delay = 0.3
    cmd = [sys.executable, "-c", GUARDED_CLI, TESTS, "watch", site.url("/feed"), "--db", str(db), "--rules", str(rules),
           "--delay", "0", "--chunk", "2", "--every", "1h"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline, ready = time.monotonic() + 90, False
        while not ready and time.monotonic() < deadline:
            pages = sum(1 for p in site.paths() if p.startswith("/news/"))
            if kill_when == "pages":
                ready = pages >= 3  # fetching the second chunk: the first may be stored, the rest not
            else:
                ready = stored_now(db) >= 1 and pages < len(keys)  # some stories committed, some pages not yet fetched
            time.sleep(0 if ready else 0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert ready and proc.returncode == -signal.SIGKILL
    with closing(sqlite3.connect(db)) as c:
        done_before = {k for (k,) in c.execute("SELECT key FROM watch_items WHERE status = 'done' AND kind = 'entry'")}
    assert len(done_before) < len(keys)  # killed mid-poll
    before = len(site.hits)
    r = subprocess.run([*cmd[:-2], "--once"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "NETGUARD" not in r.stderr, r.stderr
    refetched = {site.url(h.path) for h in site.hits[before:] if h.path.startswith("/news/")}
    assert not refetched & done_before  # what was done is not fetched again
    with closing(sqlite3.connect(db)) as c:
        statuses = c.execute("SELECT status, count(*) FROM watch_items WHERE kind = 'entry' GROUP BY status").fetchall()
        assert statuses == [("done", len(keys))]
        # bogota@mirror is bogota's page again (one story, two sources); bogota_copy is a marked copy
        assert c.execute("SELECT count(*), count(duplicate_of) FROM articles").fetchone() == (5, 1)
        assert c.execute("SELECT count(*) FROM article_sources").fetchone()[0] == 6
        assert c.execute("SELECT count(*), sum(fires) FROM watch_alerts").fetchone() == (1, 1)
        assert c.execute("SELECT count(*) FROM watch_deliveries WHERE done = 0").fetchone()[0] == 0
    assert len(site.posts) == 1 and json.loads(site.posts[0].body)["rule"] == "bombings in Colombia"


@pytest.mark.slow
def test_sigterm_between_polls_stops_the_loop_cleanly(site, tmp_path):
    publish(site, ["kenya"])
    cmd = [sys.executable, "-c", GUARDED_CLI, TESTS, "watch", site.url("/feed"), "--db", str(tmp_path / "n.db"),
           "--delay", "0", "--every", "1h"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()  # the loop sleeps after printing its line
        assert first.startswith("watch: cycle 1 at ") and "1 new stories" in first
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert "NETGUARD" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
