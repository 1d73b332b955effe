"""m2m.testing: the helpers the graded suites' conftest files share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from m2m.testing import memo

from .conftest import REPO


def test_memo_runs_once_and_replays_the_value():
    calls: list[int] = []

    def run() -> list[int]:
        calls.append(1)
        return [len(calls)]

    cached = memo(run)
    assert cached() == [1] and cached() is cached()
    assert calls == [1]


def test_memo_replays_the_error_without_running_again():
    calls: list[int] = []

    def run() -> None:
        calls.append(1)
        raise NotImplementedError("P04 Task 1 · f (shared/x.py) — see projects/p04_x/README.md")

    cached = memo(run)
    for _ in range(2):
        with pytest.raises(NotImplementedError, match="P04 Task 1"):
            cached()
    assert calls == [1]


def test_no_suite_keeps_its_own_copy_of_memo():
    copies = [
        p.relative_to(REPO).as_posix()
        for p in sorted((REPO / "tests").glob("p*/conftest.py"))
        if re.search(r"^def _?memo\(", p.read_text(encoding="utf-8"), re.M)
    ]
    assert not copies, f"use m2m.testing.memo instead of a copy in {copies}"


def test_the_helper_module_needs_only_the_standard_library():
    import ast

    import m2m.testing as mod

    tree = ast.parse(Path(mod.__file__).read_text(encoding="utf-8"))
    roots = {
        (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names
    }
    standard = {"collections", "typing", "hashlib", "importlib", "pathlib", "sys", "types"}
    assert roots <= standard | {"__future__"}, roots


def test_hidden_support_is_loaded_from_beside_the_test_once(tmp_path: Path):
    from m2m.testing import hidden_support

    folder = tmp_path / "tests_hidden" / "p07_x"
    folder.mkdir(parents=True)
    (folder / "hidden_oracles.py").write_text(
        "import itertools\n\nLOADS = next(itertools.count())\n"
    )
    test_file = folder / "test_conv.py"
    first = hidden_support(test_file, "oracles")
    assert first.LOADS == 0 and hidden_support(str(test_file), "oracles") is first
    # Another folder's file of the same name is another module.
    other = tmp_path / "tests" / "p07_x"
    other.mkdir(parents=True)
    (other / "hidden_oracles.py").write_text("LOADS = 'other'\n")
    assert hidden_support(other / "test_conv.py", "oracles").LOADS == "other"
    with pytest.raises(ImportError, match=r"hidden_refs\.py is missing beside test_conv\.py"):
        hidden_support(test_file, "refs")


def test_hidden_support_gives_fixtures_to_the_test_module_that_takes_them(tmp_path: Path):
    """A fixture of a hidden support module, assigned in a test module, is that module's
    fixture: the way hidden tests use their oracles."""
    import subprocess
    import sys

    (tmp_path / "hidden_oracles.py").write_text(
        "import pytest\n\n\n@pytest.fixture\ndef double_ref():\n    return lambda x: 2 * x\n"
    )
    (tmp_path / "test_uses_it.py").write_text(
        "from m2m.testing import hidden_support\n\n"
        'double_ref = hidden_support(__file__, "oracles").double_ref\n\n\n'
        "def test_double(double_ref):\n    assert double_ref(3) == 6\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--import-mode=importlib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
