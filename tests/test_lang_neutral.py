"""Stories in languages without extractors (Portuguese, Arabic): stored with their language, searchable, and
nothing presented as understood. Our own sentences."""

from __future__ import annotations

import pytest

from newsgraph import lang
from newsgraph.model import Article, Source

PT = ("Chuvas no Rio Grande do Sul deixam 31 mortos\n"
      "As enchentes atingiram mais de 80 cidades do estado, e o governador disse em Porto Alegre que "
      "cerca de 12 mil pessoas deixaram suas casas desde domingo.")
AR = "قال مسؤولون إن 14 شخصا قتلوا في انفجار في دمشق يوم الأحد، وأصيب 20 آخرون بجروح."


def _read(text: str) -> Article:
    art = Article(id=Article.make_id(text), source=Source("<test>"), text=text, published="2024-05-16")
    ran = lang.fill(art)
    assert ran == lang.extractors_for(art.language)
    return art


@pytest.mark.parametrize("text,code,place,country", [(PT, "pt", "Porto Alegre", "BR"), (AR, "ar", "Damascus", "SY")])
def test_language_recorded_and_only_neutral_items(text, code, place, country):
    art = _read(text)
    assert art.language == code
    assert art.entities == [] and art.quotes == [] and art.events == []
    assert {p.name: p.country for p in art.places}.get(place) == country
    assert art.figures and all(f.category == "other" and f.unit is None for f in art.figures)
    assert all(art.text[f.span[0]:f.span[1]].isdigit() for f in art.figures)


def test_arabic_countries_and_cities_but_no_particles():
    # "وإن" (and that), "وأو" (and or), "بلم" (with "did not") fold to Arabic names of Van, Wau and Belém
    text = ("قال مسؤولون إن انفجارا وقع في بغداد، وإن الحكومة في العراق فتحت تحقيقا بلم يعلن عن نتائجه. "
            "وزار وزير من مصر ولبنان المكان وأو غيرهما، وفي القاهرة عبر مسؤولون عن قلقهم.")
    got = {p.name: p.country for p in _read(text).places}
    assert got == {"Baghdad": "IQ", "Iraq": "IQ", "Egypt": "EG", "Lebanon": "LB", "Cairo": "EG"}


def test_portuguese_region_of_several_words():
    assert "Rio Grande do Sul" in {p.name for p in _read(PT).places}


def test_stored_and_searchable(tmp_path):
    from newsgraph.store import SQLiteStore

    pt, ar = _read(PT), _read(AR)
    with SQLiteStore(tmp_path / "t.db") as db:
        db.add([pt, ar])
        assert db.get(pt.id).language == "pt"
        assert db.get(ar.id).language == "ar"
        assert [h.id for h in db.search("enchentes")] == [pt.id]
        assert [h.id for h in db.search("دمشق")] == [ar.id]


def test_missing_model_names_the_extra(monkeypatch):
    from newsgraph.lang import models

    monkeypatch.setattr(models, "available", lambda code: False)
    art = Article(id="x", source=Source("<test>"),
                  text="Le maire a annoncé mardi que le pont sur la rivière rouvrirait le mois prochain.")
    with pytest.raises(lang.LanguageModelError, match=r"newsgraph\[fr\]"):
        lang.fill(art)
    assert lang.fill(art, missing="neutral") == ("figures:digits", "places:gazetteer")
    assert art.language == "fr" and art.entities == []
