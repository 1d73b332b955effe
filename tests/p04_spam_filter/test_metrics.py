"""Task 2 · confusion matrix, precision, recall, F1, ROC curve and ROC-AUC
(shared/metrics.py)."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
pairwise_auc = oracles.pairwise_auc


@pytest.mark.task(2)
@pytest.mark.filterwarnings("error")
def test_zero_division_cases_are_zero_without_warnings():
    from shared.metrics import confusion_matrix, f1_score, precision, recall

    y_true = np.array([1, 0, 1, 0])
    nothing_flagged = np.zeros(4, dtype=np.int64)
    assert precision(y_true, nothing_flagged) == 0.0, (
        "with no predicted positive (TP + FP = 0), precision is defined as 0.0"
    )
    assert recall(y_true, nothing_flagged) == 0.0, (
        f"nothing flagged means TP = 0, so recall is 0.0, got {recall(y_true, nothing_flagged)}"
    )
    assert f1_score(y_true, nothing_flagged) == 0.0, (
        f"with TP = 0, F1 is defined as 0.0, got {f1_score(y_true, nothing_flagged)}"
    )

    no_positives = np.zeros(4, dtype=np.int64)
    assert recall(no_positives, np.array([1, 0, 0, 0])) == 0.0, (
        "with no actual positive (TP + FN = 0), recall is defined as 0.0"
    )
    assert np.array_equal(confusion_matrix(no_positives, no_positives), [[4, 0], [0, 0]]), (
        "4 true negatives give [[TN, FP], [FN, TP]] = [[4, 0], [0, 0]], "
        f"got {confusion_matrix(no_positives, no_positives).tolist()}"
    )
    for metric in (precision, recall, f1_score):
        got = metric(no_positives, no_positives)
        assert got == 0.0, f"{metric.__name__} with no positive anywhere must be 0.0, got {got}"


@pytest.mark.task(2)
def test_confusion_matrix_accepts_bools_and_counts_everything():
    from shared.metrics import confusion_matrix

    rng = np.random.default_rng(5)
    y_true = rng.random(500) < 0.3
    y_pred = rng.random(500) < 0.4
    cm = confusion_matrix(y_true, y_pred)
    expected = [
        [np.sum(~y_true & ~y_pred), np.sum(~y_true & y_pred)],
        [np.sum(y_true & ~y_pred), np.sum(y_true & y_pred)],
    ]
    assert cm.shape == (2, 2) and cm.dtype == np.int64, (
        f"confusion_matrix returns a (2, 2) int64 array, got {cm.shape} {cm.dtype}"
    )
    assert np.array_equal(cm, expected), "[[TN, FP], [FN, TP]] counts do not match"


@pytest.mark.task(2)
def test_roc_curve_by_hand_with_ties():
    from shared.metrics import roc_auc, roc_curve

    y = np.array([0, 0, 1, 1, 1, 0])
    scores = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.8])
    # Distinct thresholds 0.8 (1 pos, 1 neg), 0.4 (1 pos, 1 neg), 0.35 (1 pos), 0.1 (1 neg).
    fpr, tpr, thresholds = roc_curve(y, scores)
    np.testing.assert_allclose(
        thresholds,
        [np.inf, 0.8, 0.4, 0.35, 0.1],
        err_msg="one threshold per distinct score, +inf first",
    )
    np.testing.assert_allclose(
        fpr,
        [0, 1 / 3, 2 / 3, 2 / 3, 1],
        err_msg="tied scores must move together: one point per tie",
    )
    np.testing.assert_allclose(
        tpr, [0, 1 / 3, 2 / 3, 1, 1], err_msg="TP / P at each threshold, 3 positives"
    )
    # Pairs (positive, negative) won: 0.35 beats 0.1; 0.8 beats 0.1, 0.4 and ties 0.8;
    # 0.4 beats 0.1 and ties 0.4. Total 5 of 9.
    assert roc_auc(y, scores) == pytest.approx(5 / 9), "ROC-AUC by hand is 5/9"


@pytest.mark.task(2)
def test_roc_auc_equals_the_mann_whitney_probability(pairwise_auc):
    from shared.metrics import roc_auc

    for seed in range(6):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(20, 200))
        y = (rng.random(n) < rng.uniform(0.1, 0.6)).astype(np.int64)
        y[:2] = [0, 1]  # both classes present
        # Rounded scores, so many ties, correlated with the label.
        scores = np.round(rng.normal(size=n) + y * rng.uniform(0, 2), 1)
        got = roc_auc(y, scores)
        expected = pairwise_auc(y, scores)
        assert got == pytest.approx(expected, abs=1e-12), (
            f"seed {seed}: ROC-AUC {got} differs from the fraction of (positive, negative) "
            f"pairs ranked correctly, ties counting ½: {expected}"
        )
        # Only the ranking matters: squashing the scores through σ changes nothing.
        squashed = roc_auc(y, 1.0 / (1.0 + np.exp(-scores)))
        assert squashed == pytest.approx(got, abs=1e-12), (
            "ROC-AUC must depend only on the order of the scores"
        )


@pytest.mark.task(2)
def test_metrics_reject_bad_input():
    from shared.metrics import confusion_matrix, roc_curve

    with pytest.raises(ValueError, match="length"):
        confusion_matrix(np.array([0, 1, 1]), np.array([0, 1]))
    with pytest.raises(ValueError, match="0 and 1"):
        confusion_matrix(np.array([0, 2, 1]), np.array([0, 1, 1]))
    with pytest.raises(ValueError, match=r"(?i)y_true|class|negative"):
        roc_curve(np.array([1, 1, 1]), np.array([0.2, 0.5, 0.9]))  # no negative example
    with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
        roc_curve(np.array([0, 1]), np.array([0.5, np.nan]))
