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

__all__ = ["concat", "getitem", "reshape", "split", "stack", "transpose"]


@register("reshape")
class ReshapeFn(Function):
    """The same entries in a new shape (one dimension may be -1). The gradient is the
    output's gradient read back in the input's shape. ValueError naming both shapes when
    the numbers of entries differ."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        ### BEGIN SOLUTION p05.t5
        try:
            out = np.reshape(a, shape)
        except ValueError:
            raise ValueError(
                f"reshape: cannot reshape a tensor of shape {np.shape(a)} "
                f"({np.size(a)} entries) into shape {tuple(shape)}"
            ) from None
        ctx.shape = np.shape(a)
        return out
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p05.t5
        return (np.reshape(grad, ctx.shape),)
        ### END SOLUTION


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
        ### BEGIN SOLUTION p05.t5
        ndim = np.ndim(a)
        if axes is None:
            order = tuple(range(ndim - 1, -1, -1))
        else:
            order = tuple(int(i) + ndim if -ndim <= i < 0 else int(i) for i in axes)
            if sorted(order) != list(range(ndim)):
                raise ValueError(
                    f"transpose: axes {tuple(axes)} are not a permutation of the {ndim} axes "
                    f"of shape {np.shape(a)}"
                )
        ctx.order = order
        return np.transpose(a, order)
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p05.t5
        return (np.transpose(grad, np.argsort(ctx.order)),)
        ### END SOLUTION


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
        ### BEGIN SOLUTION p05.t5
        try:
            out = a[index]
        except IndexError as error:
            raise IndexError(f"getitem: {error} (tensor of shape {np.shape(a)})") from None
        ctx.shape, ctx.dtype, ctx.index = np.shape(a), a.dtype, index
        return out
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p05.t5
        full = np.zeros(ctx.shape, dtype=np.result_type(ctx.dtype, grad))
        if _is_basic(ctx.index):
            full[ctx.index] = grad  # no entry is selected twice
        else:
            np.add.at(full, ctx.index, grad)  # repeated indices accumulate
        return (full,)
        ### END SOLUTION


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
        ### BEGIN SOLUTION p10.t3
        shapes = [np.shape(a) for a in arrays]
        if any(s != shapes[0] for s in shapes):
            raise ValueError(f"stack: every tensor must have the same shape, got {shapes}")
        ndim = len(shapes[0]) + 1
        if not -ndim <= axis < ndim:
            raise ValueError(f"stack: axis {axis} is out of range for {ndim}-D output")
        ctx.axis = axis % ndim
        return np.stack(arrays, axis=ctx.axis)
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p10.t3
        lead = (slice(None),) * ctx.axis
        return tuple(  # views of grad: no copy per input
            grad[(*lead, j)] if need else None for j, need in enumerate(ctx.needs_input_grad)
        )
        ### END SOLUTION


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
        ### BEGIN SOLUTION p10.t3
        shapes = [np.shape(a) for a in arrays]
        ndim = len(shapes[0])
        if ndim == 0 or not -ndim <= axis < ndim:
            raise ValueError(f"concat: axis {axis} is out of range for shapes {shapes}")
        axis = axis % ndim
        rest = [s[:axis] + s[axis + 1 :] for s in shapes]
        if any(len(s) != ndim for s in shapes) or any(r != rest[0] for r in rest):
            raise ValueError(f"concat: shapes {shapes} differ outside axis {axis}")
        ctx.axis, ctx.ends = axis, np.cumsum([s[axis] for s in shapes])
        return np.concatenate(arrays, axis=axis)
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p10.t3
        pieces = np.split(grad, ctx.ends[:-1], axis=ctx.axis)
        return tuple(
            p if need else None for p, need in zip(pieces, ctx.needs_input_grad, strict=True)
        )
        ### END SOLUTION


def concat(*tensors: TensorLike, axis: int = 0) -> Tensor:
    """Join tensors along an existing axis: ``concat(a, b, axis=1)`` or
    ``concat([a, b], axis=1)``; (n, 2) and (n, 3) along axis 1 give (n, 5)."""
    return ConcatFn.apply(*_tensors("concat", tensors), axis=axis)


def split(a: TensorLike, sections: int | list[int], axis: int = 0) -> tuple[Tensor, ...]:
    """Cut ``a`` along ``axis`` into pieces, PyTorch's ``torch.split``: an int gives pieces
    of that size (the last one may be smaller), a list gives pieces of those sizes (they
    must add up to the axis's length). Each piece is a ``getitem`` slice, so its gradient
    lands in its own block. ValueError naming the sizes and the length otherwise."""
    ### BEGIN SOLUTION p10.t3
    shape = np.shape(a.data if isinstance(a, Tensor) else a)
    if not shape or not -len(shape) <= axis < len(shape):
        raise ValueError(f"split: axis {axis} is out of range for shape {shape}")
    axis, length = axis % len(shape), shape[axis % len(shape)]
    if isinstance(sections, int | np.integer):
        if sections < 1:
            raise ValueError(f"split: the piece size must be >= 1, got {sections}")
        sizes = [min(sections, length - s) for s in range(0, length, int(sections))]
    else:
        sizes = [int(s) for s in sections]
        if sum(sizes) != length or any(s < 0 for s in sizes):
            raise ValueError(f"split: sizes {sizes} do not add up to the length {length}")
    lead = (slice(None),) * axis
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    return tuple(getitem(a, (*lead, slice(s, s + n))) for s, n in zip(starts, sizes, strict=True))
    ### END SOLUTION


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
        ### BEGIN SOLUTION p09.t3
        shape = np.shape(x)
        if isinstance(start_dim, bool) or not isinstance(start_dim, int | np.integer):
            raise TypeError(f"flatten: start_dim must be an int, got {start_dim!r}")
        if not -len(shape) <= start_dim < len(shape):
            raise ValueError(f"flatten: start_dim {start_dim} is out of range for shape {shape}")
        start = int(start_dim) % len(shape)
        ctx.shape = shape
        return np.reshape(x, (*shape[:start], -1))
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p09.t3
        return (np.reshape(grad, ctx.shape),)
        ### END SOLUTION


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
