"""Fixtures of the P04 suite: independent references and one cached run of the filter.

Nothing here calls course code at import or fixture-setup time: the cached run is a
callable, so a missing task fails inside the test that needs it, never at setup. The
references are plain float64 NumPy written differently from any solution.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from m2m.testing import memo


@pytest.fixture(scope="session")
def spam_run() -> Callable[[], object]:
    """Callable giving ``run_spam_filter(seed=0)`` (the reference settings), run once for
    the whole P04 session: training takes a few seconds."""

    def run() -> object:
        from projects.p04_spam_filter import run_spam_filter

        return run_spam_filter(seed=0)

    return memo(run)


def _pairwise_auc(y: np.ndarray, scores: np.ndarray) -> float:
    """P(score of a random positive > score of a random negative), ties counting ½:
    every positive-negative pair compared explicitly (the Mann–Whitney statistic)."""
    pos = scores[np.asarray(y) == 1][:, None]
    neg = scores[np.asarray(y) == 0][None, :]
    wins = np.sum(pos > neg) + 0.5 * np.sum(pos == neg)
    return float(wins / (pos.size * neg.size))


@pytest.fixture
def pairwise_auc() -> Callable[[np.ndarray, np.ndarray], float]:
    return _pairwise_auc


def _counts(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[int, int, int, int]:
    """(TN, FP, FN, TP) by direct comparison of 0/1 arrays."""
    y_true = np.asarray(y_true).astype(bool)
    y_pred = np.asarray(y_pred).astype(bool)
    return (
        int(np.sum(~y_true & ~y_pred)),
        int(np.sum(~y_true & y_pred)),
        int(np.sum(y_true & ~y_pred)),
        int(np.sum(y_true & y_pred)),
    )


@pytest.fixture
def outcome_counts() -> Callable[[np.ndarray, np.ndarray], tuple[int, int, int, int]]:
    return _counts


def _bce_reference(z: np.ndarray, y: np.ndarray) -> float:
    """Mean of −[y log σ(z) + (1 − y) log(1 − σ(z))], σ written out directly (only safe
    for moderate |z|, which is why the course's version is built differently)."""
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = 1.0 / (1.0 + np.exp(-z))
    return float(-np.mean(y * np.log(s) + (1.0 - y) * np.log(1.0 - s)))


@pytest.fixture
def bce_reference() -> Callable[[np.ndarray, np.ndarray], float]:
    return _bce_reference


def _newton_logistic(X: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Minimiser of mean BCE + (l2/2)‖w‖² (bias unpenalised) by Newton's method in float64:
    a second-order route, independent of gradient descent."""
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    theta = np.zeros(d + 1)
    penalty = np.r_[np.full(d, l2), 0.0]
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(A @ theta)))
        grad = A.T @ (p - y) / n + penalty * theta
        hess = (A * (p * (1 - p))[:, None]).T @ A / n + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.max(np.abs(step)) < 1e-13:
            break
    return theta[:d], float(theta[d])


@pytest.fixture
def newton_logistic() -> Callable[[np.ndarray, np.ndarray, float], tuple[np.ndarray, float]]:
    return _newton_logistic
