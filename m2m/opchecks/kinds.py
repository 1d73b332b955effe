"""Shape kinds of the generic op checks: one table from kind to the strategy drawing it.

Each op of the course declares a ``kind`` in its grader entry (``m2m/opchecks/specs.py``); when
``m2m.opchecks.checks.check_hypothesis`` tests the op on shapes drawn by hypothesis, it looks the
kind up here. A strategy is one function

    strategy(draw, spec) -> (shapes, params)

``draw`` is hypothesis's ``data.draw``; ``spec`` the op's ``OpSpec`` (for its domains and
fixed cases); ``shapes`` one shape per array input of the op, and ``params`` the keyword
parameters that go with them (an axis, a target shape, an index). Non-differentiable
inputs that must match the shapes (class labels) come from the spec's ``sample_params``,
not from here.

A new family of shapes (P09's (N, C, H, W) images, P10's (N, T, F) sequences) is one
function decorated with ``@kind("name")`` in this module; ``opspecs`` then accepts that
name. hypothesis is imported inside the strategies, so the table (and ``opspecs``) loads
without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

__all__ = ["KINDS", "Drawn", "Strategy", "kind"]

Shape = tuple[int, ...]
#: What a strategy returns: one shape per array input, and the keyword parameters.
Drawn = tuple[tuple[Shape, ...], dict[str, Any]]
#: strategy(draw, spec) -> Drawn; ``draw`` is hypothesis's ``data.draw``.
Strategy = Callable[[Callable[[Any], Any], Any], Drawn]

_KINDS: dict[str, Strategy] = {}

#: kind name -> its strategy (read-only; add one with ``@kind``).
KINDS: Mapping[str, Strategy] = MappingProxyType(_KINDS)


def kind(name: str) -> Callable[[Strategy], Strategy]:
    """Decorator: register ``strategy`` as the way to draw shapes of kind ``name``."""

    def add(strategy: Strategy) -> Strategy:
        if name in _KINDS:
            raise ValueError(f"opkinds: the kind {name!r} is defined twice")
        _KINDS[name] = strategy
        return strategy

    return add


def _shape(draw: Callable[[Any], Any], min_dims: int, max_dims: int, max_side: int) -> Shape:
    """A shape of ``min_dims`` to ``max_dims`` axes, each of size 1 to ``max_side``."""
    import hypothesis.extra.numpy as hnp

    return draw(
        hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)
    )


@kind("elementwise")
def _elementwise(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array of 0 to 3 axes (a scalar included)."""
    return (_shape(draw, 0, 3, 4),), {}


@kind("broadcast")
def _broadcast(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """Two arrays whose shapes broadcast together (size-1 and missing axes)."""
    import hypothesis.extra.numpy as hnp

    shapes = draw(
        hnp.mutually_broadcastable_shapes(
            num_shapes=2, min_dims=0, max_dims=3, min_side=1, max_side=3
        )
    )
    return shapes.input_shapes, {}


@kind("matmul")
def _matmul(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """(..., n, k) @ (..., k, m) with broadcast batch axes, and the 1-D operand forms."""
    import hypothesis.extra.numpy as hnp
    from hypothesis import strategies as st

    n, k, m = (draw(st.integers(1, 4)) for _ in range(3))
    mode = draw(st.sampled_from(["vv", "vm", "mv", "mm", "batched", "v-batched"]))
    if mode == "vv":
        return ((k,), (k,)), {}
    if mode == "vm":
        return ((k,), (k, m)), {}
    if mode == "mv":
        return ((n, k), (k,)), {}
    if mode == "mm":
        return ((n, k), (k, m)), {}
    if mode == "v-batched":
        return ((k,), (draw(st.integers(1, 3)), k, m)), {}
    batch = draw(
        hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3)
    )
    a_batch, b_batch = batch.input_shapes
    return ((*a_batch, n, k), (*b_batch, k, m)), {}


@kind("reduce")
def _reduce(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array, ``axis`` (None, an int, negative ones included, or a tuple) and
    ``keepdims``."""
    from hypothesis import strategies as st

    shape = _shape(draw, 0, 3, 4)
    ndim = len(shape)
    if ndim == 0:
        axis = None
    else:
        axis = draw(
            st.one_of(
                st.none(),
                st.integers(-ndim, ndim - 1),
                st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(
                    tuple
                ),
            )
        )
    return (shape,), {"axis": axis, "keepdims": draw(st.booleans())}


@kind("reshape")
def _reshape(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array and a target ``shape`` of the same size (size-1 axes added, one -1)."""
    from hypothesis import strategies as st

    shape = _shape(draw, 0, 3, 4)
    dims = list(shape) + [1] * draw(st.integers(0, 2))
    target = list(draw(st.permutations(dims))) if dims else []
    if target and draw(st.booleans()):
        target[draw(st.integers(0, len(target) - 1))] = -1
    return (shape,), {"shape": tuple(target)}


@kind("transpose")
def _transpose(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array of 1 to 4 axes and ``axes``: None or a permutation."""
    from hypothesis import strategies as st

    shape = _shape(draw, 1, 4, 3)
    axes = draw(st.one_of(st.none(), st.permutations(range(len(shape))).map(tuple)))
    return (shape,), {"axes": axes}


@kind("index")
def _index(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array and an ``index``: a boolean mask, or ints, slices of any step, None and
    at most one integer array (repeats allowed)."""
    from hypothesis import strategies as st

    shape = _shape(draw, 1, 3, 5)
    if draw(st.integers(0, 5)) == 0:  # a boolean mask over the whole array
        size = int(np.prod(shape))
        mask = np.array(draw(st.lists(st.booleans(), min_size=size, max_size=size)))
        return (shape,), {"index": mask.reshape(shape)}
    n_axes = draw(st.integers(1, len(shape)))
    array_axis = draw(st.one_of(st.none(), st.integers(0, n_axes - 1)))
    items: list[Any] = []
    for axis in range(n_axes):
        size = shape[axis]
        if axis == array_axis:  # an integer array, repeats allowed
            values = draw(st.lists(st.integers(-size, size - 1), min_size=1, max_size=5))
            items.append(np.array(values, dtype=np.int64))
        elif draw(st.booleans()):
            items.append(draw(st.integers(-size, size - 1)))
        else:
            bound = st.one_of(st.none(), st.integers(-size - 1, size + 1))
            step = draw(st.sampled_from([None, 1, 2, -1, -2]))
            items.append(slice(draw(bound), draw(bound), step))
    if draw(st.booleans()):
        items.insert(draw(st.integers(0, len(items))), None)
    return (shape,), {"index": tuple(items)}


@kind("axis")
def _axis(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array and the ``axis`` to normalise along, no keepdims (softmax)."""
    from hypothesis import strategies as st

    shape = _shape(draw, 1, 3, 4)
    ndim = len(shape)
    return (shape,), {"axis": draw(st.integers(-ndim, ndim - 1))}


@kind("loss")
def _loss(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """A batch of N scores (N,) or N rows of C class scores (N, C), as the op's first
    fixed case has; the targets come from the op's ``sample_params``."""
    from hypothesis import strategies as st

    n = draw(st.integers(1, 6))
    batch = (n,) if len(spec.cases[0].shapes[0]) == 1 else (n, draw(st.integers(2, 6)))
    return tuple(batch for _ in spec.domains), {}


@kind("linear")
def _linear(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """x (..., in) with 0 to 2 batch axes, a weight (out, in) and a bias (out,)."""
    from hypothesis import strategies as st

    n_in, n_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    batch = _shape(draw, 0, 2, 3)
    return ((*batch, n_in), (n_out, n_in), (n_out,)), {}


@kind("stack")
def _stack(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """Arrays of one shape (one per domain of the op, 0 to 3 axes) and the new ``axis``."""
    from hypothesis import strategies as st

    shape = _shape(draw, 0, 3, 3)
    ndim = len(shape) + 1
    return tuple(shape for _ in spec.domains), {"axis": draw(st.integers(-ndim, ndim - 1))}


@kind("concat")
def _concat(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """Arrays (one per domain) that agree on every axis but ``axis``, where each has its
    own length (1 to 3)."""
    from hypothesis import strategies as st

    shape = list(_shape(draw, 1, 3, 3))
    ndim = len(shape)
    axis = draw(st.integers(-ndim, ndim - 1))
    shapes = []
    for _ in spec.domains:
        shape[axis] = draw(st.integers(1, 3))
        shapes.append(tuple(shape))
    return tuple(shapes), {"axis": axis}


@kind("embedding")
def _embedding(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """A table (V, D) and integer ``indices`` of 0 to 2 axes with values in [0, V), repeats
    allowed."""
    import hypothesis.extra.numpy as hnp
    from hypothesis import strategies as st

    rows, width = draw(st.integers(1, 5)), draw(st.integers(1, 3))
    index_shape = _shape(draw, 0, 2, 4)
    indices = draw(hnp.arrays(np.int64, index_shape, elements=st.integers(0, rows - 1)))
    return ((rows, width),), {"indices": indices}


@kind("sequence_step")
def _sequence_step(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One step of a gated recurrent cell for a batch of N sequences, hidden size H, with
    G gate blocks (G = the first case's first width / its hidden width): xw (N, G*H),
    h (N, H), c (N, H), weight_hh (G*H, H), bias_hh (G*H,)."""
    from hypothesis import strategies as st

    first = spec.cases[0].shapes
    blocks = first[0][1] // first[1][1]
    n, hidden = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return (
        (n, blocks * hidden),
        (n, hidden),
        (n, hidden),
        (blocks * hidden, hidden),
        (blocks * hidden,),
    ), {}


@kind("conv2d")
def _conv2d(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """Images x (N, C, H, W), a weight (C_out, C, kH, kW) and a bias (C_out,), with a
    stride, padding (an int, a pair or "same" at stride 1) and dilation (ints or pairs)
    for which the dilated kernel fits the padded image. Small: 1 to 6 pixels a side."""
    from hypothesis import strategies as st

    n, c, c_out = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    same = stride == (1, 1) and draw(st.booleans())
    padding: Any = "same" if same else (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    sides = []
    for axis in range(2):
        span = dilation[axis] * (kernel[axis] - 1) + 1
        pad = 0 if same else 2 * padding[axis]
        sides.append(draw(st.integers(max(1, span - pad), max(1, span - pad) + 4)))
    params: dict[str, Any] = {
        "stride": stride if draw(st.booleans()) else stride[0],
        "padding": padding,
        "dilation": dilation,
    }
    if params["stride"] == stride[0] and stride[0] != stride[1]:
        params["stride"] = stride
    return ((n, c, *sides), (c_out, c, *kernel), (c_out,)), params


@kind("pool2d")
def _pool2d(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """Images x (N, C, H, W) with a ``kernel_size`` (int or pair), a ``stride`` (None,
    i.e. the kernel size, or 1 to 3: windows overlap, tile or leave gaps) and a
    ``padding`` of at most half the kernel."""
    from hypothesis import strategies as st

    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = draw(st.one_of(st.none(), st.integers(1, 3)))
    padding = (draw(st.integers(0, kernel[0] // 2)), draw(st.integers(0, kernel[1] // 2)))
    sides = [
        draw(st.integers(max(1, k - 2 * p), max(1, k - 2 * p) + 4))
        for k, p in zip(kernel, padding, strict=True)
    ]
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 3)), *sides)
    return (shape,), {"kernel_size": kernel, "stride": stride, "padding": padding}


@kind("batchnorm")
def _batchnorm(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """x (N, C), (N, C, L) or (N, C, H, W) with at least 2 values per channel, and a
    scale and a shift (C,)."""
    from hypothesis import strategies as st

    c = draw(st.integers(1, 3))
    spatial = tuple(draw(st.lists(st.integers(1, 3), min_size=0, max_size=2)))
    n = draw(st.integers(2 if int(np.prod(spatial)) == 1 else 1, 4))
    return ((n, c, *spatial), (c,), (c,)), {}


@kind("flatten")
def _flatten(draw: Callable[[Any], Any], spec: Any) -> Drawn:
    """One array of 1 to 4 axes and a ``start_dim`` in range (negative ones included)."""
    from hypothesis import strategies as st

    shape = _shape(draw, 1, 4, 3)
    ndim = len(shape)
    return (shape,), {"start_dim": draw(st.integers(-ndim, ndim - 1))}
