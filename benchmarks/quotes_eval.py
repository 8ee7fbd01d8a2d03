"""Score the quotes stage on PolNeAR (political news, every attribution annotated in BRAT standoff).

    .venv/bin/python benchmarks/quotes_eval.py [--split all|dev|train] [--part both|tuned|measured] [--show N]

Mapping PolNeAR to our quotes. PolNeAR marks every attribution: speech, but also thoughts, beliefs, wishes,
perceptions and what polls "show". We keep an attribution when its cue is a verb or phrase of saying,
writing or asking (the SPEECH_CUES below, matched on the cue's words: said, told, according to, a colon,
"is quoted as saying", ...) and its content is a statement: a clause, or words in quote marks. We drop the
others: thoughts and beliefs (think, believe, want, hope, fear), evidence (a poll shows, finds), stances and
acts (support, criticize, accuse, call X a Y, call for, describe, cite), and contents of three words or
fewer without quote marks (a noun phrase: "announced his resignation" reports an act, not words).
Dropped attributions are not counted as misses, and a prediction that overlaps one is not counted as a false
alarm either (the annotators say something was attributed there; it is just not a speech report). Gold
direct quotes: the content opens with a quote mark and closes with one (a split quote's attribution between
its parts is outside the content).

Matching. Texts are compared as word tokens (\\w+), so quote marks and spacing do not count. Overlap of two
word sets = shared words / max(words in either): at 0.8 each must cover most of the other. A quote split by
its attribution is one annotation in PolNeAR or two, and one or two predictions here, so a gold quote is
found when the predictions that overlap it at the threshold, or lie at least half inside it, together
overlap it at the threshold. Recall = gold quotes found / gold quotes; precision = predictions that helped
find one / predictions.

Speaker accuracy, over quotes matched at 0.3: the prediction is right when its speaker's words meet the gold
source's words (case-insensitive; "Trump" meets "Donald Trump"; "Associated Press" meets "AP"). When the gold
source is he, she or it, it is first replaced by the nearest earlier gold source in the article that is not a
pronoun, holds a name (a capitalised word other than The/A/Mr...) and no honorific of the other gender (Mr.,
Ms., Mrs.): the annotators' own sources stand in for the missing coreference annotation; if none exists, the
pronoun itself must be what we predict (a speaker left unknown with the pronoun kept in `speaker_text` counts).
First-person sources (I, we) and plural pronouns (they) are compared as they stand: we do not resolve them.

Parts. The documents of both PolNeAR splits are divided into a tuned and a measured part by the SHA-1 of their
file name (about half each; `part_of`). Rules and speaker confidences are tuned on the tuned part, errors are
looked at (--show) on it only; the measured part is reported beside it. Each part prints quote F1, direct quote
F1, speaker accuracy and speaker accuracy by how the speaker was found (`Quote.speaker_method`: the figures the
confidences in extract/quotes/speaker_rules.py come from), and how many indirect quotes carry quote marks at their
edges. A full run (--split all, no --limit) exits 1 when a figure falls below its floor (FLOORS).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "data"

SPEECH_CUES = set(
    "say said says saying tell told tells telling add added adds adding write wrote writes writing written "
    "tweet tweeted tweets tweeting post posted posts ask asked asks asking answer answered reply replied "
    "replies respond responded responds note noted notes noting report reported reports reporting announce "
    "announced announces announcing declare declared declares state stated states explain explained explains "
    "explaining argue argued argues arguing claim claimed claims claiming insist insisted insists warn warned "
    "warns warning suggest suggested suggests suggesting acknowledge acknowledged acknowledges acknowledging "
    "admit admitted admits concede conceded confirm confirmed confirms deny denied denies reveal revealed "
    "recall recalled recalls recalling stress stressed emphasize emphasized emphasised mention mentioned "
    "predict predicted predicts promise promised promises vow vowed vows pledge pledged pledges urge urged "
    "urges urging testify testified allege "
    "alleged alleges assert asserted contend contended maintain maintained maintains complain complained "
    "complains joke joked quip quipped boast boasted continue continued continues conclude concluded "
    "concludes read reads comment commented remark remarked repeat repeated shout shouted yell yelled "
    "according : quoted quote quoting statement interview retort retorted "
    "disclose disclosed inform informed counter countered charge charged proclaim proclaimed reiterate "
    "reiterated".split()
)
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their", "its", "who"}
WORD = re.compile(r"\w+")
OPEN_MARKS = "“\"‘'«„"
CLOSE_MARKS = "”\"’'»“"


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    text: str
    cue: str
    source: str | None
    source_span: tuple[int, int] | None
    speech: bool
    direct: bool
    words: set[int] = field(default_factory=set)


@dataclass
class Pred:
    spans: list[tuple[int, int]]
    kind: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    method: str = "?"
    speaker_text: str | None = None
    text: str = ""
    words: set[int] = field(default_factory=set)


def read_ann(path: Path) -> list[Gold]:
    tb: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, _, offs = parts[1].partition(" ")
            spans = [(int(a), int(b)) for a, b in (o.split() for o in offs.split(";"))]
            tb[parts[0]] = (kind, spans, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(p.split(":", 1) for p in parts[1].split()))
    out: list[Gold] = []
    for r in rels:
        if "Content" not in r or r["Content"] not in tb:
            continue
        _, cspans, ctext = tb[r["Content"]]
        cue = tb[r["Cue"]][2] if r.get("Cue") in tb else ""
        src = tb.get(r.get("Source", ""))
        speech = any(w in SPEECH_CUES for w in re.findall(r"\w+|:", cue.lower()))
        out.append(Gold(sorted(cspans), ctext, cue, src[2] if src else None,
                        (src[1][0][0], src[1][-1][1]) if src else None, speech, False))
    return out


def _wrapped(s: str) -> bool:
    s = s.strip().rstrip(".,;:!?—– ")
    return len(s) > 2 and s[0] in OPEN_MARKS and (s[-1] in CLOSE_MARKS or s[-2:-1] in CLOSE_MARKS)


def _marked(s: str) -> bool:
    """Text wrapped in quote marks, or opening or closing with a double mark that pairs with nothing in it."""
    s = s.strip()
    unpaired = sum(s.count(c) for c in "“„«") != sum(s.count(c) for c in "”»") or s.count('"') % 2 == 1
    return _wrapped(s) or (unpaired and (s[:1] in "“„«\"" or s[-1:] in "”»\""))


def word_ids(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def words_in(spans: list[tuple[int, int]], starts: list[tuple[int, int]]) -> set[int]:
    out = set()
    for k, (s, e) in enumerate(starts):
        if any(a <= s and e <= b for a, b in spans):
            out.add(k)
    return out


def overlap(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def match(golds: list, preds: list, t: float) -> dict[int, list[int]]:
    """Gold index → the predictions that find it. A gold quote is found when the predictions that overlap it
    at `t`, or lie mostly (half or more) inside it, together overlap it at `t`: a quote split by its
    attribution may be one annotation or two, on either side."""
    found: dict[int, list[int]] = {}
    for i, g in enumerate(golds):
        cand = [j for j, p in enumerate(preds) if p.words and (overlap(g.words, p.words) >= t
                                                               or len(g.words & p.words) >= 0.5 * len(p.words))]
        union = set().union(*(preds[j].words for j in cand)) if cand else set()
        if cand and overlap(g.words, union) >= t:
            found[i] = sorted(cand, key=lambda j: -len(g.words & preds[j].words))
    return found


def _names(s: str) -> set[str]:
    return {w.lower() for w in WORD.findall(s)}


_DETS = {"the", "a", "an", "this", "that", "these", "those", "former", "mr", "ms", "mrs", "dr", "sen", "rep", "gov"}


def _named(source: str) -> bool:
    return any(w[:1].isupper() and w.lower().strip(".") not in _DETS for w in source.split())


def gold_speaker(g: Gold, golds: list[Gold]) -> str | None:
    """The gold source, with a he/she/it replaced by the nearest earlier named gold source."""
    if g.source is None:
        return None
    low = g.source.strip().lower()
    if low not in ("he", "she", "him", "her", "it", "his", "its", "who"):
        return g.source
    best = None
    for o in golds:
        if o.source and o.source_span and g.source_span and o.source_span[0] < g.source_span[0]:
            words = {w.lower().strip(".") for w in o.source.split()}
            # An honorific tells the gender: "she" is not "Mr. Smith".
            wrong = {"mr", "sir"} if low in ("she", "her") else {"ms", "mrs", "miss"} if low in ("he", "him") else set()
            if o.source.strip().lower() not in PRONOUNS and _named(o.source) and not words & wrong:
                if best is None or o.source_span[0] > best.source_span[0]:
                    best = o
    return best.source if best else g.source


def speaker_ok(p: Pred, g: Gold, golds: list[Gold], text: str) -> bool:
    want = gold_speaker(g, golds)
    if want is None:
        return p.speaker is None
    if want.strip().lower() in PRONOUNS:
        # No named gold source to stand in: the pronoun itself, kept as text when left unresolved, is right.
        said = p.speaker if p.speaker is not None else p.speaker_text
        return said is not None and said.strip().lower() == want.strip().lower()
    if p.speaker is None:
        return False
    stop = {"the", "a", "an", "of", "for", "in", "s", "and", "mr", "ms", "mrs"}
    if (_names(p.speaker) - stop) & (_names(want) - stop):
        return True
    # "Associated Press" is "the AP": initials of a multi-word name against an all-caps word.
    initials = "".join(w[0] for w in p.speaker.split() if w[:1].isupper())
    return len(initials) >= 2 and initials.lower() in _names(want)


def predict(pipeline, nlp, text: str) -> list[Pred]:
    from newsgraph.clean.story import Story

    art = pipeline.article(Story(text=text, uri="polnear", format="text"), nlp(text))
    return [Pred([q.span], q.kind, q.speaker, q.speaker_span, getattr(q, "speaker_method", None) or "?",
                 getattr(q, "speaker_text", None), q.text) for q in art.quotes]


def example() -> int:
    """Print every quote of the example scrape, story by story, to check by eye: speakers, and no scare quote
    (a direct quote of three words or fewer with no sentence inside is flagged)."""
    path = DATA.parents[2] / "examples" / "000_555da0d0ff763633.txt"
    if not path.exists():
        print(f"SKIP: {path} not found")
        return 0
    from newsgraph import Document, Pipeline

    n = flagged = 0
    for art in Pipeline().run_documents([Document(uri=str(path), format="text", text=path.read_text("utf-8"))]):
        if not hasattr(art, "quotes"):
            print(f"REJECT {art}")
            continue
        print(f"== story: {art.text[:60]!r}")
        for q in art.quotes:
            n += 1
            short = q.kind == "direct" and len(WORD.findall(q.text)) <= 3 and not q.text.rstrip().endswith((".", "?", "!"))
            flagged += short or q.speaker is None
            mark = " <-- short or no speaker" if short or q.speaker is None else ""
            print(f"  [{q.kind:8}] {q.speaker!r:32} ({q.cue}) {q.text[:90]!r}{mark}")
    print(f"example: {n} quotes, {flagged} flagged")
    return 0


# Documents are split into two fixed parts by a hash of their file name, over both PolNeAR splits: rules and
# speaker confidences are tuned by looking at the tuned part only; the measured part is for reporting.
PARTS = ("tuned", "measured")
# Pinned floors: each part's figures at the last tuning, less a small margin (sampling noise of ~500 documents).
# At pinning: tuned .902 / .811 / .932 / .904, measured .897 / .796 / .930 / .909 (pronouns one paragraph back).
FLOORS = {
    "tuned": {"quotes@0.3": 0.89, "quotes@0.8": 0.80, "direct@0.3": 0.92, "speaker": 0.89},
    "measured": {"quotes@0.3": 0.885, "quotes@0.8": 0.785, "direct@0.3": 0.92, "speaker": 0.895},
}
METHODS = ("cue", "apposition", "pronoun", "previous", "none")


def part_of(name: str) -> str:
    """The fixed part a document belongs to: half the documents each, by the SHA-1 of the file's base name."""
    return PARTS[hashlib.sha1(name.encode("utf-8")).digest()[0] % 2]


@dataclass
class Tally:
    docs: int = 0
    # per threshold: predictions that found a gold quote, predictions, gold quotes found, gold quotes
    quotes: dict[float, list[int]] = field(default_factory=lambda: {t: [0, 0, 0, 0] for t in (0.3, 0.8)})
    direct: dict[float, list[int]] = field(default_factory=lambda: {t: [0, 0, 0, 0] for t in (0.3, 0.8)})
    speaker: list[int] = field(default_factory=lambda: [0, 0])
    pronoun: list[int] = field(default_factory=lambda: [0, 0])
    methods: dict[str, list[int]] = field(default_factory=dict)
    indirect: list[int] = field(default_factory=lambda: [0, 0])  # indirect quotes wrapped in marks, indirect quotes
    shown: int = 0


def documents(split: str) -> list[tuple[str, Path, Path]]:
    """(base name, annotation file, text file) of every document in the split(s), in a fixed order."""
    out = []
    for sp in (("dev", "train") if split == "all" else (split,)):
        for ann in sorted((DATA / sp / "attributions").glob("*.ann")):
            base = ann.name.rsplit("_", 1)[0]
            tpath = DATA / sp / "text" / f"{base}.txt"
            if tpath.exists():
                out.append((base, ann, tpath))
    return out


def _gold(ann: Path, text: str, wids: list[tuple[int, int]]) -> tuple[list[Gold], list[Gold], list[Gold]]:
    """All gold attributions, the speech reports kept, and the others (dropped)."""
    golds = read_ann(ann)
    for g in golds:
        g.words = words_in(g.spans, wids)
        g.direct = _wrapped(text[max(0, g.spans[0][0] - 1):g.spans[-1][1] + 1])
        if g.speech and len(g.words) <= 3 and not any(ch in g.text for ch in OPEN_MARKS + CLOSE_MARKS):
            g.speech = False  # a noun phrase ("announced his resignation") reports an act, not words
    return golds, [g for g in golds if g.speech and g.words], [g for g in golds if not g.speech and g.words]


def score_doc(tally: Tally, golds: list[Gold], kept: list[Gold], dropped: list[Gold], preds: list[Pred],
              show: int) -> None:
    tally.docs += 1
    for p in preds:
        if p.kind == "indirect":
            tally.indirect[1] += 1
            tally.indirect[0] += _marked(p.text)
    for t in (0.3, 0.8):
        m = match(kept, preds, t)
        hit = {j for js in m.values() for j in js}
        # Unmatched predictions on dropped (non-speech) attributions are neither right nor wrong.
        ignore = {j for j, p in enumerate(preds) if j not in hit and any(
            overlap(d.words, p.words) >= 0.3 or len(d.words & p.words) >= 0.5 * len(p.words) for d in dropped)}
        for k, v in enumerate((len(hit), len(preds) - len(ignore), len(m), len(kept))):
            tally.quotes[t][k] += v
        gd = [g for g in kept if g.direct]
        pd = [p for j, p in enumerate(preds) if p.kind == "direct" and j not in ignore]
        md = match(gd, pd, t)
        for k, v in enumerate((len({j for js in md.values() for j in js}), len(pd), len(md), len(gd))):
            tally.direct[t][k] += v
        if t == 0.3:
            _score_speakers(tally, golds, kept, preds, m, show)
            _show_misses(tally, kept, preds, m, hit | ignore, show)


def _score_speakers(tally: Tally, golds: list[Gold], kept: list[Gold], preds: list[Pred],
                    m: dict[int, list[int]], show: int) -> None:
    for i, js in m.items():
        p = preds[js[0]]
        ok = speaker_ok(p, kept[i], golds, "")
        tally.speaker[0] += ok
        tally.speaker[1] += 1
        per = tally.methods.setdefault(p.method, [0, 0])
        per[0] += ok
        per[1] += 1
        if kept[i].source and kept[i].source.strip().lower() in PRONOUNS:
            tally.pronoun[0] += ok
            tally.pronoun[1] += 1
        if not ok and tally.shown < show:
            tally.shown += 1
            print(f"SPEAKER [{p.method}] pred={p.speaker!r} ({p.speaker_text!r}) gold={kept[i].source!r} "
                  f"({gold_speaker(kept[i], golds)!r}) :: {kept[i].text[:80]!r}")


def _show_misses(tally: Tally, kept: list[Gold], preds: list[Pred], m: dict[int, list[int]], seen: set[int],
                 show: int) -> None:
    for i, g in enumerate(kept):
        if i not in m and tally.shown < show:
            tally.shown += 1
            print(f"MISS [{g.cue}] {'D' if g.direct else ' '} {g.text[:120]!r}")
    for j, p in enumerate(preds):
        if j not in seen and tally.shown < show:
            tally.shown += 1
            print(f"FALSE [{p.kind}] {p.speaker!r} {p.text[:120]!r}")


def _f1(tp: int, np_: int, found: int, ng: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else 0.0
    r = found / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(tally: Tally) -> dict[str, float]:
    """The figures the floors hold: quote F1 at both thresholds, direct quote F1 at 0.3, speaker accuracy."""
    return {"quotes@0.3": _f1(*tally.quotes[0.3])[2], "quotes@0.8": _f1(*tally.quotes[0.8])[2],
            "direct@0.3": _f1(*tally.direct[0.3])[2],
            "speaker": tally.speaker[0] / tally.speaker[1] if tally.speaker[1] else 0.0}


def report(name: str, tally: Tally) -> None:
    print(f"== {name}: {tally.docs} articles")
    for label, tal in (("quotes", tally.quotes), ("direct", tally.direct)):
        for t in (0.3, 0.8):
            p, r, f = _f1(*tal[t])
            print(f"{label}  @{t}: P={p:.3f} R={r:.3f} F1={f:.3f}  "
                  f"[{tal[t][0]}/{tal[t][1]} predictions right, {tal[t][2]}/{tal[t][3]} gold found]")
    acc = figures(tally)["speaker"]
    print(f"speaker accuracy: {acc:.3f} over {tally.speaker[1]} matched quotes (bar 0.90); "
          f"pronoun sources {tally.pronoun[0]}/{tally.pronoun[1]}")
    for meth in sorted(tally.methods, key=lambda k: METHODS.index(k) if k in METHODS else 99):
        ok, n = tally.methods[meth]
        print(f"  speaker by {meth:10s}: {ok / n if n else 0.0:.3f} ({ok}/{n}, {n / max(1, tally.speaker[1]):.1%})")
    print(f"indirect quotes wrapped in quote marks or with an unpaired mark at an edge: "
          f"{tally.indirect[0]}/{tally.indirect[1]}")


def check_floors(results: dict[str, Tally]) -> list[str]:
    missed = []
    for part, tally in results.items():
        got = figures(tally)
        for key, floor in FLOORS[part].items():
            if got[key] < floor:
                missed.append(f"{part} {key} {got[key]:.3f} < floor {floor:.3f}")
    return missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="all", choices=("all", "dev", "train"))
    ap.add_argument("--part", default="both", choices=("both", *PARTS),
                    help="score one part only; look at errors (--show) on the tuned part only")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N articles of each part")
    ap.add_argument("--show", type=int, default=0, help="print N errors")
    ap.add_argument("--example", action="store_true",
                    help="list the quotes of the user's example (../shared/examples) through the full pipeline")
    args = ap.parse_args(argv)
    if args.example:
        return example()
    if not DATA.exists():
        print(f"SKIP: {DATA} not found (PolNeAR is not part of the project)")
        return 0
    from newsgraph import nlp as nlp_mod
    from newsgraph.extract import entities, quotes
    from newsgraph.pipeline import Options, Pipeline

    nlp = nlp_mod.load(None, needs=("ner", "parser"))
    # Only the stages quotes depend on: the others are not scored here and cost time.
    pipeline = Pipeline(Options(stages=[entities.STAGE, quotes.STAGE]), nlp=nlp)
    parts = PARTS if args.part == "both" else (args.part,)
    results = {part: Tally() for part in parts}
    t0 = time.time()
    for base, ann, tpath in documents(args.split):
        tally = results.get(part_of(base))
        if tally is None or (args.limit and tally.docs >= args.limit):
            continue
        text = tpath.read_text(encoding="utf-8")
        wids = word_ids(text)
        golds, kept, dropped = _gold(ann, text, wids)
        preds = predict(pipeline, nlp, text)
        for p in preds:
            p.words = words_in(p.spans, wids)
        score_doc(tally, golds, kept, dropped, [p for p in preds if p.words], args.show)
    print(f"PolNeAR {args.split}, parts by hash of the file name: {time.time() - t0:.0f}s")
    for part in parts:
        report(part, results[part])
    if args.split != "all" or args.limit:
        return 0  # the floors hold for the full run only
    missed = check_floors(results)
    for line in missed:
        print(f"FLOOR MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
