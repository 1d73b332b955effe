"""Helpers the graded suites share (their conftest files import them).

Here, in the package, rather than in a file beside the tests: every place that runs the
graded tests (``m2m grade``, a learner's bundle, an nbgrader assignment) already imports
:mod:`m2m` (the tests use :mod:`m2m.opchecks.numgrad` and :mod:`m2m.opchecks.checks`),
so nothing has to be copied along. Standard library only.

Hidden support: a file of a project's test folder whose name starts with
:data:`HIDDEN_PREFIX` (``hidden_oracles.py``) travels with the hidden tests and never with
the public ones (see :func:`m2m.release.hidden.is_hidden_test_path`). The test oracles of graded
tasks live there. Wherever the hidden tests run (the repository, ``m2m grade``'s sandbox,
an nbgrader assignment's ``tests_hidden/``), their hidden support sits in the same folder,
so a hidden test module loads it from beside itself with :func:`hidden_support`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

T = TypeVar("T")

HIDDEN_PREFIX = "hidden_"  # hidden support: shipped with the hidden tests only


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


def hidden_support(test_file: str | Path, name: str) -> ModuleType:
    """The hidden support module ``hidden_<name>.py`` in the folder of ``test_file`` (a
    hidden test module's ``__file__``), imported once per path.

    A hidden test module takes what it needs from it at import time, fixtures included::

        oracles = hidden_support(__file__, "oracles")
        ref = oracles.ref  # a fixture of hidden_oracles.py, now one of this module's

    Raises ImportError naming the file when it is missing: hidden support never ships with
    the public tests, so only a hidden test may ask for it.
    """
    path = (Path(test_file).resolve().parent / f"{HIDDEN_PREFIX}{name}.py").resolve()
    key = "m2m_hidden_" + hashlib.sha256(str(path).encode()).hexdigest()[:12] + "_" + name
    if key in sys.modules:
        return sys.modules[key]
    if not path.is_file():
        raise ImportError(
            f"{path.name} is missing beside {Path(test_file).name}: it is hidden test support, "
            "shipped with the hidden tests only, never with the public ones"
        )
    spec = importlib.util.spec_from_file_location(key, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses and pickling look a module up there
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[key]
        raise
    return module
