"""Quotes whose speaker is referred back to by a description
("le gouverneur", "la directora", "глава региона"): our own sentences, read by each language's model."""

from __future__ import annotations

import pytest

from lang_cases import read, speakers
from newsgraph import lang

pytestmark = pytest.mark.model


def _need(code: str) -> None:
    if not lang.available(code):
        pytest.skip(f"{code} model not installed")


def test_french_description_refers_back_to_the_titled_person():
    _need("fr")
    art = read("La maire de Rennes, Julie Marchand, a inauguré jeudi une nouvelle ligne de tramway. « Ce chantier "
               "a duré six longues années », a rappelé la maire devant les habitants réunis.")
    assert speakers(art)["Ce chantier a"] == "Julie Marchand"
    q = art.quotes[0]
    assert q.speaker_text == "la maire" and q.speaker_method == "apposition"


def test_indefinite_description_is_someone_new():
    _need("fr")
    art = read("Le préfet du Nord, Paul Lemaire, a visité vendredi le chantier du port de Dunkerque. « On ne nous "
               "a rien expliqué », a protesté un ouvrier venu avec ses collègues.")
    q = art.quotes[0]
    assert q.speaker_entity is None and q.speaker != "Paul Lemaire"
    assert q.speaker_text == "un ouvrier venu"  # the description ends at its preposition ("avec")


def test_spanish_description_in_other_words():
    _need("es")
    art = read("El gobernador Alberto Morales Soto visitó el martes las zonas de Oaxaca afectadas por las lluvias.\n"
               "«Ninguna familia quedará sin ayuda», escribió el mandatario en sus redes.")
    assert speakers(art)["Ninguna familia quedará"] == "Alberto Morales Soto"


def test_russian_title_refers_back():
    _need("ru")
    art = read("Губернатор области Игорь Соколов в среду посетил затопленные районы Оренбурга.\n"
               "«Все пострадавшие получат компенсацию», — пообещал губернатор.")
    assert speakers(art)["Все пострадавшие получат"] == "Igor Sokolov"
