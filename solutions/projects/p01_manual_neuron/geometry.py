"""The geometry of separability: radius, margin, Novikoff's bound, the boundary line.

Everything here works in the augmented space x~ = (x, 1), w~ = (w, b), where the bias
is one more weight and w·x + b = w~·x~. In that space the perceptron's updates are
w~ += +-lr x~, and Novikoff's theorem bounds their number by (R / gamma)^2 with

    R     = max_i ||x~_i||                         (how far the data reach)
    gamma = min_i s_i (w~·x~_i) / ||w~||,  s_i = 2 y_i - 1 in {-1, +1}

for ANY (w, b) that separates the data with gamma > 0.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from .validation import as_labels, as_samples


def _as_weights(w: ArrayLike, b: float, n_features: int, caller: str) -> tuple[np.ndarray, float]:
    """(w, b) as a finite float64 (D,) array and a finite float, or a ValueError."""
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (n_features,):
        raise ValueError(
            f"{caller}: expected w of shape ({n_features},), one weight per feature, got {w.shape}"
        )
    if not np.isfinite(w).all():
        raise ValueError(f"{caller}: w must be finite, got {w}")
    if np.ndim(b) != 0 or not math.isfinite(float(b)):
        raise ValueError(f"{caller}: b must be one finite number, got {b!r}")
    return w, float(b)


def radius(X: ArrayLike) -> float:
    """R = max_i ||(x_i, 1)||, the length of the longest augmented sample.

    Inputs: X (N, D) finite, N >= 1. Returns: R >= 1 as a float.
    """
    ### BEGIN SOLUTION t4
    X = as_samples(X, "radius")
    # ||(x, 1)||^2 = ||x||^2 + 1: the constant feature of the bias counts too.
    return float(np.sqrt(np.max(np.sum(X * X, axis=1)) + 1.0))
    ### END SOLUTION


def margin(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """gamma = min_i s_i (w·x_i + b) / ||(w, b)|| with s_i = 2 y_i - 1.

    The smallest signed distance of an augmented sample from the hyperplane w~·x~ = 0:
    positive when (w, b) puts every sample strictly on its own side, zero when a sample
    lies on the boundary, negative when some sample is on the wrong side.

    Inputs: X (N, D) finite; y (N,) labels in {0, 1}; w (D,); b a number; (w, b) not all
    zero. Returns: gamma as a float. Raises ValueError (saying "zero") when w and b are
    all zero, since there is then no hyperplane.
    """
    ### BEGIN SOLUTION t4
    X = as_samples(X, "margin")
    y = as_labels(y, X.shape[0], "margin")
    w, b = _as_weights(w, b, X.shape[1], "margin")
    norm = math.sqrt(float(w @ w) + b * b)
    if norm == 0.0:
        raise ValueError(
            "margin: w and b are all zero, so there is no hyperplane and the margin is undefined"
        )
    signs = 2.0 * y - 1.0
    return float(np.min(signs * (X @ w + b)) / norm)
    ### END SOLUTION


def novikoff_bound(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """(R / gamma)^2: the most updates the perceptron (from zero weights) can make.

    Valid for any (w, b) that separates the data strictly (gamma > 0), in particular
    for the final weights of a converged run whenever their margin is positive.

    Inputs: X (N, D) finite; y (N,) labels in {0, 1}; w (D,); b a number.
    Returns: the bound as a float. Raises ValueError naming the margin when
    gamma <= 0, because then (w, b) proves nothing.
    """
    ### BEGIN SOLUTION t4
    gamma = margin(X, y, w, b)
    if gamma <= 0.0:
        raise ValueError(
            f"novikoff_bound: (w, b) does not separate the data strictly: its "
            f"margin is {gamma:.6g} <= 0, and the bound needs a positive margin "
            "(a sample lying exactly on the boundary gives margin 0)"
        )
    return (radius(X) / gamma) ** 2
    ### END SOLUTION


def decision_boundary(
    w: ArrayLike, b: float, x_range: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Two points of the line w0 x + w1 y + b = 0, for plotting a 2-D boundary.

    When w1 != 0: xs = (lo, hi) = x_range and ys = -(w0 xs + b) / w1.
    When w1 == 0 the line is vertical, x = -b / w0: xs = (x0, x0) and ys = (lo, hi)
    (the same span as x_range; ``ax.axvline(xs[0])`` draws it across any window).

    Inputs: w (2,) not all zero; b a number; x_range (lo, hi) with lo < hi.
    Returns: xs (2,) float64, ys (2,) float64.
    Raises ValueError when w is not of shape (2,), when w is zero (saying "zero"), or
    when x_range is not (lo, hi) with finite lo < hi (naming ``x_range``).
    """
    ### BEGIN SOLUTION t4
    if np.shape(w) != (2,):
        raise ValueError(
            f"decision_boundary: expected w of shape (2,) (a boundary line "
            f"needs 2-D inputs), got {np.shape(w)}"
        )
    w, b = _as_weights(w, b, 2, "decision_boundary")
    if w[0] == 0.0 and w[1] == 0.0:
        raise ValueError(
            "decision_boundary: w is zero, so w·x + b = 0 is not a line "
            "(every point lies on the same side)"
        )
    span = np.asarray(x_range, dtype=np.float64)
    if span.shape != (2,) or not np.isfinite(span).all() or not span[0] < span[1]:
        raise ValueError(
            f"decision_boundary: expected x_range = (lo, hi) with finite lo < hi, got {x_range!r}"
        )
    lo, hi = float(span[0]), float(span[1])
    if w[1] == 0.0:
        x0 = -b / w[0]
        return np.array([x0, x0]), np.array([lo, hi])
    xs = np.array([lo, hi])
    return xs, -(w[0] * xs + b) / w[1]
    ### END SOLUTION
