"""Softmax and cross-entropy (P08): ``softmax``, ``log_softmax`` (Task 1) and
``cross_entropy`` (Task 2).

A classifier's network ends in one score (logit) per class. Softmax turns a row of
scores into probabilities; cross-entropy charges the model -log(probability of the true
class). Both exponentiate, so both subtract the row's maximum first: softmax(z) equals
softmax(z - c) for any constant c, and with c = max(z) the largest exponent is e^0 = 1,
so nothing overflows and at least one term of the sum is 1, so nothing underflows to 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["cross_entropy", "log_softmax", "softmax"]


def _softmax_axis(axis: Any, shape: tuple[int, ...], name: str) -> int:
    """``axis`` as a non-negative int, checked against ``shape``. Given helper."""
    ndim = len(shape)
    if ndim == 0:
        raise ValueError(f"{name}: expected at least one axis, got a scalar (shape ())")
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        raise TypeError(f"{name}: axis must be an int, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}: axis {axis} is out of range for shape {shape}")
    axis = int(axis) % ndim
    if shape[axis] == 0:
        raise ValueError(f"{name}: axis {axis} of shape {shape} is empty; nothing to normalise")
    return axis


@register("softmax")
class Softmax(Function):
    """softmax(a)_i = e^(a_i) / sum_j e^(a_j) along ``axis``: positive, summing to 1.

    Stable: computed from a - max(a). Backward (the Jacobian-vector product of
    ds_i/da_j = s_i (delta_ij - s_j)): grad_a = s * (g - sum(g * s)).

    Dtypes: a float input keeps its dtype; an integer input is computed and returned in
    float64 (NumPy's ``exp`` of integers); it cannot require a gradient. The gradient is
    in the dtype NumPy gives ``g * s`` (float32 with float32 stays float32). The axis is
    checked by the given ``_softmax_axis``.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · Softmax.forward (shared/functional/multiclass.py) — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · Softmax.backward (shared/functional/multiclass.py) — see projects/p08_mnist/README.md#task-1')


def softmax(a: TensorLike, axis: int = -1) -> Tensor:
    """Softmax along ``axis``: same shape as ``a``, each slice positive and summing to 1."""
    return Softmax.apply(a, axis=axis)


@register("log_softmax")
class LogSoftmax(Function):
    """log softmax(a) = a - logsumexp(a) along ``axis``, with
    logsumexp(a) = m + log(sum e^(a - m)), m = max(a): never overflows, never log(0).

    Backward: grad_a = g - softmax(a) * sum(g). Dtypes and the axis as ``softmax``.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · LogSoftmax.forward (shared/functional/multiclass.py) — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · LogSoftmax.backward (shared/functional/multiclass.py) — see projects/p08_mnist/README.md#task-1')


def log_softmax(a: TensorLike, axis: int = -1) -> Tensor:
    """log(softmax(a)) along ``axis``, computed stably (log-sum-exp); same shape as ``a``."""
    return LogSoftmax.apply(a, axis=axis)


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
class CrossEntropy(Function):
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
        raise NotImplementedError('P08 Task 2 · CrossEntropy.forward (shared/functional/multiclass.py) — see projects/p08_mnist/README.md#task-2')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 2 · CrossEntropy.backward (shared/functional/multiclass.py) — see projects/p08_mnist/README.md#task-2')


def cross_entropy(logits: TensorLike, target: Any) -> Tensor:
    """Mean cross-entropy: logits (N, C) scores, target (N,) integer labels in [0, C).

    Returns a scalar Tensor; its gradient with respect to the logits is
    (softmax(logits) - onehot(target)) / N.
    """
    if isinstance(target, Tensor):
        target = target.data
    return CrossEntropy.apply(logits, target=target)
