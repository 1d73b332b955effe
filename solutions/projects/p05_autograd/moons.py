"""Two-moons: two interleaving half circles, a small 2-D problem no straight line solves.

Given code. The upper moon is the half circle of radius 1 around (0, 0), the lower one
the same half circle turned upside down and moved to (1, 0.5); the moons interlock, so a
classifier needs a curved boundary (at least one hidden layer).
"""

from __future__ import annotations

import numpy as np

__all__ = ["make_moons", "signed_labels"]


def make_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Sample ``n`` points of two moons with Gaussian noise of standard deviation ``noise``.

    Returns X: (n, 2) float64, and y: (n,) int64, 0 for the upper moon and 1 for the
    lower one (n // 2 points in the upper moon, the rest in the lower one), shuffled.
    The same seed gives the same points. ValueError for n < 2 or a negative noise.
    """
    if not isinstance(n, int | np.integer) or n < 2:
        raise ValueError(f"make_moons: n must be an integer >= 2, got {n!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"make_moons: noise must be a finite number >= 0, got {noise!r}")
    rng = np.random.default_rng(seed)
    n_upper = n // 2
    angle = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(angle[:n_upper]), np.sin(angle[:n_upper])])
    lower = np.column_stack([1.0 - np.cos(angle[n_upper:]), 0.5 - np.sin(angle[n_upper:])])
    X = np.vstack([upper, lower]) + rng.normal(0.0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n_upper, np.int64), np.ones(n - n_upper, np.int64)])
    order = rng.permutation(n)
    return X[order], y[order]


def signed_labels(y: np.ndarray) -> np.ndarray:
    """Labels {0, 1} as {-1.0, +1.0} (float64), the form the margin loss uses."""
    y = np.asarray(y)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"signed_labels: expected labels 0 and 1, got {np.unique(y)}")
    return np.where(y == 1, 1.0, -1.0)
