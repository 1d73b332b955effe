"""Fixtures of the P04 suite: one cached run of the filter.

Nothing here calls course code at import or fixture-setup time: the cached run is a
callable, so a missing task fails inside the test that needs it, never at setup. The
hidden tests' oracles (ROC-AUC by pairs, outcome counts) are in hidden_oracles.py, which
ships with them only.
"""

from __future__ import annotations

from collections.abc import Callable

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
