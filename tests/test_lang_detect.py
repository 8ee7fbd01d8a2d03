"""Language detection and routing (newsgraph/lang/detect.py, analyse.route/extractors_for) on our own sentences."""

from __future__ import annotations

import pytest

from newsgraph import lang
from newsgraph.lang.detect import detect_full

STORIES = {
    "en": "The mayor said on Tuesday that the bridge over the river would reopen next month after repairs.",
    "fr": "Le maire a annoncé mardi que le pont sur la rivière rouvrirait le mois prochain après des travaux.",
    "es": "El alcalde anunció el martes que el puente sobre el río volverá a abrir el mes próximo tras las obras.",
    "ru": "Мэр во вторник объявил, что мост через реку откроется в следующем месяце после ремонта.",
    "pt": "O prefeito anunciou na terça-feira que a ponte sobre o rio será reaberta no próximo mês após as obras.",
    "ar": "أعلن رئيس البلدية يوم الثلاثاء أن الجسر فوق النهر سيعاد فتحه الشهر المقبل بعد الإصلاحات.",
}


@pytest.mark.parametrize("code", sorted(STORIES))
def test_one_sentence_stories(code):
    got, conf = lang.detect(STORIES[code])
    assert got == code
    assert 0.6 <= conf <= 1.0


def test_english_furniture_does_not_outvote_a_short_french_story():
    text = ("Share this article\nRead more\nSubscribe to our newsletter\nFollow us\nCookies policy\n"
            "La police a arrêté trois hommes mardi soir à Lyon après une fusillade qui a fait deux blessés.\n"
            "Les suspects ont été placés en garde à vue, a indiqué le parquet dans un communiqué.")
    assert lang.detect(text)[0] == "fr"


def test_russian_story_quoting_english_names_stays_russian():
    text = "Президент заявил, что расследование ведет Associated Press вместе с BBC News и New York Times."
    assert lang.detect(text)[0] == "ru"


def test_unsure_answers_und():
    assert lang.detect("Putin spoke.")[0] == "und"
    assert lang.detect("12:30")[0] == "und"
    assert lang.detect("")[0] == "und"


def test_english_names_in_english_prose_are_not_french():
    text = "President Emmanuel Macron met Jean-Luc Mélenchon in Paris on Tuesday, Le Monde reported."
    det = detect_full(text)
    assert det.code in ("en", "und")
    assert lang.route(det) == "en"


def test_routing_keeps_english_and_short_latin_stories_on_the_english_stages():
    assert lang.route(detect_full(STORIES["en"])) == "en"
    assert lang.route(detect_full("Putin spoke.")) == "en"  # undetermined, Latin script: as before
    assert lang.route(detect_full(STORIES["fr"])) == "full"
    assert lang.route(detect_full(STORIES["pt"])) == "neutral"
    assert lang.route(detect_full(STORIES["ar"])) == "neutral"
    assert lang.route(detect_full("Погибли двое")) == "neutral"  # undetermined, Cyrillic: not English


def test_extractors_for_each_kind_of_language():
    assert lang.extractors_for("en") == ("entities", "quotes", "figures", "places", "dates", "events")
    for code in ("fr", "es", "ru"):
        assert "quotes" in lang.extractors_for(code) and "events" in lang.extractors_for(code)
    for code in ("pt", "ar", "und", "zz"):
        assert lang.extractors_for(code) == ("figures:digits", "places:gazetteer")


def test_model_text_recases_caps_datelines_without_moving_offsets():
    text = "BAMAKO, 14 mars (AFP) - Le texte suit.\nМОСКВА, 5 марта. Текст.\nUN TITRE EN CAPITALES"
    out = lang.model_text(text)
    assert len(out) == len(text)
    assert out.startswith("Bamako, 14 mars (AFP)")
    assert "Москва, 5 марта" in out
    assert out.endswith("Un Titre En Capitales")
