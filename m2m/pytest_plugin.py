"""pytest plugin for the graded suites.

Loaded by every pytest run of the course (``addopts`` in pyproject.toml and
``tests/conftest.py``), and passed explicitly with ``-p`` by the grader. It

- adds ``--impl learner|solutions`` and activates that tree before collection,
  so nothing imports ``shared`` or ``projects`` from the wrong tree;
- registers the markers ``points(n)``, ``task(n)`` and ``public``;
- loads a deterministic hypothesis profile (no deadline, derandomized);
- turns a stub's ``NotImplementedError`` into a one-line "not implemented yet" message;
- with ``--m2m-report FILE``, writes one JSON record per test for ``m2m grade``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from m2m import impl as _impl
from m2m.stubs import stub_message

_REPORT_KEY = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("m2m", "From Math to Machine")
    group.addoption(
        "--impl",
        choices=_impl.IMPLS,
        default=None,
        help=f"implementation tree to test (default: ${_impl.ENV_VAR} or learner)",
    )
    group.addoption("--m2m-report", default=None, help="write per-test JSON records here")
    group.addoption(
        "--task",
        type=int,
        default=None,
        dest="m2m_task",
        help="run only the tests of this task (the brief's task number)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in (
        "points(n): points the test is worth when graded (default 1)",
        "task(n): the task of the project's brief that the test grades",
        "public: shipped to learners in an assignment bundle",
        "slow: takes more than a few seconds",
        "nbgrader: runs the real nbgrader CLI (needs the instructor extra)",
    ):
        config.addinivalue_line("markers", line)
    _impl.activate(config.getoption("impl"))
    _load_hypothesis_profile()
    config.stash[_REPORT_KEY] = {}


def _load_hypothesis_profile() -> None:
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:  # hypothesis is a test extra; suites that need it import it
        return
    settings.register_profile(
        "m2m",
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("M2M_HYPOTHESIS_PROFILE", "m2m"))


def _marker_value(item: pytest.Item, name: str, default):
    marker = item.get_closest_marker(name)
    if marker is None or not marker.args:
        return default
    return marker.args[0]


def _record(item: pytest.Item) -> dict:
    return {
        "nodeid": item.nodeid,
        "task": _marker_value(item, "task", None),
        "points": _marker_value(item, "points", 1),
        "public": item.get_closest_marker("public") is not None,
        "outcome": "not run",
        "message": "",
        "stub": None,
    }


def pytest_collection_finish(session: pytest.Session) -> None:
    records = session.config.stash[_REPORT_KEY]
    for item in session.items:
        records[item.nodeid] = _record(item)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    records = item.config.stash[_REPORT_KEY]
    rec = records.setdefault(item.nodeid, _record(item))
    if report.when == "setup" and rec["outcome"] == "not run":
        rec["outcome"] = "passed"
    if report.failed:
        rec["outcome"] = "failed" if report.when == "call" else "error"
        stub = stub_message(call.excinfo.value if call.excinfo else None)
        if stub:
            rec["stub"] = stub
            rec["message"] = f"not implemented yet: {stub}"
            # The learner needs the pointer, not a traceback into the stub.
            report.longrepr = f"not implemented yet: {stub}"
        elif call.excinfo is not None:
            rec["message"] = _one_line(call.excinfo)
        else:
            rec["message"] = _first_line(str(report.longrepr))
    elif report.skipped and rec["outcome"] == "passed":
        rec["outcome"] = "skipped"
        rec["message"] = _first_line(str(report.longrepr))


def _first_line(text: str, limit: int = 300) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    line = lines[-1] if lines else ""
    return line[:limit]


def _one_line(excinfo: pytest.ExceptionInfo) -> str:
    exc = excinfo.value
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(exc).__name__}: {first}"[:300]


_collect_errors: list[dict] = []


def pytest_collectreport(report: pytest.CollectReport) -> None:
    # Recorded so the grader can say which file failed to import instead of "0 tests".
    if report.failed:
        _collect_errors.append(
            {"nodeid": report.nodeid, "message": _first_line(str(report.longrepr))}
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = session.config.getoption("m2m_report")
    if not path:
        return
    records = list(session.config.stash[_REPORT_KEY].values())
    payload = {"tests": records, "collect_errors": list(_collect_errors)}
    Path(path).write_text(json.dumps(payload, indent=1), encoding="utf-8")


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
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep
