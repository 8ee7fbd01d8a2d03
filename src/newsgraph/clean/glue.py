"""Glued words: a link's lost space ("Moscowsaid", "New Yorkwould", "reportpublished") repaired.

A scrape drops the space after a link's text, so the link's last word runs into the next word. The glued
token is rare or unknown as a whole, and splits into a word (or a name the document uses elsewhere) and a
lowercase word. Brands, names and closed compounds look the same ("Sonicare", "Budlong", "Raincover",
"stockmarket"), so each possible split is scored by boosted trees (data/clean_glue.json, trained by
benchmarks/train_glue.py on glue inserted into development texts against the rare tokens of the same
clean texts and pages, with monotone constraints) over features of shape, word frequency and the document:
- how common each half and the whole are (wordfreq), their lengths, the token's case pattern, how many
  English words end with the right half or hold the letters across the cut;
- whether the left half stands alone elsewhere in the document (a linked name is mentioned again), whether
  the token or its plural is repeated (a brand is named again, a glue accident is not), and how English
  the document is (no split at all in other languages);
- whether a half is a function word, a name ending ("-son", "-wood"), a word-forming affix or inflected.
A split is made when its probability clears a threshold (one for capitalised tokens, one for lowercase),
set by the training script so that clean text gets under one false split per 100,000 words.
Coupled to the pipeline: run before spaCy (clean/story.py) so the repaired name is recognised.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

import numpy as np

from ..model import Repair
from .trees import Forest
from .words import _table, freq

# A word of letters (an apostrophe allowed for "isn't") ending in lowercase: the right half of a glue is the
# next word, which is lowercase. Not inside an address, handle, domain ("softwareadvice.com") or hyphenated
# word, nor a call in code ("nameof(").
_TOKEN = re.compile(r"(?<![\w’'@#/.-])[A-Za-z]*[a-z](?:[’'][a-z]+)?(?![\w’'@/(\[-]|\.\w)")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")
# A negated auxiliary ("isn’t", "won’t") ends no English word or name but itself: a rare token made of a
# known word and one is a lost space whatever the model says (no such token in the tune part's clean text).
_NEGATION = re.compile(r"(?:is|was|are|were|has|have|had|do|does|did|wo|would|could|should|ca|must|need)n[’']t")

MIN_LEN = 5  # "Kyivis"; an acronym's glue may be shorter ("AIto")
WHOLE_MAX = 1e-7  # a token this common as a whole (zipf 2) is a word; wordfreq lists some web glue below it
LEFT_MIN = 1e-7  # a left half this rare is known only when the document uses it alone
RIGHT_MIN = 1e-6  # the right half is the next word: an ordinary word
# The word list is English: no split in a document where under ENGLISH_MIN of the words are the commonest
# English words (English prose has about 0.2; the development sets' other languages 0.00-0.08).
ENGLISH_MIN = 0.1
SHAPE_MIN_WORDS = 50  # shorter texts are taken as English prose
# Common words that are also common endings of names and brands ("Sonicare", "Budlong", "Elementor"), and
# English suffixes that happen to be words ("Deskless"): a feature, since names glued to "in" or "and" occur.
_NAME_ENDINGS = frozenset(
    "are ere ore ire or er en an in on un a e o i y ly ty man men son ton land line long back way well "
    "ville town ford field wood worth ham ley dale burg berg stein ware works soft net link point care "
    "book books hub lab labs box go one all out up lot less ness ful ship hood wise ward wards like".split()
)
# Word-forming suffixes and prefixes that are words or common parts ("Explainability", "Prearrange",
# "electromobility"): a split there breaks a derived word.
_SUFFIXES = frozenset(
    "able ability ably ible age ages ance ant ants ate ates ation ations ion ions ism isms ist ists ity ive "
    "ives ize izes ized ise ises ised ment ments ness some ster sters dom let lets ling lings ology".split()
)
_PREFIXES = frozenset(
    "pre re un non anti over under electro micro multi bio eco geo auto co de dis mis sub super inter trans "
    "semi mid post cyber hyper mega mini neo pro pseudo tele ultra out up down counter extra infra intra "
    "macro meta mono poly photo thermo hydro aero agro nano tri uni".split()
)
# The commonest English words: a document's share of them tells English prose from other languages and code.
_ENGLISH = ("the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "with", "on", "as", "was", "are")
# Closed-class English words: after a link's text the next word is often one of these, while the second
# part of a closed compound or a brand rarely is; and a link's text seldom ends on one ("Sheon").
_FUNCTION = frozenset(
    "a an the and or but nor so yet if as at by for from in into of off on onto out over to up upon via with "
    "about above after against along among around before behind below between beyond despite during except "
    "inside near since than through toward towards under until within without is isn't was wasn't are aren't "
    "were weren't be been being am has hasn't have haven't had hadn't do does doesn't did didn't will won't "
    "would wouldn't shall should shouldn't can can't cannot could couldn't may might must it its this that "
    "these those he him his she her hers they them their we us our you your who whom whose which what when "
    "where why how said says also not no all any both each every some such there here then now just only "
    "even still already".split()
)


class DocCounts(Counter[str]):
    """Word counts of a document, measured once with its shape (the share of words that are
    English function words: German compounds and code identifiers split as easily as glue; and of camelCase
    identifiers) and its rare tokens, the only ones worth a look."""

    shape: tuple[float, float] | None = None
    rare: frozenset[str] | None = None


# The feature row of a split, in the order candidates() builds it (and data/clean_glue.json records).
FEATURES = (
    "kind", "zipf_left", "zipf_right", "zipf_whole", "len_left", "len_right", "left_alone", "left_other_case",
    "right_in_doc", "token_in_doc", "right_function", "left_function", "right_name_ending", "right_inflection",
    "left_inflection", "right_suffix", "left_prefix", "left_ends_vowel", "right_starts_vowel", "right_as_ending", "cut_in_words",
    "n_splits", "doc_english", "doc_camel", "token_family",
)


def doc_counts(text: str) -> DocCounts:
    """How often each word stands in a document: the context repair_glue weighs a split against."""
    ctx = DocCounts(_WORD.findall(text))
    ctx.shape = _shape_of(ctx)
    table = _table()
    # Every token repair_glue looks at is one of these words (_TOKEN's matches are whole _WORD matches).
    ctx.rare = frozenset(w for w in ctx if len(w) >= 4 and table.get(
        w.lower() if "’" not in w else w.lower().replace("’", "'"), 0.0) < WHOLE_MAX)
    return ctx


def _shape_of(ctx: Mapping[str, int]) -> tuple[float, float]:
    total = sum(ctx.values())
    if total < SHAPE_MIN_WORDS:
        return (0.2, 0.0)
    english = sum(ctx.get(w, 0) for w in _ENGLISH) / total
    return english, sum(n for w, n in ctx.items() if w[0].islower() and not w.islower()) / total


def _shape(ctx: Mapping[str, int]) -> tuple[float, float]:
    """(share of English function words, share of camelCase words) of the document; typical English prose
    values for a text too short to tell (a lone line or token)."""
    shape = getattr(ctx, "shape", None)
    return shape if shape is not None else _shape_of(ctx)


@lru_cache(maxsize=1)
def _model() -> tuple[Forest, tuple[float, ...]]:
    """The split model and its thresholds: for capitalised tokens, and for lowercase ones."""
    raw = json.loads(resources.files("newsgraph.data").joinpath("clean_glue.json").read_text("utf-8"))
    if tuple(raw["features"]) != FEATURES:
        raise RuntimeError("data/clean_glue.json was trained on other features: rerun benchmarks/train_glue.py")
    return Forest.from_json(raw["forest"]), tuple(float(c) for c in raw["thresholds"])


@lru_cache(maxsize=1)
def _shapes() -> tuple[Counter[str], Counter[str]]:
    """Over English words (zipf >= 2): how many end with each string of 2-7 letters, and how many contain
    each 4 letters. A split where many words end with the right half ("-on" in "Topicon") or whose 4 letters
    across the cut are common inside words ("icon") is likelier a word; "Koreaand" ("eaan") is not."""
    ends: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    for w, f in _table().items():
        if f < WHOLE_MAX or not w.isalpha():
            continue
        for k in range(2, min(8, len(w) - 1)):
            ends[w[-k:]] += 1
        for i in range(len(w) - 3):
            grams[w[i:i + 4]] += 1
    return ends, grams


def _zipf(f: float) -> float:
    return math.log10(f) + 9.0 if f > 0.0 else 0.0


def _count(ctx: Mapping[str, int], word: str) -> int:
    """Occurrences of a word in the document in any of its usual casings."""
    forms = {word, word.lower(), word[:1].upper() + word[1:].lower()}
    return sum(ctx.get(w, 0) for w in forms)


def _inflection(word: str) -> float:
    """1: -ed, 2: -ing, 3: -s, 4: -ly, else 0. A closed compound seldom starts with an inflected word
    ("scoresincreased", "reportedthat" are glue), and the word after a link is often a verb or an adverb."""
    for code, end in ((1, "ed"), (2, "ing"), (4, "ly"), (3, "s")):
        if word.endswith(end) and len(word) > len(end) + 2:
            return float(code)
    return 0.0


def _kind(token: str) -> int:
    """0: capitalised ("Moscowsaid"), 1: inner capitals ("USAsaid", "YouTubelive"), 2: lowercase, -1: other
    (camelCase identifiers: "createInstance")."""
    inner = any(c.isupper() for c in token[1:])
    if token[0].islower():
        return -1 if inner else 2
    return 1 if inner else 0


def candidates(token: str, ctx: Mapping[str, int]) -> list[tuple[str, str, list[float]]]:
    """Every plausible split of `token` into (left, right) with its feature row (FEATURES); [] when none."""
    fw = freq(token)
    kind = _kind(token)
    if kind < 0 or len(token) < (MIN_LEN if kind != 1 else 4) or fw >= WHOLE_MAX:
        return []
    english, camel = _shape(ctx)
    if english < ENGLISH_MIN:
        return []
    ends, grams = _shapes()
    # The right half is lowercase, so it starts after the token's last capital; an acronym may be two letters.
    first = max(2, max(i for i, c in enumerate(token) if c.isupper()) + 1) if kind == 1 else 3
    out: list[tuple[str, str, list[float]]] = []
    for i in range(first, len(token)):
        left, right = token[:i], token[i:]
        # Not inside a word of a CamelCase name ("ThoughtS|pot"), nor before an apostrophe.
        if right[0] in "’'" or (left[-1].isupper() and left[-2].islower()):
            continue
        # "a" after a lowercase word ("createa"); after a name it is more often the name's own end ("PCBa").
        if len(right) == 1 and (right != "a" or kind != 2):
            continue
        fl, fr = freq(left), freq(right)
        # Standing alone, or as a possessive ("Russia’s"), which doc_counts counts as one word.
        alone = ctx.get(left, 0) + ctx.get(left + "’s", 0) + ctx.get(left + "'s", 0)
        if fr < RIGHT_MIN or (fl < LEFT_MIN and alone == 0):
            continue
        rl, ll = right.lower().replace("’", "'"), left.lower()
        cut = token[max(0, i - 2):i + 2].lower()
        out.append((left, right, [
            kind, _zipf(fl), _zipf(fr), _zipf(fw), len(left), len(right), math.log2(1 + alone),
            math.log2(1 + _count(ctx, left) - ctx.get(left, 0)), math.log2(1 + _count(ctx, right)),
            _count(ctx, token), float(rl in _FUNCTION), float(ll in _FUNCTION), float(rl in _NAME_ENDINGS),
            _inflection(rl),
            _inflection(ll), float(rl in _SUFFIXES), float(ll in _PREFIXES), float(ll[-1] in "aeiouy"),
            float(rl[0] in "aeiouy"), math.log2(1 + ends[rl]), math.log2(1 + grams[cut]) if len(cut) == 4 else -1.0,
        ]))
    if out:
        # The token's own family in the document ("dataclass" beside "dataclasses"): a word, not an accident.
        family = sum(_count(ctx, v) for v in (token + "s", token + "es", token[:-1], token[:-2]) if v != token)
        for row in (c[2] for c in out):
            row.extend([len(out), english, camel, math.log2(1 + family)])
    return out


def score_splits(token: str, ctx: Mapping[str, int]) -> list[tuple[float, str, str]]:
    """(probability of a lost space, left, right) for every plausible split of `token`, best first."""
    cands = candidates(token, ctx)
    if not cands:
        return []
    z = _model()[0].logits(np.array([c[2] for c in cands]))
    probs = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return sorted(((float(p), c[0], c[1]) for p, c in zip(probs, cands, strict=True)), reverse=True)


def split_glued(token: str, context: Mapping[str, int] | None = None) -> str | None:
    """"left right" when `token` is a link's text glued to the next word, else None. `context`: word counts
    of the whole document (doc_counts); without it the token is judged on its own (only clear cases)."""
    if len(token) < 4 or _table().get(token.lower().replace("’", "'"), 0.0) >= WHOLE_MAX:
        return None  # the fast way out for nearly every word: a short or common one
    ctx = context if context is not None else doc_counts(token)
    scored = score_splits(token, ctx)
    if not scored:
        return None
    p, left, right = scored[0]
    if p >= _model()[1][int(_kind(token) == 2)] or _NEGATION.fullmatch(right):
        return f"{left} {right}"
    return None


def repair_glue(text: str, context: Mapping[str, int] | None = None) -> tuple[str, list[Repair]]:
    """`text` with glued tokens split, and a Repair for each. `context`: word counts of the whole document
    (doc_counts), which make the repair both safer and surer; without it the text itself is the context."""
    repairs: list[Repair] = []
    ctx = context if context is not None else doc_counts(text)
    rare = getattr(ctx, "rare", None)
    if rare is not None and not any(w in rare for w in _WORD.findall(text)):
        return text, repairs  # most lines: no rare token of the document in them
    table = _table()

    def fix(m: re.Match[str]) -> str:
        tok = m.group(0)
        # Most words are common: skip them before any call (cleaning must stay far cheaper than spaCy).
        if len(tok) < 4 or table.get(tok.lower().replace("’", "'"), 0.0) >= WHOLE_MAX:
            return tok
        new = split_glued(tok, ctx)
        if new is None:
            return tok
        repairs.append(Repair(tok, new))
        return new

    return _TOKEN.sub(fix, text), repairs
