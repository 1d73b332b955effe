"""Time limits derived from the reference's own measured time.

Each project's suite has a committed ``tests/<project>/timings.json``: the seconds every
graded test took on the reference (setup, call and teardown), and the fixtures wider than
one test it shares. ``m2m timings [pNN ...]`` writes it by running the suite on the
reference through the grading engine; a course test fails when a graded test has no
entry. ``m2m grade`` and the nbgrader build both derive their limits from it, so a
submission gets the same limits in both:

- a test's limit is ``max(FLOOR, FACTOR x its reference seconds)``; a test that shares a
  fixture wider than one test (a model trained once per session) may be the one that pays
  for computing it, in whatever order the tests run, so every test of such a group is
  timed as the slowest of the group;
- a whole grade's budget is ``max(BUDGET_FLOOR, BUDGET_FACTOR x the reference's total)``;
  when it is spent the tests that have not run are reported as not run, with the reason;
- a test with no entry (a new test, or a suite without a file) gets ``UNTIMED_LIMIT``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from m2m.runtime.engine import Limits, TestRecord

TIMINGS_FILE = "timings.json"
FLOOR = 10.0  # seconds: no test gets less, whatever the reference measured
FACTOR = 10.0  # a test may take this many times the reference's time
BUDGET_FLOOR = 90.0  # seconds: no grade gets less
BUDGET_FACTOR = 3.0  # a grade may take this many times the reference's whole suite
UNTIMED_LIMIT = 60.0  # seconds for a test that has no timing entry


def timings_path(tests_dir: Path, project_name: str) -> Path:
    return Path(tests_dir) / project_name / TIMINGS_FILE


def read(path: Path) -> dict[str, dict]:
    """node id -> ``{"seconds": s, "shared": [...]}``; empty when there is no file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc}); rewrite it with `m2m timings`") from exc
    tests = data.get("tests") if isinstance(data, dict) else None
    if not isinstance(tests, dict):
        raise ValueError(f"{path}: expected an object with a 'tests' mapping")
    return tests


def read_projects(tests_dir: Path, project_names: Iterable[str]) -> list[dict[str, dict]]:
    """The timings of several projects' suites, one mapping per project."""
    return [read(timings_path(tests_dir, name)) for name in project_names]


ABOUT = (
    "seconds each test took on the reference (setup, call, teardown) and the wide "
    "fixtures it shares; written by `m2m timings`, read by m2m grade and the nbgrader "
    "build to derive time limits"
)
PUBLIC_ABOUT = (
    "the public tests' entries of the suite's timings (seconds on the reference and the "
    "wide fixtures shared); a test that shares a fixture with tests not shipped here "
    "carries the slowest time of its group, so its limit is the one m2m grade derives"
)


def write(path: Path, records: Iterable[TestRecord]) -> None:
    tests = {
        r.nodeid: {"seconds": round(float(r.seconds), 3), "shared": list(r.shared)}
        for r in sorted(records, key=lambda r: r.nodeid)
    }
    Path(path).write_text(dumps(tests), encoding="utf-8")


def dumps(tests: dict[str, dict], about: str = ABOUT) -> str:
    """The text of a timings file holding ``tests`` (node id -> entry)."""
    # One line per test: a new measurement shows as a readable diff.
    lines = [f"  {json.dumps(n, ensure_ascii=False)}: {json.dumps(v)}" for n, v in tests.items()]
    return f'{{\n "about": {json.dumps(about)},\n "tests": {{\n' + ",\n".join(lines) + "\n }\n}\n"


MIN_SECONDS = 0.01  # a test that measured nothing still costs its share of a run


def units(tests: Iterable[dict]) -> list[tuple[float, list[str]]]:
    """Groups of node ids that must share a process, with their measured seconds, in the
    order of their first test."""
    tests = list(tests)
    parent = list(range(len(tests)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, test in enumerate(tests):
        for fixture in test.get("shared") or ():
            j = owner.setdefault(fixture, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(tests)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        seconds = sum(max(float(tests[i].get("seconds") or 0.0), MIN_SECONDS) for i in members)
        out.append((seconds, [tests[i]["nodeid"] for i in members]))
    return out


def only(timings: dict[str, dict], keep: Callable[[str], bool]) -> dict[str, dict]:
    """The entries of the node ids ``keep`` accepts, for a copy of the suite that holds only
    those tests (a bundle's public tests). Each kept test that shares a wide fixture is
    given the seconds of the slowest test of its group in the whole suite, since it may be
    the one that pays for the fixture there: :func:`test_limits` then derives the same
    limit from the smaller file as from the whole one."""
    slowest: dict[str, float] = {}
    for _, nodeids in units({"nodeid": n, **info} for n, info in timings.items()):
        base = max(float(timings[n].get("seconds") or 0.0) for n in nodeids)
        slowest.update((n, base) for n in nodeids)
    return {
        n: {**info, "seconds": slowest[n]} if info.get("shared") else dict(info)
        for n, info in timings.items()
        if keep(n)
    }


def test_limits(timings: dict[str, dict]) -> dict[str, float]:
    """node id -> seconds: ``max(FLOOR, FACTOR x base)``, where ``base`` is the slowest
    test of the group of tests sharing a wide fixture with it (the test alone if none)."""
    tests = [{"nodeid": n, **info} for n, info in timings.items()]
    limits: dict[str, float] = {}
    for _, nodeids in units(tests):
        base = max(float(timings[n].get("seconds") or 0.0) for n in nodeids)
        for n in nodeids:
            limits[n] = round(max(FLOOR, FACTOR * base), 1)
    return limits


test_limits.__test__ = False  # a function named test_*, not a test


def budget(timings: dict[str, dict]) -> float:
    """Seconds for a whole grade of these tests."""
    total = sum(float(info.get("seconds") or 0.0) for info in timings.values())
    return round(max(BUDGET_FLOOR, BUDGET_FACTOR * total), 1)


def limits_for(
    timings: dict[str, dict] | list[dict[str, dict]],
    *,
    timeout: float | None = None,
    budget_s: float | None = None,
    memory_mb: int | None = None,
    rename=None,
) -> Limits:
    """The engine's limits for a run of the tests in ``timings``.

    ``timings`` is one suite's, or a list of suites graded in one run (the budget is then
    the sum of theirs). ``timeout`` gives every test that many seconds instead;
    ``budget_s`` replaces the derived budget; ``rename`` maps the repository's node ids
    to the ones the run will see (an nbgrader assignment moves hidden tests).
    """
    rename = rename or (lambda nodeid: nodeid)
    # Several projects graded in one run: each brings its own budget.
    suites = [timings] if isinstance(timings, dict) else list(timings)
    tests = {}
    if not timeout:
        for suite in suites:
            tests.update((rename(n), s) for n, s in test_limits(suite).items())
    limits = Limits(
        tests=tests,
        default=float(timeout or UNTIMED_LIMIT),
        budget=float(budget_s) if budget_s else sum(budget(suite) for suite in suites),
    )
    if memory_mb is not None:
        limits.memory_mb = memory_mb
    return limits
