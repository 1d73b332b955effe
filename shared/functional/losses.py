"""Losses as autograd ops: the weighted ``binary_cross_entropy_with_logits`` (P06 Task 5)
and the multi-class ``cross_entropy`` (P08 Task 2).

Both take raw scores (logits), never probabilities, so each can be computed in a form that
neither overflows nor takes the log of a probability rounded to 0, and each backward pass
is fused: the gradient with respect to the logits is derived once, σ(z) - y or
softmax(z) - onehot(y) (over N), instead of composed through a sigmoid or a softmax.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.activations import stable_sigmoid
from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike, as_array

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["binary_cross_entropy_with_logits", "cross_entropy"]


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
class BinaryCrossEntropyWithLogitsFn(Function):
    """Mean (weighted) binary cross-entropy of logits against targets in [0, 1].

    forward(logits (any shape, N elements in all), target= (the same shape),
    pos_weight=None or a number > 0) -> a scalar (shape ()), in the logits' dtype.
    backward: dL/dz = (σ(z)(1 + (pw - 1) y) - pw y) / N; target and pos_weight get none.
    """

    @staticmethod
    def forward(
        ctx: Context, logits: np.ndarray, target: Any = None, pos_weight: Any = None
    ) -> np.ndarray:
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogitsFn.forward (shared/functional/losses.py) — see projects/p06_fraud_mlp/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogitsFn.backward (shared/functional/losses.py) — see projects/p06_fraud_mlp/README.md#task-5')


def binary_cross_entropy_with_logits(
    logits: TensorLike, *, target: TensorLike, pos_weight: float | None = None
) -> Tensor:
    """Mean binary cross-entropy from logits, positives weighted by ``pos_weight``.

    Inputs: logits (N,) (or any shape), the scores z; target: 0/1 labels (or
    probabilities) of the same shape, not differentiated; pos_weight: None (1) or a
    number > 0 multiplying the loss of the positive part.
    Returns: a scalar Tensor, -(1/N) Σ [pw y log σ(z) + (1 - y) log(1 - σ(z))].
    """
    return BinaryCrossEntropyWithLogitsFn.apply(
        logits, target=as_array(target), pos_weight=pos_weight
    )


# ============================================== multi-class cross-entropy (P08 Task 2)


def _check_cross_entropy_inputs(a: np.ndarray, target: Any) -> np.ndarray:
    """The labels of ``cross_entropy``, checked against logits ``a``. Given helper.

    Inputs: a, logits (N, C); target, the labels. Returns them as an integer array (N,)
    with every label in [0, C). TypeError when the labels are missing or not integers;
    ValueError naming the shapes, or the first bad label and C, when the logits are not
    2-D, the labels' shape is not (N,), N or C is 0, or a label is out of range.
    """
    shape = np.shape(a)
    if len(shape) != 2:
        raise ValueError(
            f"cross_entropy: expected logits of shape (N, C), got shape {shape}; a single "
            "sample's logits need a batch axis (logits[None, :])"
        )
    n, c = shape
    if target is None:
        raise TypeError("cross_entropy: the labels are missing; pass target=labels (N,)")
    labels = np.asarray(target)
    if labels.dtype.kind not in "iu":
        raise TypeError(
            f"cross_entropy: target must hold integer class labels, got dtype "
            f"{labels.dtype}; convert with labels.astype(np.int64)"
        )
    if labels.shape != (n,):
        raise ValueError(
            f"cross_entropy: logits of shape {shape} need labels of shape ({n},), got "
            f"shape {labels.shape}"
        )
    if n == 0 or c == 0:
        raise ValueError(f"cross_entropy: expected at least one sample and class, got {shape}")
    bad = (labels < 0) | (labels >= c)
    if bad.any():
        raise ValueError(
            f"cross_entropy: label {labels[bad][0]} is out of range: with C = {c} classes "
            f"the labels must lie in [0, {c - 1}]"
        )
    return labels


@register("cross_entropy")
class CrossEntropyFn(Function):
    """Mean cross-entropy of logits (N, C) against integer labels (N,) in [0, C):

        L = -(1/N) sum_n log softmax(a_n)[y_n]  (a scalar).

    Fused: dL/da = (softmax(a) - onehot(y)) / N, computed in the forward pass from the
    same exponentials and saved (only when the logits need a gradient), so backward is
    one multiplication by the upstream gradient. Returns a 0-d array of the logits'
    dtype. Check the inputs first with the given ``_check_cross_entropy_inputs``: it
    returns the labels, and raises the TypeError for labels that are not integers and the
    ValueErrors naming the shapes, or the bad label and C.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, target: Any = None) -> np.ndarray:
        raise NotImplementedError('P08 Task 2 · CrossEntropyFn.forward (shared/functional/losses.py) — see projects/p08_mnist/README.md#task-2')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 2 · CrossEntropyFn.backward (shared/functional/losses.py) — see projects/p08_mnist/README.md#task-2')


def cross_entropy(logits: TensorLike, target: Any) -> Tensor:
    """Mean cross-entropy: logits (N, C) scores, target (N,) integer labels in [0, C).

    Returns a scalar Tensor; its gradient with respect to the logits is
    (softmax(logits) - onehot(target)) / N.
    """
    return CrossEntropyFn.apply(logits, target=as_array(target))
