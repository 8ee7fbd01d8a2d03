"""lines_eval's kinds of body line (body_kind), on hand-written lines."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import lines_eval as le

LINES = [
    "Menu",                                                     # 0 furniture
    "Council opens two new parks",                              # 1 headline
    "The council opened two parks on the east side of town this week, and a third will follow in the spring.",
    "The parks have the following:",                            # 3
    "A pond",                                                   # 4
    "Picnic tables for forty people",                           # 5
    "One of the gardeners called it",                           # 6
    "a place to breathe",                                       # 7
    ", and said more trees would come.",                        # 8
    "The gates will open at seven each morning and close at dusk, a council officer told the meeting.",
]
LABELS = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]


def test_body_kinds_name_where_a_line_sits() -> None:
    kinds = [le.body_kind(LINES, LABELS, i) for i in range(1, len(LINES))]
    assert kinds == ["after_furniture", "sentence", "short", "colon_list", "colon_list",
                     "broken", "broken", "broken", "sentence"]
    assert set(kinds) <= set(le.BODY_KINDS)
