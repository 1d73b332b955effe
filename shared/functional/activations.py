"""Activations as autograd ops: the elementwise ``relu``, ``sigmoid``, ``tanh`` (P05
Task 3) and ``softmax``, ``log_softmax`` over one axis (P08 Task 1).

An elementwise activation's derivative is a function of its own output: relu' = [out > 0],
sigmoid' = out (1 - out), tanh' = 1 - out², so each forward pass keeps its output for the
backward pass. The NumPy activations of P01 (``shared.activations``) are the same
functions on plain arrays, without a graph.

Softmax turns a row of scores into probabilities, and log_softmax is its logarithm. Both
exponentiate, so both subtract the row's maximum first: softmax(z) equals softmax(z - c)
for any constant c, and with c = max(z) the largest exponent is e^0 = 1, so nothing
overflows and at least one term of the sum is 1, so nothing underflows to 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.activations import stable_sigmoid
from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["log_softmax", "relu", "sigmoid", "softmax", "tanh"]


@register("relu")
class ReLUFn(Function):
    """max(a, 0). d/da = 1 where a > 0, else 0 (0 at the kink, as PyTorch)."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · ReLUFn.forward (shared/functional/activations.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · ReLUFn.backward (shared/functional/activations.py) — see projects/p05_autograd/README.md#task-3')


def relu(a: TensorLike) -> Tensor:
    """max(a, 0) elementwise."""
    return ReLUFn.apply(a)


@register("sigmoid")
class SigmoidFn(Function):
    """s(a) = 1 / (1 + e^-a), without overflow. d/da = s (1 - s).

    Accuracy asked for: the generic checks compare with the exact value to a relative
    1e-10 or an absolute 1e-12 (float64, |a| <= 2), and a test asks float32 sigmoid of
    [-1000, -50, 0, 50, 1000] for [0, 0, 0.5, 1, 1] to 1e-7 with no warning and finite
    gradients. The given ``stable_sigmoid`` (``shared.activations``) computes
    (1 + tanh(a/2)) / 2 in the input's dtype and meets both; save its output, which is
    all the backward pass needs.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · SigmoidFn.forward (shared/functional/activations.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · SigmoidFn.backward (shared/functional/activations.py) — see projects/p05_autograd/README.md#task-3')


def sigmoid(a: TensorLike) -> Tensor:
    """1 / (1 + e^-a) elementwise, without overflow."""
    return SigmoidFn.apply(a)


@register("tanh")
class TanhFn(Function):
    """tanh a. d/da = 1 - tanh(a)^2."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · TanhFn.forward (shared/functional/activations.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · TanhFn.backward (shared/functional/activations.py) — see projects/p05_autograd/README.md#task-3')


def tanh(a: TensorLike) -> Tensor:
    """Hyperbolic tangent, elementwise."""
    return TanhFn.apply(a)


# ============================================== softmax and log_softmax (P08 Task 1)


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
class SoftmaxFn(Function):
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
        raise NotImplementedError('P08 Task 1 · SoftmaxFn.forward (shared/functional/activations.py) — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · SoftmaxFn.backward (shared/functional/activations.py) — see projects/p08_mnist/README.md#task-1')


def softmax(a: TensorLike, axis: int = -1) -> Tensor:
    """Softmax along ``axis``: same shape as ``a``, each slice positive and summing to 1."""
    return SoftmaxFn.apply(a, axis=axis)


@register("log_softmax")
class LogSoftmaxFn(Function):
    """log softmax(a) = a - logsumexp(a) along ``axis``, with
    logsumexp(a) = m + log(sum e^(a - m)), m = max(a): never overflows, never log(0).

    Backward: grad_a = g - softmax(a) * sum(g). Dtypes and the axis as ``softmax``.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · LogSoftmaxFn.forward (shared/functional/activations.py) — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · LogSoftmaxFn.backward (shared/functional/activations.py) — see projects/p08_mnist/README.md#task-1')


def log_softmax(a: TensorLike, axis: int = -1) -> Tensor:
    """log(softmax(a)) along ``axis``, computed stably (log-sum-exp); same shape as ``a``."""
    return LogSoftmaxFn.apply(a, axis=axis)
