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

__all__ = ["linear"]


@register("linear")
class LinearFn(Function):
    """x @ weight.T + bias in one node: x (..., in), weight (out, in), bias (out,) ->
    (..., out). d/dx = g @ W, d/dW = g^T x over every batch row, d/db = sum of g."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
        ### BEGIN SOLUTION p06.t3
        x_shape, w_shape, b_shape = np.shape(x), np.shape(weight), np.shape(bias)
        if len(w_shape) != 2:
            raise ValueError(f"linear: weight must be 2-D (out, in), got shape {w_shape}")
        if len(x_shape) == 0 or x_shape[-1] != w_shape[1]:
            raise ValueError(
                f"linear: input of shape {x_shape} does not match weight {w_shape}: expected "
                f"(..., {w_shape[1]})"
            )
        if b_shape != (w_shape[0],):
            raise ValueError(f"linear: bias must have shape ({w_shape[0]},), got {b_shape}")
        need_x, need_w, _ = ctx.needs_input_grad
        ctx.x = x if need_w else None
        ctx.weight = weight if need_x else None
        return x @ weight.T + bias
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p06.t3
        need_x, need_w, need_b = ctx.needs_input_grad
        rows = grad.reshape(-1, grad.shape[-1])  # every batch axis flattened: (rows, out)
        grad_x = grad @ ctx.weight if need_x else None
        grad_w = None
        if need_w:
            grad_w = rows.T @ ctx.x.reshape(-1, ctx.x.shape[-1])  # (out, in), C-contiguous
        grad_b = rows.sum(axis=0) if need_b else None
        return grad_x, grad_w, grad_b
        ### END SOLUTION


def linear(x: TensorLike, weight: TensorLike, bias: TensorLike = None) -> Tensor:
    """x @ weight.T + bias: x (..., in), weight (out, in), bias (out,) or None."""
    if bias is None:
        return matmul(x, transpose(weight))
    return LinearFn.apply(x, weight, bias)
