"""The hidden tests' oracles for P06 (hidden support: never shipped with the public tests).

Plain float64 NumPy written differently from any solution. Hidden test modules load this
file with ``m2m.testing.hidden_support(__file__, "oracles")`` and take the fixtures they
use from it.
"""

from __future__ import annotations

import numpy as np
import pytest


def _brute_pr(y: np.ndarray, scores: np.ndarray):
    """(precision, recall, thresholds) by trying every distinct score as a threshold,
    from the highest down, with an explicit comparison each time."""
    y = np.asarray(y).astype(bool)
    thresholds = np.unique(scores)[::-1]
    precision, recall = [], []
    for t in thresholds:
        flagged = scores >= t
        tp = np.sum(flagged & y)
        precision.append(tp / np.sum(flagged))
        recall.append(tp / np.sum(y))
    return np.array(precision), np.array(recall), thresholds


@pytest.fixture
def brute_pr():
    return _brute_pr


def _ap_by_positives(y: np.ndarray, scores: np.ndarray) -> float:
    """AP as the mean, over the positives, of the precision at the threshold equal to
    that positive's score (ties flagged together): another route to the step sum."""
    y = np.asarray(y).astype(bool)
    values = []
    for s in scores[y]:
        flagged = scores >= s
        values.append(np.sum(flagged & y) / np.sum(flagged))
    return float(np.mean(values))


@pytest.fixture
def ap_by_positives():
    return _ap_by_positives


def _weighted_bce(z, y, pos_weight=1.0) -> float:
    """Mean of -(w y log σ(z) + (1 - y) log(1 - σ(z))), σ written out (moderate |z| only)."""
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = 1.0 / (1.0 + np.exp(-z))
    return float(-np.mean(pos_weight * y * np.log(s) + (1.0 - y) * np.log(1.0 - s)))


@pytest.fixture
def weighted_bce():
    return _weighted_bce
