"""Kill a real ingest process midway (SIGKILL) and run it again: nothing duplicated, nothing lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from stories import write_jsonl

pytestmark = [pytest.mark.model, pytest.mark.slow]


def ingest_cmd(src, db) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(src), "--db", str(db), "--commit-every", "4",
            "--batch-size", "4", "-q"]


def count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as c:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_sigkill_midway_then_rerun_loses_and_duplicates_nothing(tmp_path):
    n = 300
    src = write_jsonl(tmp_path / "in.jsonl", n)
    db = tmp_path / "crash.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(ingest_cmd(src, db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while count(db) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = count(db)
    assert 0 < partial < n
    done = subprocess.run(ingest_cmd(src, db), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert c.execute("SELECT count(DISTINCT record) FROM article_sources").fetchone()[0] == n
        assert c.execute("SELECT count(*) FROM article_sources").fetchone()[0] == n
        # every article has its full set of children: mention counts equal a clean run's
        per = c.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                        "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)").fetchone()[0]
        fts = c.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert per == 0
    assert fts == n
    clean = tmp_path / "clean.db"
    subprocess.run(ingest_cmd(src, clean), env=env, check=True, capture_output=True, timeout=600)
    with sqlite3.connect(db) as a, sqlite3.connect(clean) as b:
        q = "SELECT id, record FROM articles ORDER BY id"
        assert a.execute(q).fetchall() == b.execute(q).fetchall()
        q2 = "SELECT article_id, entity_id, start, end FROM mentions ORDER BY 1, 2, 3"
        assert a.execute(q2).fetchall() == b.execute(q2).fetchall()
