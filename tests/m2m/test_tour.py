"""m2m demo and m2m tour on the real course."""

from __future__ import annotations

from pathlib import Path

from m2m.projects import discover

from .conftest import REPO, learner_tree, m2m


def test_demo_on_a_stub_says_what_is_missing(tmp_path: Path, clean_env):
    first = discover(REPO)[0]
    tree = learner_tree(REPO, tmp_path / "clone", projects=[first.id])
    proc = m2m("demo", first.id, cwd=tree, env=clean_env, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert f"{first.id}: not implemented yet: {first.id.upper()} Task" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_tour_runs_a_demo_and_prints_the_summary(tmp_path: Path, clean_env):
    first = discover(REPO)[0]
    env = dict(clean_env, M2M_OUT_DIR=str(tmp_path / "out"))
    proc = m2m("tour", first.id, cwd=REPO, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Tour summary" in proc.stdout
    row = next(ln for ln in proc.stdout.splitlines() if ln.startswith(first.id + " "))
    assert " ok " in row
    figures = list((tmp_path / "out" / first.id).glob("*.png"))
    assert figures, "the demo saved no figure"
    assert (tmp_path / "out" / first.id / "metrics.json").is_file()
