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


# A story in a language with no glue word list (Italian), then an English one with two lost spaces: the
# detector reads the document's first 2,000 characters and names it Italian.
ITALIAN = (
    "Migliaia di agricoltori hanno bloccato le strade intorno alla città martedì mattina per chiedere al governo "
    "prezzi più giusti per il latte e il grano. I trattori sono rimasti fermi davanti alla prefettura fino a sera.\n"
    "Il portavoce del sindacato ha detto che le aziende piccole non riescono più a pagare il gasolio e i mangimi, "
    "e che molte famiglie hanno già venduto una parte degli animali durante l'inverno.\n"
    "Il ministro ha promesso un incontro entro la fine del mese, ma gli agricoltori hanno annunciato che la "
    "protesta continuerà ogni settimana finché non arriverà una proposta scritta sui contributi.\n"
    "Secondo la polizia, la manifestazione si è svolta senza incidenti, anche se il traffico è rimasto "
    "bloccato per ore sulle strade provinciali e molti pendolari sono arrivati tardi al lavoro.\n"
    "Nelle prossime settimane altre regioni del nord potrebbero unirsi alla protesta, hanno detto i "
    "rappresentanti delle cooperative, che chiedono anche regole più semplici per le vendite dirette.\n"
)
RAILWAY = (
    "Engineers reopened the coastal railway on Friday after a landslide had buried the tracks near the harbour "
    "for almost two weeks, the regional transport authority said.\n"
    "Crews removed about 4,000 tonnes of rock and soil, and trains ran at reduced speed past the damaged "
    "section while inspectors from the Harbour Authorityreviewed the retaining walls.\n"
    "Commuters had faced long detours by bus since the collapse, which followed days of heavy rain, and local "
    "shops near the stationreported a sharp fall in trade.\n"
    "The authority said a permanent repair would take until the summer and cost an estimated 12 million euros, "
    "most of it paid by the national infrastructure fund.\n"
)


def test_english_story_after_a_foreign_one_is_repaired_in_english():
    text = ITALIAN + "Condividi\nIscriviti alla newsletter\nPubblicità\n" + RAILWAY
    italian, english = document_stories(Document(uri="mixed.txt", format="text", text=text))
    assert italian.repairs == [] and "agricoltori" in italian.text
    assert [(r.from_, r.to) for r in english.repairs] == [
        ("Authorityreviewed", "Authority reviewed"), ("stationreported", "station reported")]
