"""Fixtures of the P10 suite: the op parametrization and one cached short training run on
the names.

Nothing here calls course code at import or fixture-setup time: the cached run is a
callable, so a missing task fails inside the test that needs it. The hidden tests' float64
references of the recurrent cells are in hidden_oracles.py, which ships with them only.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from m2m.testing import leave_out_slow_tests, memo

OWNER = "p10"

# Used only when shared.functional cannot even be imported.
FALLBACK_OPS = {3: ("stack", "concat", "embedding"), 4: ("lstm_cell",)}


# The bars (`@pytest.mark.slow`) run only with `-m slow` (make test-slow), never in a grade.
pytest_collection_modifyitems = leave_out_slow_tests


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "op_name" not in metafunc.fixturenames:
        return
    from m2m.opchecks import checks as opcheck

    opcheck.parametrize(metafunc, OWNER, FALLBACK_OPS)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20241010)


@pytest.fixture(scope="session")
def names_short_run() -> Callable[[], object]:
    """Callable giving a short names run (LSTM, 120 steps, a few seconds), run once."""

    def run() -> object:
        from projects.p10_char_rnn import run_names

        return run_names(seed=0, max_steps=120, eval_every=10**9)

    return memo(run)
