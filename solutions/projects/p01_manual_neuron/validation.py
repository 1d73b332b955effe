"""Input checks shared by the perceptron and the geometry functions.

A model that quietly accepts a transposed matrix, a NaN or a label 2 produces a wrong
answer far from the mistake. These two functions stop bad input at the door with a
message that names the function that was called, what it expected and what it got.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def as_samples(X: ArrayLike, caller: str, n_features: int | None = None) -> np.ndarray:
    """``X`` as a float64 (N, D) array of samples, one per row, or a ValueError.

    Inputs:
        X: array-like (N, D), N >= 1 rows, every value finite.
        caller: the public function's name, which starts every error message.
        n_features: the required D, or None to accept any D >= 1.
    Returns: float64 array (N, D).
    Raises ValueError (message starts with ``caller``) when X is not numeric, not 2-D
    (a single sample must be passed as one row, ``x.reshape(1, -1)``), has no rows,
    has the wrong number of columns, or holds NaN or inf.

    *Numeric* means what ``np.asarray(X, dtype=np.float64)`` accepts: bools (as 0/1),
    integers, floats, and strings that spell a number (``"1.5"``); anything it refuses
    (``"a"``, ``None``, ragged lists) is a ValueError naming ``caller``, never a
    TypeError. The checks run in this order, and the first that fails is reported:
    numeric; 2-D; at least one row (say "empty"); the number of columns (D >= 1, and
    D = ``n_features`` when given: name the expected ``(N, D)`` and the given shape);
    finite (say which value, NaN or inf, and where). So an empty 1-D input ``[]`` is
    reported as not 2-D (shape ``(0,)``), and ``np.empty((0, 2))`` as empty.
    """
    ### BEGIN SOLUTION t1
    expected = f"(N, {n_features})" if n_features is not None else "(N, D)"
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{caller}: expected X as a numeric array of shape {expected}; "
            f"it could not be converted to float64 ({exc})"
        ) from None
    if X.ndim != 2:
        hint = "; pass a single sample as one row, x.reshape(1, -1)" if X.ndim == 1 else ""
        raise ValueError(f"{caller}: expected X of shape {expected}, got {X.shape}{hint}")
    if X.shape[0] == 0:
        raise ValueError(f"{caller}: X is empty (shape {X.shape}); expected at least one sample")
    if (n_features is not None and X.shape[1] != n_features) or X.shape[1] == 0:
        raise ValueError(f"{caller}: expected X of shape {expected}, got {X.shape}")
    finite = np.isfinite(X)
    if not finite.all():
        row, col = np.argwhere(~finite)[0]
        raise ValueError(
            f"{caller}: X must be finite, but it holds {(~finite).sum()} NaN or "
            f"inf value(s), the first at row {row}, column {col}: {X[row, col]}"
        )
    return X
    ### END SOLUTION


def as_labels(y: ArrayLike, n_samples: int, caller: str) -> np.ndarray:
    """``y`` as an int64 (N,) array of 0/1 labels, or a ValueError.

    Inputs:
        y: array-like (N,), every value 0 or 1 (ints, bools or floats 0.0 / 1.0).
        n_samples: N, the number of rows of the matching X.
        caller: the public function's name, which starts every error message.
    Returns: int64 array (N,) with values in {0, 1}.
    Raises ValueError (never TypeError: everything about the data is a value error) when
    y is not 1-D of length N (the message names the expected and the given shape), or
    holds any value other than 0 and 1 (the message lists the offending labels). NaN is
    such a value, and so are -1/+1 labels: only 0 and 1 are accepted.
    """
    ### BEGIN SOLUTION t3
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != n_samples:
        raise ValueError(
            f"{caller}: expected y of shape ({n_samples},), one label per row "
            f"of X, got shape {y.shape}"
        )
    if y.dtype.kind not in "biuf":
        bad = np.unique(y)[:5].tolist()
        raise ValueError(
            f"{caller}: labels must be 0 or 1, got values of type {y.dtype} such as {bad}"
        )
    ok = (y == 0) | (y == 1)  # NaN compares unequal to both, so it is caught here
    if not ok.all():
        bad = np.unique(y[~ok])[:5].tolist()
        raise ValueError(f"{caller}: labels must be 0 or 1, got {bad} ({(~ok).sum()} bad label(s))")
    return y.astype(np.int64)
    ### END SOLUTION
