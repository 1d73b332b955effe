"""Grade one task of an assignment from a notebook cell: its tests run in a separate process.

``m2m nbgrader build`` copies this file into every assignment as ``m2m_check.py``; each
autograded cell of the assignment's notebook calls :func:`run_task`. It needs only the
standard library in the kernel, and pytest plus what the tests import (NumPy, matplotlib)
in the same Python: the course tooling (``m2m``) is used when it is installed, never
required.

Why a separate process: the code under test may crash (``os._exit``, a segfault), hang or
exhaust memory. Inside the kernel that would stop the notebook and nbgrader would discard
the whole submission; here it costs the one task whose tests were running. The child runs
pytest with ``--noconftest``, ``-c /dev/null`` and ``-p no:cacheprovider`` so that a
``conftest.py``, ``pytest.ini`` or cache planted in a submission cannot change the outcome,
and with the assignment folder at the *end* of ``sys.path`` so that a planted ``numpy.py``
or ``pytest.py`` cannot stand in for the real package. The fixtures of the course's test
folders (``tests/<project>/conftest.py``, restored from the instructor's copy when
autograding) are loaded explicitly as plugins.

A cell passes when every test of its task passes: :func:`run_task` prints ``k/n passed``
on stdout and raises ``AssertionError("FAILED <test>: <message>")`` otherwise. With
``partial=True`` it returns the points earned instead, which nbgrader reads as partial
credit.

While nbgrader grades (autograde), the first task cell runs the whole suite at once, in a
few processes side by side as ``tests_hidden/m2m_plan.json`` lays out (made when the
course was built), and every cell takes its tests' results from that run: one start-up
and one collection instead of one per task, and the cores of the machine in use. A
process of that run that crashes or hangs reports nothing; the tests it held are then run
again task by task, as above, so the crash still costs only the task whose test caused it.
A learner running the notebook (no plan: it is never released) gets the per-task run.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 300  # seconds for all the tests of one task (set per course by the build)
DEFAULT_MEMORY_MB = 4096  # address-space limit of the test process
MAX_REPORTED_FAILURES = 10
NODEID_PROPERTY = "m2m_nodeid"
FIXTURE_FILES: list[str] = []  # the course's conftest.py files, set per assignment by the build
PLAN_FILE = "tests_hidden/m2m_plan.json"  # how the suite is spread over processes
JOBS_VARIABLE = "M2M_CHECK_JOBS"  # caps the processes of one suite run (default: the cores)
POSIX = os.name == "posix"

# The suite's results for the files they were computed on (see _graded_results).
_SUITE: dict = {"key": None, "results": {}}


@dataclass
class TestResult:
    """The outcome of one test: ``passed``, ``failed``, ``skipped`` or ``error``."""

    nodeid: str
    outcome: str
    message: str = ""
    reported: bool = True  # False: pytest said nothing about it (the process died, ...)

    @property
    def name(self) -> str:
        """The test as a learner reads it: file name and test name, no folders."""
        return self.nodeid.rsplit("/", 1)[-1]


# ----------------------------------------------------------------------------- the cell side


def run_task(
    task: int | str,
    tests: list[str],
    *,
    points: float | None = None,
    timeout: float | None = None,
    partial: bool = False,
) -> float | None:
    """Run ``tests`` (pytest node ids relative to the assignment folder) and report.

    Prints ``Task K: k/n tests passed`` on stdout. Returns None when every test passed and
    raises ``AssertionError`` naming each failed test otherwise; with ``partial=True`` it
    never raises and returns ``points * passed / n`` (nbgrader's partial credit).
    """
    if not tests:
        # The released notebook of a task graded by hidden tests only.
        print(f"Task {task}: no public tests; the hidden tests grade this task")
        return None
    limit = float(timeout or DEFAULT_TIMEOUT)
    results = _graded_results(list(tests), limit) if grading() else None
    if results is None:
        results = run_tests(list(tests), timeout=limit)
    passed = sum(r.outcome == "passed" for r in results)
    failed = [r for r in results if r.outcome != "passed"]
    print(f"Task {task}: {passed}/{len(results)} tests passed")
    lines = [f"FAILED {r.name}: {r.message or r.outcome}" for r in failed]
    if len(lines) > MAX_REPORTED_FAILURES:
        more = len(lines) - MAX_REPORTED_FAILURES
        lines = lines[:MAX_REPORTED_FAILURES] + [f"... and {more} more failed tests"]
    if partial:
        for line in lines:
            print(line)
        worth = float(points) if points is not None else float(len(results))
        return round(worth * passed / len(results), 6)
    if failed:
        raise AssertionError("\n".join(lines))
    return None


def _graded_results(tests: list[str], timeout: float) -> list[TestResult] | None:
    """``tests``' results from one run of the whole suite (see the module's docstring);
    None when the assignment has no plan, as in a learner's copy."""
    root = Path(__file__).resolve().parent
    plan = read_plan(root)
    if plan is None:
        return None
    key = _fingerprint(root)
    if _SUITE["key"] != key:  # the first cell, or the code changed since the last run
        _SUITE["results"] = run_plan(plan, root=root, timeout=timeout)
        _SUITE["key"] = key
    known: dict[str, TestResult] = _SUITE["results"]
    missing = [nodeid for nodeid in tests if nodeid not in known]
    if missing:  # their process crashed or hung, or the plan did not name them
        known.update((r.nodeid, r) for r in run_tests(missing, root=root, timeout=timeout))
    return [known[nodeid] for nodeid in tests]


def read_plan(root: Path) -> list[list[str]] | None:
    """The node ids of each process of a suite run, or None without a usable plan."""
    try:
        data = json.loads((root / PLAN_FILE).read_text(encoding="utf-8"))
        shards = [list(map(str, shard["tests"])) for shard in data["shards"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    shards = [shard for shard in shards if shard]
    return shards or None


def _fingerprint(root: Path) -> str:
    """A digest of every ``.py`` file of the assignment: results are reused only for the
    code they were computed on."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if "__pycache__" in rel.parts or ".ipynb_checkpoints" in rel.parts:
            continue
        try:
            data = path.read_bytes()
        except OSError:
            data = b"?"
        digest.update(rel.as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def _jobs(wanted: int) -> int:
    try:
        cap = int(os.environ.get(JOBS_VARIABLE, "") or (os.cpu_count() or 1))
    except ValueError:
        cap = os.cpu_count() or 1
    return max(1, min(wanted, cap))


def run_plan(
    shards: list[list[str]],
    *,
    root: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> dict[str, TestResult]:
    """Run every shard of a plan, side by side, each in its own child pytest; results by
    node id of the shards that finished (a shard that crashed or ran out of time gives
    none). Fewer processes than shards (``$M2M_CHECK_JOBS`` or the cores) merge shards."""
    jobs = _jobs(len(shards))
    batches = [[nodeid for shard in shards[k::jobs] for nodeid in shard] for k in range(jobs)]
    results: dict[str, TestResult] = {}
    for batch_results, finished in _run_batches(batches, root, timeout, memory_mb):
        if finished:
            results.update((r.nodeid, r) for r in batch_results if r.reported)
    return results


def grading() -> bool:
    """True while nbgrader executes the notebook (``autograde`` or ``validate``)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def show_api(package: str, *, timeout: float = 120) -> None:
    """Print the public names of ``package`` with the first line of each docstring.

    The import happens in a separate process, so a crash in the learner's code cannot stop
    the kernel; skipped while nbgrader grades the notebook.
    """
    if grading():
        print("(skipped while grading)")
        return None
    code = (
        "import importlib, inspect, sys\n"
        f"sys.path.append({str(Path(__file__).resolve().parent)!r})\n"
        f"m = importlib.import_module({package!r})\n"
        "names = getattr(m, '__all__', None) or [n for n in dir(m) if not n.startswith('_')]\n"
        "for n in names:\n"
        "    obj = getattr(m, n, None)\n"
        "    if inspect.isroutine(obj) or inspect.isclass(obj):\n"
        "        doc = (inspect.getdoc(obj) or '').strip().splitlines()\n"
        "        print(f'{n:<24} {doc[0] if doc else \"\"}')\n"
        "    else:\n"
        "        print(f'{n:<24} = {repr(obj)[:70]}')\n"
    )
    _run_and_print([sys.executable, "-I", "-B", "-c", code], timeout)
    return None


def run_demo(package: str, *, timeout: float = 1800) -> None:
    """Run ``python -m <package>`` (the project's demo) on your code in a separate process;
    its figures land in ``out/pNN/`` next to this notebook. Skipped while grading."""
    if grading():
        print("(skipped while grading)")
        return None
    root = Path(__file__).resolve().parent
    code = (
        "import runpy, sys\n"
        f"sys.path.append({str(root)!r})\n"
        f"runpy.run_module({package!r}, run_name='__main__', alter_sys=True)\n"
    )
    _run_and_print([sys.executable, "-I", "-B", "-c", code], timeout)
    return None


def _run_and_print(cmd: list[str], timeout: float) -> None:
    root = Path(__file__).resolve().parent
    env = _child_env(root, Path(tempfile.gettempdir()))
    env.pop("M2M_OUT_DIR", None)  # the demo's default: out/pNN/ under the working folder
    try:
        proc = subprocess.run(
            cmd,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # one stream, printed on stdout
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        print(f"stopped after {timeout:g} s")
        return
    print(proc.stdout.decode("utf-8", "replace").rstrip())
    if proc.returncode:
        print(f"(exited with status {proc.returncode})")


def run_tests(
    nodeids: list[str],
    *,
    root: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> list[TestResult]:
    """Run ``nodeids`` in a child pytest inside the assignment folder ``root`` (default: the
    folder holding this file); one result per requested node id, in order."""
    ((results, _finished),) = _run_batches([list(nodeids)], root, timeout, memory_mb)
    return results


def _run_batches(
    batches: list[list[str]], root: Path | None, timeout: float, memory_mb: int
) -> list[tuple[list[TestResult], bool]]:
    """Each batch in its own child pytest, all at once, within one time limit. For each:
    a result per node id in order, and whether the child finished and reported."""
    root = Path(root or Path(__file__).resolve().parent).resolve()
    with tempfile.TemporaryDirectory(prefix="m2m-check-") as tmp:
        children = []
        for k, nodeids in enumerate(batches):
            work = Path(tmp) / str(k)
            work.mkdir()
            log = open(work / "output.log", "wb")  # noqa: SIM115 (closed below)
            cmd = [
                sys.executable,
                "-I",  # no PYTHONPATH, no user site, no script folder on sys.path
                "-B",
                str(Path(__file__).resolve()),
                "--child",
                str(root),
                str(work / "junit.xml"),
                *nodeids,
            ]
            proc = subprocess.Popen(
                cmd,
                cwd=root,
                env=_child_env(root, work),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,  # nothing reaches the cell's stderr
                start_new_session=POSIX,  # its own process group, so it can be stopped whole
                preexec_fn=_limits(memory_mb) if POSIX else None,
            )
            children.append((proc, log, work))
        deadline = time.monotonic() + timeout
        outcomes = []
        for (proc, log, work), nodeids in zip(children, batches, strict=True):
            timed_out = False
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                timed_out = True
            _kill_group(proc)
            log.close()
            outcomes.append(_batch_results(nodeids, work, proc.returncode, timed_out, timeout))
        return outcomes


def _batch_results(
    nodeids: list[str], work: Path, returncode: int, timed_out: bool, timeout: float
) -> tuple[list[TestResult], bool]:
    xml_path, log_path = work / "junit.xml", work / "output.log"
    found, collect_errors = _read_junit(xml_path)
    reported = xml_path.is_file()
    why = _why_no_result(returncode, timed_out, timeout, log_path, reported)
    results = []
    for nodeid in nodeids:
        if nodeid in found:
            results.append(found[nodeid])
            continue
        module = _dotted_module(nodeid)
        error = next((m for name, m in collect_errors.items() if name == module), None)
        if error is not None:
            results.append(TestResult(nodeid, "error", f"could not import the test: {error}"))
        else:
            results.append(TestResult(nodeid, "error", why, reported=False))
    finished = reported and not timed_out and returncode is not None and returncode >= 0
    return results, finished


def _child_env(root: Path, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONINSPECT"):
        env.pop(key, None)
    for key in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS"):  # pytest reads these whatever -c says
        env.pop(key, None)
    env["M2M_IMPL"] = "learner"
    env["M2M_ROOT"] = str(root)
    env["M2M_OUT_DIR"] = str(tmp / "out")  # figures made by tests stay out of the submission
    env["MPLBACKEND"] = "Agg"
    # One BLAS thread, as m2m grade uses: a loaded machine cannot turn a correct solution
    # into a time-out by starving a thread pool.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    return env


def _limits(memory_mb: int):
    def apply() -> None:  # runs in the child between fork and exec
        try:
            import resource
        except ImportError:  # not on POSIX: the timeout still applies
            return
        if memory_mb:
            limit = memory_mb * 1024 * 1024
            try:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            except (ValueError, OSError):
                pass

    return apply


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop the child and anything it started (it leads its own process group)."""
    try:
        if POSIX:
            os.killpg(proc.pid, signal.SIGKILL)
        elif proc.poll() is None:
            proc.kill()
    except OSError:
        pass
    proc.wait()


def _why_no_result(
    returncode: int, timed_out: bool, timeout: float, log: Path, reported: bool
) -> str:
    """Why a requested test has no result, in words a learner can act on."""
    if timed_out:
        return f"timed out after {timeout:g} s (the tests had to be stopped)"
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if name == "SIGKILL":
            return "the test process was killed (SIGKILL): memory limit exceeded?"
        return f"the test process crashed ({name})"
    tail = _last_error_line(log)
    suffix = f": {tail}" if tail else ""
    if reported:
        return f"the test was not run{suffix}"
    return (
        f"the test process ended (status {returncode}) before reporting any result; "
        f"os._exit(), sys.exit() or a crash while importing your code{suffix}"
    )


def _last_error_line(log: Path) -> str:
    """The last line of pytest's output that names an error, if any."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    lines = [ln.strip() for ln in text.splitlines()]
    errors = [ln for ln in lines if ln.startswith(("ERROR", "E ")) or "Error:" in ln]
    return errors[-1][:300] if errors else ""


def _dotted_module(nodeid: str) -> str:
    """``tests/p01_x/test_a.py::test_b`` -> ``tests.p01_x.test_a`` (pytest's JUnit naming)."""
    path = nodeid.split("::", 1)[0]
    return path[:-3].replace("/", ".") if path.endswith(".py") else path.replace("/", ".")


def _short(text: str, lines: int = 4, width: int = 300) -> str:
    """The first few non-empty lines of a failure message, joined on one line each."""
    kept = [ln.strip() for ln in (text or "").splitlines() if ln.strip()][:lines]
    return " | ".join(ln[:width] for ln in kept)


def _read_junit(path: Path) -> tuple[dict[str, TestResult], dict[str, str]]:
    """Results by node id, and collection errors by dotted module name."""
    results: dict[str, TestResult] = {}
    collect_errors: dict[str, str] = {}
    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError):
        return results, collect_errors
    for case in tree.iter("testcase"):
        nodeid = None
        for prop in case.iter("property"):
            if prop.get("name") == NODEID_PROPERTY:
                nodeid = prop.get("value")
        outcome, message = "passed", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed" if child.tag == "failure" else "error"
                message = _short(child.get("message") or child.text or "")
                break
            if child.tag == "skipped":
                outcome = "skipped"
                message = "skipped: " + _short(child.get("message") or "", lines=1)
        if nodeid is None:
            if outcome == "error" and not case.get("classname"):
                # A test file that could not be imported: the last line says why.
                detail = [ln.strip() for ln in (case.find("error").text or "").splitlines()]
                reason = next((ln for ln in reversed(detail) if ln.startswith("E ")), "")
                collect_errors[case.get("name", "")] = reason[1:].strip()[:300] or message
            continue
        previous = results.get(nodeid)
        if previous is None or previous.outcome == "passed":
            results[nodeid] = TestResult(nodeid, outcome, message)
    return results, collect_errors


# ---------------------------------------------------------------------------- the child side


class _CoursePlugin:
    """What the course's pytest plugin provides, for environments without ``m2m``; also
    tags each test with its node id for the JUnit report and keeps the assignment folder
    behind the installed packages on ``sys.path``."""

    def __init__(self, root: Path, use_m2m: bool):
        self.root = root
        self.use_m2m = use_m2m

    def pytest_configure(self, config) -> None:
        for line in (
            "points(n): points the test is worth when graded (default 1)",
            "task(n): the task of the project's brief that the test grades",
            "public: shipped to learners in an assignment bundle",
            "slow: takes more than a few seconds",
        ):
            config.addinivalue_line("markers", line)
        if not self.use_m2m:
            _load_hypothesis_profile()

    def pytest_sessionstart(self, session) -> None:
        # After every plugin's configure: the course plugin puts the folder first.
        _assignment_last(self.root)

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            item.user_properties.append((NODEID_PROPERTY, item.nodeid))

    def pytest_runtest_makereport(self, item, call):
        if self.use_m2m or call.excinfo is None:
            return None
        if call.excinfo.errisinstance(NotImplementedError):
            # A stub: the pointer to the brief is what the learner needs, not a traceback.
            from _pytest.reports import TestReport

            report = TestReport.from_item_and_call(item, call)
            report.longrepr = f"not implemented yet: {call.excinfo.value}"
            return report
        return None


def _load_hypothesis_profile() -> None:
    try:
        from hypothesis import HealthCheck, settings
    except ImportError:
        return
    settings.register_profile(
        "m2m",
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile("m2m")


def _assignment_last(root: Path) -> None:
    entries = {str(root), str(root.resolve())}
    sys.path[:] = [p for p in sys.path if p not in entries] + [str(root)]


def _load_fixtures(root: Path) -> list[object]:
    """The instructor's ``conftest.py`` files (``FIXTURE_FILES``), imported as plugins.

    ``--noconftest`` keeps pytest from picking up any ``conftest.py`` by itself. The list
    is fixed when the course is built: each file on it exists in the instructor's source,
    so autograde restores it, while a ``conftest.py`` planted anywhere else is never
    loaded.
    """
    import importlib.util

    modules = []
    for i, rel in enumerate(FIXTURE_FILES):
        path = root / rel
        if not path.is_file():
            continue
        spec = importlib.util.spec_from_file_location(f"m2m_check_fixtures_{i}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def _child(argv: list[str]) -> int:
    """Child entry point: ``m2m_check.py --child ROOT JUNIT_XML NODEID...``."""
    import importlib.util

    # Import pytest before the assignment is on sys.path: a planted pytest.py cannot answer.
    import pytest

    root, xml_path, nodeids = Path(argv[0]).resolve(), argv[1], argv[2:]
    sys.dont_write_bytecode = True
    _assignment_last(root)
    for package in ("shared", "projects"):
        spec = importlib.util.find_spec(package)
        origin = Path(next(iter(spec.submodule_search_locations or []), "")) if spec else None
        if origin is not None and origin.resolve().parent != root:
            print(f"ERROR: '{package}' resolves to {origin}, not to the assignment {root}")
            return 3
    use_m2m = importlib.util.find_spec("m2m") is not None and (
        importlib.util.find_spec("m2m.pytest_plugin") is not None
    )
    os.chdir(root)
    args = [
        *nodeids,
        "--noconftest",
        "-p",
        "no:cacheprovider",
        "-c",
        os.devnull,
        f"--rootdir={root}",
        "--import-mode=importlib",
        f"--junitxml={xml_path}",
        "-o",
        "junit_family=xunit2",
        "-q",
        "--no-header",
        "--tb=short",
    ]
    if use_m2m:
        args += ["-p", "m2m.pytest_plugin"]
    plugins = [_CoursePlugin(root, use_m2m), *_load_fixtures(root)]
    return int(pytest.main(args, plugins=plugins))


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--child":
    sys.exit(_child(sys.argv[2:]))
