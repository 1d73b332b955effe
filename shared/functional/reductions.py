"""The matrix product and the reductions (P05 Task 4): ``matmul``, ``sum mean max``.

Each reduces over axes: ``matmul`` over the shared dimension k of (..., n, k) @ (..., k, m),
``sum mean max`` over ``axis`` (None: every axis; an int or a tuple), keeping the reduced
axes as size 1 when ``keepdims``. Their backward passes spread the output's gradient back
over what was reduced; ``_axes`` and ``_expand`` are given helpers for that bookkeeping.
"""

from __future__ import annotations

import numpy as np

from shared.functional._registry import register, renamed
from shared.functional.elementwise import unbroadcast
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["matmul", "max", "mean", "sum"]


def _axes(axis: int | tuple[int, ...] | None, ndim: int, op: str) -> tuple[int, ...]:
    """``axis`` as a sorted tuple of non-negative axes (all of them for None).

    Given helper. ValueError naming the axis and the number of dimensions when an axis
    is out of range or repeated; TypeError when it is not an int or a tuple of ints.
    """
    if axis is None:
        return tuple(range(ndim))
    items = axis if isinstance(axis, tuple | list) else (axis,)
    out = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | np.integer):
            raise TypeError(f"{op}: axis must be an int or a tuple of ints, got {axis!r}")
        if not -ndim <= item < ndim:
            raise ValueError(f"{op}: axis {item} is out of range for a tensor of {ndim} dims")
        out.append(int(item) % ndim)
    if len(set(out)) != len(out):
        raise ValueError(f"{op}: repeated axis in {axis!r}")
    return tuple(sorted(out))


def _expand(grad: np.ndarray, shape: tuple[int, ...], axes: tuple[int, ...]) -> np.ndarray:
    """Broadcast the gradient of a reduction over ``axes`` back to the input ``shape``.

    Given helper. ``grad`` has the reduced shape, with or without the kept axes; the result
    is a read-only broadcast view (no copy) of shape ``shape``.
    """
    if grad.ndim != len(shape):  # keepdims=False: put the reduced axes back as size 1
        grad = np.expand_dims(grad, axes)
    return np.broadcast_to(grad, shape)


@register("matmul")
class MatMulFn(Function):
    """a @ b with NumPy's rules: 1-D operands are promoted to a row (a) or a column (b)
    and the added axis is removed afterwards; leading (batch) axes broadcast.

    (..., n, k) @ (..., k, m) -> (..., n, m); d/da = grad @ b^T, d/db = a^T @ grad, each
    summed over the batch axes its operand was broadcast along (``unbroadcast``).
    1-D @ 1-D is the dot product, a 0-d result: promote a to (1, n) and b to (n, 1),
    multiply, remove both added axes; in backward, add them back to the upstream gradient
    before the two products and remove them from the results.

    ValueError naming both shapes when the inner dimensions differ, when the batch
    dimensions do not broadcast, or when an operand is 0-d.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · MatMulFn.forward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · MatMulFn.backward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')


def matmul(a: TensorLike, b: TensorLike) -> Tensor:
    """Matrix product a @ b: (..., n, k) @ (..., k, m) -> (..., n, m); 1-D as in NumPy."""
    return MatMulFn.apply(a, b)


@register("sum")
class SumFn(Function):
    """Sum over ``axis`` (None: all; an int or a tuple), keeping them as size 1 when
    ``keepdims``. Every summed entry gets the output's gradient: d/da_i = 1."""

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · SumFn.forward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · SumFn.backward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')


def sum(a: TensorLike, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Sum over ``axis`` (None: every axis)."""
    return SumFn.apply(a, axis=axis, keepdims=keepdims)


@register("mean")
class MeanFn(Function):
    """Mean over ``axis``, like ``sum``; each of the n averaged entries gets grad / n."""

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · MeanFn.forward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · MeanFn.backward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')


def mean(
    a: TensorLike, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> Tensor:
    """Mean over ``axis`` (None: every axis)."""
    return MeanFn.apply(a, axis=axis, keepdims=keepdims)


@register("max")
class MaxFn(Function):
    """Maximum over ``axis``, like ``sum``. ValueError for an empty tensor.

    The gradient goes to the entries equal to the maximum; when several entries tie,
    they share it equally (each gets grad / count), which keeps the total gradient equal
    to grad whatever the ties (``torch.amax``'s rule). ``_expand`` only puts the upstream
    gradient back on the reduced axes, so backward also needs the mask of the winners
    (``a == max``, from values kept in the forward pass) and their count per reduced
    slice.
    """

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · MaxFn.forward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · MaxFn.backward (shared/functional/reductions.py) — see projects/p05_autograd/README.md#task-4')


def max(a: TensorLike, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis`` (None: every axis); ties share the gradient equally."""
    return MaxFn.apply(a, axis=axis, keepdims=keepdims)


# The Function classes were named without the ``Fn`` suffix until this release.
__getattr__ = renamed(
    "shared.functional.reductions",
    {
        "MatMul": "reductions.MatMulFn",
        "Sum": "reductions.SumFn",
        "Mean": "reductions.MeanFn",
        "Max": "reductions.MaxFn",
    },
)
