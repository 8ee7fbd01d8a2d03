"""The events stage's confidence numbers: how a candidate event's confidence is made and lowered, and the floor it
must reach (stage.py uses them all; they live here to keep stage.py short).

Each says what it does and where its value came from: a commit whose message gives the figure that chose it, or
"hand-set, no recorded figure". "Measured" notes give benchmarks/events_eval.py with the value at x0.5 and x1.5
(the value itself unchanged); figures that do not move under either nudge are not named there.
"""

from __future__ import annotations

# A candidate below this confidence is dropped. Hand-set in 6da6446 (issue 8), no recorded figure.
MIN_CONFIDENCE = 0.45
# Confidence with the PLOVER scorer: TRIGGER_SHARE of the trigger's strength plus MODEL_SHARE of the scorer's
# probability for the type relative to its best type. Hand-set in 6da6446 (issue 8), no recorded figure.
TRIGGER_SHARE = 0.6
MODEL_SHARE = 0.4
# Confidence without a scorer score for the type (no model, or MIGRATE, which the model does not know): this share
# of the trigger's strength. Hand-set in 6da6446 (issue 8), no recorded figure.
RULES_ONLY = 0.8
# A trigger weaker than WEAK_STRENGTH is dropped unless the scorer gives its type at least WEAK_SHARE of its best
# type's probability. Hand-set in 6da6446 (issue 8), no recorded figure.
WEAK_STRENGTH = 0.8
WEAK_SHARE = 0.5
# Trigger strength of a negated verb of acceptance ("would never accept"), read as REJECT: as sure as the surest
# trigger word. Hand-set in 6da6446 (issue 8), no recorded figure.
NEGATED_ACCEPT_STRENGTH = 1.0
# A planned or recalled happening keeps this share of its confidence (filters.not_now). Set in ededb72, whose
# message gives the pipeline's figures with it (held-out register wF1 .908 / .898, false events on hard negatives
# .219) but none for other values: hand-set, no recorded figure for the value itself.
NOT_NOW = 0.45
# An event inside a claim or an accusation, or in a sentence that denies it, keeps this share of its confidence
# (filters.claimed, denial). 12f499e: false events on the held-out register's hard negatives .219 -> .152, labels
# unchanged (.908 / .898), against no lowering; no other value recorded.
CLAIMED = 0.5
# How far the label classifier's likelihood of the event's type tempers a triggered event's confidence:
# confidence x (1 - TEMPER + TEMPER x likelihood). 0.5 in a5c9ab2; raised to 0.8 in 29fd105 with the classifier
# itself, whose message gives the pipeline's figures (held-out register wF1 .890 / .867, ordinary sentences with
# an event above 0.5: .012) but none for 0.5 against 0.8.
TEMPER = 0.8
