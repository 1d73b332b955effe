"""Turning scores into decisions, and reading the model.

A probability is not yet a verdict: the filter still needs a threshold t ("spam when
P(spam | x) ≥ t"). 0.5 is only right when both mistakes cost the same and the classes
are balanced; here we pick t on a validation split, where it maximises F1 (the balance of
precision and recall on the spam class), and never look at the test split to do it.

The weights of a linear model over a vocabulary can be read directly: a large positive
w_j pushes a message toward spam whenever token j is present, a large negative one
toward ham.
"""

from __future__ import annotations

import numpy as np

from shared.metrics import confusion_matrix, f1_score, precision, recall, roc_auc, roc_curve

from .vocabulary import Vocabulary

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def choose_threshold(y_val: np.ndarray, scores_val: np.ndarray) -> float:
    """The threshold on the scores that maximises F1 on a validation set.

    The candidates are the distinct validation scores: with the rule "positive when
    score ≥ t", only those values change the predictions. Among thresholds with the same
    best F1 the highest one wins: it flags the fewest messages, so the fewest legitimate
    ones go to the spam folder.

    Inputs:
        y_val: (N,) 0/1 labels with at least one positive and one negative.
        scores_val: (N,) finite scores, larger = more likely positive.
    Returns: t, one of the values of scores_val, as a float.
    Raises: ValueError for mismatched or invalid inputs (as ``roc_curve`` does).
    Hint: with P positives, TP = tpr·P and FP = fpr·(N − P) at each ROC threshold, and
        F1 = 2TP / (2TP + FP + FN) = 2TP / (TP + FP + P).
    """
    raise NotImplementedError('P04 Task 7 · choose_threshold (projects/p04_spam_filter/evaluation.py) — see projects/p04_spam_filter/README.md#task-7')


def top_words(
    weights: np.ndarray, vocab: Vocabulary, k: int = 15
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The k tokens whose weights push hardest toward spam, and the k toward ham.

    Inputs:
        weights: (V,) learned weights, one per vocabulary token (``model.coef_``).
        vocab: the Vocabulary the columns came from.
        k: how many of each (an int ≥ 1; at most V are returned).
    Returns: (spam_words, ham_words), lists of (token, weight) pairs: spam_words by
        weight from the largest down, ham_words from the most negative up. Equal weights
        are ordered alphabetically by token.
    Raises: ValueError when weights is not (V,) for V = len(vocab), or k < 1.
    """
    raise NotImplementedError('P04 Task 7 · top_words (projects/p04_spam_filter/evaluation.py) — see projects/p04_spam_filter/README.md#task-7')


def binary_report(y_true: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    """Headline metrics of a scorer at a threshold (given helper).

    Inputs: y_true: (N,) 0/1 labels; scores: (N,) scores; threshold: positive when
        score ≥ threshold.
    Returns: dict with precision, recall, f1, accuracy (from the confusion matrix:
        (TN + TP) / N) and roc_auc (threshold-free), all floats.
    """
    y_pred = (np.asarray(scores) >= threshold).astype(np.int64)
    cm = confusion_matrix(y_true, y_pred)
    (tn, _), (_, tp) = cm
    return {
        "precision": precision(y_true, y_pred),
        "recall": recall(y_true, y_pred),
        "f1": f1_score(y_true, y_pred),
        "accuracy": float((tn + tp) / cm.sum()),
        "roc_auc": roc_auc(y_true, scores),
    }
