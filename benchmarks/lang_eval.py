"""French, Spanish and Russian news: the newsgraph/lang extractors against hand-written gold.

    .venv/bin/python benchmarks/lang_eval.py [--lang fr|es|ru|all] [--part both|tuned|measured]
                                             [--batch all|old|new] [--show N]

Data: benchmarks/data/lang/{fr,es,ru}.jsonl, short news stories the project wrote in its own words (no text
from any data set), one per line with its gold: language, people (canonical names in English news
spelling), places (as written, with their ISO country), direct quotes (first two words, speaker or null for
an unnamed one) and the attack with its killed count (null when the story reports none; killed null when
the toll is not a number). Written by hand; /work/shared/data holds no French, Spanish or Russian set.

Batches: the first 32 stories of each language (no "batch" key) were written with the extractors; 13 more
each (`"batch": 2`, ids 33-45) were written later to widen the set (protests, shelling, arrests, elections,
displacement; « », „ “, “ ”, dialogue dashes, speech verbs before and after the quote, speakers named earlier
and referred back to by a pronoun or a title). `--batch old|new` scores one of them; the default scores all.

Parts: each story is in the tuned or the measured part by the SHA-1 of its id (`part_of`), about half each.
Rules were adjusted by reading errors on the tuned part only; the measured part is for reporting.

Scores per language and part:
- language: detection accuracy;
- people P/R/F1: predicted PERSON names against gold names (case and accents aside);
- places: a gold place is found when a predicted Place has a mention covering its words and the right
  country (recall); precision counts predicted places whose every mention overlaps a gold place of that
  country;
- quotes: gold quotes found (recall), and the share of those with the right speaker;
- attack: stories with an attack given an ASSAULT event (recall), stories without one given none
  (specificity), and the killed count right where the gold gives one.

Exits 1 when a measured score falls below its floor (FLOORS); a missing model skips its language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph import lang
from newsgraph.geo.names import norm
from newsgraph.model import Article, Source

DATA = Path(__file__).resolve().parent / "data" / "lang"
PARTS = ("tuned", "measured")
LANGS = ("fr", "es", "ru")
METRICS = ("language", "people_f1", "places_r", "places_p", "quotes_r", "speaker", "attack_r", "attack_spec",
           "killed")
# Pinned a little below the measured part's scores over all 45 stories a language (the first 32 and the 13 of
# batch 2; with batch 1 alone they were fr .857 .815 .957 1 .769 .889 1 .857, es .839 .919 1 1 .824 1 1 1,
# ru .857 .880 1 1 1 .917 1 .917, in METRICS order from people_f1). All 45, before any fix read from batch 2:
# fr .865 .784 .967 .950 .737 .900 1 .875; es .809 .860 .977 1 .833 1 1 1; ru .810 .886 1 1 .850 .933 1 .933.
# ru speaker raised when a description at the cue ("— отметил губернатор") was read back to its person: .850 -> .900.
FLOORS: dict[str, dict[str, float]] = {
    "fr": {"language": 1.0, "people_f1": 0.83, "places_r": 0.75, "places_p": 0.93, "quotes_r": 0.92,
           "speaker": 0.70, "attack_r": 0.85, "attack_spec": 0.95, "killed": 0.82},
    "es": {"language": 1.0, "people_f1": 0.77, "places_r": 0.82, "places_p": 0.95, "quotes_r": 0.95,
           "speaker": 0.79, "attack_r": 0.95, "attack_spec": 0.95, "killed": 0.95},
    "ru": {"language": 1.0, "people_f1": 0.77, "places_r": 0.85, "places_p": 0.95, "quotes_r": 0.95,
           "speaker": 0.85, "attack_r": 0.88, "attack_spec": 0.95, "killed": 0.88},
}


def part_of(story_id: str) -> str:
    return PARTS[hashlib.sha1(story_id.encode("utf-8")).digest()[0] % 2]


@dataclass
class Tally:
    n: int = 0
    counts: dict[str, list[int]] = field(default_factory=lambda: {m: [0, 0] for m in (
        "language", "people_p", "people_r", "places_r", "places_p", "quotes_r", "speaker", "attack_r",
        "attack_spec", "killed")})
    errors: list[str] = field(default_factory=list)

    def add(self, metric: str, ok: bool, why: str = "") -> None:
        self.counts[metric][0] += int(ok)
        self.counts[metric][1] += 1
        if not ok and why:
            self.errors.append(f"{metric}: {why}")

    def score(self, metric: str) -> float | None:
        if metric == "people_f1":
            p, r = self.score("people_p"), self.score("people_r")
            if p is None or r is None:
                return None
            return 2 * p * r / (p + r) if p + r else 0.0
        ok, n = self.counts[metric]
        return ok / n if n else None


def read_story(row: dict) -> Article:
    art = Article(id=row["id"], source=Source(row["id"]), text=row["text"], published=row.get("published"))
    det = lang.detect_full(row["text"])
    art.language = det.code
    if lang.route(det) == "full":
        lang.fill(art, det)
    return art


def _people(t: Tally, row: dict, art: Article) -> None:
    gold = {norm(n) for n in row["people"]}
    got = {norm(e.name) for e in art.entities if e.type == "PERSON"}
    for g in gold:
        t.add("people_r", g in got, f"{row['id']} missed {g!r} (got {sorted(got)})")
    for g in got:
        t.add("people_p", g in gold, f"{row['id']} extra person {g!r}")


def _places(t: Tally, row: dict, art: Article) -> None:
    text = art.text
    spans = {}
    for name, cc in row["places"]:
        i = text.find(name)
        while i >= 0:  # every occurrence: a place named twice is one gold place met twice
            spans[(i, i + len(name))] = cc
            i = text.find(name, i + 1)
    for name, cc in row["places"]:
        occ = [(s, e) for (s, e) in spans if text[s:e] == name]
        ok = any(p.country == cc and ms <= s + 1 and e - 1 <= me and me > s
                 for p in art.places for ms, me in p.mentions for s, e in occ)
        t.add("places_r", ok, f"{row['id']} missed {name!r} ({cc}); got {[(p.name, p.country) for p in art.places]}")
    for p in art.places:
        # a mention may carry the kind of place ("provincia de Santa Fe"): overlapping a gold place will do
        ok = all(any(gs < me and ms < ge and spans[(gs, ge)] == p.country for gs, ge in spans)
                 for ms, me in p.mentions)
        t.add("places_p", ok, f"{row['id']} extra place {p.name} ({p.country}) at {[text[s:e] for s, e in p.mentions]}")


def _quotes(t: Tally, row: dict, art: Article) -> None:
    for start, speaker in row["quotes"]:
        q = next((q for q in art.quotes if q.text.startswith(start)), None)
        t.add("quotes_r", q is not None, f"{row['id']} missed quote {start!r}")
        if q is None:
            continue
        ok = norm((q.speaker_entity and q.speaker) or "") == norm(speaker or "")
        t.add("speaker", ok, f"{row['id']} quote {start!r}: speaker {q.speaker!r} ({q.speaker_method}), gold {speaker!r}")


def _attack(t: Tally, row: dict, art: Article) -> None:
    got = [e for e in art.events if e.type == "ASSAULT"]
    gold = row["attack"]
    if gold is None:
        t.add("attack_spec", not got, f"{row['id']} false attack {[(e.mode, e.killed) for e in got]}")
        return
    t.add("attack_r", bool(got), f"{row['id']} missed the attack")
    if gold.get("killed") is not None:
        killed = got[0].killed if got else None
        t.add("killed", killed == gold["killed"], f"{row['id']} killed {killed}, gold {gold['killed']}")


BATCHES = ("all", "old", "new")


def in_batch(row: dict, batch: str) -> bool:
    return batch == "all" or (batch == "new") == (row.get("batch") == 2)


def evaluate(code: str, batch: str = "all") -> dict[str, Tally]:
    tallies = {p: Tally() for p in PARTS}
    for line in (DATA / f"{code}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not in_batch(row, batch):
            continue
        t = tallies[part_of(row["id"])]
        t.n += 1
        art = read_story(row)
        t.add("language", art.language == code, f"{row['id']} detected {art.language}")
        _people(t, row, art)
        _places(t, row, art)
        _quotes(t, row, art)
        _attack(t, row, art)
    return tallies


def cleaning_and_cost() -> list[str]:
    """Two checks beside the extractors: cleaning must not 'repair' words of these languages with its English
    word list (a Spanish "protesta" split into "protest a"), and what detecting a story's language costs."""
    from newsgraph.clean import document_stories
    from newsgraph.sources import Document

    texts = [json.loads(ln)["text"] for code in LANGS if (DATA / f"{code}.jsonl").exists()
             for ln in (DATA / f"{code}.jsonl").read_text(encoding="utf-8").splitlines()]
    repairs = [(r.from_, r.to) for i, t in enumerate(texts)
               for st in document_stories(Document(uri=f"lang{i}", format="text", text=t)) for r in st.repairs]
    lang.detect_full(texts[0])  # the classifier loads once
    t0 = time.perf_counter()
    for t in texts:
        lang.detect_full(t)
    ms = 1000 * (time.perf_counter() - t0) / max(1, len(texts))
    print(f"cleaning: {len(repairs)} glued-word repairs in {len(texts)} fr/es/ru stories (bar: 0) {repairs[:5]}")
    print(f"language detection: {ms:.2f} ms a story")
    return [f"cleaning repaired {len(repairs)} words of other languages"] if repairs else []


def _fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", default="all", choices=(*LANGS, "all"))
    ap.add_argument("--part", default="both", choices=(*PARTS, "both"))
    ap.add_argument("--batch", default="all", choices=BATCHES,
                    help="old: the first 32 stories a language; new: the 13 written later; floors hold for all")
    ap.add_argument("--show", type=int, default=0, help="print this many errors per language and part")
    args = ap.parse_args(argv)
    codes = LANGS if args.lang == "all" else (args.lang,)
    parts = PARTS if args.part == "both" else (args.part,)
    failed = []
    print(f"{'lang':4} {'part':8} {'n':>3} " + " ".join(f"{m:>11}" for m in METRICS))
    for code in codes:
        if not lang.available(code):
            print(f"SKIP {code}: model not installed ({lang.models.INSTALL[code]})")
            continue
        t0 = time.perf_counter()
        tallies = evaluate(code, args.batch)
        for part in parts:
            t = tallies[part]
            print(f"{code:4} {part:8} {t.n:3d} " + " ".join(f"{_fmt(t.score(m)):>11}" for m in METRICS))
            for err in t.errors[:args.show]:
                print(f"     {err}")
            if part == "measured" and args.batch == "all":
                failed += [f"{code} {m} {t.score(m):.3f} < {f}" for m, f in FLOORS[code].items()
                           if t.score(m) is not None and t.score(m) < f]
        print(f"     ({time.perf_counter() - t0:.1f} s with model load)")
    failed += cleaning_and_cost()
    for f in failed:
        print(f"BELOW FLOOR: {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
