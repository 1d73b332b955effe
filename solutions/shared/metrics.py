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
    ### BEGIN SOLUTION p03.t1
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"{name}: y_true and y_pred must have the same shape, got {y_true.shape} and "
            f"{y_pred.shape} (reshape one of them; broadcasting would compare every pair)"
        )
    if y_true.size == 0:
        raise ValueError(f"{name}: expected at least one sample, got empty arrays")
    if not (np.isfinite(y_true).all() and np.isfinite(y_pred).all()):
        raise ValueError(f"{name}: y_true and y_pred must be finite, got NaN or infinity")
    return y_true, y_pred
    ### END SOLUTION


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error, mean((y_pred - y_true)²), over every element.

    Inputs: y_true, y_pred: arrays of the same shape, e.g. (N,).
    Returns: a float ≥ 0, in the squared units of the target.
    """
    ### BEGIN SOLUTION p03.t1
    y_true, y_pred = _regression_pair(y_true, y_pred, "mse")
    return float(np.mean((y_pred - y_true) ** 2))
    ### END SOLUTION


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean absolute error, mean(|y_pred - y_true|), over every element.

    Inputs: y_true, y_pred: arrays of the same shape, e.g. (N,).
    Returns: a float ≥ 0, in the units of the target.
    """
    ### BEGIN SOLUTION p03.t1
    y_true, y_pred = _regression_pair(y_true, y_pred, "mae")
    return float(np.mean(np.abs(y_pred - y_true)))
    ### END SOLUTION


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
    ### BEGIN SOLUTION p03.t1
    y_true, y_pred = _regression_pair(y_true, y_pred, "r2")
    if y_true.ndim != 1:
        raise ValueError(f"r2: expected 1-D targets of shape (N,), got shape {y_true.shape}")
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot
    ### END SOLUTION


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
    ### BEGIN SOLUTION p04.t2
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name}: {what} must be 1-D of shape (N,), got shape {y.shape}")
    if y.size == 0:
        raise ValueError(f"{name}: expected at least one sample, got an empty {what}")
    if not np.all((y == 0) | (y == 1)):
        found = np.unique(y[(y != 0) & (y != 1)])[:5]
        raise ValueError(f"{name}: {what} must hold only 0 and 1, found {found.tolist()}")
    return y.astype(np.int64)
    ### END SOLUTION


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Counts of the four outcomes of a binary classifier.

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels (bool is fine).
    Returns: (2, 2) int64 array [[TN, FP], [FN, TP]]: row = actual class, column =
        predicted class; the entries sum to N.
    Raises: ValueError for different lengths, empty input, or a label other than 0/1.
    """
    ### BEGIN SOLUTION p04.t2
    y_true = _binary_labels(y_true, "confusion_matrix", "y_true")
    y_pred = _binary_labels(y_pred, "confusion_matrix", "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"confusion_matrix: y_true and y_pred must have the same length, got "
            f"{y_true.shape[0]} and {y_pred.shape[0]}"
        )
    # Cell index 2·actual + predicted: 0 = TN, 1 = FP, 2 = FN, 3 = TP.
    counts = np.bincount(2 * y_true + y_pred, minlength=4)
    return counts.reshape(2, 2).astype(np.int64)
    ### END SOLUTION


def precision(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Precision TP / (TP + FP): of the examples predicted positive, the fraction that are.

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels.
    Returns: a float in [0, 1]; 0.0 when nothing is predicted positive (TP + FP = 0).
    """
    ### BEGIN SOLUTION p04.t2
    (_, fp), (_, tp) = confusion_matrix(y_true, y_pred)
    return float(tp / (tp + fp)) if tp + fp > 0 else 0.0
    ### END SOLUTION


def recall(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Recall TP / (TP + FN): of the actual positives, the fraction predicted positive.

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels.
    Returns: a float in [0, 1]; 0.0 when there is no actual positive (TP + FN = 0).
    """
    ### BEGIN SOLUTION p04.t2
    _, (fn, tp) = confusion_matrix(y_true, y_pred)
    return float(tp / (tp + fn)) if tp + fn > 0 else 0.0
    ### END SOLUTION


def f1_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """F1, the harmonic mean of precision P and recall R: 2PR / (P + R) = 2TP / (2TP + FP + FN).

    Inputs: y_true, y_pred: (N,) arrays of 0/1 labels.
    Returns: a float in [0, 1]; 0.0 when TP = 0 (this covers every zero-division case).
    """
    ### BEGIN SOLUTION p04.t2
    (_, fp), (fn, tp) = confusion_matrix(y_true, y_pred)
    # The count form avoids 0/0 when P and R are both 0.
    return float(2 * tp / (2 * tp + fp + fn)) if tp > 0 else 0.0
    ### END SOLUTION


def _ranked_counts(
    y_true: np.ndarray, scores: np.ndarray, name: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """True- and false-positive counts at every distinct threshold, highest first.

    With the rule "predict positive when score ≥ t", returns (thresholds, tp, fp), each of
    shape (T,) for the T distinct scores in decreasing order: tp[k] and fp[k] count the
    positives and negatives whose score is ≥ thresholds[k]. Equal scores move together, so
    a tie never splits into two points.
    """
    ### BEGIN SOLUTION p04.t2
    y_true = _binary_labels(y_true, name, "y_true")
    scores = np.asarray(scores, dtype=np.float64)
    if scores.shape != y_true.shape:
        raise ValueError(
            f"{name}: y_true and scores must have the same shape (N,), got {y_true.shape} "
            f"and {scores.shape}"
        )
    if not np.all(np.isfinite(scores)):
        raise ValueError(f"{name}: scores must be finite numbers, got NaN or inf")
    order = np.argsort(-scores, kind="stable")
    scores, y_true = scores[order], y_true[order]
    # Last index of each run of equal scores: where the next score differs, plus the end.
    ends = np.r_[np.flatnonzero(np.diff(scores) != 0), scores.size - 1]
    tp = np.cumsum(y_true)[ends]
    fp = (ends + 1) - tp
    return scores[ends], tp.astype(np.int64), fp.astype(np.int64)
    ### END SOLUTION


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
    ### BEGIN SOLUTION p04.t2
    thresholds, tp, fp = _ranked_counts(y_true, scores, "roc_curve")
    n_pos, n_neg = int(tp[-1]), int(fp[-1])
    if n_pos == 0 or n_neg == 0:
        missing = "positive (1)" if n_pos == 0 else "negative (0)"
        raise ValueError(
            f"roc_curve: y_true has no {missing} example, so the ROC curve is undefined; "
            "it needs both classes"
        )
    tpr = np.r_[0.0, tp / n_pos]
    fpr = np.r_[0.0, fp / n_neg]
    return fpr, tpr, np.r_[np.inf, thresholds]
    ### END SOLUTION


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve, by the trapezoid rule on ``roc_curve``.

    Equals the probability that a random positive scores higher than a random negative,
    counting a tie as one half (the Mann–Whitney U statistic divided by n_pos · n_neg).
    1.0 is a perfect ranking, 0.5 a random one, 0.0 a perfectly reversed one.

    Inputs: y_true: (N,) 0/1 labels holding both classes; scores: (N,) finite floats.
    Returns: a float in [0, 1].
    """
    ### BEGIN SOLUTION p04.t2
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))
    ### END SOLUTION


# ======================================================= precision-recall curve (P06)


# ====================================================================== accuracy (P08)
