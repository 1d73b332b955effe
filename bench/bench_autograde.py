"""Time nbgrader's autograde of one submission, per project, as an instructor runs it.

Builds a course from this repository into a temporary folder (``m2m nbgrader build``,
which also times each suite on the reference), releases it, hands in the reference
solution of each project as student ``reference``, then times
``m2m nbgrader autograde -C COURSE pNN --student reference`` (the whole command: start-up,
nbgrader, the kernel, the tests, the score printout) ``--repeat`` times and checks that
the score is full marks.

    python bench/bench_autograde.py                 # every project, 3 runs each
    python bench/bench_autograde.py --projects p01 p08 --repeat 5

Needs the instructor extra (``pip install -e '.[instructor]'``). The bar (DESIGN section
6): at most 10 s per submission on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BAR_SECONDS = 10.0


def hand_in_reference(course: Path, name: str, project: str) -> None:
    """``submitted/reference/NAME``: the released folder with the reference of this
    project and every earlier one filled in."""
    from m2m.release.tree import Source, project_number

    target = course / "submitted" / "reference" / name
    shutil.copytree(course / "release" / name, target)
    n = project_number(project)
    for rel, data in Source(REPO).generate(lambda r: project_number(r.project) <= n).items():
        if (target / rel).is_file():
            (target / rel).write_bytes(data)


def time_autograde(course: Path, project: str) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "m2m", "nbgrader", "autograde", "-C", str(course)]
    start = time.perf_counter()
    proc = subprocess.run(
        [*cmd, project, "--student", "reference"],
        cwd=course,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"autograde of {project} failed:\n{proc.stdout}\n{proc.stderr}")
    return seconds, proc.stdout.strip().splitlines()[-1].split()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", nargs="+", default=None, help="default: every project")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per project")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")

    from m2m.nbgrader import course as nbg

    with tempfile.TemporaryDirectory(prefix="m2m-bench-course-") as tmp:
        course = Path(tmp) / "course"
        start = time.perf_counter()
        built = nbg.build(REPO, course, args.projects)
        print(f"build: {len(built)} assignments in {time.perf_counter() - start:.1f} s")
        nbg.release(course, [a.project for a in built])
        print(f"\n{'project':<8}{'median':>8}{'min':>7}{'max':>7}  score    runs (s)")
        worst = 0.0
        for a in built:
            hand_in_reference(course, a.name, a.project)
            runs, score = [], ""
            for _ in range(args.repeat):
                seconds, score = time_autograde(course, a.project)
                runs.append(seconds)
            if score != f"{a.points:g}/{a.points:g}":
                raise SystemExit(f"{a.project}: the reference scored {score}, not full marks")
            median = statistics.median(runs)
            worst = max(worst, median)
            listed = " ".join(f"{r:.1f}" for r in runs)
            print(
                f"{a.project:<8}{median:>7.1f}s{min(runs):>6.1f}s{max(runs):>6.1f}s  "
                f"{score:<8} {listed}"
            )
    verdict = "within" if worst <= BAR_SECONDS else "OVER"
    print(f"\nslowest median {worst:.1f} s: {verdict} the bar of {BAR_SECONDS:g} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
