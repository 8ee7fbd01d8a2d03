"""Quotes and their speakers: who said what, with the evidence spans.

The stage is `stage.py`: quoted regions from the quote marks alone (`marks.py`), tied by the parse to their
reporting verb, whose subject is the speaker (`speakers.py` resolves it; `speaker_rules.py` says how each
speaker was found, how far to trust it, and finds indirect speech). `display_text` is how the CLI shows a quote.
"""

from .speaker_rules import display_text
from .stage import STAGE

__all__ = ["STAGE", "display_text"]
