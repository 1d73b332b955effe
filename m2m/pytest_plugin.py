"""pytest plugin for the graded suites.

Loaded by every pytest run of the course (``addopts`` in pyproject.toml and
``tests/conftest.py``), and passed explicitly with ``-p`` by the grader. It

- adds ``--impl learner|solutions`` and activates that tree before collection,
  so nothing imports ``shared`` or ``projects`` from the wrong tree;
- registers the markers ``points(n)``, ``task(n)`` and ``public``;
- loads a deterministic hypothesis profile (no deadline, derandomized);
- turns a stub's ``NotImplementedError`` into a one-line "not implemented yet" message;
- with ``--m2m-report FILE``, streams one JSON line per event (collection, test start,
  test result) so that the grader knows what ran even if the process dies mid-test;
- ``--task N`` keeps one task's tests; ``--m2m-order reverse|shuffle:SEED`` reorders them
  (used to prove the grade does not depend on test order).
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import os
import random
import re
import sys
from pathlib import Path

import pytest

from m2m import impl as _impl
from m2m.stubs import stub_message

_REPORT_KEY = pytest.StashKey[dict]()
_STREAM_KEY = pytest.StashKey[object]()


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
    for line in (
        "points(n): points the test is worth when graded (default 1)",
        "task(n): the task of the project's brief that the test grades",
        "public: shipped to learners in an assignment bundle",
        "slow: takes minutes; left out of `make test`, run by `make test-slow` (CI runs both)",
        "nbgrader: runs the real nbgrader CLI (needs the instructor extra)",
    ):
        config.addinivalue_line("markers", line)
    _impl.activate(config.getoption("impl"))
    _when_imported("hypothesis", _load_hypothesis_profile)
    config.stash[_REPORT_KEY] = {}
    path = config.getoption("m2m_report")
    config.stash[_STREAM_KEY] = open(path, "a", encoding="utf-8") if path else None  # noqa: SIM115


def _emit(config: pytest.Config, event: dict) -> None:
    stream = config.stash.get(_STREAM_KEY, None)
    if stream is not None:
        stream.write(json.dumps(event) + "\n")
        stream.flush()


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``then()`` right after the module ``name`` is first imported, before anything
    uses it. Importing hypothesis takes over half a second, and most grading processes
    run no hypothesis test; a profile loaded at that moment still reaches every
    ``@settings`` and ``@given`` written after the import."""

    def __init__(self, name: str, then) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # find the real module, once
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenLoader(spec.loader, self.then)
        return spec


class _ThenLoader(importlib.abc.Loader):
    """Wraps one module's loader (which may serve many modules: pytest's assertion
    rewriter does) to run ``then()`` after that module is executed."""

    def __init__(self, loader, then) -> None:
        self._loader, self._then = loader, then

    def __getattr__(self, attr):  # get_resource_reader, is_package, ...
        return getattr(self._loader, attr)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        # The module keeps its own loader, as if nothing had been in between.
        module.__loader__ = module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._then()


def _when_imported(name: str, then) -> None:
    if name in sys.modules:
        then()
    elif not any(isinstance(f, _AfterImport) and f.name == name for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport(name, then))


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
        "seconds": 0.0,
        "shared": _shared_fixtures(item),
    }


_TOOL_MODULES = ("_pytest", "pytest", "hypothesis", "m2m")


def _shared_fixtures(item: pytest.Item) -> list[str]:
    """The course's fixtures wider than one test (module or session scope) that ``item``
    uses, as ``name`` or ``file::name`` for module scope. Tests that share one compute it
    once in a process, so a grader that spreads tests over processes keeps them together.
    """
    info = getattr(item, "_fixtureinfo", None)
    shared = []
    for name, defs in sorted(getattr(info, "name2fixturedefs", {}).items()):
        if not defs:
            continue
        fixture = defs[-1]  # the definition this test sees
        module = getattr(fixture.func, "__module__", "") or ""
        if fixture.scope == "function" or module.startswith(_TOOL_MODULES):
            continue
        if fixture.scope in ("module", "class"):
            shared.append(f"{item.nodeid.split('::', 1)[0]}::{name}")
        else:
            shared.append(name)
    return shared


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


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.Module):
        _emit(collector.config, {"event": "collect", "nodeid": collector.nodeid})


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    # A module that calls sys.exit() while it is imported would end the whole session;
    # it fails its own file's collection instead, like any other import error.
    try:
        return (yield)
    except SystemExit as exc:
        return pytest.CollectReport(
            collector.nodeid,
            "failed",
            f"the code called sys.exit({exc.code!r}) while this file was imported",
            [],
        )


def pytest_collectreport(report: pytest.CollectReport) -> None:
    # Recorded so the grader can say which file failed to import instead of "0 tests".
    if report.failed:
        config = _CONFIG.get("config")
        if config is not None:
            _emit(
                config,
                {
                    "event": "collect_error",
                    "nodeid": report.nodeid,
                    "message": _first_line(str(report.longrepr)),
                },
            )


_CONFIG: dict[str, pytest.Config] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG["config"] = session.config


def pytest_collection_finish(session: pytest.Session) -> None:
    records = session.config.stash[_REPORT_KEY]
    for item in session.items:
        records[item.nodeid] = _record(item)
    _emit(session.config, {"event": "collected", "tests": list(records.values())})


def pytest_runtest_logstart(nodeid: str, location) -> None:
    config = _CONFIG.get("config")
    if config is not None:
        _emit(config, {"event": "start", "nodeid": nodeid})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    records = item.config.stash[_REPORT_KEY]
    rec = records.setdefault(item.nodeid, _record(item))
    rec["seconds"] = round(rec["seconds"] + float(report.duration), 4)
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
            rec["message"] = _describe(call.excinfo)
        else:
            rec["message"] = _first_line(str(report.longrepr))
    elif report.skipped and rec["outcome"] == "passed":
        rec["outcome"] = "skipped"
        rec["message"] = _first_line(str(report.longrepr))
    if report.when == "teardown":
        _emit(item.config, {"event": "result", "test": rec})


def _first_line(text: str, limit: int = 300) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    line = lines[-1] if lines else ""
    return line[:limit]


def _describe(excinfo: pytest.ExceptionInfo) -> str:
    """One line for the grade report; the common failures of hostile code named plainly."""
    exc = excinfo.value
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if isinstance(exc, MemoryError):
        return f"memory limit exceeded ({type(exc).__name__})"
    timeout = re.search(r"Timeout \(?>([0-9.]+)s", first)  # pytest-timeout's message
    if timeout:
        return f"timed out after {float(timeout.group(1)):g} s"
    if isinstance(exc, SystemExit):
        return f"the code called sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {first}"[:300]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _emit(session.config, {"event": "finished", "exitstatus": int(exitstatus)})
    stream = session.config.stash.get(_STREAM_KEY, None)
    if stream is not None:
        stream.close()
        session.config.stash[_STREAM_KEY] = None


def read_events(path: Path) -> list[dict]:
    """The events a run streamed; a line cut short by a crash is dropped."""
    events = []
    if Path(path).is_file():
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                break
    return events
