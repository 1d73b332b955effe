"""Static checks that keep the course coherent: briefs, regions, task markers, imports."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from m2m.projects import discover
from m2m.release import tree as release

from .conftest import REPO

PROJECTS = [p.name for p in discover(REPO)]


def _task_markers(path: Path) -> tuple[dict[str, int | None], bool]:
    """test function name -> task number (None when unmarked), and whether the module is public."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def task_of(decorators) -> int | None:
        for dec in decorators:
            if (
                isinstance(dec, ast.Call)
                and isinstance(dec.func, ast.Attribute)
                and dec.func.attr == "task"
                and dec.args
                and isinstance(dec.args[0], ast.Constant)
            ):
                return dec.args[0].value
        return None

    module_task, public = None, False
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            src = ast.unparse(node.value)
            public = "pytest.mark.public" in src
            m = re.search(r"pytest\.mark\.task\((\d+)\)", src)
            module_task = int(m.group(1)) if m else None
    tests: dict[str, int | None] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            tests[node.name] = task_of(node.decorator_list) or module_task
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            cls_task = task_of(node.decorator_list) or module_task
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef) and sub.name.startswith("test"):
                    tests[f"{node.name}.{sub.name}"] = task_of(sub.decorator_list) or cls_task
    return tests, public


@pytest.fixture(scope="module")
def source() -> release.Source:
    return release.Source(REPO)


@pytest.mark.parametrize("name", PROJECTS)
def test_project_package_is_complete(name):
    pkg = REPO / "solutions" / "projects" / name
    for part in ("README.md", "__init__.py", "__main__.py", "demo.py"):
        assert (pkg / part).is_file(), f"{name} lacks {part}"
    tree = ast.parse((pkg / "demo.py").read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in tree.body)
    assert (REPO / "tests" / name / "test_public.py").is_file()


@pytest.mark.parametrize("name", PROJECTS)
def test_regions_tests_and_brief_agree_on_tasks(name, source):
    pid = name[:3]
    region_tasks = {r.task for r in source.regions if r.project == pid}
    assert region_tasks, f"{name} owns no solution region"
    assert region_tasks == set(range(1, max(region_tasks) + 1)), (
        f"{name}: task numbers must be contiguous from 1, got {sorted(region_tasks)}"
    )
    brief = (REPO / "solutions" / "projects" / name / "README.md").read_text(encoding="utf-8")
    for task in region_tasks:
        assert f'<a id="task-{task}"></a>' in brief, f"{name} brief lacks the task-{task} anchor"
    marked: dict[int, int] = {}
    public_files = 0
    for path in sorted((REPO / "tests" / name).glob("test_*.py")):
        tests, public = _task_markers(path)
        if path.name.startswith("test_public"):
            assert public, f"{path.name} must set pytestmark = pytest.mark.public"
            public_files += 1
        else:
            assert not public, f"{path.name} is hidden but marked public"
        for test, task in tests.items():
            assert task is not None, f"{path.name}::{test} has no task marker"
            assert task in region_tasks, (
                f"{path.name}::{test} grades task {task}, which no region of {pid} implements"
            )
            marked[task] = marked.get(task, 0) + 1
    assert public_files >= 1
    assert set(marked) == region_tasks, (
        f"{name}: tasks without tests: {sorted(region_tasks - set(marked))}"
    )


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_project_imports_a_later_one_and_core_imports_no_project():
    for path in (REPO / "solutions").rglob("*.py"):
        rel = path.relative_to(REPO / "solutions")
        imported = _imports(path)
        assert not any(m.split(".")[0] in ("solutions", "m2m") for m in imported), (
            f"{rel} imports the tooling or the solutions package by name"
        )
        here = (
            re.match(r"p(\d\d)_", rel.parts[1])
            if rel.parts[0] == "projects" and len(rel.parts) > 2
            else None
        )
        for mod in imported:
            m = re.match(r"projects\.p(\d\d)_", mod)
            if not m:
                continue
            assert rel.parts[0] == "projects", f"{rel}: the shared core imports {mod}"
            assert here and int(m.group(1)) <= int(here.group(1)), f"{rel} imports {mod}"


def test_curriculum_names_every_built_project():
    text = (REPO / "curriculum.md").read_text(encoding="utf-8")
    for name in PROJECTS:
        assert f"projects/{name}/README.md" in text, f"curriculum.md does not link {name}"


BRIEF_SECTIONS = (
    "## Goal",
    "## The math",
    "## Tasks",
    "## How to grade",
    "## What good looks like",
    "## Stretch goals",
    "## Reading",
)


@pytest.mark.parametrize("name", PROJECTS)
def test_brief_has_every_section_in_order(name):
    text = (REPO / "solutions" / "projects" / name / "README.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {name[:3].upper()} · "), "the brief starts with '# PNN · Title'"
    lines = text.splitlines()
    where = [lines.index(s) if s in lines else -1 for s in BRIEF_SECTIONS]
    missing = [s for s, i in zip(BRIEF_SECTIONS, where, strict=True) if i < 0]
    assert not missing, f"{name} brief lacks {missing}"
    assert where == sorted(where), f"{name} brief sections out of order"


def test_every_graded_test_has_a_reference_timing():
    """Time limits derive from tests/<project>/timings.json (see m2m.timings): a graded
    test without an entry would get the generic limit, an entry without a test is stale.
    Rewrite them with `m2m timings`."""
    from m2m import timings
    from m2m.grading.measure import missing_and_stale

    problems = [
        f"{name}: {what} {nodeid}"
        for name, (missing, stale) in missing_and_stale(REPO, PROJECTS).items()
        for what, nodeids in (("no timing for", missing), ("stale timing for", stale))
        for nodeid in nodeids
    ]
    assert not problems, "run `m2m timings`:\n" + "\n".join(problems[:20])
    for name in PROJECTS:
        limits = timings.test_limits(timings.read(timings.timings_path(REPO / "tests", name)))
        assert min(limits.values()) >= timings.FLOOR
