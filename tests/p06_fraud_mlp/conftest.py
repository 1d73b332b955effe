"""Fixtures of the P06 suite: cached training runs and independent references.

``pytest_generate_tests`` runs the course's generic op checks on every op P06 registers.
Nothing here calls course code at import or fixture-setup time: the cached runs are
callables, so a missing task fails inside the test that needs it, never at setup. The
references are plain float64 NumPy written differently from any solution.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from m2m.testing import memo

OWNER = "p06"

# Used only when shared.functional cannot even be imported: the generic op tests are then
# collected under these names and each one fails with the import error.
FALLBACK_OPS = {3: ("linear",), 5: ("binary_cross_entropy_with_logits",)}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One case per registered P06 op of the test's task, for tests asking for ``op_name``
    (the course's generic op checks, ``m2m.opcheck``)."""
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m import opcheck

    opcheck.parametrize(metafunc, OWNER, FALLBACK_OPS)


@pytest.fixture(scope="session")
def transactions_run() -> Callable[[], object]:
    """Callable giving ``run_dataset(transactions_dataset(100_000, seed=0), seed=0)`` with
    the reference settings, trained once for the whole session (about 2 s)."""

    def run() -> object:
        from projects.p06_fraud_mlp import run_dataset, transactions_dataset

        return run_dataset(transactions_dataset(100_000, seed=0), seed=0)

    return memo(run)


@pytest.fixture(scope="session")
def thyroid_run() -> Callable[[], object]:
    """Callable giving ``run_dataset(thyroid_dataset(seed=0), seed=0)``, run once."""

    def run() -> object:
        from projects.p06_fraud_mlp import run_dataset, thyroid_dataset

        return run_dataset(thyroid_dataset(seed=0), seed=0)

    return memo(run)


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
