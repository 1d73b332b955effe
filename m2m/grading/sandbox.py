"""Scratch copies in which graded code runs, so that nothing a submission does can reach
the repository, the instructor's tests or the grader's settings.

A sandbox holds the implementation tree being graded (``shared/`` and ``projects/``),
a pristine copy of the graded suites, the grader's own pytest settings and a private,
read-only copy of the datasets the graded projects read (``m2m.release.data_manifest``).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from m2m import impl as _impl
from m2m import timings
from m2m.projects import Project
from m2m.release import data_manifest
from m2m.release import tree as release
from m2m.runtime import engine
from m2m.runtime.engine import DEFAULT_MEMORY_MB, Limits, RunResult

IGNORE = shutil.ignore_patterns(
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".hypothesis",
    ".ipynb_checkpoints",
    "conftest.py",
    "pytest.ini",
    "tox.ini",
    "setup.cfg",
)
PYTEST_SETTINGS = """\
# Written by the grader; a submission's own settings are never used.
[tool.pytest.ini_options]
testpaths = ["tests"]
addopts = "--strict-markers --import-mode=importlib"
"""


@dataclass
class Sandbox:
    root: Path
    notes: list[str] = field(default_factory=list)
    data: data_manifest.DataCopy | None = None  # the datasets copied in, with checksums
    # Path -> spans (first, last line, 1-based) of the graded files that are the answer's
    # own code; None: every line of shared/ and projects/ is (a tree graded as it stands).
    # The grader's guard refuses what no answer needs only when these lines ask for it.
    learner_lines: dict[str, list[tuple[int, int]]] | None = None


def _copy_package_tree(src: Path, dest: Path) -> None:
    for top in release.MIRRORED:
        if (src / top).is_dir():
            # conftest.py / pytest.ini planted inside a package are left behind: they could
            # otherwise be picked up as pytest configuration.
            shutil.copytree(src / top, dest / top, ignore=IGNORE)


def _graded_learner_tree(
    root: Path, dest: Path, isolated_before: int | None, lines: dict[str, list]
) -> list[str]:
    """Write into ``dest`` what is graded of the learner's tree at ``root``: every course
    file as generated from ``solutions/``, with the learner's answers (and helpers block)
    put back into the files that hold stubs. Returns the report's notes: edits outside
    the answers, and files that are not the course's, are named and ignored."""
    source = release.Source(root)
    notes: list[str] = []
    for rel, sf in source.files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        mine = root / rel
        if not rel.endswith(".py"):
            target.write_bytes(sf.data)
            continue
        learner = mine.read_text(encoding="utf-8", errors="replace") if mine.is_file() else None
        spans: list[tuple[int, int]] = []
        text, note = release.graded_file(source, rel, learner, isolated_before, spans)
        target.write_text(text, encoding="utf-8")
        if spans:
            lines[rel] = spans
        if note:
            notes += note.splitlines()
    extra = sorted(
        p.relative_to(root).as_posix()
        for top in release.MIRRORED
        if (root / top).is_dir()
        for p in (root / top).rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(root).as_posix() not in source.files
    )
    if extra:
        notes.append(
            f"files that are not part of the course were ignored: {', '.join(extra)} "
            "(put your helpers in a 'your helpers' block or inside your answers)"
        )
    return notes


def _region_lines(root: Path) -> dict[str, list[tuple[int, int]]]:
    """The reference's answers: the body of every solution region, by path."""
    source = release.Source(root)
    return {
        rel: [(r.begin + 1, r.end - 1) for r in sf.regions]
        for rel, sf in source.files.items()
        if sf.regions
    }


def data_notes(box: Sandbox) -> list[str]:
    """What graded processes did to the sandbox's datasets, one note per file changed,
    deleted or created; call it after the run, before the sandbox is removed. The
    changes were made to the sandbox's private copy, so they are discarded with it."""
    return data_manifest.changes_since(box.data) if box.data is not None else []


def committed_tests(root: Path) -> dict[str, bytes] | None:
    """Relative path -> bytes of every file under ``tests/`` at git HEAD, or None when the
    repository is not a git checkout (or tests/ is not committed)."""
    proc = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "-r", "--name-only", "HEAD", "tests"],
        capture_output=True,
        text=True,
        check=False,
    )
    names = [n for n in proc.stdout.splitlines() if n]
    if proc.returncode != 0 or not names:
        return None
    files = {}
    for name in names:
        show = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:{name}"], capture_output=True, check=False
        )
        if show.returncode == 0:
            files[name] = show.stdout
    return files


def _copy_tests(
    root: Path,
    dest: Path,
    projects: list[Project],
    tests_dir: Path | None,
    prefer_committed: bool,
    notes: list[str],
) -> None:
    wanted = {p.name for p in projects}

    def take(rel: str) -> bool:
        parts = Path(rel).parts
        return (len(parts) == 2 and parts[1] == "conftest.py") or (
            len(parts) > 2 and parts[1] in wanted
        )

    if tests_dir is not None:
        src = Path(tests_dir)
        files = {
            f"tests/{p.relative_to(src).as_posix()}": p.read_bytes()
            for p in src.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
    else:
        files = {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in (root / "tests").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        head = committed_tests(root) if prefer_committed else None
        if head is not None:
            changed = sorted(
                r for r in set(files) | set(head) if take(r) and files.get(r) != head.get(r)
            )
            for rel in changed:
                notes.append(
                    f"{rel} differs from the committed version; graded with the committed tests"
                )
            files = head
    for rel, data in files.items():
        if take(rel):
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def build(
    root: Path,
    tree: str,
    dest: Path,
    projects: list[Project],
    *,
    isolated_before: int | None = None,
    tests_dir: Path | None = None,
    prefer_committed_tests: bool = False,
) -> Sandbox:
    """Assemble a sandbox at ``dest``.

    ``tree`` is ``"learner"`` (the repository root) or ``"solutions"``. With
    ``isolated_before=N`` every solution region owned by a project numbered below N is
    replaced by the reference (the learner's own code is kept everywhere else).
    """
    root, dest = Path(root), Path(dest)
    box = Sandbox(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if tree == "solutions":
        _copy_package_tree(root / "solutions", dest)
        box.learner_lines = _region_lines(root)
    elif (root / "solutions").is_dir():
        box.learner_lines = {}
        box.notes += _graded_learner_tree(root, dest, isolated_before, box.learner_lines)
    else:
        if isolated_before is not None:
            raise ValueError("isolated grading needs the reference tree (solutions/)")
        # A learner's tree without the reference: nothing to compare it with, so it is
        # graded as it stands.
        _copy_package_tree(root, dest)
    _copy_tests(root, dest, projects, tests_dir, prefer_committed_tests, box.notes)
    (dest / "pyproject.toml").write_text(PYTEST_SETTINGS, encoding="utf-8")
    # A private copy of the graded projects' datasets, never a link: a submission that
    # writes to a dataset file must not reach the repository's copy.
    box.data = data_manifest.copy_for_grading(root, dest / "data", [p.id for p in projects])
    return box


@dataclass
class RunOptions:
    """How a sandboxed run is limited and what it selects (``m2m grade``'s options)."""

    task: int | None = None
    timeout: float | None = None  # seconds per test; None: derived from the timings
    budget: float | None = None  # seconds for the whole run; None: derived
    memory_mb: int = DEFAULT_MEMORY_MB
    order: str | None = None
    tests_dir: Path | None = None  # the instructor's copy of tests/, when not the repo's


#: Environment variables that size the BLAS thread pools NumPy may use.
BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _child_env(sandbox: Path, hash_seed: str | None = None) -> dict[str, str]:
    env = _impl.subprocess_env("learner", sandbox)
    env["M2M_OUT_DIR"] = str(sandbox / "out")  # figures made by tests stay out of the repo
    env["M2M_DATA_DIR"] = str(sandbox / "data")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONSTARTUP", None)
    # One BLAS thread: on a busy machine a multi-threaded BLAS can be many times slower
    # (threads waiting for each other), which would turn a correct solution into a
    # time-out; it also fixes the summation order, so results do not depend on the cores.
    for var in BLAS_THREAD_VARS:
        env.setdefault(var, "1")
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    return env


def run(
    root: Path,
    tree: str,
    projects: list[Project],
    opts: RunOptions,
    *,
    isolated_before: int | None = None,
    collect_only: bool = False,
    prefer_committed: bool = False,
    hash_seed: str | None = None,
) -> tuple[RunResult, list[str]]:
    """Build a sandbox for ``projects`` on ``tree``, run their suites in it through the
    grading engine under the limits derived from the committed timings, and return the
    result with the sandbox's notes (edits it refused, writes to its datasets)."""
    with tempfile.TemporaryDirectory(prefix="m2m-grade-") as tmp:
        box = build(
            root,
            tree,
            Path(tmp) / "box",
            projects,
            isolated_before=isolated_before,
            tests_dir=opts.tests_dir,
            prefer_committed_tests=prefer_committed,
        )
        work = Path(tmp) / "work"
        work.mkdir()
        # The timings travel with the tests: the committed ones when the tests are.
        limits = timings.limits_for(
            timings.read_projects(box.root / "tests", [p.name for p in projects]),
            timeout=opts.timeout,
            budget_s=opts.budget,
            memory_mb=opts.memory_mb,
        )
        extra = []
        if opts.task is not None:
            extra.append(f"--task={opts.task}")
        if opts.order:
            extra.append(f"--m2m-order={opts.order}")
        result = run_tests(
            box.root,
            [f"tests/{p.name}" for p in projects],
            _child_env(box.root, hash_seed),
            work,
            limits=limits,
            extra_args=extra,
            collect_only=collect_only,
            learner_lines=box.learner_lines,
        )
        # Writes to the datasets went to the sandbox's copy; the report says they happened.
        return result, box.notes + data_notes(box)


def run_tests(
    cwd: Path,
    targets: list[str],
    env: dict[str, str],
    workdir: Path,
    *,
    limits: Limits,
    extra_args: list[str] = (),
    collect_only: bool = False,
    learner_lines: dict | None = None,
) -> RunResult:
    """Run pytest on ``targets`` in the sandbox ``cwd`` under ``limits``, with the course's
    pytest plugin choosing the tree and the task; never raises for what the tested code
    does. The sandbox holds only trusted configuration (the grader's ``pyproject.toml``,
    the committed tests and their conftest files), so conftest files are found the usual
    way; the nbgrader helper, which grades a folder a submission controls, runs the engine
    ``sandboxed`` instead (:mod:`m2m.runtime.check`)."""
    return engine.run(
        cwd,
        targets,
        env=env,
        workdir=workdir,
        limits=limits,
        pytest_args=["-p", "m2m.pytest_plugin", *extra_args],
        collect_only=collect_only,
        learner_lines=learner_lines,
    )
