"""Grade one task of an assignment from a notebook cell: its tests run in a separate process.

``m2m nbgrader build`` copies the grading runtime (this package, :mod:`m2m.runtime`) into
every assignment as ``m2m_runtime/``, with the grading engine that ``m2m grade`` uses too;
each autograded cell of the assignment's notebook calls :func:`run_task`. It
needs only the standard library in the kernel, and pytest plus what the tests import
(NumPy, matplotlib) in the same Python: the course tooling (``m2m``) is never required.

Why a separate process: the code under test may crash (``os._exit``, a segfault), hang or
exhaust memory. Inside the kernel that would stop the notebook and nbgrader would discard
the whole submission; in the engine's child it costs the test that was running. The
engine runs the child *sandboxed*: ``python -I``, ``--noconftest``, ``-c /dev/null``, no
cache, and the assignment folder at the *end* of ``sys.path``, so that a ``conftest.py``,
``pytest.ini``, ``numpy.py`` or ``pytest.py`` planted in a submission cannot change the
outcome. The fixtures of the course's test folders (``FIXTURE_FILES``, restored from the
instructor's copy when autograding) are loaded explicitly as plugins.

Everything the grade depends on is baked in when the course is built, so plain
``nbgrader autograde`` (or the formgrader's button) grades right with no ``m2m`` wrapper
and no environment variable: the hidden tests are copied from the instructor's
``source/`` folder (``HIDDEN_SOURCE``; nbgrader itself never copies them, so no other
nbgrader command can let them out), the datasets are found in the assignment's own
``data/`` folder, else ``$M2M_DATA_DIR``, else ``DATA_DIR``; the time limits come from the
plan (below).

Limits: each test has its own time limit, derived from the reference's measured time
(``tests/<project>/timings.json`` in the course repository, see ``m2m timings``), and one
run has a budget after which the remaining tests are reported as not run; both travel in
the plan. They are the limits ``m2m grade`` applies.

A cell passes when every test of its task passes: :func:`run_task` prints ``k/n passed``
on stdout and raises ``AssertionError("FAILED <test>: <message>")`` otherwise. With
``partial=True`` it returns the points earned instead (each test weighs its points, as in
``m2m grade``), which nbgrader reads as partial credit.

While nbgrader grades (autograde), the first task cell runs the whole suite at once, in a
few processes side by side as ``tests_hidden/m2m_plan.json`` lays out (made when the
course was built), and every cell takes its tests' results from that run: one start-up
and one collection instead of one per task, and the cores of the machine in use. A test
that run did not account for is run again with its task's tests. A learner running the
notebook (no plan: it is never released) gets the per-task run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SETTINGS_FILE = "settings.json"  # beside this file: what the build set for this assignment


def _baked() -> dict:
    """The settings ``m2m nbgrader build`` wrote for this assignment (autograde restores the
    file from source/); empty inside the m2m package, where the defaults below hold."""
    path = Path(__file__).resolve().with_name(SETTINGS_FILE)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


_BAKED = _baked()
TEST_LIMIT: float = _BAKED.get("TEST_LIMIT", 60.0)  # seconds for a test the plan gives no limit
BUDGET: float = _BAKED.get("BUDGET", 300.0)  # seconds for one run of the suite, or of a task
MEMORY_MB: int = _BAKED.get("MEMORY_MB", 4096)  # address-space limit of the test process
FIXTURE_FILES: list[str] = _BAKED.get("FIXTURE_FILES", [])  # the course's conftest.py files
# How the suite is spread over processes, with the limits.
PLAN_FILE: str = _BAKED.get("PLAN_FILE", "tests_hidden/m2m_plan.json")
HIDDEN_SOURCE: str = _BAKED.get("HIDDEN_SOURCE", "")  # the instructor's tests_hidden/ folder
DATA_DIR: str = _BAKED.get("DATA_DIR", "")  # the datasets, when the assignment has no data/

JOBS_VARIABLE = "M2M_CHECK_JOBS"  # caps the processes of one suite run (default: the cores)
MAX_REPORTED_FAILURES = 10

# The suite's results for the files they were computed on (see _graded_results); what
# the submission did to the grader ("review"); which lines of each graded file are the
# learner's own ("lines", None until the answers were put back: every learner line).
_SUITE: dict = {"key": None, "results": {}, "review": [], "lines": None}
REVIEW_BANNER = "REVIEW NEEDED: this submission tried to reach into the grader"


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
    never raises and returns ``points x (points of the passed tests / points of all)``
    (nbgrader's partial credit). ``timeout``, if given, is every test's limit instead of
    its own.
    """
    if not tests:
        # The released notebook of a task graded by hidden tests only.
        print(f"Task {task}: no public tests; the hidden tests grade this task")
        return None
    tests = list(tests)
    results = _graded_results(tests, timeout) if grading() else None
    plan = None
    if results is None:
        results = run_tests(tests, limits=_limits(None, timeout))
    else:
        plan = read_plan(_root())
    passed = sum(r.outcome == "passed" for r in results)
    failed = [r for r in results if r.outcome != "passed"]
    review = list(dict.fromkeys(_SUITE["review"]))
    if review:
        # In every cell's output, so the gradebook, the feedback and the autograde log
        # all carry it.
        print(f"{REVIEW_BANNER}; the tests it touched score 0:")
        for reason in review:
            print(f"  - {reason}")
    print(f"Task {task}: {passed}/{len(results)} tests passed")
    lines = [f"FAILED {r.name}: {r.message or r.outcome}" for r in failed]
    if len(lines) > MAX_REPORTED_FAILURES:
        more = len(lines) - MAX_REPORTED_FAILURES
        lines = lines[:MAX_REPORTED_FAILURES] + [f"... and {more} more failed tests"]
    if partial:
        for line in lines:
            print(line)
        weights = (plan or {}).get("points", {})
        weight = {r.nodeid: float(weights.get(r.nodeid, r.points)) for r in results}
        total = sum(weight.values())
        earned = sum(weight[r.nodeid] for r in results if r.outcome == "passed")
        worth = float(points) if points is not None else total
        return round(worth * earned / total, 6) if total else 0.0
    if failed:
        raise AssertionError("\n".join(lines))
    return None


def _root() -> Path:
    """The assignment folder: the one that holds this runtime's folder."""
    return Path(__file__).resolve().parent.parent


def _graded_results(tests: list[str], timeout: float | None) -> list | None:
    """``tests``' results from one run of the whole suite (see the module's docstring);
    None when the assignment has no plan, as in a learner's copy."""
    root = _root()
    if restore_hidden_tests(root):
        for note in keep_only_answers(root):
            prefix = _answers().REVIEW_PREFIX
            if note.startswith(prefix):
                _SUITE["review"].append(note[len(prefix) :])
            else:
                print(f"note: {note}")
    plan = read_plan(root)
    if plan is None:
        return None
    limits = _limits(plan, timeout)
    key = _fingerprint(root)
    if _SUITE["key"] != key:  # the first cell, or the code changed since the last run
        _SUITE["results"] = run_plan(plan["shards"], root=root, limits=limits)
        _SUITE["key"] = key
    known: dict = _SUITE["results"]
    missing = [nodeid for nodeid in tests if nodeid not in known]
    if missing:  # the plan did not name them
        known.update((r.nodeid, r) for r in run_tests(missing, root=root, limits=limits))
    return [known[nodeid] for nodeid in tests]


def restore_hidden_tests(root: Path) -> bool:
    """Copy the instructor's hidden tests (``HIDDEN_SOURCE``) into the assignment being
    graded, replacing whatever a submission put there. nbgrader never copies them
    itself (the course ignores ``tests_hidden`` in every command), so neither
    ``generate_feedback`` nor any other command can let them out. False when there is
    nothing to copy (a learner's machine, or the instructor's own source folder)."""
    if not HIDDEN_SOURCE:
        return False
    src = Path(HIDDEN_SOURCE)
    dest = root / Path(PLAN_FILE).parts[0]
    if not src.is_dir() or (dest.exists() and dest.resolve() == src.resolve()):
        return False
    if dest.is_symlink() or dest.is_file():
        dest.unlink()
    elif dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return True


def keep_only_answers(root: Path) -> list[str]:
    """Grade the learner's answers, nothing else: every course file of the submission at
    ``root`` becomes the released file (in ``source/``, beside ``HIDDEN_SOURCE``) with the
    learner's answers and helpers block put back in (see :mod:`m2m.runtime.answers`, the same rule
    as ``m2m grade``); modules the course does not have are removed. Runs only on the copy
    nbgrader grades. Returns the notes for the report (edits that were ignored)."""
    if not HIDDEN_SOURCE:
        return []
    source = Path(HIDDEN_SOURCE).parent
    if not source.is_dir() or source.resolve() == root.resolve():
        return []
    rules = _answers()
    notes: list[str] = []
    course = set()
    lines: dict[str, list] = {}
    for top in ("shared", "projects"):
        for pristine in sorted((source / top).rglob("*.py")):
            rel = pristine.relative_to(source).as_posix()
            if "__pycache__" in rel:
                continue
            course.add(rel)
            mine = root / rel
            original = pristine.read_text(encoding="utf-8")
            learner = mine.read_text(encoding="utf-8", errors="replace") if mine.is_file() else None
            spans: list = []
            text, note = (
                (original, f"{rel} is missing; graded as the released file")
                if learner is None
                else rules.graded_text(original, learner, rel, None, spans)
            )
            if spans:
                lines[rel] = spans
            if note:
                notes += note.splitlines()
            if text != learner:
                mine.parent.mkdir(parents=True, exist_ok=True)
                mine.write_text(text, encoding="utf-8")
    extra = sorted(
        p.relative_to(root).as_posix()
        for top in ("shared", "projects")
        if (root / top).is_dir()
        for p in (root / top).rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(root).as_posix() not in course
    )
    for rel in extra:
        (root / rel).unlink()
    if extra:
        notes.append(f"files that are not part of the course were ignored: {', '.join(extra)}")
    _SUITE["lines"] = lines
    return notes


def read_plan(root: Path) -> dict | None:
    """The plan: ``shards`` (the node ids of each process of a suite run), ``limits``
    (seconds per node id), ``budget`` and ``points``; None without a usable plan."""
    try:
        data = json.loads((root / PLAN_FILE).read_text(encoding="utf-8"))
        shards = [list(map(str, shard["tests"])) for shard in data["shards"]]
        limits = {str(k): float(v) for k, v in (data.get("limits") or {}).items()}
        points = {str(k): float(v) for k, v in (data.get("points") or {}).items()}
        budget = float(data.get("budget") or BUDGET)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    shards = [shard for shard in shards if shard]
    if not shards:
        return None
    return {"shards": shards, "limits": limits, "points": points, "budget": budget}


def _limits(plan: dict | None, timeout: float | None):
    engine = _engine()
    limits = engine.Limits(
        tests={} if timeout or plan is None else dict(plan["limits"]),
        default=float(timeout or TEST_LIMIT),
        budget=float(plan["budget"]) if plan else float(BUDGET),
        memory_mb=MEMORY_MB,
    )
    return limits


def _fingerprint(root: Path) -> str:
    """A digest of every ``.py`` file of the assignment and of the plan: results are
    reused only for the code and the plan they were computed on."""
    digest = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), root / PLAN_FILE]):
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


def run_plan(shards: list[list[str]], *, root: Path | None = None, limits=None) -> dict:
    """Run every shard of a plan side by side, each through the engine in its own child;
    every planned test's record by node id. Fewer processes than shards
    (``$M2M_CHECK_JOBS`` or the cores) merge shards."""
    jobs = _jobs(len(shards))
    batches = [[nodeid for shard in shards[k::jobs] for nodeid in shard] for k in range(jobs)]
    results: dict = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for records in pool.map(lambda b: _run(b, root, limits), batches):
            results.update((r.nodeid, r) for r in records)
    return results


def run_tests(nodeids: list[str], *, root: Path | None = None, limits=None) -> list:
    """Run ``nodeids`` through the engine, sandboxed, in the assignment folder ``root``
    (default: the folder holding this file); one record per node id, in order."""
    return _run(nodeids, root, limits)


def _run(nodeids: list[str], root: Path | None, limits) -> list:
    engine = _engine()
    root = Path(root or _root()).resolve()
    limits = limits or _limits(None, None)
    with tempfile.TemporaryDirectory(prefix="m2m-check-") as tmp:
        result = engine.run(
            root,
            list(nodeids),
            env=_child_env(root, Path(tmp)),
            workdir=Path(tmp) / "work",
            limits=limits,
            sandboxed=True,
            fixture_files=FIXTURE_FILES,
            expected=list(nodeids),
            learner_lines=_SUITE["lines"],
        )
    _SUITE["review"] += result.review
    return [result.tests[nodeid] for nodeid in nodeids]


def grading() -> bool:
    """True while nbgrader executes the notebook (``autograde`` or ``validate``)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def _answers():
    """The rule that finds a learner's answers (:mod:`m2m.runtime.answers`), loaded once."""
    return _runtime_module("answers")


def _engine():
    """The grading engine (:mod:`m2m.runtime.engine`), loaded once."""
    return _runtime_module("engine")


def _runtime_module(name: str):
    """The module ``name`` of the runtime folder this file is in, imported as a submodule of
    a package named after that folder, so two assignments' copies never mix in one process
    (and this file may itself be loaded from its path, as the tests do)."""
    here = Path(__file__).resolve().parent
    package = "m2m_runtime_" + hashlib.sha256(str(here).encode()).hexdigest()[:12]
    if package not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            package, here / "__init__.py", submodule_search_locations=[str(here)]
        )
        if spec is None or spec.loader is None:
            raise ImportError(f"the grading runtime is missing: expected {here}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[package] = module
        spec.loader.exec_module(module)
    return importlib.import_module(f"{package}.{name}")


# ------------------------------------------------------------------------ learner helpers


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
        f"sys.path.append({str(_root())!r})\n"
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
    code = (
        "import runpy, sys\n"
        f"sys.path.append({str(_root())!r})\n"
        f"runpy.run_module({package!r}, run_name='__main__', alter_sys=True)\n"
    )
    _run_and_print([sys.executable, "-I", "-B", "-c", code], timeout)
    return None


def _run_and_print(cmd: list[str], timeout: float) -> None:
    root = _root()
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


def data_dir(root: Path) -> str | None:
    """Where the tests find the datasets: the assignment's own ``data/`` folder (one with a
    README.md), else ``$M2M_DATA_DIR``, else the course's (``DATA_DIR``, baked at build)."""
    local = root / "data"
    if (local / "README.md").is_file():
        return str(local)
    if os.environ.get("M2M_DATA_DIR"):
        return os.environ["M2M_DATA_DIR"]
    if DATA_DIR and Path(DATA_DIR).is_dir():
        return DATA_DIR
    return None


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
    data = data_dir(root)
    if data:
        env["M2M_DATA_DIR"] = data
    # One BLAS thread, as m2m grade uses: a loaded machine cannot turn a correct solution
    # into a time-out by starving a thread pool.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")
    return env
