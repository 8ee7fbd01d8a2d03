"""Glued-word repair in French, Spanish and Russian: a name run into the next word is split with the
language's own word list; the language's long words (inflected forms, compounds, verbs with clitics) stay
whole. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.clean import document_stories
from newsgraph.clean.glue import doc_counts, repair_glue, score_splits, split_glued
from newsgraph.sources.base import Document

FR = ("Le président malien a reçu mardi à Bamako une délégation venue de Dakar pour parler de la sécurité "
      "dans la région. Selon plusieurs diplomates, Bamakoa refusé la proposition, tandis que Dakarsouhaite "
      "encore négocier avec les autorités de transition. La réindustrialisation du pays reste lointaine, "
      "et les parlementaires ont dénoncé une décision anticonstitutionnellement prise par le gouvernement.")
ES = ("El alcalde de Medellín se reunió el lunes con representantes de Bogotá para hablar de seguridad. "
      "Según fuentes oficiales, Bogotáanunció nuevas medidas, mientras que Medellínrechazó el plan por "
      "considerarlo insuficiente. Los comerciantes, desafortunadamente, siguen esperando ayudas y "
      "aprovechándolo todo para vender electrodomésticos en el centro de la ciudad.")
RU = ("В понедельник Киев принял делегации, прибывшие из Варшавы и Берлина. По словам "
      "источников, Киевзаявил о готовности продолжать диалог, а Варшавасчитает предложение преждевременным. "
      "Сельскохозяйственные предприятия региона пострадали от обстрелов, и достопримечательности "
      "старого города закрыты для посетителей до конца месяца.")


@pytest.mark.parametrize(
    ("text", "lang", "repairs"),
    [(FR, "fr", [("Bamakoa", "Bamako a"), ("Dakarsouhaite", "Dakar souhaite")]),
     (ES, "es", [("Bogotáanunció", "Bogotá anunció"), ("Medellínrechazó", "Medellín rechazó")]),
     (RU, "ru", [("Киевзаявил", "Киев заявил"), ("Варшавасчитает", "Варшава считает")])],
)
def test_glued_names_are_split_and_long_words_kept(text: str, lang: str, repairs: list[tuple[str, str]]) -> None:
    ctx = doc_counts(text)
    assert ctx.lang == lang  # the detector named the language: its word list is the one used
    fixed, reps = repair_glue(text, ctx)
    assert [(r.from_, r.to) for r in reps] == repairs
    for glued, split in repairs:
        assert split in fixed and glued not in fixed


@pytest.mark.parametrize(
    ("text", "word"),
    [(FR, "anticonstitutionnellement"), (FR, "désinstallera"), (FR, "contremanifestation"),
     (FR, "téléconsultations"), (ES, "desinstalarlos"), (ES, "reconfigurarla"), (ES, "radiotaxis"),
     (RU, "переподключение"), (RU, "Шереметьевом"), (RU, "Ростовчанка")],
)
def test_a_real_long_word_with_a_word_inside_is_left_alone(text: str, word: str) -> None:
    # Each of these splits into two words of the language ("désinstaller a", "desinstalar los",
    # "Шереметьев ом"), so the model weighs it, and says it is one word.
    ctx = doc_counts(text)
    assert score_splits(word, ctx), "the word should be weighed, not skipped"
    assert split_glued(word, ctx) is None


def test_a_latin_word_in_a_russian_text_is_not_judged_by_the_russian_list() -> None:
    ctx = doc_counts(RU)
    assert score_splits("Filesystem", ctx) == []
    assert split_glued("Лондонзаявил", ctx) == "Лондон заявил"


def test_the_pipeline_repairs_a_french_document() -> None:
    stories = document_stories(Document(uri="test:fr", format="text", text=FR))
    body = "\n".join(s.text for s in stories)
    assert "Bamako a refusé" in body and "Dakar souhaite" in body
    assert "anticonstitutionnellement" in body


def test_a_russian_document_is_not_repaired_in_the_pipeline() -> None:
    # Russian has a word list but no repair yet (clean.glue_words.REPAIRED): its false splits are over budget.
    from newsgraph.clean import document_stories
    from newsgraph.sources.base import Document

    text = ("Во вторник Самара приняла делегации из соседних областей. Самараобещала помочь с жильём "
            "всем прибывшим семьям, а власти заявили, что дополнительные автобусы выйдут на линии утром.")
    stories = document_stories(Document(uri="ru-test", format="text", text=text))
    assert [st.repairs for st in stories] == [[]]
    assert "Самараобещала" in stories[0].text


_FR_PLAIN = ("Le conseil municipal s'est réuni mardi pour discuter du budget de l'année prochaine, et les membres "
             "se sont mis d'accord sur la plupart des points soulevés par les habitants du quartier. ") * 3


@pytest.mark.parametrize(("others", "split"), [
    ("Le maire de Marseilleavec son équipe a présenté le projetdepuis la mairie. ", "ville annonce"),
    ("Le maire a présenté le projetdepuis la mairie. ", None),  # one other glued token is not enough
    ("", None),
])
def test_a_french_document_with_other_glue_gets_its_borderline_glue_split(others: str, split: str | None) -> None:
    ctx = doc_counts(_FR_PLAIN + others + "Le texte du villeannonce la semaine a été lu.", "fr")
    assert split_glued("villeannonce", ctx, (2, 2)) == split
