"""Fixtures of the P03 suite: small regression problems with known answers, a
finite-difference gradient, and cached runs of the expensive learner calls (the housing
pipeline and the demo). The hidden tests' least-squares oracle is in hidden_oracles.py,
which ships with them only.

Nothing here calls course code at import or fixture-setup time: the cached runs are
callables, so a missing task fails inside the test that needs it, never at setup.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from m2m.testing import memo


@pytest.fixture
def central_difference() -> Callable[[Callable[[np.ndarray], float], np.ndarray], np.ndarray]:
    """grad_i ≈ (f(x + h e_i) - f(x - h e_i)) / 2h in float64, h = 1e-6."""

    def diff(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
        x = np.array(x, dtype=np.float64)
        grad = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            up, down = x.copy(), x.copy()
            up[i] += h
            down[i] -= h
            grad[i] = (f(up) - f(down)) / (2 * h)
        return grad

    return diff


@pytest.fixture
def linear_problem() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X (200, 3), y (200,), θ_true (4,)): y = 1.5 + X @ (2, -1, 0.5) + small noise,
    with standardized-looking columns (zero mean, unit scale)."""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((200, 3))
    theta_true = np.array([1.5, 2.0, -1.0, 0.5])
    y = theta_true[0] + X @ theta_true[1:] + 0.1 * rng.standard_normal(200)
    return X, y, theta_true


@pytest.fixture
def noise_free_problem() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(X (120, 4), y (120,), θ (5,)) with y exactly linear in X: every per-sample
    gradient vanishes at θ, so even SGD with a constant step converges to it."""
    rng = np.random.default_rng(11)
    X = rng.standard_normal((120, 4))
    theta = np.array([-0.5, 1.0, 2.0, -3.0, 0.25])
    return X, theta[0] + X @ theta[1:], theta


@pytest.fixture
def auto_mpg_standardized() -> tuple[np.ndarray, np.ndarray]:
    """Auto MPG's 6 numeric columns (the 392 cars with a horsepower), standardized here
    with NumPy, and mpg: a real, correlated design (κ(AᵀA) ≈ 1e2)."""
    from shared.datasets import load_auto_mpg  # a given loader, never stubbed

    data = load_auto_mpg()
    keep = ~np.isnan(data.X).any(axis=1)
    X = data.X[keep][:, :6]
    return (X - X.mean(axis=0)) / X.std(axis=0), data.y[keep]


@pytest.fixture(scope="module")
def housing_report() -> Callable[[], object]:
    """Callable giving evaluate_housing() with its defaults, computed once per module."""

    def run() -> object:
        from projects.p03_linear_regression import evaluate_housing

        return evaluate_housing()

    return memo(run)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], tuple[dict, object]]:
    """Callable giving (metrics dict, figure folder) of demo.main(out_dir=tmp), run once."""
    out = tmp_path_factory.mktemp("p03_figures")

    def run() -> tuple[dict, object]:
        from projects.p03_linear_regression.demo import main

        return main(out_dir=out), out

    return memo(run)
