"""Differentiable operations on Tensors, and the registry of them.

Each op is a small ``Function`` subclass (see ``shared.tensor``) holding its forward and
its backward side by side, registered once with ``@register``, and called through a
functional alias (``add(a, b)``) or a Tensor operator (``a + b``): both reach the same
registered class, so there is exactly one implementation to get right.

    @register("exp")
    class Exp(Function):
        @staticmethod
        def forward(ctx, a):            # arrays in, array out
            ...
        @staticmethod
        def backward(ctx, grad_out):    # dL/d(out) in, one dL/d(input) per input out
            ...

    def exp(a: TensorLike) -> Tensor:
        return Exp.apply(a)

The course's generic checks walk the registry and test every op the same way, against
an independent NumPy reference, input domains and shape cases that belong to the grader
(``m2m/opspecs.py``), not to this file. An op that is defined here but not registered
fails those checks.

Ops of P05: ``add sub mul div neg pow`` (elementwise, broadcasting), ``exp log relu
sigmoid tanh``, ``matmul``, ``sum mean max`` (over axes, with ``keepdims``), ``reshape
transpose getitem``. Later projects register theirs here too (softmax and cross-entropy in
P08, conv2d and max-pool in P09, embedding and concatenation in P10).

Broadcasting. NumPy stretches size-1 (or missing) dimensions in the forward pass; the
backward pass must undo it: an input copied along an axis received a gradient from every
copy, so its gradient is the *sum* over that axis (``unbroadcast``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own go between these two lines: the grader keeps
# them. Everything else outside the stubs you fill is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "NOT_OPS",
    "REGISTRY",
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


#: The registry: op name -> its Function subclass. Filled by ``@register`` when this
#: module is imported.
REGISTRY: dict[str, type[Function]] = {}

#: Public names of this module that are not ops (everything else in __all__ is one).
NOT_OPS = frozenset({"NOT_OPS", "REGISTRY", "register", "unbroadcast"})


def register(name: str) -> Callable[[type[Function]], type[Function]]:
    """Class decorator: add a Function subclass to ``REGISTRY`` under ``name``.

    Every op is registered exactly once, under the name of its functional alias; the
    course's generic checks find every op here and test it against the grader's own
    reference (``m2m/opspecs.py``). TypeError / ValueError for a non-Function or a name
    registered twice.
    """

    def decorate(cls: type[Function]) -> type[Function]:
        if not (isinstance(cls, type) and issubclass(cls, Function)):
            raise TypeError(f"register({name!r}): expected a Function subclass, got {cls!r}")
        if name in REGISTRY:
            raise ValueError(f"register: an op named {name!r} is already registered")
        cls.name = name
        REGISTRY[name] = cls
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
    raise NotImplementedError('P05 Task 3 · unbroadcast (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


# ================================================================== elementwise (task 3)


@register("add")
class Add(Function):
    """a + b, broadcast. d/da = 1, d/db = 1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Add.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Add.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("sub")
class Sub(Function):
    """a - b, broadcast. d/da = 1, d/db = -1."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Sub.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Sub.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("mul")
class Mul(Function):
    """a * b, broadcast. d/da = b, d/db = a."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Mul.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Mul.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("div")
class Div(Function):
    """a / b, broadcast. d/da = 1 / b, d/db = -a / b^2 = -(a / b) / b."""

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Div.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Div.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("neg")
class Neg(Function):
    """-a. d/da = -1."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Neg.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Neg.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("pow")
class Pow(Function):
    """a ** b, broadcast; either may be a constant (``t ** 2``, ``2 ** t``).

    d/da = b a^(b-1); d/db = a^b ln a, defined for a > 0 (needed only when the exponent
    requires grad: ``x ** 3`` works for negative x).
    """

    broadcasts = True

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Pow.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Pow.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("exp")
class Exp(Function):
    """e^a. d/da = e^a, the output itself."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Exp.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Exp.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("log")
class Log(Function):
    """Natural logarithm ln a, for a > 0. d/da = 1 / a."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Log.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Log.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("relu")
class ReLU(Function):
    """max(a, 0). d/da = 1 where a > 0, else 0 (0 at the kink, as PyTorch)."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · ReLU.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · ReLU.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("sigmoid")
class Sigmoid(Function):
    """s(a) = 1 / (1 + e^-a), without overflow. d/da = s (1 - s)."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Sigmoid.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Sigmoid.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


@register("tanh")
class Tanh(Function):
    """tanh a. d/da = 1 - tanh(a)^2."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 3 · Tanh.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 3 · Tanh.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-3')


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


@register("matmul")
class MatMul(Function):
    """a @ b with NumPy's rules: 1-D operands are promoted to a row (a) or a column (b)
    and the added axis is removed afterwards; leading (batch) axes broadcast.

    (..., n, k) @ (..., k, m) -> (..., n, m); d/da = grad @ b^T, d/db = a^T @ grad.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · MatMul.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · MatMul.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')


@register("sum")
class Sum(Function):
    """Sum over ``axis`` (None: all; an int or a tuple), keeping them as size 1 when
    ``keepdims``. Every summed entry gets the output's gradient: d/da_i = 1."""

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · Sum.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · Sum.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')


@register("mean")
class Mean(Function):
    """Mean over ``axis``, like ``sum``; each of the n averaged entries gets grad / n."""

    @staticmethod
    def forward(
        ctx: Context, a: np.ndarray, axis: int | tuple[int, ...] | None = None, keepdims=False
    ) -> np.ndarray:
        raise NotImplementedError('P05 Task 4 · Mean.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · Mean.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')


@register("max")
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
        raise NotImplementedError('P05 Task 4 · Max.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 4 · Max.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-4')


# ================================================================== shapes and indexing (task 5)


@register("reshape")
class Reshape(Function):
    """The same entries in a new shape (one dimension may be -1). The gradient is the
    output's gradient read back in the input's shape."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · Reshape.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · Reshape.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-5')


@register("transpose")
class Transpose(Function):
    """Permute the axes: output axis i is input axis ``axes[i]`` (None: reverse them).
    The gradient is permuted back by the inverse permutation."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axes: tuple[int, ...] | None = None) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · Transpose.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · Transpose.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-5')


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
class GetItem(Function):
    """``a[index]`` with NumPy's indexing: ints, slices (any step), None, ..., boolean
    masks and integer arrays. The gradient scatters back into zeros of the input's shape;
    an entry selected k times (repeated indices) receives the sum of its k gradients."""

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, index: Any) -> np.ndarray:
        raise NotImplementedError('P05 Task 5 · GetItem.forward (shared/functional.py) — see projects/p05_autograd/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P05 Task 5 · GetItem.backward (shared/functional.py) — see projects/p05_autograd/README.md#task-5')


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


@register("linear")
class Linear(Function):
    """x @ weight.T + bias in one node: x (..., in), weight (out, in), bias (out,) ->
    (..., out). d/dx = g @ W, d/dW = g^T x over every batch row, d/db = sum of g."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P06 Task 3 · Linear.forward (shared/functional.py) — see projects/p06_fraud_mlp/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 3 · Linear.backward (shared/functional.py) — see projects/p06_fraud_mlp/README.md#task-3')


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


@register("binary_cross_entropy_with_logits")
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
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogits.forward (shared/functional.py) — see projects/p06_fraud_mlp/README.md#task-5')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 5 · BinaryCrossEntropyWithLogits.backward (shared/functional.py) — see projects/p06_fraud_mlp/README.md#task-5')


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


@register("softmax")
class Softmax(Function):
    """softmax(a)_i = e^(a_i) / sum_j e^(a_j) along ``axis``: positive, summing to 1.

    Stable: computed from a - max(a). Backward (the Jacobian-vector product of
    ds_i/da_j = s_i (delta_ij - s_j)): grad_a = s * (g - sum(g * s)).
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · Softmax.forward (shared/functional.py) — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · Softmax.backward (shared/functional.py) — see projects/p08_mnist/README.md#task-1')


@register("log_softmax")
class LogSoftmax(Function):
    """log softmax(a) = a - logsumexp(a) along ``axis``, with
    logsumexp(a) = m + log(sum e^(a - m)), m = max(a): never overflows, never log(0).

    Backward: grad_a = g - softmax(a) * sum(g).
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, axis: int = -1) -> np.ndarray:
        raise NotImplementedError('P08 Task 1 · LogSoftmax.forward (shared/functional.py) — see projects/p08_mnist/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 1 · LogSoftmax.backward (shared/functional.py) — see projects/p08_mnist/README.md#task-1')


@register("cross_entropy")
class CrossEntropy(Function):
    """Mean cross-entropy of logits (N, C) against integer labels (N,) in [0, C):

        L = -(1/N) sum_n log softmax(a_n)[y_n]  (a scalar).

    Fused: dL/da = (softmax(a) - onehot(y)) / N, computed in the forward pass from the
    same exponentials and saved, so backward is one multiplication.
    """

    @staticmethod
    def forward(ctx: Context, a: np.ndarray, target: Any = None) -> np.ndarray:
        raise NotImplementedError('P08 Task 2 · CrossEntropy.forward (shared/functional.py) — see projects/p08_mnist/README.md#task-2')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P08 Task 2 · CrossEntropy.backward (shared/functional.py) — see projects/p08_mnist/README.md#task-2')


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
