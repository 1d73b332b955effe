"""The fully connected (affine) layer as one op (P06 Task 3): ``linear``.

A layer computes x @ W.T + b. Written with P05's ops that is three graph nodes (a
transpose, a matmul, a broadcast add) and a gradient for W that arrives transposed. One
fused node does the same arithmetic with the three gradients derived once, in the
layout of each input (W is stored (out, in), as PyTorch stores it):

    y = x @ W.T + b          x (..., in), W (out, in), b (out,)  ->  y (..., out)
    dx = g @ W               dW = g.T @ x  (summed over all batch axes)     db = Σ g
"""

from __future__ import annotations

import numpy as np

from shared.functional._registry import register
from shared.functional.reductions import matmul
from shared.functional.shapes import transpose
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["linear"]


@register("linear")
class LinearFn(Function):
    """x @ weight.T + bias in one node: x (..., in), weight (out, in), bias (out,) ->
    (..., out). d/dx = g @ W, d/dW = g^T x over every batch row, d/db = sum of g."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        raise NotImplementedError('P06 Task 3 · LinearFn.forward (shared/functional/affine.py) — see projects/p06_fraud_mlp/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P06 Task 3 · LinearFn.backward (shared/functional/affine.py) — see projects/p06_fraud_mlp/README.md#task-3')


def linear(x: TensorLike, weight: TensorLike, bias: TensorLike = None) -> Tensor:
    """x @ weight.T + bias: x (..., in), weight (out, in), bias (out,) or None."""
    if bias is None:
        return matmul(x, transpose(weight))
    return LinearFn.apply(x, weight, bias)
