"""m2m audit: a region whose stubbing no test notices is found and reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from m2m.grading.audit import audit

from .conftest import REPO, m2m, write


def test_audit_finds_the_uncovered_region(mini_course: Path, clean_env):
    write(
        mini_course / "solutions" / "projects" / "p01_first" / "extra.py",
        """
        def untested(x):
            ### BEGIN SOLUTION t2
            return x + 1
            ### END SOLUTION
        """,
    )
    findings = audit(mini_course, progress=lambda line: None)
    verdict = {f.region.qualname: f.how for f in findings}
    assert verdict == {
        "double": "task tests",
        "triple": "task tests",
        "Ops.quad": "task tests",
        "untested": "not caught",
    }
    proc = m2m("audit", "p01", cwd=mini_course, env=clean_env)
    assert proc.returncode == 1
    assert (
        "projects/p01_first/extra.py:2  P01 Task 2 · untested: stubbing it fails no test"
        in proc.stdout
    )


@pytest.mark.slow
def test_every_region_of_the_course_is_caught_by_its_owner():
    findings = audit(REPO, progress=lambda line: None, jobs=2)
    assert findings
    missed = [
        f"{f.region.path}:{f.region.begin} {f.region.label}" for f in findings if not f.caught
    ]
    assert not missed, "regions no test notices when stubbed:\\n" + "\\n".join(missed)
