"""Ridge regression (L2-penalized least squares) in closed form.

Ridge minimizes ||Aθ - y||² + λ ||w||², where w = θ_{1:} are the feature weights and the
intercept θ_0 is left free (penalizing it would make the fit depend on where the target's
zero is). Setting the gradient to zero gives

    (AᵀA + λ P) θ = Aᵀy,      P = diag(0, 1, ..., 1).

For λ > 0 the matrix is positive definite whenever the bias column is non-zero, so ridge
also answers on a rank-deficient design, where the normal equations refuse.
"""

from __future__ import annotations

import numpy as np

from .closed_form import add_bias, check_xy


def fit_ridge(X: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """The ridge solution θ = (AᵀA + λP)⁻¹ Aᵀy with A = add_bias(X), λ = ``l2``.

    Inputs: X: (N, D) (standardize first, so that one λ treats every feature alike);
        y: (N,); l2: λ ≥ 0 (λ = 0 is ordinary least squares).
    Returns: theta: (D + 1,), the intercept first.
    Raises: ValueError for a negative or non-finite λ, and for λ = 0 on a singular AᵀA.
    """
    ### BEGIN SOLUTION t5
    X, y = check_xy(X, y, "fit_ridge")
    if isinstance(l2, bool) or not (np.isfinite(l2) and l2 >= 0):
        raise ValueError(f"fit_ridge: l2 must be a number ≥ 0, got {l2!r}")
    A = add_bias(X)
    penalty = np.full(A.shape[1], float(l2))
    penalty[0] = 0.0  # the intercept is not shrunk
    try:
        return np.linalg.solve(A.T @ A + np.diag(penalty), A.T @ y)
    except np.linalg.LinAlgError:
        raise ValueError(
            f"fit_ridge: AᵀA + λP is singular with λ = {l2}; the design is rank-deficient, "
            "so use λ > 0 or fit_lstsq"
        ) from None
    ### END SOLUTION


def ridge_path(X: np.ndarray, y: np.ndarray, l2s: np.ndarray) -> np.ndarray:
    """fit_ridge for every λ in ``l2s``: the coefficient path.

    Inputs: X: (N, D); y: (N,); l2s: (L,) values of λ ≥ 0.
    Returns: (L, D + 1), row k = fit_ridge(X, y, l2s[k]).
    """
    ### BEGIN SOLUTION t5
    l2s = np.asarray(l2s, dtype=np.float64)
    if l2s.ndim != 1 or l2s.size == 0:
        raise ValueError(f"ridge_path: expected a non-empty (L,) array of λ, got {l2s.shape}")
    return np.stack([fit_ridge(X, y, float(lam)) for lam in l2s])
    ### END SOLUTION
