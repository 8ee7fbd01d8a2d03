"""Stories in languages other than English: detection, and extractors for French, Spanish and Russian.

    from newsgraph import lang

    code, confidence = lang.detect(text)          # ("fr", 0.93); ("und", ...) when unsure
    det = lang.detect_full(text)                  # with the script and the best guess
    lang.route(det)                               # "en" | "full" | "neutral"
    lang.extractors_for("pt")                     # ("figures:digits", "places:gazetteer")
    lang.fill(article, det)                       # fills a non-English Article, sets its language

Models are optional extras (`newsgraph[fr]`, `[es]`, `[ru]`, `[languages]`; see scripts/install_languages.sh),
loaded lazily once per process; a story whose language needs one that is missing raises LanguageModelError
naming the extra (or, with `fill(..., missing="neutral")`, is read language-neutrally).
"""

from __future__ import annotations

from .analyse import FULL, extractors_for, fill, model_text, route
from .detect import UNDETERMINED, Detection, detect, detect_full
from .models import LanguageModelError, available

__all__ = ["FULL", "UNDETERMINED", "Detection", "LanguageModelError", "available", "detect", "detect_full",
           "extractors_for", "fill", "model_text", "route"]
