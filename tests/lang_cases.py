"""Shared checks for tests/test_lang_{fr,es,ru}.py: one story in, the team's bars out."""

from __future__ import annotations

from newsgraph import lang
from newsgraph.model import Article, Source


def read(text: str, published: str = "2024-05-16") -> Article:
    """A story read as the pipeline will: detected, routed, filled."""
    det = lang.detect_full(text)
    art = Article(id=Article.make_id(text), source=Source("<test>"), text=text, published=published)
    assert lang.route(det) == "full", det
    lang.fill(art, det)
    return art


def people(art: Article) -> set[str]:
    return {e.name for e in art.entities if e.type == "PERSON"}


def place_countries(art: Article) -> dict[str, str | None]:
    return {p.name: p.country for p in art.places}


def speakers(art: Article) -> dict[str, str | None]:
    """quote text's first three words -> speaker."""
    return {" ".join(q.text.split()[:3]): q.speaker for q in art.quotes}


def assault(art: Article):
    got = [e for e in art.events if e.type == "ASSAULT"]
    assert len(got) == 1, art.events
    return got[0]
