"""Which of a project's tests are hidden, and what a learner receives of them.

Decided in one place, :func:`is_hidden_test_path`: the public tests (``test_public*.py``)
and their support (``conftest.py``, data files) ship with a bundle and an nbgrader release;
every other test file and every file or folder named ``hidden_*`` (hidden support: the
hidden tests' oracles) stays behind. The timings file ships with the public tests' entries
only. :func:`hidden_tests` and :func:`mentions` find a hidden test's name in what ships.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from m2m.release.tree import ignored
from m2m.testing import HIDDEN_PREFIX


def is_hidden_test_path(rel: str | Path) -> bool:
    """True for a file of a project's test folder (``rel`` relative to that folder) that
    travels only with the hidden tests: a test file other than ``test_public*``, or hidden
    support, a file or folder whose name starts with ``hidden_`` (the hidden tests'
    oracles). Bundles and nbgrader releases leave these out; ``m2m grade`` and the
    nbgrader course's ``tests_hidden/`` keep them beside the hidden tests."""
    parts = Path(rel).parts
    if any(part.startswith(HIDDEN_PREFIX) for part in parts):
        return True
    name = parts[-1] if parts else ""
    return name.startswith("test_") and not name.startswith("test_public")


def shipped_test_files(root: Path, project_dir: str) -> dict[str, bytes]:
    """``tests/...`` path -> bytes of what a learner receives of one project's tests: the
    root ``tests/conftest.py``, the public tests and their support, and the timings of the
    public tests only (a hidden test's node id names what it checks)."""
    from m2m import timings as _timings

    root = Path(root)
    tests_dir = root / "tests" / project_dir
    files: dict[str, bytes] = {}
    for path in sorted(tests_dir.rglob("*")):
        rel = path.relative_to(tests_dir)
        if not path.is_file() or ignored(rel) or is_hidden_test_path(rel):
            continue
        data = path.read_bytes()
        if rel.as_posix() == _timings.TIMINGS_FILE:
            public = _timings.only(
                _timings.read(path),
                lambda nodeid: not is_hidden_test_path(_in_folder(nodeid, project_dir)),
            )
            data = _timings.dumps(public, _timings.PUBLIC_ABOUT).encode("utf-8")
        files[f"tests/{project_dir}/{rel.as_posix()}"] = data
    if (root / "tests" / "conftest.py").is_file():
        files["tests/conftest.py"] = (root / "tests" / "conftest.py").read_bytes()
    return files


TEST_NAME = re.compile(r"\btest_\w+")
NODE_FILE = re.compile(r"\b(test_\w+\.py)::")  # the file part of a node id


def test_names(path: Path) -> set[str]:
    """The names of the tests a test file defines: module-level ``test_*`` functions and
    the ``test_*`` methods of its ``Test*`` classes."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return set()
    names = set()
    for node in tree.body:
        scope = (
            node.body if isinstance(node, ast.ClassDef) and node.name.startswith("Test") else [node]
        )
        for fn in scope:
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.name.startswith(
                "test_"
            ):
                names.add(fn.name)
    return names


test_names.__test__ = False  # a function named test_*, not a test


def hidden_tests(root: Path, project_dir: str) -> tuple[set[str], set[str]]:
    """(names, files) of one project's hidden tests: the test names that only hidden test
    files define (a name a public test shares names the public one), and those files'
    names. Nothing a learner receives of the project may name them."""
    tests_dir = Path(root) / "tests" / project_dir
    hidden, public, files = set(), set(), set()
    for path in sorted(tests_dir.rglob("test_*.py")):
        rel = path.relative_to(tests_dir)
        if ignored(rel):
            continue
        if is_hidden_test_path(rel):
            hidden |= test_names(path)
            files.add(path.name)
        else:
            public |= test_names(path)
    return hidden - public, files


def mentions(text: str, names: set[str], files: set[str]) -> list[str]:
    """The hidden tests ``text`` names: one of ``names``, or a node id of one of ``files``
    (``test_x.py::``, as a timings file or a report would write it)."""
    found = names & set(TEST_NAME.findall(text))
    found |= {f"{f}::" for f in files & set(NODE_FILE.findall(text))}
    return sorted(found)


def _in_folder(nodeid: str, project_dir: str) -> str:
    """The test file of ``nodeid`` relative to its project's test folder."""
    path = nodeid.partition("::")[0]
    prefix = f"tests/{project_dir}/"
    return path[len(prefix) :] if path.startswith(prefix) else path
