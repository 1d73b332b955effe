"""The instructor's command: ``m2m nbgrader build|release|autograde|feedback|export|collect|run``
(the work is :mod:`m2m.nbgrader.course`'s)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from m2m.nbgrader.course import (
    COURSE_FILE,
    DEFAULT_COURSE_ID,
    CourseError,
    _assignment_names,
    _load_course,
    autograde,
    build,
    collect,
    export,
    feedback,
    find_course,
    nbgrader,
    release,
    review_flags,
    scores,
)


def _print_scores(course: Path, name: str) -> None:
    flags = review_flags(course, name)
    for student, (got, most) in sorted(scores(course, name).items()):
        mark = "  REVIEW NEEDED" if student in flags else ""
        print(f"  {student:<24} {got:g}/{most:g}{mark}")
    for student, reasons in sorted(flags.items()):
        print(f"REVIEW NEEDED: {student} tried to reach into the grader:")
        for reason in reasons:
            print(f"  - {reason}")


def cmd_nbgrader(args: argparse.Namespace) -> int:
    """Dispatch ``m2m nbgrader <action>``."""
    from m2m.release.regions import RegionError

    try:
        if args.action == "build":
            from m2m import impl as _impl

            built = build(
                _impl.repo_root(),
                Path(args.dir),
                args.projects,
                course_id=args.course_id,
                timeout=args.timeout,
                partial=args.partial_credit,
                budget=args.budget,
            )
            for a in built:
                tasks = ", ".join(f"{k} ({v:g})" for k, v in a.tasks.items())
                print(f"source/{a.name}: {a.points:g} points; {tasks}")
            print(f"course written to {Path(args.dir).resolve()}")
            return 0
        course = find_course(args.course)
        if args.action == "release":
            for name in release(course, args.assignments):
                print(f"release/{name}: generated and checked (no solution, no hidden test)")
            return 0
        if args.action == "autograde":
            code = autograde(
                course,
                args.assignment,
                args.student or (),
                jobs=args.jobs,
                keep_notebooks=args.keep_notebooks,
            )
            name = _assignment_names(course, _load_course(course), [args.assignment])[0]
            print(f"autograded {name}:")
            _print_scores(course, name)
            return code
        if args.action == "feedback":
            code = feedback(course, args.assignment, args.student or ())
            print(f"feedback written under {course / 'feedback'} (hidden tests left out)")
            return code
        if args.action == "export":
            return export(course, args.nbgrader_args)
        if args.action == "collect":
            target = collect(course, args.assignment, args.student, Path(args.folder))
            print(f"copied to {target.relative_to(course)}")
            return 0
        if args.action == "run":
            passthrough = [a for a in args.nbgrader_args if a != "--"]
            return nbgrader(course, passthrough).returncode
    except (CourseError, RegionError, FileExistsError) as exc:
        print(f"m2m nbgrader: {exc}", file=sys.stderr)
        return 2
    return 2


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``nbgrader`` command to the ``m2m`` parser."""
    p = sub.add_parser(
        "nbgrader",
        help="build and run an nbgrader course (instructor extra)",
        description="Build an nbgrader course from the repository and drive nbgrader in it.",
    )
    actions = p.add_subparsers(dest="action", required=True)
    _add_build(actions)
    _add_course_actions(actions)
    p.set_defaults(func=cmd_nbgrader)


def with_course(q: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``-C/--course``, for every action that works in a built course."""
    q.add_argument(
        "-C",
        "--course",
        help="the course folder (default: $M2M_COURSE, the folder holding "
        f"{COURSE_FILE} at or above here, else ./course)",
    )
    return q


def _add_build(actions: argparse._SubParsersAction) -> None:
    q = actions.add_parser("build", help="write the nbgrader course into DIR")
    q.add_argument("dir")
    q.add_argument("--projects", nargs="+", help="only these projects (default: all)")
    q.add_argument("--course-id", default=DEFAULT_COURSE_ID)
    q.add_argument(
        "--timeout",
        type=float,
        help="seconds every test gets (default: each test's limit derives from the "
        "reference's time in tests/<project>/timings.json, as m2m grade's does)",
    )
    q.add_argument(
        "--budget",
        type=float,
        help="seconds for one run of a submission's suite (default: derived, as m2m grade's)",
    )
    q.add_argument(
        "--partial-credit",
        action="store_true",
        help="a task cell earns points x passed / tests instead of all or nothing",
    )


def _add_course_actions(actions: argparse._SubParsersAction) -> None:
    q = with_course(actions.add_parser("release", help="generate_assignment, then check it"))
    q.add_argument("assignments", nargs="*", help="p01 or p01_manual_neuron (default: all)")
    q = with_course(actions.add_parser("autograde", help="autograde the submissions"))
    q.add_argument("assignment")
    q.add_argument("--student", action="append", help="only this student (repeatable)")
    q.add_argument("--jobs", type=int, default=1, help="students graded in parallel")
    q.add_argument(
        "--keep-notebooks",
        action="store_true",
        help="grade the submitted notebooks as they are (default: the released copy)",
    )
    q = with_course(actions.add_parser("feedback", help="generate_feedback, hidden tests out"))
    q.add_argument("assignment")
    q.add_argument("--student", action="append", help="only this student (repeatable)")
    q = with_course(actions.add_parser("export", help="nbgrader export (grades.csv)"))
    q.add_argument("nbgrader_args", nargs=argparse.REMAINDER)
    q = with_course(actions.add_parser("collect", help="copy a learner's folder to submitted/"))
    q.add_argument("assignment")
    q.add_argument("student")
    q.add_argument("folder")
    q = with_course(actions.add_parser("run", help="any nbgrader command, from the course"))
    q.add_argument("nbgrader_args", nargs=argparse.REMAINDER)
