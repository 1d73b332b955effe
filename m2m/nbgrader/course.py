"""``m2m nbgrader``: build and drive an nbgrader course from the same source.

``m2m nbgrader build DIR`` writes a complete nbgrader course: ``nbgrader_config.py`` and,
per project, ``source/pNN_name/`` holding the isolated learner bundle of that assignment
(``m2m release --project``: earlier projects' regions filled, this one and later stubbed),
the public tests, the hidden tests in ``tests_hidden/``, the grading runtime
``m2m_runtime/`` (:mod:`m2m.runtime` copied as files: the helper the cells call and the
grading engine ``m2m grade`` uses) and the notebook ``pNN_name.ipynb`` with one autograded
cell per task. The build runs each suite once on the reference and keeps its times in
``tests_hidden/m2m_plan.json``: how autograde spreads a submission's tests over processes
(``m2m.nbgrader.plan``), with each test's time limit and the run's budget, derived from the
committed ``tests/<project>/timings.json`` as ``m2m grade`` derives them (``m2m.timings``).

The built course needs no wrapper: what grading depends on is in the runtime's settings (the
fixture files, the plan, where the hidden tests and the datasets are), so plain
``nbgrader autograde`` run in the course, or the formgrader's Autograde button, gives the
wrappers' scores. The hidden tests never travel with nbgrader's own copies (the course
ignores ``tests_hidden`` in every command): while grading, the helper copies them from
``source/`` into the submission it grades.

nbgrader strips solutions from notebooks only and restores every non-notebook file of a
submission from ``source/`` when autograding, so the course closes both gaps itself: the
``.py`` files in ``source/`` are already stubbed, and the configuration lists every learner
file in ``Autograde.exclude_overwriting`` (tests and the helper are restored, learner code
is not).

The other subcommands run the nbgrader CLI from the course root with Jupyter's state kept
inside the course (``.jupyter/``, ``.ipython/``): ``release`` (generate_assignment, then a
check that nothing secret reached ``release/``), ``autograde``, ``feedback`` (without hidden
tests), ``export``; ``collect`` copies a learner's folder into ``submitted/``; ``run`` passes
any other nbgrader command through.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from m2m import timings as _timings
from m2m.release import data_manifest
from m2m.runtime import naming
from m2m.runtime.check import JOBS_VARIABLE  # the helper: standard library only
from m2m.runtime.engine import Limits

COURSE_FILE = "m2m_course.json"  # what the build knows, for the wrappers and checks
CONFIG_FILE = "nbgrader_config.py"
CONFIG_MARKER = "# Written by `m2m nbgrader build`"
RUNTIME_DIR = "m2m_runtime"  # the grading runtime (m2m/runtime/) inside an assignment
HELPER_FILE = f"{RUNTIME_DIR}/check.py"  # what the notebook's cells call
HIDDEN_DIR = "tests_hidden"
LEARNER_PACKAGES = ("shared", "projects")
DEFAULT_COURSE_ID = "math-to-machine"
ENGINE_FILE = f"{RUNTIME_DIR}/engine.py"
ANSWERS_FILE = f"{RUNTIME_DIR}/answers.py"
GUARD_FILE = f"{RUNTIME_DIR}/guard.py"
SETTINGS_FILE = f"{RUNTIME_DIR}/settings.json"  # what this build sets for the assignment
EXECUTE_MARGIN = 60  # nbgrader's per-cell limit sits above the helper's own
IGNORED = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".pytest_cache", ".hypothesis"]
SECRET_MARKERS = (
    re.compile(r"###\s*(BEGIN|END)\s+SOLUTION"),
    re.compile(r"(BEGIN|END) HIDDEN TESTS"),
)
MIN_REFERENCE_LINE = 6  # shorter stripped lines ("pass", "else:") identify nothing


class CourseError(RuntimeError):
    """The course cannot be built or driven; the message says why and what to do."""


# ------------------------------------------------------------------------------- collection


def _parse_report(path: Path) -> tuple[list[dict], list[dict]]:
    """Tests and collection errors from the course plugin's ``--m2m-report`` file (JSON
    lines of events; a single JSON object is accepted too). A test that ran carries its
    outcome and its time in seconds from its ``result`` event."""
    if not path.is_file():
        return [], []
    text = path.read_text(encoding="utf-8")
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        return list(whole.get("tests", [])), list(whole.get("collect_errors", []))
    tests: list[dict] = []
    results: dict[str, dict] = {}
    errors: list[dict] = []
    for line in text.splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            break
        if event.get("event") == "collected":
            tests = list(event.get("tests", []))
        elif event.get("event") == "result":
            results[event["test"]["nodeid"]] = event["test"]
        elif event.get("event") == "collect_error":
            errors.append({"nodeid": event.get("nodeid"), "message": event.get("message")})
    return [results.get(t["nodeid"], t) for t in tests], errors


def collect_tests(root: Path, project_name: str) -> list[dict]:
    """Node id, task, points, public flag, shared fixtures and time in seconds of every
    test of one project, from one run of its suite on the reference tree in a child
    process (the times let the grading helper spread the tests over processes)."""
    from m2m import impl as _impl

    with tempfile.TemporaryDirectory(prefix="m2m-collect-") as tmp:
        report = Path(tmp) / "report.jsonl"
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            f"tests/{project_name}",
            "-q",
            "-p",
            "no:cacheprovider",
            "--impl",
            "solutions",
            f"--m2m-report={report}",
        ]
        env = _impl.subprocess_env("solutions", root)
        env["MPLBACKEND"] = "Agg"
        env["M2M_OUT_DIR"] = str(Path(tmp) / "out")
        if not env.get("M2M_DATA_DIR") and (root / "data").is_dir():
            env["M2M_DATA_DIR"] = str(root / "data")  # as autograde will find it
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = "1"  # timed as the grading helper runs them
        proc = subprocess.run(
            cmd, cwd=root, env=env, capture_output=True, text=True, timeout=900, check=False
        )
        tests, errors = _parse_report(report)
    if errors or proc.returncode not in (0, 1) or not tests:
        detail = "; ".join(f"{e['nodeid']}: {e['message']}" for e in errors)
        detail = detail or (proc.stdout + proc.stderr).strip()[-1500:]
        raise CourseError(f"collecting the tests of {project_name} failed: {detail}")
    failed = [t for t in tests if t.get("outcome") not in ("passed", "skipped")]
    if failed:
        listed = "; ".join(f"{t['nodeid']}: {t.get('message', '')}" for t in failed[:5])
        raise CourseError(
            f"the reference fails {len(failed)} test(s) of {project_name}, so the course "
            f"would grade against a broken answer key: {listed}"
        )
    return tests


def assignment_nodeid(nodeid: str) -> str:
    """The node id inside an assignment: public test files stay under ``tests/``, every
    other test file moves to ``tests_hidden/``."""
    path, sep, rest = nodeid.partition("::")
    if not Path(path).name.startswith("test_public"):
        path = HIDDEN_DIR + path[len("tests") :]
    return path + sep + rest


def task_cells(tests: list[dict], brief_tasks: dict[int, str]):
    """One :class:`TaskCell` per task, in task order, worth the sum of its tests' points."""
    from m2m.nbgrader.notebook import TaskCell

    cells: dict[int | None, TaskCell] = {}
    for t in tests:
        task = t.get("task")
        cell = cells.setdefault(task, TaskCell(task, brief_tasks.get(task, "")))
        nodeid = assignment_nodeid(t["nodeid"])
        (cell.hidden if nodeid.startswith(HIDDEN_DIR + "/") else cell.public).append(nodeid)
        cell.points += float(t.get("points", 1))
    return [cells[k] for k in sorted(cells, key=lambda k: (k is None, k or 0))]


# ----------------------------------------------------------------------------------- build


@dataclass
class Assignment:
    """One built assignment: what the wrappers and the checks need to know about it."""

    name: str  # "p01_manual_neuron": the nbgrader assignment id and the notebook's name
    project: str  # "p01"
    title: str
    tasks: dict[str, float] = field(default_factory=dict)  # task label -> points
    hidden_files: dict[str, str] = field(default_factory=dict)  # relpath -> sha256
    reference_lines: list[str] = field(default_factory=list)  # sha256 of stubbed lines
    hidden_tests: list[str] = field(default_factory=list)  # names no released file may hold
    budget: float = 0.0  # seconds one run of the suite may take

    @property
    def points(self) -> float:
        return sum(self.tasks.values())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _line_key(line: str) -> str:
    return _sha(line.strip().encode("utf-8"))[:20]  # short: one per reference line is stored


def _text_files(folder: Path, skip: Sequence[str] = ()) -> list[Path]:
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or any(p in ("__pycache__",) or p in skip for p in rel.parts):
            continue
        out.append(path)
    return out


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def _reference_lines(root: Path, project: str, folder: Path) -> list[str]:
    """Hashes of the reference lines of every region stubbed in this assignment that
    appear nowhere in the assignment as a learner receives it: finding one of them in a
    released file means a solution leaked."""
    from m2m.release.tree import Source
    from m2m.runtime.naming import project_number

    n = project_number(project)
    source = Source(root)
    allowed = set()
    for path in _text_files(folder, skip=(HIDDEN_DIR,)):
        text = _read_text(path)
        if text is not None:
            allowed.update(ln.strip() for ln in text.splitlines())
    keys = set()
    for sf in source.files.values():
        stubbed = [r for r in sf.regions if project_number(r.project) >= n]
        if not stubbed:
            continue
        lines = sf.data.decode("utf-8").splitlines()
        for r in stubbed:
            for line in lines[r.begin : r.end - 1]:
                s = line.strip()
                if len(s) >= MIN_REFERENCE_LINE and not s.startswith("#") and s not in allowed:
                    keys.add(_line_key(s))
    return sorted(keys)


def _hidden_test_names(tests: list[dict], folder: Path) -> list[str]:
    """The names of the hidden tests (``test_...`` without parameters) that nothing a learner
    receives may hold: a name shared with a public test, or used by the course code of the
    assignment at ``folder``, is not evidence and is left out."""
    hidden, public = set(), set()
    for t in tests:
        name = t["nodeid"].partition("::")[2].split("::")[-1].split("[")[0]
        is_public = assignment_nodeid(t["nodeid"]) == t["nodeid"]
        (public if is_public else hidden).add(name)
    from m2m.release.hidden import TEST_NAME

    used = set()
    for package in LEARNER_PACKAGES:
        for path in _text_files(folder / package):
            text = _read_text(path) if path.suffix == ".py" else None
            if text is not None:
                used.update(TEST_NAME.findall(text))
    return sorted(hidden - public - used)


def _eligible(root: Path) -> dict[str, str]:
    """project id -> folder name, for every project with a graded suite and a reference."""
    from m2m.projects import discover
    from m2m.release.tree import Source

    with_reference = Source(root).project_dirs
    return {p.id: p.name for p in discover(root) if with_reference.get(p.id) == p.name}


def _copy_runtime(assignment: Path, settings: dict[str, object]) -> None:
    """Copy the grading runtime (m2m/runtime/: the helper the cells call, the engine, its
    guard, the answers rule and the stub format) into an assignment as files, with this
    course's ``settings`` beside them: autograde restores all of it from source/, so a
    submission cannot change it."""
    source = Path(__file__).resolve().parent.parent / "runtime"
    target = assignment / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.py")):
        shutil.copy2(path, target / path.name)
    text = json.dumps(settings, indent=1, sort_keys=True) + "\n"
    (assignment / SETTINGS_FILE).write_text(text, encoding="utf-8")


def _data_dir(root: Path) -> str:
    """The datasets the course's tests read: ``$M2M_DATA_DIR``, else the repository's."""
    for candidate in (os.environ.get("M2M_DATA_DIR"), root / "data"):
        if candidate and Path(candidate).is_dir():
            return str(Path(candidate).resolve())
    return ""


def _copy_hidden_tests(root: Path, name: str, dest: Path) -> dict[str, str]:
    """Copy the hidden tests and their hidden support (``hidden_*``: the oracles) into
    ``dest/tests_hidden/<name>/``, together, so a hidden test finds its support beside it
    (:func:`m2m.testing.hidden_support`); returns path -> sha256 of what was copied."""
    from m2m.release.hidden import is_hidden_test_path

    tests_dir = root / "tests" / name
    hidden: dict[str, str] = {}
    for path in sorted(tests_dir.rglob("*")):
        rel = path.relative_to(tests_dir)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix == ".pyc":
            continue
        if not is_hidden_test_path(rel):
            continue  # the bundle has it
        target = dest / HIDDEN_DIR / name / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        hidden[target.relative_to(dest).as_posix()] = _sha(path.read_bytes())
    return hidden


def _write_plan(dest: Path, tests: list[dict], limits: Limits) -> Path:
    """The plan the helper reads when autograding (``tests_hidden/m2m_plan.json``)."""
    from m2m.nbgrader.plan import PLAN_NAME, plan_shards, write_plan

    plan = dest / HIDDEN_DIR / PLAN_NAME
    write_plan(
        plan,
        plan_shards({**t, "nodeid": assignment_nodeid(t["nodeid"])} for t in tests),
        limits={n: s for n, s in sorted(limits.tests.items())},
        budget=limits.budget,
        points={assignment_nodeid(t["nodeid"]): float(t.get("points", 1)) for t in tests},
    )
    return plan


def _runtime_settings(root: Path, name: str, dest: Path, limits: Limits, final: Path | None):
    """What the helper of this assignment must know (see :mod:`m2m.runtime.check`)."""
    from m2m.nbgrader.plan import PLAN_NAME

    fixtures = sorted(
        p.relative_to(dest).as_posix() for p in (dest / "tests" / name).rglob("conftest.py")
    )
    return {
        "TEST_LIMIT": limits.default,
        "BUDGET": limits.budget,
        "FIXTURE_FILES": fixtures,
        "PLAN_FILE": f"{HIDDEN_DIR}/{PLAN_NAME}",
        "HIDDEN_SOURCE": str((Path(final or dest) / HIDDEN_DIR).resolve()),
        "DATA_DIR": _data_dir(root),
    }


def build_assignment(
    root: Path,
    project: str,
    name: str,
    dest: Path,
    timeout: float | None = None,
    partial: bool = False,
    *,
    budget: float | None = None,
    final: Path | None = None,
) -> Assignment:
    """Write ``dest`` for one project; returns what was built. ``final`` is where the
    folder will live (``source/<name>``; default ``dest``): the helper copies the hidden
    tests from there. ``timeout`` gives every test that many seconds instead of its
    derived limit; ``budget`` replaces the derived budget of a run."""
    import nbformat

    from m2m.nbgrader.notebook import build_notebook, public_names, read_brief
    from m2m.release.bundles import bundle

    # The bundle holds what learners receive of the tests: the public tests, their support
    # (conftest.py fixtures, for the hidden tests too) and the public tests' timings.
    bundle(root, project, dest)
    hidden = _copy_hidden_tests(root, name, dest)
    brief = read_brief(dest / "projects" / name / "README.md", project, name)
    tests = collect_tests(root, name)
    cells = task_cells(tests, brief.tasks)
    # The limits m2m grade applies: from the committed timings of the reference.
    limits = _timings.limits_for(
        _timings.read(_timings.timings_path(root / "tests", name)),
        timeout=timeout,
        budget_s=budget,
        rename=assignment_nodeid,
    )
    _copy_runtime(dest, _runtime_settings(root, name, dest, limits, final))
    plan = _write_plan(dest, tests, limits)
    hidden[plan.relative_to(dest).as_posix()] = _sha(plan.read_bytes())
    names = public_names(dest / "projects" / name / "__init__.py")
    nb = build_notebook(project, name, brief, cells, names, partial=partial)
    nbformat.write(nb, str(dest / f"{name}.ipynb"))

    reference = _reference_lines(root, project, dest)
    hidden_tests = _hidden_test_names(tests, dest)
    problems = scan_for_secrets(dest, hidden, reference, mode="source", hidden_tests=hidden_tests)
    if problems:
        raise CourseError(f"source/{name} would leak: " + "; ".join(problems))
    return Assignment(
        name=name,
        project=project,
        title=brief.title,
        tasks={c.label: c.points for c in cells},
        hidden_files=hidden,
        reference_lines=reference,
        hidden_tests=hidden_tests,
        budget=limits.budget,
    )


def config_text(course: Path, course_id: str, budget: float) -> str:
    """``nbgrader_config.py`` for the course at ``course`` (an absolute path)."""
    root = course.resolve()
    return f'''{CONFIG_MARKER}; rebuilding the course rewrites it.
"""nbgrader configuration of the course. Run nbgrader from this folder, or through
`m2m nbgrader release|autograde|feedback|export`, which change into it first."""

from pathlib import Path

c = get_config()  # noqa: F821

ROOT = Path({str(root)!r})
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = "sqlite:///" + str(ROOT / "gradebook.db")
# No nbgrader command copies the hidden tests anywhere (generate_assignment,
# generate_feedback, autograde from the command line or the formgrader's button alike):
# while grading, the helper copies them from source/ into the submission it grades.
c.CourseDirectory.ignore = {IGNORED + [HIDDEN_DIR]!r}

# Per cell. The first task cell runs the whole suite, which stops after its budget
# ({budget:g} s at most in this course); a later cell may run a few tests again within
# another. This limit only catches a kernel that stops answering.
c.Execute.timeout = {int(2 * budget + EXECUTE_MARGIN)}

# Feedback shows each task cell without its hidden node ids.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]


def learner_files(assignment: Path) -> list[str]:
    """Every file of the learner packages of one assignment, relative to it. autograde
    copies every other non-notebook file back from source/ (tests, helper: tampering is
    undone); these keep the learner's version. nbgrader wants exact paths, no globs."""
    files = []
    for package in {LEARNER_PACKAGES!r}:
        for path in sorted((assignment / package).rglob("*")):
            rel = path.relative_to(assignment)
            if path.is_file() and "__pycache__" not in rel.parts and path.suffix != ".pyc":
                files.append(rel.as_posix())
    return files


c.Autograde.exclude_overwriting = {{
    folder.name: learner_files(folder)
    for folder in sorted((ROOT / "source").iterdir())
    if folder.is_dir()
}}
'''


def _load_course(course: Path) -> dict:
    path = course / COURSE_FILE
    if not path.is_file():
        raise CourseError(
            f"{course} is not a course built by `m2m nbgrader build` (no {COURSE_FILE}); "
            "build one with `m2m nbgrader build DIR`"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def _chosen_projects(root: Path, projects: Sequence[str] | None) -> dict[str, str]:
    """Project id -> folder of the projects to build (ids ``p01`` or folder names);
    default: every project with a graded suite and a reference."""
    eligible = _eligible(root)
    if not eligible:
        raise CourseError("no project has both tests/pNN_name/ and solutions/projects/pNN_name/")
    chosen: dict[str, str] = {}
    by_key = {
        **{k: (k, v) for k, v in eligible.items()},
        **{v: (k, v) for k, v in eligible.items()},
    }
    for wanted in projects or list(eligible):
        key = wanted.lower()
        if key not in by_key:
            raise CourseError(
                f"unknown project {wanted!r}; buildable projects: {', '.join(eligible)}"
            )
        chosen.setdefault(*by_key[key])
    return chosen


def _check_destination(dest: Path) -> None:
    """A rebuild only ever writes into an empty folder or a course built by m2m."""
    if dest.exists() and any(dest.iterdir()):
        config = dest / CONFIG_FILE
        if not config.is_file() or CONFIG_MARKER not in config.read_text(encoding="utf-8"):
            raise CourseError(
                f"{dest} exists and is not a course built by m2m; choose an empty folder"
            )


def _build_into_source(root: Path, dest: Path, project: str, name: str, **options) -> Assignment:
    """Build one assignment in a staging folder, then swap it in as ``source/<name>``, so a
    failed build leaves the previous one in place."""
    staging = Path(tempfile.mkdtemp(prefix=f".build-{name}-", dir=dest))
    try:
        target = dest / "source" / name
        assignment = build_assignment(root, project, name, staging / name, final=target, **options)
        if target.exists():
            shutil.rmtree(target)
        (staging / name).rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return assignment


def _write_course_files(root: Path, dest: Path, meta: dict, course_id: str) -> None:
    """``m2m_course.json`` (what the wrappers and checks read) and ``nbgrader_config.py``."""
    data = root / "data"
    # With a data manifest every assignment carries the datasets it reads (the bundle's
    # data/, found by the loaders on their own), and graded code must use that copy, not
    # the repository's files; only a course without one points its tests at the repository.
    if data_manifest.read_manifest(data / data_manifest.README) is not None:
        data_dir = None
    else:
        data_dir = str(data) if data.is_dir() else meta.get("data_dir")
    meta.update(course_id=course_id, repository=str(root), data_dir=data_dir)
    meta.pop("timeout", None)  # courses built before the limits came from the reference
    (dest / COURSE_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    longest = max(float(a.get("budget") or 0.0) for a in meta["assignments"].values())
    (dest / CONFIG_FILE).write_text(
        config_text(dest, course_id, longest or _timings.BUDGET_FLOOR), encoding="utf-8"
    )


def build(
    root: Path,
    dest: Path,
    projects: Sequence[str] | None = None,
    *,
    course_id: str = DEFAULT_COURSE_ID,
    timeout: float | None = None,
    partial: bool = False,
    budget: float | None = None,
) -> list[Assignment]:
    """Build (or rebuild) the course at ``dest`` from the repository ``root``.

    ``projects`` (ids ``p01`` or folder names) defaults to every project that has both a
    graded suite under ``tests/`` and a reference under ``solutions/projects/``. Rebuilding
    replaces those assignments' ``source/`` folders and keeps everything else (gradebook,
    submissions, other assignments).
    """
    root, dest = Path(root).resolve(), Path(dest).resolve()
    chosen = _chosen_projects(root, projects)
    _check_destination(dest)
    (dest / "source").mkdir(parents=True, exist_ok=True)
    meta = _load_course(dest) if (dest / COURSE_FILE).is_file() else {"assignments": {}}
    built = []
    for project, name in chosen.items():
        assignment = _build_into_source(
            root, dest, project, name, timeout=timeout, partial=partial, budget=budget
        )
        meta["assignments"][name] = assignment.__dict__
        built.append(assignment)
    _write_course_files(root, dest, meta, course_id)
    return built


# ------------------------------------------------------------------------- secrecy checks


def scan_for_secrets(
    folder: Path,
    hidden_files: dict[str, str],
    reference_lines: Sequence[str],
    *,
    mode: str = "release",
    hidden_tests: Sequence[str] = (),
) -> list[str]:
    """What in ``folder`` should not reach a learner.

    ``release`` (what learners receive): no ``tests_hidden/``, no hidden test file (hidden
    support included), no solution or hidden-test marker, no hidden node id in the
    notebook, no reference line of a stubbed region, and no file that names a hidden test
    (one of ``hidden_tests``, or a node id of a hidden test file, as a timings file would).
    ``source``: the same for the files of an assignment's source outside its notebook and
    ``tests_hidden/``, which hold the hidden tests by design. ``feedback``: no hidden test
    file, folder, node id or hidden-test marker (the learner's own code, solution
    included, is expected there, and so are the names of the tests it failed).
    """
    from m2m.release.hidden import mentions

    problems: list[str] = []
    hidden_hashes = set(hidden_files.values())
    hidden_names = set(hidden_tests) if mode != "feedback" else set()
    hidden_modules = (
        {Path(rel).name for rel in hidden_files if Path(rel).name.startswith("test_")}
        if mode != "feedback"
        else set()
    )
    reference = set(reference_lines) if mode != "feedback" else set()
    markers = SECRET_MARKERS if mode != "feedback" else SECRET_MARKERS[1:]
    if mode != "source" and (folder / HIDDEN_DIR).exists():
        problems.append(f"{HIDDEN_DIR}/ is present")
    for path in _text_files(folder, skip=(HIDDEN_DIR,) if mode == "source" else ()):
        rel = path.relative_to(folder).as_posix()
        if mode == "source" and path.suffix == ".ipynb":
            continue
        if _sha(path.read_bytes()) in hidden_hashes:
            problems.append(f"{rel} is a hidden test file")
            continue
        text = _read_text(path)
        if text is None:
            continue
        if path.suffix in (".ipynb", ".html") and f"{HIDDEN_DIR}/" in text:
            problems.append(f"{rel} names hidden tests")
        named = mentions(text, hidden_names, hidden_modules)
        if named:
            more = f" and {len(named) - 3} more" if len(named) > 3 else ""
            listed = ", ".join(named[:3]) + more
            problems.append(f"{rel} names hidden tests: {listed}")
        for i, line in enumerate(text.splitlines(), 1):
            if any(m.search(line) for m in markers):
                problems.append(f"{rel}:{i} holds a marker line ({line.strip()[:60]})")
            elif reference and _line_key(line) in reference:
                problems.append(f"{rel}:{i} holds a reference line of a stubbed region")
    return problems


# -------------------------------------------------------------------------------- wrappers


def find_course(explicit: str | None = None) -> Path:
    """The course folder: ``explicit``, else ``$M2M_COURSE``, else the nearest folder at
    or above the working directory that holds ``m2m_course.json``, else ``./course``."""
    candidates = [explicit] if explicit else []
    if not explicit and os.environ.get("M2M_COURSE"):
        candidates.append(os.environ["M2M_COURSE"])
    if not candidates:
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if (folder / COURSE_FILE).is_file():
                return folder
        candidates.append("course")
    course = Path(candidates[0]).resolve()
    _load_course(course)
    return course


def course_env(course: Path, meta: dict | None = None) -> dict[str, str]:
    """The environment nbgrader runs in: Jupyter's and IPython's state inside the course
    (nothing is written under ``~``), the datasets found, plots headless."""
    meta = meta if meta is not None else _load_course(course)
    env = dict(os.environ)
    for key in ("PYTHONPATH", "M2M_IMPL", "M2M_ROOT", "M2M_OUT_DIR"):
        env.pop(key, None)  # the kernel and the tests' processes answer from the assignment
    jupyter = course / ".jupyter"
    env.update(
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        IPYTHONDIR=str(course / ".ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        MPLBACKEND="Agg",
        PYTHONDONTWRITEBYTECODE="1",
    )
    # nbgrader runs some tools (alembic) by name: this environment's scripts come first,
    # also when the venv is not activated.
    scripts = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(
        [scripts, *(p for p in env.get("PATH", "").split(os.pathsep) if p != scripts)]
    )
    # Assignments built with a data manifest carry their data/ and record no data_dir; a
    # course built without one finds the datasets through $M2M_DATA_DIR.
    if not env.get("M2M_DATA_DIR") and meta.get("data_dir"):
        env["M2M_DATA_DIR"] = meta["data_dir"]
    return env


def ensure_kernel(env: dict[str, str]) -> None:
    """Register the ``python3`` kernel inside this environment when it is missing, so the
    notebooks run on the Python that has the course's dependencies."""
    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "python3" / "kernel.json"
    if spec.is_file():
        return
    proc = subprocess.run(
        [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise CourseError(f"could not register the python3 kernel: {proc.stderr.strip()}")


def nbgrader(
    course: Path, args: Sequence[str], *, env: dict[str, str] | None = None, quiet: bool = False
) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` from the course root; the output is shown unless ``quiet``
    (then returned, and shown anyway when the command fails)."""
    import importlib.util

    if importlib.util.find_spec("nbgrader") is None:  # importing it would take seconds
        raise CourseError("nbgrader is not installed: pip install -e '.[instructor]'")
    env = env if env is not None else course_env(course)
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if quiet and proc.returncode:
        sys.stdout.write(proc.stdout)
        sys.stdout.write(proc.stderr)
    return proc


def _assignment_names(course: Path, meta: dict, wanted: Sequence[str]) -> list[str]:
    known = sorted(meta.get("assignments", {}))
    by_key = {n: n for n in known} | {meta["assignments"][n]["project"]: n for n in known}
    names = []
    for w in wanted or known:
        if w.lower() not in by_key:
            raise CourseError(f"unknown assignment {w!r}; this course has: {', '.join(known)}")
        names.append(by_key[w.lower()])
    return names


def release(course: Path, assignments: Sequence[str] = ()) -> list[str]:
    """``nbgrader generate_assignment`` for each assignment, then the secrecy check of
    ``release/<assignment>/``; raises :class:`CourseError` on any leak."""
    meta = _load_course(course)
    names = _assignment_names(course, meta, assignments)
    env = course_env(course, meta)
    for name in names:
        proc = nbgrader(course, ["generate_assignment", name, "--force"], env=env, quiet=True)
        if proc.returncode:
            raise CourseError(f"nbgrader generate_assignment {name} failed")
        out = course / "release" / name
        if (out / HIDDEN_DIR).exists():  # only when nbgrader was configured differently
            shutil.rmtree(out / HIDDEN_DIR)
        info = meta["assignments"][name]
        problems = scan_for_secrets(
            out,
            info["hidden_files"],
            info["reference_lines"],
            hidden_tests=info.get("hidden_tests", []),
        )
        if problems:
            raise CourseError(
                f"release/{name} is NOT safe to hand out:\n  " + "\n  ".join(problems)
            )
    return names


def _code_cells(path: Path) -> list[str] | None:
    """The sources of a notebook's code cells (nbformat 4 is plain JSON: reading it
    directly spares the second it takes to import nbformat); None when unreadable."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return [
            "".join(c["source"]) if isinstance(c["source"], list) else str(c["source"])
            for c in cells
            if c.get("cell_type") == "code"
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # any unreadable notebook is replaced


def reset_notebooks(course: Path, name: str, students: Sequence[str]) -> list[str]:
    """Replace each submitted notebook whose code differs from the released one by the
    released copy; the learner's is kept in ``replaced_notebooks/STUDENT/``, outside the
    submission. The work is graded from ``.py`` files, and a cell added to the notebook
    would run in the kernel that runs the grading cells. Returns the students concerned."""
    released = course / "release" / name / f"{name}.ipynb"
    expected = _code_cells(released)
    replaced = []
    for student in students:
        nb = course / "submitted" / student / name / f"{name}.ipynb"
        if nb.is_file() and _code_cells(nb) == expected:
            continue
        if nb.is_file():
            keep = course / "replaced_notebooks" / student / nb.name
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(nb, keep)
        shutil.copy2(released, nb)
        replaced.append(student)
    return replaced


def submitted_students(course: Path, name: str) -> list[str]:
    base = course / "submitted"
    return sorted(d.name for d in base.iterdir() if (d / name).is_dir()) if base.is_dir() else []


def autograde(
    course: Path,
    name: str,
    students: Sequence[str] = (),
    *,
    jobs: int = 1,
    keep_notebooks: bool = False,
) -> int:
    """``nbgrader autograde`` one assignment (all its submissions, or ``students``);
    with ``jobs > 1`` one process per student, that many at a time. Returns the exit
    status (0 when every submission was graded)."""
    meta = _load_course(course)
    (name,) = _assignment_names(course, meta, [name])
    env = course_env(course, meta)
    ensure_kernel(env)
    everyone = list(students) or submitted_students(course, name)
    if not everyone:
        raise CourseError(f"no submission in submitted/*/{name}/")
    if not keep_notebooks:
        if not (course / "release" / name).is_dir():
            raise CourseError(f"release/{name} is missing: run `m2m nbgrader release {name}`")
        for student in reset_notebooks(course, name, everyone):
            print(
                f"{student}: notebook replaced by the released copy (theirs: replaced_notebooks/)"
            )
    if jobs > 1 and JOBS_VARIABLE not in env:
        # Each submission runs its suite in up to this many processes: share the cores.
        env[JOBS_VARIABLE] = str(max(1, (os.cpu_count() or 1) // jobs))
    if not students and jobs <= 1:
        return nbgrader(course, ["autograde", name, "--force"], env=env, quiet=True).returncode

    # nbgrader takes one student (a glob) per command: one process each, ``jobs`` at a time.
    def one(student: str) -> int:
        args = ["autograde", name, "--force", f"--student={student}"]
        return nbgrader(course, args, env=env, quiet=True).returncode

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        codes = list(pool.map(one, everyone))
    return max(codes, key=abs)


# nbgrader's own rule (nbgrader.api): a grade scores its manual score when an instructor set
# one, else its automatic score, plus any extra credit; an assignment's score is the sum
# over its notebooks' grades, its maximum the sum over its graded cells.
_SCORES_SQL = """
SELECT sa.student_id,
       COALESCE((SELECT SUM(CASE
                   WHEN g.manual_score IS NOT NULL THEN g.manual_score + COALESCE(g.extra_credit, 0)
                   WHEN g.auto_score IS NOT NULL THEN g.auto_score + COALESCE(g.extra_credit, 0)
                   ELSE 0 END)
                 FROM grade g JOIN submitted_notebook sn ON g.notebook_id = sn.id
                 WHERE sn.assignment_id = sa.id), 0.0),
       COALESCE((SELECT SUM(c.max_score) FROM (
                   SELECT max_score, id FROM grade_cells UNION ALL
                   SELECT max_score, id FROM task_cells) c
                 JOIN base_cell b ON b.id = c.id JOIN notebook n ON b.notebook_id = n.id
                 WHERE n.assignment_id = a.id), 0.0)
FROM submitted_assignment sa JOIN assignment a ON sa.assignment_id = a.id
WHERE a.name = ?
"""


def scores(course: Path, name: str) -> dict[str, tuple[float, float]]:
    """student -> (score, max score) of one assignment, read from the gradebook with
    nbgrader's rule (plain SQLite: importing nbgrader's API takes seconds)."""
    import sqlite3

    db = course / "gradebook.db"
    if not db.is_file():
        return {}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(_SCORES_SQL, (name,)).fetchall()
    finally:
        conn.close()
    return {student: (float(got), float(most)) for student, got, most in sorted(rows)}


def feedback(course: Path, name: str, students: Sequence[str] = ()) -> int:
    """``nbgrader generate_feedback`` without hidden tests, then a check that no hidden
    test file, folder or node id reached ``feedback/``."""
    meta = _load_course(course)
    (name,) = _assignment_names(course, meta, [name])
    env = course_env(course, meta)
    code = 0
    for student in students or [None]:
        args = ["generate_feedback", name, "--force"]
        args += [f"--student={student}"] if student else []
        code = max(code, nbgrader(course, args, env=env, quiet=True).returncode, key=abs)
    info = meta["assignments"][name]
    for folder in sorted((course / "feedback").glob(f"*/{name}")):
        problems = scan_for_secrets(folder, info["hidden_files"], [], mode="feedback")
        if problems:
            raise CourseError(
                f"{folder.relative_to(course)} holds hidden tests:\n  " + "\n  ".join(problems)
            )
    return code


def export(course: Path, args: Sequence[str] = ()) -> int:
    """``nbgrader export`` (``grades.csv`` in the course root unless ``--to`` says else)."""
    code = nbgrader(course, ["export", *args], quiet=True).returncode
    if code == 0 and not any(a.startswith("--to") for a in args):
        print(f"grades written to {course / 'grades.csv'}")
    return code


def collect(course: Path, name: str, student: str, folder: Path) -> Path:
    """Copy a learner's work (``shared/`` and ``projects/`` of ``folder``: a released
    assignment or a clone of the course repository) into ``submitted/STUDENT/NAME/``, with
    the released notebook. Returns the submission folder."""
    meta = _load_course(course)
    (name,) = _assignment_names(course, meta, [name])
    if not re.fullmatch(r"[A-Za-z0-9_.\-]+", student):
        raise CourseError(f"student id {student!r}: use letters, digits, '_', '-', '.'")
    folder = Path(folder)
    if not (folder / "projects").is_dir():
        raise CourseError(f"{folder} has no projects/ folder: not a learner's work")
    released = course / "release" / name
    if not released.is_dir():
        raise CourseError(f"release/{name} is missing: run `m2m nbgrader release {name}`")
    target = course / "submitted" / student / name
    if target.exists():
        shutil.rmtree(target)
    number = naming.project_number(meta["assignments"][name]["project"])
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints")
    for package in LEARNER_PACKAGES:
        src = folder / package
        if not src.is_dir():
            continue
        shutil.copytree(src, target / package, ignore=ignore)
        if package == "projects":  # later projects are not part of this assignment
            for d in (target / package).iterdir():
                owner = naming.project_of_dir(d.name)
                if d.is_dir() and owner and naming.project_number(owner) > number:
                    shutil.rmtree(d)
    shutil.copy2(released / f"{name}.ipynb", target / f"{name}.ipynb")
    return target


# ------------------------------------------------------------------------------------ CLI


def review_flags(course: Path, name: str) -> dict[str, list[str]]:
    """Student -> why their autograded submission of ``name`` needs review (the lines the
    grading helper printed under its banner in the notebook's outputs); only flagged
    students appear."""
    from m2m.runtime.check import REVIEW_BANNER

    flags: dict[str, list[str]] = {}
    for notebook in sorted((course / "autograded").glob(f"*/{name}/*.ipynb")):
        student = notebook.parent.parent.name
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            for output in cell.get("outputs", []):
                text = output.get("text", "")
                lines = (text if isinstance(text, str) else "".join(text)).splitlines()
                for k, line in enumerate(lines):
                    if not line.startswith(REVIEW_BANNER):
                        continue
                    for reason in lines[k + 1 :]:
                        if not reason.startswith("  - "):
                            break
                        flags.setdefault(student, [])
                        if reason[4:] not in flags[student]:
                            flags[student].append(reason[4:])
    return flags
