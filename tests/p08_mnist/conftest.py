"""Fixtures of the P08 suite: the op parametrization, a toy dataset, cached MNIST runs.

``pytest_generate_tests`` gives every test that asks for ``op_name`` one case per op of
the registry that P08 owns and that the test's task implements (task 1: softmax and
log_softmax, task 2: cross_entropy), through the course's generic op checks
(``m2m.opchecks.checks``). Nothing here calls course code at import or fixture-setup time: the
cached run is a callable, so a missing task fails inside the test that needs it. The hidden
tests' float64 references of log-softmax and cross-entropy are in hidden_oracles.py, which
ships with them only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from m2m.testing import memo

OWNER = "p08"

# Used only when shared.functional cannot even be imported: the tests are then collected
# under these names and each one fails with the import error.
FALLBACK_OPS = {1: ("softmax", "log_softmax"), 2: ("cross_entropy",)}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m.opchecks import checks as opcheck

    opcheck.parametrize(metafunc, OWNER, FALLBACK_OPS)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240808)


@pytest.fixture(scope="session")
def mnist_run() -> Callable[[], object]:
    """Callable giving ``run_mnist(seed=0)`` (the reference settings: 6 epochs on all
    60,000 training digits), run once for the whole P08 session (a few seconds)."""

    def run() -> object:
        from projects.p08_mnist import run_mnist

        return run_mnist(seed=0, progress=False)

    return memo(run)


@pytest.fixture(scope="session")
def small_run() -> Callable[[], object]:
    """Callable giving a small but real run of the experiment: 2 epochs on the first 2,000
    training digits, evaluated on the first 1,000 test digits (well under a second). For
    tests of the demo's plumbing, not of accuracy."""

    def run() -> object:
        from projects.p08_mnist import run_mnist

        return run_mnist(seed=0, progress=False, n_train=2000, n_test=1000, epochs=2)

    return memo(run)


def _blobs(n: int = 240, d: int = 6, c: int = 3, seed: int = 0):
    """A small, separable classification problem: c Gaussian blobs in d dimensions,
    float32 features (n, d) and int64 labels (n,)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, 3.0, size=(c, d))
    y = rng.integers(0, c, size=n)
    X = centres[y] + rng.normal(0.0, 1.0, size=(n, d))
    return X.astype(np.float32), y.astype(np.int64)


@pytest.fixture
def blobs() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    return _blobs
