"""Glued-word repair: false repairs on clean text and recall on glue made the way a scraper makes it.

Precision side: clean.glue.repair_glue over the development sets' ground-truth text (WCXB `main_content`,
ScrapingHub `articleBody`), which a human cleaned, so every split it makes is a word, name or brand broken
(bar: under 1 per 100,000 words).

Recall side: in each ground-truth text, link-like spans lose the space after them, as when a scraper drops
the space after a link's text: a capitalised name of 1-3 words standing mid-sentence ("said New York would"
-> "said New Yorkwould") or opening a line or sentence ("New Yorkwould"; START_RATES), and, at a lower rate, a
lowercase word ("a report published" -> "a reportpublished"), glued to the next lowercase word. The glue is
inserted into the text itself, and each line is repaired with the document's context (doc_counts of the glued
text), as the pipeline does. A glue counts as found when exactly that split is made; splits of other tokens in
the glued text are reported too.

French, Spanish and Russian are measured the same way on the texts of benchmarks/glue_langs.py (news where
there is any, and larger licensed prose: a handbook's and the manual pages' translations, fortune files),
each with its own word list and model; --langs '' skips them.

Texts are split by a fixed hash (md5 of "wcxb/NNNN" or "aeb/<hash>") into a tune part, which rules and
benchmarks/train_glue.py may look at, and a measure part, which is only measured. Both are printed; the
measure part's numbers are checked against pinned floors (FLOORS), and a missed floor exits 1.

    .venv/bin/python benchmarks/glue_eval.py [--show 30] [--part tune|measure|both] [--langs fr,es,ru]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import DATA, missed_floors
from newsgraph.clean.glue_words import ENGLISH

# Glue rates: about one link per 10 mid-sentence names and one per 200 eligible lowercase words, so a
# document holds a few glued tokens, as a page with a handful of inline links does, and its context
# (doc_counts of the glued text) is not flooded by them.
CAP_RATE = 0.10
LOWER_RATE = 0.005
# Real link glue is mostly lowercase: lines_eval's run-together documents of scrape_pages' TRAINING part hold
# 1,193 glues (scrape_pages.apply_glue, spaces lost after real inline links), 770 lowercase, 333 capitalised, 90
# with inner capitals; the glue inserted here is about a third lowercase. The rates above stay (a text holds about
# as much lowercase glue as a real page, 1.6-1.8; it is capitalised glue real pages have less of), and recall is
# also given for the real mix of the two kinds (recall_mix), which train_glue.py's thresholds aim at.
REAL_LOWER_SHARE = 770 / 1193
SEED = 4
# Recall is counted on English pages only (the word list is English): pages where at least this share of
# words are common English function words. Non-English pages of the sets have 0.00-0.08, English 0.15+.
ENGLISH_MIN = 0.09
_ENGLISH = frozenset("the and of to a in is that for it with on as was are be this by".split())

# A maximal run of capitalised words (names, acronyms, CamelCase brands), the lowercase word after it, and
# what stands before it: a link-like span when the run has 1-3 words and stands mid-sentence (after a
# lowercase word or a comma). Its last word is the one that glues.
_CAP_RUN = re.compile(
    r"(?<![\w’'-])(?P<run>(?:[A-Z][A-Za-z]+ ){0,9}(?P<last>[A-Z][A-Za-z]+)) "
    r"(?P<next>[a-z]+(?:[’'][a-z]+)?)(?![\w’'-])"
)
_MID = re.compile(r"[a-z,] $")
# Real link glue (lines_eval's run-together documents, scrape_pages.apply_glue; train part, 417 capitalised
# glues) does not only stand mid-sentence: the capitalised run holding the glued word opens a line in 22% of
# them and follows a sentence's end (". ", ": ") in 14%. Glue only mid-sentence lets a model learn that
# capitalised glue never starts a line. So a run of 1-3 words opening a line or sentence is glued too, when it
# is a name (two or more words, or a word the text capitalises mid-sentence and never writes in lowercase: a
# sentence's first word "Many" is no link), at rates that give about those shares on the tune part: of 1,937
# eligible runs opening a line and 1,153 opening a sentence, 0.2 glues ~390 and ~230 beside ~1,120 mid-sentence
# (64%, 22%, 13% of capitalised glue).
_START = re.compile(r"(?:^|[.!?:;][\"”’)]? )$")
_NAME_MID = re.compile(r"(?<=[a-z] )[A-Z][A-Za-z]+(?= )")
START_RATES = {"line": 0.2, "sentence": 0.2}
# A lowercase content word mid-sentence, then the next lowercase word. Link texts rarely end on a function
# word, so those are left out of the lowercase case.
_LOWER_SITE = re.compile(
    r"(?<=[a-z,] )(?P<last>[a-z]{3,})(?= (?P<next>[a-z]+(?:[’'][a-z]+)?)(?![\w’'-]))"
)
# A lowercase link's text is a phrase: it ends on a word whose syntactic head is not to its right ("a report"
# glued to "published"), or on a subject before its verb. It does not end inside a noun phrase ("solar" in
# "solar panels") or on a modifier of the next word ("often call").
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_FUNCTION = frozenset(
    "the and for but nor yet not was were are has had have can could would should will shall may might must "
    "its his her their our your this that these those than then there here who whom whose which what when "
    "where why how all any both each few more most other some such own same very just also into onto from "
    "with without about above below over under after before between through during against among upon off "
    "out per via him them they she you were been being does did done".split()
)


@dataclass
class Glue:
    token: str  # the glued token as it stands in the glued text
    fixed: str  # the split that repairs it
    kind: str  # "cap" or "lower"
    at: int = -1  # where the token starts in its glued line


@dataclass
class Part:
    docs: int = 0
    words: int = 0
    false: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    extra: Counter = field(default_factory=Counter)  # splits of non-inserted tokens in glued text
    secs: float = 0.0
    not_english: int = 0


def pages() -> Iterator[tuple[str, str]]:
    """(stable id, ground-truth text) of every development page."""
    for f in sorted((DATA / "wcxb-dev-articles" / "ground-truth").glob("*.json")):
        yield f"wcxb/{f.stem}", json.loads(f.read_text("utf-8"))["ground_truth"].get("main_content") or ""
    sh = DATA / "scrapinghub-aeb" / "ground-truth.json"
    if sh.exists():
        for key, v in sorted(json.loads(sh.read_text("utf-8")).items()):
            yield f"aeb/{key}", v.get("articleBody") or ""


def part_of(page_id: str) -> str:
    return "tune" if int(hashlib.md5(page_id.encode()).hexdigest(), 16) % 2 == 0 else "measure"


def is_english(text: str) -> bool:
    words = re.findall(r"[A-Za-z]+", text.lower())
    return bool(words) and sum(w in _ENGLISH for w in words) >= ENGLISH_MIN * len(words)


def phrase_ends(line: str, ends: list[int]) -> list[bool]:
    """For each offset in `ends` (the end of a word of `line`): may a link's text end there? spaCy's parse of
    the sentence around it (a cheap cut at ". "; the parse of a whole paragraph costs more than it adds)."""
    from newsgraph.nlp import load

    windows = []
    for end in ends:
        a = max(line.rfind(". ", 0, end - 1), line.rfind("? ", 0, end - 1), line.rfind("! ", 0, end - 1)) + 2
        b = line.find(". ", end)
        windows.append((max(a, 0) if a > 1 else 0, len(line) if b < 0 else b + 1))
    out = []
    docs = load(needs=("parser",)).pipe(line[a:b] for a, b in windows)
    for (a, _), end, doc in zip(windows, ends, docs, strict=True):
        t = next((t for t in doc if a + t.idx + len(t) == end), None)
        out.append(t is not None and (t.head.i <= t.i or t.dep_ in _SUBJECTS))
    return out


def start_kind(line: str, m: re.Match[str]) -> str | None:
    """"line" or "sentence" when the capitalised run `m` opens a line or a sentence, else None."""
    if not line[:m.start()].strip():
        return "line"
    return "sentence" if _START.search(line, max(0, m.start() - 4), m.start()) else None


def _start_site(line: str, m: re.Match[str], names: frozenset[str], rng: random.Random) -> bool:
    """Is the run `m`, which stands at no mid-sentence place, glued? A name of 1-3 words opening a line or a
    sentence, at START_RATES."""
    where = start_kind(line, m)
    words = m.group("run").count(" ") + 1
    last = m.group("last").lower()
    if where is None or words > 3 or last in _FUNCTION or last in ENGLISH.function:
        return False
    if words == 1 and m.group("last") not in names:
        return False
    return rng.random() < START_RATES[where]


def insert_glue(text: str, rng: random.Random) -> tuple[str, list[list[Glue]]]:
    """The text with some link-like spans glued to the next word, and the glues of each of its lines."""
    out_lines: list[str] = []
    glues: list[list[Glue]] = []
    # A one-word name: capitalised after a lowercase word somewhere in the text, never written in lowercase.
    lower = set(re.findall(r"\b[a-z]+\b", text))
    names = frozenset(w for w in _NAME_MID.findall(text) if w.lower() not in lower)
    # The glue at line and sentence starts draws from a generator of its own, seeded from `rng`'s state without
    # drawing from it: the mid-sentence and lowercase glue stay what they were before starts were glued.
    starts = random.Random(str(rng.getstate()[1][:8]))
    for line in text.split("\n"):
        sites: dict[int, tuple[int, int, str]] = {}
        low = [m for m in _LOWER_SITE.finditer(line) if m.group("last") not in _FUNCTION and rng.random() < LOWER_RATE]
        for m, ok in zip(low, phrase_ends(line, [m.end("last") for m in low]) if low else [], strict=True):
            if ok:
                sites[m.end("last")] = (m.start("last"), m.end("next"), "lower")
        for m in _CAP_RUN.finditer(line):
            mid = _MID.search(line, max(0, m.start() - 2), m.start())
            if mid and m.group("run").count(" ") <= 2 and rng.random() < CAP_RATE:
                sites[m.end("last")] = (m.start("last"), m.end("next"), "cap")
            elif not mid and _start_site(line, m, names, starts):
                sites[m.end("last")] = (m.start("last"), m.end("next"), "cap")
        parts, mine, at = [], [], 0
        for space in sorted(sites):
            start, end, kind = sites[space]
            if start < at:  # overlaps the previous glue ("a b c" glued twice): keep the first
                continue
            parts.append(line[at:space])
            offset = sum(map(len, parts)) - (space - start)
            parts.append(line[space + 1:end])
            mine.append(Glue(line[start:space] + line[space + 1:end], line[start:end], kind, offset))
            at = end
        parts.append(line[at:])
        out_lines.append("".join(parts))
        glues.append(mine)
    return "\n".join(out_lines), glues


def score_page(text: str, rng: random.Random, acc: Part) -> None:
    from newsgraph.clean.glue import doc_counts, repair_glue

    t0 = time.process_time()
    acc.docs += 1
    acc.words += len(text.split())
    # English's figures: every development page judged with the English list, as before the other
    # languages had theirs (their pages are measured again in their own language's section).
    ctx = doc_counts(text, "en")
    for line in text.split("\n"):
        acc.false.update(f"{r.from_} -> {r.to}" for r in repair_glue(line, ctx)[1])
    if not is_english(text):
        acc.not_english += 1
        acc.secs += time.process_time() - t0
        return
    glued, glues = insert_glue(text, rng)
    score_glued(glued, glues, acc, "en")
    acc.secs += time.process_time() - t0


def score_glued(glued: str, glues: list, acc: Part, lang: str) -> None:
    """Recall on the glue inserted into a text (one list of Glue per line), repaired with the glued document's
    context in `lang`; splits that match no inserted glue are counted as extra."""
    from newsgraph.clean.glue import doc_counts, repair_glue

    ctx = doc_counts(glued, lang)
    for line, want in zip(glued.split("\n"), glues, strict=True):
        got = Counter((r.from_, r.to) for r in repair_glue(line, ctx)[1])
        for g in want:
            acc.total[g.kind] += 1
            if got[(g.token, g.fixed)] > 0:
                got[(g.token, g.fixed)] -= 1
                acc.found[g.kind] += 1
            else:
                acc.missed[f"{g.kind}: {g.token} ({g.fixed})"] += 1
        acc.extra.update(f"{a} -> {b}" for (a, b), c in got.items() for _ in range(c))


def metrics(acc: Part) -> dict[str, float]:
    """False repairs per 100,000 clean words, and recall per kind of glue and overall."""
    return {
        "false_per_100k": sum(acc.false.values()) / max(acc.words, 1) * 1e5,
        "recall_cap": acc.found["cap"] / max(acc.total["cap"], 1),
        "recall_lower": acc.found["lower"] / max(acc.total["lower"], 1),
        "recall": sum(acc.found.values()) / max(sum(acc.total.values()), 1),
        "recall_mix": (1 - REAL_LOWER_SHARE) * acc.found["cap"] / max(acc.total["cap"], 1)
        + REAL_LOWER_SHARE * acc.found["lower"] / max(acc.total["lower"], 1),
    }


# The measure part's values with the model that reads each token's position and compound counts, its
# thresholds from train_glue's tail fit (SEED 4, rates above; deterministic: the same text, glue and parse give
# the same splits) in the comments, each floor a little below: a missed floor exits 1. The model before it
# got false 1.06, recall capitalised .723, lowercase .847, overall .763 (with START_RATES' glue; .776 without).
# The same model with its thresholds shared between the kinds by real link glue's mix (train_glue.lower_weight:
# lowercase glue is 65% of it, a third of the glue here) trades capitalised recall for lowercase: before it
# false 1.06, capitalised .836, lowercase .790, overall .821 (tune 0.00, .842, .805, .831).
# The bars printed beside the numbers (false < 1 per 100,000 words, recall >= 0.8) are the targets; the
# floors stop a slide.
FLOORS: dict[str, tuple[float, str]] = {
    "false_per_100k": (1.5, "max"),  # 1.06 (8 false repairs in 756,272 words; tune part 0.14)
    # With the document's other glue lowering the bar (glue.LINK_GLUE_ODDS): capitalised 0.779 -> 0.865
    # (1461/1689; tune 0.793 -> 0.865), lowercase 0.877 -> 0.930 (756/813; tune 0.878 -> 0.938), overall 0.811 ->
    # 0.886 (tune 0.819 -> 0.887), real glue's mix 0.842 -> 0.907 (tune 0.848 -> 0.912). Clean text's false
    # repairs unchanged; other splits in the glued text 8 -> 17 (tune 1 -> 4), some of them glue in the source.
    "recall_cap": (0.83, "min"),
    "recall_lower": (0.90, "min"),
    "recall": (0.85, "min"),
    "recall_mix": (0.87, "min"),
}


# French, Spanish, Russian (benchmarks/glue_langs.py's texts; model data/clean_glue_lang.json): the measure
# part's values at the commit that set them in the comments, each floor a little below (false repairs a
# little above). The bar is the same as English's: about 1 false split per 100,000 words.
# Measure part with the shipped model (trained without the Russian fortunes, glue_langs.NOT_TRAINED_ON): fr
# false 0.39 per 100k (2 in 517,689), recall cap .793, lower .598, overall .672 (tune 0.24, .816, .632, .699);
# es 0.94 (3 in 319,254), .858, .180, .422 (tune 0.00, .860, .195, .436). Russian (3.18, .639, .186, .323) is
# measured but not repaired in documents (clean.glue_words.REPAIRED), so it has no floor.
# With the document's other glue lowering the bar (glue.LINK_GLUE_ODDS), measure part (tune): fr recall cap .793 ->
# .836 (.816 -> .832), lower .598 -> .744 (.632 -> .762), overall .672 -> .779 (.699 -> .787); es .858 -> .872,
# .180 -> .332, .422 -> .525 (.436 -> .512); ru overall .323 -> .402. Clean text's false repairs unchanged; other
# splits in the glued text fr 3 -> 8 (tune 2 -> 4), es 3 -> 5 (0 -> 3), ru 9 -> 12.
LANG_FLOORS: dict[tuple[str, str], tuple[float, str]] = {
    ("fr", "false_per_100k"): (1.0, "max"),
    ("fr", "recall_cap"): (0.81, "min"),
    ("fr", "recall_lower"): (0.71, "min"),
    ("fr", "recall"): (0.75, "min"),
    ("es", "false_per_100k"): (1.3, "max"),
    ("es", "recall_cap"): (0.84, "min"),
    ("es", "recall_lower"): (0.30, "min"),
    ("es", "recall"): (0.49, "min"),
}


def check_floors(got: dict[str, float]) -> list[str]:
    """One line per floor missed."""
    return missed_floors(got, FLOORS)


def report(name: str, acc: Part, show: int, lang: str = "English") -> None:
    n_false = sum(acc.false.values())
    m = metrics(acc)
    print(f"{name}: {acc.docs} texts, {acc.words:,} words")
    print(f"  false repairs on clean text: {n_false} = {m['false_per_100k']:.2f} per 100,000 words  (bar < 1)")
    print(f"  recall on glue inserted into the {acc.docs - acc.not_english} {lang} texts:")
    print(f"    capitalised {m['recall_cap']:.3f} ({acc.found['cap']}/{acc.total['cap']}), "
          f"lowercase {m['recall_lower']:.3f} ({acc.found['lower']}/{acc.total['lower']}), "
          f"overall {m['recall']:.3f}  (bar >= 0.8)")
    if lang == "English":
        print(f"    in real link glue's mix ({REAL_LOWER_SHARE:.0%} lowercase): {m['recall_mix']:.3f}")
    print(f"  other splits in the glued text: {sum(acc.extra.values())}")
    if show:
        for item, c in acc.false.most_common(show):
            print(f"    false {c:3d}  {item}")
        for item, c in acc.extra.most_common(show // 3):
            print(f"    other {c:3d}  {item}")
        for item in random.Random(1).sample(sorted(acc.missed), min(show, len(acc.missed))):
            print(f"    missed  {item}")


def other_languages(langs: list[str], which: str, show: int) -> list[str]:
    """Report each language's parts (and their news texts alone); the measure part's missed floors."""
    import glue_langs

    names = {"fr": "French", "es": "Spanish", "ru": "Russian"}
    missed = []
    for lang in langs:
        parts = glue_langs.measure(lang, which)
        for name, acc in parts.items():
            if acc.docs:
                report(f"glue_eval {lang} [{name} part]", acc, show if " " not in name else 0, names[lang])
        if not glue_langs.installed(lang):
            print(f"{lang}: floors not checked: the handbook and manual pages are not installed "
                  f"(apt-get install {glue_langs.PACKAGES})")
        elif parts["measure"].docs:
            got = {(lang, k): v for k, v in metrics(parts["measure"]).items()}
            missed += missed_floors(got, LANG_FLOORS)
    return missed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=30, help="print this many false repairs and missed glues")
    ap.add_argument("--part", choices=("tune", "measure", "both"), default="both")
    ap.add_argument("--langs", default="fr,es,ru", help="other languages to measure (comma-separated; '' none)")
    args = ap.parse_args()
    if not (DATA / "wcxb-dev-articles").exists():
        print(f"SKIP: development data not found at {DATA}")
        return 0
    parts = {"tune": Part(), "measure": Part()}
    for page_id, text in pages():
        # One generator per page, seeded by its id: the same glue whichever part is asked for.
        rng = random.Random(f"{SEED}/{page_id}")
        p = part_of(page_id)
        if args.part in (p, "both"):
            score_page(text, rng, parts[p])
    for name, acc in parts.items():
        if acc.docs:
            report(f"glue_eval [{name} part]", acc, args.show)
    secs = sum(a.secs for a in parts.values())
    print(f"speed (both passes, incl. glue insertion): {sum(a.words for a in parts.values()) * 2 / secs:,.0f} "
          "words/s (CPU)")
    if not parts["measure"].docs:
        print("floors not checked: they hold for the measure part (--part measure or both)")
        return 0
    missed = check_floors(metrics(parts["measure"]))
    missed += other_languages([x for x in args.langs.split(",") if x], args.part, args.show)
    for line in missed:
        print(f"FAIL glue_eval [measure part]: {line}")
    print("floors (measure part): " + ("all met" if not missed else f"{len(missed)} missed"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
