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

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


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
    raise NotImplementedError('P01 Task 4 · radius (projects/p01_manual_neuron/geometry.py) — see projects/p01_manual_neuron/README.md#task-4')


def margin(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """gamma = min_i s_i (w·x_i + b) / ||(w, b)|| with s_i = 2 y_i - 1.

    The smallest signed distance of an augmented sample from the hyperplane w~·x~ = 0:
    positive when (w, b) puts every sample strictly on its own side, zero when a sample
    lies on the boundary, negative when some sample is on the wrong side.

    Inputs: X (N, D) finite; y (N,) labels in {0, 1}; w (D,); b a number; (w, b) not all
    zero. Returns: gamma as a float. Raises ValueError (saying "zero") when w and b are
    all zero, since there is then no hyperplane.
    """
    raise NotImplementedError('P01 Task 4 · margin (projects/p01_manual_neuron/geometry.py) — see projects/p01_manual_neuron/README.md#task-4')


def novikoff_bound(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """(R / gamma)^2: the most updates the perceptron (from zero weights) can make.

    Valid for any (w, b) that separates the data strictly (gamma > 0), in particular
    for the final weights of a converged run whenever their margin is positive.

    Inputs: X (N, D) finite; y (N,) labels in {0, 1}; w (D,); b a number.
    Returns: the bound as a float. Raises ValueError naming the margin when
    gamma <= 0, because then (w, b) proves nothing.
    """
    raise NotImplementedError('P01 Task 4 · novikoff_bound (projects/p01_manual_neuron/geometry.py) — see projects/p01_manual_neuron/README.md#task-4')


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
    raise NotImplementedError('P01 Task 4 · decision_boundary (projects/p01_manual_neuron/geometry.py) — see projects/p01_manual_neuron/README.md#task-4')
