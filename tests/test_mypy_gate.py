"""scripts/mypy_gate.py: new errors are told from the baseline's without running mypy."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

_spec = importlib.util.spec_from_file_location("mypy_gate", Path(__file__).resolve().parents[1] / "scripts" / "mypy_gate.py")
assert _spec is not None and _spec.loader is not None
gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gate)

OUTPUT = """\
src/newsgraph/nlp.py:124: error: Item "None" of "Match[str] | None" has no attribute "group"  [union-attr]
src/newsgraph/nlp.py:130: error: Item "None" of "Match[str] | None" has no attribute "group"  [union-attr]
src/newsgraph/nlp.py:131: note: See https://mypy.readthedocs.io
src/newsgraph/cli.py:9: error: Need type annotation for "rows"  [var-annotated]
"""


def test_errors_are_keyed_without_line_numbers_and_counted():
    found = gate.errors(OUTPUT)
    assert found == Counter({
        'src/newsgraph/nlp.py: Item "None" of "Match[str] | None" has no attribute "group" [union-attr]': 2,
        'src/newsgraph/cli.py: Need type annotation for "rows" [var-annotated]': 1,
    })


def test_the_gate_fails_on_an_error_beyond_the_baseline_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gate, "BASELINE", tmp_path / "baseline.txt")
    monkeypatch.setattr(gate, "run_mypy", lambda: (1, OUTPUT))
    assert gate.main(["--update"]) == 0
    assert gate.read_baseline() == gate.errors(OUTPUT)
    assert gate.main([]) == 0
    # the same error once more in the file (another line) is new
    more = OUTPUT + 'src/newsgraph/nlp.py:140: error: Item "None" of "Match[str] | None" has no attribute "group"  [union-attr]\n'
    monkeypatch.setattr(gate, "run_mypy", lambda: (1, more))
    assert gate.main([]) == 1
    assert "nlp.py:" in capsys.readouterr().out
    # fewer errors pass, and say the baseline can shrink
    monkeypatch.setattr(gate, "run_mypy", lambda: (0, ""))
    assert gate.main([]) == 0
    assert "--update" in capsys.readouterr().out
