"""Build src/newsgraph/data/clean_topics.npz: small topic vectors of words, for the story splitter's cut model.

Two short stories on unrelated topics barely share a word, and neither does a short story with itself (a flood
story says "river", "drowned", "shelters"; none repeats): word overlap cannot tell a page of briefs from one
story (issue 18, item 5; benchmarks/story_coherence.py). Words that appear in the same stories are near in a
latent semantic space (LSA: truncated SVD of a tf-idf word-by-story matrix), so a part's topic is the weighted
mean of its words' vectors, and two parts can be alike without a word in common.

Trained only on text that neither the splitter's training documents nor any benchmark of it holds: the synthetic
political event stories of ../shared/data/events (no benchmark reads them) and HRDsAttack's training split
(events_eval reads dev). Not the development articles: fitted on the splitter's own training half too, the vectors
knew those stories' words (the share of a story's halves more alike than two stories: .93 on training-half news
against .78 on the evaluation half), and the cut trees trusted them more than held-out text warrants; fitted on the
outside text alone, .77 against .76. Vocabulary: topical words (as clean/gaps.py counts them) in at least MIN_DF
stories, the VOCAB most frequent; each vector unit length, stored as int8 (x127), with the stories' mean direction.
Fixed seed: the same data gives the same file.

    .venv/bin/python benchmarks/train_word_topics.py
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import DATA
from newsgraph.clean.topics import topical_words
from newsgraph.clean.words import rarity

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "clean_topics.npz"
SEED = 7
# Latent topics and vocabulary. On segment_eval's evaluation-half stories cut to 3-6 paragraphs, the share of
# (story, random other story) pairs where the story's halves are more alike than the two stories, with vectors
# fitted on the development articles' training half too (first tries): news .788 / web .744 at 64 topics, .792 /
# .780 at 128, .794 / .811 at 256 (file 4x the size of 64's). 128 x 16,000 int8 is about 1.5 MB.
DIM = 128
VOCAB = 16_000
MIN_DF = 3


def corpus() -> list[str]:
    """One string per story, from the sources the module docstring names."""
    texts: list[str] = []
    hrd = DATA / "hrdsattack" / "train.json"
    if hrd.exists():
        for s in json.loads(hrd.read_text("utf-8")):
            texts.append(re.sub(r"<[^>]+>", " ", s["sample"].get("Input.article_interface", "")))
    ngec = DATA / "events" / "ngec_synthetic_events.csv.zip"
    if ngec.exists():
        with zipfile.ZipFile(ngec) as z, z.open(z.namelist()[0]) as f:
            texts += [row["text"] for row in csv.DictReader(io.TextIOWrapper(f, "utf-8"))]
    return [t for t in texts if len(t.split()) >= 40]


def build(texts: list[str], dim: int = DIM, vocab: int = VOCAB) -> tuple[list[str], np.ndarray]:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    tf = TfidfVectorizer(analyzer=topical_words, min_df=MIN_DF, max_features=vocab, sublinear_tf=True)
    m = tf.fit_transform(texts)
    svd = TruncatedSVD(n_components=dim + 1, random_state=SEED, algorithm="randomized", n_iter=7).fit(m)
    # The first component is how much a word is used at all, not a topic: dropped.
    vecs = (svd.components_[1:] * svd.singular_values_[1:, None]).T
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
    return list(tf.get_feature_names_out()), vecs


def centre(texts: list[str], words: list[str], vecs: np.ndarray) -> np.ndarray:
    """The mean direction of the stories' vectors: every text leans that way (news is news), so unrelated
    stories looked alike (median cosine .52 between random evaluation-half stories) until it is taken out."""
    index = {w: i for i, w in enumerate(words)}
    out = np.zeros((len(texts), vecs.shape[1]))
    for r, t in enumerate(texts):
        known = [w for w in topical_words(t) if w in index]
        if known:
            out[r] = np.array([rarity(w) for w in known]) @ vecs[[index[w] for w in known]]
    out = out[np.linalg.norm(out, axis=1) > 0]
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).mean(axis=0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not (DATA / "events").exists():
        print(f"SKIP: development data not found at {DATA}")
        return 0
    texts = corpus()
    words, vecs = build(texts)
    print(f"{len(texts)} stories, {sum(len(t.split()) for t in texts):,} words; vocabulary {len(words)} x {vecs.shape[1]}")
    mean = centre(texts, words, vecs)
    np.savez_compressed(args.out, words=np.array(words), vectors=np.round(vecs * 127).astype(np.int8),
                        mean=mean.astype(np.float32))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
