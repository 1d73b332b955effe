"""``m2m check-ops``: the grade's generic op checks, run by a learner on their own ops."""

from __future__ import annotations

from pathlib import Path

from .conftest import REPO, learner_tree, m2m


def test_the_reference_passes_every_op_check_of_a_task():
    proc = m2m("check-ops", "p08", "--task", "1", "--impl", "solutions", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "✓ softmax" in proc.stdout and "✓ log_softmax" in proc.stdout
    assert "8/8 op checks passed" in proc.stdout, proc.stdout


def test_unfinished_ops_fail_with_the_stub_pointer(tmp_path: Path):
    clone = learner_tree(REPO, tmp_path / "clone", projects=["p08"])  # every stub unfilled
    proc = m2m("check-ops", "p08", "--task", "2", "--impl", "learner", cwd=clone)
    assert proc.returncode == 1
    assert "✗ cross_entropy" in proc.stdout
    assert "not implemented yet: P08 Task 2" in proc.stdout, proc.stdout


def test_a_project_without_ops_is_a_clear_error():
    proc = m2m("check-ops", "p01", cwd=REPO)
    assert proc.returncode == 2 and "p01 has no registered ops" in proc.stderr
