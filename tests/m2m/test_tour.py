"""m2m demo and m2m tour on the real course."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from m2m import doctor
from m2m.projects import discover
from m2m.release import tree as release

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


def _without_solutions(mini_course: Path) -> Path:
    """A learner's checkout: the generated tree and the tests, no reference."""
    release.release(mini_course)
    shutil.rmtree(mini_course / "solutions")
    return mini_course


@pytest.mark.parametrize("command", ["demo", "tour"])
def test_an_unknown_project_is_one_line_and_exit_2(command: str, clean_env):
    proc = m2m(command, "p99", cwd=REPO, env=clean_env, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    known = ", ".join(p.id for p in discover(REPO))
    assert proc.stderr.strip() == f"m2m {command}: unknown project 'p99'; known: {known}"


def test_tour_without_solutions_says_why_and_what_to_run(mini_course: Path, clean_env):
    root = _without_solutions(mini_course)
    for args in (["tour"], ["demo", "p01", "--impl", "solutions"]):
        proc = m2m(*args, cwd=root, env=clean_env, timeout=120)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "this checkout has no solutions/" in proc.stderr, proc.stderr
        assert "m2m demo pNN --impl learner" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_make_demo_without_solutions_says_what_to_run(mini_course: Path, clean_env):
    root = _without_solutions(mini_course)
    shutil.copy2(REPO / "Makefile", root / "Makefile")
    if shutil.which("make") is None:
        pytest.skip("needs make")
    proc = subprocess.run(
        ["make", "-s", "demo"], cwd=root, env=clean_env, capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "this checkout has no solutions/" in proc.stderr, proc.stderr
    assert "m2m demo pNN --impl learner" in proc.stderr
    assert not (root / ".venv").exists(), "make demo installed before saying it cannot run"


def test_doctor_names_a_missing_solutions_folder(mini_course: Path):
    root = _without_solutions(mini_course)
    lines: list[str] = []
    doctor.run("learner", root, out=lines.append)
    assert not any("in step with solutions/" in ln for ln in lines), lines
    assert any("no solutions/ in this checkout" in ln for ln in lines), lines


def test_isolated_grade_without_solutions_says_it_needs_them(mini_course: Path, clean_env):
    root = _without_solutions(mini_course)
    proc = m2m("grade", "p01", "--isolated", cwd=root, env=clean_env, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "--isolated needs the reference tree solutions/" in proc.stderr
    assert "Traceback" not in proc.stderr
