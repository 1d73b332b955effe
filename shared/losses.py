"""Loss functions on NumPy arrays, each with its gradient.

Mean squared error (P03); binary cross-entropy from logits, stable for any logit (P04).
"""

from __future__ import annotations

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

# ================================================================ mean squared error (P03)
#
# Convention: no factor ½. The loss is the plain mean of squared errors, the same number
# as shared.metrics.mse, so a printed training loss can be compared with a reported
# metric; the gradient therefore carries a factor 2.


def _mse_pair(y_pred: np.ndarray, y_true: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Both inputs as float64 arrays of one shape (the check mse_loss and mse_grad share);
    ValueError (naming ``name`` and both shapes) when the shapes differ or there is no
    element. No broadcasting: (N,) against (N, 1) is an error."""
    raise NotImplementedError('P03 Task 1 · _mse_pair (shared/losses.py) — see projects/p03_linear_regression/README.md#task-1')


def mse_loss(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Mean squared error L = (1/M) Σ (y_pred - y_true)² over all M elements.

    Inputs: y_pred, y_true: arrays of the same shape, e.g. (N,) or (N, K).
    Returns: the loss as a float.

    Argument order: prediction first, as every loss of this module (and PyTorch's
    ``loss(input, target)``). ``shared.metrics.mse`` takes the opposite order,
    ``(y_true, y_pred)``, as scikit-learn's metrics do; both accept keywords, so
    ``mse_loss(y_pred=p, y_true=t)`` reads the same everywhere.
    """
    raise NotImplementedError('P03 Task 1 · mse_loss (shared/losses.py) — see projects/p03_linear_regression/README.md#task-1')


def mse_grad(y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
    """Gradient of mse_loss with respect to y_pred: ∂L/∂y_pred = (2/M) (y_pred - y_true).

    Inputs: y_pred, y_true: arrays of the same shape; M is their number of elements.
    Returns: an array of y_pred's shape, float64.
    """
    raise NotImplementedError('P03 Task 1 · mse_grad (shared/losses.py) — see projects/p03_linear_regression/README.md#task-1')


# ====================================================== binary cross-entropy (P04)
#
# Both functions take logits z (the raw scores w·x + b), never probabilities. Written in
# terms of z, the loss of one example is
#     ℓ(z, y) = max(z, 0) − z·y + log(1 + exp(−|z|)),
# which equals −[y log σ(z) + (1 − y) log(1 − σ(z))] exactly, yet never exponentiates a
# large positive number and never takes the log of a probability rounded to 0 or 1.


def _check_bce_inputs(
    name: str, logits: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Validated float64 copies of (logits, y) for the two BCE functions below.

    Raises ValueError naming ``name`` when the shapes differ, the arrays are empty, a
    logit is not finite, or a label lies outside [0, 1].
    """
    raise NotImplementedError('P04 Task 1 · _check_bce_inputs (shared/losses.py) — see projects/p04_spam_filter/README.md#task-1')


def bce_with_logits(logits: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy computed from logits, finite for any finite logit.

    L = (1/N) Σ [max(z, 0) − z·y + log1p(exp(−|z|))]
      = −(1/N) Σ [y log σ(z) + (1 − y) log(1 − σ(z))].

    Inputs:
        logits: (N,) float, the scores z = w·x + b (any shape, as long as y matches).
        y: (N,) labels in [0, 1]; usually 0 (negative) or 1 (positive).
    Returns: the mean loss over the N examples, a float ≥ 0.
    Raises: ValueError when the shapes differ, the arrays are empty, a logit is not
        finite, or a label lies outside [0, 1].
    """
    raise NotImplementedError('P04 Task 1 · bce_with_logits (shared/losses.py) — see projects/p04_spam_filter/README.md#task-1')


def bce_with_logits_grad(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of ``bce_with_logits`` with respect to the logits: (σ(z) − y) / N.

    Inputs: logits and y as in ``bce_with_logits``; N is the number of examples.
    Returns: float64 array of the logits' shape.
    Hint: ``shared.activations.sigmoid`` (P01) is already stable for large |z|.
    """
    raise NotImplementedError('P04 Task 1 · bce_with_logits_grad (shared/losses.py) — see projects/p04_spam_filter/README.md#task-1')
