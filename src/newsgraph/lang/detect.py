"""Which language a story is written in: `detect(text) -> (code, confidence)`, "und" when unsure.

py3langid (a naive Bayes over byte n-grams, BSD-3) does the scoring, restricted to the languages news is
commonly written in: its full set of 97 includes small languages (Volapük, Latin, Occitan...) that win on
short texts by accident ("Putin spoke." scores as Finnish). Around it:

- only prose lines vote when the story has enough of them: menus, share buttons and bylines left in a
  scrape are short English lines that would otherwise pull a short French story towards English;
- the script decides first when it is not Latin: a Cyrillic story is chosen among Cyrillic languages only,
  so a Russian story quoting an English name stays Russian;
- confidence is the classifier's probability discounted for short texts (its probabilities are calibrated
  by length already, but a 3-word headline is still a guess), and "und" is the answer below MIN_CONFIDENCE.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
MIN_CONFIDENCE = 0.6
# Fewer letters than this is a headline or a caption: nothing to decide on.
MIN_LETTERS = 12
# Letters at which a text counts as long enough for its probability to be taken as is.
FULL_LETTERS = 60

# ISO 639-1 codes py3langid knows, kept to the languages of the world's news wires and national press.
LATIN = ("en", "fr", "es", "pt", "de", "it", "nl", "ca", "gl", "ro", "pl", "cs", "sk", "sl", "hr", "bs", "hu",
         "sv", "da", "no", "nb", "fi", "et", "lv", "lt", "tr", "az", "id", "ms", "tl", "sw", "vi", "sq", "af",
         "is", "ga", "cy", "eu", "mt")
CYRILLIC = ("ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn")
ARABIC = ("ar", "fa", "ur", "ps")
OTHER = ("el", "he", "hi", "mr", "ne", "bn", "pa", "gu", "ta", "te", "kn", "ml", "si", "th", "lo", "km", "my",
         "ka", "hy", "am", "zh", "ja", "ko")
_SCRIPTS = {"LATIN": LATIN, "CYRILLIC": CYRILLIC, "ARABIC": ARABIC}

# Function words, written from grammar: a short text whose classifier guess is backed by two or more of its
# language's function words is read as if it were longer (see detect_full).
FUNCTION_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "en": "the of and to in is was were that with for on at by from has have had said he she they it not",
    "fr": "le la les des du un une et est sont a ont été dans pour sur par avec qui que il elle ils au aux pas ne",
    "es": "el la los las del un una y es son fue han ha en para por con que se lo al no su sus dijo",
    "pt": "o a os as do da dos das um uma e é são foi em no na nos nas para por com que não ao pelo pela",
    "it": "il lo la gli le del della un una e è sono stato in per con che non di da al alla",
    "de": "der die das den dem des ein eine und ist sind war wurde in mit für auf von zu nicht sich",
    "ru": "и в во на не что с со по к из за от он она они это был была были его её как для у о",
}.items()}
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PROSE_END = re.compile(r"[.!?»\"”:]\s*$")
_lock = threading.Lock()


@dataclass(frozen=True)
class Detection:
    code: str  # ISO 639-1, or "und"
    confidence: float
    script: str  # dominant script: LATIN, CYRILLIC, ARABIC, other Unicode script names, or "" when none
    best: str  # the classifier's best guess even when `code` is "und"


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The Unicode script of a letter, from its name: 'LATIN SMALL LETTER E' -> 'LATIN'."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    first = name.split(" ", 1)[0]
    return "HAN" if first == "CJK" else first


def dominant_script(text: str) -> tuple[str, int]:
    """The script most letters of `text` are written in, and the number of letters."""
    # ASCII letters counted at C speed: every story passes here, and most are English.
    n = len(_ASCII_LETTER.findall(text))
    counts: dict[str, int] = {"LATIN": n} if n else {}
    for ch in _NON_ASCII.findall(text):
        if ch.isalpha():
            n += 1
            s = script_of(ch)
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return "", 0
    return max(counts.items(), key=lambda kv: kv[1])[0], n


@lru_cache(maxsize=1)
def _full_identifier() -> Any:
    """py3langid's model over all its languages, read once: reading it (an lzma file) takes about 0.45 s, and each
    script's language set used to read it again (one Cyrillic or Greek page in a run paid that on top of the
    Latin set's)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=8)
def _identifier(langs: tuple[str, ...]) -> Any:
    from py3langid.langid import LanguageIdentifier

    # A new identifier over the full model's arrays (never restricted itself), restricted to `langs`:
    # set_languages slices its own copies and leaves the arrays it was built from alone.
    full = _full_identifier()
    ident = LanguageIdentifier(full.nb_ptc, full.nb_pc, full.nb_classes, full.tk_nextmove, full.tk_output,
                               norm_probs=True, tk_row=full.tk_row)
    ident.set_languages([lang for lang in langs if lang in set(ident.nb_classes)])
    return ident


def _prose(text: str) -> str:
    """The lines that read as sentences, when they make enough of the text to decide on; else the text."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    prose = [ln for ln in lines if len(ln.split()) >= 8 or (len(ln.split()) >= 4 and _PROSE_END.search(ln))]
    joined = "\n".join(prose)
    return joined if sum(ch.isalpha() for ch in joined) >= 2 * FULL_LETTERS else text


# 2,000 characters are a few paragraphs, more than the classifier needs; each story pays for what is read
# (5,000 cost 2.9 ms a story against 1.2 ms, session 8).
def detect_full(text: str, max_chars: int = 2000) -> Detection:
    """Language, confidence, script and best guess of a story (its first `max_chars` characters)."""
    sample = _prose(text[:max_chars])
    script, letters = dominant_script(sample)
    if letters < MIN_LETTERS:
        return Detection(UNDETERMINED, 0.0, script, UNDETERMINED)
    langs = _SCRIPTS.get(script, OTHER)
    with _lock:  # py3langid's identifier keeps no per-call state, but set_languages swaps its arrays
        ranked = _identifier(langs).rank(sample)
    best, p = ranked[0]
    words = _WORD.findall(sample[:2000].lower())
    hits = sum(w in FUNCTION_WORDS.get(best, ()) for w in words)
    backed = letters + (15 * hits if hits >= 2 else 0)
    conf = float(p) * min(1.0, backed / FULL_LETTERS) ** 0.5
    code = best if conf >= MIN_CONFIDENCE else UNDETERMINED
    return Detection(code, round(conf, 3), script, best)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of `text`; ("und", confidence) when unsure."""
    d = detect_full(text)
    return d.code, d.confidence
