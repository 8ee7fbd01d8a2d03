"""train_lines' choice of the line model's threshold, on hand-made documents and probabilities."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import train_lines as tl
from newsgraph.clean.roles import FEATURES

PARAGRAPH = ("The harbour board agreed on Tuesday to dredge the eastern channel before the autumn storms, after "
             "two ferries ran aground there in a single month and the pilots' association threatened to stop work.")
LONG_FURNITURE = ("Download our free app today to get every local headline sent to your phone and never miss "
                  "another update from the harbour district again")


def _part(n_mid_furniture: int) -> tuple:
    """One run-together document: a paragraph (p .1), a two-word body line the model doubts (p .72), thirty menu
    lines (p .95), and `n_mid_furniture` long furniture lines as doubtful as the body line (p .72)."""
    lines = [PARAGRAPH, "Dredging costs", *(f"Menu {k}" for k in range(30)), *[LONG_FURNITURE] * n_mid_furniture]
    labels = [1, 1, *[0] * (30 + n_mid_furniture)]
    p = np.array([0.1, 0.72, *[0.95] * 30, *[0.72] * n_mid_furniture])
    x = np.zeros((len(lines), len(FEATURES)))
    y = 1 - np.array(labels)
    docs = [(lines, labels, "run/tune/0")]
    return (x, y, np.zeros(len(lines)), [slice(0, len(lines))], {0: docs[0][2]}), p, docs


def test_threshold_rises_past_word_f1_while_furniture_f1_holds() -> None:
    # Word F1 prefers 0.70 (taking the long furniture line outweighs losing two body words); line-level
    # furniture F1 is the same at 0.70 and above (one body line lost, or one furniture line kept), so the
    # threshold rises to the top of the grid and keeps the short body line.
    part, p, docs = _part(1)
    assert tl.choose_threshold(part, p, docs) == 0.9


def test_threshold_stays_where_raising_it_would_keep_much_furniture() -> None:
    part, p, docs = _part(6)
    assert tl.choose_threshold(part, p, docs) == 0.7
