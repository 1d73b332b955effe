"""Ops that move entries without changing them (P05 Task 5): ``reshape transpose getitem``.

Each output entry is one input entry, so each backward pass puts the output's gradient
back where the entry came from: read back in the input's shape, permuted back, or
scattered into zeros (adding up where an entry was selected more than once). Later ops
that assemble or cut tensors (stack, concatenation, split) belong here too.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.functional._registry import register, renamed
from shared.tensor import Context, Function, Tensor, TensorLike, as_array

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["concat", "getitem", "reshape", "split", "stack", "transpose"]


@register("reshape")
class ReshapeFn(Function):
    """The same entries in a new shape (one dimension may be -1). The gradient is the
    output's gradient read back in the input's shape. ValueError naming both shapes when
    the numbers of entries differ."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · ReshapeFn.forward (shared/functional/shapes.py) — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · ReshapeFn.backward (shared/functional/shapes.py) — see projects/p05_autograd/README.md#task-5')


def reshape(a: TensorLike, shape: tuple[int, ...]) -> Tensor:
    """The entries of ``a`` in ``shape`` (one entry may be -1)."""
    return ReshapeFn.apply(a, shape=tuple(shape))


@register("transpose")
class TransposeFn(Function):
    """Permute the axes: output axis i is input axis ``axes[i]`` (None: reverse them;
    negative axes count from the end). The gradient is permuted back by the inverse
    permutation. ValueError naming the axes and the shape when ``axes`` is not a
    permutation of the input's axes."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axes: tuple[int, ...] | None = None) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · TransposeFn.forward (shared/functional/shapes.py) — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · TransposeFn.backward (shared/functional/shapes.py) — see projects/p05_autograd/README.md#task-5')


def transpose(a: TensorLike, axes: tuple[int, ...] | None = None) -> Tensor:
    """Permute the axes (None: reverse them), as ``np.transpose``."""
    return TransposeFn.apply(a, axes=None if axes is None else tuple(axes))


def _is_basic(index: Any) -> bool:
    """True when ``index`` selects every entry at most once (ints, slices, None, ...,
    boolean masks), so its backward can assign instead of accumulating. Given helper."""
    items = index if isinstance(index, tuple) else (index,)
    for item in items:
        if isinstance(item, int | np.integer | slice) or item is None or item is Ellipsis:
            continue
        if isinstance(item, np.ndarray) and item.dtype == np.bool_:
            continue
        return False
    return True


@register("getitem")
class GetItemFn(Function):
    """``a[index]`` with NumPy's indexing: ints, slices (any step), None, ..., boolean
    masks and integer arrays. The gradient scatters back into zeros of the input's shape;
    an entry selected k times (repeated indices) receives the sum of its k gradients:
    assign (``full[index] = grad``) when the given ``_is_basic`` says no entry can be
    selected twice, else ``np.add.at``. IndexError naming the input's shape for an index
    NumPy refuses."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, index: Any) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · GetItemFn.forward (shared/functional/shapes.py) — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · GetItemFn.backward (shared/functional/shapes.py) — see projects/p05_autograd/README.md#task-5')


def getitem(a: TensorLike, index: Any) -> Tensor:
    """``a[index]``; Tensors inside ``index`` are used through their data."""
    if isinstance(index, tuple):
        index = tuple(as_array(i) for i in index)
    elif isinstance(index, Tensor):
        index = index.data
    elif isinstance(index, list):
        index = np.asarray(index)  # a list is an integer (or boolean) array index
    return GetItemFn.apply(a, index=index)


# ========================================================= assembling and cutting (P10 Task 3)
#
# A sequence model produces one tensor per time step and needs them as one (stack), joins
# gate blocks or features (concat), and cuts a tensor into pieces (split). stack and
# concat take any number of tensors; each input's gradient is its own block of the
# output's gradient, read back along the axis it came from.


def _tensors(name: str, tensors: tuple[Any, ...]) -> tuple[Any, ...]:
    """``f(a, b, c)`` and ``f([a, b, c])`` both mean the inputs a, b, c. Given helper."""
    if len(tensors) == 1 and isinstance(tensors[0], list | tuple):
        tensors = tuple(tensors[0])
    if not tensors:
        raise ValueError(f"{name}: expected at least one tensor, got none")
    return tensors


@register("stack")
class StackFn(Function):
    """k arrays of one shape S joined along a new axis ``axis`` -> shape S with k inserted
    at ``axis`` (negative axes count from the end of the output). Input j's gradient is
    the slice j of the output's gradient on that axis. ValueError naming the shapes when
    they differ, and one naming ``axis`` when it is out of range."""

    @staticmethod
    def forward(ctx: Context, *arrays: np.ndarray, axis: int = 0) -> np.ndarray:
        raise NotImplementedError('P10 Task 3 · StackFn.forward (shared/functional/shapes.py) — see projects/p10_char_rnn/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P10 Task 3 · StackFn.backward (shared/functional/shapes.py) — see projects/p10_char_rnn/README.md#task-3')


def stack(*tensors: TensorLike, axis: int = 0) -> Tensor:
    """Join tensors of one shape along a new axis: ``stack(a, b)`` or ``stack([a, b])``;
    k inputs of shape (n, m) and axis=1 give (n, k, m)."""
    return StackFn.apply(*_tensors("stack", tensors), axis=axis)


@register("concat")
class ConcatFn(Function):
    """Arrays of one number of dimensions joined along an existing axis ``axis`` (negative
    counts from the end); every other axis must agree. Input j's gradient is its block of
    the output's gradient along that axis. ValueError naming the shapes when they do not
    fit (another number of dimensions, another size off the axis, an axis out of range,
    0-d inputs)."""

    @staticmethod
    def forward(ctx: Context, *arrays: np.ndarray, axis: int = 0) -> np.ndarray:
        raise NotImplementedError('P10 Task 3 · ConcatFn.forward (shared/functional/shapes.py) — see projects/p10_char_rnn/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P10 Task 3 · ConcatFn.backward (shared/functional/shapes.py) — see projects/p10_char_rnn/README.md#task-3')


def concat(*tensors: TensorLike, axis: int = 0) -> Tensor:
    """Join tensors along an existing axis: ``concat(a, b, axis=1)`` or
    ``concat([a, b], axis=1)``; (n, 2) and (n, 3) along axis 1 give (n, 5)."""
    return ConcatFn.apply(*_tensors("concat", tensors), axis=axis)


def split(a: TensorLike, sections: int | list[int], axis: int = 0) -> tuple[Tensor, ...]:
    """Cut ``a`` along ``axis`` into pieces, PyTorch's ``torch.split``: an int gives pieces
    of that size (the last one may be smaller), a list gives pieces of those sizes (they
    must add up to the axis's length). Each piece is a ``getitem`` slice, so its gradient
    lands in its own block. ValueError naming the sizes and the length otherwise."""
    raise NotImplementedError('P10 Task 3 · split (shared/functional/shapes.py) — see projects/p10_char_rnn/README.md#task-3')


# ================================================================ flatten (P09 Task 3)


@register("flatten")
class FlattenFn(Function):
    """Every axis from ``start_dim`` on merged into one (C order): (N, C, H, W) ->
    (N, C·H·W) for start_dim=1. ``start_dim`` may be negative (counted from the end):
    -ndim <= start_dim < ndim, else ValueError naming start_dim and the shape; TypeError
    for a non-int. The output is ``np.reshape`` of x (a view when NumPy can make one; a
    copy is accepted too). backward: the gradient reshaped back to the input's shape. The
    generic op checks draw 1 to 4 axes, negative start_dim included."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, start_dim: int = 1) -> np.ndarray:
        raise NotImplementedError('P09 Task 3 · FlattenFn.forward (shared/functional/shapes.py) — see projects/p09_cnn/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 3 · FlattenFn.backward (shared/functional/shapes.py) — see projects/p09_cnn/README.md#task-3')


def flatten(x: TensorLike, start_dim: int = 1) -> Tensor:
    """x with the axes from ``start_dim`` on merged: (N, C, H, W) -> (N, C·H·W)."""
    return FlattenFn.apply(x, start_dim=start_dim)


# The Function classes were named without the ``Fn`` suffix until this release.
__getattr__ = renamed(
    "shared.functional.shapes",
    {
        "Reshape": "shapes.ReshapeFn",
        "Transpose": "shapes.TransposeFn",
        "GetItem": "shapes.GetItemFn",
        "Stack": "shapes.StackFn",
        "Concat": "shapes.ConcatFn",
    },
)
