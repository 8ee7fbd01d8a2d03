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
