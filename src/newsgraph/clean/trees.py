"""Boosted regression trees evaluated with numpy.

The story splitter's cut model is a gradient-boosted tree ensemble (its evidence interacts: a low vocabulary
overlap means a new story between two long parts and little between a list's items). The trees are stored as
plain arrays in data/clean_segment.json, written by benchmarks/train_segment.py from scikit-learn's
GradientBoostingClassifier, so that running newsgraph needs neither scikit-learn nor a pickle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np


@dataclass(frozen=True, eq=False)
class Forest:
    """Trees padded to one node count: row t of each array is tree t; node 0 is its root."""

    feature: np.ndarray  # (trees, nodes) int: the feature a node tests, -1 at a leaf
    threshold: np.ndarray  # (trees, nodes): go left when the feature is <= this
    left: np.ndarray  # (trees, nodes) int
    right: np.ndarray  # (trees, nodes) int
    value: np.ndarray  # (trees, nodes): a leaf's contribution to the log odds (learning rate applied)
    base: float  # log odds before any tree
    depth: int

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log odds for each row of x (rows, features)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        feature, threshold, kids, value, roots = self._walk
        n_rows, width = x.shape
        flat = x.ravel()
        offsets = (np.arange(n_rows) * width)[:, None]
        # Every row starts at the roots, whose tests are one column of x each. (A forest of depth 0 is all leaves,
        # and a step from a leaf stays on it.)
        node = kids.take(2 * roots + (x.take(feature.take(roots), axis=1) <= threshold.take(roots)))
        # One-dimensional take() on flat arrays costs half of two-dimensional fancy indexing and np.where over
        # both children; the nodes reached, and so the leaf values summed, are the same.
        for _ in range(self.depth - 1):
            go_left = flat.take(feature.take(node) + offsets) <= threshold.take(node)
            node = kids.take(2 * node + go_left)
        return self.base + value.take(node).sum(axis=1)

    @cached_property
    def _walk(self) -> tuple[np.ndarray, ...]:
        """The trees as flat arrays, each child a flat index, each leaf its own child on both sides (feature 0,
        threshold +inf): a walk of `depth` steps then needs no test for leaves. Line roles evaluate every line
        of every document, and the masked walk was most of their cost. A node's children sit side by side in
        `kids`, right at 2 * node and left at 2 * node + 1, so one step picks either by adding its test."""
        n_trees, width = self.feature.shape
        leaf = self.feature < 0
        start = (np.arange(n_trees) * width)[:, None]
        own = start + np.arange(width)[None, :]
        kids = np.empty(2 * self.feature.size, dtype=np.int64)
        kids[0::2] = np.where(leaf, own, self.right + start).ravel()
        kids[1::2] = np.where(leaf, own, self.left + start).ravel()
        return (np.where(leaf, 0, self.feature).ravel(), np.where(leaf, np.inf, self.threshold).ravel(), kids,
                self.value.ravel(), start.ravel())

    def prob(self, row: list[float]) -> float:
        return self.probs([row])[0]

    def probs(self, rows: list[list[float]]) -> list[float]:
        """Probability of each row, the trees walked once for all of them."""
        return [1.0 / (1.0 + math.exp(-min(max(float(z), -30.0), 30.0))) for z in self.logits(np.asarray(rows))]

    def to_json(self) -> dict[str, Any]:
        return {"base": self.base, "depth": self.depth, "feature": self.feature.tolist(),
                "threshold": self.threshold.tolist(), "left": self.left.tolist(), "right": self.right.tolist(),
                "value": self.value.tolist()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Forest:
        ints = {k: np.asarray(raw[k], dtype=np.int64) for k in ("feature", "left", "right")}
        return cls(ints["feature"], np.asarray(raw["threshold"], dtype=np.float64), ints["left"], ints["right"],
                   np.asarray(raw["value"], dtype=np.float64), float(raw["base"]), int(raw["depth"]))

    @classmethod
    def from_sklearn(cls, clf: Any) -> Forest:
        """From a fitted binary GradientBoostingClassifier (log loss)."""
        trees = [est.tree_ for est in clf.estimators_[:, 0]]
        width = max(t.node_count for t in trees)

        def pad(get, fill) -> np.ndarray:
            return np.array([np.concatenate([get(t), np.full(width - t.node_count, fill)]) for t in trees])

        feature = pad(lambda t: np.where(t.children_left < 0, -1, t.feature), -1).astype(np.int64)
        left = pad(lambda t: np.maximum(t.children_left, 0), 0).astype(np.int64)
        right = pad(lambda t: np.maximum(t.children_right, 0), 0).astype(np.int64)
        value = pad(lambda t: t.value[:, 0, 0] * clf.learning_rate, 0.0)
        prior = float(clf.init_.class_prior_[1])
        return cls(feature, pad(lambda t: t.threshold, 0.0), left, right, value,
                   float(np.log(prior / (1 - prior))), int(max(t.max_depth for t in trees)))

    @classmethod
    def from_hist(cls, clf: Any) -> Forest:
        """From a fitted binary HistGradientBoostingClassifier (its leaf values already carry the learning rate).
        Rows with missing values are not supported: the features given to it must have none."""
        trees = [pred[0].nodes for pred in clf._predictors]
        width = max(len(t) for t in trees)

        def pad(get, fill) -> np.ndarray:
            return np.array([np.concatenate([get(t), np.full(width - len(t), fill)]) for t in trees])

        feature = pad(lambda t: np.where(t["is_leaf"], -1, t["feature_idx"]), -1).astype(np.int64)
        depth = int(max(t["depth"].max() for t in trees))
        return cls(feature, pad(lambda t: t["num_threshold"], 0.0), pad(lambda t: t["left"], 0).astype(np.int64),
                   pad(lambda t: t["right"], 0).astype(np.int64), pad(lambda t: t["value"], 0.0),
                   float(np.ravel(clf._baseline_prediction)[0]), depth)

