"""End-to-end: `serve_command` in a subprocess on a free loopback port, driven by real headless Chromium.

Needs Debian's chromium (scripts/install_browser.sh) and the Playwright package; Playwright's own browser
download is never used. Every request that is not to our server is aborted and recorded, so the pages must
work with the network off.
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
httpx = pytest.importorskip("httpx")

from test_web_api import build_web_store  # noqa: E402 - tests/ is on sys.path (conftest.py)

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM") or next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p and
     Path(p).exists()), None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed: run scripts/install_browser.sh"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    db = tmp_path_factory.mktemp("e2e") / "news.db"
    ids = build_web_store(db, disputes=True)
    port = _free_port()
    code = ("import sys; from newsgraph.web.serve import serve_command;"
            " serve_command(sys.argv[1], '127.0.0.1', int(sys.argv[2]))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/overview", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"the server did not start: {out}")
            time.sleep(0.2)
        yield base, ids
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        yield b
        b.close()


@pytest.fixture()
def page(browser: object, server: tuple[str, dict[str, str]]) -> Iterator[object]:
    base, _ = server
    ctx = browser.new_context(viewport={"width": 1200, "height": 1000})
    outside: list[str] = []
    errors: list[str] = []

    def only_ours(route: object) -> None:
        url = route.request.url
        if url.startswith(base + "/") or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    ctx.route("**/*", only_ours)
    pg = ctx.new_page()
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    yield pg
    ctx.close()
    assert outside == [], f"pages reached outside the server: {outside}"
    assert errors == [], f"console errors, CSP violations or dialogs: {errors}"


def test_search_open_story_follow_entity(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    page.goto(base + "/")
    page.fill("header input[name=q]", "harbour")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=harbour*")
    assert page.locator("ol.hits li.hit").count() == 2
    assert page.locator("p.snippet mark").first.inner_text().lower() == "harbour"
    page.click("text=March against port tax")
    page.wait_for_url(f"**/story/{ids['march']}")
    quote = page.locator("#story-text span.quote").first
    assert quote.get_attribute("title") == "Dov Etxeberria (direct)"
    page.locator("#story-text a.ent-PERSON", has_text="Dov Etxeberria").first.click()
    page.wait_for_url(f"**/entity/{ids['dov_store']}")
    assert page.locator("h1").inner_text() == "Dov Etxeberria"
    assert "Mara Quinlan" in page.locator("#co-occurring").inner_text()
    page.click("#co-occurring >> text=Mara Quinlan")
    page.wait_for_url(f"**/entity/{ids['quinlan_store']}")
    assert "Every pump we own" in page.content()


def test_filter_events(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    page.goto(base + "/events")
    assert page.locator("#events-table tr.event-row").count() == 7
    # app.js submits the form when a list changes; without it the Filter button does the same.
    page.select_option("#event-type", "PROTEST")
    page.wait_for_url("**/events?*type=PROTEST*")
    rows = page.locator("#events-table tr.event-row")
    assert rows.count() == 1 and rows.first.get_attribute("data-type") == "PROTEST"
    assert "type=PROTEST" in page.get_attribute("#csv-link", "href")


def test_disputes_lead_to_the_stories(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    page.goto(base + "/")
    page.click("header nav >> text=Disputes")
    page.wait_for_url("**/disputes")
    incident = page.locator("section.incident")
    assert incident.count() == 1
    assert incident.locator("tr.claim").count() == 4  # the original, its two copies and the other source
    assert "at least 17 killed" in incident.inner_text() and "15 killed" in incident.inner_text()
    assert page.evaluate("window.__xss === undefined")
    incident.locator(f'a[href="/story/{ids["depot_toll"]}"]').first.click()
    page.wait_for_url(f"**/story/{ids['depot_toll']}")
    page.click("#story-disputes a")
    page.wait_for_url("**/disputes?incident=*")
    assert page.locator("section.incident").count() == 1


def test_hostile_story_stays_text(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, ids = server
    page.goto(f"{base}/story/{ids['xss']}")
    assert page.evaluate("window.__xss === undefined")
    assert "<script>window.__xss=1</script>" in page.locator("#story-text").inner_text()
    assert page.locator("#story-text script, #story-text img, #story-text svg").count() == 0


_COUNT_PIXELS = """async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width; c.height = img.height;
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let marker = 0, land = 0;
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i], gg = d[i + 1], b = d[i + 2];
    const spread = Math.max(r, gg, b) - Math.min(r, gg, b);
    if (spread > 60) marker++;                       // saturated: a coloured marker
    else if (r < 225 && gg < 230 && b < 225) land++; // grey-green land cells and grid lines
  }
  return {marker, land, total: d.length / 4};
}"""


def _map_pixels(page: object, url: str) -> dict[str, int]:
    page.goto(url)
    png = page.locator("#map svg").screenshot()
    src = "data:image/png;base64," + base64.b64encode(png).decode()
    page.goto("about:blank")
    return page.evaluate(_COUNT_PIXELS, src)


def test_map_draws_land_and_markers(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    full = _map_pixels(page, base + "/events")
    empty = _map_pixels(page, base + "/events?type=NO_SUCH_TYPE")
    assert full["land"] > 0.05 * full["total"], full  # the outline drew
    assert full["marker"] > 40, full  # at least two markers of radius >= 3
    assert empty["marker"] < 5, empty  # and those pixels were the markers, not the background
    home = _map_pixels(page, base + "/")
    assert home["marker"] > 40, home


def test_dragging_across_the_timeline_filters_by_date(page: object, server: tuple[str, dict[str, str]]) -> None:
    base, _ = server
    page.goto(base + "/timeline")
    bars = page.locator("#timeline-svg rect.bar")
    if bars.count() < 2:
        pytest.skip("the test store's events fall in one bin: nothing to drag across")
    first, last = bars.first.bounding_box(), bars.last.bounding_box()
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] - 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] - 1, last["y"] + last["height"] - 2, steps=8)
    page.mouse.up()
    page.wait_for_url("**/timeline?*date_from=*")
    url = page.url
    assert f"date_from={bars.first.get_attribute('data-from')}" in url
    assert f"date_to={bars.last.get_attribute('data-to')}" in url
