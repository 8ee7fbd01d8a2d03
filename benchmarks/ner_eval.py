"""Entity span F1 on CoNLL-2003 English dev (CoNLL++ corrections), people/places/organisations.

Our types map PERSON->PER; GPE, LOC, FAC->LOC; ORG->ORG (NORP, EVENT and CoNLL's MISC are not scored).
A predicted mention counts when its type and exact character span match a gold one.
Prints newsgraph's entities stage next to raw spaCy NER on the same text (same model, same mapping).

    python benchmarks/ner_eval.py [--limit N]          bar: newsgraph F1 >= 0.80
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents")
    args = ap.parse_args()
    path = need(DATA / "conll2003" / "conllpp_dev.txt", "ner_eval")
    docs = read_conll(path)
    if args.limit:
        docs = docs[: args.limit]

    from newsgraph import Pipeline
    from newsgraph.extract.entities import add_missed, group_mentions, mentions_from_doc, merge_table_mentions
    from newsgraph.nlp import nlp_text

    nlp = Pipeline().nlp
    ours, raw = Counter(), Counter()
    per_type: dict[str, Counter] = {t: Counter() for t in ("PER", "LOC", "ORG")}
    t0 = time.perf_counter()
    for (text, gold), doc in zip(docs, nlp.pipe(nlp_text(t) for t, _ in docs), strict=True):
        pred = set()
        for ent in group_mentions(add_missed(merge_table_mentions(mentions_from_doc(doc, text), text), text), text):
            if ent.type in MAP:
                pred.update((s, e, MAP[ent.type]) for s, e in ent.mentions)
        rawp = {(e.start_char, e.end_char, MAP[e.label_]) for e in nlp(text).ents if e.label_ in MAP}
        for c, p in ((ours, pred), (raw, rawp)):
            c["tp"] += len(p & gold)
            c["fp"] += len(p - gold)
            c["fn"] += len(gold - p)
        for t, c in per_type.items():
            pt, gt = {x for x in pred if x[2] == t}, {x for x in gold if x[2] == t}
            c["tp"] += len(pt & gt)
            c["fp"] += len(pt - gt)
            c["fn"] += len(gt - pt)
    secs = time.perf_counter() - t0
    print(f"CoNLL++ dev: {len(docs)} documents, {sum(len(g) for _, g in docs)} gold PER/LOC/ORG mentions, {secs:.1f}s")
    for name, c in (("raw spaCy", raw), ("newsgraph", ours)):
        p, r, f = f1(c["tp"], c["fp"], c["fn"])
        print(f"{name:10}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for t, c in per_type.items():
        p, r, f = f1(c["tp"], c["fp"], c["fn"])
        print(f"  {t:4}      P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    f = f1(ours["tp"], ours["fp"], ours["fn"])[2]
    print(f"bar F1 >= 0.80: {'PASS' if f >= 0.80 else 'FAIL'} ({f:.3f})")


if __name__ == "__main__":
    main()
