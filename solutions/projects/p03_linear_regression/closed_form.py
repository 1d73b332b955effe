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


def check_xy(X: np.ndarray, y: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """X as a (N, D) and y as a (N,) float64 array, checked to be finite and aligned.

    Raises ValueError naming ``name`` (the caller) and the shapes it got.
    """
    ### BEGIN SOLUTION t3
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"{name}: expected X of shape (N, D), got shape {X.shape}")
    if y.ndim != 1:
        raise ValueError(f"{name}: expected y of shape (N,), got shape {y.shape}")
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(
            f"{name}: X and y must hold the same number (≥ 1) of samples, got {len(X)} and {len(y)}"
        )
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError(f"{name}: X and y must be finite; impute NaN before fitting")
    return X, y
    ### END SOLUTION


def add_bias(X: np.ndarray) -> np.ndarray:
    """The design matrix A = [1 | X]: a column of ones in front of the features.

    Inputs: X: (N, D). Returns: A: (N, D + 1) float64, A[:, 0] = 1 and A[:, 1:] = X.
    """
    ### BEGIN SOLUTION t3
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"add_bias: expected X of shape (N, D), got shape {X.shape}")
    return np.hstack([np.ones((X.shape[0], 1)), X])
    ### END SOLUTION


def predict(X: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """ŷ = θ_0 + X θ_{1:} for every row of X.

    Inputs: X: (N, D); theta: (D + 1,), the intercept first.
    Returns: (N,) float64 predictions.
    """
    ### BEGIN SOLUTION t3
    X = np.asarray(X, dtype=np.float64)
    theta = np.asarray(theta, dtype=np.float64)
    if X.ndim != 2 or theta.shape != (X.shape[1] + 1,):
        raise ValueError(
            f"predict: X of shape (N, D) needs theta of shape (D + 1,), got X {X.shape} and "
            f"theta {theta.shape}"
        )
    return theta[0] + X @ theta[1:]
    ### END SOLUTION


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
    ### BEGIN SOLUTION t3
    X, y = check_xy(X, y, "fit_normal_equations")
    A = add_bias(X)
    n_cols = A.shape[1]
    rank = int(np.linalg.matrix_rank(A))
    if rank < n_cols:
        raise ValueError(
            f"fit_normal_equations: the design matrix [1 | X] is rank-deficient (rank {rank} "
            f"< {n_cols} columns), so AᵀA is singular; remove the redundant column(s), add "
            "a ridge penalty, or use fit_lstsq for the minimum-norm solution"
        )
    gram = A.T @ A
    condition = float(np.linalg.cond(gram))
    if not condition <= max_condition:
        raise ValueError(
            f"fit_normal_equations: the condition number κ(AᵀA) = {condition:.3g} exceeds "
            f"max_condition = {max_condition:.3g}; standardize the features, or use fit_qr "
            "or fit_lstsq, which work with κ(A) instead of κ(A)²"
        )
    return np.linalg.solve(gram, A.T @ y)
    ### END SOLUTION


def back_substitution(R: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve R x = b for an upper-triangular R, from the last row up.

    x_i = (b_i - Σ_{j>i} R_ij x_j) / R_ii for i = n-1, ..., 0.

    Inputs: R: (n, n) upper triangular with a non-zero diagonal; b: (n,).
    Returns: x: (n,) float64. Raises ValueError for a zero on the diagonal.
    """
    ### BEGIN SOLUTION t3
    R = np.asarray(R, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    n = R.shape[0] if R.ndim == 2 else -1
    if R.shape != (n, n) or b.shape != (n,):
        raise ValueError(
            f"back_substitution: expected R of shape (n, n) and b of shape (n,), got "
            f"{R.shape} and {b.shape}"
        )
    diag = np.diag(R)
    if np.any(diag == 0.0):
        raise ValueError(
            f"back_substitution: R has a zero on its diagonal (row(s) "
            f"{np.flatnonzero(diag == 0.0).tolist()}), so R x = b has no unique solution"
        )
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (b[i] - R[i, i + 1 :] @ x[i + 1 :]) / R[i, i]
    return x
    ### END SOLUTION


def fit_qr(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares through the reduced QR factorization of A = add_bias(X).

    With A = QR (Q: (N, D+1) orthonormal columns, R: (D+1, D+1) upper triangular),
    ||Aθ - y||² is smallest where R θ = Qᵀy, solved by back_substitution.
    Refused (ValueError naming the rank) when a diagonal entry of R is negligible,
    |R_ii| ≤ max(N, D+1) · eps · max|R_jj| (the tolerance np.linalg.matrix_rank uses for
    singular values): A is then rank-deficient, use fit_lstsq.

    Inputs: X: (N, D) with N ≥ D + 1; y: (N,). Returns: theta: (D + 1,).
    """
    ### BEGIN SOLUTION t3
    X, y = check_xy(X, y, "fit_qr")
    A = add_bias(X)
    Q, R = np.linalg.qr(A, mode="reduced")
    diag = np.abs(np.diag(R))
    tol = max(A.shape) * np.finfo(np.float64).eps * diag.max()
    if A.shape[0] < A.shape[1] or np.any(diag <= tol):
        rank = int(np.sum(diag > tol))
        raise ValueError(
            f"fit_qr: the design matrix [1 | X] is rank-deficient (rank about {rank} < "
            f"{A.shape[1]} columns); use fit_lstsq for the minimum-norm solution"
        )
    return back_substitution(R, Q.T @ y)
    ### END SOLUTION


def fit_lstsq(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares by np.linalg.lstsq (an SVD) on A = add_bias(X); never refuses.

    When A has full column rank this is the unique minimizer. When it does not (for
    example a duplicated column), infinitely many θ reach the same smallest error, and
    lstsq returns the one with the smallest norm ||θ||: for columns x and x again it
    splits the weight equally, w and w rather than 2w and 0.

    Inputs: X: (N, D); y: (N,). Returns: theta: (D + 1,).
    """
    ### BEGIN SOLUTION t3
    X, y = check_xy(X, y, "fit_lstsq")
    theta, *_ = np.linalg.lstsq(add_bias(X), y, rcond=None)
    return theta
    ### END SOLUTION
