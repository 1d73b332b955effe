"""Fixtures for the tooling's own tests: a tiny synthetic course and scratch learner trees."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from m2m import impl as _impl
from m2m.release.tree import IGNORED_PARTS, Source, write_tree

REPO = _impl.repo_root()

# Checks that run one project's whole bundle or grade (seconds each) cover every project in
# `make test-slow`; `make test` runs them on these two, so it stays within its minutes as
# the course grows: P01 (the smallest) and P08 (datasets, registered ops, a training run).
FAST_SAMPLE = ("p01", "p08")


def per_project(ids: list[str]) -> list:
    """``parametrize`` values: one per project id, all but :data:`FAST_SAMPLE` marked slow."""
    return [
        pytest.param(i) if i[:3] in FAST_SAMPLE else pytest.param(i, marks=pytest.mark.slow)
        for i in ids
    ]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A two-project course with one shared module, small enough to reason about by hand."""
    root = tmp_path / "course"
    write(root / "pyproject.toml", (REPO / "pyproject.toml").read_text())
    write(root / "tests" / "conftest.py", (REPO / "tests" / "conftest.py").read_text())
    write(root / "solutions" / "shared" / "__init__.py", "")
    write(
        root / "solutions" / "shared" / "core.py",
        '''
        def double(x):
            """2x."""
            ### BEGIN SOLUTION p01.t1
            secret_double_line = 2 * x
            return secret_double_line
            ### END SOLUTION


        def triple(x):
            """3x."""
            ### BEGIN SOLUTION p02.t1
            secret_triple_line = 3 * x
            return secret_triple_line
            ### END SOLUTION
        ''',
    )
    write(root / "solutions" / "projects" / "__init__.py", "")
    write(root / "solutions" / "projects" / "p01_first" / "__init__.py", "")
    write(
        root / "solutions" / "projects" / "p01_first" / "README.md",
        '# P01 · First\n\n<a id="task-1"></a>\n### Task 1 · double\n\n'
        '<a id="task-2"></a>\n### Task 2 · quad\n',
    )
    write(
        root / "solutions" / "projects" / "p01_first" / "ops.py",
        '''
        from shared.core import double


        class Ops:
            def quad(self, x):
                """4x, built on double."""
                ### BEGIN SOLUTION t2
                secret_quad_line = double(double(x))
                return secret_quad_line
                ### END SOLUTION
        ''',
    )
    (root / "solutions" / "projects" / "p01_first" / "blob.bin").write_bytes(bytes(range(256)))
    write(root / "solutions" / "projects" / "p02_second" / "__init__.py", "")
    write(
        root / "solutions" / "projects" / "p02_second" / "README.md",
        '# P02 · Second\n\n<a id="task-1"></a>\n### Task 1 · triple\n',
    )
    write(
        root / "tests" / "p01_first" / "test_public.py",
        """
        import pytest

        from shared.core import double

        pytestmark = pytest.mark.public


        @pytest.mark.task(1)
        @pytest.mark.points(2)
        def test_double():
            assert double(3) == 6
        """,
    )
    write(
        root / "tests" / "p01_first" / "test_hidden.py",
        """
        import pytest

        from projects.p01_first.ops import Ops


        @pytest.mark.task(2)
        @pytest.mark.points(3)
        def test_quad():
            assert Ops().quad(2) == 8


        @pytest.mark.task(1)
        def test_double_negative():
            from shared.core import double
            assert double(-1) == -2
        """,
    )
    write(
        root / "solutions" / "projects" / "p02_second" / "six.py",
        """
        from shared.core import double, triple


        def sextuple(x):
            \"\"\"6x: P01's double on top of P02's triple (given code, no region).\"\"\"
            return double(triple(x))
        """,
    )
    write(
        root / "tests" / "p02_second" / "test_public.py",
        """
        import pytest

        from projects.p02_second.six import sextuple
        from shared.core import triple

        pytestmark = pytest.mark.public


        @pytest.mark.task(1)
        def test_triple():
            assert triple(2) == 6


        @pytest.mark.task(1)
        @pytest.mark.points(2)
        def test_sextuple():
            assert sextuple(1) == 6
        """,
    )
    return root


def learner_tree(
    source_root: Path,
    dest: Path,
    keep: Callable = lambda region: False,
    projects: list[str] | None = None,
) -> Path:
    """A scratch clone of ``source_root``: tests, pyproject, solutions and a learner tree in
    which the regions accepted by ``keep`` are filled from the reference."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source_root / "pyproject.toml", dest / "pyproject.toml")
    ignore = shutil.ignore_patterns(*IGNORED_PARTS, "*.pyc")
    shutil.copytree(source_root / "solutions", dest / "solutions", ignore=ignore)
    tests = dest / "tests"
    tests.mkdir()
    shutil.copy2(source_root / "tests" / "conftest.py", tests / "conftest.py")
    for d in sorted((source_root / "tests").iterdir()):
        if d.is_dir() and d.name[:1] == "p" and (projects is None or d.name[:3] in projects):
            shutil.copytree(d, tests / d.name, ignore=ignore)
    write_tree(dest, Source(dest).generate(keep))
    return dest


def m2m(*args: str, cwd: Path, env: dict | None = None, timeout: int = 600):
    """Run the m2m CLI in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "m2m", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> dict:
    """The environment without the course variables that this test session set."""
    import os

    env = dict(os.environ)
    for key in ("M2M_IMPL", "M2M_ROOT", "M2M_OUT_DIR", "PYTHONPATH"):
        env.pop(key, None)
    env["M2M_DATA_DIR"] = str(REPO / "data")
    return env
