"""Evaluation metrics on NumPy arrays.

The module grows with the course: regression metrics (P03), classification metrics
from a confusion matrix and ROC (P04), precision-recall / average precision (P06),
accuracy (P08).
"""

from __future__ import annotations

import numpy as np

# ===================================================================== regression (P03)
#
# All three take (y_true, y_pred) in that order and refuse to broadcast: a target of
# shape (N,) against predictions of shape (N, 1) would silently produce an (N, N) array
# of differences, the most common shape bug in a first regression project.


def _regression_pair(
    y_true: np.ndarray, y_pred: np.ndarray, name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Both inputs as float64 arrays, after checking that they can be compared.

    Raises ValueError when the shapes differ, when there are no samples, or when either
    array holds NaN or infinity (a metric computed from those would be meaningless).
    """
    raise NotImplementedError('P03 Task 1 · _regression_pair — see projects/p03_linear_regression/README.md#task-1')


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error, mean((y_pred - y_true)²), over every element.

    Inputs: y_true, y_pred: arrays of the same shape, e.g. (N,).
    Returns: a float ≥ 0, in the squared units of the target.
    """
    raise NotImplementedError('P03 Task 1 · mse — see projects/p03_linear_regression/README.md#task-1')


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean absolute error, mean(|y_pred - y_true|), over every element.

    Inputs: y_true, y_pred: arrays of the same shape, e.g. (N,).
    Returns: a float ≥ 0, in the units of the target.
    """
    raise NotImplementedError('P03 Task 1 · mae — see projects/p03_linear_regression/README.md#task-1')


def r2(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Coefficient of determination, R² = 1 - SS_res / SS_tot.

    SS_res = Σ (y_true - y_pred)² and SS_tot = Σ (y_true - mean(y_true))². R² is 1 for a
    perfect fit, 0 for always predicting the mean of y_true, and negative for a model
    worse than that.

    A constant target has SS_tot = 0 and the ratio is undefined. We then return 1.0 when
    the predictions are exact (SS_res = 0) and 0.0 otherwise, with no warning and no NaN
    (the convention scikit-learn also uses).

    Inputs: y_true, y_pred: (N,) arrays.
    Returns: a float ≤ 1.
    """
    raise NotImplementedError('P03 Task 1 · r2 — see projects/p03_linear_regression/README.md#task-1')


# ================================================================= classification (P04)
#
# Binary labels are 0 (negative, e.g. ham) and 1 (positive, e.g. spam); arguments come in
# the order (y_true, y_pred) or (y_true, scores). Every count-based metric is read off one
# confusion matrix laid out as scikit-learn does, rows = actual class, columns = predicted:
#
#                  predicted 0   predicted 1
#     actual 0  [[     TN     ,      FP     ],
#     actual 1   [     FN     ,      TP     ]]
#
# A ratio whose denominator is zero (precision with no predicted positive, recall with no
# actual positive, F1 with neither) is defined as 0.0: no warning, no NaN. A classifier
# that never says "positive" earns no credit for precision.


def _binary_labels(y: np.ndarray, name: str, what: str) -> np.ndarray:
    """``y`` as a 1-D int64 array of 0s and 1s, or a ValueError naming ``what`` it was."""
    raise NotImplementedError('P04 Task 2 · _binary_labels — see projects/p04_spam_filter/README.md#task-2')


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Counts of the four outcomes of a binary classifier.

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels (bool is fine).
    Returns: (2, 2) int64 array [[TN, FP], [FN, TP]]: row = actual class, column =
        predicted class; the entries sum to N.
    Raises: ValueError for different lengths, empty input, or a label other than 0/1.
    """
    raise NotImplementedError('P04 Task 2 · confusion_matrix — see projects/p04_spam_filter/README.md#task-2')


def precision(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Precision TP / (TP + FP): of the examples predicted positive, the fraction that are.

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels.
    Returns: a float in [0, 1]; 0.0 when nothing is predicted positive (TP + FP = 0).
    """
    raise NotImplementedError('P04 Task 2 · precision — see projects/p04_spam_filter/README.md#task-2')


def recall(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Recall TP / (TP + FN): of the actual positives, the fraction predicted positive.

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels.
    Returns: a float in [0, 1]; 0.0 when there is no actual positive (TP + FN = 0).
    """
    raise NotImplementedError('P04 Task 2 · recall — see projects/p04_spam_filter/README.md#task-2')


def f1_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """F1, the harmonic mean of precision P and recall R: 2PR / (P + R) = 2TP / (2TP + FP + FN).

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels.
    Returns: a float in [0, 1]; 0.0 when TP = 0 (this covers every zero-division case).
    """
    raise NotImplementedError('P04 Task 2 · f1_score — see projects/p04_spam_filter/README.md#task-2')


def _ranked_counts(
    y_true: np.ndarray, scores: np.ndarray, name: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """True- and false-positive counts at every distinct threshold, highest first.

    With the rule "predict positive when score ≥ t", returns (thresholds, tp, fp), each of
    shape (T,) for the T distinct scores in decreasing order: tp[k] and fp[k] count the
    positives and negatives whose score is ≥ thresholds[k]. Equal scores move together, so
    a tie never splits into two points.
    """
    raise NotImplementedError('P04 Task 2 · _ranked_counts — see projects/p04_spam_filter/README.md#task-2')


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Receiver operating characteristic: (FPR, TPR) at every distinct score threshold.

    A threshold t predicts "positive" for every score ≥ t. The curve starts at (0, 0)
    with t = +inf (nothing positive) and ends at (1, 1) with t = the lowest score
    (everything positive). Tied scores share one threshold, so they form one step (a
    diagonal segment when the tie mixes both classes).

    Inputs:
        y_true: (N,) 0/1 labels holding both classes.
        scores: (N,) finite floats, larger = more likely positive (probabilities, logits).
    Returns: (fpr, tpr, thresholds), three float64 arrays of shape (T + 1,) for T distinct
        scores; fpr and tpr are non-decreasing, thresholds decreasing, thresholds[0] = inf.
    Raises: ValueError when y_true lacks one class (one of the rates would divide by zero).
    """
    raise NotImplementedError('P04 Task 2 · roc_curve — see projects/p04_spam_filter/README.md#task-2')


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve, by the trapezoid rule on ``roc_curve``.

    Equals the probability that a random positive scores higher than a random negative,
    counting a tie as one half (the Mann–Whitney U statistic divided by n_pos · n_neg).
    1.0 is a perfect ranking, 0.5 a random one, 0.0 a perfectly reversed one.

    Inputs: y_true: (N,) 0/1 labels holding both classes; scores: (N,) finite floats.
    Returns: a float in [0, 1].
    """
    raise NotImplementedError('P04 Task 2 · roc_auc — see projects/p04_spam_filter/README.md#task-2')


# ======================================================= precision-recall curve (P06)


# ====================================================================== accuracy (P08)
