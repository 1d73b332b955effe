"""Binary logistic regression with L2 regularisation, trained by full-batch gradient descent.

Model: P(spam | x) = σ(w·x + b). Training minimises the regularised objective

    J(w, b) = BCE(Xw + b, y) + (λ/2) ‖w‖²

whose gradient is ∇_w J = Xᵀ(σ(Xw + b) − y)/N + λw and ∂J/∂b = mean(σ(Xw + b) − y).
The bias is not regularised: shrinking it would pull every prediction toward
probability ½ instead of toward the base rate of spam. J is convex, so gradient descent
with a small enough step reaches its single minimum from any start; we start from w = 0
and b = the log-odds of the training base rate (the best constant prediction), so no
random initialisation is needed and every run gives the same weights.

Arithmetic follows the dtype of X: float32 features give float32 weights (twice as
fast on this data), float64 features give float64 weights (for gradient checks).
"""

from __future__ import annotations

import numpy as np

from shared.activations import sigmoid
from shared.losses import bce_with_logits, bce_with_logits_grad

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def _base_rate_logit(y: np.ndarray) -> float:
    """log(p / (1 − p)) for the share p of positive labels, clipped to [1e-6, 1 − 1e-6]
    (given helper). With w = 0 this bias predicts p for every example: the best guess
    before any feature is used, and where training starts."""
    p = float(np.clip(np.mean(y), 1e-6, 1.0 - 1e-6))
    return float(np.log(p / (1.0 - p)))


class LogisticRegression:
    """σ(Xw + b) with weight decay λ on w (not on b), fitted by gradient descent.

    Parameters:
        l2: λ ≥ 0, strength of the (λ/2)‖w‖² penalty.
        lr: step size η > 0 of every update w ← w − η ∇_w J, b ← b − η ∂J/∂b.
        epochs: number of full-batch updates (an int ≥ 1).
    Attributes (after fit, or set by hand):
        coef_: (D,) weights w, dtype of the training X.
        intercept_: float, the bias b.
        history: list of the objective J before each update (length ``epochs``).
    """

    def __init__(self, l2: float = 1e-4, lr: float = 1.0, epochs: int = 500) -> None:
        if not (np.isfinite(l2) and l2 >= 0):
            raise ValueError(f"LogisticRegression: l2 must be a finite number ≥ 0, got {l2!r}")
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"LogisticRegression: lr must be a positive number, got {lr!r}")
        if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
            raise ValueError(f"LogisticRegression: epochs must be an int ≥ 1, got {epochs!r}")
        self.l2 = float(l2)
        self.lr = float(lr)
        self.epochs = epochs
        self.coef_: np.ndarray | None = None
        self.intercept_: float = 0.0
        self.history: list[float] = []

    def _check_X(self, X: np.ndarray, name: str) -> np.ndarray:
        """X as a float array of shape (N, D) matching coef_ (given helper)."""
        if self.coef_ is None:
            raise ValueError(f"LogisticRegression.{name} called before fit: call fit(X, y)")
        X = np.asarray(X)
        if not np.issubdtype(X.dtype, np.floating):
            X = X.astype(np.float64)
        if X.ndim != 2 or X.shape[1] != self.coef_.shape[0]:
            raise ValueError(
                f"LogisticRegression.{name}: expected X of shape (N, {self.coef_.shape[0]}), "
                f"got {X.shape}"
            )
        return X

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Logits z = Xw + b.

        Inputs: X: (N, D) features. Returns: (N,) logits, dtype of coef_.
        Raises: ValueError before fit or when X does not have D columns.
        """
        raise NotImplementedError('P04 Task 6 · LogisticRegression.decision_function (projects/p04_spam_filter/logistic.py) — see projects/p04_spam_filter/README.md#task-6')

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(y = 1 | x) = σ(Xw + b) for every row; (N, D) -> (N,) float64 in [0, 1]."""
        return sigmoid(self.decision_function(X))

    def predict(self, X: np.ndarray, threshold: float = 0.5) -> np.ndarray:
        """Hard labels: 1 where P(y = 1 | x) ≥ threshold; (N, D) -> (N,) int64."""
        return (self.predict_proba(X) >= threshold).astype(np.int64)

    def loss_and_grad(self, X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray, float]:
        """The objective J and its gradient at the current coef_ and intercept_.

        J = bce_with_logits(z, y) + (λ/2) ‖w‖² with z = Xw + b.

        Inputs: X: (N, D) features; y: (N,) labels 0/1.
        Returns: (J, grad_w, grad_b):
            J: float;
            grad_w = Xᵀ(σ(z) − y)/N + λw: (D,), dtype of coef_;
            grad_b = mean(σ(z) − y): float (no λ term, the bias is not regularised).
        Raises: ValueError before fit, or for X and y that do not match.
        """
        raise NotImplementedError('P04 Task 6 · LogisticRegression.loss_and_grad (projects/p04_spam_filter/logistic.py) — see projects/p04_spam_filter/README.md#task-6')

    def fit(self, X: np.ndarray, y: np.ndarray) -> LogisticRegression:
        """Gradient descent for ``epochs`` full-batch steps from w = 0, b = log(p / (1 − p)),
        p = mean(y) (the base rate; ``_base_rate_logit``).

        Inputs: X: (N, D) float features (float32 or float64); y: (N,) labels 0/1.
        Returns: self, with coef_, intercept_ and history (J before each step) set.
        Raises: ValueError for X that is not 2-D or a y whose length differs from X's.

        The arithmetic stays in X's dtype: float32 features give float32 weights (integer
        features are converted to float64).
        """
        raise NotImplementedError('P04 Task 6 · LogisticRegression.fit (projects/p04_spam_filter/logistic.py) — see projects/p04_spam_filter/README.md#task-6')
