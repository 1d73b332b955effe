"""Batch normalisation as an autograd op (P09 Task 3): ``batch_norm``.

Each channel is normalised with its own statistics, computed over every other axis
(the batch, and the pixels of an image): in training the batch's mean and variance,
which also update running estimates; in evaluation those running estimates, constants.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike

__all__ = ["batch_norm"]


def _check_batch_norm(x: Any, weight: Any, bias: Any, momentum: Any, eps: Any) -> int:
    """The number of channels C of a batch-norm input. Given helper. ValueError naming
    the shapes or value when x is not (N, C, ...), weight or bias is not (C,), momentum
    is outside [0, 1] or eps is not > 0."""
    shape = np.shape(x)
    if len(shape) < 2:
        raise ValueError(f"batch_norm: x must be (N, C) or (N, C, ...), got shape {shape}")
    c = shape[1]
    for what, value in (("weight", weight), ("bias", bias)):
        if np.shape(value) != (c,):
            raise ValueError(
                f"batch_norm: {what} must have shape ({c},) for x {shape}, got {np.shape(value)}"
            )
    if not 0.0 <= momentum <= 1.0:
        raise ValueError(f"batch_norm: momentum must lie in [0, 1], got {momentum!r}")
    if not eps > 0:
        raise ValueError(f"batch_norm: eps must be > 0, got {eps!r}")
    return c


@register("batch_norm")
class BatchNormFn(Function):
    """y = (x - μ) / √(σ² + ε) · γ + β per channel (axis 1), statistics over every other
    axis.

    forward(x (N, C, ...), weight γ (C,), bias β (C,), running_mean=None,
    running_var=None, training=True, momentum=0.1, eps=1e-5) -> x's shape.
    Training: μ, σ² are the batch's mean and biased variance; ValueError naming x's shape
    when a channel has m < 2 values (checked before any update). running_mean and
    running_var (NumPy arrays (C,)) are each optional: each one given is updated in place,
    r ← (1 - momentum)·r + momentum·stat, stat = μ for the mean and the unbiased
    m / (m - 1)·σ² for the variance (m values per channel). Evaluation (training=False):
    μ, σ² are running_mean, running_var, constants, cast to x's dtype; both are required
    (ValueError naming running_mean and running_var otherwise). The output's dtype is
    ``np.result_type(x, weight, bias)`` in both modes: the running arrays never change it.
    backward (training): dx = (γ / √(σ² + ε)) · (ĝ - mean(ĝ) - x̂ · mean(ĝ · x̂)) with
    ĝ = γ g and x̂ = (x - μ)/√(σ² + ε), means per channel; dγ = Σ g · x̂, dβ = Σ g. In
    evaluation dx = γ / √(σ² + ε) · g. Every gradient in the output's dtype.

    The given ``_check_batch_norm`` raises the ValueError naming the shape or value for x
    with fewer than 2 axes, a weight or bias that is not (C,), a momentum outside [0, 1]
    and an eps <= 0; the one for m < 2 in training is yours. The generic op checks run
    training mode without running arrays on (N, C), (N, C, L) and (N, C, H, W) inputs
    with m >= 2 and distinct values.
    """

    @staticmethod
    def forward(
        ctx: Context,
        x: np.ndarray,
        weight: np.ndarray,
        bias: np.ndarray,
        running_mean: np.ndarray | None = None,
        running_var: np.ndarray | None = None,
        training: bool = True,
        momentum: float = 0.1,
        eps: float = 1e-5,
    ) -> np.ndarray:
        ### BEGIN SOLUTION p09.t3
        c = _check_batch_norm(x, weight, bias, momentum, eps)
        axes = (0, *range(2, x.ndim))
        shape = (1, c) + (1,) * (x.ndim - 2)
        if training:
            m = x.size // c
            if m < 2:
                raise ValueError(
                    f"batch_norm: training needs more than 1 value per channel, got x {x.shape}"
                )
            mean = x.mean(axis=axes)
            centred = x - mean.reshape(shape)
            var = np.mean(centred * centred, axis=axes)  # biased: normalises this batch
            if running_mean is not None:
                running_mean *= 1.0 - momentum
                running_mean += momentum * mean
            if running_var is not None:
                running_var *= 1.0 - momentum
                running_var += momentum * var * (m / (m - 1))  # unbiased estimate
        else:
            if running_mean is None or running_var is None:
                raise ValueError("batch_norm: evaluation needs running_mean and running_var")
            centred = x - np.asarray(running_mean, dtype=x.dtype).reshape(shape)
            var = np.asarray(running_var, dtype=x.dtype)
        inv_std = (1.0 / np.sqrt(var + eps)).astype(x.dtype, copy=False)
        x_hat = centred * inv_std.reshape(shape)
        if True in ctx.needs_input_grad:
            ctx.x_hat, ctx.inv_std, ctx.weight = x_hat, inv_std, weight
            ctx.axes, ctx.shape, ctx.training = axes, shape, training
        return x_hat * weight.reshape(shape) + bias.reshape(shape)
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p09.t3
        need_x, need_w, need_b = ctx.needs_input_grad
        axes, shape, x_hat = ctx.axes, ctx.shape, ctx.x_hat
        grad_x = grad_w = grad_b = None
        if need_x:
            scale = (ctx.weight * ctx.inv_std).reshape(shape)
            if ctx.training:  # μ and σ² depend on every x of the channel
                mean_g = grad.mean(axis=axes, keepdims=True)
                mean_gx = (grad * x_hat).mean(axis=axes, keepdims=True)
                grad_x = scale * (grad - mean_g - x_hat * mean_gx)
            else:  # running statistics are constants: a per-channel affine map
                grad_x = grad * scale
        if need_w:
            grad_w = np.sum(grad * x_hat, axis=axes)
        if need_b:
            grad_b = np.sum(grad, axis=axes)
        return grad_x, grad_w, grad_b
        ### END SOLUTION


def batch_norm(
    x: TensorLike,
    weight: TensorLike,
    bias: TensorLike,
    running_mean: np.ndarray | None = None,
    running_var: np.ndarray | None = None,
    training: bool = True,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Batch normalisation over axis 1 of x (N, C, ...) with scale ``weight`` (C,) and
    shift ``bias`` (C,); see ``BatchNormFn`` for the statistics and the in-place update of
    ``running_mean`` / ``running_var`` (NumPy arrays (C,)) in training."""
    return BatchNormFn.apply(
        x,
        weight,
        bias,
        running_mean=running_mean,
        running_var=running_var,
        training=training,
        momentum=momentum,
        eps=eps,
    )
