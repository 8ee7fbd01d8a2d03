"""benchmarks/line_losses.py: the line model's probabilities as clean/lines.py weighs lines, on hand-written lines."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import line_losses as ll

LINES = [
    "Share",
    "Sign up for our newsletter",
    "The ferry service resumed on Monday after a week of storms kept every boat in the harbour, the operator said.",
    "Timetable",
]


def test_rule_lines_count_as_kept_by_the_model():
    probs = ll.page_probs(LINES)
    assert len(probs) == len(LINES)
    # The rules take the share bar and the newsletter call: the model's probability plays no part there.
    assert probs[0] == 0.0 and probs[1] == 0.0
    assert all(0.0 <= p <= 1.0 for p in probs)


def test_sizes_bucket_lines_by_words():
    assert [ll._size(n) for n in (1, 3, 4, 7, 8, 11, 12, 40)] == ["1-3", "1-3", "4-7", "4-7", "8-11", "8-11",
                                                                  "12+", "12+"]
