"""Elementwise arithmetic (P05 Task 3): ``add sub mul div neg pow exp log``.

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
hottest paths of every training step. The elementwise activations (``relu``,
``sigmoid``, ``tanh``) are part of the same task and live in ``activations.py``.

Domains follow NumPy and PyTorch, without checks: ``log`` of 0 is -inf and of a negative
number nan (with NumPy's RuntimeWarning), ``exp`` overflows to inf, and ``pow``'s gradient
with respect to the exponent, a^b ln a, is nan where a < 0. The tests draw ``log``'s and
``pow``'s base from positive numbers and never ask for these values.
"""

from __future__ import annotations

import numpy as np

from shared.functional._registry import register, renamed
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
    "sub",
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
class AddFn(Function):
    """a + b, broadcast. d/da = 1, d/db = 1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · AddFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · AddFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def add(a: TensorLike, b: TensorLike) -> Tensor:
    """a + b, broadcast."""
    return AddFn.apply(a, b)


@register("sub")
class SubFn(Function):
    """a - b, broadcast. d/da = 1, d/db = -1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · SubFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · SubFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def sub(a: TensorLike, b: TensorLike) -> Tensor:
    """a - b, broadcast."""
    return SubFn.apply(a, b)


@register("mul")
class MulFn(Function):
    """a * b, broadcast. d/da = b, d/db = a."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · MulFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · MulFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def mul(a: TensorLike, b: TensorLike) -> Tensor:
    """a * b elementwise, broadcast."""
    return MulFn.apply(a, b)


@register("div")
class DivFn(Function):
    """a / b, broadcast. d/da = 1 / b, d/db = -a / b^2 = -(a / b) / b."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · DivFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · DivFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def div(a: TensorLike, b: TensorLike) -> Tensor:
    """a / b elementwise, broadcast."""
    return DivFn.apply(a, b)


@register("neg")
class NegFn(Function):
    """-a. d/da = -1."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · NegFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · NegFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def neg(a: TensorLike) -> Tensor:
    """-a."""
    return NegFn.apply(a)


@register("pow")
class PowFn(Function):
    """a ** b, broadcast; either may be a constant (``t ** 2``, ``2 ** t``).

    d/da = b a^(b-1); d/db = a^b ln a, defined for a > 0 (needed only when the exponent
    requires grad: ``x ** 3`` works for negative x).
    """

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · PowFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · PowFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def pow(a: TensorLike, b: TensorLike) -> Tensor:
    """a ** b elementwise, broadcast."""
    return PowFn.apply(a, b)


@register("exp")
class ExpFn(Function):
    """e^a. d/da = e^a, the output itself."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · ExpFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · ExpFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def exp(a: TensorLike) -> Tensor:
    """e ** a elementwise."""
    return ExpFn.apply(a)


@register("log")
class LogFn(Function):
    """Natural logarithm ln a, for a > 0. d/da = 1 / a."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · LogFn.forward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · LogFn.backward (shared/functional/elementwise.py) — see projects/p05_autograd/README.md#task-3')


def log(a: TensorLike) -> Tensor:
    """Natural logarithm, elementwise (a > 0)."""
    return LogFn.apply(a)


# The Function classes were named without the ``Fn`` suffix until this release.
__getattr__ = renamed(
    "shared.functional.elementwise",
    {
        "Add": "elementwise.AddFn",
        "Sub": "elementwise.SubFn",
        "Mul": "elementwise.MulFn",
        "Div": "elementwise.DivFn",
        "Neg": "elementwise.NegFn",
        "Pow": "elementwise.PowFn",
        "Exp": "elementwise.ExpFn",
        "Log": "elementwise.LogFn",
        "ReLU": "activations.ReLUFn",
        "Sigmoid": "activations.SigmoidFn",
        "Tanh": "activations.TanhFn",
    },
)
