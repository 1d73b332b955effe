"""Helpers the graded suites share (their conftest files import them).

Here, in the package, rather than in a file beside the tests: every place that runs the
graded tests (``m2m grade``, a learner's bundle, an nbgrader assignment) already imports
:mod:`m2m` (the tests use :mod:`m2m.numgrad` and :mod:`m2m.opcheck`), so nothing has to be
copied along. Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def memo(fn: Callable[[], T]) -> Callable[[], T]:
    """``fn`` run once, on the first call; later calls replay its result or re-raise its
    error.

    A wide fixture returns ``memo(run)`` instead of running course code at setup, so a
    missing task fails inside each test that needs it (with the stub's message), never
    as a fixture error, and an expensive run (a training) happens once per scope.
    """
    box: dict[str, object] = {}

    def call() -> T:
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        if "value" not in box:
            try:
                box["value"] = fn()
            except Exception as exc:
                box["error"] = exc
                raise
        return box["value"]  # type: ignore[return-value]

    return call


def leave_out_slow_tests(config: Any, items: list[Any]) -> None:
    """A project conftest's ``pytest_collection_modifyitems``: tests marked ``slow`` (the
    reference's bars, minutes of training on the full data) run only when the marker
    expression asks for them (``-m slow``, as ``make test-slow`` does). A grade, an nbgrader
    autograde and a plain run of the folder leave them out: they hold the reference to its
    bar, they are no part of a learner's score."""
    expr = config.getoption("markexpr", "") or ""
    if "slow" in expr.replace("not slow", ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
