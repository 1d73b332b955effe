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
    assert roots <= {"__future__", "collections", "typing"}, roots
