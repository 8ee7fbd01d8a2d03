"""Entities with canonical names inside a story: "Putin" and "Vladimir Putin" are one entity.

The stage is `stage.py`: mentions from spaCy's NER, trimmed and type-checked against the gazetteer, then merged
by name. `mentions.py` holds the Mention every rule passes around; `type_rules.py` corrects types from the words
around a mention; `tables.py` reads sports and results pages. The places stage reads the mentions through
`mentions_from_doc` and `addressed`.
"""

from .stage import STAGE, addressed, mentions_from_doc

__all__ = ["STAGE", "addressed", "mentions_from_doc"]
