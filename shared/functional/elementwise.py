"""Elementwise ops (P05 Task 3): ``add sub mul div neg pow exp log relu sigmoid tanh``.

Inputs and output share one shape, or broadcast: NumPy stretches size-1 (or missing)
dimensions in the forward pass, and the backward pass must undo it. An input copied along
an axis received a gradient from every copy, so its gradient is the *sum* over that axis:
``unbroadcast`` below, which every binary op here (and ``matmul``) calls.

Each op is a ``Function`` subclass with its forward and backward side by side, followed by
its functional alias (``add(a, b)``); the Tensor operators (``a + b``) call the same class.
Either operand of a binary op may be a constant (a number or an array). Every op keeps
its input's dtype (float32 stays float32). Shapes that do not broadcast are reported by
the given machinery (``Function.apply``), naming both shapes.

``sub``, ``div`` and ``neg`` are ops of their own here, not ``a + (-b)`` as in the scalar
``Value``: one graph node, one temporary array and one backward instead of two, on the
hottest paths of every training step.

Domains follow NumPy and PyTorch, without checks: ``log`` of 0 is -inf and of a negative
number nan (with NumPy's RuntimeWarning), ``exp`` overflows to inf, and ``pow``'s gradient
with respect to the exponent, a^b ln a, is nan where a < 0. The tests draw ``log``'s and
``pow``'s base from positive numbers and never ask for these values.
"""

from __future__ import annotations

import numpy as np

from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "add",
    "div",
    "exp",
    "log",
    "mul",
    "neg",
    "pow",
    "relu",
    "sigmoid",
    "sub",
    "tanh",
    "unbroadcast",
]


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` down to ``shape``: the backward pass of NumPy broadcasting.

    Inputs: grad, the gradient of a broadcast result, shape (*lead, *S'); shape, the
    input's shape S, which broadcast to S'. Returns an array of shape S: summed over the
    leading axes broadcasting added, and (keeping the axis) over every axis where S has a
    1 and S' does not. ``grad`` itself is returned, not copied, when nothing is summed.
    """
    raise NotImplementedError('P05 Task 3 · unbroadcast (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


@register("add")
class Add(Function):
    """a + b, broadcast. d/da = 1, d/db = 1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Add.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Add.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def add(a: TensorLike, b: TensorLike) -> Tensor:
    """a + b, broadcast."""
    return Add.apply(a, b)


@register("sub")
class Sub(Function):
    """a - b, broadcast. d/da = 1, d/db = -1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Sub.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Sub.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def sub(a: TensorLike, b: TensorLike) -> Tensor:
    """a - b, broadcast."""
    return Sub.apply(a, b)


@register("mul")
class Mul(Function):
    """a * b, broadcast. d/da = b, d/db = a."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Mul.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Mul.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def mul(a: TensorLike, b: TensorLike) -> Tensor:
    """a * b elementwise, broadcast."""
    return Mul.apply(a, b)


@register("div")
class Div(Function):
    """a / b, broadcast. d/da = 1 / b, d/db = -a / b^2 = -(a / b) / b."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Div.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Div.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def div(a: TensorLike, b: TensorLike) -> Tensor:
    """a / b elementwise, broadcast."""
    return Div.apply(a, b)


@register("neg")
class Neg(Function):
    """-a. d/da = -1."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Neg.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Neg.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def neg(a: TensorLike) -> Tensor:
    """-a."""
    return Neg.apply(a)


@register("pow")
class Pow(Function):
    """a ** b, broadcast; either may be a constant (``t ** 2``, ``2 ** t``).

    d/da = b a^(b-1); d/db = a^b ln a, defined for a > 0 (needed only when the exponent
    requires grad: ``x ** 3`` works for negative x).
    """

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Pow.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Pow.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def pow(a: TensorLike, b: TensorLike) -> Tensor:
    """a ** b elementwise, broadcast."""
    return Pow.apply(a, b)


@register("exp")
class Exp(Function):
    """e^a. d/da = e^a, the output itself."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Exp.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Exp.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def exp(a: TensorLike) -> Tensor:
    """e ** a elementwise."""
    return Exp.apply(a)


@register("log")
class Log(Function):
    """Natural logarithm ln a, for a > 0. d/da = 1 / a."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Log.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Log.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def log(a: TensorLike) -> Tensor:
    """Natural logarithm, elementwise (a > 0)."""
    return Log.apply(a)


@register("relu")
class ReLU(Function):
    """max(a, 0). d/da = 1 where a > 0, else 0 (0 at the kink, as PyTorch)."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · ReLU.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · ReLU.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def relu(a: TensorLike) -> Tensor:
    """max(a, 0) elementwise."""
    return ReLU.apply(a)


@register("sigmoid")
class Sigmoid(Function):
    """s(a) = 1 / (1 + e^-a), without overflow. d/da = s (1 - s).

    Accuracy asked for: the generic checks compare with the exact value to a relative
    1e-10 or an absolute 1e-12 (float64, |a| <= 2), and a test asks float32 sigmoid of
    [-1000, -50, 0, 50, 1000] for [0, 0, 0.5, 1, 1] to 1e-7 with no warning and finite
    gradients. (1 + tanh(a/2)) / 2 meets both; for large negative a it loses the relative
    precision of the tiny result (it is exactly 0 below about -37 in float64), which no
    test asks for.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Sigmoid.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Sigmoid.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def sigmoid(a: TensorLike) -> Tensor:
    """1 / (1 + e^-a) elementwise, without overflow."""
    return Sigmoid.apply(a)


@register("tanh")
class Tanh(Function):
    """tanh a. d/da = 1 - tanh(a)^2."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Tanh.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Tanh.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def tanh(a: TensorLike) -> Tensor:
    """Hyperbolic tangent, elementwise."""
    return Tanh.apply(a)
