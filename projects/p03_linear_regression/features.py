"""Feature construction: polynomial terms, one-hot categories, median imputation.

A linear model is linear in its parameters, not in the raw inputs: any fixed
transformation of the inputs (powers, products, indicator columns) still leaves a least
squares problem in θ. These helpers build such columns. Whatever they learn from data
(the medians of MedianImputer) is learned from the training rows only.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations_with_replacement

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def _check_degree(degree: int, name: str) -> None:
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"{name}: degree must be an int ≥ 1, got {degree!r}")


def polynomial_features(X: np.ndarray, degree: int) -> np.ndarray:
    """Every monomial of the D input columns with total degree 1 to ``degree``.

    Order: all degree-1 terms (the columns of X), then all degree-2 terms, and so on;
    within one degree, the index tuples i ≤ j ≤ ... in lexicographic order, as
    itertools.combinations_with_replacement(range(D), k) lists them. For D = 2 and
    degree 2: x0, x1, x0², x0·x1, x1². No constant column: the bias is added by the model.

    Inputs: X: (N, D) or (N,) (one feature); degree: an int ≥ 1.
    Returns: (N, M) float64 with M = C(D + degree, degree) - 1 columns.
    """
    raise NotImplementedError('P03 Task 5 · polynomial_features (projects/p03_linear_regression/features.py) — see projects/p03_linear_regression/README.md#task-5')


def polynomial_feature_names(names: Sequence[str], degree: int) -> list[str]:
    """Names of the polynomial_features columns, in the same order.

    A product is written with '*', a repeated factor with '^': for names ("a", "b") and
    degree 2: ["a", "b", "a^2", "a*b", "b^2"].
    """
    raise NotImplementedError('P03 Task 5 · polynomial_feature_names (projects/p03_linear_regression/features.py) — see projects/p03_linear_regression/README.md#task-5')


def one_hot(
    values: Sequence | np.ndarray, categories: Sequence, *, drop_first: bool = False
) -> np.ndarray:
    """Indicator columns for a categorical variable, in the fixed order ``categories``.

    Column k is 1.0 where values == categories[k]. With drop_first=True the column of
    categories[0] is left out: that category becomes the reference level, absorbed by
    the intercept. Keeping all K columns next to a bias column makes the design
    rank-deficient, since the K columns sum to the bias column.

    Inputs: values: (N,) labels; categories: the K distinct allowed labels.
    Returns: (N, K) or (N, K - 1) float64.
    Raises: ValueError for repeated categories, and for values not in ``categories``
        (the message names them: an unseen category is a data problem, not a zero row).
    """
    raise NotImplementedError('P03 Task 5 · one_hot (projects/p03_linear_regression/features.py) — see projects/p03_linear_regression/README.md#task-5')


class MedianImputer:
    """Replace NaN in each column by that column's median on the training data.

    The median, not the mean: housing counts are heavy-tailed, and the median is not
    pulled by a few huge block groups. fit learns ``medians_`` (D,) from the training
    rows; transform fills any later array (training, validation, test) with them.
    """

    def __init__(self) -> None:
        self.medians_: np.ndarray | None = None

    def fit(self, X: np.ndarray) -> MedianImputer:
        """Learn the median of every column of X: (N, D), ignoring NaN. Returns self.

        Raises ValueError when a column has no observed value (the message names it).
        """
        raise NotImplementedError('P03 Task 5 · MedianImputer.fit (projects/p03_linear_regression/features.py) — see projects/p03_linear_regression/README.md#task-5')

    def transform(self, X: np.ndarray) -> np.ndarray:
        """A copy of X: (N, D) with every NaN replaced by its column's training median."""
        raise NotImplementedError('P03 Task 5 · MedianImputer.transform (projects/p03_linear_regression/features.py) — see projects/p03_linear_regression/README.md#task-5')

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        return self.fit(X).transform(X)
