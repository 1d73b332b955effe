"""The nbgrader course, end to end with the real nbgrader CLI.

A tiny synthetic course (three tasks, two projects) proves the mechanics quickly and
independently of the real projects: build, release without secrets, autograde four
submissions (the reference, the untouched stubs, one task wrong, a hostile one), export,
feedback without hidden tests. The same flow then runs on P01, when it exists, with the
reference, the stubs and the last task stubbed.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from m2m import timings
from m2m.grading import grade as grade_mod
from m2m.nbgrader import course as nbg
from m2m.release import tree as release
from m2m.release.tree import Source, project_number

pytest.importorskip("nbgrader", reason="needs the instructor extra: pip install -e '.[instructor]'")
pytest.importorskip("nbformat", reason="needs the instructor extra: pip install -e '.[instructor]'")

pytestmark = pytest.mark.nbgrader

REPO = Path(__file__).resolve().parents[2]
TOY = "p01_toy"
HIDDEN_SENTINEL = "TOY-HIDDEN-SENTINEL"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def plain_env() -> dict[str, str]:
    """The environment an instructor has: none of this test session's course variables."""
    env = dict(os.environ)
    for key in ("M2M_IMPL", "M2M_ROOT", "M2M_OUT_DIR", "M2M_DATA_DIR", "PYTHONPATH"):
        env.pop(key, None)
    return env


def m2m(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "m2m", *args],
        cwd=cwd,
        env=plain_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"m2m {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def toy_repository(root: Path) -> Path:
    """Two projects; P01 has three tasks in three modules, one of them in ``shared/``."""
    root.mkdir(parents=True)
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    write(root / "tests" / "conftest.py", (REPO / "tests" / "conftest.py").read_text())
    write(root / "data" / "README.md", "# Toy data\n")
    write(root / "data" / "numbers.txt", "7\n")
    write(root / "solutions" / "shared" / "__init__.py", "")
    write(
        root / "solutions" / "shared" / "core.py",
        '''
        def double(x):
            """2x."""
            ### BEGIN SOLUTION p01.t1
            toy_secret_double = 2 * x
            return toy_secret_double
            ### END SOLUTION


        def triple(x):
            """3x."""
            ### BEGIN SOLUTION p02.t1
            toy_secret_triple = 3 * x
            return toy_secret_triple
            ### END SOLUTION
        ''',
    )
    write(root / "solutions" / "projects" / "__init__.py", "")
    pkg = root / "solutions" / "projects" / TOY
    write(pkg / "__init__.py", '"""P01 · Toy."""\n\nfrom .ops import quad\n\n__all__ = ["quad"]\n')
    write(
        pkg / "README.md",
        """
        # P01 · Toy

        ## Goal

        Double, quadruple and cube small numbers.

        ## Tasks

        <a id="task-1"></a>
        ### Task 1 · Double

        <a id="task-2"></a>
        ### Task 2 · Quadruple

        <a id="task-3"></a>
        ### Task 3 · Cube
        """,
    )
    write(
        pkg / "ops.py",
        '''
        from shared.core import double


        def quad(x):
            """4x, built on double."""
            ### BEGIN SOLUTION t2
            toy_secret_quad = double(double(x))
            return toy_secret_quad
            ### END SOLUTION
        ''',
    )
    write(
        pkg / "power.py",
        '''
        def cube(x):
            """x**3."""
            ### BEGIN SOLUTION t3
            toy_secret_cube = x * x * x
            return toy_secret_cube
            ### END SOLUTION
        ''',
    )
    write(root / "solutions" / "projects" / "p02_next" / "__init__.py", "")
    write(
        root / "solutions" / "projects" / "p02_next" / "README.md",
        '# P02 · Next\n\n<a id="task-1"></a>\n### Task 1 · Triple\n',
    )
    tests = root / "tests" / TOY
    write(
        tests / "conftest.py",
        """
        import pytest


        @pytest.fixture
        def pair():
            return 3, 6
        """,
    )
    write(
        tests / "test_public.py",
        """
        import pytest

        from projects.p01_toy.ops import quad
        from shared.core import double

        pytestmark = pytest.mark.public


        @pytest.mark.task(1)
        @pytest.mark.points(2)
        def test_double(pair):
            assert double(pair[0]) == pair[1], "double(3) must be 6"


        @pytest.mark.task(2)
        def test_quad():
            assert quad(2) == 8, "quad(2) must be 8"
        """,
    )
    write(
        tests / "test_hidden.py",
        f"""
        import os
        from pathlib import Path

        import pytest

        from projects.p01_toy.ops import quad
        from shared.core import double

        # {HIDDEN_SENTINEL}: this line must never reach a learner.


        @pytest.mark.task(1)
        def test_double_negative():
            assert double(-4) == -8


        @pytest.mark.task(1)
        def test_double_of_the_data():
            value = int((Path(os.environ["M2M_DATA_DIR"]) / "numbers.txt").read_text())
            assert double(value) == 14


        @pytest.mark.task(2)
        @pytest.mark.points(3)
        def test_quad_many(pair):
            assert [quad(x) for x in pair] == [12, 24]
        """,
    )
    write(
        tests / "test_power.py",
        """
        import pytest

        from m2m.testing import hidden_support
        from projects.p01_toy.power import cube

        cube_reference = hidden_support(__file__, "oracles").cube_reference


        @pytest.mark.task(3)
        @pytest.mark.points(4)
        def test_cube(cube_reference):
            assert cube(2) == cube_reference(2) == 8 and cube(-1) == -1
        """,
    )
    # Hidden support: the oracle of task 3, beside the hidden tests, never released.
    write(
        tests / "hidden_oracles.py",
        f"""
        import pytest

        # {HIDDEN_SENTINEL}: hidden support must never reach a learner either.


        @pytest.fixture
        def cube_reference():
            return lambda x: x * x * x
        """,
    )
    nodes = {
        "test_public.py::test_double": ["pair"],
        "test_public.py::test_quad": [],
        "test_hidden.py::test_double_negative": [],
        "test_hidden.py::test_double_of_the_data": [],
        "test_hidden.py::test_quad_many": ["pair"],
        "test_power.py::test_cube": [],
    }
    timings.write(
        tests / "timings.json",
        [
            grade_mod.TestRecord(f"tests/{TOY}/{n}", seconds=0.01, shared=s)
            for n, s in nodes.items()
        ],
    )
    write(
        root / "tests" / "p02_next" / "test_public.py",
        """
        import pytest

        from shared.core import triple

        pytestmark = pytest.mark.public


        @pytest.mark.task(1)
        def test_triple():
            assert triple(2) == 6
        """,
    )
    return root


def submission(course: Path, repo: Path, name: str, student: str, keep) -> Path:
    """A learner's hand-in: the released folder with the regions ``keep`` accepts filled
    from the reference (the others left as stubs)."""
    target = course / "submitted" / student / name
    shutil.copytree(course / "release" / name, target)
    files = Source(repo).generate(keep)
    for rel, data in files.items():
        if (target / rel).is_file():
            (target / rel).write_bytes(data)
    return target


def exported_scores(course: Path) -> dict[str, float]:
    m2m("nbgrader", "export", "-C", str(course), cwd=course)
    with open(course / "grades.csv", newline="", encoding="utf-8") as fh:
        return {row["student_id"]: float(row["score"]) for row in csv.DictReader(fh)}


def cell_scores(course: Path, name: str, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook("sqlite:///" + str(course / "gradebook.db"), nbg.DEFAULT_COURSE_ID) as gb:
        nb = gb.find_submission_notebook(name, name, student)
        return {g.name: float(g.score) for g in nb.grades}


def nb_cells(assignment: Path) -> list[list[str]]:
    """The node ids that each autograded cell of an assignment's notebook runs."""
    import nbformat

    nb = nbformat.read(str(assignment / f"{assignment.name}.ipynb"), as_version=4)
    return [
        re.findall(r"^    '([^']+)',$", c.source, re.M)
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    ]


def all_text(folder: Path) -> str:
    parts = []
    for path in folder.rglob("*"):
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(repository, course): the toy course built and released through the CLI."""
    base = tmp_path_factory.mktemp("nbgrader")
    repo = toy_repository(base / "repo")
    course = base / "course"
    m2m("nbgrader", "build", str(course), "--timeout", "30", cwd=repo)
    m2m("nbgrader", "release", "-C", str(course), TOY, cwd=repo)
    return repo, course


def test_build_writes_a_complete_course(toy, tmp_path: Path):
    repo, course = toy
    (tmp_path / "notes.txt").write_text("not a course")
    with pytest.raises(nbg.CourseError, match="not a course built by m2m"):
        nbg.build(repo, tmp_path)
    source = course / "source" / TOY
    assert (source / f"{TOY}.ipynb").is_file() and (source / nbg.HELPER_FILE).is_file()
    assert (source / "tests" / TOY / "test_public.py").is_file()
    assert (source / "tests" / TOY / "conftest.py").is_file()
    settings = json.loads((source / nbg.SETTINGS_FILE).read_text())
    assert settings["FIXTURE_FILES"] == [f"tests/{TOY}/conftest.py"]
    # --timeout 30: every test gets 30 s; the toy has no timings, so the budget is the floor.
    assert settings["TEST_LIMIT"] == 30.0 and settings["BUDGET"] == timings.BUDGET_FLOOR
    # The helper reads the plan where the build wrote it, copies the hidden tests from the
    # course's source folder and finds the datasets without any variable.
    assert settings["PLAN_FILE"] == "tests_hidden/m2m_plan.json"
    hidden_source = str((course / "source" / TOY / "tests_hidden").resolve())
    assert settings["HIDDEN_SOURCE"] == hidden_source
    assert settings["DATA_DIR"] == str((repo / "data").resolve())
    # The grading runtime m2m grade runs, copied file for file.
    runtime = REPO / "m2m" / "runtime"
    copied = sorted(p.name for p in (source / nbg.RUNTIME_DIR).glob("*.py"))
    assert copied == sorted(p.name for p in runtime.glob("*.py"))
    for name in copied:
        text = (source / nbg.RUNTIME_DIR / name).read_text(encoding="utf-8")
        assert text == (runtime / name).read_text(encoding="utf-8"), name
    plan = json.loads((source / "tests_hidden" / "m2m_plan.json").read_text())
    planned = sorted(nodeid for shard in plan["shards"] for nodeid in shard["tests"])
    assert planned == sorted(c for cell in nb_cells(source) for c in cell), planned
    assert plan["budget"] == timings.BUDGET_FLOOR and plan["limits"] == {}
    assert plan["points"][f"tests_hidden/{TOY}/test_power.py::test_cube"] == 4
    assert sorted(p.name for p in (source / "tests_hidden" / TOY).iterdir()) == [
        "hidden_oracles.py",
        "test_hidden.py",
        "test_power.py",
    ]
    # What learners receive of the timings names the public tests only.
    shipped = json.loads((source / "tests" / TOY / "timings.json").read_text())["tests"]
    assert sorted(shipped) == [
        f"tests/{TOY}/test_public.py::test_double",
        f"tests/{TOY}/test_public.py::test_quad",
    ]
    assert not (source / "tests" / TOY / "hidden_oracles.py").exists()
    info = nbg._load_course(course)["assignments"][TOY]
    assert info["hidden_tests"] == [
        "test_cube",
        "test_double_negative",
        "test_double_of_the_data",
        "test_quad_many",
    ]
    code = all_text(source / "shared") + all_text(source / "projects")
    assert "toy_secret_" not in code and "BEGIN SOLUTION" not in code
    # P02's bundle is graded on its own work: P01's region is filled, its own is stubbed.
    p02 = (course / "source" / "p02_next" / "shared" / "core.py").read_text()
    assert "toy_secret_double" in p02 and "toy_secret_triple" not in p02

    import nbformat

    nb = nbformat.read(str(source / f"{TOY}.ipynb"), as_version=4)
    graded = {
        c.metadata.nbgrader.grade_id: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }
    assert {k: c.metadata.nbgrader.points for k, c in graded.items()} == {
        "task_1": 4,
        "task_2": 4,
        "task_3": 4,
    }
    assert all(c.metadata.nbgrader.locked for c in graded.values())
    assert "### BEGIN HIDDEN TESTS" in graded["task_1"].source
    assert nb.cells[0].source.startswith("# P01 · Toy") and "Cube" in nb.cells[2].source
    assert nb.metadata.kernelspec.name == "python3"

    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(nbg.CONFIG_FILE, path=str(course)).load_config()
    assert config.CourseDirectory.root == str(course.resolve())
    assert config.CourseDirectory.db_url == f"sqlite:///{course.resolve()}/gradebook.db"
    assert config.Execute.timeout == 2 * timings.BUDGET_FLOOR + nbg.EXECUTE_MARGIN
    assert "tests_hidden" in config.CourseDirectory.ignore, "no nbgrader command copies them"
    learner = sorted(
        p.relative_to(source).as_posix()
        for package in ("shared", "projects")
        for p in (source / package).rglob("*")
        if p.is_file()
    )
    assert sorted(config.Autograde.exclude_overwriting[TOY]) == learner
    assert "projects/p01_toy/power.py" in learner


def test_release_holds_no_secret_and_the_check_catches_leaks(toy, tmp_path: Path):
    repo, course = toy
    released = course / "release" / TOY
    assert not (released / "tests_hidden").exists()
    text = all_text(released)
    assert "toy_secret_" not in text and HIDDEN_SENTINEL not in text
    # No hidden node id (the helper may name the folder, never a test in it), and no
    # hidden test's name anywhere (the timings file holds the public tests only).
    assert "BEGIN HIDDEN TESTS" not in text and f"tests_hidden/{TOY}" not in text
    info = nbg._load_course(course)["assignments"][TOY]
    assert info["hidden_tests"] and not any(name in text for name in info["hidden_tests"])
    assert "test_hidden.py::" not in text and "test_power.py::" not in text

    leaky = tmp_path / "leaky"
    shutil.copytree(released, leaky)
    secrets = dict(hidden_tests=info["hidden_tests"])
    assert (
        nbg.scan_for_secrets(leaky, info["hidden_files"], info["reference_lines"], **secrets) == []
    )
    ops = leaky / "projects" / TOY / "ops.py"
    ops.write_text(
        ops.read_text() + "\n\ndef leaked(x):\n    toy_secret_quad = double(double(x))\n"
    )
    shutil.copy2(course / "source" / TOY / "tests_hidden" / TOY / "test_power.py", leaky / "t.py")
    (leaky / "shared" / "notes.py").write_text("### BEGIN SOLUTION p01.t1\n")
    shutil.copy2(
        course / "source" / TOY / "tests_hidden" / TOY / "hidden_oracles.py", leaky / "h.py"
    )
    # The whole suite's timings name every hidden test; a node id alone names one too.
    shutil.copy2(repo / "tests" / TOY / "timings.json", leaky / "tests" / TOY / "timings.json")
    (leaky / "notes.md").write_text("see tests/p01_toy/test_power.py::test_x\n")
    problems = nbg.scan_for_secrets(leaky, info["hidden_files"], info["reference_lines"], **secrets)
    assert any("ops.py" in p and "reference line" in p for p in problems), problems
    assert any("t.py is a hidden test file" in p for p in problems), problems
    assert any("h.py is a hidden test file" in p for p in problems), problems
    assert any("notes.py:1 holds a marker" in p for p in problems), problems
    assert any(
        "timings.json names hidden tests: test_cube, test_double_negative" in p for p in problems
    ), problems
    assert any("notes.md names hidden tests: test_power.py::" in p for p in problems), problems


def test_grading_helper_survives_a_hang_and_a_crash(
    toy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The helper alone (no nbgrader): a hang times out, os._exit costs its tests only."""
    _, course = toy
    folder = tmp_path / TOY
    shutil.copytree(course / "source" / TOY, folder)
    power = folder / "projects" / TOY / "power.py"
    power.write_text("def cube(x):\n    while True:\n        pass\n")
    spec = importlib.util.spec_from_file_location("toy_m2m_check", folder / nbg.HELPER_FILE)
    m2m_check = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, m2m_check)  # dataclasses look it up there
    spec.loader.exec_module(m2m_check)
    cube = f"tests_hidden/{TOY}/test_power.py::test_cube"
    start = time.monotonic()
    (result,) = m2m_check.run_tests([cube], root=folder, limits=m2m_check._limits(None, 3))
    assert result.outcome == "failed" and result.message == "timed out after 3 s"
    assert time.monotonic() - start < 20
    power.write_text("import os\n\nos._exit(0)\n")
    (result,) = m2m_check.run_tests([cube], root=folder)
    assert result.outcome == "not run"
    assert "the test process exited (status 0) while importing this file" in result.message
    with pytest.raises(AssertionError, match=r"FAILED test_power.py::test_cube: "):
        m2m_check.run_task(3, [cube])
    public = f"tests/{TOY}/test_public.py::test_double"
    assert m2m_check.run_task(1, [public, cube], points=4, partial=True) == 0.0


def load_helper(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    """An assignment's grading helper, imported from its file as the kernel would."""
    spec = importlib.util.spec_from_file_location(name, folder / nbg.HELPER_FILE)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_while_grading_the_suite_runs_once_and_a_crash_costs_only_its_test(
    toy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Autograde's path through the helper: the first task cell runs the planned suite
    (two processes), the others reuse it; the test whose code ended its process is
    charged and the engine runs the rest of that process's tests in a fresh one, so no
    cell runs anything again; changed code runs the suite anew; a planned test the run
    did not account for runs with its task."""
    repo, course = toy
    folder = tmp_path / TOY
    shutil.copytree(course / "source" / TOY, folder)
    for rel, data in Source(repo).generate(lambda r: r.project == "p01").items():
        if (folder / rel).is_file():
            (folder / rel).write_bytes(data)
    # Task 3's code ends the process that runs it, between task 1's tests.
    write(folder / "projects" / TOY / "power.py", "import os\n\n\ndef cube(x):\n    os._exit(3)\n")
    public, hidden, power = (
        f"tests/{TOY}/test_public.py",
        f"tests_hidden/{TOY}/test_hidden.py",
        f"tests_hidden/{TOY}/test_power.py",
    )
    task1 = [
        f"{public}::test_double",
        f"{hidden}::test_double_negative",
        f"{hidden}::test_double_of_the_data",
    ]
    task2 = [f"{public}::test_quad", f"{hidden}::test_quad_many"]
    task3 = [f"{power}::test_cube"]
    plan = {
        "shards": [{"tests": [task1[0], task3[0], task1[1]]}, {"tests": [task1[2], *task2]}],
        "budget": 60,
    }
    (folder / "tests_hidden" / "m2m_plan.json").write_text(json.dumps(plan))

    m2m_check = load_helper(folder, monkeypatch, "toy_m2m_check_suite")
    monkeypatch.setattr(m2m_check, "HIDDEN_SOURCE", "")  # grade this folder's plan as it is
    calls: list[tuple[str, list[str]]] = []
    run_plan, run_tests = m2m_check.run_plan, m2m_check.run_tests

    def counted(name, fn):
        def call(ids, **kw):
            calls.append((name, [i for shard in ids for i in shard] if name == "plan" else ids))
            return fn(ids, **kw)

        return call

    monkeypatch.setattr(m2m_check, "run_plan", counted("plan", run_plan))
    monkeypatch.setattr(m2m_check, "run_tests", counted("tests", run_tests))
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.delenv("M2M_DATA_DIR", raising=False)  # the helper's baked DATA_DIR answers
    monkeypatch.setenv(m2m_check.JOBS_VARIABLE, "2")

    assert m2m_check.run_task(1, task1) is None
    assert m2m_check.run_task(2, task2) is None
    with pytest.raises(AssertionError, match=r"test_cube: the test process exited \(status 3\)"):
        m2m_check.run_task(3, task3)
    assert [name for name, _ in calls] == ["plan"], "one suite run, nothing run again"

    ops = folder / "projects" / TOY / "ops.py"
    ops.write_text(ops.read_text().replace("double(double(x))", "double(x)"))
    with pytest.raises(AssertionError, match="test_quad"):
        m2m_check.run_task(2, task2)
    assert [name for name, _ in calls][1:] == ["plan"], "new code, a new suite run"

    # A test the plan does not name runs with its task's cell.
    plan["shards"][1]["tests"].remove(task2[1])
    (folder / "tests_hidden" / "m2m_plan.json").write_text(json.dumps(plan))
    calls.clear()
    with pytest.raises(AssertionError, match="test_quad"):
        m2m_check.run_task(2, task2)
    assert [name for name, _ in calls] == ["plan", "tests"] and calls[1][1] == [task2[1]]

    # A learner's copy has no plan: each cell runs its own tests.
    (folder / "tests_hidden" / "m2m_plan.json").unlink()
    calls.clear()
    assert m2m_check.run_task(1, task1) is None
    assert calls == [("tests", task1)]


def test_while_grading_the_helper_brings_the_hidden_tests_from_source(
    toy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """nbgrader copies no hidden test (the course ignores them in every command): the
    helper copies the instructor's, over whatever a submission planted."""
    _, course = toy
    folder = tmp_path / TOY
    shutil.copytree(course / "release" / TOY, folder)
    assert not (folder / "tests_hidden").exists()
    write(folder / "tests_hidden" / TOY / "test_power.py", "def test_cube():\n    pass\n")
    m2m_check = load_helper(folder, monkeypatch, "toy_m2m_check_restore")
    assert m2m_check.restore_hidden_tests(folder)
    source = course / "source" / TOY / "tests_hidden"
    copied = sorted(p.relative_to(source) for p in source.rglob("*.*"))
    assert copied and all(
        (folder / "tests_hidden" / rel).read_bytes() == (source / rel).read_bytes()
        for rel in copied
    )
    # The instructor's own source folder is left alone.
    m2m_source = load_helper(course / "source" / TOY, monkeypatch, "toy_m2m_check_source")
    assert not m2m_source.restore_hidden_tests(course / "source" / TOY)


def test_autograde_scores_exactly_and_feedback_hides_the_hidden_tests(toy):
    repo, course = toy
    p01 = lambda r: r.project == "p01"  # noqa: E731
    submission(course, repo, TOY, "reference", p01)
    # The untouched stubs, handed in from a clone of the repository (its learner tree).
    release.release(repo)
    m2m("nbgrader", "collect", "-C", str(course), "p01", "stubs", str(repo), cwd=repo)
    assert not (course / "submitted" / "stubs" / TOY / "projects" / "p02_next").exists()
    submission(course, repo, TOY, "one_wrong", lambda r: p01(r) and r.task != 2)
    hostile = submission(course, repo, TOY, "hostile", lambda r: p01(r) and r.task == 1)
    force_pass = """
        import pytest


        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(item, call):
            outcome = yield
            outcome.get_result().outcome = "passed"
        """
    planted = ("conftest.py", "tests/conftest.py", f"tests/{TOY}/conftest.py", "shared/conftest.py")
    for where in (*planted, f"{nbg.HIDDEN_DIR}/{TOY}/conftest.py"):
        write(hostile / where, force_pass)
    write(hostile / "pytest.ini", "[pytest]\naddopts = -p no:junitxml\n")
    write(hostile / f"tests/{TOY}/test_public.py", "def test_quad():\n    pass\n")
    write(hostile / f"tests_hidden/{TOY}/test_hidden.py", "def test_quad_many():\n    pass\n")
    ops = hostile / "projects" / TOY / "ops.py"
    ops.write_text(re.sub(r"raise NotImplementedError\(.*\)", "return 0", ops.read_text()))
    write(hostile / "projects" / TOY / "power.py", "import os\n\nos._exit(0)\n")
    import nbformat

    nb_path = hostile / f"{TOY}.ipynb"
    nb = nbformat.read(str(nb_path), as_version=4)
    cheat = "from m2m_runtime import check\ncheck.run_tests = lambda ids, **kw: []\n"
    nb.cells.insert(4, nbformat.v4.new_code_cell(cheat))
    nbformat.write(nb, str(nb_path))

    proc = m2m("nbgrader", "autograde", "-C", str(course), TOY, cwd=course)
    assert "hostile: notebook replaced by the released copy" in proc.stdout
    assert exported_scores(course) == {
        "reference": 12.0,
        "stubs": 0.0,
        "one_wrong": 8.0,
        "hostile": 4.0,
    }
    assert cell_scores(course, TOY, "hostile") == {"task_1": 4.0, "task_2": 0.0, "task_3": 0.0}
    assert cell_scores(course, TOY, "one_wrong") == {"task_1": 4.0, "task_2": 0.0, "task_3": 4.0}

    m2m("nbgrader", "feedback", "-C", str(course), TOY, cwd=course)
    feedback = course / "feedback"
    assert sorted(p.name for p in feedback.iterdir()) == sorted(
        ["reference", "stubs", "one_wrong", "hostile"]
    )
    text = all_text(feedback)
    assert HIDDEN_SENTINEL not in text and f"tests_hidden/{TOY}" not in text
    assert not list(feedback.rglob("tests_hidden"))
    html = (feedback / "one_wrong" / TOY / f"{TOY}.html").read_text(encoding="utf-8")
    assert "Task 2: 0/2 tests passed" in html and "not implemented yet: P01 Task 2" in html

    # The wrappers read scores with one SQLite query: the same as nbgrader's own API, also
    # once an instructor has set a manual score and extra credit.
    from nbgrader.api import Gradebook

    def api_scores() -> dict[str, tuple[float, float]]:
        with Gradebook("sqlite:///" + str(course / "gradebook.db"), nbg.DEFAULT_COURSE_ID) as gb:
            subs = gb.assignment_submissions(TOY)
            return {s.student_id: (float(s.score), float(s.max_score)) for s in subs}

    assert (
        nbg.scores(course, TOY)
        == api_scores()
        == {
            "hostile": (4.0, 12.0),
            "one_wrong": (8.0, 12.0),
            "reference": (12.0, 12.0),
            "stubs": (0.0, 12.0),
        }
    )
    with Gradebook("sqlite:///" + str(course / "gradebook.db"), nbg.DEFAULT_COURSE_ID) as gb:
        grade = gb.find_grade("task_2", TOY, TOY, "one_wrong")
        grade.manual_score, grade.extra_credit = 3.0, 0.5
        gb.db.commit()
    assert nbg.scores(course, TOY)["one_wrong"] == api_scores()["one_wrong"] == (11.5, 12.0)


P01_NAME = "p01_manual_neuron"


def minimal_env(home: Path) -> dict[str, str]:
    """What an instructor's shell may have and no more: the venv's scripts on PATH and a
    home folder. No m2m variable, no Jupyter folders, no data location, no kernel set up
    by the wrappers."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
        "HOME": str(home),
    }


def plain_nbgrader(course: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """``nbgrader ARGS`` run as an instructor would: from the course root, without m2m."""
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "nbgrader"), *args],
        cwd=course,
        env=minimal_env(home),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, f"nbgrader {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def all_cell_scores(course: Path, name: str) -> dict[str, dict[str, float]]:
    return {student: cell_scores(course, name, student) for student in nbg.scores(course, name)}


# A minute and more of real nbgrader: with the other end-to-end autograding tests in test-slow.
@pytest.mark.slow
def test_m2m_grade_and_nbgrader_give_every_task_the_same_points(tmp_path: Path):
    """One engine: six submissions (the reference, the stubs, one task wrong, one test
    of a task wrong, the reference with a wrong function written outside its answers, a
    hostile one) get the same points per task from `m2m grade` on a
    clone holding the same code as from nbgrader's autograde of the hand-in (partial
    credit, so a cell's score is its passed tests' points). nbgrader runs plain, as an
    instructor would, in a minimal environment; the wrapper then gives the same scores."""
    repo = toy_repository(tmp_path / "repo")
    course, home = tmp_path / "course", tmp_path / "home"
    m2m("nbgrader", "build", str(course), "--projects", "p01", "--partial-credit", cwd=repo)
    plain_nbgrader(course, home, "generate_assignment", TOY, "--force")
    assert not (course / "release" / TOY / "tests_hidden").exists()

    def partly(folder: Path) -> None:  # double(-4) wrong: one test of task 1 fails
        core = folder / "shared" / "core.py"
        core.write_text(core.read_text().replace("2 * x", "2 * abs(x)"))

    force_pass = (
        "import pytest\n\n\n@pytest.hookimpl(hookwrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n    outcome.get_result().outcome = 'passed'\n"
    )

    def hostile(folder: Path, tests_too: bool) -> None:
        ops = folder / "projects" / TOY / "ops.py"
        ops.write_text(re.sub(r"raise NotImplementedError\(.*\)", "return 0", ops.read_text()))
        write(folder / "projects" / TOY / "power.py", "import os\n\nos._exit(0)\n")
        for where in ("conftest.py", "shared/conftest.py", "numpy.py"):
            write(folder / where, force_pass)
        write(folder / "pytest.ini", "[pytest]\naddopts = -p no:junitxml\n")
        if tests_too:  # a hand-in may carry tests; m2m grade's come from the course
            write(folder / f"tests/{TOY}/conftest.py", force_pass)
            write(folder / f"tests_hidden/{TOY}/test_power.py", "def test_cube():\n    pass\n")

    def outside(folder: Path) -> None:  # right answers, and a wrong quad outside them
        ops = folder / "projects" / TOY / "ops.py"
        ops.write_text(ops.read_text() + "\n\nquad = lambda x: 0\n")

    p01 = lambda r: r.project == "p01"  # noqa: E731
    cases = {
        "reference": (p01, None),
        "outside": (p01, outside),
        "stubs": (lambda r: False, None),
        "one_wrong": (lambda r: p01(r) and r.task != 2, None),
        "partly": (p01, partly),
        "hostile": (lambda r: p01(r) and r.task == 1, hostile),
    }
    by_grade: dict[str, dict[str, float]] = {}
    for student, (keep, edit) in cases.items():
        handed_in = submission(course, repo, TOY, student, keep)
        clone = tmp_path / "clones" / student
        shutil.copytree(repo, clone)
        for package in ("shared", "projects"):  # the learner tree: the hand-in's code
            shutil.rmtree(clone / package, ignore_errors=True)
            shutil.copytree(handed_in / package, clone / package)
        if edit in (partly, outside):
            edit(handed_in), edit(clone)
        elif edit is hostile:
            hostile(handed_in, True), hostile(clone, False)
        (score,), _ = grade_mod.grade(clone, ["p01"], impl="learner")
        by_grade[student] = {f"task_{t}": ts.earned for t, ts in score.tasks.items()}

    plain_nbgrader(course, home, "autograde", TOY, "--force")
    by_nbgrader = all_cell_scores(course, TOY)
    assert by_nbgrader == by_grade
    assert by_grade["partly"] == {"task_1": 3.0, "task_2": 4.0, "task_3": 4.0}
    assert by_grade["hostile"] == {"task_1": 4.0, "task_2": 0.0, "task_3": 0.0}
    assert by_grade["reference"] == {"task_1": 4.0, "task_2": 4.0, "task_3": 4.0}
    assert by_grade["outside"] == by_grade["reference"], "an edit outside the answers is ignored"
    assert set(by_grade["stubs"].values()) == {0.0}

    plain_nbgrader(course, home, "generate_feedback", TOY, "--force")
    feedback = course / "feedback"
    assert not list(feedback.rglob("tests_hidden")) and HIDDEN_SENTINEL not in all_text(feedback)

    # The wrapper gives what plain nbgrader gave.
    m2m("nbgrader", "autograde", "-C", str(course), TOY, cwd=course)
    assert all_cell_scores(course, TOY) == by_nbgrader


@pytest.mark.slow
@pytest.mark.skipif(
    not (REPO / "tests" / P01_NAME).is_dir()
    or not (REPO / "solutions" / "projects" / P01_NAME).is_dir(),
    reason="P01 is not in this repository yet",
)
def test_p01_plain_nbgrader_scores_as_the_wrapper_does(tmp_path: Path):
    """Built with m2m, then driven by plain nbgrader in a minimal environment (no m2m
    variable, no data location, no Jupyter folders): the reference earns every point
    (task 5 reads the Iris data), the stubs none, the last task stubbed loses exactly
    its points; generate_feedback works; the wrapper's autograde scores the same."""
    course, home = tmp_path / "course", tmp_path / "home"
    (built,) = nbg.build(REPO, course, ["p01"])
    plain_nbgrader(course, home, "generate_assignment", P01_NAME, "--force")
    last = max(int(label.split()[-1]) for label in built.tasks if label.startswith("Task"))
    p01 = lambda r: project_number(r.project) <= 1  # noqa: E731
    submission(course, REPO, P01_NAME, "reference", p01)
    submission(course, REPO, P01_NAME, "stubs", lambda r: project_number(r.project) < 1)
    submission(course, REPO, P01_NAME, "last_wrong", lambda r: p01(r) and r.task != last)
    plain_nbgrader(course, home, "autograde", P01_NAME, "--force")
    total, lost = built.points, built.tasks[f"Task {last}"]
    expected = {"reference": total, "stubs": 0.0, "last_wrong": total - lost}
    plain = nbg.scores(course, P01_NAME)
    assert {student: got for student, (got, _) in plain.items()} == expected
    plain_nbgrader(course, home, "generate_feedback", P01_NAME, "--force")
    assert (course / "feedback" / "reference" / P01_NAME / f"{P01_NAME}.html").is_file()
    assert not list((course / "feedback").rglob("tests_hidden"))
    assert nbg.autograde(course, "p01") == 0
    assert nbg.scores(course, P01_NAME) == plain
    assert exported_scores(course) == expected


@pytest.mark.slow
def test_every_project_scores_exactly_for_the_reference_the_stubs_and_one_task_wrong(
    tmp_path: Path,
):
    """The whole real course, as the P01 test above does for one project: every project's
    assignment is generated without secrets; after plain ``nbgrader autograde`` (no m2m
    wrapper or variable), ``nbgrader export`` gives the reference every point, the
    untouched stubs 0, and the reference with its last task stubbed exactly the points of
    the other tasks."""
    from m2m.projects import discover

    projects = [p for p in discover(REPO) if (REPO / "tests" / p.name).is_dir()]
    course = tmp_path / "course"
    built = nbg.build(REPO, course, [p.id for p in projects])
    nbg.release(course, [p.id for p in projects])
    expected: dict[tuple[str, str], float] = {}
    for project, assignment in zip(projects, built, strict=True):
        n = project_number(project.id)
        last = max(int(label.split()[-1]) for label in assignment.tasks if label.startswith("Task"))

        def solved(r, n=n) -> bool:
            return project_number(r.project) <= n

        submission(course, REPO, project.name, "reference", solved)
        submission(
            course, REPO, project.name, "stubs", lambda r, n=n: project_number(r.project) < n
        )
        submission(
            course,
            REPO,
            project.name,
            "last_wrong",
            lambda r, n=n, last=last, pid=project.id: (
                solved(r, n) and not (r.project == pid and r.task == last)
            ),
        )
        # Plain `nbgrader autograde`, as an instructor runs it: no wrapper, no m2m variable.
        plain_nbgrader(course, tmp_path / "home", "autograde", project.name, "--force")
        total = float(assignment.points)
        expected[(project.name, "reference")] = total
        expected[(project.name, "stubs")] = 0.0
        expected[(project.name, "last_wrong")] = total - assignment.tasks[f"Task {last}"]
    m2m("nbgrader", "export", "-C", str(course), cwd=course)
    with open(course / "grades.csv", newline="", encoding="utf-8") as fh:
        got = {
            (row["assignment"], row["student_id"]): float(row["score"])
            for row in csv.DictReader(fh)
        }
    assert got == expected


@pytest.mark.slow
def test_the_formgraders_autograde_button_scores_as_the_command_line(tmp_path: Path):
    """The formgrader's Autograde button, driven through its HTTP API (the request the
    button sends) on a Jupyter server started as an instructor would, in a minimal
    environment: the same scores as the wrapper's command-line autograde."""
    import socket
    import urllib.request

    repo = toy_repository(tmp_path / "repo")
    course, home = tmp_path / "course", tmp_path / "home"
    m2m("nbgrader", "build", str(course), "--projects", "p01", cwd=repo)
    plain_nbgrader(course, home, "generate_assignment", TOY, "--force")
    p01 = lambda r: r.project == "p01"  # noqa: E731
    submission(course, repo, TOY, "reference", p01)
    submission(course, repo, TOY, "one_wrong", lambda r: p01(r) and r.task != 2)
    submission(course, repo, TOY, "stubs", lambda r: False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = "m2m-formgrader-test"
    log = tmp_path / "server.log"
    cmd = [
        str(Path(sys.executable).parent / "jupyter"),
        "server",
        f"--port={port}",
        "--ip=127.0.0.1",
        "--no-browser",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={course}",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    base = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:
        server = subprocess.Popen(
            cmd, cwd=course, env=minimal_env(home), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                time.sleep(0.2)
        for student in ("reference", "one_wrong", "stubs"):
            request = urllib.request.Request(
                f"{base}/formgrader/api/submission/{TOY}/{student}/autograde",
                method="POST",
                data=b"",
                headers={"Authorization": f"token {token}"},
            )
            answer = json.loads(urllib.request.urlopen(request, timeout=600).read())
            assert answer["success"], answer.get("error")
    finally:
        server.terminate()
        server.wait(timeout=60)
    by_button = all_cell_scores(course, TOY)
    assert nbg.scores(course, TOY) == {
        "one_wrong": (8.0, 12.0),
        "reference": (12.0, 12.0),
        "stubs": (0.0, 12.0),
    }
    m2m("nbgrader", "autograde", "-C", str(course), TOY, cwd=course)
    assert all_cell_scores(course, TOY) == by_button


@pytest.mark.slow
def test_plain_nbgrader_scores_and_flags_an_answer_that_reaches_into_the_grader(tmp_path: Path):
    """P01's stub release with one answer (sigmoid) that hunts for the grader's plugin,
    plainly or hidden from the static rule, handed to plain nbgrader: each scores far
    below a quarter of the points and is flagged in the cell outputs (so in the feedback)
    and in the wrapper's summary; the honest stub submission is not flagged."""
    from .test_reach_in import FORGE, HIDDEN, HONEST, PLAIN, STUB

    course, home = tmp_path / "course", tmp_path / "home"
    (built,) = nbg.build(REPO, course, ["p01"])
    plain_nbgrader(course, home, "generate_assignment", P01_NAME, "--force")
    before_p01 = lambda r: project_number(r.project) < 1  # noqa: E731
    submission(course, REPO, P01_NAME, "stubs", before_p01)
    for student, attack in (("plain", PLAIN["live objects"]), ("hidden", HIDDEN["live objects"])):
        folder = submission(course, REPO, P01_NAME, student, before_p01)
        path = folder / "shared" / "activations.py"
        text = path.read_text(encoding="utf-8")
        start = text.index(STUB)
        end = text.index("\n", start) + 1
        body = textwrap.indent(textwrap.dedent(FORGE) + textwrap.dedent(attack), "    ")
        path.write_text(text[:start] + body + HONEST + text[end:], encoding="utf-8")
    plain_nbgrader(course, home, "autograde", P01_NAME, "--force")
    got = {student: score for student, (score, _) in nbg.scores(course, P01_NAME).items()}
    assert got["stubs"] == 0.0
    assert got["plain"] < 0.25 * built.points and got["hidden"] < 0.25 * built.points, got
    flags = nbg.review_flags(course, P01_NAME)
    assert set(flags) == {"plain", "hidden"}, flags
    assert any("gc" in reason for reason in flags["plain"]), flags
    assert any("gc.get_objects" in reason for reason in flags["hidden"]), flags
    plain_nbgrader(course, home, "generate_feedback", P01_NAME, "--force")
    page = course / "feedback" / "hidden" / P01_NAME / f"{P01_NAME}.html"
    assert "REVIEW NEEDED" in page.read_text(encoding="utf-8")
    summary = m2m("nbgrader", "autograde", "-C", str(course), P01_NAME, cwd=course)
    assert (
        "REVIEW NEEDED: hidden" in summary.stdout and "REVIEW NEEDED: stubs" not in summary.stdout
    )
