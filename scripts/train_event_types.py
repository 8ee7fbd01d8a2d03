"""Train the event-type classifier shipped as src/newsgraph/data/events_types.json (reproducible: fixed seed).

    .venv/bin/python scripts/train_event_types.py            # train, print the held-out figures, write the model
    .venv/bin/python scripts/train_event_types.py --check    # figures only, nothing written

It labels a sentence or a short snippet with one of the 30 labels of extract/events/acled.py (ACLED's 25
sub-event types and five beyond ACLED) or NONE (no event happened: history, plans, denials, hypotheticals,
claims, fiction, sport, pages that are not news). A TF-IDF over word unigrams, bigrams and crude stems
(events.scorer.features_stems, the stage's own analyser) and a multinomial logistic regression, stored like the PLOVER scorer.

Training data, all of it shippable:
- benchmarks/data/event_sentences/*.jsonl: event snippets the project wrote in its own words, in four registers
  (`style`: wire, note, local, feature); licensed with the project. The register named by HELD_OUT is never
  trained on: it is the measured part, unseen in wording and manner, not only in examples.
- the PLOVER gold-standard records (CC BY-SA 4.0, ../shared/data/events), training half (the other half is
  held out by train_events.py's hash), where their type and mode name one of our labels (GSR_LABELS); the
  weights then carry that licence, as the PLOVER scorer's do;
- ordinary sentences of the development pages (ScrapingHub AEB, MIT; WCXB, CC BY 4.0; training part of
  benchmarks/scrape_pages.py's split) that no trigger names, as NONE (read_background).
Also printed: leave-one-register-out figures (train on three registers, measure on the fourth) for every
register, so the choice of HELD_OUT does not flatter the figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from newsgraph.extract.events.acled import LABELS, NONE  # noqa: E402
from newsgraph.extract.events.scorer import dump, features_stems  # noqa: E402

SEED = 20261205
SENTENCES = ROOT / "benchmarks" / "data" / "event_sentences"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "events"
DEFAULT_OUT = ROOT / "src" / "newsgraph" / "data" / "events_types.json"
STYLES = ("wire", "note", "local", "feature")
HELD_OUT = "local"  # the register measured, never trained on (its wording is the most varied of the four)
# PLOVER gold-standard (type, mode) -> our label; records of other types are not used (they are events our
# 30 labels do not cover, so neither a label nor NONE).
GSR_LABELS = {
    ("FIGHT", "heavy-weapons"): "Shelling/artillery/missile attack",
    ("FIGHT", "firearms"): "Armed clash",
    ("FIGHT", "explosives"): "Remote explosive/landmine/IED",
    ("ASSAULT", "explosives"): "Remote explosive/landmine/IED",
    ("ASSAULT", "suicide-attack"): "Suicide bomb",
    ("ASSAULT", "assassinate"): "Attack",
    ("FIGHT", "assassinate"): "Attack",
    ("ASSAULT", "torture"): "Attack",
    ("ASSAULT", "beat"): "Attack",
    ("ASSAULT", "sexual"): "Sexual violence",
    ("PROTEST", "strike-hun"): "Peaceful protest",
    ("PROTEST", "strike-gen"): "Peaceful protest",
    ("PROTEST", "demo-org"): "Peaceful protest",
    ("PROTEST", "demo-spon"): "Peaceful protest",
    ("PROTEST", "obstruct"): "Peaceful protest",
    ("PROTEST", "riot-spon"): "Violent demonstration",
    ("PROTEST", "riot"): "Violent demonstration",
    ("COERCE", "arrest"): "Arrests",
    ("COERCE", "detain"): "Arrests",
    ("COERCE", "destroy"): "Looting/property destruction",
    ("COERCE", "curfew"): "Other",
    ("COERCE", "martial-law"): "Other",
    ("CONSULT", "visit"): "Diplomatic event",
    ("CONSULT", "host"): "Diplomatic event",
    ("CONSULT", "multilateral"): "Diplomatic event",
    ("AGREE", None): "Agreement",
    ("MOBILIZE", "troops"): "Other",
}
WEIGHTS = {"gsr": 1.0, "background": 0.3}  # per training source; the own snippets weigh 1
C = 3.0  # inverse regularisation: best mean leave-one-register-out wF1 over the training registers (1, 3, 10, 30 tried)
MAX_FEATURES = 30_000
BACKGROUND = 3000  # ordinary sentences as NONE (read_background), about one per own snippet


def read_sentences(folder: Path = SENTENCES) -> list[dict]:
    rows = []
    for f in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("label") not in (*LABELS, NONE):
                raise ValueError(f"{f.name}:{n}: unknown label {r.get('label')!r}")
            rows.append(r)
    return rows


def read_gsr(data: Path) -> list[dict]:
    from train_events import gsr_held_out

    f = data / "PLOVER_GSR_CAMEO.txt"
    if not f.exists():
        return []
    out = []
    for r in json.loads(f.read_text("utf-8")):
        label = GSR_LABELS.get((r.get("event"), r.get("mode") or None))
        if label and r.get("text") and not gsr_held_out(r["id"]):
            out.append({"text": r["text"], "label": label, "style": "gsr"})
    return out


def read_background(count: int = BACKGROUND, part: str = "train") -> list[dict]:
    """Ordinary sentences of web and news pages as NONE: the development pages' article text (ScrapingHub AEB,
    MIT; WCXB, CC BY 4.0) of one part of scrape_pages' fixed split and, for training, the HRDsAttack training
    articles (MIT), cut into sentences, keeping those of 6-40 words that no event trigger names. Without them the
    classifier has seen only eventful text and its hard negatives, and reads an event into "They have four
    children"."""
    import random
    import re

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import scrape_pages as sp
    from newsgraph.extract.events.triggers import find, text_tokens

    texts: list[tuple[str, str]] = []
    sh = sp.DATA / "scrapinghub-aeb" / "ground-truth.json"
    if sh.exists():
        texts += [("sh/" + k, v.get("articleBody") or "") for k, v in json.loads(sh.read_text("utf-8")).items()]
    for f in sorted((sp.DATA / "wcxb-dev-articles" / "ground-truth").glob("*.json")):
        texts.append(("wcxb/" + f.stem, json.loads(f.read_text("utf-8"))["ground_truth"].get("main_content") or ""))
    hrd = sp.DATA / "hrdsattack" / "train.json"
    if part == "train" and hrd.exists():
        # News, unlike most development pages: statements, reactions and background around events. The training
        # split only (its dev split is benchmarks/events_hrd.py's measured part).
        for i, r in enumerate(json.loads(hrd.read_text("utf-8"))):
            paras = re.findall(r"<p>(.*?)</p>", r["sample"]["Input.article_interface"], flags=re.S)
            texts.append((f"hrd/{i}", "\n".join(re.sub(r"<[^>]+>", " ", x) for x in paras)))
    out = []
    for page, text in texts:
        if not page.startswith("hrd/") and sp.part_of(page) != part:
            continue
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+", text):
            n = len(sent.split())
            if 6 <= n <= 40 and not find(text_tokens(sent)):
                out.append({"text": sent.strip(), "label": NONE, "style": "background", "page": page})
    random.Random(SEED).shuffle(out)
    return out[:count]


def fit(rows: list[dict], c: float = C):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=features_stems, sublinear_tf=True, min_df=1, max_features=MAX_FEATURES)
    x = vec.fit_transform([r["text"] for r in rows])
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED, class_weight="balanced")
    clf.fit(x, [r["label"] for r in rows], sample_weight=[WEIGHTS.get(r["style"], 1.0) for r in rows])
    return vec, clf


def scores(vec, clf, rows: list[dict]) -> dict[str, float]:
    """Weighted F1 over the 25 ACLED labels, over all 30, and accuracy including NONE."""
    from sklearn.metrics import f1_score

    gold = [r["label"] for r in rows]
    pred = list(clf.predict(vec.transform([r["text"] for r in rows])))
    acled = [lab for lab in LABELS[:25]]
    out = {"n": len(rows), "accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(rows))}
    for name, labs in (("wF1_acled25", acled), ("wF1_all30", list(LABELS))):
        keep = [i for i, g in enumerate(gold) if g in labs]
        out[name] = f1_score([gold[i] for i in keep], [pred[i] for i in keep], labels=labs, average="weighted",
                             zero_division=0) if keep else 0.0
    neg = [i for i, g in enumerate(gold) if g == NONE]
    out["none_recall"] = sum(pred[i] == NONE for i in neg) / max(1, len(neg))
    pos = [i for i, g in enumerate(gold) if g != NONE]
    out["event_as_none"] = sum(pred[i] == NONE for i in pos) / max(1, len(pos))
    return out


def show(name: str, s: dict[str, float]) -> None:
    print(f"  {name:22s} n={s['n']:5.0f}  wF1 ACLED-25 {s['wF1_acled25']:.3f}  wF1 all-30 {s['wF1_all30']:.3f}  "
          f"accuracy {s['accuracy']:.3f}  NONE found {s['none_recall']:.3f}  events lost as NONE {s['event_as_none']:.3f}")


def temperature(rows: list[dict], c: float, styles: list[str]) -> float:
    """The softmax temperature that makes the classifier's probabilities honest on registers it has not seen:
    fitted (least negative log-likelihood on a grid) to out-of-register predictions, each training register
    predicted by a model trained on the others. The stage's thresholds (extract/events/classifier.py) read probabilities."""
    import numpy as np

    logits, gold = [], []
    for style in styles:
        vec, clf = fit([r for r in rows if r["style"] != style], c)
        test = [r for r in rows if r["style"] == style]
        logits.append(clf.decision_function(vec.transform([r["text"] for r in test])))
        index = {lab: i for i, lab in enumerate(clf.classes_)}
        gold.extend(index[r["label"]] for r in test)
    z, y = np.vstack(logits), np.asarray(gold)
    best, best_nll = 1.0, float("inf")
    for t in np.arange(0.1, 3.01, 0.05):
        zt = z / t
        zt = zt - zt.max(axis=1, keepdims=True)
        nll = float(-(zt[np.arange(len(y)), y] - np.log(np.exp(zt).sum(axis=1))).mean())
        if nll < best_nll:
            best, best_nll = float(t), nll
    return round(best, 2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the PLOVER gold-standard records")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="print the figures, write nothing")
    ap.add_argument("--c", type=float, default=C, help="logistic regression's inverse regularisation")
    ap.add_argument("--also-hold", choices=STYLES,
                    help="leave this register out of training too (a model to tune the stage's thresholds on that "
                         "register without touching the held-out one; write it with --out elsewhere)")
    ap.add_argument("--background", type=int, default=BACKGROUND, help="ordinary sentences as NONE (0: none)")
    args = ap.parse_args(argv)

    rows = read_sentences()
    gsr = read_gsr(args.data) + (read_background(args.background) if args.background else [])
    by_style = Counter(r["style"] for r in rows)
    print(f"own sentences {len(rows)} {dict(by_style)}; PLOVER gold-standard records and background sentences "
          f"used {dict(Counter(r['style'] for r in gsr))}")
    print("leave-one-register-out (train on the other registers + gold standard, measure on this one):")
    for style in STYLES:
        test = [r for r in rows if r["style"] == style]
        train = [r for r in rows if r["style"] not in (style, HELD_OUT)] + gsr
        if test and train:
            show(style + (" (held out)" if style == HELD_OUT else ""), scores(*fit(train, args.c), test))
    train = [r for r in rows if r["style"] not in (HELD_OUT, args.also_hold)] + gsr
    vec, clf = fit(train, args.c)
    held = [r for r in rows if r["style"] == HELD_OUT]
    print(f"shipped model: trained on {len(train)} examples, measured on register {HELD_OUT!r}:")
    show(HELD_OUT, scores(vec, clf, held))
    if args.check:
        return 0
    own_styles = sorted({r["style"] for r in train} - {"gsr", "background"})
    t = temperature([r for r in train if r["style"] not in ("gsr",)], args.c, own_styles)
    print(f"temperature {t} (fitted out of register on {', '.join(own_styles)}); folded into the weights")
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    text = dump(list(clf.classes_), vocab, list(vec.idf_), (clf.coef_ / t).tolist(), list(clf.intercept_ / t),
                trained_on=("event snippets written by the newsgraph project (registers "
                            f"{', '.join(own_styles)}); PLOVER gold-standard records (Open Event Data Alliance, "
                            "CC BY-SA 4.0), training half, where their type names a label; ordinary sentences of the "
                            "ScrapingHub AEB (MIT) and WCXB (CC BY 4.0) development pages as NONE"),
                held_out=HELD_OUT, temperature=t, analyser="words+stems", seed=SEED,
                script="scripts/train_event_types.py",
                licence="CC BY-SA 4.0: weights partly derived from the PLOVER gold-standard records, (c) 2016 Open "
                        "Event Data Alliance")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
