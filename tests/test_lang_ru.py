"""Russian stories end to end (newsgraph/lang with natasha): our own sentences."""

from __future__ import annotations

import pytest

from lang_cases import assault, people, place_countries, read, speakers
from newsgraph import lang

pytestmark = [pytest.mark.model, pytest.mark.skipif(
    not lang.available("ru"), reason="Russian model not installed: pip install 'newsgraph[ru]'")]

STORY = (
    'ХАРЬКОВ, 16 мая. В результате ракетного удара по Харькову погибли не менее шести человек, еще 23 '
    'получили ранения, сообщил глава областной администрации Олег Синегубов.\n'
    '«Ракета попала в многоэтажный жилой дом в центре города», — сказал Синегубов журналистам.\n'
    'Президент Украины Владимир Зеленский заявил, что Киев ждет от партнеров новых систем ПВО.\n'
    '— Мы должны защитить наших людей, — добавил он.\n'
    'Накануне в Москве полиция задержала восемь участников одиночных пикетов.'
)


@pytest.fixture(scope="module")
def art():
    return read(STORY)


def test_language(art):
    assert art.language == "ru"


def test_people_in_english_news_spelling(art):
    assert {"Oleg Sinegubov", "Volodymyr Zelensky"} <= people(art)


def test_places_from_oblique_cases(art):
    countries = place_countries(art)
    assert countries.get("Kharkiv") == "UA"  # "по Харькову", dative
    assert countries.get("Kyiv") == "UA"
    assert countries.get("Moscow") == "RU"  # "в Москве", prepositional


def test_quotes_with_speakers(art):
    got = speakers(art)
    assert got["Ракета попала в"] == "Oleg Sinegubov"
    assert got["Мы должны защитить"] == "Volodymyr Zelensky"
    q = next(q for q in art.quotes if q.text.startswith("Мы должны"))
    assert q.speaker_text == "он"


def test_attack_typed_with_its_toll(art):
    ev = assault(art)
    assert ev.killed == 6 and ev.injured == 23
    assert ev.acled_subtype == "Shelling/artillery/missile attack"
    assert next(p for p in art.places if p.id == ev.place).country == "UA"


def test_arrest(art):
    assert any(e.type == "COERCE" and e.mode == "arrest" for e in art.events)
    assert any(f.category == "arrested" and f.value == 8 for f in art.figures)
