"""The scalar autograd engine: a ``Value`` is one number that remembers where it came from.

Every operation on Values creates a new Value holding three things: its number
(``data``), the Values it was computed from (``parents``) and the local derivative of the
result with respect to each parent (``local_grads``), computed right away in the forward
pass. ``backward()`` then applies the chain rule over the whole graph:

    dL/d(parent) += dL/d(node) * d(node)/d(parent)      for every edge node <- parent

visiting each node after every node that uses it (reverse topological order), so that
dL/d(node) is complete, summed over all its uses, before it is passed on.

    x = Value(2.0); y = Value(-3.0)
    z = x * y + x.tanh()      # 3 nodes: *, tanh, +
    z.backward()              # x.grad = y + (1 - tanh(x)^2), y.grad = x

Subtraction, division and negation are built from the base operations (``a - b`` is
``a + (-1 * b)``, ``a / b`` is ``a * b ** -1``), so there are fewer derivatives to get right.
"""

from __future__ import annotations

import math
from numbers import Real

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["Value"]


def _as_value(x: Value | float) -> Value:
    """``x`` itself if it is a Value, else a constant Value holding it."""
    if type(x) is Value:
        return x
    if isinstance(x, Value):
        return x
    if isinstance(x, Real) and not isinstance(x, bool):
        return Value(float(x))
    raise TypeError(f"Value: expected a Value or a real number, got {type(x).__name__}")


class Value:
    """A scalar in a computation graph.

    Attributes: ``data`` (float), ``grad`` (float, dL/d(this) after ``backward``),
    ``parents`` (tuple of Values), ``local_grads`` (tuple of floats, d(this)/d(parent)
    for each parent), ``op`` (a short label), ``label`` (optional name). The reference's
    labels are ``"+"``, ``"*"``, ``f"**{k:g}"``, ``"exp"``, ``"log"``, ``"tanh"``,
    ``"relu"`` and ``"sigmoid"``; they are for reading a graph, and no test checks them.

    Numbers are Python floats: a result beyond the float range (``Value(800.0).exp()``,
    ``Value(1e200) ** 2``) raises Python's own OverflowError, as ``math.exp`` and ``**``
    do; no test goes there.
    """

    __slots__ = ("data", "grad", "parents", "local_grads", "op", "label")

    def __init__(
        self,
        data: float,
        parents: tuple[Value, ...] = (),
        local_grads: tuple[float, ...] = (),
        op: str = "",
        label: str = "",
    ) -> None:
        if type(data) is not float:  # the check is skipped on the fast path
            if not isinstance(data, Real) or isinstance(data, bool):
                raise TypeError(f"Value: data must be a real number, got {type(data).__name__}")
            data = float(data)
        if len(parents) != len(local_grads):
            raise ValueError(
                f"Value: {len(parents)} parents but {len(local_grads)} local gradients"
            )
        self.data = data
        self.grad = 0.0
        self.parents = parents
        self.local_grads = local_grads
        self.op = op
        self.label = label

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # ---------------------------------------------------------------- base operations

    def __add__(self, other: Value | float) -> Value:
        """self + other: both local derivatives are 1."""
        other = _as_value(other)
        raise NotImplementedError('P05 Task 1 · Value.__add__ (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def __mul__(self, other: Value | float) -> Value:
        """self * other: d/d(self) = other, d/d(other) = self."""
        other = _as_value(other)
        raise NotImplementedError('P05 Task 1 · Value.__mul__ (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def __pow__(self, exponent: float) -> Value:
        """self ** exponent for a constant real exponent: d/d(self) = k x^(k-1).

        TypeError for a Value exponent; ValueError when the result is not a real number
        (a negative base with a fractional exponent, zero to a negative power). At x = 0
        with 0 < k < 1 (``Value(0) ** 0.5``) the value is 0 and the local derivative is
        +inf: the curve is vertical there. ``x ** 0`` is 1 with derivative 0, also at 0.
        """
        raise NotImplementedError('P05 Task 1 · Value.__pow__ (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def exp(self) -> Value:
        """e^x; its derivative is e^x itself. Above x ≈ 709.78, ``math.exp``'s
        OverflowError."""
        raise NotImplementedError('P05 Task 1 · Value.exp (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def log(self) -> Value:
        """Natural logarithm ln x for x > 0 (ValueError otherwise): derivative 1 / x."""
        raise NotImplementedError('P05 Task 1 · Value.log (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def tanh(self) -> Value:
        """tanh x; derivative 1 - tanh(x)^2."""
        raise NotImplementedError('P05 Task 1 · Value.tanh (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def relu(self) -> Value:
        """max(x, 0); derivative 1 for x > 0, else 0."""
        raise NotImplementedError('P05 Task 1 · Value.relu (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def sigmoid(self) -> Value:
        """1 / (1 + e^-x), computed without overflow; derivative s (1 - s)."""
        raise NotImplementedError('P05 Task 1 · Value.sigmoid (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    # ---------------------------------------------------------------- derived operations
    # Built from the base ones: their derivatives come for free.

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        return self + (-_as_value(other))

    def __truediv__(self, other: Value | float) -> Value:
        return self * _as_value(other) ** -1

    def __radd__(self, other: float) -> Value:
        return self + other

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __rsub__(self, other: float) -> Value:
        return _as_value(other) - self

    def __rtruediv__(self, other: float) -> Value:
        return _as_value(other) / self

    # ---------------------------------------------------------------- backward

    def topological_order(self) -> list[Value]:
        """Every Value this one depends on, and itself last; each after all its parents.

        Iterative depth-first search with an explicit stack: no recursion limit, so a
        chain of 100,000 operations works.
        """
        raise NotImplementedError('P05 Task 1 · Value.topological_order (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')

    def backward(self) -> None:
        """Fill ``grad`` of every Value in the graph with d(self)/d(that Value).

        Leaves (Values with no parents) accumulate: a second backward adds to their
        ``grad``, so reset them between training steps. The gradients of intermediate
        nodes are recomputed from zero each time.
        """
        raise NotImplementedError('P05 Task 1 · Value.backward (projects/p05_autograd/value.py) — see projects/p05_autograd/README.md#task-1')
