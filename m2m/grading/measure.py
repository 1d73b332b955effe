"""Measuring the reference's time for every graded test (``m2m timings``), and checking that
every graded test has a committed time (``m2m timings --check``). The times themselves, and
the limits derived from them, are :mod:`m2m.timings`."""

from __future__ import annotations

from pathlib import Path

from m2m.grading import sandbox
from m2m.projects import select
from m2m.runtime.engine import TestRecord
from m2m.timings import read, timings_path


def measure(root: Path, project_names: list[str]) -> dict[str, list[TestRecord]]:
    """Run each project's suite on the reference (in a grading sandbox, one BLAS thread,
    generous limits) and return its records; raises ValueError when the reference does
    not pass every test, since its times would then mean nothing."""
    out = {}
    for project in select(root, project_names):
        opts = sandbox.RunOptions(timeout=600, budget=3600)
        result, _ = sandbox.run(root, "solutions", [project], opts)
        bad = [r for r in result.tests.values() if r.outcome not in ("passed", "skipped")]
        if bad or result.collect_errors or not result.tests:
            detail = "; ".join(f"{r.nodeid}: {r.message}" for r in bad[:5]) or str(
                result.collect_errors[:3] or "no test collected"
            )
            raise ValueError(f"the reference does not pass {project.name}: {detail}")
        out[project.name] = list(result.tests.values())
    return out


def missing_and_stale(root: Path, project_names: list[str]) -> dict[str, tuple[list, list]]:
    """For each project: the graded tests (collected on the reference) without a timing
    entry, and the entries that name no graded test."""
    projects = select(root, project_names)
    result, _ = sandbox.run(root, "solutions", projects, sandbox.RunOptions(), collect_only=True)
    out = {}
    for project in projects:
        collected = {n for n in result.tests if n.startswith(f"tests/{project.name}/")}
        timed = set(read(timings_path(root / "tests", project.name)))
        out[project.name] = (sorted(collected - timed), sorted(timed - collected))
    return out
