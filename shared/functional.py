"""Differentiable operations on Tensors, and the registry that tests every one of them.

Each op is a small ``Function`` subclass (see ``shared.tensor``) holding its forward and
its backward side by side, registered once with ``@register``, and called through a
functional alias (``add(a, b)``) or a Tensor operator (``a + b``): both reach the same
registered class, so there is exactly one implementation to get right.

    @register("exp", owner="p05", task=3, kind="elementwise", reference=np.exp,
              domains=("real",), cases=(Case(((3,),)), Case(((2, 3),))))
    class Exp(Function):
        @staticmethod
        def forward(ctx, a):            # arrays in, array out
            ...
        @staticmethod
        def backward(ctx, grad_out):    # dL/d(out) in, one dL/d(input) per input out
            ...

    def exp(a: TensorLike) -> Tensor:
        return Exp.apply(a)

The registry entry (``OpSpec``) also states what the course's generic test needs to check
the op without knowing anything else about it: an independent NumPy reference of the
forward pass, the input domain of each operand (log needs positive numbers), the shape
cases (broadcast pairs included), and the ``kind`` of shapes hypothesis should generate.
An op that is defined here but not registered fails that test.

Ops of P05: ``add sub mul div neg pow`` (elementwise, broadcasting), ``exp log relu
sigmoid tanh``, ``matmul``, ``sum mean max`` (over axes, with ``keepdims``), ``reshape
transpose getitem``. Later projects register theirs here too (softmax and cross-entropy in
P08, conv2d and max-pool in P09, embedding and concatenation in P10).

Broadcasting. NumPy stretches size-1 (or missing) dimensions in the forward pass; the
backward pass must undo it: an input copied along an axis received a gradient from every
copy, so its gradient is the *sum* over that axis (``unbroadcast``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from shared.tensor import Context, Function, Tensor, TensorLike

__all__ = [
    "DOMAINS",
    "KINDS",
    "NOT_OPS",
    "REGISTRY",
    "Case",
    "OpSpec",
    "add",
    "div",
    "exp",
    "getitem",
    "log",
    "matmul",
    "max",
    "mean",
    "mul",
    "neg",
    "pow",
    "register",
    "relu",
    "reshape",
    "sigmoid",
    "sub",
    "sum",
    "tanh",
    "transpose",
    "unbroadcast",
]

# ================================================================== the registry


@dataclass(frozen=True)
class Case:
    """One fixed test case of an op: the shapes of its array inputs and its parameters.

    ``Case(((2, 3), (3,)))`` is a broadcast pair for a binary op;
    ``Case(((2, 3),), {"axis": 1, "keepdims": True})`` a reduction over axis 1.
    """

    shapes: tuple[tuple[int, ...], ...]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OpSpec:
    """A registered op and what its generic test needs.

    name: the registry key, also the functional alias (``add``).
    function: the Function subclass.
    owner, task: the project and brief task that implement it (``"p05"``, 3).
    kind: how hypothesis draws shapes and parameters for it (one of ``KINDS``).
    reference: the forward pass in plain NumPy, written independently of the op (float64).
    domains: one name of ``DOMAINS`` per array input: where the op is smooth.
    cases: fixed cases, run before the hypothesis ones (edge cases, broadcast pairs).
    sample_params: for ops with non-differentiable inputs that must agree with the sampled
      arrays (class labels of a batch, 0/1 targets), ``sample_params(rng, shapes) -> dict``
      draws them; they are passed as keyword parameters, merged over the case's own.
    """

    name: str
    function: type[Function]
    owner: str
    task: int
    kind: str
    reference: Callable[..., np.ndarray]
    domains: tuple[str, ...]
    cases: tuple[Case, ...]
    sample_params: Callable[[np.random.Generator, tuple[tuple[int, ...], ...]], dict] | None = None


def _real(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return rng.uniform(-2.0, 2.0, size=shape)


def _positive(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return rng.uniform(0.5, 2.0, size=shape)


def _nonzero(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    # At least 0.5 away from 0: a divisor never explodes, relu's kink is never crossed.
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 2.0, size=shape)


def _distinct(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    # Values at least 0.08 apart: a maximum is never tied, even after a finite-difference
    # nudge, so it is differentiable at the sampled point.
    n = int(np.prod(shape, dtype=np.int64))
    spaced = (rng.permutation(n) - n / 2.0) * 0.1 + rng.uniform(-0.01, 0.01, size=n)
    return spaced.reshape(shape)


#: Input domains: name -> sampler(rng, shape) -> float64 array of that shape.
DOMAINS: Mapping[str, Callable[[np.random.Generator, tuple[int, ...]], np.ndarray]] = (
    MappingProxyType(
        {"real": _real, "positive": _positive, "nonzero": _nonzero, "distinct": _distinct}
    )
)

#: Shape families the generic test knows how to draw (see tests/p05_autograd). "axis": one
#: array and an ``axis`` parameter, no keepdims (softmax); "loss": a batch of scores
#: (N,) or (N, C) with its targets drawn by the op's ``sample_params``; "linear": x (..., in),
#: a weight (out, in) and a bias (out,).
KINDS = frozenset(
    {
        "elementwise",
        "broadcast",
        "matmul",
        "reduce",
        "reshape",
        "transpose",
        "index",
        "axis",
        "loss",
        "linear",
    }
)

#: The registry: op name -> OpSpec. Filled by ``@register`` when this module is imported.
REGISTRY: dict[str, OpSpec] = {}

#: Public names of this module that are not ops (everything else in __all__ is one).
NOT_OPS = frozenset(
    {"DOMAINS", "KINDS", "NOT_OPS", "REGISTRY", "Case", "OpSpec", "register", "unbroadcast"}
)


def register(
    name: str,
    *,
    owner: str,
    task: int,
    kind: str,
    reference: Callable[..., np.ndarray],
    domains: tuple[str, ...],
    cases: tuple[Case, ...],
    sample_params: Callable[[np.random.Generator, tuple[tuple[int, ...], ...]], dict] | None = None,
) -> Callable[[type[Function]], type[Function]]:
    """Class decorator: add a Function subclass to ``REGISTRY`` under ``name``.

    Every op must be registered exactly once, with at least one case and a known kind
    and domain for each input; ValueError otherwise.
    """

    def decorate(cls: type[Function]) -> type[Function]:
        if not (isinstance(cls, type) and issubclass(cls, Function)):
            raise TypeError(f"register({name!r}): expected a Function subclass, got {cls!r}")
        if name in REGISTRY:
            raise ValueError(f"register: an op named {name!r} is already registered")
        if kind not in KINDS:
            raise ValueError(f"register({name!r}): unknown kind {kind!r}; known: {sorted(KINDS)}")
        unknown = [d for d in domains if d not in DOMAINS]
        if unknown or not domains:
            raise ValueError(
                f"register({name!r}): domains must name entries of DOMAINS, got {domains!r}"
            )
        if not cases or any(len(c.shapes) != len(domains) for c in cases):
            raise ValueError(
                f"register({name!r}): give at least one case, each with one shape per "
                f"domain ({len(domains)})"
            )
        cls.name = name
        REGISTRY[name] = OpSpec(
            name, cls, owner, task, kind, reference, tuple(domains), tuple(cases), sample_params
        )
        return cls

    return decorate


# ================================================================== broadcasting


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` down to ``shape``: the backward pass of NumPy broadcasting.

    Inputs: grad, the gradient of a broadcast result, shape (*lead, *S'); shape, the
    input's shape S, which broadcast to S'. Returns an array of shape S: summed over the
    leading axes broadcasting added, and (keeping the axis) over every axis where S has a
    1 and S' does not. ``grad`` itself is returned, not copied, when nothing is summed.
    """
    raise NotImplementedError('P05 Task 3 · unbroadcast — see projects/p05_autograd/README.md#task-3')


# ================================================================== independent references
# Plain float64 NumPy, written another way than the ops, for the generic test.


def _ref_sigmoid(a: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -a))  # 1 / (1 + e^-a) = exp(-log(1 + e^-a))


def _ref_tanh(a: np.ndarray) -> np.ndarray:
    return np.sinh(a) / np.cosh(a)


def _ref_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b
    out = np.einsum("...ij,...jk->...ik", a2, b2)
    if a.ndim == 1:
        out = out[..., 0, :]
    if b.ndim == 1:
        out = out[..., 0]
    return out


def _ref_mean(a: np.ndarray, axis: Any = None, keepdims: bool = False) -> np.ndarray:
    total = np.add.reduce(a, axis=axis, keepdims=keepdims)
    return total * (np.size(total) / np.size(a)) if np.size(a) else total


def _ref_max(a: np.ndarray, axis: Any = None, keepdims: bool = False) -> np.ndarray:
    return -np.minimum.reduce(-a, axis=axis, keepdims=keepdims)


def _ref_transpose(a: np.ndarray, axes: Any = None) -> np.ndarray:
    order = tuple(reversed(range(a.ndim))) if axes is None else tuple(axes)
    letters = "abcdefgh"[: a.ndim]
    return np.einsum(f"{letters}->{''.join(letters[i] for i in order)}", a)


# ================================================================== elementwise (task 3)

_BROADCAST_CASES = (
    Case(((3,), (3,))),
    Case(((2, 3), (3,))),
    Case(((3,), (2, 3))),
    Case(((2, 1), (1, 3))),
    Case(((), (2, 3))),
    Case(((4, 1, 3), (2, 1))),
)
_UNARY_CASES = (Case(((),)), Case(((5,),)), Case(((2, 3),)), Case(((2, 1, 3),)))


@register(
    "add",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.add(a, b),
    domains=("real", "real"),
    cases=_BROADCAST_CASES,
)
class Add(Function):
    """a + b, broadcast. d/da = 1, d/db = 1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Add.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Add.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "sub",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.add(a, np.negative(b)),
    domains=("real", "real"),
    cases=_BROADCAST_CASES,
)
class Sub(Function):
    """a - b, broadcast. d/da = 1, d/db = -1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Sub.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Sub.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "mul",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.multiply(a, b),
    domains=("real", "real"),
    cases=_BROADCAST_CASES,
)
class Mul(Function):
    """a * b, broadcast. d/da = b, d/db = a."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Mul.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Mul.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "div",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.multiply(a, np.reciprocal(b)),
    domains=("real", "nonzero"),
    cases=_BROADCAST_CASES,
)
class Div(Function):
    """a / b, broadcast. d/da = 1 / b, d/db = -a / b^2 = -(a / b) / b."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Div.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Div.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "neg",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.multiply(a, -1.0),
    domains=("real",),
    cases=_UNARY_CASES,
)
class Neg(Function):
    """-a. d/da = -1."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Neg.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Neg.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "pow",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.exp(b * np.log(a)),
    domains=("positive", "real"),
    cases=_BROADCAST_CASES,
)
class Pow(Function):
    """a ** b, broadcast; either may be a constant (``t ** 2``, ``2 ** t``).

    d/da = b a^(b-1); d/db = a^b ln a, defined for a > 0 (needed only when the exponent
    requires grad: ``x ** 3`` works for negative x).
    """

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Pow.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Pow.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "exp",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.power(np.e, a),
    domains=("real",),
    cases=_UNARY_CASES,
)
class Exp(Function):
    """e^a. d/da = e^a, the output itself."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Exp.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Exp.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "log",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.log2(a) * np.log(2.0),
    domains=("positive",),
    cases=_UNARY_CASES,
)
class Log(Function):
    """Natural logarithm ln a, for a > 0. d/da = 1 / a."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Log.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Log.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "relu",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.where(a > 0, a, 0.0),
    domains=("nonzero",),
    cases=_UNARY_CASES,
)
class ReLU(Function):
    """max(a, 0). d/da = 1 where a > 0, else 0 (0 at the kink, as PyTorch)."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · ReLU.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · ReLU.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "sigmoid",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=_ref_sigmoid,
    domains=("real",),
    cases=_UNARY_CASES,
)
class Sigmoid(Function):
    """s(a) = 1 / (1 + e^-a), without overflow. d/da = s (1 - s)."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Sigmoid.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Sigmoid.backward — see projects/p05_autograd/README.md#task-3')


@register(
    "tanh",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=_ref_tanh,
    domains=("real",),
    cases=_UNARY_CASES,
)
class Tanh(Function):
    """tanh a. d/da = 1 - tanh(a)^2."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Tanh.forward — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Tanh.backward — see projects/p05_autograd/README.md#task-3')


# ================================================================== matmul and reductions (task 4)


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


def _matmul_ref_cases() -> tuple[Case, ...]:
    return (
        Case(((2, 3), (3, 4))),
        Case(((3,), (3,))),
        Case(((3,), (3, 2))),
        Case(((2, 3), (3,))),
        Case(((2, 2, 3), (3, 4))),
        Case(((3,), (2, 3, 2))),
        Case(((2, 1, 2, 3), (3, 3, 2))),
    )


@register(
    "matmul",
    owner="p05",
    task=4,
    kind="matmul",
    reference=_ref_matmul,
    domains=("real", "real"),
    cases=_matmul_ref_cases(),
)
class MatMul(Function):
    """a @ b with NumPy's rules: 1-D operands are promoted to a row (a) or a column (b)
    and the added axis is removed afterwards; leading (batch) axes broadcast.

    (..., n, k) @ (..., k, m) -> (..., n, m); d/da = grad @ b^T, d/db = a^T @ grad.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · MatMul.forward — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · MatMul.backward — see projects/p05_autograd/README.md#task-4')


_REDUCE_CASES = (
    Case(((4,),)),
    Case(((2, 3),)),
    Case(((2, 3),), {"axis": 0}),
    Case(((2, 3),), {"axis": -1, "keepdims": True}),
    Case(((2, 3, 4),), {"axis": (0, 2)}),
    Case(((2, 3, 4),), {"axis": (2, 0), "keepdims": True}),
    Case(((),)),
)


@register(
    "sum",
    owner="p05",
    task=4,
    kind="reduce",
    reference=lambda a, axis=None, keepdims=False: np.add.reduce(a, axis=axis, keepdims=keepdims),
    domains=("real",),
    cases=_REDUCE_CASES,
)
class Sum(Function):
    """Sum over ``axis`` (None: all; an int or a tuple), keeping them as size 1 when
    ``keepdims``. Every summed entry gets the output's gradient: d/da_i = 1."""

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · Sum.forward — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · Sum.backward — see projects/p05_autograd/README.md#task-4')


@register(
    "mean",
    owner="p05",
    task=4,
    kind="reduce",
    reference=_ref_mean,
    domains=("real",),
    cases=_REDUCE_CASES,
)
class Mean(Function):
    """Mean over ``axis``, like ``sum``; each of the n averaged entries gets grad / n."""

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · Mean.forward — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · Mean.backward — see projects/p05_autograd/README.md#task-4')


@register(
    "max",
    owner="p05",
    task=4,
    kind="reduce",
    reference=_ref_max,
    domains=("distinct",),
    cases=_REDUCE_CASES,
)
class Max(Function):
    """Maximum over ``axis``, like ``sum``.

    The gradient goes to the entries equal to the maximum; when several entries tie,
    they share it equally (each gets grad / count), which keeps the total gradient equal
    to grad whatever the ties.
    """

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · Max.forward — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · Max.backward — see projects/p05_autograd/README.md#task-4')


# ================================================================== shapes and indexing (task 5)


@register(
    "reshape",
    owner="p05",
    task=5,
    kind="reshape",
    reference=lambda a, shape: np.reshape(a, shape),
    domains=("real",),
    cases=(
        Case(((2, 3),), {"shape": (3, 2)}),
        Case(((2, 3),), {"shape": (6,)}),
        Case(((6,),), {"shape": (1, 2, -1)}),
        Case(((),), {"shape": (1, 1)}),
        Case(((2, 3, 4),), {"shape": (4, -1)}),
    ),
)
class Reshape(Function):
    """The same entries in a new shape (one dimension may be -1). The gradient is the
    output's gradient read back in the input's shape."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · Reshape.forward — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · Reshape.backward — see projects/p05_autograd/README.md#task-5')


@register(
    "transpose",
    owner="p05",
    task=5,
    kind="transpose",
    reference=_ref_transpose,
    domains=("real",),
    cases=(
        Case(((2, 3),)),
        Case(((2, 3, 4),), {"axes": (1, 2, 0)}),
        Case(((2, 3, 4),), {"axes": (2, 0, 1)}),
        Case(((4,),)),
        Case(((2, 1, 3, 2),), {"axes": (3, 1, 0, 2)}),
    ),
)
class Transpose(Function):
    """Permute the axes: output axis i is input axis ``axes[i]`` (None: reverse them).
    The gradient is permuted back by the inverse permutation."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axes: tuple[int, ...] | None = None) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · Transpose.forward — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · Transpose.backward — see projects/p05_autograd/README.md#task-5')


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


@register(
    "getitem",
    owner="p05",
    task=5,
    kind="index",
    reference=lambda a, index: np.asarray(a)[index],
    domains=("real",),
    cases=(
        Case(((5,),), {"index": 2}),
        Case(((5,),), {"index": slice(1, None, 2)}),
        Case(((4, 3),), {"index": (slice(None), -1)}),
        Case(((4, 3),), {"index": np.array([0, 2, 0, 3])}),
        Case(((4, 3),), {"index": (np.array([1, 1, 3]), np.array([0, 0, 2]))}),
        Case(((3, 4),), {"index": (Ellipsis, None, slice(None, None, -1))}),
        Case(((2, 3),), {"index": np.array([[True, False, True], [False, True, True]])}),
    ),
)
class GetItem(Function):
    """``a[index]`` with NumPy's indexing: ints, slices (any step), None, ..., boolean
    masks and integer arrays. The gradient scatters back into zeros of the input's shape;
    an entry selected k times (repeated indices) receives the sum of its k gradients."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, index: Any) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · GetItem.forward — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · GetItem.backward — see projects/p05_autograd/README.md#task-5')


# ================================================================== functional aliases


def add(a: TensorLike, b: TensorLike) -> Tensor:
    """a + b, broadcast."""
    return Add.apply(a, b)


def sub(a: TensorLike, b: TensorLike) -> Tensor:
    """a - b, broadcast."""
    return Sub.apply(a, b)


def mul(a: TensorLike, b: TensorLike) -> Tensor:
    """a * b elementwise, broadcast."""
    return Mul.apply(a, b)


def div(a: TensorLike, b: TensorLike) -> Tensor:
    """a / b elementwise, broadcast."""
    return Div.apply(a, b)


def neg(a: TensorLike) -> Tensor:
    """-a."""
    return Neg.apply(a)


def pow(a: TensorLike, b: TensorLike) -> Tensor:
    """a ** b elementwise, broadcast."""
    return Pow.apply(a, b)


def exp(a: TensorLike) -> Tensor:
    """e ** a elementwise."""
    return Exp.apply(a)


def log(a: TensorLike) -> Tensor:
    """Natural logarithm, elementwise (a > 0)."""
    return Log.apply(a)


def relu(a: TensorLike) -> Tensor:
    """max(a, 0) elementwise."""
    return ReLU.apply(a)


def sigmoid(a: TensorLike) -> Tensor:
    """1 / (1 + e^-a) elementwise, without overflow."""
    return Sigmoid.apply(a)


def tanh(a: TensorLike) -> Tensor:
    """Hyperbolic tangent, elementwise."""
    return Tanh.apply(a)


def matmul(a: TensorLike, b: TensorLike) -> Tensor:
    """Matrix product a @ b: (..., n, k) @ (..., k, m) -> (..., n, m); 1-D as in NumPy."""
    return MatMul.apply(a, b)


def sum(a: TensorLike, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Sum over ``axis`` (None: every axis)."""
    return Sum.apply(a, axis=axis, keepdims=keepdims)


def mean(
    a: TensorLike, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> Tensor:
    """Mean over ``axis`` (None: every axis)."""
    return Mean.apply(a, axis=axis, keepdims=keepdims)


def max(a: TensorLike, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
    """Maximum over ``axis`` (None: every axis); ties share the gradient equally."""
    return Max.apply(a, axis=axis, keepdims=keepdims)


def reshape(a: TensorLike, shape: tuple[int, ...]) -> Tensor:
    """The entries of ``a`` in ``shape`` (one entry may be -1)."""
    return Reshape.apply(a, shape=tuple(shape))


def transpose(a: TensorLike, axes: tuple[int, ...] | None = None) -> Tensor:
    """Permute the axes (None: reverse them), as ``np.transpose``."""
    return Transpose.apply(a, axes=None if axes is None else tuple(axes))


def getitem(a: TensorLike, index: Any) -> Tensor:
    """``a[index]``; Tensors inside ``index`` are used through their data."""
    if isinstance(index, tuple):
        index = tuple(i.data if isinstance(i, Tensor) else i for i in index)
    elif isinstance(index, Tensor):
        index = index.data
    elif isinstance(index, list):
        index = np.asarray(index)  # a list is an integer (or boolean) array index
    return GetItem.apply(a, index=index)


# ======================================================================= linear layer (P06)
#
# A layer computes x @ W.T + b. Written with P05's ops that is three graph nodes (a
# transpose, a matmul, a broadcast add) and a gradient for W that arrives transposed. One
# fused node does the same arithmetic with the three gradients derived once, in the
# layout of each input (W is stored (out, in), as PyTorch stores it):
#
#     y = x @ W.T + b          x (..., in), W (out, in), b (out,)  ->  y (..., out)
#     dx = g @ W               dW = g.T @ x  (summed over all batch axes)     db = Σ g


def _ref_linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    # einsum, not @: written differently from the op it checks.
    return np.einsum("...i,oi->...o", x, weight) + bias


@register(
    "linear",
    owner="p06",
    task=3,
    kind="linear",
    reference=_ref_linear,
    domains=("real", "real", "real"),
    cases=(
        Case(((4, 3), (2, 3), (2,))),
        Case(((3,), (2, 3), (2,))),
        Case(((2, 4, 3), (5, 3), (5,))),
        Case(((1, 1), (1, 1), (1,))),
    ),
)
class Linear(Function):
    """x @ weight.T + bias in one node: x (..., in), weight (out, in), bias (out,) ->
    (..., out). d/dx = g @ W, d/dW = g^T x over every batch row, d/db = sum of g."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P06 Task 3 · Linear.forward — see projects/p06_fraud_mlp/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 3 · Linear.backward — see projects/p06_fraud_mlp/README.md#task-3')


def linear(x: TensorLike, weight: TensorLike, bias: TensorLike = None) -> Tensor:
    """x @ weight.T + bias: x (..., in), weight (out, in), bias (out,) or None."""
    if bias is None:
        return matmul(x, transpose(weight))
    return Linear.apply(x, weight, bias)


__all__ += ["linear"]


# ============================================================ weighted binary cross-entropy (P06)
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


def _ref_bce_with_logits(
    logits: np.ndarray, target: np.ndarray, pos_weight: float | None = None
) -> np.ndarray:
    # -log σ(z) = log(1 + e^-z) = logaddexp(0, -z); -log(1 - σ(z)) = logaddexp(0, z).
    weight = 1.0 if pos_weight is None else pos_weight
    per_element = weight * target * np.logaddexp(0.0, -logits) + (1.0 - target) * np.logaddexp(
        0.0, logits
    )
    return np.asarray(np.add.reduce(per_element, axis=None) / np.size(per_element))


def _sample_binary_targets(
    rng: np.random.Generator, shapes: tuple[tuple[int, ...], ...]
) -> dict[str, np.ndarray]:
    """0/1 float64 targets of the logits' shape, for the generic registry test."""
    return {"target": (rng.random(shapes[0]) < 0.5).astype(np.float64)}


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


@register(
    "binary_cross_entropy_with_logits",
    owner="p06",
    task=5,
    kind="loss",
    reference=_ref_bce_with_logits,
    domains=("real",),
    cases=(
        Case(((6,),)),
        Case(((5,),), {"pos_weight": 3.0}),
        Case(((4, 3),)),
        Case(((1,),), {"pos_weight": 0.5}),
    ),
    sample_params=_sample_binary_targets,
)
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
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogits.forward — see projects/p06_fraud_mlp/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogits.backward — see projects/p06_fraud_mlp/README.md#task-5')


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


__all__ += ["binary_cross_entropy_with_logits"]


# ============================================================= softmax and cross-entropy (P08)
#
# A classifier's network ends in one score (logit) per class. Softmax turns a row of
# scores into probabilities; cross-entropy charges the model -log(probability of the true
# class). Both exponentiate, so both subtract the row's maximum first: softmax(z) equals
# softmax(z - c) for any constant c, and with c = max(z) the largest exponent is e^0 = 1,
# so nothing overflows and at least one term of the sum is 1, so nothing underflows to 0.


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


def _ref_log_softmax(a: np.ndarray, axis: int = -1) -> np.ndarray:
    return a - np.logaddexp.reduce(a, axis=axis, keepdims=True)


def _ref_softmax(a: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.exp(_ref_log_softmax(a, axis))


def _ref_cross_entropy(a: np.ndarray, target: np.ndarray) -> np.ndarray:
    picked = np.take_along_axis(_ref_log_softmax(a, 1), np.asarray(target)[:, None], axis=1)
    return np.asarray(-np.add.reduce(picked[:, 0]) / len(picked))


def _sample_labels(
    rng: np.random.Generator, shapes: tuple[tuple[int, ...], ...]
) -> dict[str, np.ndarray]:
    """Class labels matching sampled logits of shape (N, C): ``{"target": (N,) int64}``."""
    n, c = shapes[0]
    return {"target": rng.integers(0, c, size=n)}


_AXIS_CASES = (
    Case(((5,),)),
    Case(((2, 3),)),
    Case(((2, 3),), {"axis": 0}),
    Case(((2, 3, 4),), {"axis": 1}),
    Case(((3, 1),)),
    Case(((2, 1, 3),), {"axis": -3}),
)


@register(
    "softmax",
    owner="p08",
    task=1,
    kind="axis",
    reference=_ref_softmax,
    domains=("real",),
    cases=_AXIS_CASES,
)
class Softmax(Function):
    """softmax(a)_i = e^(a_i) / sum_j e^(a_j) along ``axis``: positive, summing to 1.

    Stable: computed from a - max(a). Backward (the Jacobian-vector product of
    ds_i/da_j = s_i (delta_ij - s_j)): grad_a = s * (g - sum(g * s)).
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · Softmax.forward — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · Softmax.backward — see projects/p08_mnist/README.md#task-1')


@register(
    "log_softmax",
    owner="p08",
    task=1,
    kind="axis",
    reference=_ref_log_softmax,
    domains=("real",),
    cases=_AXIS_CASES,
)
class LogSoftmax(Function):
    """log softmax(a) = a - logsumexp(a) along ``axis``, with
    logsumexp(a) = m + log(sum e^(a - m)), m = max(a): never overflows, never log(0).

    Backward: grad_a = g - softmax(a) * sum(g).
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · LogSoftmax.forward — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · LogSoftmax.backward — see projects/p08_mnist/README.md#task-1')


@register(
    "cross_entropy",
    owner="p08",
    task=2,
    kind="loss",
    reference=_ref_cross_entropy,
    domains=("real",),
    cases=(
        Case(((4, 3),)),
        Case(((1, 5),)),
        Case(((6, 2),)),
        Case(((3, 10),)),
    ),
    sample_params=_sample_labels,
)
class CrossEntropy(Function):
    """Mean cross-entropy of logits (N, C) against integer labels (N,) in [0, C):

        L = -(1/N) sum_n log softmax(a_n)[y_n]  (a scalar).

    Fused: dL/da = (softmax(a) - onehot(y)) / N, computed in the forward pass from the
    same exponentials and saved, so backward is one multiplication.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, target: Any = None) -> np.ndarray:
        raise NotImplementedError('P08 Task 2 · CrossEntropy.forward — see projects/p08_mnist/README.md#task-2')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 2 · CrossEntropy.backward — see projects/p08_mnist/README.md#task-2')


def softmax(a: TensorLike, axis: int = -1) -> Tensor:
    """Softmax along ``axis``: same shape as ``a``, each slice positive and summing to 1."""
    return Softmax.apply(a, axis=axis)


def log_softmax(a: TensorLike, axis: int = -1) -> Tensor:
    """log(softmax(a)) along ``axis``, computed stably (log-sum-exp); same shape as ``a``."""
    return LogSoftmax.apply(a, axis=axis)


def cross_entropy(logits: TensorLike, target: Any) -> Tensor:
    """Mean cross-entropy: logits (N, C) scores, target (N,) integer labels in [0, C).

    Returns a scalar Tensor; its gradient with respect to the logits is
    (softmax(logits) - onehot(target)) / N.
    """
    if isinstance(target, Tensor):
        target = target.data
    return CrossEntropy.apply(logits, target=target)


__all__ += ["cross_entropy", "log_softmax", "softmax"]
