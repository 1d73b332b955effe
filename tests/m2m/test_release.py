"""m2m release: the learner tree, drift checks and one-assignment bundles."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from m2m.release import bundles, hidden
from m2m.release import tree as release
from m2m.release.regions import RegionError

from .conftest import REPO, m2m, per_project, write

STUB_DOUBLE = (
    "    raise NotImplementedError('P01 Task 1 · double (shared/core.py) — see "
    "projects/p01_first/README.md#task-1')"
)


def test_release_stubs_regions_and_copies_the_rest(mini_course: Path):
    changed = release.release(mini_course)
    core = (mini_course / "shared" / "core.py").read_text()
    assert STUB_DOUBLE in core.splitlines()
    assert '"""2x."""' in core and "secret" not in core and "SOLUTION" not in core
    ops = (mini_course / "projects" / "p01_first" / "ops.py").read_text()
    assert (
        "        raise NotImplementedError('P01 Task 2 · Ops.quad (projects/p01_first/ops.py) "
        "— see projects/p01_first/README.md#task-2')"
    ) in ops.splitlines()
    blob = mini_course / "projects" / "p01_first" / "blob.bin"
    assert blob.read_bytes() == bytes(range(256))
    assert "shared/core.py" in changed
    assert release.release(mini_course) == []  # idempotent


def test_release_removes_learner_files_whose_source_is_gone(mini_course: Path):
    release.release(mini_course)
    orphan = write(mini_course / "projects" / "p01_first" / "old.py", "x = 1\n")
    (mini_course / "solutions" / "projects" / "p01_first" / "blob.bin").unlink()
    changed = release.release(mini_course)
    assert not orphan.exists()
    assert not (mini_course / "projects" / "p01_first" / "blob.bin").exists()
    assert set(changed) >= {"projects/p01_first/old.py", "projects/p01_first/blob.bin"}


def test_release_refuses_a_bad_region_and_names_file_and_line(mini_course: Path):
    write(
        mini_course / "solutions" / "shared" / "bad.py",
        "### BEGIN SOLUTION p01.t1\nx = 1\n### END SOLUTION\n",
    )
    with pytest.raises(RegionError, match=r"shared/bad.py:1"):
        release.release(mini_course)
    proc = m2m("release", cwd=mini_course)
    assert proc.returncode == 2 and "shared/bad.py:1" in proc.stderr


def test_check_reports_each_drifted_file(mini_course: Path):
    release.release(mini_course)
    assert release.check(mini_course).ok
    core = mini_course / "shared" / "core.py"
    core.write_text(core.read_text().replace('"""2x."""', '"""two x"""'))
    (mini_course / "projects" / "p01_first" / "ops.py").unlink()
    result = release.check(mini_course)
    assert sorted(result.drifted) == [
        "projects/p01_first/ops.py (missing)",
        "shared/core.py (differs)",
    ]
    proc = m2m("release", "--check", cwd=mini_course)
    assert proc.returncode == 1
    assert "shared/core.py" in proc.stdout and "projects/p01_first/ops.py" in proc.stdout


def test_check_accepts_learner_work_inside_stubs_and_own_definitions(mini_course: Path):
    release.release(mini_course)
    core = mini_course / "shared" / "core.py"
    core.write_text(
        "import math\n"
        + core.read_text().replace(STUB_DOUBLE, "    # my own work\n    y = x + x\n    return y")
    )
    result = release.check(mini_course)
    assert result.ok and not result.local_work and not result.drifted


def test_check_names_local_work_and_checks_the_committed_version(mini_course: Path):
    release.release(mini_course)
    git = ["git", "-C", str(mini_course), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "course"], check=True)
    core = mini_course / "shared" / "core.py"
    core.write_text(core.read_text().replace('"""2x."""', '"""Twice x."""'))  # given code edited
    write(mini_course / "projects" / "p01_first" / "scratch.py", "print('try')\n")
    result = release.check(mini_course)
    assert result.ok
    assert sorted(result.local_work) == ["projects/p01_first/scratch.py", "shared/core.py"]


def test_matches_outside_stubs():
    stub = "    raise NotImplementedError('P01 Task 1 · f — see x#task-1')\n"
    expected = f"def f():\n    a = 1\n{stub}\n\ndef g():\n    return 2\n"
    filled = "def f():\n    a = 1\n    return a\n    # more\n\n\ndef g():\n    return 2\n"
    assert release.matches_outside_stubs(expected, filled)
    assert release.matches_outside_stubs(expected, expected)
    assert not release.matches_outside_stubs(expected, filled.replace("return 2", "return 3"))
    assert not release.matches_outside_stubs("a\nb\n", "a\nc\n")


def test_bundle_fills_earlier_regions_and_stubs_the_rest(mini_course: Path, tmp_path: Path):
    out = tmp_path / "bundle"
    files = bundles.bundle(mini_course, "p02", out)
    core = (out / "shared" / "core.py").read_text()
    assert "secret_double_line = 2 * x" in core  # p01's region: filled from the reference
    assert "secret_triple_line" not in core  # p02's own region: stubbed
    assert "P02 Task 1 · triple" in core
    assert "tests/p02_second/test_public.py" in files
    assert not any(f.startswith("tests/p01_first") for f in files)
    for path in out.rglob("*.py"):
        assert "SOLUTION" not in path.read_text(), path
    with pytest.raises(FileExistsError):
        bundles.bundle(mini_course, "p02", out)


def test_bundle_includes_only_public_tests_and_earlier_projects(mini_course: Path, tmp_path: Path):
    out = tmp_path / "b1"
    files = bundles.bundle(mini_course, "p01", out)
    assert "tests/p01_first/test_public.py" in files
    assert "tests/p01_first/test_hidden.py" not in files
    assert not any(f.startswith("projects/p02_second") for f in files)
    ops = (out / "projects" / "p01_first" / "ops.py").read_text()
    assert "secret_quad_line" not in ops
    with pytest.raises(ValueError, match="unknown project 'p07'"):
        bundles.bundle(mini_course, "p07", tmp_path / "b2")


def test_bundle_leaves_hidden_support_behind_and_ships_the_public_timings(
    mini_course: Path, tmp_path: Path
):
    from m2m import timings
    from m2m.runtime.engine import TestRecord

    tests = mini_course / "tests" / "p01_first"
    write(tests / "hidden_oracles.py", "def double_reference(x):\n    return 2 * x\n")
    write(tests / "hidden_cases" / "cases.json", "[1, 2]\n")
    write(tests / "cases.json", "[3]\n")  # public support travels
    public, hidden = "tests/p01_first/test_public.py", "tests/p01_first/test_hidden.py"
    records = [
        TestRecord(f"{public}::test_double", seconds=0.2, shared=["model"]),
        TestRecord(f"{hidden}::test_quad", seconds=4.0, shared=["model"]),
        TestRecord(f"{hidden}::test_double_negative", seconds=0.1),
    ]
    timings.write(tests / "timings.json", records)
    files = bundles.bundle(mini_course, "p01", tmp_path / "b")
    assert "tests/p01_first/cases.json" in files
    assert not [f for f in files if "hidden_" in f or "test_hidden" in f], files
    shipped = timings.read(tmp_path / "b" / "tests" / "p01_first" / "timings.json")
    # The public test shares a fixture with a slower hidden one: it carries the group's time,
    # so the bundle derives the limit the whole suite gives it.
    assert shipped == {f"{public}::test_double": {"seconds": 4.0, "shared": ["model"]}}
    assert timings.test_limits(shipped) == {
        f"{public}::test_double": timings.test_limits(timings.read(tests / "timings.json"))[
            f"{public}::test_double"
        ]
    }
    text = (tmp_path / "b" / "tests" / "p01_first" / "timings.json").read_text()
    assert "test_quad" not in text and "test_hidden" not in text


def test_a_bundle_that_would_name_a_hidden_test_is_refused(mini_course: Path, tmp_path: Path):
    write(mini_course / "tests" / "p01_first" / "NOTES.md", "test_quad checks quad(2)\n")
    with pytest.raises(ValueError, match=r"would name hidden tests: .*NOTES.md: test_quad"):
        bundles.bundle(mini_course, "p01", tmp_path / "b")
    assert not (tmp_path / "b").exists()


def test_is_hidden_test_path():
    stays = ["test_x.py", "hidden_oracles.py", "hidden_data/cases.json", "sub/test_y.py"]
    shipped = ["test_public.py", "test_public_extra.py", "conftest.py", "cases.json"]
    assert all(hidden.is_hidden_test_path(p) for p in stays)
    assert not any(hidden.is_hidden_test_path(p) for p in shipped)


# ------------------------------------------------------------------ the real course


def test_the_committed_learner_tree_is_in_sync():
    proc = m2m("release", "--check", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_learner_tree_holds_no_marker_and_no_reference_line():
    source = release.Source(REPO)
    assert source.regions, "the course has no solution regions"
    for top in ("shared", "projects"):
        for path in (REPO / top).rglob("*.py"):
            assert "SOLUTION" not in path.read_text(encoding="utf-8").replace(
                "NotImplementedError", ""
            ), path


def _region_lines(source: release.Source, region) -> set[str]:
    text = source.files[region.path].data.decode()
    body = text.splitlines()[region.begin : region.end - 1]
    # Lines short or generic enough to appear elsewhere legitimately are not evidence.
    return {ln.strip() for ln in body if len(ln.strip()) > 24 and not ln.strip().startswith("#")}


def _project_ids() -> list[str]:
    base = REPO / "solutions" / "projects"
    return sorted(d.name[:3] for d in base.iterdir() if d.is_dir() and d.name[:1] == "p")


def _assert_no_hidden_test_is_named(folder: str, out: Path, files: list[str]) -> None:
    """What a learner receives of a project names none of its hidden tests: no hidden test
    function (unless a public test has the same name), no hidden node id, and no timing of
    a hidden test; no hidden support file travels."""
    import re

    tests = REPO / "tests" / folder
    defined = re.compile(r"^(?:    )?def (test_\w+)", re.M)
    names = {
        p: set(defined.findall(p.read_text(encoding="utf-8"))) for p in tests.glob("test_*.py")
    }
    public = set().union(*(n for p, n in names.items() if p.name.startswith("test_public")))
    hidden = set().union(*(n for p, n in names.items() if not p.name.startswith("test_public")))
    code = " ".join(
        (out / f).read_text(encoding="utf-8")
        for f in files
        if f.endswith(".py") and f.split("/")[0] in ("shared", "projects")
    )
    secret = hidden - public - set(re.findall(r"\btest_\w+", code))
    hidden_files = {p.name for p in names if not p.name.startswith("test_public")}
    for rel in files:
        assert not any(part.startswith("hidden_") for part in rel.split("/")), rel
        try:
            text = (out / rel).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        words = set(re.findall(r"\btest_\w+", text))
        assert not (secret & words), f"{rel} names hidden tests: {sorted(secret & words)[:3]}"
        assert not [f for f in hidden_files if f"{f}::" in text], f"{rel} holds a hidden node id"
    shipped = json.loads((out / "tests" / folder / "timings.json").read_text())["tests"]
    assert shipped and all("/test_public" in nodeid for nodeid in shipped), sorted(shipped)[:3]


@pytest.mark.parametrize("project", _project_ids())
def test_each_bundle_holds_no_marker_no_stubbed_line_and_no_hidden_test(project, tmp_path):
    source = release.Source(REPO)
    out = tmp_path / project
    files = bundles.bundle(REPO, project, out)
    _assert_no_hidden_test_is_named(source.project_dirs[project], out, files)
    n = release.project_number(project)
    stubbed = [r for r in source.regions if release.project_number(r.project) >= n]
    secret = set().union(*(_region_lines(source, r) for r in stubbed)) if stubbed else set()
    kept = [r for r in source.regions if release.project_number(r.project) < n]
    secret -= set().union(*(_region_lines(source, r) for r in kept)) if kept else set()
    # A line that also occurs outside every region is given code, not a solution.
    outside = set()
    for sf in source.files.values():
        if sf.relpath.endswith(".py"):
            lines = sf.data.decode().splitlines()
            inside = {i for r in sf.regions for i in range(r.begin - 1, r.end)}
            outside |= {ln.strip() for i, ln in enumerate(lines) if i not in inside}
    secret -= outside
    for path in out.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "### BEGIN SOLUTION" not in text and "### END SOLUTION" not in text, path
        if path.relative_to(out).parts[0] == "tests":
            continue  # the public tests are the instructor's own text, shipped on purpose
        lines = {ln.strip() for ln in text.splitlines()}
        leaked = secret & lines
        assert not leaked, f"{path.relative_to(out)} leaks reference lines: {sorted(leaked)[:3]}"
    assert any(p.name.startswith("test_public") for p in out.rglob("test_*.py"))
    tests = REPO / "tests" / source.project_dirs[project]
    if (tests / "conftest.py").is_file():  # public tests may need the folder's fixtures
        assert (out / "tests" / tests.name / "conftest.py").is_file()
    assert not [p for p in out.rglob("test_*.py") if not p.name.startswith("test_public")]


@pytest.mark.parametrize("project", per_project(_project_ids()))
def test_each_bundle_runs_on_its_own(project, tmp_path, clean_env):
    """The bundle's public tests collect cleanly and fail on its stubs; with the project's
    regions filled from the reference they all pass."""
    import subprocess
    import sys

    out = tmp_path / project
    bundles.bundle(REPO, project, out)
    env = dict(clean_env, M2M_ROOT=str(out))

    def run() -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests",
                "-q",
                "-p",
                "no:cacheprovider",
                "--impl",
                "learner",
            ],
            cwd=out,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    stubbed = run()
    assert "error" not in stubbed.stdout.splitlines()[-1], stubbed.stdout[-2000:]
    assert " passed" not in stubbed.stdout.splitlines()[-1], stubbed.stdout[-2000:]
    reference = release.Source(REPO).generate(keep=lambda r: True)
    for rel, data in reference.items():
        if (out / rel).is_file():
            (out / rel).write_bytes(data)
    solved = run()
    assert solved.returncode == 0, solved.stdout[-2000:]
