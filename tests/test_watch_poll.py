"""Polling sources into pending items (newsgraph/watch/poll.py), without the model: feeds, sitemap indexes,
lists and folders against a loopback server and a temporary folder."""

from __future__ import annotations

import gzip
import os
import time

import pytest

from newsgraph.store import SQLiteStore
from newsgraph.store.watch_state import WatchState
from newsgraph.watch.fetch import Fetcher, FetchOptions, Response
from newsgraph.watch.poll import detect_kind, poll_all
from newsgraph.watch.sources import gather
from watch_support import Route, Server, loopback_only


@pytest.fixture
def env(tmp_path):
    with loopback_only() as g, Server() as s, SQLiteStore(tmp_path / "p.db") as store:
        s.routes["/robots.txt"] = Route(b"", status=404)
        yield s, WatchState(store), Fetcher(FetchOptions(delay=0))
    assert g.refused == []


def pending(state: WatchState) -> list[str]:
    return [i.key for i in state.items(["pending"])]


def urlset(*locs: tuple[str, str | None]) -> bytes:
    body = "".join(f"<url><loc>{u}</loc>{f'<lastmod>{d}</lastmod>' if d else ''}</url>" for u, d in locs)
    return f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{body}</urlset>".encode()


def test_a_sitemap_index_with_a_gzipped_child(env):
    s, state, f = env
    s.routes["/sitemap.xml"] = Route(
        (f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
         f"<sitemap><loc>{s.url('/s1.xml.gz')}</loc></sitemap></sitemapindex>").encode(), ctype="application/xml",
        etag='"i1"')
    s.routes["/s1.xml.gz"] = Route(gzip.compress(urlset((s.url("/a"), "2025-03-01"), (s.url("/b"), None))),
                                   ctype="application/gzip", etag='"c1"')
    sources = gather([s.url("/sitemap.xml")])
    rep = poll_all(f, state, sources)
    assert (rep.polled, rep.new_items, rep.errors) == (1, 2, [])
    assert pending(state) == [s.url("/a"), s.url("/b")]
    assert state.item(s.url("/s1.xml.gz")).kind == "sitemap"
    for key in pending(state):
        state.finish(key, "done", stories=1)
    n = len(s.hits)
    assert poll_all(f, state, sources).new_items == 0  # the index and its child answer 304
    assert [(h.path, h.headers.get("if-none-match")) for h in s.hits[n:]] == [("/sitemap.xml", '"i1"'),
                                                                               ("/s1.xml.gz", '"c1"')]
    # the child changes (/a has a newer date, /c is new) while the index stays as it was
    s.routes["/s1.xml.gz"] = Route(gzip.compress(urlset((s.url("/a"), "2025-03-02"), (s.url("/c"), None))),
                                   ctype="application/gzip", etag='"c2"')
    rep = poll_all(f, state, sources)
    assert rep.new_items == 2 and sorted(pending(state)) == [s.url("/a"), s.url("/c")]


def test_feed_links_are_resolved_and_an_entry_without_one_keeps_its_text(env):
    s, state, f = env
    s.routes["/news/feed.xml"] = Route(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
        b"<item><title>One</title><link>story/1</link><description>First.</description></item>"
        b"<item><title>Two</title><guid isPermaLink='false'>id-2</guid><description>Only here.</description></item>"
        b"<item><title>Three</title><link>/story/3</link></item>"
        b"</channel></rss>", ctype="application/rss+xml")
    rep = poll_all(f, state, gather([s.url("/news/feed.xml")]))
    assert rep.errors == []
    keys = pending(state)
    assert set(keys) == {s.url("/news/story/1"), s.url("/story/3"), s.url("/news/feed.xml") + "#id-2"}
    unlinked = state.item(s.url("/news/feed.xml") + "#id-2").entry_data()
    assert unlinked["unlinked"] and unlinked["text"] == "Only here." and unlinked["title"] == "Two"
    assert state.item(s.url("/news/feed.xml")).kind == "feed"


def test_a_list_of_urls_and_a_page_source(env):
    s, state, f = env
    s.routes["/urls.txt"] = Route(f"# two pages\n{s.url('/p1')}\nnot a url\n{s.url('/p2')}\n".encode(),
                                  ctype="text/plain")
    s.routes["/p3"] = Route(b"<!doctype html><html><body><p>A page.</p></body></html>")
    rep = poll_all(f, state, gather([s.url("/urls.txt"), s.url("/p3")]))
    assert rep.errors == [] and sorted(pending(state)) == [s.url("/p1"), s.url("/p2"), s.url("/p3")]
    assert s.url("/p3") in rep.prefetched  # recognised from its first fetch: not fetched twice
    assert state.item(s.url("/p3")).kind == "url"


def test_a_folder_waits_for_files_to_settle_and_rereads_changed_bytes(env, tmp_path):
    _, state, f = env
    drop = tmp_path / "drop"
    drop.mkdir()
    old = drop / "a.txt"
    old.write_text("First story.\n", encoding="utf-8")
    os.utime(old, (time.time() - 60, time.time() - 60))
    (drop / "b.txt").write_text("Being written.\n", encoding="utf-8")  # now: not settled
    (drop / "c.html.part").write_text("<html>", encoding="utf-8")
    (drop / ".hidden").write_text("x", encoding="utf-8")
    sources = gather([str(drop)])
    assert poll_all(f, state, sources, settle=5).new_items == 1
    assert pending(state) == [str(old)]
    state.finish(str(old), "done", content_hash=_hash(old), stories=1)
    os.utime(old, (time.time() - 30, time.time() - 30))  # touched, same bytes
    assert poll_all(f, state, sources, settle=5).new_items == 0 and state.item(str(old)).status == "done"
    old.write_text("A changed story.\n", encoding="utf-8")
    os.utime(old, (time.time() - 20, time.time() - 20))
    assert poll_all(f, state, sources, settle=5).new_items == 1 and state.item(str(old)).status == "pending"


def _hash(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("body", "ctype", "kind"), [
    (b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "text/xml", "feed"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "application/xml", "feed"),
    (b"<?xml version='1.0'?><urlset></urlset>", "application/xml", "sitemap"),
    (b"https://a.example/1\nhttps://a.example/2\n", "text/plain", "list"),
    (b"<!doctype html><html><body>hi</body></html>", "text/html", "page"),
    (b"Just some prose, no links.", "text/plain", "page"),
])
def test_kinds_are_recognised_from_the_content(body, ctype, kind):
    assert detect_kind(Response("http://x/y", 200, body, {"content-type": ctype}), body) == kind


def test_a_source_that_does_not_answer_is_an_error_and_the_others_go_on(env):
    s, state, _ = env
    s.routes["/urls.txt"] = Route(f"{s.url('/p1')}\n".encode(), ctype="text/plain")
    rep = poll_all(Fetcher(FetchOptions(delay=0, retries=0)), state, gather([s.url("/gone.xml"), s.url("/urls.txt")]))
    assert len(rep.errors) == 1 and "404" in rep.errors[0] and pending(state) == [s.url("/p1")]
