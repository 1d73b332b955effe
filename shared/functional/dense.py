"""A dense layer and its loss, fused (P06): ``linear`` (Task 3) and the weighted
``binary_cross_entropy_with_logits`` (Task 5).

A layer computes x @ W.T + b. Written with P05's ops that is three graph nodes (a
transpose, a matmul, a broadcast add) and a gradient for W that arrives transposed. One
fused node does the same arithmetic with the three gradients derived once, in the
layout of each input (W is stored (out, in), as PyTorch stores it):

    y = x @ W.T + b          x (..., in), W (out, in), b (out,)  ->  y (..., out)
    dx = g @ W               dW = g.T @ x  (summed over all batch axes)     db = Σ g
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.functional._registry import register
from shared.functional.reductions import matmul
from shared.functional.shapes import transpose
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["binary_cross_entropy_with_logits", "linear"]


@register("linear")
class Linear(Function):
    """x @ weight.T + bias in one node: x (..., in), weight (out, in), bias (out,) ->
    (..., out). d/dx = g @ W, d/dW = g^T x over every batch row, d/db = sum of g."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P06 Task 3 · Linear.forward (shared/functional/dense.py) — see projects/p06_fraud_mlp/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 3 · Linear.backward (shared/functional/dense.py) — see projects/p06_fraud_mlp/README.md#task-3')


def linear(x: TensorLike, weight: TensorLike, bias: TensorLike = None) -> Tensor:
    """x @ weight.T + bias: x (..., in), weight (out, in), bias (out,) or None."""
    if bias is None:
        return matmul(x, transpose(weight))
    return Linear.apply(x, weight, bias)


# ===================================================== weighted binary cross-entropy (Task 5)
#
# Fraud is rare: with 1 % positives a model that never flags anything already has a mean
# loss close to the minimum, and the gradient of the few positives is drowned by the
# negatives. ``pos_weight`` multiplies the loss of every positive example:
#
#     L = -(1/N) Σ_i [ pw · y_i · log σ(z_i) + (1 - y_i) · log(1 - σ(z_i)) ]
#
# With pw = n_neg / n_pos both classes carry the same total weight. Computed in logits:
# log σ(z) = -softplus(-z) and log(1 - σ(z)) = -softplus(z), where
# softplus(z) = max(z, 0) + log1p(exp(-|z|)) never overflows, so the loss is finite and
# exact even at |z| = 1e4. The gradient is fused (no σ'(z) that would underflow):
#
#     dL/dz_i = (σ(z_i) · (1 + (pw - 1) · y_i) - pw · y_i) / N


def _check_pos_weight(pos_weight: Any) -> float | None:
    """None, or ``pos_weight`` as a finite float > 0 (ValueError / TypeError otherwise)."""
    if pos_weight is None:
        return None
    if isinstance(pos_weight, bool) or not isinstance(pos_weight, int | float | np.number):
        raise TypeError(
            "binary_cross_entropy_with_logits: pos_weight must be a number or None, got "
            f"{type(pos_weight).__name__}"
        )
    if not (np.isfinite(pos_weight) and pos_weight > 0):
        raise ValueError(
            "binary_cross_entropy_with_logits: pos_weight must be a finite number > 0, got "
            f"{pos_weight!r}"
        )
    return float(pos_weight)


def _check_bce_inputs(
    logits: Any, target: Any, pos_weight: Any
) -> tuple[np.ndarray, np.ndarray, float | None]:
    """The checked inputs of ``binary_cross_entropy_with_logits``. Given helper.

    Returns (z, y, weight): the logits as a float array (integers become float32), the
    targets in z's dtype and shape, and ``pos_weight`` as a float or None. TypeError when
    the target is missing or pos_weight is not a number; ValueError naming the offending
    shapes or values when the shapes differ, there is no logit, a logit is NaN or infinite,
    a target lies outside [0, 1] (NaN included) or pos_weight is not a finite number > 0.
    """
    name = "binary_cross_entropy_with_logits"
    z = np.asarray(logits)
    if z.dtype.kind != "f":
        z = z.astype(np.float32)
    if target is None:
        raise TypeError(f"{name}: target= is required (0/1 labels of the logits' shape)")
    y = np.asarray(target)
    if y.shape != z.shape:
        raise ValueError(
            f"{name}: target must have the logits' shape {z.shape}, got {y.shape} "
            "(reshape one of them: broadcasting would pair every logit with every label)"
        )
    if z.size == 0:
        raise ValueError(f"{name}: expected at least one logit, got shape {z.shape}")
    if not np.all(np.isfinite(z)):
        raise ValueError(f"{name}: logits must be finite numbers, got NaN or inf")
    y = y.astype(z.dtype, copy=False)
    # NaN fails both comparisons, so a NaN target is refused too.
    outside = ~((y >= 0) & (y <= 1))
    if np.any(outside):
        found = np.unique(y[outside])[:5]
        raise ValueError(f"{name}: target values must lie in [0, 1], found {found.tolist()}")
    return z, y, _check_pos_weight(pos_weight)


@register("binary_cross_entropy_with_logits")
class BinaryCrossEntropyWithLogits(Function):
    """Mean (weighted) binary cross-entropy of logits against targets in [0, 1].

    forward(logits (any shape, N elements in all), target= (the same shape),
    pos_weight=None or a number > 0) -> a scalar (shape ()), in the logits' dtype.
    backward: dL/dz = (σ(z)(1 + (pw - 1) y) - pw y) / N; target and pos_weight get none.
    """

    @staticmethod
    def forward(
        ctx: Context, logits: np.ndarray, target: Any = None, pos_weight: Any = None
    ) -> np.ndarray:
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogits.forward (shared/functional/dense.py) — see projects/p06_fraud_mlp/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogits.backward (shared/functional/dense.py) — see projects/p06_fraud_mlp/README.md#task-5')


def binary_cross_entropy_with_logits(
    logits: TensorLike, *, target: TensorLike, pos_weight: float | None = None
) -> Tensor:
    """Mean binary cross-entropy from logits, positives weighted by ``pos_weight``.

    Inputs: logits (N,) (or any shape), the scores z; target: 0/1 labels (or
    probabilities) of the same shape, not differentiated; pos_weight: None (1) or a
    number > 0 multiplying the loss of the positive part.
    Returns: a scalar Tensor, -(1/N) Σ [pw y log σ(z) + (1 - y) log(1 - σ(z))].
    """
    if isinstance(target, Tensor):
        target = target.data
    return BinaryCrossEntropyWithLogits.apply(logits, target=target, pos_weight=pos_weight)
