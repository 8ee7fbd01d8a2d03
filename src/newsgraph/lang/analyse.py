"""One story in any language: which extractors run for it, and running them into the Article.

- English (and a Latin-script story too short or mixed to call) goes through the existing English stages,
  unchanged: `route` says "en" and the pipeline does what it always did.
- French, Spanish and Russian get the extractors of this package: entities, quotes, figures, places, dates
  and events, the same record types as English.
- Any other language, and a story whose language is undetermined in a non-Latin script, gets only the
  language-neutral ones (neutral.py): digit figures and gazetteer places in the story's own script. Its
  language is recorded, its text is searchable, and nothing is presented as understood.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from . import dates as dates_mod
from . import entities as entities_mod
from . import events as events_mod
from . import models, neutral
from . import quotes as quotes_mod
from . import tables as tables_mod
from .detect import UNDETERMINED, Detection, detect_full
from .figures import extract_figures
from .ldoc import LDoc, from_natasha, from_spacy

if TYPE_CHECKING:
    from ..geo.gazetteer import Gazetteer
    from ..model import Article, Figure, Place

log = logging.getLogger(__name__)

FULL = tuple(tables_mod.MODULES)  # ("fr", "es", "ru")
ENGLISH_EXTRACTORS = ("entities", "quotes", "figures", "places", "dates", "events")
FULL_EXTRACTORS = ("entities", "quotes", "figures", "places", "dates", "events")
NEUTRAL_EXTRACTORS = ("figures:digits", "places:gazetteer")


def route(det: Detection) -> str:
    """"en" (the English stages), "full" (this package's extractors) or "neutral" for a detected story."""
    if det.code == "en" or (det.code == UNDETERMINED and det.script in ("LATIN", "")):
        return "en"  # as before languages were detected: a short or mixed Latin-script story is read as English
    return "full" if det.code in FULL else "neutral"


def extractors_for(lang: str) -> tuple[str, ...]:
    """The extractors that run for a story in `lang` (ISO 639-1, or "und") when its model is installed and no
    stage is switched off; what did run is in the record's `extractors`, which `fill` and the pipeline set.
    "figures:digits" are numbers with no category; "places:gazetteer" are names the gazetteer knows."""
    if lang == "en":
        return ENGLISH_EXTRACTORS
    if lang in FULL:
        return FULL_EXTRACTORS
    return NEUTRAL_EXTRACTORS


_CAPS_WORD = re.compile(r"\b[^\W\d_]{2,}\b")


def model_text(text: str) -> str:
    """The text the taggers read: ALL-CAPS words of capital lines and datelines ("BAMAKO, 14 mars", "МОСКВА,
    5 марта") written Capitalised, as the taggers were trained on; same length, so offsets hold."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        letters = [ch for ch in line if ch.isalpha()]
        caps = len(letters) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
        head = re.match(r"^(\W*[^\W\d_]{2,}(?:[ -][^\W\d_]{2,}){0,2})(?=\s*[,(—–-])", line)
        end = len(line) if caps else (head.end(1) if head and head.group(1).isupper() else 0)
        if end:
            lines[i] = _CAPS_WORD.sub(lambda m: m.group()[0] + m.group()[1:].lower() if m.group().isupper()
                                      else m.group(), line[:end]) + line[end:]
    return "\n".join(lines)


def ldoc(text: str, lang: str) -> LDoc:
    """The story read by its language's model (loaded once per process)."""
    if lang == "ru":
        ld = from_natasha(models.natasha().doc(model_text(text)), lang)
    else:
        ld = from_spacy(models.spacy_model(lang)(model_text(text)), lang)
    ld.text = text  # the record's offsets are the story's own text, not the recased one
    return ld


def _not_nouns(ld: LDoc) -> frozenset[int]:
    return frozenset(tk.start for tk in ld.tokens if tk.pos in ("VERB", "AUX"))


def link_figure_places(figures: list[Figure], places: list[Place], ld: LDoc) -> None:
    """Each figure's place: the place its sentence names nearest after it, else before it (as English does)."""
    for fig in figures:
        si = ld.sent_of(fig.span[0])
        s0, s1 = ld.sents[si] if ld.sents else (0, len(ld.text))
        best: tuple[int, str] | None = None
        for p in places:
            for s, e in p.mentions:
                if s0 <= s and e <= s1:
                    dist = s - fig.span[1] if s >= fig.span[1] else (fig.span[0] - e) * 2
                    if best is None or dist < best[0]:
                        best = (dist, p.id)
        if best is not None:
            fig.place = best[1]


def fill_full(article: Article, lang: str, gaz: Gazetteer | None = None) -> None:
    """Entities, places, quotes, figures, dates and events of a French, Spanish or Russian story."""
    if gaz is None:
        from ..geo.gazetteer import get_gazetteer

        gaz = get_gazetteer()
    t = tables_mod.get(lang)
    ld = ldoc(article.text, lang)
    article.entities, article.places, persons = entities_mod.extract(ld, t, gaz)
    article.quotes = quotes_mod.extract_quotes(ld, t, article.entities, persons)
    article.figures = extract_figures(article.text, t, _not_nouns(ld))
    link_figure_places(article.figures, article.places, ld)
    if not article.published:
        article.published = dates_mod.dateline(article.text, t)
    found = dates_mod.find_dates(article.text, t, article.published)
    article.events = events_mod.extract_events(ld, t, article.id, article.figures, article.places, article.quotes,
                                               found, article.published)


def fill_neutral(article: Article, lang: str, gaz: Gazetteer | None = None) -> None:
    """Digit figures and gazetteer places: all that is read of a language without extractors."""
    if gaz is None:
        from ..geo.gazetteer import get_gazetteer

        gaz = get_gazetteer()
    article.entities, article.quotes, article.events = [], [], []
    article.figures = neutral.figures(article.text)
    article.places = neutral.places(article.text, gaz, lang)


def fill(article: Article, detection: Detection | None = None, *, missing: str = "error",
         gaz: Gazetteer | None = None) -> tuple[str, ...]:
    """Fill a non-English story's record and set its language; returns the extractors that ran.

    `missing`: what a story whose language needs an uninstalled model gets: "error" raises
    LanguageModelError naming the extra to install; "neutral" reads it language-neutrally and logs that once."""
    det = detection or detect_full(article.text)
    article.language = det.code
    ran: tuple[str, ...] = NEUTRAL_EXTRACTORS
    if route(det) == "full":
        if models.available(det.code):
            fill_full(article, det.code, gaz)
            ran = FULL_EXTRACTORS
        elif missing == "error":
            raise models.LanguageModelError(models.missing_message(det.code))
        else:
            _warn_once(det.code)
    if ran is NEUTRAL_EXTRACTORS:
        fill_neutral(article, det.code, gaz)
    # The record says what really read it: a French story whose model is missing lists the neutral ones.
    article.extractors = list(ran)
    return ran


_warned: set[str] = set()


def _warn_once(code: str) -> None:
    if code not in _warned:
        _warned.add(code)
        log.warning("%s", models.missing_message(code))
