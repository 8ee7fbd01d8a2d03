"""The rule parts of newsgraph/lang that need no language model: numbers, figures, dates, names, quote marks,
place names. Every sentence is our own."""

from __future__ import annotations

import pytest

from newsgraph.lang import tables
from newsgraph.lang.dates import dateline, find_dates
from newsgraph.lang.figures import extract_figures
from newsgraph.lang.numbers import find_numbers
from newsgraph.lang.quotes import find_quotes
from newsgraph.lang.translit import latin, person_name

FR, ES, RU = tables.get("fr"), tables.get("es"), tables.get("ru")


def _nums(text, t):
    return [(text[n.start:n.end], n.value, n.low, n.qualifier) for n in find_numbers(text, t)]


def test_french_numbers_words_groups_and_hedges():
    got = _nums("Au moins douze civils, plus de 1 200 habitants, quatre-vingt-dix-neuf voitures, vingt et un morts, "
                "une dizaine de blessés, des centaines de manifestants, 1,5 million de réfugiés.", FR)
    assert ("Au moins douze", 12, None, "at_least") in got
    assert ("plus de 1 200", 1200, None, "more_than") in got
    assert ("quatre-vingt-dix-neuf", 99, None, "exact") in got
    assert ("vingt et un", 21, None, "exact") in got
    assert ("une dizaine", 10, None, "about") in got
    assert ("centaines", None, 200, "vague") in got
    assert ("1,5 million", 1_500_000, None, "exact") in got


def test_spanish_numbers():
    got = _nums("Al menos 12 personas, más de 1.200 heridos, unos treinta y dos soldados, doscientos cincuenta "
                "detenidos, decenas de familias, 3 mil desplazados.", ES)
    assert ("Al menos 12", 12, None, "at_least") in got
    assert ("más de 1.200", 1200, None, "more_than") in got
    assert ("unos treinta y dos", 32, None, "about") in got
    assert ("doscientos cincuenta", 250, None, "exact") in got
    assert ("decenas", None, 20, "vague") in got
    assert ("3 mil", 3000, None, "exact") in got


def test_russian_numerals_in_their_cases():
    got = _nums("Не менее пяти человек, около двадцати пяти задержанных, две тысячи пятьсот беженцев, "
                "погибли двое, десятки раненых, 5 тыс. эвакуированных.", RU)
    assert ("Не менее пяти", 5, None, "at_least") in got
    assert ("около двадцати пяти", 25, None, "about") in got
    assert ("две тысячи пятьсот", 2500, None, "exact") in got
    assert ("двое", 2, None, "exact") in got
    assert ("десятки", None, 20, "vague") in got
    assert ("5 тыс.", 5000, None, "exact") in got


@pytest.mark.parametrize("text,t", [
    ("Le 14 mars 2024 à 14h30, 45 % des votants; un homme de 35 ans; le 1er étage.", FR),
    ("El 5 de marzo de 2023, a las 14:30, el 45 % de los votos; un hombre de 35 años.", ES),
    ("12 марта 2024 года, в 14:30, 45 % голосов, мужчина 35 лет, 5-й этаж.", RU),
])
def test_dates_times_ages_percentages_are_not_counts(text, t):
    assert extract_figures(text, t) == []


@pytest.mark.parametrize("text,t,want", [
    ("Au moins douze civils ont été tués mardi.", FR, ("Au moins douze civils", "killed", 12, "at_least")),
    ("Plus de 1 200 personnes ont été déplacées.", FR, ("Plus de 1 200 personnes", "displaced", 1200, "more_than")),
    ("Un policier a été tué.", FR, ("Un policier", "killed", 1, "exact")),
    ("La police a interpellé 14 suspects.", FR, ("14 suspects", "arrested", 14, "exact")),
    ("Al menos 12 personas murieron en el ataque.", ES, ("Al menos 12 personas", "killed", 12, "at_least")),
    ("Un ataque mató a cinco soldados.", ES, ("cinco soldados", "killed", 5, "exact")),
    ("Погибли не менее пяти человек.", RU, ("не менее пяти человек", "killed", 5, "at_least")),
    ("Полиция задержала 14 подозреваемых.", RU, ("14 подозреваемых", "arrested", 14, "exact")),
    ("Около 300 человек эвакуированы.", RU, ("Около 300 человек", "displaced", 300, "about")),
])
def test_figures_with_the_thing_counted(text, t, want):
    got = [(f.text, f.category, f.value, f.qualifier) for f in extract_figures(text, t)]
    assert got == [want]


def test_an_article_is_not_a_count():
    assert [f.text for f in extract_figures("Un ataque mató a un hombre.", ES)] == ["un hombre"]
    assert extract_figures("Deux pays ont signé un accord.", FR) == []


def test_digits_only_for_other_languages():
    got = extract_figures("Em Lisboa, 12 pessoas morreram em 2023; 45% dos votos; às 14:30.", None)
    assert [(f.text, f.category) for f in got] == [("12", "other")]


def test_dates_against_publication():
    got = {d.text: d.value for d in find_dates("Mardi soir, puis hier, et le 3 janvier; en mars 2023.", FR,
                                               "2024-03-14")}
    assert got == {"Mardi": "2024-03-12", "hier": "2024-03-13", "3 janvier": "2024-01-03", "mars 2023": "2023-03"}
    es = {d.text: d.value for d in find_dates("El sábado por la mañana; ayer; el 5 de marzo.", ES, "2024-03-14")}
    assert es == {"sábado": "2024-03-09", "ayer": "2024-03-13", "5 de marzo": "2024-03-05"}
    ru = {d.text: d.value for d in find_dates("Во вторник, накануне, 12 марта 2023 года.", RU, "2024-03-14")}
    assert ru == {"вторник": "2024-03-12", "накануне": "2024-03-13", "12 марта 2023 года": "2023-03-12"}
    assert dateline("BAMAKO, 14 mars 2024 (AFP) - Texte.", FR) == "2024-03-14"


def test_russian_names_in_english_news_spelling():
    assert latin("Владимир Путин") == "Vladimir Putin"
    assert latin("Сергей Шойгу") == "Sergei Shoigu"
    assert latin("Борис Ельцин") == "Boris Yeltsin"
    assert latin("Михаил Горбачёв") == "Mikhail Gorbachev"
    assert latin("Алексей Навальный") == "Alexei Navalny"
    assert person_name("Кличко", RU) == "Klitschko"
    assert person_name("Vladimir Poutine", FR) == "Vladimir Putin"
    assert person_name("Poutine", FR) == "Putin"
    assert person_name("Gustavo Petro", ES) == "Gustavo Petro"


def test_quote_marks_of_each_language():
    fr = "« Nous ne céderons pas », a-t-il dit. Il parle d'« avancées » seulement."
    got = [fr[f.start:f.end] for f in find_quotes(fr, FR)]
    assert got == ["Nous ne céderons pas"]  # one word in marks is a term, not a quote
    ru = "„Мы будем работать дальше“, — сказала она.\n— Это только начало пути, — заявил министр."
    got = [ru[f.start:f.end] for f in find_quotes(ru, RU)]
    assert got == ["Мы будем работать дальше", "Это только начало пути"]
    es = "—No vamos a ceder ante nadie —dijo el ministro."
    assert [es[f.start:f.end] for f in find_quotes(es, ES)] == ["No vamos a ceder ante nadie"]


def test_place_names_in_each_language():
    from newsgraph.geo.gazetteer import get_gazetteer
    from newsgraph.lang.places import candidates, choose

    gaz = get_gazetteer()
    cases = {("Moscou", "fr"): "RU", ("Allemagne", "fr"): "DE", ("Londres", "es"): "GB", ("Francia", "es"): "FR",
             ("EE.UU.", "es"): "US", ("Киев", "ru"): "UA", ("Харьков", "ru"): "UA", ("США", "ru"): "US",
             ("Донецкая область", "ru"): "UA", ("Алеппо", "ru"): "SY", ("دمشق", "ar"): "SY"}
    for (name, code), country in cases.items():
        got = choose({name: candidates(name, code, gaz)})
        assert got[name].country == country, name
