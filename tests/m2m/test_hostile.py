"""Hostile and broken submissions cost their own points, never the grader.

Each case starts from a correct learner tree of the synthetic course (P01: `double` in
the shared core, `Ops.quad` in the project; P02: `triple`, `sextuple`), plants one fault
and grades. The fault's reach is known exactly, so the scores are asserted exactly.
"""

from __future__ import annotations

import hashlib
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from m2m.grading.grade import GradeOptions, format_report, grade
from m2m.release import tree as release
from m2m.runtime import answers

from .conftest import write

QUAD = "projects/p01_first/ops.py"
FULL = {
    "test_double": 2,
    "test_double_negative": 1,
    "test_quad": 3,
    "test_triple": 1,
    "test_sextuple": 2,
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def solved(mini_course: Path) -> Path:
    """The synthetic course, committed, with a learner tree that solves every task."""
    release.write_tree(mini_course, release.Source(mini_course).generate(keep=lambda r: True))
    _git(mini_course, "init", "-q")
    _git(mini_course, "add", "-A")
    _git(mini_course, "commit", "-qm", "course")
    return mini_course


def _quad_body(root: Path, body: str, header: str = "") -> None:
    """The learner's answer of quad replaced by ``body``; ``header`` is module-level code of
    the learner's, in the file's helpers block (the one place outside the answers that is
    graded, so it runs when the module is imported)."""
    path = root / QUAD
    text = path.read_text()
    text = text.replace(
        "        secret_quad_line = double(double(x))\n",
        textwrap.indent(textwrap.dedent(body), " " * 8),
    )
    if header:
        if answers.HELPERS_HINT not in text:
            text = answers.add_helpers_block(text)
        text = text.replace(answers.HELPERS_HINT, answers.HELPERS_HINT + textwrap.dedent(header))
    path.write_text(text)


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def _grade(root: Path, timeout: int = 2) -> tuple[dict[str, tuple[float, str]], float]:
    start = time.monotonic()
    scores, _ = grade(root, impl="learner", options=GradeOptions(timeout=timeout))
    elapsed = time.monotonic() - start
    earned = {}
    for s in scores:
        for ts in s.tasks.values():
            for t in ts.tests:
                name = t["nodeid"].split("::")[-1]
                earned[name] = (t["points"] if t["outcome"] == "passed" else 0, t["message"])
    return earned, elapsed


def _check(root: Path, lost: set[str], reason: str, timeout: int = 2, budget: float = 60):
    before = _fingerprint(root)
    earned, elapsed = _grade(root, timeout)
    assert elapsed < budget, f"grading took {elapsed:.1f} s"
    assert {k: v[0] for k, v in earned.items()} == {
        k: (0 if k in lost else v) for k, v in FULL.items()
    }, earned
    for name in lost:
        assert reason in earned[name][1], (name, earned[name][1])
    assert _fingerprint(root) == before, "grading changed the repository"


def test_the_solved_tree_earns_full_marks(solved):
    _check(solved, set(), "")


def test_infinite_loop(solved):
    _quad_body(solved, "while True:\n    pass\n")
    _check(solved, {"test_quad"}, "timed out after 2 s")


def test_code_that_ignores_the_timeout_is_killed_by_the_watchdog(solved):
    # The in-process timeout is a SIGALRM; code that ignores it is stopped from outside.
    # (An answer that imports signal is not graded at all; this one hides the import.)
    _quad_body(
        solved,
        "import sys\nsig = getattr(sys, 'mod' + 'ules')['sig' + 'nal']\n"
        "sig.signal(sig.SIGALRM, sig.SIG_IGN)\nwhile True:\n    pass\n",
    )
    _check(solved, {"test_quad"}, "timed out after 2 s (the test process had to be stopped)")


def test_huge_allocation(solved):
    _quad_body(solved, "import numpy\nnumpy.ones(50 * 10**9 // 8)\n")
    _check(solved, {"test_quad"}, "memory limit exceeded")


@pytest.mark.parametrize(
    ("call", "reason"),
    [
        ("sys.exit(0)", "the code called sys.exit(0) while this file was imported"),
        ("os._exit(0)", "the test process exited (status 0) while importing this file"),
    ],
)
def test_exit_at_import(solved, call, reason):
    _quad_body(solved, "pass\n", header=f"import os, sys\n{call}\n")
    lost = {"test_quad", "test_double_negative"}  # both live in the file importing ops.py
    _check(solved, lost, reason)


def test_exit_inside_a_test(solved):
    _quad_body(solved, "import os\nos._exit(0)\n")
    _check(solved, {"test_quad"}, "the test process exited (status 0) during this test")


def test_syntax_error(solved):
    (solved / QUAD).write_text((solved / QUAD).read_text() + "\ndef broken(:\n")
    _check(solved, {"test_quad", "test_double_negative"}, "not run")


def test_missing_import(solved):
    _quad_body(solved, "pass\n", header="import a_module_that_does_not_exist\n")
    _check(solved, {"test_quad", "test_double_negative"}, "not run")


def test_planted_configuration_cannot_force_passes(solved):
    _quad_body(solved, "return -1\n")
    forcing = """
        import pytest

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(item, call):
            outcome = yield
            outcome.get_result().outcome = "passed"
        """
    for where in (
        "conftest.py",
        "projects/conftest.py",
        "shared/conftest.py",
        "tests/conftest.py",
        "tests/p01_first/conftest.py",
    ):
        write(solved / where, forcing)
    write(solved / "pytest.ini", "[pytest]\naddopts = -p no:m2m.pytest_plugin\n")
    write(solved / "projects" / "pytest.ini", "[pytest]\n")
    _check(solved, {"test_quad"}, "AssertionError")


def test_edited_test_file_is_replaced_by_the_committed_one(solved):
    _quad_body(solved, "return -1\n")
    hidden = solved / "tests" / "p01_first" / "test_hidden.py"
    hidden.write_text(hidden.read_text().replace("assert Ops().quad(2) == 8", "assert True"))
    _check(solved, {"test_quad"}, "AssertionError")


def test_megabytes_of_output_do_not_flood_the_grader(solved):
    _quad_body(solved, "print('x' * 20_000_000)\nsecret_quad_line = double(double(x))\n")
    _check(solved, set(), "")


def test_changing_directory_and_deleting_its_own_files(solved):
    _quad_body(
        solved,
        """
        import os, pathlib
        for top in ('shared', 'projects'):
            for p in (pathlib.Path.cwd() / top).rglob('*.py'):
                p.unlink()
        os.chdir('/')
        secret_quad_line = double(double(x))
        """,
    )
    _check(solved, set(), "")


def test_deleting_the_tests_is_refused_and_flagged(solved):
    _quad_body(
        solved,
        """
        import pathlib
        for p in (pathlib.Path.cwd() / ('tes' + 'ts')).rglob('*.py'):
            p.unlink()
        secret_quad_line = double(double(x))
        """,
    )
    _check(solved, {"test_quad"}, "needs review: os.remove")


def test_isolated_grading_uses_the_reference_for_earlier_projects(solved):
    """P01's `double` broken, P02 correct: P02 loses `sextuple` on its own stack (it calls
    `double`) and earns full marks isolated."""
    core = solved / "shared" / "core.py"
    core.write_text(
        core.read_text().replace("secret_double_line = 2 * x", "secret_double_line = 2 * x + 1")
    )
    (own,), _ = grade(solved, ["p02"], impl="learner")
    assert (own.earned, own.possible) == (1, 3)
    (iso,), data = grade(solved, ["p02"], impl="learner", options=GradeOptions(isolated=True))
    assert (iso.earned, iso.possible) == (3, 3)
    assert data["isolated"] and not data["notes"]
    (p01,), _ = grade(solved, ["p01"], impl="learner", options=GradeOptions(isolated=True))
    assert p01.earned < p01.possible  # P01's own bug still costs P01


def test_a_spent_budget_reports_the_remaining_tests_as_not_run(solved):
    """Every test that calls ``double`` loops: with 2 s per test and a 5 s budget, the
    first one times out, the one running when the budget runs out is stopped, the rest
    are reported as not run, with the reason, and the grade ends within the budget."""
    core = solved / "shared" / "core.py"
    core.write_text(
        core.read_text().replace(
            "secret_double_line = 2 * x",
            "while True:\n        pass\n    secret_double_line = 2 * x",
        )
    )
    start = time.monotonic()
    scores, data = grade(solved, impl="learner", options=GradeOptions(timeout=2, budget=5))
    elapsed = time.monotonic() - start
    records = [t for s in scores for ts in s.tasks.values() for t in ts.tests]
    outcomes = {t.nodeid.split("::")[-1]: (t.outcome, t.message) for t in records}
    assert elapsed < 5 + 15, f"grading took {elapsed:.1f} s"
    assert sorted(outcomes) == sorted(FULL)
    # In file order, test_quad, test_double_negative and test_double each need 2 s: at
    # least the first times out, one is stopped, and test_sextuple (last) never starts.
    assert outcomes["test_quad"] == ("failed", "timed out after 2 s"), outcomes
    stopped = [n for n, (o, m) in outcomes.items() if m.startswith("stopped: ")]
    assert [outcomes[n] for n in stopped] == [
        ("error", "stopped: the grade's time budget of 5 s ran out while this test ran")
    ], outcomes
    assert outcomes["test_sextuple"] == (
        "not run",
        "not run: the grade's time budget of 5 s ran out",
    ), outcomes
    assert data["budget_spent"] and any("time budget of 5 s ran out" in n for n in data["notes"])
    report = format_report(scores, "learner", notes=data["notes"])
    assert "- not run: the grade's time budget of 5 s ran out  (" in report
