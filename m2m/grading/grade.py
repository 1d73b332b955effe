"""``m2m grade``: run a project's graded suite in a child process and score it by task.

The tests run through the grading engine (:mod:`m2m.runtime.engine`, the one the nbgrader helper
uses too) in a sandbox, each under its own time limit and the whole grade under a budget,
both derived from the reference's measured times (:mod:`m2m.timings`). When the reference
tree is present, the list of tests (and so the points possible) is taken from it, so a
learner module that fails to import loses its tests' points instead of shrinking the
denominator.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from m2m import impl as _impl
from m2m.grading import sandbox
from m2m.projects import Project, select
from m2m.runtime import answers
from m2m.runtime.engine import RunResult, TestRecord, fmt_seconds


@dataclass
class TaskScore:
    task: int | None
    tests: list[TestRecord] = field(default_factory=list)

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


@dataclass
class GradeOptions(sandbox.RunOptions):
    """The sandbox's options, and ``--isolated``: each project graded on the reference for
    every earlier project's regions."""

    isolated: bool = False


def _project_of(nodeid: str) -> str:
    parts = nodeid.split("/")
    return parts[1] if len(parts) > 1 else ""


def grade(
    root: Path,
    wanted: list[str] | None = None,
    impl: str | None = None,
    *,
    options: GradeOptions | None = None,
    hash_seed: str | None = None,
) -> tuple[list[ProjectScore], dict]:
    """Grade ``wanted`` projects (all by default) on ``impl``; returns scores and raw data.

    Every setting of the grade (task, limits, isolation, order) is in ``options``
    (default: ``GradeOptions()``). Each run happens in a sandbox (see :mod:`m2m.grading.sandbox`).
    With ``options.isolated``, project N is graded on the learner's own regions of N on
    top of the reference for every region owned by an earlier project; one sandbox per
    project. ValueError for an unknown project or an isolated grade without
    ``solutions/``.
    """
    root = Path(root)
    opts = options or GradeOptions()
    choice = _impl.resolve(impl)
    projects = select(root, wanted)
    if not projects:
        raise ValueError("no project has a graded suite under tests/")
    learner = choice == "learner"
    if opts.isolated and learner and not (root / "solutions").is_dir():
        # Isolation fills every earlier project's regions with the reference.
        raise ValueError(
            "--isolated needs the reference tree solutions/, which this checkout does not "
            "have; grade without --isolated"
        )
    expected: dict[str, TestRecord] | None = None
    if (root / "solutions").is_dir() and learner:
        ref, _ = sandbox.run(
            root, "solutions", projects, opts, collect_only=True, prefer_committed=True
        )
        expected = ref.tests
    isolated = opts.isolated and learner
    runs = _Runs()
    for group in [[p] for p in projects] if isolated else [projects]:
        before = group[0].number if isolated else None
        runs.add(
            *sandbox.run(
                root,
                choice,
                group,
                opts,
                isolated_before=before,
                prefer_committed=learner,
                hash_seed=hash_seed,
            )
        )
    runs.account_for(expected)
    return runs.scores(projects), runs.data(isolated)


@dataclass
class _Runs:
    """The records, notes and flags of a grade's sandboxed runs, put together."""

    got: dict[str, TestRecord] = field(default_factory=dict)
    collect_errors: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    results: list[RunResult] = field(default_factory=list)

    def add(self, res: RunResult, box_notes: list[str]) -> None:
        self.results.append(res)
        self.got.update(res.tests)
        self.collect_errors += res.collect_errors
        for note in box_notes:
            if note.startswith(answers.REVIEW_PREFIX):
                self.review.append(note[len(answers.REVIEW_PREFIX) :])
            elif note not in self.notes:
                self.notes.append(note)
        self.review += res.review

    def account_for(self, expected: dict[str, TestRecord] | None) -> None:
        """Every test the reference has ends with a record (a file that failed to import
        loses its tests' points, not the denominator); a spent budget is noted."""
        errors_by_file = {e["nodeid"]: e["message"] for e in self.collect_errors}
        for nodeid, ref in (expected or {}).items():
            if nodeid not in self.got:
                why = errors_by_file.get(nodeid.split("::")[0])
                why = f"could not import the test file: {why}" if why else "not collected"
                self.got[nodeid] = TestRecord.from_dict(
                    dict(ref.to_dict(), outcome="not run", message=f"not run: {why}", stub=None)
                )
        for res in self.results:
            if res.budget_spent:
                skipped = sum(r.outcome == "not run" for r in res.tests.values())
                self.notes.append(
                    f"the grade's time budget of {fmt_seconds(res.budget or 0)} s ran out: "
                    f"{skipped} test(s) not run (see each task); fix the tests that timed out "
                    "and grade again"
                )

    def scores(self, projects: list[Project]) -> list[ProjectScore]:
        scores = []
        for project in projects:
            tasks: dict[int | None, TaskScore] = {}
            for rec in sorted(self.got.values(), key=lambda r: r.nodeid):
                if _project_of(rec.nodeid) == project.name:
                    tasks.setdefault(rec.task, TaskScore(rec.task)).tests.append(rec)
            errors = [e for e in self.collect_errors if _project_of(e["nodeid"]) == project.name]
            ordered = dict(sorted(tasks.items(), key=_task_key))
            scores.append(ProjectScore(project, ordered, errors))
        return scores

    def data(self, isolated: bool) -> dict:
        codes = [r.returncode for r in self.results]
        return {
            "collect_errors": self.collect_errors,
            "notes": self.notes,
            "review": list(dict.fromkeys(self.review)),
            "restarts": sum(r.restarts for r in self.results),
            "budget_spent": any(r.budget_spent for r in self.results),
            "returncode": max(codes, key=abs) if codes else 0,
            "output": "\n".join(r.output for r in self.results)[-4000:],
            "isolated": isolated,
        }


def _task_key(item: tuple[int | None, TaskScore]) -> int:
    return item[0] if item[0] is not None else 10**6


def _fmt(x: float) -> str:
    return f"{x:g}"


def review_lines(review: list[str]) -> list[str]:
    """The report's flag: a submission that reached into the grader needs a person."""
    if not review:
        return []
    lines = [
        "REVIEW NEEDED: this submission tried to reach into the grader; the tests it "
        "touched score 0. Why:"
    ]
    lines += [f"  - {reason}" for reason in review]
    return lines


def format_report(
    scores: list[ProjectScore],
    impl: str,
    max_failures: int = 6,
    isolated: bool = False,
    notes: list[str] = (),
    review: list[str] = (),
) -> str:
    lines: list[str] = review_lines(list(review))
    lines += [f"note: {n}" for n in notes]
    mode = "isolated: earlier projects from the reference" if isolated else "own stack"
    for ps in scores:
        p = ps.project
        lines.append(f"{p.id.upper()} · {p.title}  [{impl} tree, {mode}]")
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
    not_run: dict[str, list[str]] = defaultdict(list)  # reason -> test names
    others: list[TestRecord] = []
    for t in ts.tests:
        if t.outcome == "passed":
            continue
        if t.stub:
            stubs[t.stub] += 1
        elif t.outcome == "not run":
            not_run[t.message or "not run"].append(t.nodeid.split("::", 1)[-1])
        else:
            others.append(t)
    for stub, n in stubs.items():
        out.append(f"        not implemented yet: {stub}  ({n} test{'s' if n > 1 else ''})")
    for t in others[:max_failures]:
        name = t.nodeid.split("::", 1)[-1]
        msg = t.message or t.outcome
        out.append(f"        ✗ {name}: {msg}")
    if len(others) > max_failures:
        out.append(f"        … and {len(others) - max_failures} more failing tests")
    for reason, names in not_run.items():
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        out.append(f"        - {reason}  ({len(names)} test{'s' * (len(names) > 1)}: {shown})")
    return out


def to_json(scores: list[ProjectScore], impl: str, review: list[str] = ()) -> dict:
    return {
        "impl": impl,
        "needs_review": bool(review),
        "review": list(review),
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
