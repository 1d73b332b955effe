"""The grader's own numerical gradient check.

Tests of later projects check analytic gradients against central differences computed
here, never with the learner's ``shared.gradcheck`` (which P02 grades, and which a learner
could make agree with anything). Float64 throughout:

    df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h),   relative error |a - n| / max(|a|, |n|, floor)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["assert_gradient", "numeric_gradient"]


def numeric_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5):
    """Central-difference gradient of scalar ``f`` at ``x`` (float64, ``x.shape``); ``x`` is
    left unchanged."""
    point = np.array(x, dtype=np.float64, copy=True)
    grad = np.zeros_like(point)
    flat, out = point.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        up = float(np.sum(f(point)))
        flat[i] = keep - h
        down = float(np.sum(f(point)))
        flat[i] = keep
        out[i] = (up - down) / (2.0 * h)
    return grad


def assert_gradient(
    f: Callable[[np.ndarray], float],
    x: np.ndarray,
    analytic: np.ndarray,
    tol: float = 1e-6,
    *,
    floor: float = 1e-8,
    what: str = "gradient",
) -> float:
    """Compare ``analytic`` with the numerical gradient of ``f`` at ``x``; returns the worst
    relative error, raises AssertionError naming the worst entry when it exceeds ``tol``."""
    analytic = np.asarray(analytic, dtype=np.float64)
    if analytic.shape != np.shape(x):
        raise AssertionError(f"{what} has shape {analytic.shape}; the input has {np.shape(x)}")
    if not np.all(np.isfinite(analytic)):
        raise AssertionError(f"{what} holds NaN or infinity")
    numeric = numeric_gradient(f, x)
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    error = np.abs(analytic - numeric) / scale
    worst = float(error.max()) if error.size else 0.0
    if worst > tol:
        at = np.unravel_index(int(np.argmax(error)), error.shape)
        raise AssertionError(
            f"{what} is wrong at index {tuple(int(i) for i in at)}: backward gives "
            f"{analytic[at]:.8g}, central differences {numeric[at]:.8g} "
            f"(relative error {worst:.2e} > {tol:g})"
        )
    return worst
