"""The learner's commands: ``m2m grade``, ``demo``, ``tour``, ``doctor`` and ``package``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from m2m import impl as _impl


def _root() -> Path:
    return _impl.repo_root()


def cmd_grade(args: argparse.Namespace) -> int:
    import importlib.util

    from m2m.grading.grade import GradeOptions, format_report, grade, to_json

    if importlib.util.find_spec("pytest") is None:
        print(
            "m2m grade needs the test extra: pip install -e '.[test]' (or run make grade)",
            file=sys.stderr,
        )
        return 2
    root = _root()
    choice = _impl.resolve(args.impl)
    try:
        opts = GradeOptions(
            task=args.task,
            timeout=args.timeout,
            budget=args.budget,
            memory_mb=args.memory_mb,
            isolated=args.isolated,
            tests_dir=Path(args.tests) if args.tests else None,
        )
        scores, data = grade(root, args.projects, choice, options=opts)
    except ValueError as exc:
        print(f"m2m grade: {exc}", file=sys.stderr)
        return 2
    print(
        format_report(
            scores, choice, isolated=data["isolated"], notes=data["notes"], review=data["review"]
        )
    )
    if data["returncode"] not in (0, 1) and not data["restarts"]:
        print(f"(pytest exited with status {data['returncode']})\n{data['output'][-1500:]}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(to_json(scores, choice, data["review"]), indent=1), encoding="utf-8"
        )
        print(f"report written to {args.json}")
    # Full marks means every point of a graded suite: a run that found nothing to grade
    # (no test collected, a crashed test process) is not full marks.
    if args.require_full and (
        not scores or any(s.possible <= 0 or s.earned < s.possible for s in scores)
    ):
        return 1
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from m2m.projects import select
    from m2m.tour import run_demo

    root = _root()
    try:
        (project,) = select(root, [args.project])
    except ValueError as exc:  # an unknown project: one line, not a traceback
        print(f"m2m demo: {exc}", file=sys.stderr)
        return 2
    return run_demo(project, args.impl, root)


def cmd_tour(args: argparse.Namespace) -> int:
    from m2m.projects import select
    from m2m.tour import tour

    root = _root()
    try:
        select(root, args.projects or None)  # names checked before any demo runs
    except ValueError as exc:
        print(f"m2m tour: {exc}", file=sys.stderr)
        return 2
    return tour(root, args.impl or "solutions", args.projects or None)


def cmd_doctor(args: argparse.Namespace) -> int:
    from m2m import doctor

    return doctor.run(args.impl)


def cmd_package(args: argparse.Namespace) -> int:
    from m2m import package

    wheel = package.build_wheel(_root(), Path(args.out), args.impl)
    size = wheel.stat().st_size
    print(f"wrote {wheel} ({size / 1024:.0f} KiB); install it with: pip install {wheel}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``grade``, ``demo``, ``tour``, ``doctor``, ``package`` to the ``m2m`` parser."""
    impl_help = f"implementation tree (default: ${_impl.ENV_VAR} or learner)"

    p = sub.add_parser("grade", help="grade projects by task")
    p.add_argument("projects", nargs="*", help="projects to grade (default: all)")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.add_argument("--task", type=int, help="grade only this task")
    p.add_argument("--json", help="also write the report as JSON to this file")
    p.add_argument(
        "--timeout",
        type=float,
        help="seconds every test gets (default: each test's limit derives from the "
        "reference's time in tests/<project>/timings.json; see m2m timings)",
    )
    p.add_argument(
        "--budget",
        type=float,
        help="seconds for the whole grade, after which the remaining tests are not run "
        "(default: derived from the reference's total time)",
    )
    p.add_argument(
        "--memory-mb",
        type=int,
        default=4096,
        help="address-space limit of the test process in MiB (default 4096)",
    )
    p.add_argument(
        "--isolated",
        action="store_true",
        help="grade each project on the reference for every earlier project's regions",
    )
    p.add_argument("--tests", help="grade with this copy of tests/ (the instructor's)")
    p.add_argument(
        "--require-full",
        action="store_true",
        help="exit 1 unless every graded project earns full marks",
    )
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("demo", help="run one project's demo")
    p.add_argument("project")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("tour", help="run every project's demo and summarise")
    p.add_argument("projects", nargs="*")
    p.add_argument("--impl", choices=_impl.IMPLS, help="implementation tree (default: solutions)")
    p.set_defaults(func=cmd_tour)

    p = sub.add_parser("doctor", help="check Python, libraries, datasets and the trees")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("package", help="build a wheel of your BrainInABox library (P11)")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.add_argument("--out", default="dist", help="folder for the wheel (default: dist)")
    p.set_defaults(func=cmd_package)
