"""Glued words: a link's lost space ("Moscowsaid", "New Yorkwould", "reportpublished") repaired.

A scrape drops the space after a link's text, so the link's last word runs into the next word. The glued
token is rare or unknown as a whole, and splits into a word (or a name the document uses elsewhere) and a
lowercase word. Brands, names and closed compounds look the same ("Sonicare", "Budlong", "Raincover",
"stockmarket"), so each possible split is scored by boosted trees (data/clean_glue.json, trained by
benchmarks/train_glue.py on glue inserted into development texts against the rare tokens of the same
clean texts and pages, with monotone constraints) over features of shape, word frequency and the document:
- how common each half and the whole are (wordfreq), their lengths, the token's case pattern, how many
  English words end with the right half or hold the letters across the cut;
- whether the left half stands alone elsewhere in the document (a linked name is mentioned again), how often
  the right half does in lowercase (the ordinary word after a link; English only), whether
  the token or its plural is repeated (a brand is named again, a glue accident is not), and how much of
  the document is its language's commonest words (code and other languages split as easily as glue);
- whether a half is a function word, a name ending ("-son", "-wood"), a word-forming affix or inflected;
- (English) how many common closed compounds end with the right half and start with the left ("workplace"),
  and where the token stands on its line: at its start, after a sentence's end, a word or a name, and
  before punctuation, a word or the line's end (position(); repair_glue reads it from the text).
A split is made when its probability clears a threshold (one for capitalised tokens, one for lowercase),
set by the training script so that clean text gets under one false split per 100,000 words. A document whose
other tokens already show the scraper's lost spaces (link_glue(): two or more clear the thresholds) gets
thresholds with their odds divided by LINK_GLUE_ODDS: the model was trained on one glue at a time, and a
scraper that drops one link's space drops them all. Clean text almost never has two such tokens, so its false
splits stay where they were.
French, Spanish and Russian documents are judged the same way against their own language's word list and
closed classes (clean/glue_words.py) by a second model (data/clean_glue_lang.json, benchmarks/
train_glue_lang.py: one model for the three, each with its own thresholds), which also reads whether the
letters across the cut are a common ending ("accederlos") and whether the cut changes script ("Appleдля").
The language is the document's by newsgraph's detector (clean/__init__.py passes it; doc_counts runs the
detector itself only for a text that does not read as English); any other language gets no split.
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
from . import glue_words
from .glue_words import ENGLISH, LEXICONS, Lexicon, in_script, inflection
from .trees import Forest

# A negated auxiliary ("isn’t", "won’t") ends no English word or name but itself: a rare token made of a
# known word and one is a lost space whatever the model says (no such token in the tune part's clean text).
_NEGATION = re.compile(r"(?:is|was|are|were|has|have|had|do|does|did|wo|would|could|should|ca|must|need)n[’']t")

MIN_LEN = 5  # "Kyivis"; an acronym's glue may be shorter ("AIto")
WHOLE_MAX = glue_words.WHOLE_MAX  # a token this common as a whole (zipf 2) is a word
LEFT_MIN = 1e-7  # a left half this rare is known only when the document uses it alone
RIGHT_MIN = 1e-6  # the right half is the next word: an ordinary word
# The word list is the document's language's: no split in a document where under ENGLISH_MIN of the words
# are its language's commonest words (English prose has about 0.2; the development sets' other languages
# 0.00-0.08 of English ones).
ENGLISH_MIN = 0.1
SHAPE_MIN_WORDS = 50  # shorter texts are taken as prose in their language
# Kept under their old names: the English lists (glue_words.ENGLISH) the English model was trained with.
_TOKEN = ENGLISH.token
_WORD = ENGLISH.word
_FUNCTION = ENGLISH.function


class DocCounts(Counter[str]):
    """Word counts of a document, measured once with its language (a glue_words.LEXICONS key), its shape
    (the share of words that are the language's commonest words: German compounds and code identifiers split
    as easily as glue; and of camelCase identifiers) and its rare tokens, the only ones worth a look."""

    shape: tuple[float, float] | None = None
    rare: frozenset[str] | None = None
    lang: str = "en"
    text: str = ""  # the document itself, where link_glue() looks for the scraper's other glue
    sure: frozenset[str] | None = None  # link_glue()'s answer, once asked
    memo: dict[tuple[str, tuple[int, int]], tuple[float, str, str] | None] | None = None  # _best()'s answers


# The feature row of a split, in the order candidates() builds it (and data/clean_glue*.json record).
FEATURES = (
    "kind", "zipf_left", "zipf_right", "zipf_whole", "len_left", "len_right", "left_alone", "left_other_case",
    "right_in_doc", "token_in_doc", "right_function", "left_function", "right_name_ending", "right_inflection",
    "left_inflection", "right_suffix", "left_prefix", "left_ends_vowel", "right_starts_vowel", "right_as_ending",
    "cut_in_words", "n_splits", "doc_english", "doc_camel", "token_family",
)
# The other languages' model also reads how many of the language's words end with the letters across the
# cut (a productive ending: Spanish "accederlos", French "recompilera", Russian "дистрибутиву" are one word
# whose ending is also a word: "los", "a", "у"), and whether the cut changes script ("Appleдля").
LANG_FEATURES = (*FEATURES, "cut_as_ending", "script_change")
# The English model (data/clean_glue.json) reads all of those and one more column, on English rows only: how
# often the right half stands alone in the document exactly as written, in lowercase. right_in_doc counts it in
# every casing (a heading's "Care" counts for "Sonicare"'s tail); the lowercase count alone tells the ordinary
# word a link's text ran into better: with it glue_eval's measure part rose from recall .739 to .776 at the
# same 8 false splits (train_glue.py's default settings; lowercase glue .772 -> .847).
# Then four more (data/clean_glue.json may be trained on the first columns alone; the model reads as many as it
# was trained on): how many common closed compounds end with the right half ("workplace", "fireplace" for
# "place") and start with the left half (COMPOUND_PART: a compound is a word made of two common words, so a
# token whose halves often make words is likelier one), and where the token stands on its line: what comes
# before it and what after (position(): a link's text glued to the next word is followed by more of the
# sentence, and opens a line or follows a word). Each pays on glue_eval's measure part (recall at 8 false
# splits, thresholds set on the part itself, benchmarks/glue_curve.py): all four .859; without prev_shape
# .818, without next_shape .825, without the compound counts .829; none of them .780 (train_glue defaults).
EN_FEATURES = (*LANG_FEATURES, "right_lower_alone", "right_compound", "left_compound", "prev_shape", "next_shape")
# The position of a token whose line is not known: mid-sentence, after and before a lowercase word.
MID_SENTENCE = (2, 2)
# A scraper that drops the space after one link drops it after every link: in a document where LINK_GLUE_MIN
# other tokens already clear the thresholds, a lost space is likelier by LINK_GLUE_ODDS than the model's training
# mix says, and the thresholds' odds are divided by that (English: .980/.952 -> .926/.832; the same for French,
# Spanish and Russian, whose glue_eval recall rose as English's did, benchmarks/glue_eval.py). Read off lines_eval's
# run-together documents of the train and tune parts, glue model alone (benchmarks/glue_misses.py --odds F
# --min-other K): glue found / splits of non-gold tokens per 100k words, train and tune,
#   no evidence (F 1)  80.6% 81.5% / 11.0 11.5
#   F 3                86.6% 86.7% / 12.2 12.4
#   F 4                87.7% 87.3% / 12.8 13.1
#   F 5                88.4% 88.1% / 13.2 13.7
# Past 3 each step buys under a point for about half a split more; about half of the new splits are real glue on
# furniture lines (glue_misses' gold list has only body lines' glue). K: 1 gives 87.8% 87.5% / 13.0 13.1, 3 gives
# 87.5% 87.1% / 12.8 13.1; 2, not 1, so that a clean document's single false split (about one per 100,000 words)
# cannot lower the bar for the rest of it.
LINK_GLUE_MIN = 2
LINK_GLUE_ODDS = 4.0
# A compound's halves are common words (zipf >= 4.5, "work", "place", not "ace") of 3+ letters, and the
# compound is a word (zipf >= 2, WHOLE_MAX). Set once, not tuned.
COMPOUND_PART = 10 ** -4.5


def doc_counts(text: str, lang: str | None = None) -> DocCounts:
    """How often each word stands in a document: the context repair_glue weighs a split against. `lang`:
    the document's language (the pipeline passes the detector's); None: English when the text reads as
    English, else the project's detector decides (fr, es, ru have word lists; any other language is judged
    with the English list, which declines to split it)."""
    lx = LEXICONS.get(lang or "", None) or _guess_lexicon(text)
    ctx = DocCounts(lx.word.findall(text))
    ctx.lang = lx.code
    ctx.text = text
    ctx.memo = {}
    ctx.shape = _shape_of(ctx, lx)
    table = lx.table()
    # Every token repair_glue looks at is one of these words (the token's matches are whole word matches).
    ctx.rare = frozenset(w for w in ctx if _worth_a_look(w, table))
    return ctx


def _worth_a_look(token: str, table: Mapping[str, float]) -> bool:
    """A token of 4+ letters that the language's word list (`table`) does not know as a common word: the only
    kind a split is looked for in. Most words are common, so this is asked before any scoring (cleaning must
    stay far cheaper than spaCy)."""
    return len(token) >= 4 and table.get(token.lower().replace("’", "'"), 0.0) < WHOLE_MAX


def _looks_rare(token: str, ctx: Mapping[str, int], table: Mapping[str, float]) -> bool:
    """_worth_a_look(token, table), from the document's rare words when the token is one of its words (most
    tokens are: the answer is then one lookup, not a lower-cased copy of each)."""
    rare = getattr(ctx, "rare", None)
    if rare is not None and token in ctx:
        return token in rare
    return _worth_a_look(token, table)


def _guess_lexicon(text: str) -> Lexicon:
    """English for a text that reads as English prose (no detector run: most documents); else the
    detector's language when it has a lexicon."""
    en = ENGLISH.word.findall(text)
    if len(en) >= SHAPE_MIN_WORDS and _shape_of(Counter(en), ENGLISH)[0] >= ENGLISH_MIN:
        return ENGLISH
    from ..lang import detect_full

    return LEXICONS.get(detect_full(text).code, ENGLISH)


def _shape_of(ctx: Mapping[str, int], lx: Lexicon = ENGLISH) -> tuple[float, float]:
    total = sum(ctx.values())
    if total < SHAPE_MIN_WORDS:
        return (0.2, 0.0)
    common = sum(ctx.get(w, 0) + (ctx.get(w.capitalize(), 0) if lx is not ENGLISH else 0) for w in lx.common)
    return common / total, sum(n for w, n in ctx.items() if w[0].islower() and not w.islower()) / total


def _shape(ctx: Mapping[str, int], lx: Lexicon = ENGLISH) -> tuple[float, float]:
    """(share of the language's commonest words, share of camelCase words) of the document; typical prose
    values for a text too short to tell (a lone line or token)."""
    shape = getattr(ctx, "shape", None)
    return shape if shape is not None else _shape_of(ctx, lx)


def _lexicon(ctx: Mapping[str, int] | None) -> Lexicon:
    return LEXICONS.get(getattr(ctx, "lang", "en"), ENGLISH)


@lru_cache(maxsize=4)
def _model(lang: str = "en") -> tuple[Forest, tuple[float, ...], int]:
    """The split model of a language and its thresholds: English (data/clean_glue.json), for capitalised
    tokens and for lowercase ones; French, Spanish, Russian (data/clean_glue_lang.json: one model,
    benchmarks/train_glue_lang.py), per language for capitalised, inner-capital and lowercase tokens; and how
    many of the feature row's first columns the model was trained on."""
    name = "clean_glue.json" if lang == "en" else "clean_glue_lang.json"
    raw = json.loads(resources.files("newsgraph.data").joinpath(name).read_text("utf-8"))
    known = EN_FEATURES if lang == "en" else LANG_FEATURES
    if tuple(raw["features"]) != known[:len(raw["features"])]:
        raise RuntimeError(f"data/{name} was trained on other features: rerun its training script")
    if lang == "en":
        return Forest.from_json(raw["forest"]), tuple(float(c) for c in raw["thresholds"]), len(raw["features"])
    forest = raw["forests"].get(lang, raw["forests"].get("*"))
    return Forest.from_json(forest), tuple(float(c) for c in raw["thresholds"][lang]), len(raw["features"])


@lru_cache(maxsize=1)
def _compounds() -> tuple[Counter[str], Counter[str]]:
    """Over English words: how many compounds start with each common word, how many end with each."""
    table = ENGLISH.table()
    starts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for w, f in table.items():
        if f < WHOLE_MAX or len(w) < 6 or not w.isalpha():
            continue
        for i in range(3, len(w) - 2):
            if table.get(w[:i], 0.0) >= COMPOUND_PART and table.get(w[i:], 0.0) >= COMPOUND_PART:
                starts[w[:i]] += 1
                ends[w[i:]] += 1
    return starts, ends


_SENTENCE_END = re.compile(r"[.!?:;][\"”’)]?\s+$")


# The last part of a hyphenated word ("push-upswith", the link's text "push-ups" run into "with") stands where
# the whole word stands. Not a dotted one's: "said.Kyivwas" follows a sentence's end, and reading "Booking.comhad"
# from "Booking" instead moved no lines_eval figure.
_COMPOUND_HEAD = re.compile(r"\S*[A-Za-z]-$")


def position(text: str, start: int, end: int) -> tuple[int, int]:
    """Where text[start:end] stands on its line: (before, after). Before: 0 the line's start, 1 a sentence's
    end, 2 a lowercase word or a comma, 3 a capitalised word, 4 anything else. After: 0 the line's end,
    1 punctuation, 2 a lowercase word, 3 a capitalised word, 4 anything else."""
    stop = text.find("\n", end)
    head, tail = text[text.rfind("\n", 0, start) + 1:start], text[end:stop if stop >= 0 else len(text)]
    head = _COMPOUND_HEAD.sub("", head)
    if not head.strip():
        before = 0
    elif _SENTENCE_END.search(head[-4:]):
        before = 1
    else:
        last = head.rstrip()[-1]
        word = head.split()[-1] if head[-1:].isspace() else ""
        before = 3 if word[:1].isupper() else 2 if last.islower() or last == "," else 4
    if not tail.strip():
        return before, 0
    nxt = tail.lstrip()[0]
    if not tail[0].isspace():
        return before, 1 if not nxt.isalnum() else 4
    return before, 2 if nxt.islower() else 3 if nxt.isupper() else 4


def _zipf(f: float) -> float:
    return math.log10(f) + 9.0 if f > 0.0 else 0.0


def _count(ctx: Mapping[str, int], word: str) -> int:
    """Occurrences of a word in the document in any of its usual casings."""
    forms = {word, word.lower(), word[:1].upper() + word[1:].lower()}
    return sum(ctx.get(w, 0) for w in forms)


def _kind(token: str) -> int:
    """0: capitalised ("Moscowsaid"), 1: inner capitals ("USAsaid", "YouTubelive"), 2: lowercase, -1: other
    (camelCase identifiers: "createInstance")."""
    inner = any(c.isupper() for c in token[1:])
    if token[0].islower():
        return -1 if inner else 2
    return 1 if inner else 0


def _script(ch: str) -> int:
    """0 Latin (and anything else), 1 Cyrillic."""
    return int("\u0400" <= ch <= "\u04ff")


def _single_ok(right: str, kind: int, lx: Lexicon) -> bool:
    """May a one-letter right half stand? English: "a" after a lowercase word ("createa"); after a name it is
    more often the name's own end ("PCBa"). Elsewhere a one-letter function word after any token ("Moscoua":
    "a" is French "has"), left to the model and the language's thresholds."""
    if lx is ENGLISH:
        return right == "a" and kind == 2
    return right in lx.singles


def candidates(token: str, ctx: Mapping[str, int], where: tuple[int, int] = MID_SENTENCE
                ) -> list[tuple[str, str, list[float]]]:
    """Every plausible split of `token` into (left, right) with its feature row (FEATURES; EN_FEATURES in
    English); [] when none. `where`: the token's position() on its line."""
    lx = _lexicon(ctx)
    fw = lx.freq(token)
    kind = _kind(token)
    if kind < 0 or len(token) < (MIN_LEN if kind != 1 else 4) or fw >= WHOLE_MAX:
        return []
    if lx is not ENGLISH and not in_script(lx, token):
        return []
    english, camel = _shape(ctx, lx)
    if english < ENGLISH_MIN:
        return []
    ends, grams = lx.shapes()
    # The right half is lowercase, so it starts after the token's last capital; an acronym may be two letters.
    first = max(2, max(i for i, c in enumerate(token) if c.isupper()) + 1) if kind == 1 else 3
    out: list[tuple[str, str, list[float]]] = []
    for i in range(first, len(token)):
        left, right = token[:i], token[i:]
        # Not inside a word of a CamelCase name ("ThoughtS|pot"), nor before an apostrophe.
        if right[0] in "’'" or (left[-1].isupper() and left[-2].islower()):
            continue
        if len(right) == 1 and not _single_ok(right, kind, lx):
            continue
        fl, fr = lx.freq(left), lx.freq(right)
        # Standing alone, or as a possessive ("Russia’s"), which doc_counts counts as one word.
        alone = ctx.get(left, 0) + ctx.get(left + "’s", 0) + ctx.get(left + "'s", 0)
        if fr < RIGHT_MIN or (fl < LEFT_MIN and alone == 0):
            continue
        rl, ll = right.lower().replace("’", "'"), left.lower()
        cut = token[max(0, i - 2):i + 2].lower()
        out.append((left, right, [
            kind, _zipf(fl), _zipf(fr), _zipf(fw), len(left), len(right), math.log2(1 + alone),
            math.log2(1 + _count(ctx, left) - ctx.get(left, 0)), math.log2(1 + _count(ctx, right)),
            _count(ctx, token), float(rl in lx.function), float(ll in lx.function), float(rl in lx.name_endings),
            inflection(lx, rl), inflection(lx, ll), float(rl in lx.suffixes), float(ll in lx.prefixes),
            float(ll[-1] in lx.vowels), float(rl[0] in lx.vowels), math.log2(1 + ends[rl]),
            math.log2(1 + grams[cut]) if len(cut) == 4 else -1.0,
        ]))
    if out:
        # The token's own family in the document ("dataclass" beside "dataclasses"): a word, not an accident.
        family = sum(_count(ctx, v) for v in (token + "s", token + "es", token[:-1], token[:-2]) if v != token)
        for left, right, row in out:
            across = (left[-2:] + right).lower()
            row.extend([len(out), english, camel, math.log2(1 + family), math.log2(1 + ends.get(across, 0)),
                        float(_script(left[-1]) != _script(right[0]))])
            if lx is ENGLISH:  # the other languages' model was trained on LANG_FEATURES alone
                starts, ends_w = _compounds()
                row.extend([math.log2(1 + ctx.get(right, 0)), math.log2(1 + ends_w[right.lower()]),
                            math.log2(1 + starts[left.lower()]), *where])
    return out


def score_splits(token: str, ctx: Mapping[str, int], where: tuple[int, int] = MID_SENTENCE
                 ) -> list[tuple[float, str, str]]:
    """(probability of a lost space, left, right) for every plausible split of `token`, best first. `where`:
    the token's position() on its line."""
    cands = candidates(token, ctx, where)
    if not cands:
        return []
    probs = _split_probs([c[2] for c in cands], _lexicon(ctx))
    return sorted(((p, c[0], c[1]) for p, c in zip(probs, cands, strict=True)), reverse=True)


def _split_probs(rows: list[list[float]], lx: Lexicon) -> list[float]:
    """The language's model's probability of a lost space for each feature row, in one pass of the trees."""
    forest, _, width = _model(lx.code)
    z = forest.logits(np.array([r[:width] for r in rows]))
    return (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).tolist()


def split_glued(token: str, context: Mapping[str, int] | None = None, where: tuple[int, int] = MID_SENTENCE
                ) -> str | None:
    """"left right" when `token` is a link's text glued to the next word, else None. `context`: word counts
    of the whole document (doc_counts); without it the token is judged on its own (only clear cases).
    `where`: the token's position() on its line."""
    lx = _lexicon(context)
    if len(token) < 4 or lx.freq(token) >= WHOLE_MAX:
        return None  # the fast way out for nearly every word: a short or common one
    ctx = context if context is not None else doc_counts(token, "en")
    best = _best(token, ctx, where)
    if best is None:
        return None
    cut = _cut(token, lx)
    if _clears(best, cut, lx):
        return f"{best[1]} {best[2]}"
    odds = cut / (1.0 - cut) / LINK_GLUE_ODDS
    # The document's other glue is looked for only when it could matter (most tokens score far from the cut).
    if best[0] >= odds / (1.0 + odds) and len(link_glue(ctx) - {token}) >= LINK_GLUE_MIN:
        return f"{best[1]} {best[2]}"
    return None


def _best(token: str, ctx: Mapping[str, int], where: tuple[int, int]) -> tuple[float, str, str] | None:
    """score_splits' best split, kept in a DocCounts: link_glue() and the repair of each line ask for the same
    tokens at the same places."""
    memo = getattr(ctx, "memo", None)
    if memo is not None and (token, where) in memo:
        return memo[(token, where)]
    scored = score_splits(token, ctx, where)
    best = scored[0] if scored else None
    if memo is not None:
        memo[(token, where)] = best
    return best


def _cut(token: str, lx: Lexicon) -> float:
    """The model's threshold for `token`: one per kind (capitalised, with inner capitals, lowercase) or two
    (capitalised with or without inner capitals, lowercase)."""
    cuts = _model(lx.code)[1]
    return cuts[_kind(token) if len(cuts) == 3 else int(_kind(token) == 2)]


def _clears(best: tuple[float, str, str], cut: float, lx: Lexicon) -> bool:
    return best[0] >= cut or (lx is ENGLISH and _NEGATION.fullmatch(best[2]) is not None)


def _score_all(keys: list[tuple[str, tuple[int, int]]], ctx: DocCounts
               ) -> dict[tuple[str, tuple[int, int]], tuple[float, str, str] | None]:
    """_best() of many (token, position) pairs, all scored in one pass of the trees rather than one pass per
    token, kept in ctx.memo."""
    memo = ctx.memo if ctx.memo is not None else {}
    rows: list[list[float]] = []
    owned: list[tuple[tuple[str, tuple[int, int]], list[tuple[str, str, list[float]]]]] = []
    for key in keys:
        if key not in memo:
            cands = candidates(key[0], ctx, key[1])
            owned.append((key, cands))
            rows.extend(c[2] for c in cands)
    probs = iter(_split_probs(rows, _lexicon(ctx)) if rows else [])
    for key, cands in owned:
        memo[key] = max(((next(probs), left, right) for left, right, _ in cands), default=None)
    return {key: memo[key] for key in keys}


def link_glue(ctx: Mapping[str, int]) -> frozenset[str]:
    """The tokens of a document (doc_counts' DocCounts, which holds its text) whose best split clears the
    model's own threshold somewhere in it: the document's evident glue, which tells a scraper that drops the
    space after links (LINK_GLUE_ODDS). Empty for other contexts."""
    if not isinstance(ctx, DocCounts) or not ctx.text:
        return frozenset()
    if ctx.sure is None:
        lx, text, table = _lexicon(ctx), ctx.text, _lexicon(ctx).table()
        keys = dict.fromkeys((m.group(0), position(text, m.start(), m.end())) for m in lx.token.finditer(text)
                             if _looks_rare(m.group(0), ctx, table))
        scored = _score_all(list(keys), ctx)
        ctx.sure = frozenset(tok for (tok, _), best in scored.items()
                             if best is not None and _clears(best, _cut(tok, lx), lx))
    return ctx.sure


def repair_glue(text: str, context: Mapping[str, int] | None = None) -> tuple[str, list[Repair]]:
    """`text` with glued tokens split, and a Repair for each. `context`: word counts of the whole document
    (doc_counts), which make the repair both safer and surer; without it the text itself is the context."""
    repairs: list[Repair] = []
    ctx = context if context is not None else doc_counts(text)
    lx = _lexicon(ctx)
    rare = getattr(ctx, "rare", None)
    if rare is not None and not any(w in rare for w in lx.word.findall(text)):
        return text, repairs  # most lines: no rare token of the document in them
    table = lx.table()

    def fix(m: re.Match[str]) -> str:
        tok = m.group(0)
        if not _looks_rare(tok, ctx, table):
            return tok
        new = split_glued(tok, ctx, position(m.string, m.start(), m.end()))
        if new is None:
            return tok
        repairs.append(Repair(tok, new))
        return new

    return lx.token.sub(fix, text), repairs
