"""pytest plugin for the graded suites.

Loaded by every pytest run of the course (``addopts`` in pyproject.toml and
``tests/conftest.py``), and passed explicitly with ``-p`` by ``m2m grade``. It

- adds ``--impl learner|solutions`` and activates that tree before collection,
  so nothing imports ``shared`` or ``projects`` from the wrong tree;
- checks the markers ``points(n)`` and ``task(n)``;
- ``--task N`` keeps one task's tests; ``--m2m-order reverse|shuffle:SEED`` reorders them
  (used to prove the grade does not depend on test order);
- on the learner tree of a checkout that has the reference, ends the run with what
  ``m2m grade`` will grade differently from what the tests just ran (edits to given code
  that grading ignores, answers it refuses), so public tests and grade never disagree
  silently;
- registers the grading engine's pytest side (:class:`m2m.runtime.engine.EnginePlugin`) unless the
  engine's own child already did: the course's markers, the deterministic hypothesis
  profile, "not implemented yet" messages for stubs and, with ``--m2m-report FILE``, one
  JSON line per event (collection, test start, test result). The engine adds the time
  limits when it runs the tests; a plain pytest run leaves them to pytest-timeout.
"""

from __future__ import annotations

import random

import pytest

from m2m import impl as _impl
from m2m.runtime import engine


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("m2m", "From Math to Machine")
    group.addoption(
        "--impl",
        choices=_impl.IMPLS,
        default=None,
        help=f"implementation tree to test (default: ${_impl.ENV_VAR} or learner)",
    )
    group.addoption("--m2m-report", default=None, help="stream JSON-lines test events here")
    group.addoption(
        "--task",
        type=int,
        default=None,
        dest="m2m_task",
        help="run only the tests of this task (the brief's task number)",
    )
    group.addoption(
        "--m2m-order",
        default=None,
        help="reorder tests: 'reverse' or 'shuffle:SEED' (determinism checks)",
    )


def pytest_configure(config: pytest.Config) -> None:
    _impl.activate(config.getoption("impl"))
    plugins = config.pluginmanager.get_plugins()
    if not any(getattr(p, "m2m_engine_plugin", False) for p in plugins):
        # Registered during configure, it still gets its own pytest_configure (historic).
        config.pluginmanager.register(
            engine.make_plugin(config.getoption("m2m_report")), "m2m-engine"
        )


def _marker_value(item: pytest.Item, name: str, default):
    marker = item.get_closest_marker(name)
    if marker is None or not marker.args:
        return default
    return marker.args[0]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        task = _marker_value(item, "task", None)
        if task is not None and (not isinstance(task, int) or task < 1):
            raise pytest.UsageError(
                f"{item.nodeid}: task marker must be a positive int, got {task!r}"
            )
        points = _marker_value(item, "points", 1)
        if not isinstance(points, (int, float)) or points <= 0:
            raise pytest.UsageError(
                f"{item.nodeid}: points marker must be positive, got {points!r}"
            )
    task = config.getoption("m2m_task")
    if task is not None:
        keep = [i for i in items if _marker_value(i, "task", None) == task]
        dropped = [i for i in items if _marker_value(i, "task", None) != task]
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
    order = config.getoption("m2m_order")
    if order == "reverse":
        items.reverse()
    elif order and order.startswith("shuffle:"):
        random.Random(int(order.split(":", 1)[1])).shuffle(items)
    elif order:
        raise pytest.UsageError(f"--m2m-order: expected 'reverse' or 'shuffle:SEED', got {order!r}")


def grading_differences(root) -> list[str]:
    """What ``m2m grade`` rebuilds in the learner tree at ``root``: one line per edit it
    ignores or answer it refuses (empty when it grades the files as they are)."""
    from m2m.release import tree as release

    source = release.Source(root)
    lines: list[str] = []
    for rel in source.files:
        path = root / rel
        if not rel.endswith(".py") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        _, note = release.graded_file(source, rel, text)
        for line in (note or "").splitlines():
            if "were kept" not in line:
                lines.append(line)
    return lines


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    if _impl.resolve(config.getoption("impl")) != "learner":
        return
    try:
        root = _impl.repo_root()
    except _impl.ImplError:
        return
    if not (root / "solutions").is_dir():
        return  # a bundle: graded as it stands, exactly what these tests ran
    differences = grading_differences(root)
    if differences:
        terminalreporter.section("what m2m grade grades differently", sep="-", yellow=True)
        terminalreporter.write_line(
            "These tests ran your files as they are; the grade keeps your answers and your "
            "own definitions, and grades given code as released:"
        )
        for line in differences:
            terminalreporter.write_line(f"  {line}")


read_events = engine.read_events  # the stream's reader, for callers of the old name
