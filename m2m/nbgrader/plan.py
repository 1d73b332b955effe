"""How an assignment's tests are spread over processes when nbgrader grades a submission.

Autograding runs the whole suite of a submission once, in a few pytest processes side by
side, and every task cell reads its tests' results from that run (see :mod:`m2m.runtime.check`). The
plan says which tests go to which process. It is made when the course is built, from one
run of the suite on the reference:

- tests that share a fixture wider than one test (a trained model kept for the session,
  a module's report) form one unit, so that fixture is computed once;
- units are handed out longest first, each to the process with the least work so far
  (the classic longest-processing-time rule, within 4/3 of the best split).

The plan also carries each test's time limit, the budget of one run and each test's
points (see :mod:`m2m.timings`). It lives in ``tests_hidden/``: it names hidden tests, so
it is never released, and the helper copies it from ``source/`` into each submission it
grades.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from m2m.timings import units

PLAN_NAME = "m2m_plan.json"
DEFAULT_JOBS = 2  # processes per submission: the cores of a small grading machine


def plan_shards(tests: Iterable[dict], jobs: int = DEFAULT_JOBS) -> list[dict]:
    """At most ``jobs`` shards, each ``{"seconds": s, "tests": [node ids]}``; the node ids
    of a shard keep the suite's order. Empty shards are dropped."""
    if jobs < 1:
        raise ValueError(f"plan_shards: jobs must be at least 1, got {jobs}")
    tests = list(tests)
    order = {t["nodeid"]: k for k, t in enumerate(tests)}
    loads = [0.0] * jobs
    members: list[list[str]] = [[] for _ in range(jobs)]
    # Longest first; ties keep the suite's order so the plan is the same on every build.
    for seconds, nodeids in sorted(units(tests), key=lambda u: (-u[0], order[u[1][0]])):
        k = min(range(jobs), key=lambda j: (loads[j], j))
        loads[k] += seconds
        members[k].extend(nodeids)
    return [
        {"seconds": round(load, 3), "tests": sorted(ids, key=order.__getitem__)}
        for load, ids in zip(loads, members, strict=True)
        if ids
    ]


def write_plan(
    path: Path,
    shards: list[dict],
    *,
    limits: dict[str, float] | None = None,
    budget: float | None = None,
    points: dict[str, float] | None = None,
) -> None:
    """Write the plan the grading helper reads: the shards, and (when given) each test's
    time limit in seconds, the budget of one run and each test's points."""
    data: dict = {"shards": shards}
    if limits is not None:
        data["limits"] = limits
    if budget is not None:
        data["budget"] = budget
    if points is not None:
        data["points"] = points
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
