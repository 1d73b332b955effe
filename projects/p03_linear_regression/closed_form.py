"""The linear model and its closed-form fits: normal equations, QR, and lstsq.

The model is ŷ = b + X w. We keep the intercept inside one parameter vector
θ = (b, w_1, ..., w_D) by prepending a column of ones to X: the design matrix
A = [1 | X] has shape (N, D + 1) and ŷ = A θ.

Least squares minimizes ||A θ - y||². Three ways to get the minimizer:

- normal equations: solve (AᵀA) θ = Aᵀy. Cheap, but κ(AᵀA) = κ(A)², so digits are lost
  twice as fast, and AᵀA is singular when A is rank-deficient: refused then.
- QR: A = QR with orthonormal Q and upper-triangular R, then R θ = Qᵀy by back
  substitution. Works with κ(A) instead of κ(A)²; needs full column rank.
- lstsq (SVD): always answers; for a rank-deficient A it returns the minimum-norm
  minimizer.
"""

from __future__ import annotations

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def check_xy(X: np.ndarray, y: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """X as a (N, D) and y as a (N,) float64 array, checked to be finite and aligned.

    Raises ValueError naming ``name`` (the caller) and the shapes it got.
    """
    raise NotImplementedError('P03 Task 3 · check_xy (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')


def add_bias(X: np.ndarray) -> np.ndarray:
    """The design matrix A = [1 | X]: a column of ones in front of the features.

    Inputs: X: (N, D). Returns: A: (N, D + 1) float64, A[:, 0] = 1 and A[:, 1:] = X.
    """
    raise NotImplementedError('P03 Task 3 · add_bias (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')


def predict(X: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """ŷ = θ_0 + X θ_{1:} for every row of X.

    Inputs: X: (N, D); theta: (D + 1,), the intercept first.
    Returns: (N,) float64 predictions.
    """
    raise NotImplementedError('P03 Task 3 · predict (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')


def fit_normal_equations(
    X: np.ndarray, y: np.ndarray, *, max_condition: float = 1e12
) -> np.ndarray:
    """Least squares by the normal equations (AᵀA) θ = Aᵀy, with A = add_bias(X).

    Refused (ValueError) when the solution would not be trustworthy:
    - A is rank-deficient (rank(A) < D + 1; a duplicated column, a one-hot block that
      sums to the bias column, ...): AᵀA is singular and the minimizer is not unique;
    - κ(AᵀA) = κ(A)² exceeds ``max_condition``: about log10(κ) of float64's ~16 digits
      would be lost. The message names the rank or the condition number.

    Inputs: X: (N, D); y: (N,). Returns: theta: (D + 1,), the intercept first.
    """
    raise NotImplementedError('P03 Task 3 · fit_normal_equations (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')


def back_substitution(R: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve R x = b for an upper-triangular R, from the last row up.

    x_i = (b_i - Σ_{j>i} R_ij x_j) / R_ii for i = n-1, ..., 0.

    Inputs: R: (n, n) upper triangular with a non-zero diagonal; b: (n,).
    Returns: x: (n,) float64. Raises ValueError for a zero on the diagonal.
    """
    raise NotImplementedError('P03 Task 3 · back_substitution (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')


def fit_qr(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares through the reduced QR factorization of A = add_bias(X).

    With A = QR (Q: (N, D+1) orthonormal columns, R: (D+1, D+1) upper triangular),
    ||Aθ - y||² is smallest where R θ = Qᵀy, solved by back_substitution.
    Refused (ValueError naming the rank) when a diagonal entry of R is negligible,
    |R_ii| ≤ max(N, D+1) · eps · max|R_jj| (the tolerance np.linalg.matrix_rank uses for
    singular values): A is then rank-deficient, use fit_lstsq.

    Inputs: X: (N, D) with N ≥ D + 1; y: (N,). Returns: theta: (D + 1,).
    """
    raise NotImplementedError('P03 Task 3 · fit_qr (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')


def fit_lstsq(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares by np.linalg.lstsq (an SVD) on A = add_bias(X); never refuses.

    When A has full column rank this is the unique minimizer. When it does not (for
    example a duplicated column), infinitely many θ reach the same smallest error, and
    lstsq returns the one with the smallest norm ||θ||: for columns x and x again it
    splits the weight equally, w and w rather than 2w and 0.

    Inputs: X: (N, D); y: (N,). Returns: theta: (D + 1,).
    """
    raise NotImplementedError('P03 Task 3 · fit_lstsq (projects/p03_linear_regression/closed_form.py) — see projects/p03_linear_regression/README.md#task-3')
