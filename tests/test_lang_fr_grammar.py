"""French deaths and speech from the grammar (issue 23): the forms a reporter writes for a death ("ont succombé",
"mortellement blessés", "meurent", "massacrés") and for speech (every first-group verb inflected by rule, the
reflexive "s'indigne", "Pour X, « ... »", "« ... », selon X"), and counts bound to the verb right before them
("tuant 19 fidèles et en blessant 30"). Our own sentences; the table checks need no model."""

from __future__ import annotations

import pytest

from lang_cases import assault, read
from newsgraph import lang
from newsgraph.lang import tables
from newsgraph.lang.figures import extract_figures
from newsgraph.lang.words_fr import _er_forms

needs_fr = pytest.mark.skipif(not lang.available("fr"), reason="French model not installed: pip install 'newsgraph[fr]'")


def test_first_group_verbs_are_inflected_by_rule() -> None:
    assert {"relèvent", "relevé", "relevait", "releva"} <= _er_forms("relever")
    assert "relève" not in _er_forms("relever")  # "la relève": more often the noun
    assert {"inquiète", "inquiétée", "inquiétaient"} <= _er_forms("inquiéter")
    assert {"lança", "lançait", "lancèrent"} <= _er_forms("lancer")
    assert {"interrogea", "interrogeait"} <= _er_forms("interroger")
    assert {"célèbre", "présente", "martèle"} <= _er_forms("célébrer") | _er_forms("présenter") | _er_forms("marteler")
    assert "présènte" not in _er_forms("présenter")  # e before two consonants stays


def _figures(text: str, code: str = "fr") -> list[tuple[str, str, float | None]]:
    return [(f.text, f.category, f.value) for f in extract_figures(text, tables.get(code))]


def test_a_verb_right_before_a_count_takes_it() -> None:
    assert _figures("Un kamikaze a frappé, tuant 19 fidèles et en blessant 30 autres.") == \
        [("19 fidèles", "killed", 19.0), ("30 autres", "injured", 30.0)]
    assert _figures("Un homme a tiré dans un bar, tuant deux clients avant de prendre la fuite.")[0][1] == "killed"
    assert _figures("Погибли 12 человек, ранены ещё 30.", "ru")[0][1] == "killed"


def test_an_aside_on_part_of_a_count_is_read_past() -> None:
    assert _figures("Au moins douze personnes, dont trois enfants, ont été tuées samedi.")[0] == \
        ("Au moins douze personnes", "killed", 12.0)
    assert _figures("Doce personas, entre ellas tres niños, murieron en el ataque.", "es")[0][1] == "killed"


@pytest.mark.parametrize("text", [
    "Deux gendarmes ont succombé à leurs blessures.", "Deux gendarmes ont été mortellement blessés.",
    "Deux personnes meurent dans l'incendie.", "Deux civils ont été retrouvés sans vie.",
    "Deux villageois ont été massacrés.", "Deux militaires y ont laissé la vie.",
])
def test_the_words_of_a_death(text: str) -> None:
    assert _figures(text)[0][1:] == ("killed", 2.0)


def test_a_toll_word_is_no_count() -> None:
    assert not [f for f in _figures("Selon un bilan provisoire, l'attaque a fait 31 morts.") if f[2] == 1.0]


@pytest.mark.parametrize(("text", "killed"), [
    ("Neuf villageois ont été massacrés dans la nuit par des hommes armés près de Djibo.", 9),
    ("Un policier a succombé à ses blessures après l'attaque du commissariat de Maroua.", 1),
    ("Un enseignant a été poignardé à mort devant son école à Arras lors d'une attaque au couteau.", 1),
    ("Un journaliste a perdu la vie dans l'attaque de son hôtel à Mogadiscio.", 1),
    ("L'armée a repoussé une attaque contre sa base de Boni. Quatre militaires y ont laissé la vie.", 4),
])
@pytest.mark.model
@needs_fr
def test_an_attack_gets_its_toll(text: str, killed: int) -> None:
    assert assault(read(text)).killed == killed


@pytest.mark.parametrize(("text", "speaker"), [
    ("« Nous ne céderons jamais à la terreur », a tonné le président Paul Biya devant les députés.", "Paul Biya"),
    ("« Rien ne justifie une telle violence », s'indigne Marie Dupont, maire de la commune.", "Marie Dupont"),
    ("« C'est une tragédie nationale », s'est exclamé Alassane Ouattara à Abidjan.", "Alassane Ouattara"),
    ("« L'armée a repris le contrôle de la ville », a fait savoir le colonel Assimi Goïta.", "Assimi Goïta"),
    ("Pour le chercheur Mathieu Pellerin, « les groupes armés cherchent à isoler les villes ».", "Mathieu Pellerin"),
    ("« C'est la pire attaque depuis des années », selon Héni Nsaibia, chercheur à l'ONG Acled.", "Héni Nsaibia"),
    ("Interrogé sur la radio nationale, Abdoulaye Maïga a tenu à rassurer la population : « L'armée contrôle "
     "la situation. »", "Abdoulaye Maïga"),
    # a person after "de" is a noun's complement, after "selon" a source, after an inverted pronoun no subject
    ("« Nous demandons une enquête indépendante », ont déclaré les avocats de Sonia Rolland.", None),
    ("« Personne ne nous a prévenus », déplorent les habitants, selon le maire Karim Benali.", None),
    ("« La situation est sous contrôle », a-t-elle tenu à préciser à Claire Morel.", None),
])
@pytest.mark.model
@needs_fr
def test_speakers(text: str, speaker: str | None) -> None:
    (q,) = read(text).quotes
    assert (q.speaker_entity and q.speaker) == speaker or (speaker is None and q.speaker_entity is None)

