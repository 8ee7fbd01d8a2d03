"""Where the public development sets live (../shared/data beside the project), a uniform skip, and pinned floors."""

from __future__ import annotations

import sys
from collections.abc import Hashable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT.parent / "shared" / "examples"


def need(path: Path, what: str) -> Path:
    """The path, or a SKIP line and exit 0 when the development data is absent (a user's machine)."""
    if not path.exists():
        print(f"SKIP {what}: {path} not found (the shared development data is not beside the project)")
        sys.exit(0)
    return path


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def missed_floors(got: Mapping[Hashable, float | None], floors: Mapping[Hashable, tuple[float, str]]) -> list[str]:
    """One line per floor missed. A floor is (bound, "min" | "max") under a metric's name or a (section, metric)
    pair; a key not measured (absent or None) is not checked."""
    missed = []
    for key, (bound, how) in floors.items():
        v = got.get(key)
        if v is not None and (v < bound if how == "min" else v > bound):
            label = " ".join(key) if isinstance(key, tuple) else str(key)
            missed.append(f"{label} = {v:.4f} {'<' if how == 'min' else '>'} floor {bound}")
    return missed


def warm_cleaning(texts: list[str]) -> None:
    """Clean `texts` and detect a language, so that cleaning's models are loaded before anything is timed."""
    from newsgraph.clean import document_stories
    from newsgraph.lang import detect_full
    from newsgraph.sources.base import Document

    for i, text in enumerate(texts):
        document_stories(Document(uri=f"warm/{i}", format="text", text=text))
    detect_full("Le gouvernement a annoncé mardi une réforme des retraites, a déclaré le ministre à Paris hier soir.")


def cleaning_share(texts: list[str], warm: list[str]) -> tuple[float, float, int]:
    """document_stories' CPU time over the documents `texts` and nlp.pipe's (NER and parser) over the stories it
    gives: (cleaning seconds, spaCy seconds, words of the stories). Both sides are warmed first, so neither
    counts loading its models: spaCy on two of the stories, cleaning on the documents `warm` (other documents
    than the timed ones, so that no line of these is already in the cleaners' caches)."""
    import time

    from newsgraph import nlp as nlp_mod
    from newsgraph.clean import document_stories
    from newsgraph.sources.base import Document

    warm_cleaning(warm)
    docs = [Document(uri=f"timed/{i}", format="text", text=text) for i, text in enumerate(texts)]
    t0 = time.process_time()
    stories = [st.text for d in docs for st in document_stories(d)]
    clean_s = time.process_time() - t0
    nlp = nlp_mod.load(None, needs=("ner", "parser"))
    list(nlp.pipe(stories[:2]))
    t0 = time.process_time()
    for _ in nlp.pipe(stories, batch_size=32):
        pass
    return clean_s, time.process_time() - t0, sum(len(t.split()) for t in stories)
