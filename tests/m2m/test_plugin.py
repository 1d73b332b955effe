"""The course's pytest plugin: the hypothesis profile loaded only when hypothesis is, and
what ``--m2m-report`` records for each test (its time and the fixtures it shares)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import write


def run_pytest(folder: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "m2m.pytest_plugin", "-p", "no:cacheprovider"]
        + ["-q", "-W", "error", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_hypothesis_is_not_imported_until_a_test_needs_it_and_then_gets_the_profile(
    tmp_path: Path, clean_env
):
    write(
        tmp_path / "test_a_plain.py",
        """
        import sys

        def test_hypothesis_not_loaded_by_the_plugin():
            assert "hypothesis" not in sys.modules
        """,
    )
    write(
        tmp_path / "test_b_late.py",
        """
        def test_late_import_sees_the_course_profile():
            from hypothesis import given, settings, strategies as st

            assert settings.default.derandomize and settings.default.deadline is None
            seen = []

            @settings(max_examples=7)
            @given(st.integers())
            def inner(x):
                seen.append(x)

            inner()
            assert settings(max_examples=3).derandomize, "new settings inherit the profile"
            assert 0 < len(seen) <= 7
        """,
    )
    # -W error: a profile registered at the wrong moment would warn, and fail here.
    proc = run_pytest(tmp_path, clean_env, "-p", "no:randomly")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 passed" in proc.stdout


def test_report_records_each_tests_time_and_the_fixtures_it_shares(tmp_path: Path, clean_env):
    write(
        tmp_path / "conftest.py",
        """
        import pytest

        @pytest.fixture(scope="session")
        def trained():
            return 1

        @pytest.fixture(scope="module")
        def table():
            return 2

        @pytest.fixture
        def fresh():
            return 3
        """,
    )
    write(
        tmp_path / "test_shares.py",
        """
        import time

        def test_slow(trained):
            time.sleep(0.2)

        def test_module_and_function(table, fresh, tmp_path):
            pass

        def test_alone():
            pass
        """,
    )
    report = tmp_path / "report.jsonl"
    proc = run_pytest(tmp_path, clean_env, f"--m2m-report={report}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = {
        e["test"]["nodeid"].split("::")[1]: e["test"]
        for e in map(json.loads, report.read_text().splitlines())
        if e["event"] == "result"
    }
    assert results["test_slow"]["shared"] == ["trained"]
    # Module scope is per file; function scope and pytest's own fixtures (tmp_path's
    # session-wide factory) are not shared work.
    assert results["test_module_and_function"]["shared"] == ["test_shares.py::table"]
    assert results["test_alone"]["shared"] == []
    assert results["test_slow"]["seconds"] >= 0.2 > results["test_alone"]["seconds"]


def test_last_line_is_the_error_at_the_end_of_a_report():
    from m2m.runtime.engine import last_line

    report = "def test_x():\n>       assert f() == 2\nE       AssertionError: f() was 1\n\n"
    assert last_line(report) == "E       AssertionError: f() was 1"
    assert last_line("  \n\n") == ""
    assert last_line("x" * 500, limit=10) == "x" * 10


def test_public_tests_on_the_learner_tree_name_what_the_grade_sees_differently(
    tmp_path: Path, clean_env
):
    """A learner who edits given code sees, at the end of a plain pytest run, that the
    grade will not use that edit; an untouched tree prints nothing of the kind."""
    from .conftest import REPO, learner_tree

    tree = learner_tree(REPO, tmp_path / "clone", projects=["p01"])
    public = "tests/p01_manual_neuron/test_public.py"
    quiet = run_pytest(tree, clean_env, public)
    assert "grades differently" not in quiet.stdout
    path = tree / "shared" / "activations.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"""Logistic function', '"""Edited: logistic function', 1))
    edited = run_pytest(tree, clean_env, public)
    assert "what m2m grade grades differently" in edited.stdout, edited.stdout[-2000:]
    assert "shared/activations.py were ignored" in edited.stdout
