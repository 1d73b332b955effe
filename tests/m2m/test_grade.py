"""m2m grade: scores by task, stub messages, collection errors, JSON, and the real course."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from m2m.grading.grade import GradeOptions, grade, to_json
from m2m.projects import discover
from m2m.release import tree as release

from .conftest import REPO, learner_tree, m2m, per_project, write


def by_task(score) -> dict:
    return {t: (ts.earned, ts.possible) for t, ts in score.tasks.items()}


def test_reference_earns_full_marks(mini_course: Path):
    scores, _ = grade(mini_course, impl="solutions")
    assert [(s.project.id, s.earned, s.possible) for s in scores] == [("p01", 6, 6), ("p02", 3, 3)]
    assert scores[0].project.title == "First"


def test_untouched_learner_tree_earns_zero_with_stub_messages(mini_course: Path):
    release.release(mini_course)
    scores, data = grade(mini_course, impl="learner")
    assert [(s.earned, s.possible) for s in scores] == [(0, 6), (0, 3)]
    assert not data["collect_errors"]
    stubs = {t["stub"] for s in scores for ts in s.tasks.values() for t in ts.tests}
    assert "P01 Task 1 · double (shared/core.py) — see projects/p01_first/README.md#task-1" in stubs
    assert (
        "P01 Task 2 · Ops.quad (projects/p01_first/ops.py) — see "
        "projects/p01_first/README.md#task-2" in stubs
    )


def test_half_done_tree_earns_exactly_its_tasks(mini_course: Path):
    release.write_tree(
        mini_course,
        release.Source(mini_course).generate(keep=lambda r: (r.project, r.task) == ("p01", 1)),
    )
    scores, _ = grade(mini_course, ["p01"], impl="learner")
    assert by_task(scores[0]) == {1: (3, 3), 2: (0, 3)}


def test_task_option_grades_one_task(mini_course: Path):
    scores, _ = grade(mini_course, ["p01"], impl="solutions", options=GradeOptions(task=2))
    assert by_task(scores[0]) == {2: (3, 3)}


def test_a_module_that_fails_to_import_loses_its_points_not_the_denominator(mini_course):
    release.release(mini_course)
    write(mini_course / "projects" / "p01_first" / "ops.py", "def broken(:\n")
    scores, data = grade(mini_course, ["p01"], impl="learner")
    assert (scores[0].earned, scores[0].possible) == (0, 6)
    quad = [t for t in scores[0].tasks[2].tests if t["nodeid"].endswith("test_quad")][0]
    assert quad["outcome"] == "not run"
    assert quad["message"].startswith("not run: could not import the test file:")
    assert any("test_hidden.py" in e["nodeid"] for e in data["collect_errors"])


def test_cli_prints_a_table_and_writes_json(mini_course: Path, tmp_path: Path, clean_env):
    release.release(mini_course)
    report = tmp_path / "report.json"
    proc = m2m("grade", "p01", "--json", str(report), cwd=mini_course, env=clean_env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "P01 · First  [learner tree, own stack]" in out
    assert (
        "not implemented yet: P01 Task 1 · double (shared/core.py) — see "
        "projects/p01_first/README.md#task-1" in out
    )
    assert "Traceback" not in out
    assert "total" in out and "0/6" in out
    data = json.loads(report.read_text())
    assert data["impl"] == "learner" and data["earned"] == 0 and data["possible"] == 6
    assert [t["task"] for t in data["projects"][0]["tasks"]] == [1, 2]
    proc = m2m(
        "grade", "p01", "--impl", "solutions", "--require-full", cwd=mini_course, env=clean_env
    )
    assert proc.returncode == 0 and "6/6" in proc.stdout
    proc = m2m("grade", "p01", "--require-full", cwd=mini_course, env=clean_env)
    assert proc.returncode == 1


def test_require_full_is_never_met_by_a_grade_with_nothing_to_grade(
    mini_course: Path, clean_env, tmp_path: Path
):
    """0/0 points (no test found, a test process that crashed) is not full marks."""
    import shutil

    empty = tmp_path / "instructor_tests"
    shutil.copytree(mini_course / "tests", empty)
    for test_file in empty.rglob("test_*.py"):
        test_file.unlink()
    proc = m2m(
        "grade", "p01", "--impl", "solutions", "--tests", str(empty), "--require-full",
        cwd=mini_course, env=clean_env,
    )  # fmt: skip
    assert proc.returncode != 0, proc.stdout + proc.stderr


def test_unknown_project_is_a_clear_error(mini_course: Path, clean_env):
    proc = m2m("grade", "p42", cwd=mini_course, env=clean_env)
    assert proc.returncode == 2 and "unknown project 'p42'" in proc.stderr


def test_env_variable_selects_the_tree(mini_course: Path, clean_env):
    release.release(mini_course)
    env = dict(clean_env, M2M_IMPL="solutions")
    proc = m2m("grade", "p02", cwd=mini_course, env=env)
    assert "[solutions tree" in proc.stdout and "3/3" in proc.stdout


def test_unknown_markers_are_errors(mini_course: Path, clean_env):
    write(
        mini_course / "tests" / "p02_second" / "test_typo.py",
        """
        import pytest

        @pytest.mark.pionts(2)
        def test_x():
            assert True
        """,
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/p02_second", "-q", "--impl", "solutions"],
        cwd=mini_course,
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "'pionts' not found in `markers`" in proc.stdout + proc.stderr


# ------------------------------------------------------------------ the real course


def _outcomes(scores) -> dict[str, tuple[str, float]]:
    return {
        t["nodeid"]: (t["outcome"], t["points"])
        for s in scores
        for ts in s.tasks.values()
        for t in ts.tests
    }


@pytest.mark.slow  # grades the whole course three times; each suite also runs on its own
def test_real_course_reference_earns_full_marks_whatever_the_order_and_hash_seed():
    """Three gradings of the reference — different PYTHONHASHSEED values, the tests in
    file order, reversed and shuffled — give full marks and identical reports."""
    settings = (("0", None), ("1", "reverse"), ("2", "shuffle:7"))

    def run(setting):
        seed, order = setting
        return grade(REPO, impl="solutions", options=GradeOptions(order=order), hash_seed=seed)

    # Each grading is one child process: two at a time use both cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, settings))
    runs = []
    for (seed, order), (scores, data) in zip(settings, results, strict=True):
        assert not data["collect_errors"], data["collect_errors"]
        runs.append(_outcomes(scores))
        lost = [
            t["nodeid"] + ": " + t["message"]
            for s in scores
            for ts in s.tasks.values()
            for t in ts.tests
            if t["outcome"] != "passed"
        ]
        assert not lost, f"seed {seed}, order {order}:\n" + "\n".join(lost[:10])
        report = to_json(scores, "solutions")
        assert report["earned"] == report["possible"] > 0
    assert runs[0] == runs[1] == runs[2]
    assert len(runs[0]) > 100


def test_real_course_untouched_learner_tree_earns_zero(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("M2M_DATA_DIR", str(REPO / "data"))
    tree = learner_tree(REPO, tmp_path / "clone")
    scores, data = grade(tree, impl="learner")
    assert not data["collect_errors"], data["collect_errors"]
    earned = {s.project.id: s.earned for s in scores}
    assert all(v == 0 for v in earned.values()), earned
    for s in scores:
        assert s.possible > 0
        no_stub = [t["nodeid"] for ts in s.tasks.values() for t in ts.tests if not t["stub"]]
        assert not no_stub, f"tests that fail without a stub message: {no_stub[:5]}"


@pytest.mark.parametrize("project", per_project([p.id for p in discover(REPO)]))
def test_real_course_half_done_tree_earns_exactly_the_finished_tasks(
    project, tmp_path, monkeypatch
):
    """Tasks 1..k of the project filled (everything earlier too): exactly their points."""
    monkeypatch.setenv("M2M_DATA_DIR", str(REPO / "data"))
    source = release.Source(REPO)
    n = release.project_number(project)
    tasks = sorted({r.task for r in source.regions if r.project == project})
    assert tasks, f"{project} has no solution regions"
    k = tasks[len(tasks) // 2 - 1] if len(tasks) > 1 else tasks[0]

    def keep(region) -> bool:
        m = release.project_number(region.project)
        return m < n or (region.project == project and region.task <= k)

    tree = learner_tree(REPO, tmp_path / "clone", keep=keep, projects=[project])
    (score,), _ = grade(tree, [project], impl="learner")
    got = {t: ts.earned for t, ts in score.tasks.items()}
    want = {t: (ts.possible if t is not None and t <= k else 0) for t, ts in score.tasks.items()}
    assert got == want


def test_real_course_isolated_grade_shields_a_project_from_an_earlier_bug(tmp_path, monkeypatch):
    """P01 left unfinished, P02–P04 solved: P04 (whose loss gradient calls P01's sigmoid)
    loses points on its own stack and earns full marks isolated."""
    monkeypatch.setenv("M2M_DATA_DIR", str(REPO / "data"))
    tree = learner_tree(
        REPO, tmp_path / "clone", keep=lambda r: r.project != "p01", projects=["p04"]
    )
    (own,), _ = grade(tree, ["p04"], impl="learner")
    assert 0 < own.earned < own.possible
    (iso,), data = grade(tree, ["p04"], impl="learner", options=GradeOptions(isolated=True))
    assert iso.earned == iso.possible and data["isolated"]


@pytest.mark.slow  # about a minute: the looping tests each run to their limit
def test_real_course_endless_loop_in_a_p01_helper_is_graded_in_under_two_minutes(
    tmp_path: Path, clean_env
):
    """P01 solved, but ``truth_table`` (called by several tests) loops forever: each of
    those tests times out at its derived limit (the 10 s floor; P01's tests take well
    under a second each on the reference), every other test scores, and the whole grade
    takes far less than the 60 s per test a fixed limit cost."""
    tree = learner_tree(
        REPO, tmp_path / "clone", keep=lambda r: r.project == "p01", projects=["p01"]
    )
    module = tree / "projects" / "p01_manual_neuron" / "experiments.py"
    text = module.read_text(encoding="utf-8")
    head = text.index('    """', text.index("def truth_table("))
    body = text.index('"""\n', head + 7) + 4  # after the docstring
    module.write_text(text[:body] + "    while True:\n        pass\n" + text[body:])
    report = tmp_path / "report.json"
    start = time.monotonic()
    proc = m2m("grade", "p01", "--json", str(report), cwd=tree, env=clean_env, timeout=300)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert elapsed < 120, f"grading took {elapsed:.0f} s"
    tests = [
        t for task in json.loads(report.read_text())["projects"][0]["tasks"] for t in task["tests"]
    ]
    lost = [t for t in tests if t["outcome"] != "passed"]
    assert len(lost) >= 4, "truth_table is called by several tests"
    assert {t["message"] for t in lost} == {"timed out after 10 s"}, lost
    for t in lost:
        name = t["nodeid"].split("::", 1)[-1]
        assert f"✗ {name}: timed out after 10 s" in proc.stdout
    earned, possible = (json.loads(report.read_text())[k] for k in ("earned", "possible"))
    assert earned == possible - sum(t["points"] for t in lost) > 0
