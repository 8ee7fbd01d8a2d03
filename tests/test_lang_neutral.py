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


# Our own sentences in scripts the gazetteer's alternate names and CLDR's country names cover (issue 23, item 5).
@pytest.mark.parametrize("text,code,want", [
    # Arabic: the short name of Syria (CLDR), a vowel mark on it, and "وب" (and in) glued to Damascus
    ("قالت مصادر طبية إن سبعة أشخاص قُتلوا في قصف على ريف إدلب في سُوريا، وبدمشق أغلقت المحال أبوابها.", "ar",
     {"Syria": "SY", "Damascus": "SY"}),
    # Persian writes yeh and kaf in its own letters: "ایران" is found like the Arabic "ايران"
    ("خبرگزاری‌ها گزارش دادند که سیل در ایران چندین روستا را در نزدیکی شیراز ویران کرد و مردم به تهران رفتند.",
     "fa", {"Iran": "IR", "Shiraz": "IR", "Tehran": "IR"}),
    # Ukrainian: a country and a city in their nominative
    ("Мешканці Одеса та Київ зранку чули вибухи, а Україна знову просить союзників про захист неба.", "uk",
     {"Odesa": "UA", "Kyiv": "UA", "Ukraine": "UA"}),
    # Greek: a feminine name in the genitive loses its -ς
    ("Οι αγρότες διαδήλωσαν στην Αθήνα για τις τιμές του πετρελαίου, ενώ η κυβέρνηση της Ελλάδας υποσχέθηκε μέτρα.",
     "el", {"Athens": "GR", "Greece": "GR"}),
    # Hebrew: "ב" (in) and "ו" (and) glued to city names
    ("תושבים רבים יצאו לרחובות בירושלים ובחיפה כדי למחות נגד הרפורמה, ומשטרת ישראל עצרה כמה מפגינים.", "he",
     {"Jerusalem": "IL", "Haifa": "IL", "Israel": "IL"}),
])
def test_places_in_other_scripts(text, code, want):
    art = _read(text)
    assert art.language == code
    got = {p.name: p.country for p in art.places}
    assert {k: got.get(k) for k in want} == want
    assert art.entities == [] and art.quotes == [] and art.events == []


def test_undetermined_language_reads_every_languages_country_names():
    from newsgraph.geo.gazetteer import get_gazetteer
    from newsgraph.lang import neutral

    # too short to name its language: the country is still found, in CLDR's names of any language
    got = neutral.places("سوريا", get_gazetteer(), "und")
    assert [(p.name, p.country) for p in got] == [("Syria", "SY")]


def test_arabic_script_letters_fold_to_one_key():
    from newsgraph.geo.names import norm

    assert norm("ایران") == norm("ايران")  # Persian yeh, Arabic yeh
    assert norm("سُوريـا") == norm("سوريا")  # a vowel mark and a tatweel
    assert norm("Bogotá") == "bogota"  # Latin names keep their key


def test_a_country_name_that_is_also_a_city_of_a_named_country():
    from newsgraph.geo.gazetteer import get_gazetteer
    from newsgraph.lang import neutral

    gaz = get_gazetteer()
    # unvowelled, "عمان" is both Oman and Amman: beside Jordan it is Jordan's capital, alone it is the country
    got = neutral.places("زار الوزير الأردن ثم عاد إلى عمان مساء الخميس.", gaz, "ar")
    assert [(p.name, p.country, p.feature) for p in got] == [("Jordan", "JO", "country"), ("Amman", "JO", "city")]
    got = neutral.places("وقعت سلطنة عمان اتفاقا تجاريا جديدا.", gaz, "ar")
    assert [(p.name, p.country) for p in got] == [("Oman", "OM")]
