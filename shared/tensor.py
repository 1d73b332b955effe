"""The Tensor: a NumPy array that remembers how it was computed, and reverse-mode autograd.

A ``Tensor`` wraps one NumPy array (``.data``). When it requires a gradient, every
operation applied to it records a node of a computation graph: the operation and the
tensors it was applied to. ``loss.backward()`` then walks that graph once, from the loss
back to the leaves, applying the chain rule at each node (reverse-mode differentiation).

    w = Tensor([[0.5], [-1.0]], requires_grad=True)    # a leaf: made by you, not by an op
    x = Tensor([[1.0, 2.0], [3.0, 4.0]])
    loss = ((x @ w).tanh() ** 2).mean()                 # four ops, four graph nodes
    loss.backward()                                     # fills w.grad, shape (2, 1)

What lives here (P05):

- ``Tensor``: construction and dtype rules, properties, operator overloads (each calls one
  registered op of ``shared.functional``), ``backward``, ``detach``, ``retain_grad``.
- ``Function`` and ``Context``: the contract every differentiable op follows. An op is a
  ``Function`` subclass with ``forward(ctx, *arrays, **params) -> array`` and
  ``backward(ctx, grad_out) -> one gradient per input``; ``Function.apply`` runs the forward
  pass on the inputs' arrays and records the node when a gradient is needed. The ops
  themselves, and their registry, live in ``shared.functional``.
- ``no_grad``: a context manager under which no graph is recorded (evaluation, updates).

Dtypes. Python numbers and lists become float32 (the course's default precision); a NumPy
array keeps its dtype, so float64 stays float64 (gradient checks need it). Integer and
boolean arrays are allowed, as indices and masks, but cannot require a gradient. Binary
operations follow NumPy's promotion rules (float32 with float64 gives float64). A Tensor
built from a NumPy array shares its memory: no copy is made.

Semantics of ``backward`` (the same as PyTorch's):

- Gradients **accumulate**: each call adds into ``.grad`` of the leaves, so two backward
  calls through two graphs leave the sum. Clear them between steps (``zero_grad``).
- Only leaves (and tensors that called ``retain_grad()``) keep a ``.grad``; the gradients
  of intermediate tensors are dropped as soon as they have been propagated.
- After ``backward`` the buffers the graph saved for it are freed, and a second backward
  through the same graph raises ``RuntimeError``; pass ``retain_graph=True`` to the first
  call to backpropagate through a graph twice.
- Ops save their inputs' arrays, not copies, and reshape, transpose and basic indexing
  return views as NumPy does: change ``.data`` in place (a parameter update) only after
  the backward pass that uses it, as every training loop does.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, ClassVar, NamedTuple, TypeVar

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "Context",
    "Function",
    "Tensor",
    "TensorLike",
    "ValuesIndices",
    "as_array",
    "as_tensor",
    "check_device",
    "is_grad_enabled",
    "no_grad",
]

#: What the ops accept as an operand: a Tensor, a NumPy array, a Python number or list.
TensorLike = Any

DEFAULT_DTYPE = np.float32

_Fn = TypeVar("_Fn", bound=Callable[..., Any])


# ------------------------------------------------------------------ gradient mode


class _GradMode:
    """The global switch read by ``Function.apply``: record graphs or not."""

    enabled: bool = True


def is_grad_enabled() -> bool:
    """True unless the code runs inside ``no_grad()``."""
    return _GradMode.enabled


class no_grad:
    """Context manager (and decorator) that turns graph recording off.

    Inside ``with no_grad():`` every op returns a tensor with ``requires_grad=False`` and
    no graph node, whatever its inputs: use it for evaluation and for parameter updates.
    On exit the previous mode is restored, so blocks nest, and an exception inside the
    block leaves the mode as it was before. One object may even be entered again while
    it is active (``ng = no_grad()``, then ``with ng:`` inside ``with ng:``): each
    ``__exit__`` restores the mode that its own ``__enter__`` found, last in, first out,
    which is what the given list ``_saved`` is for.
    """

    def __init__(self) -> None:
        self._saved: list[bool] = []  # the mode found by each __enter__ not yet exited

    def __enter__(self) -> no_grad:
        raise NotImplementedError('P05 Task 2 · no_grad.__enter__ (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')
        return self

    def __exit__(self, *exc_info: object) -> None:
        raise NotImplementedError('P05 Task 2 · no_grad.__exit__ (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')

    def __call__(self, function: _Fn) -> _Fn:
        """Use as a decorator: the function runs with graph recording off."""

        @wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with no_grad():
                return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


# ------------------------------------------------------------------ dtype rules


def _to_array(data: TensorLike, dtype: Any = None) -> np.ndarray:
    """The array a Tensor wraps: see the dtype rules in the module docstring."""
    if isinstance(data, Tensor):
        data = data.data
    if dtype is not None:
        array = np.asarray(data, dtype=dtype)
    elif isinstance(data, np.ndarray | np.generic):
        array = np.asarray(data)  # keeps the dtype, shares the memory
    else:
        array = np.asarray(data)
        if array.dtype.kind in "fiu":  # Python numbers and lists: the default float
            array = array.astype(DEFAULT_DTYPE)
    if array.dtype.kind not in "fiub":
        raise TypeError(
            f"Tensor: expected numbers (a float, integer or bool array), got dtype {array.dtype}"
        )
    return array


def _operand(x: TensorLike) -> Tensor | float | int | np.ndarray:
    """An op's input: Tensors and Python scalars as they are, anything else as an array.

    Python scalars stay scalars: NumPy treats them as "weak", so ``t * 2.0`` keeps
    ``t``'s dtype, and no Tensor has to be built for a constant.
    """
    if isinstance(x, Tensor | int | float) and not isinstance(x, bool):
        return x
    return _to_array(x)


# ------------------------------------------------------------------ graph nodes


class Context:
    """What one application of an op remembers for its backward pass.

    The engine sets ``op`` (the Function subclass), ``parents`` (the input tensors, or
    None for a constant input) and ``needs_input_grad`` (one bool per input: whether
    backward must return a gradient for it). An op's ``forward`` stores what its backward
    needs as plain attributes (``ctx.a = a``), and only when ``needs_input_grad`` says it
    will be needed. After backward the engine calls ``release()``, which drops them.
    """

    __slots__ = ("op", "parents", "needs_input_grad", "freed", "__dict__")

    def __init__(
        self,
        op: type[Function],
        parents: tuple[Tensor | None, ...],
        needs_input_grad: tuple[bool, ...],
    ) -> None:
        self.op = op
        self.parents = parents
        self.needs_input_grad = needs_input_grad
        self.freed = False

    def release(self) -> None:
        """Drop every buffer the forward pass saved; mark the node as freed."""
        self.__dict__.clear()
        self.freed = True


class Function:
    """Base class of every differentiable op (see ``shared.functional``).

    A subclass implements two static methods on NumPy arrays:

    - ``forward(ctx, *inputs, **params) -> ndarray``: the value. Inputs are the arrays of
      the Tensor operands, or Python scalars; ``params`` are non-differentiable settings
      (an axis, a shape, an index).
    - ``backward(ctx, grad_out) -> tuple``: given dL/d(output), of the output's shape,
      return dL/d(input) for every input, each of that input's shape (None where
      ``ctx.needs_input_grad`` is False). It must not modify ``grad_out`` in place.

    ``apply(*inputs, **params)`` runs forward and returns a Tensor; registered ops are
    called through it by their functional alias (``add(a, b)``) and by the Tensor
    operators (``a + b``).
    """

    #: Registry name; ``shared.functional.register`` sets it.
    name: ClassVar[str] = ""
    #: Elementwise binary ops set this: a shape error is then reported as a broadcast error.
    broadcasts: ClassVar[bool] = False

    @staticmethod
    def forward(ctx: Context, *inputs: Any, **params: Any) -> np.ndarray:
        raise NotImplementedError  # every op overrides it

    @staticmethod
    def backward(ctx: Context, grad_out: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError  # every op overrides it

    @classmethod
    def apply(cls, *inputs: TensorLike, **params: Any) -> Tensor:
        """Run the op on Tensors (or constants) and record its graph node when needed."""
        arrays: list[Any] = []
        parents: list[Tensor | None] = []
        needs: list[bool] = []
        for x in inputs:  # one pass: this loop runs for every op of every step
            if isinstance(x, Tensor):
                arrays.append(x.data)
                parents.append(x)
                needs.append(x.requires_grad)
            else:
                arrays.append(_operand(x))
                parents.append(None)
                needs.append(False)
        track = _GradMode.enabled and True in needs
        ctx = Context(cls, tuple(parents), tuple(needs) if track else (False,) * len(needs))
        try:
            data = cls.forward(ctx, *arrays, **params)
        except ValueError:
            if cls.broadcasts:
                _check_broadcast(cls.name or cls.__name__, arrays)
            raise
        out = Tensor.__new__(Tensor)
        # NumPy returns a scalar instead of a 0-d array for 0-d operations.
        out.data = data if type(data) is np.ndarray else np.asarray(data)
        out.grad = None
        out.requires_grad = track
        out._ctx = ctx if track else None
        out._retains_grad = False
        out.name = None
        return out


def _check_broadcast(name: str, arrays: Sequence[Any]) -> None:
    """Raise a ValueError naming every shape when the operands do not broadcast."""
    shapes = [np.shape(a) for a in arrays]
    try:
        np.broadcast_shapes(*shapes)
    except ValueError:
        listed = " and ".join(str(s) for s in shapes)
        raise ValueError(
            f"{name}: shapes {listed} do not broadcast (aligned from the right, each pair "
            "of dimensions must be equal or contain a 1)"
        ) from None


# ------------------------------------------------------------------ reductions

_REDUCTION_DOCS = {
    "sum": "The sum over ``dim`` (an int, a tuple, or None for every axis).",
    "mean": "The mean over ``dim`` (an int, a tuple, or None for every axis).",
    "amax": (
        "The maxima over ``dim`` (an int, a tuple, or None for every axis), a Tensor; ties "
        "share the gradient equally (PyTorch's ``amax``)."
    ),
    "amin": (
        "The minima over ``dim``, a Tensor: min(t) = -max(-t), so the gradient comes from "
        "the course's ``max`` op."
    ),
    "max": (
        "The largest value, with PyTorch's rule. ``t.max()``: the overall maximum, a 0-d "
        "Tensor (ties share the gradient). ``t.max(1)``, ``t.max(dim=1)`` or "
        "``t.max(axis=1)`` (``axis`` is NumPy's spelling of the same argument: the same "
        "call): the named pair ``(values, indices)`` along that one dimension, ``values`` "
        "differentiable, ``indices`` int64, the first maximum of each slice. For the values "
        "alone (over one axis or several) use ``t.amax(dim)``."
    ),
    "min": (
        "The smallest value, with ``max``'s rule: a Tensor without a dimension, the named "
        "pair ``(values, indices)`` with one; ``t.amin(dim)`` for the values alone."
    ),
}


def _reduction(name: str, reduce: Callable[[Tensor, Any, bool], Any]) -> Callable[..., Any]:
    """The Tensor method ``name``: ``t.name(dim=None, keepdim=False, *, axis=None,
    keepdims=None)``, PyTorch's and NumPy's spellings (not both), handed to ``reduce(t,
    axis, keepdims)``. ``keepdim``/``keepdims`` keep the reduced axes as size 1."""

    def method(
        self: Tensor,
        dim: int | tuple[int, ...] | None = None,
        keepdim: bool = False,
        *,
        axis: int | tuple[int, ...] | None = None,
        keepdims: bool | None = None,
    ) -> Any:
        axis, keepdims = _reduction_args(name, dim, keepdim, axis, keepdims)
        return reduce(self, axis, keepdims)

    method.__name__, method.__qualname__ = name, f"Tensor.{name}"
    method.__doc__ = _REDUCTION_DOCS[name]
    return method


# ------------------------------------------------------------------ the Tensor


def _operator(op: str, swapped: bool = False) -> Callable[[Tensor, TensorLike], Tensor]:
    """The method of a binary operator: the registered op ``op`` of ``shared.functional``
    on (self, other); ``swapped``, the reflected one on (other, self), which Python calls
    for ``2 - t``. The op is looked up at call time: the ops module imports this one."""

    def method(self: Tensor, other: TensorLike) -> Tensor:
        fn = getattr(_F, op)
        return fn(other, self) if swapped else fn(self, other)

    method.__name__ = f"__r{op}__" if swapped else f"__{op}__"
    return method


class Tensor:
    """An n-dimensional array with an optional gradient and the graph that produced it.

    Inputs:
      data: a NumPy array (its dtype is kept and its memory shared), a Python number or a
        nested list (float32), or another Tensor (its data, without the graph).
      requires_grad: record operations on this tensor so that ``backward`` can fill
        ``.grad``; only floating-point tensors can require a gradient (TypeError).
      dtype: convert to this dtype first (e.g. ``np.float64`` for gradient checks).
      name: an optional label, shown by ``repr`` and by graph drawings.

    Attributes: ``data`` (the ndarray), ``grad`` (None, or an ndarray of ``data``'s
    shape and dtype), ``requires_grad`` (bool), ``name``.
    """

    __slots__ = ("data", "grad", "requires_grad", "_ctx", "_retains_grad", "name")

    # NumPy must hand `ndarray + Tensor` to Tensor.__radd__ instead of looping over it.
    __array_ufunc__ = None

    def __init__(
        self,
        data: TensorLike,
        requires_grad: bool = False,
        *,
        dtype: Any = None,
        name: str | None = None,
    ) -> None:
        self.data = _to_array(data, dtype)
        self.grad: np.ndarray | None = None
        self.requires_grad = False
        self._ctx: Context | None = None
        self._retains_grad = False
        self.name = name
        if requires_grad:
            self.requires_grad_(True)

    # ---------------------------------------------------------------- array facts

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> _Size:
        """PyTorch's method: ``t.size()`` is the shape (a tuple), ``t.size(d)`` the length
        of dimension d (an int); ``t.numel()`` is the number of elements.

        ``t.size`` once was that number, NumPy's meaning. For one release, code that still
        uses ``t.size`` as a number (``int(t.size)``, ``t.size == 6``, arithmetic, an
        index) gets the element count with a DeprecationWarning naming ``t.numel()``, so
        the answer is never silently wrong; the next release makes ``size`` a plain method.
        """
        return _Size(self.data.size, self.data.shape)

    def __len__(self) -> int:
        return len(self.data)

    def item(self) -> float | int | bool:
        """The value of a one-element tensor as a Python number."""
        if self.data.size != 1:
            raise ValueError(
                f"item: only a one-element tensor has a single value, this one has shape "
                f"{self.shape}"
            )
        return self.data.item()

    def numpy(self) -> np.ndarray:
        """The wrapped array itself (no copy; the graph is not involved)."""
        return self.data

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        # np.asarray(t), plt.plot(t): the values, without the graph.
        if dtype is None or np.dtype(dtype) == self.data.dtype:
            return self.data.copy() if copy else self.data
        return self.data.astype(dtype)

    def __repr__(self) -> str:
        def text(a: np.ndarray) -> str:
            return np.array2string(a, precision=4, separator=", ", threshold=20, edgeitems=2)

        parts = [f"data={text(self.data)}"]
        if self.requires_grad:
            parts.append("grad=None" if self.grad is None else f"grad={text(self.grad)}")
        if self._ctx is not None:
            parts.append(f"op={self._ctx.op.name!r}")
        elif self.requires_grad:
            parts.append("requires_grad=True")
        if self.data.dtype != DEFAULT_DTYPE:
            parts.append(f"dtype={self.data.dtype}")
        if self.name is not None:
            parts.append(f"name={self.name!r}")
        return f"Tensor({', '.join(parts)})"

    # ---------------------------------------------------------------- the graph

    @property
    def is_leaf(self) -> bool:
        """True for a tensor made by the user (or detached), False for an op's output
        that is part of a recorded graph."""
        return self._ctx is None

    @property
    def op(self) -> str | None:
        """Name of the registered op that produced this tensor (None for a leaf)."""
        return None if self._ctx is None else self._ctx.op.name

    @property
    def parents(self) -> tuple[Tensor, ...]:
        """The tensors this one was computed from (constants left out); () for a leaf."""
        if self._ctx is None:
            return ()
        return tuple(p for p in self._ctx.parents if p is not None)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        """Set ``requires_grad`` in place and return self.

        Only a leaf's flag can be changed (an op's output gets it from its inputs):
        RuntimeError for an op's output, naming the op (use ``detach()``), even when the
        flag asked for is the one it already has. Only a
        floating-point tensor can require a gradient: TypeError naming the dtype; TypeError
        too when ``requires_grad`` is not a bool.
        """
        raise NotImplementedError('P05 Task 2 · Tensor.requires_grad_ (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')

    def retain_grad(self) -> Tensor:
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward (leaves always
        keep theirs, so on a leaf that requires grad it changes nothing). Returns self.
        RuntimeError when the tensor does not require grad: it will never receive one."""
        raise NotImplementedError('P05 Task 2 · Tensor.retain_grad (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')

    def detach(self) -> Tensor:
        """A new leaf sharing this tensor's data, cut from the graph: no gradient flows
        through it, and ``requires_grad`` is False."""
        raise NotImplementedError('P05 Task 2 · Tensor.detach (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (``grad = None``)."""
        self.grad = None

    def backward(self, grad: TensorLike = None, *, retain_graph: bool = False) -> None:
        """Backpropagate: add d(self)/d(leaf) times ``grad`` into every leaf's ``.grad``.

        Inputs:
          grad: dL/d(self), of self's shape. It may be left out only when self has one
            element (a loss): it is then 1.
          retain_graph: keep the graph's saved buffers so that backward can run through
            it again; by default they are freed.

        The graph is walked once, in reverse topological order (iteratively, so graphs
        of any depth work): a node is processed only after every node that uses it, so
        its gradient is complete, the sum over all its uses, before it is passed on.

        The walk, with a dictionary of pending gradients keyed by tensor: start from
        ``_seed_gradient(self, grad)``; for each node of
        ``reversed(_topological_order(self))``, take its pending gradient (none: skip
        the node); a leaf, or a tensor that called ``retain_grad``, stores it with
        ``_deposit``; for an op's output,
        ``_check_not_freed(ctx, node)``, then ``ctx.op.backward(ctx, grad)``, and for each
        returned gradient of an input that needs one (not None),
        ``_check_input_grad(ctx, parent, parent_grad)`` and add it to that parent's
        pending gradient; finally ``ctx.release()`` unless ``retain_graph``.

        Raises RuntimeError when self does not require grad (built under ``no_grad``, or
        from tensors that do not require grad), when ``grad`` is missing for a tensor of
        more than one element, or when the graph was already freed by a previous
        backward; ValueError when ``grad`` has the wrong shape; TypeError when it is not a
        float array. A float ``grad`` of another dtype is accepted as it is (not cast):
        every ``.grad`` is stored in its own tensor's dtype (see ``_deposit``). When an op's
        backward returns a gradient whose shape differs from its input's, RuntimeError
        naming the op and both shapes. The given ``_seed_gradient``, ``_check_not_freed``
        and ``_check_input_grad`` make these checks.
        """
        raise NotImplementedError('P05 Task 2 · Tensor.backward (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')

    # ---------------------------------------------------------------- operators
    # Each one calls a registered op of shared.functional (imported at the bottom).

    __add__, __radd__ = _operator("add"), _operator("add", swapped=True)
    __sub__, __rsub__ = _operator("sub"), _operator("sub", swapped=True)
    __mul__, __rmul__ = _operator("mul"), _operator("mul", swapped=True)
    __truediv__, __rtruediv__ = _operator("div"), _operator("div", swapped=True)
    __pow__, __rpow__ = _operator("pow"), _operator("pow", swapped=True)
    __matmul__, __rmatmul__ = _operator("matmul"), _operator("matmul", swapped=True)

    def __neg__(self) -> Tensor:
        return _F.neg(self)

    def __getitem__(self, index: Any) -> Tensor:
        return _F.getitem(self, index)

    # ---------------------------------------------------------------- methods

    # Reductions take NumPy's keywords (axis=, keepdims=) and PyTorch's (dim=, keepdim=);
    # a positional first argument is the dimension in both vocabularies. max and min
    # follow PyTorch: without a dimension the overall extreme (a Tensor), with one the
    # named pair (values, indices); amax and amin give the values alone, over one axis or
    # several, as PyTorch's amax/amin do. One signature for all six: see ``_reduction``.

    sum = _reduction("sum", lambda t, axis, keep: _F.sum(t, axis=axis, keepdims=keep))
    mean = _reduction("mean", lambda t, axis, keep: _F.mean(t, axis=axis, keepdims=keep))
    amax = _reduction("amax", lambda t, axis, keep: _F.max(t, axis=axis, keepdims=keep))
    amin = _reduction("amin", lambda t, axis, keep: -_F.max(-t, axis=axis, keepdims=keep))
    max = _reduction("max", lambda t, axis, keep: _extreme(t, "max", axis, keep))
    min = _reduction("min", lambda t, axis, keep: _extreme(t, "min", axis, keep))

    def argmax(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        """Index of the largest value along ``dim`` (of the flattened tensor when None),
        int64, no gradient."""
        if dim is None:
            return Tensor(np.asarray(np.argmax(self.data), dtype=np.int64))
        return Tensor(np.argmax(self.data, axis=dim, keepdims=keepdim).astype(np.int64))

    def argmin(self, dim: int | None = None, keepdim: bool = False) -> Tensor:
        """Index of the smallest value along ``dim`` (flattened when None), int64."""
        if dim is None:
            return Tensor(np.asarray(np.argmin(self.data), dtype=np.int64))
        return Tensor(np.argmin(self.data, axis=dim, keepdims=keepdim).astype(np.int64))

    def exp(self) -> Tensor:
        return _F.exp(self)

    def log(self) -> Tensor:
        return _F.log(self)

    def relu(self) -> Tensor:
        return _F.relu(self)

    def sigmoid(self) -> Tensor:
        return _F.sigmoid(self)

    def tanh(self) -> Tensor:
        return _F.tanh(self)

    def reshape(self, *shape: int | Sequence[int]) -> Tensor:
        """``t.reshape(2, 3)`` or ``t.reshape((2, 3))``; one dimension may be -1."""
        if len(shape) == 1 and not isinstance(shape[0], int | np.integer):
            shape = tuple(shape[0])
        return _F.reshape(self, shape)

    def transpose(self, *axes: int | Sequence[int]) -> Tensor:
        """NumPy's rule: no argument reverses the axes; else the new order of the axes."""
        if len(axes) == 1 and not isinstance(axes[0], int | np.integer):
            axes = tuple(axes[0])
        return _F.transpose(self, axes or None)

    def permute(self, *axes: int | Sequence[int]) -> Tensor:
        """PyTorch's name: ``t.permute(2, 0, 1)`` puts axis 2 first."""
        return self.transpose(*axes)

    @property
    def T(self) -> Tensor:
        """The axes reversed (the transpose of a matrix)."""
        return _F.transpose(self, None)

    # ---------------------------------------------------------------- PyTorch vocabulary
    # Given code (P11): the names a PyTorch user reaches for, each defined through the
    # course's own ops, so nothing here needs a backward of its own.

    def numel(self) -> int:
        """Number of elements (PyTorch's name for ``size``)."""
        return int(self.data.size)

    def dim(self) -> int:
        """Number of dimensions (PyTorch's name for ``ndim``)."""
        return self.data.ndim

    def view(self, *shape: int | Sequence[int]) -> Tensor:
        """PyTorch's name for ``reshape``."""
        return self.reshape(*shape)

    def flatten(self, start_dim: int = 0, end_dim: int = -1) -> Tensor:
        """Merge dimensions start_dim..end_dim into one."""
        shape = self.shape
        if not shape:
            return self.reshape(1)
        start, end = start_dim % len(shape), end_dim % len(shape)
        merged = int(np.prod(shape[start : end + 1]))
        return self.reshape(*shape[:start], merged, *shape[end + 1 :])

    def unsqueeze(self, dim: int) -> Tensor:
        """Insert a dimension of length 1 at ``dim``."""
        shape = list(self.shape)
        shape.insert(dim % (len(shape) + 1), 1)
        return self.reshape(tuple(shape))

    def squeeze(self, dim: int | None = None) -> Tensor:
        """Drop dimensions of length 1 (only ``dim``, when given and of length 1)."""
        if dim is None:
            return self.reshape(tuple(n for n in self.shape if n != 1))
        if not self.shape or self.shape[dim] != 1:
            return self
        shape = list(self.shape)
        del shape[dim]
        return self.reshape(tuple(shape))

    def clone(self) -> Tensor:
        """A copy of the values; gradients flow back to self (it is ``self * 1``)."""
        if self.requires_grad and is_grad_enabled():
            return self * 1
        return Tensor(self.data.copy(), name=self.name)

    def astype(self, dtype: Any) -> Tensor:
        """This tensor in ``dtype`` (NumPy's name; PyTorch says ``to(dtype)``): itself when
        the dtype already matches, else a new leaf holding converted values (a conversion
        is not differentiated)."""
        dtype = np.dtype(dtype)
        if self.data.dtype == dtype:
            return self
        return Tensor(self.data.astype(dtype))

    def type_as_dtype(self, dtype: Any) -> Tensor:
        """Deprecated name of ``astype`` (kept for one release)."""
        warnings.warn(
            "Tensor.type_as_dtype is deprecated; use t.astype(dtype) (or t.to(dtype))",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.astype(dtype)

    def float(self) -> Tensor:
        """float32 (PyTorch's ``float``)."""
        return self.astype(np.float32)

    def double(self) -> Tensor:
        """float64."""
        return self.astype(np.float64)

    def long(self) -> Tensor:
        """int64 (PyTorch's ``long``, the dtype of class labels)."""
        return self.astype(np.int64)

    def to(self, *args: Any, **kwargs: Any) -> Tensor:
        """``t.to("cpu")``, ``t.to(dtype)``, ``t.to(device, dtype)``: only the CPU
        exists, so a device is checked and otherwise changes nothing;
        NotImplementedError names any other device."""
        dtype = kwargs.pop("dtype", None)
        device = kwargs.pop("device", None)
        kwargs.pop("non_blocking", None)
        if kwargs:
            raise TypeError(f"to: unexpected arguments {sorted(kwargs)}")
        for arg in args:
            if isinstance(arg, Tensor):
                dtype = arg.dtype
            elif isinstance(arg, str) or type(arg).__name__ == "device":
                device = arg
            else:
                dtype = arg
        check_device(device, "to")
        return self if dtype is None else self.astype(dtype)

    def cpu(self) -> Tensor:
        """The tensor itself: every tensor lives on the CPU."""
        return self

    def cuda(self, *args: Any, **kwargs: Any) -> Tensor:
        raise NotImplementedError("Tensor.cuda: BrainInABox runs on the CPU only (NumPy)")

    @property
    def device(self) -> str:
        """Always ``"cpu"``."""
        return "cpu"

    def tolist(self) -> Any:
        """The values as (nested) Python numbers."""
        return self.data.tolist()

    # Comparisons give boolean tensors (never differentiated), as in PyTorch; Tensors
    # stay hashable by identity, so they still work as dict keys and in sets.
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> Tensor:  # type: ignore[override]
        return Tensor(self.data == as_array(other))

    def __ne__(self, other: object) -> Tensor:  # type: ignore[override]
        return Tensor(self.data != as_array(other))

    def __lt__(self, other: TensorLike) -> Tensor:
        return Tensor(self.data < as_array(other))

    def __le__(self, other: TensorLike) -> Tensor:
        return Tensor(self.data <= as_array(other))

    def __gt__(self, other: TensorLike) -> Tensor:
        return Tensor(self.data > as_array(other))

    def __ge__(self, other: TensorLike) -> Tensor:
        return Tensor(self.data >= as_array(other))

    def __bool__(self) -> bool:
        return bool(self.data)  # NumPy refuses a tensor of several elements

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self.data.dtype.kind not in "iu" or self.data.size != 1:
            raise TypeError(f"only a one-element integer tensor is an index, got {self!r}")
        return int(self.data.item())


class _Size(int):
    """What ``t.size`` gives: callable as PyTorch's method (``size()`` the shape,
    ``size(d)`` one length). Used as a number, NumPy's old meaning, it is still the element
    count for one release, with a DeprecationWarning naming ``t.numel()``."""

    def __new__(cls, count: int, shape: tuple[int, ...]) -> _Size:
        out = super().__new__(cls, count)
        out._shape = shape
        return out

    def __call__(self, dim: int | None = None) -> tuple[int, ...] | int:
        return self._shape if dim is None else self._shape[dim]

    def __repr__(self) -> str:
        return f"<method Tensor.size of a tensor of shape {self._shape}>"


_SIZE_AS_NUMBER = (
    "Tensor.size is PyTorch's method now: use t.numel() for the number of elements, "
    "t.size() for the shape or t.size(d) for one length; t.size as a number stops "
    "working in the next release"
)


def _size_as_number(name: str) -> Callable[..., Any]:
    """int's method ``name`` for ``_Size``, warning that ``t.size`` was used as a number."""
    method = getattr(int, name)

    def use(self: _Size, *args: Any) -> Any:
        warnings.warn(_SIZE_AS_NUMBER, DeprecationWarning, stacklevel=2)
        return method(self, *args)

    use.__name__ = name
    return use


# Every way of using a number: conversion, comparison, arithmetic, indexing.
for _name in (
    *("__int__", "__index__", "__float__", "__bool__", "__neg__", "__pos__", "__abs__"),
    *("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"),
    *("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__pow__"),
    *("__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__"),
):
    setattr(_Size, _name, _size_as_number(_name))
_Size.__hash__ = int.__hash__  # type: ignore[method-assign]


class ValuesIndices(NamedTuple):
    """``(values, indices)`` of ``max``/``min`` along one dimension, as PyTorch returns
    them: unpack it, index it, or read ``.values`` and ``.indices``."""

    values: Tensor
    indices: Tensor


MaxResult = ValuesIndices  # the former name


def _extreme(t: Tensor, name: str, dim: Any, keepdim: bool) -> Tensor | ValuesIndices:
    """``t.max``/``t.min``: the overall extreme without a dimension, else the named pair."""
    largest = name == "max"
    if dim is None:
        return t.amax(None, keepdim) if largest else t.amin(None, keepdim)
    if isinstance(dim, bool) or not isinstance(dim, int | np.integer):
        raise TypeError(
            f"{name}: with a dimension, {name} gives (values, indices) along one dimension, "
            f"got {dim!r}; for the values over several, use amax/amin"
        )
    if largest:
        return ValuesIndices(t.amax(dim, keepdim), t.argmax(dim, keepdim))
    return ValuesIndices(t.amin(dim, keepdim), t.argmin(dim, keepdim))


def as_array(x: object) -> Any:
    """``x``'s array when it is a Tensor (no copy, no graph), else ``x`` as it is: how an
    op reads a non-differentiable argument (labels, indices, a mask)."""
    return x.data if isinstance(x, Tensor) else x


def as_tensor(x: TensorLike) -> Tensor:
    """``x`` itself when it is a Tensor, else a new Tensor of ``np.asarray(x)``, so NumPy
    picks the dtype (an array keeps its own, a list of ints is int64, of floats float64)."""
    return x if isinstance(x, Tensor) else Tensor(np.asarray(x))


def _reduction_args(
    name: str, dim: Any, keepdim: bool, axis: Any, keepdims: bool | None
) -> tuple[Any, bool]:
    """One (axis, keepdims) pair from NumPy's and PyTorch's spellings (not both)."""
    if dim is not None and axis is not None:
        raise TypeError(f"{name}: pass dim= or axis=, not both")
    if isinstance(dim, list):
        dim = tuple(dim)
    return (axis if dim is None else dim), bool(keepdim if keepdims is None else keepdims)


def check_device(device: Any, where: str = "device") -> None:
    """Accept None, ``"cpu"`` (or a device object named cpu); NotImplementedError for any
    other device, naming it: BrainInABox computes on the CPU with NumPy."""
    if device is None:
        return
    text = str(getattr(device, "type", device))
    if text.split(":")[0] != "cpu":
        raise NotImplementedError(
            f"{where}: device {str(device)!r} is not supported; BrainInABox runs on the CPU "
            "only (use 'cpu')"
        )


# ------------------------------------------------------------------ backward helpers


def _topological_order(root: Tensor) -> list[Tensor]:
    """Every tensor that requires grad and from which ``root`` was computed, root last.

    Each tensor appears after all of its parents (reverse it to walk from the output
    back to the leaves). Iterative depth-first search: an explicit stack instead of
    recursion, so a chain of a million ops needs no deep Python stack.
    """
    raise NotImplementedError('P05 Task 2 · _topological_order (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')


def _seed_gradient(tensor: Tensor, grad: TensorLike) -> np.ndarray:
    """Given helper: the gradient that ``tensor.backward(grad)`` starts from, checked.

    Returns ones of the tensor's shape and dtype when ``grad`` is None (a one-element
    tensor only), else ``grad``'s array (the caller's own: ``_deposit`` never stores an
    array as it is).
    Raises RuntimeError when the tensor does not require grad or when grad is left out
    for more than one element, ValueError naming both shapes when they differ, TypeError
    when grad is not a float array.
    """
    if not tensor.requires_grad:
        raise RuntimeError(
            f"backward: this tensor (shape {tensor.shape}) does not require grad, so there "
            "is no graph to walk. It was made under no_grad(), by detach(), or from "
            "tensors none of which requires grad"
        )
    if grad is None:
        if tensor.data.size != 1:
            raise RuntimeError(
                f"backward: this tensor has shape {tensor.shape}; a gradient can be implied "
                "only for a single-element output (a loss). Reduce it first (.sum()), or "
                f"pass grad= of shape {tensor.shape}"
            )
        return np.ones_like(tensor.data)
    grad = grad.data if isinstance(grad, Tensor) else np.asarray(grad)
    if grad.shape != tensor.shape:
        raise ValueError(
            f"backward: grad has shape {grad.shape}, but the tensor has shape "
            f"{tensor.shape}; they must be equal"
        )
    if grad.dtype.kind != "f":
        raise TypeError(f"backward: grad must be a float array, got dtype {grad.dtype}")
    return grad


def _check_not_freed(ctx: Context, node: Tensor) -> None:
    """Given helper: RuntimeError (mentioning retain_graph) when ``ctx`` was released."""
    if ctx.freed:
        raise RuntimeError(
            f"backward: the graph through {ctx.op.name!r} (output shape {node.shape}) "
            "was freed by an earlier backward. Pass retain_graph=True to the first "
            "backward to run through a graph twice"
        )


def _check_input_grad(ctx: Context, parent: Tensor, parent_grad: np.ndarray) -> None:
    """Given helper: RuntimeError naming both shapes when an op's backward returned a
    gradient whose shape is not its input's (a broadcast that was not summed back)."""
    if np.shape(parent_grad) != parent.shape:
        raise RuntimeError(
            f"{ctx.op.name}.backward returned a gradient of shape "
            f"{np.shape(parent_grad)} for an input of shape {parent.shape}; each "
            "gradient must have its input's shape (unbroadcast it)"
        )


def _deposit(tensor: Tensor, grad: np.ndarray) -> None:
    """Add ``grad`` into ``tensor.grad``: gradients accumulate.

    A tensor receives a gradient from every backward call that reaches it, and the
    gradients add up: the first one is stored, each later one is added to it (a
    training loop clears them with ``zero_grad``). Two rules keep every ``.grad`` the
    tensor's own array, in the tensor's dtype:

    - the first gradient is stored as a copy (``np.array(grad, dtype=...)``): an op's
      backward may hand one array to several inputs (``a + b`` gives both the output's
      gradient), return a view, or pass on the caller's ``grad`` seed, and an in-place
      change of one ``.grad`` (gradient clipping, say) must never reach another array;
    - a later gradient is added as a new array, ``tensor.grad + grad`` (cast back to the
      tensor's dtype), not in place: an array read from ``.grad`` before a later backward
      keeps its values.
    """
    raise NotImplementedError('P05 Task 2 · _deposit (shared/tensor.py) — see projects/p05_autograd/README.md#task-2')


from shared import functional as _F  # noqa: E402  (the ops need Tensor defined first)
