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
    ### BEGIN SOLUTION t5
    _check_degree(degree, "polynomial_features")
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2:
        raise ValueError(f"polynomial_features: expected X of shape (N, D), got {X.shape}")
    columns = [
        np.prod(X[:, list(combo)], axis=1)
        for k in range(1, degree + 1)
        for combo in combinations_with_replacement(range(X.shape[1]), k)
    ]
    return np.stack(columns, axis=1)
    ### END SOLUTION


def polynomial_feature_names(names: Sequence[str], degree: int) -> list[str]:
    """Names of the polynomial_features columns, in the same order.

    A product is written with '*', a repeated factor with '^': for names ("a", "b") and
    degree 2: ["a", "b", "a^2", "a*b", "b^2"].
    """
    ### BEGIN SOLUTION t5
    _check_degree(degree, "polynomial_feature_names")
    out = []
    for k in range(1, degree + 1):
        for combo in combinations_with_replacement(range(len(names)), k):
            factors = [
                names[i] if combo.count(i) == 1 else f"{names[i]}^{combo.count(i)}"
                for i in sorted(set(combo))
            ]
            out.append("*".join(factors))
    return out
    ### END SOLUTION


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
    ### BEGIN SOLUTION t5
    values = np.asarray(values)
    cats = list(categories)
    if values.ndim != 1:
        raise ValueError(f"one_hot: expected values of shape (N,), got shape {values.shape}")
    if len(cats) == 0 or len(set(cats)) != len(cats):
        raise ValueError(f"one_hot: categories must be distinct and non-empty, got {cats}")
    unknown = sorted(set(values.tolist()) - set(cats), key=str)
    if unknown:
        raise ValueError(f"one_hot: value(s) {unknown} are not among the categories {cats}")
    out = np.stack([values == c for c in cats], axis=1).astype(np.float64)
    return out[:, 1:] if drop_first else out
    ### END SOLUTION


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
        ### BEGIN SOLUTION t5
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] == 0:
            raise ValueError(
                f"MedianImputer.fit: expected a non-empty (N, D) array, got shape {X.shape}"
            )
        empty = np.flatnonzero(np.isnan(X).all(axis=0))
        if empty.size:
            raise ValueError(
                f"MedianImputer.fit: column(s) {empty.tolist()} hold only NaN; "
                "there is no median to fill them with"
            )
        self.medians_ = np.nanmedian(X, axis=0)
        return self
        ### END SOLUTION

    def transform(self, X: np.ndarray) -> np.ndarray:
        """A copy of X: (N, D) with every NaN replaced by its column's training median."""
        ### BEGIN SOLUTION t5
        if self.medians_ is None:
            raise ValueError("MedianImputer.transform called before fit: call fit(X_train)")
        X = np.array(X, dtype=np.float64)  # a copy: the caller's array stays as it was
        if X.ndim != 2 or X.shape[1] != self.medians_.shape[0]:
            raise ValueError(
                f"MedianImputer.transform: fitted on {self.medians_.shape[0]} "
                f"columns, got an array of shape {X.shape}"
            )
        rows, cols = np.nonzero(np.isnan(X))
        X[rows, cols] = self.medians_[cols]
        return X
        ### END SOLUTION

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        return self.fit(X).transform(X)
