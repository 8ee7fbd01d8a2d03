import numpy as np
import pytest

from newsgraph.clean.trees import Forest


def _forest() -> Forest:
    # Tree 0: x0 <= 0.5 ? (x1 <= 2 ? +1 : +2) : -1.  Tree 1 (a lone leaf, padded): +0.25.
    return Forest(
        feature=np.array([[0, 1, -1, -1, -1], [-1, -1, -1, -1, -1]]),
        threshold=np.array([[0.5, 2.0, 0, 0, 0], [0, 0, 0, 0, 0]], dtype=float),
        left=np.array([[1, 3, 0, 0, 0], [0, 0, 0, 0, 0]]),
        right=np.array([[2, 4, 0, 0, 0], [0, 0, 0, 0, 0]]),
        value=np.array([[0, 0, -1.0, 1.0, 2.0], [0.25, 0, 0, 0, 0]]),
        base=-0.5,
        depth=2,
    )


def test_rows_follow_their_own_paths():
    f = _forest()
    x = np.array([[0.1, 1.0], [0.1, 3.0], [0.9, 0.0], [0.5, 2.0]])
    assert f.logits(x).tolist() == [0.75, 1.75, -1.25, 0.75]
    assert f.prob([0.9, 0.0]) == pytest.approx(1 / (1 + np.exp(1.25)))


def test_json_round_trip_keeps_the_trees():
    f = _forest()
    g = Forest.from_json(f.to_json())
    x = np.random.default_rng(0).uniform(-1, 3, size=(50, 2))
    assert np.array_equal(f.logits(x), g.logits(x))


def test_matches_scikit_learn():
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 3))
    y = ((x[:, 0] > 0) ^ (x[:, 1] * x[:, 2] > 0.3)).astype(int)
    clf = ensemble.GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0).fit(x, y)
    f = Forest.from_sklearn(clf)
    assert np.allclose(f.logits(x), clf.decision_function(x))


def test_histogram_boosting_converts_to_the_same_log_odds():
    ensemble = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(3)
    x = rng.normal(size=(800, 4))
    y = ((x[:, 0] * x[:, 1] + x[:, 2]) > 0.2).astype(int)
    clf = ensemble.HistGradientBoostingClassifier(max_iter=25, max_depth=4, early_stopping=False, random_state=0)
    clf.fit(x, y)
    f = Forest.from_hist(clf)
    np.testing.assert_allclose(f.logits(x), clf.decision_function(x), atol=1e-9)
    assert f.depth <= 4
