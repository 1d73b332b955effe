"""The course author's commands: ``m2m release``, ``audit``, ``check-ops`` and ``timings``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from m2m import impl as _impl


def _root() -> Path:
    return _impl.repo_root()


def cmd_release(args: argparse.Namespace) -> int:
    from m2m.release import bundles
    from m2m.release import tree as release
    from m2m.release.regions import RegionError

    root = _root()
    try:
        if args.project:
            if not args.out:
                print("m2m release --project needs --out DIR", file=sys.stderr)
                return 2
            files = bundles.bundle(root, args.project.lower(), Path(args.out))
            print(f"wrote the {args.project} bundle ({len(files)} files) to {args.out}")
            return 0
        if args.check:
            from m2m.release import oracles

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


def cmd_audit(args: argparse.Namespace) -> int:
    import time

    from m2m.grading.audit import audit

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

    from m2m.opchecks import checks as opcheck
    from m2m.runtime.engine import stub_message

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


def cmd_timings(args: argparse.Namespace) -> int:
    """``m2m timings [pNN ...] [--check]``."""
    from m2m import timings
    from m2m.grading.measure import measure, missing_and_stale
    from m2m.projects import select

    root = _root()
    try:
        names = [p.name for p in select(root, args.projects or None)]
        if args.check:
            bad = 0
            for name, (missing, stale) in missing_and_stale(root, names).items():
                for nodeid in missing:
                    print(f"{name}: no timing for {nodeid}")
                for nodeid in stale:
                    print(f"{name}: timing for a test that does not exist: {nodeid}")
                bad += len(missing) + len(stale)
            print("timings complete" if not bad else "run `m2m timings` to rewrite them")
            return 1 if bad else 0
        for name, records in measure(root, names).items():
            path = timings.timings_path(root / "tests", name)
            timings.write(path, records)
            times = timings.read(path)
            total = sum(info["seconds"] for info in times.values())
            print(
                f"{path.relative_to(root)}: {len(times)} tests, {total:.1f} s on the "
                f"reference; budget {timings.budget(times):g} s"
            )
    except ValueError as exc:
        print(f"m2m timings: {exc}", file=sys.stderr)
        return 2
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``release``, ``audit``, ``check-ops`` to the ``m2m`` parser."""
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

    from m2m import timings

    p = sub.add_parser(
        "timings",
        help="measure each test on the reference; time limits derive from it",
        description="Run each project's suite on the reference and write "
        "tests/<project>/timings.json, from which m2m grade and the nbgrader build derive "
        f"each test's limit (max({timings.FLOOR:g} s, {timings.FACTOR:g} x its time)) and a "
        f"grade's budget (max({timings.BUDGET_FLOOR:g} s, {timings.BUDGET_FACTOR:g} x the total)).",
    )
    p.add_argument("projects", nargs="*", help="projects to time (default: all)")
    p.add_argument("--check", action="store_true", help="only check that every test has one")
    p.set_defaults(func=cmd_timings)
