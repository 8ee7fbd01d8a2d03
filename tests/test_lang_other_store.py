"""Stories in a language without extractors (Portuguese, Arabic) in either store and the web app: stored with
their language, found by search (the store's and the web API's), the story page says which extractors ran
and that nothing else was read, and no entity, quote or event is presented (issue 23, item 5).

Our own sentences. The PostgreSQL cases skip when no server answers (tests/pg.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import lang
from newsgraph.model import Article, Source
from pg import backend_store

PT = ("Greve dos professores fecha 40 escolas em Belo Horizonte\n"
      "Os professores da rede estadual de Minas Gerais cruzaram os braços nesta segunda-feira e pedem reajuste "
      "salarial; segundo o sindicato, a paralisação atinge cerca de 40 escolas da capital.")
AR = ("أعلنت السلطات في الأردن إغلاق 12 مدرسة في عمّان بعد أمطار غزيرة، وقالت إن فرق الدفاع المدني أجلت "
      "عشرات العائلات من الأحياء المنخفضة.")

EN = "The county council reopened the old stone bridge over the river on Tuesday after two years of repairs."


def _read(text: str, title: str) -> Article:
    art = Article(id=Article.make_id(text, title), source=Source(f"test://{title}", "text"), text=text,
                  title=title, published="2026-03-02")
    lang.fill(art)
    return art



@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_other_languages_stored_searched_and_shown_as_not_understood(tmp_path: Path, backend: str) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsgraph.web.app import create_app

    pt, ar = _read(PT, "greve"), _read(AR, "amman")
    en = Article(id=Article.make_id(EN, "bridge"), source=Source("test://bridge", "text"), text=EN, title="bridge",
                 published="2026-03-02", language="en", extractors=list(lang.extractors_for("en")))
    assert (pt.language, ar.language) == ("pt", "ar")
    for art in (pt, ar):
        assert art.entities == [] and art.quotes == [] and art.events == []
        assert all(f.category == "other" for f in art.figures)
    assert {p.country for p in pt.places} == {"BR"} and {p.country for p in ar.places} == {"JO"}
    with backend_store(backend, tmp_path) as db:
        db.add([pt, ar, en])
        assert (db.get(pt.id).language, db.get(ar.id).language) == ("pt", "ar")
        assert [h.id for h in db.search("professores")] == [pt.id]
        assert [h.id for h in db.search("paralisacao")] == [pt.id]  # accents aside
        assert [h.id for h in db.search("مدرسة")] == [ar.id]
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            for query, want in (("sindicato", pt.id), ("الأردن", ar.id)):
                items = client.get("/api/search", params={"q": query}).json()["items"]
                assert [h["id"] for h in items] == [want], query
            page = client.get(f"/story/{ar.id}").text
            assert "Read by: figures:digits, places:gazetteer" in page
            assert "no extractors for this language" in page
            assert 'class="ent ' not in page.split('id="story-text"', 1)[1]  # no entity marked in the text
            assert "no extractors for this language" in client.get(f"/story/{pt.id}").text
            page = client.get(f"/story/{en.id}").text
            assert "Read by: entities, quotes" in page and "no extractors for this language" not in page
