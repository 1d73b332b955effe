"""Fixtures of the P06 suite: cached training runs.

``pytest_generate_tests`` runs the course's generic op checks on every op P06 registers.
Nothing here calls course code at import or fixture-setup time: the cached runs are
callables, so a missing task fails inside the test that needs it, never at setup. The
hidden tests' oracles (PR curve and AP by brute force, the weighted BCE) are in
hidden_oracles.py, which ships with them only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from m2m.testing import memo

OWNER = "p06"

# Used only when shared.functional cannot even be imported: the generic op tests are then
# collected under these names and each one fails with the import error.
FALLBACK_OPS = {3: ("linear",), 5: ("binary_cross_entropy_with_logits",)}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One case per registered P06 op of the test's task, for tests asking for ``op_name``
    (the course's generic op checks, ``m2m.opchecks.checks``)."""
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m.opchecks import checks as opcheck

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
