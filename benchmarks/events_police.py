"""Police actions in regional and local news: does the events stage record police killing, arresting or using force?

    .venv/bin/python benchmarks/events_police.py [--limit N] [--show N]

Reads benchmarks/data/police_sentences.jsonl (written by the project: one invented sentence a line as a regional
paper in the US, UK, Ireland, Canada, Australia, India or South Africa would print it, labelled kill, arrest, force
or none; style "a" terse blotter and court-report lines, style "b" fuller narrative sentences; the none lines are
hard negatives: inquiries, statements, appeals, police as victims, history, plans, denials, court cases, charges
without an arrest). Each sentence runs through every stage as one story (events_snippets.run_story,
events_eval.pipeline_stages), and `police_actions` reads from the record which police actions it reports.

Prints, for style a, style b and all: per label (kill, arrest, force; none = no action read) precision, recall,
F1 and the counts; then each label's misses (and false alarms) grouped by what the record shows, the most common
first, with up to N sentences each (--show N). Exits non-zero when the F1 of all sentences is below a pinned floor
(FLOORS); `--limit N` (the first N sentences, a quick look) checks no floor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

if TYPE_CHECKING:
    from newsgraph.model import Article, Event

DATA = ROOT / "benchmarks" / "data" / "police_sentences.jsonl"
LABELS = ("kill", "arrest", "force")
# Pinned at the measured all-sentence F1 less 0.05. First measured (commit 12f499e): kill .800, arrest .761,
# force .336; after the custody/force triggers, organised crime allowed on ASSAULT and COERCE, and "would" as
# reported future (written while looking at this set's misses, so not a held-out figure): .859, .837, .365.
# They stop regressions; the lead's bar is 0.60 for kill and arrest on held-out text.
FLOORS = {"kill": 0.80, "arrest": 0.78, "force": 0.31}
# An event counts when its confidence reaches this (the stage keeps planned and recalled happenings at 0.45 of
# their confidence, so most of them fall below it).
MIN_CONFIDENCE = 0.5

# Law-enforcement nouns (any state law-enforcement agents count: sheriffs, troopers, federal and immigration agents,
# gardaí); the acronyms and "the Met" only as written in capitals.
NOUNS = (r"police\w*|policem[ae]n|policewom[ae]n|officers?|cops?|constables?|constabulary|deput(?:y|ies)|sheriff\w*|"
         r"troopers?|patrolm[ae]n|detectives?|sergeants?|sgt|marshals?|agents?|garda\w*|gardaí|mounties|marksm[ae]n|"
         r"snipers?|enforcement|scotland yard|task force|crime branch|tactical \w+")
ACRONYMS = r"Met|SAPS|RCMP|OPP|ICE|FBI|DEA|CBSA|NIA|STF|SWAT|PSNI|AFP|Hawks"
POLICE = re.compile(rf"\b(?:{NOUNS})\b", re.I)
POLICE_CAPS = re.compile(rf"\b(?:{ACRONYMS})\b")
# The sentence names law enforcement as the doer: a passive agent ("shot dead by armed police", "by a Surrey RCMP
# officer") or a police act ("police gunfire", "a police shooting"). "Police said", "told officers" do not count.
BY_POLICE = re.compile(rf"\bby (?:[\w'-]+ ){{0,4}}?(?:{NOUNS}|{ACRONYMS})\b", re.I)
POLICE_ACT = re.compile(r"\bpolice (?:shooting|firing|gunfire|fire|bullets?|custody|encounter|raid|chase|pursuit)\b",
                        re.I)
KILL_WORDS = re.compile(r"\b(?:kill(?:s|ed|ing)?|shot (?:\w+ )?dead|fatal(?:ly)?|died|dies|dead|death|slain|"
                        r"gunned down|to death)\b", re.I)
KILL_MODES = {"massacre", "assassinate", "execute"}


def _law(text: str) -> bool:
    return bool(POLICE.search(text) or POLICE_CAPS.search(text))


def by_police(event: Event, sentence: str) -> bool:
    """The event's doer is law enforcement: its actor names it, or (no actor found) its sentence does as the doer."""
    if event.actor is not None:
        return _law(event.actor.text)
    return bool(BY_POLICE.search(sentence) or POLICE_ACT.search(sentence))


def police_actions(article: Article) -> set[str]:
    """The police actions the record reports, a subset of {"kill", "arrest", "force"}; a view over its events
    (each with confidence >= MIN_CONFIDENCE), read with the words of each event's evidence sentence (its span):

    - arrest: an arrest (COERCE of mode arrest, or ACLED sub-event "Arrests") whose actor is law enforcement or not
      found: an arrest is a state act, so "a man was arrested" counts, "villagers detained a thief" does not;
    - kill: a violent event (ASSAULT, or ACLED "Excessive force against protesters") by law enforcement (by_police)
      with people killed, a killing mode (massacre, assassinate, execute) or a killing word in its sentence;
    - force: any other such violent event by law enforcement (a beating, a Taser, a shooting that wounds).
    """
    out: set[str] = set()
    for e in article.events:
        if (e.confidence or 0.0) < MIN_CONFIDENCE:
            continue
        sentence = article.text[e.span[0]:e.span[1]]
        if (e.type == "COERCE" and e.mode == "arrest") or e.acled_subtype == "Arrests":
            if e.actor is None or _law(e.actor.text):
                out.add("arrest")
        elif (e.type == "ASSAULT" or e.acled_subtype == "Excessive force against protesters") and by_police(e, sentence):
            killing = (e.killed or 0) > 0 or e.mode in KILL_MODES or bool(KILL_WORDS.search(sentence))
            out.add("kill" if killing else "force")
    return out


def why(label: str, text: str, article: Article) -> str:
    """What the record shows for a sentence whose `label` it misses: the part of the stage to look at first."""
    from newsgraph.extract.events.triggers import find, text_tokens

    want = "COERCE" if label == "arrest" else "ASSAULT"
    right = [e for e in article.events if e.type == want and (label != "arrest" or e.mode == "arrest")]
    if not right:
        hit = any(h.trigger.type == want and (label != "arrest" or h.trigger.mode == "arrest")
                  for h in find(text_tokens(text)))
        if not hit:
            return "no trigger word (events/triggers.py)"
        return "trigger, but no event of its type (filters, factuality, or the classifier overruled it)"
    sure = [e for e in right if (e.confidence or 0.0) >= MIN_CONFIDENCE]
    if not sure:
        return f"confidence below {MIN_CONFIDENCE}"
    if label == "arrest":
        return "arrest whose actor is not law enforcement"
    if not any(by_police(e, article.text[e.span[0]:e.span[1]]) for e in sure):
        return "doer not law enforcement (actor missing or wrong)"
    return "read as force: no killed count or killing word" if label == "kill" else "read as kill"


def summary(article: Article) -> str:
    """The record's events in brief: type/mode, ACLED sub-event, confidence, actor."""
    return "; ".join(f"{e.type}/{e.mode} {e.acled_subtype} {e.confidence or 0:.2f} actor "
                     f"{e.actor.text if e.actor else '-'}" for e in article.events) or "no event"


def false_alarm(label: str, article: Article) -> str:
    """What made the record report `label` in a sentence not labelled so: the events that read as it."""
    got = []
    for e in article.events:
        if (e.confidence or 0.0) >= MIN_CONFIDENCE and police_actions(_only(article, e)) & {label}:
            actor = e.actor.text if e.actor else "(by-phrase)"
            got.append(f"{e.type}/{e.mode} actor {actor}")
    return "; ".join(sorted(set(got))) or "?"


def _only(article: Article, event: Event) -> Article:
    from dataclasses import replace

    return replace(article, events=[event])


def scores(rows: list[dict], preds: list[set[str]]) -> dict[str, tuple[float, float, float, int, int, int]]:
    from _shared import f1

    out = {}
    for lab in (*LABELS, "none"):
        got = [(p or {"none"}) for p in preds]
        tp = sum(r["label"] == lab and lab in g for r, g in zip(rows, got, strict=True))
        fp = sum(r["label"] != lab and lab in g for r, g in zip(rows, got, strict=True))
        fn = sum(r["label"] == lab and lab not in g for r, g in zip(rows, got, strict=True))
        out[lab] = (*f1(tp, fp, fn), tp, fp, fn)
    return out


def report(name: str, rows: list[dict], preds: list[set[str]]) -> dict[str, float]:
    s = scores(rows, preds)
    print(f"  {name} (n={len(rows)})")
    for lab, (p, r, f, tp, fp, fn) in s.items():
        print(f"    {lab:7s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   tp {tp:3d} fp {fp:3d} fn {fn:3d}  gold {tp + fn:3d}")
    return {lab: v[2] for lab, v in s.items()}


def errors(rows: list[dict], preds: list[set[str]], arts: list[Article], show: int) -> None:
    for lab in LABELS:
        groups: dict[str, list[str]] = defaultdict(list)
        alarms: dict[str, list[str]] = defaultdict(list)
        for r, p, a in zip(rows, preds, arts, strict=True):
            if r["label"] == lab and lab not in p:
                groups[why(lab, r["text"], a)].append(f"[{r['style']}] {r['text']}\n             -> {summary(a)}")
            elif r["label"] != lab and lab in p:
                alarms[f"gold {r['label']}: {false_alarm(lab, a)}"].append(f"[{r['style']}] {r['text']}")
        for title, found in ((f"missed {lab}", groups), (f"false {lab}", alarms)):
            if not found:
                continue
            print(f"  {title}: {sum(map(len, found.values()))}")
            for reason, texts in sorted(found.items(), key=lambda kv: -len(kv[1])):
                print(f"    {len(texts):3d}  {reason}")
                for t in texts[:show]:
                    print(f"           {t}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--limit", type=int, help="only the first N sentences (a quick look; no floor is checked)")
    ap.add_argument("--show", type=int, default=3, help="sentences shown per kind of miss (default 3)")
    args = ap.parse_args(argv)
    from events_eval import pipeline_stages
    from events_snippets import run_story
    from newsgraph import nlp as nlp_mod

    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()][: args.limit]
    nlp = nlp_mod.load(None, needs=("ner", "parser"))
    stages = pipeline_stages()
    arts = [run_story(nlp, stages, r["text"]) for r in rows]
    preds = [police_actions(a) for a in arts]
    print(f"police actions in {DATA.name}: {dict(Counter(r['label'] for r in rows))}")
    for style in ("a", "b"):
        keep = [i for i, r in enumerate(rows) if r["style"] == style]
        report(f"style {style}", [rows[i] for i in keep], [preds[i] for i in keep])
    f1s = report("all", rows, preds)
    errors(rows, preds, arts, args.show)
    if args.limit:
        return 0
    failed = [f"{lab} F1 {f1s[lab]:.3f} (floor {floor})" for lab, floor in FLOORS.items() if f1s[lab] < floor]
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
