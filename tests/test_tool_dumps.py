"""benchmarks/tool_dumps.py's own pieces: the Markdown labelling words, the wrapped style and the paired runs."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import scrape_pages as sp
import tool_dumps as td


def _page(pid: str, lines: list[str], labels: list[int], style: str = "html_text", site: str = "a.example") -> sp.Page:
    return sp.Page(pid, site, style, lines, labels, "body", [], [], "tune", None, None, [])


def test_markdown_words_for_labels_drop_images_and_link_addresses() -> None:
    line = "## The [council](https://x.example/c) voted ![chart](https://x.example/c.png) **twice**"
    assert td.md_words(line) == "The council voted   twice"


def test_wrapped_style_keeps_each_block_label_on_its_pieces() -> None:
    long = "The ferry company said on Friday that crossings would resume next week after the storm damage. " * 3
    page = _page("wcxb/1", ["Home", long.strip(), "Share"], [0, 1, 0])
    got = td.wrapped(page)
    assert got.style == "wrapped" and got.lines[0] == "Home" and got.lines[-1] == "Share"
    assert len(got.lines) > 3 and all(len(x) <= 80 for x in got.lines)
    assert got.labels == [0] + [1] * (len(got.lines) - 2) + [0]
    assert " ".join(got.lines[1:-1]) == long.strip()
