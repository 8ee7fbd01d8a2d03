"""The development benchmark's page dumps and labels (benchmarks/scrape_pages.py), on hand-written HTML."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import scrape_pages as sp

PAGE = """<html><head><title>Harbour reopens</title><script>var x = 1;</script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div style="display:none">Hidden promo text</div>
<h1>Harbour reopens after storm</h1>
<p>The old harbour in <a href="/t">Kelmouth</a> reopened on Monday after three weeks of repairs, the council said.</p>
<p>Fishing boats <b>returned</b> at dawn, and the <a href="/m">market</a> opened an hour later than usual.</p>
<ul><li><a href="/a">Share</a></li><li><a href="/b">Email</a></li></ul>
<footer>Copyright 2031 The Kelmouth Herald</footer>
</body></html>"""

BODY = ("The old harbour in Kelmouth reopened on Monday after three weeks of repairs, the council said.\n\n"
        "Fishing boats returned at dawn, and the market opened an hour later than usual.")


def test_blocks_style_puts_each_link_of_a_link_list_on_its_own_line() -> None:
    lines, spots = sp.render(PAGE, "blocks")
    assert lines[:3] == ["Home", "World", "Sport"]
    assert "Hidden promo text" not in lines and not any("var x" in x for x in lines)
    assert "The old harbour in Kelmouth reopened on Monday after three weeks of repairs, the council said." in lines
    # the spaces after the inline links "Kelmouth" and "market" are glue spots; nav links are not
    assert [lines[i][off - 8:off] for i, off in spots] == ["Kelmouth", "e market"]


def test_text_style_breaks_lines_only_at_blocks() -> None:
    lines, spots = sp.render(PAGE, "text")
    assert lines[0] == "Home World Sport"
    assert "Fishing boats returned at dawn, and the market opened an hour later than usual." in lines
    assert spots == []


def test_labels_follow_the_body_and_the_title() -> None:
    lines, _ = sp.render(PAGE, "blocks")
    labels, title_line = sp.label_lines(lines, BODY, "Harbour reopens after storm", ["Copyright 2031 The Kelmouth Herald"])
    body = [x for x, y in zip(lines, labels, strict=True) if y]
    assert body == ["Harbour reopens after storm", BODY.split("\n\n")[0], BODY.split("\n\n")[1]]
    assert lines[title_line] == "Harbour reopens after storm"


def test_apply_glue_drops_the_space_and_records_the_pair() -> None:
    lines, spots = sp.render(PAGE, "blocks")
    glued, gold = sp.apply_glue(lines, spots, random.Random(0), p=1.0)
    assert ("Kelmouthreopened", "Kelmouth reopened") in gold and ("marketopened", "market opened") in gold
    assert any("in Kelmouthreopened on Monday" in x for x in glued)


def test_parts_are_a_fixed_hash_split() -> None:
    ids = [f"wcxb/{i:04d}" for i in range(2000)]
    counts = Counter(sp.part_of(i) for i in ids)
    assert sp.part_of("wcxb/0001") == sp.part_of("wcxb/0001")
    assert 0.55 < counts["train"] / 2000 < 0.65 and 0.15 < counts["test"] / 2000 < 0.25
