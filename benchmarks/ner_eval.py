"""Entity span F1 on CoNLL-2003 English dev (CoNLL++ corrections), people/places/organisations.

Our types map PERSON->PER; GPE, LOC, FAC->LOC; ORG->ORG (NORP, EVENT and CoNLL's MISC are not scored).
A predicted mention counts when its type and exact character span match a gold one.
Prints newsgraph's entities stage next to raw spaCy NER on the same text (same model, same mapping).

    python benchmarks/ner_eval.py [--limit N] [--half even|odd|all]      bar: newsgraph F1 >= 0.80

Rules are tuned on even-numbered documents; the odd-numbered ones are the held-out figure. Also prints
sports stories against the rest, and the cost of the entity stage against spaCy's own time.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from _shared import DATA, f1, need

MAP = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}


def read_conll(path):
    """Documents as (text, gold spans {(start, end, type)})."""
    docs, sents, cur = [], [], []

    def flush_doc():
        if sents:
            docs.append(build(sents))
        sents.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if cur:
                sents.append(cur)
                cur = []
            flush_doc()
            continue
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        parts = line.split()
        cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    flush_doc()
    return docs


def build(sents):
    text_parts, gold, pos = [], set(), 0
    for sent in sents:
        spans = []
        for tok, tag in sent:
            spans.append((pos, pos + len(tok), tag))
            pos += len(tok) + 1
        text_parts.append(" ".join(t for t, _ in sent))
        cur = None  # [start, end, type] of the entity being read
        for s, e, tag in spans:
            if cur and (tag == "O" or tag.startswith("B-") or tag[2:] != cur[2]):
                gold.add(tuple(cur))
                cur = None
            if tag != "O":
                cur = [s, e, tag[2:]] if cur is None else [cur[0], e, cur[2]]
        if cur:
            gold.add(tuple(cur))
    return "\n".join(text_parts), {g for g in gold if g[2] in ("PER", "LOC", "ORG")}


def score(pairs) -> Counter:
    c: Counter = Counter()
    for pred, gold in pairs:
        c["tp"] += len(pred & gold)
        c["fp"] += len(pred - gold)
        c["fn"] += len(gold - pred)
    return c


def line(name: str, c: Counter) -> str:
    p, r, f = f1(c["tp"], c["fp"], c["fn"])
    return f"{name:24}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    ap.add_argument("--half", choices=("even", "odd", "all"), default="all",
                    help="the bar's half: rules are tuned on even-numbered documents, odd ones are held out")
    args = ap.parse_args()
    path = need(DATA / "conll2003" / "conllpp_dev.txt", "ner_eval")
    docs = read_conll(path)
    if args.limit:
        docs = docs[: args.limit]

    from newsgraph import Pipeline
    from newsgraph.extract.entities import extract_mentions, group_mentions, is_sports
    from newsgraph.nlp import nlp_text

    nlp = Pipeline().nlp
    texts = [t for t, _ in docs]
    nlp_text("WARM UP THE WORD LIST\nbefore timing")  # the word-frequency list loads on first use
    t0 = time.process_time()
    recased = [nlp_text(t) for t in texts]
    t_recase = time.process_time() - t0
    t0 = time.process_time()
    sdocs = list(nlp.pipe(recased))
    t_spacy = time.process_time() - t0
    # The gazetteer and word list load once per process; warm them so the timing is the per-story cost.
    group_mentions(extract_mentions(sdocs[0], texts[0]), texts[0])
    t0 = time.process_time()
    preds = []
    for text, doc in zip(texts, sdocs, strict=True):
        pred = set()
        for ent in group_mentions(extract_mentions(doc, text), text):
            if ent.type in MAP:
                pred.update((s, e, MAP[ent.type]) for s, e in ent.mentions)
        preds.append(pred)
    t_ent = time.process_time() - t0
    raws = [{(e.start_char, e.end_char, MAP[e.label_]) for e in d.ents if e.label_ in MAP} for d in nlp.pipe(texts)]
    golds = [g for _, g in docs]
    sports = [is_sports(r) for r in recased]

    def pick(i: int, half: str) -> bool:
        return half == "all" or (i % 2 == 0) == (half == "even")

    chosen = [i for i in range(len(docs)) if pick(i, args.half)]
    print(f"CoNLL++ dev: {len(docs)} documents, {sum(len(g) for g in golds)} gold PER/LOC/ORG mentions; "
          f"scoring half={args.half} ({len(chosen)} documents)")
    print(line("raw spaCy (no recasing)", score((raws[i], golds[i]) for i in chosen)))
    ours = score((preds[i], golds[i]) for i in chosen)
    print(line("newsgraph", ours))
    for t in ("PER", "LOC", "ORG"):
        print(line(f"  {t}", score(({x for x in preds[i] if x[2] == t}, {x for x in golds[i] if x[2] == t})
                                   for i in chosen)))
    for half in ("all", "even", "odd"):
        print(line(f"half {half}" + (" (tuned on)" if half == "even" else " (held out)" if half == "odd" else ""),
                   score((preds[i], golds[i]) for i in range(len(docs)) if pick(i, half))))
    for name, want in (("sports stories", True), ("other stories", False)):
        idx = [i for i in chosen if sports[i] == want]
        print(line(f"{name} ({len(idx)})", score((preds[i], golds[i]) for i in idx)))
    print(f"CPU time: spaCy nlp.pipe {t_spacy:.2f}s; recasing {t_recase:.2f}s ({100 * t_recase / t_spacy:.1f}%); "
          f"entity stage {t_ent:.2f}s ({100 * t_ent / t_spacy:.1f}% of spaCy)")
    f = f1(ours["tp"], ours["fp"], ours["fn"])[2]
    print(f"bar F1 >= 0.80: {'PASS' if f >= 0.80 else 'FAIL'} ({f:.3f})")


if __name__ == "__main__":
    main()
