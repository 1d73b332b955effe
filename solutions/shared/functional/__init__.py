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

The ops live in one module per family, each op's alias next to its class; this package
re-exports them all, so code says ``import shared.functional as F`` and ``F.softmax``:

    _registry.py     REGISTRY, register (given)
    elementwise.py   add sub mul div neg pow exp log relu sigmoid tanh, unbroadcast  P05 Task 3
    reductions.py    matmul, sum mean max (over axes, with keepdims)               P05 Task 4
    shapes.py        reshape transpose getitem                                     P05 Task 5
    dense.py         linear (fused layer), binary_cross_entropy_with_logits         P06 Tasks 3, 5
    multiclass.py    softmax log_softmax (Task 1), cross_entropy (Task 2)           P08
    spatial.py       conv2d (Task 1), max_pool2d avg_pool2d (Task 2),
                     batch_norm flatten (Task 3)                                   P09
    shapes.py        stack concat (ops), split (getitem slices)                     P10 Task 3
    recurrent.py     embedding, lstm_cell_unfused (Task 3), lstm_cell (fused, Task 4)  P10

A later family is one more module, added the same way. A module is never named after one
of its ops: ``shared.functional.softmax`` is the function, so its module could not be
imported by that name.

The course's generic checks walk the registry and test every op the same way, against
an independent NumPy reference, input domains and shape cases that belong to the grader
(``m2m/opchecks/specs.py``), not to these files. An op that is defined in this package but not
registered fails those checks.
"""

from __future__ import annotations

from shared.functional._registry import NOT_OPS, REGISTRY, register
from shared.functional.dense import binary_cross_entropy_with_logits, linear
from shared.functional.elementwise import (
    add,
    div,
    exp,
    log,
    mul,
    neg,
    pow,
    relu,
    sigmoid,
    sub,
    tanh,
    unbroadcast,
)
from shared.functional.multiclass import cross_entropy, log_softmax, softmax
from shared.functional.recurrent import embedding, lstm_cell, lstm_cell_unfused
from shared.functional.reductions import matmul, max, mean, sum
from shared.functional.shapes import concat, getitem, reshape, split, stack, transpose
from shared.functional.spatial import avg_pool2d, batch_norm, conv2d, flatten, max_pool2d

__all__ = [
    "NOT_OPS",
    "REGISTRY",
    "add",
    "avg_pool2d",
    "batch_norm",
    "binary_cross_entropy_with_logits",
    "concat",
    "conv2d",
    "cross_entropy",
    "div",
    "embedding",
    "exp",
    "flatten",
    "getitem",
    "linear",
    "log",
    "log_softmax",
    "lstm_cell",
    "lstm_cell_unfused",
    "matmul",
    "max",
    "max_pool2d",
    "mean",
    "mul",
    "neg",
    "pow",
    "register",
    "relu",
    "reshape",
    "sigmoid",
    "softmax",
    "split",
    "stack",
    "sub",
    "sum",
    "tanh",
    "transpose",
    "unbroadcast",
]
