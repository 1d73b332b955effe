"""Task 4 · accuracy and the multi-class confusion matrix (shared/metrics.py)."""

from __future__ import annotations

import numpy as np
import pytest


def _brute_confusion(y_true, y_pred, c):
    cm = np.zeros((c, c), dtype=np.int64)
    for t, p in zip(y_true, y_pred, strict=True):
        cm[t, p] += 1
    return cm


@pytest.mark.task(4)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_confusion_matrix_against_brute_force_counting(seed):
    from shared.metrics import class_confusion_matrix

    rng = np.random.default_rng(seed)
    c = int(rng.integers(2, 12))
    y_true = rng.integers(0, c, size=500)
    y_pred = np.where(rng.random(500) < 0.7, y_true, rng.integers(0, c, size=500))
    cm = class_confusion_matrix(y_true, y_pred, c)
    assert cm.shape == (c, c) and cm.dtype == np.int64, (
        f"expected a ({c}, {c}) int64 matrix, got {cm.shape} {cm.dtype}"
    )
    np.testing.assert_array_equal(
        cm,
        _brute_confusion(y_true, y_pred, c),
        err_msg="cm[i, j] must count the samples of true class i predicted as j",
    )
    assert cm.sum() == 500 and np.trace(cm) == np.sum(y_true == y_pred), (
        f"the 500 samples: expected the entries to sum to 500 and the diagonal to "
        f"{np.sum(y_true == y_pred)} correct ones; got sum {cm.sum()}, trace {np.trace(cm)}"
    )


@pytest.mark.task(4)
def test_confusion_matrix_sizes():
    from shared.metrics import class_confusion_matrix

    cm = class_confusion_matrix(np.array([0, 2]), np.array([2, 2]))
    assert cm.shape == (3, 3), "n_classes=None: 1 + the largest label seen"
    cm = class_confusion_matrix(np.array([0, 1]), np.array([1, 1]), n_classes=10)
    assert cm.shape == (10, 10) and cm[0, 1] == 1 and cm[1, 1] == 1 and cm.sum() == 2, (
        f"n_classes=10 with true [0, 1], predicted [1, 1]: expected a (10, 10) matrix with "
        f"cm[0, 1] = cm[1, 1] = 1 and sum 2; got shape {cm.shape}, sum {cm.sum()}"
    )


@pytest.mark.task(4)
def test_binary_case_agrees_with_p04_confusion_matrix():
    from shared.metrics import class_confusion_matrix, confusion_matrix

    rng = np.random.default_rng(4)
    y_true = rng.integers(0, 2, size=60)
    y_pred = rng.integers(0, 2, size=60)
    np.testing.assert_array_equal(
        class_confusion_matrix(y_true, y_pred, 2),
        confusion_matrix(y_true, y_pred),
        err_msg="for two classes the layout is P04's [[TN, FP], [FN, TP]]",
    )


@pytest.mark.task(4)
def test_accuracy_of_labels_and_of_scores():
    from shared.metrics import accuracy

    rng = np.random.default_rng(6)
    y = rng.integers(0, 10, size=300)
    scores = rng.normal(size=(300, 10))
    brute = sum(int(np.argmax(s) == t) for s, t in zip(scores, y, strict=True)) / 300
    assert accuracy(y, scores) == pytest.approx(brute), "accuracy of (N, C) scores: argmax"
    assert accuracy(y, np.argmax(scores, axis=1)) == pytest.approx(brute), (
        f"accuracy of predicted labels: expected {brute!r}, got "
        f"{accuracy(y, np.argmax(scores, axis=1))!r}"
    )
    assert accuracy(y, y) == 1.0, f"accuracy(y, y) must be 1.0; got {accuracy(y, y)!r}"
    assert isinstance(accuracy(y, y), float), (
        f"accuracy must return a Python float; got {type(accuracy(y, y)).__name__}"
    )


@pytest.mark.task(4)
def test_metric_errors():
    from shared.metrics import accuracy, class_confusion_matrix

    with pytest.raises(ValueError, match=r"3\b.*\b2|2\b.*\b3"):  # names both sizes
        accuracy(np.array([0, 1, 2]), np.array([0, 1]))
    with pytest.raises(ValueError, match=r"(?i)empty|\(0,\)"):
        accuracy(np.array([], dtype=int), np.array([], dtype=int))
    with pytest.raises(ValueError, match="n_classes|range|\\[0"):
        class_confusion_matrix(np.array([0, 3]), np.array([0, 1]), n_classes=3)
    with pytest.raises(ValueError, match=r"-1"):  # names the label out of range
        class_confusion_matrix(np.array([0, -1]), np.array([0, 1]), n_classes=3)
    with pytest.raises(ValueError, match=r"2\b.*\b3|3\b.*\b2"):  # names both lengths
        class_confusion_matrix(np.array([0, 1]), np.array([0, 1, 1]), n_classes=3)
