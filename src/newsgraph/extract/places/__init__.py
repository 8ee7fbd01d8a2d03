"""Places: every place a story names, resolved offline to a gazetteer entry with coordinates.

The stage is `stage.py`. `mentions.py` finds the place names of a story and their candidate readings,
`features.py` says what the story says for and against each reading, and `scorer.py` holds the learned weights
(data/places_model.json) that choose among them.
"""

from .stage import STAGE

__all__ = ["STAGE"]
