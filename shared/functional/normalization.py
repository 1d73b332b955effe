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

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

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
        raise NotImplementedError('P09 Task 3 · BatchNormFn.forward (shared/functional/normalization.py) — see projects/p09_cnn/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 3 · BatchNormFn.backward (shared/functional/normalization.py) — see projects/p09_cnn/README.md#task-3')


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
