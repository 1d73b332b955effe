"""The implementation switch: one place, explicit choice > environment > learner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import shared
from m2m import impl as _impl

from .conftest import REPO


def test_this_session_imports_the_selected_tree(request):
    choice = _impl.resolve(request.config.getoption("impl"))
    expected = REPO / "solutions" / "shared" if choice == "solutions" else REPO / "shared"
    assert Path(shared.__file__).resolve().parent == expected.resolve()


def test_resolution_order(monkeypatch):
    monkeypatch.delenv("M2M_IMPL", raising=False)
    assert _impl.resolve() == "learner"
    monkeypatch.setenv("M2M_IMPL", "solutions")
    assert _impl.resolve() == "solutions"
    assert _impl.resolve("learner") == "learner"
    with pytest.raises(_impl.ImplError, match="unknown implementation 'reference'"):
        _impl.resolve("reference")


def test_tree_roots():
    assert _impl.tree_root("learner", REPO) == REPO
    assert _impl.tree_root("solutions", REPO) == REPO / "solutions"


def _probe(code: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = _impl.subprocess_env("learner", REPO)
    env.pop("M2M_IMPL")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )


def test_activate_puts_the_tree_first_even_when_cwd_holds_the_other():
    proc = _probe(
        "from m2m import impl; impl.activate('solutions'); import shared; print(shared.__file__)"
    )
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()).parent == (REPO / "solutions" / "shared")


def test_activate_refuses_a_mix_of_trees():
    proc = _probe("import shared; from m2m import impl; impl.activate('solutions')")
    assert proc.returncode != 0
    assert "'shared' was already imported from" in proc.stderr


def test_pytest_option_and_env_reach_the_plugin(tmp_path: Path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("import shared\n\ndef test_where():\n    print('TREE', shared.__file__)\n")
    for args, env, want in (
        (["--impl", "solutions"], {}, "solutions"),
        ([], {"M2M_IMPL": "solutions"}, "solutions"),
        ([], {}, "learner"),
    ):
        base = _impl.subprocess_env("learner", REPO)
        base.pop("M2M_IMPL")
        base.update(env)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                str(probe),
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
                "-p",
                "m2m.pytest_plugin",
                *args,
            ],
            cwd=REPO,
            env=base,
            capture_output=True,
            text=True,
            check=False,
        )
        line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("TREE"))
        in_solutions = "/solutions/shared/" in line
        assert in_solutions == (want == "solutions"), (args, env, line)
