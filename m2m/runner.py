"""``m2m grade``'s use of the grading engine (:mod:`m2m.engine`): the pytest options of a
grading sandbox, where the course's own pytest plugin selects the tree and the task.

The sandbox holds only trusted configuration (the grader's ``pyproject.toml``, the
committed tests and their conftest files; a submission's ``conftest.py`` and
``pytest.ini`` are never copied into it), so conftest files are found the usual way. The
nbgrader helper grades an assignment folder a submission controls, so it runs the engine
``sandboxed`` instead (see :mod:`m2m.nbgrader_check`).
"""

from __future__ import annotations

from pathlib import Path

from m2m.engine import DEFAULT_MEMORY_MB, Limits, RunResult, run

__all__ = ["DEFAULT_MEMORY_MB", "Limits", "RunResult", "run_tests"]


def run_tests(
    cwd: Path,
    targets: list[str],
    env: dict[str, str],
    workdir: Path,
    *,
    limits: Limits,
    extra_args: list[str] = (),
    collect_only: bool = False,
    expected: list[str] | None = None,
    learner_lines: dict | None = None,
) -> RunResult:
    """Run pytest on ``targets`` in the sandbox ``cwd`` under ``limits``; never raises for
    what the tested code does."""
    return run(
        cwd,
        targets,
        env=env,
        workdir=workdir,
        limits=limits,
        pytest_args=["-p", "m2m.pytest_plugin", *extra_args],
        collect_only=collect_only,
        expected=expected,
        learner_lines=learner_lines,
    )
