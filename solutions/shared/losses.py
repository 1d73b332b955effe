"""Loss functions on NumPy arrays, each with its gradient.

Mean squared error (P03); binary cross-entropy from logits, stable for any logit (P04).
"""

from __future__ import annotations

import numpy as np

# ================================================================ mean squared error (P03)
#
# Convention: no factor ½. The loss is the plain mean of squared errors, the same number
# as shared.metrics.mse, so a printed training loss can be compared with a reported
# metric; the gradient therefore carries a factor 2.


def _mse_pair(y_pred: np.ndarray, y_true: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Both inputs as float64 arrays of one shape (the check mse_loss and mse_grad share);
    ValueError (naming ``name`` and both shapes) when the shapes differ or there is no
    element. No broadcasting: (N,) against (N, 1) is an error."""
    ### BEGIN SOLUTION p03.t1
    y_pred = np.asarray(y_pred, dtype=np.float64)
    y_true = np.asarray(y_true, dtype=np.float64)
    if y_pred.shape != y_true.shape:
        raise ValueError(
            f"{name}: y_pred and y_true must have the same shape, got {y_pred.shape} "
            f"and {y_true.shape}"
        )
    if y_pred.size == 0:
        raise ValueError(f"{name}: expected at least one element, got empty arrays")
    return y_pred, y_true
    ### END SOLUTION


def mse_loss(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Mean squared error L = (1/M) Σ (y_pred - y_true)² over all M elements.

    Inputs: y_pred, y_true: arrays of the same shape, e.g. (N,) or (N, K).
    Returns: the loss as a float.

    Argument order: prediction first, as every loss of this module (and PyTorch's
    ``loss(input, target)``). ``shared.metrics.mse`` takes the opposite order,
    ``(y_true, y_pred)``, as scikit-learn's metrics do; both accept keywords, so
    ``mse_loss(y_pred=p, y_true=t)`` reads the same everywhere.
    """
    ### BEGIN SOLUTION p03.t1
    y_pred, y_true = _mse_pair(y_pred, y_true, "mse_loss")
    return float(np.mean((y_pred - y_true) ** 2))
    ### END SOLUTION


def mse_grad(y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
    """Gradient of mse_loss with respect to y_pred: ∂L/∂y_pred = (2/M) (y_pred - y_true).

    Inputs: y_pred, y_true: arrays of the same shape; M is their number of elements.
    Returns: an array of y_pred's shape, float64.
    """
    ### BEGIN SOLUTION p03.t1
    y_pred, y_true = _mse_pair(y_pred, y_true, "mse_grad")
    return 2.0 * (y_pred - y_true) / y_pred.size
    ### END SOLUTION


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
    ### BEGIN SOLUTION p04.t1
    logits = np.asarray(logits, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if logits.shape != y.shape:
        raise ValueError(
            f"{name}: logits and y must have the same shape, got {logits.shape} and {y.shape}"
        )
    if logits.size == 0:
        raise ValueError(f"{name}: expected at least one example, got empty arrays")
    if not np.all(np.isfinite(logits)):
        raise ValueError(f"{name}: logits must be finite numbers, got NaN or inf")
    # NaN fails both comparisons, so a NaN label is caught here too.
    if not np.all((y >= 0.0) & (y <= 1.0)):
        raise ValueError(f"{name}: labels y must lie in [0, 1] (1 = positive class)")
    return logits, y
    ### END SOLUTION


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
    ### BEGIN SOLUTION p04.t1
    z, y = _check_bce_inputs("bce_with_logits", logits, y)
    per_example = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(per_example))
    ### END SOLUTION


def bce_with_logits_grad(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of ``bce_with_logits`` with respect to the logits: (σ(z) − y) / N.

    Inputs: logits and y as in ``bce_with_logits``; N is the number of examples.
    Returns: float64 array of the logits' shape.
    Hint: ``shared.activations.sigmoid`` (P01) is already stable for large |z|.
    """
    ### BEGIN SOLUTION p04.t1
    from shared.activations import sigmoid

    z, y = _check_bce_inputs("bce_with_logits_grad", logits, y)
    return (sigmoid(z) - y) / z.size
    ### END SOLUTION
