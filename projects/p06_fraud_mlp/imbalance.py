"""Class imbalance: weight the rare class, or show it more often, then pick the operating
point for a target precision.

Two ways to make 1 % positives matter during training, nearly equivalent:

- **weighting**: multiply each positive's loss by ``pos_weight``; with
  ``balanced_pos_weight(y) = n_neg / n_pos`` both classes carry the same total weight;
- **oversampling**: repeat every positive ``factor`` times in the training set. The summed
  loss is then exactly the weighted one with ``pos_weight = factor``; only the batches
  differ (repeated rows, a larger epoch).

Neither changes the ranking a perfect model would learn, but both shift its scores up (the
predicted probabilities are no longer the base-rate probabilities), which is why the
decision threshold is chosen afterwards, on validation data, for the precision the
business needs (``operating_point``), and never on the test data.
"""

from __future__ import annotations

import numpy as np

from shared.metrics import precision, recall, recall_at_precision

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["balanced_pos_weight", "operating_point", "oversample_positives"]


def _labels(y: np.ndarray, name: str) -> np.ndarray:
    """``y`` as a 1-D int64 array of 0/1 labels (ValueError otherwise). Given helper."""
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError(f"{name}: expected a non-empty 1-D label array (N,), got shape {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"{name}: labels must be 0 or 1, found {np.unique(y)[:5].tolist()}")
    return y.astype(np.int64)


def balanced_pos_weight(y: np.ndarray) -> float:
    """n_neg / n_pos: the ``pos_weight`` that gives both classes the same total weight.

    Inputs: y (N,) 0/1 labels holding both classes.
    Returns: a float > 0 (99.0 for 1 % positives).
    Raises: ValueError for invalid labels (naming them) or when a class is missing (naming
        how many positives and negatives there are).
    """
    raise NotImplementedError('P06 Task 8 · balanced_pos_weight (projects/p06_fraud_mlp/imbalance.py) — see projects/p06_fraud_mlp/README.md#task-8')


def oversample_positives(
    X: np.ndarray, y: np.ndarray, factor: int, *, seed: int | np.random.Generator | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Every positive row ``factor`` times, every negative once, in a seeded random order.

    Inputs: X (N, D) features; y (N,) 0/1 labels; factor, an int ≥ 1 (1 returns the rows
        shuffled); seed for the shuffle. The order: the row indices ``0..N-1`` with each
        positive index repeated ``factor`` times in place (``np.repeat``), then one
        ``np.random.default_rng(seed).permutation`` of that index list. ``seed=None``
        gives a fresh, unseeded generator (not the global one).
    Returns: (X_over, y_over) of N + (factor - 1)·n_pos rows, X's dtype kept; each row of
        the output is a row of the input.
    Raises: ValueError for mismatched lengths (naming both shapes), invalid labels, or a
        factor that is not an int ≥ 1.
    """
    raise NotImplementedError('P06 Task 8 · oversample_positives (projects/p06_fraud_mlp/imbalance.py) — see projects/p06_fraud_mlp/README.md#task-8')


def operating_point(
    y_val: np.ndarray,
    scores_val: np.ndarray,
    y_test: np.ndarray,
    scores_test: np.ndarray,
    min_precision: float = 0.9,
) -> dict[str, float]:
    """Choose the threshold on validation for ``min_precision``; measure it on test.

    The threshold is the one of ``recall_at_precision`` on the validation scores. Applied
    to the test scores (flag score ≥ threshold) it gives the precision and recall a
    deployment would see, which may fall short of the target: the test set played no part.

    Inputs: y_val, scores_val (M,); y_test, scores_test (N,); min_precision in (0, 1].
    Returns: dict with "threshold", "val_recall", "test_precision", "test_recall" and
        "test_flagged" (how many test rows are flagged); with no reachable threshold
        (inf) nothing is flagged and both test ratios are 0.0.
    """
    raise NotImplementedError('P06 Task 8 · operating_point (projects/p06_fraud_mlp/imbalance.py) — see projects/p06_fraud_mlp/README.md#task-8')
