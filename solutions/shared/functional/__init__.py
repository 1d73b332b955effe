"""Differentiable operations on Tensors, and the registry of them.

Each op is a small ``Function`` subclass (see ``shared.tensor``) holding its forward and
its backward side by side, registered once with ``@register``, and called through a
functional alias (``add(a, b)``) or a Tensor operator (``a + b``): both reach the same
registered class, so there is exactly one implementation to get right.

    @register("exp")
    class ExpFn(Function):                # a Function class: the op's name + "Fn"
        @staticmethod
        def forward(ctx, a):            # arrays in, array out
            ...
        @staticmethod
        def backward(ctx, grad_out):    # dL/d(out) in, one dL/d(input) per input out
            ...

    def exp(a: TensorLike) -> Tensor:
        return ExpFn.apply(a)

The ops live in one module per op family, each op's alias next to its class; this package
re-exports them all, so code says ``import shared.functional as F`` and ``F.softmax``. A
module may hold ops of several projects: the owner tag of each region to write (``p08.t1``:
project 8, task 1) says which project and task a piece belongs to.

    _registry.py      REGISTRY, register (given)
    elementwise.py    add sub mul div neg pow exp log, unbroadcast          P05 Task 3
    activations.py    relu sigmoid tanh (P05 Task 3); softmax log_softmax   P08 Task 1
    reductions.py     matmul, sum mean max (over axes, with keepdims)       P05 Task 4
    shapes.py         reshape transpose getitem (P05 Task 5); stack concat
                      split (P10 Task 3); flatten (P09 Task 3)
    affine.py         linear, the fused dense layer                         P06 Task 3
    losses.py         binary_cross_entropy_with_logits (P06 Task 5);
                      cross_entropy (P08 Task 2)
    conv.py           conv2d, and the image geometry the next two share     P09 Task 1
    pooling.py        max_pool2d avg_pool2d                                 P09 Task 2
    normalization.py  batch_norm                                            P09 Task 3
    recurrent.py      embedding, lstm_cell_unfused (Task 3), lstm_cell      P10

A Function class is named after its op with the suffix ``Fn`` (``LinearFn``, ``AddFn``):
only the functional aliases (``F.linear``) are public, and the name alone tells an op's
class from the nn layer (``shared.nn.Linear``). A later family is one more module, added
the same way. A module is never named after one of its ops: ``shared.functional.softmax``
is the function, so its module could not be imported by that name. The former modules
``dense``, ``multiclass`` and ``spatial`` (and the classes' former names, without
``Fn``) still answer for one release, with a DeprecationWarning naming the new place.

The course's generic checks walk the registry and test every op the same way, against
an independent NumPy reference, input domains and shape cases that belong to the grader
(``m2m/opchecks/specs.py``), not to these files. An op that is defined in this package but not
registered fails those checks.
"""

from __future__ import annotations

from shared.functional._registry import NOT_OPS, REGISTRY, register
from shared.functional.activations import log_softmax, relu, sigmoid, softmax, tanh
from shared.functional.affine import linear
from shared.functional.conv import conv2d
from shared.functional.elementwise import add, div, exp, log, mul, neg, pow, sub, unbroadcast
from shared.functional.losses import binary_cross_entropy_with_logits, cross_entropy
from shared.functional.normalization import batch_norm
from shared.functional.pooling import avg_pool2d, max_pool2d
from shared.functional.recurrent import embedding, lstm_cell, lstm_cell_unfused
from shared.functional.reductions import matmul, max, mean, sum
from shared.functional.shapes import (
    concat,
    flatten,
    getitem,
    reshape,
    split,
    stack,
    transpose,
)

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
