"""The hidden tests' oracles for P04 (hidden support: never shipped with the public tests).

Plain float64 NumPy written differently from any solution. Hidden test modules load this
file with ``m2m.testing.hidden_support(__file__, "oracles")`` and take the fixtures they
use from it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest


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
