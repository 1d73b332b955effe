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
    Never broadcasts: a target of shape (N,) against predictions of shape (N, 1) is an
    error, not an (N, N) array. The message says what was expected and what was given.
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

    Argument order: truth first, as every metric of this module (and scikit-learn's
    ``metric(y_true, y_pred)``). ``shared.losses.mse_loss`` takes the opposite order,
    ``(y_pred, y_true)``, as losses do; both accept keywords, so
    ``mse(y_true=t, y_pred=p)`` reads the same everywhere.
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
    a tie never splits into two points. Raises ValueError (starting with ``name``) for
    invalid labels, scores of another shape than y_true, or a NaN or infinite score.
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
    Hint: ``np.trapezoid``, or the sum Σ_k (fpr_k − fpr_{k−1})(tpr_k + tpr_{k−1}) / 2 by
    hand; the old ``np.trapz`` is gone from NumPy 2.
    """
    ### BEGIN SOLUTION p04.t2
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))
    ### END SOLUTION


# ======================================================= precision-recall curve (P06)
#
# With 1 % positives the ROC curve flatters: a false-positive rate of 1 % looks small, yet
# it flags as many legitimate transactions as there are frauds, so half the alerts are
# false. Precision TP / (TP + FP) counts exactly those alerts. The precision-recall curve
# reads both off the same ranked counts as the ROC curve (``_ranked_counts``).


def precision_recall_curve(
    y_true: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision and recall at every distinct score threshold, highest threshold first.

    Threshold k flags every example with score ≥ thresholds[k]; ties cross together.
    Every threshold flags at least one example, so precision is always defined; there is
    no extra point for "flag nothing" (recall 0), so plot from the first point on.

    Inputs:
        y_true: (N,) 0/1 labels with at least one positive.
        scores: (N,) finite floats, larger = more likely positive.
    Returns: (precision, recall, thresholds), three float64 arrays of shape (T,) for the
        T distinct scores; thresholds decreasing, recall non-decreasing and ending at 1.
    Raises: ValueError when y_true has no positive (recall would divide by zero), or for
        inputs ``_ranked_counts`` refuses.
    """
    ### BEGIN SOLUTION p06.t6
    thresholds, tp, fp = _ranked_counts(y_true, scores, "precision_recall_curve")
    n_pos = int(tp[-1])
    if n_pos == 0:
        raise ValueError(
            "precision_recall_curve: y_true has no positive (1) example, so recall is "
            "undefined; it needs at least one"
        )
    precision = tp / (tp + fp)  # tp + fp ≥ 1: every threshold flags an example
    recall = tp / n_pos
    return precision.astype(np.float64), recall.astype(np.float64), thresholds
    ### END SOLUTION


def average_precision(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Average precision, the step-wise area under the precision-recall curve:

        AP = Σ_n (R_n - R_{n-1}) · P_n,     R_0 = 0,

    over the distinct thresholds n (scikit-learn's definition): the precision at each
    threshold, weighted by the recall gained there. Equivalently, the mean over the
    positives of the precision at the threshold that first flags them.

    Why not the trapezoid rule (as for ROC-AUC)? Between two thresholds precision does
    not change linearly with recall: interpolating linearly overstates it and rewards a
    scorer for points it cannot reach (Davis & Goadrich 2006). The step sum uses only
    achievable operating points.

    Inputs: y_true (N,) 0/1 labels with at least one positive; scores (N,) finite.
    Returns: a float in (0, 1]; 1.0 for a perfect ranking, about the positive rate for a
        random one.
    """
    ### BEGIN SOLUTION p06.t6
    precision, recall, _ = precision_recall_curve(y_true, scores)
    gained = np.diff(recall, prepend=0.0)
    return float(np.sum(gained * precision))
    ### END SOLUTION


def recall_at_precision(
    y_true: np.ndarray, scores: np.ndarray, min_precision: float
) -> tuple[float, float]:
    """The highest recall of any threshold whose precision is at least ``min_precision``.

    Inputs:
        y_true: (N,) 0/1 labels with at least one positive; scores: (N,) finite floats.
        min_precision: the precision the alerts must keep, in (0, 1].
    Returns: (recall, threshold): flag scores ≥ threshold. Among thresholds with the same
        best recall, the highest (fewest alerts). When no threshold reaches
        ``min_precision``, (0.0, inf): at that precision nothing can be flagged.
    Raises: ValueError for min_precision outside (0, 1] and for invalid labels (naming the
        bad values) or scores.
    """
    ### BEGIN SOLUTION p06.t6
    if isinstance(min_precision, bool) or not isinstance(
        min_precision, int | float | np.floating | np.integer
    ):
        raise TypeError(
            f"recall_at_precision: min_precision must be a number, got "
            f"{type(min_precision).__name__}"
        )
    if not 0.0 < min_precision <= 1.0:
        raise ValueError(
            f"recall_at_precision: min_precision must lie in (0, 1], got {min_precision!r}"
        )
    precision, recall, thresholds = precision_recall_curve(y_true, scores)
    ok = np.flatnonzero(precision >= min_precision)
    if ok.size == 0:
        return 0.0, float("inf")
    best = ok[np.argmax(recall[ok])]  # the first maximum: the highest threshold
    return float(recall[best]), float(thresholds[best])
    ### END SOLUTION


# ====================================================================== accuracy (P08)
#
# Multi-class labels are integers 0..C-1. Accuracy is the share of samples whose
# predicted class is the true one; the confusion matrix counts every (true, predicted)
# pair, so its diagonal holds the correct answers and each off-diagonal cell one kind of
# mistake.


def _class_labels(y: np.ndarray, name: str, what: str) -> np.ndarray:
    """``y`` as a 1-D int64 array of class labels, or ValueError naming the problem.

    ``name`` (the caller) and ``what`` (the argument) start the message. Accepted: a
    non-empty 1-D array of integers (any int or uint dtype), or of floats that are finite
    and whole (``[0.0, 2.0]`` becomes ``[0, 2]``). ValueError naming the shape for an
    empty or not 1-D input, naming the dtype for other floats, NaN, infinity or any other
    dtype. The range of the labels is the caller's business.
    """
    ### BEGIN SOLUTION p08.t4
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError(
            f"{name}: expected {what} as a non-empty 1-D array (N,), got shape {y.shape}"
        )
    if y.dtype.kind not in "iu":
        if y.dtype.kind != "f" or not np.all(np.isfinite(y)) or np.any(y != np.round(y)):
            raise ValueError(f"{name}: {what} must be integer class labels, got dtype {y.dtype}")
    return y.astype(np.int64)
    ### END SOLUTION


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of samples whose predicted class equals the true one, in [0, 1].

    Inputs:
        y_true: (N,) integer class labels.
        y_pred: (N,) predicted labels, or (N, C) scores (logits or probabilities), whose
            argmax over the classes is taken as the prediction.
    Returns: a float. Raises ValueError when the lengths differ (naming both) or an input is
    empty (naming its shape).
    """
    ### BEGIN SOLUTION p08.t4
    y_pred = np.asarray(getattr(y_pred, "data", y_pred))
    if y_pred.ndim == 2:
        y_pred = np.argmax(y_pred, axis=1)
    y_true = _class_labels(y_true, "accuracy", "y_true")
    y_pred = _class_labels(y_pred, "accuracy", "y_pred (labels (N,) or scores (N, C))")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"accuracy: y_true and y_pred must hold the same number of samples, got shapes "
            f"{y_true.shape} and {y_pred.shape}"
        )
    return float(np.mean(y_true == y_pred))
    ### END SOLUTION


def class_confusion_matrix(
    y_true: np.ndarray, y_pred: np.ndarray, n_classes: int | None = None
) -> np.ndarray:
    """Counts of (true, predicted) class pairs: cm[i, j] = #{n: y_true[n] = i, y_pred[n] = j}.

    Inputs:
        y_true, y_pred: (N,) integer labels in [0, n_classes).
        n_classes: C, an int (ValueError naming it otherwise); None takes 1 + the largest
            label seen in either array.
    Returns: (C, C) int64; rows are true classes, columns predicted ones, and the
    entries sum to N. (P04's ``confusion_matrix`` is the binary [[TN, FP], [FN, TP]] case.)
    Raises ValueError for different lengths (naming both), negative labels or labels >=
    n_classes (naming the range found, e.g. "from -1 to 1").
    No loop: one ``np.bincount`` of the codes ``C * y_true + y_pred``, reshaped to (C, C).
    """
    ### BEGIN SOLUTION p08.t4
    y_true = _class_labels(y_true, "class_confusion_matrix", "y_true")
    y_pred = _class_labels(y_pred, "class_confusion_matrix", "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"class_confusion_matrix: y_true and y_pred must have the same shape, got "
            f"{y_true.shape} and {y_pred.shape}"
        )
    largest = int(max(y_true.max(), y_pred.max()))
    if n_classes is None:
        n_classes = largest + 1
    if isinstance(n_classes, bool) or not isinstance(n_classes, int | np.integer):
        raise ValueError(f"class_confusion_matrix: n_classes must be an int, got {n_classes!r}")
    if min(y_true.min(), y_pred.min()) < 0 or largest >= n_classes:
        raise ValueError(
            f"class_confusion_matrix: labels must lie in [0, {n_classes - 1}] for "
            f"n_classes={n_classes}, got values from {min(y_true.min(), y_pred.min())} "
            f"to {largest}"
        )
    # Pair (i, j) gets the code i * C + j; one bincount counts every pair at once.
    codes = y_true * n_classes + y_pred
    return np.bincount(codes, minlength=n_classes * n_classes).reshape(n_classes, n_classes)
    ### END SOLUTION
