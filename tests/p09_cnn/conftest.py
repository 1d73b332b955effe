"""Fixtures of the P09 suite: the op parametrization and cached training runs.

``pytest_generate_tests`` gives every test that asks for ``op_name`` one case per op of
the registry that P09 owns and that the test's task implements (task 1: conv2d, task 2:
max_pool2d and avg_pool2d, task 3: batch_norm and flatten), through the course's generic
op checks (``m2m.opchecks.checks``). Nothing here calls course code at import or fixture-setup
time: the cached runs are callables, so a missing task fails inside the test that needs
it. The hidden tests' convolution by loops and their copy of the brief's network are in
hidden_oracles.py, which ships with them only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from m2m.testing import leave_out_slow_tests, memo

OWNER = "p09"

FALLBACK_OPS = {1: ("conv2d",), 2: ("max_pool2d", "avg_pool2d"), 3: ("batch_norm", "flatten")}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m.opchecks import checks as opcheck

    opcheck.parametrize(metafunc, OWNER, FALLBACK_OPS)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240909)


@pytest.fixture(scope="session")
def small_run() -> Callable[[], object]:
    """Callable giving a small but real run of the experiment: 1 epoch on the first 2,000
    training digits, evaluated on the first 500 test digits (a few seconds)."""

    def run() -> object:
        from projects.p09_cnn import run_cnn

        return run_cnn("mnist", seed=0, progress=False, n_train=2000, n_test=500, epochs=1)

    return memo(run)


# The bars (`@pytest.mark.slow`) run only with `-m slow` (make test-slow), never in a grade.
pytest_collection_modifyitems = leave_out_slow_tests
