"""The ``m2m`` command line: release, grade, demo, tour."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from m2m import impl as _impl


def _root() -> Path:
    return _impl.repo_root()


def cmd_release(args: argparse.Namespace) -> int:
    from m2m import release
    from m2m.regions import RegionError

    root = _root()
    try:
        if args.project:
            if not args.out:
                print("m2m release --project needs --out DIR", file=sys.stderr)
                return 2
            files = release.bundle(root, args.project.lower(), Path(args.out))
            print(f"wrote the {args.project} bundle ({len(files)} files) to {args.out}")
            return 0
        if args.check:
            from m2m import oracles

            result = release.check(root)
            for rel in result.local_work:
                print(f"local work (the committed version is in sync): {rel}")
            if result.drifted:
                print("the learner tree has drifted from solutions/ (run `m2m release`):")
                for rel in result.drifted:
                    print(f"  {rel}")
            else:
                print("learner tree in sync with solutions/")
            leaks = oracles.find(root)
            if leaks:
                print(
                    "the public test support computes what graded regions compute; move it "
                    "to hidden support (tests/pNN_name/hidden_*.py, see CONTRIBUTING.md):"
                )
                for finding in leaks:
                    print(f"  {finding}")
            else:
                print("no test oracle in the public test support")
            return 1 if result.drifted or leaks else 0
        changed = release.release(root)
        for rel in changed:
            print(f"  {rel}")
        print(f"learner tree generated ({len(changed)} files changed)")
        return 0
    except (RegionError, FileExistsError, ValueError) as exc:
        print(f"m2m release: {exc}", file=sys.stderr)
        return 2


def cmd_grade(args: argparse.Namespace) -> int:
    import importlib.util

    from m2m.grade import GradeOptions, format_report, grade, to_json

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
    if args.require_full and any(s.earned < s.possible for s in scores):
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


def cmd_audit(args: argparse.Namespace) -> int:
    import time

    from m2m.audit import audit

    start = time.perf_counter()
    findings = audit(
        _root(),
        [p.lower() for p in args.projects] or None,
        jobs=args.jobs,
        changed_since=args.changed_since,
    )
    missed = [f for f in findings if not f.caught]
    took = time.perf_counter() - start
    print(f"\naudited {len(findings)} regions in {took:.0f} s: {len(missed)} not caught")
    for f in missed:
        print(f"  {f.region.path}:{f.region.begin}  {f.region.label}: stubbing it fails no test")
    return 1 if missed else 0


def cmd_check_ops(args: argparse.Namespace) -> int:
    """The generic op checks of the grade (same functions, same tolerances) on one
    project's ops, run on your tree; one line per op and check."""
    import traceback

    import numpy as np

    from m2m import opcheck
    from m2m.stubs import stub_message

    project = args.project.lower()[:3]
    _impl.activate(args.impl)
    names = opcheck.ops(project, args.task)
    if not names:
        print(
            f"m2m check-ops: {project} has no registered ops"
            + (f" in task {args.task}" if args.task else ""),
            file=sys.stderr,
        )
        return 2
    checks = [
        ("forward", lambda n: opcheck.check_forward(n, np.random.default_rng(0))),
        ("backward", lambda n: opcheck.check_backward(n, np.random.default_rng(1))),
        ("shapes", lambda n: opcheck.check_hypothesis(n)),
        ("pitfalls", lambda n: opcheck.check_pitfalls(n, np.random.default_rng(2))),
    ]
    failed = 0
    for name in names:
        for label, check in checks:
            try:
                check(name)
            except Exception as exc:  # noqa: BLE001 - report every failure, keep going
                failed += 1
                stub = stub_message(exc)
                lines = (f"not implemented yet: {stub}" if stub else f"{exc}").splitlines()
                first = lines[0] if lines else type(exc).__name__
                print(f"  ✗ {name:<34} {label:<9} {type(exc).__name__}: {first[:200]}")
                if args.verbose and not stub:
                    traceback.print_exc()
            else:
                print(f"  ✓ {name:<34} {label}")
    total = len(names) * len(checks)
    print(f"{total - failed}/{total} op checks passed")
    return 1 if failed else 0


def cmd_package(args: argparse.Namespace) -> int:
    from m2m import package

    wheel = package.build_wheel(_root(), Path(args.out), args.impl)
    size = wheel.stat().st_size
    print(f"wrote {wheel} ({size / 1024:.0f} KiB); install it with: pip install {wheel}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from m2m import doctor

    return doctor.run(args.impl)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="m2m", description="From Math to Machine course tool")
    sub = parser.add_subparsers(dest="command", required=True)
    impl_help = f"implementation tree (default: ${_impl.ENV_VAR} or learner)"

    p = sub.add_parser("release", help="generate shared/ and projects/ from solutions/")
    p.add_argument(
        "--check",
        action="store_true",
        help="report drift and test oracles in the public test support, write nothing",
    )
    p.add_argument("--project", help="write a one-assignment bundle for this project (pNN)")
    p.add_argument("--out", help="folder for the bundle")
    p.set_defaults(func=cmd_release)

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

    p = sub.add_parser("audit", help="check that stubbing any one region fails a test")
    p.add_argument("projects", nargs="*", help="owners to audit (default: all)")
    p.add_argument("--jobs", type=int, default=2, help="regions checked in parallel")
    p.add_argument(
        "--changed-since",
        metavar="REV",
        help="only regions in reference files changed since this git revision",
    )
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("check-ops", help="run the grade's generic op checks on one project's ops")
    p.add_argument("project", help="the project whose ops to check (pNN)")
    p.add_argument("--task", type=int, help="only this task's ops")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.add_argument("-v", "--verbose", action="store_true", help="print full tracebacks")
    p.set_defaults(func=cmd_check_ops)

    p = sub.add_parser("doctor", help="check Python, libraries, datasets and the trees")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("package", help="build a wheel of your BrainInABox library (P11)")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.add_argument("--out", default="dist", help="folder for the wheel (default: dist)")
    p.set_defaults(func=cmd_package)

    p = sub.add_parser("demo", help="run one project's demo")
    p.add_argument("project")
    p.add_argument("--impl", choices=_impl.IMPLS, help=impl_help)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("tour", help="run every project's demo and summarise")
    p.add_argument("projects", nargs="*")
    p.add_argument("--impl", choices=_impl.IMPLS, help="implementation tree (default: solutions)")
    p.set_defaults(func=cmd_tour)
    from m2m import nbgrader as _nbgrader
    from m2m import timings as _timings

    _timings.register(sub)
    _nbgrader.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except _impl.ImplError as exc:
        print(f"m2m: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
