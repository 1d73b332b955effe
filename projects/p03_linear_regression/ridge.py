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

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def fit_ridge(X: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """The ridge solution θ = (AᵀA + λP)⁻¹ Aᵀy with A = add_bias(X), λ = ``l2``.

    Inputs: X: (N, D) (standardize first, so that one λ treats every feature alike);
        y: (N,); l2: λ ≥ 0 (λ = 0 is ordinary least squares).
    Returns: theta: (D + 1,), the intercept first.
    Raises: ValueError for a negative or non-finite λ, and for λ = 0 on a singular AᵀA.
    """
    raise NotImplementedError('P03 Task 5 · fit_ridge (projects/p03_linear_regression/ridge.py) — see projects/p03_linear_regression/README.md#task-5')


def ridge_path(X: np.ndarray, y: np.ndarray, l2s: np.ndarray) -> np.ndarray:
    """fit_ridge for every λ in ``l2s``: the coefficient path.

    Inputs: X: (N, D); y: (N,); l2s: (L,) values of λ ≥ 0.
    Returns: (L, D + 1), row k = fit_ridge(X, y, l2s[k]).
    """
    raise NotImplementedError('P03 Task 5 · ridge_path (projects/p03_linear_regression/ridge.py) — see projects/p03_linear_regression/README.md#task-5')
