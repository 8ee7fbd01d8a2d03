"""The story-splitting model file (src/newsgraph/data/clean_segment.json) as benchmarks/train_segment.py writes it;
clean/segment.py's load_model reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsgraph.clean.segment import CUT_FEATURES, FEATURES, FRAGMENT_CLASSES, FRAGMENT_FEATURES, PAGE_FEATURES, Model


def write(m: Model, out: Path, web_only: bool) -> None:
    body = model_json(m)
    body["trained_on"] = ("benchmarks/train_segment.py: synthetic scrapes of the training half of WCXB dev + "
                          "ScrapingHub" + ("" if web_only else " + TR-News, GeoVirus, PolNeAR"))
    out.write_text(_numbers_on_one_line(json.dumps(body, indent=1)) + "\n", "utf-8")
    print(f"wrote {out}")


def model_json(m: Model) -> dict:
    """The file's fields of `m`, its main splitter (Model.main) nested under "main"."""
    frag = {} if not m.frag_coef else {
        "frag_features": list(FRAGMENT_FEATURES),
        "frag_classes": list(FRAGMENT_CLASSES),
        "frag_mean": _rounded(m.frag_mean),
        "frag_scale": _rounded(m.frag_scale),
        "frag_coef": [_rounded(r) for r in m.frag_coef],
        "frag_intercept": _rounded(m.frag_intercept),
        "frag_max_lines": m.frag_max_lines,
        "frag_margin": m.frag_margin,
    }
    brief = {} if not m.brief_coef else {
        "page_features": list(PAGE_FEATURES),
        "brief_mean": _rounded(m.brief_mean),
        "brief_scale": _rounded(m.brief_scale),
        "brief_coef": _rounded(m.brief_coef),
        "brief_intercept": round(m.brief_intercept, 6),
        "brief_gate": m.brief_gate,
        "brief_cut_threshold": m.brief_cut_threshold,
        "brief_min_words": m.brief_min_words,
        "brief_fragments": m.brief_fragments,
        **({"brief_forest": m.brief_forest.to_json()} if m.brief_forest is not None else {}),
    }
    return {
        "features": list(FEATURES),
        "mean": _rounded(m.mean),
        "scale": _rounded(m.scale),
        "coef": _rounded(m.coef),
        "intercept": round(m.intercept, 6),
        "threshold": m.threshold,
        "min_lines": m.min_lines,
        "min_words": m.min_words,
        "cut_features": list(CUT_FEATURES),
        "cut_mean": _rounded(m.cut_mean),
        "cut_scale": _rounded(m.cut_scale),
        "cut_coef": _rounded(m.cut_coef),
        "cut_intercept": round(m.cut_intercept, 6),
        "cut_threshold": m.cut_threshold,
        **({"cut_forest": m.cut_forest.to_json()} if m.cut_forest is not None else {}),
        **({"gap_forest": m.gap_forest.to_json()} if m.gap_forest is not None else {}),
        **frag,
        **brief,
        **({"main": model_json(m.main)} if m.main is not None else {}),
    }


def _rounded(values) -> list[float]:
    return [round(v, 6) for v in values]


def _numbers_on_one_line(text: str) -> str:
    """Each list of numbers on one line (a tree's nodes, a weight vector): the file stays readable and small."""
    return re.sub(r"\[\s+([-0-9.eE+,\s]+?)\s+\]", lambda m: "[" + ",".join(x.strip() for x in m.group(1).split(",")) + "]",
                  text)
