"""Cleaning in other languages: the glue repair's English word list must not split their words."""

from __future__ import annotations

from newsgraph.clean import document_stories
from newsgraph.sources import Document

SPANISH = ("Cientos de vecinos se reunieron el sábado frente al ayuntamiento de la ciudad en una protesta contra "
           "el cierre del hospital. La presidenta de la asociación vecinal pidió a las autoridades que escuchen a "
           "los pacientes y que publiquen el informe sobre los costes.\n")
ENGLISH = ("Hundreds of residents gathered outside the town hall on Saturday to protest the closure of the "
           "hospital, and the association's chair asked officials to publish the report on costs.\nIt was the "
           "third march this month, organisers said, and more are planned before the council meets in spring.\n")


def test_spanish_words_are_not_split_as_glued_english():
    [story] = document_stories(Document(uri="es.txt", format="text", text=SPANISH))
    assert "protesta" in story.text and "presidenta" in story.text
    assert story.repairs == []


def test_english_glue_is_still_repaired():
    text = ENGLISH.replace("closure of", "closureof")
    [story] = document_stories(Document(uri="en.txt", format="text", text=text))
    assert [(r.from_, r.to) for r in story.repairs] == [("closureof", "closure of")]
