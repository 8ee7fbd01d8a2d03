"""The alerts page and API of the web app over a store `watch` wrote alerts into."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsgraph.store.sqlite import SQLiteStore
from newsgraph.store.watch_state import WatchState, now_iso
from newsgraph.web.app import create_app


def _alert(rule: str, killed: int) -> dict:
    return {"id": f"{rule}-1", "rule": rule, "article_id": "a1", "event_id": "e1", "incident_id": None,
            "type": "ASSAULT", "sub_type": "Armed clash", "place": "Riverton", "country": "CO", "killed": killed,
            "injured": None, "figure": None, "title": "Gunmen attack a village", "url": None, "stories": 2,
            "fires": 1, "fired_at": now_iso(), "updated_at": now_iso(), "payload": "{}"}


def test_alerts_page_and_api(tmp_path):
    db = tmp_path / "s.db"
    with SQLiteStore(str(db)) as store:
        empty = TestClient(create_app(str(db)), base_url="http://127.0.0.1")
        assert empty.get("/api/alerts").json()["items"] == []
        assert "No alerts yet" in empty.get("/alerts").text
        st = WatchState(store)
        with st.transaction():
            st.save_alert(_alert("colombia-attacks", 7), new=True)
            st.save_alert(_alert("lavrov", 0), new=True)
    client = TestClient(create_app(str(db)), base_url="http://127.0.0.1")
    items = client.get("/api/alerts", params={"rule": "colombia-attacks"}).json()["items"]
    assert [(a["rule"], a["killed"], a["place"]) for a in items] == [("colombia-attacks", 7, "Riverton")]
    page = client.get("/alerts")
    assert page.status_code == 200
    assert page.text.count('class="alert-row"') == 2 and "Gunmen attack a village" in page.text
