"""French stories end to end (newsgraph/lang with fr_core_news_sm): our own sentences."""

from __future__ import annotations

import pytest

from lang_cases import assault, people, place_countries, read, speakers
from newsgraph import lang

pytestmark = [pytest.mark.model, pytest.mark.skipif(
    not lang.available("fr"), reason="French model not installed: pip install 'newsgraph[fr]'")]

STORY = (
    'Niger : au moins neuf soldats tués dans une embuscade près de Tillabéri\n'
    'NIAMEY, 16 mai 2024 (AFP) - Au moins neuf soldats nigériens ont été tués mercredi dans une embuscade'
    " tendue par des hommes armés près de Tillabéri, dans l'ouest du Niger, a annoncé jeudi le ministre "
    'de la Défense, Salifou Mody.\n'
    '« Nos soldats ont résisté avec courage face à un ennemi lâche », a déclaré Salifou Mody à la '
    'télévision nationale.\n'
    "Selon une source sécuritaire, une dizaine d'assaillants ont été neutralisés. « Les renforts sont "
    'arrivés dans la nuit », a-t-il ajouté.\n'
    "À Paris, le ministère français des Affaires étrangères a condamné l'attaque."
)


@pytest.fixture(scope="module")
def art():
    return read(STORY)


def test_language(art):
    assert art.language == "fr"


def test_people_and_places(art):
    assert "Salifou Mody" in people(art)
    countries = place_countries(art)
    assert countries.get("Niamey") == "NE"
    assert countries.get("Niger") == "NE"
    assert countries.get("Paris") == "FR"
    assert any(p.country == "NE" for p in art.places if p.name.startswith("Tillab"))


def test_quotes_with_speakers(art):
    got = speakers(art)
    assert got["Nos soldats ont"] == "Salifou Mody"
    assert got["Les renforts sont"] == "Salifou Mody"  # "a-t-il ajouté": the pronoun resolved
    q = next(q for q in art.quotes if q.text.startswith("Les renforts"))
    assert q.speaker_text == "il" and q.speaker_method == "pronoun"


def test_attack_typed_with_its_toll(art):
    ev = assault(art)
    assert ev.killed == 9
    assert ev.acled_type is not None
    assert ev.date == "2024-05-15"  # "mercredi" before a Thursday publication


def test_killed_figure(art):
    assert any(f.category == "killed" and f.value == 9 and f.qualifier == "at_least" for f in art.figures)


def test_protest_and_arrest():
    a = read("Des milliers de manifestants ont défilé samedi à Lyon contre la réforme des retraites. "
             "La police a interpellé douze personnes en marge du cortège, selon la préfecture.")
    types = {e.type for e in a.events}
    assert {"PROTEST", "COERCE"} <= types
    assert any(f.category == "arrested" and f.value == 12 for f in a.figures)


def test_a_denied_attack_is_no_event():
    a = read("Le gouvernement assure que le camp militaire de Gao n'a pas été attaqué dimanche, contrairement aux "
             "rumeurs diffusées sur les réseaux sociaux par des comptes anonymes.")
    assert not [e for e in a.events if e.type == "ASSAULT"]
