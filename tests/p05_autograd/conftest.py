"""Fixtures of the P05 suite, and the parametrization of the generic op tests.

``pytest_generate_tests`` gives every test that asks for ``op_name`` one case per op of
the registry that P05 owns and that the test's task implements (task 3: elementwise ops,
task 4: matmul and reductions, task 5: shapes and indexing), through the course's generic
op checks (``m2m.opchecks.checks``). Only the registry's names are read at collection, never an
op's code, so an unfinished stub fails its own test cases instead of breaking the
collection. A newly registered P05 op is tested at once.

The tiny ops the hidden tests of the backward engine build graphs from (``probe_ops``) are
in hidden_oracles.py, which ships with them only.
"""

from __future__ import annotations

import numpy as np
import pytest

OWNER = "p05"

# Used only when shared.functional cannot even be imported: the tests are then collected
# under these names and each one fails with the import error.
FALLBACK_OPS = {
    3: ("add", "sub", "mul", "div", "neg", "pow", "exp", "log", "relu", "sigmoid", "tanh"),
    4: ("matmul", "sum", "mean", "max"),
    5: ("reshape", "transpose", "getitem"),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m.opchecks import checks as opcheck

    opcheck.parametrize(metafunc, OWNER, FALLBACK_OPS)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240605)
