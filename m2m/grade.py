"""``m2m grade``: run a project's graded suite in a child process and score it by task.

The child runs pytest with the course plugin, a per-test timeout and a JSON report.
When the reference tree is present, the list of tests (and so the points possible) is
taken from it, so a learner module that fails to import loses its tests' points
instead of shrinking the denominator.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from m2m import impl as _impl
from m2m.projects import Project, select

DEFAULT_TEST_TIMEOUT = 60  # seconds per test
DEFAULT_TOTAL_TIMEOUT = 900  # seconds for one grading run


@dataclass
class TaskScore:
    task: int | None
    tests: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(t["outcome"] == "passed" for t in self.tests)

    @property
    def earned(self) -> float:
        return sum(t["points"] for t in self.tests if t["outcome"] == "passed")

    @property
    def possible(self) -> float:
        return sum(t["points"] for t in self.tests)


@dataclass
class ProjectScore:
    project: Project
    tasks: dict[int | None, TaskScore]
    collect_errors: list[dict]

    @property
    def earned(self) -> float:
        return sum(t.earned for t in self.tasks.values())

    @property
    def possible(self) -> float:
        return sum(t.possible for t in self.tasks.values())

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tasks.values())

    @property
    def count(self) -> int:
        return sum(len(t.tests) for t in self.tasks.values())


def _pytest_cmd(
    projects: list[Project],
    impl: str,
    report: Path,
    *,
    task: int | None,
    timeout: int,
    collect_only: bool,
) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        *[f"tests/{p.name}" for p in projects],
        "-p",
        "m2m.pytest_plugin",
        f"--impl={impl}",
        f"--m2m-report={report}",
        "-q",
        "--no-header",
        "-p",
        "no:cacheprovider",
        f"--timeout={timeout}",
        "-o",
        "console_output_style=classic",
    ]
    if task is not None:
        cmd.append(f"--task={task}")
    if collect_only:
        cmd.append("--collect-only")
    return cmd


def run_suite(
    root: Path,
    projects: list[Project],
    impl: str,
    *,
    task: int | None = None,
    timeout: int = DEFAULT_TEST_TIMEOUT,
    total_timeout: int = DEFAULT_TOTAL_TIMEOUT,
    collect_only: bool = False,
    verbose: bool = False,
) -> dict:
    """Run pytest in a child process; returns the plugin's JSON report plus ``returncode``."""
    with tempfile.TemporaryDirectory(prefix="m2m-grade-") as tmp:
        report = Path(tmp) / "report.json"
        env = _impl.subprocess_env(impl, root)
        env["M2M_OUT_DIR"] = str(Path(tmp) / "out")  # figures made by tests stay out of the repo
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        cmd = _pytest_cmd(
            projects, impl, report, task=task, timeout=timeout, collect_only=collect_only
        )
        try:
            proc = subprocess.run(
                cmd,
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                timeout=total_timeout,
                check=False,
            )
            returncode, output = proc.returncode, proc.stdout + proc.stderr
        except subprocess.TimeoutExpired as exc:
            returncode = -1
            output = (exc.stdout or "") if isinstance(exc.stdout, str) else ""
            output += f"\ngrading stopped after {total_timeout} s"
        if verbose:
            print(output)
        data = (
            json.loads(report.read_text())
            if report.is_file()
            else {"tests": [], "collect_errors": []}
        )
        data["returncode"] = returncode
        data["output"] = output[-4000:]
        return data


def _project_of(nodeid: str) -> str:
    parts = nodeid.split("/")
    return parts[1] if len(parts) > 1 else ""


def grade(
    root: Path,
    wanted: list[str] | None = None,
    impl: str | None = None,
    *,
    task: int | None = None,
    timeout: int = DEFAULT_TEST_TIMEOUT,
) -> tuple[list[ProjectScore], dict]:
    """Grade ``wanted`` projects (all by default) on ``impl``; returns scores and raw data."""
    root = Path(root)
    choice = _impl.resolve(impl)
    projects = select(root, wanted)
    if not projects:
        raise ValueError("no project has a graded suite under tests/")
    expected: dict[str, dict] | None = None
    if (root / "solutions").is_dir() and choice != "solutions":
        ref = run_suite(root, projects, "solutions", task=task, timeout=timeout, collect_only=True)
        expected = {t["nodeid"]: t for t in ref["tests"]}
    data = run_suite(root, projects, choice, task=task, timeout=timeout)
    got = {t["nodeid"]: t for t in data["tests"]}
    errors_by_file = {e["nodeid"]: e["message"] for e in data.get("collect_errors", [])}
    if expected is not None:
        for nodeid, ref in expected.items():
            if nodeid not in got:
                file = nodeid.split("::")[0]
                why = errors_by_file.get(file) or _grading_failure(data)
                got[nodeid] = dict(ref, outcome="error", message=f"not run: {why}", stub=None)
    for rec in got.values():
        if rec["outcome"] == "not run":
            rec["outcome"] = "error"
            rec["message"] = f"not run: {_grading_failure(data)}"
    scores = []
    for project in projects:
        tasks: dict[int | None, TaskScore] = {}
        for rec in sorted(got.values(), key=lambda r: r["nodeid"]):
            if _project_of(rec["nodeid"]) == project.name:
                tasks.setdefault(rec["task"], TaskScore(rec["task"])).tests.append(rec)
        errors = [
            e for e in data.get("collect_errors", []) if _project_of(e["nodeid"]) == project.name
        ]
        scores.append(ProjectScore(project, dict(sorted(tasks.items(), key=_task_key)), errors))
    return scores, data


def _task_key(item: tuple[int | None, TaskScore]) -> int:
    return item[0] if item[0] is not None else 10**6


def _grading_failure(data: dict) -> str:
    if data["returncode"] == -1:
        return "the grading run hit its time limit"
    return "the test process stopped before this test ran"


def _fmt(x: float) -> str:
    return f"{x:g}"


def format_report(scores: list[ProjectScore], impl: str, max_failures: int = 6) -> str:
    lines: list[str] = []
    for ps in scores:
        p = ps.project
        lines.append(f"{p.id.upper()} · {p.title}  [{impl} tree, own stack]")
        lines.append(f"  {'task':<6}{'tests':>9}{'points':>12}")
        for ts in ps.tasks.values():
            label = str(ts.task) if ts.task is not None else "-"
            lines.append(
                f"  {label:<6}{ts.passed:>4}/{len(ts.tests):<4}"
                f"{_fmt(ts.earned):>7}/{_fmt(ts.possible):<5}"
            )
            lines.extend(_failure_lines(ts, max_failures))
        for err in ps.collect_errors:
            lines.append(f"  ! could not import {err['nodeid']}: {err['message']}")
        pct = 100.0 * ps.earned / ps.possible if ps.possible else 0.0
        lines.append(
            f"  {'total':<6}{ps.passed:>4}/{ps.count:<4}"
            f"{_fmt(ps.earned):>7}/{_fmt(ps.possible):<5}  ({pct:.0f} %)"
        )
        lines.append("")
    if len(scores) > 1:
        earned = sum(s.earned for s in scores)
        possible = sum(s.possible for s in scores)
        pct = 100.0 * earned / possible if possible else 0.0
        lines.append(f"all projects: {_fmt(earned)}/{_fmt(possible)} points ({pct:.0f} %)")
    return "\n".join(lines)


def _failure_lines(ts: TaskScore, max_failures: int) -> list[str]:
    out: list[str] = []
    stubs: dict[str, int] = defaultdict(int)
    others: list[dict] = []
    for t in ts.tests:
        if t["outcome"] == "passed":
            continue
        if t.get("stub"):
            stubs[t["stub"]] += 1
        else:
            others.append(t)
    for stub, n in stubs.items():
        out.append(f"        not implemented yet: {stub}  ({n} test{'s' if n > 1 else ''})")
    for t in others[:max_failures]:
        name = t["nodeid"].split("::", 1)[-1]
        msg = t["message"] or t["outcome"]
        out.append(f"        ✗ {name}: {msg}")
    if len(others) > max_failures:
        out.append(f"        … and {len(others) - max_failures} more failing tests")
    return out


def to_json(scores: list[ProjectScore], impl: str) -> dict:
    return {
        "impl": impl,
        "earned": sum(s.earned for s in scores),
        "possible": sum(s.possible for s in scores),
        "projects": [
            {
                "id": s.project.id,
                "name": s.project.name,
                "title": s.project.title,
                "earned": s.earned,
                "possible": s.possible,
                "passed": s.passed,
                "tests_total": s.count,
                "collect_errors": s.collect_errors,
                "tasks": [
                    {
                        "task": t.task,
                        "passed": t.passed,
                        "tests_total": len(t.tests),
                        "earned": t.earned,
                        "possible": t.possible,
                        "tests": [
                            {
                                k: r[k]
                                for k in (
                                    "nodeid",
                                    "points",
                                    "public",
                                    "outcome",
                                    "message",
                                    "stub",
                                )
                            }
                            for r in t.tests
                        ],
                    }
                    for t in s.tasks.values()
                ],
            }
            for s in scores
        ],
    }
