"""Hand-built Article records for tests that need no model."""

from __future__ import annotations

from newsgraph.model import Actor, Article, Entity, Event, Figure, Place, Quote, Removed, Repair, Source


def sample_article(text: str = "Mayor Ana Lind said the bridge in Tampere would reopen. Lind added: “It is safe.”",
                   uri: str = "test://one") -> Article:
    aid = Article.make_id(text, "Bridge to reopen")
    lind = Entity("e-lind", "Ana Lind", "PERSON", [(6, 14), (56, 60)])
    tampere = Entity("e-tampere", "Tampere", "GPE", [(38, 45)])
    return Article(
        id=aid,
        source=Source(uri, "text", None, None),
        text=text,
        title="Bridge to reopen",
        published="2026-03-02",
        headings=[],
        captions=["A caption line"],
        removed=[Removed("Advertisement", "advert")],
        repairs=[Repair("Lindsaid", "Lind said")],
        entities=[lind, tampere],
        quotes=[Quote("It is safe.", (69, 80), "direct", "Ana Lind", "e-lind", (56, 60), "added")],
        figures=[Figure("two people", (0, 3), "injured", "exact", value=2.0, unit="people")],
        places=[Place("geo:634963", "Tampere", "FI", 61.5, 23.8, [(38, 45)], 634963, "Pirkanmaa", "city")],
        events=[Event("ev1", "AGREE", (0, 54), actor=Actor("Ana Lind", "e-lind"), place="geo:634963",
                      date="2026-03-02", confidence=0.7)],
    )
