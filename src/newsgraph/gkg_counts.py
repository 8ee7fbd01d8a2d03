"""The one map from our figure categories to GDELT GKG 2.1 count types, for the GKG export.

The GKG 2.1 codebook (V2Counts, "CountType#Number#ObjectType#Location...") names the count types it
mostly emits: AFFECT, ARREST, KIDNAP, KILL, PROTEST, SEIZE, WOUND. It has no DISPLACED type: people
displaced, evacuated or missing are among the "affected" it counts as AFFECT, and so is an undivided
"killed or injured" total, which is neither KILL nor WOUND alone. Categories GKG does not count
(troops, money, area, other) map to None and stay out of the export. Coupled to the category enum in
schema/article.schema.json (figures.category) and to extract/figures.py.
"""

from __future__ import annotations

from .model import Figure

GKG_COUNT_TYPES: dict[str, str | None] = {
    "killed": "KILL",
    "injured": "WOUND",
    "killed_or_injured": "AFFECT",
    "missing": "AFFECT",
    "displaced": "AFFECT",
    "arrested": "ARREST",
    "kidnapped": "KIDNAP",
    "protesters": "PROTEST",
    "troops": None,
    "money": None,
    "area": None,
    "other": None,
}


def gkg_count_type(category: str) -> str | None:
    """The GKG count type for one of our figure categories, or None when GKG has no such count."""
    if category not in GKG_COUNT_TYPES:
        raise ValueError(f"unknown figure category {category!r}")
    return GKG_COUNT_TYPES[category]


def gkg_count_number(figure: Figure) -> int | None:
    """The single number GKG wants: the value, else the lower bound of a range or vague amount.

    The lower bound because GKG counts are read as "at least": "between 40,000 and 80,000" counts 40,000.
    """
    n = figure.value if figure.value is not None else figure.low
    return None if n is None else round(n)
