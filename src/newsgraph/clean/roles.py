"""Learned line roles: the chance that a line of a plain-text scrape is page furniture, from its shape.

A scrape of a news page holds the story's paragraphs between menus, share bars, bylines, timestamps, teasers
of other stories, newsletter prompts, captions and footers. Phrase rules (lines.classify) name the common
kinds, but every site words its furniture its own way, so the decision is a boosted-tree model (trees.Forest)
over what a line looks like and where it sits: its length, stop-word share and punctuation, capitals, digits
and dates; its distance from the page's dense prose; how much of its vocabulary the prose shares; runs of
short link-like lines; repetition; what its neighbours look like; and, in a second pass, what the first pass
made of its neighbours. The rules' verdicts are features too, so the model learns where to trust them.
When several pages run together, the document's prose and vocabulary mix them, so a line is also seen within
its own page (_page_context): the prose on each side, the block of non-prose lines it sits in, a colon line
introducing that block ("The options are:"), the words it shares with prose near it, and whether it opens in
lower case (a paragraph a scraper broke at an inline link). The document-wide columns still mix the pages, so once
the splitter has found them, clean/page_roles.py has each page decided again on its own.

Trained by benchmarks/train_lines.py on plain-text dumps of development pages (benchmarks/scrape_pages.py);
stored in data/clean_lines.json. FEATURES is the column order of that file (coupled).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..lexicon import MONTH_NUMBERS, WEEKDAYS
from .trees import Forest

# Rule kinds, one column each: the model learns how far each rule is to be trusted on unseen sites.
RULE_KINDS = ("video", "advert", "navigation", "caption", "credit", "promo", "share", "other")

_OWN = (
    "log_words", "log_chars", "word_len", "stop_share", "sent_end", "colon_end", "upper_first", "cap_share",
    "caps_share", "digit_share", "date", "time", "separators", "sentences", "comma_rate", "web", "headline",
    "question", "quote", "bullet", "pipe_run", "frag_start",
)
_CONTEXT = (
    "pos", "log_from_start", "log_to_end", "repeats", "log_dense_dist", "before_dense", "after_dense",
    "vocab_in_prose", "short_run", "window_words", "window_sent", "prose_pos", "sandwiched", "run_sandwiched",
    "dense_share", "log_lines", "log_dense_left", "log_dense_right", "log_block", "colon_intro", "local_dense",
    "local_vocab", "run_vocab", "run_words_spread",
)
_NEIGHBOURS = ("log_words", "sent_end", "stop_share", "rule", "vocab_in_prose", "frag_start", "local_vocab")
OFFSETS = (-2, -1, 1, 2)
FEATURES = (
    *_OWN, *_CONTEXT, "rule", *(f"rule_{k}" for k in RULE_KINDS),
    *(f"{name}@{o}" for o in OFFSETS for name in _NEIGHBOURS),
)
# Second pass: the first pass's furniture probability of the neighbours and of the surrounding run.
# Tried on top of these and dropped (issue 18, lines_eval train/tune/test, splitter not retrained): the distance
# to the nearest dense line the first pass took as body on each side and the first pass's probability of the
# nearest dense line on each side: runs body kept .942/.934/.865 -> .936/.938/.867, singles blocks .958/.921/.913
# -> .957/.924/.913, text .966/.916/.934 -> .965/.918/.934 (leak blocks .097 -> .093 on test, noise-sized);
# the run of lines of the line's own shape (length bucket, sentence end, capitals, bullet) with its mean
# probability and the probability of the lines just before and after it: train_lines' line-level body kept at
# 0.65 tune/test unchanged (whole pages .920/.928, run-together documents .839/.909). 300 trees instead of 150
# kept less body at each threshold (tune/test whole pages .916/.917). What is lost is long lists: three tuning
# pages hold 384 of the 876 body lines lost on its blocks pages (benchmarks/line_losses.py).
STACK = ("p_self", "p@-2", "p@-1", "p@1", "p@2", "p_window", "p_run", "p_block", "p_page")

# A line of at least this many words that ends a sentence is "dense prose": the story's own paragraphs.
# (Median body paragraph on the development dumps is ~35 words; menus and teasers rarely reach 20.)
DENSE_WORDS = 20
SHORT_WORDS = 6  # a line this short without sentence punctuation is link-like (menus, tags, teasers)
WINDOW = 3
REACH = 12  # lines: prose this near on both sides makes a short line part of the story (a list, a table)
# Lines: the span around a line that stands for "its page" when several pages run together. On the training
# part's blocks dumps, 96% of the body lines that are not dense prose lie within 40 lines of a dense body line
# (89% within REACH), against 46% of the furniture lines.
PAGE_REACH = 40

STOP_WORDS = frozenset(
    "a an the and or but nor so yet for of in on at to from by with about as into onto over under after before "
    "between through during without within against among is are was were be been being am has have had do does "
    "did will would shall should can could may might must it its this that these those he she they we you i him "
    "her them us me his their our your my who whom whose which what when where why how not no there here than "
    "then also just only more most very all any some each both such if while because until".split()
)
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
SENT_END = re.compile(r"[.!?…][\"”’'»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’']?\s+[\"“‘']?[A-Z]")
# Dates and times: words looked up in a set and digits matched only where a line has digits, since these
# run on every line of every page (an alternation with IGNORECASE costs ~10 us a line).
_DATE_WORDS = frozenset({*MONTH_NUMBERS, *WEEKDAYS, "yesterday", "today", "ago"})
_NUM_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_ZONES = frozenset("gmt utc edt est bst cet".split())
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}|\b\d{1,2}\s*(am|pm)\b", re.I)
_SEPARATOR_CHARS = frozenset("|•·/>»›")
_WEB_MARKS = ("://", "www.", ".com", "@", "#")
_SEPARATORS = re.compile(r"\s[|•·/>»›]\s|\s[|•·]|[|•·]\s")
_WEB = re.compile(r"https?://|www\.|\.com\b|@\w|#\w|\b\S+@\S+\.\w+")
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^([-–—*•·▪►>]|\d{1,2}[.)])\s")
# The list marker a text dumper writes before each item ("* Home", "+ Careers", "1. Sport"): inscriptis, html2text
# and lynx dumps mark every menu entry so, and the dumps the model learned from do not (their rare marked lines
# are the author's lists, which the `bullet` column learned to keep). The rules read every line without its marker
# (lines.classify); in a document where MARKED_SHARE of the lines or more carry one, and OUTSIDE_SHARE of those
# stand before its first dense line or after its last, the markers are the dumper's, and the model reads the lines
# without them. Shares of marked lines on the training and tuning parts' pages: scrape_pages' dumps median 0, 99th
# percentile .14; inscriptis 10th percentile .12, median .39 (html-text marks nothing). On the tuning part's
# inscriptis dumps (benchmarks/tool_dumps.py) word F1 .888 -> .902, leak .114 -> .087: as scrape_pages' own text
# style of the same pages (.908, .087).
_MARKER = re.compile(r"^(?:[-–—*+•·▪►‣]|\d{1,3}[.)]|\(\d{1,3}\))\s+(?=\S)")
MARKED_SHARE = 0.15
# A dumper marks the page's menus, which stand before the story's prose and after it; an author's lists stand
# inside the story. Of the marked lines of pages and documents the share test passes, those outside the dense
# lines' span (training and tuning parts): inscriptis median .66, 10th percentile .07; articles_eval's web
# documents (article bodies whose lists the ground truth marks "- ", furniture between them) 90th percentile .02.
# With the share test alone, articles_eval's training half lost web furniture F1 .731 -> .699 to the markers;
# with this one .725, the inscriptis tuning part at word F1 .903 (.904 with the share test alone, .889 with none).
# Percentiles: benchmarks/marks_tables.py.
OUTSIDE_SHARE = 0.1


def unmarked(text: str) -> str:
    """`text` without a leading list marker and the space after it."""
    m = _MARKER.match(text) if text[:1] in _MARKER_FIRST else None
    return text[m.end():] if m else text


_MARKER_FIRST = frozenset("-–—*+•·▪►‣(0123456789")


def marked_outside(texts: Sequence[str]) -> tuple[int, int] | None:
    """(marked lines before the first dense line or after the last, all marked lines) of a document whose marked
    lines pass the share test (MARKED_SHARE of its lines, 3 at least); None where they do not. With no dense line,
    every marked line is outside."""
    marked = [i for i, t in enumerate(texts) if t[:1] in _MARKER_FIRST and _MARKER.match(t)]
    if len(marked) < 3 or len(marked) < MARKED_SHARE * len(texts):
        return None
    dense = [i for i, t in enumerate(texts) if len(t.split()) >= DENSE_WORDS]
    if not dense:
        return len(marked), len(marked)
    return sum(1 for i in marked if i < dense[0] or i > dense[-1]), len(marked)


def dumper_marked(texts: Sequence[str]) -> bool:
    """Whether the dumper marked the list items of this document: the share test passes (marked_outside) and
    OUTSIDE_SHARE of the marked lines stand outside the dense lines' span."""
    got = marked_outside(texts)
    return got is not None and got[0] >= OUTSIDE_SHARE * got[1]


# A line that opens in lower case or on punctuation continues the sentence of the line before: a scraper broke a
# paragraph at an inline link ("One of my favourite shows is" / "Acquired" / ", which ...").
_CONTINUES = frozenset(",.;:)]}…%")


@dataclass(frozen=True)
class LineModel:
    first: Forest
    second: Forest
    threshold: float  # furniture when the second pass's probability reaches this

    @classmethod
    def from_json(cls, raw: dict) -> LineModel:
        if tuple(raw["features"]) != FEATURES or tuple(raw["stack"]) != STACK:
            raise ValueError("clean_lines.json was written for other features: retrain with benchmarks/train_lines.py")
        return cls(Forest.from_json(raw["first"]), Forest.from_json(raw["second"]), float(raw["threshold"]))


_MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "clean_lines.json"


@lru_cache(maxsize=1)
def load_model() -> LineModel | None:
    """The shipped model, or None when the package has none (the rules alone then decide)."""
    if not _MODEL_PATH.exists():
        return None
    return LineModel.from_json(json.loads(_MODEL_PATH.read_text("utf-8")))


def _is_date(text: str, lower: set[str], digits: int) -> bool:
    return bool(lower & _DATE_WORDS) or (digits > 0 and bool(_NUM_DATE.search(text)))


def _is_time(text: str, lower: set[str], digits: int) -> bool:
    return bool(lower & _ZONES) or (digits > 0 and bool(_TIME.search(text)))


def _own(text: str, words: list[str], stops: frozenset[str] = STOP_WORDS, low: list[str] | None = None) -> list[float]:
    n = len(words)
    chars = max(len(text), 1)
    low = [w.lower() for w in words] if low is None else low
    lower = set(low)
    # In ASCII text \d is 0-9, counted without a list of matches.
    digits = sum(map(text.count, "0123456789")) if text.isascii() else len(_DIGIT.findall(text))
    sent_end = bool(SENT_END.search(text))
    separators = len(_SEPARATORS.findall(text)) if _SEPARATOR_CHARS.intersection(text) else 0
    return [
        math.log1p(n), math.log1p(len(text)), (sum(map(len, words)) / n) if n else 0.0,
        (sum(map(stops.__contains__, low)) / n) if n else 0.0,
        float(sent_end), float(text.endswith(":")), float(text[:1].isupper()),
        (sum(map(str.isupper, [w[:1] for w in words])) / n) if n else 0.0,
        (sum(map(str.isupper, [w for w in words if len(w) > 1])) / n) if n else 0.0,
        digits / chars, float(_is_date(text, lower, digits)), float(_is_time(text, lower, digits)),
        float(separators), float(len(_SENTENCE_BREAK.findall(text))),
        (text.count(",") / n) if n else 0.0, float(any(map(text.__contains__, _WEB_MARKS)) and bool(_WEB.search(text))),
        float(bool(n) and n <= 14 and text[:1].isupper() and not sent_end),
        float(text.endswith("?")), float(text[:1] in "\"“‘'«"), float(bool(_BULLET.match(text))),
        float(text.count("|") + text.count("•") + text.count("·")),
        float(text[:1].islower() or text[:1] in _CONTINUES),
    ]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _runs(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each line: the length of the run of flagged lines it sits in (0 when not flagged), and that
    run's first and last line (the line itself when not flagged)."""
    n = len(flags)
    length, first, last = np.zeros(n), np.arange(n), np.arange(n)
    flags = np.asarray(flags).tolist()  # Python's own values: indexing a numpy array element by element costs most
    i = 0
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < n and flags[j]:
            j += 1
        length[i:j], first[i:j], last[i:j] = j - i, i, j - 1
        i = j
    return length, first, last


def _window_mean(a: np.ndarray, k: int) -> np.ndarray:
    cum = np.concatenate(([0.0], np.cumsum(a)))
    idx = np.arange(len(a))
    lo, hi = np.maximum(idx - k, 0), np.minimum(idx + k + 1, len(a))
    return (cum[hi] - cum[lo]) / (hi - lo)


def _context(texts: Sequence[str], shapes: Sequence[_Shape], own: np.ndarray) -> np.ndarray:
    """Where each line sits: its distance from the page's dense prose, how much of the prose's vocabulary
    it shares, the run of short lines it is part of, what surrounds it."""
    n = len(texts)
    n_words = np.array([len(sh.words) for sh in shapes])
    sent = own[:, _OWN.index("sent_end")]
    dense = (n_words >= DENSE_WORDS) & (sent > 0)
    idx = np.arange(n)
    dense_idx = idx[dense]
    if len(dense_idx):
        pos = np.searchsorted(dense_idx, idx)
        left = dense_idx[np.clip(pos - 1, 0, len(dense_idx) - 1)]
        right = dense_idx[np.clip(pos, 0, len(dense_idx) - 1)]
        left = np.where(left <= idx, left, -10**6)
        right = np.where(right >= idx, right, 10**6)
        dist = np.minimum(idx - left, right - idx)
        before, after = idx < dense_idx[0], idx > dense_idx[-1]
    else:
        left, right = np.full(n, -10**6), np.full(n, 10**6)
        dist = np.full(n, n)
        before = after = np.zeros(n, dtype=bool)
    prose_words = np.where(dense, n_words, 0)
    prose_cum = np.cumsum(prose_words) - prose_words
    prose_pos = prose_cum / max(prose_words.sum(), 1)
    prose = Counter(itertools.chain.from_iterable(shapes[i].low for i in dense_idx))
    counts = Counter(sh.norm for sh in shapes)
    short_run, first, last = _runs((n_words <= SHORT_WORDS) & (sent == 0))
    # Prose on both sides within REACH lines: a list or table inside the story, not a menu at its edge.
    sandwiched = ((idx - left) <= REACH) & ((right - idx) <= REACH)
    run_sandwiched = ((first - left[first]) <= REACH) & ((right[last] - last) <= REACH)
    vocab = np.array([_vocab_share(sh.content, prose, bool(d)) for sh, d in zip(shapes, dense, strict=True)])
    reps = np.array([counts[sh.norm] - 1 for sh in shapes])
    return np.column_stack([
        idx / max(n - 1, 1), np.log1p(idx), np.log1p(n - 1 - idx), np.log1p(reps), np.log1p(dist),
        before, after, vocab, np.log1p(short_run), _window_mean(own[:, 0], WINDOW), _window_mean(sent, WINDOW),
        prose_pos, sandwiched, run_sandwiched, np.full(n, dense.mean()), np.full(n, math.log1p(n)),
        *_page_context(texts, shapes, dense, left, right, (first, last)),
    ]).astype(np.float64)


def _vocab_share(content: tuple[str, ...], prose: Counter[str], dense: bool) -> float:
    """The share of a line's content words that the dense prose uses (a dense line's own uses not counted);
    0.5 for a line without content words."""
    if not content:
        return 0.5
    if dense:
        own = Counter(content)
        return sum(prose.get(w, 0) > own[w] for w in content) / len(content)
    # The prose counts only words it uses: a word is in it when its count is above 0.
    return sum(map(prose.__contains__, content)) / len(content)


def _page_context(texts: Sequence[str], shapes: Sequence[_Shape], dense: np.ndarray, left: np.ndarray,
                  right: np.ndarray, run: tuple[np.ndarray, np.ndarray]) -> list[np.ndarray]:
    """What surrounds a line within its own page, not the whole document: when several pages run together, the
    document's prose, vocabulary and length mix them, and a list inside one story sits near prose that names
    what it lists. The prose before and after on each side, the size of the block of non-prose lines it sits in,
    a line ending in a colon that introduces that block ("Here are the options:"), the share of dense prose
    around it, the share of its words that prose within PAGE_REACH lines uses, and over its run of short lines
    the mean of that share and the spread of the lines' lengths (a menu's items are alike; a list's vary)."""
    n = len(texts)
    idx = np.arange(n)
    # A dense line is its own prose: 0 on both sides and no block (`left` may name it or the one before).
    to_left = np.where(dense, 0, np.minimum(idx - left, 10**3))
    to_right = np.where(dense, 0, np.minimum(right - idx, 10**3))
    block = np.where(dense, 0, np.minimum(right, n) - np.maximum(left, -1) - 1)
    colon = np.full(n, -1.0)
    last_colon = -1
    for i in range(n):
        if dense[i]:
            last_colon = -1
        elif last_colon >= 0:
            colon[i] = math.log1p(i - last_colon)
        if texts[i].endswith(":") and len(shapes[i].low) >= 4:
            last_colon = i
    local = _local_vocab(shapes, dense)
    first, last = run
    lens = np.array([len(sh.low) for sh in shapes], dtype=np.float64)
    return [np.log1p(to_left), np.log1p(to_right), np.log1p(block), colon,
            _window_mean(dense.astype(np.float64), PAGE_REACH), local, _run_mean(local, first, last),
            np.sqrt(np.maximum(_run_mean(lens**2, first, last) - _run_mean(lens, first, last) ** 2, 0.0))]


def _local_vocab(shapes: Sequence[_Shape], dense: np.ndarray) -> np.ndarray:
    """For each line, the share of its distinct content words that some other dense line within PAGE_REACH
    uses (0.5 without content words). The dense lines' words are counted over a window that slides with the
    line, each dense line once per word, so a dense line's own words count once too many. A word leaves the
    window with its last use, so that for other lines membership is the test."""
    n = len(shapes)
    at = np.flatnonzero(dense).tolist()
    window: Counter[str] = Counter()
    nxt = old = 0  # the next dense line to enter the window, the oldest still in it
    local = np.full(n, 0.5)
    for i in range(n):
        while nxt < len(at) and at[nxt] <= i + PAGE_REACH:
            window.update(shapes[at[nxt]].topical)
            nxt += 1
        while old < nxt and at[old] < i - PAGE_REACH:
            for w in shapes[at[old]].topical:
                if window[w] > 1:
                    window[w] -= 1
                else:
                    del window[w]
            old += 1
        words = shapes[i].topical
        if words and dense[i]:
            local[i] = sum(window[w] >= 2 for w in words) / len(words)  # its own words are all in the window
        elif words:
            local[i] = sum(map(window.__contains__, words)) / len(words)
    return local


def _run_mean(a: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The mean of `a` over each line's run (first..last inclusive)."""
    cum = np.concatenate(([0.0], np.cumsum(a)))
    return (cum[last + 1] - cum[first]) / (last + 1 - first)


# Lines: a line's own columns depend on its text alone, and the same lines come back when a document's pages are
# weighed again one by one (clean/page_roles.py), as does a site's furniture on every page of it. 4096 is more
# than a document of several pages holds (segment_eval's run-together documents reach ~350 lines); lines of up
# to SHAPE_CHARS only, so that the cache stays within a few MB whatever the input.
# document_stories CPU on segment_eval's 40 such documents (timings on a shared 2-core machine, caches emptied each
# round): main 2.8-4.0 s, with page_roles and no caches 3.5-5.1 s, with the caches 2.5-2.9 s at low load.
SHAPE_CACHE, SHAPE_CHARS = 4096, 1000

class _Shape(NamedTuple):
    """What the line-role features need of one line's text alone."""

    words: tuple[str, ...]
    low: tuple[str, ...]  # lower-cased words
    own: tuple[float, ...]  # own columns (_OWN order)
    norm: str  # the text as repeats are counted (_norm)
    content: tuple[str, ...]  # lower-cased words less STOP_WORDS, in order
    topical: frozenset[str]  # the distinct content words


def _shape(text: str) -> _Shape:
    return _cached_shape(text) if len(text) <= SHAPE_CHARS else _line_shape(text)


def line_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A line's words (WORD), lower-cased, and lower-cased less STOP_WORDS (in order), from the cache the
    line-role features fill: the parts of a document are weighed (clean/part_roles.py) on the lines whose
    roles were just decided, and need not find their words again."""
    sh = _shape(text)
    return sh.words, sh.low, sh.content


def _line_shape(text: str) -> _Shape:
    words = WORD.findall(text)
    low = [w.lower() for w in words]
    content = tuple(itertools.filterfalse(STOP_WORDS.__contains__, low))
    return _Shape(tuple(words), tuple(low), tuple(_own(text, words, STOP_WORDS, low)), _norm(text), content,
                  frozenset(content))


_cached_shape = lru_cache(maxsize=SHAPE_CACHE)(_line_shape)


def features(texts: Sequence[str], rule_kinds: Sequence[str | None], unmark: bool | None = None) -> np.ndarray:
    """First-pass feature rows (FEATURES order) for the lines of one document. `rule_kinds`: the furniture
    kind lines.classify gave each line, or None where the rules said body. `unmark`: read the lines without
    their list markers (None: when dumper_marked says so of these lines)."""
    if not texts:
        return np.zeros((0, len(FEATURES)))
    if dumper_marked(texts) if unmark is None else unmark:
        texts = [unmarked(t) for t in texts]
    shapes = [_shape(t) for t in texts]
    own = np.array([sh.own for sh in shapes], dtype=np.float64)
    ctx = _context(texts, shapes, own)
    rule = np.array([_RULE_ROWS.get(k) or _rule_row(k) for k in rule_kinds])
    base = np.hstack([own, ctx, rule])
    cols = [FEATURES.index(name) for name in _NEIGHBOURS]
    neigh = [_shift(base[:, cols], o, fill=-1.0) for o in OFFSETS]
    return np.hstack([base, *neigh])


def _rule_row(kind: str | None) -> list[float]:
    """The rule columns of a line the rules gave `kind` (None: body)."""
    return [float(kind is not None), *(float(kind == r) for r in RULE_KINDS)]


_RULE_ROWS = {k: _rule_row(k) for k in (None, *RULE_KINDS)}


def _shift(a: np.ndarray, offset: int, fill: float) -> np.ndarray:
    """Row i of the result is row i+offset of `a` (fill past the ends)."""
    out = np.full_like(a, fill)
    n = len(a)
    if offset > 0 and offset < n:
        out[: n - offset] = a[offset:]
    elif offset < 0 and -offset < n:
        out[-offset:] = a[: n + offset]
    return out


def stack_features(p: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Second-pass rows (STACK order) from the first pass's probabilities `p` of one document's lines."""
    short = x[:, FEATURES.index("short_run")] > 0
    _, first, last = _runs(short)
    run = _run_mean(p, first, last)  # the mean over the run of short lines, or the line's own
    # The block of non-prose lines the line sits in (between two dense lines): a menu between two pages is
    # furniture through and through; a list inside a story mixes items the first pass doubted with others.
    n, idx = len(p), np.arange(len(p))
    to_left = np.expm1(x[:, FEATURES.index("log_dense_left")]).round().astype(int)
    to_right = np.expm1(x[:, FEATURES.index("log_dense_right")]).round().astype(int)
    lo, hi = np.clip(idx - to_left + 1, 0, n - 1), np.clip(idx + to_right - 1, 0, n - 1)
    inside = lo <= hi  # a dense line, or one right beside one, stands for itself
    block = _run_mean(p, np.where(inside, lo, idx), np.where(inside, hi, idx))
    neigh = [_shift(p[:, None], o, fill=0.5)[:, 0] for o in (-2, -1, 1, 2)]
    return np.column_stack([p, *neigh, _window_mean(p, WINDOW), run, block, _window_mean(p, PAGE_REACH)])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def furniture_prob(texts: Sequence[str], rule_kinds: Sequence[str | None], model: LineModel,
                   unmark: bool | None = None) -> np.ndarray:
    """The second pass's probability that each line is furniture (`unmark`: as features() takes it)."""
    x = features(texts, rule_kinds, unmark)
    if not len(x):
        return np.zeros(0)
    p1 = _sigmoid(model.first.logits(x))
    return _sigmoid(model.second.logits(np.hstack([x, stack_features(p1, x)])))


def shape_kind(text: str) -> str:
    """The `removed.kind` of a line the model took out: a menu's short link, another story's headline, or other
    furniture (bylines, timestamps, footers, labels)."""
    # Cached as the line shapes are: each page's furniture is named again when its roles are decided page by page.
    return _cached_kind(text) if len(text) <= SHAPE_CHARS else _shape_kind(text)


def _shape_kind(text: str) -> str:
    words = WORD.findall(text)
    lower, digits = {w.lower() for w in words}, len(_DIGIT.findall(text))
    if SENT_END.search(text) or _is_date(text, lower, digits) or _is_time(text, lower, digits):
        return "other"
    if len(words) <= 3:
        return "navigation"
    if len(words) <= 16 and text[:1].isupper():
        return "teaser"
    return "other"


_cached_kind = lru_cache(maxsize=SHAPE_CACHE)(_shape_kind)
